/**
 * Random scenarios of any policy as the JSON a user writes (docs/internals.md, "Reading
 * scenarios"): test/support/arbitraries.ts draws the values, and the runtime's own
 * formatting writes them as `tiao run` prints values — which its reader takes back.
 */
import fc from "fast-check";
import type { ProgramIR } from "../../compiler/index.js";
import { formatDate, formatValue, type Scenario } from "../../runtime/index.js";
import { scenarioArbitrary, type ScenarioOptions } from "../support/arbitraries.js";

/** The own property `key` (a policy may name a fact `__proto__` or `constructor`). */
function own<T>(object: { readonly [key: string]: T }, key: string): T | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
}

/** The scenario's JSON text. Objects are built from entries, so that a key `__proto__` is a key like any other. */
export function scenarioJson(program: ProgramIR, scenario: Scenario): string {
  const { schema } = program;
  const entries: [string, unknown][] = [["date", formatDate(scenario.date)]];
  for (const entity of schema.records.filter((record) => record.entity)) {
    const facts = own(scenario.facts, entity.name);
    if (facts === undefined) continue;
    // A fact left out stays out: formatting the record would write it as null.
    const fields = entity.fields.flatMap((field): [string, unknown][] => {
      const value = own(facts, field.name);
      return value === undefined ? [] : [[field.name, formatValue(value, field.type, schema)]];
    });
    entries.push([entity.name, Object.fromEntries(fields)]);
  }
  const parameters = schema.parameters.flatMap((parameter): [string, unknown][] => {
    const value = own(scenario.parameters, parameter.name);
    return value === undefined ? [] : [[parameter.name, formatValue(value, parameter.type, schema)]];
  });
  if (parameters.length > 0) entries.push(["parameters", Object.fromEntries(parameters)]);
  return JSON.stringify(Object.fromEntries(entries));
}

export function scenarioJsonArbitrary(program: ProgramIR, options?: ScenarioOptions): fc.Arbitrary<string> {
  return scenarioArbitrary(program, options).map((scenario) => scenarioJson(program, scenario));
}
