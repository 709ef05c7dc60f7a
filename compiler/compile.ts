/**
 * The compiler's entry point, shared by the CLI, the tests and the playground: the files of
 * one policy → its IR and diagnostics. Pure: the caller reads the files (and the notice).
 */
import { checkFiles, type NoticeText } from "./check/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import type { ProgramIR } from "./ir.js";
import { parseFile, type ParsedFile } from "./parse.js";

export type { NoticeText };

export interface Source {
  readonly path: string;
  readonly text: string;
}

export interface CompileOptions {
  /** the text of the document the policy encodes; when given, every quote must be found in it */
  readonly notice?: string;
  /**
   * When `notice` is not given: reads the notice the policy's header names (`notice "…"`),
   * once the policy has no other error, so that one compilation checks its quotes too.
   * Undefined leaves the quotes unchecked; a refusal (a file that cannot be read, or may
   * not be) is an error at the header's `notice`.
   */
  readonly readNotice?: (fileName: string) => NoticeText | undefined;
}

export interface CompileResult {
  /** present only when there is no error */
  readonly program?: ProgramIR;
  /** sorted by file, line and column */
  readonly diagnostics: Diagnostic[];
}

export function compile(sources: readonly Source[], options: CompileOptions = {}): CompileResult {
  return compileParsed(sources.map((source) => parseFile(source.path, source.text)), options);
}

/**
 * `compile` on files already parsed: the language service keeps the parse of every file
 * that did not change since the last keystroke.
 */
export function compileParsed(parsed: readonly ParsedFile[], options: CompileOptions = {}): CompileResult {
  const syntaxDiagnostics = parsed.flatMap((file) => file.diagnostics);
  // Stop after a syntax error: the trees of broken files are partial, and checking them
  // would report names and types that are only missing because the parser skipped them.
  if (hasErrors(syntaxDiagnostics)) return { diagnostics: sortDiagnostics(syntaxDiagnostics) };
  const { program, diagnostics } = checkFiles(parsed.map((file) => file.ast), options);
  return { ...(program === undefined ? {} : { program }), diagnostics: sortDiagnostics([...syntaxDiagnostics, ...diagnostics]) };
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => compareText(a.span.file, b.span.file) || a.span.line - b.span.line || a.span.column - b.span.column,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
