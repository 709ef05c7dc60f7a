/**
 * The one place the diff reads IR literals and gives the IR's operators their meaning, from
 * the operations table (compiler/operations.ts).
 * Everything else in compiler/diff/ asks this module: what a literal is worth (day numbers,
 * fen, millionths, as the checker decoded it: compiler/literals.ts), how it is written,
 * what an arithmetic operation computes. When the IR
 * changes how it carries literals or operations, this module is what changes.
 */
import type { ExprIR, LiteralValue, ValueType } from "../ir.js";
import { arithmeticOperation, type ArithmeticOperationId } from "../operations.js";

/**
 * A literal as a whole number, for the types whose values are whole numbers: integers,
 * months and days as themselves, money in fen, percentages in millionths, dates as days
 * since 1970-01-01, times as minutes since midnight. Undefined for other types.
 */
export function literalNumber(value: LiteralValue, type: ValueType): number | undefined {
  return isWholeNumberType(type) && typeof value === "number" ? value : undefined;
}

export function isWholeNumberType(type: ValueType): boolean {
  switch (type.kind) {
    case "integer":
    case "months":
    case "days":
    case "money":
    case "percent":
    case "date":
    case "time":
      return true;
    default:
      return false;
  }
}

/** A whole number of one of those types as a literal of the IR. */
export function literalOfNumber(number: number, type: ValueType): ExprIR {
  return { op: "literal", value: number, type, span: syntheticSpan };
}

export { literalText } from "../literals.js";

/**
 * What an arithmetic operation computes, on whole numbers as `literalNumber` gives them
 * (unrounded amounts in millionths of a fen: money × percent is fen × millionths).
 */
export type ArithmeticMeaning =
  | { readonly symbol: "+" | "-"; readonly kind: "add" | "subtract" }
  | { readonly symbol: "*"; readonly kind: "multiply" }
  /** fen × millionths: an exact amount in millionths of a fen, before rounding */
  | { readonly symbol: "*"; readonly kind: "money_times_percent" }
  /** operations on decimals, or on money and decimals, or month arithmetic on dates */
  | { readonly symbol: "+" | "-" | "*" | "/"; readonly kind: "outside_whole_numbers" };

export function arithmeticMeaning(operation: ArithmeticOperationId): ArithmeticMeaning {
  const { symbol, operands, computes } = arithmeticOperation(operation);
  if (operation === "money_mul_percent") return { symbol: "*", kind: "money_times_percent" };
  const wholeNumbers = operands.every((kind) => kind !== "decimal" && kind !== "percent");
  if (!wholeNumbers || symbol === "/" || computes === "months_later" || computes === "months_earlier") return { symbol, kind: "outside_whole_numbers" };
  if (symbol === "*") return { symbol, kind: "multiply" };
  return { symbol, kind: symbol === "+" ? "add" : "subtract" };
}

/** Millionths in one: a percentage's scale. */
export const percentScale = 1_000_000;

/** The span of nodes the diff makes itself (conditions of "for whom"). */
export const syntheticSpan = { file: "", line: 0, column: 0, endLine: 0, endColumn: 0, start: 0, end: 0 } as const;
