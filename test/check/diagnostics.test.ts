/**
 * One small broken policy per diagnostic code of the checker: the code, where it points,
 * and what it says. (Missing `cites` and a parameter without values are syntax errors, T01xx.)
 */
import { describe, expect, test } from "vitest";
import type { CompileOptions, CompileResult } from "../../compiler/compile.js";
import { compile } from "../../compiler/compile.js";
import { catalog } from "../../compiler/diagnostics/catalog.js";
import { compileWithDeclarations, inMeasure } from "./support.js";

const cites = `cites §1 "q"`;

interface Case {
  readonly code: string;
  /** the text of `test.tiao`, compiled beside the shared declarations */
  readonly text: string;
  /** compile `test.tiao` alone, without the shared declarations */
  readonly alone?: boolean;
  readonly notice?: string;
  /** with `alone`: how the notice the header names is read */
  readonly readNotice?: CompileOptions["readNotice"];
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly help?: string;
}

const cases: readonly Case[] = [
  // ---------------------------------------------------------------- names and declarations
  { code: "T0201", text: inMeasure(`  output x: money = standrd ${cites}`), line: 2, column: 21, message: "unknown name `standrd`", help: "did you mean `standard`?" },
  { code: "T0202", text: inMeasure(`  output x: bool = person.unemploed ${cites}`), line: 2, column: 27, message: "`person` has no fact `unemploed`", help: "did you mean `unemployed`?" },
  { code: "T0203", text: "enum enterprise_size {\n  big\n}\n", line: 1, column: 6, message: "the type `enterprise_size` is declared twice" },
  { code: "T0204", text: inMeasure(`  let a: integer = 1 ${cites}\n  let a: integer = 2 ${cites}`), line: 3, column: 7, message: "`a` is defined twice in this measure" },
  { code: "T0205", text: "enum colour {\n  red\n  red\n}\n", line: 3, column: 3, message: "the member `red` is given twice" },
  { code: "T0206", text: "enum colour {\n  red\n}\n", alone: true, line: 1, column: 1, message: "this policy has no `policy` header" },
  {
    code: "T0207",
    text: 'policy other {\n  title "t"\n  document "d"\n  issuer "i"\n  issued 2021-11-05\n  version "1"\n}\n',
    line: 1, column: 8, message: "a policy has only one `policy` header",
  },
  {
    code: "T0208",
    text: 'policy p {\n  title "t"\n  document "d"\n  issuer "i"\n  issued 2021-11-05\n}\n',
    alone: true, line: 1, column: 8, message: "the policy header has no `version`", help: 'add `version "1.0.0"`',
  },
  { code: "T0209", text: inMeasure(`  let x: mony = 1 yuan ${cites}`), line: 2, column: 10, message: "unknown type `mony`", help: "did you mean `money`?" },
  { code: "T0210", text: inMeasure(`  output x: bool = person.ui_status = expird ${cites}`), line: 2, column: 39, message: "`expird` is not a member of `ui_status`", help: "did you mean `expired`?" },
  { code: "T0211", text: "record placement {\n  who: person\n}\n", line: 2, column: 8, message: "`person` is an entity, not a type" },
  { code: "T0212", text: inMeasure(`  output x: integer = min(1) ${cites}`), line: 2, column: 23, message: "`min` takes 2 arguments, but 1 is given", help: "write `min(a, b)`" },
  { code: "T0213", text: inMeasure(`  let a: integer = 1 ${cites}\n  output b: integer = a(1) ${cites}`), line: 3, column: 23, message: "`a` takes no arguments" },
  { code: "T0214", text: inMeasure(`  let f(t: trainee): bool = t.newly_absorbed ${cites}\n  output b: bool = f ${cites}`), line: 3, column: 20, message: "`f` needs an argument" },
  {
    code: "T0215", text: `enum e1 {\n  a\n}\nenum e2 {\n  a\n}\n${inMeasure(`  output b: bool = a in {a} ${cites}`)}`,
    line: 8, column: 20, message: "`a` is a member of several enums: `e1` and `e2`", help: "say which one: `e1.a` or `e2.a`",
  },
  { code: "T0216", text: inMeasure(`  output b: bool = person ${cites}`), line: 2, column: 20, message: "`person` is an entity, not a value", help: "read one of its facts, e.g. `person.unemployed`" },
  { code: "T0217", text: inMeasure(`  let min: integer = 1 ${cites}`), line: 2, column: 7, message: "`min` is the name of a built-in function" },
  { code: "T0218", text: 'parameter p: list of trainee {\n  value 1 from 2021-01-01 source "s"\n}\n', line: 1, column: 14, message: "a parameter cannot hold a list" },
  { code: "T0219", text: inMeasure(`  let f(n: integer): bool = true ${cites}`), line: 2, column: 12, message: "a definition's parameter must be a record" },
  { code: "T0220", text: `measure m {\n  in force from person.start\n  output b: bool = true ${cites}\n}\n`, line: 2, column: 17, message: "a window can only use dates and parameters" },
  { code: "T0221", text: inMeasure(`  output in_force: bool = true ${cites}`), line: 2, column: 10, message: "`in_force` is an automatic output of every measure" },
  { code: "T0222", text: inMeasure(`  output f(t: trainee): bool = t.newly_absorbed ${cites}`), line: 2, column: 10, message: "an output cannot take parameters" },
  { code: "T0223", text: inMeasure(`  output e: indicator = enterprise.electricity ${cites}`), line: 2, column: 13, message: "an output cannot be a record (`indicator`)" },
  // ---------------------------------------------------------------- types and units
  {
    code: "T0301", text: inMeasure(`  output d: date = person.start + 500 yuan ${cites}`),
    line: 2, column: 20, message: "cannot add an amount of money to a date", help: "add months with `+ 6 months`, or days with `+ 1 day`",
  },
  { code: "T0302", text: inMeasure(`  output b: bool = 1 yuan ${cites}`), line: 2, column: 20, message: "expected a yes/no value, found an amount of money" },
  {
    code: "T0303", text: inMeasure(`  output b: bool = person.insured_months < person.days_waited ${cites}`),
    line: 2, column: 20, message: "cannot compare a number of months with a number of days",
  },
  {
    code: "T0304", text: inMeasure(`  output x: money = standard * rate ${cites}`),
    line: 2, column: 21, message: "this amount must be rounded to the fen", help: "wrap it in round(…) (half up), round_down(…) or round_up(…)",
  },
  {
    code: "T0305", text: inMeasure(`  output b: bool = person.insured_months < 12 ${cites}`),
    line: 2, column: 44, message: "`12` has no unit: a number of months is expected here", help: "write `12 months`",
  },
  { code: "T0306", text: inMeasure(`  output d: date = person.post_end ${cites}`), line: 2, column: 20, message: "`person.post_end` may be absent" },
  {
    code: "T0307", text: inMeasure(`  output r: integer = match enterprise.size {\n    large => 1\n    medium, small => 2\n  } ${cites}`),
    line: 2, column: 29, message: "this match does not cover `micro`", help: "add an arm for it, or an `else` arm",
  },
  { code: "T0308", text: inMeasure(`  output d: date = person.start otherwise 2021-01-01 ${cites}`), line: 2, column: 20, message: "`person.start` is never absent here, so `otherwise` has no use" },
  {
    code: "T0309", text: inMeasure(`  output x: money = round(person.loan_requested) ${cites}`),
    line: 2, column: 27, message: "`round` needs an unrounded amount or a decimal number, found an amount of money",
  },
  {
    code: "T0310", text: inMeasure(`  output r: integer = match enterprise.size {\n    large, medium => 1\n    medium, small, micro => 2\n  } ${cites}`),
    line: 4, column: 5, message: "`medium` is already covered by an earlier arm",
  },
  { code: "T0311", text: inMeasure(`  output b: bool = person.unemployed < true ${cites}`), line: 2, column: 20, message: "`<` does not apply to a yes/no value" },
  { code: "T0312", text: inMeasure(`  output b: bool = person.unemployed.x ${cites}`), line: 2, column: 38, message: "a yes/no value has no fields" },
  { code: "T0313", text: inMeasure(`  output n: integer = count(t in person.insured_months) ${cites}`), line: 2, column: 34, message: "`count` goes through a list, not a number of months" },
  { code: "T0314", text: inMeasure(`  output b: bool = sum(t.newly_absorbed for t in enterprise.trainees) ${cites}`), line: 2, column: 24, message: "cannot add up a yes/no value" },
  { code: "T0315", text: inMeasure(`  output x: money = -person.loan_requested ${cites}`), line: 2, column: 21, message: "only a decimal number can be negative, not an amount of money" },
  { code: "T0316", text: inMeasure(`  output b: bool = person.insured_months in {expired} ${cites}`), line: 2, column: 20, message: "`in` tests a member of an enum or a text, not a number of months" },
  { code: "T0317", text: inMeasure(`  output b: bool = person.ui_status in {person.ui_status} ${cites}`), line: 2, column: 41, message: "a set is written with enum members only" },
  { code: "T0318", text: inMeasure(`  output b: bool = person.start is present ${cites}`), line: 2, column: 20, message: "`person.start` is never absent here" },
  { code: "T0319", text: inMeasure(`  output x: money = 99999999999999999999 yuan ${cites}`), line: 2, column: 21, message: "`99999999999999999999` is too large" },
  { code: "T0320", text: inMeasure(`  output x: money = 1.005 yuan ${cites}`), line: 2, column: 21, message: "`1.005 yuan` is not a whole number of fen" },
  { code: "T0321", text: inMeasure(`  output d: date = absent ${cites}`), line: 2, column: 20, message: "expected a date, found `absent`" },
  { code: "T0322", text: inMeasure(`  output b: bool = {} = {} ${cites}`), line: 2, column: 20, message: "cannot tell which enum this empty set belongs to" },
  // ---------------------------------------------------------------- rules and exceptions
  {
    code: "T0401", text: inMeasure(`  output b: bool {\n    rule general = true ${cites}\n    exception general when person.insured = false ${cites}\n  }`),
    line: 4, column: 15, message: "the label `general` is used twice in this definition",
  },
  {
    code: "T0402", text: inMeasure(`  output b: bool {\n    rule general = true ${cites}\n    exception migrant to generl when person.insured = false ${cites}\n  }`),
    line: 4, column: 26, message: "there is no rule or exception `generl` to override", help: "did you mean `general`?",
  },
  {
    code: "T0403",
    text: inMeasure(`  output b: bool {\n    rule a when person.insured = true ${cites}\n    rule b when not person.insured = false ${cites}\n    exception e when person.unemployed = false ${cites}\n  }`),
    line: 5, column: 15, message: "the exception `e` does not say which rule it overrides",
    help: "this definition has several rules (`a` and `b`): write `exception e to a when …`",
  },
  { code: "T0404", text: inMeasure(`  output b: bool {\n    rule a = true ${cites}\n    rule b = false ${cites}\n  }`), line: 4, column: 10, message: "the rules `a` and `b` both apply always" },
  {
    code: "T0405", text: inMeasure(`  output b: bool {\n    rule a when person.insured = true ${cites}\n  }`),
    line: 3, column: 10, message: "no rule gives `b` a value when the condition of `a` does not hold",
  },
  {
    code: "T0406",
    text: inMeasure(`  output b: bool {\n    rule general = true ${cites}\n    exception x to y when person.insured = false ${cites}\n    exception y to x when person.unemployed = false ${cites}\n  }`),
    line: 4, column: 15, message: "the exception `x` never leads to a rule",
  },
  { code: "T0407", text: inMeasure(`  output b: bool {\n    exception e when person.insured = false ${cites}\n  }`), line: 2, column: 10, message: "`b` has exceptions but no rule" },
  // ---------------------------------------------------------------- dates, windows and parameter values
  { code: "T0501", text: inMeasure(`  output d: date = 2021-02-30 ${cites}`), line: 2, column: 20, message: "`2021-02-30` is not a calendar date", help: "February 2021 has 28 days" },
  {
    code: "T0502", text: 'parameter p: money {\n  value 1 yuan from 2021-06-01 source "s"\n  value 2 yuan from 2021-01-01 source "s"\n}\n',
    line: 3, column: 21, message: "the values of `p` are not in date order: 2021-01-01 comes after 2021-06-01",
  },
  {
    code: "T0503", text: 'parameter p: money {\n  value 1 yuan from 2021-01-01 until 2021-06-30 source "s"\n  value 2 yuan from 2021-06-01 source "s"\n}\n',
    line: 3, column: 21, message: "two values of `p` are in force on 2021-06-01", help: "end the value before on the day before (`until 2021-05-31`), or start this one later",
  },
  {
    code: "T0504", text: 'parameter p: money {\n  value 1 yuan from 2021-06-01 until 2021-01-31 source "s"\n}\n',
    line: 2, column: 38, message: "this value ends on 2021-01-31, before it starts on 2021-06-01",
  },
  {
    code: "T0505", text: `measure m {\n  in force from 2021-12-01 until 2021-10-01\n  output b: bool = true ${cites}\n}\n`,
    line: 2, column: 3, message: "this window ends on 2021-10-01, before it starts on 2021-12-01",
  },
  { code: "T0506", text: inMeasure(`  output t: time = 25:00 ${cites}`), line: 2, column: 20, message: "`25:00` is not a time of day" },
  { code: "T0507", text: 'parameter p: money {\n  value standard from 2021-01-01 source "s"\n}\n', line: 2, column: 9, message: "a parameter value must be written out" },
  {
    code: "T0508", text: inMeasure(`  output d: date = person.start + 6 months - 1 day ${cites}`), line: 2, column: 20,
    message: "`start + N months - 1 day` is not always the last day of a term of N months",
    help: "write `last_day_of_term(start, N months)`: from 2021-10-31, a term of 6 months ends on 2022-04-30, but 2021-10-31 + 6 months - 1 day is 2022-04-29",
  },
  // ---------------------------------------------------------------- cycles and citations
  { code: "T0601", text: inMeasure(`  let a: bool = b ${cites}\n  let b: bool = c ${cites}\n  let c: bool = a ${cites}`), line: 2, column: 7, message: "`a` depends on itself: a → b → c → a" },
  {
    code: "T0602",
    text: inMeasure('  output b: bool = true cites §1 "对参保不满1年的失业农民工，按月发放6个月的临时生活补助"'),
    notice: "一、第一条\n对参保不满1年的失业农民工，按月发放3个月的临时生活补助。",
    line: 2, column: 34, message: "these words are not in the notice", help: "the notice reads “对参保不满1年的失业农民工，按月发放3个月的临时生活补助”",
  },
  {
    code: "T0603",
    alone: true,
    text: 'policy p {\n  title "t"\n  document "d"\n  issuer "i"\n  issued 2021-11-05\n  version "1"\n  notice "../../etc/passwd"\n}\n',
    readNotice: () => ({ refused: "it is outside the policy's folder", help: "put the notice inside the policy's folder" }),
    line: 7, column: 10, message: 'cannot use the notice "../../etc/passwd": it is outside the policy\'s folder', help: "put the notice inside the policy's folder",
  },
  {
    code: "T0604",
    text: inMeasure('  output b: bool = true cites §1 "本通知自印发之日起施行"'),
    notice: "各区：\n\n一、第一条\n\n对参保不满1年的失业农民工，按月发放3个月的临时生活补助。\n\n本通知自印发之日起施行。\n",
    line: 2, column: 31, message: "these words are not in §1", help: 'cite them as `§closing "…"`',
  },
];

