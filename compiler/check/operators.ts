/**
 * The units rules of the language reference: which operation of compiler/operations.ts
 * `a + b`, `a - b`, `a * b` is for the operands' types, and how two sides of a comparison
 * (or of min/max) are brought to one type. Conversions that lose nothing (a whole number as a decimal, an amount
 * as an unrounded amount) are made explicit here; everything else is a diagnostic.
 */
import type { BinaryOperator } from "../ast.js";
import type { ExprIR, ValueType } from "../ir.js";
import { arithmeticOperation, findArithmetic, type ArithmeticOperationId } from "../operations.js";
import { convert, pathText, unitlessNumberText } from "./ir-nodes.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";
import { decimalType, describeType, sameType, unroundedType } from "./types.js";

type Kind = ValueType["kind"];
export type ArithmeticOperator = Extract<BinaryOperator, "+" | "-" | "*" | "/">;

/** The operation for `left operator right`; multiplication commutes: `2 * amount` is `amount * 2`, the operands swapped in the IR. */
function findOperation(operator: ArithmeticOperator, left: Kind, right: Kind): { readonly id: ArithmeticOperationId; readonly swapped: boolean } | undefined {
  const id = findArithmetic(operator, left, right);
  if (id !== undefined) return { id, swapped: false };
  const commuted = operator === "*" ? findArithmetic(operator, right, left) : undefined;
  return commuted === undefined ? undefined : { id: commuted, swapped: true };
}

/** A lossless widening of one operand, tried when no rule takes the operands as they are. */
function widen(expr: ExprIR): ExprIR | undefined {
  if (expr.type.kind === "integer") return convert("integer_to_decimal", expr, decimalType);
  if (expr.type.kind === "money") return convert("money_to_unrounded", expr, unroundedType);
  return undefined;
}

export function arithmetic(operator: ArithmeticOperator, left: ExprIR, right: ExprIR, span: ExprIR["span"], reporter: Reporter): ExprIR | undefined {
  const widenedLeft = widen(left);
  const widenedRight = widen(right);
  const candidates: readonly [ExprIR, ExprIR][] = [
    [left, right],
    ...(widenedLeft === undefined ? [] : [[widenedLeft, right] as [ExprIR, ExprIR]]),
    ...(widenedRight === undefined ? [] : [[left, widenedRight] as [ExprIR, ExprIR]]),
    // a whole number divided by a whole number is a decimal number
    ...(operator === "/" && widenedLeft !== undefined && widenedRight !== undefined ? [[widenedLeft, widenedRight] as [ExprIR, ExprIR]] : []),
  ];
  for (const [a, b] of candidates) {
    const found = findOperation(operator, a.type.kind, b.type.kind);
    if (found !== undefined) {
      const [first, second] = found.swapped ? [b, a] : [a, b];
      return { op: "arithmetic", operator: found.id, left: first, right: second, type: { kind: arithmeticOperation(found.id).result } as ValueType, span };
    }
  }
  reportArithmeticMismatch(operator, left, right, span, reporter);
  return undefined;
}

const monthsText = (amount: string): string => `${amount} ${amount === "1" ? "month" : "months"}`;
const daysText = (amount: string): string => `${amount} ${amount === "1" ? "day" : "days"}`;

/**
 * `0.16` where a percentage is expected is a fraction, 16%: suggesting `0.16%` would make the
 * rate a hundred times too small. A number of 1 or more reads as a percentage already (`60`).
 */
function percentText(amount: string): string {
  const [whole, fraction] = amount.split(".");
  if (whole === undefined || fraction === undefined || Number(whole) !== 0) return `${amount}%`;
  const shifted = `${fraction.padEnd(2, "0").slice(0, 2)}.${fraction.slice(2)}`;
  const [percentWhole = "0", percentFraction = ""] = shifted.split(".");
  const trimmedWhole = percentWhole.replace(/^0(?=\d)/, "");
  return percentFraction === "" ? `${trimmedWhole}%` : `${trimmedWhole}.${percentFraction}%`;
}

