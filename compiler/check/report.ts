/**
 * Collecting diagnostics while checking. Every phase receives a `Reporter` and appends to
 * it; nothing is thrown, so one pass over a policy reports every problem it can see.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/catalog.js";
import type { SourceSpan } from "../../runtime/types.js";

export interface Reporter {
  readonly diagnostics: Diagnostic[];
  /** the word of the policy's money in its literals (`yuan`, `EUR`), for hints; once the header is read */
  moneyWord?: string;
}

/** An amount as a hint writes it, in the policy's money: `500 yuan`, `500 EUR`. */
export function amountText(reporter: Reporter, amount: string): string {
  return `${amount} ${reporter.moneyWord ?? "yuan"}`;
}

export function newReporter(): Reporter {
  return { diagnostics: [] };
}

/** What a diagnostic may add to its message: the help, labels, a quick fix's replacement. */
export type Details = Pick<Diagnostic, "help" | "labels" | "replacement">;

/** Reports an error; its result is the missing value of what the error is in (`return reportError(…)`). */
export function reportError(reporter: Reporter, code: DiagnosticCode, span: SourceSpan, message: string, details: Details = {}): undefined {
  reporter.diagnostics.push({ code, severity: "error", message, span, ...details });
  return undefined;
}

export function reportWarning(reporter: Reporter, code: DiagnosticCode, span: SourceSpan, message: string, details: Details = {}): void {
  reporter.diagnostics.push({ code, severity: "warning", message, span, ...details });
}

/**
 * The first item of each key, in order; `repeated` is given each later item of a key already
 * seen, with the first one, to report it.
 */
export function firstOfEachKey<T>(items: Iterable<T>, keyOf: (item: T) => string, repeated: (later: T, first: T) => void): Map<string, T> {
  const first = new Map<string, T>();
  for (const item of items) {
    const key = keyOf(item);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, item);
    else repeated(item, earlier);
  }
  return first;
}

/** An empty span at the start of a file, for problems that belong to no written text (a missing header). */
export function startOfFile(file: string): SourceSpan {
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };
}

/**
 * The known name closest to a misspelt one, if it is close enough to be a likely typo: at
 * most a third of the name's letters differ (and at least one may differ). Failing that, the
 * one name that starts like it (`migrant` for `migrant_worker`, `previos` for `previous_period`).
 *
 * Bounded, since a policy may have thousands of unknown names: a name longer than
 * MAX_SUGGESTED_NAME_LENGTH gets no suggestion, at most MAX_SUGGESTION_CANDIDATES names of a
 * length that could be near are compared, and a comparison stops once it is past the limit.
 */
export function closestName(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const limit = Math.max(1, Math.floor(name.length / 3));
  const known: string[] = [];
  for (const candidate of candidates) {
    // the distance is at least the difference of the lengths; a longer one may still start like the name
    if (candidate.length < name.length - limit) continue;
    known.push(candidate);
    if (known.length === MAX_SUGGESTION_CANDIDATES) break;
  }
  return nearest(known, (candidate) => editDistance(name, candidate, limit), limit)
    ?? (name.length >= 3 ? nearest(known, (candidate) => editDistance(name, candidate.slice(0, name.length), limit), limit, true) : undefined);
}

const MAX_SUGGESTED_NAME_LENGTH = 64;
const MAX_SUGGESTION_CANDIDATES = 200;

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

/**
 * Levenshtein distance, with a transposition of neighbours counting as one edit; any
 * distance above `limit` is given as `limit + 1`, found as soon as a whole row exceeds it.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const columns = b.length + 1;
  if (rows[0].length < columns) rows = [new Int32Array(2 * columns), new Int32Array(2 * columns), new Int32Array(2 * columns)];
  let [beforePrevious, previous, current] = rows;
  for (let j = 0; j < columns; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMinimum = i;
    for (let j = 1; j < columns; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, beforePrevious[j - 2]! + 1);
      current[j] = distance;
      rowMinimum = Math.min(rowMinimum, distance);
    }
    if (rowMinimum > limit) return limit + 1;
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return Math.min(previous[b.length]!, limit + 1);
}

/** The rows of editDistance, kept between calls: it is called for every unknown name and candidate. */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

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
