/**
 * The JSON-facing entry point of generated code, `evaluateJson`, gives what `tiao run`
 * gives (the library's `evaluateScenario`, which the CLI runs): the same outputs in the same
 * order, the same problems with their JSON paths, the same evaluation errors.
 */
import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { compilePolicyText, POLICY_FOLDER, readPolicyText } from "../../bench/policy.js";
import { readTestFile } from "../../bin/test-file.js";
import { scenarioText as workloadScenarioText } from "../../bench/workload.js";
import { evaluateScenario, type ScenarioOutcome } from "../../compiler/evaluate-scenario.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { formatDate, formatValue, type JsonEvaluation, type JsonEvaluationOptions, type OutputExplanation } from "../../runtime/index.js";
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

  it("explains, when asked, each output as the interpreter does: the deciding rule, its citation, what it overrides, the window", async () => {
    const evaluateJson = await generatedEntryPoint(lanzhou, "json-entry-explain");
    const folder = join(POLICY_FOLDER, "tests");
    const seen = { rule: 0, exception: 0, definition: 0, overrides: 0, notInForce: 0 };
    for (const file of readdirSync(folder).filter((name) => name.endsWith(".json"))) {
      const read = readTestFile(readFileSync(join(folder, file), "utf8"), lanzhou);
      if (!read.ok) throw new Error(`${file} is not a test file`);
      const { scenarioText, measures } = read.test;
      const request = { explain: true, ...(measures === undefined ? {} : { measures }) };
      const expected = evaluateScenario(lanzhou, { scenario: scenarioText, ...request });
      const actual = evaluateJson(scenarioText, request);
      expect(actual.kind, file).toBe(expected.kind);
      if (expected.kind !== "evaluated" || actual.kind !== "evaluated") continue;
      const interpreted = expected.json.explain ?? {};
      const wanted: { [measure: string]: { [output: string]: OutputExplanation } } = {};
      for (const [measure, outputs] of Object.entries(interpreted)) {
        wanted[measure] = {};
        for (const [output, { decidedBy, overrides, window }] of Object.entries(outputs)) {
          wanted[measure][output] = { ...(decidedBy === undefined ? {} : { decidedBy }), ...(overrides === undefined ? {} : { overrides }), ...(window === undefined ? {} : { window }) };
          if (decidedBy !== undefined) seen[decidedBy.kind]++;
          if (overrides !== undefined) seen.overrides++;
          if (output !== "in_force" && window !== undefined) seen.notInForce++;
        }
      }
      expect(actual.explain, file).toEqual(wanted);
      expect(JSON.stringify(actual.json), file).toBe(JSON.stringify(expected.json, (key, value: unknown) => (key === "explain" ? undefined : value)));
    }
    // The scenarios exercise every kind of decision, exceptions over rules, and measures not in force.
    expect(Object.values(seen).every((count) => count > 0), JSON.stringify(seen)).toBe(true);
  });

  it("adds no explanations unless asked", async () => {
    const evaluateJson = await generatedEntryPoint(lanzhou, "json-entry-no-explain");
    const outcome = evaluateJson(workloadScenarioText(7, 1));
    expect(outcome.kind === "evaluated" && "explain" in outcome).toBe(false);
  });
});
