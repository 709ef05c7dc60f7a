/**
 * The diff engine's entry point, shared by `tiao diff` and the playground: two checked
 * versions of a policy → what changed, for whom, a witness or a proof per output, and the
 * impact on cases. Pure apart from the solver it is given; deterministic for a seed.
 */
import type { ProgramIR } from "../ir.js";
import { Random } from "../random.js";
import { CaseGenerator, boundariesOf, readsOf, scenarioJson, textsOf } from "./cases.js";
import { forWhom, type Focus } from "./for-whom.js";
import { impactOf, type CaseSet } from "./impact.js";
import { layoutIR } from "../format/ir-syntax.js";
import { moneyWord } from "../currency.js";
import type { Change, ChangeGroup, DiffReport, DiffSummary, ForWhom } from "./report.js";
import type { SmtSolver } from "./solver.js";
import { structuralDiff } from "./structure.js";
import { outputVerdicts } from "./verdicts.js";

export interface DiffOptions {
  /** seeds the bounded search and the generated population (default 1) */
  readonly seed?: number;
  /** proves outputs equal or finds witnesses where it can; without one, only the bounded search runs */
  readonly solver?: SmtSolver;
  /** scenarios the bounded search tries per measure (default 2000) */
  readonly searchCases?: number;
  /** cases to run both versions on for the impact: the policy's tests and scenarios, a population… */
  readonly cases?: readonly CaseSet[];
  /** also generate a population of this many boundary and random cases (seeded) for the impact */
  readonly generatedPopulation?: number;
}

export async function diffPrograms(oldProgram: ProgramIR, newProgram: ProgramIR, options: DiffOptions = {}): Promise<DiffReport> {
  const structure = structuralDiff(oldProgram, newProgram);
  const groups = structure.groups.map((group) => withForWhom(group, structure.focuses, oldProgram, newProgram));
  const changedMeasures = groups.flatMap((group) =>
    group.measure !== undefined && group.changes.some((change) => change.classification !== "editorial") ? [group.measure] : [],
  );
  const verdicts = await outputVerdicts(oldProgram, newProgram, changedMeasures, {
    seed: options.seed ?? 1,
    searchCases: options.searchCases ?? 2000,
    ...(options.solver === undefined ? {} : { solver: options.solver }),
  });
  const caseSets = [...(options.cases ?? [])];
  if (options.generatedPopulation !== undefined && options.generatedPopulation > 0 && changedMeasures.length > 0) {
    caseSets.push(generatedPopulation(oldProgram, newProgram, changedMeasures, options.generatedPopulation, options.seed ?? 1));
  }
  const impact = caseSets.length === 0 || changedMeasures.length === 0 ? undefined : impactOf(oldProgram, newProgram, caseSets, changedMeasures);
  return {
    old: heading(oldProgram),
    new: heading(newProgram),
    summary: summarise(groups, verdicts.some((verdict) => verdict.verdict === "witness")),
    groups,
    verdicts,
    ...(impact === undefined ? {} : { impact }),
  };
}

function withForWhom(group: ChangeGroup, focuses: ReadonlyMap<Change, Focus>, oldProgram: ProgramIR, newProgram: ProgramIR): ChangeGroup {
  const measure = group.measure;
  if (measure === undefined) return group;
  const context = { definitions: new Set(newProgram.measures.find((m) => m.name === measure)?.definitions.map((d) => d.name) ?? []), unit: moneyWord(newProgram.policy) };
  const changes = group.changes.map((change) => {
    const focus = focuses.get(change);
    if (focus === undefined) return change;
    // Outputs with the same condition are listed together.
    const byCondition = new Map<string, string[]>();
    for (const { output, condition } of forWhom(focus, oldProgram, newProgram, measure)) {
      const text = layoutIR(condition, 0, context).join("\n");
      byCondition.set(text, [...(byCondition.get(text) ?? []), `${measure}.${output}`]);
    }
    const entries: ForWhom[] = [...byCondition].map(([condition, outputs]) => ({ output: outputs.join(", "), condition }));
    return { ...change, forWhom: entries };
  });
  return { ...group, changes };
}

/** Cases giving the facts of the changed measures, at the boundaries of both versions' constants or at random; each labelled by its JSON. */
function generatedPopulation(oldProgram: ProgramIR, newProgram: ProgramIR, measures: readonly string[], size: number, seed: number): CaseSet {
  const paths = [...new Set(measures.flatMap((measure) => readsOf(oldProgram, newProgram, measure)))].sort();
  // Another stream than the search's, so the population is not the search's cases again.
  const generator = new CaseGenerator(
    newProgram.schema,
    boundariesOf([oldProgram, newProgram], new Set(measures)),
    new Random(seed + 0x9e3779b9),
    textsOf([oldProgram, newProgram], new Set(measures)),
  );
  const cases = Array.from({ length: size }, () => {
    const scenario = generator.scenario(paths);
    return { label: JSON.stringify(scenarioJson(scenario, newProgram.schema)), scenario };
  });
  return { name: `a generated population (${size} boundary and random cases, seed ${seed})`, cases };
}

function heading(program: ProgramIR): DiffReport["old"] {
  const { currency } = program.policy;
  return { name: program.policy.name, version: program.policy.version, title: program.policy.title, ...(currency === undefined ? {} : { currency }) };
}

function summarise(groups: readonly ChangeGroup[], outcomesChange: boolean): DiffSummary {
  // A parameter read by several measures is listed under each: count it once.
  const changes = new Map(groups.flatMap((group) => group.changes.map((change) => [change.subject, change] as const)));
  const count = (classification: string) => [...changes.values()].filter((change) => change.classification === classification).length;
  const changesOutcomes = count("changes_outcomes");
  return {
    breaksIntegrations: count("breaks_integrations"),
    changesOutcomes,
    editorial: count("editorial"),
    outcomesMayChange: changesOutcomes > 0 || count("breaks_integrations") > 0,
    outcomesChange,
  };
}
