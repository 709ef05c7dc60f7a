/**
 * Keys and names that are properties of every JavaScript object (`constructor`, `__proto__`,
 * `toString`…) are read, or refused, exactly as any other name, by both scenario readers.
 */
import { describe, expect, it } from "vitest";
import { readScenario, readScenarioFromTree, type ScenarioResult } from "../../runtime/scenario.js";
import type { FactSchema, SourceSpan } from "../../runtime/types.js";

const span: SourceSpan = { file: "t.tiao", line: 1, column: 1, endLine: 1, endColumn: 2, start: 0, end: 1 };
const objectNames = Object.getOwnPropertyNames(Object.prototype);

function schemaWith(parameterName: string): FactSchema {
  return {
    enums: [],
    records: [{ name: "person", entity: true, span, fields: [{ name: "age", type: { kind: "integer" }, span }] }],
    parameters: [{ name: parameterName, type: { kind: "money" } }],
  };
}

/** Both readers' results, which must be the same. */
function readBoth(text: string, schema: FactSchema): ScenarioResult {
  const fast = readScenario(text, schema);
  expect(readScenarioFromTree(text, schema)).toEqual(fast);
  return fast;
}

describe("names of Object.prototype", () => {
  it("are in the list this test goes through", () => {
    expect(objectNames).toEqual(expect.arrayContaining(["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "__defineGetter__"]));
  });

  it("as scenario keys, fields and parameters the policy does not have, are unknown like any other", () => {
    const schema = schemaWith("rate");
    for (const name of [...objectNames, "innocent"]) {
      const paths = (text: string) => {
        const read = readBoth(text, schema);
        return read.ok ? [] : read.errors.map((error) => `${error.path}: ${error.message}`);
      };
      const key = JSON.stringify(name);
      expect(paths(`{"date":"2021-11-15",${key}:{}}`), name).toEqual([`${name}: unknown key: expected one of "date", "parameters", "person"`]);
      expect(paths(`{"date":"2021-11-15","person":{"age":1,${key}:1}}`), name).toEqual([`person.${name}: unknown field of person`]);
      expect(paths(`{"date":"2021-11-15","parameters":{${key}:"1"}}`), name).toEqual([`parameters.${name}: unknown parameter: no parameter of the policy has this name`]);
    }
  });

  it("as a parameter's name: absent from the overrides when the scenario does not give it, present when it does", () => {
    for (const name of objectNames) {
      const schema = schemaWith(name);
      const without = readBoth('{"date":"2021-11-15","person":{"age":1}}', schema);
      if (!without.ok) throw new Error(`not read: ${JSON.stringify(without.errors)}`);
      expect(without.scenario.parameters[name], name).toBeUndefined();
      expect(Object.keys(without.scenario.parameters)).toEqual([]);
      const given = readBoth(`{"date":"2021-11-15","parameters":{${JSON.stringify(name)}:"12.50"}}`, schema);
      if (!given.ok) throw new Error(`not read: ${JSON.stringify(given.errors)}`);
      expect(Object.hasOwn(given.scenario.parameters, name), name).toBe(true);
      expect(given.scenario.parameters[name], name).toBe(1250);
    }
  });
});
