/**
 * Texts: short strings that identify something — a postal code, a register number, a
 * district's code. They are compared whole (`=`, `!=`), tested against a set of texts
 * (`in {"730000", "730010"}`) and by their beginning (`starts_with`); they have no order.
 *
 * A text holds at most TEXT_MAX_LENGTH characters (Unicode code points, as JSON Schema's
 * `maxLength` counts them) and no character a reader cannot see: no control character (C0,
 * DEL, C1), no line or paragraph separator (U+2028, U+2029), no half of a surrogate pair.
 * Such a character would make a postal code print the same as a different one.
 */

/** The most characters a text may hold: an identifier, not a document. */
export const TEXT_MAX_LENGTH = 200;

// C0 controls, DEL, C1 controls, U+2028/U+2029, and a surrogate not part of a pair
const UNSEEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Why a string cannot be a text, in a drafter's words, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  // Counting code points only when the UTF-16 length could exceed the limit keeps the common case cheap.
  if (value.length > TEXT_MAX_LENGTH && [...value].length > TEXT_MAX_LENGTH) return `a text has at most ${TEXT_MAX_LENGTH} characters`;
  if (UNSEEN.test(value)) return "a text has no control characters, line separators or unpaired surrogates";
  return undefined;
}

/** Whether `text` begins with `prefix` (every text begins with the empty text). */
export function startsWith(text: string, prefix: string): boolean {
  return text.startsWith(prefix);
}
