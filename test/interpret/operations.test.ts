/**
 * The operations table is the one meaning of the language's operators: the checker types
 * with it, the interpreter computes with the functions it names, and generated code calls
 * them by those names. These tests hold the three to the table.
 */
import { describe, expect, it } from "vitest";
import * as runtime from "../../runtime/index.js";
import { arithmetic } from "../../compiler/check/operators.js";
import { newReporter } from "../../compiler/check/report.js";
import type { ExprIR, ValueType } from "../../compiler/ir.js";
import {
  additionOf,
  arithmeticOperation,
  arithmeticOperationIds,
  choiceOf,
  comparisonOf,
  operationFunction,
  orderedKinds,
  operations,
  type Kind,
  type OperationId,
} from "../../compiler/operations.js";
import type { RuntimeValue } from "../../runtime/scenario.js";

const span = { file: "t.tiao", line: 1, column: 1, endLine: 1, endColumn: 2, start: 0, end: 1 };

/** A value of each kind an operation takes, as the runtime holds it. */
const samples: Partial<Record<Kind, RuntimeValue>> = {
  money: runtime.fen(123_456),
  unrounded_money: runtime.decimal("1234.5678"),
  integer: 7,
  decimal: runtime.decimal("2.5"),
  percent: runtime.percentFromMillionths(600_000),
  months: 6,
  days: 10,
  date: runtime.calendarDate(2021, 10, 31),
  time: runtime.timeOfDay(8, 30),
  bool: true,
  enum: "local",
  set: ["local", "migrant"],
  text: "730000",
};

/** A second value of a kind, different from its sample. */
function otherSample(kind: Kind): RuntimeValue {
  const value = sample(kind);
  if (typeof value === "number") return value + 1;
  if (typeof value === "boolean") return !value;
  if (typeof value === "string") return `${value}_other`;
  if (Array.isArray(value)) return value.slice(1);
  return runtime.addDecimal(value as runtime.Decimal, runtime.decimal("0.01"));
}

function sample(kind: Kind): RuntimeValue {
  const value = samples[kind];
  if (value === undefined) throw new Error(`no sample of kind ${kind}`);
  return value;
}

function isDecimal(value: RuntimeValue): boolean {
  return typeof value === "object" && value !== null && "coefficient" in value && typeof value.coefficient === "bigint";
}

/** Whether a runtime value is of the representation docs/internals.md gives the kind. */
function holdsKind(value: RuntimeValue, kind: Kind): boolean {
  if (kind === "bool") return typeof value === "boolean";
  return kind === "decimal" || kind === "unrounded_money" ? isDecimal(value) : Number.isSafeInteger(value);
}

const ids = Object.keys(operations) as OperationId[];
const comparisonIds = ids.filter((id) => operations[id].compares !== undefined);
const choiceIds = ids.filter((id) => operations[id].chooses !== undefined);

function operand(kind: Kind, name: string): ExprIR {
  return { op: "parameter", name, type: { kind } as ValueType, span };
}

describe("the operations table", () => {
  it.each(ids)("%s names a function of tiao/runtime", (id) => {
    const name = operations[id].runtime;
    expect(typeof (runtime as Record<string, unknown>)[name]).toBe("function");
    expect(operationFunction(id)).toBe((runtime as Record<string, unknown>)[name]);
  });

  it.each(ids.filter((id) => operations[id].operands !== undefined))("%s computes a value of its result type from values of its operand types", (id) => {
    const operation = operations[id];
    const operands = (operation.operands ?? []).map(sample);
    const result = operationFunction(id)(...operands, ...(operation.rounds === true ? ["half_up"] : []));
    expect(operation.result).not.toBe("operand");
    expect(holdsKind(result, operation.result as Kind)).toBe(true);
  });

  it.each(comparisonIds)("%s orders two values of each kind it compares: -1, 0, 1 (0 or 1 for an equality)", (id) => {
    for (const kind of operations[id].between ?? []) {
      const value = sample(kind);
      expect(operationFunction(id)(value, value)).toBe(0);
      const other = otherSample(kind);
      const order = operationFunction(id)(value, other);
      expect(order).not.toBe(0);
      if (operations[id].compares === "order") expect(operationFunction(id)(other, value)).toBe(-(order as number));
      else expect(order).toBe(1);
    }
  });

  it.each(choiceIds)("%s chooses one of its operands, of each kind it takes", (id) => {
    for (const kind of operations[id].between ?? []) {
      const [a, b] = [sample(kind), otherSample(kind)];
      const chosen = operationFunction(id)(a, b);
      const order = operationFunction(comparisonOf(kind) ?? "compare_numbers")(a, b) as number;
      const smaller = order <= 0 ? a : b;
      expect(chosen).toBe(operations[id].chooses === "min" ? smaller : smaller === a ? b : a);
    }
  });

  it("the checker's ordered kinds are those the comparisons order and the choices take", () => {
    const choices = new Set(choiceIds.flatMap((id) => operations[id].between ?? []));
    expect(new Set(orderedKinds)).toEqual(choices);
    for (const kind of orderedKinds) expect(choiceOf("min", kind)).toBeDefined();
  });

  it("has one arithmetic operation per operator and operand types", () => {
    const keys = arithmeticOperationIds.map((id) => {
      const { symbol, operands } = arithmeticOperation(id);
      return `${operands[0]} ${symbol} ${operands[1]}`;
    });
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each(arithmeticOperationIds)("the checker resolves %s to its row, with the row's result type, in either order for a product", (id) => {
    const { symbol, operands, result } = arithmeticOperation(id);
    const [left, right] = operands;
    const orders = symbol === "*" && left !== right ? [[left, right], [right, left]] : [[left, right]];
    for (const [first, second] of orders) {
      const reporter = newReporter();
      const checked = arithmetic(symbol, operand(first ?? left, "a"), operand(second ?? right, "b"), span, reporter);
      expect(reporter.diagnostics).toEqual([]);
      expect(checked).toMatchObject({ op: "arithmetic", operator: id, type: { kind: result }, left: { type: { kind: left } }, right: { type: { kind: right } } });
    }
  });

  it("adds values of every kind a sum can have", () => {
    for (const kind of ["money", "unrounded_money", "integer", "decimal", "months", "days"] as const) {
      const id = additionOf(kind);
      expect(operations[id]).toMatchObject({ operands: [kind, kind], result: kind, computes: "sum" });
    }
  });

  it("rounds money × percent with one function, equal to rounding the exact product", () => {
    const money = runtime.fen(333);
    const percent = runtime.percentFromMillionths(333_333);
    for (const mode of ["half_up", "down", "up"] as const) {
      const fused = operationFunction("round_money_times_percent")(money, percent, mode);
      const exact = operationFunction("round_to_fen")(operationFunction("money_mul_percent")(money, percent), mode);
      expect(fused).toBe(exact);
    }
  });
});
