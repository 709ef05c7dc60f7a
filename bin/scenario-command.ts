/**
 * What `tiao run` and `tiao explain` share: read the scenario and the policy, check the
 * measures asked for, evaluate with the compiled policy (bin/compiled-policy.ts, as
 * `run --scenarios` and `tiao test` do), and report every failure on stderr with its exit
 * status. An explanation is the interpreter's trace of the same evaluation. The commands
 * differ only in what they print of a successful evaluation.
 */
import { closestName } from "../compiler/check/report.js";
import { explanationLanguages, type ExplanationLanguage } from "../compiler/explain-words.js";
import type { EvaluationResult } from "../compiler/interpret.js";
import type { ProgramIR } from "../compiler/ir.js";
import { printable } from "../compiler/diagnostics/printable.js";
import type { ScenarioError } from "../runtime/index.js";
import { evaluateScenario, evaluationErrorText, measureNames, measureOutputs, problemLine, unknownMeasures } from "../compiler/evaluate-scenario.js";
import { CliError, ExitStatus, UsageError, type ExitCode } from "./exit.js";
import { compiledEvaluator, loadProgram } from "./load-program.js";
import { scenarioEvaluator } from "./compiled-policy.js";
import { decodeUtf8, inputStream, invalidUtf8Message, MAX_SCENARIO_BYTES, readStreamBounded } from "./bounded-read.js";
import { definedProperties } from "../compiler/defined-properties.js";

export interface ScenarioCommand {
  readonly policy: string;
  /** `--scenario`: a file, or `-` for standard input */
  readonly scenario: string | undefined;
  /** `--measure`, repeatable */
  readonly measures: readonly string[] | undefined;
  readonly explain: boolean;
  /** `--lang`: the language of the explanations; by default the policy's */
  readonly language?: ExplanationLanguage;
  /** the command's usage, shown with a usage error */
  readonly usage: string;
}

export type ScenarioCommandOutcome =
  | {
      readonly kind: "evaluated";
      readonly program: ProgramIR;
      /** the results, as one line of JSON */
      readonly json: string;
      /** with `explain`: the interpreter's evaluation, with its explanations */
      readonly explained?: EvaluationResult;
    }
  | { readonly kind: "failed"; readonly exitCode: ExitCode };

/** Evaluates the scenario of a command line; on failure, stderr says why and stdout stays empty. */
export async function evaluateScenarioCommand(command: ScenarioCommand): Promise<ScenarioCommandOutcome> {
  if (command.scenario === undefined) throw new UsageError("missing --scenario <file.json>", command.usage);
  const scenarioText = await readScenarioText(command.scenario);
  if (typeof scenarioText !== "string") {
    process.stderr.write(`${problemLine(scenarioText)}\n`);
    return { kind: "failed", exitCode: ExitStatus.badInput };
  }
  // Warnings would mix with the one-line-per-problem report: only errors stop a run.
  const program = await loadProgram(command.policy, { warnings: false });
  if (program === undefined) return { kind: "failed", exitCode: ExitStatus.failed };

  if (reportUnknownMeasures(program, command.measures ?? [])) return { kind: "failed", exitCode: ExitStatus.badInput };
  const outcome = scenarioEvaluator(program, await compiledEvaluator(program), command.measures)(scenarioText);
  switch (outcome.kind) {
    case "bad_input":
      for (const problem of outcome.problems) process.stderr.write(`${problemLine(problem)}\n`);
      return { kind: "failed", exitCode: ExitStatus.badInput };
    case "evaluation_error":
      process.stderr.write(`${evaluationErrorText(outcome.error)}\n`);
      return { kind: "failed", exitCode: ExitStatus.evaluationError };
    case "evaluated":
      return { kind: "evaluated", program, json: outcome.json, ...(command.explain ? { explained: explained(program, scenarioText, command) } : {}) };
  }
}

/** The interpreter's evaluation of a scenario the compiled policy evaluated, for its explanations. */
function explained(program: ProgramIR, scenario: string, command: ScenarioCommand): EvaluationResult {
  const outcome = evaluateScenario(program, { scenario, explain: true, ...definedProperties({ measures: command.measures, language: command.language }) });
  if (outcome.kind !== "evaluated") throw new Error(`the interpreter gives ${outcome.kind} where the compiled policy evaluates the scenario`);
  return outcome.result;
}

/** `--lang en|zh`, checked; nothing when it is not given (the policy's language). */
export function explanationLanguageOption(lang: string | undefined, usage: string): { language?: ExplanationLanguage } {
  if (lang === undefined) return {};
  const language = explanationLanguages.find((known) => known === lang);
  if (language === undefined) throw new UsageError(`--lang expects en or zh, got "${lang}"`, usage);
  return { language };
}

/** Writes a line on stderr for each `--measure` name the policy does not have; whether there was one. */
export function reportUnknownMeasures(program: ProgramIR, names: readonly string[]): boolean {
  const unknown = unknownMeasures(program, names);
  const known = measureNames(program);
  const measures = program.measures.map((measure) => measure.name);
  for (const name of unknown) {
    const dot = name.indexOf(".");
    const owner = dot === -1 ? undefined : program.measures.find((measure) => measure.name === name.slice(0, dot));
    if (owner !== undefined) {
      const outputs = measureOutputs(owner);
      const output = name.slice(dot + 1);
      const closest = outputs.find((o) => o.toLowerCase() === output.toLowerCase()) ?? closestName(output, outputs);
      const help = closest === undefined ? "" : `\n  = help: did you mean "${owner.name}.${closest}"?`;
      process.stderr.write(`error: --measure: the measure ${owner.name} has no output ${printable(JSON.stringify(output))} (it has ${outputs.join(", ")})${help}\n`);
      continue;
    }
    // In short names like m9, one changed letter is another measure, not a typo: suggest those only for a difference of case.
    const closest = measures.find((measure) => measure.toLowerCase() === name.toLowerCase()) ?? (name.length >= 4 ? closestName(name, measures) : undefined);
    const help = closest === undefined ? "" : `
  = help: did you mean "${closest}"?`;
    process.stderr.write(`error: --measure: the policy has no measure ${printable(JSON.stringify(name))} (it has ${known})${help}
`);
  }
  return unknown.length > 0;
}

/** The scenario's text, or the problem of text that is not UTF-8; a scenario that cannot be read, or is too large, is a CliError. */
async function readScenarioText(file: string): Promise<string | ScenarioError> {
  const read = await readStreamBounded(inputStream(file), MAX_SCENARIO_BYTES);
  if (!read.ok) {
    const name = file === "-" ? "the scenario from standard input" : `scenario '${file}'`;
    const advice = read.tooLarge ? ": a scenario is one case, a few kilobytes of JSON" : "";
    throw new CliError(`cannot read ${name}: ${read.problem}${advice}`);
  }
  const decoded = decodeUtf8(read.bytes);
  return decoded.ok ? decoded.text : { path: "(json)", message: invalidUtf8Message(decoded) };
}
