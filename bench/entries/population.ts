/**
 * Population runs: `tiao run policies/lanzhou-2021-289 --scenarios <file> --out <file>` on
 * a file of scenarios (NDJSON, one per line), as a user runs it, for its throughput and its
 * peak memory: in one thread (`--jobs 1`) beside the same pipeline (same reading, streaming
 * and writing) with the hand-written baseline evaluating, in a process of its own
 * (bench/population-child.ts); and as it runs by default, in worker threads.
 *
 * Both are timed from the parent, from spawn to exit (Node's start-up and the loading of
 * the policy included), and their peak resident memory is the maximum resident set size
 * that GNU time (`/usr/bin/time -v`) reports for the process.
 */
import { spawn, spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { threadCount } from "../../bin/population-command.js";
import type { BenchContext } from "../context.js";
import { messageOf, POLICY_FOLDER, REPO_ROOT, SCRATCH } from "../policy.js";
import { versus, type Figure } from "../report.js";
import { scenarioText } from "../workload.js";

const GROUP = "Population run (NDJSON file in, NDJSON file out)";
const GNU_TIME = "/usr/bin/time";

type Engine = "baseline" | "cli_one_thread" | "cli";

/** Writes scenarios 0 … count − 1 of the workload, one per line, unless the file is there already. */
export async function populationFile(seed: number, count: number): Promise<string> {
  mkdirSync(SCRATCH, { recursive: true });
  const file = join(SCRATCH, `population-${seed}-${count}.ndjson`);
  if (existsSync(file)) return file;
  process.stdout.write(`  writing ${count.toLocaleString("en-US")} scenarios to ${file}…\n`);
  const partial = `${file}.partial`;
  const out = createWriteStream(partial);
  let chunk = "";
  for (let index = 0; index < count; index++) {
    chunk += `${scenarioText(seed, index)}\n`;
    if (chunk.length >= 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  renameSync(partial, file);
  return file;
}

function resultsFile(engine: Engine): string {
  return join(SCRATCH, `population-results-${engine}.ndjson`);
}

/** The command line of each engine, relative to the repository's root. */
function commandLine(engine: Engine, input: string, moduleFile: string): string[] {
  if (engine === "baseline") return [fileURLToPath(new URL("../population-child.js", import.meta.url)), moduleFile, input, resultsFile(engine)];
  const tiaoRun = [join(REPO_ROOT, "bin/tiao.js"), "run", relative(REPO_ROOT, POLICY_FOLDER), "--scenarios", input, "--out", resultsFile(engine)];
  return engine === "cli" ? tiaoRun : [...tiaoRun, "--jobs", "1"];
}

/** The CLI keeps compiled policies in a cache of its own for the benchmark, filled before timing. */
const cliEnvironment = { ...process.env, TIAO_CACHE: "on", XDG_CACHE_HOME: join(SCRATCH, "cache") };

function withGnuTime(): boolean {
  const probe = spawnSync(GNU_TIME, ["-v", process.execPath, "-e", "0"], { encoding: "utf8" });
  return probe.status === 0 && /Maximum resident set size \(kbytes\): \d+/.test(probe.stderr);
}

interface Run {
  readonly ms: number;
  /** absent without GNU time */
  readonly peakMB?: number;
}

async function timedRun(engine: Engine, args: readonly string[], gnuTime: boolean): Promise<Run> {
  const [command, commandArgs] = gnuTime ? [GNU_TIME, ["-v", process.execPath, ...args]] : [process.execPath, args];
  const start = performance.now();
  const child = spawn(command, commandArgs, { cwd: REPO_ROOT, env: cliEnvironment, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stdout.resume();
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
  const [status] = (await once(child, "close")) as [number | null];
  const ms = performance.now() - start;
  if (status !== 0) throw new Error(`the ${engine} population run exited with status ${status}: ${stderr.trim().split("\n")[0] ?? ""}`);
  const kilobytes = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1];
  return kilobytes === undefined ? { ms } : { ms, peakMB: Number(kilobytes) / 1024 };
}

/** Line by line, how many lines of two results files differ, and the first that does. */
async function compareResults(expected: string, actual: string): Promise<{ lines: number; differing: number; first?: number }> {
  const left = createInterface({ input: createReadStream(expected), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const right = createInterface({ input: createReadStream(actual), crlfDelay: Infinity })[Symbol.asyncIterator]();
  let lines = 0;
  let differing = 0;
  let first: number | undefined;
  for (;;) {
    const [a, b] = await Promise.all([left.next(), right.next()]);
    if (a.done === true && b.done === true) break;
    lines++;
    if (a.done === true || b.done === true || a.value !== b.value) {
      differing++;
      first ??= lines;
    }
  }
  return { lines, differing, ...(first === undefined ? {} : { first }) };
}

/** A short run on a few scenarios: the CLI works, and its cache holds the compiled policy. */
async function warmUp(context: BenchContext, moduleFile: string): Promise<void> {
  const sample = join(SCRATCH, "population-sample.ndjson");
  writeFileSync(sample, Array.from({ length: 10 }, (_, index) => `${scenarioText(context.options.seed, index)}\n`).join(""));
  await timedRun("cli", commandLine("cli", sample, moduleFile), false);
}

export async function populationRun(context: BenchContext): Promise<void> {
  const { report, options } = context;
  let moduleFile: string;
  try {
    moduleFile = (await context.compiled()).file;
    await warmUp(context, moduleFile);
  } catch (error) {
    report.skip("population", messageOf(error));
    return;
  }
  const gnuTime = withGnuTime();
  if (!gnuTime) report.skip("population peak memory", `${GNU_TIME} -v is not available to measure it`);
  const input = await populationFile(options.seed, options.populationScenarios);
  const count = options.populationScenarios.toLocaleString("en-US");
  const megabytes = statSync(input).size / 1e6;
  const threads = threadCount(undefined, statSync(input).size);
  const engines = [
    { engine: "baseline", label: "baseline pipeline, one thread (hand-written baseline evaluating)", what: "the baseline pipeline" },
    { engine: "cli_one_thread", label: "tiao run --scenarios --jobs 1 (compiled policy, one thread)", what: "tiao run --scenarios --jobs 1" },
    { engine: "cli", label: `tiao run --scenarios (compiled policy, by default ${threads === 1 ? "one thread" : `${threads} worker threads`})`, what: "tiao run --scenarios" },
  ] as const;
  const runs = new Map<Engine, Run>();
  for (const { engine, what } of engines) {
    process.stdout.write(`  streaming ${count} scenarios (${megabytes.toFixed(0)} MB) through ${what}…\n`);
    try {
      runs.set(engine, await timedRun(engine, commandLine(engine, input, moduleFile), gnuTime));
    } catch (error) {
      report.skip(`population (${engine})`, messageOf(error));
    }
  }
  for (const engine of ["cli_one_thread", "cli"] as const) {
    if (!runs.has("baseline") || !runs.has(engine)) continue;
    const comparison = await compareResults(resultsFile("baseline"), resultsFile(engine));
    const command = engine === "cli" ? "tiao run --scenarios" : "tiao run --scenarios --jobs 1";
    report.note(comparison.differing === 0
      ? `population run: the results files of ${command} and of the baseline agree on all ${comparison.lines.toLocaleString("en-US")} lines`
      : `population run: the results files of ${command} and of the baseline differ on ${comparison.differing} of ${comparison.lines} lines (first: line ${comparison.first})`);
  }
  for (const { engine } of engines) rmSync(resultsFile(engine), { force: true });

  let baselineRate: Figure | undefined;
  let baselineMemory: Figure | undefined;
  for (const { engine, label } of engines) {
    const run = runs.get(engine);
    if (run === undefined) continue;
    const rate: Figure = {
      id: `population.${engine}.rate`,
      group: GROUP,
      label: `${label}: scenarios per second`,
      value: (options.populationScenarios * 1000) / run.ms,
      unit: "scenarios/s",
      note: `${count} scenarios read, evaluated and written in ${(run.ms / 1000).toFixed(1)} s, from spawn to exit`,
    };
    report.figure(baselineRate === undefined ? rate : versus(rate, baselineRate));
    baselineRate ??= rate;
    if (run.peakMB === undefined) continue;
    const memory: Figure = {
      id: `population.${engine}.peak_rss`,
      group: GROUP,
      label: `${label}: peak resident memory`,
      value: run.peakMB,
      unit: "MB",
      note: "the process's maximum resident set size, as GNU time reports it",
    };
    report.figure(baselineMemory === undefined ? memory : versus(memory, baselineMemory));
    baselineMemory ??= memory;
  }
}
