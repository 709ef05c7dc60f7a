/** Policies of the repository compiled for the diff's tests. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compile, type CompileOptions, type Source } from "../../compiler/compile.js";
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

/** The policy the draft amends (its header: `amends "../lanzhou-2021-289"`); none for the others. */
export function amendedFolder(folder: string): string | undefined {
  return folder === draftPolicy ? publishedPolicy : undefined;
}

/** The notice of a policy: its own, or, for an amendment that names none, the amended policy's. */
export function noticeOf(folder: string): string {
  const path = join(repositoryRoot, folder, "notice.txt");
  const base = amendedFolder(folder);
  return base !== undefined && !existsSync(path) ? noticeOf(base) : readFileSync(path, "utf8");
}

/** For an amendment, the compile option giving the policy it amends. */
export function amendedOption(folder: string): Pick<CompileOptions, "amended"> {
  const base = amendedFolder(folder);
  return base === undefined ? {} : { amended: { files: policySources(base), readNotice: () => noticeOf(base) } };
}

/** The program of a policy of the repository, with the policy it amends if it is an amendment. */
export function programOf(folder: string): ProgramIR {
  return compileOrFail(policySources(folder), noticeOf(folder), amendedOption(folder));
}

/** The program of the sources; fails the test with the diagnostics when there is an error. */
export function compileOrFail(sources: readonly Source[], notice?: string, options: Pick<CompileOptions, "amended"> = {}): ProgramIR {
  const result = compile(sources, { ...(notice === undefined ? {} : { notice }), ...options });
  if (result.program === undefined) {
    throw new Error(`the policy does not compile:\n${result.diagnostics.map((d) => `${d.span.file}:${d.span.line}: ${d.message}`).join("\n")}`);
  }
  return result.program;
}
