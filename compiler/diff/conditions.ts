/**
 * Boolean IR built by the diff (the conditions of "for whom"), simplified as it is built so
 * that what a reviewer reads is short: constants folded, conjunctions flattened, repeats
 * dropped. The evaluation date is written `date`.
 */
import type { ExprIR, ValueType } from "../ir.js";
import { mapChildren, someChild } from "../ir-walk.js";
import { literalNumber, literalOfNumber, syntheticSpan } from "./ir-meaning.js";
import { sameIR } from "./structure.js";
import { comparisonOf } from "../operations.js";

const bool: ValueType = { kind: "bool" };
const dateType: ValueType = { kind: "date" };
const span = syntheticSpan;

export const TRUE: ExprIR = { op: "literal", value: true, type: bool, span };
export const FALSE: ExprIR = { op: "literal", value: false, type: bool, span };

/** The evaluation date of a scenario. */
export const evaluationDate: ExprIR = { op: "local", name: "date", type: dateType, span };

export function isTrue(expr: ExprIR): boolean {
  return expr.op === "literal" && expr.value === true;
}

export function isFalse(expr: ExprIR): boolean {
  return expr.op === "literal" && expr.value === false;
}

function conjuncts(expr: ExprIR): ExprIR[] {
  return expr.op === "and" ? [...conjuncts(expr.left), ...conjuncts(expr.right)] : [expr];
}

function disjuncts(expr: ExprIR): ExprIR[] {
  return expr.op === "or" ? [...disjuncts(expr.left), ...disjuncts(expr.right)] : [expr];
}

function uniqueParts(parts: readonly ExprIR[]): ExprIR[] {
  const kept: ExprIR[] = [];
  for (const part of parts) if (!kept.some((k) => sameIR(k, part))) kept.push(part);
  return kept;
}

export function and(...operands: ExprIR[]): ExprIR {
  const parts = tightestBounds(uniqueParts(operands.flatMap(conjuncts).filter((part) => !isTrue(part))));
  if (parts === undefined || parts.some(isFalse)) return FALSE;
  if (parts.some((part) => part.op === "not" && parts.some((other) => sameIR(other, part.operand)))) return FALSE;
  return parts.reduce<ExprIR | undefined>((left, right) => (left === undefined ? right : { op: "and", left, right, type: bool, span }), undefined) ?? TRUE;
}

/** A bound of a whole number (`x >= 12 months`, `date < 2022-01-01`) as the least or greatest value it allows. */
function boundOf(part: ExprIR): { key: string; side: "lower" | "upper"; value: number } | undefined {
  if (part.op !== "compare" || part.right.op !== "literal") return undefined;
  const value = literalNumber(part.right.value, part.operandType);
  if (value === undefined) return undefined;
  const key = JSON.stringify(part.left, (name, inner: unknown) => (name === "span" ? undefined : inner));
  switch (part.operator) {
    case ">=":
      return { key, side: "lower", value };
    case ">":
      return { key, side: "lower", value: value + 1 };
    case "<=":
      return { key, side: "upper", value };
    case "<":
      return { key, side: "upper", value: value - 1 };
    default:
      return undefined;
  }
}

/** Of the bounds on one value, the tightest lower and upper ones; undefined when they leave no value. */
function tightestBounds(parts: readonly ExprIR[]): ExprIR[] | undefined {
  const tightest = new Map<string, ExprIR>();
  for (const part of parts) {
    const bound = boundOf(part);
    if (bound === undefined) continue;
    const slot = `${bound.side} ${bound.key}`;
    const current = tightest.get(slot);
    const currentValue = current === undefined ? undefined : boundOf(current)?.value;
    const tighter = currentValue === undefined || (bound.side === "lower" ? bound.value > currentValue : bound.value < currentValue);
    if (tighter) tightest.set(slot, part);
  }
  for (const [slot, lower] of tightest) {
    if (!slot.startsWith("lower ")) continue;
    const upper = tightest.get(`upper ${slot.slice("lower ".length)}`);
    const low = boundOf(lower)?.value;
    const high = upper === undefined ? undefined : boundOf(upper)?.value;
    if (low !== undefined && high !== undefined && low > high) return undefined;
  }
  const kept = new Set(tightest.values());
  return parts.filter((part) => boundOf(part) === undefined || kept.has(part));
}

export function or(...operands: ExprIR[]): ExprIR {
  const parts = uniqueParts(operands.flatMap(disjuncts).filter((part) => !isFalse(part)));
  if (parts.some(isTrue)) return TRUE;
  // `a or (a and b)` is `a`.
  const absorbed = parts.filter((part) => !parts.some((other) => other !== part && conjuncts(part).length > conjuncts(other).length && conjuncts(other).every((c) => conjuncts(part).some((p) => sameIR(p, c)))));
  return absorbed.reduce<ExprIR | undefined>((left, right) => (left === undefined ? right : { op: "or", left, right, type: bool, span }), undefined) ?? FALSE;
}

