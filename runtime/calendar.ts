/**
 * The calendar functions of the language: completed years and months between two dates (an
 * age, a length of service), the year and month of a date, the first and last day of its
 * month or year. Integer arithmetic on day numbers, as in dates.ts: no time zone.
 */
import { calendarDate, daysInMonth, lastDayOfTerm, toYearMonthDay, type CalendarDate } from "./dates.js";
import { EvaluationError } from "./errors.js";
import { datesInWrongOrderMessage } from "./messages.js";

/**
 * The whole months from `from` to `to`, counted as the language counts a term (Civil Code
 * arts. 201–202, `lastDayOfTerm`): n months are completed on the day after the last day of a
 * term of n months that starts on `from`. So the day before the monthly anniversary n is not
 * yet completed, the anniversary itself is, and where month n has no day like `from`'s the
 * term ends on that month's last day and n is completed on the first day of the next month:
 * born on 2024-02-29, a person completes 1 year on 2025-03-01 and is still 0 on 2025-02-28.
 */
export function completedMonths(from: CalendarDate, to: CalendarDate): number {
  if (to < from) throw new EvaluationError("invalid_value", datesInWrongOrderMessage);
  const start = toYearMonthDay(from);
  const end = toYearMonthDay(to);
  const monthsApart = (end.year - start.year) * 12 + (end.month - start.month);
  // the anniversary of month n lies in month n after `from` or on the first day of the next:
  // either n months are completed on `to`, or n - 1
  if (monthsApart === 0) return 0;
  return lastDayOfTerm(from, monthsApart) < to ? monthsApart : monthsApart - 1;
}

/** The whole years from `from` to `to`: an age on a date, from the date of birth. */
export function completedYears(from: CalendarDate, to: CalendarDate): number {
  return Math.floor(completedMonths(from, to) / 12);
}

export function yearOf(date: CalendarDate): number {
  return toYearMonthDay(date).year;
}

/** 1 for January, 12 for December. */
export function monthOf(date: CalendarDate): number {
  return toYearMonthDay(date).month;
}

export function firstDayOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = toYearMonthDay(date);
  return calendarDate(year, month, 1);
}

export function lastDayOfMonth(date: CalendarDate): CalendarDate {
  const { year, month } = toYearMonthDay(date);
  return calendarDate(year, month, daysInMonth(year, month));
}

export function firstDayOfYear(date: CalendarDate): CalendarDate {
  return calendarDate(toYearMonthDay(date).year, 1, 1);
}

export function lastDayOfYear(date: CalendarDate): CalendarDate {
  return calendarDate(toYearMonthDay(date).year, 12, 31);
}
