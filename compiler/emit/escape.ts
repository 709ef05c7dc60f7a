/**
 * Policy text in generated code. Titles, labels, notes, sources, quotes and names are the
 * drafter's words, untrusted: they reach generated TypeScript and JavaScript only through
 * these functions, one per context, so that no text can end its string or comment and be
 * read as code.
 *
 * In a string literal every character keeps its value (the literal evaluates to the text).
 * In a comment the text stays readable, with what could end the comment or hide in it
 * written as an escape: a backslash as `\\`, line terminators (`\n`, `\r`, U+2028, U+2029,
 * all of which end a `//` comment in JavaScript), other control and invisible format
 * characters (bidirectional overrides, zero-width spaces) and lone surrogates as `\uXXXX`,
 * and in a block comment the `*` `/` that would end it as `*\/`.
 */

/**
 * Characters that end a line, control or reorder what is shown, or cannot be written in
 * UTF-8 (lone surrogates): never written raw into generated code.
 */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

const SHORT_ESCAPES: { readonly [character: string]: string } = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `\n`, or `\uXXXX` per UTF-16 unit (two for a character beyond U+FFFF). */
function unicodeEscape(character: string): string {
  const short = SHORT_ESCAPES[character];
  if (short !== undefined) return short;
  let escaped = "";
  for (let i = 0; i < character.length; i++) escaped += `\\u${character.charCodeAt(i).toString(16).padStart(4, "0")}`;
  return escaped;
}

/** A JavaScript string literal whose value is `text`. */
export function stringLiteral(text: string): string {
  // JSON.stringify escapes quotes, backslashes, C0 controls and lone surrogates; the rest of
  // UNSAFE (U+2028, U+2029, bidirectional and zero-width characters) is escaped here.
  return JSON.stringify(text).replace(UNSAFE, unicodeEscape);
}

/** The text of a comment, on one line, with nothing that could end or disguise the comment. */
function commentBody(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(UNSAFE, unicodeEscape);
}

/** A whole `//` comment line holding `text`. */
export function lineComment(text: string): string {
  return `// ${commentBody(text)}`;
}

/** `text` as one line inside a `/* … *\/` or `/** … *\/` comment. */
export function blockCommentText(text: string): string {
  return commentBody(text).replace(/\*\//g, "*\\/");
}
