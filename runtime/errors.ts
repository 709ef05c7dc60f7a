import { amountTooLargeMessage } from "./messages.js";

/**
 * The one error evaluation can raise. The interpreter and generated code throw it;
 * the CLI and the playground turn it into a message naming the rule or parameter involved.
 */
export type EvaluationErrorCode =
  | "no_rule_applies"
  | "conflicting_rules"
  | "parameter_has_no_value"
  /** a fact given period by period has no value for a period the policy reads */
  | "fact_has_no_value"
  | "amount_too_large"
  | "invalid_value";

export interface EvaluationLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export class EvaluationError extends Error {
  override readonly name = "EvaluationError";

  constructor(
    readonly code: EvaluationErrorCode,
    message: string,
    readonly location?: EvaluationLocation,
  ) {
    super(message);
  }
}

/**
 * An error from arithmetic has no place of its own: it is given the place of the definition
 * whose value was being computed (`tiao run` prints it as `--> file:line:column`). Nor does
 * arithmetic know the policy's money: given `moneyWord` (`EUR`; the interpreter and generated
 * code give it for a policy whose money is not the yuan), an amount too large is said in it.
 * Any other error is given back as it is.
 */
export function locatedError(error: unknown, location: EvaluationLocation, moneyWord?: string): unknown {
  if (!(error instanceof EvaluationError) || error.location !== undefined) return error;
  const inPolicyMoney = moneyWord !== undefined && error.message === amountTooLargeMessage();
  return new EvaluationError(error.code, inPolicyMoney ? amountTooLargeMessage(moneyWord) : error.message, location);
}

/** `compute()`, an error of arithmetic in it given `location` and `moneyWord` (as `locatedError` does). */
export function located<T>(location: EvaluationLocation, compute: () => T, moneyWord?: string): T {
  try {
    return compute();
  } catch (error) {
    throw locatedError(error, location, moneyWord);
  }
}
