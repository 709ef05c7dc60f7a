/**
 * Population runs: a file of scenarios (NDJSON, one per line) streamed through the
 * compiled policy into a file of results, in a child process, for its throughput and its
 * peak memory; beside the same pipeline (same reading and writing) with the hand-written
 * baseline evaluating.
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BenchContext } from "../context.js";
import { messageOf, SCRATCH } from "../policy.js";
import { versus, type Figure } from "../report.js";
import { scenarioText } from "../workload.js";

const GROUP = "Population run (NDJSON file in, NDJSON file out, child process)";

/** Writes scenarios 0 … count − 1 of the workload, one per line, unless the file is there already. */
async function populationFile(seed: number, count: number): Promise<string> {
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

interface ChildResult {
  readonly scenarios: number;
  readonly failed: number;
  readonly ms: number;
  readonly maxRssMB: number;
}

function resultsFile(engine: "compiled" | "baseline"): string {
  return join(SCRATCH, `population-results-${engine}.ndjson`);
}

async function runChild(engine: "compiled" | "baseline", moduleFile: string, input: string): Promise<ChildResult> {
  const output = resultsFile(engine);
  const script = fileURLToPath(new URL("../population-child.js", import.meta.url));
  const child = spawn(process.execPath, [script, engine, moduleFile, input, output], { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (data: Buffer) => (stdout += data.toString()));
  child.stderr.on("data", (data: Buffer) => (stderr += data.toString()));
  const [status] = (await once(child, "close")) as [number | null];
  if (status !== 0) throw new Error(`the ${engine} population run failed: ${stderr.trim().split("\n")[0] ?? ""}`);
  return JSON.parse(stdout) as ChildResult;
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

export async function populationRun(context: BenchContext): Promise<void> {
  const { report, options } = context;
  let moduleFile: string;
  try {
    moduleFile = (await context.compiled()).file;
  } catch (error) {
    report.skip("population", messageOf(error));
    return;
  }
  const input = await populationFile(options.seed, options.populationScenarios);
  const megabytes = statSync(input).size / 1e6;
  const results: { engine: "baseline" | "compiled"; label: string; result: ChildResult }[] = [];
  for (const [engine, label] of [["baseline", "hand-written baseline evaluating"], ["compiled", "compiled policy evaluating"]] as const) {
    process.stdout.write(`  streaming ${options.populationScenarios.toLocaleString("en-US")} scenarios (${megabytes.toFixed(0)} MB) through the ${engine} evaluator…\n`);
    const result = await runChild(engine, moduleFile, input);
    if (result.failed > 0) report.skip(`population (${engine})`, `${result.failed} of ${result.scenarios} scenarios failed`);
    results.push({ engine, label, result });
  }
  const comparison = await compareResults(resultsFile("baseline"), resultsFile("compiled"));
  for (const engine of ["baseline", "compiled"] as const) rmSync(resultsFile(engine), { force: true });
  report.note(comparison.differing === 0
    ? `population run: the compiled policy's and the baseline's results files agree on all ${comparison.lines.toLocaleString("en-US")} lines`
    : `population run: the compiled policy's and the baseline's results files differ on ${comparison.differing} of ${comparison.lines} lines (first: line ${comparison.first})`);
  let baselineRate: Figure | undefined;
  let baselineMemory: Figure | undefined;
  for (const { engine, label, result } of results) {
    const rate: Figure = {
      id: `population.${engine}.rate`,
      group: GROUP,
      label: `${label}: scenarios per second`,
      value: (result.scenarios * 1000) / result.ms,
      unit: "scenarios/s",
      note: `${result.scenarios.toLocaleString("en-US")} scenarios read, evaluated and written in ${(result.ms / 1000).toFixed(1)} s`,
    };
    const memory: Figure = {
      id: `population.${engine}.peak_rss`,
      group: GROUP,
      label: `${label}: peak resident memory`,
      value: result.maxRssMB,
      unit: "MB",
      note: "the child process's maximum resident set size",
    };
    report.figure(baselineRate === undefined ? rate : versus(rate, baselineRate));
    report.figure(baselineMemory === undefined ? memory : versus(memory, baselineMemory));
    baselineRate ??= rate;
    baselineMemory ??= memory;
  }
}
