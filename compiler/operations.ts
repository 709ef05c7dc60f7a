/**
 * The operations of the language, written once: for each, the types of its operands and of
 * its result, the function of `tiao/runtime` that computes it (rounding included), and for
 * arithmetic the operator the drafter writes. The checker resolves operators through this
 * table and the IR carries the resolved operation's id; the interpreter calls the function
 * the table names and generated code calls it by that name, so both compute with the same
 * code; the diff and the explanations take symbols and meanings from here.
 *
 * A back end that renders operations its own way keys its rendering by `OperationId` in a
 * `Record<OperationId, …>`, which the compiler forces to be total: a new row is then an
 * error in every back end until each says how to compute it.
 */
import * as runtime from "../runtime/index.js";
import type { RuntimeValue } from "../runtime/scenario.js";
import type { ValueType } from "../runtime/types.js";

export type Kind = ValueType["kind"];

/** The names of `tiao/runtime`'s functions, as generated code imports them. */
export type RuntimeFunctionName = {
  [Name in keyof typeof runtime]: (typeof runtime)[Name] extends (...args: never[]) => unknown ? Name : never;
}[keyof typeof runtime];

export interface Operation {
  /** the kinds of the operands, in the order the runtime function takes them */
  readonly operands?: readonly Kind[];
  /** a comparison or a choice: two operands of one kind, any of these */
  readonly between?: readonly Kind[];
  /** the kind of the result; `operand` for a choice, whose result is one of its operands */
  readonly result: Kind | "operand";
  /** computes the operation from the operands (and, for a rounding, the rounding mode after them) */
  readonly runtime: RuntimeFunctionName;
  /** arithmetic: the operator as written, `left symbol right` */
  readonly symbol?: "+" | "-" | "*" | "/";
  /** arithmetic: what it computes on the operands' exact values (months by the month rule of the language) */
  readonly computes?: "sum" | "difference" | "product" | "quotient" | "months_later" | "months_earlier";
  /** the runtime function takes a rounding mode after the operands */
  readonly rounds?: true;
  /** a built-in function: its name as written, `name(operands)` */
  readonly function?: string;
  /** a built-in function: what its arguments stand for, as a diagnostic writes a call (`starts_with(text, prefix)`) */
  readonly arguments?: readonly string[];
  /**
   * a comparison: its runtime function gives the order of the operands (-1, 0, 1), and
   * `a op b` holds when `order op 0` does; `order` allows every operator, `equality` only `=` and `!=`
   */
  readonly compares?: "order" | "equality";
  /** a choice, `min(a, b)` or `max(a, b)`: the first operand when they are equal */
  readonly chooses?: "min" | "max";
  /**
   * the operands are numbers, strings or booleans whose JavaScript operators give what the
   * runtime function computes: generated code writes `a < b` or `set.includes(element)`
   */
  readonly native?: true;
}

/** The kinds held as JavaScript numbers with the order of their values: fen, millionths, day numbers, counts. */
const NUMBERS = ["integer", "money", "percent", "date", "time", "months", "days"] as const;
/** The kinds held as exact decimals (runtime/decimal.ts). */
const DECIMALS = ["decimal", "unrounded_money"] as const;

