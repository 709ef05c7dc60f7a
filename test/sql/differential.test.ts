/**
 * The heart of the SQL target: on 10,000 seeded scenarios of the benchmark's workload (dates,
 * amounts and counts drawn around the policy's boundaries), the interpreter, the compiled
 * JavaScript, DuckDB and PostgreSQL write the same line for every scenario, byte for byte.
 * Each engine loads the scenarios once and answers in one query.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgramIR } from "../../compiler/ir.js";
import { scenarioText } from "../../bench/workload.js";
import { startPostgres, type LocalPostgres } from "../../bench/postgres-server.js";
import { DuckdbEngine } from "../../node/sql/duckdb.js";
import { caseFilesOf, compiledLines, duckdbLines, interpreterLine, lanzhouProgram, mismatches, postgresLines, temporaryFolder } from "./support.js";

const SCENARIOS = 10_000;
const SEED = 289;

describe("the SQL target agrees with the interpreter on the Lanzhou policy", () => {
  let program: ProgramIR;
  let texts: string[];
  let expected: string[];
  let postgres: LocalPostgres | undefined;
  const folder = temporaryFolder("differential");

  beforeAll(async () => {
    postgres = await startPostgres();
    program = await lanzhouProgram();
    texts = Array.from({ length: SCENARIOS }, (_, index) => scenarioText(SEED, index));
    expected = texts.map((text, index) => interpreterLine(program, text, index + 1));
  }, 120_000);
  afterAll(() => {
    postgres?.stop();
    folder.remove();
  });

  it("compiled JavaScript", async () => {
    expect(mismatches(texts, expected, await compiledLines(program, texts), "compiled JavaScript").slice(0, 5)).toEqual([]);
  });

  it("DuckDB", async () => {
    expect(mismatches(texts, expected, await duckdbLines(program, texts, folder.path), "DuckDB").slice(0, 5)).toEqual([]);
  }, 120_000);

  it("DuckDB, the outputs among few texts computed as the ENUMs of the flat results", async () => {
    expect(mismatches(texts, expected, await duckdbLines(program, texts, folder.path, { flatResults: true }), "DuckDB (choices as ENUMs)").slice(0, 5)).toEqual([]);
  }, 120_000);

  it("DuckDB, each parameter read from the list of its values by day rather than as a CASE on the date", async () => {
    const first = texts.slice(0, 2000);
    expect(mismatches(first, expected.slice(0, 2000), await duckdbLines(program, first, folder.path, { maxPeriods: 0 }), "DuckDB (list by day)").slice(0, 5)).toEqual([]);
  }, 120_000);

  it("overrides to absent, and parameters without a value on the case's date, in DuckDB and PostgreSQL as in the interpreter", async () => {
    if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
    // optional parameters overridden to absent (null), and dates before some parameters have a value: an error only where one is read
    const cases = Array.from({ length: 600 }, (_, index) => {
      const scenario = JSON.parse(scenarioText(SEED + 1, index)) as { date: string; parameters?: Record<string, unknown> };
      const parameters = { ...scenario.parameters };
      if (index % 3 === 0) parameters["epidemic_period_end"] = null;
      if (index % 4 === 0) parameters["report_deadline_county"] = null;
      // the measures in force before the dated parameters have a value (the epidemic period moved earlier)
      if (index % 5 === 0) {
        scenario.date = index % 10 === 0 ? "2019-06-01" : "2016-03-15";
        parameters["epidemic_period_start"] = "2015-01-01";
      }
      return { text: JSON.stringify({ ...scenario, parameters }), withoutAbsent: JSON.stringify({ ...scenario, parameters: Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== null)) }) };
    });
    const absentTexts = cases.map((c) => c.text);
    const absentExpected = absentTexts.map((text, index) => interpreterLine(program, text, index + 1));
    // the overrides change results, and some cases read a parameter on a date where it has no value
    const withoutAbsent = cases.map((c, index) => interpreterLine(program, c.withoutAbsent, index + 1));
    expect(absentExpected.filter((line, index) => line !== withoutAbsent[index]).length).toBeGreaterThan(10);
    expect(absentExpected.filter((line) => line.includes("has no value on")).length).toBeGreaterThan(10);
    expect(absentExpected.filter((line) => !line.includes("evaluation_error")).length).toBeGreaterThan(300);
    expect(mismatches(absentTexts, absentExpected, await duckdbLines(program, absentTexts, folder.path), "DuckDB").slice(0, 5)).toEqual([]);
    expect(mismatches(absentTexts, absentExpected, await postgresLines(program, absentTexts, folder.path, postgres), "PostgreSQL").slice(0, 5)).toEqual([]);
  }, 240_000);

  it("DuckDB refuses a parameters table with two values of one parameter in force on one date, as a subquery of two rows is refused", async () => {
    const read = await caseFilesOf(program, texts.slice(0, 20), `${folder.path}/overlap`, "duckdb");
    const engine = await DuckdbEngine.open(program);
    try {
      await engine.loadCaseFiles(read.files.files);
      await engine.connection.run("INSERT INTO tiao_parameter_values (name, valid_from, valid_until, number_value) VALUES ('transport_subsidy', DATE '2000-01-01', NULL, 100)");
      await expect(engine.materializeParameters()).rejects.toThrow(/the parameters table has two values of transport_subsidy on \d{4}-\d{2}-\d{2}/);
    } finally {
      engine.close();
    }
  });

  it("PostgreSQL", async () => {
    if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
    expect(mismatches(texts, expected, await postgresLines(program, texts, folder.path, postgres), "PostgreSQL").slice(0, 5)).toEqual([]);
  }, 240_000);
});
