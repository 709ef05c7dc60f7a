/**
 * Facts with a default (`otherwise`): left out of a scenario, in an entity or in a list item,
 * they take the value written, alike in the interpreter and generated code; the JSON Schema
 * gives the default, `tiao fmt` prints it, and the SQL target refuses the layout.
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

const text = `policy defaults {
  title    "defaults"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

enum tenure {
  owner
  tenant
}

record child {
  age: integer
  disabled: bool otherwise false
}

entity household {
  children: list of child
  income: money otherwise 0 yuan "月收入"
  size: integer otherwise 1
  share: decimal otherwise 0.5
  rate: percent otherwise 10%
  since: date otherwise 2020-01-01
  tenure: tenure otherwise tenant
}

measure m {
  output disabled_children: integer
    = count(c in household.children where c.disabled)
    cites §1 "q"

  output per_person: money
    = round(household.income / household.size * household.share * household.rate)
    cites §1 "q"

  output since: date
    = household.since
    cites §1 "q"

  output renting: bool
    = household.tenure = tenant
    cites §1 "q"
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "defaults.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

function outputs(scenario: object): unknown {
  const read = readScenario(JSON.stringify(scenario), program().schema);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return evaluate(program(), read.scenario).outputs["m"];
}

describe("a fact with a default", () => {
  it("takes it when the scenario leaves the fact out", () => {
    expect(outputs({ date: "2021-11-15", household: { children: [{ age: 3 }, { age: 5, disabled: true }] } })).toEqual({
      in_force: true,
      disabled_children: 1,
      per_person: "0.00",
      since: "2020-01-01",
      renting: true,
    });
  });

  it("takes the scenario's value when it gives one", () => {
    expect(
      outputs({ date: "2021-11-15", household: { children: [], income: "3000.00", size: 3, share: "1", rate: "50%", since: "2021-01-01", tenure: "owner" } }),
    ).toEqual({ in_force: true, disabled_children: 0, per_person: "500.00", since: "2021-01-01", renting: false });
  });

  it("generated code agrees with the interpreter", async () => {
    await checkAgreement(program(), { name: "agree-defaults", runs: 150 });
  });

  it("is in the JSON Schema, and makes a record's field not required", () => {
    const { scenario } = emitJsonSchema(program()) as { scenario: { $defs: Record<string, { properties: Record<string, { default?: unknown }>; required?: string[] }> } };
    expect(scenario.$defs["household"]?.properties["income"]?.default).toBe("0.00");
    expect(scenario.$defs["household"]?.properties["size"]?.default).toBe(1);
    expect(scenario.$defs["household"]?.properties["rate"]?.default).toBe("10%");
    expect(scenario.$defs["child"]?.required).toEqual(["age"]);
  });

  it("the SQL target refuses to lay it out", () => {
    const { diagnostics } = emitSql(program(), { dialect: "duckdb" });
    expect(diagnostics.filter((d) => d.message.includes("default")).map((d) => [d.code, d.span.line])).toEqual([
      ["T0701", 16],
      ["T0701", 21],
      ["T0701", 22],
      ["T0701", 23],
      ["T0701", 24],
      ["T0701", 25],
      ["T0701", 26],
    ]);
  });

  it("is in the canonical layout of tiao fmt", () => {
    expect(formatSource("defaults.tiao", text)).toEqual({ kind: "formatted", text });
  });
});
