/**
 * The language service's data: what an editor asks and what it is answered, in the
 * policy's own positions (1-based lines and columns in UTF-16 code units, as in SourceSpan).
 * Plain data, so that a Web Worker can post it and a language server can translate it.
 */
import type { CompileOptions, Source } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { ProgramIR } from "../ir.js";

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface Range {
  readonly file: string;
  readonly start: Position;
  /** exclusive */
  readonly end: Position;
}

export type CompletionKind =
  | "keyword"
  | "fact"
  | "field"
  | "parameter"
  | "output"
  | "definition"
  | "measure"
  | "enum-member"
  | "function"
  | "unit"
  | "type";

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  readonly detail?: string;
  readonly documentation?: string;
  readonly insertText?: string;
}

export interface HoverResult {
  readonly range: Range;
  readonly markdown: string;
}

export interface TextEdit {
  readonly range: Range;
  readonly newText: string;
}

export interface QuickFix {
  readonly title: string;
  readonly diagnostic: Diagnostic;
  readonly edits: readonly TextEdit[];
}

export interface LanguageService {
  /**
   * replaces the policy's files (path → text) and re-checks; `notice` is the text of the
   * notice, or else `readNotice` reads the one the header names (as the CLI does)
   */
  setFiles(files: readonly Source[], options?: { readonly notice?: string; readonly readNotice?: CompileOptions["readNotice"] }): void;
  /** exactly the diagnostics of `compile()` as the CLI calls it */
  diagnostics(): readonly Diagnostic[];
  /** present when there is no error */
  program(): ProgramIR | undefined;
  completions(file: string, position: Position): CompletionItem[];
  hover(file: string, position: Position): HoverResult | undefined;
  definition(file: string, position: Position): Range[];
  references(file: string, position: Position, options?: { readonly includeDeclaration?: boolean }): Range[];
  /** fixes for the diagnostics overlapping `range` */
  quickFixes(file: string, range: Range): QuickFix[];
  rename(file: string, position: Position, newName: string): TextEdit[] | { readonly error: string };
  /** the canonical layout of `tiao fmt`; none for a file with syntax errors */
  format(file: string): TextEdit[];
}
