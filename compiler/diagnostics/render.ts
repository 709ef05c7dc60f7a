/**
 * Diagnostics as text, in the style of rustc (see docs/internals.md):
 *
 * ```
 * error[T0301]: cannot add an amount of money to a date
 *   --> policies/examples/m.tiao:12:9
 *    |
 * 12 |     = placement.start + 500 yuan
 *    |       ^^^^^^^^^^^^^^^^^^^^^^^^^^
 *    = help: add months with `+ 6 months`, or days with `+ 1 day`
 * ```
 *
 * The primary span is underlined with `^`, labelled secondary spans with `-` and their
 * message. Underlines are placed by terminal columns, where a Chinese character takes two.
 * A span over several lines is underlined to the end of its first line. Plain text: the
 * CLI may add colour. Control characters of the policy's text are shown escaped (in
 * messages) or as visible symbols (in code frames), never sent to the terminal.
 */
import type { SourceSpan } from "../../runtime/types.js";
import type { Diagnostic, DiagnosticLabel } from "./diagnostic.js";
import { printable, printableSourceLine, shortened } from "./printable.js";

/** A message quotes names and text of the policy, which may be of any length. */
const MAX_MESSAGE = 1000;

export function renderDiagnostic(diagnostic: Diagnostic, sourceText: string): string {
  const lines = splitLines(sourceText);
  return render(diagnostic, (file) => (file === diagnostic.span.file ? lines : undefined));
}

/** All diagnostics, separated by a blank line; `sources` maps a file's path to its text. */
export function renderDiagnostics(diagnostics: readonly Diagnostic[], sources: ReadonlyMap<string, string>): string {
  // Each file cut into lines once, however many diagnostics it has.
  const linesByFile = new Map<string, readonly string[] | undefined>();
  const lookup: SourceLookup = (file) => {
    if (!linesByFile.has(file)) {
      const text = sources.get(file);
      linesByFile.set(file, text === undefined ? undefined : splitLines(text));
    }
    return linesByFile.get(file);
  };
  return diagnostics.map((diagnostic) => render(diagnostic, lookup)).join("\n\n");
}

function splitLines(text: string): readonly string[] {
  return text.split(/\r\n|\r|\n/);
}

// ---------------------------------------------------------------- terminal width

/**
 * Columns a string takes in a terminal: East Asian wide and full-width characters take
 * two, combining marks and zero-width characters none, a tab is shown as four spaces.
 */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += characterWidth(character.codePointAt(0) ?? 0);
  return width;
}

const zeroWidthRanges: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x200b, 0x200f],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
];

const wideRanges: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

const tabWidth = 4;

function inRanges(code: number, ranges: readonly (readonly [number, number])[]): boolean {
  return ranges.some(([low, high]) => code >= low && code <= high);
}

function characterWidth(code: number): number {
  if (code === 9) return tabWidth;
  if (inRanges(code, zeroWidthRanges)) return 0;
  return inRanges(code, wideRanges) ? 2 : 1;
}

// ---------------------------------------------------------------- rendering

/** The lines of a file, or undefined when its text is not known. */
type SourceLookup = (file: string) => readonly string[] | undefined;

/** An underline under one line of source. */
interface Annotation {
  readonly span: SourceSpan;
  readonly marker: "^" | "-";
  readonly message?: string;
}

function render(diagnostic: Diagnostic, lookup: SourceLookup): string {
  const { span } = diagnostic;
  const labels = diagnostic.labels ?? [];
  const sameFile = labels.filter((label) => label.span.file === span.file);
  const otherFiles = labels.filter((label) => label.span.file !== span.file);
  const annotations: Annotation[] = [{ span, marker: "^" }, ...sameFile.map(labelAnnotation)];
  const gutter = gutterWidth([span, ...labels.map((label) => label.span)]);
  const lines = [
    `${diagnostic.severity}[${diagnostic.code}]: ${printable(shortened(diagnostic.message, MAX_MESSAGE))}`,
    `${" ".repeat(gutter)}--> ${location(span)}`,
    ...codeFrame(annotations, lookup(span.file), gutter),
  ];
  for (const [file, fileLabels] of groupByFile(otherFiles)) {
    const [first] = fileLabels;
    if (first === undefined) continue;
    lines.push(`${" ".repeat(gutter)}::: ${location(first.span)}`, ...codeFrame(fileLabels.map(labelAnnotation), lookup(file), gutter));
  }
  if (diagnostic.help !== undefined) lines.push(`${" ".repeat(gutter + 1)}= help: ${printable(shortened(diagnostic.help, MAX_MESSAGE))}`);
  return lines.join("\n");
}

