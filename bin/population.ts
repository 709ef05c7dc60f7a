/**
 * Population runs: scenarios as NDJSON in (one scenario per line, blank lines ignored),
 * results as NDJSON out (one line per scenario, in the same order), streamed so that
 * memory stays flat however many scenarios there are. A scenario that cannot be read or
 * evaluated gives a line naming its line number and what went wrong, and the run goes on.
 *
 * The input is cut into blocks of whole lines, evaluated in this thread or in worker
 * threads (bin/population-workers.ts), and their results written in the order of the input.
 * This is the pipeline of `tiao run <policy> --scenarios <file> --out <file>`, and the one
 * the benchmark times with other evaluators plugged in.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { isUtf8 } from "node:buffer";
import { decodeUtf8, invalidUtf8Message, MAX_SCENARIO_BYTES } from "./bounded-read.js";

/** What became of one scenario: the three outcomes `tiao run` tells apart. */
export type LineOutcome =
  /** `json`: the results, as `tiao run` prints them but on one line */
  | { readonly kind: "evaluated"; readonly json: string }
  /** `problems`: one `path: message` line per problem, as `tiao run` prints them */
  | { readonly kind: "bad_input"; readonly problems: readonly string[] }
  | { readonly kind: "evaluation_error"; readonly message: string };

/** Evaluates the text of one scenario, line `lineNumber` of the input. */
export type LineEvaluator = (text: string, lineNumber: number) => LineOutcome;

/** Whole lines of the input, with the number of the first. */
export interface Block {
  readonly firstLine: number;
  /** UTF-8; every line ends with "\n" but the last line of the input */
  readonly bytes: Uint8Array<ArrayBuffer>;
  /** the block is the one line `firstLine`, longer than MAX_LINE_BYTES: it was not kept */
  readonly overlong: boolean;
}

export interface PopulationSummary {
  /** non-blank lines read */
  readonly scenarios: number;
  /** scenarios that could not be read, or lacked a fact of a measure asked for */
  readonly badInput: number;
  /** scenarios the policy could not evaluate */
  readonly evaluationErrors: number;
}

/** The results of a block: one line per scenario, each ending with "\n". */
export interface BlockResult extends PopulationSummary {
  readonly text: string;
}

/** Evaluates blocks, up to `inFlight` at a time (their results are awaited in order). */
export interface BlockEvaluator {
  evaluate(block: Block): BlockResult | Promise<BlockResult>;
  readonly inFlight: number;
}

export interface PopulationProgress {
  /** bytes of input read so far */
  readonly bytes: number;
  /** scenarios whose results are written */
  readonly scenarios: number;
}

/**
 * A file of scenarios is read in chunks of this many bytes, each cut into a block; up to
 * OUTPUT_BUFFER_BYTES of results wait to be written while the next are evaluated.
 */
export const INPUT_CHUNK_BYTES = 1 << 16;
export const OUTPUT_BUFFER_BYTES = 1 << 20;

/**
 * Results are written in batches of about this many characters: one write per line would
 * cost more than evaluating the line.
 */
const BATCH_CHARACTERS = 1 << 18;

/**
 * A line longer than this is not kept (a scenario is a few kilobytes): without a limit, a
 * file with no line breaks would be held whole in memory.
 */
export const MAX_LINE_BYTES = MAX_SCENARIO_BYTES;

const NEWLINE = 0x0a;

