/**
 * `tiao run <policy> --scenarios <file.ndjson> --out <file.ndjson>`: a population run.
 * The scenarios stream through the policy's compiled evaluator into the results file,
 * with a progress bar when stderr is a terminal; a summary line ends the run.
 */
import { closeSync, constants, createReadStream, createWriteStream, fstatSync, ftruncateSync, openSync, type Stats } from "node:fs";
import { availableParallelism } from "node:os";
import type { Readable, Writable } from "node:stream";
import { finished } from "node:stream/promises";
import type { ProgramIR } from "../compiler/ir.js";
import { importGeneratedModule, lineEvaluator } from "./compiled-policy.js";
import { CliError, ExitStatus, type ExitCode } from "./exit.js";
import { generatedJavaScript, loadProgram } from "./load-program.js";
import { describeFileError } from "./policy-files.js";
import { evaluateBlock, INPUT_CHUNK_BYTES, OUTPUT_BUFFER_BYTES, streamPopulation, type BlockEvaluator, type PopulationSummary } from "./population.js";
import { WorkerPool } from "./population-workers.js";
import { ProgressBar } from "./progress.js";
import { reportUnknownMeasures } from "./scenario-command.js";
import { plural } from "./text.js";

export interface PopulationCommand {
  readonly policy: string;
  /** `--scenarios`: an NDJSON file, or `-` for standard input */
  readonly scenarios: string;
  /** `--out`: the results file, or `-` for standard output */
  readonly out: string;
  /** `--measure`, repeatable */
  readonly measures: readonly string[] | undefined;
  /** `--jobs`: the threads evaluating scenarios */
  readonly jobs: number | undefined;
}

export async function runPopulation(command: PopulationCommand): Promise<ExitCode> {
  const startMs = performance.now();
  const input = openScenarios(command.scenarios);
  const program = await loadProgram(command.policy, { warnings: false });
  if (program === undefined) return ExitStatus.failed;
  if (reportUnknownMeasures(program, command.measures ?? [])) return ExitStatus.badInput;

  const output = openResults(command.out, input);
  const evaluator = await blockEvaluator(program, command.measures, threadCount(command.jobs, input.size));
  const inputStream = input.stream();
  const progress = showsProgress(command) ? new ProgressBar(process.stderr, input.size) : undefined;
  let summary: PopulationSummary;
  try {
    summary = await streamPopulation(inputStream, output.stream, evaluator, (state) => progress?.update(state));
    await output.finish();
  } catch (error) {
    throw failureOfStreams(
      error,
      { stream: inputStream, what: `cannot read scenarios from ${input.name}`, exitCode: ExitStatus.badInput },
      { stream: output.stream, what: `cannot write results to ${output.name}`, exitCode: ExitStatus.outputError },
    );
  } finally {
    progress?.clear();
    if (evaluator instanceof WorkerPool) await evaluator.close();
  }
  const seconds = (performance.now() - startMs) / 1000;
  const withErrors = summary.badInput + summary.evaluationErrors;
  process.stderr.write(`${plural(summary.scenarios, "scenario")}, ${withErrors} with errors, ${seconds.toFixed(1)} s\n`);
  if (summary.badInput > 0) return ExitStatus.badInput;
  if (summary.evaluationErrors > 0) return ExitStatus.evaluationError;
  return ExitStatus.ok;
}

/**
 * Without --jobs, as many threads as the machine has processors, up to MAX_DEFAULT_JOBS (each
 * worker holds some 30 MB: with four, a run of a million scenarios peaked at 230 MB); a file
 * too small to gain from more than one is evaluated in this thread alone, since starting
 * workers costs more than it saves.
 */
export function threadCount(jobs: number | undefined, inputSize: number | undefined): number {
  if (jobs !== undefined) return jobs;
  if (inputSize !== undefined && inputSize < SMALL_INPUT_BYTES) return 1;
  return Math.min(availableParallelism(), MAX_DEFAULT_JOBS);
}

const SMALL_INPUT_BYTES = 4 << 20;
const MAX_DEFAULT_JOBS = 4;

