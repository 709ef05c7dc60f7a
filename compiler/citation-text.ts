/**
 * How a citation names its clause for a reader: `§4` of the notice, or `人社部发〔2021〕29号 §9`
 * for a clause of another document the policy declares.
 */
import type { CitationIR } from "./ir.js";

export function citedClause(citation: CitationIR): string {
  return citation.document === undefined ? citation.clause : `${citation.document.title} ${citation.clause}`;
}
