/**
 * What must hold of the front end on any input: `compile` and `formatSource` return instead
 * of throwing; every diagnostic is placed inside its file, at the line and column of its
 * offset, and renders; a file that formats formats to itself again; a policy without errors
 * has generated code of every target.
 */
import {
  compile,
  emitJavaScript,
  emitJsonSchema,
  emitTypeScript,
  formatSource,
  renderDiagnostics,
  type CompileResult,
  type Diagnostic,
  type ProgramIR,
  type Source,
} from "../../compiler/index.js";

/** A property that does not hold: thrown with what was found (checked by hand: these run millions of times). */
function fail(message: string): never {
  throw new Error(message);
}

/** The offset at which each line of a text starts (line breaks: \n, \r\n, a lone \r). */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(/\r\n|\n|\r/g)) starts.push(match.index + match[0].length);
  return starts;
}

/** The 1-based line and column (in UTF-16 code units) of an offset, as spans count them. */
function lineAndColumn(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

function describe(diagnostic: Diagnostic): string {
  const { span } = diagnostic;
  return `${diagnostic.code} "${diagnostic.message}" at ${span.file}:${span.line}:${span.column}-${span.endLine}:${span.endColumn} [${span.start}, ${span.end})`;
}

/** Every diagnostic, and each of its labels, is placed inside one of the files compiled, at the line and column of its offsets. */
export function expectValidPositions(diagnostics: readonly Diagnostic[], sources: readonly Source[]): void {
  const texts = new Map(sources.map((source) => [source.path, source.text]));
  const starts = new Map<string, number[]>();
  for (const diagnostic of diagnostics) {
    if (diagnostic.message.length === 0) fail(`${describe(diagnostic)}: no message`);
    for (const span of [diagnostic.span, ...(diagnostic.labels ?? []).map((label) => label.span)]) {
      const text = texts.get(span.file);
      if (text === undefined) fail(`${describe(diagnostic)}: not in a file compiled`);
      if (!(0 <= span.start && span.start <= span.end && span.end <= text.length)) fail(`${describe(diagnostic)}: outside a file of ${text.length} characters`);
      const lines = starts.get(span.file) ?? lineStarts(text);
      starts.set(span.file, lines);
      const start = lineAndColumn(lines, span.start);
      const end = lineAndColumn(lines, span.end);
      if (start.line !== span.line || start.column !== span.column) fail(`${describe(diagnostic)}: its start offset is at ${start.line}:${start.column}`);
      if (end.line !== span.endLine || end.column !== span.endColumn) fail(`${describe(diagnostic)}: its end offset is at ${end.line}:${end.column}`);
    }
  }
  if (typeof renderDiagnostics(diagnostics, texts) !== "string") fail("renderDiagnostics gave no text");
}

/** Formats a file; when it formats, formatting the result gives it back unchanged. */
export function expectIdempotentFormat(source: Source): string | undefined {
  const first = formatSource(source.path, source.text);
  if (first.kind === "unparsable") {
    if (first.diagnostics.length === 0) fail(`${source.path}: unparsable without a diagnostic`);
    return undefined;
  }
  const second = formatSource(source.path, first.text);
  if (second.kind !== "formatted") fail(`${source.path}: its formatted text does not parse: ${second.diagnostics.map(describe).join("; ")}`);
  if (second.text !== first.text) fail(`${source.path}: formatting twice changes the text\n--- once\n${first.text}\n--- twice\n${second.text}`);
  return first.text;
}

const runtimeImport = "tiao/runtime";

/** Generated code of every target, for a program without errors. */
export function expectEveryTarget(program: ProgramIR): void {
  if (emitTypeScript(program, { runtimeImport }).length === 0) fail("no TypeScript");
  const { js, dts } = emitJavaScript(program, { runtimeImport });
  if (js.length === 0 || dts.length === 0) fail("no JavaScript or declarations");
  const { scenario, outputs } = emitJsonSchema(program);
  JSON.stringify([scenario, outputs]);
}

/** Whether a compilation stopped at a syntax error (T01xx), before checking. */
export function hasSyntaxError(result: CompileResult): boolean {
  return result.diagnostics.some((diagnostic) => diagnostic.severity === "error" && diagnostic.code.startsWith("T01"));
}

/**
 * The IR as JSON without its spans: two programs that mean the same are equal in it, however
 * their text is laid out.
 */
export function meaningOf(program: ProgramIR): string {
  return JSON.stringify(program, (key, value: unknown) => (key === "span" ? undefined : value));
}

export interface FrontEndOptions {
  readonly notice?: string;
  /** the files to format (all by default) */
  readonly changed?: readonly Source[];
  /**
   * The meaning of programs whose code is already tested: a program that means the same is
   * not emitted again (the emitters read nothing but the IR).
   */
  readonly emitted?: ReadonlySet<string>;
}

/**
 * The whole front end on some files: compiled (with the notice, when there is one),
 * diagnostics checked, the files `changed` (all by default) formatted twice, generated code
 * of every target when clean. A file with a syntax error is not formatted: `formatSource`
 * would only parse it again and give back the same errors.
 */
export function expectFrontEndHolds(sources: readonly Source[], options: FrontEndOptions = {}): CompileResult {
  const result = compile(sources, options.notice === undefined ? {} : { notice: options.notice });
  const hasError = result.diagnostics.some((diagnostic) => diagnostic.severity === "error");
  if ((result.program === undefined) !== hasError) fail(`a program ${result.program === undefined ? "missing without" : "given despite"} an error`);
  expectValidPositions(result.diagnostics, sources);
  if (!hasSyntaxError(result)) for (const source of options.changed ?? sources) expectIdempotentFormat(source);
  if (result.program !== undefined && (options.emitted === undefined || !options.emitted.has(meaningOf(result.program)))) expectEveryTarget(result.program);
  return result;
}
