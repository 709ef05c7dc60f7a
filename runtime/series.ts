/**
 * Facts given period by period: a series is an object keyed by calendar month ("2017-01")
 * or calendar year ("2017"). The policy reads it at a date (the period containing it) or
 * adds up, or averages, the periods of a span relative to the evaluation date. A period
 * not given takes the series' declared `missing` value, or is an evaluation error. The
 * interpreter and generated code both read series through these functions.
 */
import { formatDate, toYearMonthDay, type CalendarDate } from "./dates.js";
import { addDecimal, decimalFromInteger, divideRounded, type Decimal } from "./decimal.js";
import { EvaluationError, type EvaluationLocation } from "./errors.js";
import { addIntegers } from "./integers.js";
import { addMoney, type Money, type RoundingMode } from "./money.js";
import type { SeriesPeriod } from "./types.js";

/** A span of periods relative to the evaluation date: `last 12 months`, `this year`, `previous year`. */
export interface RelativePeriods {
  readonly relation: "last" | "this" | "previous";
  /** with `last`: how many months or years; otherwise 1 */
  readonly count: number;
  readonly unit: SeriesPeriod;
}

/** How a series is named in an error: its field, and where the policy reads it. */
export interface SeriesReading {
  readonly name: string;
  readonly location: EvaluationLocation;
}

type Series<T> = { readonly [period: string]: T };

/** The key of the period (month or year) that contains `date`. */
export function periodKey(period: SeriesPeriod, date: CalendarDate): string {
  const text = formatDate(date);
  return period === "month" ? text.slice(0, 7) : text.slice(0, 4);
}

/**
 * The keys of the periods of `span`, relative to `asOf`, in date order. `last N months` are
 * the N months before the month of `asOf`; `this year` and `previous year` are calendar
 * years. A monthly series counts a year as its twelve months.
 */
export function periodKeys(period: SeriesPeriod, asOf: CalendarDate, span: RelativePeriods): string[] {
  const { year, month } = toYearMonthDay(asOf);
  if (period === "year") {
    const first = span.relation === "last" ? year - span.count : span.relation === "this" ? year : year - 1;
    return keysFrom(first * 12, span.relation === "last" ? span.count : 1, "year");
  }
  const thisMonth = year * 12 + month - 1;
  const perUnit = span.unit === "year" ? 12 : 1;
  if (span.relation === "last") return keysFrom(thisMonth - span.count * perUnit, span.count * perUnit, "month");
  const current = span.unit === "year" ? year * 12 : thisMonth;
  return keysFrom(span.relation === "this" ? current : current - perUnit, perUnit, "month");
}

/** `count` keys of months (or years) from the month numbered `first` (year × 12 + month − 1). */
function keysFrom(first: number, count: number, period: SeriesPeriod): string[] {
  return Array.from({ length: count }, (_, i) => {
    const index = period === "year" ? first + 12 * i : first + i;
    const year = String(Math.floor(index / 12)).padStart(4, "0");
    return period === "year" ? year : `${year}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

function valueOf<T>(series: Series<T>, key: string, missing: T | undefined, reading: SeriesReading): T {
  if (Object.hasOwn(series, key)) return series[key] as T;
  if (missing !== undefined) return missing;
  throw new EvaluationError("fact_has_no_value", seriesHasNoValueMessage(reading.name, key), reading.location);
}

export function seriesHasNoValueMessage(name: string, key: string): string {
  return `\`${name}\` has no value for ${key}`;
}

/** The value of the period that contains `at`. */
export function seriesValueAt<T>(series: Series<T>, period: SeriesPeriod, at: CalendarDate, missing: T | undefined, reading: SeriesReading): T {
  return valueOf(series, periodKey(period, at), missing, reading);
}

/** The sum of the periods of `span`: money. */
export function sumMoneySeries(series: Series<Money>, period: SeriesPeriod, asOf: CalendarDate, span: RelativePeriods, missing: Money | undefined, reading: SeriesReading): Money {
  return periodKeys(period, asOf, span).reduce((total, key) => addMoney(total, valueOf(series, key, missing, reading)), 0 as Money);
}

/** The sum of the periods of `span`: whole numbers, months or days. */
export function sumIntegerSeries(series: Series<number>, period: SeriesPeriod, asOf: CalendarDate, span: RelativePeriods, missing: number | undefined, reading: SeriesReading): number {
  return periodKeys(period, asOf, span).reduce((total, key) => addIntegers(total, valueOf(series, key, missing, reading)), 0);
}

/** The sum of the periods of `span`: decimals. */
export function sumDecimalSeries(series: Series<Decimal>, period: SeriesPeriod, asOf: CalendarDate, span: RelativePeriods, missing: Decimal | undefined, reading: SeriesReading): Decimal {
  return periodKeys(period, asOf, span).reduce((total, key) => addDecimal(total, valueOf(series, key, missing, reading)), decimalFromInteger(0));
}

/**
 * The average of the periods of `span`, rounded: the sum divided by the number of periods,
 * in exact arithmetic, then rounded once (to the fen, or to a whole number).
 */
export function averageSeries<T extends number>(series: Series<T>, period: SeriesPeriod, asOf: CalendarDate, span: RelativePeriods, missing: T | undefined, reading: SeriesReading, mode: RoundingMode): T {
  const keys = periodKeys(period, asOf, span);
  const total = sumIntegerSeries(series, period, asOf, span, missing, reading);
  return Number(divideRounded(BigInt(total), BigInt(keys.length), mode)) as T;
}
