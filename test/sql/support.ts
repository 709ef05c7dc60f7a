/**
 * What the SQL tests share: the Lanzhou policy, the workload's scenarios as NDJSON, the line
 * each engine writes for a scenario (interpreter, compiled JavaScript, DuckDB, PostgreSQL),
 * and a comparison that prints the scenario of any line where two engines differ.
 */
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import { evaluateScenario, naturalMeasureOrder, problemLine } from "../../compiler/evaluate-scenario.js";
import { evaluate } from "../../compiler/interpret.js";
import { EvaluationError, type Scenario } from "../../runtime/index.js";
import { CaseFiles } from "../../node/sql/case-files.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { decimalBeyondDuckdb } from "../../compiler/sql/expression.js";
import { readScenarioLines } from "../../node/sql/cases.js";
import { DuckdbEngine } from "../../node/sql/duckdb.js";
import { PostgresEngine, type PostgresServer } from "../../node/sql/postgres.js";
import type { Dialect } from "../../compiler/sql/dialect.js";
import { afterAll, beforeAll } from "vitest";
import { startPostgres, type LocalPostgres } from "../../bench/postgres-server.js";
import { repositoryRoot } from "../emit/compiled.js";
import { scenarioJsonArbitrary } from "../fuzz/scenario-json.js";

export async function lanzhouProgram(): Promise<ProgramIR> {
  const compiled = await compilePolicy(readPolicy(join(repositoryRoot, "policies", "lanzhou-2021-289")));
  if (compiled.program === undefined) throw new Error("the Lanzhou policy does not compile");
  return compiled.program;
}

