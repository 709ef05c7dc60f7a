/**
 * Printing expressions: on one line (`printExpression`), or laid out over several lines
 * when a line would be too long (`layoutExpression`). Expressions are expected to carry
 * the parentheses they need (parentheses.ts).
 */
import type { Expr, RelativePeriods, SourceSpan } from "../ast.js";
import { strengthOf } from "./parentheses.js";
import { quotedText } from "../literals.js";

/**
 * Lines longer than this are broken before a binary operator (`and`, `or`, `otherwise`,
 * `+`, `-`, `*`, `/`, a comparison), at `if`, `then` and `else`, between the arguments of a
 * call, before the `for` and the `where` of an aggregate and between members of a set.
 */
export const lineWidth = 100;

/** Where a printed line comes from in the source, to put comments back next to it. */
export interface Anchor {
  readonly offset: number;
  readonly line: number;
}

export function anchorOf(span: SourceSpan): Anchor {
  return { offset: span.start, line: span.line };
}

/** A line of a laid-out expression; the first continues the line the expression starts on. */
export interface Fragment {
  readonly indent: number;
  readonly text: string;
  readonly anchor: Anchor;
}

function unitWord(unit: "months" | "days" | "years", text: string): string {
  const singular = unit === "months" ? "month" : unit === "days" ? "day" : "year";
  return text === "1" ? singular : unit;
}

export function printExpression(expression: Expr): string {
  switch (expression.kind) {
    case "bool":
      return expression.value ? "true" : "false";
    case "number":
      return expression.text;
    case "money":
      return `${expression.text} ${expression.unit ?? "yuan"}`;
    case "percent":
      return `${expression.text}%`;
    case "duration":
      return `${expression.text} ${unitWord(expression.unit, expression.text)}`;
    case "date":
    case "time":
      return expression.text;
    case "text":
      return quotedText(expression.value);
    case "absent":
    case "evaluation_date":
      return expression.kind;
    case "name":
      return expression.name.name;
    case "field":
      return `${printExpression(expression.object)}.${expression.field.name}`;
    case "call":
      return `${expression.measure === undefined ? "" : `${expression.measure.name}.`}${expression.callee.name}(${expression.args.map(printExpression).join(", ")})`;
    case "unary":
      return expression.operator === "not" ? `not ${printExpression(expression.operand)}` : `-${printExpression(expression.operand)}`;
    case "binary":
      return `${printExpression(expression.left)} ${expression.operator} ${printExpression(expression.right)}`;
    case "in":
      return `${printExpression(expression.element)} in ${printExpression(expression.set)}`;
    case "is":
      return `${printExpression(expression.operand)} is ${expression.test}`;
    case "if":
      return `if ${printExpression(expression.condition)} then ${printExpression(expression.then)} else ${printExpression(expression.else)}`;
    case "match": {
      const arms = expression.arms.map((arm) => `${armPatterns(arm)} => ${printExpression(arm.value)}`);
      return `match ${printExpression(expression.subject)} {${arms.length === 0 ? "" : ` ${arms.join("  ")} `}}`;
    }
    case "set":
      return `{${expression.elements.map(printExpression).join(", ")}}`;
    case "aggregate": {
      const filter = expression.filter === undefined ? "" : ` where ${printExpression(expression.filter)}`;
      const value = expression.value === undefined ? "" : `${printExpression(expression.value)} for `;
      return `${expression.operator}(${value}${expression.variable.name} in ${printExpression(expression.list)}${filter})`;
    }
    case "over":
      return `${expression.operator}(${printExpression(expression.series)} over ${periodsText(expression.periods)})`;
    case "paren":
      return `(${printExpression(expression.inner)})`;
  }
}

/** `last 12 months`, `this year`, `previous month` */
function periodsText(periods: RelativePeriods): string {
  const plural = periods.count !== undefined && periods.count !== "1";
  return [periods.relation, ...(periods.count === undefined ? [] : [periods.count]), plural ? `${periods.unit}s` : periods.unit].join(" ");
}

function armPatterns(arm: { readonly patterns: readonly { readonly name: string }[]; readonly isElse: boolean }): string {
  return arm.isElse ? "else" : arm.patterns.map((pattern) => pattern.name).join(", ");
}

