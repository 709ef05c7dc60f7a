/**
 * Messages between the page and the compiler worker. Everything crossing is plain data
 * (structured clone): the IR, diagnostics and explanations are JSON-like by design.
 */
import type { SectionCoverage } from "../../compiler/coverage.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { Explanation } from "../../compiler/explain.js";
import type { ProgramIR } from "../../compiler/ir.js";
import type { OutputJson, ScenarioError } from "../../runtime/index.js";

export interface PolicyFile {
  readonly path: string;
  readonly text: string;
}

/** The result in the shape `tiao run --explain` prints: measures in natural order, then `explain`. */
export type RunOutputs = { readonly [measure: string]: { readonly [output: string]: OutputJson } };
export type RunExplanations = { readonly [measure: string]: { readonly [output: string]: Explanation } };

/** What became of the scenario: the outcomes `tiao run` tells apart by its exit status. */
export type RunOutcome =
  | { readonly kind: "evaluated"; readonly outputs: RunOutputs; readonly explain: RunExplanations; readonly skipped: readonly { readonly measure: string; readonly missing: readonly string[] }[] }
  | { readonly kind: "bad_input"; readonly problems: readonly ScenarioError[] }
  | { readonly kind: "evaluation_error"; readonly message: string; readonly location?: string }
  /** the policy has errors: nothing is evaluated */
  | { readonly kind: "not_compiled" };

export interface Analysis {
  readonly diagnostics: readonly Diagnostic[];
  readonly program?: ProgramIR;
  readonly coverage?: readonly SectionCoverage[];
  readonly run: RunOutcome;
}

export interface TestOutcome {
  readonly file: string;
  readonly name: string;
  readonly cites?: string;
  readonly passed: boolean;
  /** the differences, or the problems of the test file itself */
  readonly differences: readonly string[];
}

/** The variable of a sweep: a numeric or date fact of an entity, or the "as of" date. */
export type SweepVariable =
  | { readonly kind: "fact"; readonly entity: string; readonly field: string; readonly type: "integer" | "months" | "days" | "money" | "percent" | "decimal" | "date" }
  | { readonly kind: "date" };

export interface SweepPoint {
  /** the value swept, as written in a scenario ("12", "1820.00", "2021-11-15") */
  readonly x: string;
  readonly outputs?: { readonly [output: string]: OutputJson };
  /** why the measure has no value at this point (bad input, evaluation error, facts missing) */
  readonly error?: string;
}

export type WorkerRequest =
  | { readonly kind: "analyze"; readonly files: readonly PolicyFile[]; readonly notice: string; readonly scenario: string }
  | { readonly kind: "test"; readonly tests: readonly PolicyFile[] }
  | { readonly kind: "sweep"; readonly scenario: string; readonly measure: string; readonly variable: SweepVariable; readonly values: readonly string[] }
  | { readonly kind: "emit" }
  | { readonly kind: "language" };

export type WorkerAnswer =
  | { readonly kind: "analyze"; readonly analysis: Analysis }
  | { readonly kind: "test"; readonly outcomes: readonly TestOutcome[] }
  | { readonly kind: "sweep"; readonly points: readonly SweepPoint[] }
  | { readonly kind: "emit"; readonly typescript?: string }
  /** the Monarch definition of the tiao language, for the editor's highlighting */
  | { readonly kind: "language"; readonly monarch: object }
  | { readonly kind: "failed"; readonly message: string };

export interface Envelope<T> {
  readonly id: number;
  readonly body: T;
}