const table = {
  money_add: { symbol: "+", operands: ["money", "money"], result: "money", computes: "sum", runtime: "addMoney" },
  money_sub: { symbol: "-", operands: ["money", "money"], result: "money", computes: "difference", runtime: "subtractMoney" },
  money_mul_integer: { symbol: "*", operands: ["money", "integer"], result: "money", computes: "product", runtime: "multiplyMoney" },
  /** an amount per month times a number of months: `monthly_standard * 3 months` */
  money_mul_months: { symbol: "*", operands: ["money", "months"], result: "money", computes: "product", runtime: "multiplyMoney" },
  money_mul_percent: { symbol: "*", operands: ["money", "percent"], result: "unrounded_money", computes: "product", runtime: "multiplyMoneyByPercentExact" },
  money_mul_decimal: { symbol: "*", operands: ["money", "decimal"], result: "unrounded_money", computes: "product", runtime: "multiplyMoneyByDecimal" },
  unrounded_add: { symbol: "+", operands: ["unrounded_money", "unrounded_money"], result: "unrounded_money", computes: "sum", runtime: "addDecimal" },
  unrounded_sub: { symbol: "-", operands: ["unrounded_money", "unrounded_money"], result: "unrounded_money", computes: "difference", runtime: "subtractDecimal" },
  // a quotient multiplied before it is rounded (an hourly wage times hours times a rate): rounded once, at the end
  unrounded_mul_decimal: { symbol: "*", operands: ["unrounded_money", "decimal"], result: "unrounded_money", computes: "product", runtime: "multiplyDecimal" },
  unrounded_mul_percent: { symbol: "*", operands: ["unrounded_money", "percent"], result: "unrounded_money", computes: "product", runtime: "multiplyDecimalByPercent" },
  integer_add: { symbol: "+", operands: ["integer", "integer"], result: "integer", computes: "sum", runtime: "addIntegers" },
  integer_sub: { symbol: "-", operands: ["integer", "integer"], result: "integer", computes: "difference", runtime: "subtractIntegers" },
  integer_mul: { symbol: "*", operands: ["integer", "integer"], result: "integer", computes: "product", runtime: "multiplyIntegers" },
  integer_mul_percent: { symbol: "*", operands: ["integer", "percent"], result: "decimal", computes: "product", runtime: "multiplyIntegerByPercent" },
  decimal_add: { symbol: "+", operands: ["decimal", "decimal"], result: "decimal", computes: "sum", runtime: "addDecimal" },
  decimal_sub: { symbol: "-", operands: ["decimal", "decimal"], result: "decimal", computes: "difference", runtime: "subtractDecimal" },
  decimal_mul: { symbol: "*", operands: ["decimal", "decimal"], result: "decimal", computes: "product", runtime: "multiplyDecimal" },
  decimal_mul_percent: { symbol: "*", operands: ["decimal", "percent"], result: "decimal", computes: "product", runtime: "multiplyDecimalByPercent" },
  months_add: { symbol: "+", operands: ["months", "months"], result: "months", computes: "sum", runtime: "addIntegers" },
  months_sub: { symbol: "-", operands: ["months", "months"], result: "months", computes: "difference", runtime: "subtractIntegers" },
  months_mul_integer: { symbol: "*", operands: ["months", "integer"], result: "months", computes: "product", runtime: "multiplyIntegers" },
  days_add: { symbol: "+", operands: ["days", "days"], result: "days", computes: "sum", runtime: "addIntegers" },
  days_sub: { symbol: "-", operands: ["days", "days"], result: "days", computes: "difference", runtime: "subtractIntegers" },
  days_mul_integer: { symbol: "*", operands: ["days", "integer"], result: "days", computes: "product", runtime: "multiplyIntegers" },
  date_add_months: { symbol: "+", operands: ["date", "months"], result: "date", computes: "months_later", runtime: "addMonths" },
  date_sub_months: { symbol: "-", operands: ["date", "months"], result: "date", computes: "months_earlier", runtime: "subtractMonths" },
  date_add_days: { symbol: "+", operands: ["date", "days"], result: "date", computes: "sum", runtime: "addDays" },
  date_sub_days: { symbol: "-", operands: ["date", "days"], result: "date", computes: "difference", runtime: "subtractDays" },
  date_diff: { symbol: "-", operands: ["date", "date"], result: "days", computes: "difference", runtime: "subtractDates" },
  // a quotient is unrounded: an amount divided is an unrounded amount, to be rounded to the fen
  money_div_integer: { symbol: "/", operands: ["money", "integer"], result: "unrounded_money", computes: "quotient", runtime: "divideMoneyByInteger" },
  money_div_decimal: { symbol: "/", operands: ["money", "decimal"], result: "unrounded_money", computes: "quotient", runtime: "divideMoneyByDecimal" },
  money_div_money: { symbol: "/", operands: ["money", "money"], result: "decimal", computes: "quotient", runtime: "divideMoneyByMoney" },
  unrounded_div_decimal: { symbol: "/", operands: ["unrounded_money", "decimal"], result: "unrounded_money", computes: "quotient", runtime: "divideDecimal" },
  decimal_div: { symbol: "/", operands: ["decimal", "decimal"], result: "decimal", computes: "quotient", runtime: "divideDecimal" },

  /** round(unrounded amount) to the fen */
  round_to_fen: { operands: ["unrounded_money"], result: "money", rounds: true, runtime: "roundToFen" },
  /** round(decimal) to a whole number */
  round_to_integer: { operands: ["decimal"], result: "integer", rounds: true, runtime: "roundDecimal" },
  /** round(money × percent): the commonest computation of a policy, fused, in plain numbers when the product is exact */
  round_money_times_percent: { operands: ["money", "percent"], result: "money", rounds: true, runtime: "multiplyMoneyByPercent" },
  floor: { operands: ["decimal"], result: "integer", runtime: "floorDecimal" },
  ceil: { operands: ["decimal"], result: "integer", runtime: "ceilDecimal" },
  negate: { operands: ["decimal"], result: "decimal", runtime: "negateDecimal" },
  last_day_of_term: { operands: ["date", "months"], result: "date", runtime: "lastDayOfTerm" },

  /** the calendar functions (runtime/calendar.ts): an age is `completed_years(birth, evaluation_date)` */
  completed_years: { function: "completed_years", operands: ["date", "date"], result: "integer", runtime: "completedYears" },
  completed_months: { function: "completed_months", operands: ["date", "date"], result: "months", runtime: "completedMonths" },
  year_of: { function: "year_of", operands: ["date"], result: "integer", runtime: "yearOf" },
  month_of: { function: "month_of", operands: ["date"], result: "integer", runtime: "monthOf" },
  first_day_of_month: { function: "first_day_of_month", operands: ["date"], result: "date", runtime: "firstDayOfMonth" },
  last_day_of_month: { function: "last_day_of_month", operands: ["date"], result: "date", runtime: "lastDayOfMonth" },
  first_day_of_year: { function: "first_day_of_year", operands: ["date"], result: "date", runtime: "firstDayOfYear" },
  last_day_of_year: { function: "last_day_of_year", operands: ["date"], result: "date", runtime: "lastDayOfYear" },

  /** a text's beginning: a district chosen by its postal code's prefix, `starts_with(person.postal_code, "7300")` */
  starts_with: { function: "starts_with", arguments: ["text", "prefix"], operands: ["text", "text"], result: "bool", runtime: "startsWith" },

  /** the conversions that change the representation (a whole number as a decimal, an amount as an unrounded one) */
  integer_to_decimal: { operands: ["integer"], result: "decimal", runtime: "decimalFromInteger" },
  money_to_unrounded: { operands: ["money"], result: "unrounded_money", runtime: "moneyToDecimal" },

  /**
   * the comparisons `=`, `!=`, `<`, `<=`, `>`, `>=` (the IR keeps which): both sides of one
   * kind; lists and records are not compared, their fields are
   */
  compare_numbers: { compares: "order", between: NUMBERS, result: "bool", runtime: "compareNumbers", native: true },
  compare_decimals: { compares: "order", between: DECIMALS, result: "bool", runtime: "compareDecimal" },
  compare_choices: { compares: "equality", between: ["bool", "enum", "text"], result: "bool", runtime: "compareEqual", native: true },
  compare_sets: { compares: "equality", between: ["set"], result: "bool", runtime: "compareSets" },
  /** `min(a, b)`, `max(a, b)`: the kinds that have an order */
  min_numbers: { chooses: "min", between: NUMBERS, result: "operand", runtime: "minOf" },
  max_numbers: { chooses: "max", between: NUMBERS, result: "operand", runtime: "maxOf" },
  min_decimals: { chooses: "min", between: DECIMALS, result: "operand", runtime: "minDecimal" },
  max_decimals: { chooses: "max", between: DECIMALS, result: "operand", runtime: "maxDecimal" },
  /** `element in set`: an enum member in a set of that enum's members, or a text in a set of texts (the set evaluated first) */
  set_membership: { operands: ["set", "enum"], result: "bool", runtime: "isMember", native: true },
} as const satisfies Record<string, Operation>;

