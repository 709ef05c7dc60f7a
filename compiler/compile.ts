/**
 * The compiler's entry point, shared by the CLI, the tests and the playground: the files of
 * one policy → its IR and diagnostics. Pure: the caller reads the files (and the notice).
 */
import { checkFiles, type NoticeText } from "./check/index.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { hasErrors } from "./diagnostics/diagnostic.js";
import type { ProgramIR } from "./ir.js";
import { parseFile, type ParsedFile } from "./parse.js";
import { headerField, type PolicyFile } from "./ast.js";
import { amendedPath, applyAmendment, reportRepealsOutsideAmendments } from "./amend.js";
import { newReporter, reportError, type Reporter } from "./check/report.js";
import { checkDocumentQuotes, collectDocuments } from "./check/documents.js";
import { checkQuotes } from "./check/citations.js";
import type { SourceSpan } from "../runtime/types.js";

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
  /**
   * For a policy whose header says `amends "…"`: the files of the policy it amends (its
   * paths as diagnostics should name them), or why they cannot be read.
   */
  readonly amended?: AmendedPolicy | { readonly refused: string; readonly help: string };
}

/** The policy an amendment amends: its files, and how to read the notice its header names. */
export interface AmendedPolicy {
  readonly files: readonly Source[];
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
  const files = parsed.map((file) => file.ast);
  const amends = amendedPath(files);
  if (amends !== undefined) return compileAmendment(files, amends, syntaxDiagnostics, options);
  const reporter = newReporter();
  reportRepealsOutsideAmendments(files, reporter);
  const { program, diagnostics } = checkFiles(files, options);
  const all = [...syntaxDiagnostics, ...reporter.diagnostics, ...diagnostics];
  return { ...(program === undefined || hasErrors(all) ? {} : { program }), diagnostics: sortDiagnostics(all) };
}

/**
 * An amendment: the policy it amends parsed, the amendment applied to it (compiler/amend.ts),
 * the result checked as one policy; then the quotes of each part against its own notice
 * (the amendment's, or the amended policy's when it names none).
 */
function compileAmendment(
  files: readonly PolicyFile[],
  amends: { readonly path: string; readonly span: SourceSpan },
  syntaxDiagnostics: readonly Diagnostic[],
  options: CompileOptions,
): CompileResult {
  const reporter = newReporter();
  const done = (program?: ProgramIR): CompileResult => {
    const all = [...syntaxDiagnostics, ...reporter.diagnostics];
    return { ...(program === undefined || hasErrors(all) ? {} : { program }), diagnostics: sortDiagnostics(all) };
  };
  const cannot = (problem: string, help: string): CompileResult => {
    reportError(reporter, "T0904", amends.span, `cannot amend ${JSON.stringify(amends.path)}: ${problem}`, { help });
    return done();
  };
  const { amended } = options;
  if (amended === undefined) return cannot("the policy it amends is not given", "compile it with the files of the policy it amends (the CLI reads them from the path)");
  if ("refused" in amended) return cannot(amended.refused, amended.help);
  const base = amended.files.map((source) => parseFile(source.path, source.text));
  reporter.diagnostics.push(...base.flatMap((file) => file.diagnostics));
  if (hasErrors(reporter.diagnostics)) return done();
  const baseFiles = base.map((file) => file.ast);
  if (amendedPath(baseFiles) !== undefined) return cannot("it is itself an amendment", "amend the policy it amends, or write this one as a policy of its own");
  const merged = applyAmendment(baseFiles, files, reporter);
  if (hasErrors(reporter.diagnostics)) return done();
  const { program, diagnostics } = checkFiles(merged, { amendmentFiles: new Set(files.map((file) => file.file)) });
  reporter.diagnostics.push(...diagnostics);
  if (program === undefined || hasErrors(reporter.diagnostics)) return done();
  const baseNotice = noticeOf(baseFiles, amended.readNotice, reporter);
  const namesNotice = headerField(files, "notice") !== undefined;
  const ownNotice = options.notice ?? (namesNotice ? noticeOf(files, options.readNotice, reporter) : baseNotice);
  if (baseNotice !== undefined) checkQuotes(baseFiles, baseNotice, reporter);
  if (ownNotice !== undefined) checkQuotes(files, ownNotice, reporter);
  // each part's documents are read from its own folder; a document declared by both is the amendment's
  const documents = collectDocuments(merged, newReporter());
  checkDocumentQuotes(baseFiles, collectDocuments(baseFiles, newReporter()), amended.readNotice, reporter);
  checkDocumentQuotes(files, documents, options.readNotice, reporter);
  return done(hasErrors(reporter.diagnostics) ? undefined : program);
}

/** The notice a part's header names, read; a refusal is T0603 at the header's `notice`. */
function noticeOf(files: readonly PolicyFile[], readNotice: CompileOptions["readNotice"], reporter: Reporter): string | undefined {
  const field = headerField(files, "notice");
  if (field === undefined || readNotice === undefined) return undefined;
  const notice = readNotice(field.value.value);
  if (typeof notice !== "object") return notice;
  return reportError(reporter, "T0603", field.value.span, `cannot use the notice ${JSON.stringify(field.value.value)}: ${notice.refused}`, { help: notice.help });
}

export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => compareText(a.span.file, b.span.file) || a.span.line - b.span.line || a.span.column - b.span.column,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
