import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  completedMonths,
  completedYears,
  firstDayOfMonth,
  firstDayOfYear,
  lastDayOfMonth,
  lastDayOfYear,
  monthOf,
  yearOf,
} from "../../runtime/calendar.js";
import { addDays, formatDate, lastDayOfTerm, parseDate, type CalendarDate } from "../../runtime/dates.js";
import { EvaluationError } from "../../runtime/errors.js";

function date(text: string): CalendarDate {
  const parsed = parseDate(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

const firstDay = date("0001-01-01");
const lastDay = date("9999-12-31");
const anyDate = fc.integer({ min: firstDay, max: lastDay }).map((n) => n as CalendarDate);

describe("completed years and months", () => {
  it.each([
    // the day before the anniversary is not yet a completed year, the anniversary is
    ["2000-06-15", "2018-06-14", 17],
    ["2000-06-15", "2018-06-15", 18],
    // born on 29 February: in a common year the anniversary is 1 March (Civil Code art. 202:
    // the term ends on the last day of February, the year is completed the day after)
    ["2024-02-29", "2025-02-28", 0],
    ["2024-02-29", "2025-03-01", 1],
    ["2024-02-29", "2028-02-28", 3],
    ["2024-02-29", "2028-02-29", 4],
    ["2000-02-29", "2018-02-28", 17],
    ["2000-02-29", "2018-03-01", 18],
    ["2021-12-31", "2022-01-01", 0],
    ["2021-10-20", "2021-10-20", 0],
  ])("from %s to %s: %i years", (from, to, years) => {
    expect(completedYears(date(from), date(to))).toBe(years);
  });

  it.each([
    ["2024-01-31", "2024-02-29", 0],
    ["2024-01-31", "2024-03-01", 1],
    ["2021-10-20", "2022-04-19", 5],
    ["2021-10-20", "2022-04-20", 6],
    ["2021-10-31", "2022-04-30", 5],
    ["2021-10-31", "2022-05-01", 6],
    ["2022-01-28", "2022-02-28", 1],
  ])("from %s to %s: %i months", (from, to, months) => {
    expect(completedMonths(date(from), date(to))).toBe(months);
  });

  it("counts n months on the day after the last day of a term of n months, as last_day_of_term ends it", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 1200 }), (from, months) => {
        let end: CalendarDate;
        try {
          end = lastDayOfTerm(from, months);
        } catch {
          return; // the term ends after 9999
        }
        expect(completedMonths(from, end)).toBe(months - 1);
        if (end < lastDay) expect(completedMonths(from, addDays(end, 1))).toBe(months);
      }),
    );
  });

  it("never decreases as the later date moves on, and grows by at most one a day", () => {
    fc.assert(
      fc.property(fc.integer({ min: firstDay, max: lastDay - 1 }), fc.integer({ min: 0, max: 40_000 }), (start, days) => {
        const from = start as CalendarDate;
        const to = Math.min(from + days, lastDay - 1) as CalendarDate;
        const today = completedMonths(from, to);
        const tomorrow = completedMonths(from, addDays(to, 1));
        expect(tomorrow - today === 0 || tomorrow - today === 1).toBe(true);
        expect(completedYears(from, to)).toBe(Math.floor(today / 12));
      }),
    );
  });

  it("refuses a later date before the earlier one", () => {
    expect(() => completedYears(date("2024-01-02"), date("2024-01-01"))).toThrow(EvaluationError);
    expect(() => completedMonths(date("2024-01-02"), date("2024-01-01"))).toThrow(/earlier date to the later one/);
  });
});

describe("the year, month and first and last days of a date", () => {
  it.each([
    ["2024-02-10", 2024, 2, "2024-02-01", "2024-02-29", "2024-01-01", "2024-12-31"],
    ["2023-02-28", 2023, 2, "2023-02-01", "2023-02-28", "2023-01-01", "2023-12-31"],
    ["0001-01-01", 1, 1, "0001-01-01", "0001-01-31", "0001-01-01", "0001-12-31"],
    ["9999-12-31", 9999, 12, "9999-12-01", "9999-12-31", "9999-01-01", "9999-12-31"],
  ])("%s", (text, year, month, firstOfMonth, lastOfMonth, firstOfYear, lastOfYear) => {
    const d = date(text);
    expect(yearOf(d)).toBe(year);
    expect(monthOf(d)).toBe(month);
    expect(formatDate(firstDayOfMonth(d))).toBe(firstOfMonth);
    expect(formatDate(lastDayOfMonth(d))).toBe(lastOfMonth);
    expect(formatDate(firstDayOfYear(d))).toBe(firstOfYear);
    expect(formatDate(lastDayOfYear(d))).toBe(lastOfYear);
  });

  it("agree with the text of the date on any date", () => {
    fc.assert(
      fc.property(anyDate, (d) => {
        const [year, month] = formatDate(d).split("-").map(Number);
        expect(yearOf(d)).toBe(year);
        expect(monthOf(d)).toBe(month);
        expect(firstDayOfMonth(d) <= d && d <= lastDayOfMonth(d)).toBe(true);
        expect(formatDate(addDays(lastDayOfMonth(d), 1 - (lastDayOfMonth(d) - firstDayOfMonth(d) + 1))).slice(0, 7)).toBe(formatDate(d).slice(0, 7));
        expect(firstDayOfYear(d) <= firstDayOfMonth(d) && lastDayOfMonth(d) <= lastDayOfYear(d)).toBe(true);
      }),
    );
  });
});

describe("independent of the time zone", () => {
  const zone = process.env["TZ"];
  afterEach(() => {
    if (zone === undefined) delete process.env["TZ"];
    else process.env["TZ"] = zone;
  });

  it.each(["Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Shanghai"])("in %s", (timeZone) => {
    process.env["TZ"] = timeZone;
    expect(completedYears(date("2024-02-29"), date("2025-03-01"))).toBe(1);
    expect(formatDate(lastDayOfMonth(date("2024-02-10")))).toBe("2024-02-29");
  });
});
