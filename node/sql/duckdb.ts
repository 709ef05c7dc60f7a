/**
 * The embedded engine: a population evaluated inside DuckDB (`@duckdb/node-api`, in this
 * process, no server) with the SQL the SQL target emits for the policy. Cases come from
 * NDJSON (read as the Node engine reads it, node/sql/cases.ts), CSV or Parquet (one column
 * per fact path, docs/sql.md); results go to NDJSON, CSV or Parquet.
 */
import { statSync } from "node:fs";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import type { ProgramIR } from "../../compiler/ir.js";
import { emitSql, FLAT_RESULTS_VIEW, PARAMETERS_ON_DATES_VIEW, RESULTS_VIEW, type SqlFile } from "../../compiler/sql/emit.js";
import { CASE_COLUMN, identifier, stringLiteral } from "../../compiler/sql/tables.js";
import type { CaseFile } from "./case-files.js";

export class DuckdbEngine {
  private constructor(
    private readonly instance: DuckDBInstance,
    readonly connection: DuckDBConnection,
  ) {}

  /** An in-memory database holding the policy's tables, parameters and views. */
  static async open(program: ProgramIR, options: { readonly threads?: number; readonly memoryLimit?: string } = {}): Promise<DuckdbEngine> {
    const files = sqlFiles(program);
    const settings: Record<string, string> = {};
    if (options.threads !== undefined) settings["threads"] = String(options.threads);
    if (options.memoryLimit !== undefined) settings["memory_limit"] = options.memoryLimit;
    const instance = await DuckDBInstance.create(":memory:", settings);
    const connection = await instance.connect();
    for (const file of files) await connection.run(file.text);
    return new DuckdbEngine(instance, connection);
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
   * table of the view's name, instead of once for each measure that joins the view.
   */
  async materializeParameters(): Promise<void> {
    const view = identifier(PARAMETERS_ON_DATES_VIEW);
    await this.connection.run(`CREATE TABLE tiao_parameters_computed AS SELECT * FROM ${view}`);
    await this.connection.run(`DROP VIEW ${view}`);
    await this.connection.run(`ALTER TABLE tiao_parameters_computed RENAME TO ${view}`);
  }

  /** The result lines in the order of the cases, as `tiao run --scenarios` writes them. */
  async resultLines(onRows?: (lines: readonly string[]) => Promise<void> | void): Promise<string[]> {
    const result = await this.connection.stream(`SELECT line FROM ${RESULTS_VIEW} ORDER BY ${identifier(CASE_COLUMN)}`);
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

  /** Writes the flat results (one column per output) to a CSV or Parquet file. */
  async writeFlatResults(path: string, format: "csv" | "parquet"): Promise<void> {
    await this.connection.run(`COPY (SELECT * FROM ${FLAT_RESULTS_VIEW} ORDER BY line) TO ${stringLiteral(path)} (FORMAT ${format})`);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function sqlFiles(program: ProgramIR): readonly SqlFile[] {
  const { files, diagnostics } = emitSql(program, { dialect: "duckdb" });
  if (diagnostics.length > 0) throw new SqlTargetError(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.message}`));
  return files;
}

/** The policy has constructs the SQL target refuses (T0701). */
export class SqlTargetError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the SQL target cannot express this policy:\n${problems.join("\n")}`);
  }
}
