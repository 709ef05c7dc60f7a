/**
 * The example policies of policies/examples/: each folder holds `*.tiao` files, the
 * notice they quote (`notice.txt`) and scenario tests (`tests/*.json`); the amendments of a
 * policy that encode its reforms are folders of its `reforms/` (named `policy/reforms/name`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { AmendedPolicy, CompileOptions, Source } from "../../compiler/compile.js";

const repositoryRoot = join(import.meta.dirname, "..", "..");
const examplesFolder = join("policies", "examples");

export interface ExamplePolicy {
  readonly name: string;
  /** paths relative to the repository, as diagnostics show them */
  readonly sources: readonly Source[];
  readonly notice: string;
  /** what compiling it takes: its notice, and for an amendment the policy it amends */
  readonly options: CompileOptions;
  /** `tests/*.json`, by file name */
  readonly tests: readonly { readonly file: string; readonly text: string }[];
}

export function examplePolicies(): ExamplePolicy[] {
  return readdirSync(join(repositoryRoot, examplesFolder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [entry.name, ...reformsOf(entry.name)])
    .map((name) => readExample(name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function reformsOf(name: string): string[] {
  const reforms = join(repositoryRoot, examplesFolder, name, "reforms");
  if (!existsSync(reforms)) return [];
  return readdirSync(reforms, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${name}/reforms/${entry.name}`);
}

function readExample(name: string): ExamplePolicy {
  const folder = join(examplesFolder, name);
  const read = (path: string): string => readFileSync(join(repositoryRoot, path), "utf8");
  const sources = filesEndingWith(folder, ".tiao").map((path) => ({ path, text: read(path) }));
  const tests = filesEndingWith(join(folder, "tests"), ".json").map((path) => ({ file: basename(path), text: read(path) }));
  const notice = read(join(folder, "notice.txt"));
  const amended = amendedPolicyOf(folder, sources);
  return { name, sources, notice, options: { notice, ...(amended === undefined ? {} : { amended }) }, tests };
}

/** For a policy whose header says `amends "…"`: the files and notice of the policy it amends, read as the CLI reads them. */
export function amendedPolicyOf(folder: string, sources: readonly Source[]): AmendedPolicy | undefined {
  const path = sources.map((source) => /^[ \t]*amends[ \t]+"([^"]*)"/mu.exec(source.text)?.[1]).find((found) => found !== undefined);
  if (path === undefined) return undefined;
  const amendedFolder = join(folder, path);
  const files = filesEndingWith(amendedFolder, ".tiao").map((file) => ({ path: file, text: readFileSync(join(repositoryRoot, file), "utf8") }));
  const notice = readFileSync(join(repositoryRoot, amendedFolder, "notice.txt"), "utf8");
  return { files, readNotice: () => notice };
}

function filesEndingWith(folder: string, suffix: string): string[] {
  return readdirSync(join(repositoryRoot, folder))
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => join(folder, file));
}
