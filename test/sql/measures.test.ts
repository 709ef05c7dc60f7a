/**
 * Measures that read measures declared after them (the SQL target computes each after those
 * it reads), and outputs given for each member of a list, read by other measures for one
 * member. DuckDB and PostgreSQL write the interpreter's line for seeded random scenarios
 * (values up to the limits of every type, evaluation errors included) and for the boundaries.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computedOrder, emitSql } from "../../compiler/sql/emit.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { readScenario, type Scenario } from "../../runtime/index.js";
import { compileText } from "../interpret/policy-m4.js";
import { membersText, outOfOrderText } from "./policies.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { interpreterLineOf, postgresForTests, scenarioComparison } from "./support.js";

const SCENARIOS = 1000;

function scenarioOf(program: ProgramIR, json: object): Scenario {
  const read = readScenario(JSON.stringify(json), program.schema);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.scenario;
}

describe("measures that read measures declared after them", () => {
  const { folder, server } = postgresForTests("measures");

  const program = compileText(outOfOrderText, "out-of-order.tiao");

  it("are computed after the measures they read, in the policy's order otherwise", () => {
    expect(emitSql(program, { dialect: "duckdb" }).diagnostics).toEqual([]);
    expect(computedOrder(program).map((m) => m.name)).toEqual(["base", "extra", "total"]);
    const files = emitSql(program, { dialect: "postgres" }).files.map((f) => f.name);
    expect(files).toEqual(["tiao-setup.sql", "base.sql", "extra.sql", "total.sql", "tiao-results.sql"]);
  });

  it("give the interpreter's line in DuckDB and PostgreSQL", async () => {
    const random = fc.sample(scenarioArbitrary(program), { seed: 289, numRuns: SCENARIOS });
    const boundaries = [
      // before, in and after base's window; an amount too large in base, read by total through extra
      scenarioOf(program, { date: "2021-02-28", household: { rent: "100.00", size: 2 } }),
      scenarioOf(program, { date: "2021-05-31", household: { rent: "100.00", size: 2 } }),
      scenarioOf(program, { date: "2021-06-01", household: { rent: "100.00", size: 2 } }),
      scenarioOf(program, { date: "2021-12-31", household: { rent: "99999999.99", size: 9007199254740991 } }),
      scenarioOf(program, { date: "2022-01-01", household: { rent: "99999999.99", size: 9007199254740991 } }),
    ];
    const { mismatches: found, compared, errors } = await scenarioComparison(program, [...boundaries, ...random], folder, server());
    expect(found.slice(0, 3)).toEqual([]);
    expect(compared).toBeGreaterThan(SCENARIOS);
    // the scenarios reach the errors: an amount too large, the cap without a value before March 2021
    expect(errors).toBeGreaterThan(50);
  }, 240_000);
});

describe("outputs given for each member of a list", () => {
  const { folder, server } = postgresForTests("members");

  const program = compileText(membersText, "members.tiao");

  it("give the interpreter's line in DuckDB and PostgreSQL", async () => {
    expect(emitSql(program, { dialect: "duckdb" }).diagnostics).toEqual([]);
    const random = fc.sample(scenarioArbitrary(program), { seed: 289, numRuns: SCENARIOS });
    const adult = { salary: "1000.55", age: 40, born: "1981-02-28" };
    const child = { salary: "0", age: 12 };
    const boundaries = [
      // no member; members in and out of tax's window; a member without a rule (a minor with a salary) after one that has a value
      { date: "2021-06-01", household: { rent: "100.00", members: [] } },
      { date: "2022-06-01", household: { rent: "100.00", members: [] } },
      { date: "2021-06-01", household: { rent: "100.00", members: [adult, child] } },
      { date: "2022-06-01", household: { rent: "100.00", members: [adult, child] } },
      { date: "2021-06-01", household: { rent: "100.00", members: [adult, { salary: "5", age: 10 }, child] } },
      { date: "2022-06-01", household: { rent: "100.00", members: [adult, { salary: "5", age: 10 }, child] } },
      // no rule for the second member's tax, read first (by \`net\`), and a weight too large for the third
      { date: "2021-06-01", household: { rent: "100.00", members: [adult, { salary: "5", age: 10 }, { salary: "5", age: 9007199254740991 }] } },
      // a weight too large for the second member, read by \`all_old\` after the first member's passes
      { date: "2021-06-01", household: { rent: "100.00", members: [adult, { salary: "5", age: 9007199254740991 }] } },
    ].map((json) => scenarioOf(program, json));
    const { mismatches: found, compared, errors } = await scenarioComparison(program, [...boundaries, ...random], folder, server());
    expect(found.slice(0, 3)).toEqual([]);
    expect(compared).toBeGreaterThan(SCENARIOS);
    expect(errors).toBeGreaterThan(50);
    // and values for several members
    const several = random.filter((s, index) => /"net":\["[^"]*","/.test(interpreterLineOf(program, s, index + 1))).length;
    expect(several).toBeGreaterThan(50);
    // the boundaries' lines, as the interpreter writes them, hold values for each member and the errors
    const lines = boundaries.map((s, index) => interpreterLineOf(program, s, index + 1));
    expect(lines[0]).toContain('"net":[]');
    expect(lines[2]).toContain('"net":["900.49","0.00"]');
    expect(lines[3]).toContain('"tax":{"in_force":false,"tax":["0.00","0.00"],"weight":[0,0],"born":[null,null],"adult":[false,false]}');
    expect(lines[4]).toContain("evaluation_error");
    expect(lines[6]).toContain("no rule gives `tax` a value");
    expect(lines[7]).toContain("too large");
  }, 240_000);
});
