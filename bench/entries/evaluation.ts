/**
 * Evaluation throughput: the compiled policy, the reference interpreter and the
 * hand-written baseline on all ten measures; and on §2 and §4, the same three beside the
 * rule engines people use today. Every engine is first cross-checked against the
 * reference on the whole pool of scenarios; then each is timed over the same scenarios,
 * and divided by the baseline measured in the same run. Those figures start from decoded
 * values; §2 and §4 are also timed end to end, from the JSON text each engine's users hand
 * it, where reading the scenario is most of tiao's cost.
 */
import { evaluate } from "../../compiler/interpret.js";
import { readScenario } from "../../runtime/scenario.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { evaluateAll, m2, m4 } from "../baseline/measures.js";
import { asRuntimeScenario, type BenchContext } from "../context.js";
import type { ScenarioJson } from "../workload.js";
import { directAll, directRefundAndBenefits, type DirectResults } from "../direct.js";
import { evaluateCompiled, prepareMeasures } from "../driver.js";
import { CrossChecker } from "../crosscheck.js";
import type { Scenario } from "../facts.js";
import { formatMeasure, formatResult, type FormattedResult, type MeasureOutputs } from "../outputs.js";
import { formatPeerResult, peerInput, type PeerEngine, type PeerInput } from "../peers/input.js";
import { jsonLogicEngine } from "../peers/json-logic.js";
import { jsonRulesEngine } from "../peers/json-rules-engine.js";
import { zenEngine } from "../peers/zen.js";
import type { CompiledModule } from "../policy.js";
import { messageOf } from "../policy.js";
import { spreadOf, type Figure } from "../report.js";
import { perSecond, summarise } from "../timing.js";

const REFUND_AND_BENEFITS = ["m2", "m4"] as const;

/** An engine under test: it evaluates scenarios of the pool, and formats what it computed. */
interface Engine {
  readonly id: string;
  readonly label: string;
  /** evaluates `count` scenarios of the pool from `start`, cycling through it */
  run(start: number, count: number): void | Promise<void>;
  /** the formatted outputs of pool scenarios start … start + count − 1 */
  outputs(start: number, count: number): FormattedResult[] | Promise<FormattedResult[]>;
  /** how many scenarios a peer takes at once (its users' concurrency) */
  readonly batch?: number;
}

/** Results are kept here so that no engine's work can be optimised away. */
const sink: unknown[] = new Array(1024);

function cycle(pool: readonly Scenario[], start: number, count: number, evaluateOne: (scenario: Scenario) => unknown): void {
  const size = pool.length;
  let index = start % size;
  for (let k = 0; k < count; k++) {
    sink[k & 1023] = evaluateOne(pool[index]!);
    if (++index === size) index = 0;
  }
}

function slice(pool: readonly Scenario[], start: number, count: number): Scenario[] {
  return pool.slice(start, start + count);
}

function baselineAll(pool: readonly Scenario[]): Engine {
  const evaluateOne = (s: Scenario) => evaluateAll(s.facts, s.date, s.parameters);
  return {
    id: "baseline",
    label: "hand-written TypeScript (baseline)",
    run: (start, count) => cycle(pool, start, count, evaluateOne),
    outputs: (start, count) => slice(pool, start, count).map((s) => formatResult(evaluateOne(s))),
  };
}

function baselineRefundAndBenefits(pool: readonly Scenario[]): Engine {
  const evaluateOne = (s: Scenario) => ({
    m2: m2(s.facts.enterprise!, s.date, s.parameters),
    m4: m4(s.facts.person!, s.date, s.parameters),
  });
  return {
    id: "baseline",
    label: "hand-written TypeScript (baseline)",
    run: (start, count) => cycle(pool, start, count, evaluateOne),
    outputs: (start, count) => slice(pool, start, count).map((s) => formatResult(evaluateOne(s))),
  };
}

function formatMeasures(result: { readonly [measure: string]: MeasureOutputs | undefined }, names: readonly string[]): FormattedResult {
  const json: FormattedResult = {};
  for (const name of names) {
    const outputs = result[name];
    if (outputs !== undefined) json[name] = formatMeasure(name, outputs);
  }
  return json;
}