/** The scenarios of a block, each through `evaluateLine`. */
export function evaluateBlock(block: Block, evaluateLine: LineEvaluator): BlockResult {
  if (block.overlong) {
    return { text: `${badLine(block.firstLine, overlongProblems)}\n`, scenarios: 1, badInput: 1, evaluationErrors: 0 };
  }
  const bytes = Buffer.from(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
  const text = bytes.toString("utf8");
  // Looked for line by line only in the rare block that is not all UTF-8.
  const invalidLines = isUtf8(bytes) ? undefined : linesNotUtf8(bytes, block.firstLine);
  let results = "";
  let scenarios = 0;
  let badInput = 0;
  let evaluationErrors = 0;
  let lineNumber = block.firstLine;
  for (let start = 0; start < text.length; lineNumber++) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;
    if (line.trim() === "") continue;
    scenarios++;
    const unreadable = invalidLines?.get(lineNumber) ?? (line.charCodeAt(0) === BYTE_ORDER_MARK && lineNumber > 1 ? laterByteOrderMark : undefined);
    if (unreadable !== undefined) {
      badInput++;
      results += `${badLine(lineNumber, [unreadable])}\n`;
      continue;
    }
    const outcome = evaluateLine(line, lineNumber);
    switch (outcome.kind) {
      case "evaluated":
        results += `${outcome.json}\n`;
        break;
      case "bad_input":
        badInput++;
        results += `${badLine(lineNumber, outcome.problems)}\n`;
        break;
      case "evaluation_error":
        evaluationErrors++;
        results += `{"line":${lineNumber},"evaluation_error":${JSON.stringify(outcome.message)}}\n`;
        break;
    }
  }
  return { text: results, scenarios, badInput, evaluationErrors };
}

function badLine(lineNumber: number, problems: readonly string[]): string {
  return `{"line":${lineNumber},"errors":${JSON.stringify(problems)}}`;
}

/** The problem of each line of `bytes` that is not UTF-8, by line number. */
function linesNotUtf8(bytes: Buffer, firstLine: number): Map<number, string> {
  const problems = new Map<number, string>();
  let lineNumber = firstLine;
  for (let start = 0; start < bytes.length; lineNumber++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline === -1 ? bytes.length : newline;
    const decoded = decodeUtf8(bytes.subarray(start, end));
    if (!decoded.ok) problems.set(lineNumber, `(json): ${invalidUtf8Message(decoded)}`);
    start = end + 1;
  }
  return problems;
}

/**
 * A byte-order mark is a mark of a file: one at the start of a later line is an invisible
 * character in the data, most often left by files joined together, and is refused rather
 * than skipped.
 */
const laterByteOrderMark = "(json): line 1, column 1: the line starts with a byte-order mark (U+FEFF): only the first line of the file may";
const BYTE_ORDER_MARK = 0xfeff;

const overlongProblems = [`(json): the line is longer than ${MAX_LINE_BYTES / (1 << 20)} MB: a scenario is one line of JSON`];

/** Streams `input` through `evaluateLine` in this thread: see `streamPopulation`. */
export function evaluatePopulation(
  input: AsyncIterable<Buffer>,
  output: Writable,
  evaluateLine: LineEvaluator,
  onProgress?: (progress: PopulationProgress) => void,
): Promise<PopulationSummary> {
  return streamPopulation(input, output, { evaluate: (block) => evaluateBlock(block, evaluateLine), inFlight: 1 }, onProgress);
}

/**
 * Streams `input` (bytes of UTF-8 NDJSON) through `evaluator` into `output`, with
 * backpressure on both sides: no more than `evaluator.inFlight` blocks are being evaluated,
 * and reading waits while the output is full. `output` is not ended, so that it may be
 * standard output.
 */
export async function streamPopulation(
  input: AsyncIterable<Buffer>,
  output: Writable,
  evaluator: BlockEvaluator,
  onProgress: (progress: PopulationProgress) => void = () => {},
): Promise<PopulationSummary> {
  const writer = new BatchWriter(output);
  const splitter = new BlockSplitter();
  /** results not yet written, in the order of the input */
  const pending: (BlockResult | Promise<BlockResult>)[] = [];
  const writeUntil = async (inFlight: number): Promise<void> => {
    while (pending.length > inFlight) await writer.add(await pending.shift()!);
  };
  const evaluate = async (blocks: readonly Block[]): Promise<void> => {
    for (const block of blocks) {
      const result = evaluator.evaluate(block);
      // awaited in its turn; a failure meanwhile must not count as unhandled
      if (result instanceof Promise) result.catch(() => {});
      pending.push(result);
      await writeUntil(evaluator.inFlight - 1);
    }
  };
  let bytes = 0;
  for await (const chunk of input) {
    bytes += chunk.length;
    await evaluate(splitter.push(chunk));
    onProgress({ bytes, scenarios: writer.scenarios });
  }
  await evaluate(splitter.end());
  await writeUntil(0);
  await writer.flush();
  onProgress({ bytes, scenarios: writer.scenarios });
  return { scenarios: writer.scenarios, badInput: writer.badInput, evaluationErrors: writer.evaluationErrors };
}

