/**
 * IR expressions back in the policy's own syntax: the IR is turned into the syntax tree the
 * formatter prints (with the parentheses it needs), so that a condition in a diff or a
 * formula in an explanation reads as `tiao fmt` would write it.
 *
 * Operators go back to what the drafter wrote; conversions the checker inserted are
 * invisible. An `if` as the condition or first branch of another is written in parentheses.
 */
import type { Expr, Identifier } from "../ast.js";
import type { ExprIR } from "../ir.js";
import { literalText, quotedText } from "../literals.js";
import { arithmeticOperation, functionName } from "../operations.js";
import { layoutExpression, printExpression } from "./expression.js";
import { parenthesizeExpression } from "./parentheses.js";

export interface SyntaxOptions {
  /** the measure's definitions: a parameter of the same name is written `parameters.x` */
  readonly definitions?: ReadonlySet<string>;
  /** the word of the policy's money (`yuan`, `EUR`) */
  readonly unit?: string;
  /**
   * A name read (a fact, a field, a parameter, a definition, a call, an output of a measure)
   * as it is to be written, given as written; `bound` holds the variables of the aggregates
   * around it, which stand for every item in turn.
   */
  readonly name?: (expr: ExprIR, written: Expr, bound: ReadonlySet<string>) => Expr;
}

/** On one line. */
export function printIR(expr: ExprIR, options: SyntaxOptions = {}): string {
  return printSyntax(toSyntax(expr, options));
}

/** Laid out as `tiao fmt` lays out a long expression, continuation lines indented by `indent`. */
export function layoutIR(expr: ExprIR, indent: number, options: SyntaxOptions = {}): string[] {
  return layoutExpression(parenthesizeExpression(toSyntax(expr, options)), indent, indent).map(
    (fragment, index) => `${index === 0 ? "" : " ".repeat(fragment.indent)}${fragment.text}`,
  );
}

/** A syntax tree on one line, with the parentheses it needs. */
export function printSyntax(expr: Expr): string {
  return printExpression(parenthesizeExpression(expr));
}

/** The span of the syntax built here, which has no place in a source. */
const span = { file: "", line: 0, column: 0, endLine: 0, endColumn: 0, start: 0, end: 0 } as const;

function identifier(name: string): Identifier {
  return { name, span };
}

/** A name as it is written, dots and all: `person.insured_months [8 months]` prints as given. */
export function syntaxName(text: string): Expr {
  return { kind: "name", name: identifier(text), span };
}

function call(callee: string, args: Expr[]): Expr {
  return { kind: "call", callee: identifier(callee), args, span };
}

function roundingName(mode: "half_up" | "down" | "up"): string {
  return mode === "half_up" ? "round" : `round_${mode}`;
}

