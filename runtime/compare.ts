/**
 * Comparisons and choices of the language: each gives the order of two values of one type as
 * -1, 0 or 1 (for values that only have equality: 0 when equal, 1 when not), so that
 * `a op b` is `compare(a, b) op 0` whatever the type. Generated code writes a comparison of
 * numbers (amounts in fen, percentages in millionths, dates as day numbers, months, days)
 * or of strings and booleans with the operator itself, which gives the same answer.
 */
import { compareDecimal, type Decimal } from "./decimal.js";

/** The order of two numbers of one unit: amounts in fen, dates as day numbers, months, days… */
export function compareNumbers(a: number, b: number): -1 | 0 | 1 {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether two values that have no order (truth values, members of an enum, texts) are the same: 0 when they are. */
export function compareEqual<T extends string | boolean>(a: T, b: T): 0 | 1 {
  return a === b ? 0 : 1;
}

/** Whether two sets of enum members (sorted, without repeats) are equal: 0 when they are. */
export function compareSets(a: readonly string[], b: readonly string[]): 0 | 1 {
  return a.length === b.length && a.every((member, index) => member === b[index]) ? 0 : 1;
}

/** The smaller of two decimal numbers or unrounded amounts; the first when they are equal. */
export function minDecimal(a: Decimal, b: Decimal): Decimal {
  return compareDecimal(a, b) <= 0 ? a : b;
}

/** The larger of two decimal numbers or unrounded amounts; the first when they are equal. */
export function maxDecimal(a: Decimal, b: Decimal): Decimal {
  return compareDecimal(a, b) >= 0 ? a : b;
}

/** `element in set`: whether a set of enum members holds one. */
export function isMember(set: readonly string[], element: string): boolean {
  return set.includes(element);
}