/** What drafters often get wrong, and the help they get. */
const variants: readonly Case[] = [
  // the runtime's years: a date `check` accepts is one every back end can run
  { code: "T0501", text: inMeasure(`  output d: date = 0000-06-01 ${cites}`), line: 2, column: 20, message: "`0000-06-01` is not a calendar date", help: "years run from 0001 to 9999" },
  { code: "T0501", text: 'parameter p: money {\n  value 1 yuan from 0000-12-31 source "s"\n}\n', line: 2, column: 21, message: "`0000-12-31` is not a calendar date", help: "years run from 0001 to 9999" },
  {
    code: "T0303", text: inMeasure(`  output b: bool = person.days_waited < 6 months ${cites}`), line: 2, column: 20,
    message: "cannot compare a number of days with a number of months",
    help: "a month has no fixed number of days: compare months with months (`6 months`), or days with days (`later - earlier` gives days)",
  },
  {
    code: "T0301", text: inMeasure(`  output d: date = person.start + 6 ${cites}`), line: 2, column: 20,
    message: "cannot add a whole number to a date", help: "add months with `+ 6 months`, or days with `+ 6 days`",
  },
  {
    code: "T0301", text: inMeasure(`  output d: date = person.start - 500 yuan ${cites}`), line: 2, column: 20,
    message: "cannot subtract an amount of money from a date", help: "subtract months with `- 6 months`, or days with `- 1 day`",
  },
  {
    code: "T0301", text: inMeasure(`  output x: money = standard + rate ${cites}`), line: 2, column: 21,
    message: "cannot add a percentage to an amount of money", help: "a percentage applies to an amount by multiplication: `amount * 60%`",
  },
  {
    code: "T0202", text: inMeasure(`  output n: integer = count(t in enterprise.trainees where t.x) ${cites}`), line: 2, column: 62,
    message: "`trainee` has no field `x`", help: "its fields are `target_group`, `newly_absorbed` and `months`",
  },
  {
    code: "T0305", text: inMeasure(`  output b: bool = person.subsidy_months_received < cap_months ${cites}`), line: 2, column: 20,
    message: "a whole number is not a number of months", help: "convert it with `months(person.subsidy_months_received)`",
  },
  { code: "T0305", text: inMeasure(`  output m: months = 6 ${cites}`), line: 2, column: 22, message: "`6` has no unit: a number of months is expected here", help: "write `6 months`" },
  { code: "T0305", text: inMeasure(`  output m: money = 6 ${cites}`), line: 2, column: 21, message: "`6` has no unit: an amount of money is expected here", help: "write `6 yuan`" },
  // a fraction where a percentage is expected is suggested as the same rate, never a hundred times smaller
  { code: "T0305", text: inMeasure(`  output r: percent = 0.16 ${cites}`), line: 2, column: 23, message: "`0.16` has no unit: a percentage is expected here", help: "write `16%`" },
  { code: "T0305", text: inMeasure(`  output r: percent = 0.165 ${cites}`), line: 2, column: 23, message: "`0.165` has no unit: a percentage is expected here", help: "write `16.5%`" },
  { code: "T0305", text: inMeasure(`  output r: percent = 0.05 ${cites}`), line: 2, column: 23, message: "`0.05` has no unit: a percentage is expected here", help: "write `5%`" },
  { code: "T0305", text: inMeasure(`  output r: percent = 0.001 ${cites}`), line: 2, column: 23, message: "`0.001` has no unit: a percentage is expected here", help: "write `0.1%`" },
  { code: "T0305", text: inMeasure(`  output r: percent = 60 ${cites}`), line: 2, column: 23, message: "`60` has no unit: a percentage is expected here", help: "write `60%`" },
  { code: "T0305", text: inMeasure(`  output b: integer = cap_months * 2 + 1 ${cites}`), line: 2, column: 40, message: "`1` has no unit: a number of months is expected here", help: "write `1 month`" },
  { code: "T0304", text: inMeasure(`  output x: money = standard * 2.5 ${cites}`), line: 2, column: 21, message: "this amount must be rounded to the fen" },
  { code: "T0306", text: inMeasure(`  output d: days = person.post_end - person.start ${cites}`), line: 2, column: 20, message: "`person.post_end` may be absent" },
  {
    code: "T0321", text: inMeasure(`  output b: bool = person.ui_status = absent ${cites}`), line: 2, column: 39,
    message: "`absent` cannot be compared", help: "test an optional value with `x is absent` or `x is present`",
  },
  { code: "T0210", text: inMeasure(`  output b: ui_status = expird ${cites}`), line: 2, column: 25, message: "`expird` is not a member of `ui_status`", help: "did you mean `expired`?" },
  {
    code: "T0404", text: inMeasure(`  output b: bool {\n    rule a when person.insured = true ${cites}\n    rule b when (person.insured) = false ${cites}\n  }`), line: 4, column: 10,
    message: "the rules `a` and `b` apply under the same condition",
  },
  {
    code: "T0302", text: inMeasure(`  output b: bool = if person.insured then 1 yuan else 2021-01-01 ${cites}`), line: 2, column: 43,
    message: "expected a yes/no value, found an amount of money",
  },
  { code: "T0309", text: inMeasure(`  output b: integer = round(1) ${cites}`), line: 2, column: 29, message: "`round` needs an unrounded amount or a decimal number, found a whole number" },
  { code: "T0201", text: inMeasure(`  output b: integer = foo(1) ${cites}`), line: 2, column: 23, message: "unknown function `foo`" },
  {
    code: "T0220", text: `measure m {\n  in force from period_start until a\n  let a: date = person.start ${cites}\n}\n`, line: 2, column: 36,
    message: "a window can only use dates and parameters",
  },
  {
    code: "T0601", text: `measure a {\n  output x: bool = y ${cites}\n  let y: bool = x ${cites}\n}\n`, line: 2, column: 10,
    message: "`x` depends on itself: x → y → x",
  },
  { code: "T0202", text: inMeasure(`  output x: bool = enterprise.electricity.current < enterprise.electricity.previos ${cites}`), line: 2, column: 76, message: "`indicator` has no field `previos`", help: "did you mean `previous_period`?" },
];

