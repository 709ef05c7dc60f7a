/**
 * The policy under benchmark, compiled with tiao's own compiler: its sources, its IR, and
 * its generated JavaScript imported as a module. Anything missing or failing is reported
 * as a `PolicyUnavailable` naming the cause, so that the benchmark can leave out the rows
 * that need it and still run the others.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Source } from "../compiler/compile.js";
import type { ProgramIR } from "../compiler/ir.js";
import type { RuntimeValue } from "../runtime/scenario.js";
import type { FactSchema, ValueType } from "../runtime/types.js";

/** The repository's root: the nearest folder above this file with the package's manifest. */
export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));

function findRepoRoot(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, "package.json")) && existsSync(join(folder, "policies"))) return folder;
    if (dirname(folder) === folder) throw new Error(`no repository root above ${from}`);
  }
}
export const POLICY_FOLDER = join(REPO_ROOT, "policies/lanzhou-2021-289");
/** Scratch space for generated files (ignored by git). */
export const SCRATCH = join(REPO_ROOT, ".tmp/bench");

export class PolicyUnavailable extends Error {}

export interface PolicyText {
  /** paths relative to the repository, as diagnostics show them */
  readonly sources: readonly Source[];
  readonly notice?: string;
}

/** The .tiao files of a policy folder and the notice its header names. */
export function readPolicyText(folder: string): PolicyText {
  const sources = readdirSync(folder)
    .filter((name) => name.endsWith(".tiao"))
    .sort()
    .map((name) => ({ path: relative(REPO_ROOT, join(folder, name)), text: readFileSync(join(folder, name), "utf8") }));
  const noticeName = /^\s*notice\s+"([^"]+)"/m.exec(sources.map((s) => s.text).join("\n"))?.[1];
  return noticeName === undefined ? { sources } : { sources, notice: readFileSync(join(folder, noticeName), "utf8") };
}

async function compiler(): Promise<typeof import("../compiler/compile.js")> {
  try {
    return await import("../compiler/compile.js");
  } catch (error) {
    throw new PolicyUnavailable(`the compiler cannot be loaded: ${messageOf(error)}`);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

/** The checked program, or why there is none. */
export async function compilePolicyText(text: PolicyText): Promise<ProgramIR> {
  const { compile } = await compiler();
  let result;
  try {
    result = compile(text.sources, text.notice === undefined ? {} : { notice: text.notice });
  } catch (error) {
    throw new PolicyUnavailable(`the compiler failed: ${messageOf(error)}`);
  }
  if (result.program === undefined) {
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    const first = errors[0];
    const where = first === undefined ? "" : `; first: ${first.span.file}:${first.span.line}:${first.span.column} ${first.message}`;
    throw new PolicyUnavailable(`the policy does not compile: ${errors.length} errors${where}`);
  }
  return result.program;
}

/** One measure of the generated module, as its `measures` table describes it. */
export interface CompiledMeasure {
  evaluate(facts: object, asOf: number, overrides: object): { readonly [output: string]: RuntimeValue };
  /** fact paths, "entity.field" */
  readonly reads: readonly string[];
  /** output types, `in_force` first, in written order */
  readonly outputs: { readonly [output: string]: ValueType };
}

export interface CompiledModule {
  readonly measures: { readonly [name: string]: CompiledMeasure };
  readonly factSchema: FactSchema;
  /** everything the module exports: per measure, its evaluator function too */
  readonly exports: { readonly [name: string]: unknown };
  /** the file it was imported from */
  readonly file: string;
}

async function emitter(): Promise<typeof import("../compiler/emit/typescript.js")> {
  try {
    return await import("../compiler/emit/typescript.js");
  } catch (error) {
    throw new PolicyUnavailable(`the TypeScript emitter cannot be loaded: ${messageOf(error)}`);
  }
}

/** The emitter's JavaScript for a program, importing the built runtime (dist/runtime). */
export async function emitJavaScript(program: ProgramIR): Promise<string> {
  const { emitJavaScript: emit } = await emitter();
  const runtimeImport = pathToFileURL(join(REPO_ROOT, "dist/runtime/index.js")).href;
  try {
    return emit(program, { runtimeImport }).js;
  } catch (error) {
    throw new PolicyUnavailable(`the emitter failed: ${messageOf(error)}`);
  }
}

/** Writes the generated JavaScript to the scratch folder and imports it. */
export async function importCompiled(program: ProgramIR, name = program.policy.name): Promise<CompiledModule> {
  const javascript = await emitJavaScript(program);
  mkdirSync(SCRATCH, { recursive: true });
  const file = join(SCRATCH, `${name}.mjs`);
  writeFileSync(file, javascript);
  return importGenerated(file);
}

/** Imports a generated module written earlier (by this process or its parent). */
export async function importGenerated(file: string): Promise<CompiledModule> {
  let module: Partial<Pick<CompiledModule, "measures" | "factSchema">> & { readonly [name: string]: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as typeof module;
  } catch (error) {
    throw new PolicyUnavailable(`the generated JavaScript cannot be imported: ${messageOf(error)}`);
  }
  if (module.measures === undefined || module.factSchema === undefined) {
    throw new PolicyUnavailable("the generated JavaScript exports no `measures` and `factSchema` tables");
  }
  return { measures: module.measures, factSchema: module.factSchema, exports: module, file };
}
