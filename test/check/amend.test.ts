/**
 * Amendments (compiler/amend.ts): a policy that states only what it changes in another is
 * checked and compiled together with it.
 */
import { describe, expect, it } from "vitest";
import { compile, type CompileResult } from "../../compiler/compile.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { formatDate } from "../../runtime/index.js";
import { scenarioOf } from "../interpret/support.js";

const base = `policy base {
  title "t" document "d" issuer "i" issued 2021-01-01 version "1.0.0"
}

entity person "个人" {
  income: money "月收入"
}

parameter standard: money "标准" {
  value 500 yuan from 2021-01-01 until 2022-12-31 source "base"
  value 550 yuan from 2023-01-01 source "base"
}

parameter rate: percent "比例" {
  value 10% from 2021-01-01 source "base"
}

measure benefit "补贴" {
  output eligible: bool {
    rule low_income = person.income < standard cites §1 "q"
    exception none to low_income when person.income = 0 yuan = false cites §1 "q"
  }
  output amount: money = if eligible then standard - person.income else 0 yuan cites §1 "q"
  output bonus: money = round(standard * rate) cites §1 "q"
}
`;

function compileAmendment(amendment: string, baseText = base): CompileResult {
  return compile([{ path: "county/policy.tiao", text: amendment }], { amended: { files: [{ path: "base/policy.tiao", text: baseText }] } });
}

function programOf(amendment: string): ProgramIR {
  const { program, diagnostics } = compileAmendment(amendment);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.span.file}:${d.span.line}: ${d.message}`).join("\n"));
  return program;
}

const header = `policy county {
  amends "../base"
  version "1.1.0"
}
`;

describe("an amendment", () => {
  const program = programOf(`${header}
parameter standard: money {
  value 600 yuan from 2022-07-01 source "county"
}

measure benefit {
  output eligible: bool {
    exception none to low_income when person.income <= 10 yuan = false cites §1 "q"
  }
  repeal bonus
}

measure top_up "加发" {
  output amount: money = if benefit.eligible then 50 yuan else 0 yuan cites §2 "q"
}
`);

  it("takes the header's fields it gives and keeps the others", () => {
    expect(program.policy).toMatchObject({ name: "county", title: "t", version: "1.1.0", amends: "../base" });
  });

  it("gives a parameter new values from a date, ending the base's value that ran on, and marks them", () => {
    const standard = program.parameters.find((p) => p.name === "standard");
    expect(standard?.values.map((v) => [formatDate(v.from), v.until === undefined ? null : formatDate(v.until), v.amendment ?? null])).toEqual([
      ["2021-01-01", "2022-06-30", null],
      ["2022-07-01", null, "county 1.1.0"],
    ]);
  });

  it("replaces a rule by its label, repeals an output and adds a measure that reads the base's", () => {
    const benefit = program.measures.find((m) => m.name === "benefit");
    expect(benefit?.outputs).toEqual(["eligible", "amount"]);
    const run = (income: number) => evaluate(program, scenarioOf(program, { date: "2023-03-01", person: { income } })).outputs;
    expect(run(5)).toMatchObject({ benefit: { eligible: false }, top_up: { amount: "0.00" } });
    expect(run(100)).toMatchObject({ benefit: { eligible: true, amount: "500.00" }, top_up: { amount: "50.00" } });
  });

  it("explains which version a value comes from", () => {
    const result = evaluate(program, scenarioOf(program, { date: "2023-03-01", person: { income: 100 } }), { explain: true });
    const read = result.explain?.["benefit"]?.["amount"]?.read?.parameters?.find((p) => p.name === "standard");
    expect(read).toMatchObject({ value: "600.00", from: "2022-07-01", amendment: "county 1.1.0" });
  });

  it("reports a repeal of something the base does not have (T0906)", () => {
    const { diagnostics } = compileAmendment(`${header}\nrepeal allowance\nmeasure benefit {\n  repeal total\n}\n`);
    expect(diagnostics.map((d) => [d.code, d.span.line])).toEqual([
      ["T0906", 6],
      ["T0906", 8],
    ]);
  });

  it("cannot amend an amendment (T0904)", () => {
    const { diagnostics } = compileAmendment(header, `${header}`);
    expect(diagnostics.map((d) => d.code)).toEqual(["T0904"]);
  });

  it("is checked with the base: a name the amendment repealed is unknown where the base reads it", () => {
    const { diagnostics } = compileAmendment(`${header}\nrepeal rate\n`);
    expect(diagnostics.map((d) => [d.code, d.span.file])).toEqual([["T0201", "base/policy.tiao"]]);
  });
});