/**
 * The expression starting at `column` (0-based) of a line; lines it adds are indented by
 * `indent`. A `match` is always written one arm per line; anything else stays on one line
 * when it fits. The layout depends on the tree and the column only, never on how the source
 * was laid out, so formatting twice gives what formatting once gave.
 */
export function layoutExpression(expression: Expr, column: number, indent: number): Fragment[] {
  if (expression.kind === "match") return layoutMatch(expression, indent);
  const flat = printExpression(expression);
  const single: Fragment[] = [{ indent, text: flat, anchor: anchorOf(expression.span) }];
  if (column + flat.length <= lineWidth) return single;
  switch (expression.kind) {
    case "binary":
      return layoutChain(expression, column, indent);
    case "call":
      return expression.args.length === 0 ? single : layoutCall(expression, column);
    case "aggregate":
      return layoutAggregate(expression, column);
    case "if":
      return layoutIf(expression, column, indent);
    case "in": {
      const prefix = `${printExpression(expression.element)} in `;
      return prependToFirst(layoutExpression(expression.set, column + prefix.length, indent), prefix);
    }
    case "set":
      return layoutSet(expression, column);
    case "paren": {
      const inner = layoutExpression(expression.inner, column + 1, column + 1);
      return appendToLast(prependToFirst(inner, "("), ")");
    }
    default:
      return single;
  }
}

/** `f(a, b)` as `f(a,` then each argument on a line of its own, under the first. */
function layoutCall(expression: Expr & { kind: "call" }, column: number): Fragment[] {
  const inner = column + expression.callee.name.length + 1;
  const fragments: Fragment[] = [];
  for (const [index, argument] of expression.args.entries()) {
    const laid = layoutExpression(argument, inner, inner);
    if (index === 0) fragments.push(...prependToFirst(laid, `${expression.callee.name}(`));
    else fragments.push(...appendToLast(fragments.splice(0), ","), ...reindent(laid, inner));
  }
  return appendToLast(fragments, ")");
}

/**
 * `sum(v for m in list where condition)` with its parts under one another: `sum(v for m in list`
 * on one line when it fits (else `sum(v` then `for m in list`), then `where condition)`.
 * `count(m in list where condition)` likewise, without a value.
 */
function layoutAggregate(expression: Expr & { kind: "aggregate" }, column: number): Fragment[] {
  const { operator, variable, list, value, filter } = expression;
  const inner = column + operator.length + 1;
  const binding = `${variable.name} in `;
  /** `m in list`, starting at `at`, the list laid out if it must be */
  const bindingAt = (at: number): Fragment[] => prependToFirst(layoutExpression(list, at + binding.length, at + 2), binding);
  const head = `${operator}(${value === undefined ? "" : `${printExpression(value)} for `}${binding}${printExpression(list)}`;
  // Without a `where`, the closing bracket ends the head's line.
  const fits = column + head.length + (filter === undefined ? 1 : 0) <= lineWidth;
  const fragments: Fragment[] = fits
    ? [{ indent: inner, text: head, anchor: anchorOf(expression.span) }]
    : value === undefined
      ? prependToFirst(bindingAt(inner), `${operator}(`)
      : [...prependToFirst(layoutExpression(value, inner, inner), `${operator}(`), ...prependToFirst(reindent(bindingAt(inner + "for ".length), inner), "for ")];
  if (filter !== undefined) fragments.push(...prependToFirst(reindent(layoutExpression(filter, inner + "where ".length, inner + 2), inner), "where "));
  return appendToLast(fragments, ")");
}

/** `a and b and c` as `a` then one line per `and c`, the operator first. */
function layoutChain(expression: Expr & { kind: "binary" }, column: number, indent: number): Fragment[] {
  const strength = strengthOf(expression);
  const rest: { operator: string; operand: Expr }[] = [];
  let first: Expr = expression;
  while (first.kind === "binary" && strengthOf(first) === strength) {
    rest.unshift({ operator: first.operator, operand: first.right });
    first = first.left;
  }
  const fragments = layoutExpression(first, column, indent + 2);
  for (const { operator, operand } of rest) {
    const operandColumn = indent + operator.length + 1;
    fragments.push(...prependToFirst(reindent(layoutExpression(operand, operandColumn, indent + 2), indent), `${operator} `));
  }
  return fragments;
}

