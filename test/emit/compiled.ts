/**
 * Generated code on disk, for tests: written under the repository's `.tmp/` (ignored by
 * git), type-checked with the project's TypeScript, and imported to be run.
 */
import { execFile } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { emitJavaScript, emitTypeScript } from "../../compiler/emit/typescript.js";
import type { ProgramIR } from "../../compiler/ir.js";
import type { CalendarDate, RecordValue, RuntimeValue, ValueType } from "../../runtime/index.js";

export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const runtimeEntry = join(repositoryRoot, "runtime", "index.js");

/** A folder of its own under .tmp/, emptied, for one test's generated files. */
export function scratchFolder(name: string): string {
  const folder = join(repositoryRoot, ".tmp", "emit", name);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

function runtimeImportFrom(folder: string): string {
  return relative(folder, runtimeEntry).split("\\").join("/");
}

export interface GeneratedFiles {
  readonly folder: string;
  /** policy.ts */
  readonly typescript: string;
  /** policy.js and policy.d.ts */
  readonly javascript: string;
}

/**
 * Writes the TypeScript, and the JavaScript with its declarations, of a program; `prefix`
 * tells apart several programs in one folder.
 */
export function writeGenerated(folder: string, program: ProgramIR, prefix = ""): GeneratedFiles {
  const runtimeImport = runtimeImportFrom(folder);
  const typescript = join(folder, `${prefix}policy.ts`);
  writeFileSync(typescript, emitTypeScript(program, { runtimeImport }));
  const { js, dts } = emitJavaScript(program, { runtimeImport });
  const javascript = join(folder, `${prefix}compiled.js`);
  writeFileSync(javascript, js);
  writeFileSync(join(folder, `${prefix}compiled.d.ts`), dts);
  return { folder, typescript, javascript };
}

/**
 * Type-checks every .ts file of a folder (the generated module, the declarations of the
 * JavaScript, and any consumer written beside them) with `--strict`, declarations included.
 * Returns the compiler's messages: empty when all is well.
 */
export async function typeCheck(folder: string): Promise<string> {
  const config = {
    extends: relative(folder, join(repositoryRoot, "tsconfig.base.json")).split("\\").join("/"),
    compilerOptions: { noEmit: true, strict: true, skipLibCheck: false, types: [] },
    include: ["*.ts"],
  };
  writeFileSync(join(folder, "tsconfig.json"), JSON.stringify(config, null, 2));
  const tsc = join(repositoryRoot, "node_modules", ".bin", "tsc");
  try {
    await promisify(execFile)(tsc, ["-p", join(folder, "tsconfig.json"), "--pretty", "false"], { cwd: repositoryRoot });
    return "";
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string; message: string };
    return `${output.stdout ?? ""}${output.stderr ?? ""}` || output.message;
  }
}

/** What a generic driver sees of a compiled policy (the `measures` table of generated code). */
export interface CompiledPolicy {
  readonly measures: {
    readonly [measure: string]: {
      readonly reads: readonly string[];
      readonly outputs: { readonly [output: string]: ValueType };
      evaluate(
        facts: { readonly [entity: string]: RecordValue },
        asOf: CalendarDate,
        overrides: { readonly [parameter: string]: RuntimeValue },
      ): { readonly [output: string]: RuntimeValue };
    };
  };
}

function isCompiledPolicy(module: unknown): module is CompiledPolicy {
  if (typeof module !== "object" || module === null || !("measures" in module)) return false;
  const { measures } = module;
  return typeof measures === "object" && measures !== null && Object.values(measures).every((m: unknown) => typeof m === "object" && m !== null && "evaluate" in m);
}

/** Imports generated JavaScript. */
export async function importCompiled(file: string): Promise<CompiledPolicy> {
  const module: unknown = await import(pathToFileURL(file).href);
  if (!isCompiledPolicy(module)) throw new Error(`${file} does not export a measures table`);
  return module;
}
