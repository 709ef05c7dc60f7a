/** Walking the IR's expressions: the one place that knows which fields of a node are sub-expressions. */
import type { ExprIR, RuleIR } from "./ir.js";

/** Calls `visit` on each direct sub-expression of `expr`, in written order. */
export function forEachChild(expr: ExprIR, visit: (child: ExprIR) => void): void {
  switch (expr.op) {
    case "literal":
    case "fact":
    case "parameter":
    case "definition":
    case "local":
    case "evaluation_date":
      return;
    case "field":
      visit(expr.object);
      return;
    case "measure_output":
      if (expr.member !== undefined) visit(expr.member);
      return;
    case "call":
    case "function":
      for (const argument of expr.args) visit(argument);
      return;
    case "not":
    case "negate":
    case "round":
    case "floor":
    case "ceil":
    case "convert":
    case "is_present":
    case "is_absent":
      visit(expr.operand);
      return;
    case "and":
    case "or":
    case "compare":
    case "arithmetic":
    case "min":
    case "max":
    case "otherwise":
      visit(expr.left);
      visit(expr.right);
      return;
    case "scale":
      visit(expr.base);
      return;
    case "series_at":
      visit(expr.series);
      if (expr.at !== undefined) visit(expr.at);
      return;
    case "series_total":
      visit(expr.series);
      return;
    case "last_day_of_term":
      visit(expr.start);
      visit(expr.months);
      return;
    case "if":
      visit(expr.condition);
      visit(expr.then);
      visit(expr.else);
      return;
    case "match":
      visit(expr.subject);
      for (const arm of expr.arms) visit(arm.value);
      if (expr.otherwise !== undefined) visit(expr.otherwise);
      return;
    case "in":
      visit(expr.element);
      visit(expr.set);
      return;
    case "aggregate":
      visit(expr.list);
      if (expr.value !== undefined) visit(expr.value);
      if (expr.filter !== undefined) visit(expr.filter);
      return;
  }
}

/** Calls `visit` on each expression of rules: a rule's condition, value and window dates, then its exceptions'. */
export function forEachRuleExpression(rules: readonly RuleIR[], visit: (expr: ExprIR) => void): void {
  for (const rule of rules) {
    if (rule.condition !== undefined) visit(rule.condition);
    visit(rule.value);
    if (rule.window !== undefined) {
      visit(rule.window.from);
      if (rule.window.until !== undefined) visit(rule.window.until);
    }
    forEachRuleExpression(rule.exceptions, visit);
  }
}
