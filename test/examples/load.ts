/**
 * The example policies of policies/examples/: each folder holds `*.tiao` files, the
 * notice they quote (`notice.txt`) and scenario tests (`tests/*.json`).
 */
import { readdirSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Source } from "../../compiler/compile.js";

const repositoryRoot = join(import.meta.dirname, "..", "..");
const examplesFolder = join("policies", "examples");

export interface ExamplePolicy {
  readonly name: string;
  /** paths relative to the repository, as diagnostics show them */
  readonly sources: readonly Source[];
  readonly notice: string;
  /** `tests/*.json`, by file name */
  readonly tests: readonly { readonly file: string; readonly text: string }[];
}

export function examplePolicies(): ExamplePolicy[] {
  return readdirSync(join(repositoryRoot, examplesFolder), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readExample(entry.name))
    .sort((a, b) => a.name.localeCompare(b.name));
}

function readExample(name: string): ExamplePolicy {
  const folder = join(examplesFolder, name);
  const read = (path: string): string => readFileSync(join(repositoryRoot, path), "utf8");
  const sources = filesEndingWith(folder, ".tiao").map((path) => ({ path, text: read(path) }));
  const tests = filesEndingWith(join(folder, "tests"), ".json").map((path) => ({ file: basename(path), text: read(path) }));
  return { name, sources, notice: read(join(folder, "notice.txt")), tests };
}

function filesEndingWith(folder: string, suffix: string): string[] {
  return readdirSync(join(repositoryRoot, folder))
    .filter((file) => file.endsWith(suffix))
    .sort()
    .map((file) => join(folder, file));
}