/**
 * Cuts chunks of input into blocks of whole lines, keeping the start of a line that goes
 * on in the next chunk. Each block has bytes of its own, so that it can be sent to another
 * thread. (Cutting by hand reads and splits a file of scenarios about twice as fast as
 * `node:readline`, which makes a string of each line in the main thread.)
 */
class BlockSplitter {
  private carry: Buffer[] = [];
  private carryBytes = 0;
  private nextLine = 1;
  /** the line being read is already longer than MAX_LINE_BYTES: it is skipped to its end */
  private overlong = false;

  push(chunk: Buffer): Block[] {
    const blocks: Block[] = [];
    let start = 0;
    if (this.overlong) {
      const end = chunk.indexOf(NEWLINE);
      if (end === -1) return blocks;
      blocks.push(this.overlongLine());
      start = end + 1;
    }
    const last = chunk.lastIndexOf(NEWLINE);
    if (last >= start) {
      blocks.push(this.block(chunk.subarray(start, last + 1)));
      start = last + 1;
    }
    this.keep(chunk.subarray(start));
    return blocks;
  }

  /** The last line, when the input does not end with a line break. */
  end(): Block[] {
    if (this.overlong) return [this.overlongLine()];
    return this.carryBytes === 0 ? [] : [this.block(Buffer.alloc(0))];
  }

  private block(ending: Buffer): Block {
    const bytes = new Uint8Array(this.carryBytes + ending.length);
    let offset = 0;
    for (const part of [...this.carry, ending]) {
      bytes.set(part, offset);
      offset += part.length;
    }
    this.carry = [];
    this.carryBytes = 0;
    const block = { firstLine: this.nextLine, bytes, overlong: false };
    this.nextLine += countLines(ending);
    return block;
  }

  private overlongLine(): Block {
    this.overlong = false;
    return { firstLine: this.nextLine++, bytes: new Uint8Array(0), overlong: true };
  }

  private keep(part: Buffer): void {
    if (part.length === 0) return;
    this.carryBytes += part.length;
    if (this.carryBytes > MAX_LINE_BYTES) {
      this.carry = [];
      this.carryBytes = 0;
      this.overlong = true;
      return;
    }
    // a copy: the stream may reuse the chunk's memory
    this.carry.push(Buffer.from(part));
  }
}

/** The number of line breaks (the start of a line carried from the previous chunk has none). */
function countLines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** Results joined into batches, each written when the output has room for it. */
class BatchWriter {
  scenarios = 0;
  badInput = 0;
  evaluationErrors = 0;
  private batch = "";
  private failure: Error | undefined;

  constructor(private readonly output: Writable) {
    output.on("error", (error: Error) => (this.failure ??= error));
  }

  async add(result: BlockResult): Promise<void> {
    this.batch += result.text;
    this.scenarios += result.scenarios;
    this.badInput += result.badInput;
    this.evaluationErrors += result.evaluationErrors;
    if (this.batch.length >= BATCH_CHARACTERS) await this.flush();
  }

  /** Writes the batch; resolves once the output has taken it without exceeding its buffer. */
  async flush(): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    if (this.batch === "") return;
    const room = this.output.write(this.batch);
    this.batch = "";
    if (!room) await once(this.output, "drain");
  }
}
