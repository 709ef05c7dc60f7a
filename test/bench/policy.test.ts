import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { resultJson } from "../../compiler/evaluate-scenario.js";
import { evaluatePopulation } from "../../bin/population.js";
import { compile } from "../../compiler/compile.js";
import { evaluate } from "../../compiler/interpret.js";
import { readScenario } from "../../runtime/scenario.js";
import { evaluateAll } from "../../bench/baseline/measures.js";
import { asRuntimeScenario } from "../../bench/context.js";
import { directAll } from "../../bench/direct.js";
import { evaluateCompiled, formatCompiled, prepareMeasures } from "../../bench/driver.js";
import { formatResult } from "../../bench/outputs.js";
import { compilePolicyText, importCompiled, POLICY_FOLDER, readPolicyText } from "../../bench/policy.js";
import { baselineLineEvaluator } from "../../bench/stream.js";
import { syntheticPolicy } from "../../bench/synthetic-policy.js";
import { workload } from "../../bench/workload.js";

const items = workload(7, 300);
const program = await compilePolicyText(readPolicyText(POLICY_FOLDER));

describe("the benchmark against the policy", () => {
  it("writes scenario JSON that the runtime reads back to the workload's facts", () => {
    for (const item of items) {
      const read = readScenario(JSON.stringify(item.json), program.schema);
      if (!read.ok) throw new Error(JSON.stringify(read.errors));
      expect(read.scenario.date).toBe(item.scenario.date);
      expect(read.scenario.parameters).toEqual(item.scenario.parameters);
      expect(read.scenario.facts).toEqual(item.scenario.facts);
    }
  });

  it("has a baseline that agrees with the reference interpreter on every output", () => {
    for (const { scenario } of items) {
      const expected = evaluate(program, asRuntimeScenario(scenario)).outputs;
      expect(formatResult(evaluateAll(scenario.facts, scenario.date, scenario.parameters))).toEqual(expected);
    }
  });

  it("drives the generated module to the interpreter's results", async () => {
    const module = await importCompiled(program, "bench-test");
    const measures = prepareMeasures(module);
    for (const { scenario } of items) {
      const results = evaluateCompiled(measures, scenario.facts, scenario.date, scenario.parameters);
      expect(formatCompiled(measures, results, module.factSchema)).toEqual(evaluate(program, asRuntimeScenario(scenario)).outputs);
    }
  });

  it("calls the generated evaluators by name to the interpreter's results", async () => {
    const module = await importCompiled(program, "bench-test");
    const evaluateOne = directAll(module);
    for (const { scenario } of items) {
      const expected = evaluate(program, asRuntimeScenario(scenario)).outputs;
      expect(formatResult(evaluateOne(scenario))).toEqual(expected);
    }
  });

  it("leaves out a measure whose facts the scenario does not give", async () => {
    const module = await importCompiled(program, "bench-test");
    const measures = prepareMeasures(module);
    const read = readScenario(JSON.stringify({ date: "2021-11-15", service: { item: "other" }, report: { level: "county", submitted_at: "15:00" } }), program.schema);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const results = evaluateCompiled(measures, read.scenario.facts, read.scenario.date, read.scenario.parameters);
    expect(Object.keys(results)).toEqual(["m10"]);
  });

  it("streams a population through the baseline, one result line per scenario line, and reports a bad line in place", async () => {
    const output = new PassThrough();
    let written = "";
    output.on("data", (chunk: Buffer) => (written += chunk.toString()));
    const lines = [JSON.stringify(items[0]!.json), '{"date": "2021-02-30"}', "", JSON.stringify(items[1]!.json)];
    const summary = await evaluatePopulation(Readable.from([Buffer.from(lines.join("\n"))]), output, baselineLineEvaluator(program.schema));
    expect(summary).toEqual({ scenarios: 3, badInput: 1, evaluationErrors: 0 });
    const results = written.trimEnd().split("\n");
    expect(results).toHaveLength(3);
    // as `tiao run` prints results: measures in natural order
    expect(results[0]).toBe(JSON.stringify(resultJson(evaluate(program, asRuntimeScenario(items[0]!.scenario)))));
    expect(JSON.parse(results[1]!)).toEqual({ line: 2, errors: [expect.stringMatching(/^date: /)] });
    expect(results[2]).toBe(JSON.stringify(resultJson(evaluate(program, asRuntimeScenario(items[1]!.scenario)))));
  });

  it("generates synthetic policies that compile without a diagnostic, of the size asked for", () => {
    const { sources, lines } = syntheticPolicy(3000);
    expect(lines).toBeGreaterThanOrEqual(3000);
    expect(lines).toBeLessThan(3100);
    expect(sources.length).toBe(3);
    expect(compile(sources).diagnostics).toEqual([]);
  });
});