function compileCase(c: Case): CompileResult {
  if (c.alone === true) return compile([{ path: "test.tiao", text: c.text }], c.readNotice === undefined ? {} : { readNotice: c.readNotice });
  return compileWithDeclarations(c.text, c.notice);
}

function expectDiagnostic(c: Case): void {
    const [first, ...others] = compileCase(c).diagnostics.filter((d) => d.code === c.code);
    expect(first, `no ${c.code} among the diagnostics`).toBeDefined();
    expect({ file: first?.span.file, line: first?.span.line, column: first?.span.column, message: first?.message }).toEqual({
      file: "test.tiao",
      line: c.line,
      column: c.column,
      message: c.message,
    });
    if (c.help !== undefined) expect(first?.help).toBe(c.help);
    expect(first?.help, "every diagnostic says how to go on").toBeTruthy();
    expect(others.filter((d) => d.span.line === first?.span.line && d.span.column === first.span.column)).toEqual([]);
}

describe("each diagnostic of the checker", () => {
  test.each(cases)("$code: $message", expectDiagnostic);

  test("every code of the checker has a test and a catalog entry with a title and an explanation", () => {
    const checkerCodes = Object.keys(catalog).filter((code) => /^T0[2-6]/.test(code));
    expect(cases.map((c) => c.code).sort()).toEqual(checkerCodes.sort());
    for (const code of checkerCodes) {
      const entry = catalog[code as keyof typeof catalog];
      expect(entry.title.length, code).toBeGreaterThan(0);
      expect(entry.explanation.length, code).toBeGreaterThan(20);
    }
  });

  test.each(variants)("$code: $message", expectDiagnostic);

  test("T0405 is a warning: the policy still compiles", () => {
    const result = compileWithDeclarations(inMeasure(`  output b: bool {\n    rule a when person.insured = true ${cites}\n  }`));
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([["T0405", "warning"]]);
    expect(result.program).toBeDefined();
  });
});
