/**
 * Child process of the population benchmark: the baseline's population run, the pipeline
 * of `tiao run --scenarios` with the hand-written baseline evaluating (bench/stream.ts).
 * Prints its summary as JSON.
 *
 * usage: population-child.js <generated module, for its fact schema> <scenarios.ndjson> <results.ndjson>
 */
import { createReadStream, createWriteStream } from "node:fs";
import { finished } from "node:stream/promises";
import { evaluatePopulation, INPUT_CHUNK_BYTES, OUTPUT_BUFFER_BYTES } from "../bin/population.js";
import { importGenerated } from "./policy.js";
import { baselineLineEvaluator } from "./stream.js";

const [moduleFile, input, output] = process.argv.slice(2);
if (moduleFile === undefined || input === undefined || output === undefined) {
  throw new Error("usage: population-child.js <generated module> <scenarios.ndjson> <results.ndjson>");
}
const { factSchema } = await importGenerated(moduleFile);
const results = createWriteStream(output, { highWaterMark: OUTPUT_BUFFER_BYTES });
const summary = await evaluatePopulation(createReadStream(input, { highWaterMark: INPUT_CHUNK_BYTES }), results, baselineLineEvaluator(factSchema));
results.end();
await finished(results);
process.stdout.write(`${JSON.stringify(summary)}\n`);