const unitWords: Partial<Record<Kind, (amount: string) => string>> = {
  percent: percentText,
  months: monthsText,
  days: daysText,
};

/** `write \`6 months\`` for a number written without the unit the context needs. */
export function reportMissingUnit(number: ExprIR, text: string, wanted: ValueType, reporter: Reporter): boolean {
  const unit = wanted.kind === "money" ? (amount: string) => `${amount} ${reporter.moneyWord ?? "yuan"}` : unitWords[wanted.kind];
  if (unit === undefined) return false;
  reportError(reporter, "T0305", number.span, `\`${text}\` has no unit: ${describeType(wanted)} is expected here`, {
    help: `write \`${unit(text)}\``,
  });
  return true;
}

function reportArithmeticMismatch(operator: ArithmeticOperator, left: ExprIR, right: ExprIR, span: ExprIR["span"], reporter: Reporter): void {
  const leftNumber = unitlessNumberText(left);
  const rightNumber = unitlessNumberText(right);
  if (operator !== "*" && rightNumber !== undefined && reportMissingUnit(right, rightNumber, left.type, reporter)) return;
  if (operator !== "*" && leftNumber !== undefined && reportMissingUnit(left, leftNumber, right.type, reporter)) return;
  const message =
    operator === "+" ? `cannot add ${describeType(right.type)} to ${describeType(left.type)}`
    : operator === "-" ? `cannot subtract ${describeType(right.type)} from ${describeType(left.type)}`
    : operator === "*" ? `cannot multiply ${describeType(left.type)} by ${describeType(right.type)}`
    : `cannot divide ${describeType(left.type)} by ${describeType(right.type)}`;
  reportError(reporter, "T0301", span, message, { help: arithmeticHelp(operator, left.type.kind, right.type.kind, rightNumber) });
}

function arithmeticHelp(operator: ArithmeticOperator, left: Kind, right: Kind, rightNumber: string | undefined): string {
  const either = (kind: Kind): boolean => left === kind || right === kind;
  const count = rightNumber ?? "6";
  if (either("text")) return 'a text is not a number, even a postal code of digits: compare texts with `=`, `in {"730000", "730010"}` or `starts_with(…)`';
  if (operator === "/") return "an amount divides by a whole number, a decimal number or another amount, and a decimal number by a decimal number; the quotient is unrounded: round it with `round(…)`";
  if (operator !== "*" && left === "date" && right !== "date") {
    const verb = operator === "+" ? "add" : "subtract";
    return `${verb} months with \`${operator} ${monthsText(count)}\`, or days with \`${operator} ${daysText(rightNumber ?? "1")}\``;
  }
  if (operator !== "*" && right === "date") return "write the date first: `date + 6 months`, `date - 1 day`; `later - earlier` gives the days between two dates";
  if (operator === "+" && left === "date" && right === "date") return "dates cannot be added; `later - earlier` gives the number of days between them";
  if (operator !== "*" && either("percent")) return "a percentage applies to an amount by multiplication: `amount * 60%`";
  if (either("months") && either("days")) return "months and days do not mix: a month has no fixed number of days";
  if (operator === "*" && either("unrounded_money")) return "round the amount first: `round(…)`, `round_down(…)` or `round_up(…)`";
  if (operator === "*" && left === "money" && right === "money") return "multiply an amount by a whole number, a decimal number or a percentage";
  return "amounts combine with amounts, months with months, days with days, and a date with months or days";
}

export type Unified = { readonly left: ExprIR; readonly right: ExprIR; readonly type: ValueType };

/**
 * Brings two values to one type (for a comparison or min/max), widening a whole number to a
 * decimal or an amount to an unrounded amount; reports what cannot be brought together.
 */
