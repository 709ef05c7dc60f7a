/**
 * Messages between the page and the compiler worker. Everything crossing is plain data
 * (structured clone): the IR, diagnostics and explanations are JSON-like by design.
 */
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { DiffReport } from "../../compiler/diff/report.js";
import type { Explanation } from "../../compiler/explain.js";
import type { DefinitionIR, MeasureIR, ProgramIR, RuleIR } from "../../compiler/ir.js";
import type { CompletionItem, HoverResult, NoticeSentence, Position, QuickFix, Range, TextEdit } from "../../compiler/service/index.js";
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

/**
 * The program as the page needs it: the IR without the expressions of rules and
 * definitions, which the page never reads and which are most of its size (the worker
 * keeps the whole program for the questions that need it).
 */
export type RuleOutline = Omit<RuleIR, "condition" | "value" | "exceptions"> & { readonly exceptions: readonly RuleOutline[] };
export type DefinitionOutline = Omit<DefinitionIR, "rules"> & { readonly rules: readonly RuleOutline[] };
export type MeasureOutline = Omit<MeasureIR, "definitions"> & { readonly definitions: readonly DefinitionOutline[] };
export type ProgramOutline = Omit<ProgramIR, "measures"> & { readonly measures: readonly MeasureOutline[] };

export interface Analysis {
  readonly diagnostics: readonly Diagnostic[];
  readonly program?: ProgramOutline;
  /** the notice's sentences with their coverage and the items citing them */
  readonly notice?: readonly NoticeSentence[];
  readonly run: RunOutcome;
}

/**
 * The worker's answer to `analyze`: each part equal to the same part of its previous answer
 * is sent as "unchanged", and the page keeps the one it has. A keystroke in a comment then
 * crosses as a few bytes, and the panes showing the parts that stayed the same are not drawn again.
 */
export interface AnalysisUpdate {
  readonly diagnostics: readonly Diagnostic[] | "unchanged";
  readonly program: ProgramOutline | undefined | "unchanged";
  readonly notice: readonly NoticeSentence[] | undefined | "unchanged";
  readonly run: RunOutcome | "unchanged";
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

/** A question to the language service (compiler/service/), about the files of the last analysis. */
export type ServiceCall =
  | { readonly method: "completions"; readonly file: string; readonly position: Position }
  | { readonly method: "hover"; readonly file: string; readonly position: Position }
  | { readonly method: "definition"; readonly file: string; readonly position: Position }
  | { readonly method: "references"; readonly file: string; readonly position: Position; readonly includeDeclaration: boolean }
  | { readonly method: "quickFixes"; readonly file: string; readonly range: Range }
  | { readonly method: "rename"; readonly file: string; readonly position: Position; readonly newName: string }
  | { readonly method: "format"; readonly file: string };

export interface ServiceResults {
  readonly completions: CompletionItem[];
  readonly hover: HoverResult | undefined;
  readonly definition: Range[];
  readonly references: Range[];
  readonly quickFixes: QuickFix[];
  readonly rename: TextEdit[] | { readonly error: string };
  readonly format: TextEdit[];
}

export type ServiceResult<M extends ServiceCall["method"]> = ServiceResults[M];

export type WorkerRequest =
  | { readonly kind: "analyze"; readonly files: readonly PolicyFile[]; readonly notice: string; readonly scenario: string }
  | { readonly kind: "test"; readonly tests: readonly PolicyFile[] }
  | { readonly kind: "sweep"; readonly scenario: string; readonly measure: string; readonly variable: SweepVariable; readonly values: readonly string[] }
  | { readonly kind: "emit" }
  /** the semantic diff of `tiao diff` from the published policy to the last analysed one */
  | { readonly kind: "diff"; readonly published: readonly PolicyFile[]; readonly notice: string }
  | { readonly kind: "language" }
  | { readonly kind: "service"; readonly call: ServiceCall };

export type WorkerAnswer =
  | { readonly kind: "analyze"; readonly analysis: AnalysisUpdate; readonly milliseconds: number }
  | { readonly kind: "test"; readonly outcomes: readonly TestOutcome[] }
  | { readonly kind: "sweep"; readonly points: readonly SweepPoint[] }
  | { readonly kind: "emit"; readonly typescript?: string }
  /** no report while either version has errors */
  | { readonly kind: "diff"; readonly report?: DiffReport }
  /** the Monarch definition of the tiao language, for the editor's highlighting */
  | { readonly kind: "language"; readonly monarch: object }
  | { readonly kind: "service"; readonly result: ServiceResults[ServiceCall["method"]] }
  | { readonly kind: "failed"; readonly message: string };

export interface Envelope<T> {
  readonly id: number;
  readonly body: T;
}
