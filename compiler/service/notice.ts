/**
 * The notice beside the rules: each sentence of the notice with its coverage, from the same
 * data as the policy's coverage check (compiler/coverage.ts), and the policy's items that
 * cite it with the place of their citation, so that an editor can colour the sentence and
 * jump to them.
 */
import { noticeCoverage, type CitingItem } from "../coverage.js";
import type { ProgramIR } from "../ir.js";
import type { Position, Range } from "./protocol.js";
import { rangeOfSpan, TextFile } from "./text.js";

/**
 * `encoded`: a rule, a parameter's source or a measure's citation quotes it;
 * `not_computable`: only notes of what the policy does not compute quote it;
 * `unaccounted`: nothing quotes it yet.
 */
export type SentenceCoverageKind = "encoded" | "not_computable" | "unaccounted";

export interface SentenceCitation {
  readonly kind: CitingItem["kind"];
  /** `m4`, `m4.unemployment_subsidy_eligible / migrant`, `ui_benefit_standard` */
  readonly name: string;
  /** `§4` */
  readonly clause: string;
  /** the citation in the policy's files */
  readonly range: Range;
  /** why the sentence is not computed (`not_computable` only) */
  readonly reason?: string;
}

export interface NoticeSentence {
  /** the numbered section of the notice: 1 for 一、 */
  readonly section: number;
  /** the sentence as in the notice, without white space */
  readonly text: string;
  /** where the sentence is in the notice's text: 1-based lines and columns (end exclusive) … */
  readonly start: Position;
  readonly end: Position;
  /** … and 0-based UTF-16 offsets */
  readonly startOffset: number;
  readonly endOffset: number;
  readonly coverage: SentenceCoverageKind;
  readonly citedBy: readonly SentenceCitation[];
}

/** Every sentence of the notice's numbered sections, in the notice's order. */
export function noticeSentences(program: ProgramIR, notice: string): NoticeSentence[] {
  const text = new TextFile("", notice);
  return noticeCoverage(program, notice).flatMap((section) =>
    section.sentences.map((sentence): NoticeSentence => ({
      section: section.number,
      text: sentence.text,
      start: text.positionAt(sentence.start),
      end: text.positionAt(sentence.end),
      startOffset: sentence.start,
      endOffset: sentence.end,
      coverage: coverageOf(sentence.citedBy),
      citedBy: sentence.citedBy.map((item) => ({
        kind: item.kind,
        name: item.name,
        clause: item.clause,
        range: rangeOfSpan(item.span),
        ...(item.reason === undefined ? {} : { reason: item.reason }),
      })),
    })),
  );
}

function coverageOf(citedBy: readonly CitingItem[]): SentenceCoverageKind {
  if (citedBy.length === 0) return "unaccounted";
  return citedBy.every((item) => item.kind === "not_computable") ? "not_computable" : "encoded";
}
