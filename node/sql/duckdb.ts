/**
 * The embedded engine: a population evaluated inside DuckDB (`@duckdb/node-api`, in this
 * process, no server) with the SQL the SQL target emits for the policy. Cases come from
 * NDJSON (read as the Node engine reads it, node/sql/cases.ts), CSV or Parquet (one column
 * per fact path, docs/sql.md); results go to NDJSON, CSV or Parquet.
 */
import { statSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection, type DuckDBMaterializedResult, type DuckDBResult } from "@duckdb/node-api";
import type { ProgramIR } from "../../compiler/ir.js";
import {
  allLinesSql,
  CASE_FACTS_VIEW,
  CASE_RESULTS_VIEW,
  caseParameterColumns,
  emitSql,
  parametersOnDatesJoinSql,
  sqlParameters,
  resultsQueries,
  resultsViewsSql,
  withChain,
  layeredChain,
  FLAT_RESULTS_VIEW,
  PARAMETERS_ON_DATES_VIEW,
  REJECTED_TABLE,
  RESULTS_FILE,
  RESULTS_VIEW,
  SETUP_FILE,
  type MeasureSteps,
  type SqlEmission,
} from "../../compiler/sql/emit.js";
import { CASE_COLUMN, CASES_TABLE, DATE_COLUMN, identifier, stringLiteral } from "../../compiler/sql/tables.js";
import type { CaseFile } from "./case-files.js";

/** The column of the flat results that holds a case's evaluation error (NULL: none). */
const EVALUATION_ERROR = "evaluation_error";

/** how often a run's progress is read from DuckDB */
const PROGRESS_MS = 100;

/** ~110 years: the list of parameters by day stays within some megabytes */
const MAX_DAYS_INDEXED = 40_000;

/** beyond as many changes of value over the cases' dates, a parameter is read from the list by day */
const MAX_PERIODS = 64;