/**
 * `if c then a` on one line when it fits (else `if c` / `then a`), then `else b`; an
 * `else if` goes on as the same chain, one `else` per line.
 */
function layoutIf(expression: Expr & { kind: "if" }, column: number, indent: number): Fragment[] {
  const head = `if ${printExpression(expression.condition)} then ${printExpression(expression.then)}`;
  const fragments: Fragment[] =
    column + head.length <= lineWidth
      ? [{ indent, text: head, anchor: anchorOf(expression.span) }]
      : [
          ...prependToFirst(layoutExpression(expression.condition, column + 3, column + 3), "if "),
          ...prependToFirst(reindent(layoutExpression(expression.then, indent + 5, indent + 2), indent), "then "),
        ];
  const otherwise = expression.else;
  const elseFragments = otherwise.kind === "if" ? layoutIf(otherwise, indent + 5, indent) : layoutExpression(otherwise, indent + 5, indent + 2);
  fragments.push(...prependToFirst(reindent(elseFragments, indent), "else "));
  return fragments;
}

/** `{a, b, c}` filled up to the line width, continued under the first member. */
function layoutSet(expression: Expr & { kind: "set" }, column: number): Fragment[] {
  const fragments: Fragment[] = [];
  let current: { indent: number; text: string; anchor: Anchor; startColumn: number } | undefined;
  for (const element of expression.elements) {
    const text = printExpression(element);
    if (current === undefined) {
      current = { indent: column + 1, text: `{${text}`, anchor: anchorOf(expression.span), startColumn: column };
    } else if (current.startColumn + current.text.length + 2 + text.length + 1 > lineWidth) {
      fragments.push({ indent: current.indent, text: `${current.text},`, anchor: current.anchor });
      current = { indent: column + 1, text, anchor: anchorOf(element.span), startColumn: column + 1 };
    } else {
      current = { ...current, text: `${current.text}, ${text}` };
    }
  }
  if (current === undefined) return [{ indent: column + 1, text: "{}", anchor: anchorOf(expression.span) }];
  fragments.push({ indent: current.indent, text: `${current.text}}`, anchor: current.anchor });
  return fragments;
}

function layoutMatch(expression: Expr & { kind: "match" }, indent: number): Fragment[] {
  const subject = printExpression(expression.subject);
  if (expression.arms.length === 0) return [{ indent, text: `match ${subject} {}`, anchor: anchorOf(expression.span) }];
  const fragments: Fragment[] = [{ indent, text: `match ${subject} {`, anchor: anchorOf(expression.span) }];
  for (const arm of expression.arms) {
    const prefix = `${armPatterns(arm)} => `;
    const value = layoutExpression(arm.value, indent + 2 + prefix.length, indent + 4);
    const [head, ...tail] = value;
    if (head === undefined) continue;
    fragments.push({ indent: indent + 2, text: `${prefix}${head.text}`, anchor: anchorOf(arm.span) }, ...tail);
  }
  fragments.push({ indent, text: "}", anchor: { offset: expression.span.end - 1, line: expression.span.endLine } });
  return fragments;
}

/** The first fragment continues another line: its indent is the caller's to choose. */
function reindent(fragments: Fragment[], indent: number): Fragment[] {
  const [head, ...tail] = fragments;
  return head === undefined ? [] : [{ ...head, indent }, ...tail];
}

function prependToFirst(fragments: Fragment[], prefix: string): Fragment[] {
  const [head, ...tail] = fragments;
  return head === undefined ? [] : [{ ...head, text: `${prefix}${head.text}` }, ...tail];
}

function appendToLast(fragments: Fragment[], suffix: string): Fragment[] {
  const last = fragments[fragments.length - 1];
  return last === undefined ? [] : [...fragments.slice(0, -1), { ...last, text: `${last.text}${suffix}` }];
}