/** The generated evaluators called by name, as the baseline's functions are. */
function compiledEngine(pool: readonly Scenario[], evaluateOne: (s: Scenario) => DirectResults, names: readonly string[]): Engine {
  return {
    id: "compiled",
    label: "compiled policy (generated JavaScript)",
    run: (start, count) => cycle(pool, start, count, evaluateOne),
    outputs: (start, count) => slice(pool, start, count).map((s) => formatMeasures(evaluateOne(s), names)),
  };
}

/** The generated module through its `measures` table, with a test of every fact read. */
function driverEngine(pool: readonly Scenario[], module: CompiledModule, names: readonly string[]): Engine {
  const measures = prepareMeasures(module, names);
  const evaluateOne = (s: Scenario) => evaluateCompiled(measures, s.facts, s.date, s.parameters);
  return {
    id: "compiled_driver",
    label: "compiled policy through a generic driver",
    run: (start, count) => cycle(pool, start, count, evaluateOne),
    outputs: (start, count) => slice(pool, start, count).map((s) => formatMeasures(evaluateOne(s), names)),
  };
}

function interpreterEngine(pool: readonly Scenario[], program: ProgramIR, names?: readonly string[]): Engine {
  const options = names === undefined ? {} : { measures: names };
  const evaluateOne = (s: Scenario) => evaluate(program, asRuntimeScenario(s), options);
  return {
    id: "interpreter",
    label: "reference interpreter (compiler/interpret.ts)",
    run: (start, count) => cycle(pool, start, count, evaluateOne),
    outputs: (start, count) => slice(pool, start, count).map((s) => evaluateOne(s).outputs as FormattedResult),
  };
}

function peerEngine(pool: readonly Scenario[], peer: PeerEngine): Engine {
  const inputs: PeerInput[] = pool.map(peerInput);
  const batchOf = (start: number, count: number): PeerInput[] => {
    const batch: PeerInput[] = [];
    for (let k = 0; k < count; k++) batch.push(inputs[(start + k) % inputs.length]!);
    return batch;
  };
  return {
    id: peer.name,
    label: peer.name,
    batch: peer.batch,
    run: async (start, count) => {
      for (let done = 0; done < count; done += peer.batch) {
        sink[done & 1023] = await peer.evaluateBatch(batchOf(start + done, Math.min(peer.batch, count - done)));
      }
    },
    outputs: async (start, count) => {
      const results: FormattedResult[] = [];
      for (let done = 0; done < count; done += peer.batch) {
        const batch = await peer.evaluateBatch(inputs.slice(start + done, start + Math.min(done + peer.batch, count)));
        for (const result of batch) results.push(formatPeerResult(result));
      }
      return results;
    },
  };
}

// ---------------------------------------------------------------- end to end, from JSON text

/** The overrides of §2 and §4 the peers are given (PeerParameters); tiao's text carries the same. */
const PEER_PARAMETERS = ["epidemic_period_end", "ui_benefit_standard", "urban_subsistence_allowance", "refund_rate_large", "refund_rate_sme"];

/**
 * The scenario JSON of §2 and §4 a user of tiao writes: the date, the facts the two
 * measures read and the overrides the peers are given, in the workload's spellings of
 * amounts (`"1820.50"`, `1820.5`, `"1820.5"`).
 */
function refundAndBenefitsText(json: ScenarioJson, reads: readonly string[]): string {
  const text: { [key: string]: unknown } = { date: json["date"] };
  for (const path of reads) {
    const [entity = "", field = ""] = path.split(".");
    const record = json[entity] as { readonly [field: string]: unknown } | undefined;
    if (record === undefined || !(field in record)) continue;
    const kept = (text[entity] ??= {}) as { [field: string]: unknown };
    kept[field] = record[field];
  }
  const overrides = json["parameters"] as { readonly [name: string]: unknown } | undefined;
  const kept = Object.entries(overrides ?? {}).filter(([name]) => PEER_PARAMETERS.includes(name));
  if (kept.length > 0) text["parameters"] = Object.fromEntries(kept);
  return JSON.stringify(text);
}

