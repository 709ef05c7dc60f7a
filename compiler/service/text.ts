/**
 * Positions in a file's text: 1-based lines and columns in UTF-16 code units (as in
 * SourceSpan) ↔ 0-based offsets. Line breaks are those of the parser: `\n`, `\r\n` and a
 * lone `\r`.
 */
import type { SourceSpan } from "../../runtime/types.js";
import type { Position, Range } from "./protocol.js";

export class TextFile {
  private starts: number[] | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
  ) {}

  private get lineStarts(): number[] {
    this.starts ??= lineStartsOf(this.text);
    return this.starts;
  }

  /** The offset of a position; a position past the end of its line or of the file is clamped. */
  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    const lineIndex = Math.min(Math.max(position.line - 1, 0), starts.length - 1);
    const lineStart = starts[lineIndex] ?? 0;
    const lineEnd = lineIndex + 1 < starts.length ? (starts[lineIndex + 1] ?? this.text.length) : this.text.length;
    return Math.min(lineStart + Math.max(position.column - 1, 0), lineEnd);
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] ?? 0) <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
  }

  /** The span from `start` to `end`, for a diagnostic not tied to one token. */
  span(start: number, end: number): SourceSpan {
    const from = this.positionAt(start);
    const to = this.positionAt(end);
    return { file: this.path, line: from.line, column: from.column, endLine: to.line, endColumn: to.column, start, end };
  }

  range(start: number, end: number): Range {
    return { file: this.path, start: this.positionAt(start), end: this.positionAt(end) };
  }
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let offset = 0; offset < text.length; offset++) {
    const code = text.charCodeAt(offset);
    if (code === 10 || (code === 13 && text.charCodeAt(offset + 1) !== 10)) starts.push(offset + 1);
  }
  return starts;
}

export function rangeOfSpan(span: SourceSpan): Range {
  return { file: span.file, start: { line: span.line, column: span.column }, end: { line: span.endLine, column: span.endColumn } };
}