export function unify(left: ExprIR, right: ExprIR, what: "compare" | "choose", reporter: Reporter): Unified | undefined {
  const presentLeft = requirePresent(left, reporter);
  const presentRight = requirePresent(right, reporter);
  if (presentLeft === undefined || presentRight === undefined) return undefined;
  if (sameType(left.type, right.type)) return { left, right, type: left.type };
  const widenedLeft = widen(left);
  if (widenedLeft !== undefined && sameType(widenedLeft.type, right.type)) return { left: widenedLeft, right, type: right.type };
  const widenedRight = widen(right);
  if (widenedRight !== undefined && sameType(left.type, widenedRight.type)) return { left, right: widenedRight, type: left.type };
  reportUnifyMismatch(left, right, what, reporter);
  return undefined;
}

function reportUnifyMismatch(left: ExprIR, right: ExprIR, what: "compare" | "choose", reporter: Reporter): void {
  const leftNumber = unitlessNumberText(left);
  const rightNumber = unitlessNumberText(right);
  if (rightNumber !== undefined && reportMissingUnit(right, rightNumber, left.type, reporter)) return;
  if (leftNumber !== undefined && reportMissingUnit(left, leftNumber, right.type, reporter)) return;
  const integerSide = left.type.kind === "integer" ? left : right.type.kind === "integer" ? right : undefined;
  const durationSide = integerSide === left ? right : left;
  if (integerSide !== undefined && (durationSide.type.kind === "months" || durationSide.type.kind === "days")) {
    reportIntegerIsNotDuration(integerSide, durationSide.type, reporter);
    return;
  }
  const span = { ...left.span, endLine: right.span.endLine, endColumn: right.span.endColumn, end: right.span.end };
  const message = what === "compare" ? `cannot compare ${describeType(left.type)} with ${describeType(right.type)}` : `cannot choose between ${describeType(left.type)} and ${describeType(right.type)}`;
  reportError(reporter, "T0303", span, message, { help: comparisonHelp(left.type.kind, right.type.kind) });
}

export function reportIntegerIsNotDuration(integer: ExprIR, duration: ValueType, reporter: Reporter): void {
  const unit = duration.kind === "months" ? "months" : "days";
  const name = pathText(integer) ?? "n";
  const completedYears = integer.op === "function" && integer.operation === "completed_years";
  reportError(reporter, "T0305", integer.span, `a whole number is not ${describeType(duration)}`, {
    help: completedYears
      ? "`completed_years` counts whole years as a number: compare it with `18`, or `completed_months(from, to)` with `18 years`"
      : `convert it with \`${unit}(${name})\``,
  });
}

function comparisonHelp(left: Kind, right: Kind): string {
  const either = (kind: Kind): boolean => left === kind || right === kind;
  if (either("months") && either("days")) {
    return "a month has no fixed number of days: compare months with months (`6 months`), or days with days (`later - earlier` gives days)";
  }
  if (either("date")) return "compare a date with a date, e.g. `placement.start + 6 months`";
  if (either("percent")) return "write the other side as a percentage too, e.g. `50%`";
  if (either("text")) return 'a text is compared with a text: write the other side in quotes, e.g. `"730000"`';
  return "both sides must be of the same kind";
}

/** An optional value used where a value is needed (T0306); gives back the value when it is certainly present. */
export function requirePresent(expr: ExprIR, reporter: Reporter): ExprIR | undefined {
  if (expr.type.kind !== "optional") return expr;
  reportMayBeAbsent(expr, reporter);
  return undefined;
}

export function reportMayBeAbsent(expr: ExprIR, reporter: Reporter): void {
  const path = pathText(expr);
  reportError(reporter, "T0306", expr.span, path === undefined ? "this value may be absent" : `\`${path}\` may be absent`, {
    help: path === undefined
      ? "give a fallback with `… otherwise …`"
      : `test it first (\`${path} is present and …\`, \`if ${path} is present then … else …\`) or give a fallback (\`${path} otherwise …\`)`,
  });
}
