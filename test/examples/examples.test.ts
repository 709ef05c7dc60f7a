/**
 * Every example policy compiles without a diagnostic, and every one of its scenario tests
 * (the `tiao test` contract, read by bin/test-file.ts) gives what the test expects when the
 * scenario is read against the policy's facts and evaluated by the reference interpreter.
 */
import { describe, expect, it } from "vitest";
import { readTestFile, type Expectation } from "../../bin/test-file.js";
import { compile } from "../../compiler/compile.js";
import { renderDiagnostics } from "../../compiler/diagnostics/render.js";
import { evaluate, missingFactsForMeasures } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { EvaluationError, readScenario, type OutputJson } from "../../runtime/index.js";
import { examplePolicies, type ExamplePolicy } from "./load.js";

/** What became of a scenario: its outputs, or the exit status and problem paths of `tiao run`. */
type Outcome =
  | { readonly exit: 0; readonly outputs: { readonly [measure: string]: { readonly [output: string]: OutputJson } } }
  | { readonly exit: 2; readonly paths: readonly string[] }
  | { readonly exit: 3; readonly message: string };

function run(program: ProgramIR, scenarioText: string, measures: readonly string[] | undefined): Outcome {
  const read = readScenario(scenarioText, program.schema);
  if (!read.ok) return { exit: 2, paths: read.errors.map((e) => e.path) };
  if (measures !== undefined) {
    const missing = missingFactsForMeasures(program, read.scenario, measures).flatMap((m) => m.missing);
    if (missing.length > 0) return { exit: 2, paths: missing };
  }
  try {
    return { exit: 0, outputs: evaluate(program, read.scenario, measures === undefined ? {} : { measures }).outputs };
  } catch (error) {
    if (error instanceof EvaluationError) return { exit: 3, message: error.message };
    throw error;
  }
}

/** The outcome in the shape of the expectation, so that a failure shows both side by side. */
function comparable(outcome: Outcome, expectation: Expectation): unknown {
  if (expectation.kind === "error") {
    if (outcome.exit === 0) return { exit: 0, outputs: outcome.outputs };
    return expectation.paths === undefined || outcome.exit !== 2 ? { exit: outcome.exit } : { exit: 2, paths: [...new Set(outcome.paths)].sort() };
  }
  if (outcome.exit !== 0) return outcome;
  return Object.fromEntries(
    [...expectation.outputs].map(([measure, outputs]) => [
      measure,
      Object.fromEntries([...outputs.keys()].map((output) => [output, outcome.outputs[measure]?.[output]])),
    ]),
  );
}

function expected(expectation: Expectation): unknown {
  if (expectation.kind === "error") {
    return expectation.paths === undefined ? { exit: expectation.exit } : { exit: expectation.exit, paths: [...expectation.paths].sort() };
  }
  return Object.fromEntries([...expectation.outputs].map(([measure, outputs]) => [measure, Object.fromEntries(outputs)]));
}

function compiled(example: ExamplePolicy): ProgramIR {
  const { program, diagnostics } = compile(example.sources, example.options);
  const texts = new Map(example.sources.map((source) => [source.path, source.text]));
  expect(renderDiagnostics(diagnostics, texts)).toBe("");
  if (program === undefined) throw new Error(`${example.name} did not compile`);
  return program;
}

const examples = examplePolicies();

it("there are example policies, each with at least four scenario tests (a reform, with the tests it has)", () => {
  expect(examples.length).toBeGreaterThanOrEqual(3);
  for (const example of examples) expect(example.tests.length, example.name).toBeGreaterThanOrEqual(example.name.includes("/reforms/") ? 1 : 4);
});

describe.each(examples)("example $name", (example) => {
  it("compiles without diagnostics, its quotes found in its notice", () => {
    compiled(example);
  });

  it.each(example.tests)("$file", ({ text }) => {
    const program = compiled(example);
    const read = readTestFile(text, program);
    if (!read.ok) throw new Error(read.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    const { expectation, scenarioText, measures } = read.test;
    // A test converted from an OpenFisca YAML test (named `… [file.yaml #n]`) holds only the
    // template's figures, which never say whether a rule applies; every other test says it.
    const converted = /\[[\w/]+\.yaml #\d+\]$/u.test(read.test.name);
    if (expectation.kind === "outputs" && !converted) {
      for (const [measure, outputs] of expectation.outputs) expect(outputs.has("in_force"), `${measure} expects in_force`).toBe(true);
    }
    expect(comparable(run(program, scenarioText, measures), expectation)).toEqual(expected(expectation));
  });
});
