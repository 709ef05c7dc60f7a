/** Small helpers to build and read ExprIR nodes. */
import type { Conversion, ExprIR, LiteralValue, SourceSpan, ValueType } from "../ir.js";

export function literal(value: LiteralValue, type: ValueType, span: SourceSpan): ExprIR {
  return { op: "literal", value, type, span };
}

export function convert(conversion: Conversion, operand: ExprIR, type: ValueType): ExprIR {
  return { op: "convert", conversion, operand, type, span: operand.span };
}

/** The value as the drafter would name it (`person.insured_months`, `t.months`), if it is a path. */
export function pathText(expr: ExprIR): string | undefined {
  switch (expr.op) {
    case "fact":
      return `${expr.entity}.${expr.field}`;
    case "parameter":
    case "definition":
    case "local":
      return expr.name;
    case "field": {
      const object = pathText(expr.object);
      return object === undefined ? undefined : `${object}.${expr.field}`;
    }
    default:
      return undefined;
  }
}

/** A number written without a unit (`6`, `0.5`), as the checker typed it. */
export function unitlessNumberText(expr: ExprIR): string | undefined {
  if (expr.op !== "literal") return undefined;
  if (expr.type.kind === "integer" && typeof expr.value === "number") return String(expr.value);
  if (expr.type.kind === "decimal" && typeof expr.value === "string") return expr.value;
  return undefined;
}

/** Every node of an expression, parents before children. */
export function* subexpressions(expr: ExprIR): Generator<ExprIR> {
  yield expr;
  switch (expr.op) {
    case "literal":
    case "fact":
    case "parameter":
    case "definition":
    case "local":
      return;
    case "field":
      yield* subexpressions(expr.object);
      return;
    case "call":
      for (const argument of expr.args) yield* subexpressions(argument);
      return;
    case "not":
    case "negate":
    case "round":
    case "floor":
    case "ceil":
    case "convert":
    case "is_present":
    case "is_absent":
      yield* subexpressions(expr.operand);
      return;
    case "and":
    case "or":
    case "compare":
    case "arithmetic":
    case "min":
    case "max":
    case "otherwise":
      yield* subexpressions(expr.left);
      yield* subexpressions(expr.right);
      return;
    case "if":
      yield* subexpressions(expr.condition);
      yield* subexpressions(expr.then);
      yield* subexpressions(expr.else);
      return;
    case "match":
      yield* subexpressions(expr.subject);
      for (const arm of expr.arms) yield* subexpressions(arm.value);
      if (expr.otherwise !== undefined) yield* subexpressions(expr.otherwise);
      return;
    case "in":
      yield* subexpressions(expr.element);
      yield* subexpressions(expr.set);
      return;
    case "aggregate":
      yield* subexpressions(expr.list);
      if (expr.value !== undefined) yield* subexpressions(expr.value);
      if (expr.filter !== undefined) yield* subexpressions(expr.filter);
      return;
  }
}