/** The compiled policy from the scenario's JSON text: `readScenario` against the schema, then the evaluators of §2 and §4. */
function compiledFromTextEngine(context: BenchContext, module: CompiledModule, program: ProgramIR): Engine {
  const reads = program.measures.filter((m) => (REFUND_AND_BENEFITS as readonly string[]).includes(m.name)).flatMap((m) => m.reads);
  const texts = context.pool.map((_, index) => refundAndBenefitsText(context.scenarioJson(index), reads));
  const evaluateDirect = directRefundAndBenefits(module);
  const evaluateOne = (text: string) => {
    const read = readScenario(text, program.schema);
    if (!read.ok) throw new Error(`the workload's scenario does not read: ${read.errors[0]?.path}: ${read.errors[0]?.message}`);
    return evaluateDirect(read.scenario as unknown as Scenario);
  };
  return {
    id: "compiled_text",
    label: "compiled policy, from JSON text (readScenario, then the evaluators)",
    run: (start, count) => cycleTexts(texts, start, count, evaluateOne),
    outputs: (start, count) => texts.slice(start, start + count).map((text) => formatMeasures(evaluateOne(text), REFUND_AND_BENEFITS)),
  };
}

/** A peer from the JSON text of its own input: `JSON.parse`, then the engine. */
function peerFromTextEngine(pool: readonly Scenario[], peer: PeerEngine): Engine {
  const texts = pool.map((scenario) => JSON.stringify(peerInput(scenario)));
  const batchOf = (start: number, count: number): PeerInput[] => {
    const batch: PeerInput[] = [];
    for (let k = 0; k < count; k++) batch.push(JSON.parse(texts[(start + k) % texts.length]!) as PeerInput);
    return batch;
  };
  return {
    id: `${peer.name}_text`,
    label: `${peer.name}, from JSON text (JSON.parse, then the engine)`,
    batch: peer.batch,
    run: async (start, count) => {
      for (let done = 0; done < count; done += peer.batch) {
        sink[done & 1023] = await peer.evaluateBatch(batchOf(start + done, Math.min(peer.batch, count - done)));
      }
    },
    outputs: async (start, count) => {
      const results: FormattedResult[] = [];
      for (let done = 0; done < count; done += peer.batch) {
        const batch = await peer.evaluateBatch(batchOf(start + done, Math.min(peer.batch, count - done)));
        for (const result of batch) results.push(formatPeerResult(result));
      }
      return results;
    },
  };
}

function cycleTexts(texts: readonly string[], start: number, count: number, evaluateOne: (text: string) => unknown): void {
  const size = texts.length;
  let index = start % size;
  for (let k = 0; k < count; k++) {
    sink[k & 1023] = evaluateOne(texts[index]!);
    if (++index === size) index = 0;
  }
}

/**
 * Compares every candidate with the reference on every scenario of the pool, a chunk at a
 * time, and reports the disagreements.
 */
async function crossCheck(context: BenchContext, reference: Engine, candidates: readonly Engine[], measures?: readonly string[]): Promise<void> {
  const checkers = candidates.map((engine) => new CrossChecker(engine.label, reference.label, measures));
  const chunk = 1000;
  for (let start = 0; start < context.pool.length; start += chunk) {
    const count = Math.min(chunk, context.pool.length - start);
    const expected = await reference.outputs(start, count);
    for (const [i, engine] of candidates.entries()) {
      const actual = await engine.outputs(start, count);
      for (let k = 0; k < count; k++) checkers[i]!.add(start + k, expected[k]!, actual[k]!);
    }
  }
  for (const checker of checkers) context.report.crossCheck(checker.result((index) => context.scenarioJson(index)));
}

/**
 * How many scenarios a repetition of an engine evaluates: `options.scenarios`, or for an
 * engine too slow for that, as many as it evaluates in `options.secondsPerRepetition`
 * (estimated from a short calibration run).
 */
async function repetitionSize(context: BenchContext, engine: Engine): Promise<{ size: number; seconds: number }> {
  const { options, pool } = context;
  const calibration = Math.min(pool.length, 2000);
  const start = performance.now();
  await engine.run(0, calibration);
  const estimate = perSecond(calibration, performance.now() - start);
  const size = Math.min(options.scenarios, Math.max(calibration, Math.round(estimate * options.secondsPerRepetition)));
  return { size, seconds: size / estimate };
}

