/**
 * Citations: their IR form, and — when the notice's text is given — the check that every
 * quoted passage is really in the notice. Whitespace is ignored on both sides (the notice's
 * lines and pages break anywhere, and "3 个月" is "3个月"), and `…` in a quote stands for
 * words left out, so `"对已享受6个月…新吸纳贫困劳动力"` quotes two passages in order.
 */
import type { Citation, PolicyFile, StringLiteral } from "../ast.js";
import type { CitationIR } from "../ir.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";

export function citationIR(citation: Citation): CitationIR {
  const { measure, paragraph } = citation.clause;
  return {
    clause: paragraph === undefined ? `§${measure}` : `§${measure}¶${paragraph}`,
    measure,
    ...(paragraph === undefined ? {} : { paragraph }),
    quote: citation.quote.value,
    span: citation.span,
  };
}

/** Every quote of the policy: measures, rules, `not computable`, parameter sources. */
function quotes(files: readonly PolicyFile[]): StringLiteral[] {
  return files.flatMap((file) =>
    file.declarations.flatMap((declaration): StringLiteral[] => {
      switch (declaration.kind) {
        case "measure":
          return [
            ...(declaration.citation === undefined ? [] : [declaration.citation.quote]),
            ...declaration.items.flatMap((item) => {
              if (item.kind === "not_computable") return [item.citation.quote];
              const cases = item.body.kind === "simple" ? [item.body.rule] : item.body.cases;
              return cases.flatMap((c) => (c.citation === undefined ? [] : [c.citation.quote]));
            }),
          ];
        case "parameter":
          return declaration.values.flatMap((value) => (value.source.kind === "clause" ? [value.source.citation.quote] : []));
        default:
          return [];
      }
    }),
  );
}

/**
 * The spaces and line breaks of ordinary text, the ideographic space included. Not `\s`:
 * it also matches U+2028, U+2029 and U+FEFF, which would let an invisible character in a
 * quote pass for a space.
 */
function withoutWhitespace(text: string): string {
  return text.replace(/[\t\n\v\f\r \u00a0\u3000]+/g, "");
}

/** Reports every quote that is not in the notice (T0602). */
export function checkQuotes(files: readonly PolicyFile[], notice: string, reporter: Reporter): void {
  const text = withoutWhitespace(notice);
  for (const quote of quotes(files)) {
    const missing = firstMissingPassage(withoutWhitespace(quote.value), text);
    if (missing === undefined) continue;
    const closest = closestPassage(missing, text);
    reportError(reporter, "T0602", quote.span, "these words are not in the notice", {
      help: closest === undefined
        ? "quote the notice word for word; `…` may stand for words left out"
        : `the notice reads “${closest}”`,
    });
  }
}

/** The first `…`-separated part of a quote not found (in order) in the notice. */
function firstMissingPassage(quote: string, notice: string): string | undefined {
  let from = 0;
  for (const passage of quote.split(/…+|\.\.\./u).filter((p) => p !== "")) {
    const at = notice.indexOf(passage, from);
    if (at < 0) return passage;
    from = at + passage.length;
  }
  return undefined;
}

/**
 * The notice's passage that starts like the quote (its longest prefix found in the notice),
 * as long as the quote, when that prefix is long enough to be a likely match.
 */
function closestPassage(passage: string, notice: string): string | undefined {
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
