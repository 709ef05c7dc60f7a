import type { SourceSpan } from "../../runtime/types.js";

export type Severity = "error" | "warning";

/** A secondary place in the source that helps explain a diagnostic. */
export interface DiagnosticLabel {
  readonly span: SourceSpan;
  readonly message: string;
}

/**
 * The one diagnostic type of the toolchain. CLI text, Monaco markers and golden files
 * are produced from it at the edges (see render.ts).
 * Messages are lowercase, without final punctuation, in a drafter's words;
 * `help` says how to go on.
 */
export interface Diagnostic {
  /** stable code from catalog.ts, e.g. "T0201" */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: SourceSpan;
  readonly labels?: readonly DiagnosticLabel[];
  readonly help?: string;
  /**
   * The text that the help proposes in place of the diagnostic's span ("did you mean `x`?"),
   * as data, so that editors offer it as a quick fix without reading the help's words.
   */
  readonly replacement?: string;
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}
