/**
 * The language service: what an editor needs to know about a policy while it is written —
 * diagnostics, completion, hover, definitions, references, quick fixes, renaming and
 * formatting. One implementation, browser-safe, used by the playground (in its Web Worker)
 * and by the language server. Every answer is computed from the last `setFiles`.
 */
import type { SourceSpan } from "../ast.js";
import { compileParsed, type CompileOptions, type CompileResult, type Source } from "../compile.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { hasErrors } from "../diagnostics/diagnostic.js";
import { formatPolicy } from "../format/format.js";
import type { ProgramIR } from "../ir.js";
import { parseFile, type ParsedFile } from "../parse.js";
import { completionsAt } from "./completion.js";
import { hoverMarkdown } from "./hover.js";
import { occurrenceAt, renameProblem } from "./navigation.js";
import type { CompletionItem, HoverResult, LanguageService, Position, QuickFix, Range, TextEdit } from "./protocol.js";
import { quickFixesFor } from "./quick-fixes.js";
import { indexPolicy, type Occurrence, type PolicyIndex } from "./symbols.js";
import { rangeOfSpan, TextFile } from "./text.js";
import { definedProperties } from "../defined-properties.js";

export { monarchLanguage } from "./monarch.js";
export { noticeSentences, type NoticeSentence, type SentenceCoverageKind, type SentenceCitation } from "./notice.js";

export type * from "./protocol.js";

interface OpenFile {
  readonly file: TextFile;
  readonly parsed: ParsedFile;
}

class PolicyLanguageService implements LanguageService {
  private files = new Map<string, OpenFile>();
  private result: CompileResult = { diagnostics: [] };
  private policyIndex: PolicyIndex | undefined;

  setFiles(
    sources: readonly Source[],
    options: { readonly notice?: string; readonly readNotice?: CompileOptions["readNotice"]; readonly amended?: CompileOptions["amended"] } = {},
  ): void {
    const files = new Map<string, OpenFile>();
    for (const source of sources) {
      const kept = this.files.get(source.path);
      // a file that did not change keeps its parse: a keystroke re-reads one file
      files.set(source.path, kept !== undefined && kept.file.text === source.text ? kept : { file: new TextFile(source.path, source.text), parsed: parseFile(source.path, source.text) });
    }
    this.files = files;
    const { notice, readNotice, amended } = options;
    // as the CLI compiles: the notice's quotes are checked once the policy has no other error
    const parsed = sources.map((source) => files.get(source.path)?.parsed ?? parseFile(source.path, source.text));
    this.result = compileParsed(parsed, definedProperties({ readNotice: notice === undefined ? readNotice : () => notice, amended }));
    this.policyIndex = undefined;
  }

  diagnostics(): readonly Diagnostic[] {
    return this.result.diagnostics;
  }

  program(): ProgramIR | undefined {
    return this.result.program;
  }

  private get index(): PolicyIndex {
    this.policyIndex ??= indexPolicy([...this.files.values()].map((open) => open.parsed.ast));
    return this.policyIndex;
  }

  completions(path: string, position: Position): CompletionItem[] {
    const open = this.files.get(path);
    if (open === undefined) return [];
    return completionsAt(this.index, open.file.text, open.file.offsetAt(position));
  }

  private occurrenceAt(path: string, position: Position): Occurrence | undefined {
    const open = this.files.get(path);
    return open === undefined ? undefined : occurrenceAt(this.index, path, open.file.offsetAt(position));
  }

  /** The text a span covers, in whichever file it is. */
  private written = (node: { readonly span: SourceSpan }): string =>
    this.files.get(node.span.file)?.file.text.slice(node.span.start, node.span.end) ?? "";

  hover(path: string, position: Position): HoverResult | undefined {
    const occurrence = this.occurrenceAt(path, position);
    if (occurrence === undefined) return undefined;
    return { range: rangeOfSpan(occurrence.span), markdown: hoverMarkdown(occurrence.symbol, this.written) };
  }

  definition(path: string, position: Position): Range[] {
    const occurrence = this.occurrenceAt(path, position);
    if (occurrence === undefined) return [];
    const declarations = (this.index.occurrencesOf.get(occurrence.symbol.key) ?? []).filter((each) => each.isDeclaration);
    return declarations.map((each) => rangeOfSpan(each.span));
  }

  references(path: string, position: Position, options: { readonly includeDeclaration?: boolean } = {}): Range[] {
    const occurrence = this.occurrenceAt(path, position);
    if (occurrence === undefined) return [];
    const includeDeclaration = options.includeDeclaration ?? true;
    return (this.index.occurrencesOf.get(occurrence.symbol.key) ?? [])
      .filter((each) => includeDeclaration || !each.isDeclaration)
      .map((each) => rangeOfSpan(each.span));
  }

  quickFixes(path: string, range: Range): QuickFix[] {
    const open = this.files.get(path);
    if (open === undefined) return [];
    const start = open.file.offsetAt(range.start);
    const end = open.file.offsetAt(range.end);
    const overlapping = this.result.diagnostics.filter((d) => d.span.file === path && d.span.start <= end && start <= d.span.end);
    return overlapping.flatMap((diagnostic) => quickFixesFor(diagnostic, this.written(diagnostic)));
  }

  rename(path: string, position: Position, newName: string): TextEdit[] | { readonly error: string } {
    const occurrence = this.occurrenceAt(path, position);
    if (occurrence === undefined) return { error: "there is no name to rename here" };
    const occurrences = this.index.occurrencesOf.get(occurrence.symbol.key) ?? [];
    if (newName === occurrence.symbol.name) return [];
    const renamedFiles = (name: string) =>
      [...this.files.values()].map(({ file, parsed }) => {
        const here = occurrences.filter((each) => each.span.file === file.path);
        return here.length === 0 ? parsed.ast : parseFile(file.path, replaceSpans(file.text, here.map((each) => each.span), name)).ast;
      });
    const problem = renameProblem(this.index, occurrence, newName, renamedFiles);
    if (problem !== undefined) return { error: problem };
    return occurrences.map((each) => ({ range: rangeOfSpan(each.span), newText: newName }));
  }

  format(path: string): TextEdit[] {
    const open = this.files.get(path);
    if (open === undefined || hasErrors(open.parsed.diagnostics)) return [];
    const formatted = formatPolicy(open.parsed.ast);
    if (formatted === open.file.text) return [];
    return [{ range: open.file.range(0, open.file.text.length), newText: formatted }];
  }
}

/** `text` with every span (of this text, not overlapping) replaced by `replacement`. */
function replaceSpans(text: string, spans: readonly SourceSpan[], replacement: string): string {
  let result = "";
  let from = 0;
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    result += text.slice(from, span.start) + replacement;
    from = span.end;
  }
  return result + text.slice(from);
}

export function createLanguageService(): LanguageService {
  return new PolicyLanguageService();
}
