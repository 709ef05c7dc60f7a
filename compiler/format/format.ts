/**
 * The canonical form of a policy file (`tiao fmt`).
 *
 * - Two-space indentation; one blank line between declarations and between the items of a
 *   measure (consecutive `not computable` sentences stay together); each `when`, `=`,
 *   `cites`, `note`, `in force`, `source` and `because` on its own line under what it
 *   belongs to; expressions on one line unless longer than 100 columns.
 * - Units are written in words (`500 yuan`, `3 months`, `1 day`), texts between straight
 *   quotes, header values and enum labels aligned.
 * - Comments are never lost. Each printed line remembers where in the source it comes from;
 *   a comment that followed code on the same source line stays at the end of that line, and
 *   any other comment goes on its own line before the first printed line that came after it
 *   in the source (so a comment inside a multi-line expression moves to the next line the
 *   formatter starts). A blank line between two such comments, or between a comment and
 *   the declaration or item below it, is kept.
 *
 * Formatting is idempotent, and reading the result gives back the same tree (modulo spans):
 * both are property-tested in test/format/.
 */
import type {
  Citation,
  Comment,
  Declaration,
  DocumentDeclaration,
  Definition,
  EffectiveWindow,
  EnumDeclaration,
  Expr,
  MeasureDeclaration,
  MeasureItem,
  ParameterDeclaration,
  ParameterValue,
  PolicyFile,
  PolicyHeader,
  RecordDeclaration,
  RuleCase,
  ScaleDeclaration,
  SourceSpan,
  StringLiteral,
  TypeExpr,
} from "../ast.js";
import { hasErrors, type Diagnostic } from "../diagnostics/diagnostic.js";
import { parseFile } from "../parse.js";
import { anchorOf, layoutExpression, printExpression, type Anchor } from "./expression.js";
import { quotedText } from "../literals.js";
import { parenthesize } from "./parentheses.js";

export type FormatResult =
  | { readonly kind: "formatted"; readonly text: string }
  | { readonly kind: "unparsable"; readonly diagnostics: readonly Diagnostic[] };

/** A policy file's text in canonical form, or the syntax errors that keep it from being formatted. */
export function formatSource(path: string, text: string): FormatResult {
  const parsed = parseFile(path, text);
  if (hasErrors(parsed.diagnostics)) return { kind: "unparsable", diagnostics: parsed.diagnostics };
  return { kind: "formatted", text: formatPolicy(parsed.ast) };
}