export function temporaryFolder(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `tiao-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The line the interpreter gives a scenario, in the form of `tiao run --scenarios`. */
export function interpreterLine(program: ProgramIR, text: string, lineNumber: number): string {
  const outcome = evaluateScenario(program, { scenario: text });
  switch (outcome.kind) {
    case "evaluated":
      return JSON.stringify(outcome.json);
    case "bad_input":
      return `{"line":${lineNumber},"errors":${JSON.stringify(outcome.problems.map(problemLine))}}`;
    case "evaluation_error":
      return `{"line":${lineNumber},"evaluation_error":${JSON.stringify(outcome.error.message)}}`;
  }
}

/**
 * The scenarios of a differential test of a policy about a person: the persons written by
 * hand (on 2024-06-01), then `numRuns` seeded random scenarios (lists of at most six items),
 * each with the line the interpreter gives it.
 */
export function personScenarios(program: ProgramIR, persons: readonly Record<string, unknown>[], numRuns = 1500): { texts: string[]; expected: string[] } {
  const written = persons.map((person) => JSON.stringify({ date: "2024-06-01", person }));
  const random = fc.sample(scenarioJsonArbitrary(program, { maxListLength: 6 }), { seed: 289, numRuns });
  const texts = [...written, ...random];
  return { texts, expected: texts.map((line, index) => interpreterLine(program, line, index + 1)) };
}

/** The lines the compiled JavaScript gives, as the Node engine writes them. */
export async function compiledLines(program: ProgramIR, texts: readonly string[]): Promise<string[]> {
  // the built module: the generated JavaScript imports the built runtime (dist/runtime/)
  const { emitGeneratedModule, importGeneratedModule, lineEvaluator } = (await import(
    join(repositoryRoot, "dist", "bin", "compiled-policy.js")
  )) as typeof import("../../bin/compiled-policy.js");
  const evaluateLine = lineEvaluator(program, await importGeneratedModule(await emitGeneratedModule(program)));
  return texts.map((text, index) => {
    const outcome = evaluateLine(text, index + 1);
    switch (outcome.kind) {
      case "evaluated":
        return outcome.json;
      case "bad_input":
        return `{"line":${index + 1},"errors":${JSON.stringify(outcome.problems)}}`;
      case "evaluation_error":
        return `{"line":${index + 1},"evaluation_error":${JSON.stringify(outcome.message)}}`;
    }
  });
}

/** The case files of scenarios given as lines of NDJSON, for `dialect`. */
export async function caseFilesOf(program: ProgramIR, texts: readonly string[], folder: string, dialect: Dialect) {
  const files = join(folder, dialect);
  mkdirSync(files, { recursive: true });
  return readScenarioLines(program, Readable.from([Buffer.from(texts.map((t) => `${t}\n`).join(""))]), files, dialect);
}

/** The lines DuckDB gives: one load, one query. */
export async function duckdbLines(
  program: ProgramIR,
  texts: readonly string[],
  folder: string,
  options: { readonly maxPeriods?: number; readonly flatResults?: boolean } = {},
): Promise<string[]> {
  const read = await caseFilesOf(program, texts, folder, "duckdb");
  const engine = await DuckdbEngine.open(program, options.flatResults === undefined ? {} : { flatResults: options.flatResults });
  try {
    await engine.loadCaseFiles(read.files.files);
    await engine.materializeParameters(options.maxPeriods === undefined ? {} : { maxPeriods: options.maxPeriods });
    return await engine.resultLines();
  } finally {
    engine.close();
  }
}

/** Lines where an engine differs from the interpreter, each with its scenario. */
export function mismatches(texts: readonly string[], expected: readonly string[], actual: readonly string[], engine: string): string[] {
  const found: string[] = [];
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    if (expected[index] !== actual[index]) {
      found.push(`${engine}, scenario ${index + 1}: ${texts[index]}\n  interpreter: ${expected[index]}\n  ${engine}: ${actual[index]}`);
    }
  }
  return found;
}

/** The line the interpreter gives a scenario already read (as `tiao run --scenarios` writes it). */
export function interpreterLineOf(program: ProgramIR, scenario: Scenario, lineNumber: number): string {
  try {
    const { outputs } = evaluate(program, scenario);
    const measures = Object.keys(outputs).sort(naturalMeasureOrder);
    return JSON.stringify(Object.fromEntries(measures.map((name) => [name, outputs[name]])));
  } catch (error) {
    if (error instanceof EvaluationError) return `{"line":${lineNumber},"evaluation_error":${JSON.stringify(error.message)}}`;
    throw error;
  }
}

/**
 * The lines DuckDB gives scenarios already read, by case number (1-based); a scenario the
 * layout cannot hold in DuckDB (a decimal beyond its range) has none, and is counted.
 */
export async function duckdbLinesOf(
  program: ProgramIR,
  scenarios: readonly Scenario[],
  folder: string,
  options: { readonly flatResults?: boolean; readonly oneQuery?: boolean } = {},
): Promise<{ lines: Map<number, string>; refused: number }> {
  const files = new CaseFiles(program, folder, "duckdb");
  let refused = 0;
  scenarios.forEach((scenario, index) => {
    if (files.add(index + 1, scenario).length > 0) refused++;
  });
  await files.close();
  const oneQuery = options.oneQuery === true;
  const engine = await DuckdbEngine.open(program, { flatResults: options.flatResults === true, withoutViews: oneQuery });
  try {
    await engine.loadCaseFiles(files.files);
    // the views of the files (tiao_results), or, as `tiao run --engine duckdb` computes them, one
    // query of the measures' steps merged by layer (layeredChain)
    const lines = oneQuery ? `(${engine.resultsQuery("lines")})` : "tiao_results";
    const result = await engine.connection.runAndReadAll(`SELECT "#case", line FROM ${lines} ORDER BY "#case"`);
    return { lines: new Map(result.getRows().map(([caseNumber, line]) => [Number(caseNumber), String(line)])), refused };
  } finally {
    engine.close();
  }
}

/** A scenario as text for a report (decimals and dates as the runtime holds them). */
export function scenarioReport(scenario: Scenario): string {
  return JSON.stringify(scenario, (_key, value: unknown) => (typeof value === "bigint" ? `${value}n` : value));
}


/** The lines PostgreSQL gives, in a schema of their own on `server`: one load, one query. */
export async function postgresLines(program: ProgramIR, texts: readonly string[], folder: string, server: PostgresServer): Promise<string[]> {
  const read = await caseFilesOf(program, texts, folder, "postgres");
  const engine = await PostgresEngine.open(program, server, "tiao_differential");
  try {
    await engine.loadCaseFiles(read.files.files);
    return await engine.resultLines();
  } finally {
    await engine.drop();
  }
}

/** The lines PostgreSQL gives scenarios already read, by case number (1-based), in a schema of their own on `server`. */
export async function postgresLinesOf(program: ProgramIR, scenarios: readonly Scenario[], folder: string, server: PostgresServer): Promise<Map<number, string>> {
  const files = new CaseFiles(program, folder, "postgres");
  scenarios.forEach((scenario, index) => {
    const problems = files.add(index + 1, scenario);
    if (problems.length > 0) throw new Error(`scenario ${index + 1} does not fit PostgreSQL's layout: ${problems.join("; ")}`);
  });
  await files.close();
  const engine = await PostgresEngine.open(program, server, "tiao_scenarios");
  try {
    await engine.loadCaseFiles(files.files);
    const output = await engine.psql(`\\set FETCH_COUNT 10000\nSELECT "#case" || ' ' || line FROM tiao_results ORDER BY "#case";\n`);
    const lines = output === "" ? [] : output.replace(/\n$/, "").split("\n");
    return new Map(lines.map((line) => [Number(line.slice(0, line.indexOf(" "))), line.slice(line.indexOf(" ") + 1)]));
  } finally {
    await engine.drop();
  }
}

