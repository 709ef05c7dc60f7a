/**
 * Series through every back end: the periods relative to a date, reading and totalling in
 * the runtime, generated code agreeing with the interpreter on random scenarios (series full
 * around a date, now and then a period left out), the SQL target laying out every series,
 * `tiao fmt` keeping the layout, and the scenario reader naming bad keys.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { formatSource } from "../../compiler/format/format.js";
import { emitSql } from "../../compiler/sql/emit.js";
import { calendarDate } from "../../runtime/dates.js";
import { readScenario } from "../../runtime/scenario.js";
import { periodKeys } from "../../runtime/series.js";
import { checkAgreement } from "../emit/agreement.js";

const text = `policy series {
  title    "series"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

enum status {
  owner
  tenant
}

record member {
  salary: monthly money otherwise 0 yuan
}

entity household {
  salary: monthly money
  size: monthly integer otherwise 1
  occupancy: monthly status otherwise tenant
  tax: yearly money
  members: list of member
  area: monthly decimal otherwise 0
  credit: yearly decimal otherwise -1.5
}

measure m {
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

  output taxes: money
    = sum(household.tax over last 2 years) + sum(household.tax over this year)
    cites §1 "q"

  output members_now: money
    = sum(m.salary for m in household.members)
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
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "series.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

describe("series", () => {
  it("counts periods back from the evaluation date", () => {
    const asOf = calendarDate(2017, 3, 15);
    expect(periodKeys("month", asOf, { relation: "last", count: 3, unit: "month" })).toEqual(["2016-12", "2017-01", "2017-02"]);
    expect(periodKeys("month", asOf, { relation: "last", count: 1, unit: "year" })).toHaveLength(12);
    expect(periodKeys("month", asOf, { relation: "last", count: 1, unit: "year" })[0]).toBe("2016-03");
    expect(periodKeys("month", asOf, { relation: "this", count: 1, unit: "month" })).toEqual(["2017-03"]);
    expect(periodKeys("month", asOf, { relation: "previous", count: 1, unit: "month" })).toEqual(["2017-02"]);
    expect(periodKeys("month", asOf, { relation: "this", count: 1, unit: "year" })).toEqual(Array.from({ length: 12 }, (_, i) => `2017-${String(i + 1).padStart(2, "0")}`));
    expect(periodKeys("month", calendarDate(2017, 1, 1), { relation: "previous", count: 1, unit: "year" })[11]).toBe("2016-12");
    expect(periodKeys("year", asOf, { relation: "last", count: 2, unit: "year" })).toEqual(["2015", "2016"]);
    expect(periodKeys("year", asOf, { relation: "previous", count: 1, unit: "year" })).toEqual(["2016"]);
    expect(periodKeys("year", calendarDate(1, 6, 1), { relation: "this", count: 1, unit: "year" })).toEqual(["0001"]);
  });

  it("reads and totals a scenario's series", async () => {
    const scenario = readScenario(
      JSON.stringify({
        date: "2017-03-15",
        household: {
          salary: { "2016-03": 100, "2016-12": "0.05", "2017-02": 1, "2017-03": "2400.00", ...Object.fromEntries(["04", "05", "06", "07", "08", "09", "10", "11"].map((m) => [`2016-${m}`, 0])), "2016-01": "1", "2016-02": 0, "2017-01": 0 },
          size: { "2017-01": 40 },
          occupancy: { "2017-03": "owner" },
          tax: { "2015": 10, "2016": "0.5", "2017": 1 },
          members: [{ salary: { "2017-03": 7 } }, { salary: {} }],
          area: { "2017-01": "2.5" },
          credit: { "2016": 0.5 },
        },
      }),
      program().schema,
    );
    if (!scenario.ok) throw new Error(JSON.stringify(scenario.errors));
    const { evaluate } = await import("../../compiler/interpret.js");
    expect(evaluate(program(), scenario.scenario).outputs["m"]).toEqual({
      in_force: true,
      this_month: "2400.00",
      january: 1,
      last_year: "101.05",
      mean: "8.43",
      rooms: 14,
      taxes: "11.50",
      members_now: "7.00",
      is_tenant: false,
      area_now: "2.5",
      credits: "-2.5",
    });
  });

  it("generated code agrees with the interpreter", async () => {
    await checkAgreement(program(), { name: "agree-series", runs: 200 });
  });

  it("the scenario reader names each key that is not a period", () => {
    const read = readScenario('{"date": "2017-03-15", "household": {"salary": {"2017-13": 1, "0000-01": 2, "2017-01": -1}, "tax": {"17": 1}}}', program().schema);
    expect(read.ok ? [] : read.errors.map((e) => e.path)).toEqual(["household.salary.2017-13", "household.salary.0000-01", "household.salary.2017-01", "household.tax.17"]);
  });

  it("the SQL target lays out every series, of an entity and of a list's items", () => {
    for (const dialect of ["duckdb", "postgres"] as const) expect(emitSql(program(), { dialect }).diagnostics).toEqual([]);
  });

  it("is in the canonical layout of tiao fmt", () => {
    expect(formatSource("series.tiao", text)).toEqual({ kind: "formatted", text });
  });
});
