/**
 * The JSON-facing entry point of generated modules (their `evaluateJson`): a scenario's JSON,
 * text or parsed, read exactly as `tiao run` reads it; the measures it gives the facts for
 * (or those asked for by name) evaluated; their outputs formatted and ordered as `tiao run`
 * prints them. The library API's `evaluateScenario` gives the same results from a compiled
 * program, with explanations.
 */
import type { CalendarDate } from "./dates.js";
import { EvaluationError } from "./errors.js";
import { formatValue, missingFacts, readScenario, type OutputJson, type RecordValue, type RuntimeValue, type ScenarioError } from "./scenario.js";
import type { FactSchema, ValueType } from "./types.js";

type Facts = { readonly [entity: string]: RecordValue };
type Outputs = { readonly [output: string]: RuntimeValue };

/** One measure of a generated module's `measures` table. */
interface CompiledMeasure {
  readonly reads: readonly string[];
  readonly outputs: { readonly [output: string]: ValueType };
  readonly evaluate: (facts: Facts, asOf: CalendarDate, overrides: { readonly [name: string]: RuntimeValue }) => Outputs;
}

/** What the entry point reads of a generated module: its `factSchema` and `measures` table. */
export interface CompiledTables {
  readonly factSchema: FactSchema;
  /**
   * The module's `measures` table. Typed as an object: each measure's evaluator takes the
   * facts of its own type, which no one signature of the runtime's can name.
   */
  readonly measures: object;
}

export interface JsonEvaluationOptions {
  /** only these measures (each must be one of the module's); their missing facts are then problems */
  readonly measures?: readonly string[];
}

/** The three outcomes `tiao run` tells apart by its exit status: 0, 2 and 3. */
export type JsonEvaluation =
  | { readonly kind: "evaluated"; readonly json: { readonly [measure: string]: { readonly [output: string]: OutputJson } } }
  | { readonly kind: "bad_input"; readonly problems: readonly ScenarioError[] }
  | { readonly kind: "evaluation_error"; readonly error: EvaluationError };

export function evaluateScenarioJson(tables: CompiledTables, scenario: string | object, options: JsonEvaluationOptions = {}): JsonEvaluation {
  const measures = tables.measures as { readonly [measure: string]: CompiledMeasure };
  const names = Object.keys(measures);
  const unknown = (options.measures ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) throw new RangeError(`the policy has no measure ${unknown.join(", ")} (it has ${names.join(", ")})`);
  const text = scenarioJsonText(scenario);
  if (text === undefined) return { kind: "bad_input", problems: [{ path: "(json)", message: "the scenario cannot be written as JSON" }] };
  const read = readScenario(text, tables.factSchema);
  if (!read.ok) return { kind: "bad_input", problems: read.errors };
  const asked = options.measures;
  const selected = asked === undefined ? names : names.filter((name) => asked.includes(name));
  const missing = selected.map((measure) => ({ measure, missing: missingFacts(read.scenario, measures[measure]?.reads ?? [], tables.factSchema) }));
  if (asked !== undefined) {
    const problems = problemsOfMissingFacts(missing);
    if (problems.length > 0) return { kind: "bad_input", problems };
  }
  const results: [string, { [output: string]: OutputJson }][] = [];
  try {
    for (const { measure, missing: paths } of missing) {
      const compiled = measures[measure];
      if (compiled === undefined || paths.length > 0) continue;
      const outputs = compiled.evaluate(read.scenario.facts, read.scenario.date, read.scenario.parameters);
      const formatted: { [output: string]: OutputJson } = {};
      for (const [output, type] of Object.entries(compiled.outputs)) formatted[output] = formatValue(outputs[output] ?? null, type, tables.factSchema);
      results.push([measure, formatted]);
    }
  } catch (error) {
    if (error instanceof EvaluationError) return { kind: "evaluation_error", error };
    throw error;
  }
  return { kind: "evaluated", json: Object.fromEntries(results.sort(([a], [b]) => naturalMeasureOrder(a, b))) };
}

/** The text of a scenario given as text or as a value; undefined for what JSON cannot hold (a function, a cycle, a bigint). */
export function scenarioJsonText(scenario: string | object): string | undefined {
  if (typeof scenario === "string") return scenario;
  try {
    return JSON.stringify(scenario) as string | undefined;
  } catch {
    return undefined;
  }
}

/** For measures asked for by name: one problem per fact the scenario does not give, naming the measures that need it. */
export function problemsOfMissingFacts(missing: readonly { readonly measure: string; readonly missing: readonly string[] }[]): ScenarioError[] {
  const measuresByPath = new Map<string, string[]>();
  for (const { measure, missing: paths } of missing) {
    for (const path of paths) measuresByPath.set(path, [...(measuresByPath.get(path) ?? []), measure]);
  }
  return [...measuresByPath].map(([path, measures]) => ({
    path,
    message: `missing: ${measures.length === 1 ? "measure" : "measures"} ${measures.join(", ")} ${measures.length === 1 ? "needs" : "need"} this fact`,
  }));
}

/** Compares measure names in natural order: m2 before m10. */
export function naturalMeasureOrder(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
