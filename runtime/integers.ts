/**
 * Whole numbers of a policy (counts, months, days) as plain numbers. Every result is
 * checked to be a safe integer: when the exact result is not, the floating-point one is at
 * least 2^53 in magnitude (rounding is monotonic), so the test is exact.
 */
import { EvaluationError } from "./errors.js";
import { integerTooLargeMessage } from "./messages.js";

/** A whole number computed by a policy, checked to be exact; adding 0 turns -0 into 0. */
export function exactInteger(n: number): number {
  if (!Number.isSafeInteger(n)) throw new EvaluationError("amount_too_large", integerTooLargeMessage);
  return n + 0;
}

export function addIntegers(a: number, b: number): number {
  return exactInteger(a + b);
}

export function subtractIntegers(a: number, b: number): number {
  return exactInteger(a - b);
}

export function multiplyIntegers(a: number, b: number): number {
  return exactInteger(a * b);
}
