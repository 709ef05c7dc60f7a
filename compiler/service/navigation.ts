/**
 * Going from a name to what it refers to and back: definitions, references and renaming,
 * over the occurrences that symbols.ts resolved.
 */
import { keywords } from "../../grammar/tokens.js";
import type { PolicyFile } from "../ast.js";
import type { Occurrence, PolicyIndex } from "./symbols.js";
import { indexPolicy } from "./symbols.js";

/** The name at an offset: one that contains it, or one that ends right before it (the cursor after a word). */
export function occurrenceAt(index: PolicyIndex, file: string, offset: number): Occurrence | undefined {
  const list = index.occurrences.get(file) ?? [];
  let touching: Occurrence | undefined;
  for (const occurrence of list) {
    if (occurrence.span.start > offset) break;
    if (offset < occurrence.span.end) return occurrence;
    if (offset === occurrence.span.end) touching = occurrence;
  }
  return touching;
}

const namePattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Why `newName` cannot replace the name of `target`'s symbol, if it cannot: not a name, a
 * reserved word, already declared, or a name that would make another name refer to
 * something else (the policy is resolved again with the new name and compared).
 */
export function renameProblem(
  index: PolicyIndex,
  target: Occurrence,
  newName: string,
  renamedFiles: (newName: string) => readonly PolicyFile[],
): string | undefined {
  if (!namePattern.test(newName)) {
    return `\`${newName}\` is not a name: a name starts with an ASCII letter or \`_\` and has only letters, digits and \`_\``;
  }
  const kind = target.symbol.declaration.kind;
  if (keywords.includes(newName) && kind !== "field") return `\`${newName}\` is a reserved word: choose another name`;
  const renamed = indexPolicy(renamedFiles(newName));
  if (renamed.symbols.size !== index.symbols.size) return `\`${newName}\` is already declared here: choose another name`;
  const before = resolutionOf(index);
  const after = resolutionOf(renamed);
  for (const [file, meanings] of before) {
    const now = after.get(file) ?? [];
    const changed = meanings.findIndex((meaning, position) => now[position] !== meaning);
    if (changed >= 0 || now.length !== meanings.length) {
      const occurrence = index.occurrences.get(file)?.[changed >= 0 ? changed : Math.min(meanings.length, now.length)];
      const where = occurrence === undefined ? file : `\`${occurrence.symbol.name}\` at ${file}:${occurrence.span.line}:${occurrence.span.column}`;
      return `renaming to \`${newName}\` would change what ${where} refers to: choose another name`;
    }
  }
  return undefined;
}

/**
 * For each file, what each of its names refers to, as the ordinal of the symbol's declaration:
 * renaming changes no declaration's place in the order, so the same meanings give the same list.
 */
function resolutionOf(index: PolicyIndex): Map<string, number[]> {
  const ordinals = new Map(
    [...index.symbols.values()]
      .sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start))
      .map((symbol, ordinal) => [symbol.key, ordinal]),
  );
  return new Map([...index.occurrences].map(([file, list]) => [file, list.map((occurrence) => ordinals.get(occurrence.symbol.key) ?? -1)]));
}
