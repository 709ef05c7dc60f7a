/**
 * Series and scales in the SQL target: a policy that reads facts given month by month and
 * year by year (at a date, added up and averaged over spans before the evaluation date, with
 * and without a value for the periods not given) and applies a scale marginally and at a
 * single rate, on the dates its thresholds and rates change. DuckDB and PostgreSQL write the
 * interpreter's line for scenarios at the boundaries (bracket thresholds, a fen either side,
 * empty series, periods outside the span, the years 0001 and 9999, malformed periods) and for
 * seeded random ones.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { emitSql } from "../../compiler/sql/emit.js";
import { decimalBeyondDuckdb } from "../../compiler/sql/expression.js";
import { startPostgres, type LocalPostgres } from "../../bench/postgres-server.js";
import { scenarioJson } from "../../compiler/diff/cases.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { caseLayout } from "../../compiler/sql/tables.js";
import { flatColumns, flatInputSql } from "../../node/sql/flat-files.js";
import { DuckdbEngine } from "../../node/sql/duckdb.js";
import { duckdbLines, interpreterLine, mismatches, postgresLines, temporaryFolder } from "./support.js";

const text = `policy series_and_scales {
  title    "series and scales"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

enum status {
  owner
  tenant
}

record dwelling {
  rent: monthly money otherwise 0 yuan
}

entity household {
  salary: monthly money
  size: monthly integer otherwise 1
  occupancy: monthly status otherwise tenant
  tax: yearly money
  area: monthly decimal otherwise 0
  credit: yearly decimal otherwise -1.5
  days_worked: monthly days
  home: dwelling
  income: money
}

parameter contribution: scale {
  bracket low {
    threshold 0 yuan from 2013-01-01
      source "law"
    rate 3% from 2013-01-01
      source "law"
    rate 4% from 2015-01-01
      source "law"
  }
  bracket middle {
    threshold 1200 yuan from 2013-01-01
      source "law"
    threshold 600.50 yuan from 2017-01-01
      source "law"
    rate 10% from 2013-01-01
      source "law"
    rate 12.5% from 2015-01-01
      source "law"
  }
  bracket high {
    threshold 2400 yuan from 2017-01-01 until 2019-12-31
      source "law"
    rate 40% from 2017-01-01
      source "law"
  }
}

measure series {
  output this_month: money
    = household.salary
    cites §1 "q"

  output january: integer
    = value_at(household.size, 2021-01-01)
    cites §1 "q"

  output last_year: money
    = sum(household.salary over last 12 months)
    cites §1 "q"

  output mean: money
    = round_up(average(household.salary over previous year))
    cites §1 "q"

  output rooms: integer
    = round(average(household.size over last 3 months))
    cites §1 "q"

  output rooms_down: integer
    = round_down(average(household.size over last 2 years))
    cites §1 "q"

  output taxes: money
    = sum(household.tax over last 2 years) + sum(household.tax over this year)
    cites §1 "q"

  output last_tax: money
    = sum(household.tax over previous year)
    cites §1 "q"

  output is_tenant: bool
    = household.occupancy = tenant
    cites §1 "q"

  output area_now: decimal
    = household.area + sum(household.area over last 3 months)
    cites §1 "q"

  output credits: decimal
    = sum(household.credit over last 2 years) + value_at(household.credit, 2017-01-01)
    cites §1 "q"

  output worked: days
    = sum(household.days_worked over this month) + sum(household.days_worked over previous month)
    cites §1 "q"

  output rent: money
    = sum(household.home.rent over this year)
    cites §1 "q"
}

measure scales {
  output marginal_part: money
    = round(marginal(contribution, household.income))
    cites §1 "q"

  output single_part: money
    = round_down(single_rate(contribution, household.income + household.home.rent))
    cites §1 "q"

  output difference: money
    = round_up(single_rate(contribution, household.income) - marginal(contribution, household.income))
    cites §1 "q"
}
`;


const itemsText = `policy series_in_items {
  title    "series in list items"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

record dwelling {
  rent: monthly money otherwise 0 yuan
}

record member {
  salary: monthly money otherwise 0 yuan
  hours: yearly integer
  home: dwelling
  age: integer
}

entity household {
  members: list of member
  income: money
}

parameter contribution: scale {
  bracket low {
    threshold 0 yuan from 2013-01-01
      source "law"
    rate 3% from 2013-01-01
      source "law"
  }
  bracket middle {
    threshold 600.50 yuan from 2013-01-01
      source "law"
    rate 10% from 2013-01-01 until 2014-12-31
      source "law"
    rate 12.5% from 2015-01-01
      source "law"
  }
}

measure items {
  output salaries: money
    = sum(m.salary for m in household.members)
    cites §1 "q"

  output earning: integer
    = count(m in household.members where m.salary > 0 yuan)
    cites §1 "q"

  output last_quarter: money
    = sum(sum(m.salary over last 3 months) for m in household.members where m.age >= 18)
    cites §1 "q"

  output hours_last_year: integer
    = sum(sum(m.hours over previous year) for m in household.members)
    cites §1 "q"

  output any_rent: bool
    = any(m in household.members where value_at(m.home.rent, 2021-01-01) > 100 yuan)
    cites §1 "q"

  output all_hours: bool
    = all(m in household.members where value_at(m.hours, evaluation_date) > 10)
    cites §1 "q"

  output contributions: money
    = sum(round(marginal(contribution, m.salary)) for m in household.members)
    cites §1 "q"
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "series-scale.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

/** Months from `first` ("YYYY-MM"), `count` of them, each with `value(i)` (undefined: left out). */
function months(first: string, count: number, value: (i: number) => unknown): Record<string, unknown> {
  const [year, month] = first.split("-").map(Number) as [number, number];
  const entries: [string, unknown][] = [];
  for (let i = 0; i < count; i++) {
    const index = year * 12 + month - 1 + i;
    const v = value(i);
    if (v !== undefined) entries.push([`${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`, v]);
  }
  return Object.fromEntries(entries);
}

