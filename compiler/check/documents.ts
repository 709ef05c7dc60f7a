/**
 * Further source documents of a policy: `document hrss "人社部发〔2021〕29号" { file "…"
 * numbering articles }` declares one, and `cites hrss §9 "…"` quotes a clause of it. The
 * document's text is read from its file (as the notice is), its clauses found in its own
 * numbering, and every quote checked against the clause it names: a document not declared
 * (T1150), a clause the document does not have (T1151), words not in that clause (T1152).
 */
import type { Citation, DocumentDeclaration, DocumentNumbering, PolicyFile } from "../ast.js";
import type { SourceSpan } from "../../runtime/types.js";
import { noticeParts, type NoticePart } from "../notice-parts.js";
import { citations, closestPassage, firstMissingPassage, partName, withoutWhitespace } from "./citations.js";
import type { NoticeText } from "./index.js";
import { reportRepeatedNames } from "./declarations.js";
import { reportError, type Reporter } from "./report.js";
import { definedProperties } from "../defined-properties.js";

export interface DeclaredDocument {
  readonly name: string;
  readonly title: string;
  readonly file?: string;
  readonly fileSpan?: SourceSpan;
  readonly numbering?: DocumentNumbering;
  readonly span: SourceSpan;
}

const numberingWords: Readonly<Record<DocumentNumbering, string>> = {
  sections: "sections (一、二、…)",
  articles: "articles (第一条、第二条…)",
  numbers: "numbered paragraphs (1. 2. …)",
};

function documentDeclarations(files: readonly PolicyFile[]): DocumentDeclaration[] {
  return files.flatMap((file) => file.declarations.filter((d): d is DocumentDeclaration => d.kind === "document"));
}

/** The documents the files declare, by name; a name given twice (T0205) or a document without `file` or `numbering` (T1156) is reported. */
export function collectDocuments(files: readonly PolicyFile[], reporter: Reporter): Map<string, DeclaredDocument> {
  const declarations = documentDeclarations(files);
  reportRepeatedNames(declarations.map((d) => d.name), "document", reporter);
  const documents = new Map<string, DeclaredDocument>();
  for (const declaration of declarations) {
    const missing = [declaration.file === undefined ? '`file "…"`' : undefined, declaration.numbering === undefined ? "`numbering …`" : undefined].filter((m) => m !== undefined);
    if (missing.length > 0) {
      reportError(reporter, "T1156", declaration.name.span, `the document \`${declaration.name.name}\` has no ${missing.join(" and no ")}`, {
        help: 'give its text and how it numbers its clauses: `file "hrss-2021-29.txt"` and `numbering sections`, `numbering articles` or `numbering numbers`',
      });
    }
    if (documents.has(declaration.name.name)) continue;
    documents.set(declaration.name.name, {
      name: declaration.name.name,
      title: declaration.title.value,
      ...definedProperties({ file: declaration.file?.value, fileSpan: declaration.file?.span, numbering: declaration.numbering?.value }),
      span: declaration.span,
    });
  }
  return documents;
}

/** Every citation naming a document that is not declared (T1150). */
export function checkCitedDocuments(files: readonly PolicyFile[], documents: ReadonlyMap<string, DeclaredDocument>, reporter: Reporter): void {
  for (const citation of citations(files)) {
    const name = citation.document;
    if (name === undefined || documents.has(name.name)) continue;
    const declared = [...documents.keys()].map((n) => `\`${n}\``);
    reportError(reporter, "T1150", name.span, `no document is declared as \`${name.name}\``, {
      help: declared.length === 0
        ? `declare it: \`document ${name.name} "…" { file "….txt" numbering articles }\`, or leave the name out to cite the notice`
        : `the documents declared are ${declared.join(", ")}; leave the name out to cite the notice`,
    });
  }
}

/**
 * Reads each document the files cite and checks their quotes against it. `read` reads a
 * file of the policy's folder, as for the notice; without it the quotes stay unchecked.
 */
export function checkDocumentQuotes(
  files: readonly PolicyFile[],
  documents: ReadonlyMap<string, DeclaredDocument>,
  read: ((fileName: string) => NoticeText | undefined) | undefined,
  reporter: Reporter,
): void {
  if (read === undefined) return;
  const cited = citations(files).filter((citation) => citation.document !== undefined);
  const byDocument = new Map<string, Citation[]>();
  for (const citation of cited) {
    const name = citation.document?.name ?? "";
    if (documents.has(name)) byDocument.set(name, [...(byDocument.get(name) ?? []), citation]);
  }
  for (const [name, quoted] of byDocument) {
    const document = documents.get(name);
    if (document?.file === undefined || document.numbering === undefined) continue;
    const text = read(document.file);
    if (text === undefined) continue;
    if (typeof text === "object") {
      reportError(reporter, "T1153", document.fileSpan ?? document.span, `cannot use the text of ${document.title} ${JSON.stringify(document.file)}: ${text.refused}`, { help: text.help });
      continue;
    }
    checkQuotesOf(document, text, quoted, reporter);
  }
}

function checkQuotesOf(document: DeclaredDocument, text: string, quoted: readonly Citation[], reporter: Reporter): void {
  const numbering = document.numbering ?? "sections";
  const whole = withoutWhitespace(text);
  const parts = noticeParts(text, numbering).map((range) => ({ ...range, text: withoutWhitespace(text.slice(range.start, range.end)) }));
  const numbers = parts.flatMap((range) => (typeof range.part === "number" ? [range.part] : []));
  for (const citation of quoted) {
    const cited: NoticePart = "part" in citation.clause ? citation.clause.part : citation.clause.measure;
    const own = parts.find((range) => range.part === cited);
    if (own === undefined) {
      reportError(reporter, "T1151", citation.clause.span, `${document.title} has no ${citation.clause.text}`, {
        help: numbers.length === 0
          ? `no ${numberingWords[numbering]} were found in ${JSON.stringify(document.file)}: headings on lines of their own; check \`numbering\``
          : `its ${numberingWords[numbering]} are ${range(numbers)}, in its own numbering`,
      });
      continue;
    }
    const quote = withoutWhitespace(citation.quote.value);
    if (firstMissingPassage(quote, own.text) === undefined) continue;
    const missing = firstMissingPassage(quote, whole);
    const found = missing === undefined ? parts.find((range) => firstMissingPassage(quote, range.text) === undefined) : undefined;
    const closest = missing === undefined ? undefined : closestPassage(missing, whole);
    reportError(reporter, "T1152", found === undefined ? citation.quote.span : citation.clause.span, missing === undefined ? `these words are not in ${partName(cited, citation.clause.text)} of ${document.title}` : `these words are not in ${document.title}`, {
      ...(found === undefined ? {} : { labels: [{ span: citation.quote.span, message: `they are in ${partName(found.part, `§${String(found.part)}`)}` }] }),
      help: found !== undefined
        ? `cite them as \`${document.name} §${String(found.part)} "…"\``
        : closest === undefined
          ? "quote the document word for word; `…` may stand for words left out"
          : `the document reads “${closest}”`,
    });
  }
}

/** `§1–§30`, or `§1, §3` when they are not consecutive */
function range(numbers: readonly number[]): string {
  const first = numbers[0];
  const last = numbers[numbers.length - 1];
  if (first === undefined || last === undefined) return "none";
  const consecutive = numbers.every((n, i) => n === first + i);
  return consecutive && numbers.length > 2 ? `§${first}–§${last}` : numbers.map((n) => `§${n}`).join(", ");
}
