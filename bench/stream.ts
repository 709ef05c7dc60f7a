/**
 * Population runs: scenarios as NDJSON in (one scenario per line), results as NDJSON out
 * (one object per line, in the same order), streamed so that memory stays flat however
 * many scenarios there are. A line that cannot be read gives `{"line": n, "errors": […]}`
 * instead of results, and the run goes on. This is the evaluator behind a
 * `tiao run <policy> --scenarios <file.ndjson> --out <file.ndjson>` mode.
 */
import { once } from "node:events";
import type { Readable, Writable } from "node:stream";
import { createInterface } from "node:readline";
import type { OutputJson, Scenario, ScenarioError } from "../runtime/scenario.js";

export type LineResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

export interface PopulationEvaluator {
  /** reads one scenario's JSON text */
  read(text: string): LineResult;
  /** the formatted outputs of every measure whose facts the scenario gives */
  evaluate(scenario: Scenario): { readonly [measure: string]: OutputJson };
}

export interface PopulationSummary {
  readonly scenarios: number;
  /** lines that could not be read or evaluated */
  readonly failed: number;
}

/** Output is written in chunks of about this many characters. */
const CHUNK = 1 << 16;

export async function evaluatePopulation(input: Readable, output: Writable, evaluator: PopulationEvaluator): Promise<PopulationSummary> {
  let lineNumber = 0;
  let scenarios = 0;
  let failed = 0;
  let pending = "";
  const flush = async (): Promise<void> => {
    if (!output.write(pending)) await once(output, "drain");
    pending = "";
  };
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    if (line.trim() === "") continue;
    scenarios++;
    const read = evaluator.read(line);
    if (read.ok) {
      try {
        pending += `${JSON.stringify(evaluator.evaluate(read.scenario))}\n`;
      } catch (error) {
        failed++;
        pending += `${JSON.stringify({ line: lineNumber, errors: [{ path: "(evaluation)", message: error instanceof Error ? error.message : String(error) }] })}\n`;
      }
    } else {
      failed++;
      pending += `${JSON.stringify({ line: lineNumber, errors: read.errors })}\n`;
    }
    if (pending.length >= CHUNK) await flush();
  }
  if (pending !== "") await flush();
  output.end();
  await once(output, "finish");
  return { scenarios, failed };
}