/**
 * Whether DuckDB's line for the case numbered `lineNumber` is what it writes beyond its
 * decimals (docs/sql.md): the case's error `decimalBeyondDuckdb`, never a value, or a fact
 * beyond them not read (its line says so).
 */
export function beyondDuckdb(line: string | undefined, lineNumber: number): boolean {
  return (
    line === `{"line":${lineNumber},"evaluation_error":${JSON.stringify(decimalBeyondDuckdb)}}` ||
    (line?.startsWith(`{"line":${lineNumber},"errors":[`) === true && line.includes("DuckDB holds a decimal exactly"))
  );
}

/**
 * DuckDB's lines for scenarios given as NDJSON, compared with the interpreter's (`expected`):
 * the lines that differ, each with its scenario, and for each scenario whether DuckDB's line is
 * beyond its decimals (not compared).
 */
export async function duckdbComparison(
  program: ProgramIR,
  texts: readonly string[],
  folder: string,
  expected: readonly string[] = texts.map((text, index) => interpreterLine(program, text, index + 1)),
): Promise<{ mismatches: string[]; beyond: boolean[] }> {
  const lines = await duckdbLines(program, texts, folder);
  const beyond = lines.map((line, index) => beyondDuckdb(line, index + 1));
  const compared = lines.map((line, index) => (beyond[index] === true ? (expected[index] ?? "") : line));
  return { mismatches: mismatches(texts, expected, compared, "DuckDB"), beyond };
}

/**
 * DuckDB's and PostgreSQL's lines for scenarios already read, compared with the
 * interpreter's: the lines that differ, each with its scenario; how many lines were compared
 * (both engines counted), how many DuckDB wrote beyond its decimals (not compared) or could
 * not hold in its layout (no line), and how many scenarios are evaluation errors.
 */
export async function scenarioComparison(
  program: ProgramIR,
  scenarios: readonly Scenario[],
  folder: string,
  postgres: PostgresServer,
): Promise<{ mismatches: string[]; compared: number; beyondDuckdb: number; refusedByDuckdb: number; errors: number }> {
  for (const engine of ["duckdb", "postgres"]) mkdirSync(join(folder, engine), { recursive: true });
  const duckdb = await duckdbLinesOf(program, scenarios, join(folder, "duckdb"));
  const oneQuery = await duckdbLinesOf(program, scenarios, join(folder, "duckdb"), { oneQuery: true });
  const pg = await postgresLinesOf(program, scenarios, join(folder, "postgres"), postgres);
  const found: string[] = [];
  let compared = 0;
  let beyond = 0;
  let errors = 0;
  scenarios.forEach((scenario, index) => {
    const expected = interpreterLineOf(program, scenario, index + 1);
    if (expected.includes('"evaluation_error"')) errors++;
    const lines: [string, string | undefined][] = [
      ["PostgreSQL", pg.get(index + 1)],
      ["DuckDB", duckdb.lines.get(index + 1)],
      ["DuckDB (one query)", oneQuery.lines.get(index + 1)],
    ];
    for (const [engine, line] of lines) {
      if (engine.startsWith("DuckDB") && beyondDuckdb(line, index + 1)) {
        beyond++;
        continue;
      }
      compared++;
      if (line !== expected) found.push(`${engine}, scenario ${index + 1}: ${scenarioReport(scenario)}\n  interpreter: ${expected}\n  ${engine}: ${line}`);
    }
  });
  return { mismatches: found, compared, beyondDuckdb: beyond, refusedByDuckdb: duckdb.refused, errors };
}

/**
 * A PostgreSQL server for the tests of the `describe` this is called in, started before them
 * and stopped after them, and a temporary folder for their files, removed after them.
 */
export function postgresForTests(prefix: string): { readonly folder: string; server: () => PostgresServer } {
  let postgres: LocalPostgres | undefined;
  const folder = temporaryFolder(prefix);
  beforeAll(async () => {
    postgres = await startPostgres();
  }, 120_000);
  afterAll(() => {
    postgres?.stop();
    folder.remove();
  });
  return {
    folder: folder.path,
    server: () => {
      if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
      return postgres;
    },
  };
}
