/**
 * Dates of the policy: date and time literals must be real, a parameter's values must
 * follow each other without overlapping, and a window must not end before it starts.
 * Dates are proleptic Gregorian calendar days without a time zone.
 */
import type { DateLiteral, ParameterValue } from "../ast.js";
import type { SourceSpan } from "../../runtime/types.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";

const monthNames = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` text, or undefined when it is not a calendar date. */
export function parseDate(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** Howard Hinnant's days_from_civil: exact for every proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The inverse of daysFromCivil, as `YYYY-MM-DD`. */
export function formatDate(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Why a `YYYY-MM-DD` text is not a date, in a drafter's words. */
function whyNotADate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return "write a date as year-month-day: `2021-10-20`";
  const year = Number(match[1]);
  const month = Number(match[2]);
  const monthName = monthNames[month - 1];
  if (monthName === undefined) return "months run from 01 to 12";
  return `${monthName} ${year} has ${daysInMonth(year, month)} days`;
}

/** Checks a date literal, reporting T0501; gives its day number. */
export function checkDateLiteral(literal: DateLiteral, reporter: Reporter): number | undefined {
  const days = parseDate(literal.text);
  if (days === undefined) {
    reportError(reporter, "T0501", literal.span, `\`${literal.text}\` is not a calendar date`, { help: whyNotADate(literal.text) });
  }
  return days;
}

/** Checks a `HH:MM` time literal (24-hour clock), reporting T0506. */
export function checkTimeLiteral(text: string, span: SourceSpan, reporter: Reporter): boolean {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  const valid = match !== null && Number(match[1]) <= 23 && Number(match[2]) <= 59;
  if (!valid) {
    reportError(reporter, "T0506", span, `\`${text}\` is not a time of day`, { help: "write a time on the 24-hour clock, from `00:00` to `23:59`" });
  }
  return valid;
}

/** The period a parameter value is in force, both ends inclusive; no `until`: in force forever. */
export interface ValuePeriod {
  readonly from: string;
  readonly until?: string;
}

/**
 * The periods of a parameter's values, in written order. A value without `until` runs until
 * the day before the next value's `from`. Reports bad dates (T0501), a value ending before it
 * starts (T0504), values out of date order (T0502) and overlapping values (T0503).
 */
export function checkValuePeriods(parameter: string, values: readonly ParameterValue[], reporter: Reporter): (ValuePeriod | undefined)[] {
  const bounds = values.map((value) => {
    const from = checkDateLiteral(value.from, reporter);
    const until = value.until === undefined ? undefined : checkDateLiteral(value.until, reporter);
    return { value, from, until };
  });
  for (const { value, from, until } of bounds) {
    if (from !== undefined && until !== undefined && value.until !== undefined && until < from) {
      reportError(reporter, "T0504", value.until.span, `this value ends on ${value.until.text}, before it starts on ${value.from.text}`, {
        labels: [{ span: value.from.span, message: "it starts here" }],
        help: "`until` is the last day the value is in force: it cannot come before `from`",
      });
    }
  }
  for (let index = 1; index < bounds.length; index++) {
    const previous = bounds[index - 1];
    const next = bounds[index];
    if (previous === undefined || next === undefined || previous.from === undefined || next.from === undefined) continue;
    if (next.from <= previous.from) {
      reportError(reporter, "T0502", next.value.from.span, `the values of \`${parameter}\` are not in date order: ${next.value.from.text} comes after ${previous.value.from.text}`, {
        labels: [{ span: previous.value.from.span, message: "the value before starts here" }],
        help: "write the values from the earliest to the latest",
      });
    } else if (previous.until !== undefined && previous.value.until !== undefined && previous.until >= next.from) {
      reportError(reporter, "T0503", next.value.from.span, `two values of \`${parameter}\` are in force on ${next.value.from.text}`, {
        labels: [{ span: previous.value.until.span, message: `the value before is in force until ${previous.value.until.text}` }],
        help: `end the value before on the day before (\`until ${formatDate(next.from - 1)}\`), or start this one later`,
      });
    }
  }
  return bounds.map(({ from, until }, index) => {
    if (from === undefined) return undefined;
    if (until !== undefined) return { from: formatDate(from), until: formatDate(until) };
    const nextFrom = bounds[index + 1]?.from;
    return nextFrom === undefined || nextFrom <= from ? { from: formatDate(from) } : { from: formatDate(from), until: formatDate(nextFrom - 1) };
  });
}
