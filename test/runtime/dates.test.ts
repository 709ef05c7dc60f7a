import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  type CalendarDate,
  calendarDate,
  daysBetween,
  formatDate,
  formatTime,
  lastDayOfTerm,
  maxOf,
  minOf,
  parseDate,
  parseTime,
  timeOfDay,
  toYearMonthDay,
} from "../../runtime/dates.js";
import { EvaluationError } from "../../runtime/errors.js";
import { fen, type Money } from "../../runtime/money.js";

function date(text: string): CalendarDate {
  const parsed = parseDate(text);
  if (parsed === undefined) throw new Error(`bad test date ${text}`);
  return parsed;
}

/** Days since 1970-01-01 by JavaScript's UTC calendar, which knows no time zone. */
function utcDayNumber(year: number, month: number, day: number): number {
  const time = new Date(0);
  time.setUTCFullYear(year, month - 1, day);
  return Math.round(time.getTime() / 86_400_000);
}

describe("calendar dates", () => {
  it.each<[number, number, number]>([
    [1970, 1, 1],
    [1969, 12, 31],
    [2000, 2, 29],
    [2000, 3, 1],
    [2021, 10, 20],
    [2024, 2, 29],
    [1, 1, 1],
    [9999, 12, 31],
    [1600, 2, 29],
  ])("numbers %i-%i-%i as the proleptic Gregorian calendar does", (year, month, day) => {
    const value = calendarDate(year, month, day);
    expect(value).toBe(utcDayNumber(year, month, day));
    expect(toYearMonthDay(value)).toEqual({ year, month, day });
  });

  it.each<[number, number, number]>([
    [2021, 2, 29],
    [1900, 2, 29],
    [2021, 4, 31],
    [2021, 13, 1],
    [2021, 0, 1],
    [0, 1, 1],
    [10000, 1, 1],
    [2021, 1, 1.5],
  ])("refuses %i-%i-%i", (year, month, day) => {
    expect(() => calendarDate(year, month, day)).toThrow(EvaluationError);
  });

  it.each(["2021-10-20", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])("reads and writes %s", (text) => {
    expect(formatDate(date(text))).toBe(text);
  });

  it.each(["2021-02-30", "2023-02-29", "1900-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "0000-01-01", "2021-2-3", "2021-10-20T00:00", " 2021-10-20", "20211020", "2021/10/20", "+02021-10-20", ""])(
    "refuses %j",
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );
});

describe("the month rule", () => {
  it.each<[string, number, string]>([
    ["2021-08-31", 6, "2022-02-28"],
    ["2023-08-31", 6, "2024-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2024-02-29", 48, "2028-02-29"],
    ["2024-02-29", -12, "2023-02-28"],
    ["2021-01-31", 1, "2021-02-28"],
    ["2021-03-31", -1, "2021-02-28"],
    ["2021-10-20", 6, "2022-04-20"],
    ["2021-10-20", 0, "2021-10-20"],
    ["2021-12-15", 1, "2022-01-15"],
    ["2022-01-15", -1, "2021-12-15"],
    ["2021-05-31", -3, "2021-02-28"],
  ])("%s + %i months = %s", (start, months, expected) => {
    expect(formatDate(addMonths(date(start), months))).toBe(expected);
  });

  // Civil Code arts. 201–202: the day before the corresponding day of month N, or that month's last day.
  it.each<[string, number, string]>([
    ["2021-10-31", 6, "2022-04-30"],
    ["2021-12-31", 2, "2022-02-28"],
    ["2023-08-31", 6, "2024-02-29"],
    ["2021-08-31", 6, "2022-02-28"],
    ["2021-11-01", 6, "2022-04-30"],
    ["2021-12-01", 6, "2022-05-31"],
    ["2021-10-20", 6, "2022-04-19"],
    ["2022-01-28", 1, "2022-02-27"],
    ["2022-01-29", 1, "2022-02-28"],
    ["2022-01-30", 1, "2022-02-28"],
    ["2022-01-31", 1, "2022-02-28"],
    ["2024-02-29", 6, "2024-08-28"],
    ["2024-01-30", 1, "2024-02-29"],
    ["2021-01-01", 12, "2021-12-31"],
    ["2024-03-01", 1, "2024-03-31"],
    ["2021-10-20", 0, "2021-10-19"],
  ])("a term of %2$i months from %1$s ends on %3$s", (start, months, expected) => {
    expect(formatDate(lastDayOfTerm(date(start), months))).toBe(expected);
  });

  it("is not the day before start + N months where that month has no corresponding day", () => {
    const start = date("2021-10-31");
    expect(formatDate(addDays(addMonths(start, 6), -1))).toBe("2022-04-29");
    expect(formatDate(lastDayOfTerm(start, 6))).toBe("2022-04-30");
  });

  it("refuses a term of a negative number of months", () => {
    expect(() => lastDayOfTerm(date("2021-10-20"), -1)).toThrow(EvaluationError);
  });

  it("refuses dates outside the years 0001 to 9999", () => {
    expect(() => addMonths(date("9999-12-31"), 1)).toThrow(EvaluationError);
    expect(() => addMonths(date("0001-01-31"), -1)).toThrow(EvaluationError);
    expect(() => addDays(date("9999-12-31"), 1)).toThrow(EvaluationError);
    expect(() => addDays(date("0001-01-01"), -1)).toThrow(EvaluationError);
    expect(() => lastDayOfTerm(date("0001-01-01"), 0)).toThrow(EvaluationError);
    expect(() => lastDayOfTerm(date("9999-12-31"), 1)).toThrow(EvaluationError);
  });
});

describe("days", () => {
  it("adds days and counts them", () => {
    expect(formatDate(addDays(date("2024-02-28"), 1))).toBe("2024-02-29");
    expect(formatDate(addDays(date("2021-02-28"), 1))).toBe("2021-03-01");
    expect(formatDate(addDays(date("2021-01-01"), -1))).toBe("2020-12-31");
    expect(daysBetween(date("2021-10-20"), date("2021-11-15"))).toBe(26);
    expect(daysBetween(date("2021-11-15"), date("2021-10-20"))).toBe(-26);
    expect(daysBetween(date("2024-01-01"), date("2025-01-01"))).toBe(366);
  });
});

describe("times of day", () => {
  it.each([
    ["00:00", 0],
    ["18:00", 1080],
    ["23:59", 1439],
    ["09:05", 545],
  ])("reads and writes %s", (text, minutes) => {
    expect(parseTime(text)).toBe(minutes);
    expect(formatTime(timeOfDay(Math.floor(minutes / 60), minutes % 60))).toBe(text);
  });

  it.each(["24:00", "9:00", "12:60", "12:00:00", "12h00", "", " 12:00"])("refuses %j", (text) => {
    expect(parseTime(text)).toBeUndefined();
  });

  it("refuses an impossible time", () => {
    expect(() => timeOfDay(24, 0)).toThrow(EvaluationError);
    expect(() => timeOfDay(12, 60)).toThrow(EvaluationError);
  });
});

describe("minOf and maxOf", () => {
  it("keep the unit of their operands", () => {
    const loan: Money = minOf(fen(30_000_000), fen(20_000_000));
    expect(loan).toBe(20_000_000);
    expect(formatDate(maxOf(date("2021-10-20"), date("2021-11-05")))).toBe("2021-11-05");
  });
});

// ---------------------------------------------------------------------------------------
// Property: the month rule equals a walk through the calendar, one day at a time.

interface Day {
  year: number;
  month: number;
  day: number;
}

function naiveMonthLength(year: number, month: number): number {
  const lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : lengths[month - 1]!;
}

/** One day forward (+1) or back (-1); says whether a month boundary was crossed. */
function step(current: Day, direction: 1 | -1): boolean {
  current.day += direction;
  if (current.day >= 1 && current.day <= naiveMonthLength(current.year, current.month)) return false;
  current.month += direction;
  if (current.month === 13) [current.year, current.month] = [current.year + 1, 1];
  if (current.month === 0) [current.year, current.month] = [current.year - 1, 12];
  current.day = direction === 1 ? 1 : naiveMonthLength(current.year, current.month);
  return true;
}

/**
 * Walks from `start` until `months` month boundaries are crossed and the day of the month
 * is the start's, or the target month's last day when it is shorter. Returns the date
 * reached and the number of days walked (negative backwards).
 */
function walkMonths(start: Day, months: number): { reached: Day; days: number } {
  const current = { ...start };
  const direction = months < 0 ? -1 : 1;
  let crossed = 0;
  let days = 0;
  while (!(crossed === Math.abs(months) && current.day === Math.min(start.day, naiveMonthLength(current.year, current.month)))) {
    if (step(current, direction)) crossed++;
    days += direction;
  }
  return { reached: current, days };
}

/**
 * The last day of a term of `months` months whose first day is `start`, counted on the
 * calendar (Civil Code arts. 201–202): walk forward across `months` month boundaries; in
 * the month reached, the term ends the day before the day numbered like the start's, or
 * on the month's last day when the month is too short to have that day.
 */
function walkTerm(start: Day, months: number): Day {
  const current = { ...start };
  let crossed = 0;
  for (;;) {
    if (crossed === months) {
      if (current.day === start.day) {
        step(current, -1);
        return current;
      }
      if (current.day < start.day && current.day === naiveMonthLength(current.year, current.month)) return current;
    }
    if (step(current, 1)) crossed++;
  }
}

const text = ({ year, month, day }: Day): string =>
  `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;

const anyDay = fc
  .record({ year: fc.integer({ min: 1890, max: 2110 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map((d) => ({ ...d, day: Math.min(d.day, naiveMonthLength(d.year, d.month)) }));
const anyMonthCount = fc.oneof(fc.integer({ min: -60, max: 60 }), fc.constantFrom(0, 1, -1, 6, 12));

describe("property: dates", () => {
  it("addMonths equals a day-by-day walk", () => {
    fc.assert(
      fc.property(anyDay, anyMonthCount, (start, months) => {
        const { reached, days } = walkMonths(start, months);
        const startDate = calendarDate(start.year, start.month, start.day);
        const result = addMonths(startDate, months);
        expect(formatDate(result)).toBe(text(reached));
        expect(daysBetween(startDate, result)).toBe(days);
      }),
      { numRuns: 500 },
    );
  });

  it("lastDayOfTerm equals a day-by-day walk to the end of the term", () => {
    fc.assert(
      fc.property(anyDay, fc.oneof(fc.integer({ min: 0, max: 60 }), fc.constantFrom(0, 1, 2, 6, 12)), (start, months) => {
        expect(formatDate(lastDayOfTerm(calendarDate(start.year, start.month, start.day), months))).toBe(text(walkTerm(start, months)));
      }),
      { numRuns: 500 },
    );
  });

  it("consecutive day numbers are consecutive days", () => {
    fc.assert(
      fc.property(anyDay, (start) => {
        const next = { ...start };
        step(next, 1);
        expect(formatDate(addDays(calendarDate(start.year, start.month, start.day), 1))).toBe(text(next));
      }),
    );
  });

  it("formatDate(parseDate(x)) = x for every real date", () => {
    const everyYear = fc
      .record({ year: fc.integer({ min: 1, max: 9999 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
      .map((d) => text({ ...d, day: Math.min(d.day, naiveMonthLength(d.year, d.month)) }));
    fc.assert(
      fc.property(everyYear, (written) => {
        expect(formatDate(date(written))).toBe(written);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("time zones", () => {
  const originalZone = process.env["TZ"];
  afterEach(() => {
    if (originalZone === undefined) delete process.env["TZ"];
    else process.env["TZ"] = originalZone;
  });

  /** Computations a local-time Date would get wrong east or west of Greenwich. */
  function computeAll(): string[] {
    return [
      formatDate(date("2021-03-01")),
      formatDate(addMonths(date("2021-08-31"), 6)),
      formatDate(lastDayOfTerm(date("2021-10-20"), 6)),
      formatDate(addDays(date("2021-03-28"), 1)), // a daylight-saving change in Europe
      String(daysBetween(date("2021-03-27"), date("2021-03-29"))),
      formatDate(calendarDate(2021, 11, 5)),
    ];
  }

  it("give the same dates in every zone", () => {
    const expected = ["2021-03-01", "2022-02-28", "2022-04-19", "2021-03-29", "2", "2021-11-05"];
    for (const zone of ["UTC", "Asia/Shanghai", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/London", "America/Sao_Paulo"]) {
      process.env["TZ"] = zone;
      expect(computeAll()).toEqual(expected);
    }
  });

  it("are really switched by this test: a local-time Date does shift", () => {
    const naiveDay = (): string => new Date(2021, 2, 1).toISOString().slice(0, 10);
    process.env["TZ"] = "UTC";
    expect(naiveDay()).toBe("2021-03-01");
    process.env["TZ"] = "Asia/Shanghai";
    expect(naiveDay()).toBe("2021-02-28");
  });
});
