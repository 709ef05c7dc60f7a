/**
 * User text made safe to print on a terminal. A policy, a scenario key or a test name may
 * hold control characters: printed raw, a line break would forge another line of the
 * report, and an escape character would send commands to the terminal.
 */

/**
 * C0 controls, DEL, C1 controls, the line and paragraph separators, and the marks that
 * reorder text on screen (bidirectional embeddings, overrides and isolates).
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED_ESCAPES: ReadonlyMap<string, string> = new Map([
  ["\n", "\\n"],
  ["\r", "\\r"],
  ["\t", "\\t"],
]);

/** The text with each such character written as an escape: `\n`, `\t`, `\u001b`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (character) => NAMED_ESCAPES.get(character) ?? `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * A line of source for a code frame: each such character but the tab (which the frame
 * expands) replaced by one visible character, so that underlines stay in their columns.
 */
export function printableSourceLine(line: string): string {
  return line.replace(UNPRINTABLE, (character) => {
    const code = character.charCodeAt(0);
    if (code === 0x09) return character;
    // the Control Pictures block has a symbol for each C0 control and for DEL: ␛ ␀ ␡
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    return code === 0x7f ? "\u2421" : "\ufffd";
  });
}

/** At most `limit` characters of a text a user gave, with how long it really is: a 60 MB key is not echoed whole. */
export function shortened(text: string, limit = 80): string {
  if (text.length <= limit) return text;
  // not between the two halves of a surrogate pair
  const end = /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  return `${text.slice(0, end)}… (${text.length} characters)`;
}