/** A repetition is cut into at most this many slices, run engine after engine… */
const MAX_SLICES = 10;
/** …each long enough (seconds) that a garbage collection or a timer tick cannot dominate it. */
const MIN_SLICE_SECONDS = 0.05;

interface Timed {
  readonly figure: Figure;
  /** scenarios per second, per repetition */
  readonly rates: readonly number[];
}

/**
 * Times the engines side by side: each repetition is cut into slices, and every slice runs
 * engine after engine (A B C, A B C, …), so that all of them meet the same conditions of
 * the machine; each engine is warmed up once first. The figure is the median rate over
 * the repetitions; its ratio is the median of the per-repetition ratios to the first
 * engine, the baseline, which cancels most of the drift of a busy machine.
 */
async function timeEngines(context: BenchContext, group: string, idPrefix: string, engines: readonly Engine[]): Promise<Timed[]> {
  const { options, pool } = context;
  const sizes: number[] = [];
  let shortest = Infinity;
  for (const engine of engines) {
    const { size, seconds } = await repetitionSize(context, engine);
    await engine.run(0, Math.min(size, pool.length));
    sizes.push(size);
    shortest = Math.min(shortest, seconds);
  }
  const slices = Math.max(1, Math.min(MAX_SLICES, Math.floor(shortest / MIN_SLICE_SECONDS)));
  const rates: number[][] = engines.map(() => []);
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    process.stdout.write(`  repetition ${repetition + 1} of ${options.repetitions}\n`);
    const elapsed = engines.map(() => 0);
    for (let slice = 0; slice < slices; slice++) {
      for (const [i, engine] of engines.entries()) {
        const size = sizes[i]!;
        const from = Math.floor((size * slice) / slices);
        const to = Math.floor((size * (slice + 1)) / slices);
        const begin = performance.now();
        await engine.run(repetition * 7919 + from, to - from);
        elapsed[i]! += performance.now() - begin;
      }
    }
    for (const [i, size] of sizes.entries()) rates[i]!.push(perSecond(size, elapsed[i]!));
  }
  return engines.map((engine, i) => {
    const sample = summarise(rates[i]!);
    const figure: Figure = {
      id: `${idPrefix}.${engine.id}`,
      group,
      label: engine.label,
      value: sample.median,
      unit: "scenarios/s",
      spread: spreadOf(sample),
      note: `median of ${sample.repetitions} repetitions of ${sizes[i]!.toLocaleString("en-US")} scenarios`
        + (engine.batch === undefined ? "" : `, ${engine.batch} in flight`),
    };
    return {
      figure: context.report.figure(i === 0 ? figure : pairedVersus(figure, rates[i]!, engines[0]!.label, rates[0]!)),
      rates: rates[i]!,
    };
  });
}

/** A throughput against another measured in the same repetitions: the median of their ratios. */
function pairedVersus(figure: Figure, rates: readonly number[], baselineLabel: string, baselineRates: readonly number[]): Figure {
  return {
    ...figure,
    baseline: { label: baselineLabel, value: summarise(baselineRates).median, unit: "scenarios/s" },
    ratio: summarise(rates.map((rate, r) => rate / baselineRates[r]!)).median,
  };
}

async function optional<T>(context: BenchContext, entry: string, load: () => Promise<T>): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    context.report.skip(entry, messageOf(error));
    return undefined;
  }
}

export async function evaluationAllMeasures(context: BenchContext): Promise<void> {
  const { pool } = context;
  const program = await optional(context, "interpreter rows", () => context.program());
  const compiled = await optional(context, "compiled-policy rows", () => context.compiled());
  const baseline = baselineAll(pool);
  const names = program?.measures.map((m) => m.name) ?? [];
  const direct = compiled === undefined ? undefined : await optional(context, "compiled-policy rows", async () => directAll(compiled));
  const compiledAll = direct === undefined ? undefined : compiledEngine(pool, direct, names);
  const driver = compiled === undefined ? undefined : driverEngine(pool, compiled, names);
  const interpreter = program === undefined ? undefined : interpreterEngine(pool, program);
  const reference = interpreter ?? baseline;
  const candidates = [compiledAll, driver, baseline].filter((e): e is Engine => e !== undefined && e !== reference);
  await crossCheck(context, reference, candidates);
  await timeEngines(context, "Evaluation, all ten measures", "evaluate.all", [baseline, ...[compiledAll, driver, interpreter].filter((e) => e !== undefined)]);
}

