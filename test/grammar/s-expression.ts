/** Expressions as S-expressions, so that a test shows the tree the parser built in one line. */
import type { Expr } from "../../compiler/ast.js";

export function sExpression(expression: Expr): string {
  const list = (...parts: string[]): string => `(${parts.join(" ")})`;
  switch (expression.kind) {
    case "bool":
      return String(expression.value);
    case "number":
      return expression.text;
    case "money":
      return `${expression.text}yuan`;
    case "percent":
      return `${expression.text}%`;
    case "duration":
      return `${expression.text}${expression.unit}`;
    case "date":
    case "time":
      return expression.text;
    case "text":
      return JSON.stringify(expression.value);
    case "absent":
      return "absent";
    case "evaluation_date":
      return "evaluation_date";
    case "name":
      return expression.name.name;
    case "field":
      return list(".", sExpression(expression.object), expression.field.name);
    case "call":
      return list("call", expression.callee.name, ...expression.args.map(sExpression));
    case "unary":
      return list(expression.operator, sExpression(expression.operand));
    case "binary":
      return list(expression.operator, sExpression(expression.left), sExpression(expression.right));
    case "in":
      return list("in", sExpression(expression.element), sExpression(expression.set));
    case "is":
      return list(`is-${expression.test}`, sExpression(expression.operand));
    case "if":
      return list("if", sExpression(expression.condition), sExpression(expression.then), sExpression(expression.else));
    case "match":
      return list(
        "match",
        sExpression(expression.subject),
        ...expression.arms.map((arm) => list(arm.isElse ? "else" : arm.patterns.map((pattern) => pattern.name).join(","), sExpression(arm.value))),
      );
    case "set":
      return `{${expression.elements.map(sExpression).join(" ")}}`;
    case "aggregate":
      return list(
        expression.operator,
        ...(expression.value === undefined ? [] : [sExpression(expression.value)]),
        expression.variable.name,
        sExpression(expression.list),
        ...(expression.filter === undefined ? [] : [list("where", sExpression(expression.filter))]),
      );
    case "over": {
      const { relation, count, unit } = expression.periods;
      return list(expression.operator, sExpression(expression.series), list("over", relation, ...(count === undefined ? [] : [count]), unit));
    }
    case "paren":
      return list("paren", sExpression(expression.inner));
  }
}
