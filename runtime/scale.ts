/**
 * Scales: brackets of thresholds and rates, each figure with its dates. On a date, the
 * brackets in force are those whose threshold is in force; the checker guarantees that
 * their thresholds rise in written order. The interpreter and generated code both apply a
 * scale through `applyScale`, so both compute, and fail, alike.
 */
import { formatDate, type CalendarDate } from "./dates.js";
import { addDecimal, type Decimal } from "./decimal.js";
import { EvaluationError, type EvaluationLocation } from "./errors.js";
import { moneyToDecimal, multiplyMoneyByPercentExact, subtractMoney, type Money, type Percent } from "./money.js";

/** A figure in force from `from` to `until` (inclusive; null: no end), as day numbers. */
export interface DatedFigure<T extends number> {
  readonly from: CalendarDate;
  readonly until: CalendarDate | null;
  readonly value: T;
}

export interface ScaleBracketData {
  readonly name: string;
  readonly thresholds: readonly DatedFigure<Money>[];
  readonly rates: readonly DatedFigure<Percent>[];
}

export interface ScaleData {
  readonly name: string;
  /** in written order: their thresholds rise on every date */
  readonly brackets: readonly ScaleBracketData[];
  readonly location: EvaluationLocation;
}

/** `marginal`: each rate on the part of the base within its bracket; `single_rate`: the rate of the base's bracket on the whole base. */
export type ScaleMode = "marginal" | "single_rate";

/** The scale applied to `base` on `asOf`, in yuan, unrounded. */
export function applyScale(scale: ScaleData, base: Money, asOf: CalendarDate, mode: ScaleMode): Decimal {
  const brackets = bracketsOn(scale, asOf);
  let total = moneyToDecimal(0 as Money);
  for (const [i, bracket] of brackets.entries()) {
    if (base < bracket.threshold) break;
    const next = brackets[i + 1];
    if (mode === "single_rate") {
      if (next === undefined || base < next.threshold) return multiplyMoneyByPercentExact(base, bracket.rate);
      continue;
    }
    const top = next === undefined || base < next.threshold ? base : next.threshold;
    total = addDecimal(total, multiplyMoneyByPercentExact(subtractMoney(top, bracket.threshold), bracket.rate));
  }
  return total;
}

/** The message of a scale with nothing in force on a date; the date follows. */
export function scaleHasNoValueMessage(scale: { readonly name: string }, bracket?: string): string {
  return bracket === undefined
    ? `scale \`${scale.name}\` has no bracket in force on `
    : `bracket \`${bracket}\` of scale \`${scale.name}\` has no rate on `;
}

function bracketsOn(scale: ScaleData, asOf: CalendarDate): { readonly threshold: Money; readonly rate: Percent }[] {
  const inForce: { readonly threshold: Money; readonly rate: Percent }[] = [];
  for (const bracket of scale.brackets) {
    const threshold = figureOn(bracket.thresholds, asOf);
    if (threshold === undefined) continue;
    const rate = figureOn(bracket.rates, asOf);
    if (rate === undefined) throw noValue(scale, asOf, bracket.name);
    inForce.push({ threshold, rate });
  }
  if (inForce.length === 0) throw noValue(scale, asOf);
  return inForce;
}

function figureOn<T extends number>(figures: readonly DatedFigure<T>[], asOf: CalendarDate): T | undefined {
  return figures.find((f) => f.from <= asOf && (f.until === null || asOf <= f.until))?.value;
}

function noValue(scale: ScaleData, asOf: CalendarDate, bracket?: string): EvaluationError {
  return new EvaluationError("parameter_has_no_value", scaleHasNoValueMessage(scale, bracket) + formatDate(asOf), scale.location);
}