export async function evaluationRefundAndBenefits(context: BenchContext): Promise<void> {
  const { pool } = context;
  const program = await optional(context, "interpreter rows (§2, §4)", () => context.program());
  const compiled = await optional(context, "compiled-policy rows (§2, §4)", () => context.compiled());
  const baseline = baselineRefundAndBenefits(pool);
  const zen = zenEngine();
  try {
    const peerEngines = [jsonLogicEngine(), jsonRulesEngine(), zen];
    const peers = peerEngines.map((peer) => peerEngine(pool, peer));
    const direct = compiled === undefined ? undefined : await optional(context, "compiled-policy rows (§2, §4)", async () => directRefundAndBenefits(compiled));
    const compiledEngineOf = direct === undefined ? undefined : compiledEngine(pool, direct, REFUND_AND_BENEFITS);
    const interpreter = program === undefined ? undefined : interpreterEngine(pool, program, REFUND_AND_BENEFITS);
    // End to end: each engine from the JSON text its users hand it. The peers' texts are
    // their own input serialised, which JSON reads back exactly; tiao's text is a scenario
    // as its users write it, and its reading is cross-checked.
    const compiledFromText = compiled === undefined || program === undefined ? undefined : compiledFromTextEngine(context, compiled, program);
    const peersFromText = peerEngines.map((peer) => peerFromTextEngine(pool, peer));
    const reference = interpreter ?? baseline;
    const candidates = [compiledEngineOf, compiledFromText, baseline, ...peers].filter((e): e is Engine => e !== undefined && e !== reference);
    await crossCheck(context, reference, candidates, REFUND_AND_BENEFITS);
    // All timed in the same slices, so that the two comparisons meet the same machine.
    const timed = await timeEngines(context, "Evaluation, §2 and §4 beside rule engines, from decoded values and from JSON text", "evaluate.m2m4", [
      baseline,
      ...[compiledEngineOf, interpreter].filter((e) => e !== undefined),
      ...peers,
      ...(compiledFromText === undefined ? [] : [compiledFromText, ...peersFromText]),
    ]);
    const timedOf = (id: string) => timed.find((t) => t.figure.id === `evaluate.m2m4.${id}`);
    const compiledTimed = timedOf("compiled");
    if (compiledTimed !== undefined) {
      compiledAgainstPeers(context, "Compiled policy against each rule engine (§2 and §4), from decoded values", "compiled", compiledTimed, peerEngines.map((peer) => [peer.name, timedOf(peer.name)] as const));
    }
    const compiledFromTextTimed = timedOf("compiled_text");
    if (compiledFromTextTimed !== undefined) {
      compiledAgainstPeers(context, "Compiled policy against each rule engine (§2 and §4), end to end from JSON text", "compiled_text", compiledFromTextTimed, peerEngines.map((peer) => [peer.name, timedOf(`${peer.name}_text`)] as const));
    }
  } finally {
    zen.dispose();
  }
}

/** The compiled policy's rate divided by each peer's, paired repetition by repetition. */
function compiledAgainstPeers(context: BenchContext, group: string, id: string, compiledTimed: Timed, peersTimed: readonly (readonly [string, Timed | undefined])[]): void {
  for (const [name, peer] of peersTimed) {
    if (peer === undefined) continue;
    context.report.figure(pairedVersus(
      {
        id: `speedup.${id}.${name}`,
        group,
        label: `compiled policy ÷ ${name}`,
        value: compiledTimed.figure.value,
        unit: "scenarios/s",
      },
      compiledTimed.rates,
      peer.figure.label,
      peer.rates,
    ));
  }
}
