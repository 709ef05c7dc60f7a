/**
 * Hover: what a name refers to, in a drafter's terms — a parameter with its dated values and
 * their sources, a rule with its citation and window, an output with its type, a fact with
 * its type and label. Markdown; the policy's own syntax in code spans.
 */
import type { Citation, Definition, EffectiveWindow, MeasureDeclaration, ParameterDeclaration, RuleCase, SourceRef, SourceSpan } from "../ast.js";
import { addDays, formatDate, parseDate } from "../../runtime/dates.js";
import type { PolicySymbol } from "./symbols.js";
import { typeText } from "../check/types.js";

/** The text of an expression or a type as written, from the file it is in. */
export type SourceText = (node: { readonly span: SourceSpan }) => string;

export function hoverMarkdown(symbol: PolicySymbol, written: SourceText): string {
  const declaration = symbol.declaration;
  const type = symbol.type === undefined ? "" : `: ${typeText(symbol.type)}`;
  switch (declaration.kind) {
    case "parameter":
      return parameterMarkdown(declaration.node, type, written);
    case "measure":
      return measureMarkdown(declaration.node, written);
    case "definition":
      return definitionMarkdown(declaration.node, declaration.measure, type, written);
    case "rule":
      return lines(
        `**${declaration.node.kind === "exception" ? "exception" : "rule"}** \`${symbol.name}\` of \`${declaration.measure.name.name}.${declaration.definition.name.name}\``,
        ruleMarkdown(declaration.node, declaration.measure, written),
      );
    case "field": {
      const owner = declaration.owner;
      const what = owner.entity ? "fact" : "field";
      return lines(`**${what}** \`${owner.name.name}.${symbol.name}${type}\``, declaration.node.label?.value, owner.label === undefined ? undefined : `of \`${owner.name.name}\` (${owner.label.value})`);
    }
    case "record":
    case "entity": {
      const node = declaration.node;
      const fields = node.fields.map((field) => `- \`${field.name.name}: ${written(field.type)}\`${field.label === undefined ? "" : ` ${field.label.value}`}`);
      return lines(`**${declaration.kind}** \`${symbol.name}\``, node.label?.value, fields.join("\n"));
    }
    case "enum": {
      const node = declaration.node;
      const members = node.members.map((member) => `- \`${member.name.name}\`${member.label === undefined ? "" : ` ${member.label.value}`}`);
      return lines(`**enum** \`${symbol.name}\``, node.label?.value, members.join("\n"));
    }
    case "member":
      return lines(`**member** \`${declaration.owner.name.name}.${symbol.name}\``, declaration.node.label?.value);
    case "definition-parameter":
      return lines(`**parameter of** \`${declaration.definition.name.name}\`: \`${symbol.name}${type}\``);
    case "variable":
      return lines(`**item** \`${symbol.name}${type}\` of \`${written(declaration.list)}\``);
  }
}

function lines(...parts: (string | undefined)[]): string {
  return parts.filter((part): part is string => part !== undefined && part !== "").join("\n\n");
}

function citationText(citation: Citation): string {
  return `${citationClause(citation)} “${citation.quote.value}”`;
}

function citationClause(citation: Citation): string {
  return citation.document === undefined ? citation.clause.text : `${citation.document.name} ${citation.clause.text}`;
}

function sourceText(source: SourceRef): string {
  return source.kind === "clause" ? citationText(source.citation) : source.text.value;
}

function windowText(window: EffectiveWindow, written: SourceText): string {
  const until = window.until === undefined ? "" : ` until \`${written(window.until)}\``;
  return window.from === undefined ? `in force${until}` : `in force from \`${written(window.from)}\`${until}`;
}

function parameterMarkdown(parameter: ParameterDeclaration, type: string, written: SourceText): string {
  const values = parameter.values.map((value, position) => {
    const next = parameter.values[position + 1];
    const nextFrom = next?.from === undefined ? undefined : parseDate(next.from.text);
    const until = value.until?.text ?? (nextFrom === undefined ? undefined : formatDate(addDays(nextFrom, -1)));
    const since = value.from === undefined ? (until === undefined ? "on every date" : "from the earliest date") : `from ${value.from.text}`;
    const period = `${since}${until === undefined ? "" : ` until ${until}`}`;
    const note = value.note === undefined ? "" : `\n  note: ${value.note.value}`;
    return `- \`${written(value.value)}\` ${period}\n  source: ${sourceText(value.source)}${note}`;
  });
  return lines(
    `**parameter** \`${parameter.name.name}${type}\``,
    parameter.label?.value,
    parameter.unit === undefined ? undefined : `unit: ${parameter.unit.value}`,
    values.length === 0 ? undefined : values.join("\n"),
  );
}

function measureMarkdown(measure: MeasureDeclaration, written: SourceText): string {
  return lines(
    `**measure** \`${measure.name.name}\`${measure.title === undefined ? "" : ` ${measure.title.value}`}`,
    measure.citation === undefined ? undefined : `cites ${citationText(measure.citation)}`,
    measure.window === undefined ? "always in force" : windowText(measure.window, written),
  );
}

function definitionMarkdown(definition: Definition, measure: MeasureDeclaration, type: string, written: SourceText): string {
  const parameters = definition.parameters.length === 0 ? "" : `(${definition.parameters.map((p) => (p.type === undefined ? `${p.name.name} in ${written(p.members)}` : `${p.name.name}: ${written(p.type)}`)).join(", ")})`;
  const heading = `**${definition.visibility}** \`${definition.name.name}${parameters}${type}\` of measure \`${measure.name.name}\``;
  if (definition.body.kind === "simple") return lines(heading, ruleMarkdown(definition.body.rule, measure, written));
  const cases = definition.body.cases.map((rule) => {
    const label = `${rule.kind} \`${rule.label?.name ?? ""}\`${rule.overrides === undefined ? "" : ` to \`${rule.overrides.name}\``}`;
    return `- ${label}${rule.citation === undefined ? "" : `: cites ${citationText(rule.citation)}`}${rule.window === undefined ? "" : `; ${windowText(rule.window, written)}`}`;
  });
  return lines(heading, cases.join("\n"), measure.window === undefined ? "measure always in force" : `measure ${windowText(measure.window, written)}`);
}

function ruleMarkdown(rule: RuleCase, measure: MeasureDeclaration, written: SourceText): string {
  const window = rule.window ?? measure.window;
  return lines(
    rule.citation === undefined ? "no citation" : `cites ${citationText(rule.citation)}`,
    rule.note === undefined ? undefined : `note: ${rule.note.value}`,
    window === undefined ? "always in force" : `${rule.window === undefined ? "measure " : ""}${windowText(window, written)}`,
  );
}
