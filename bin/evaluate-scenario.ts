import { evaluate, missingFactsForMeasures, type EvaluationResult } from "../compiler/interpret.js";
import { printable } from "../compiler/diagnostics/printable.js";
import type { ExplanationLanguage } from "../compiler/explain-words.js";
import type { ProgramIR } from "../compiler/ir.js";
import { EvaluationError, readScenario, type Scenario, type ScenarioError } from "../runtime/index.js";

export interface ScenarioRequest {
  /** the scenario's JSON text */
  readonly text: string;
  /** measures asked for by name (already known to exist in the program); all when absent */
  readonly measures?: readonly string[];
  readonly explain: boolean;
  /** the language of the explanations; by default the policy's */
  readonly language?: ExplanationLanguage;
}

/** What became of one scenario: the three outcomes `tiao run` and `tiao test` tell apart. */
export type ScenarioOutcome =
  | { readonly kind: "evaluated"; readonly result: EvaluationResult }
  | { readonly kind: "bad_input"; readonly problems: readonly ScenarioError[] }
  | { readonly kind: "evaluation_error"; readonly error: EvaluationError };

export function evaluateScenario(program: ProgramIR, request: ScenarioRequest): ScenarioOutcome {
  const read = readScenario(request.text, program.schema);
  if (!read.ok) return { kind: "bad_input", problems: read.errors };
  if (request.measures !== undefined) {
    const problems = missingFactProblems(program, read.scenario, request.measures);
    if (problems.length > 0) return { kind: "bad_input", problems };
  }
  try {
    const options = {
      explain: request.explain,
      ...(request.measures === undefined ? {} : { measures: request.measures }),
      ...(request.language === undefined ? {} : { language: request.language }),
    };
    return { kind: "evaluated", result: evaluate(program, read.scenario, options) };
  } catch (error) {
    if (error instanceof EvaluationError) return { kind: "evaluation_error", error };
    throw error;
  }
}

/** The measures of `names` the program does not have. */
export function unknownMeasures(program: ProgramIR, names: readonly string[]): string[] {
  return names.filter((name) => !program.measures.some((measure) => measure.name === name));
}

export function measureNames(program: ProgramIR): string {
  return program.measures.map((measure) => measure.name).join(", ");
}

/** For measures asked for by name: one problem per fact the scenario does not give, naming the measures that need it. */
export function missingFactProblems(program: ProgramIR, scenario: Scenario, measures: readonly string[]): ScenarioError[] {
  const measuresByPath = new Map<string, string[]>();
  for (const { measure, missing: paths } of missingFactsForMeasures(program, scenario, measures)) {
    for (const path of paths) measuresByPath.set(path, [...(measuresByPath.get(path) ?? []), measure]);
  }
  return [...measuresByPath].map(([path, measures]) => ({
    path,
    message: `missing: ${measures.length === 1 ? "measure" : "measures"} ${measures.join(", ")} ${measures.length === 1 ? "needs" : "need"} this fact`,
  }));
}

/**
 * `path: message`, the form of every scenario problem on stderr. A path holds the scenario's
 * keys, which may hold any character: control characters are escaped, so that a key can
 * neither add a line to the report nor send codes to the terminal.
 */
export function problemLine(problem: ScenarioError): string {
  return printable(`${problem.path}: ${problem.message}`);
}

/** The location of an evaluation error in the policy, "file:line:column". */
export function evaluationErrorText(error: EvaluationError): string {
  const where = error.location === undefined ? "" : `\n  --> ${error.location.file}:${error.location.line}:${error.location.column}`;
  return `error: ${error.message}${where}`;
}

/**
 * The result as printed by `tiao run`: measures in their natural order (m1, m2, … m10),
 * then `explain` when asked for, its measures in the same order.
 */
export function resultJson(result: EvaluationResult): { readonly [key: string]: object } {
  return {
    ...inNaturalOrder(result.outputs),
    ...(result.explain === undefined ? {} : { explain: inNaturalOrder(result.explain) }),
  };
}

function inNaturalOrder<T>(byMeasure: { readonly [measure: string]: T }): { [measure: string]: T } {
  const entries = Object.entries(byMeasure).sort(([a], [b]) => naturalMeasureOrder(a, b));
  return Object.fromEntries(entries);
}

/** Compares measure names in natural order: m2 before m10. */
export function naturalMeasureOrder(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
