/**
 * Impact: both versions run over sets of cases — the policy's own tests and scenarios, a
 * population given as NDJSON, or one generated from boundary and random values — and, per
 * output of the measures whose outcomes may change, how many cases change, the largest
 * changes, and for money the distribution and the total of the change.
 */
import { ownValue } from "../../runtime/own-properties.js";
import type { ProgramIR } from "../ir.js";
import { EvaluationError, formatMoney, parseMoney, readScenario, type Money, type OutputJson, type Scenario } from "../../runtime/index.js";
import { evaluate } from "../interpret.js";
import type { ImpactCase, ImpactReport, ImpactSource, MoneyDelta, OutputImpact } from "./report.js";

/** A case: a scenario's JSON text (read by each version against its own schema), or a scenario already built. */
export type ImpactInput = { readonly label: string } & ({ readonly text: string } | { readonly scenario: Scenario });

export interface CaseSet {
  readonly name: string;
  readonly cases: readonly ImpactInput[];
}

/** Changes shown per output, largest first. */
const largestShown = 3;

export function impactOf(oldProgram: ProgramIR, newProgram: ProgramIR, caseSets: readonly CaseSet[], measures: readonly string[]): ImpactReport {
  const sources: ImpactSource[] = [];
  const outputs: OutputImpact[] = [];
  for (const set of caseSets) {
    const tallies = new Map<string, Tally>();
    for (const measure of measures) {
      const newMeasure = newProgram.measures.find((m) => m.name === measure);
      const oldMeasure = oldProgram.measures.find((m) => m.name === measure);
      if (newMeasure === undefined || oldMeasure === undefined) continue;
      for (const output of ["in_force", ...newMeasure.outputs.filter((o) => oldMeasure.outputs.includes(o))]) {
        const definition = newMeasure.definitions.find((d) => d.name === output);
        // an amount for each member is a list of amounts: its changes are listed, not added up
        tallies.set(`${measure}.${output}`, { cases: 0, changes: [], money: definition?.type.kind === "money" && definition.members === undefined });
      }
    }
    let errors = 0;
    for (const input of set.cases) {
      const before = run(oldProgram, input);
      const after = run(newProgram, input);
      if (before === undefined || after === undefined) {
        errors++;
        continue;
      }
      for (const [key, tally] of tallies) {
        const [measure = "", output = ""] = key.split(".");
        const a = ownOutput(before, measure, output);
        const b = ownOutput(after, measure, output);
        if (a === undefined || b === undefined) continue;
        tally.cases++;
        if (JSON.stringify(a) !== JSON.stringify(b)) tally.changes.push({ scenario: input.label, before: a, after: b, ...moneyDelta(tally, a, b) });
      }
    }
    sources.push({ name: set.name, cases: set.cases.length, errors });
    for (const [output, tally] of tallies) {
      if (tally.cases === 0) continue;
      outputs.push({
        output,
        source: set.name,
        cases: tally.cases,
        changed: tally.changes.length,
        largest: largest(tally),
        ...(tally.money && tally.changes.length > 0 ? { moneyDelta: distribution(tally.changes) } : {}),
      });
    }
  }
  return { sources, outputs };
}

interface Tally {
  cases: number;
  readonly changes: (ImpactCase & { readonly fen?: number })[];
  readonly money: boolean;
}

type Outputs = { readonly [measure: string]: { readonly [output: string]: OutputJson } };

/** Both versions' outputs, or undefined when the case cannot be read or evaluated. */
function run(program: ProgramIR, input: ImpactInput): Outputs | undefined {
  let scenario: Scenario;
  if ("text" in input) {
    const read = readScenario(input.text, program.schema);
    if (!read.ok) return undefined;
    scenario = read.scenario;
  } else {
    scenario = input.scenario;
  }
  try {
    return evaluate(program, scenario).outputs;
  } catch (error) {
    if (error instanceof EvaluationError) return undefined;
    throw error;
  }
}

function ownOutput(outputs: Outputs, measure: string, output: string): OutputJson | undefined {
  const values = ownValue(outputs, measure);
  return values === undefined ? undefined : ownValue(values, output);
}

function fenOf(value: OutputJson): number | undefined {
  return typeof value === "string" ? parseMoney(value) : undefined;
}

function moneyDelta(tally: Tally, before: OutputJson, after: OutputJson): { delta?: string; fen?: number } {
  if (!tally.money) return {};
  const a = fenOf(before);
  const b = fenOf(after);
  if (a === undefined || b === undefined) return {};
  return { delta: signed(b - a), fen: b - a };
}

function signed(fen: number): string {
  return fen > 0 ? `+${formatMoney(fen as Money)}` : formatMoney(fen as Money);
}

function largest(tally: Tally): ImpactCase[] {
  const ordered = tally.money ? [...tally.changes].sort((x, y) => Math.abs(y.fen ?? 0) - Math.abs(x.fen ?? 0)) : tally.changes;
  return ordered.slice(0, largestShown).map(({ fen: _fen, ...shown }) => shown);
}

function distribution(changes: readonly { readonly fen?: number }[]): MoneyDelta {
  const deltas = changes.map((c) => c.fen ?? 0).sort((a, b) => a - b);
  const total = deltas.reduce((sum, delta) => sum + delta, 0);
  return {
    total: signed(total),
    increased: deltas.filter((d) => d > 0).length,
    decreased: deltas.filter((d) => d < 0).length,
    min: signed(deltas[0] ?? 0),
    median: signed(deltas[Math.floor((deltas.length - 1) / 2)] ?? 0),
    max: signed(deltas[deltas.length - 1] ?? 0),
  };
}
