/**
 * A driver for the generated module, as a service would write one around it: the
 * module's `measures` table gives each measure's evaluator and the facts it reads; a
 * measure is evaluated when the scenario gives every one of them (the scenario contract).
 */
import { formatValue, type OutputJson, type RuntimeValue } from "../runtime/scenario.js";
import type { FactSchema } from "../runtime/types.js";
import type { CompiledMeasure, CompiledModule } from "./policy.js";

export interface PreparedMeasure {
  readonly name: string;
  readonly measure: CompiledMeasure;
  /** whether the facts hold every fact the measure reads */
  readonly hasFacts: (facts: object) => boolean;
}

export type MeasureResults = { [measure: string]: { readonly [output: string]: RuntimeValue } };

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The test of a measure's reads (`["person.insured", …]`) as one function of direct
 * property tests, built once; testing each path through computed keys costs more than
 * some measures do. A field left out of a scenario is undefined in the runtime's records
 * (an optional one left out is null), so `!== undefined` is the presence test.
 */
function presenceTest(reads: readonly string[]): (facts: object) => boolean {
  const tests = reads.map((path) => {
    const [entity = "", field = ""] = path.split(".");
    if (!IDENTIFIER.test(entity) || !IDENTIFIER.test(field)) throw new Error(`unexpected fact path ${path}`);
    return `f.${entity} !== undefined && f.${entity}.${field} !== undefined`;
  });
  return new Function("f", `return ${tests.length === 0 ? "true" : tests.join(" && ")};`) as (facts: object) => boolean;
}

/** The measures of `names` (all, in the module's order, when absent). */
export function prepareMeasures(module: CompiledModule, names: readonly string[] = Object.keys(module.measures)): PreparedMeasure[] {
  return names.map((name) => {
    const measure = module.measures[name];
    if (measure === undefined) throw new Error(`the generated module has no measure ${name}`);
    return { name, measure, hasFacts: presenceTest(measure.reads) };
  });
}

export function evaluateCompiled(measures: readonly PreparedMeasure[], facts: object, asOf: number, overrides: object): MeasureResults {
  const result: MeasureResults = {};
  for (const { name, measure, hasFacts } of measures) {
    if (hasFacts(facts)) result[name] = measure.evaluate(facts, asOf, overrides);
  }
  return result;
}

/** Results as output JSON, with the output types of the module's table. */
export function formatCompiled(measures: readonly PreparedMeasure[], results: MeasureResults, schema: FactSchema): { [measure: string]: { [output: string]: OutputJson } } {
  const json: { [measure: string]: { [output: string]: OutputJson } } = {};
  for (const { name, measure } of measures) {
    const outputs = results[name];
    if (outputs === undefined) continue;
    const formatted: { [output: string]: OutputJson } = {};
    for (const [output, type] of Object.entries(measure.outputs)) formatted[output] = formatValue(outputs[output] ?? null, type, schema);
    json[name] = formatted;
  }
  return json;
}
