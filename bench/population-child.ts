/**
 * Child process of the population benchmark: streams an NDJSON file of scenarios through
 * one evaluator into an NDJSON file of results, and prints the throughput and the peak
 * resident memory of the whole process as JSON.
 *
 * usage: population-child.js compiled|baseline <generated module> <scenarios.ndjson> <results.ndjson>
 */
import { createReadStream, createWriteStream } from "node:fs";
import { readScenario, type Scenario } from "../runtime/scenario.js";
import { evaluateAll } from "./baseline/measures.js";
import { evaluateCompiled, formatCompiled, prepareMeasures } from "./driver.js";
import type { Scenario as WorkloadScenario } from "./facts.js";
import { formatResult, MEASURE_NAMES } from "./outputs.js";
import { importGenerated } from "./policy.js";
import { evaluatePopulation, type PopulationEvaluator } from "./stream.js";

const [engine, moduleFile, input, output] = process.argv.slice(2);
if (moduleFile === undefined || input === undefined || output === undefined || (engine !== "compiled" && engine !== "baseline")) {
  throw new Error("usage: population-child.js compiled|baseline <generated module> <scenarios.ndjson> <results.ndjson>");
}
const module = await importGenerated(moduleFile);
// in the order of the baseline's results, so that both write the same lines
const measures = prepareMeasures(module, MEASURE_NAMES.filter((name) => module.measures[name] !== undefined));
const read = (text: string) => readScenario(text, module.factSchema);

const evaluator: PopulationEvaluator = engine === "compiled"
  ? {
      read,
      evaluate: (s: Scenario) => formatCompiled(measures, evaluateCompiled(measures, s.facts, s.date, s.parameters), module.factSchema),
    }
  : {
      read,
      // The runtime's records are the baseline's typed facts (bench/facts.ts).
      evaluate: (s: Scenario) => {
        const { facts, date, parameters } = s as unknown as WorkloadScenario;
        return formatResult(evaluateAll(facts, date, parameters));
      },
    };

const start = performance.now();
const summary = await evaluatePopulation(createReadStream(input), createWriteStream(output), evaluator);
const ms = performance.now() - start;
process.stdout.write(`${JSON.stringify({ ...summary, ms, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