export function formatPolicy(ast: PolicyFile): string {
  const printer = new Printer();
  for (const [index, declaration] of parenthesize(ast).declarations.entries()) {
    if (index > 0) printer.blank();
    printer.declaration(declaration);
  }
  const lines = placeComments(printer.lines, ast.comments ?? []);
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------- printed lines

interface PrintedLine {
  readonly indent: number;
  readonly text: string;
  /** absent for blank lines */
  readonly anchor?: Anchor;
  /** indentation of comments placed before this line (a closing brace's is that of the block's content) */
  readonly commentIndent: number;
  /** the first line of a declaration or a measure item: a blank line above a comment on it is kept */
  readonly startsItem: boolean;
}

function citationText(citation: Citation): string {
  return `${citation.document === undefined ? "" : `${citation.document.name} `}${citation.clause.text} ${quotedText(citation.quote.value)}`;
}

function typeText(type: TypeExpr): string {
  switch (type.kind) {
    case "primitive":
      return type.signed === true ? `signed ${type.name}` : type.name;
    case "named":
      return type.name.name;
    case "set":
      return `set of ${type.of.name}`;
    case "list":
      return `list of ${type.of.name}`;
    case "optional":
      return `optional ${typeText(type.of)}`;
    case "series": {
      const missing = type.missing === undefined ? "" : ` otherwise ${printExpression(type.missing)}`;
      return `${type.period === "month" ? "monthly" : "yearly"} ${typeText(type.of)}${missing}`;
    }
  }
}

function withLabel(text: string, label: StringLiteral | undefined, english?: StringLiteral): string {
  const labelled = label === undefined ? text : `${text} ${quotedText(label.value)}`;
  return english === undefined ? labelled : `${labelled} label en ${quotedText(english.value)}`;
}

const headerKeyWidth = "document".length;

class Printer {
  readonly lines: PrintedLine[] = [];

  blank(): void {
    this.lines.push({ indent: 0, text: "", commentIndent: 0, startsItem: false });
  }

  private line(indent: number, text: string, span: SourceSpan, startsItem = false): void {
    this.lines.push({ indent, text, anchor: anchorOf(span), commentIndent: indent, startsItem });
  }

  /** The closing brace of a block whose span is `span`. */
  private close(indent: number, span: SourceSpan): void {
    this.lines.push({
      indent,
      text: "}",
      anchor: { offset: span.end - 1, line: span.endLine },
      commentIndent: indent + 2,
      startsItem: false,
    });
  }

  /** `head {`, the block's lines, `}`; or `head {}` when there are none. */
  private block(indent: number, head: string, span: SourceSpan, content: (() => void)[]): void {
    if (content.length === 0) {
      this.line(indent, `${head} {}`, span, true);
      return;
    }
    this.line(indent, `${head} {`, span, true);
    for (const print of content) print();
    this.close(indent, span);
  }

  /** `prefix` and the expression, the expression laid out from where the prefix ends. */
  private expressionLine(indent: number, prefix: string, expression: Expr): void {
    const fragments = layoutExpression(expression, indent + prefix.length, indent + 2);
    for (const [index, fragment] of fragments.entries()) {
      const text = index === 0 ? `${prefix}${fragment.text}` : fragment.text;
      const lineIndent = index === 0 ? indent : fragment.indent;
      this.lines.push({ indent: lineIndent, text, anchor: fragment.anchor, commentIndent: lineIndent, startsItem: false });
    }
  }

  declaration(declaration: Declaration): void {
    switch (declaration.kind) {
      case "policy":
        return this.policyHeader(declaration);
      case "enum":
        return this.enumDeclaration(declaration);
      case "record":
        return this.recordDeclaration(declaration);
      case "parameter":
        return this.parameterDeclaration(declaration);
      case "scale":
        return this.scaleDeclaration(declaration);
      case "measure":
        return this.measureDeclaration(declaration);
      case "repeal":
        return this.line(0, `repeal ${declaration.name.name}`, declaration.span, true);
      case "document":
        return this.documentDeclaration(declaration);
    }
  }

  private documentDeclaration(declaration: DocumentDeclaration): void {
    const content: (() => void)[] = [];
    const { file, numbering } = declaration;
    if (file !== undefined) content.push(() => this.line(2, `file      ${quotedText(file.value)}`, file.span));
    if (numbering !== undefined) content.push(() => this.line(2, `numbering ${numbering.value}`, numbering.span));
    this.block(0, `document ${declaration.name.name} ${quotedText(declaration.title.value)}`, declaration.span, content);
  }

  private policyHeader(header: PolicyHeader): void {
    this.block(
      0,
      `policy ${header.name.name}`,
      header.span,
      header.fields.map((field) => () => {
        const value = field.key === "issued" ? field.value.text : field.key === "currency" ? field.value.name : quotedText(field.value.value);
        this.line(2, `${field.key.padEnd(headerKeyWidth)} ${value}`, field.span);
      }),
    );
  }

  private enumDeclaration(declaration: EnumDeclaration): void {
    const nameWidth = Math.max(0, ...declaration.members.map((member) => member.name.name.length));
    this.block(
      0,
      withLabel(`enum ${declaration.name.name}`, declaration.label),
      declaration.span,
      declaration.members.map((member) => () => {
        const text = member.label === undefined ? member.name.name : `${member.name.name.padEnd(nameWidth)} ${quotedText(member.label.value)}`;
        this.line(2, text, member.span);
      }),
    );
  }

  private recordDeclaration(declaration: RecordDeclaration): void {
    this.block(
      0,
      withLabel(`${declaration.entity ? "entity" : "record"} ${declaration.name.name}`, declaration.label),
      declaration.span,
      declaration.fields.map((field) => () => {
        const fallback = field.default === undefined ? "" : ` otherwise ${printExpression(field.default)}`;
        this.line(2, withLabel(`${field.name.name}: ${typeText(field.type)}${fallback}`, field.label, field.english), field.span);
      }),
    );
  }

  private parameterDeclaration(declaration: ParameterDeclaration): void {
    const content: (() => void)[] = [];
    const unit = declaration.unit;
    if (unit !== undefined) content.push(() => this.line(2, `unit ${quotedText(unit.value)}`, unit.span));
    for (const value of declaration.values) content.push(() => this.datedFigure(2, "value", value));
    this.block(0, withLabel(`parameter ${declaration.name.name}: ${typeText(declaration.type)}`, declaration.label), declaration.span, content);
  }

  /** `value …`, `threshold …`, `rate …`: the figure and its dates, its source and note below it. */
  private datedFigure(indent: number, word: string, value: ParameterValue): void {
    const until = value.until === undefined ? "" : ` until ${value.until.text}`;
    const from = value.from === undefined ? "" : ` from ${value.from.text}`;
    this.line(indent, `${word} ${printExpression(value.value)}${from}${until}`, value.span);
    const source = value.source.kind === "clause" ? citationText(value.source.citation) : quotedText(value.source.text.value);
    this.line(indent + 2, `source ${source}`, value.source.span);
    if (value.note !== undefined) this.line(indent + 2, `note ${quotedText(value.note.value)}`, value.note.span);
  }

  private scaleDeclaration(declaration: ScaleDeclaration): void {
    const content: (() => void)[] = [];
    const unit = declaration.unit;
    if (unit !== undefined) content.push(() => this.line(2, `unit ${quotedText(unit.value)}`, unit.span));
    for (const repeal of declaration.repeals ?? []) content.push(() => this.line(2, `repeal bracket ${repeal.name.name}`, repeal.span));
    for (const bracket of declaration.brackets) {
      content.push(() =>
        this.block(2, `bracket ${bracket.name.name}`, bracket.span, bracket.figures.map((figure) => () => this.datedFigure(4, figure.figure, figure))),
      );
    }
    this.block(0, withLabel(`parameter ${declaration.name.name}: scale`, declaration.label), declaration.span, content);
  }

  private measureDeclaration(measure: MeasureDeclaration): void {
    const content: (() => void)[] = [];
    const citation = measure.citation;
    if (citation !== undefined) content.push(() => this.line(2, `cites ${citationText(citation)}`, citation.span));
    const window = measure.window;
    if (window !== undefined) content.push(() => this.window(2, window));
    const hasHead = content.length > 0;
    for (const [index, item] of measure.items.entries()) {
      const previous = measure.items[index - 1];
      // the sentences a measure does not compute read as one list
      const grouped = previous?.kind === "not_computable" && item.kind === "not_computable";
      content.push(() => {
        if ((index > 0 || hasHead) && !grouped) this.blank();
        this.measureItem(item);
      });
    }
    this.block(0, withLabel(`measure ${measure.name.name}`, measure.title, measure.english), measure.span, content);
  }

  private window(indent: number, window: EffectiveWindow): void {
    const until = window.until === undefined ? "" : ` until ${printExpression(window.until)}`;
    this.line(indent, window.from === undefined ? `in force${until}` : `in force from ${printExpression(window.from)}${until}`, window.span);
  }

  private measureItem(item: MeasureItem): void {
    if (item.kind === "not_computable") {
      this.line(2, `not computable ${citationText(item.citation)}`, item.span, true);
      this.line(4, `because ${quotedText(item.reason.value)}`, item.reason.span);
      return;
    }
    if (item.kind === "repeal") {
      this.line(2, `repeal ${item.name.name}`, item.span, true);
      return;
    }
    this.definition(item);
  }

  private definition(definition: Definition): void {
    const parameters =
      definition.parameters.length === 0
        ? ""
        : `(${definition.parameters.map((parameter) => (parameter.type === undefined ? `${parameter.name.name} in ${printExpression(parameter.members)}` : `${parameter.name.name}: ${typeText(parameter.type)}`)).join(", ")})`;
    const head = withLabel(`${definition.visibility} ${definition.name.name}${parameters}: ${typeText(definition.type)}`, undefined, definition.english);
    const body = definition.body;
    if (body.kind === "simple") {
      this.line(2, head, definition.span, true);
      this.ruleLines(4, body.rule);
      return;
    }
    this.line(2, `${head} {`, definition.span, true);
    for (const rule of body.cases) {
      const overrides = rule.overrides === undefined ? "" : ` to ${rule.overrides.name}`;
      this.line(4, `${rule.kind} ${rule.label?.name ?? ""}${overrides}`, rule.span);
      this.ruleLines(6, rule);
    }
    this.close(2, body.span);
  }

  /** `when`, `=`, `cites`, `note`, `in force`: each on its own line. */
  private ruleLines(indent: number, rule: RuleCase): void {
    if (rule.condition !== undefined) this.expressionLine(indent, "when ", rule.condition);
    this.expressionLine(indent, "= ", rule.value);
    if (rule.citation !== undefined) this.line(indent, `cites ${citationText(rule.citation)}`, rule.citation.span);
    if (rule.note !== undefined) this.line(indent, `note ${quotedText(rule.note.value)}`, rule.note.span);
    if (rule.window !== undefined) this.window(indent, rule.window);
  }
}

// ---------------------------------------------------------------- comments

/**
 * Puts the comments back between the printed lines (see the module comment) and renders
 * the lines as text.
 */
function placeComments(lines: readonly PrintedLine[], comments: readonly Comment[]): string[] {
  const output: string[] = [];
  /** index in `output` and source line of the last printed line with an anchor */
  let lastAnchored: { index: number; line: number; hasComment: boolean } | undefined;
  let next = 0;

  const trailOrStandAlone = (comment: Comment, before: PrintedLine | undefined): void => {
    if (lastAnchored !== undefined && lastAnchored.line === comment.span.line && !lastAnchored.hasComment) {
      output[lastAnchored.index] = `${output[lastAnchored.index] ?? ""}  ${comment.text}`;
      lastAnchored = { ...lastAnchored, hasComment: true };
      return;
    }
    output.push(`${" ".repeat(before?.commentIndent ?? 0)}${comment.text}`);
  };

  for (const line of lines) {
    if (line.anchor === undefined) {
      output.push("");
      continue;
    }
    let lastStandAlone: Comment | undefined;
    while (next < comments.length && (comments[next]?.span.start ?? Infinity) < line.anchor.offset) {
      const comment = comments[next] as Comment;
      // a blank line between two comments on their own lines is kept
      if (lastStandAlone !== undefined && comment.span.line > lastStandAlone.span.line + 1) output.push("");
      const countBefore = output.length;
      trailOrStandAlone(comment, line);
      if (output.length > countBefore) lastStandAlone = comment;
      next++;
    }
    if (lastStandAlone !== undefined && line.startsItem && line.anchor.line > lastStandAlone.span.line + 1) output.push("");
    output.push(`${" ".repeat(line.indent)}${line.text}`);
    lastAnchored = { index: output.length - 1, line: line.anchor.line, hasComment: false };
  }
  for (const comment of comments.slice(next)) trailOrStandAlone(comment, undefined);
  return output;
}
