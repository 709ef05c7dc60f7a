/**
 * The baseline of population runs: one line of a file of scenarios read as
 * `tiao run --scenarios` reads it (the runtime's `readScenario`), evaluated by the
 * hand-written baseline (bench/baseline/), and written as the CLI writes results
 * (bin/output-json.ts). Streamed through the CLI's own pipeline (bin/population.ts), it
 * differs from `tiao run --scenarios` only in what evaluates the measures.
 */
import { problemLine } from "../compiler/evaluate-scenario.js";
import { outputsWriter } from "../bin/output-json.js";
import type { LineEvaluator } from "../bin/population.js";
import { readScenario } from "../runtime/scenario.js";
import type { FactSchema } from "../runtime/types.js";
import { evaluateAll } from "./baseline/measures.js";
import type { Scenario } from "./facts.js";
import { MEASURE_NAMES, OUTPUT_TYPES, type MeasureOutputs } from "./outputs.js";

export function baselineLineEvaluator(schema: FactSchema): LineEvaluator {
  // in natural order (m1, m2, … m10), as the CLI writes them
  const measures = MEASURE_NAMES.map((name) => {
    const write = outputsWriter({ in_force: { kind: "bool" }, ...Object.fromEntries(OUTPUT_TYPES[name] ?? []) }, schema);
    const key = `${JSON.stringify(name)}:`;
    return { name, write: (outputs: MeasureOutputs) => key + write(outputs) };
  });
  return (text) => {
    const read = readScenario(text, schema);
    if (!read.ok) return { kind: "bad_input", problems: read.errors.map(problemLine) };
    // The runtime's records are the baseline's typed facts (bench/facts.ts).
    const { facts, date, parameters } = read.scenario as unknown as Scenario;
    const results: { readonly [measure: string]: MeasureOutputs | undefined } = evaluateAll(facts, date, parameters);
    let json = "";
    for (const { name, write } of measures) {
      const outputs = results[name];
      if (outputs !== undefined) json += (json === "" ? "" : ",") + write(outputs);
    }
    return { kind: "evaluated", json: `{${json}}` };
  };
}
