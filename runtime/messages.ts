/**
 * The words of every evaluation error, in one module: the runtime throws them, the
 * interpreter throws them, and the emitter writes them into generated code, so that an
 * error reads the same whichever evaluated the policy. Rules, definitions and parameters
 * are named by their fields, so that the IR's nodes can be given as they are.
 */
import type { EvaluationLocation } from "./errors.js";
import type { SourceSpan } from "./types.js";

interface Named {
  readonly name: string;
}

interface RuleNamed {
  readonly kind: string;
  readonly label: string;
  readonly span: SourceSpan;
}

/**
 * An amount beyond 2^53 hundredths, in the words of the policy's money (compiler/currency.ts):
 * arithmetic does not know it and says yuan; `locatedError` says the policy's.
 */
export const amountTooLargeMessage = (moneyWord = "yuan"): string => `the amount is too large to compute exactly (more than 90 trillion ${moneyWord})`;
export const integerTooLargeMessage = "the number is too large to compute exactly";
export const dateOutOfRangeMessage = "the date falls outside the years 0001 to 9999";

export const notWholeFenMessage = (n: number): string => `${n} is not a whole number of fen`;
export const notWholeMillionthsMessage = (n: number): string => `${n} is not a whole number of millionths`;
export const notExactIntegerMessage = (n: number): string => `${n} is not a whole number that can be computed exactly`;
export const notANumberMessage = (text: string): string => `"${text}" is not a number`;
export const noSuchDateMessage = (year: number, month: number, day: number): string => `there is no date ${year}-${month}-${day}`;
export const noSuchTimeMessage = (hours: number, minutes: number): string => `there is no time of day ${hours}:${minutes}`;
export const termLengthMessage = (months: number): string => `a term cannot last ${months} months`;
export const divisionByZeroMessage = "division by zero";
export const datesInWrongOrderMessage = "completed years and months are counted from the earlier date to the later one, but the first date is the later";

/** Where in the policy an error arose: the rule, definition or parameter involved. */
export function evaluationLocation(span: SourceSpan): EvaluationLocation {
  return { file: span.file, line: span.line, column: span.column };
}

/** How a conflict message names a rule. */
export function ruleName(rule: RuleNamed): string {
  return `${rule.kind} \`${rule.label}\` (${rule.span.file}:${rule.span.line})`;
}

/** The words of a conflict message around the names of the two rules. */
export function conflictMessageParts(definition: Named): { readonly before: string; readonly between: string; readonly after: string } {
  return {
    before: `two rules give \`${definition.name}\` a value: `,
    between: " and ",
    after: "; make one an exception to the other, or their conditions exclusive",
  };
}

export function conflictMessage(definition: Named, first: RuleNamed, second: RuleNamed): string {
  const { before, between, after } = conflictMessageParts(definition);
  return `${before}${ruleName(first)}${between}${ruleName(second)}${after}`;
}

export function noRuleMessage(definition: Named): string {
  return `no rule gives \`${definition.name}\` a value for this case; add a rule for it, or a rule without a condition`;
}

/** The start of the message; the date of evaluation follows. */
export function parameterHasNoValueMessage(parameter: Named): string {
  return `parameter \`${parameter.name}\` has no value on `;
}
