/**
 * Dates of the policy: date and time literals must be real, a parameter's values must
 * follow each other without overlapping, and a window must not end before it starts.
 * Dates are read by the runtime's own parser: proleptic Gregorian calendar days of the
 * years 0001 to 9999, without a time zone, so that what `check` accepts every back end can run.
 */
import type { DateLiteral, ParameterValue } from "../ast.js";
import type { SourceSpan } from "../../runtime/types.js";
import { calendarDate, daysInMonth, formatDate, parseDate, parseTime, type CalendarDate, type TimeOfDay } from "../../runtime/dates.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";

const monthNames = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];

/** Why a `YYYY-MM-DD` text is not a date, in a drafter's words. */
function whyNotADate(text: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (match === null) return "write a date as year-month-day: `2021-10-20`";
  const year = Number(match[1]);
  const month = Number(match[2]);
  const monthName = monthNames[month - 1];
  if (year < 1) return "years run from 0001 to 9999";
  if (monthName === undefined) return "months run from 01 to 12";
  return `${monthName} ${year} has ${daysInMonth(year, month)} days`;
}

/** Checks a date literal, reporting T0501; gives its day number. */
export function checkDateLiteral(literal: DateLiteral, reporter: Reporter): CalendarDate | undefined {
  const days = parseDate(literal.text);
  if (days === undefined) {
    reportError(reporter, "T0501", literal.span, `\`${literal.text}\` is not a calendar date`, { help: whyNotADate(literal.text) });
  }
  return days;
}

/** Checks a `HH:MM` time literal (24-hour clock), reporting T0506; gives its minutes since midnight. */
export function checkTimeLiteral(text: string, span: SourceSpan, reporter: Reporter): TimeOfDay | undefined {
  const time = parseTime(text);
  if (time === undefined) {
    reportError(reporter, "T0506", span, `\`${text}\` is not a time of day`, { help: "write a time on the 24-hour clock, from `00:00` to `23:59`" });
  }
  return time;
}

/** The period a parameter value is in force, both ends inclusive; no `until`: in force forever. */
export interface ValuePeriod {
  readonly from: CalendarDate;
  readonly until?: CalendarDate;
}

/** The first day of the calendar (0001-01-01): a value or window written without `from` is in force from it. */
export const EARLIEST_DATE = calendarDate(1, 1, 1);

function fromSpan(value: ParameterValue): ParameterValue["span"] {
  return value.from?.span ?? value.value.span;
}

function fromText(value: ParameterValue): string {
  return value.from?.text ?? "the earliest date";
}

/**
 * The periods of a parameter's values, in written order. A value without `until` runs until
 * the day before the next value's `from`. Reports bad dates (T0501), a value ending before it
 * starts (T0504), values out of date order (T0502) and overlapping values (T0503).
 */
export function checkValuePeriods(parameter: string, values: readonly ParameterValue[], reporter: Reporter): (ValuePeriod | undefined)[] {
  values.forEach((value, index) => {
    if (index > 0 && value.from === undefined) {
      reportError(reporter, "T0806", value.value.span, `only the first value of \`${parameter}\` can be in force from the earliest date`, {
        help: "a later value starts on a date: write `from` and the date it takes effect",
      });
    }
  });
  const bounds = values.map((value) => {
    const from = value.from === undefined ? EARLIEST_DATE : checkDateLiteral(value.from, reporter);
    const until = value.until === undefined ? undefined : checkDateLiteral(value.until, reporter);
    return { value, from, until };
  });
  for (const { value, from, until } of bounds) {
    if (from !== undefined && until !== undefined && value.until !== undefined && until < from) {
      reportError(reporter, "T0504", value.until.span, `this value ends on ${value.until.text}, before it starts on ${fromText(value)}`, {
        labels: [{ span: fromSpan(value), message: "it starts here" }],
        help: "`until` is the last day the value is in force: it cannot come before `from`",
      });
    }
  }
  for (let index = 1; index < bounds.length; index++) {
    const previous = bounds[index - 1];
    const next = bounds[index];
    if (previous === undefined || next === undefined || previous.from === undefined || next.from === undefined) continue;
    if (next.from <= previous.from) {
      reportError(reporter, "T0502", fromSpan(next.value), `the values of \`${parameter}\` are not in date order: ${fromText(next.value)} comes after ${fromText(previous.value)}`, {
        labels: [{ span: fromSpan(previous.value), message: "the value before starts here" }],
        help: "write the values from the earliest to the latest",
      });
    } else if (previous.until !== undefined && previous.value.until !== undefined && previous.until >= next.from) {
      reportError(reporter, "T0503", fromSpan(next.value), `two values of \`${parameter}\` are in force on ${fromText(next.value)}`, {
        labels: [{ span: previous.value.until.span, message: `the value before is in force until ${previous.value.until.text}` }],
        help: `end the value before on the day before (\`until ${formatDate((next.from - 1) as CalendarDate)}\`), or start this one later`,
      });
    }
  }
  return bounds.map(({ from, until }, index) => {
    if (from === undefined) return undefined;
    if (until !== undefined) return { from, until };
    const nextFrom = bounds[index + 1]?.from;
    return nextFrom === undefined || nextFrom <= from ? { from } : { from, until: (nextFrom - 1) as CalendarDate };
  });
}