function labelAnnotation(label: DiagnosticLabel): Annotation {
  return { span: label.span, marker: "-", message: printable(shortened(label.message, MAX_MESSAGE)) };
}

function location(span: SourceSpan): string {
  return `${printable(span.file)}:${span.line}:${span.column}`;
}

function gutterWidth(spans: readonly SourceSpan[]): number {
  return Math.max(...spans.map((span) => String(span.line).length));
}

function groupByFile(labels: readonly DiagnosticLabel[]): Map<string, DiagnosticLabel[]> {
  const groups = new Map<string, DiagnosticLabel[]>();
  for (const label of labels) groups.set(label.span.file, [...(groups.get(label.span.file) ?? []), label]);
  return groups;
}

/**
 * The source lines the annotations are on, each followed by its underlines; `...` stands
 * for lines left out between them. Nothing when the text is not known or too short (the
 * location line still says where).
 */
function codeFrame(annotations: readonly Annotation[], sourceLines: readonly string[] | undefined, gutter: number): string[] {
  if (sourceLines === undefined) return [];
  const shown = annotations.filter((annotation) => annotation.span.line >= 1 && annotation.span.line <= sourceLines.length);
  if (shown.length === 0) return [];
  const lineNumbers = [...new Set(shown.map((annotation) => annotation.span.line))].sort((a, b) => a - b);
  const empty = `${" ".repeat(gutter + 1)}|`;
  const frame = [empty];
  for (const [index, lineNumber] of lineNumbers.entries()) {
    const previous = lineNumbers[index - 1];
    if (previous !== undefined && lineNumber > previous + 1) frame.push("...");
    const onLine = shown.filter((annotation) => annotation.span.line === lineNumber).sort(byMarkerThenColumn);
    const part = shownPart(sourceLines[lineNumber - 1] ?? "", onLine);
    // one character for one, so that the underlines keep their columns
    const text = printableSourceLine(part.text);
    const placed = part.annotations;
    frame.push(`${String(lineNumber).padStart(gutter)} | ${expandTabs(text)}`.trimEnd());
    for (const annotation of placed) frame.push(`${empty} ${underline(annotation, text)}`.trimEnd());
  }
  return frame;
}

/** A line longer than this is shown in part, around its first annotation: a policy may be one line of megabytes. */
const MAX_SHOWN_LINE = 240;
const CONTEXT_BEFORE = 60;

/** The line, or the part of it around the first annotation with `…` where it is cut, and the annotations moved with it. */
function shownPart(line: string, annotations: readonly Annotation[]): { text: string; annotations: readonly Annotation[] } {
  const first = annotations[0];
  if (line.length <= MAX_SHOWN_LINE || first === undefined) return { text: line, annotations };
  const from = Math.max(0, Math.min(first.span.column - 1 - CONTEXT_BEFORE, line.length - MAX_SHOWN_LINE));
  const to = Math.min(line.length, from + MAX_SHOWN_LINE);
  const text = `${from > 0 ? "…" : ""}${line.slice(from, to)}${to < line.length ? "…" : ""}`;
  const shift = from - (from > 0 ? 1 : 0);
  const moved = annotations.map((annotation) => {
    const { span } = annotation;
    const column = Math.max(1, span.column - shift);
    const endColumn = span.endLine === span.line ? Math.max(column, span.endColumn - shift) : span.endColumn;
    return { ...annotation, span: { ...span, column, endColumn } };
  });
  return { text, annotations: moved };
}

/** The primary span first, then the labels from left to right. */
function byMarkerThenColumn(a: Annotation, b: Annotation): number {
  if (a.marker !== b.marker) return a.marker === "^" ? -1 : 1;
  return a.span.column - b.span.column;
}

function expandTabs(text: string): string {
  return text.replace(/\t/g, " ".repeat(tabWidth));
}

/** Spaces up to the span's column, then one marker per terminal column of the spanned text (at least one). */
function underline(annotation: Annotation, sourceLine: string): string {
  const { span } = annotation;
  const startIndex = Math.min(Math.max(span.column - 1, 0), sourceLine.length);
  const endIndex = span.endLine === span.line ? Math.min(Math.max(span.endColumn - 1, startIndex), sourceLine.length) : sourceLine.length;
  const padding = " ".repeat(displayWidth(sourceLine.slice(0, startIndex)));
  const markers = annotation.marker.repeat(Math.max(1, displayWidth(sourceLine.slice(startIndex, endIndex))));
  return annotation.message === undefined ? `${padding}${markers}` : `${padding}${markers} ${annotation.message}`;
}
