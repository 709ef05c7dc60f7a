/**
 * The JSON-facing entry point of generated code, `evaluateJson`, gives what `tiao run`
 * gives (the library's `evaluateScenario`, which the CLI runs): the same outputs in the same
 * order, the same problems with their JSON paths, the same evaluation errors.
 */
import fc from "fast-check";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compilePolicyText, POLICY_FOLDER, readPolicyText } from "../../bench/policy.js";
import { scenarioText as workloadScenarioText } from "../../bench/workload.js";
import { evaluateScenario, type ScenarioOutcome } from "../../compiler/evaluate-scenario.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { formatDate, formatValue, type JsonEvaluation, type JsonEvaluationOptions } from "../../runtime/index.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { scratchFolder, writeGenerated } from "./compiled.js";
import { everyOperationPolicy } from "./policies.js";

type EvaluateJson = (scenario: string | object, options?: JsonEvaluationOptions) => JsonEvaluation;

async function generatedEntryPoint(program: ProgramIR, name: string): Promise<EvaluateJson> {
  const { javascript } = writeGenerated(scratchFolder(name), program);
  const module = (await import(pathToFileURL(javascript).href)) as { evaluateJson?: EvaluateJson };
  if (module.evaluateJson === undefined) throw new Error("the generated module exports no evaluateJson");
  return module.evaluateJson;
}

/**
 * The outcome as plain data: what the CLI would print of it. Of an evaluation error, the
 * message, as population runs print it: generated code does not know where in the policy
 * an amount grew too large.
 */
function printed(outcome: ScenarioOutcome | JsonEvaluation): unknown {
  switch (outcome.kind) {
    case "evaluated":
      return { evaluated: outcome.json };
    case "bad_input":
      return { problems: outcome.problems };
    case "evaluation_error":
      return { error: outcome.error.message };
  }
}

const lanzhou = await compilePolicyText(readPolicyText(POLICY_FOLDER));

describe("evaluateJson of generated code", () => {
  it("gives tiao run's result for the benchmark's scenarios of the Lanzhou policy, whole or by measure, as text or parsed", async () => {
    const evaluateJson = await generatedEntryPoint(lanzhou, "json-entry-lanzhou");
    const kinds = new Set<string>();
    for (let index = 0; index < 300; index++) {
      const text = workloadScenarioText(7, index);
      const measures = index % 3 === 0 ? { measures: ["m4", "m9"] } : {};
      const expected = evaluateScenario(lanzhou, { scenario: text, ...measures });
      kinds.add(expected.kind);
      expect(printed(evaluateJson(text, measures))).toEqual(printed(expected));
      expect(printed(evaluateJson(JSON.parse(text) as object, measures))).toEqual(printed(expected));
    }
    expect(kinds.has("evaluated")).toBe(true);
  });

  it("reports the problems of a bad scenario exactly as tiao run does", async () => {
    const evaluateJson = await generatedEntryPoint(lanzhou, "json-entry-bad");
    const bad = [
      "{",
      "[]",
      '{"person": {}}',
      '{"date": "2021-02-30", "person": {"insured_months": "abc", "unemployed": 1}, "enterprize": {}}',
      '{"date": "2021-11-15", "enterprise": {"ui_premiums_last_year": 12345.675}}',
    ];
    for (const text of bad) {
      const outcome = evaluateJson(text);
      expect(outcome.kind).toBe("bad_input");
      expect(printed(outcome)).toEqual(printed(evaluateScenario(lanzhou, { scenario: text })));
    }
    const missing = '{"date": "2021-11-15"}';
    expect(printed(evaluateJson(missing, { measures: ["m4"] }))).toEqual(printed(evaluateScenario(lanzhou, { scenario: missing, measures: ["m4"] })));
    expect(() => evaluateJson(missing, { measures: ["m11"] })).toThrow(/no measure m11/);
  });

  it("gives the interpreter's results and evaluation errors on random scenarios of a policy with every operation", async () => {
    const evaluateJson = await generatedEntryPoint(everyOperationPolicy, "json-entry-operations");
    const { schema } = everyOperationPolicy;
    fc.assert(
      fc.property(scenarioArbitrary(everyOperationPolicy), (scenario) => {
        const json: { [key: string]: unknown } = { date: formatDate(scenario.date) };
        for (const [entity, facts] of Object.entries(scenario.facts)) json[entity] = formatValue(facts, { kind: "record", name: entity }, schema);
        const parameters = Object.fromEntries(
          Object.entries(scenario.parameters).map(([name, value]) => [name, formatValue(value, schema.parameters.find((p) => p.name === name)!.type, schema)]),
        );
        if (Object.keys(parameters).length > 0) json["parameters"] = parameters;
        const text = JSON.stringify(json);
        expect(printed(evaluateJson(text))).toEqual(printed(evaluateScenario(everyOperationPolicy, { scenario: text })));
      }),
      { numRuns: 300, seed: 12 },
    );
  });
});
