/**
 * Where an expression must be written in parentheses to be read back as the same tree.
 *
 * A tree read from text already has them (as `paren` nodes); a tree built by a program may
 * not. `parenthesize` adds the ones that are missing and nothing else, so that printing is
 * a plain walk and `parse(format(tree))` gives back the tree.
 */
import type { DefinitionBody, EffectiveWindow, Expr, MeasureItem, PolicyFile, RuleCase } from "../ast.js";

/**
 * Binding strength, loosest first, as in grammar/parser.ts. An operand needs parentheses
 * when its own strength is below what its place accepts.
 */
export const Strength = {
  Conditional: 0,
  Otherwise: 1,
  Or: 2,
  And: 3,
  Not: 4,
  Comparison: 5,
  Additive: 6,
  Multiplicative: 7,
  Negation: 8,
  Postfix: 9,
  Primary: 10,
} as const;

export type Strength = (typeof Strength)[keyof typeof Strength];

export function strengthOf(expression: Expr): Strength {
  switch (expression.kind) {
    case "if":
      return Strength.Conditional;
    case "binary":
      switch (expression.operator) {
        case "otherwise":
          return Strength.Otherwise;
        case "or":
          return Strength.Or;
        case "and":
          return Strength.And;
        case "+":
        case "-":
          return Strength.Additive;
        case "*":
        case "/":
          return Strength.Multiplicative;
        case "=":
        case "!=":
        case "<":
        case "<=":
        case ">":
        case ">=":
          return Strength.Comparison;
      }
      break;
    case "unary":
      return expression.operator === "not" ? Strength.Not : Strength.Negation;
    case "in":
    case "is":
      return Strength.Comparison;
    case "field":
      return Strength.Postfix;
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
    case "call":
    case "match":
    case "set":
    case "aggregate":
    case "over":
    case "paren":
      return Strength.Primary;
  }
}

/** The strength each operand of a binary operator accepts: left-associative chains, non-chaining comparisons. */
function operandStrengths(strength: Strength): { left: Strength; right: Strength } {
  if (strength === Strength.Comparison) return { left: Strength.Additive, right: Strength.Additive };
  return { left: strength, right: (strength + 1) as Strength };
}

function atLeast(expression: Expr, strength: Strength): Expr {
  const inner = parenthesizeExpression(expression);
  return strengthOf(inner) >= strength ? inner : { kind: "paren", inner, span: inner.span };
}

export function parenthesizeExpression(expression: Expr): Expr {
  switch (expression.kind) {
    case "binary": {
      const { left, right } = operandStrengths(strengthOf(expression));
      return { ...expression, left: atLeast(expression.left, left), right: atLeast(expression.right, right) };
    }
    case "unary":
      return {
        ...expression,
        operand: atLeast(expression.operand, expression.operator === "not" ? Strength.Not : Strength.Negation),
      };
    case "in":
      return {
        ...expression,
        element: atLeast(expression.element, Strength.Additive),
        set: atLeast(expression.set, Strength.Additive),
      };
    case "is":
      return { ...expression, operand: atLeast(expression.operand, Strength.Additive) };
    case "field":
      return { ...expression, object: atLeast(expression.object, Strength.Postfix) };
    case "if":
      return {
        ...expression,
        condition: parenthesizeExpression(expression.condition),
        then: parenthesizeExpression(expression.then),
        else: parenthesizeExpression(expression.else),
      };
    case "call":
      return { ...expression, args: expression.args.map(parenthesizeExpression) };
    case "set":
      return { ...expression, elements: expression.elements.map(parenthesizeExpression) };
    case "match": {
      const subject = parenthesizeExpression(expression.subject);
      return {
        ...expression,
        subject: hasBareSet(subject) ? { kind: "paren", inner: subject, span: subject.span } : subject,
        arms: expression.arms.map((arm) => ({ ...arm, value: parenthesizeExpression(arm.value) })),
      };
    }
    case "aggregate":
      return {
        ...expression,
        list: parenthesizeExpression(expression.list),
        ...(expression.value === undefined ? {} : { value: parenthesizeExpression(expression.value) }),
        ...(expression.filter === undefined ? {} : { filter: parenthesizeExpression(expression.filter) }),
      };
    case "over":
      return { ...expression, series: parenthesizeExpression(expression.series) };
    case "paren":
      return { ...expression, inner: parenthesizeExpression(expression.inner) };
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
      return expression;
  }
}

