/**
 * Policies for the language service's tests, read as an editor would hand them over, and
 * positions found by the text at them.
 */
import { amendedPolicyOf } from "../examples/load.js";
import type { AmendedPolicy } from "../../compiler/compile.js";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Source } from "../../compiler/compile.js";
import { createLanguageService, type LanguageService, type Position, type TextEdit } from "../../compiler/service/index.js";

const repositoryRoot = join(import.meta.dirname, "..", "..");

export interface PolicyFolder {
  readonly sources: Source[];
  readonly notice: string;
  /** for an amendment: the policy it amends */
  readonly amended?: AmendedPolicy;
}

/** The `.tiao` files of a policy folder (paths relative to the repository) and its notice. */
export function readPolicy(folder: string): PolicyFolder {
  const sources = readdirSync(join(repositoryRoot, folder))
    .filter((file) => file.endsWith(".tiao"))
    .sort()
    .map((file) => ({ path: `${folder}/${file}`, text: readFileSync(join(repositoryRoot, folder, file), "utf8") }));
  const amended = amendedPolicyOf(folder, sources);
  return { sources, notice: readFileSync(join(repositoryRoot, folder, "notice.txt"), "utf8"), ...(amended === undefined ? {} : { amended }) };
}

export const lanzhouFolder = "policies/lanzhou-2021-289";

export function lanzhou(): PolicyFolder {
  return readPolicy(lanzhouFolder);
}

export function exampleFolders(): string[] {
  return readdirSync(join(repositoryRoot, "policies", "examples"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `policies/examples/${entry.name}`)
    .sort();
}

export function serviceFor(policy: PolicyFolder): LanguageService {
  const service = createLanguageService();
  service.setFiles(policy.sources, { notice: policy.notice, ...(policy.amended === undefined ? {} : { amended: policy.amended }) });
  return service;
}

export function textOf(policy: PolicyFolder, path: string): string {
  const source = policy.sources.find((each) => each.path === path);
  if (source === undefined) throw new Error(`no file ${path}`);
  return source.text;
}

/**
 * The position of the `nth` (from 0) occurrence of `needle` in `text`, moved `shift` UTF-16
 * units into it (`needle.length` puts it right after).
 */
export function positionOf(text: string, needle: string, shift = 0, nth = 0): Position {
  let offset = -1;
  for (let count = 0; count <= nth; count++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`\`${needle}\` occurs fewer than ${nth + 1} times`);
  }
  return positionAtOffset(text, offset + shift);
}

export function positionAtOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

/** The policy with `from` replaced by `to` in one file. */
export function edited(policy: PolicyFolder, path: string, from: string, to: string): PolicyFolder {
  const text = textOf(policy, path);
  if (!text.includes(from)) throw new Error(`\`${from}\` is not in ${path}`);
  return { ...policy, sources: policy.sources.map((source) => (source.path === path ? { path, text: text.replace(from, to) } : source)) };
}

function offsetAtPosition(text: string, position: Position): number {
  const lines = text.split("\n");
  let offset = 0;
  for (let line = 1; line < position.line; line++) offset += (lines[line - 1]?.length ?? 0) + 1;
  return offset + position.column - 1;
}

/** The policy's files with the edits applied (edits of one file do not overlap). */
export function applyEdits(policy: PolicyFolder, edits: readonly TextEdit[]): PolicyFolder {
  const sources = policy.sources.map((source) => {
    const mine = edits
      .filter((edit) => edit.range.file === source.path)
      .map((edit) => ({ start: offsetAtPosition(source.text, edit.range.start), end: offsetAtPosition(source.text, edit.range.end), newText: edit.newText }))
      .sort((a, b) => b.start - a.start);
    let text = source.text;
    for (const edit of mine) text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
    return { path: source.path, text };
  });
  return { ...policy, sources };
}
