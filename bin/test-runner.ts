import type { ProgramIR } from "../compiler/ir.js";
import type { OutputJson } from "../runtime/index.js";
import { ownValue } from "../runtime/own-properties.js";
import { evaluateScenario, problemLine, type ScenarioOutcome } from "../compiler/evaluate-scenario.js";
import type { Expectation, TestCase } from "./test-file.js";

/**
 * Runs one test case as `tiao run` would, and lists how the outcome differs from what the
 * test expects: an empty list means the test passed.
 */
export function runTestCase(program: ProgramIR, test: TestCase): string[] {
  const outcome = evaluateScenario(program, {
    scenario: test.scenarioText,
    explain: false,
    ...(test.measures === undefined ? {} : { measures: test.measures }),
  });
  return test.expectation.kind === "outputs"
    ? outputMismatches(test.expectation.outputs, outcome)
    : errorMismatches(test.expectation, outcome);
}

function outputMismatches(expected: ReadonlyMap<string, ReadonlyMap<string, OutputJson>>, outcome: ScenarioOutcome): string[] {
  switch (outcome.kind) {
    case "bad_input":
      return ["the scenario was rejected (exit status 2):", ...outcome.problems.map((p) => `  ${problemLine(p)}`)];
    case "evaluation_error":
      return [`the policy could not evaluate the scenario (exit status 3): ${outcome.error.message}`];
    case "evaluated":
      break;
  }
  const { outputs, skipped } = outcome.result;
  const mismatches: string[] = [];
  for (const [measure, expectedOutputs] of expected) {
    const actual = ownValue(outputs, measure);
    if (actual === undefined) {
      const missing = skipped.find((s) => s.measure === measure)?.missing;
      mismatches.push(
        missing === undefined
          ? `${measure} was not evaluated: it is not among the test's measures`
          : `${measure} was not evaluated: the scenario does not give ${missing.join(", ")}`,
      );
      continue;
    }
    for (const [output, value] of expectedOutputs) {
      const actualValue = ownValue(actual, output);
      if (actualValue === undefined || !jsonEqual(value, actualValue)) {
        mismatches.push(`${measure}.${output}: expected ${JSON.stringify(value)}, got ${actualValue === undefined ? "nothing" : JSON.stringify(actualValue)}`);
      }
    }
  }
  return mismatches;
}

function errorMismatches(expected: Extract<Expectation, { kind: "error" }>, outcome: ScenarioOutcome): string[] {
  const wanted = expected.exit === 2 ? "the scenario to be rejected (exit status 2)" : "an evaluation error (exit status 3)";
  switch (outcome.kind) {
    case "evaluated":
      return [`expected ${wanted}, but the scenario was evaluated`];
    case "evaluation_error":
      return expected.exit === 3 ? [] : [`expected ${wanted}, got an evaluation error (exit status 3): ${outcome.error.message}`];
    case "bad_input": {
      if (expected.exit !== 2) {
        return [`expected ${wanted}, but the scenario was rejected (exit status 2):`, ...outcome.problems.map((p) => `  ${problemLine(p)}`)];
      }
      if (expected.paths === undefined) return [];
      const reported = new Set(outcome.problems.map((p) => p.path));
      const expectedPaths = new Set(expected.paths);
      const notReported = expected.paths.filter((path) => !reported.has(path));
      const unexpected = outcome.problems.filter((p) => !expectedPaths.has(p.path));
      return [
        ...notReported.map((path) => `${path}: expected a problem here, none was reported`),
        ...unexpected.map((p) => `unexpected problem: ${problemLine(p)}`),
      ];
    }
  }
}

/** Deep equality of two JSON values (object keys in any order). */
export function jsonEqual(a: OutputJson, b: OutputJson): boolean {
  if (a === b) return true;
  if (isList(a) || isList(b)) {
    return isList(a) && isList(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i] ?? null));
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => isEqualEntry(ownValue(a, key), ownValue(b, key)));
}

function isEqualEntry(a: OutputJson | undefined, b: OutputJson | undefined): boolean {
  return a !== undefined && b !== undefined && jsonEqual(a, b);
}

function isList(json: OutputJson): json is readonly OutputJson[] {
  return Array.isArray(json);
}

function isObject(json: OutputJson): json is { readonly [key: string]: OutputJson } {
  return typeof json === "object" && json !== null && !Array.isArray(json);
}
