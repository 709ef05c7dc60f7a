/**
 * Scales: one small broken policy per diagnostic of the scales (T1001–T1007), where it
 * points and what it says, beside the shared declarations of test/check/support.ts.
 */
import { describe, expect, test } from "vitest";
import { catalog } from "../../compiler/diagnostics/catalog.js";
import { compileWithDeclarations, inMeasure } from "../check/support.js";

const cites = `cites §1 "q"`;

/** A scale of two brackets; `extra` is added to the second bracket. */
function scale(extra = ""): string {
  return [
    "parameter tax: scale {",
    "  bracket low {",
    '    threshold 0 yuan from 2013-01-01 source "s"',
    '    rate 3% from 2013-01-01 source "s"',
    "  }",
    "  bracket high {",
    '    threshold 12000 yuan from 2013-01-01 source "s"',
    '    rate 10% from 2013-01-01 source "s"',
    extra,
    "  }",
    "}",
    "",
  ].join("\n");
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
    code: "T1001", text: 'parameter tax: scale {\n  value 3% from 2013-01-01 source "s"\n}\n', line: 2, column: 3,
    message: "a scale is given by brackets, not by values",
  },
  {
    code: "T1002", text: 'parameter tax: percent {\n  bracket low {\n    rate 3% from 2013-01-01 source "s"\n  }\n}\n', line: 2, column: 3,
    message: "only a scale has brackets", help: "declare the parameter as a scale: `parameter tax: scale`",
  },
  {
    code: "T1003", text: 'parameter tax: scale {\n  bracket low {\n    ceiling 0 yuan from 2013-01-01 source "s"\n  }\n}\n', line: 3, column: 5,
    message: "a bracket has a `threshold` and a `rate`, not `ceiling`",
  },
  {
    code: "T1004", text: 'parameter tax: scale {\n  bracket low {\n    threshold 0 yuan from 2013-01-01 source "s"\n  }\n}\n', line: 2, column: 11,
    message: "the bracket `low` has no rate",
  },
  {
    code: "T1005", text: scale('    threshold 0 yuan from 2017-01-01 source "s"'), line: 9, column: 5,
    message: "on 2017-01-01, the threshold of `high` (0.00) does not rise above that of `low` (0.00)",
  },
  {
    code: "T1006", text: `${scale()}${inMeasure(`  output x: money = round(marginal(standard, person.loan_requested)) ${cites}`)}`, line: 13, column: 36,
    message: "the first argument of `marginal` must name a scale", help: "the scales are `tax`",
  },
  {
    code: "T1007", text: `${scale()}${inMeasure(`  output x: money = round(person.loan_requested * tax) ${cites}`)}`, line: 13, column: 51,
    message: "`tax` is a scale, not a value", help: "apply it to an amount: `round(marginal(tax, base))` or `round(single_rate(tax, base))`",
  },
];

/** What else drafters get wrong with scales. */
const variants: readonly Case[] = [
  { code: "T1003", text: 'parameter tax: scale {\n  step low {\n    rate 3% from 2013-01-01 source "s"\n  }\n}\n', line: 2, column: 3, message: "a scale holds brackets, not `step`" },
  { code: "T1004", text: scale('    rate 12% from 2012-01-01 until 2012-12-31 source "s"').replace("rate 10% from 2013-01-01", "rate 10% from 2014-01-01"), line: 7, column: 5, message: "the bracket `high` of `tax` has a threshold but no rate on 2013-01-01" },
  { code: "T0205", text: scale().replace("bracket high", "bracket low"), line: 6, column: 11, message: "the bracket `low` is given twice" },
  { code: "T0203", text: `${scale()}parameter tax: money {\n  value 1 yuan from 2021-01-01 source "s"\n}\n`, line: 12, column: 11, message: "the parameter `tax` is declared twice" },
  { code: "T0502", text: scale('    rate 12% from 2012-01-01 source "s"'), line: 9, column: 19, message: "the values of `tax.high` are not in date order: 2012-01-01 comes after 2013-01-01" },
  { code: "T0302", text: scale('    threshold 15% from 2015-01-01 source "s"'), line: 9, column: 15, message: "expected an amount of money, found a percentage" },
  { code: "T0212", text: `${scale()}${inMeasure(`  output x: money = round(marginal(tax)) ${cites}`)}`, line: 13, column: 27, message: "`marginal` takes 2 arguments, but 1 is given", help: "write `marginal(scale, base)`" },
  { code: "T0302", text: `${scale()}${inMeasure(`  output x: money = round(single_rate(tax, person.start)) ${cites}`)}`, line: 13, column: 44, message: "expected an amount of money, found a date" },
  { code: "T0304", text: `${scale()}${inMeasure(`  output x: money = marginal(tax, person.loan_requested) ${cites}`)}`, line: 13, column: 21, message: "this amount must be rounded to the fen" },
];

function expectDiagnostic(c: Case): void {
  const diagnostics = compileWithDeclarations(c.text).diagnostics.filter((d) => d.code === c.code);
  const [first] = diagnostics;
  expect(first, `no ${c.code} among the diagnostics`).toBeDefined();
  expect({ file: first?.span.file, line: first?.span.line, column: first?.span.column, message: first?.message }).toEqual({
    file: "test.tiao",
    line: c.line,
    column: c.column,
    message: c.message,
  });
  if (c.help !== undefined) expect(first?.help).toBe(c.help);
  expect(first?.help, "every diagnostic says how to go on").toBeTruthy();
}

describe("diagnostics of scales", () => {
  test.each(cases)("$code: $message", expectDiagnostic);
  test.each(variants)("$code: $message", expectDiagnostic);

  test("every scale code has a test and a catalog entry with a title and an explanation", () => {
    const scaleCodes = Object.keys(catalog).filter((code) => /^T100[1-7]$/.test(code));
    expect(cases.map((c) => c.code).sort()).toEqual(scaleCodes.sort());
    for (const code of scaleCodes) {
      const entry = catalog[code as keyof typeof catalog];
      expect(entry.title.length, code).toBeGreaterThan(0);
      expect(entry.explanation.length, code).toBeGreaterThan(20);
    }
  });

  test("a correct scale compiles, its brackets in written order", () => {
    const result = compileWithDeclarations(`${scale()}${inMeasure(`  output x: money = round(marginal(tax, person.loan_requested)) ${cites}`)}`);
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.program?.scales.map((s) => [s.name, s.brackets.map((b) => b.name)])).toEqual([["tax", ["low", "high"]]]);
  });
});
