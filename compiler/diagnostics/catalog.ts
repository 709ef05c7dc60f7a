/**
 * Every diagnostic code, with a title and a longer explanation for the docs
 * (`docs/diagnostics.md` is generated from this table). Codes are stable: never reuse one.
 *
 * T01xx syntax · T02xx names and declarations · T03xx types and units ·
 * T04xx rules and exceptions · T05xx dates, windows and parameter values ·
 * T06xx cycles and citations
 */
export interface CatalogEntry {
  readonly title: string;
  readonly explanation: string;
}

export const catalog = {
} as const satisfies Record<string, CatalogEntry>;

export type DiagnosticCode = keyof typeof catalog;
