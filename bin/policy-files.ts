import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { CliError } from "./exit.js";

export interface SourceFile {
  readonly path: string;
  readonly text: string;
}

export interface PolicySources {
  /** the folder holding the policy: the folder given, or the folder of the file given */
  readonly folder: string;
  /** in path order; paths as the user wrote them, joined with the file names */
  readonly files: readonly SourceFile[];
}

/** Reads a policy given as one .tiao file or a folder of .tiao files (not recursive). */
export function readPolicy(target: string): PolicySources {
  const kind = pathKind(target);
  if (kind === "missing") throw new CliError(`cannot find policy '${target}': no such file or folder`);
  if (kind === "file") return { folder: dirname(target), files: [readSource(target)] };
  const names = readdirSync(target)
    .filter((name) => name.endsWith(".tiao"))
    .sort(naturalOrder);
  if (names.length === 0) throw new CliError(`no .tiao files in folder '${target}'`);
  return { folder: target, files: names.map((name) => readSource(join(target, name))) };
}

/** File names in natural order (`m2.tiao` before `m10.tiao`), so measures keep the document's order. */
function naturalOrder(a: string, b: string): number {
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
