import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { renderDiagnostics } from "../../compiler/diagnostics/render.js";
import type { ProgramIR } from "../../compiler/ir.js";
import type { EmitOptions } from "../../compiler/emit/typescript.js";
import { dialects, type Dialect } from "../../compiler/sql/dialect.js";
import { parseCommandArgs } from "../args.js";
import { CliError, ExitStatus, UsageError, type ExitCode } from "../exit.js";
import { loadProgram } from "../load-program.js";
import { describeFileError, makeFolder } from "../policy-files.js";
import { commandUsage } from "../usage.js";

const options = {
  target: { type: "string", default: "ts" },
  out: { type: "string" },
  runtime: { type: "string", default: "tiao/runtime" },
  dialect: { type: "string" },
  lang: { type: "string" },
} as const;

const targets = ["ts", "js", "schema", "sql"] as const;
type Target = (typeof targets)[number];

interface OutputFile {
  readonly name: string;
  readonly text: string;
}

/**
 * `tiao compile <policy> --out <dir>`: generated code or schemas, named after the policy.
 * Nothing is written unless the policy compiles without error.
 */
export async function compileCommand(args: readonly string[]): Promise<ExitCode> {
  const { policy, values } = parseCommandArgs(args, options, commandUsage.compile);
  const target = values.target;
  if (!isTarget(target)) {
    throw new UsageError(`unknown --target '${target}': expected ts, js, schema or sql`, commandUsage.compile);
  }
  const dialect = values.dialect;
  if (target === "sql" && !isDialect(dialect)) {
    throw new UsageError(dialect === undefined ? "missing --dialect duckdb|postgres for --target sql" : `unknown --dialect '${dialect}': expected duckdb or postgres`, commandUsage.compile);
  }
  if (target !== "sql" && dialect !== undefined) throw new UsageError("--dialect goes with --target sql", commandUsage.compile);
  if (values.out === undefined) throw new UsageError("missing --out <dir>", commandUsage.compile);
  if (values.lang !== undefined && values.lang !== "en") throw new UsageError(`--lang expects en (doc comments with the policy's English labels), got "${values.lang}"`, commandUsage.compile);
  if (values.lang !== undefined && (target === "sql" || target === "schema")) throw new UsageError("--lang goes with --target ts or js: it sets the language of the doc comments", commandUsage.compile);
  const language = values.lang === "en" ? "en" : undefined;
  const program = await loadProgram(policy, { warnings: true });
  if (program === undefined) return ExitStatus.failed;

  const files = target === "sql" ? await generateSql(program, dialect as Dialect) : await generate(program, target, { runtimeImport: values.runtime, ...(language === undefined ? {} : { language }) });
  if (files === undefined) return ExitStatus.failed;
  writeFiles(values.out, files);
  for (const file of files) process.stdout.write(`${join(values.out, file.name)}\n`);
  return ExitStatus.ok;
}

function isTarget(name: string): name is Target {
  return (targets as readonly string[]).includes(name);
}

function isDialect(name: string | undefined): name is Dialect {
  return name !== undefined && (dialects as readonly string[]).includes(name);
}

/** The SQL files, or undefined when the policy has a construct the SQL target refuses (its diagnostics printed). */
async function generateSql(program: ProgramIR, dialect: Dialect): Promise<OutputFile[] | undefined> {
  const { emitSql } = await import("../../compiler/sql/emit.js");
  const { files, diagnostics } = emitSql(program, { dialect });
  if (diagnostics.length === 0) return [...files];
  process.stderr.write(renderDiagnostics(diagnostics, sourceTexts(diagnostics)));
  return undefined;
}

/** The texts of the files diagnostics point into, for their code frames. */
function sourceTexts(diagnostics: readonly Diagnostic[]): Map<string, string> {
  const texts = new Map<string, string>();
  for (const { span } of diagnostics) {
    if (texts.has(span.file)) continue;
    try {
      texts.set(span.file, readFileSync(span.file, "utf8"));
    } catch {
      // a frame without its source line: the message and location still say where
    }
  }
  return texts;
}

/** Emitters are loaded for their target only. */
async function generate(program: ProgramIR, target: Exclude<Target, "sql">, emitOptions: EmitOptions): Promise<OutputFile[]> {
  const name = program.policy.name;
  switch (target) {
    case "ts": {
      const { emitTypeScript } = await import("../../compiler/emit/typescript.js");
      return [{ name: `${name}.ts`, text: emitTypeScript(program, emitOptions) }];
    }
    case "js": {
      const { emitJavaScript } = await import("../../compiler/emit/typescript.js");
      const { js, dts } = emitJavaScript(program, emitOptions);
      return [
        { name: `${name}.js`, text: js },
        { name: `${name}.d.ts`, text: dts },
      ];
    }
    case "schema": {
      const { emitJsonSchema } = await import("../../compiler/emit/schema.js");
      const { scenario, outputs } = emitJsonSchema(program);
      return [
        { name: `${name}.scenario.schema.json`, text: `${JSON.stringify(scenario, null, 2)}\n` },
        { name: `${name}.outputs.schema.json`, text: `${JSON.stringify(outputs, null, 2)}\n` },
      ];
    }
  }
}

function writeFiles(folder: string, files: readonly OutputFile[]): void {
  try {
    makeFolder(folder);
    for (const file of files) writeFileSync(join(folder, file.name), file.text);
  } catch (error) {
    throw new CliError(`cannot write to '${folder}': ${describeFileError(error)}`, ExitStatus.outputError);
  }
}
