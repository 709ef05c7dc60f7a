/**
 * Finding things of the program by the names the coverage data gives them, and the rule
 * under the editor's cursor: lookups in the IR's data, for linking the notice and the rules.
 */
import type { CitingItem } from "../../../compiler/coverage.js";
import type { CitationIR, ProgramIR, RuleIR, SourceSpan } from "../../../compiler/ir.js";

/** The span of a citing item: `m4`, `m4.eligible`, `m4.eligible / migrant`, a parameter name. */
export function spanOf(program: ProgramIR, item: CitingItem): SourceSpan | undefined {
  if (item.kind === "parameter") return program.parameters.find((p) => p.name === item.name)?.span;
  const [measureName = "", rest] = item.name.split(".", 2);
  const measure = program.measures.find((m) => m.name === measureName);
  if (measure === undefined) return undefined;
  if (item.kind === "not_computable") return measure.notComputable.find((note) => note.citation.clause === item.clause)?.span ?? measure.span;
  if (rest === undefined) return measure.citation?.span ?? measure.span;
  const [definitionName = "", label] = rest.split(" / ");
  const definition = measure.definitions.find((d) => d.name === definitionName);
  if (definition === undefined) return measure.span;
  if (label === undefined) return definition.span;
  return findRule(definition.rules, label)?.span ?? definition.span;
}

function findRule(rules: readonly RuleIR[], label: string): RuleIR | undefined {
  for (const rule of rules) {
    if (rule.label === label) return rule;
    const inner = findRule(rule.exceptions, label);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

function contains(span: SourceSpan, file: string, offset: number): boolean {
  return span.file === file && span.start <= offset && offset <= span.end;
}

/** The citations of the innermost rule, definition, note, parameter value or measure heading at a place. */
export function citationsAt(program: ProgramIR, file: string, offset: number): CitationIR[] {
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

function innermostRule(rules: readonly RuleIR[], file: string, offset: number): RuleIR | undefined {
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
