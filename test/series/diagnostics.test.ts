/**
 * Series: one small broken policy per diagnostic of facts given period by period
 * (T1008–T1012), where it points and what it says.
 */
import { describe, expect, test } from "vitest";
import { catalog } from "../../compiler/diagnostics/catalog.js";
import { compile } from "../../compiler/compile.js";

const header = `policy p {
  title    "t"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

entity household {
  salary: monthly money otherwise 0 yuan
  size: monthly integer
  owner: monthly optional bool
  tax: yearly money
  rent: money
}
`;
/** The line of the first text after the header. */
const first = header.split("\n").length;
const cites = `cites §1 "q"`;

function measure(body: string): string {
  return `measure m {\n${body}\n}\n`;
}

interface Case {
  readonly code: string;
  readonly text: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly help?: string;
}

const cases: readonly Case[] = [
  {
    code: "T1008", text: measure(`  output x: money = max(household.salary over last 2 months) ${cites}`), line: first + 1, column: 21,
    message: "`max(… over …)` is not a total of periods", help: "only `sum(series over …)` and `average(series over …)` take `over`, with one series",
  },
  { code: "T1009", text: measure(`  output x: money = sum(household.salary over next 2 months) ${cites}`), line: first + 1, column: 42, message: "these are not periods a series can be totalled over" },
  { code: "T1010", text: 'parameter p: monthly money {\n  value 1 yuan from 2021-01-01 source "s"\n}\n', line: first, column: 14, message: "only a fact can be given period by period" },
  { code: "T1011", text: measure(`  output x: money = sum(household.rent over last 2 months) ${cites}`), line: first + 1, column: 25, message: "`sum(… over …)` reads a fact given period by period, found an amount of money" },
  { code: "T1012", text: measure(`  output x: money = sum(household.tax over last 2 months) ${cites}`), line: first + 1, column: 39, message: "a yearly series has no months" },
];

const variants: readonly Case[] = [
  { code: "T1009", text: measure(`  output x: money = sum(household.salary along last 2 months) ${cites}`), line: first + 1, column: 42, message: "expected `for` or `over`, found `along`" },
  { code: "T1009", text: measure(`  output x: money = sum(household.salary over last months) ${cites}`), line: first + 1, column: 42, message: "these are not periods a series can be totalled over" },
  { code: "T1009", text: measure(`  output x: money = sum(household.salary over this 2 years) ${cites}`), line: first + 1, column: 42, message: "these are not periods a series can be totalled over" },
  { code: "T1010", text: measure(`  let x: yearly money = household.tax ${cites}`), line: first + 1, column: 10, message: "only a fact can be given period by period" },
  { code: "T1010", text: "record r {\n  items: monthly list of r\n}\n", line: first + 1, column: 18, message: "a period of a series cannot hold a list of `r`" },
  { code: "T1011", text: measure(`  output x: integer = value_at(household.rent, 2021-01-01) ${cites}`), line: first + 1, column: 32, message: "`value_at` reads a fact given period by period, found an amount of money" },
  { code: "T1012", text: measure(`  output x: money = average(household.salary over last 12 months) ${cites}`), line: first + 1, column: 21, message: "an average of periods must be rounded right away" },
  { code: "T1012", text: measure(`  output x: integer = sum(household.owner over this year) ${cites}`), line: first + 1, column: 27, message: "cannot add up periods holding a yes/no value that may be absent" },
  { code: "T0302", text: "record r {\n  amount: monthly money otherwise 0\n}\n", line: first + 1, column: 35, message: "expected an amount of money for a period not given" },
  { code: "T0302", text: measure(`  output x: integer = value_at(household.size, 12) ${cites}`), line: first + 1, column: 48, message: "expected a date, found a whole number" },
  { code: "T0302", text: measure(`  output x: bool = household.size ${cites}`), line: first + 1, column: 20, message: "expected a yes/no value, found a whole number" },
];

function expectDiagnostic(c: Case): void {
  const text = header + c.text;
  const [found] = compile([{ path: "test.tiao", text }]).diagnostics.filter((d) => d.code === c.code);
  expect(found, `no ${c.code} among the diagnostics`).toBeDefined();
  expect({ line: found?.span.line, column: found?.span.column, message: found?.message }).toEqual({ line: c.line, column: c.column, message: c.message });
  if (c.help !== undefined) expect(found?.help).toBe(c.help);
  expect(found?.help, "every diagnostic says how to go on").toBeTruthy();
}

describe("diagnostics of series", () => {
  test.each(cases)("$code: $message", expectDiagnostic);
  test.each(variants)("$code: $message", expectDiagnostic);

  test("every series code has a test and a catalog entry", () => {
    const codes = Object.keys(catalog).filter((code) => /^T10(0[89]|1[0-2])$/.test(code));
    expect(cases.map((c) => c.code).sort()).toEqual(codes.sort());
    for (const code of codes) expect(catalog[code as keyof typeof catalog].explanation.length, code).toBeGreaterThan(20);
  });
});