export class DuckdbEngine {
  /** whether the cases' results come in the cases' order (materializeParameters) */
  private ordered = true;
  /**
   * A query of the cases' dates (column `#date`) cheaper than reading `tiao_cases`, when the
   * cases are a view that checks every value: the dates of every row of the file, good or not
   */
  caseDates: string | undefined;
  /**
   * The facts every case gives, known before the measures are computed (`proveFactsGiven`):
   * `materializeParameters` computes the measures without testing their presence
   * (`SqlOptions.factsGiven`)
   */
  private factsGiven: ReadonlySet<string> = new Set();
  /**
   * With `open`'s `withoutViews`: the columns of the measures' views, which the queries of the
   * results compute, merged by layer (`layeredChain`, `withChain`), instead of reading views;
   * undefined when the views are created.
   */
  private steps: readonly MeasureSteps[] | undefined;
  /** The measures asked for by name (`selectMeasures`), when the views are not created. */
  private measures: readonly string[] | undefined;
  /** With `open`'s `flatResults`: the outputs among few texts computed as ENUMs (`SqlOptions.typedChoices`). */
  private typedChoices = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
    private readonly program: ProgramIR,
  ) {}

  /**
   * An in-memory database holding the policy's tables, parameters and views. With
   * `withoutViews`, the measures' views and the results' are not created: each query of the
   * results holds the measures' queries it reads (`withChain`), made again by
   * `materializeParameters` knowing the parameters in force on the cases' dates. Creating a
   * view binds the views of every measure before it: for the ten measures of Lanzhou, the
   * views cost some 0.4 s a run, which one query that binds the chain once does not. With
   * `flatResults` (the run writes the flat results, not the lines), the outputs whose value
   * is one of few texts are computed as the ENUMs the flat results hold
   * (`SqlOptions.typedChoices`).
   */
  static async open(
    program: ProgramIR,
    options: {
      readonly threads?: number;
      readonly memoryLimit?: string;
      readonly temporaryDirectory?: string;
      readonly withoutViews?: boolean;
      readonly flatResults?: boolean;
    } = {},
  ): Promise<DuckdbEngine> {
    const typedChoices = options.flatResults === true;
    const emission = sqlEmission(program, typedChoices);
    const settings: Record<string, string> = {};
    if (options.threads !== undefined) settings["threads"] = String(options.threads);
    if (options.memoryLimit !== undefined) settings["memory_limit"] = options.memoryLimit;
    if (options.temporaryDirectory !== undefined) settings["temp_directory"] = options.temporaryDirectory;
    const instance = await DuckDBInstance.create(":memory:", settings);
    const connection = await instance.connect();
    const withoutViews = options.withoutViews === true;
    for (const file of emission.files) if (!withoutViews || file.name === SETUP_FILE) await connection.run(file.text);
    const engine = new DuckdbEngine(instance, connection, program);
    engine.typedChoices = typedChoices;
    if (withoutViews) engine.steps = emission.steps;
    return engine;
  }

  /**
   * A query of the results: each case's line (`"#case"`, `line`), every line (those of the
   * scenarios not read too), or the flat results; from the views, or with the measures'
   * queries it reads.
   */
  resultsQuery(results: "lines" | "all lines" | "flat"): string {
    if (this.steps === undefined) return `SELECT * FROM ${results === "lines" ? CASE_RESULTS_VIEW : results === "flat" ? FLAT_RESULTS_VIEW : RESULTS_VIEW}`;
    const queries = resultsQueries(this.program, "duckdb", this.measures);
    const select = results === "lines" ? queries.lines : results === "flat" ? queries.flat : allLinesSql(`(${queries.lines}) AS lines`);
    return withChain(layeredChain(this.steps, this.measures), queries.reads, select);
  }

  /**
   * The facts whose proof holds (`flatInputSql`'s `givenProofs`: fields of the DuckDB variable
   * its statements set from a Parquet file's statistics) are those every case gives.
   */
  async proveFactsGiven(proofs: ReadonlyMap<string, string>): Promise<void> {
    if (proofs.size === 0) return;
    const facts = [...proofs.keys()];
    const result = await this.connection.runAndReadAll(`SELECT ${facts.map((fact) => proofs.get(fact)!).join(", ")}`);
    const row = result.getRows()[0] ?? [];
    this.factsGiven = new Set(facts.filter((_, index) => row[index] === true));
  }

  /** Loads CSV files written in the layout (node/sql/case-files.ts). */
  async loadCaseFiles(files: readonly CaseFile[]): Promise<void> {
    for (const file of files) {
      if (statSync(file.path).size === 0) continue;
      await this.connection.run(
        `COPY ${identifier(file.table)} FROM ${stringLiteral(file.path)} (FORMAT csv, AUTO_DETECT false, HEADER false, ALLOW_QUOTED_NULLS false, QUOTE '"', ESCAPE '"', DELIMITER ',')`,
      );
    }
  }

  /**
   * Once the cases are loaded: the parameters in force on their dates computed once, into a
   * table of the view's name, instead of once for each case. A parameter with the same value
   * (and presence) on every date of the cases is then a constant of the query; the others are
   * a CASE on the case's date over the runs of dates with one value (parameterPeriods), or,
   * when one has more than `maxPeriods` runs and the cases' dates span at most
   * MAX_DAYS_INDEXED days, come from a list indexed by the day, which each case reads without
   * a join. DuckDB's hash joins do not keep the order of
   * the rows, and the list does, so the results come in the cases' order without being sorted.
   */
  async materializeParameters(options: { readonly maxPeriods?: number } = {}): Promise<void> {
    const view = identifier(PARAMETERS_ON_DATES_VIEW);
    const dates = this.caseDates === undefined ? CASES_TABLE : `(${this.caseDates})`;
    // the view's query (tiao-setup.sql), as one join rather than subqueries
    const computed = parametersOnDatesJoinSql(this.program, `(SELECT DISTINCT ${identifier(DATE_COLUMN)} FROM ${dates})`);
    await this.connection.run(`CREATE TABLE tiao_parameters_computed AS ${computed}`);
    await this.connection.run(`DROP VIEW ${view}`);
    await this.connection.run(`ALTER TABLE tiao_parameters_computed RENAME TO ${view}`);
    const parameters = sqlParameters(this.program);
    if (parameters.length === 0) return;
    const date = identifier(DATE_COLUMN);
    const read = await this.parameterRows();
    const constants = this.constantParameters(read);
    await this.recreateMeasures(this.parametersInForce(read));
    const varying = parameters.filter((p) => !constants.has(p.name));
    const periods = varying.length === 0 ? undefined : this.parameterPeriods(read, varying.flatMap((p) => [p.name, `${p.name} in force`]), options.maxPeriods ?? MAX_PERIODS);
    if (periods !== undefined) {
      const inForce = (field: string): string => constants.get(field) ?? periods.get(field)!;
      await this.connection.run(`CREATE OR REPLACE VIEW ${CASE_FACTS_VIEW} AS SELECT c.*,\n${caseParameterColumns(this.program, inForce).join(",\n")}\nFROM ${CASES_TABLE} AS c`);
      return;
    }
    const span = await this.connection.runAndReadAll(`SELECT min(${date}), max(${date}) - min(${date}) + 1 FROM ${view}`);
    const [first, days] = span.getRows()[0] ?? [null, null];
    if (varying.length > 0 && (first === null || Number(days) > MAX_DAYS_INDEXED)) {
      this.ordered = false;
      return;
    }
    const byDay = identifier("#parameters");
    const inForce = (field: string): string => constants.get(field) ?? `c.${byDay}.${identifier(field)}`;
    if (varying.length === 0) {
      await this.connection.run(`CREATE OR REPLACE VIEW ${CASE_FACTS_VIEW} AS SELECT c.*,\n${caseParameterColumns(this.program, inForce).join(",\n")}\nFROM ${CASES_TABLE} AS c`);
      return;
    }
    const fields = varying.flatMap((p) => [p.name, `${p.name} in force`]).map((name) => `${identifier(name)} := p.${identifier(name)}`);
    await this.connection.run(`SET VARIABLE tiao_first_day = (SELECT min(${date}) FROM ${view})`);
    await this.connection.run(
      `SET VARIABLE tiao_parameters_by_day = (SELECT list(CASE WHEN p.${date} IS NULL THEN NULL ELSE struct_pack(${fields.join(", ")}) END ORDER BY d.day) FROM (SELECT CAST(unnest(generate_series(min(${date}), max(${date}), INTERVAL 1 DAY)) AS DATE) AS day FROM ${view}) AS d LEFT JOIN ${view} AS p ON p.${date} = d.day)`,
    );
    await this.connection.run(
      `CREATE OR REPLACE VIEW ${CASE_FACTS_VIEW} AS SELECT c.* EXCLUDE (${byDay}),\n${caseParameterColumns(this.program, inForce).join(",\n")}\nFROM (SELECT c.*, getvariable('tiao_parameters_by_day')[c.${date} - getvariable('tiao_first_day') + 1] AS ${byDay} FROM ${CASES_TABLE} AS c) AS c`,
    );
  }

  /**
   * The parameters on the cases' dates, read once: each column's DuckDB type, and every row
   * (the dates in order, a row without a date first) with its values as text.
   */
  private async parameterRows(): Promise<ParameterRows> {
    const view = identifier(PARAMETERS_ON_DATES_VIEW);
    const date = identifier(DATE_COLUMN);
    const described = await this.connection.runAndReadAll(`DESCRIBE ${view}`);
    const types = new Map(described.getRows().map((row) => [String(row[0]), String(row[1])]));
    const fields = sqlParameters(this.program).flatMap((p) => [p.name, `${p.name} in force`]);
    const columns = fields.map((field) => `CAST(${identifier(field)} AS VARCHAR)`);
    const result = await this.connection.runAndReadAll(`SELECT CAST(${date} AS VARCHAR), ${columns.join(", ")} FROM ${view} ORDER BY ${date} NULLS FIRST`);
    const rows = result.getRows().map((row) => row.map((value) => (value === null || value === undefined ? null : String(value))));
    return { types, column: new Map(fields.map((field, index) => [field, index + 1])), rows };
  }

  /** The parameters in force on every date of the cases (a case may still override them). */
  private parametersInForce(read: ParameterRows): Set<string> {
    return new Set(
      this.program.parameters.filter((p) => {
        const index = read.column.get(`${p.name} in force`)!;
        return read.rows.length > 0 && read.rows.every((row) => row[index] === "true");
      }).map((p) => p.name),
    );
  }

  /**
   * The measures' views made again for the cases loaded, knowing the parameters in force on
   * every one of their dates: where they are read no error is computed (that a parameter
   * has no value on the case's date), which most reads of most runs are.
   */
  private async recreateMeasures(parametersGiven: ReadonlySet<string>): Promise<void> {
    const { factsGiven } = this;
    if (parametersGiven.size === 0 && factsGiven.size === 0) return;
    const { files, steps } = emitSql(this.program, { dialect: "duckdb", measureViews: false, parametersGiven, factsGiven, replaceViews: true, typedChoices: this.typedChoices });
    if (this.steps !== undefined) this.steps = steps;
    else for (const file of files) if (file.name !== SETUP_FILE && file.name !== RESULTS_FILE) await this.connection.run(file.text);
  }

  /**
   * Each of the columns `fields` of the parameters on the cases' dates as an expression of the
   * case's date (`CASE WHEN c."#date" <= DATE '2021-12-31' THEN … ELSE … END`): the cases'
   * dates in order, cut where the value changes, each run of dates its value as a constant.
   * A few comparisons a case, where reading the value from a list indexed by the day copied
   * that list (every day, every parameter) for each chunk of rows. Undefined when a column
   * has more than `maxPeriods` runs of one value (the list is read then).
   */
  private parameterPeriods(read: ParameterRows, fields: readonly string[], maxPeriods: number): Map<string, string> | undefined {
    const date = identifier(DATE_COLUMN);
    const rows = read.rows.filter((row) => row[0] !== null);
    if (rows.length === 0) return undefined;
    const periods = new Map<string, string>();
    for (const field of fields) {
      const index = read.column.get(field)!;
      const type = read.types.get(field) ?? "VARCHAR";
      const literal = (text: string | null): string => `CAST(${text === null ? "NULL" : stringLiteral(text)} AS ${type})`;
      // the last date of each run of dates with one value, and that value
      const runs: { last: string; value: string | null }[] = [];
      for (const row of rows) {
        const value = row[index] ?? null;
        const run = runs.at(-1);
        if (run !== undefined && run.value === value) run.last = row[0]!;
        else runs.push({ last: row[0]!, value });
      }
      if (runs.length > maxPeriods) return undefined;
      const branches = runs.slice(0, -1).map((run) => `WHEN c.${date} <= DATE ${stringLiteral(run.last)} THEN ${literal(run.value)}`);
      // a case without a date reads no parameter (as from the list, which has no day for it)
      periods.set(field, `CASE WHEN c.${date} IS NULL THEN CAST(NULL AS ${type}) ${branches.join(" ")} ELSE ${literal(runs.at(-1)!.value)} END`);
    }
    return periods;
  }

  /**
   * The columns of the parameters on the cases' dates (`x`, `x in force`) that hold one value
   * on every date, as SQL constants.
   */
  private constantParameters(read: ParameterRows): Map<string, string> {
    const constants = new Map<string, string>();
    for (const p of sqlParameters(this.program)) {
      const value = read.column.get(p.name)!;
      const given = read.column.get(`${p.name} in force`)!;
      const first = read.rows[0];
      if (first !== undefined && read.rows.some((row) => row[value] !== first[value] || row[given] !== first[given])) continue;
      const text = first?.[value] ?? null;
      const type = read.types.get(p.name) ?? "VARCHAR";
      constants.set(p.name, `CAST(${text === null ? "NULL" : stringLiteral(text)} AS ${type})`);
      constants.set(`${p.name} in force`, first?.[given] === "true" ? "TRUE" : "FALSE");
    }
    return constants;
  }

  /**
   * Only the measures asked for by name in the results (`tiao run --measure`): the views of
   * the results computed again for them, so that the measures after the last of them are not
   * computed, nor the columns of the others that they do not read.
   */
  async selectMeasures(measures: readonly string[]): Promise<void> {
    if (this.steps !== undefined) this.measures = measures;
    else await this.connection.run(resultsViewsSql(this.program, "duckdb", measures, true));
  }

  /** The result lines in the order of the cases, as `tiao run --scenarios` writes them. */
  async resultLines(onRows?: (lines: readonly string[]) => Promise<void> | void): Promise<string[]> {
    // the cases' lines come in the cases' order (DuckDB keeps a table's insertion order through
    // the views): sorted only when the lines of scenarios not read are to be put among them
    const query =
      this.ordered && (await this.rejectedCount()) === 0
        ? `SELECT line FROM (${this.resultsQuery("lines")})`
        : `SELECT line FROM (${this.resultsQuery("all lines")}) ORDER BY ${identifier(CASE_COLUMN)}`;
    const result = await this.connection.stream(query);
    const all: string[] = [];
    for (;;) {
      const chunk = await result.fetchChunk();
      if (chunk === null || chunk.rowCount === 0) break;
      const lines = chunk.getColumnVector(0).toArray() as string[];
      if (onRows === undefined) all.push(...lines);
      else await onRows(lines);
    }
    return all;
  }

  /**
   * Writes the flat results (one column per output, in the cases' order) to a CSV or Parquet
   * file, and gives how many rows it wrote and, for Parquet, how many hold an evaluation error
   * (from the statistics of the file's columns that DuckDB gives as it writes them:
   * `RETURN_STATS`, the rows less the NULLs of `evaluation_error`); `onRows`, when given, hears
   * how many cases the query has read so far.
   */
  async writeFlatResults(path: string, format: "csv" | "parquet", onRows?: (rows: number) => void): Promise<{ readonly written: number; readonly evaluationErrors?: number }> {
    const flat = this.resultsQuery("flat");
    // an output given for each member is a LIST in Parquet, a JSON array in CSV (as a list of records is read from CSV)
    const lists = format === "csv" ? await this.listColumns(flat) : [];
    const replace = lists.length === 0 ? "" : ` REPLACE (${lists.map((name) => `to_json(${identifier(name)}) AS ${identifier(name)}`).join(", ")})`;
    const query = `COPY (SELECT *${replace} FROM (${flat})${this.ordered ? "" : " ORDER BY line"}) TO ${stringLiteral(path)}`;
    if (format === "csv") return { written: await this.runWithProgress(`${query} (FORMAT csv)`, onRows) };
    // a Parquet column with more than a thousand distinct values in a row group is written
    // plain (compressed) rather than through a dictionary: fewer instructions and a smaller file
    // than DuckDB's default limit, as measured on the benchmark's results (docs/sql.md)
    const result = await this.runReporting(`${query} (FORMAT parquet, DICTIONARY_SIZE_LIMIT 1000, RETURN_STATS)`, onRows);
    let written = 0;
    let errorNulls = 0;
    for (const file of await result.getRowObjectsJson()) {
      written += Number(file["count"]);
      const columns = (file["column_statistics"] ?? []) as unknown as readonly { key: string; value: readonly { key: string; value: string }[] }[];
      const error = columns.find((column) => column.key === `"${EVALUATION_ERROR}"` || column.key === EVALUATION_ERROR);
      const nulls = error?.value.find((statistic) => statistic.key === "null_count")?.value;
      if (nulls === undefined) throw new Error(`DuckDB gave no count of NULLs of ${EVALUATION_ERROR} for ${path}`);
      errorNulls += Number(nulls);
    }
    return { written, evaluationErrors: written - errorNulls };
  }

  /** The columns of the flat results that hold a list: the outputs given for each member. */
  private async listColumns(flat: string): Promise<string[]> {
    const result = await this.connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE (${flat}))`);
    return result.getRows().flatMap(([name, type]) => (String(type).endsWith("[]") ? [String(name)] : []));
  }

  /**
   * Runs a statement; `onRows`, when given, hears every tenth of a second how many rows it
   * has read (DuckDB's query progress: the rows its scan of the cases has produced, counted
   * by row group of a Parquet file). Gives the rows it changed (written, for a COPY).
   */
  async runWithProgress(sql: string, onRows?: (rows: number) => void): Promise<number> {
    return (await this.runReporting(sql, onRows)).rowsChanged;
  }

  /** `runWithProgress`, giving the statement's result. */
  private async runReporting(sql: string, onRows?: (rows: number) => void): Promise<DuckDBMaterializedResult | DuckDBResult> {
    if (onRows === undefined) return await this.connection.run(sql);
    await this.connection.run("SET enable_progress_bar = true");
    await this.connection.run("SET enable_progress_bar_print = false");
    const pending = await this.connection.start(sql);
    const timer = setInterval(() => {
      const rows = Number(this.connection.progress.rows_processed);
      if (rows > 0) onRows(rows);
    }, PROGRESS_MS);
    try {
      return await pending.getResult();
    } finally {
      clearInterval(timer);
      await this.connection.run("SET enable_progress_bar = false");
    }
  }

  async rejectedCount(): Promise<number> {
    const counted = await this.connection.runAndReadAll(`SELECT count(*) FROM ${REJECTED_TABLE}`);
    return Number(counted.getRows()[0]?.[0] ?? 0);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/** The parameters on the cases' dates as `parameterRows` reads them. */
interface ParameterRows {
  /** each column's DuckDB type */
  readonly types: ReadonlyMap<string, string>;
  /** each column's place in a row (the date is 0) */
  readonly column: ReadonlyMap<string, number>;
  /** the date (as text, or null) and every column's value as text (or null) */
  readonly rows: readonly (readonly (string | null)[])[];
}

function sqlEmission(program: ProgramIR, typedChoices: boolean): SqlEmission {
  // the views of the measures' results (`measure.m4`) are not read here
  const emission = emitSql(program, { dialect: "duckdb", measureViews: false, typedChoices });
  const { diagnostics } = emission;
  if (diagnostics.length > 0) throw new SqlTargetError(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.message}`));
  return emission;
}

/** The policy has constructs the SQL target refuses (T0701). */
export class SqlTargetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the SQL target cannot express this policy:\n${problems.join("\n")}`);
  }
}
