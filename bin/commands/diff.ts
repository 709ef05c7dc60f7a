import type { ProgramIR } from "../../compiler/ir.js";
import { hasErrors } from "../../compiler/diagnostics/diagnostic.js";
import { parseOrExplain } from "../args.js";
import { ExitStatus, UsageError, type ExitCode } from "../exit.js";
import { readPolicySide, type PolicySide } from "../policy-side.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { commandUsage } from "../usage.js";

const options = {
  format: { type: "string" },
  "exit-code": { type: "boolean" },
  seed: { type: "string" },
} as const;

const formats = ["text", "markdown", "json"] as const;
type Format = (typeof formats)[number];

/**
 * `tiao diff <old> <new>`: what the new version of a policy changes, for whom, with a
 * witness or a proof per output and the impact on cases (compiler/diff/).
 */
export async function diff(args: readonly string[]): Promise<ExitCode> {
  const usage = commandUsage.diff;
  const { values, positionals } = parseOrExplain(args, options, usage);
  const [oldArgument, newArgument, ...extra] = positionals;
  if (oldArgument === undefined || newArgument === undefined) {
    throw new UsageError("expected two policies: tiao diff <old> <new> (a path, or git:<rev>:<path>)", usage);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, usage);
  const format = formatOption(values.format, usage);
  const seed = seedOption(values.seed, usage);

  const oldSide = readPolicySide(oldArgument);
  const newSide = readPolicySide(newArgument);
  const [oldProgram, newProgram] = [await compileSide(oldSide), await compileSide(newSide)];
  if (oldProgram === undefined || newProgram === undefined) return ExitStatus.failed;

  const { diffPrograms } = await import("../../compiler/diff/diff.js");
  const { renderJson, renderMarkdown, renderText } = await import("../../compiler/diff/render.js");
  const report = await diffPrograms(oldProgram, newProgram, { seed });
  const colour = process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
  process.stdout.write(format === "json" ? renderJson(report) : format === "markdown" ? renderMarkdown(report) : renderText(report, { colour }));
  return values["exit-code"] === true && report.summary.outcomesChange ? ExitStatus.outcomesChange : ExitStatus.ok;
}

async function compileSide(side: PolicySide): Promise<ProgramIR | undefined> {
  const { compile } = await import("../../compiler/compile.js");
  const result = compile(side.files, { readNotice: (fileName) => side.readBeside(fileName) });
  if (hasErrors(result.diagnostics)) {
    printDiagnostics(result.diagnostics, side.files);
    return undefined;
  }
  return result.program;
}

function formatOption(value: string | undefined, usage: string): Format {
  if (value === undefined) return "text";
  if ((formats as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format expects text, markdown or json, got "${value}"`, usage);
}

function seedOption(value: string | undefined, usage: string): number {
  if (value === undefined) return 1;
  if (!/^[0-9]{1,9}$/.test(value)) throw new UsageError(`--seed expects a whole number, got "${value}"`, usage);
  return Number(value);
}
