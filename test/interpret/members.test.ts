/**
 * Outputs for each member of a list, and the largest or smallest value of a list: the
 * interpreter's results (one value per member in the list's order, empty values outside
 * the window, reads of another measure's output for one member), its explanations per
 * member, and generated code that type-checks with --strict and agrees with it.
 */
import { describe, expect, it } from "vitest";
import { explanationText } from "../../compiler/explain-text.js";
import { checkAgreement } from "../emit/agreement.js";
import { scratchFolder, typeCheck, writeGenerated } from "../emit/compiled.js";
import { compileText } from "./policy-m4.js";
import { run } from "./support.js";

const policyText = `policy household {
  title "household" document "d" issuer "i" issued 2021-01-01 version "1"
}

record person "person" {
  salary: money "salary"
  age: integer "age"
}

entity household "household" {
  members: list of person "members"
}

parameter rate: percent "rate" {
  value 10% from 2021-01-01 source "s"
}

measure tax "tax" {
  in force from 2021-01-01 until 2021-12-31
  output tax(p in household.members): money
    = round(p.salary * rate)
    cites §1 "q"
  output oldest: integer
    = max(p.age for p in household.members) otherwise 0
    cites §1 "q"
  output youngest_earner: optional integer
    = min(p.age for p in household.members where p.salary > 0 yuan)
    cites §1 "q"
}

measure net "net" {
  output net(q in household.members): money
    = q.salary - tax.tax(q)
    cites §1 "q"
  output taxes: money
    = sum(tax.tax(p) for p in household.members)
    cites §1 "q"
  output highest_tax: optional money
    = max(tax.tax(p) for p in household.members)
    cites §1 "q"
}
`;

const members = [
  { salary: "1000.55", age: 40 },
  { salary: 0, age: 12 },
  { salary: "200", age: 70 },
];

describe("outputs for each member of a list", () => {
  const program = compileText(policyText);

  it("give one value per member, in the list's order, read by another measure for one member", () => {
    const { outputs } = run(program, { date: "2021-06-01", household: { members } });
    expect(outputs["tax"]).toEqual({ in_force: true, tax: ["100.06", "0.00", "20.00"], oldest: 70, youngest_earner: 40 });
    expect(outputs["net"]).toEqual({ in_force: true, net: ["900.49", "0.00", "180.00"], taxes: "120.06", highest_tax: "100.06" });
  });

  it("give each member the empty value when the measure is not in force, and read so by others", () => {
    const { outputs } = run(program, { date: "2022-06-01", household: { members } });
    expect(outputs["tax"]).toEqual({ in_force: false, tax: ["0.00", "0.00", "0.00"], oldest: 0, youngest_earner: null });
    expect(outputs["net"]).toEqual({ in_force: true, net: ["1000.55", "0.00", "200.00"], taxes: "0.00", highest_tax: "0.00" });
  });

  it("give an empty list no values, and max and min nothing to choose from", () => {
    const { outputs } = run(program, { date: "2021-06-01", household: { members: [] } });
    expect(outputs["tax"]).toEqual({ in_force: true, tax: [], oldest: 0, youngest_earner: null });
    expect(outputs["net"]).toEqual({ in_force: true, net: [], taxes: "0.00", highest_tax: null });
  });

  it("take the first of equal values, as max(a, b) takes a", () => {
    const { outputs } = run(program, { date: "2021-06-01", household: { members: [{ salary: 5, age: 30 }, { salary: 5, age: 30 }] } });
    expect(outputs["net"]?.["highest_tax"]).toBe("0.50");
    expect(outputs["tax"]?.["youngest_earner"]).toBe(30);
  });

  it("are explained member by member, with the member's facts and the other measure's value for that member", () => {
    const result = run(program, { date: "2021-06-01", household: { members } }, { explain: true });
    const net = result.explain?.["net"]?.["net"];
    expect(net?.value).toEqual(["900.49", "0.00", "180.00"]);
    expect(net?.members?.map((member) => member.summary.slice(0, member.summary.indexOf(" ="))) ?? []).toEqual([
      "net(household.members[0])",
      "net(household.members[1])",
      "net(household.members[2])",
    ]);
    const first = net?.members?.[0];
    expect(first?.formula).toBe("q.salary [1000.55 yuan] - tax.tax(q) [100.06 yuan] = 900.49 yuan");
    expect(first?.read?.facts?.map((fact) => fact.path)).toEqual(["household.members[0].salary"]);
    expect(first?.read?.definitions?.map((read) => [read.name, read.value])).toEqual([["tax.tax(household.members[0])", "100.06"]]);
    const text = explanationText(result, program);
    expect(text).toContain("net = [900.49 yuan, 0.00 yuan, 180.00 yuan]");
    expect(text).toContain("net(household.members[2]) = 180.00 yuan");
  });

  it("have generated code that type-checks with --strict and agrees with the interpreter", async () => {
    const folder = scratchFolder("members");
    writeGenerated(folder, program);
    expect(await typeCheck(folder)).toBe("");
    await checkAgreement(program, { name: "agree-members", runs: 200 });
  });
});
