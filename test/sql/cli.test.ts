/**
 * The SQL target through the command, as a user runs it (the built `tiao`): `tiao compile
 * --target sql`, and `tiao run --engine duckdb` on NDJSON, CSV and Parquet, with bad rows
 * reported by row and column and the other rows kept.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scenarioText } from "../../bench/workload.js";
import { scratchFolder, tiao } from "../e2e/tiao.js";
import { flatExportSql, flatInputSql, statisticsProof } from "../../node/sql/flat-files.js";
import { DuckdbEngine } from "../../node/sql/duckdb.js";
import { caseFilesOf, lanzhouProgram } from "./support.js";
import { repositoryRoot } from "../emit/compiled.js";
import { membersText } from "./policies.js";

const lanzhou = "policies/lanzhou-2021-289";
const ageBands = "test/e2e/fixtures/no-rule.tiao";
const SUMMARY = /^(\d+) scenarios?, (\d+) with errors, \d+\.\d s\n$/;

let scratch: ReturnType<typeof scratchFolder>;
beforeAll(() => {
  scratch = scratchFolder();
});
afterAll(() => scratch.remove());

function scratchFile(name: string, text: string): string {
  const path = join(scratch.path, name);
  writeFileSync(path, text);
  return path;
}

/** The scenarios as a Parquet file of the scratch folder, one column per fact path; `more` copies it on. */
async function scratchParquet(name: string, texts: readonly string[], more?: (engine: DuckdbEngine, path: string) => Promise<void>): Promise<string> {
  const program = await lanzhouProgram();
  const read = await caseFilesOf(program, [...texts], scratch.path, "duckdb");
  const engine = await DuckdbEngine.open(program);
  const path = join(scratch.path, name);
  try {
    await engine.loadCaseFiles(read.files.files);
    await engine.connection.run(`COPY (${flatExportSql(program)}) TO '${path}' (FORMAT parquet)`);
    if (more !== undefined) await more(engine, path);
  } finally {
    engine.close();
  }
  return path;
}

/**
 * The scenarios as a Parquet file whose values `changed` gives, by line, for some columns: the
 * SQL of the value a line's column holds instead (given each column's name and DuckDB type).
 */
