/**
 * Measures that read each other's outputs, and evaluation on demand: the interpreter and
 * generated code compute only what the outputs asked for need, so a parameter without a
 * value on the date is an error only when something asked for reads it.
 */
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { EvaluationError } from "../../runtime/index.js";
import { checkAgreement } from "../emit/agreement.js";
import { scratchFolder, typeCheck, writeGenerated } from "../emit/compiled.js";
import { compileText } from "./policy-m4.js";
import { run, scenarioOf } from "./support.js";

const policyText = `policy household {
  title "住户补贴" document "d" issuer "i" issued 2021-01-01 version "1"
}

record child "子女" {
  age: integer "年龄"
}

entity person "个人" {
  kids: list of child "子女"
  income: money "月收入"
  children: integer "子女数"
  moved_in: optional date "迁入日"
}

parameter threshold: money "低收入线" {
  value 2000 yuan from 2021-01-01 source "s"
}

parameter child_supplement: money "子女补贴" {
  value 100 yuan from 2022-01-01 source "s"
}

measure low_income "低收入认定" {
  in force from 2021-01-01 until 2021-12-31
  output eligible: bool = person.income < threshold cites §1 "q"
  output since: date = 2021-01-01 cites §1 "q"
}

measure supplement "补贴" {
  output base: money = if low_income.eligible then 300 yuan else 0 yuan cites §1 "q"
  output for_children: money
    = if low_income.eligible then person.children * child_supplement else 0 yuan
    cites §1 "q"
  output assessed: bool = low_income.in_force cites §1 "q"
  output since: date = low_income.since otherwise 2022-01-01 cites §1 "q"
  output counted: integer = count(c in person.kids where low_income.eligible and c.age < 18) cites §1 "q"
}
`;

describe("measures reading each other's outputs", () => {
  const program = compileText(policyText);
  const supplement = program.measures.find((m) => m.name === "supplement");

  it("read the facts and parameters of the measures they read", () => {
    expect(supplement?.reads).toEqual(["person.children", "person.income", "person.kids"]);
    expect(supplement?.parametersRead).toEqual(["child_supplement", "threshold"]);
  });

  it("see the other measure's empty values outside its window", () => {
    const outputs = run(program, { date: "2022-03-01", person: { income: 1000, children: 2, kids: [{ age: 3 }] } }).outputs["supplement"];
    expect(outputs).toEqual({ in_force: true, base: "0.00", for_children: "0.00", assessed: false, since: "2022-01-01", counted: 0 });
  });

  it("evaluate only the outputs asked for, so that a parameter without a value is no error for the others", () => {
    const json = { date: "2021-06-01", person: { income: 1000, children: 2, kids: [{ age: 3 }] } };
    expect(() => run(program, json)).toThrow(EvaluationError);
    const asked = run(program, json, { measures: ["supplement.base", "supplement.assessed"] }).outputs["supplement"];
    expect(asked).toEqual({ in_force: true, base: "300.00", assessed: true });
  });
});

describe("generated code of measures reading each other", () => {
  const program = compileText(policyText.replace("child_supplement: money \"子女补贴\" {\n  value 100 yuan from 2022-01-01", "child_supplement: money \"子女补贴\" {\n  value 100 yuan from 2021-01-01"));

  it("type-checks with --strict and agrees with the interpreter", async () => {
    const folder = scratchFolder("measure-outputs");
    writeGenerated(folder, program);
    expect(await typeCheck(folder)).toBe("");
    await checkAgreement(program, { name: "agree-measure-outputs", runs: 200 });
  });

  it("computes an output on demand without the parameters other outputs read", async () => {
    const unfilled = compileText(policyText);
    const files = writeGenerated(scratchFolder("measure-outputs-on-demand"), unfilled);
    const module: unknown = await import(pathToFileURL(files.javascript).href);
    const onDemand = (module as { supplementOutputs: (facts: object, asOf: number) => { [output: string]: () => unknown } }).supplementOutputs;
    const scenario = scenarioOf(unfilled, { date: "2021-06-01", person: { income: 1000, children: 2, kids: [{ age: 3 }] } });
    const outputs = onDemand(scenario.facts, scenario.date);
    expect(outputs["base"]?.()).toBe(30000);
    expect(() => outputs["for_children"]?.()).toThrow(/child_supplement/);
  });
});
