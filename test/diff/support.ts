/** Policies of the repository compiled for the diff's tests. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type Source } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { repositoryRoot } from "../format/repository-files.js";

export const publishedPolicy = "policies/lanzhou-2021-289";
export const draftPolicy = "policies/lanzhou-2021-289-draft";

export function policySources(folder: string): Source[] {
  const path = join(repositoryRoot, folder);
  return readdirSync(path)
    .filter((name) => name.endsWith(".tiao"))
    .sort()
    .map((name) => ({ path: `${folder}/${name}`, text: readFileSync(join(path, name), "utf8") }));
}

export function noticeOf(folder: string): string {
  return readFileSync(join(repositoryRoot, folder, "notice.txt"), "utf8");
}

/** The program of the sources; fails the test with the diagnostics when there is an error. */
export function compileOrFail(sources: readonly Source[], notice?: string): ProgramIR {
  const result = compile(sources, notice === undefined ? {} : { notice });
  if (result.program === undefined) {
    throw new Error(`the policy does not compile:\n${result.diagnostics.map((d) => `${d.span.file}:${d.span.line}: ${d.message}`).join("\n")}`);
  }
  return result.program;
}
