/**
 * Compiling small policies in tests: a shared file of declarations (header, enums,
 * entities, parameters) beside the file under test, so that line and column numbers in
 * tests are those of the text the test writes.
 */
import type { CompileResult } from "../../compiler/compile.js";
import { compile } from "../../compiler/compile.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { DefinitionIR, ExprIR, MeasureIR, ProgramIR } from "../../compiler/ir.js";

export const declarations = `policy test_policy {
  title    "测试"
  document "测试〔2021〕1号"
  issuer   "测试局"
  issued   2021-11-05
  version  "1.0.0"
}

enum ui_status {
  receiving
  expired
  not_qualified
}

enum enterprise_size {
  large
  medium
  small
  micro
}

enum target_group {
  poor_labor
  none
}

record trainee {
  target_group: target_group
  newly_absorbed: bool
  months: integer
}

record indicator {
  current: decimal
  previous_period: decimal
}

entity person {
  unemployed: bool
  insured: bool
  insured_months: months
  ui_status: ui_status
  migrant_worker: bool
  post_end: optional date
  start: date
  loan_requested: money
  subsidy_months_received: integer
  submitted_at: time
  days_waited: days
}

entity enterprise {
  size: enterprise_size
  premiums: money
  trainees: list of trainee
  electricity: indicator
  growth: decimal
}

parameter rate: percent {
  value 80% from 2021-01-01 source "测试"
}

parameter standard: money {
  value 1458.00 yuan from 2020-02-01 source "测试"
}

parameter period_start: date {
  value 2021-10-20 from 2021-01-01 source "测试"
}

parameter period_end: optional date {
  value absent from 2021-01-01 source "测试"
}

parameter cap_months: months {
  value 6 months from 2021-01-01 source "测试"
}
`;

/** Compiles `text` (file `test.tiao`) with the shared declarations (file `declarations.tiao`). */
export function compileWithDeclarations(text: string, notice?: string): CompileResult {
  return compile(
    [
      { path: "declarations.tiao", text: declarations },
      { path: "test.tiao", text },
    ],
    notice === undefined ? {} : { notice },
  );
}

/** Wraps definitions in a measure; the first definition is then on line 2. */
export function inMeasure(body: string): string {
  return `measure m {\n${body}\n}\n`;
}

export function errorsOf(result: CompileResult): Diagnostic[] {
  return result.diagnostics.filter((d) => d.severity === "error");
}

/** The program of a policy that must compile without errors. */
export function programOf(text: string, notice?: string): ProgramIR {
  const result = compileWithDeclarations(text, notice);
  const errors = errorsOf(result);
  if (result.program === undefined || errors.length > 0) {
    throw new Error(`expected no errors, got:\n${errors.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`).join("\n")}`);
  }
  return result.program;
}

export function measureOf(text: string): MeasureIR {
  const [measure] = programOf(text).measures;
  if (measure === undefined) throw new Error("the policy has no measure");
  return measure;
}

export function definitionOf(measure: MeasureIR, name: string): DefinitionIR {
  const definition = measure.definitions.find((d) => d.name === name);
  if (definition === undefined) throw new Error(`no definition ${name}`);
  return definition;
}

/** The value of a simple definition. */
export function valueOf(measure: MeasureIR, name: string): ExprIR {
  const rule = definitionOf(measure, name).rules[0];
  if (rule === undefined) throw new Error(`${name} has no rule`);
  return rule.value;
}

/** An expression without its spans, for comparing shapes. */
export function withoutSpans(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === "span" ? undefined : inner)));
}