/**
 * Whether some part of the expression outside any brackets passes `test`; a `match` and a call
 * count as bracketed, and an `if` is entered only when `intoIf` says so.
 */
function someOutsideBrackets(expression: Expr, test: (part: Expr) => boolean, intoIf: boolean): boolean {
  const some = (part: Expr): boolean => someOutsideBrackets(part, test, intoIf);
  if (test(expression)) return true;
  switch (expression.kind) {
    case "binary":
      return some(expression.left) || some(expression.right);
    case "unary":
    case "is":
      return some(expression.operand);
    case "in":
      return some(expression.element) || some(expression.set);
    case "field":
      return some(expression.object);
    case "if":
      return intoIf && (some(expression.condition) || some(expression.then) || some(expression.else));
    default:
      return false;
  }
}

/**
 * Whether a set literal's `{` appears in the expression outside any brackets. In a `match`
 * subject the parser's look-ahead after `when` takes the first such `{` for the one that opens
 * the arms, so a subject like that is written in parentheses (`match (if c then {} = s else t) {…}`).
 */
function hasBareSet(expression: Expr): boolean {
  return someOutsideBrackets(expression, (part) => part.kind === "set", true);
}

/**
 * Whether `=` appears in the expression outside any brackets (a `match` subject counts as
 * bracketed) and before any `if`: after a `when` condition, the parser takes such a `=` for
 * the one that starts the value, so a value like that must be written in parentheses
 * (`when c = (a = b)`).
 */
export function hasOpenEquals(expression: Expr): boolean {
  return someOutsideBrackets(expression, (part) => part.kind === "binary" && part.operator === "=", false);
}

function parenthesizeRule(rule: RuleCase): RuleCase {
  const value = parenthesizeExpression(rule.value);
  const needsBrackets = rule.condition !== undefined && hasOpenEquals(value);
  return {
    ...rule,
    ...(rule.condition === undefined ? {} : { condition: parenthesizeExpression(rule.condition) }),
    value: needsBrackets ? { kind: "paren", inner: value, span: value.span } : value,
    ...(rule.window === undefined ? {} : { window: parenthesizeWindow(rule.window) }),
  };
}

function parenthesizeWindow(window: EffectiveWindow): EffectiveWindow {
  if (window.from === undefined) return { ...window, until: parenthesizeExpression(window.until) };
  return {
    ...window,
    from: parenthesizeExpression(window.from),
    ...(window.until === undefined ? {} : { until: parenthesizeExpression(window.until) }),
  };
}

function parenthesizeBody(body: DefinitionBody): DefinitionBody {
  return body.kind === "simple"
    ? { ...body, rule: parenthesizeRule(body.rule) }
    : { ...body, cases: body.cases.map(parenthesizeRule) };
}

function parenthesizeItem(item: MeasureItem): MeasureItem {
  return item.kind === "definition" ? { ...item, body: parenthesizeBody(item.body) } : item;
}

export function parenthesize(file: PolicyFile): PolicyFile {
  return {
    ...file,
    declarations: file.declarations.map((declaration) => {
      switch (declaration.kind) {
        case "measure":
          return {
            ...declaration,
            ...(declaration.window === undefined ? {} : { window: parenthesizeWindow(declaration.window) }),
            items: declaration.items.map(parenthesizeItem),
          };
        case "parameter":
          return {
            ...declaration,
            values: declaration.values.map((value) => ({ ...value, value: parenthesizeExpression(value.value) })),
          };
        case "scale":
          return {
            ...declaration,
            brackets: declaration.brackets.map((bracket) => ({
              ...bracket,
              figures: bracket.figures.map((figure) => ({ ...figure, value: parenthesizeExpression(figure.value) })),
            })),
          };
        case "policy":
        case "enum":
        case "record":
        case "repeal":
        case "document":
          return declaration;
      }
    }),
  };
}