/** One thread evaluates in this one; more are worker threads, this one reading and writing. */
async function blockEvaluator(program: ProgramIR, measures: readonly string[] | undefined, threads: number): Promise<BlockEvaluator> {
  const javascript = await generatedJavaScript(program);
  if (threads > 1) return new WorkerPool({ program, javascript, measures }, threads);
  const evaluateLine = lineEvaluator(program, await importGeneratedModule(javascript), measures);
  return { evaluate: (block) => evaluateBlock(block, evaluateLine), inFlight: 1 };
}

/** The bar would mix with results written to the same terminal. */
function showsProgress(command: PopulationCommand): boolean {
  return process.stderr.isTTY === true && !(command.out === "-" && process.stdout.isTTY === true);
}

interface ScenariosInput {
  /** how messages name it */
  readonly name: string;
  /** the file's size, when it is a regular file */
  readonly size: number | undefined;
  readonly stats: Stats | undefined;
  /** the stream, created when the run starts (a file is opened, and checked, before) */
  stream(): Readable;
}

function openScenarios(path: string): ScenariosInput {
  if (path === "-") {
    // Standard input redirected from a file is that file, for the check against --out.
    const stats = statsOfDescriptor(STANDARD_INPUT);
    return { name: "standard input", size: stats?.isFile() === true ? stats.size : undefined, stats, stream: () => process.stdin };
  }
  const name = `'${path}'`;
  let fd: number;
  let stats: Stats;
  try {
    fd = openSync(path, "r");
    stats = fstatSync(fd);
  } catch (error) {
    throw new CliError(`cannot read scenarios ${name}: ${describeFileError(error)}`);
  }
  if (stats.isDirectory()) throw new CliError(`cannot read scenarios ${name}: it is a folder`);
  return {
    name,
    size: stats.isFile() ? stats.size : undefined,
    stats,
    stream: () => createReadStream(path, { fd, highWaterMark: INPUT_CHUNK_BYTES }),
  };
}

interface ResultsOutput {
  readonly name: string;
  readonly stream: Writable;
  /** resolves once every result is written */
  finish(): Promise<void>;
}

function openResults(path: string, input: ScenariosInput): ResultsOutput {
  if (path === "-") {
    if (isSameFile(statsOfDescriptor(STANDARD_OUTPUT), input.stats)) {
      throw new CliError(`standard output is the file of --scenarios (${input.name}): the results would be written into the scenarios being read`);
    }
    return { name: "standard output", stream: process.stdout, finish: async () => {} };
  }
  const name = `'${path}'`;
  let fd: number;
  try {
    // Opened without emptying it, so that the file it is can be compared with the input first.
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT);
  } catch (error) {
    throw new CliError(`cannot write results to ${name}: ${describeFileError(error)}`);
  }
  if (isSameFile(fstatSync(fd), input.stats)) {
    closeSync(fd);
    throw new CliError(`--out ${name} is the file of --scenarios (${input.name}): writing the results would erase the scenarios`);
  }
  try {
    ftruncateSync(fd);
  } catch (error) {
    closeSync(fd);
    throw new CliError(`cannot write results to ${name}: ${describeFileError(error)}`);
  }
  const stream = createWriteStream(path, { fd, highWaterMark: OUTPUT_BUFFER_BYTES });
  return {
    name,
    stream,
    finish: async () => {
      stream.end();
      await finished(stream);
    },
  };
}

const STANDARD_INPUT = 0;
const STANDARD_OUTPUT = 1;

/** What a descriptor is open on; undefined when it is closed. */
function statsOfDescriptor(fd: number): Stats | undefined {
  try {
    return fstatSync(fd);
  } catch {
    return undefined;
  }
}

/** Whether both are the same regular file, by identity (device and inode), whatever the paths that lead to it. */
function isSameFile(output: Stats | undefined, input: Stats | undefined): boolean {
  if (output === undefined || input === undefined || !output.isFile() || !input.isFile()) return false;
  return output.dev === input.dev && output.ino === input.ino;
}

/**
 * A failure of the input or the output stream as a message naming the file; any other
 * error as it is.
 */
function failureOfStreams(
  error: unknown,
  ...streams: readonly { readonly stream: Readable | Writable; readonly what: string; readonly exitCode: ExitCode }[]
): unknown {
  const failed = streams.find(({ stream }) => stream.errored === error);
  return failed === undefined ? error : new CliError(`${failed.what}: ${describeFileError(error)}`, failed.exitCode);
}