const dates = ["2012-12-31", "2013-01-01", "2014-12-31", "2015-01-01", "2016-12-31", "2017-01-01", "2019-12-31", "2020-01-01", "2021-03-15", "0001-01-01", "0001-02-28", "9999-12-31"];
const incomes = ["0", "0.01", "600.49", "600.50", "600.51", "1199.99", "1200", "1200.01", "2399.99", "2400", "2400.01", "123456.78", "90071992547409.91"];

/** Scenarios at the boundaries: every date with every income, series full, partial, empty or outside the span. */
function boundaryTexts(): string[] {
  const texts: string[] = [];
  dates.forEach((date, d) => {
    const [year, month] = date.split("-") as [string, string];
    const start = `${String(Math.max(1, Number(year) - 2)).padStart(4, "0")}-${month}`;
    incomes.forEach((income, i) => [0, ((d + i) % 5) + 1].forEach((variant) => {
      const full = months(start, 30, (k) => `${100 + k}.50`);
      const salary =
        variant === 0 ? full : variant === 1 ? {} : variant === 2 ? months(start, 30, (k) => (k % 5 === 0 ? undefined : "45035996273704.96")) : variant === 3 ? months("1990-01", 12, () => 1) : variant === 4 ? months(start, 30, (k) => (k < 20 ? "0" : "45035996273704.95")) : full;
      // the facts in the order the policy declares them (a flat file's columns)
      const household: Record<string, unknown> = { salary };
      if (variant !== 1) {
        household["size"] = months(start, 30, (k) => k % 4);
        household["occupancy"] = months(start, 30, (k) => (k % 3 === 0 ? "owner" : undefined));
      }
      household["tax"] = variant === 1 ? {} : { [String(Number(year) - 2).padStart(4, "0")]: 5, [String(Number(year) - 1).padStart(4, "0")]: "10.00", [year]: "0.01" };
      if (variant !== 1) {
        household["area"] = months(start, 30, (k) => (k % 2 === 0 ? `${k}.25` : undefined));
        household["credit"] = { "2017": "0.125", [year]: "2.5" };
      }
      household["days_worked"] = months(start, 30, (k) => (variant === 5 && k % 2 === 0 ? undefined : k));
      household["home"] = { rent: variant === 2 ? {} : months(start, 30, (k) => `${k}.0${k % 10}`) };
      household["income"] = income;
      texts.push(JSON.stringify({ date, household }));
    }));
  });
  // malformed periods and series: the reader's problems, with their paths
  texts.push(
    JSON.stringify({ date: "2021-03-15", household: { salary: { "2021-13": "1.00" }, tax: {}, days_worked: {}, home: {}, income: "1" } }),
    JSON.stringify({ date: "2021-03-15", household: { salary: { "0000-01": "1.00", "2021-02": "x" }, tax: { "21": 1 }, days_worked: [], home: { rent: 5 }, income: "1" } }),
    JSON.stringify({ date: "2021-03-15", household: { tax: {}, days_worked: {}, home: {}, income: "1" } }),
  );
  return texts;
}

