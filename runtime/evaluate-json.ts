/**
 * The JSON-facing entry point of generated modules (their `evaluateJson`): a scenario's JSON,
 * text or parsed, read exactly as `tiao run` reads it; the measures it gives the facts for
 * (or those asked for by name) evaluated; their outputs formatted and ordered as `tiao run`
 * prints them; with `explain`, for each output the rule that decided it and the measure's
 * window, as in the explanations of `tiao run --explain`. The library API's
 * `evaluateScenario` gives the same results from a compiled program, with whole explanations.
 */
import { formatDate, type CalendarDate } from "./dates.js";
import { EvaluationError } from "./errors.js";
import { formatValue, missingFacts, readScenario, type OutputJson, type RecordValue, type RuntimeValue, type ScenarioError } from "./scenario.js";
import type { FactSchema, ValueType } from "./types.js";

type Facts = { readonly [entity: string]: RecordValue };
type Outputs = { readonly [output: string]: RuntimeValue };

export interface CitationReference {
  /** "§4", "§3¶2" */
  readonly clause: string;
  /** the quoted words of the document */
  readonly quote: string;
}

/** A rule, an exception, or a definition written as one expression. */
export interface RuleReference {
  /** "definition" for a definition written as one expression */
  readonly kind: "rule" | "exception" | "definition";
  readonly label: string;
  readonly citation?: CitationReference;
  readonly note?: string;
  /** "file:line" */
  readonly location: string;
}

export interface WindowReport {
  readonly measure: string;
  readonly date: string;
  readonly inForce: boolean;
  /** absent when the measure has no window */
  readonly from?: string;
  /** null: no end date */
  readonly until?: string | null;
}

/** What an explanation says of a rule that decides an output. */
export interface RuleDecision {
  readonly decidedBy: RuleReference;
  /** for an exception: the rules it took precedence over, nearest first */
  readonly overrides?: readonly RuleReference[];
}

/** Why an output has its value, as far as generated code tells: the same keys as in `tiao run --explain`. */
export interface OutputExplanation {
  /** the rule that gave the value, when the measure is in force */
  readonly decidedBy?: RuleReference;
  readonly overrides?: readonly RuleReference[];
  /** for `in_force`, and for every output of a measure not in force */
  readonly window?: WindowReport;
}

/**
 * What a generated evaluator tells, when it is given one, as it evaluates: the rule that
 * decided each output written with rules, and the dates of the measure's window.
 */
export interface DecisionRecorder {
  decided(output: string, rule: string): void;
  window(from: CalendarDate, until: CalendarDate | null): void;
}

/** One measure of a generated module's `measures` table. */
interface CompiledMeasure {
  readonly reads: readonly string[];
  readonly outputs: { readonly [output: string]: ValueType };
  /** per output but `in_force`, its rules (or its one expression) */
  readonly decisions: { readonly [output: string]: readonly RuleDecision[] | undefined };
  readonly evaluate: (facts: Facts, asOf: CalendarDate, overrides: { readonly [name: string]: RuntimeValue }, recorder?: DecisionRecorder) => Outputs;
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
  /** add, under `explain`, for each output the rule that decided it and the measure's window */
  readonly explain?: boolean;
}

export type ExplanationsJson = { readonly [measure: string]: { readonly [output: string]: OutputExplanation } };

/** The three outcomes `tiao run` tells apart by its exit status: 0, 2 and 3. */
export type JsonEvaluation =
  | {
      readonly kind: "evaluated";
      readonly json: { readonly [measure: string]: { readonly [output: string]: OutputJson } };
      /** with `explain` only */
      readonly explain?: ExplanationsJson;
    }
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
  const explanations: [string, { [output: string]: OutputExplanation }][] = [];
  try {
    for (const { measure, missing: paths } of missing) {
      const compiled = measures[measure];
      if (compiled === undefined || paths.length > 0) continue;
      const recorder = options.explain === true ? new Recorder() : undefined;
      const { facts, date, parameters } = read.scenario;
      const outputs = compiled.evaluate(facts, date, parameters, recorder);
      // From entries: an output named `__proto__` is then a property like any other.
      const formatted = Object.entries(compiled.outputs).map(([output, type]): [string, OutputJson] => [output, formatValue(outputs[output] ?? null, type, tables.factSchema)]);
      results.push([measure, Object.fromEntries(formatted)]);
      if (recorder !== undefined) explanations.push([measure, explainOutputs(measure, compiled, outputs["in_force"] === true, date, recorder)]);
    }
  } catch (error) {
    if (error instanceof EvaluationError) return { kind: "evaluation_error", error };
    throw error;
  }
  const inOrder = <T>(entries: [string, T][]) => Object.fromEntries(entries.sort(([a], [b]) => naturalMeasureOrder(a, b)));
  const json = inOrder(results);
  return options.explain === true ? { kind: "evaluated", json, explain: inOrder(explanations) } : { kind: "evaluated", json };
}

class Recorder implements DecisionRecorder {
  readonly rules = new Map<string, string>();
  dates: { readonly from: CalendarDate; readonly until: CalendarDate | null } | undefined;

  decided(output: string, rule: string): void {
    this.rules.set(output, rule);
  }

  window(from: CalendarDate, until: CalendarDate | null): void {
    this.dates = { from, until };
  }
}

/** Per output of a measure evaluated, in the order of its outputs: the rule that decided it, or the window. */
function explainOutputs(measure: string, compiled: CompiledMeasure, inForce: boolean, date: CalendarDate, recorder: Recorder): { [output: string]: OutputExplanation } {
  const { dates } = recorder;
  const window: WindowReport = {
    measure,
    date: formatDate(date),
    inForce,
    ...(dates === undefined ? {} : { from: formatDate(dates.from), until: dates.until === null ? null : formatDate(dates.until) }),
  };
  // From entries: an output named `__proto__` is then a property like any other.
  return Object.fromEntries(
    Object.keys(compiled.outputs).map((output): [string, OutputExplanation] => {
      if (output === "in_force" || !inForce) return [output, { window }];
      const rules = Object.hasOwn(compiled.decisions, output) ? (compiled.decisions[output] ?? []) : [];
      const label = recorder.rules.get(output);
      // A definition written as one expression, or as one rule that always applies, decides alone.
      const decision = label === undefined ? (rules.length === 1 ? rules[0] : undefined) : rules.find((rule) => rule.decidedBy.label === label);
      return [output, decision ?? {}];
    }),
  );
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
