/**
 * The citations of the rule under the editor's cursor, looked up in the IR's data, so that
 * the notice panel can highlight the words it cites.
 */
import type { CitationIR, SourceSpan } from "../../../compiler/ir.js";
import type { ProgramOutline, RuleOutline } from "../protocol.js";

function contains(span: SourceSpan, file: string, offset: number): boolean {
  return span.file === file && span.start <= offset && offset <= span.end;
}

/** The citations of the innermost rule, definition, note, parameter value or measure heading at a place. */
export function citationsAt(program: ProgramOutline, file: string, offset: number): CitationIR[] {
  for (const parameter of program.parameters) {
    if (!contains(parameter.span, file, offset)) continue;
    const value = parameter.values.find((v) => contains(v.span, file, offset));
    const values = value === undefined ? parameter.values : [value];
    return values.flatMap((v) => (v.source.kind === "clause" ? [v.source.citation] : []));
  }
  for (const measure of program.measures) {
    if (!contains(measure.span, file, offset)) continue;
    const note = measure.notComputable.find((n) => contains(n.span, file, offset));
    if (note !== undefined) return [note.citation];
    for (const definition of measure.definitions) {
      if (!contains(definition.span, file, offset)) continue;
      const rule = innermostRule(definition.rules, file, offset);
      if (rule?.citation !== undefined) return [rule.citation];
      return definition.rules.flatMap((r) => (r.citation === undefined ? [] : [r.citation]));
    }
    return measure.citation === undefined ? [] : [measure.citation];
  }
  return [];
}

function innermostRule(rules: readonly RuleOutline[], file: string, offset: number): RuleOutline | undefined {
  for (const rule of rules) {
    if (!contains(rule.span, file, offset)) continue;
    return innermostRule(rule.exceptions, file, offset) ?? rule;
  }
  return undefined;
}

/** The `…`-separated passages of a quote, without white space, as the coverage check reads them. */
export function passagesOf(quote: string): string[] {
  return quote.replace(/\s+/gu, "").split(/…+|\.\.\./u).filter((p) => p !== "");
}
