/**
 * The SQL target on policies built to use every operation of the IR, and on the example
 * policies, with seeded random scenarios (values up to the limits, evaluation errors
 * included): DuckDB writes the interpreter's line for every scenario.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { everyOperationPolicy } from "../emit/policies.js";
import { examplePolicies } from "../examples/load.js";
import { m4Policy } from "../interpret/policy-m4.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { decimalBeyondDuckdb } from "../../compiler/sql/expression.js";
import { duckdbLinesOf, interpreterLineOf, scenarioReport, temporaryFolder } from "./support.js";

const SCENARIOS = 2000;
const folder = temporaryFolder("agreement");
afterAll(() => folder.remove());

async function expectAgreement(program: ProgramIR, name: string): Promise<void> {
  // half the scenarios keep their decimals within DuckDB's range: a policy that reads many
  // decimals (a series of them) still has most of its scenarios compared
  const scenarios = [
    ...fc.sample(scenarioArbitrary(program), { seed: 289, numRuns: SCENARIOS / 2 }),
    ...fc.sample(scenarioArbitrary(program, { largeDecimalDigits: 16 }), { seed: 289, numRuns: SCENARIOS / 2 }),
  ];
  const { lines, refused } = await duckdbLinesOf(program, scenarios, `${folder.path}`);
  const mismatches: string[] = [];
  let compared = 0;
  let beyondDuckdb = 0;
  scenarios.forEach((scenario, index) => {
    const line = lines.get(index + 1);
    if (line === undefined) return;
    // DuckDB's decimals are bounded (docs/sql.md): beyond, a case is this error, never a value
    if (line === `{"line":${index + 1},"evaluation_error":${JSON.stringify(decimalBeyondDuckdb)}}`) {
      beyondDuckdb++;
      return;
    }
    compared++;
    const expected = interpreterLineOf(program, scenario, index + 1);
    if (line !== expected) mismatches.push(`${name}, scenario ${index + 1}: ${scenarioReport(scenario)}\n  interpreter: ${expected}\n  DuckDB: ${line}`);
  });
  expect(mismatches.slice(0, 3)).toEqual([]);
  // as `tiao run --engine duckdb` computes them: in one query of the measures' steps merged by
  // layer, and for the flat results, the outputs among few texts as ENUMs (SqlOptions.typedChoices); the same lines
  for (const options of [{ oneQuery: true }, { oneQuery: true, flatResults: true }]) {
    const run = await duckdbLinesOf(program, scenarios, `${folder.path}`, options);
    expect([...run.lines.entries()].filter(([index, line]) => lines.get(index) !== line).slice(0, 3)).toEqual([]);
    expect(run.lines.size).toBe(lines.size);
  }
  expect(compared + beyondDuckdb + refused).toBe(SCENARIOS);
  // the random values reach the limits of every type; most still fit DuckDB's decimals
  expect(compared).toBeGreaterThan(SCENARIOS / 2);
}

describe("DuckDB agrees with the interpreter on random scenarios", () => {
  it("for a policy in the shape of §4", async () => {
    await expectAgreement(m4Policy, "m4 fixture");
  }, 120_000);

  it("for a policy using every operation", async () => {
    await expectAgreement(everyOperationPolicy, "every operation");
  }, 120_000);

  for (const example of examplePolicies()) {
    const { program, diagnostics } = compile(example.sources, example.options);
    if (program === undefined) throw new Error(diagnostics.map((d) => d.message).join("\n"));
    it(`for the example policy ${example.name}`, async () => {
      await expectAgreement(program, example.name);
    }, 120_000);
  }
});
