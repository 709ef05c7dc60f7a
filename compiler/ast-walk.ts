/** Walking the AST's expressions: the one place that knows which fields of an expression are sub-expressions. */
import type { Declaration, EffectiveWindow, Expr } from "./ast.js";

/** Calls `visit` on each direct sub-expression of `expr`, in written order. */
export function forEachSubExpression(expr: Expr, visit: (child: Expr) => void): void {
  switch (expr.kind) {
    case "bool":
    case "number":
    case "money":
    case "percent":
    case "duration":
    case "date":
    case "time":
    case "text":
    case "absent":
    case "evaluation_date":
    case "name":
      return;
    case "field":
      visit(expr.object);
      return;
    case "call":
      for (const argument of expr.args) visit(argument);
      return;
    case "unary":
    case "is":
      visit(expr.operand);
      return;
    case "binary":
      visit(expr.left);
      visit(expr.right);
      return;
    case "in":
      visit(expr.element);
      visit(expr.set);
      return;
    case "if":
      visit(expr.condition);
      visit(expr.then);
      visit(expr.else);
      return;
    case "match":
      visit(expr.subject);
      for (const arm of expr.arms) visit(arm.value);
      return;
    case "set":
      for (const element of expr.elements) visit(element);
      return;
    case "aggregate":
      visit(expr.list);
      if (expr.value !== undefined) visit(expr.value);
      if (expr.filter !== undefined) visit(expr.filter);
      return;
    case "over":
      visit(expr.series);
      return;
    case "paren":
      visit(expr.inner);
      return;
    default:
      return expr satisfies never;
  }
}

function windowExpressions(window: EffectiveWindow | undefined): Expr[] {
  if (window === undefined) return [];
  return [...(window.from === undefined ? [] : [window.from]), ...(window.until === undefined ? [] : [window.until])];
}

/** The expressions written in a declaration (the roots of its expression trees). */
export function expressionsOf(declaration: Declaration): Expr[] {
  switch (declaration.kind) {
    case "parameter":
      return declaration.values.map((value) => value.value);
    case "measure":
      return [
        ...windowExpressions(declaration.window),
        ...declaration.items.flatMap((item) => {
          if (item.kind !== "definition") return [];
          const cases = item.body.kind === "simple" ? [item.body.rule] : item.body.cases;
          return cases.flatMap((c) => [...(c.condition === undefined ? [] : [c.condition]), c.value, ...windowExpressions(c.window)]);
        }),
      ];
    default:
      return [];
  }
}

/** How deeply an expression nests (a literal or a name: 1), measured without recursion. */
export function expressionDepth(root: Expr): number {
  let deepest = 0;
  const pending: { readonly expr: Expr; readonly depth: number }[] = [{ expr: root, depth: 1 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { expr, depth } = next;
    deepest = Math.max(deepest, depth);
    forEachSubExpression(expr, (child) => pending.push({ expr: child, depth: depth + 1 }));
  }
  return deepest;
}
