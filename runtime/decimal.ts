/**
 * Exact decimal numbers: `coefficient / 10^scale`, kept normalised so that one value has
 * one representation (no trailing zeros in the coefficient when scale > 0, scale ≥ 0).
 * Used for `decimal` facts (kept exactly as written in the scenario) and for unrounded
 * amounts of money, in yuan, before a rule rounds them to the fen.
 */
import { EvaluationError } from "./errors.js";
import { integerTooLargeMessage, notANumberMessage, notExactIntegerMessage } from "./messages.js";
import type { Percent, RoundingMode } from "./money.js";

export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

/**
 * How many digits a decimal read from text may have before and after the point. Far beyond
 * any figure of a policy, and small enough that arithmetic on it stays instant.
 */
export const MAX_DECIMAL_DIGITS = 1000;

const ZERO: Decimal = { coefficient: 0n, scale: 0 };

const powersOfTen: bigint[] = [1n];

/** 10^n as a bigint, cached: scales are small and the same few powers recur in hot loops. */
export function powerOfTen(n: number): bigint {
  if (n < 64) {
    for (let i = powersOfTen.length; i <= n; i++) powersOfTen.push(powersOfTen[i - 1]! * 10n);
    return powersOfTen[n]!;
  }
  return 10n ** BigInt(n);
}

/** coefficient / 10^scale in normal form. */
export function normaliseDecimal(coefficient: bigint, scale: number): Decimal {
  if (coefficient === 0n) return ZERO;
  if (scale < 0) return { coefficient: coefficient * powerOfTen(-scale), scale: 0 };
  while (scale > 0 && coefficient % 10n === 0n) {
    coefficient /= 10n;
    scale--;
  }
  return { coefficient, scale };
}

export function decimalFromInteger(n: number): Decimal {
  if (!Number.isSafeInteger(n)) {
    throw new EvaluationError("invalid_value", notExactIntegerMessage(n));
  }
  return n === 0 ? ZERO : { coefficient: BigInt(n), scale: 0 };
}

/** The ratio a percentage stands for: 60% → 0.6. Percentages are millionths of one. */
export function decimalFromPercent(millionths: number): Decimal {
  return normaliseDecimal(BigInt(millionths), 6);
}

const JSON_NUMBER = /^(-?)(0|[1-9][0-9]*)(?:\.([0-9]+))?(?:[eE]([+-]?[0-9]+))?$/;

/**
 * Reads JSON number text ("-12.50", "1e-3") exactly. Undefined for anything else,
 * or for a number with more than MAX_DECIMAL_DIGITS digits before or after the point.
 */
export function parseDecimal(text: string): Decimal | undefined {
  const match = JSON_NUMBER.exec(text);
  if (match === null) return undefined;
  const [, sign, whole = "", fraction = "", exponentText = "0"] = match;
  const allDigits = (whole + fraction).replace(/^0+/, "");
  if (allDigits === "") return ZERO;
  // Normalise on the text: stripping zeros from a huge bigint one by one would be slow.
  const digits = withoutTrailingZeros(allDigits);
  // An exponent this long is only allowed on zero, handled above.
  if (exponentText.replace(/^[+-]?0*/, "").length > 6) return undefined;
  const scale = fraction.length - Number(exponentText) - (allDigits.length - digits.length);
  if (scale > MAX_DECIMAL_DIGITS || digits.length - scale > MAX_DECIMAL_DIGITS) return undefined;
  const magnitude = BigInt(digits);
  const coefficient = sign === "-" ? -magnitude : magnitude;
  return normaliseDecimal(coefficient, scale);
}

function withoutTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 0 && digits.charCodeAt(end - 1) === 48 /* "0" */) end--;
  return digits.slice(0, end);
}

/** Like parseDecimal, for text the compiler has already checked (literals). */
export function decimal(text: string): Decimal {
  const value = parseDecimal(text);
  if (value === undefined) throw new EvaluationError("invalid_value", notANumberMessage(text));
  return value;
}

/** Plain notation, never an exponent: "-12.5", "0", "0.001". */
export function formatDecimal(d: Decimal): string {
  const negative = d.coefficient < 0n;
  const digits = (negative ? -d.coefficient : d.coefficient).toString();
  const sign = negative ? "-" : "";
  if (d.scale === 0) return sign + digits;
  const padded = digits.padStart(d.scale + 1, "0");
  const point = padded.length - d.scale;
  return `${sign}${padded.slice(0, point)}.${padded.slice(point)}`;
}

/** The two coefficients brought to the larger of the two scales. */
function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  if (a.scale === b.scale) return [a.coefficient, b.coefficient, a.scale];
  if (a.scale > b.scale) return [a.coefficient, b.coefficient * powerOfTen(a.scale - b.scale), a.scale];
  return [a.coefficient * powerOfTen(b.scale - a.scale), b.coefficient, b.scale];
}

export function addDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return normaliseDecimal(x + y, scale);
}

export function subtractDecimal(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return normaliseDecimal(x - y, scale);
}

export function multiplyDecimal(a: Decimal, b: Decimal): Decimal {
  return normaliseDecimal(a.coefficient * b.coefficient, a.scale + b.scale);
}

/** n × p, exactly: a whole number times a percentage is a decimal number. */
export function multiplyIntegerByPercent(n: number, p: Percent): Decimal {
  return multiplyDecimal(decimalFromInteger(n), decimalFromPercent(p));
}

export function multiplyDecimalByPercent(d: Decimal, p: Percent): Decimal {
  return multiplyDecimal(d, decimalFromPercent(p));
}

export function negateDecimal(d: Decimal): Decimal {
  return d.coefficient === 0n ? ZERO : { coefficient: -d.coefficient, scale: d.scale };
}

export function compareDecimal(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * n / divisor rounded to a whole number (divisor > 0). half_up rounds a half away from
 * zero (四舍五入), down toward zero, up away from zero: a rounding never depends on the sign.
 */
export function divideRounded(n: bigint, divisor: bigint, mode: RoundingMode): bigint {
  const quotient = n / divisor; // truncates toward zero
  const remainder = n % divisor; // has the sign of n
  if (remainder === 0n || mode === "down") return quotient;
  const awayFromZero = n < 0n ? quotient - 1n : quotient + 1n;
  if (mode === "up") return awayFromZero;
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  return twiceRemainder >= divisor ? awayFromZero : quotient;
}

/** d × 10^places when that is a whole number (a safe integer); undefined otherwise. */
export function scaledInteger(d: Decimal, places: number): number | undefined {
  if (d.scale > places) return undefined;
  const scaled = d.coefficient * powerOfTen(places - d.scale);
  return toSafeInteger(scaled);
}

function toSafeInteger(n: bigint): number | undefined {
  return n >= -MAX_SAFE && n <= MAX_SAFE ? Number(n) : undefined;
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function checkedInteger(n: bigint): number {
  const result = toSafeInteger(n);
  if (result === undefined) {
    throw new EvaluationError("amount_too_large", integerTooLargeMessage);
  }
  return result;
}

/** To a whole number with the given rounding. */
export function roundDecimal(d: Decimal, mode: RoundingMode): number {
  if (d.scale === 0) return checkedInteger(d.coefficient);
  return checkedInteger(divideRounded(d.coefficient, powerOfTen(d.scale), mode));
}

/** The greatest whole number not above d. */
export function floorDecimal(d: Decimal): number {
  return roundDecimal(d, d.coefficient < 0n ? "up" : "down");
}

/** The least whole number not below d. */
export function ceilDecimal(d: Decimal): number {
  return roundDecimal(d, d.coefficient < 0n ? "down" : "up");
}
