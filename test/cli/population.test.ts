import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { evaluateBlock, evaluatePopulation, MAX_LINE_BYTES, streamPopulation, type BlockEvaluator, type LineOutcome } from "../../bin/population.js";
import { progressLine } from "../../bin/progress.js";

/** An evaluator of scenarios that are just a word: "bad" and "error" fail, anything else is echoed. */
function echo(text: string): LineOutcome {
  const word = text.trim();
  if (word === "bad") return { kind: "bad_input", problems: ["(json): not a scenario"] };
  if (word === "error") return { kind: "evaluation_error", message: "no rule applies" };
  return { kind: "evaluated", json: JSON.stringify(word) };
}

/** A writable that keeps what it is given, taking each write only after a tick, so that it pushes back. */
class SlowSink extends Writable {
  text = "";
  writes = 0;
  constructor() {
    super({ highWaterMark: 16 });
  }
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error) => void): void {
    this.text += chunk.toString("utf8");
    this.writes++;
    setImmediate(done);
  }
}

async function* chunks(...parts: readonly (string | Buffer)[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield typeof part === "string" ? Buffer.from(part) : part;
}

describe("evaluatePopulation", () => {
  it("writes a line per scenario, in order, skipping blank lines and reporting bad ones by line number", async () => {
    const sink = new SlowSink();
    const summary = await evaluatePopulation(chunks("one\n\n  \nbad\r\ntwo\nerror\nthree"), sink, echo);
    expect(summary).toEqual({ scenarios: 5, badInput: 1, evaluationErrors: 1 });
    expect(sink.text).toBe(['"one"', '{"line":4,"errors":["(json): not a scenario"]}', '"two"', '{"line":6,"evaluation_error":"no rule applies"}', '"three"', ""].join("\n"));
  });

  it("reads lines and characters cut anywhere between chunks", async () => {
    const bytes = Buffer.from("甲乙\n丙\n\n丁戊己\n");
    for (let cut = 0; cut <= bytes.length; cut++) {
      const sink = new SlowSink();
      await evaluatePopulation(chunks(bytes.subarray(0, cut), bytes.subarray(cut)), sink, echo);
      expect(sink.text).toBe('"甲乙"\n"丙"\n"丁戊己"\n');
    }
  });

  it("waits for a slow output, and writes many lines at a time", async () => {
    const sink = new SlowSink();
    const lines = Array.from({ length: 100_000 }, (_, i) => `scenario ${i}\n`);
    const summary = await evaluatePopulation(chunks(...lines), sink, echo);
    expect(summary.scenarios).toBe(100_000);
    expect(sink.text.split("\n")[99_999]).toBe('"scenario 99999"');
    expect(sink.writes).toBeLessThan(100);
  });

  it("reports a line too long to hold as a bad line, and reads on", async () => {
    const long = "x".repeat(MAX_LINE_BYTES / 4);
    const sink = new SlowSink();
    const summary = await evaluatePopulation(chunks("one\n", long, long, long, long, long, "\ntwo\n"), sink, echo);
    expect(summary).toEqual({ scenarios: 3, badInput: 1, evaluationErrors: 0 });
    const lines = sink.text.split("\n");
    expect(lines[0]).toBe('"one"');
    expect(lines[1]).toBe('{"line":2,"errors":["(json): the line is longer than 64 MB: a scenario is one line of JSON"]}');
    expect(lines[2]).toBe('"two"');
  });

  it("fails with the output's error", async () => {
    const output = new PassThrough();
    const failure = new Error("no space left on device");
    const run = evaluatePopulation(chunks(...Array.from({ length: 50_000 }, () => "a line long enough to fill the output's buffer\n")), output, echo);
    setImmediate(() => output.destroy(failure));
    await expect(run).rejects.toBe(failure);
  });

  it("writes in the order of the input the results of blocks evaluated out of order, numbering lines across chunks", async () => {
    const sink = new SlowSink();
    let delay = 0;
    const evaluator: BlockEvaluator = {
      inFlight: 4,
      // later blocks often finish first, as they may in worker threads
      evaluate: (block) => new Promise((resolve) => setTimeout(() => resolve(evaluateBlock(block, echo)), (delay = (delay + 7) % 10))),
    };
    const lines = Array.from({ length: 500 }, (_, i) => (i % 50 === 49 ? "bad" : `s${i}`));
    const parts = lines.join("\n").match(/[^]{1,37}/g) ?? [];
    const summary = await streamPopulation(chunks(...parts), sink, evaluator);
    expect(summary).toEqual({ scenarios: 500, badInput: 10, evaluationErrors: 0 });
    expect(sink.text.split("\n").slice(0, -1)).toEqual(
      lines.map((line, i) => (line === "bad" ? `{"line":${i + 1},"errors":["(json): not a scenario"]}` : JSON.stringify(line))),
    );
  });

  it("fails with the error of a block, the failures of the blocks after it handled", async () => {
    const sink = new SlowSink();
    const failure = new Error("a worker thread stopped");
    const evaluator: BlockEvaluator = {
      inFlight: 3,
      evaluate: (block) => (block.firstLine >= 3 ? Promise.reject(failure) : evaluateBlock(block, echo)),
    };
    await expect(streamPopulation(chunks("one\n", "two\n", "three\n", "four\n"), sink, evaluator)).rejects.toBe(failure);
    // an unhandled rejection of block 4 would fail the test run
    await new Promise((resolve) => setImmediate(resolve));
  });

  it("tells its progress in bytes read and scenarios", async () => {
    const seen: { bytes: number; scenarios: number }[] = [];
    await evaluatePopulation(chunks("one\ntw", "o\n"), new SlowSink(), echo, (progress) => seen.push(progress));
    expect(seen.at(-1)).toEqual({ bytes: 8, scenarios: 2 });
  });
});

describe("the progress line", () => {
  it("shows the part of the file read, the rate and the time left", () => {
    expect(progressLine({ bytes: 500, totalBytes: 1000, scenarios: 120_000, elapsedMs: 2000 })).toBe(
      "[████████████░░░░░░░░░░░░]   50%  120,000 scenarios  60,000/s  0:02 left",
    );
    expect(progressLine({ bytes: 1, totalBytes: 4000, scenarios: 1, elapsedMs: 1000 })).toMatch(/  1:06:39 left$/);
  });

  it("shows the scenarios and the rate alone when the size of the input is not known", () => {
    expect(progressLine({ bytes: 500, totalBytes: undefined, scenarios: 1500, elapsedMs: 3000 })).toBe("1,500 scenarios  500/s");
  });
});
