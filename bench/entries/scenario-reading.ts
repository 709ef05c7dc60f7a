/**
 * Reading scenarios: `readScenario` on the workload's scenario JSON (every fact of the ten
 * measures, about 2 KB a scenario), beside the platform's `JSON.parse` on the same texts,
 * which neither checks anything nor keeps numbers exact; beside the reading through the
 * JSON tree, which scenarios with problems take; and beside that tree's parser alone.
 * Readers are timed in turns within each repetition, as the evaluation engines are.
 */
import { parseJson } from "../../runtime/json.js";
import { readScenario, readScenarioFromTree } from "../../runtime/scenario.js";
import type { FactSchema } from "../../runtime/types.js";
import type { BenchContext } from "../context.js";
import { messageOf } from "../policy.js";
import { spreadOf, type Figure } from "../report.js";
import { summarise } from "../timing.js";

const GROUP = "Reading a scenario's JSON (all ten measures' facts)";

/** Distinct scenario texts held in memory: enough to leave the CPU caches, few enough to build quickly. */
const MAX_TEXTS = 10_000;
/** Each reader's turn in a repetition reads the texts this many times. */
const PASSES = 3;

interface Reader {
  readonly id: string;
  readonly label: string;
  read(text: string): unknown;
}

/** Results are kept here so that no reading can be optimised away. */
const sink: unknown[] = new Array(1024);

/** Microseconds per text for one turn of the reader over the texts. */
function timeTurn(reader: Reader, texts: readonly string[]): number {
  const start = performance.now();
  for (let pass = 0; pass < PASSES; pass++) {
    for (let i = 0; i < texts.length; i++) sink[i & 1023] = reader.read(texts[i]!);
  }
  return ((performance.now() - start) * 1000) / (PASSES * texts.length);
}

function readers(schema: FactSchema): Reader[] {
  return [
    { id: "json_parse", label: "JSON.parse (no checks, numbers as doubles)", read: (text) => JSON.parse(text) },
    { id: "read_scenario", label: "readScenario (one pass, checked against the schema)", read: (text) => readScenario(text, schema) },
    { id: "from_tree", label: "reading through the JSON tree (the path of scenarios with problems)", read: (text) => readScenarioFromTree(text, schema) },
    { id: "parse_json", label: "parseJson alone (the JSON tree, exact numbers, no schema)", read: (text) => parseJson(text) },
  ];
}

export async function scenarioReading(context: BenchContext): Promise<void> {
  const { report, options } = context;
  let schema: FactSchema;
  try {
    schema = (await context.program()).schema;
  } catch (error) {
    report.skip("scenario reading", messageOf(error));
    return;
  }
  const count = Math.min(options.pool, MAX_TEXTS);
  const texts = Array.from({ length: count }, (_, index) => JSON.stringify(context.scenarioJson(index)));
  const refused = texts.filter((text) => !readScenario(text, schema).ok).length;
  if (refused > 0) {
    report.skip("scenario reading", `readScenario refuses ${refused} of the ${count} workload scenarios`);
    return;
  }
  const averageBytes = texts.reduce((total, text) => total + text.length, 0) / count;
  const all = readers(schema);
  for (const reader of all) timeTurn(reader, texts);
  const timings: number[][] = all.map(() => []);
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    process.stdout.write(`  repetition ${repetition + 1} of ${options.repetitions}\n`);
    all.forEach((reader, i) => timings[i]!.push(timeTurn(reader, texts)));
  }
  const baseline = all[0]!;
  const baselineSample = summarise(timings[0]!);
  all.forEach((reader, i) => {
    const sample = summarise(timings[i]!);
    const figure: Figure = {
      id: `read.${reader.id}`,
      group: GROUP,
      label: reader.label,
      value: sample.median,
      unit: "µs per scenario",
      spread: spreadOf(sample),
      note: `median of ${sample.repetitions} repetitions, each reading ${count.toLocaleString("en-US")} texts `
        + `(${Math.round(averageBytes).toLocaleString("en-US")} characters on average) ${PASSES} times`,
    };
    report.figure(i === 0 ? figure : {
      ...figure,
      baseline: { label: baseline.label, value: baselineSample.median, unit: figure.unit },
      // paired per repetition, which cancels most of the drift of a busy machine
      ratio: summarise(timings[i]!.map((time, r) => time / timings[0]![r]!)).median,
    });
  });
}
