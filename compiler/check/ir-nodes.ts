/** Small helpers to build and read ExprIR nodes. */
import type { Conversion, ExprIR, LiteralValue, SourceSpan, ValueType } from "../ir.js";
import { forEachChild } from "../ir-walk.js";
import { literalFigure } from "../literals.js";

/** A literal of a decoded value; none when the value could not be decoded (the decoder reported why). */
export function literal(value: LiteralValue, type: ValueType, span: SourceSpan): ExprIR;
export function literal(value: LiteralValue | undefined, type: ValueType, span: SourceSpan): ExprIR | undefined;
export function literal(value: LiteralValue | undefined, type: ValueType, span: SourceSpan): ExprIR | undefined {
  return value === undefined ? undefined : { op: "literal", value, type, span };
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
  if (expr.type.kind === "decimal") return literalFigure(expr.value, expr.type);
  return undefined;
}

/**
 * Appends every node of an expression to `nodes`, parents before children: one array can
 * collect the nodes of many expressions.
 */
export function collectNodes(expr: ExprIR, nodes: ExprIR[]): void {
  nodes.push(expr);
  forEachChild(expr, (child) => collectNodes(child, nodes));
}