describe("series and scales in the SQL target", () => {
  let policy: ProgramIR;
  let texts: string[];
  let expected: string[];
  let postgres: LocalPostgres | undefined;
  const folder = temporaryFolder("series-scale");

  beforeAll(async () => {
    postgres = await startPostgres();
    policy = program();
    const random = fc.sample(scenarioArbitrary(policy, { overrideOneIn: 0 }), { seed: 289, numRuns: 600 }).map((scenario) => JSON.stringify(scenarioJson(scenario, policy.schema)));
    texts = [...boundaryTexts(), ...random];
    expected = texts.map((line, index) => interpreterLine(policy, line, index + 1));
  }, 120_000);
  afterAll(() => {
    postgres?.stop();
    folder.remove();
  });

  it("compiles every read of a series and every application of a scale", () => {
    for (const dialect of ["duckdb", "postgres"] as const) expect(emitSql(policy, { dialect }).diagnostics).toEqual([]);
  });

  it("the scenarios reach values, errors and bad input", () => {
    const kinds = (pattern: RegExp) => expected.filter((line) => pattern.test(line)).length;
    expect(kinds(/"evaluation_error":".*has no value for/)).toBeGreaterThan(20);
    expect(kinds(/"evaluation_error":"the amount is too large|"evaluation_error":"the number is too large/)).toBeGreaterThan(5);
    expect(kinds(/"evaluation_error":"scale `contribution` has no bracket in force on 2012-12-31"/)).toBeGreaterThan(0);
    expect(kinds(/"errors":\[/)).toBeGreaterThan(2);
    expect(kinds(/"marginal_part"/)).toBeGreaterThan(100);
  });

  it("DuckDB writes the interpreter's lines", async () => {
    const lines = await duckdbLines(policy, texts, folder.path);
    // DuckDB's decimals are bounded (docs/sql.md): a decimal given beyond them is bad input, and
    // a result beyond them this error, never another value; those cases are counted apart
    const beyond = (line: string) => line.includes(`"evaluation_error":${JSON.stringify(decimalBeyondDuckdb)}`) || /^\{"line":[0-9]+,"errors":\["[^"]*: DuckDB holds a decimal exactly/.test(line);
    const compared = lines.map((line, index) => (beyond(line) ? expected[index]! : line));
    // the random scenarios' decimal series often hold one beyond; the boundary scenarios do not
    expect(lines.filter((line) => !beyond(line)).length).toBeGreaterThan(300);
    expect(mismatches(texts, expected, compared, "DuckDB").slice(0, 3)).toEqual([]);
  }, 120_000);

  it("DuckDB reads series from a CSV file (a JSON object of the periods in a column) as from NDJSON", async () => {
    // a flat file holds amounts below 10^13 yuan (docs/sql.md)
    const boundary = boundaryTexts().filter((line) => !/[0-9]{14}/.test(line));
    const columns = flatColumns(caseLayout(policy.schema).layout);
    const cell = (value: unknown): string => {
      if (value === undefined) return "";
      const text = typeof value === "string" ? value : JSON.stringify(value);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const rows = boundary.map((line) => {
      const scenario = JSON.parse(line) as { date: string; household: Record<string, unknown> };
      const home = scenario.household["home"] as Record<string, unknown> | undefined;
      return columns
        .map((column) => {
          if (column === "date") return cell(scenario.date);
          if (column === "household.home") return home === undefined ? "" : "true";
          if (column === "household.home.rent") return cell(home?.["rent"]);
          return cell(scenario.household[column.slice("household.".length)]);
        })
        .join(",");
    });
    const path = join(folder.path, "series.csv");
    writeFileSync(path, `${columns.join(",")}\n${rows.join("\n")}\n`);
    const engine = await DuckdbEngine.open(policy);
    try {
      const described = await engine.connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('${path}', header = true, all_varchar = true, auto_detect = true)`);
      const input = flatInputSql(policy, path, "csv", new Map(described.getRows().map((row) => [String(row[0]), String(row[1])])));
      for (const statement of input.statements) await engine.connection.run(statement);
      await engine.connection.run(input.rejectedSql);
      await engine.connection.run(input.casesView((await engine.rejectedCount()) > 0));
      engine.caseDates = input.caseDates;
      await engine.materializeParameters();
      const lines = await engine.resultLines();
      const expectedLines = boundary.map((line, index) => interpreterLine(policy, line, index + 1));
      // the malformed series (the last rows): the reader's problems with their paths, the
      // columns' own first as for lists, and an amount's in the flat reader's words
      const malformed = boundary.length - 2;
      expect(mismatches(boundary.slice(0, malformed), expectedLines.slice(0, malformed), lines.slice(0, malformed), "DuckDB (CSV)").slice(0, 3)).toEqual([]);
      expect(JSON.parse(lines[malformed]!)).toEqual({
        line: malformed + 1,
        errors: [
          'household.days_worked: expected the values of each month as an object such as {"2017-01": …, "2017-02": …}, got a list',
          'household.home.rent: expected the values of each month as an object such as {"2017-01": …, "2017-02": …}, got 5',
          'household.salary.0000-01: expected a month "YYYY-MM" from 0001 to 9999 as the key',
          'household.salary.2021-02: expected an amount in yuan, not negative, with at most two decimals, got "x"',
          'household.tax.21: expected a year "YYYY" from 0001 to 9999 as the key',
        ],
      });
      expect(lines[malformed + 1]).toBe(expectedLines[malformed + 1]);
    } finally {
      engine.close();
    }
  }, 120_000);

  it("series in a list's items: DuckDB and PostgreSQL write the interpreter's lines, from NDJSON and from CSV", async () => {
    if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
    const { program: items, diagnostics } = compile([{ path: "series-in-items.tiao", text: itemsText }]);
    if (items === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
    for (const dialect of ["duckdb", "postgres"] as const) expect(emitSql(items, { dialect }).diagnostics).toEqual([]);
    const random = fc.sample(scenarioArbitrary(items, { overrideOneIn: 0, maxListLength: 3 }), { seed: 290, numRuns: 400 }).map((scenario) => JSON.stringify(scenarioJson(scenario, items.schema)));
    const member = (k: number) => ({ salary: months("2020-06", 12, (j) => (j % (k + 2) === 0 ? undefined : `${600 + j * k}.50`)), hours: { "2020": k * 7, "2021": 5 }, home: { rent: { "2021-01": `${100 + k}.00` } }, age: 16 + k });
    const boundary = ["2013-01-01", "2014-12-31", "2015-01-01", "2021-03-15", "2021-06-01"].flatMap((date) => [
      JSON.stringify({ date, household: { members: [], income: "0" } }),
      JSON.stringify({ date, household: { members: [member(1), member(2), member(3)], income: "1" } }),
      JSON.stringify({ date, household: { members: [member(0), { ...member(4), hours: {} }], income: "1" } }),
      JSON.stringify({ date, household: { members: [{ ...member(2), salary: { "2021-13": "1" }, hours: [] }], income: "1" } }),
    ]);
    const lines = [...boundary, ...random];
    const wanted = lines.map((line, index) => interpreterLine(items, line, index + 1));
    const duck = await duckdbLines(items, lines, folder.path);
    const beyond = (line: string) => /^\{"line":[0-9]+,"errors":\["[^"]*: DuckDB holds a decimal exactly/.test(line);
    expect(mismatches(lines, wanted, duck.map((line, index) => (beyond(line) ? wanted[index]! : line)), "DuckDB").slice(0, 3)).toEqual([]);
    expect(mismatches(lines, wanted, await postgresLines(items, lines, folder.path, postgres), "PostgreSQL").slice(0, 3)).toEqual([]);
    expect(wanted.filter((line) => line.includes('"salaries"')).length).toBeGreaterThan(50);
    // the well-formed boundary scenarios from a CSV file: the list a JSON array of objects, each series a JSON object
    const csvLines = boundary.filter((_, index) => index % 4 !== 3);
    const path = join(folder.path, "items.csv");
    const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const rows = csvLines.map((line) => {
      const scenario = JSON.parse(line) as { date: string; household: { members: unknown[]; income: string } };
      return [scenario.date, cell(JSON.stringify(scenario.household.members)), scenario.household.income].join(",");
    });
    expect(flatColumns(caseLayout(items.schema).layout)).toEqual(["date", "household.members", "household.income"]);
    writeFileSync(path, `date,household.members,household.income\n${rows.join("\n")}\n`);
    const engine = await DuckdbEngine.open(items);
    try {
      const described = await engine.connection.runAndReadAll(`DESCRIBE SELECT * FROM read_csv('${path}', header = true, all_varchar = true, auto_detect = true)`);
      const input = flatInputSql(items, path, "csv", new Map(described.getRows().map((row) => [String(row[0]), String(row[1])])));
      for (const statement of input.statements) await engine.connection.run(statement);
      await engine.connection.run(input.rejectedSql);
      await engine.connection.run(input.casesView((await engine.rejectedCount()) > 0));
      engine.caseDates = input.caseDates;
      await engine.materializeParameters();
      const csvWanted = csvLines.map((line, index) => interpreterLine(items, line, index + 1));
      expect(mismatches(csvLines, csvWanted, await engine.resultLines(), "DuckDB (CSV)").slice(0, 3)).toEqual([]);
    } finally {
      engine.close();
    }
  }, 240_000);

  it("PostgreSQL writes the interpreter's lines", async () => {
    if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
    expect(mismatches(texts, expected, await postgresLines(policy, texts, folder.path, postgres), "PostgreSQL").slice(0, 3)).toEqual([]);
  }, 120_000);
});
