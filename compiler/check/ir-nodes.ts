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

/**
 * The path an expression reads (`person.insured_months`, `enterprise.trainees[0].months`):
 * a fact, or fields of what `root` gives a path for (a local variable, say); undefined when
 * it reads none.
 */
export function readPath(expr: ExprIR, root: (expr: ExprIR) => string | undefined): string | undefined {
  if (expr.op === "fact") return `${expr.entity}.${expr.field}`;
  if (expr.op !== "field") return root(expr);
  const object = readPath(expr.object, root);
  return object === undefined ? undefined : `${object}.${expr.field}`;
}

/** The record type of a record, or of an optional one. */
export function recordNameOf(type: ValueType): string | undefined {
  if (type.kind === "record") return type.name;
  return type.kind === "optional" ? recordNameOf(type.of) : undefined;
}

/** The value as the drafter would name it (`person.insured_months`, `t.months`), if it is a path. */
export function pathText(expr: ExprIR): string | undefined {
  return readPath(expr, (root) => (root.op === "parameter" || root.op === "definition" || root.op === "local" ? root.name : undefined));
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
