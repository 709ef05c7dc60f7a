/**
 * What a diff of two versions of a policy reports: plain, JSON-serialisable data, the same
 * for the CLI's three formats and for the playground. docs/cli.md documents its JSON shape.
 */
import type { PolicyInfo } from "../ir.js";

/**
 * What a change can do to those who use the policy, most serious first:
 * - `breaks_integrations`: the generated types or the JSON Schemas change incompatibly;
 * - `changes_outcomes`: some scenario may get different outputs;
 * - `editorial`: citations, notes, labels, sources, names of rules — no output changes.
 */
export type Classification = "breaks_integrations" | "changes_outcomes" | "editorial";

export const classifications: readonly Classification[] = ["breaks_integrations", "changes_outcomes", "editorial"];

export interface DiffReport {
  readonly old: PolicyHeading;
  readonly new: PolicyHeading;
  readonly summary: DiffSummary;
  /** the changes of the whole policy (header, facts, parameters no measure reads) first, then one group per measure */
  readonly groups: readonly ChangeGroup[];
  /** for each output of a measure with an outcome-changing change: a witness, a proof, or what a search found */
  readonly verdicts: readonly OutputVerdict[];
  readonly impact?: ImpactReport;
}

export type PolicyHeading = Pick<PolicyInfo, "name" | "version" | "title" | "currency">;

export interface DiffSummary {
  readonly breaksIntegrations: number;
  readonly changesOutcomes: number;
  readonly editorial: number;
  /** some change may alter outcomes (whether or not a witness was found) */
  readonly outcomesMayChange: boolean;
  /** a witness shows an output that differs */
  readonly outcomesChange: boolean;
}

export interface ChangeGroup {
  /** undefined for the policy as a whole */
  readonly measure?: string;
  readonly title?: string;
  readonly changes: readonly Change[];
}

export interface Change {
  /** stable identity: `parameter refund_rate_sme`, `m4 output unemployment_subsidy_eligible exception migrant` */
  readonly subject: string;
  readonly action: "added" | "removed" | "changed" | "renamed";
  readonly classification: Classification;
  readonly aspects: readonly Aspect[];
  /** for a parameter whose values changed: its values before and after */
  readonly timeline?: { readonly before: readonly TimelineEntry[]; readonly after: readonly TimelineEntry[] };
  /**
   * For a change that may alter outcomes (in a measure's group): where outputs may differ,
   * as tiao conditions over facts and `date`; empty when no output can differ through it alone.
   */
  readonly forWhom?: readonly ForWhom[];
}

/** One thing that changed about a subject; `before`/`after` are in the policy's syntax, absent when added or removed. */
export interface Aspect {
  readonly aspect: string;
  readonly classification: Classification;
  readonly before?: string;
  readonly after?: string;
}

export interface TimelineEntry {
  readonly from: string;
  /** inclusive; absent when in force until the next value, or forever */
  readonly until?: string;
  readonly value: string;
  readonly source: string;
}

export interface ForWhom {
  /** `m4.living_subsidy_eligible` */
  readonly output: string;
  /** a tiao boolean expression over facts and `date` */
  readonly condition: string;
}

/**
 * - `witness`: a scenario on which the two versions give different outputs, checked by
 *   running both; found by the solver or by the bounded search (`method`).
 * - `proved_equal`: the solver showed that no scenario (without parameter overrides, on
 *   which both versions evaluate) gives different values.
 * - `no_difference_found`: a bounded search found no scenario that differs; `searched` says
 *   what it tried. Not a proof.
 */
export type OutputVerdict =
  | {
      readonly output: string;
      readonly verdict: "witness";
      readonly method: "solver" | "bounded_search";
      readonly scenario: WitnessScenario;
      readonly before: unknown;
      readonly after: unknown;
    }
  | { readonly output: string; readonly verdict: "proved_equal"; readonly method: "solver"; readonly scope: string }
  | { readonly output: string; readonly verdict: "no_difference_found"; readonly method: "bounded_search"; readonly searched: string; readonly whyNotProved: string };

/** A complete scenario, in the scenario JSON format (`tiao run --scenario` reads it). */
export type WitnessScenario = { readonly [key: string]: unknown };

export interface ImpactReport {
  /** where the cases came from: `3 scenarios and 110 tests of the policy`, `population file people.ndjson (1000 lines)` */
  readonly sources: readonly ImpactSource[];
  readonly outputs: readonly OutputImpact[];
}

export interface ImpactSource {
  readonly name: string;
  readonly cases: number;
  /** cases one of the versions could not read or evaluate */
  readonly errors: number;
}

export interface OutputImpact {
  /** `m2.refund` */
  readonly output: string;
  readonly source: string;
  /** cases where the measure was evaluated by both versions */
  readonly cases: number;
  readonly changed: number;
  /** the largest changes first (by the size of the money delta, for money) */
  readonly largest: readonly ImpactCase[];
  /** money outputs only: the deltas (new − old) in the policy's money */
  readonly moneyDelta?: MoneyDelta;
}

export interface ImpactCase {
  /** the test's name, the scenario file, or `line 12` of a population */
  readonly scenario: string;
  readonly before: unknown;
  readonly after: unknown;
  /** new − old, in the policy's money, for money */
  readonly delta?: string;
}

export interface MoneyDelta {
  readonly total: string;
  readonly increased: number;
  readonly decreased: number;
  readonly min: string;
  readonly median: string;
  readonly max: string;
}
