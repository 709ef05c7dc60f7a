/**
 * Population runs: scenarios as NDJSON in (one scenario per line, blank lines ignored),
 * results as NDJSON out (one line per scenario, in the same order), streamed so that
 * memory stays flat however many scenarios there are. A scenario that cannot be read or
 * evaluated gives a line naming its line number and what went wrong, and the run goes on.
 *
 * This is the pipeline of `tiao run <policy> --scenarios <file> --out <file>`, and the one
 * the benchmark times with other evaluators plugged in.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { StringDecoder } from "node:string_decoder";

/** What became of one scenario: the three outcomes `tiao run` tells apart. */
export type LineOutcome =
  /** `json`: the results, as `tiao run` prints them but on one line */
  | { readonly kind: "evaluated"; readonly json: string }
  /** `problems`: one `path: message` line per problem, as `tiao run` prints them */
  | { readonly kind: "bad_input"; readonly problems: readonly string[] }
  | { readonly kind: "evaluation_error"; readonly message: string };

/** Evaluates the text of one scenario. */
export type LineEvaluator = (text: string) => LineOutcome;

export interface PopulationSummary {
  /** non-blank lines read */
  readonly scenarios: number;
  /** scenarios that could not be read, or lacked a fact of a measure asked for */
  readonly badInput: number;
  /** scenarios the policy could not evaluate */
  readonly evaluationErrors: number;
}

export interface PopulationProgress {
  /** bytes of input read so far */
  readonly bytes: number;
  readonly scenarios: number;
}

/**
 * A file of scenarios is read in chunks of this many bytes, and up to OUTPUT_BUFFER_BYTES
 * of results wait to be written while the next are evaluated. Larger chunks were no
 * faster, and cost memory.
 */
export const INPUT_CHUNK_BYTES = 1 << 16;
export const OUTPUT_BUFFER_BYTES = 1 << 20;

/**
 * Results are written in batches of about this many characters: one write per line would
 * cost more than evaluating the line.
 */
const BATCH_CHARACTERS = 1 << 18;

/**
 * A line longer than this is not read (a scenario is a few kilobytes): without a limit, a
 * file with no line breaks would be held whole in memory.
 */
export const MAX_LINE_CHARACTERS = 1 << 26;

/**
 * Streams `input` (bytes of UTF-8 NDJSON) through `evaluateLine` into `output`, with
 * backpressure on both sides: no more than a chunk of input and a batch of output are held
 * at a time. `output` is not ended, so that it may be standard output.
 */
export async function evaluatePopulation(
  input: AsyncIterable<Buffer>,
  output: Writable,
  evaluateLine: LineEvaluator,
  onProgress: (progress: PopulationProgress) => void = () => {},
): Promise<PopulationSummary> {
  const writer = new BatchWriter(output);
  const decoder = new StringDecoder("utf8");
  let lineNumber = 0;
  let scenarios = 0;
  let badInput = 0;
  let evaluationErrors = 0;
  let bytes = 0;
  /** the start of a line whose end has not been read yet */
  let carry = "";
  /** whether the line being read is already too long, and is skipped to its end */
  let overlong = false;

  const evaluate = (line: string): void => {
    lineNumber++;
    if (!overlong && line.trim() === "") return;
    scenarios++;
    const outcome = overlong ? overlongLine : evaluateLine(line);
    overlong = false;
    switch (outcome.kind) {
      case "evaluated":
        writer.add(outcome.json);
        break;
      case "bad_input":
        badInput++;
        writer.add(`{"line":${lineNumber},"errors":${JSON.stringify(outcome.problems)}}`);
        break;
      case "evaluation_error":
        evaluationErrors++;
        writer.add(`{"line":${lineNumber},"evaluation_error":${JSON.stringify(outcome.message)}}`);
        break;
    }
  };

  for await (const chunk of input) {
    bytes += chunk.length;
    const text = carry + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf("\n"); end !== -1; end = text.indexOf("\n", start)) {
      evaluate(text.slice(start, end));
      start = end + 1;
    }
    carry = text.slice(start);
    if (carry.length > MAX_LINE_CHARACTERS) {
      overlong = true;
      carry = "";
    }
    if (writer.full()) await writer.flush();
    onProgress({ bytes, scenarios });
  }
  const last = carry + decoder.end();
  if (last !== "" || overlong) evaluate(last);
  await writer.flush();
  onProgress({ bytes, scenarios });
  return { scenarios, badInput, evaluationErrors };
}

const overlongLine: LineOutcome = {
  kind: "bad_input",
  problems: [`(json): the line has more than ${MAX_LINE_CHARACTERS.toLocaleString("en-US")} characters: a scenario is one line of JSON`],
};

/** Lines joined into batches, each written when the output has room for it. */
class BatchWriter {
  private batch = "";
  private failure: Error | undefined;

  constructor(private readonly output: Writable) {
    output.on("error", (error: Error) => (this.failure ??= error));
  }

  add(line: string): void {
    this.batch += `${line}\n`;
  }

  full(): boolean {
    return this.batch.length >= BATCH_CHARACTERS;
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
