import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import type { CompileOptions } from "../compiler/compile.js";
import { CliError } from "./exit.js";
import { readNoticeFile } from "./notice-file.js";

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface PolicySources {
  /** the folder holding the policy: the folder given, or the folder of the file given */
  readonly folder: string;
  /** in path order; paths as the user wrote them, joined with the file names */
  readonly files: readonly SourceFile[];
  /** for an amendment (`amends "…"` in its header): the policy it amends, or why it cannot be read */
  readonly amended?: PolicySources | { readonly refused: string; readonly help: string };
}

/** Reads a policy given as one .tiao file or a folder of .tiao files (not recursive), and the policy it amends if it is an amendment. */
export function readPolicy(target: string): PolicySources {
  const own = readPolicyFiles(target);
  const amends = amendedPathOf(own.files);
  if (amends === undefined) return own;
  try {
    return { ...own, amended: readPolicyFiles(join(own.folder, amends)) };
  } catch (error) {
    const refused = error instanceof CliError ? error.message : describeFileError(error);
    return { ...own, amended: { refused, help: "give the path of the policy it amends from this policy's folder, such as `amends \"../lanzhou-2021-289\"`" } };
  }
}

function readPolicyFiles(target: string): PolicySources {
  const kind = pathKind(target);
  if (kind === "missing") throw new CliError(`cannot find policy '${target}': no such file or folder`);
  if (kind === "file") return { folder: dirname(target), files: [readSource(target)] };
  const names = readdirSync(target)
    .filter((name) => name.endsWith(".tiao"))
    .sort(naturalOrder);
  if (names.length === 0) throw new CliError(`no .tiao files in folder '${target}'`);
  return { folder: target, files: names.map((name) => readSource(join(target, name))) };
}

/**
 * The path an amendment's header gives (`amends "../base"` on a line of its own), found
 * without parsing, so that a cached program needs no parser; the compiler checks the header.
 */
export function amendedPathOf(files: readonly SourceFile[]): string | undefined {
  for (const file of files) {
    const match = /^[ \t]*amends[ \t]+("(?:[^"\\\n]|\\.)*")/mu.exec(file.text);
    if (match?.[1] !== undefined) {
      try {
        return String(JSON.parse(match[1]));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The files of a policy and of the policy it amends: what its diagnostics may point into. */
export function allPolicyFiles(sources: PolicySources): readonly SourceFile[] {
  const amended = sources.amended;
  return amended === undefined || !("files" in amended) ? sources.files : [...amended.files, ...sources.files];
}

/** The compile option for the policy an amendment amends: its files, and its notice read from its own folder. */
export function amendedOption(sources: PolicySources): Pick<CompileOptions, "amended"> {
  const amended = sources.amended;
  if (amended === undefined) return {};
  if (!("files" in amended)) return { amended };
  return { amended: { files: amended.files, readNotice: (fileName) => readNoticeFile(amended.folder, fileName) } };
}

/** File names in natural order (`m2.tiao` before `m10.tiao`), so measures keep the document's order. */
export function naturalOrder(a: string, b: string): number {
  const partsOf = (name: string) => name.split(/(\d+)/u);
  const left = partsOf(a);
  const right = partsOf(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i] ?? "";
    const y = right[i] ?? "";
    if (x === y) continue;
    // odd parts are runs of digits
    if (i % 2 === 1) return Number(x) - Number(y) || (x < y ? -1 : 1);
    return x < y ? -1 : 1;
  }
  return left.length - right.length;
}

/** The folder of a policy given as a file or a folder: where its notice and tests/ are. */
export function policyFolder(target: string): string {
  return pathKind(target) === "folder" ? target : dirname(target);
}

export function pathKind(path: string): "file" | "folder" | "missing" {
  try {
    return statSync(path).isDirectory() ? "folder" : "file";
  } catch {
    return "missing";
  }
}

/** Reads a text file, turning a failure into a message that names the file. */
export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${what} '${path}': ${describeFileError(error)}`);
  }
}

function readSource(path: string): SourceFile {
  return { path, text: readText(path, "policy file") };
}

/** Why a file could not be read or written, in a few words: "no such file", "permission denied"… */
export function describeFileError(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
      return "permission denied";
    case "EISDIR":
      return "it is a folder";
    case "ENOSPC":
      return "no space left on the device";
    case "ELOOP":
      return "too many levels of links (a link that leads back to itself)";
    case "EIO":
      return "input/output error";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Creates the folder and those above it, one at a time. (Node's recursive mkdir never
 * returns where a folder cannot be created in a parent that exists, such as in /proc/self.)
 */
export function makeFolder(folder: string): void {
  const missing: string[] = [];
  for (let path = folder; !isFolder(path); path = dirname(path)) {
    if (dirname(path) === path) throw new Error(`no folder above ${folder} exists`);
    missing.push(path);
  }
  for (const path of missing.reverse()) mkdirSync(path);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
