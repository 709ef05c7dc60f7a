/**
 * Evaluation throughput: the compiled policy, the reference interpreter and the
 * hand-written baseline on all ten measures; and on §2 and §4, the same three beside the
 * rule engines people use today. Every engine is first cross-checked against the
 * reference on the whole pool of scenarios; then each is timed over the same scenarios,
 * and divided by the baseline measured in the same run.
 */
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { evaluateAll, m2, m4 } from "../baseline/measures.js";
import { asRuntimeScenario, type BenchContext } from "../context.js";
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
import { spreadOf, versus, type Figure } from "../report.js";
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

function compiledEngine(pool: readonly Scenario[], module: CompiledModule, names: readonly string[]): Engine {
  const measures = prepareMeasures(module, names);
  const evaluateOne = (s: Scenario) => evaluateCompiled(measures, s.facts, s.date, s.parameters);
  return {
    id: "compiled",
    label: "compiled policy (generated JavaScript)",
    run: (start, count) => cycle(pool, start, count, evaluateOne),
    outputs: (start, count) =>
      slice(pool, start, count).map((s) => {
        const result = evaluateOne(s);
        const json: FormattedResult = {};
        for (const name of names) {
          const outputs = result[name];
          if (outputs !== undefined) json[name] = formatMeasure(name, outputs);
        }
        return json;
      }),
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
async function repetitionSize(context: BenchContext, engine: Engine): Promise<number> {
  const { options, pool } = context;
  const calibration = Math.min(pool.length, 2000);
  const start = performance.now();
  await engine.run(0, calibration);
  const estimate = perSecond(calibration, performance.now() - start);
  return Math.min(options.scenarios, Math.max(calibration, Math.round(estimate * options.secondsPerRepetition)));
}

/**
 * Times the engines in turn, repetition by repetition (A B C, A B C, …), so that every
 * engine meets the same conditions of the machine; each engine is warmed up once first.
 * The figure is the median rate; its ratio is the median of the per-repetition ratios to
 * the first engine, the baseline.
 */
async function timeEngines(context: BenchContext, group: string, idPrefix: string, engines: readonly Engine[]): Promise<Figure[]> {
  const { options, pool } = context;
  const sizes: number[] = [];
  for (const engine of engines) {
    const size = await repetitionSize(context, engine);
    await engine.run(0, Math.min(size, pool.length));
    sizes.push(size);
  }
  const rates: number[][] = engines.map(() => []);
  for (let repetition = 0; repetition < options.repetitions; repetition++) {
    process.stdout.write(`  repetition ${repetition + 1} of ${options.repetitions}\n`);
    const start = (repetition * 7919) % pool.length;
    for (const [i, engine] of engines.entries()) {
      const begin = performance.now();
      await engine.run(start, sizes[i]!);
      rates[i]!.push(perSecond(sizes[i]!, performance.now() - begin));
    }
  }
  const baselineRates = rates[0]!;
  const baselineSample = summarise(baselineRates);
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
    if (i === 0) return context.report.figure(figure);
    const ratios = rates[i]!.map((rate, r) => rate / baselineRates[r]!);
    return context.report.figure({
      ...figure,
      baseline: { label: engines[0]!.label, value: baselineSample.median, unit: "scenarios/s" },
      ratio: summarise(ratios).median,
    });
  });
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
  const compiledAll = compiled === undefined ? undefined : compiledEngine(pool, compiled, names);
  const interpreter = program === undefined ? undefined : interpreterEngine(pool, program);
  const candidates = [compiledAll, baseline].filter((e) => e !== undefined);
  if (interpreter !== undefined) await crossCheck(context, interpreter, candidates);
  await timeEngines(context, "Evaluation, all ten measures", "evaluate.all", [baseline, ...[compiledAll, interpreter].filter((e) => e !== undefined)]);
}

export async function evaluationRefundAndBenefits(context: BenchContext): Promise<void> {
  const { pool } = context;
  const program = await optional(context, "interpreter rows (§2, §4)", () => context.program());
  const compiled = await optional(context, "compiled-policy rows (§2, §4)", () => context.compiled());
  const baseline = baselineRefundAndBenefits(pool);
  const zen = zenEngine();
  try {
    const peers = [jsonLogicEngine(), jsonRulesEngine(), zen].map((peer) => peerEngine(pool, peer));
    const compiledEngineOf = compiled === undefined ? undefined : compiledEngine(pool, compiled, REFUND_AND_BENEFITS);
    const interpreter = program === undefined ? undefined : interpreterEngine(pool, program, REFUND_AND_BENEFITS);
    const reference = interpreter ?? baseline;
    const candidates = [compiledEngineOf, baseline, ...peers].filter((e): e is Engine => e !== undefined && e !== reference);
    await crossCheck(context, reference, candidates, REFUND_AND_BENEFITS);
    const figures = await timeEngines(context, "Evaluation, §2 and §4 beside rule engines", "evaluate.m2m4", [
      baseline,
      ...[compiledEngineOf, interpreter].filter((e) => e !== undefined),
      ...peers,
    ]);
    const compiledFigure = figures.find((f) => f.id.endsWith(".compiled"));
    if (compiledFigure !== undefined) {
      for (const peer of figures.filter((f) => peers.some((p) => f.id.endsWith(`.${p.id}`)))) {
        context.report.figure(versus(
          { id: `speedup.compiled.${peer.id.split(".").pop()}`, group: "Compiled policy against each rule engine (§2 and §4)", label: `compiled ÷ ${peer.label}`, value: compiledFigure.value, unit: "scenarios/s" },
          peer,
        ));
      }
    }
  } finally {
    zen.dispose();
  }
}
