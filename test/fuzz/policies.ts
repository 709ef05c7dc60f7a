/**
 * The real policies of the repository, as the fuzzers start from them: every policy under
 * policies/ (a folder of .tiao files with the notice its header names), read once.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AmendedPolicy } from "../../compiler/compile.js";
import { compile, type ProgramIR, type Source } from "../../compiler/index.js";
import { amendedPolicyOf } from "../examples/load.js";

export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface RepositoryPolicy {
  /** the folder, relative to the repository root */
  readonly folder: string;
  readonly sources: readonly Source[];
  readonly notice?: string;
  /** for an amendment (`amends "…"`): the policy it amends, read as the CLI reads it */
  readonly amended?: AmendedPolicy;
}

function policyFolders(folder: string): string[] {
  const entries = readdirSync(join(repositoryRoot, folder), { withFileTypes: true });
  const here = entries.some((entry) => entry.isFile() && entry.name.endsWith(".tiao")) ? [folder] : [];
  const below = entries
    .filter((entry) => entry.isDirectory() && !["generated", "tests", "scenarios"].includes(entry.name))
    .flatMap((entry) => policyFolders(`${folder}/${entry.name}`));
  return [...here, ...below];
}

function readPolicy(folder: string): RepositoryPolicy {
  const names = readdirSync(join(repositoryRoot, folder)).filter((name) => name.endsWith(".tiao")).sort();
  const sources = names.map((name) => ({ path: `${folder}/${name}`, text: readFileSync(join(repositoryRoot, folder, name), "utf8") }));
  const noticeName = /^\s*notice\s+"([^"]+)"/m.exec(sources.map((source) => source.text).join("\n"))?.[1];
  const noticePath = noticeName === undefined ? undefined : join(repositoryRoot, folder, noticeName);
  const amended = amendedPolicyOf(folder, sources);
  const withAmended = amended === undefined ? {} : { amended };
  return noticePath !== undefined && existsSync(noticePath) ? { folder, sources, notice: readFileSync(noticePath, "utf8"), ...withAmended } : { folder, sources, ...withAmended };
}

/** Every policy under policies/, the Lanzhou notice first. */
export const repositoryPolicies: readonly RepositoryPolicy[] = policyFolders("policies").sort().map(readPolicy);

/** The policy's program: it must compile without errors. */
export function programOf(policy: RepositoryPolicy): ProgramIR {
  const notice = policy.notice === undefined ? {} : { notice: policy.notice };
  const { program, diagnostics } = compile(policy.sources, policy.amended === undefined ? notice : { ...notice, amended: policy.amended });
  if (program === undefined) throw new Error(`${policy.folder} does not compile: ${diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.message}`).join("; ")}`);
  return program;
}

export function policyNamed(folder: string): RepositoryPolicy {
  const policy = repositoryPolicies.find((candidate) => candidate.folder === folder);
  if (policy === undefined) throw new Error(`no policy ${folder}`);
  return policy;
}
