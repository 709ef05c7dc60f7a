/**
 * The SQL target on populations: `tiao run --engine duckdb` on Parquet files of generated
 * cases of the ten measures (Parquet in, Parquet out), its rate, CPU time and peak memory, and
 * the ratio to the Node engine's `tiao run --scenarios` (one thread, and by default) on the
 * first cases as NDJSON; DuckDB on that NDJSON too, its results compared line by line with the
 * Node engine's; PostgreSQL on the same first cases.
 *
 * By default one Parquet file of `--population` cases (a million); with TIAO_BENCH_SQL_LARGE=1
 * also 10 and 50 times as many (docs/benchmarks.md), and how the cost per case grows with the
 * number of cases. The Node engine runs on the first `--population` cases only: the ratios of
 * the larger files compare rates per second.
 *
 * The first cases are the workload's scenarios 0, 1, … (bench/workload.ts). The larger files
 * repeat them, each copy with case numbers (rows) of its own, written as a stream: generating 50 million
 * distinct scenarios in JavaScript would take longer than the runs it times, and DuckDB does
 * the same work for a copy as for the original (it keeps no result between cases).
 */
import { spawn, spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { once } from "node:events";
import { createReadStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { join, relative } from "node:path";
import type { BenchContext } from "../context.js";
import { messageOf, POLICY_FOLDER, REPO_ROOT, SCRATCH } from "../policy.js";
import { versus, type Figure } from "../report.js";
import { populationFile } from "./population.js";
import { readScenarioLines } from "../../node/sql/cases.js";
import { DuckDBInstance } from "@duckdb/node-api";
import { DuckdbEngine } from "../../node/sql/duckdb.js";
import { flatExportSql } from "../../node/sql/flat-files.js";
import { PostgresEngine } from "../../node/sql/postgres.js";
import { RESULTS_VIEW } from "../../compiler/sql/emit.js";
import { identifier, stringLiteral } from "../../compiler/sql/tables.js";
import { DUCKDB_DECIMAL } from "../../compiler/sql/dialect.js";
import { startPostgres } from "../postgres-server.js";

const GROUP = "Population run on SQL engines (the ten measures)";
const GNU_TIME = "/usr/bin/time";
/** how many times the files repeat the distinct cases (a million by default: --population) */
const REPEATS = process.env["TIAO_BENCH_SQL_LARGE"] === "1" ? [1, 10, 50] : [1];
/** DuckDB's memory while the bench writes the files of cases */
const GENERATION_MEMORY = "512MB";
/** the type of the exact decimals in the files of cases (withExtractDecimals) */
const EXTRACT_DECIMAL = "DECIMAL(18,2)";

interface Run {
  readonly ms: number;
  readonly peakMB?: number;
  /** user and system time of the process, in seconds */
  readonly cpuSeconds?: number;
}

/**
 * Runs the command under GNU time, after `sync`: the files an earlier run wrote are on disk
 * before it starts, so that their writing back is not counted in its time (a DuckDB run right
 * after the Node engine's, which writes 1.4 GB of results for a million cases, spent 0.5 to
 * 2.6 s more system time than after a `sync`).
 */
async function timed(args: readonly string[]): Promise<Run> {
  spawnSync("sync", { stdio: "ignore" });
  const start = performance.now();
  const child = spawn(GNU_TIME, ["-v", process.execPath, ...args], { cwd: REPO_ROOT, env: { ...process.env, TIAO_CACHE: "on", XDG_CACHE_HOME: join(SCRATCH, "cache") }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
  const [status] = (await once(child, "close")) as [number | null];
  const ms = performance.now() - start;
  if (status !== 0 && status !== 3) throw new Error(`exited with status ${status}: ${stderr.trim().split("\n").slice(-3).join(" ")}`);
  const kilobytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  const user = /User time \(seconds\): ([0-9.]+)/.exec(stderr)?.[1];
  const system = /System time \(seconds\): ([0-9.]+)/.exec(stderr)?.[1];
  return {
    ms,
    ...(kilobytes === undefined ? {} : { peakMB: Number(kilobytes) / 1024 }),
    ...(user === undefined || system === undefined ? {} : { cpuSeconds: Number(user) + Number(system) }),
  };
}

/**
 * The export of the cases with each exact decimal column (the figures of the Lanzhou
 * enterprise's indicators: electricity, revenue, energy, profit) as DECIMAL(18,2), the type an
 * office's extract gives such figures and the benchmark's amounts have, rather than the
 * DECIMAL(38,10) that holds them in `tiao_cases` (16 bytes a value in Parquet, 8 for
 * DECIMAL(18,2)). The workload draws them with at most two decimals, below a million: a value
 * that would not fit stops the writing rather than being rounded.
 */
async function withExtractDecimals(engine: DuckdbEngine, sql: string): Promise<string> {
  const described = await engine.connection.runAndReadAll(`DESCRIBE ${sql}`);
  const decimals = described.getRows().flatMap(([name, type]) => (String(type) === DUCKDB_DECIMAL ? [String(name)] : []));
  if (decimals.length === 0) return sql;
  const narrowed = decimals.map((name) => {
    const column = `x.${identifier(name)}`;
    const narrow = `CAST(${column} AS ${EXTRACT_DECIMAL})`;
    return `CASE WHEN ${column} IS NULL OR ${narrow} = ${column} THEN ${narrow} ELSE error(${stringLiteral(`${name}: a value beyond ${EXTRACT_DECIMAL}: `)} || CAST(${column} AS VARCHAR)) END AS ${identifier(name)}`;
  });
  return `SELECT * REPLACE (${narrowed.join(", ")}) FROM (${sql}) AS x`;
}

function tiaoRun(input: string, output: string, ...more: string[]): string[] {
  return [join(REPO_ROOT, "bin/tiao.js"), "run", relative(REPO_ROOT, POLICY_FOLDER), "--scenarios", input, "--out", output, ...more];
}

/**
 * The Parquet files of the population sizes, made once from the million cases of the workload.
 * In bounded memory: the first file is written from the cases loaded into a DuckDB limited to
 * GENERATION_MEMORY (spilling to a temporary folder), and each larger one is a stream of
 * copies of the first, read as a list of files in their order (a cross join with `range(n)`
 * would hold the whole first file in memory, and the ordered output the rest: 17 GB for 50
 * million cases).
 */
async function parquetFiles(context: BenchContext, ndjson: string, base: number): Promise<Map<number, string>> {
  const files = new Map(REPEATS.map((repeat) => [repeat * base, join(SCRATCH, `population-${context.options.seed}-${base}${repeat === 1 ? "" : `x${repeat}`}.parquet`)]));
  if ([...files.values()].every(existsSync)) return files;
  process.stdout.write(`  writing the Parquet files of ${[...files.keys()].map((size) => size.toLocaleString("en-US")).join(", ")} cases…\n`);
  const program = await context.program();
  const folder = join(SCRATCH, "sql-cases");
  mkdirSync(folder, { recursive: true });
  const baseFile = files.get(base)!;
  try {
    if (!existsSync(baseFile)) {
      const read = await readScenarioLines(program, createReadStream(ndjson), folder, "duckdb");
      const engine = await DuckdbEngine.open(program, { memoryLimit: GENERATION_MEMORY, temporaryDirectory: folder });
      try {
        await engine.loadCaseFiles(read.files.files);
        await engine.connection.run(`COPY (${await withExtractDecimals(engine, flatExportSql(program))}) TO ${stringLiteral(`${baseFile}.partial`)} (FORMAT parquet)`);
      } finally {
        engine.close();
      }
      renameSync(`${baseFile}.partial`, baseFile);
    }
    const instance = await DuckDBInstance.create(":memory:", { memory_limit: GENERATION_MEMORY, temp_directory: folder });
    const connection = await instance.connect();
    try {
      for (const [size, file] of files) {
        if (size === base || existsSync(file)) continue;
        const copies = Array.from({ length: size / base }, () => stringLiteral(baseFile)).join(", ");
        await connection.run(`COPY (SELECT * FROM read_parquet([${copies}])) TO ${stringLiteral(`${file}.partial`)} (FORMAT parquet)`);
        renameSync(`${file}.partial`, file);
      }
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  return files;
}

async function differingLines(expected: string, actual: string): Promise<{ lines: number; differing: number }> {
  const left = createInterface({ input: createReadStream(expected), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const right = createInterface({ input: createReadStream(actual), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lines = 0;
  let differing = 0;
  for (;;) {
    const [a, b] = await Promise.all([left.next(), right.next()]);
    if (a.done === true && b.done === true) break;
    lines++;
    if (a.done === true || b.done === true || a.value !== b.value) differing++;
  }
  return { lines, differing };
}

function rateFigure(id: string, label: string, cases: number, run: Run, note: string): Figure {
  const cpu = run.cpuSeconds === undefined ? "" : `, ${run.cpuSeconds.toFixed(1)} s of CPU (${((run.cpuSeconds * 1e6) / cases).toFixed(1)} µs a case)`;
  const load = `, load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} processors`;
  return {
    id: `sql.${id}.rate`,
    group: GROUP,
    label: `${label}: cases per second`,
    value: (cases * 1000) / run.ms,
    unit: "scenarios/s",
    note: `${cases.toLocaleString("en-US")} cases in ${(run.ms / 1000).toFixed(1)} s${cpu}${load}, ${note}`,
  };
}

/**
 * How many times less CPU time (user + system) a case costs than in the Node engine's one-thread
 * run: on a shared, loaded machine the steadier comparison than rates in wall time.
 */
function cpuRatioFigure(id: string, label: string, cases: number, run: Run, node: { cases: number; run: Run } | undefined): Figure | undefined {
  if (node?.run.cpuSeconds === undefined || run.cpuSeconds === undefined) return undefined;
  const nodePerCase = node.run.cpuSeconds / node.cases;
  const perCase = run.cpuSeconds / cases;
  return {
    id: `sql.${id}.cpu_ratio`,
    group: GROUP,
    label: `${label}: CPU time per case, the Node engine's (one thread) divided by this one's`,
    value: nodePerCase / perCase,
    unit: "×",
    note: `${((perCase * 1e6).toFixed(1))} µs of CPU a case against ${(nodePerCase * 1e6).toFixed(1)} µs (tiao run --scenarios --jobs 1 on ${node.cases.toLocaleString("en-US")} cases)`,
  };
}

function memoryFigure(id: string, label: string, run: Run): Figure | undefined {
  if (run.peakMB === undefined) return undefined;
  return { id: `sql.${id}.peak_rss`, group: GROUP, label: `${label}: peak resident memory`, value: run.peakMB, unit: "MB", note: "the process's maximum resident set size, as GNU time reports it" };
}

export async function sqlPopulation(context: BenchContext): Promise<void> {
  const { report, options } = context;
  mkdirSync(SCRATCH, { recursive: true });
  const base = options.populationScenarios;
  const count = base.toLocaleString("en-US");
  const ndjson = await populationFile(options.seed, base);
  const nodeResults = join(SCRATCH, "sql-node-results.ndjson");
  const duckdbResults = join(SCRATCH, "sql-duckdb-results.ndjson");

  // the Node engine, the reference of the ratios
  process.stdout.write(`  the Node engine on ${count} scenarios (NDJSON), one thread, then by default…\n`);
  let nodeOneThread: Figure | undefined;
  let nodeRun: { cases: number; run: Run } | undefined;
  try {
    const one = await timed(tiaoRun(ndjson, nodeResults, "--jobs", "1"));
    nodeRun = { cases: base, run: one };
    nodeOneThread = report.figure(rateFigure("node_one_thread", "tiao run --scenarios --jobs 1 (Node engine, NDJSON)", base, one, "from spawn to exit"));
    const byDefault = await timed(tiaoRun(ndjson, nodeResults));
    report.figure(versus(rateFigure("node", "tiao run --scenarios (Node engine, worker threads, NDJSON)", base, byDefault, "from spawn to exit"), nodeOneThread));
  } catch (error) {
    report.skip("sql (Node engine)", messageOf(error));
    return;
  }

  // DuckDB on the same NDJSON, its results compared with the Node engine's
  process.stdout.write(`  DuckDB on the same ${count} scenarios (NDJSON in, NDJSON out)…\n`);
  try {
    const run = await timed(tiaoRun(ndjson, duckdbResults, "--engine", "duckdb"));
    report.figure(versus(rateFigure("duckdb_ndjson", "tiao run --engine duckdb (NDJSON in and out)", base, run, "from spawn to exit"), nodeOneThread));
    const memory = memoryFigure("duckdb_ndjson", "tiao run --engine duckdb (NDJSON in and out)", run);
    if (memory !== undefined) report.figure(memory);
    const comparison = await differingLines(nodeResults, duckdbResults);
    report.note(comparison.differing === 0
      ? `sql: the results of --engine duckdb and of the Node engine agree on all ${comparison.lines.toLocaleString("en-US")} lines`
      : `sql: the results of --engine duckdb and of the Node engine differ on ${comparison.differing} of ${comparison.lines} lines`);
  } catch (error) {
    report.skip("sql (DuckDB, NDJSON)", messageOf(error));
  } finally {
    rmSync(duckdbResults, { force: true });
  }

  // DuckDB on Parquet, 1, 10 and 50 million cases
  let files: Map<number, string>;
  try {
    files = await parquetFiles(context, ndjson, base);
  } catch (error) {
    report.skip("sql (Parquet files)", messageOf(error));
    return;
  }
  const perCase: { size: number; ms: number; cpuSeconds?: number }[] = [];
  for (const [size, file] of files) {
    const millions = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
    process.stdout.write(`  DuckDB on ${size.toLocaleString("en-US")} cases (Parquet in, Parquet out)…\n`);
    const out = join(SCRATCH, "sql-results.parquet");
    try {
      const run = await timed(tiaoRun(file, out, "--engine", "duckdb"));
      perCase.push({ size, ms: run.ms / size, ...(run.cpuSeconds === undefined ? {} : { cpuSeconds: run.cpuSeconds / size }) });
      const label = `tiao run --engine duckdb, ${millions} cases (Parquet in and out)`;
      const nodeCases = size === base ? "the same cases" : `its first ${count} cases`;
      report.figure(
        versus(rateFigure(`duckdb_parquet_${millions}`, label, size, run, `from spawn to exit; input ${(statSync(file).size / 1e6).toFixed(0)} MB; the Node engine ran on ${nodeCases}`), nodeOneThread),
      );
      const memory = memoryFigure(`duckdb_parquet_${millions}`, label, run);
      if (memory !== undefined) report.figure(memory);
      const cpu = cpuRatioFigure(`duckdb_parquet_${millions}`, label, size, run, nodeRun);
      if (cpu !== undefined) report.figure(cpu);
    } catch (error) {
      report.skip(`sql (DuckDB, ${millions} cases)`, messageOf(error));
    } finally {
      rmSync(out, { force: true });
    }
  }

  if (perCase.length > 1) {
    const first = perCase[0]!;
    const growth = perCase.map((p) => {
      const cpu = p.cpuSeconds === undefined || first.cpuSeconds === undefined ? "" : `, CPU ${((p.cpuSeconds / first.cpuSeconds) * 100).toFixed(0)}%`;
      return `${p.size.toLocaleString("en-US")} cases: ${((p.ms / first.ms) * 100).toFixed(0)}%${cpu}`;
    });
    report.note(`sql: DuckDB's time per case against the smallest file's (100%): ${growth.join("; ")}`);
  }

  // PostgreSQL, 1 million cases
  process.stdout.write(`  PostgreSQL on ${count} cases…\n`);
  let server: Awaited<ReturnType<typeof startPostgres>> | undefined;
  const folder = join(SCRATCH, "sql-postgres-cases");
  try {
    server = await startPostgres();
    const program = await context.program();
    mkdirSync(folder, { recursive: true });
    const read = await readScenarioLines(program, createReadStream(ndjson), folder, "postgres");
    const engine = await PostgresEngine.open(program, server, "tiao_bench");
    const loadStart = performance.now();
    await engine.loadCaseFiles(read.files.files);
    const loadMs = performance.now() - loadStart;
    const queryStart = performance.now();
    // every line computed and measured, none sent back: the rate of the evaluation itself
    await engine.psql(`SELECT count(*), sum(length(line)) FROM ${RESULTS_VIEW};\n`);
    const queryMs = performance.now() - queryStart;
    report.figure(versus(rateFigure("postgres", "PostgreSQL, the emitted SQL (all lines computed in one query)", base, { ms: queryMs }, `loading the cases with \\copy took ${(loadMs / 1000).toFixed(1)} s more`), nodeOneThread));
  } catch (error) {
    report.skip("sql (PostgreSQL)", messageOf(error));
  } finally {
    server?.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(nodeResults, { force: true });
  }
}
