import type { ProgramIR } from "../compiler/ir.js";
import { readScenario, type OutputJson } from "../runtime/index.js";
import { ownValue } from "../runtime/own-properties.js";
import { evaluateScenario, missingFactProblems, problemLine, type RunOutcome } from "../compiler/evaluate-scenario.js";
import type { Expectation, TestCase } from "./test-file.js";

/** What became of a test's scenario: the outputs of each measure evaluated, or why there are none. */
export type TestOutcome = RunOutcome<{ readonly outputs: { readonly [measure: string]: { readonly [output: string]: OutputJson } } }>;

/** Evaluates a test's scenario, for the measures it names (all when absent). */
export type TestEvaluator = (scenario: string, measures: readonly string[] | undefined) => TestOutcome;

/** The interpreter as a test's evaluator (the playground's, which has no compiled policy). */
export function interpreterTestEvaluator(program: ProgramIR): TestEvaluator {
  return (scenario, measures) => {
    const outcome = evaluateScenario(program, { scenario, explain: false, ...(measures === undefined ? {} : { measures }) });
    return outcome.kind === "evaluated" ? { kind: "evaluated", outputs: outcome.result.outputs } : outcome;
  };
}

/**
 * Runs one test case as `tiao run` would, and lists how the outcome differs from what the
 * test expects: an empty list means the test passed.
 */
export function runTestCase(program: ProgramIR, test: TestCase, evaluate: TestEvaluator = interpreterTestEvaluator(program)): string[] {
  const outcome = evaluate(test.scenarioText, test.measures);
  return test.expectation.kind === "outputs"
    ? outputMismatches(program, test, test.expectation.outputs, outcome)
    : errorMismatches(test.expectation, outcome);
}

/** The facts a measure needs that the scenario does not give. */
function missingFactsOf(program: ProgramIR, test: TestCase, measure: string): string[] | undefined {
  const read = readScenario(test.scenarioText, program.schema);
  if (!read.ok || !program.measures.some((m) => m.name === measure)) return undefined;
  const missing = missingFactProblems(program, read.scenario, [measure]).map((problem) => problem.path);
  return missing.length === 0 ? undefined : missing;
}

function outputMismatches(program: ProgramIR, test: TestCase, expected: ReadonlyMap<string, ReadonlyMap<string, OutputJson>>, outcome: TestOutcome): string[] {
  switch (outcome.kind) {
    case "bad_input":
      return ["the scenario was rejected (exit status 2):", ...outcome.problems.map((p) => `  ${problemLine(p)}`)];
    case "evaluation_error":
      return [`the policy could not evaluate the scenario (exit status 3): ${outcome.error.message}`];
    case "evaluated":
      break;
  }
  const { outputs } = outcome;
  const mismatches: string[] = [];
  for (const [measure, expectedOutputs] of expected) {
    const actual = ownValue(outputs, measure);
    if (actual === undefined) {
      const missing = test.measures === undefined ? missingFactsOf(program, test, measure) : undefined;
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

function errorMismatches(expected: Extract<Expectation, { kind: "error" }>, outcome: TestOutcome): string[] {
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
