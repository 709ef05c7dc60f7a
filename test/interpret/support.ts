/** Helpers for interpreter tests: scenarios from plain objects, one-expression policies. */
import { evaluate, type EvaluationOptions, type EvaluationResult } from "../../compiler/interpret.js";
import type { ExprIR, ParameterIR, ProgramIR } from "../../compiler/ir.js";
import { EvaluationError, readScenario, type OutputJson, type Scenario } from "../../runtime/index.js";
import type { EnumDecl, RecordDecl } from "../../runtime/types.js";
import { measure, program, simple } from "../support/ir-builders.js";

/** A scenario read from a plain object, as the CLI would read its JSON. */
export function scenarioOf(policy: ProgramIR, json: object): Scenario {
  const result = readScenario(JSON.stringify(json), policy.schema);
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join("\n"));
  return result.scenario;
}

export function run(policy: ProgramIR, json: object, options?: EvaluationOptions): EvaluationResult {
  return evaluate(policy, scenarioOf(policy, json), options);
}

/** A policy of one measure `m` with one output `x` = expr. */
export function oneOutput(
  expr: ExprIR,
  schema: { enums?: readonly EnumDecl[]; records?: readonly RecordDecl[]; parameters?: readonly ParameterIR[] } = {},
): ProgramIR {
  return program({
    enums: schema.enums ?? [],
    records: schema.records ?? [],
    parameters: schema.parameters ?? [],
    measures: [measure("m", [simple("x", expr.type, expr)])],
  });
}

/** The formatted value of `x` in a one-output policy. */
export function valueOf(expr: ExprIR, json: object = { date: "2021-11-15" }, schema: Parameters<typeof oneOutput>[1] = {}): OutputJson {
  const result = run(oneOutput(expr, schema), json);
  const outputs = result.outputs["m"];
  if (outputs === undefined) throw new Error(`measure m was skipped: ${JSON.stringify(result.skipped)}`);
  const value = outputs["x"];
  if (value === undefined) throw new Error("no output x");
  return value;
}

/** The error an evaluation throws, to assert on its code and message. */
export function errorOf(compute: () => unknown): EvaluationError {
  try {
    compute();
  } catch (error) {
    if (error instanceof EvaluationError) return error;
    throw error;
  }
  throw new Error("expected an evaluation error");
}
