/**
 * Division, exact where the quotient has at most QUOTIENT_DIGITS decimals. Where it has more
 * (1 / 3), it keeps QUOTIENT_DIGITS digits, truncated, and one more digit 1 that stands for
 * the rest: then every rounding the language has — half up, toward zero, away from zero, to
 * the fen or to a whole number — gives what it gives on the exact quotient, since no
 * rounding keeps that many digits. A quotient is an unrounded value: a policy rounds it.
 */
import { normaliseDecimal, powerOfTen, decimalFromInteger, type Decimal } from "./decimal.js";
import { EvaluationError } from "./errors.js";
import { divisionByZeroMessage } from "./messages.js";
import { moneyToDecimal, type Money } from "./money.js";

const QUOTIENT_DIGITS = 30;

export function divideDecimal(dividend: Decimal, divisor: Decimal): Decimal {
  if (divisor.coefficient === 0n) throw new EvaluationError("invalid_value", divisionByZeroMessage);
  // dividend / divisor = (cd × 10^sd') / (cs × 10^ss'), brought to QUOTIENT_DIGITS decimals
  const numerator = dividend.coefficient * powerOfTen(divisor.scale + QUOTIENT_DIGITS);
  const denominator = divisor.coefficient * powerOfTen(dividend.scale);
  const quotient = numerator / denominator; // truncated toward zero
  if (numerator % denominator === 0n) return normaliseDecimal(quotient, QUOTIENT_DIGITS);
  const negative = numerator < 0n !== denominator < 0n;
  return normaliseDecimal(quotient * 10n + (negative ? -1n : 1n), QUOTIENT_DIGITS + 1);
}

/** An amount divided by a whole number, in yuan, unrounded: 100 yuan / 3 is 33.333… yuan. */
export function divideMoneyByInteger(amount: Money, divisor: number): Decimal {
  return divideDecimal(moneyToDecimal(amount), decimalFromInteger(divisor));
}

export function divideMoneyByDecimal(amount: Money, divisor: Decimal): Decimal {
  return divideDecimal(moneyToDecimal(amount), divisor);
}

/** The ratio of two amounts, a decimal number. */
export function divideMoneyByMoney(amount: Money, divisor: Money): Decimal {
  return divideDecimal(moneyToDecimal(amount), moneyToDecimal(divisor));
}