export type OperationId = keyof typeof table;

export const operations: Readonly<Record<OperationId, Operation>> = table;

type IdsWith<Property extends string> = { [Id in OperationId]: (typeof table)[Id] extends Record<Property, unknown> ? Id : never }[OperationId];

/** `a + b`, `a - b`, `a * b` for the operands' types */
export type ArithmeticOperationId = IdsWith<"symbol">;
export type RoundingOperationId = IdsWith<"rounds">;
/** the built-in functions the table defines, applied by the IR's `function` node */
export type FunctionOperationId = IdsWith<"function">;
/** `a = b`, `a < b`, …: by the kind of both operands */
export type ComparisonOperationId = IdsWith<"compares">;
/** `min(a, b)`, `max(a, b)`: by the kind of both operands */
export type ChoiceOperationId = IdsWith<"chooses">;
/** conversions that change a value's representation; the IR's other conversions keep the value as it is */
export type ConversionOperationId = "integer_to_decimal" | "money_to_unrounded";

export type ComparisonOperator = "=" | "!=" | "<" | "<=" | ">" | ">=";

export interface ArithmeticOperation extends Operation {
  readonly symbol: "+" | "-" | "*" | "/";
  readonly operands: readonly [Kind, Kind];
  readonly computes: NonNullable<Operation["computes"]>;
}

export function arithmeticOperation(id: ArithmeticOperationId): ArithmeticOperation {
  return table[id];
}

