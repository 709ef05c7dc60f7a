import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { emitJsonSchema } from "../../compiler/emit/schema.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { EvaluationError, formatDate, formatValue, missingFacts, readScenario, type OutputJson, type Scenario } from "../../runtime/index.js";
import { m4Policy } from "../interpret/policy-m4.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { everyOperationPolicy } from "./policies.js";

const ajv = new Ajv2020({ strict: true, allErrors: true, multipleOfPrecision: 3 });
const compiled = new WeakMap<object, ValidateFunction>();

/** `/enterprise/trainees/0` → `enterprise.trainees[0]` */
function dottedPath(instancePath: string): string {
  const path = instancePath.split("/").slice(1).map((part) => (/^[0-9]+$/.test(part) ? `[${part}]` : `.${part}`)).join("").replace(/^\./, "");
  return path === "" ? "(root)" : path;
}

function problemOf(error: ErrorObject): string {
  const path = dottedPath(error.instancePath);
  if (error.keyword === "required") return `${path}: missing ${String(error.params["missingProperty"])}`;
  if (error.keyword === "additionalProperties") return `${path}: unknown key ${String(error.params["additionalProperty"])}`;
  return `${path}: ${error.keyword} ${error.message ?? ""}`;
}

/** The problems Ajv finds, one per place: a value that matches none of the forms of an anyOf is one problem, not one per form. */
function validate(schema: object, value: unknown): string[] {
  let validator = compiled.get(schema);
  if (validator === undefined) {
    validator = ajv.compile(schema);
    compiled.set(schema, validator);
  }
  if (validator(value)) return [];
  return (validator.errors ?? []).filter((error) => !error.schemaPath.includes("/anyOf/")).map(problemOf);
}

/** A scenario as the JSON a user would write, in the forms the runtime prints. */
function scenarioJson(program: ProgramIR, scenario: Scenario): { [key: string]: OutputJson } {
  const json: { [key: string]: OutputJson } = { date: formatDate(scenario.date) };
  const parameters: { [name: string]: OutputJson } = {};
  for (const [name, value] of Object.entries(scenario.parameters)) {
    const declared = program.schema.parameters.find((p) => p.name === name);
    if (declared !== undefined) parameters[name] = formatValue(value, declared.type, program.schema);
  }
  if (Object.keys(parameters).length > 0) json["parameters"] = parameters;
  for (const [entity, facts] of Object.entries(scenario.facts)) {
    json[entity] = formatValue(facts, { kind: "record", name: entity }, program.schema);
  }
  return json;
}

describe("the JSON Schema of scenarios", () => {
  const { scenario: schema } = emitJsonSchema(everyOperationPolicy);

  it("accepts every scenario the runtime accepts", () => {
    fc.assert(
      fc.property(scenarioArbitrary(everyOperationPolicy), (scenario) => {
        const json = scenarioJson(everyOperationPolicy, scenario);
        expect(readScenario(JSON.stringify(json), everyOperationPolicy.schema).ok).toBe(true);
        expect(validate(schema, json)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses what the runtime refuses: unknown keys, negative amounts, malformed dates, missing fields of a record", () => {
    const base = { date: "2021-11-15" };
    expect(validate(schema, {})).toEqual(["(root): missing date"]);
    expect(validate(schema, { ...base, enterprize: {} })).toEqual(["(root): unknown key enterprize"]);
    expect(validate(schema, { ...base, enterprise: { premium: 1 } })).toEqual(["enterprise: unknown key premium"]);
    expect(validate(schema, { ...base, enterprise: { premiums: -1 } })).toHaveLength(1);
    expect(validate(schema, { ...base, enterprise: { premiums: "12.345" } })).toHaveLength(1);
    expect(validate(schema, { ...base, enterprise: { opened: "2021/10/20" } })).toHaveLength(1);
    expect(validate(schema, { ...base, enterprise: { size: "huge" } })).toHaveLength(1);
    expect(validate(schema, { ...base, enterprise: { trainees: [{ newly_absorbed: true }] } })).toEqual([
      "enterprise.trainees[0]: missing months",
      "enterprise.trainees[0]: missing wage",
    ]);
    expect(validate(schema, { ...base, parameters: { unknown_rate: 1 } })).toEqual(["parameters: unknown key unknown_rate"]);
    expect(validate(schema, { ...base, enterprise: { closes: null, staffed_until: "18:00", statuses: ["expired"], ratio: "-1.5" } })).toEqual([]);
  });

  it("describes facts and parameters with their labels", () => {
    const text = JSON.stringify(emitJsonSchema(m4Policy).scenario);
    expect(text).toContain('"description":"参保月数"');
    expect(text).toContain('"description":"兰州市失业保险金标准（一类区）, 元/月"');
    expect(text).toContain('"$schema":"https://json-schema.org/draft/2020-12/schema"');
  });
});

describe("the JSON Schema of results", () => {
  const { outputs: schema } = emitJsonSchema(everyOperationPolicy);

  it("accepts the interpreter's result for any scenario, explanations included", () => {
    fc.assert(
      fc.property(scenarioArbitrary(everyOperationPolicy), (scenario) => {
        const result: { [key: string]: OutputJson } = {};
        const explain: { [measure: string]: unknown } = {};
        for (const measure of everyOperationPolicy.measures) {
          if (missingFacts(scenario, measure.reads, everyOperationPolicy.schema).length > 0) continue;
          try {
            const evaluated = evaluate(everyOperationPolicy, scenario, { measures: [measure.name], explain: true });
            Object.assign(result, evaluated.outputs);
            Object.assign(explain, evaluated.explain);
          } catch (error) {
            if (!(error instanceof EvaluationError)) throw error;
          }
        }
        expect(validate(schema, { ...result, explain })).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it("requires every output of a measure, in_force first, and refuses unknown ones", () => {
    const m4 = emitJsonSchema(m4Policy).outputs;
    const outputs = { in_force: true, unemployment_subsidy_eligible: true, unemployment_subsidy_monthly: "1166.40", unemployment_subsidy_months: 4 };
    expect(validate(m4, { m4: outputs })).toEqual([]);
    expect(validate(m4, { m4: { ...outputs, unemployment_subsidy_monthly: "1166.4" } })).toHaveLength(1);
    expect(validate(m4, { m4: { ...outputs, extra: 1 } })).toEqual(["m4: unknown key extra"]);
    const { in_force: _inForce, ...withoutInForce } = outputs;
    expect(validate(m4, { m4: withoutInForce })).toEqual(["m4: missing in_force"]);
  });
});
