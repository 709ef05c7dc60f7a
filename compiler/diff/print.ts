/**
 * IR expressions printed in the policy's own syntax, by the formatter's printer: the IR is
 * turned back into the syntax tree the formatter prints (with the parentheses it needs),
 * so a condition in a diff reads exactly as `tiao fmt` would write it.
 */
import type { Expr, Identifier } from "../ast.js";
import type { ExprIR } from "../ir.js";
import { layoutExpression, printExpression } from "../format/expression.js";
import { parenthesizeExpression } from "../format/parentheses.js";
import { functionName } from "../operations.js";
import { arithmeticMeaning, literalFigure, literalForm, literalText, syntheticSpan } from "./ir-meaning.js";

/** What an expression is printed in: its policy's money and its measure's names. */
export interface PrintContext {
  /** names of the measure's definitions: a parameter of the same name is written `parameters.x` */
  readonly definitions: ReadonlySet<string>;
  /** the word of the policy's money in its literals: `yuan`, `EUR` (compiler/currency.ts) */
  readonly moneyWord: string;
}

/** On one line. */
export function printIR(expr: ExprIR, context: PrintContext): string {
  return printExpression(parenthesizeExpression(toSyntax(expr, context)));
}

/** Laid out as `tiao fmt` lays out a long expression, continuation lines indented by `indent`. */
export function layoutIR(expr: ExprIR, indent: number, context: PrintContext): string[] {
  return layoutExpression(parenthesizeExpression(toSyntax(expr, context)), indent, indent).map(
    (fragment, index) => `${index === 0 ? "" : " ".repeat(fragment.indent)}${fragment.text}`,
  );
}

const span = syntheticSpan;

function identifier(name: string): Identifier {
  return { name, span };
}

function name(text: string): Expr {
  return { kind: "name", name: identifier(text), span };
}

function call(callee: string, args: Expr[]): Expr {
  return { kind: "call", callee: identifier(callee), args, span };
}

function toSyntax(expr: ExprIR, context: PrintContext): Expr {
  const at = (operand: ExprIR) => toSyntax(operand, context);
  switch (expr.op) {
    case "literal":
      return literalSyntax(expr, context.moneyWord);
    case "fact":
      return { kind: "field", object: name(expr.entity), field: identifier(expr.field), span };
    case "field":
      return { kind: "field", object: at(expr.object), field: identifier(expr.field), span };
    case "parameter":
      return context.definitions.has(expr.name) ? { kind: "field", object: name("parameters"), field: identifier(expr.name), span } : name(expr.name);
    case "definition":
    case "local":
      return name(expr.name);
    case "measure_output":
      return { kind: "field", object: name(expr.measure), field: identifier(expr.output), span };
    case "call":
      return call(expr.definition, expr.args.map(at));
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
      const { symbol } = arithmeticMeaning(expr.operator);
      // The IR puts the amount first in a product (`2 * amount` is `amount * 2`): print it as written.
      const swap = symbol === "*" && expr.right.span.start < expr.left.span.start;
      const [left, right] = swap ? [expr.right, expr.left] : [expr.left, expr.right];
      return { kind: "binary", operator: symbol, left: at(left), right: at(right), span };
    }
    case "round":
      return call(expr.mode === "half_up" ? "round" : `round_${expr.mode}`, [at(expr.operand)]);
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
      return call(expr.mode, [name(expr.scale), at(expr.base)]);
    case "series_at":
      return expr.at === undefined ? at(expr.series) : call("value_at", [at(expr.series), at(expr.at)]);
    case "series_total": {
      const periods = { relation: expr.periods.relation, ...(expr.periods.relation === "last" ? { count: String(expr.periods.count) } : {}), unit: expr.periods.unit, span };
      const total: Expr = { kind: "over", operator: expr.operator, series: at(expr.series), periods, span };
      return expr.rounding === undefined ? total : call(expr.rounding === "half_up" ? "round" : `round_${expr.rounding}`, [total]);
    }
    case "convert":
      return at(expr.operand);
    case "if":
      return { kind: "if", condition: at(expr.condition), then: at(expr.then), else: at(expr.else), span };
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
    case "aggregate":
      return {
        kind: "aggregate",
        operator: expr.operator,
        variable: identifier(expr.variable),
        list: at(expr.list),
        ...(expr.value === undefined ? {} : { value: at(expr.value) }),
        ...(expr.filter === undefined ? {} : { filter: at(expr.filter) }),
        span,
      };
  }
}

function literalSyntax(expr: ExprIR & { op: "literal" }, moneyWord: string): Expr {
  const { value, type } = expr;
  if (value === null) return { kind: "absent", span };
  if (Array.isArray(value)) return { kind: "set", elements: value.map(name), span };
  const text = literalFigure(value, type);
  switch (literalForm(type)) {
    case "bool":
      return { kind: "bool", value: value === true, span };
    case "money":
      // The syntax tree's `unit` is the code written, absent for the yuan's own words.
      return { kind: "money", text, ...(moneyWord === "yuan" ? {} : { unit: moneyWord }), span };
    case "percent":
      return { kind: "percent", text, span };
    case "months":
      return { kind: "duration", unit: "months", text, span };
    case "days":
      return { kind: "duration", unit: "days", text, span };
    case "date":
      return { kind: "date", text, span };
    case "time":
      return { kind: "time", text, span };
    case "name":
      return name(text);
    case "set":
    case "number":
      return { kind: "number", text: literalText(value, type, moneyWord), span };
  }
}
