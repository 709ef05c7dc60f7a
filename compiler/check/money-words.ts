/**
 * Every amount written in a policy is in the policy's money (compiler/currency.ts): `500 yuan`
 * or `500元` without a `currency` declaration, `500 EUR` with `currency EUR` (T1102).
 */
import type { Declaration, Expr, PolicyFile, TypeExpr } from "../ast.js";
import { expressionsOf, forEachSubExpression } from "../ast-walk.js";
import { moneyWord } from "../currency.js";
import type { PolicyInfo } from "../ir.js";
import { reportError, type Reporter } from "./report.js";

export function checkMoneyWords(files: readonly PolicyFile[], policy: PolicyInfo, reporter: Reporter): void {
  const word = moneyWord(policy);
  const visit = (expr: Expr): void => {
    if (expr.kind === "money") {
      const written = expr.unit ?? "yuan";
      if (written !== word) {
        reportError(reporter, "T1102", expr.span, `this policy's money is ${word === "yuan" ? "the yuan" : word}, not ${written === "yuan" ? "the yuan" : written}`, {
          help:
            word === "yuan"
              ? `write \`${expr.text} yuan\`, or declare the policy's money in its header: \`currency ${written}\``
              : `write \`${expr.text} ${word}\`: every amount of the policy is in ${word}`,
        });
      }
    }
    forEachSubExpression(expr, visit);
  };
  for (const file of files) for (const declaration of file.declarations) for (const root of writtenExpressions(declaration)) visit(root);
}

/** Every expression a declaration writes, with the literals of scales and of series' periods not given. */
function writtenExpressions(declaration: Declaration): Expr[] {
  switch (declaration.kind) {
    case "scale":
      return declaration.brackets.flatMap((bracket) => bracket.figures.map((figure) => figure.value));
    case "record":
      return declaration.fields.flatMap((field) => typeLiterals(field.type));
    default:
      return expressionsOf(declaration);
  }
}

function typeLiterals(type: TypeExpr): Expr[] {
  switch (type.kind) {
    case "optional":
      return typeLiterals(type.of);
    case "series":
      return [...typeLiterals(type.of), ...(type.missing === undefined ? [] : [type.missing])];
    default:
      return [];
  }
}
