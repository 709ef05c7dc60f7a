/** Walking the IR's expressions: the one place that knows which fields of a node are sub-expressions. */
import type { ExprIR, RuleIR, WindowIR } from "./ir.js";

type Node<Op extends ExprIR["op"]> = ExprIR & { readonly op: Op };
type MatchArm = Node<"match">["arms"][number];
/** What a field holding sub-expressions holds: one (perhaps optional), a list of them, or a match's arms. */
type Child = ExprIR | readonly ExprIR[] | readonly MatchArm[];
type ChildField<Op extends ExprIR["op"]> = { [Field in keyof Node<Op>]-?: NonNullable<Node<Op>[Field]> extends Child ? Field : never }[keyof Node<Op>];

/** The fields of each node that hold its sub-expressions, in written order. */
const childFields: { readonly [Op in ExprIR["op"]]: readonly ChildField<Op>[] } = {
  literal: [],
  fact: [],
  parameter: [],
  definition: [],
  local: [],
  evaluation_date: [],
  field: ["object"],
  measure_output: ["member"],
  call: ["args"],
  function: ["args"],
  not: ["operand"],
  negate: ["operand"],
  round: ["operand"],
  floor: ["operand"],
  ceil: ["operand"],
  convert: ["operand"],
  is_present: ["operand"],
  is_absent: ["operand"],
  and: ["left", "right"],
  or: ["left", "right"],
  compare: ["left", "right"],
  arithmetic: ["left", "right"],
  min: ["left", "right"],
  max: ["left", "right"],
  otherwise: ["left", "right"],
  scale: ["base"],
  series_at: ["series", "at"],
  series_total: ["series"],
  last_day_of_term: ["start", "months"],
  if: ["condition", "then", "else"],
  match: ["subject", "arms", "otherwise"],
  in: ["element", "set"],
  aggregate: ["list", "value", "filter"],
};

/** The node's fields holding sub-expressions, with what each holds (absent optional ones left out). */
function childrenOf(expr: ExprIR): [string, Child][] {
  const fields: readonly string[] = childFields[expr.op];
  const node = expr as unknown as Readonly<Record<string, Child | undefined>>;
  return fields.flatMap((field) => {
    const child = node[field];
    return child === undefined ? [] : [[field, child]];
  });
}

function isList(child: Child): child is readonly ExprIR[] | readonly MatchArm[] {
  return Array.isArray(child);
}

/** Calls `visit` on each direct sub-expression of `expr`, in written order. */
export function forEachChild(expr: ExprIR, visit: (child: ExprIR) => void): void {
  for (const [, child] of childrenOf(expr)) {
    if (!isList(child)) visit(child);
    else for (const item of child) visit("op" in item ? item : item.value);
  }
}

/** Whether `test` holds for a direct sub-expression of `expr`, tried in written order until one does. */
export function someChild(expr: ExprIR, test: (child: ExprIR) => boolean): boolean {
  let found = false;
  forEachChild(expr, (child) => {
    found ||= test(child);
  });
  return found;
}

/** The node with each direct sub-expression replaced by `map` of it. */
export function mapChildren(expr: ExprIR, map: (child: ExprIR) => ExprIR): ExprIR {
  const mapped: Record<string, Child> = {};
  for (const [field, child] of childrenOf(expr)) {
    mapped[field] = !isList(child) ? map(child) : (child.map((item: ExprIR | MatchArm) => ("op" in item ? map(item) : { ...item, value: map(item.value) })) as Child);
  }
  return { ...expr, ...mapped } as ExprIR;
}

/** Calls `visit` on each expression of rules: a rule's condition, value and window dates, then its exceptions'. */
export function forEachRuleExpression(rules: readonly RuleIR[], visit: (expr: ExprIR) => void): void {
  for (const rule of rules) {
    if (rule.condition !== undefined) visit(rule.condition);
    visit(rule.value);
    windowDates(rule.window).forEach(visit);
    forEachRuleExpression(rule.exceptions, visit);
  }
}

/** The expressions of a window: its first day and, when it has one, its last. */
export function windowDates(window: WindowIR | undefined): ExprIR[] {
  if (window === undefined) return [];
  return window.until === undefined ? [window.from] : [window.from, window.until];
}