export function not(operand: ExprIR): ExprIR {
  if (isTrue(operand)) return FALSE;
  if (isFalse(operand)) return TRUE;
  if (operand.op === "not") return operand.operand;
  if (operand.op === "compare") {
    const negated = { "=": "!=", "!=": "=", "<": ">=", "<=": ">", ">": "<=", ">=": "<" } as const;
    return { ...operand, operator: negated[operand.operator] };
  }
  if (operand.op === "is_present") return { ...operand, op: "is_absent" };
  if (operand.op === "is_absent") return { ...operand, op: "is_present" };
  return { op: "not", operand, type: bool, span };
}

export function compare(operator: "=" | "!=" | "<" | "<=" | ">" | ">=", left: ExprIR, right: ExprIR): ExprIR {
  const operandType = left.type.kind === "optional" ? left.type.of : left.type;
  const a = left.op === "literal" ? literalNumber(left.value, operandType) : undefined;
  const b = right.op === "literal" ? literalNumber(right.value, operandType) : undefined;
  if (a !== undefined && b !== undefined) {
    const holds = { "=": a === b, "!=": a !== b, "<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b }[operator];
    return holds ? TRUE : FALSE;
  }
  const operation = comparisonOf(operandType.kind);
  if (operation === undefined) throw new Error(`values of kind ${operandType.kind} cannot be compared`);
  return { op: "compare", operator, operation, operandType, left, right, type: bool, span };
}

/** `date >= from and date <= until` over day numbers; either end may be open. */
export function dateInterval(from: number | undefined, until: number | undefined): ExprIR {
  return and(
    from === undefined ? TRUE : compare(">=", evaluationDate, literalOfNumber(from, dateType)),
    until === undefined ? TRUE : compare("<=", evaluationDate, literalOfNumber(until, dateType)),
  );
}

/** Folds what can be folded once names are replaced by their values: `absent is absent`, comparisons of literals, `if true`. */
export function simplify(expr: ExprIR): ExprIR {
  switch (expr.op) {
    case "and":
      return and(simplify(expr.left), simplify(expr.right));
    case "or":
      return or(simplify(expr.left), simplify(expr.right));
    case "not":
      return not(simplify(expr.operand));
    case "compare":
      return compare(expr.operator, simplify(expr.left), simplify(expr.right));
    case "is_present":
    case "is_absent": {
      const operand = simplify(expr.operand);
      if (operand.op === "literal") return (operand.value === null) === (expr.op === "is_absent") ? TRUE : FALSE;
      if (operand.op === "convert" && operand.conversion === "to_optional") return expr.op === "is_present" ? TRUE : FALSE;
      return { ...expr, operand };
    }
    case "if": {
      const condition = simplify(expr.condition);
      if (isTrue(condition)) return simplify(expr.then);
      if (isFalse(condition)) return simplify(expr.else);
      const then = simplify(expr.then);
      const otherwise = simplify(expr.else);
      if (expr.type.kind === "bool") return or(and(condition, then), and(not(condition), otherwise));
      return { ...expr, condition, then, else: otherwise };
    }
    case "otherwise": {
      const left = simplify(expr.left);
      const right = simplify(expr.right);
      if (left.op === "literal") return left.value === null ? right : left;
      return { ...expr, left, right };
    }
    default:
      return mapChildren(expr, simplify);
  }
}

/** Whether the expression reads the local variable `name`. */
export function mentionsLocal(expr: ExprIR, name: string): boolean {
  if (expr.op === "local") return expr.name === name;
  return someChild(expr, (child) => mentionsLocal(child, name));
}

/** Replaces each local variable named in `values` by its expression. */
export function substituteLocals(expr: ExprIR, values: ReadonlyMap<string, ExprIR>): ExprIR {
  if (values.size === 0) return expr;
  if (expr.op === "local") return values.get(expr.name) ?? expr;
  return mapChildren(expr, (child) => substituteLocals(child, values));
}

/** `any(variable in list where condition)`, or the condition alone when it does not read the item. */
export function forSomeItem(variable: string, list: ExprIR, condition: ExprIR): ExprIR {
  if (isFalse(condition) || !mentionsLocal(condition, variable)) return condition;
  // What does not read the item is taken out: `any(t in L where a and b(t))` is `a and any(t in L where b(t))`.
  const parts = conjuncts(condition);
  const outside = parts.filter((part) => !mentionsLocal(part, variable));
  const inside = parts.filter((part) => mentionsLocal(part, variable));
  return and(...outside, { op: "aggregate", operator: "any", variable, list, filter: and(...inside), type: bool, span });
}

/** Set membership written as the drafter would: `x in {a, b}`. */
export function memberOf(element: ExprIR, members: readonly string[]): ExprIR {
  const setType: ValueType = { kind: "set", of: element.type.kind === "enum" ? element.type.name : "" };
  return { op: "in", element, set: { op: "literal", value: members, type: setType, span }, type: bool, span };
}
