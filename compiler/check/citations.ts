/**
 * Citations: their IR form, and — when the notice's text is given — the check that every
 * quoted passage is really in the notice, in the part its clause names (`§4`, the preamble,
 * the closing paragraph). Whitespace is ignored on both sides (the notice's lines and pages
 * break anywhere, and "3 个月" is "3个月"), and `…` in a quote stands for words left out,
 * so `"对已享受6个月…新吸纳贫困劳动力"` quotes two passages in order.
 */
import type { Citation, PolicyFile } from "../ast.js";
import type { CitationIR } from "../ir.js";
import { noticeParts, type NoticePart, type NoticePartRange } from "../notice-parts.js";
import type { Reporter } from "./report.js";
import { reportError, reportWarning } from "./report.js";

export function citationIR(citation: Citation): CitationIR {
  const { clause } = citation;
  const quote = citation.quote.value;
  // The document's title is filled in once every document is known (documents.ts).
  const document = citation.document === undefined ? {} : { document: { name: citation.document.name, title: citation.document.name } };
  if ("part" in clause) return { ...document, clause: clause.text, quote, span: citation.span };
  return {
    ...document,
    clause: clause.text,
    measure: clause.measure,
    ...(clause.paragraph === undefined ? {} : { paragraph: clause.paragraph }),
    quote,
    span: citation.span,
  };
}

/** Every citation of the policy: measures, rules, `not computable`, parameter and scale sources. */
export function citations(files: readonly PolicyFile[]): Citation[] {
  return files.flatMap((file) =>
    file.declarations.flatMap((declaration): Citation[] => {
      switch (declaration.kind) {
        case "measure":
          return [
            ...(declaration.citation === undefined ? [] : [declaration.citation]),
            ...declaration.items.flatMap((item) => {
              if (item.kind === "not_computable") return [item.citation];
              if (item.kind === "repeal") return [];
              const cases = item.body.kind === "simple" ? [item.body.rule] : item.body.cases;
              return cases.flatMap((c) => (c.citation === undefined ? [] : [c.citation]));
            }),
          ];
        case "parameter":
          return declaration.values.flatMap((value) => (value.source.kind === "clause" ? [value.source.citation] : []));
        case "scale":
          return declaration.brackets.flatMap((bracket) => bracket.figures.flatMap((figure) => (figure.source.kind === "clause" ? [figure.source.citation] : [])));
        default:
          return [];
      }
    }),
  );
}

export function withoutWhitespace(text: string): string {
  return text.replace(/\s+/gu, "");
}

/**
 * Reports every quote that is not in the notice (T0602), and every quote found in another
 * part of the notice than its clause names (T0604).
 */
export function checkQuotes(files: readonly PolicyFile[], notice: string, reporter: Reporter): void {
  const text = withoutWhitespace(notice);
  const parts = noticeParts(notice).map((range) => ({ ...range, text: withoutWhitespace(notice.slice(range.start, range.end)) }));
  // a clause of another declared document is checked against that document (documents.ts)
  const all = citations(files).filter((citation) => citation.document === undefined);
  const numbered = all.find((citation) => !("part" in citation.clause));
  if (parts.length === 0 && numbered !== undefined) {
    reportWarning(reporter, "T0805", numbered.clause.span, `the notice has no numbered parts, so \`${numbered.clause.text}\` and every other clause number are not checked`, {
      help: "the parts of a notice are found from headings on lines of their own: `一、`, `第九条` or `9.`",
    });
  }
  for (const citation of all) {
    const quote = withoutWhitespace(citation.quote.value);
    const missing = firstMissingPassage(quote, text);
    if (missing !== undefined) {
      const closest = closestPassage(missing, text);
      reportError(reporter, "T0602", citation.quote.span, "these words are not in the notice", {
        help: closest === undefined
          ? "quote the notice word for word; `…` may stand for words left out"
          : `the notice reads “${closest}”`,
      });
      continue;
    }
    const cited: NoticePart = "part" in citation.clause ? citation.clause.part : citation.clause.measure;
    const own = parts.find((range) => range.part === cited);
    if (parts.length === 0 || (own !== undefined && firstMissingPassage(quote, own.text) === undefined)) continue;
    const found = parts.find((range) => firstMissingPassage(quote, range.text) === undefined);
    const clause = citation.clause.text;
    reportError(reporter, "T0604", citation.clause.span, `these words are not in ${partName(cited, clause)}`, {
      ...(found === undefined ? {} : { labels: [{ span: citation.quote.span, message: `they are in ${partName(found.part, clauseOf(found))}` }] }),
      help: found === undefined
        ? `quote words of ${partName(cited, clause)}, or split the quote where it crosses from one part of the notice to the next`
        : `cite them as \`${clauseOf(found)} "…"\``,
    });
  }
}

function clauseOf(range: NoticePartRange): string {
  return `§${range.part}`;
}

/** How a message names a part of a notice or document: its clause, or the preamble or closing paragraph. */
export function partName(part: NoticePart, clause: string): string {
  if (part === "preamble") return "the preamble";
  if (part === "closing") return "the closing paragraph";
  return clause;
}

/** The first `…`-separated part of a quote not found (in order) in the text. */
export function firstMissingPassage(quote: string, text: string): string | undefined {
  let from = 0;
  for (const passage of quote.split(/…+|\.\.\./u).filter((p) => p !== "")) {
    const at = text.indexOf(passage, from);
    if (at < 0) return passage;
    from = at + passage.length;
  }
  return undefined;
}

/**
 * The notice's passage that starts like the quote (its longest prefix found in the notice),
 * as long as the quote, when that prefix is long enough to be a likely match.
 */
export function closestPassage(passage: string, notice: string): string | undefined {
  const characters = [...passage];
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (notice.includes(characters.slice(0, middle).join(""))) low = middle;
    else high = middle - 1;
  }
  if (low < Math.max(4, Math.ceil(characters.length / 3))) return undefined;
  const start = notice.indexOf(characters.slice(0, low).join(""));
  // A character is at most two UTF-16 units: this slice holds the quote's length in characters.
  return [...notice.slice(start, start + 2 * characters.length)].slice(0, characters.length).join("");
}
