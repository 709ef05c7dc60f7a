/**
 * Collecting diagnostics while checking. Every phase receives a `Reporter` and appends to
 * it; nothing is thrown, so one pass over a policy reports every problem it can see.
 */
import type { Diagnostic, DiagnosticLabel } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/catalog.js";
import type { SourceSpan } from "../../runtime/types.js";

export interface Reporter {
  readonly diagnostics: Diagnostic[];
}

export function newReporter(): Reporter {
  return { diagnostics: [] };
}

export interface Details {
  readonly help?: string;
  readonly labels?: readonly DiagnosticLabel[];
  /** replaces the diagnostic's span in a quick fix (see Diagnostic) */
  readonly replacement?: string;
}

export function reportError(reporter: Reporter, code: DiagnosticCode, span: SourceSpan, message: string, details: Details = {}): void {
  reporter.diagnostics.push({ code, severity: "error", message, span, ...details });
}

export function reportWarning(reporter: Reporter, code: DiagnosticCode, span: SourceSpan, message: string, details: Details = {}): void {
  reporter.diagnostics.push({ code, severity: "warning", message, span, ...details });
}

/** An empty span at the start of a file, for problems that belong to no written text (a missing header). */
export function startOfFile(file: string): SourceSpan {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };
}

/**
 * The known name closest to a misspelt one, if it is close enough to be a likely typo: at
 * most a third of the name's letters differ (and at least one may differ). Failing that, the
 * one name that starts like it (`migrant` for `migrant_worker`, `previos` for `previous_period`).
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const known = [...candidates];
  return nearest(known, (candidate) => editDistance(name, candidate), limit)
    ?? (name.length >= 3 ? nearest(known, (candidate) => editDistance(name, candidate.slice(0, name.length)), limit, true) : undefined);
}

/** The candidate at the smallest distance within the limit; with `unique`, only if no other is as near. */
function nearest(candidates: readonly string[], distanceTo: (candidate: string) => number, limit: number, unique = false): string | undefined {
  let best: string | undefined;
  let bestDistance = limit + 1;
  let tied = false;
  for (const candidate of candidates) {
    const distance = distanceTo(candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      tied = false;
    } else if (distance === bestDistance) {
      tied = true;
    }
  }
  return unique && tied ? undefined : best;
}

/** Levenshtein distance, with a transposition of neighbours counting as one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const columns = b.length + 1;
  const table: number[] = new Array<number>(rows * columns).fill(0);
  const at = (i: number, j: number): number => table[i * columns + j] ?? 0;
  for (let i = 0; i < rows; i++) table[i * columns] = i;
  for (let j = 0; j < columns; j++) table[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        distance = Math.min(distance, at(i - 2, j - 2) + 1);
      }
      table[i * columns + j] = distance;
    }
  }
  return at(a.length, b.length);
}

/**
 * "did you mean `x`?" with `x` as the replacement of the misspelt name (the diagnostic's
 * span) when a close name exists, otherwise the fallback help.
 */
export function suggestion(name: string, candidates: Iterable<string>, fallback?: string): Details {
  const closest = closestName(name, candidates);
  if (closest === undefined) return fallback === undefined ? {} : { help: fallback };
  return { help: `did you mean \`${closest}\`?`, replacement: closest };
}

/** `a`, `b` and `c` */
export function listNames(names: readonly string[]): string {
  const quoted = names.map((name) => `\`${name}\``);
  if (quoted.length <= 1) return quoted.join("");
  return `${quoted.slice(0, -1).join(", ")} and ${quoted[quoted.length - 1]}`;
}
