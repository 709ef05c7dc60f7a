/**
 * Proof or witness, per output of each measure whose outcomes may change: the solver is
 * asked first where the output is inside its fragment (solver.ts); elsewhere, or when it
 * cannot decide, a bounded search runs both versions on boundary and random scenarios
 * (cases.ts). A witness is shown only after both versions were run on it and differ.
 */
import { ownValue } from "../../runtime/own-properties.js";
import type { ProgramIR } from "../ir.js";
import { type OutputJson, type Scenario } from "../../runtime/index.js";
import { Random } from "../random.js";
import { CaseGenerator, boundariesOf, readsOf, runMeasure, scenarioJson, textsOf, type MeasureOutcome } from "./cases.js";
import type { OutputVerdict } from "./report.js";
import { measureQuestions, type MeasureQuestions, type SmtSolver } from "./solver.js";

export interface VerdictOptions {
  readonly seed: number;
  /** scenarios tried per measure by the bounded search */
  readonly searchCases: number;
  readonly solver?: SmtSolver;
}

export async function outputVerdicts(oldProgram: ProgramIR, newProgram: ProgramIR, measures: readonly string[], options: VerdictOptions): Promise<OutputVerdict[]> {
  const verdicts: OutputVerdict[] = [];
  for (const measure of measures) {
    const oldMeasure = oldProgram.measures.find((m) => m.name === measure);
    const newMeasure = newProgram.measures.find((m) => m.name === measure);
    if (oldMeasure === undefined || newMeasure === undefined) continue;
    const outputs = ["in_force", ...newMeasure.outputs.filter((o) => oldMeasure.outputs.includes(o))];
    const decided = new Map<string, OutputVerdict>();
    const notProved = new Map<string, string>();
    if (options.solver === undefined) {
      for (const output of outputs) notProved.set(output, "no solver was available");
    } else {
      const questions = measureQuestions(oldProgram, newProgram, measure, outputs);
      for (const [output, reason] of questions.outside) notProved.set(output, reason);
      await askSolver(options.solver, questions, oldProgram, newProgram, measure, decided, notProved);
    }
    const open = outputs.filter((output) => !decided.has(output));
    if (open.length > 0) {
      const search = boundedSearch(oldProgram, newProgram, measure, open, options);
      for (const output of open) {
        decided.set(
          output,
          search.witnesses.get(output) ?? {
            output: `${measure}.${output}`,
            verdict: "no_difference_found",
            method: "bounded_search",
            searched: search.searched,
            whyNotProved: notProved.get(output) ?? "no solver was available",
          },
        );
      }
    }
    for (const output of outputs) {
      const verdict = decided.get(output);
      if (verdict !== undefined) verdicts.push(verdict);
    }
  }
  return verdicts;
}

/**
 * Asks about all the outputs still open at once: a proof closes them all; a scenario is run
 * on both versions, and each output it makes differ has its witness. When the solver cannot
 * decide, or its scenario makes none differ, each output is asked about alone. When the
 * solver fails (no answer in time, a crash), the outputs still open go to the bounded
 * search, whose verdicts say why they are not proved.
 */
async function askSolver(
  solver: SmtSolver,
  questions: MeasureQuestions,
  oldProgram: ProgramIR,
  newProgram: ProgramIR,
  measure: string,
  decided: Map<string, OutputVerdict>,
  notProved: Map<string, string>,
): Promise<void> {
  let open = [...questions.inside];
  while (open.length > 0) {
    const answer = await questions.ask(solver, open);
    if (answer.kind === "equal") {
      for (const output of open) decided.set(output, { output: `${measure}.${output}`, verdict: "proved_equal", method: "solver", scope: answer.scope });
      return;
    }
    if (answer.kind === "differs") {
      const before = runMeasure(oldProgram, answer.scenario, measure);
      const after = runMeasure(newProgram, answer.scenario, measure);
      const shown = open.flatMap((output) => {
        const witness = witnessOf(before, after, newProgram, measure, output, answer.scenario, "solver");
        return witness === undefined ? [] : [[output, witness] as const];
      });
      for (const [output, witness] of shown) decided.set(output, witness);
      if (shown.length > 0) {
        open = open.filter((output) => !decided.has(output));
        continue;
      }
    }
    if (answer.kind === "unknown" && answer.reason !== undefined) {
      // The solver failed: its outputs go to the bounded search, which says why.
      for (const output of open) notProved.set(output, answer.reason);
      return;
    }
    if (open.length === 1) {
      notProved.set(open[0] as string, answer.kind === "unknown" ? "the solver could not decide" : "the solver's case did not differ when both versions ran it");
      return;
    }
    for (const output of open) await askSolver(solver, { ...questions, inside: [output] }, oldProgram, newProgram, measure, decided, notProved);
    return;
  }
}

function witnessOf(before: MeasureOutcome, after: MeasureOutcome, newProgram: ProgramIR, measure: string, output: string, scenario: Scenario, method: "solver" | "bounded_search"): OutputVerdict | undefined {
  if (before.kind !== "outputs" || after.kind !== "outputs") return undefined;
  const a = ownValue(before.outputs, output);
  const b = ownValue(after.outputs, output);
  if (JSON.stringify(a) === JSON.stringify(b)) return undefined;
  return {
    output: `${measure}.${output}`,
    verdict: "witness",
    method,
    scenario: scenarioJson(scenario, newProgram.schema),
    before: a as OutputJson,
    after: b as OutputJson,
  };
}

interface SearchResult {
  readonly witnesses: ReadonlyMap<string, OutputVerdict>;
  /** what was tried, in words */
  readonly searched: string;
}

function boundedSearch(oldProgram: ProgramIR, newProgram: ProgramIR, measure: string, outputs: readonly string[], options: VerdictOptions): SearchResult {
  const paths = readsOf(oldProgram, newProgram, measure);
  const boundaries = boundariesOf([oldProgram, newProgram], new Set([measure]));
  const texts = textsOf([oldProgram, newProgram], new Set([measure]));
  const generator = new CaseGenerator(newProgram.schema, boundaries, new Random(options.seed), texts);
  const witnesses = new Map<string, OutputVerdict>();
  for (let index = 0; index < options.searchCases && witnesses.size < outputs.length; index++) {
    const scenario = generator.scenario(paths);
    const before = runMeasure(oldProgram, scenario, measure);
    const after = runMeasure(newProgram, scenario, measure);
    for (const output of outputs) {
      if (witnesses.has(output)) continue;
      const witness = witnessOf(before, after, newProgram, measure, output, scenario, "bounded_search");
      if (witness !== undefined) witnesses.set(output, witness);
    }
  }
  const kinds = [...boundaries].map(([kind, values]) => `${values.length} ${kindWords[kind] ?? kind}`);
  if (texts.length > 0) kinds.push(`${texts.length} texts, each also a character shorter and longer`);
  const searched =
    `${options.searchCases} scenarios (seed ${options.seed}) giving the facts ${measure} reads, each value one of the ` +
    `constants of both versions, one less or one more (${kinds.join(", ")}) seven times in ten, otherwise random; ` +
    `dates of evaluation likewise, or random from 2020-01-01 to 2024-12-31; lists of 0 to 3 items`;
  return { witnesses, searched };
}

const kindWords: Readonly<Record<string, string>> = {
  date: "dates",
  money: "amounts",
  percent: "percentages",
  integer: "numbers",
  months: "numbers of months",
  days: "numbers of days",
  time: "times",
};
