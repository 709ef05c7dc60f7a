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

/**
 * Appends every node of an expression to `nodes`, parents before children: one array can
 * collect the nodes of many expressions.
 */
export function collectNodes(expr: ExprIR, nodes: ExprIR[]): void {
  nodes.push(expr);
  switch (expr.op) {
    case "literal":
    case "fact":
    case "parameter":
    case "definition":
    case "local":
      return;
    case "field":
      collectNodes(expr.object, nodes);
      return;
    case "call":
      for (const argument of expr.args) collectNodes(argument, nodes);
      return;
    case "not":
    case "negate":
    case "round":
    case "floor":
    case "ceil":
    case "convert":
    case "is_present":
    case "is_absent":
      collectNodes(expr.operand, nodes);
      return;
    case "and":
    case "or":
    case "compare":
    case "arithmetic":
    case "min":
    case "max":
    case "otherwise":
      collectNodes(expr.left, nodes);
      collectNodes(expr.right, nodes);
      return;
    case "if":
      collectNodes(expr.condition, nodes);
      collectNodes(expr.then, nodes);
      collectNodes(expr.else, nodes);
      return;
    case "match":
      collectNodes(expr.subject, nodes);
      for (const arm of expr.arms) collectNodes(arm.value, nodes);
      if (expr.otherwise !== undefined) collectNodes(expr.otherwise, nodes);
      return;
    case "in":
      collectNodes(expr.element, nodes);
      collectNodes(expr.set, nodes);
      return;
    case "aggregate":
      collectNodes(expr.list, nodes);
      if (expr.value !== undefined) collectNodes(expr.value, nodes);
      if (expr.filter !== undefined) collectNodes(expr.filter, nodes);
      return;
  }
}
