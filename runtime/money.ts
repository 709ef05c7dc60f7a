/**
 * Money and percentages as plain integers, so that arithmetic in generated code is fast and
 * never a binary fraction: money is a whole number of fen, a percentage a whole number of
 * millionths (60% = 600000). Every result is checked to stay a safe integer; products that
 * would not be exact as numbers are computed with BigInt.
 */
import { type Decimal, divideRounded, normaliseDecimal, powerOfTen } from "./decimal.js";
import { EvaluationError } from "./errors.js";
import { amountTooLargeMessage, notWholeFenMessage, notWholeMillionthsMessage } from "./messages.js";

export type Money = number & { readonly __unit: "money" };
export type Percent = number & { readonly __unit: "percent" };

/**
 * half_up: 四舍五入, a half goes away from zero; down: toward zero; up: away from zero.
 * Rounding is symmetric: -0.005 yuan rounds half-up to -0.01.
 */
export type RoundingMode = "half_up" | "down" | "up";

const FEN_PER_YUAN = 100;
const MILLIONTHS = 1_000_000;
const MILLIONTHS_PER_PERCENT = 10_000;

function tooLarge(): EvaluationError {
  return new EvaluationError("amount_too_large", amountTooLargeMessage());
}

/**
 * Checks a result of arithmetic on safe integers. When the exact result is not a safe
 * integer, the floating-point one is at least 2^53 in magnitude (rounding is monotonic),
 * so this test is exact; adding 0 turns -0 into 0.
 */
function checkedMoney(n: number): Money {
  if (!Number.isSafeInteger(n)) throw tooLarge();
  return (n + 0) as Money;
}

/** A number of fen as money. */
export function fen(n: number): Money {
  if (!Number.isInteger(n)) throw new EvaluationError("invalid_value", notWholeFenMessage(n));
  return checkedMoney(n);
}

const MONEY_TEXT = /^([0-9]+)(?:\.([0-9]{1,2}))?$/;

/**
 * Reads "1820", "1820.5", "1820.50", "0.01". Undefined for a sign, an exponent, blanks,
 * more than two decimals or more than the largest exact amount.
 */
export function parseMoney(text: string): Money | undefined {
  const match = MONEY_TEXT.exec(text);
  if (match === null) return undefined;
  const [, yuan = "", fenDigits = ""] = match;
  const total = Number(yuan) * FEN_PER_YUAN + Number(fenDigits.padEnd(2, "0"));
  return Number.isSafeInteger(total) ? (total as Money) : undefined;
}

/** "1820.50", "-3.00". */
export function formatMoney(m: Money): string {
  const magnitude = Math.abs(m);
  const yuan = Math.floor(magnitude / FEN_PER_YUAN);
  const cents = magnitude % FEN_PER_YUAN;
  return `${m < 0 ? "-" : ""}${yuan}.${cents < 10 ? "0" : ""}${cents}`;
}

export function addMoney(a: Money, b: Money): Money {
  return checkedMoney(a + b);
}

export function subtractMoney(a: Money, b: Money): Money {
  return checkedMoney(a - b);
}

/** Money times a whole number (months, persons). */
export function multiplyMoney(m: Money, n: number): Money {
  return checkedMoney(m * n);
}

/** A number of millionths as a percentage. */
export function percentFromMillionths(n: number): Percent {
  if (!Number.isSafeInteger(n)) throw new EvaluationError("invalid_value", notWholeMillionthsMessage(n));
  return (n + 0) as Percent;
}

const PERCENT_TEXT = /^([0-9]+)(?:\.([0-9]{1,4}))?%?$/;

/** Reads "60", "12.5", "60%" (up to four decimals of a percent). */
export function parsePercent(text: string): Percent | undefined {
  const match = PERCENT_TEXT.exec(text);
  if (match === null) return undefined;
  const [, whole = "", fraction = ""] = match;
  const total = Number(whole) * MILLIONTHS_PER_PERCENT + Number(fraction.padEnd(4, "0"));
  return Number.isSafeInteger(total) ? (total as Percent) : undefined;
}

/** "60%", "12.5%". */
export function formatPercent(p: Percent): string {
  const magnitude = Math.abs(p);
  const whole = Math.floor(magnitude / MILLIONTHS_PER_PERCENT);
  const fraction = magnitude % MILLIONTHS_PER_PERCENT;
  const decimals = fraction === 0 ? "" : "." + String(fraction).padStart(4, "0").replace(/0+$/, "");
  return `${p < 0 ? "-" : ""}${whole}${decimals}%`;
}

/**
 * m × p rounded to the fen: fen × millionths / 10^6. The fused form of
 * round(money × percent), the commonest computation of a policy, kept in plain numbers
 * whenever the product is exact.
 */
export function multiplyMoneyByPercent(m: Money, p: Percent, mode: RoundingMode): Money {
  const product = m * p;
  if (Number.isSafeInteger(product)) return checkedMoney(roundedQuotient(product, MILLIONTHS, mode));
  return moneyFromBigint(divideRounded(BigInt(m) * BigInt(p), BIG_MILLIONTHS, mode));
}

const BIG_MILLIONTHS = BigInt(MILLIONTHS);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function moneyFromBigint(n: bigint): Money {
  if (n > MAX_SAFE || n < -MAX_SAFE) throw tooLarge();
  return Number(n) as Money;
}

/** n / divisor rounded, for a safe integer n: remainder and quotient are exact in numbers. */
function roundedQuotient(n: number, divisor: number, mode: RoundingMode): number {
  const remainder = n % divisor;
  const quotient = (n - remainder) / divisor;
  if (remainder === 0 || mode === "down") return quotient;
  const awayFromZero = n < 0 ? quotient - 1 : quotient + 1;
  if (mode === "up") return awayFromZero;
  return 2 * Math.abs(remainder) >= divisor ? awayFromZero : quotient;
}

/** An unrounded amount in yuan, rounded to the fen. */
export function roundToFen(yuan: Decimal, mode: RoundingMode): Money {
  if (yuan.scale <= 2) {
    return moneyFromBigint(yuan.coefficient * powerOfTen(2 - yuan.scale));
  }
  return moneyFromBigint(divideRounded(yuan.coefficient, powerOfTen(yuan.scale - 2), mode));
}

/** m × p in yuan, not rounded: fen × millionths / 10^8. */
export function multiplyMoneyByPercentExact(m: Money, p: Percent): Decimal {
  return normaliseDecimal(BigInt(m) * BigInt(p), 8);
}

/** m × d in yuan, not rounded. */
export function multiplyMoneyByDecimal(m: Money, d: Decimal): Decimal {
  return normaliseDecimal(BigInt(m) * d.coefficient, d.scale + 2);
}

/** Money in yuan as an exact decimal, for sums with unrounded amounts. */
export function moneyToDecimal(m: Money): Decimal {
  return normaliseDecimal(BigInt(m), 2);
}
