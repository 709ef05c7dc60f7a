/**
 * `signed money` facts: a scenario may give them below zero, alike for the interpreter and
 * generated code; a plain `money` fact still refuses a negative amount. The JSON Schema lets
 * them be negative, `tiao fmt` prints them, and the SQL target refuses their layout.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { emitJsonSchema } from "../../compiler/emit/schema.js";
import { formatSource } from "../../compiler/format/format.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { emitSql } from "../../compiler/sql/emit.js";
import { readScenario } from "../../runtime/scenario.js";
import { checkAgreement } from "../emit/agreement.js";

const text = `policy signed {
  title    "signed"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

entity household {
  net_income: signed money "经营净收入"
  wages: money
  balance: optional signed money
}

measure m {
  output income: money
    = household.wages + household.net_income
    cites §1 "q"

  output in_deficit: bool
    = household.net_income < 0 yuan or (household.balance otherwise 0 yuan) < 0 yuan
    cites §1 "q"
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "signed.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

describe("a signed money fact", () => {
  it("may be below zero in a scenario, as a number or a text", () => {
    const read = readScenario(JSON.stringify({ date: "2021-11-15", household: { net_income: "-250.50", wages: 1000, balance: -0.01 } }), program().schema);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    expect(evaluate(program(), read.scenario).outputs["m"]).toEqual({ in_force: true, income: "749.50", in_deficit: true });
  });

  it("reads -0 as 0, and a plain money fact still refuses a negative amount", () => {
    const zero = readScenario(JSON.stringify({ date: "2021-11-15", household: { net_income: "-0.00", wages: 0 } }), program().schema);
    expect(zero.ok && Object.is(zero.scenario.facts["household"]?.["net_income"], 0)).toBe(true);
    const refused = readScenario(JSON.stringify({ date: "2021-11-15", household: { net_income: 1, wages: -1 } }), program().schema);
    expect(refused.ok ? [] : refused.errors.map((e) => e.path)).toEqual(["household.wages"]);
  });

  it("generated code agrees with the interpreter", async () => {
    await checkAgreement(program(), { name: "agree-signed-money", runs: 150 });
  });

  it("may be negative in the JSON Schema", () => {
    const { scenario } = emitJsonSchema(program()) as { scenario: { $defs: Record<string, { properties: Record<string, { anyOf?: { minimum?: number }[] }> }> } };
    expect(scenario.$defs["household"]?.properties["net_income"]?.anyOf?.[0]?.minimum).toBeLessThan(0);
  });

  it("the SQL target refuses to lay it out", () => {
    const { diagnostics } = emitSql(program(), { dialect: "duckdb" });
    expect(diagnostics.filter((d) => d.message.includes("signed money")).map((d) => [d.code, d.span.line])).toEqual([
      ["T0701", 10],
      ["T0701", 12],
    ]);
  });

  it("is in the canonical layout of tiao fmt", () => {
    expect(formatSource("signed.tiao", text)).toEqual({ kind: "formatted", text });
  });
});
