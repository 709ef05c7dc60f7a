/**
 * The diff engine's entry point, shared by `tiao diff` and the playground: two checked
 * versions of a policy → what changed, for whom, a witness or a proof per output, and the
 * impact on cases. Pure apart from the solver it is given; deterministic for a seed.
 */
import type { ProgramIR } from "../ir.js";
import { forWhom, type Focus } from "./for-whom.js";
import { layoutIR } from "./print.js";
import type { Change, ChangeGroup, DiffReport, DiffSummary, ForWhom } from "./report.js";
import { structuralDiff } from "./structure.js";

export interface DiffOptions {
  /** seeds the bounded search and the generated population (default 1) */
  readonly seed?: number;
}

export async function diffPrograms(oldProgram: ProgramIR, newProgram: ProgramIR, options: DiffOptions = {}): Promise<DiffReport> {
  void options;
  const structure = structuralDiff(oldProgram, newProgram);
  const groups = structure.groups.map((group) => withForWhom(group, structure.focuses, oldProgram, newProgram));
  return {
    old: heading(oldProgram),
    new: heading(newProgram),
    summary: summarise(groups, false),
    groups,
    verdicts: [],
  };
}

function withForWhom(group: ChangeGroup, focuses: ReadonlyMap<Change, Focus>, oldProgram: ProgramIR, newProgram: ProgramIR): ChangeGroup {
  const measure = group.measure;
  if (measure === undefined) return group;
  const definitions = new Set(newProgram.measures.find((m) => m.name === measure)?.definitions.map((d) => d.name) ?? []);
  const changes = group.changes.map((change) => {
    const focus = focuses.get(change);
    if (focus === undefined) return change;
    // Outputs with the same condition are listed together.
    const byCondition = new Map<string, string[]>();
    for (const { output, condition } of forWhom(focus, oldProgram, newProgram, measure)) {
      const text = layoutIR(condition, 0, definitions).join("\n");
      byCondition.set(text, [...(byCondition.get(text) ?? []), `${measure}.${output}`]);
    }
    const entries: ForWhom[] = [...byCondition].map(([condition, outputs]) => ({ output: outputs.join(", "), condition }));
    return entries.length === 0 ? change : { ...change, forWhom: entries };
  });
  return { ...group, changes };
}

function heading(program: ProgramIR): DiffReport["old"] {
  return { name: program.policy.name, version: program.policy.version, title: program.policy.title };
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