export function toSyntax(expr: ExprIR, options: SyntaxOptions, bound: ReadonlySet<string> = new Set()): Expr {
  const at = (operand: ExprIR) => toSyntax(operand, options, bound);
  const named = (written: Expr) => options.name?.(expr, written, bound) ?? written;
  switch (expr.op) {
    case "literal":
      return literalSyntax(expr, options.unit);
    case "fact":
      return named({ kind: "field", object: syntaxName(expr.entity), field: identifier(expr.field), span });
    case "field":
      return named({ kind: "field", object: at(expr.object), field: identifier(expr.field), span });
    case "parameter":
      return named(options.definitions?.has(expr.name) === true ? { kind: "field", object: syntaxName("parameters"), field: identifier(expr.name), span } : syntaxName(expr.name));
    case "definition":
      return named(syntaxName(expr.name));
    case "local":
      return syntaxName(expr.name);
    case "measure_output":
      // an output for each member is read for one: `m4.tax(p)`
      return named(
        expr.member === undefined
          ? { kind: "field", object: syntaxName(expr.measure), field: identifier(expr.output), span }
          : { kind: "call", measure: identifier(expr.measure), callee: identifier(expr.output), args: [at(expr.member)], span },
      );
    case "call":
      return named(call(expr.definition, expr.args.map(at)));
    case "not":
      return { kind: "unary", operator: "not", operand: at(expr.operand), span };
    case "negate":
      return { kind: "unary", operator: "-", operand: at(expr.operand), span };
    case "and":
    case "or":
      return { kind: "binary", operator: expr.op, left: at(expr.left), right: at(expr.right), span };
    case "compare":
      return { kind: "binary", operator: expr.operator, left: at(expr.left), right: at(expr.right), span };
    case "arithmetic": {
      const { symbol } = arithmeticOperation(expr.operator);
      // The IR puts the amount first in a product (`2 * amount` is `amount * 2`): print it as written.
      const swap = symbol === "*" && expr.right.span.start < expr.left.span.start;
      const [left, right] = swap ? [expr.right, expr.left] : [expr.left, expr.right];
      return { kind: "binary", operator: symbol, left: at(left), right: at(right), span };
    }
    case "round":
      return call(roundingName(expr.mode), [at(expr.operand)]);
    case "floor":
    case "ceil":
      return call(expr.op, [at(expr.operand)]);
    case "min":
    case "max":
      return call(expr.op, [at(expr.left), at(expr.right)]);
    case "last_day_of_term":
      return call("last_day_of_term", [at(expr.start), at(expr.months)]);
    case "function":
      return call(functionName(expr.operation), expr.args.map(at));
    case "evaluation_date":
      return { kind: "evaluation_date", span };
    case "scale":
      return call(expr.mode, [syntaxName(expr.scale), at(expr.base)]);
    case "series_at":
      return expr.at === undefined ? at(expr.series) : call("value_at", [at(expr.series), at(expr.at)]);
    case "series_total": {
      const periods = { relation: expr.periods.relation, ...(expr.periods.relation === "last" ? { count: String(expr.periods.count) } : {}), unit: expr.periods.unit, span };
      const total: Expr = { kind: "over", operator: expr.operator, series: at(expr.series), periods, span };
      return expr.rounding === undefined ? total : call(roundingName(expr.rounding), [total]);
    }
    case "convert":
      return at(expr.operand);
    case "if": {
      const enclosed = (operand: ExprIR): Expr => {
        const written = at(operand);
        return written.kind === "if" ? { kind: "paren", inner: written, span } : written;
      };
      return { kind: "if", condition: enclosed(expr.condition), then: enclosed(expr.then), else: at(expr.else), span };
    }
    case "match": {
      const arms = expr.arms.map((arm) => ({ patterns: arm.members.map(identifier), isElse: false, value: at(arm.value), span }));
      if (expr.otherwise !== undefined) arms.push({ patterns: [], isElse: true, value: at(expr.otherwise), span });
      return { kind: "match", subject: at(expr.subject), arms, span };
    }
    case "in":
      return { kind: "in", element: at(expr.element), set: at(expr.set), span };
    case "is_present":
    case "is_absent":
      return { kind: "is", operand: at(expr.operand), test: expr.op === "is_present" ? "present" : "absent", span };
    case "otherwise":
      return { kind: "binary", operator: "otherwise", left: at(expr.left), right: at(expr.right), span };
    case "aggregate": {
      const inner = (operand: ExprIR) => toSyntax(operand, options, new Set([...bound, expr.variable]));
      return {
        kind: "aggregate",
        operator: expr.operator,
        variable: identifier(expr.variable),
        list: at(expr.list),
        ...(expr.value === undefined ? {} : { value: inner(expr.value) }),
        ...(expr.filter === undefined ? {} : { filter: inner(expr.filter) }),
        span,
      };
    }
  }
}

/** A literal as the drafter writes it (`846.00 yuan`, `80%`, `1 month`, `absent`); a set as one, to be laid out over lines when long. */
function literalSyntax(expr: ExprIR & { op: "literal" }, unit: string | undefined): Expr {
  const { value, type } = expr;
  // a set of texts has `of: "text"`, a reserved word no enum can be named
  const texts = type.kind === "set" && type.of === "text";
  return Array.isArray(value) ? { kind: "set", elements: value.map((element) => syntaxName(texts ? quotedText(element) : element)), span } : syntaxName(literalText(value, type, unit));
}
