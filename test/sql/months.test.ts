/**
 * The month rule and the last day of a term in DuckDB (tiao_add_months, tiao_last_day_of_term,
 * which add months as DuckDB adds an interval to a date) against runtime/dates.ts, on the days
 * where they can differ: the ends of months, leap days, the first and last years, a span of
 * ordinary days; and the numbers of months at the edges of the years 0001-9999 and beyond
 * them, to 2^53 − 1. Where the runtime throws (out of range, a negative term), DuckDB gives NULL.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { runtimeFunctions } from "../../compiler/sql/dialect.js";
import { addMonths, calendarDate, formatDate, lastDayOfTerm, parseDate, type CalendarDate } from "../../runtime/dates.js";

function days(): CalendarDate[] {
  const chosen: CalendarDate[] = [];
  const add = (text: string): void => {
    const date = parseDate(text);
    if (date === undefined) throw new Error(`not a date: ${text}`);
    chosen.push(date);
  };
  for (const text of ["0001-01-01", "0001-01-31", "0001-02-28", "0001-12-31", "2000-02-29", "1900-02-28", "2024-02-29", "9999-01-31", "9999-12-01", "9999-12-31"]) add(text);
  // every day of five years around the policy's (month ends of every length, a leap year)
  const first = calendarDate(2019, 11, 15);
  for (let day = 0; day < 1900; day++) chosen.push((first + day) as CalendarDate);
  // the first and last year, day by day
  for (let day = 0; day < 366; day++) chosen.push((calendarDate(1, 1, 1) + day) as CalendarDate, (calendarDate(9999, 12, 31) - day) as CalendarDate);
  return chosen;
}

const MONTHS = [
  -9007199254740991, -120001, -120000, -119999, -119988, -119987, -119986, -25, -13, -12, -11, -2, -1, 0, 1, 2, 6, 11, 12, 13, 25, 119986, 119987, 119988, 119989, 119999, 120000, 120001,
  9007199254740991,
];

function runtimeText(compute: () => CalendarDate): string | null {
  try {
    return formatDate(compute());
  } catch {
    return null;
  }
}

describe("months added to dates in DuckDB, as the runtime adds them", () => {
  it("the month rule and the last day of a term, on the ends of months, leap days, the first and last years, to every number of months", async () => {
    const dates = days();
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      await connection.run(runtimeFunctions("duckdb"));
      await connection.run("CREATE TABLE d (d DATE)");
      await connection.run(`INSERT INTO d VALUES ${dates.map((date) => `(DATE '${formatDate(date)}')`).join(", ")}`);
      await connection.run(`CREATE TABLE n (n BIGINT)`);
      await connection.run(`INSERT INTO n VALUES ${MONTHS.map((months) => `(${months})`).join(", ")}`);
      const rows = (
        await connection.runAndReadAll(
          "SELECT CAST(d AS VARCHAR), n, CAST(tiao_add_months(d, n) AS VARCHAR), CAST(tiao_last_day_of_term(d, n) AS VARCHAR) FROM d, n ORDER BY d, n",
        )
      ).getRows();
      expect(rows).toHaveLength(dates.length * MONTHS.length);
      const differences: string[] = [];
      let inRange = 0;
      for (const [dateText, monthsValue, added, term] of rows) {
        const date = parseDate(String(dateText))!;
        const months = Number(monthsValue);
        const expectedAdded = runtimeText(() => addMonths(date, months));
        const expectedTerm = runtimeText(() => lastDayOfTerm(date, months));
        if (expectedAdded !== null) inRange++;
        if ((added ?? null) !== expectedAdded || (term ?? null) !== expectedTerm) {
          differences.push(`${String(dateText)} + ${months}: DuckDB ${String(added)} / ${String(term)}, runtime ${expectedAdded} / ${expectedTerm}`);
        }
      }
      expect(differences.slice(0, 5)).toEqual([]);
      // many pairs have a date in range (the others are NULL on both sides): the comparison is of dates
      expect(inRange).toBeGreaterThan(rows.length / 3);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});
