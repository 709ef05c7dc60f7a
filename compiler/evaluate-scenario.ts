/**
 * From a scenario's JSON to the result `tiao run` prints: the one path the CLI (`run`,
 * `explain`, `test`) and applications (`import { evaluateScenario } from "tiao"`) share.
 * Browser-safe: the caller reads the scenario and compiles the policy.
 */
import { printable } from "./diagnostics/printable.js";
import { evaluate, missingFactsForMeasures, type EvaluationResult } from "./interpret.js";
import type { ProgramIR } from "./ir.js";
import type { Explanation } from "./explain.js";
import type { ExplanationLanguage } from "./explain-words.js";
import { EvaluationError, readScenario, type OutputJson, type Scenario, type ScenarioError } from "../runtime/index.js";
import { naturalMeasureOrder, problemsOfMissingFacts, scenarioJsonText } from "../runtime/evaluate-json.js";
import { definedProperties } from "./defined-properties.js";

/** Compares measure names in natural order: m2 before m10 (the order `tiao run` prints them in). */
export { naturalMeasureOrder };

export interface ScenarioRequest {
  /**
   * The scenario: its JSON text, or the value JSON.parse would give for it. A value is
   * read as its JSON text, with the same checks: money as `12345.67` or `"12345.67"`,
   * never in fen.
   */
  readonly scenario: string | object;
  /** measures asked for by name (each must be one of the program's: see `unknownMeasures`); all when absent */
  readonly measures?: readonly string[];
  /** add, under the key `explain`, why each output has its value */
  readonly explain?: boolean;
  /** the language of the explanations; by default the policy's */
  readonly language?: ExplanationLanguage;
}

/** The result as `tiao run` prints it: per measure (in natural order m1, m2, … m10) its formatted outputs, then `explain` when asked for. */
export interface ResultJson {
  readonly [measure: string]: { readonly [output: string]: OutputJson } | ExplanationsJson | undefined;
  readonly explain?: ExplanationsJson;
}

export type ExplanationsJson = { readonly [measure: string]: { readonly [output: string]: Explanation } };

/** What became of one scenario: the three outcomes `tiao run` tells apart (exit status 0, 2 and 3). */
export type ScenarioOutcome = RunOutcome<{ readonly json: ResultJson; readonly result: EvaluationResult }>;

/** What became of one scenario, whatever evaluated it. */
export type RunOutcome<Evaluated> =
  | ({ readonly kind: "evaluated" } & Evaluated)
  | { readonly kind: "bad_input"; readonly problems: readonly ScenarioError[] }
  | { readonly kind: "evaluation_error"; readonly error: EvaluationError };

/**
 * The one path from a scenario's JSON to what became of it, for a scenario on its own
 * (`run`, `explain`, `test`, `evaluateScenario`: the interpreter) and for each line of a file
 * of scenarios (`run --scenarios`: the compiled policy): the scenario read against the
 * program's facts, the measures asked for by name checked to have theirs, then `evaluate`,
 * whose evaluation errors are an outcome. Both evaluate a measure when the runtime's
 * `missingFacts` finds none of its facts missing, and format outputs with the program's schema.
 * `isEvaluationError`: compiled code throws the error class of the runtime it imports.
 */
export function runScenario<Evaluated extends object>(
  program: ProgramIR,
  text: string,
  measures: readonly string[] | undefined,
  evaluate: (scenario: Scenario) => Evaluated,
  isEvaluationError: (error: unknown) => error is EvaluationError = (error) => error instanceof EvaluationError,
): RunOutcome<Evaluated> {
  const read = readScenario(text, program.schema);
  if (!read.ok) return { kind: "bad_input", problems: read.errors };
  if (measures !== undefined) {
    const problems = missingFactProblems(program, read.scenario, measures);
    if (problems.length > 0) return { kind: "bad_input", problems };
  }
  try {
    return { kind: "evaluated", ...evaluate(read.scenario) };
  } catch (error) {
    if (isEvaluationError(error)) return { kind: "evaluation_error", error };
    throw error;
  }
}

/**
 * Reads a scenario against the program's facts and evaluates each measure it gives the facts
 * for (or those asked for by name, whose missing facts are then bad input). Never throws for
 * a bad scenario or an evaluation error: they are outcomes. Asking for a measure the program
 * does not have is a programming error, and throws.
 */
export function evaluateScenario(program: ProgramIR, request: ScenarioRequest): ScenarioOutcome {
  const unknown = request.measures === undefined ? [] : unknownMeasures(program, request.measures);
  if (unknown.length > 0) throw new RangeError(`the policy has no measure ${unknown.join(", ")} (it has ${measureNames(program)})`);
  const text = scenarioJsonText(request.scenario);
  if (text === undefined) return { kind: "bad_input", problems: [{ path: "(json)", message: "the scenario cannot be written as JSON" }] };
  const options = { explain: request.explain === true, ...definedProperties({ measures: request.measures, language: request.language }) };
  return runScenario(program, text, request.measures, (scenario) => {
    const result = evaluate(program, scenario, options);
    return { json: resultJson(result), result };
  });
}

/** The names of `names` that are neither a measure of the program (`m4`) nor an output of one (`m4.total`, `m4.in_force`). */
export function unknownMeasures(program: ProgramIR, names: readonly string[]): string[] {
  return names.filter((name) => {
    const dot = name.indexOf(".");
    const measure = program.measures.find((m) => m.name === (dot === -1 ? name : name.slice(0, dot)));
    if (measure === undefined) return true;
    return dot !== -1 && !measureOutputs(measure).includes(name.slice(dot + 1));
  });
}

/** What `--measure m4.<output>` may name: `in_force` and the measure's outputs. */
export function measureOutputs(measure: ProgramIR["measures"][number]): string[] {
  return ["in_force", ...measure.outputs];
}

/** The program's measure names, for messages: "m1, m2, m3". */
export function measureNames(program: ProgramIR): string {
  return program.measures.map((measure) => measure.name).join(", ");
}

/** For measures asked for by name: one problem per fact the scenario does not give, naming the measures that need it. */
export function missingFactProblems(program: ProgramIR, scenario: Scenario, measures: readonly string[]): ScenarioError[] {
  return problemsOfMissingFacts(missingFactsForMeasures(program, scenario, measures));
}

/**
 * `path: message`, the form of every scenario problem `tiao run` prints on stderr. A path
 * holds the scenario's keys, which may hold any character: control characters are escaped,
 * so that a key can neither add a line to the report nor send codes to the terminal.
 */
export function problemLine(problem: ScenarioError): string {
  return printable(`${problem.path}: ${problem.message}`);
}

/** An evaluation error as `tiao run` prints it: `error: message`, then `--> file:line:column` in the policy. */
export function evaluationErrorText(error: EvaluationError): string {
  const where = error.location === undefined ? "" : `\n  --> ${error.location.file}:${error.location.line}:${error.location.column}`;
  return `error: ${error.message}${where}`;
}

/**
 * The result as printed by `tiao run`: measures in their natural order (m1, m2, … m10),
 * then `explain` when asked for, its measures in the same order.
 */
export function resultJson(result: EvaluationResult): ResultJson {
  return {
    ...inNaturalOrder(result.outputs),
    ...(result.explain === undefined ? {} : { explain: inNaturalOrder(result.explain) }),
  };
}

function inNaturalOrder<T>(byMeasure: { readonly [measure: string]: T }): { [measure: string]: T } {
  const entries = Object.entries(byMeasure).sort(([a], [b]) => naturalMeasureOrder(a, b));
  return Object.fromEntries(entries);
}
