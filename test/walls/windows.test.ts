/**
 * Windows with only `until`: in force on every date up to their end, for a measure and for a
 * rule, alike in the interpreter, generated code and SQL, printed back by `tiao fmt`.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { formatSource } from "../../compiler/format/format.js";
import { explanationText } from "../../compiler/explain-text.js";
import { evaluate } from "../../compiler/interpret.js";
import { readScenario } from "../../runtime/scenario.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { checkAgreement } from "../emit/agreement.js";
import { duckdbLines, interpreterLine, mismatches, temporaryFolder } from "../sql/support.js";

const text = `policy windows {
  title    "windows"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

entity person {
  income: money
}

measure early "before the reform" {
  in force until 2021-12-31

  output allowance: money
    = person.income
    cites §1 "q"
}

measure rate "the rate" {
  output rate: percent {
    rule old
      = 10%
      cites §1 "q"
      in force until 2021-06-30
    rule new
      = 12%
      cites §1 "q"
      in force from 2021-07-01
  }
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "windows.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

const dates = ["0001-01-01", "1999-12-31", "2021-06-30", "2021-07-01", "2021-12-31", "2022-01-01"];
const scenarios = dates.map((date) => JSON.stringify({ date, person: { income: "100.00" } }));

describe("a window with only `until`", () => {
  it("is in force on every date up to its end", () => {
    expect(scenarios.map((scenario, index) => interpreterLine(program(), scenario, index + 1))).toEqual(
      dates.map((_, index) => {
        const inForce = index < 5;
        const rate = index < 3 ? "10%" : "12%";
        return JSON.stringify({ early: { in_force: inForce, allowance: inForce ? "100.00" : "0.00" }, rate: { in_force: true, rate } });
      }),
    );
  });

  it("is explained by its end alone", () => {
    const read = readScenario(JSON.stringify({ date: "2022-01-01", person: { income: "100.00" } }), program().schema);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    const result = evaluate(program(), read.scenario, { explain: true, language: "en" });
    const text = explanationText(result, program());
    expect(text).toContain("Not in force on 2022-01-01: the measure runs until 2021-12-31.");
    expect(text).toContain("outside its window (in force until 2021-06-30)");
    expect(text).not.toContain("0001-01-01");
  });

  it("generated code agrees with the interpreter", async () => {
    await checkAgreement(program(), { name: "agree-until-windows", runs: 100 });
  });

  it("SQL agrees with the interpreter", async () => {
    const folder = temporaryFolder("tiao-until-windows-");
    try {
      const expected = scenarios.map((scenario, index) => interpreterLine(program(), scenario, index + 1));
      expect(mismatches(scenarios, expected, await duckdbLines(program(), scenarios, folder.path), "duckdb")).toEqual([]);
    } finally {
      folder.remove();
    }
  });

  it("is in the canonical layout of tiao fmt", () => {
    expect(formatSource("windows.tiao", text)).toEqual({ kind: "formatted", text });
  });
});
