import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readTestFile } from "../../bin/test-file.js";
import { jsonEqual } from "../../bin/test-runner.js";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";

const policyPath = fileURLToPath(new URL("../e2e/fixtures/benefit/benefit.tiao", import.meta.url));

function fixtureProgram(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "benefit.tiao", text: readFileSync(policyPath, "utf8") }]);
  if (program === undefined) throw new Error(`the fixture policy does not compile: ${diagnostics.map((d) => d.message).join("; ")}`);
  return program;
}

const program = fixtureProgram();
const scenario = { date: "2021-11-15" };

/** The problems of a test file given as a value, as "path: message" lines. */
function problemsOf(test: unknown): string[] {
  const result = readTestFile(JSON.stringify(test), program);
  return result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
}

describe("reading a test file", () => {
  it("reads a valid test, keeping the scenario's numbers as written", () => {
    const text = '{ "name": "exact", "scenario": { "date": "2021-11-15", "enterprise": { "ui_premiums_last_year": 1820.10 } }, "expected": { "m2": { "refund": "1092.06", "in_force": true } } }';
    const result = readTestFile(text, program);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.test.name).toBe("exact");
    expect(result.test.scenarioText).toBe('{"date":"2021-11-15","enterprise":{"ui_premiums_last_year":1820.10}}');
    expect(result.test.expectation).toEqual({
      kind: "outputs",
      outputs: new Map([["m2", new Map<string, unknown>([["refund", "1092.06"], ["in_force", true]])]]),
    });
  });

  it("reads an expected error with its paths", () => {
    const result = readTestFile(JSON.stringify({ name: "bad", scenario, expected_error: { exit: 2, paths: ["date"] } }), program);
    expect(result.ok && result.test.expectation).toEqual({ kind: "error", exit: 2, paths: ["date"] });
  });

  it("names the JSON path of each problem", () => {
    expect(problemsOf({ scenario, expected: { m1: { eligible: true } } })).toEqual(["name: missing: a string is required"]);
    expect(problemsOf({ name: "t", scenario, expected: { m9: { in_force: true } } })).toEqual(['expected.m9: the policy has no measure "m9"']);
    expect(problemsOf({ name: "t", scenario, expected: { m1: { elig: true } } })).toEqual([
      'expected.m1.elig: m1 has no output "elig" (it has in_force, eligible, monthly)',
    ]);
    expect(problemsOf({ name: "t", scenario, measures: ["m1", 4], expected: { m1: { eligible: true } } })).toEqual([
      "measures[1]: expected a measure name",
    ]);
    expect(problemsOf({ name: "t", scenario: [], expected: { m1: { eligible: true } } })).toEqual([
      "scenario: expected an object: a scenario with its date and facts",
    ]);
  });

  it("requires exactly one of expected and expected_error", () => {
    expect(problemsOf({ name: "t", scenario })).toEqual([
      "expected: missing: a test must expect outputs (expected) or an error (expected_error)",
    ]);
    const both = problemsOf({ name: "t", scenario, expected: { m1: { eligible: true } }, expected_error: { exit: 2 } });
    expect(both).toHaveLength(1);
    expect(both[0]).toMatch(/^expected_error: a test expects either/);
  });

  it("accepts only exit statuses 2 and 3, and paths only with 2", () => {
    expect(problemsOf({ name: "t", scenario, expected_error: { exit: 1 } })).toEqual([
      "expected_error.exit: expected 2 (bad scenario) or 3 (evaluation error)",
    ]);
    expect(problemsOf({ name: "t", scenario, expected_error: { exit: 3, paths: ["date"] } })).toEqual([
      "expected_error.paths: only a bad scenario (exit 2) has problem paths",
    ]);
  });

  it("rejects unknown keys, so that a typo cannot make a test that asserts nothing", () => {
    expect(problemsOf({ name: "t", scenario, expected: { m1: { eligible: true } }, skip: true })).toEqual([
      "skip: unknown key: expected one of name, cites, scenario, measures, expected, expected_error",
    ]);
  });

  it("reports text that is not JSON with its line and column", () => {
    const result = readTestFile('{\n  "name": }', program);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.path).toBe("(json)");
    expect(result.problems[0]?.message).toMatch(/^line 2, column 11: /);
  });
});

describe("comparing outputs", () => {
  it("compares JSON values deeply, object keys in any order", () => {
    expect(jsonEqual({ a: [1, "x"], b: null }, { b: null, a: [1, "x"] })).toBe(true);
    expect(jsonEqual(["a", "b"], ["b", "a"])).toBe(false);
    expect(jsonEqual("0.00", 0)).toBe(false);
    expect(jsonEqual({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