export const arithmeticOperationIds: readonly ArithmeticOperationId[] = (Object.keys(table) as OperationId[]).filter(
  (id): id is ArithmeticOperationId => "symbol" in table[id],
);

export const functionOperationIds: readonly FunctionOperationId[] = (Object.keys(table) as OperationId[]).filter(
  (id): id is FunctionOperationId => "function" in table[id],
);

/** A built-in function of the table: its operands and its result. */
export function functionOperation(id: FunctionOperationId): Operation & { readonly operands: readonly Kind[]; readonly result: Kind; readonly function: string } {
  return table[id];
}

/** The name a built-in function is written with. */
export function functionName(id: FunctionOperationId): string {
  return table[id].function;
}

/** The built-in function of a name, if the table defines one. */
export function findFunction(name: string): FunctionOperationId | undefined {
  return functionOperationIds.find((id) => table[id].function === name);
}

/** The operation `left symbol right` is for the operands' kinds, as written (no commuted order). */
export function findArithmetic(symbol: "+" | "-" | "*" | "/", left: Kind, right: Kind): ArithmeticOperationId | undefined {
  return arithmeticOperationIds.find((id) => {
    const operation = table[id];
    return operation.symbol === symbol && operation.operands[0] === left && operation.operands[1] === right;
  });
}

/** The addition of two values of a kind, for `sum(…)`; with `difference`, their subtraction. */
export function additionOf(kind: Kind, computes: "sum" | "difference" = "sum"): ArithmeticOperationId {
  const id = arithmeticOperationIds.find((candidate) => {
    const operation = table[candidate];
    return operation.computes === computes && operation.operands[0] === kind && operation.operands[1] === kind;
  });
  if (id === undefined) throw new Error(`values of kind ${kind} cannot be ${computes === "sum" ? "added" : "subtracted"}`);
  return id;
}

/**
 * The rounding of an operand: `round(money × percent)` is the fused operation (its
 * operands are the product's), an unrounded amount rounds to the fen, a decimal to a whole number.
 */
export function roundingOf(operand: { readonly op: string; readonly operator?: string; readonly type: ValueType }): RoundingOperationId {
  if (operand.op === "arithmetic" && operand.operator === "money_mul_percent") return "round_money_times_percent";
  return operand.type.kind === "unrounded_money" ? "round_to_fen" : "round_to_integer";
}

/** The function computing an operation: the one generated code calls by the table's name. */
export function operationFunction(id: OperationId): (...operands: RuntimeValue[]) => RuntimeValue {
  return runtime[table[id].runtime] as (...operands: RuntimeValue[]) => RuntimeValue;
}

/** Whether a conversion of the IR changes the value's representation (the others keep the value as it is). */
export function isRepresentationChange(conversion: string): conversion is ConversionOperationId {
  return conversion === "integer_to_decimal" || conversion === "money_to_unrounded";
}

const ids = Object.keys(table) as OperationId[];

/** The comparison of two values of a kind, if they can be compared (with `=` and `!=` only, when `equality`). */
export function comparisonOf(kind: Kind): ComparisonOperationId | undefined {
  return ids.find((id): id is ComparisonOperationId => operations[id].compares !== undefined && sameKindOperands(id).includes(kind));
}

/** `min` or `max` of two values of a kind, if the kind has an order. */
export function choiceOf(chooses: "min" | "max", kind: Kind): ChoiceOperationId | undefined {
  return ids.find((id): id is ChoiceOperationId => operations[id].chooses === chooses && sameKindOperands(id).includes(kind));
}

/** Whether `operator` applies to the values a comparison compares: an equality to all, an order only to ordered kinds. */
export function comparesWith(id: ComparisonOperationId, operator: ComparisonOperator): boolean {
  return operations[id].compares === "order" || operator === "=" || operator === "!=";
}

/** The kinds that have an order: those `<`, `min` and `max` take. */
export const orderedKinds: ReadonlySet<Kind> = new Set(ids.flatMap((id) => (operations[id].compares === "order" ? sameKindOperands(id) : [])));

/** Whether `a operator b` holds for the order of a and b the comparison's runtime function gives. */
export function holds(operator: ComparisonOperator, order: number): boolean {
  switch (operator) {
    case "=":
      return order === 0;
    case "!=":
      return order !== 0;
    case "<":
      return order < 0;
    case "<=":
      return order <= 0;
    case ">":
      return order > 0;
    case ">=":
      return order >= 0;
  }
}

function sameKindOperands(id: OperationId): readonly Kind[] {
  return operations[id].between ?? [];
}
