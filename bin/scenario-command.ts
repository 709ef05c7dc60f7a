/**
 * What `tiao run` and `tiao explain` share: read the scenario and the policy, check the
 * measures asked for, evaluate, and report every failure on stderr with its exit status.
 * The commands differ only in what they print of a successful evaluation.
 */
import { readFileSync } from "node:fs";
import type { EvaluationResult } from "../compiler/interpret.js";
import type { ProgramIR } from "../compiler/ir.js";
import { evaluateScenario, evaluationErrorText, measureNames, problemLine, unknownMeasures } from "../compiler/evaluate-scenario.js";
import { CliError, ExitStatus, UsageError, type ExitCode } from "./exit.js";
import { loadProgram } from "./load-program.js";
import { readText } from "./policy-files.js";

export interface ScenarioCommand {
  readonly policy: string;
  /** `--scenario`: a file, or `-` for standard input */
  readonly scenario: string | undefined;
  /** `--measure`, repeatable */
  readonly measures: readonly string[] | undefined;
  readonly explain: boolean;
  /** the command's usage, shown with a usage error */
  readonly usage: string;
}

export type ScenarioCommandOutcome =
  | { readonly kind: "evaluated"; readonly program: ProgramIR; readonly result: EvaluationResult }
  | { readonly kind: "failed"; readonly exitCode: ExitCode };

/** Evaluates the scenario of a command line; on failure, stderr says why and stdout stays empty. */
export async function evaluateScenarioCommand(command: ScenarioCommand): Promise<ScenarioCommandOutcome> {
  if (command.scenario === undefined) throw new UsageError("missing --scenario <file.json>", command.usage);
  const scenarioText = readScenarioText(command.scenario);
  // Warnings would mix with the one-line-per-problem report: only errors stop a run.
  const program = await loadProgram(command.policy, { warnings: false });
  if (program === undefined) return { kind: "failed", exitCode: ExitStatus.failed };

  if (reportUnknownMeasures(program, command.measures ?? [])) return { kind: "failed", exitCode: ExitStatus.badInput };
  const outcome = evaluateScenario(program, {
    scenario: scenarioText,
    explain: command.explain,
    ...(command.measures === undefined ? {} : { measures: command.measures }),
  });
  switch (outcome.kind) {
    case "bad_input":
      for (const problem of outcome.problems) process.stderr.write(`${problemLine(problem)}\n`);
      return { kind: "failed", exitCode: ExitStatus.badInput };
    case "evaluation_error":
      process.stderr.write(`${evaluationErrorText(outcome.error)}\n`);
      return { kind: "failed", exitCode: ExitStatus.evaluationError };
    case "evaluated":
      return { kind: "evaluated", program, result: outcome.result };
  }
}

/** Writes a line on stderr for each `--measure` name the policy does not have; whether there was one. */
export function reportUnknownMeasures(program: ProgramIR, names: readonly string[]): boolean {
  const unknown = unknownMeasures(program, names);
  const known = measureNames(program);
  for (const name of unknown) process.stderr.write(`--measure: the policy has no measure "${name}" (it has ${known})\n`);
  return unknown.length > 0;
}

function readScenarioText(file: string): string {
  if (file !== "-") return readText(file, "scenario");
  try {
    return readFileSync(0, "utf8");
  } catch (error) {
    throw new CliError(`cannot read the scenario from standard input: ${error instanceof Error ? error.message : String(error)}`);
  }
}
