/**
 * Coverage of a notice by a policy: for each numbered measure of the notice (一、… 十、)
 * and each of its sentences, the rules, notes of what is not computable, measure
 * citations and parameter sources that quote it. A sentence quoted by nothing is a
 * sentence the policy has not accounted for. The playground links the notice's text to
 * the rules with the same data.
 */
import type { CitationIR, ProgramIR, RuleIR, SourceSpan } from "./ir.js";
import { noticeHeadings } from "./notice-parts.js";
import { withoutWhitespace } from "./check/citations.js";

export interface CitingItem {
  readonly kind: "measure" | "rule" | "not_computable" | "parameter";
  /** `m4`, `m4.unemployment_subsidy_eligible / migrant`, `ui_benefit_standard` */
  readonly name: string;
  readonly clause: string;
  /** the citation in the policy */
  readonly span: SourceSpan;
  /** why the sentence is not computed (`not_computable` only) */
  readonly reason?: string;
}

export interface SentenceCoverage {
  /** the sentence as in the notice, without white space */
  readonly text: string;
  /** where the sentence is in the notice: 0-based UTF-16 offsets, end exclusive */
  readonly start: number;
  readonly end: number;
  readonly citedBy: readonly CitingItem[];
}

export interface SectionCoverage {
  /** 1 for 一、, 10 for 十、 */
  readonly number: number;
  readonly heading: string;
  readonly sentences: readonly SentenceCoverage[];
  /** what cites this section by its clause number (§N), whether or not its quote is found */
  readonly citingByClause: readonly CitingItem[];
}

interface Section {
  readonly number: number;
  readonly heading: string;
  /** where the heading's words start and end, and where the body ends */
  readonly headingStart: number;
  readonly bodyStart: number;
  readonly bodyEnd: number;
}

/** The numbered sections of a notice: heading and body, up to the next heading (the last runs to the end). */
function sections(notice: string): Section[] {
  const found = noticeHeadings(notice);
  return found.map((heading, i) => ({
    number: heading.number,
    heading: heading.words.trim(),
    headingStart: heading.bodyStart - heading.words.length,
    bodyStart: heading.bodyStart,
    bodyEnd: found[i + 1]?.start ?? notice.length,
  }));
}

type Sentence = Omit<SentenceCoverage, "citedBy">;

/** The text of notice[from, to) without white space, and where each of its characters is in the notice. */
function compacted(notice: string, from: number, to: number): { text: string; offsets: number[] } {
  let text = "";
  const offsets: number[] = [];
  for (let offset = from; offset < to; offset++) {
    const character = notice.charAt(offset);
    if (/\s/u.test(character)) continue;
    text += character;
    offsets.push(offset);
  }
  return { text, offsets };
}

function sentencesOf(notice: string, section: Section): Sentence[] {
  const headingText = compacted(notice, section.headingStart, section.bodyStart);
  const body = compacted(notice, section.bodyStart, section.bodyEnd);
  const sentences: Sentence[] = [];
  let position = 0;
  for (const piece of body.text.split(/(?<=。)/u)) {
    const start = body.offsets[position] ?? section.bodyEnd;
    position += piece.length;
    const end = (body.offsets[position - 1] ?? start - 1) + 1;
    if (piece.replace(/[。；，、]/gu, "") !== "") sentences.push({ text: piece, start, end });
  }
  const headingStart = headingText.offsets[0] ?? section.headingStart;
  const headingEnd = (headingText.offsets[headingText.offsets.length - 1] ?? headingStart - 1) + 1;
  return [{ text: headingText.text, start: headingStart, end: headingEnd }, ...sentences];
}

interface Quote {
  readonly item: CitingItem;
  /** absent for a quote of the preamble or the closing paragraph */
  readonly measure: number | undefined;
  /** the quote's `…`-separated passages, without white space */
  readonly passages: readonly string[];
  readonly ofDocument: boolean;
}

function quoteOf(item: CitingItem, citation: CitationIR): Quote {
  const passages = withoutWhitespace(citation.quote).split(/…+|\.\.\./u).filter((p) => p !== "");
  return { item, measure: citation.measure, passages, ofDocument: citation.document !== undefined };
}

function ruleQuotes(measure: string, definition: string, rule: RuleIR): Quote[] {
  const name = rule.kind === "simple" ? `${measure}.${definition}` : `${measure}.${definition} / ${rule.label}`;
  const own = rule.citation === undefined ? [] : [quoteOf({ kind: "rule", name, clause: rule.citation.clause, span: rule.citation.span }, rule.citation)];
  return [...own, ...rule.exceptions.flatMap((exception) => ruleQuotes(measure, definition, exception))];
}

/** Every quote of the program, with what it belongs to. */
function quotesOf(program: ProgramIR): Quote[] {
  const fromMeasures = program.measures.flatMap((measure) => [
    ...(measure.citation === undefined ? [] : [quoteOf({ kind: "measure", name: measure.name, clause: measure.citation.clause, span: measure.citation.span }, measure.citation)]),
    ...measure.definitions.flatMap((definition) => definition.rules.flatMap((rule) => ruleQuotes(measure.name, definition.name, rule))),
    ...measure.notComputable.map((note) =>
      quoteOf({ kind: "not_computable", name: measure.name, clause: note.citation.clause, span: note.citation.span, reason: note.reason }, note.citation),
    ),
  ]);
  const fromParameters = program.parameters.flatMap((parameter) =>
    parameter.values.flatMap((value) =>
      value.source.kind === "clause"
        ? [quoteOf({ kind: "parameter", name: parameter.name, clause: value.source.citation.clause, span: value.source.citation.span }, value.source.citation)]
        : [],
    ),
  );
  // a quote of another document the policy declares does not cover the notice
  return [...fromMeasures, ...fromParameters].filter((quote) => !quote.ofDocument);
}

/** A quote covers a sentence when one of its passages lies in the sentence, or the sentence in it. */
function covers(quote: Quote, sentence: string): boolean {
  const bare = sentence.replace(/[。；，]$/u, "");
  return quote.passages.some((passage) => sentence.includes(passage) || passage.includes(bare));
}

export function noticeCoverage(program: ProgramIR, notice: string): SectionCoverage[] {
  const quotes = quotesOf(program);
  return sections(notice).map((section) => ({
    number: section.number,
    heading: section.heading,
    sentences: sentencesOf(notice, section).map(({ text, start, end }) => ({
      text,
      start,
      end,
      citedBy: quotes.filter((quote) => covers(quote, text)).map((quote) => quote.item),
    })),
    citingByClause: quotes.filter((quote) => quote.measure === section.number).map((quote) => quote.item),
  }));
}

/** The sections no rule or note cites by number, and the sentences no quote covers. */
export function uncovered(coverage: readonly SectionCoverage[]): { sections: number[]; sentences: { section: number; text: string }[] } {
  return {
    sections: coverage.filter((section) => !section.citingByClause.some((item) => item.kind === "rule" || item.kind === "not_computable")).map((s) => s.number),
    sentences: coverage.flatMap((section) =>
      section.sentences.filter((sentence) => sentence.citedBy.length === 0).map((sentence) => ({ section: section.number, text: sentence.text })),
    ),
  };
}
