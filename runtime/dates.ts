/**
 * Calendar dates and times of day as plain numbers, computed with integer arithmetic on the
 * proleptic Gregorian calendar. JavaScript's Date is never used: its local-time methods
 * depend on the machine's time zone, and a legal date has none.
 */
import { EvaluationError } from "./errors.js";
import { dateOutOfRangeMessage, noSuchDateMessage, noSuchTimeMessage, termLengthMessage } from "./messages.js";

/** Days since 1970-01-01. */
export type CalendarDate = number & { readonly __unit: "date" };
/** Minutes since midnight. */
export type TimeOfDay = number & { readonly __unit: "time" };

export interface YearMonthDay {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const FIRST_YEAR = 1;
const LAST_YEAR = 9999;
const DAYS_PER_400_YEARS = 146_097;
/** Days from 0000-03-01 (the start of the shifted calendar below) to 1970-01-01. */
const EPOCH_SHIFT = 719_468;

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Day number of a valid date. The year is taken to start on 1 March, so that the leap
 * day comes last and month lengths follow a fixed pattern (H. Hinnant, "chrono-compatible
 * low-level date algorithms").
 */
function dayNumber(year: number, month: number, day: number): number {
  const shiftedYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(shiftedYear / 400);
  const yearOfEra = shiftedYear - era * 400;
  const shiftedMonth = month > 2 ? month - 3 : month + 9;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * DAYS_PER_400_YEARS + dayOfEra - EPOCH_SHIFT;
}

const FIRST_DAY = dayNumber(FIRST_YEAR, 1, 1);
const LAST_DAY = dayNumber(LAST_YEAR, 12, 31);

function outOfRange(): EvaluationError {
  return new EvaluationError("invalid_value", dateOutOfRangeMessage);
}

function checkedDate(days: number): CalendarDate {
  if (!(days >= FIRST_DAY && days <= LAST_DAY)) throw outOfRange();
  return days as CalendarDate;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && year >= FIRST_YEAR && year <= LAST_YEAR &&
    Number.isInteger(month) && month >= 1 && month <= 12 &&
    Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month)
  );
}

export function calendarDate(year: number, month: number, day: number): CalendarDate {
  if (!isRealDate(year, month, day)) {
    throw new EvaluationError("invalid_value", noSuchDateMessage(year, month, day));
  }
  return dayNumber(year, month, day) as CalendarDate;
}

export function toYearMonthDay(date: CalendarDate): YearMonthDay {
  const shifted = date + EPOCH_SHIFT;
  const era = Math.floor(shifted / DAYS_PER_400_YEARS);
  const dayOfEra = shifted - era * DAYS_PER_400_YEARS;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

const DATE_TEXT = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Strict "YYYY-MM-DD" naming a real date of the years 0001 to 9999; undefined otherwise. */
export function parseDate(text: string): CalendarDate | undefined {
  const match = DATE_TEXT.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return isRealDate(year, month, day) ? (dayNumber(year, month, day) as CalendarDate) : undefined;
}

/** True when text has the shape "YYYY-MM-DD", whether or not the date exists. */
export function looksLikeDate(text: string): boolean {
  return DATE_TEXT.test(text);
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function formatDate(date: CalendarDate): string {
  const { year, month, day } = toYearMonthDay(date);
  return `${String(year).padStart(4, "0")}-${twoDigits(month)}-${twoDigits(day)}`;
}

/**
 * The month rule of the language: the same day of the month n months later (or earlier,
 * for negative n), clamped to the last day of a shorter month: 2021-08-31 + 6 = 2022-02-28.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const { year, month, day } = toYearMonthDay(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (!(targetYear >= FIRST_YEAR && targetYear <= LAST_YEAR)) throw outOfRange();
  return dayNumber(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))) as CalendarDate;
}

export function addDays(date: CalendarDate, days: number): CalendarDate {
  return checkedDate(date + days);
}

export function subtractMonths(date: CalendarDate, months: number): CalendarDate {
  return addMonths(date, -months);
}

export function subtractDays(date: CalendarDate, days: number): CalendarDate {
  return addDays(date, -days);
}

/** later − earlier, in days: `date - date` of a policy. */
export function subtractDates(later: CalendarDate, earlier: CalendarDate): number {
  return later - earlier;
}

/** to − from, in days. */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return to - from;
}

/**
 * The last day of a term of `months` months whose first day is `start` (Civil Code
 * arts. 201–202): the day before the day of month `months` after the start that corresponds
 * to the start's day, or that month's last day when it has no such day. So from 2021-10-31,
 * 6 months end on 2022-04-30 (April has no 31st), and from 2021-10-20 on 2022-04-19. This is
 * not `addMonths(start, months) − 1 day`, which clamps first and loses a day: 2022-04-29.
 */
export function lastDayOfTerm(start: CalendarDate, months: number): CalendarDate {
  if (!(Number.isSafeInteger(months) && months >= 0)) {
    throw new EvaluationError("invalid_value", termLengthMessage(months));
  }
  const { year, month, day } = toYearMonthDay(start);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  if (!(targetYear >= FIRST_YEAR && targetYear <= LAST_YEAR)) throw outOfRange();
  const targetMonthLength = daysInMonth(targetYear, targetMonth);
  if (day > targetMonthLength) return dayNumber(targetYear, targetMonth, targetMonthLength) as CalendarDate;
  return checkedDate(dayNumber(targetYear, targetMonth, day) - 1);
}

export function timeOfDay(hours: number, minutes: number): TimeOfDay {
  if (!(Number.isInteger(hours) && hours >= 0 && hours <= 23 && Number.isInteger(minutes) && minutes >= 0 && minutes <= 59)) {
    throw new EvaluationError("invalid_value", noSuchTimeMessage(hours, minutes));
  }
  return (hours * 60 + minutes) as TimeOfDay;
}

const TIME_TEXT = /^([01][0-9]|2[0-3]):([0-5][0-9])$/;

/** Strict "HH:MM" from 00:00 to 23:59; undefined otherwise. */
export function parseTime(text: string): TimeOfDay | undefined {
  const match = TIME_TEXT.exec(text);
  if (match === null) return undefined;
  return (Number(match[1]) * 60 + Number(match[2])) as TimeOfDay;
}

export function formatTime(time: TimeOfDay): string {
  return `${twoDigits(Math.floor(time / 60))}:${twoDigits(time % 60)}`;
}

/** The smaller of two values of one unit (money, dates, months...), keeping the unit. */
export function minOf<T extends number>(a: T, b: T): T {
  return a <= b ? a : b;
}

export function maxOf<T extends number>(a: T, b: T): T {
  return a >= b ? a : b;
}