async function parquetWithChanges(
  name: string,
  texts: readonly string[],
  changed: (column: string, type: string) => Readonly<Record<string, string>>,
): Promise<string> {
  const parquet = join(scratch.path, `${name}.parquet`);
  await scratchParquet(`${name}-base.parquet`, texts, async (engine, base) => {
    const described = (await engine.connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${base}')`)).getRows().map((row) => [String(row[0]), String(row[1])] as const);
    const value = ([column, type]: readonly [string, string]): string => {
      const cases = Object.entries(changed(column, type)).map(([line, given]) => `WHEN line = ${line} THEN ${given}`);
      return cases.length === 0 ? `"${column}"` : `CASE ${cases.join(" ")} ELSE "${column}" END AS "${column}"`;
    };
    await engine.connection.run(
      `COPY (SELECT ${described.map(value).join(", ")} FROM (SELECT *, file_row_number + 1 AS line FROM read_parquet('${base}', file_row_number = true)) ORDER BY line) TO '${parquet}' (FORMAT parquet)`,
    );
  });
  return parquet;
}

/**
 * Runs a Parquet file with bad rows twice: to NDJSON (the bad rows found first, each line
 * in its place) and to Parquet (each row checked as it is evaluated, the bad ones reported
 * after); both report `expected`, and the Parquet results hold the `good` lines.
 */
async function expectRejectedBothWays(parquet: string, name: string, expected: readonly string[], good: readonly number[]): Promise<void> {
  const total = expected.length + good.length;
  const summary = new RegExp(`^${total} scenarios, ${expected.length} with errors`);
  const ndjson = join(scratch.path, `${name}.ndjson`);
  const toNdjson = tiao(["run", lanzhou, "--scenarios", parquet, "--out", ndjson, "--engine", "duckdb"]);
  expect(toNdjson.stderr).toMatch(summary);
  const lines = readFileSync(ndjson, "utf8").trim().split("\n");
  expect(lines).toHaveLength(total);
  expect(lines.filter((line) => line.startsWith('{"line":'))).toEqual(expected);
  const out = join(scratch.path, `${name}-results.parquet`);
  const toParquet = tiao(["run", lanzhou, "--scenarios", parquet, "--out", out, "--engine", "duckdb"]);
  expect(toParquet.stderr).toMatch(summary);
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const rows = (await connection.runAndReadAll(`SELECT line FROM read_parquet('${out}') ORDER BY line`)).getRows();
  connection.closeSync();
  instance.closeSync();
  expect(rows.map((row) => Number(row[0]))).toEqual(good);
}

describe("tiao compile --target sql", () => {
  it("writes the setup file, one file per measure and the results file, for each dialect", () => {
    for (const dialect of ["duckdb", "postgres"]) {
      const out = join(scratch.path, `sql-${dialect}`);
      const result = tiao(["compile", lanzhou, "--target", "sql", "--dialect", dialect, "--out", out]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(readdirSync(out).sort()).toEqual(["m1.sql", "m10.sql", "m2.sql", "m3.sql", "m4.sql", "m5.sql", "m6.sql", "m7.sql", "m8.sql", "m9.sql", "tiao-results.sql", "tiao-setup.sql"]);
      expect(readFileSync(join(out, "m4.sql"), "utf8")).toContain('-- §4 "失业补助金标准按照兰州市失业保险金的80%确定"');
    }
  });

  it("asks for the dialect", () => {
    const result = tiao(["compile", lanzhou, "--target", "sql", "--out", join(scratch.path, "none")]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("missing --dialect duckdb|postgres for --target sql");
    expect(existsSync(join(scratch.path, "none"))).toBe(false);
  });
});

describe("tiao run --engine duckdb", () => {
  it("writes, for a file of scenarios with bad lines, the lines the Node engine writes", () => {
    const lines = [
      '{"date":"2021-11-15","person":{"age":31}}',
      '{"date":"2021-11-15","person":{"age":18}}',
      "",
      '{"date":"2021-11-15","person":{"age":30}}',
      '{"date":"2021-11-15","person":{"age":"thirty"}}',
      '{"date":"2021-11-15"}',
      '{"date":"2021-02-30","person":{"age":40}}',
      "not a scenario",
      '{"date":"2021-11-15","person":{"age":45}}\r',
      '{"date":"2021-11-15","person":{"age":0}}',
    ];
    const input = scratchFile("ages.ndjson", `${lines.join("\n")}\n`);
    const node = tiao(["run", ageBands, "--scenarios", input, "--out", join(scratch.path, "ages-node.ndjson")]);
    const duckdb = tiao(["run", ageBands, "--scenarios", input, "--out", join(scratch.path, "ages-duckdb.ndjson"), "--engine", "duckdb"]);
    expect(duckdb.stderr).toMatch(SUMMARY);
    expect(SUMMARY.exec(duckdb.stderr)?.slice(1)).toEqual(SUMMARY.exec(node.stderr)?.slice(1));
    expect(duckdb.status).toBe(2);
    expect(duckdb.status).toBe(node.status);
    const written = readFileSync(join(scratch.path, "ages-duckdb.ndjson"), "utf8");
    expect(written).toBe(readFileSync(join(scratch.path, "ages-node.ndjson"), "utf8"));
    expect(written.split("\n")[2]).toBe('{"line":4,"evaluation_error":"no rule gives `band` a value for this case; add a rule for it, or a rule without a condition"}');
  });

  it("counts the evaluation errors of Parquet results from the statistics DuckDB gives as it writes them, as the Node engine counts them", async () => {
    const lines = ['{"date":"2021-11-15","person":{"age":31}}', '{"date":"2021-11-15","person":{"age":30}}', '{"date":"2021-11-15","person":{"age":"thirty"}}', '{"date":"2021-11-15","person":{"age":45}}', '{"date":"2021-11-15","person":{"age":0}}'];
    const input = scratchFile("ages-errors.ndjson", `${lines.join("\n")}\n`);
    const node = tiao(["run", ageBands, "--scenarios", input, "--out", join(scratch.path, "ages-errors-node.ndjson")]);
    const out = join(scratch.path, "ages-errors.parquet");
    const duckdb = tiao(["run", ageBands, "--scenarios", input, "--out", out, "--engine", "duckdb"]);
    expect(duckdb.stderr).toMatch(SUMMARY);
    expect(SUMMARY.exec(duckdb.stderr)?.slice(1)).toEqual(SUMMARY.exec(node.stderr)?.slice(1));
    expect(duckdb.status).toBe(node.status);
    // the errors counted are the file's: its evaluation errors and the bad line left out of it
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const rows = (await connection.runAndReadAll(`SELECT count(*), count(evaluation_error) FROM read_parquet('${out}')`)).getRows();
    connection.closeSync();
    instance.closeSync();
    const [written, errors] = (rows[0] ?? []).map(Number);
    expect(errors).toBeGreaterThan(0);
    expect(SUMMARY.exec(duckdb.stderr)?.slice(1)).toEqual([String(lines.length), String(errors! + lines.length - written!)]);
  });

  it("reads a CSV file, reports a bad row by its number and column, and evaluates the others", () => {
    const csv = ["date,person.age", "2021-11-15,31", "2021-11-15,abc", "2021-11-15,", "2021-13-01,40", "2021-11-15,18"].join("\n");
    const input = scratchFile("ages.csv", `${csv}\n`);
    const out = join(scratch.path, "ages-csv.ndjson");
    const result = tiao(["run", ageBands, "--scenarios", input, "--out", out, "--engine", "duckdb"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^5 scenarios, 2 with errors/);
    expect(readFileSync(out, "utf8").split("\n")).toEqual([
      '{"m1":{"in_force":true,"band":2}}',
      '{"line":2,"errors":["person.age: expected a non-negative integer, got \\"abc\\""]}',
      "{}",
      '{"line":4,"errors":["date: expected a date YYYY-MM-DD, got \\"2021-13-01\\""]}',
      '{"m1":{"in_force":true,"band":1}}',
      "",
    ]);
  });

  it("writes flat results of a CSV file with bad rows without them, checking each row as it evaluates it, and counts them", () => {
    const csv = ["date,person.age", "2021-11-15,31", "2021-11-15,abc", "2021-11-15,", "2021-13-01,40", "2021-11-15,18"].join("\n");
    const input = scratchFile("ages-flat.csv", `${csv}\n`);
    const out = join(scratch.path, "ages-flat-results.csv");
    const result = tiao(["run", ageBands, "--scenarios", input, "--out", out, "--engine", "duckdb"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^5 scenarios, 2 with errors/);
    expect(readFileSync(out, "utf8").split("\n")).toEqual(["line,evaluation_error,m1.in_force,m1.band", "1,,true,2", "3,,,", "5,,true,1", ""]);
  });

  it("reads typed Parquet columns as they are, with the checks of their text: a DATE evaluation date, a BIGINT", async () => {
    const parquet = join(scratch.path, "ages-typed.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT "date", "person.age" FROM (VALUES (1, DATE '2021-11-15', 31), (2, NULL, 31), (3, DATE '10000-01-01', 31), (4, DATE '2021-11-15', -1), (5, DATE '2021-11-15', 18)) AS t(n, "date", "person.age") ORDER BY n) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const out = join(scratch.path, "ages-typed.ndjson");
    const result = tiao(["run", ageBands, "--scenarios", parquet, "--out", out, "--engine", "duckdb"]);
    expect(result.status).toBe(2);
    expect(readFileSync(out, "utf8").split("\n")).toEqual([
      '{"m1":{"in_force":true,"band":2}}',
      '{"line":2,"errors":["date: the evaluation date is missing"]}',
      '{"line":3,"errors":["date: expected a date YYYY-MM-DD, got \\"10000-01-01\\""]}',
      '{"line":4,"errors":["person.age: expected a non-negative integer, got \\"-1\\""]}',
      '{"m1":{"in_force":true,"band":1}}',
      "",
    ]);
  });

  it("rejects the bad values of typed Parquet columns, and only those, whether the rows are checked before or as they are evaluated", async () => {
    // amounts and numbers as DECIMAL, a choice and a time of day as VARCHAR, a DATE and a BIGINT, each bad on its own row; an empty choice is not given
    const texts = Array.from({ length: 18 }, (_, index) => scenarioText(17, index));
    const changes: Record<number, string> = {
      2: `"person.loan_requested" := -0.01`,
      4: `"enterprise.indicators.profit.current" := 100000000000000000`,
      5: `"enterprise.indicators.revenue.current" := -100000000000000000`,
      6: `"enterprise.indicators.energy.current" := 99999999999999999.9999999999`,
      7: `"parameters.refund_rate_sme" := 1000000000000`,
      8: `"enterprise.size" := ''`,
      9: `"enterprise.size" := 'monitored'`,
      10: `"placement.start" := DATE '10000-01-01'`,
      11: `"person.insured_months" := -3`,
      12: `"enterprise.size" := NULL`,
      13: `"report.submitted_at" := '24:00'`,
      14: `"report.submitted_at" := '9:30'`,
      15: `"report.submitted_at" := '07:60'`,
      16: `"report.submitted_at" := ' 07:00'`,
      17: `"report.submitted_at" := '23:59'`,
      18: `"report.submitted_at" := '00:00'`,
    };
    const parquet = await parquetWithChanges("typed-bad", texts, (column) =>
      Object.fromEntries(
        Object.entries(changes).flatMap(([line, change]) => {
          const [name, given] = change.split(" := ");
          return name === `"${column}"` && given !== undefined ? [[line, given] as const] : [];
        }),
      ),
    );
    const expected = [
      '{"line":2,"errors":["person.loan_requested: expected an amount in yuan, not negative, with at most two decimals, got \\"-0.01\\""]}',
      '{"line":4,"errors":["enterprise.indicators.profit.current: expected a number below 10^17 with at most 10 decimals (DuckDB\'s exact range), got \\"100000000000000000.0000000000\\""]}',
      '{"line":5,"errors":["enterprise.indicators.revenue.current: expected a number below 10^17 with at most 10 decimals (DuckDB\'s exact range), got \\"-100000000000000000.0000000000\\""]}',
      '{"line":7,"errors":["parameters.refund_rate_sme: expected a percentage such as \\"60%\\" or \\"12.5\\", not negative, with at most four decimals, got \\"1000000000000.0000\\""]}',
      '{"line":9,"errors":["enterprise.size: expected one of large, medium, small, micro, got \\"monitored\\""]}',
      '{"line":10,"errors":["placement.start: expected a date YYYY-MM-DD, got \\"10000-01-01\\""]}',
      '{"line":11,"errors":["person.insured_months: expected a non-negative integer, got \\"-3\\""]}',
      ...["24:00", "9:30", "07:60", " 07:00"].map((time, index) => `{"line":${13 + index},"errors":["report.submitted_at: expected a time HH:MM, got \\"${time}\\""]}`),
    ];
    await expectRejectedBothWays(parquet, "typed-bad", expected, [1, 3, 6, 8, 12, 17, 18]);
  }, 120_000);

  it("rejects the bad items of a Parquet LIST of STRUCTs, each named by its place and field, whether the rows are checked before or as they are evaluated", async () => {
    const texts = Array.from({ length: 8 }, (_, index) => scenarioText(19, index));
    const trainee = (group: string, absorbed: string, months: string): string => `{'target_group': ${group}, 'newly_absorbed': ${absorbed}, 'months': ${months}}`;
    const trainees: Record<number, string> = {
      2: `[${trainee("'none'", "true", "2")}, ${trainee("'monitored'", "true", "2")}]`,
      3: `[${trainee("''", "true", "2")}]`,
      4: `[${trainee("NULL", "NULL", "-1")}]`,
      5: `[${trainee("'poor_labor'", "false", "0")}, ${trainee("'registered_unemployed'", "true", "9007199254740991")}]`,
      6: "[]",
    };
    const placements: Record<number, string> = {
      7: `[{'hukou_lanzhou': true, 'poverty_status': 'Monitored', 'contract_signed': true, 'performed_months': 6}]`,
    };
    const parquet = await parquetWithChanges("items-bad", texts, (column, type) => {
      const lists = column === "enterprise.trainees" ? trainees : column === "agency.placements" ? placements : {};
      return Object.fromEntries(Object.entries(lists).map(([line, list]) => [line, `CAST(${list} AS ${type})`]));
    });
    const expected = [
      '{"line":2,"errors":["enterprise.trainees[1].target_group: expected one of poor_labor, employment_difficulty, zero_employment_family, graduate_within_2_years, registered_unemployed, none, got \\"monitored\\""]}',
      '{"line":3,"errors":["enterprise.trainees[0].target_group: missing"]}',
      '{"line":4,"errors":["enterprise.trainees[0].target_group: missing","enterprise.trainees[0].newly_absorbed: missing","enterprise.trainees[0].months: expected a non-negative integer, got \\"-1\\""]}',
      '{"line":7,"errors":["agency.placements[0].poverty_status: expected one of poverty_alleviated, monitored, none, got \\"Monitored\\""]}',
    ];
    await expectRejectedBothWays(parquet, "items-bad", expected, [1, 5, 6, 8]);
  }, 120_000);

  it("rejects the items of a Parquet LIST of STRUCTs with a field missing where the file's statistics prove every whole number of the items in range", async () => {
    const texts = Array.from({ length: 6 }, (_, index) => scenarioText(23, index));
    const trainee = (group: string, absorbed: string, months: string): string => `{'target_group': ${group}, 'newly_absorbed': ${absorbed}, 'months': ${months}}`;
    const trainees: Record<number, string> = {
      2: `[${trainee("'none'", "true", "NULL")}]`,
      3: `[${trainee("'poor_labor'", "NULL", "3")}, ${trainee("'none'", "false", "9007199254740991")}]`,
      4: `[${trainee("'none'", "true", "0")}]`,
    };
    const placements: Record<number, string> = {
      5: `[{'hukou_lanzhou': true, 'poverty_status': 'monitored', 'contract_signed': true, 'performed_months': NULL}]`,
    };
    const parquet = await parquetWithChanges("items-missing", texts, (column, type) => {
      const lists = column === "enterprise.trainees" ? trainees : column === "agency.placements" ? placements : {};
      return Object.fromEntries(Object.entries(lists).map(([line, list]) => [line, `CAST(${list} AS ${type})`]));
    });
    // the statistics of the file prove the ranges (none below 0 or above 2^53 - 1)
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const ranges = (
      await connection.runAndReadAll(
        `SELECT min(TRY_CAST(stats_min_value AS HUGEINT)), max(TRY_CAST(stats_max_value AS HUGEINT)), bool_and(stats_min_value IS NOT NULL) FROM parquet_metadata('${parquet}') WHERE path_in_schema LIKE '%, months' OR path_in_schema LIKE '%, performed_months'`,
      )
    ).getRows();
    connection.closeSync();
    instance.closeSync();
    expect(ranges.map((row) => row.map(String))).toEqual([["0", "9007199254740991", "true"]]);
    const expected = [
      '{"line":2,"errors":["enterprise.trainees[0].months: missing"]}',
      '{"line":3,"errors":["enterprise.trainees[0].newly_absorbed: missing"]}',
      '{"line":5,"errors":["agency.placements[0].performed_months: missing"]}',
    ];
    await expectRejectedBothWays(parquet, "items-missing", expected, [1, 4, 6]);
  }, 120_000);

  it("leaves out of the cases' checks a typed column's range where every row group's statistics prove it, and keeps it where one row group's do not", async () => {
    // 4,400 rows in row groups of 2,048: the first row group without an override of the wage
    // (no value), the others with one in range; one bad number of months in the last row group
    const texts = Array.from({ length: 4 }, (_, index) => scenarioText(29, index));
    const base = await scratchParquet("groups-base.parquet", texts);
    const parquet = join(scratch.path, "groups.parquet");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${base}')`)).getRows().map((row) => [String(row[0]), String(row[1])] as const);
    const value = ([column]: readonly [string, string]): string =>
      column === "person.insured_months"
        ? `CASE WHEN n = 4300 THEN -3 ELSE "${column}" END AS "${column}"`
        : column === "parameters.minimum_wage_class1"
          ? `CASE WHEN n > 2048 THEN 2100.50 END AS "${column}"`
          : `"${column}"`;
    await connection.run(
      `COPY (SELECT ${described.map(value).join(", ")} FROM (SELECT *, row_number() OVER (ORDER BY r, line) AS n FROM (SELECT *, file_row_number AS line FROM read_parquet('${base}', file_row_number = true)), range(1100) AS t(r)) ORDER BY n) TO '${parquet}' (FORMAT parquet, ROW_GROUP_SIZE 2048)`,
    );
    const groups = (await connection.runAndReadAll(`SELECT count(DISTINCT row_group_id) FROM parquet_metadata('${parquet}')`)).getRows();
    expect(Number(groups[0]?.[0])).toBe(3);
    // what the engine's statements decide from the statistics
    const columnTypes = new Map((await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRows().map((row) => [String(row[0]), String(row[1])]));
    const input = flatInputSql(await lanzhouProgram(), parquet, "parquet", columnTypes);
    for (const statement of input.statements.filter((statement) => !statement.startsWith("DROP"))) await connection.run(statement);
    const proven = async (column: string): Promise<unknown> => (await connection.runAndReadAll(`SELECT ${statisticsProof(`tiao_statistics ${column}`)}`)).getRows()[0]?.[0];
    expect(await proven("person.insured_months")).toBe(false);
    expect(await proven("parameters.minimum_wage_class1")).toBe(true);
    expect(await proven("date")).toBe(true);
    expect(input.casesView(true)).toContain(statisticsProof("tiao_statistics parameters.minimum_wage_class1"));
    connection.closeSync();
    instance.closeSync();
    // the bad row is left out of the results and reported, the others evaluated
    const out = join(scratch.path, "groups-results.parquet");
    const run = tiao(["run", lanzhou, "--scenarios", parquet, "--out", out, "--engine", "duckdb"]);
    expect(run.stderr).toMatch(/^4400 scenarios, 1 with errors/);
    const ndjson = join(scratch.path, "groups.ndjson");
    expect(tiao(["run", lanzhou, "--scenarios", parquet, "--out", ndjson, "--engine", "duckdb"]).stderr).toMatch(/^4400 scenarios, 1 with errors/);
    expect(readFileSync(ndjson, "utf8").split("\n").filter((line) => line.startsWith('{"line":'))).toEqual(['{"line":4300,"errors":["person.insured_months: expected a non-negative integer, got \\"-3\\""]}']);
    const check = await DuckDBInstance.create(":memory:");
    const reading = await check.connect();
    const written = (await reading.runAndReadAll(`SELECT count(*), count(*) FILTER (WHERE line = 4300) FROM read_parquet('${out}')`)).getRows();
    reading.closeSync();
    check.closeSync();
    expect(written.map((row) => row.map(Number))).toEqual([[4399, 0]]);
  }, 120_000);

  it("computes a measure without the test of its facts where a Parquet file's statistics prove every case gives them, and with it where a row leaves one out", async () => {
    const texts = Array.from({ length: 300 }, (_, index) => scenarioText(11, index));
    // scenario 6 without person.insured (a BOOLEAN column), scenario 9 without person.ui_status (a text column), scenario 12 with an empty ui_status
    const leftOut = (text: string, fact: string): string => {
      const scenario = JSON.parse(text) as Record<string, Record<string, unknown>>;
      const [entity, field] = fact.split(".") as [string, string];
      delete scenario[entity]![field];
      return JSON.stringify(scenario);
    };
    const missing = texts.map((text, index) => (index === 5 ? leftOut(text, "person.insured") : index === 8 || index === 11 ? leftOut(text, "person.ui_status") : text));
    const whole = await scratchParquet("given-whole.parquet", texts);
    const partial = await parquetWithChanges("given-partial", missing, (column): Record<string, string> => (column === "person.ui_status" ? { 12: "''" } : {}));
    const proofs = async (parquet: string): Promise<Record<string, unknown>> => {
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      try {
        const columnTypes = new Map((await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRows().map((row) => [String(row[0]), String(row[1])]));
        const input = flatInputSql(await lanzhouProgram(), parquet, "parquet", columnTypes);
        for (const statement of input.statements.filter((statement) => !statement.startsWith("DROP"))) await connection.run(statement);
        const facts = ["person.insured", "person.ui_status", "enterprise.indicators", "enterprise.size"];
        const row = (await connection.runAndReadAll(`SELECT ${facts.map((fact) => input.givenProofs.get(fact) ?? "NULL").join(", ")}`)).getRows()[0] ?? [];
        return Object.fromEntries(facts.map((fact, index) => [fact, row[index]]));
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    };
    expect(await proofs(whole)).toEqual({ "person.insured": true, "person.ui_status": true, "enterprise.indicators": true, "enterprise.size": true });
    expect(await proofs(partial)).toEqual({ "person.insured": false, "person.ui_status": false, "enterprise.indicators": true, "enterprise.size": true });
    // each file's results are the Node engine's on the same scenarios: §4 left out where a case does not give its facts
    for (const [name, parquet, scenarios] of [["whole", whole, texts], ["partial", partial, missing]] as const) {
      const duckdb = tiao(["run", lanzhou, "--scenarios", parquet, "--out", join(scratch.path, `given-${name}-duckdb.ndjson`), "--engine", "duckdb"]);
      expect(duckdb.stderr).toMatch(SUMMARY);
      const ndjson = scratchFile(`given-${name}.ndjson`, scenarios.map((text) => `${text}\n`).join(""));
      const node = tiao(["run", lanzhou, "--scenarios", ndjson, "--out", join(scratch.path, `given-${name}-node.ndjson`)]);
      expect(node.status).toBe(0);
      const lines = readFileSync(join(scratch.path, `given-${name}-duckdb.ndjson`), "utf8");
      expect(lines).toBe(readFileSync(join(scratch.path, `given-${name}-node.ndjson`), "utf8"));
      expect(lines.split("\n").filter((line) => line.startsWith("{") && !line.includes('"m4":')).length).toBe(name === "whole" ? 0 : 3);
      const out = join(scratch.path, `given-${name}-results.parquet`);
      expect(tiao(["run", lanzhou, "--scenarios", parquet, "--out", out, "--engine", "duckdb"]).stderr).toMatch(SUMMARY);
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      const absent = (await connection.runAndReadAll(`SELECT line FROM read_parquet('${out}') WHERE "m4.total" IS NULL AND "m4.in_force" IS NULL ORDER BY line`)).getRows();
      connection.closeSync();
      instance.closeSync();
      expect(absent.map((row) => Number(row[0]))).toEqual(name === "whole" ? [] : [6, 9, 12]);
    }
  }, 120_000);

  it("reads an override that no row of a Parquet file gives without its column, and one that a row gives as the Node engine does", async () => {
    const texts = Array.from({ length: 200 }, (_, index) => scenarioText(11, index));
    const nodeLines = (name: string, scenarios: readonly string[]): string[] => {
      const ndjson = scratchFile(`override-${name}.ndjson`, scenarios.map((text) => `${text}\n`).join(""));
      const out = join(scratch.path, `override-${name}-node.ndjson`);
      expect(tiao(["run", lanzhou, "--scenarios", ndjson, "--out", out]).status).toBe(0);
      return readFileSync(out, "utf8").trim().split("\n");
    };
    // a case that gets §5's transport subsidy, which no scenario of the workload overrides
    const before = nodeLines("none", texts);
    const index = before.findIndex((line) => (JSON.parse(line) as { m5?: { transport_subsidy: string } }).m5?.transport_subsidy === "600.00");
    expect(index).toBeGreaterThanOrEqual(0);
    const overridden = texts.map((text, at) => {
      if (at !== index) return text;
      const scenario = JSON.parse(text) as Record<string, unknown>;
      return JSON.stringify({ ...scenario, parameters: { ...(scenario["parameters"] as object | undefined), transport_subsidy: "700.00" } });
    });
    const after = nodeLines("one", overridden);
    expect(JSON.parse(after[index]!).m5.transport_subsidy).toBe("700.00");
    for (const [name, scenarios, expected] of [["none", texts, before], ["one", overridden, after]] as const) {
      const parquet = await scratchParquet(`override-${name}.parquet`, scenarios);
      const instance = await DuckDBInstance.create(":memory:");
      const connection = await instance.connect();
      const columnTypes = new Map((await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRows().map((row) => [String(row[0]), String(row[1])]));
      const input = flatInputSql(await lanzhouProgram(), parquet, "parquet", columnTypes);
      for (const statement of input.statements.filter((statement) => !statement.startsWith("DROP"))) await connection.run(statement);
      const proven = (await connection.runAndReadAll(`SELECT ${statisticsProof("tiao_null parameters.transport_subsidy")}, ${statisticsProof("tiao_null parameters.ui_benefit_standard")}`)).getRows()[0];
      connection.closeSync();
      instance.closeSync();
      expect(proven).toEqual([name === "none", false]);
      const out = join(scratch.path, `override-${name}-duckdb.ndjson`);
      expect(tiao(["run", lanzhou, "--scenarios", parquet, "--out", out, "--engine", "duckdb"]).stderr).toMatch(SUMMARY);
      expect(readFileSync(out, "utf8").trim().split("\n")).toEqual(expected);
    }
  }, 120_000);

  it("runs the Lanzhou policy from NDJSON to Parquet, one column per output, as the Node engine computes it", async () => {
    const input = scratchFile("lanzhou.ndjson", Array.from({ length: 200 }, (_, index) => `${scenarioText(289, index)}\n`).join(""));
    const parquet = join(scratch.path, "lanzhou.parquet");
    const result = tiao(["run", lanzhou, "--scenarios", input, "--out", parquet, "--engine", "duckdb"]);
    expect(result.stderr).toMatch(SUMMARY);
    expect(result.status).toBe(0);
    const node = tiao(["run", lanzhou, "--scenarios", input, "--out", join(scratch.path, "lanzhou-node.ndjson")]);
    expect(node.status).toBe(0);
    const expected = readFileSync(join(scratch.path, "lanzhou-node.ndjson"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as Record<string, Record<string, unknown>>);
    // the outputs among few texts, which the run computes as ENUMs (SqlOptions.typedChoices): an enum's member, a set's members joined by commas
    const choices = ["m1.funding_source", "m2.channel", "m7.next_step", "m8.worker_entitlements", "m8.institution_entitlements", "m9.basis"];
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const types = (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet('${parquet}'))`)).getRows();
    const rows = (
      await connection.runAndReadAll(`SELECT line, CAST("m4.total" AS VARCHAR), ${choices.map((c) => `CAST("${c}" AS VARCHAR)`).join(", ")} FROM read_parquet('${parquet}') ORDER BY line`)
    ).getRows();
    connection.closeSync();
    instance.closeSync();
    expect(rows).toHaveLength(200);
    expect(rows.map((row) => String(row[1]))).toEqual(expected.map((line) => line["m4"]!["total"]));
    const asText = (value: unknown): string | null => (Array.isArray(value) ? value.join(",") : value === null || value === undefined ? null : String(value));
    choices.forEach((choice, index) => {
      const [measure, output] = choice.split(".") as [string, string];
      expect(rows.map((row) => row[index + 2] ?? null), choice).toEqual(expected.map((line) => asText(line[measure]![output])));
    });
    // the texts of those outputs in Parquet, as any text column
    expect(types.filter(([name]) => choices.includes(String(name))).map(([, type]) => String(type))).toEqual(choices.map(() => "VARCHAR"));
    // some of each output's values are texts (not all absent): the comparison is of values
    for (const [index, choice] of choices.entries()) if (!choice.startsWith("m8.")) expect(rows.some((row) => row[index + 2] !== null), choice).toBe(true);
  });

  it("reads Parquet with one column per fact path, lists as LISTs of STRUCTs, as the Node engine reads the same scenarios", async () => {
    const texts = Array.from({ length: 300 }, (_, index) => scenarioText(7, index));
    const ndjson = scratchFile("flat.ndjson", texts.map((text) => `${text}\n`).join(""));
    const parquet = await scratchParquet("flat.parquet", texts);
    const fromParquet = tiao(["run", lanzhou, "--scenarios", parquet, "--out", join(scratch.path, "flat-duckdb.ndjson"), "--engine", "duckdb"]);
    expect(fromParquet.stderr).toMatch(SUMMARY);
    expect(fromParquet.status).toBe(0);
    const node = tiao(["run", lanzhou, "--scenarios", ndjson, "--out", join(scratch.path, "flat-node.ndjson")]);
    expect(node.status).toBe(0);
    expect(readFileSync(join(scratch.path, "flat-duckdb.ndjson"), "utf8")).toBe(readFileSync(join(scratch.path, "flat-node.ndjson"), "utf8"));
  }, 120_000);

  it("shows its progress on a terminal while DuckDB checks and evaluates the cases of a Parquet file, in one pass", async () => {
    // 300 scenarios repeated into 400,200 rows: four row groups of Parquet, counted as DuckDB reads them
    const texts = Array.from({ length: 300 }, (_, index) => scenarioText(13, index));
    const parquet = join(scratch.path, "progress.parquet");
    await scratchParquet("progress-base.parquet", texts, async (engine, base) => {
      await engine.connection.run(`COPY (SELECT b.* FROM range(1334) AS copies, read_parquet('${base}') AS b) TO '${parquet}' (FORMAT parquet)`);
    });
    // a terminal for the command: \`script\` runs it in a pseudo-terminal
    const command = [process.execPath, join(repositoryRoot, "bin", "tiao.js"), "run", lanzhou, "--scenarios", parquet, "--out", join(scratch.path, "progress-out.parquet"), "--engine", "duckdb"];
    const result = spawnSync("script", ["-qec", command.map((word) => `'${word}'`).join(" "), "/dev/null"], { cwd: repositoryRoot, encoding: "utf8", timeout: 230_000, env: { ...process.env, TIAO_CACHE: "off" } });
    expect(result.status).toBe(0);
    const frames = result.stdout.split("\r").map((frame) => frame.replace(/\x1b\[K/g, "").trim()).filter((frame) => frame !== "");
    expect(frames.at(-1)).toMatch(/^400200 scenarios, 0 with errors, \d+\.\d s$/);
    // Parquet results: each row checked as it is evaluated, so one bar, between 0% and 100% before the end, and no pass that only checks
    const checked = frames.flatMap((frame) => /^([\d,]+) scenarios {2}[\d,]+\/s$/.exec(frame)?.[1] ?? []);
    expect(checked).toEqual([]);
    const percents = frames.flatMap((frame) => /^\[[█░]+\] +(\d+)% {2}([\d,]+) scenarios/.exec(frame)?.[1] ?? []).map(Number);
    expect(percents.some((percent) => percent > 0 && percent < 100)).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  }, 240_000);

  it("evaluates only the measures asked for with --measure, a case without one of their facts bad input, from NDJSON and Parquet, as the Node engine", async () => {
    // every third case lacks a fact of §4, every fifth one of §2 (both measures asked for) and every seventh one of §9 (not asked for);
    const texts = Array.from({ length: 120 }, (_, index) => {
      const scenario = JSON.parse(scenarioText(11, index)) as Record<string, Record<string, unknown>>;
      if (index % 3 === 0) delete scenario["person"]!["insured"];
      if (index % 5 === 0) delete scenario["enterprise"]!["size"];
      if (index % 7 === 0) delete scenario["employment"]!["paid"];
      // and every fourth overrides the end of the epidemic period to absent: in Parquet, the column `parameters.epidemic_period_end#absent`
      if (index % 4 === 0) scenario["parameters"] = { ...scenario["parameters"], epidemic_period_end: null };
      return JSON.stringify(scenario);
    });
    const ndjson = scratchFile("measures.ndjson", texts.map((text) => `${text}\n`).join(""));
    const parquet = await scratchParquet("measures.parquet", texts);
    const measures = ["--measure", "m4", "--measure", "m2"];
    const node = tiao(["run", lanzhou, "--scenarios", ndjson, "--out", join(scratch.path, "measures-node.ndjson"), ...measures]);
    expect(node.status).toBe(2);
    const expected = readFileSync(join(scratch.path, "measures-node.ndjson"), "utf8");
    const lines = expected.trim().split("\n");
    expect(lines[0]).toBe('{"line":1,"errors":["enterprise.size: missing: measure m2 needs this fact","person.insured: missing: measure m4 needs this fact"]}');
    expect(lines.filter((line) => line.startsWith('{"m2":{')).length).toBeGreaterThan(40);
    expect(lines.every((line) => !line.includes('"m9"'))).toBe(true);
    for (const [input, out] of [[ndjson, "measures-duckdb.ndjson"], [parquet, "measures-parquet.ndjson"]] as const) {
      const duckdb = tiao(["run", lanzhou, "--scenarios", input, "--out", join(scratch.path, out), "--engine", "duckdb", ...measures], { timeoutMs: 110_000 });
      expect(SUMMARY.exec(duckdb.stderr)?.slice(1)).toEqual(SUMMARY.exec(node.stderr)?.slice(1));
      expect(duckdb.status).toBe(2);
      expect(readFileSync(join(scratch.path, out), "utf8")).toBe(expected);
    }
    const unknown = tiao(["run", lanzhou, "--scenarios", ndjson, "--out", join(scratch.path, "none.ndjson"), "--engine", "duckdb", "--measure", "m44"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('error: --measure: the policy has no measure "m44"');
  }, 240_000);

  it("writes an output given for each member as the Node engine does in NDJSON, a LIST in Parquet and a JSON array in CSV", async () => {
    const policy = scratchFile("members.tiao", membersText);
    const input = scratchFile(
      "members.ndjson",
      [
        '{"date":"2021-06-01","household":{"rent":"100.00","members":[{"salary":"1000.55","age":40,"born":"1981-02-28"},{"salary":"0","age":12}]}}',
        '{"date":"2022-06-01","household":{"rent":"100.00","members":[]}}',
        '{"date":"2021-06-01","household":{"rent":"100.00","members":[{"salary":"5","age":10}]}}',
      ].join("\n") + "\n",
    );
    const node = tiao(["run", policy, "--scenarios", input, "--out", join(scratch.path, "members-node.ndjson")]);
    const duckdb = tiao(["run", policy, "--scenarios", input, "--out", join(scratch.path, "members-duckdb.ndjson"), "--engine", "duckdb"]);
    expect([node.status, duckdb.status]).toEqual([3, 3]);
    const expected = readFileSync(join(scratch.path, "members-node.ndjson"), "utf8");
    expect(expected).toContain('"net":["900.49","0.00"]');
    expect(readFileSync(join(scratch.path, "members-duckdb.ndjson"), "utf8")).toBe(expected);

    const csv = join(scratch.path, "members.csv");
    expect(tiao(["run", policy, "--scenarios", input, "--out", csv, "--engine", "duckdb"]).status).toBe(3);
    const [columns, first, second, third] = readFileSync(csv, "utf8").split("\n");
    expect(columns).toBe("line,evaluation_error,net.in_force,net.net,net.taxes,net.taxed_adults,net.all_old,net.after_rent,tax.in_force,tax.tax,tax.weight,tax.born,tax.adult");
    expect(first).toBe('1,,true,"[900.49,0.00]",100.06,1,true,-0.06,true,"[100.06,0.00]","[40000000,12000000]","[""1981-02-28"",null]","[true,false]"');
    expect(second).toBe("2,,true,[],0.00,0,true,100.00,false,[],[],[],[]");
    expect(third?.startsWith(`3,"no rule gives \`tax\` a value for this case`)).toBe(true);

    const parquet = join(scratch.path, "members.parquet");
    expect(tiao(["run", policy, "--scenarios", input, "--out", parquet, "--engine", "duckdb"]).status).toBe(3);
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      const read = await connection.runAndReadAll(`SELECT CAST("net.net" AS VARCHAR), CAST("tax.born" AS VARCHAR), typeof("net.net") FROM read_parquet('${parquet}') ORDER BY line`);
      expect(read.getRows()).toEqual([
        ["[900.49, 0.00]", "[1981-02-28, NULL]", "DECIMAL(18,2)[]"],
        ["[]", "[]", "DECIMAL(18,2)[]"],
        // the member without a rule for its tax: no value
        ["[NULL]", "[NULL]", "DECIMAL(18,2)[]"],
      ]);
    } finally {
      connection.closeSync();
    }
  }, 120_000);
});
