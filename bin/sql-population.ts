/**
 * `tiao run <policy> --scenarios <file> --out <file> --engine duckdb`: a population run
 * inside an embedded DuckDB, with the SQL the SQL target emits (docs/sql.md). Scenarios come
 * from NDJSON (read line by line as the Node engine reads them), CSV or Parquet (flat files,
 * node/sql/flat-files.ts), by the file's extension; results go to NDJSON (the lines the Node
 * engine writes), CSV or Parquet (one column per output), by the extension of --out.
 * A scenario that cannot be read is reported on its line of results, and the others go on.
 */
import { mkdtempSync, rmSync, statSync, createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { finished } from "node:stream/promises";
import type { ProgramIR } from "../compiler/ir.js";
import { stringLiteral } from "../compiler/sql/tables.js";
import { CliError, ExitStatus, type ExitCode } from "./exit.js";
import { loadProgram } from "./load-program.js";
import { describeFileError } from "./policy-files.js";
import { INPUT_CHUNK_BYTES } from "./population.js";
import { ProgressBar } from "./progress.js";
import { reportUnknownMeasures } from "./scenario-command.js";
import { plural } from "./text.js";
import type { DuckdbEngine as DuckdbEngineType } from "../node/sql/duckdb.js";

export interface SqlPopulationCommand {
  readonly policy: string;
  readonly scenarios: string;
  readonly out: string;
  /** DuckDB's threads; by default, as many as the machine has processors */
  readonly jobs: number | undefined;
  /** `--measure`, repeatable: only these measures' outputs; all when absent */
  readonly measures?: readonly string[] | undefined;
}

type FileFormat = "ndjson" | "csv" | "parquet";

/**
 * DuckDB's memory for a run: beyond it, the cases and any sort spill to the run's temporary
 * folder, and the writing of the results holds the threads that run ahead (the results keep
 * the cases' order) instead of buffering their rows. Without it, ten million cases peaked
 * at 2.1 GB on a loaded machine, where one thread could run far ahead of the other.
 */
const MEMORY_LIMIT = "1GB";

export function formatOf(path: string): FileFormat {
  const extension = extname(path).toLowerCase();
  return extension === ".csv" ? "csv" : extension === ".parquet" ? "parquet" : "ndjson";
}

export async function runSqlPopulation(command: SqlPopulationCommand): Promise<ExitCode> {
  const startMs = performance.now();
  const inputFormat = formatOf(command.scenarios);
  const outputFormat = formatOf(command.out);
  const inputSize = checkInput(command.scenarios);
  const program = await loadProgram(command.policy, { warnings: false });
  if (program === undefined) return ExitStatus.failed;
  if (reportUnknownMeasures(program, command.measures ?? [])) return ExitStatus.badInput;

  const { DuckdbEngine, SqlTargetError } = await importDuckdbEngine();
  const folder = mkdtempSync(join(tmpdir(), "tiao-duckdb-"));
  const terminal = process.stderr.isTTY === true && !(command.out === "-" && process.stdout.isTTY === true);
  let engine: DuckdbEngineType | undefined;
  try {
    try {
      engine = await DuckdbEngine.open(program, {
        ...(command.jobs === undefined ? {} : { threads: command.jobs }),
        memoryLimit: MEMORY_LIMIT,
        temporaryDirectory: folder,
        withoutViews: true,
        flatResults: outputFormat !== "ndjson",
      });
    } catch (error) {
      if (error instanceof SqlTargetError) throw new CliError(error.message, ExitStatus.failed);
      throw error;
    }
    const read = await loadCases(program, engine, command.scenarios, inputFormat, inputSize, folder, terminal, command.measures, outputFormat !== "ndjson");
    await engine.materializeParameters();
    if (command.measures !== undefined) await engine.selectMeasures(command.measures);
    const summary = await writeResults(engine, command.out, outputFormat, read, terminal);
    const seconds = (performance.now() - startMs) / 1000;
    process.stderr.write(`${plural(read.scenarios, "scenario")}, ${summary.badInput + summary.evaluationErrors} with errors, ${seconds.toFixed(1)} s\n`);
    if (summary.badInput > 0) return ExitStatus.badInput;
    if (summary.evaluationErrors > 0) return ExitStatus.evaluationError;
    return ExitStatus.ok;
  } finally {
    engine?.close();
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The engine, whose package (@duckdb/node-api, a native build per platform) is an optional dependency. */
async function importDuckdbEngine(): Promise<typeof import("../node/sql/duckdb.js")> {
  try {
    return await import("../node/sql/duckdb.js");
  } catch (error) {
    if (error instanceof Error && "code" in error && error.code === "ERR_MODULE_NOT_FOUND") {
      throw new CliError("--engine duckdb needs the package @duckdb/node-api, an optional dependency of tiao that is not installed here (npm install @duckdb/node-api)");
    }
    throw error;
  }
}

/** The input's size when it is a file; refuses a file that cannot be read before anything else is done. */
function checkInput(path: string): number | undefined {
  if (path === "-") return undefined;
  try {
    const stats = statSync(path);
    if (stats.isDirectory()) throw new CliError(`cannot read scenarios '${path}': it is a folder`);
    return stats.isFile() ? stats.size : undefined;
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot read scenarios '${path}': ${describeFileError(error)}`);
  }
}

async function loadCases(
  program: ProgramIR,
  engine: DuckdbEngineType,
  path: string,
  format: FileFormat,
  size: number | undefined,
  folder: string,
  terminal: boolean,
  measures: readonly string[] | undefined,
  flatResults: boolean,
): Promise<CasesRead> {
  if (format !== "ndjson") {
    if (path === "-") throw new CliError("CSV and Parquet scenarios are read from a file, not standard input");
    const { flatInputSql } = await import("../node/sql/flat-files.js");
    let rejectedSql: string | undefined;
    try {
      const source = format === "csv" ? `read_csv(${stringLiteral(path)}, header = true, all_varchar = true, auto_detect = true)` : `read_parquet(${stringLiteral(path)})`;
      const described = await engine.connection.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
      const columnTypes = new Map(described.getRows().map((row) => [String(row[0]), String(row[1])]));
      const input = flatInputSql(program, path, format, columnTypes, measures);
      // one call for the statements (a Parquet file's statistics and what they prove)
      if (input.statements.length > 0) await engine.connection.run(input.statements.join(";\n"));
      engine.caseDates = input.caseDates;
      await engine.proveFactsGiven(input.givenProofs);
      if (flatResults) {
        // flat results leave the bad rows out: the query that evaluates the cases checks each
        // row as it reads it, and the rows are read once; the bad ones are looked for (a
        // second pass) only when fewer rows than the file's were written
        await engine.connection.run(input.casesView(true));
        rejectedSql = input.rejectedSql;
      } else {
        // the pass that checks every row, with its progress (rows read)
        const progress = terminal ? new ProgressBar(process.stderr, undefined) : undefined;
        try {
          await engine.runWithProgress(input.rejectedSql, progress === undefined ? undefined : (rows) => progress.update({ bytes: rows, scenarios: rows }));
        } finally {
          progress?.clear();
        }
        // when no row was rejected the checks are not made a second time
        await engine.connection.run(input.casesView((await engine.rejectedCount()) > 0));
      }
    } catch (error) {
      throw new CliError(`cannot read scenarios '${path}': ${error instanceof Error ? error.message : String(error)}`, ExitStatus.badInput);
    }
    // the rows of the file (Parquet keeps their number in its metadata)
    const counted = await engine.connection.runAndReadAll(format === "csv" ? "SELECT count(*) FROM tiao_source" : `SELECT count(*) FROM read_parquet(${stringLiteral(path)})`);
    return { scenarios: Number(counted.getRows()[0]?.[0] ?? 0), ...(rejectedSql === undefined ? {} : { rejectedSql }) };
  }
  const { readScenarioLines } = await import("../node/sql/cases.js");
  const input = path === "-" ? process.stdin : createReadStream(path, { highWaterMark: INPUT_CHUNK_BYTES });
  const progress = terminal ? new ProgressBar(process.stderr, size) : undefined;
  try {
    const read = await readScenarioLines(program, input, folder, "duckdb", (state) => progress?.update(state), measures);
    await engine.loadCaseFiles(read.files.files);
    return { scenarios: read.scenarios };
  } finally {
    progress?.clear();
  }
}

interface CasesRead {
  readonly scenarios: number;
  /**
   * The statement that puts the bad rows of a flat file in `tiao_rejected`, when the cases'
   * view checks each row as the results are written instead: run after them, when they are
   * fewer than the file's rows
   */
  readonly rejectedSql?: string;
}

const EVALUATION_ERROR_LINE = /^\{"line":[0-9]+,"evaluation_error":/;

interface ResultsSummary {
  readonly badInput: number;
  readonly evaluationErrors: number;
}

async function writeResults(
  engine: DuckdbEngineType,
  path: string,
  format: FileFormat,
  read: CasesRead,
  terminal: boolean,
): Promise<ResultsSummary> {
  const { scenarios } = read;
  if (format !== "ndjson") {
    if (path === "-") throw new CliError("CSV and Parquet results are written to a file, not standard output");
    try {
      const progress = terminal ? new ProgressBar(process.stderr, scenarios) : undefined;
      let written: { readonly written: number; readonly evaluationErrors?: number };
      try {
        written = await engine.writeFlatResults(path, format, progress === undefined ? undefined : (rows) => progress.update({ bytes: rows, scenarios: rows }));
      } finally {
        progress?.clear();
      }
      if (read.rejectedSql !== undefined && written.written < scenarios) await engine.connection.run(read.rejectedSql);
      const badInput = await engine.rejectedCount();
      // Parquet: counted as the file was written; CSV: read back
      if (written.evaluationErrors !== undefined) return { badInput, evaluationErrors: written.evaluationErrors };
      const source = format === "csv" ? `read_csv(${stringLiteral(path)}, header = true, all_varchar = true)` : `read_parquet(${stringLiteral(path)})`;
      const counted = await engine.connection.runAndReadAll(`SELECT count(*) FROM ${source} WHERE evaluation_error IS NOT NULL`);
      return { badInput, evaluationErrors: Number(counted.getRows()[0]?.[0] ?? 0) };
    } catch (error) {
      throw new CliError(`cannot write results to '${path}': ${error instanceof Error ? error.message : String(error)}`, ExitStatus.outputError);
    }
  }
  // the errors are counted in the results as they are written: computing the results once more to count them would double the run
  const badInput = await engine.rejectedCount();
  let evaluationErrors = 0;
  const output = openOutput(path);
  const progress = terminal ? new ProgressBar(process.stderr, scenarios) : undefined;
  let written = 0;
  try {
    await engine.resultLines(async (lines) => {
      written += lines.length;
      for (const line of lines) if (EVALUATION_ERROR_LINE.test(line)) evaluationErrors++;
      if (!output.stream.write(`${lines.join("\n")}\n`)) await once(output.stream, "drain");
      progress?.update({ bytes: written, scenarios: written });
    });
    await output.finish();
  } catch (error) {
    if (output.stream.errored === error) throw new CliError(`cannot write results to ${output.name}: ${describeFileError(error)}`, ExitStatus.outputError);
    throw error;
  } finally {
    progress?.clear();
  }
  return { badInput, evaluationErrors };
}

function openOutput(path: string): { name: string; stream: NodeJS.WritableStream & { errored?: unknown }; finish: () => Promise<void> } {
  if (path === "-") return { name: "standard output", stream: process.stdout, finish: async () => {} };
  let stream: WriteStream;
  try {
    stream = createWriteStream(path);
  } catch (error) {
    throw new CliError(`cannot write results to '${path}': ${describeFileError(error)}`, ExitStatus.outputError);
  }
  return {
    name: `'${path}'`,
    stream,
    finish: async () => {
      stream.end();
      await finished(stream);
    },
  };
}
