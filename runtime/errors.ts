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
 * whose value was being computed (`tiao run` prints it as `--> file:line:column`). Any
 * other error is given back as it is.
 */
export function locatedError(error: unknown, location: EvaluationLocation): unknown {
  return error instanceof EvaluationError && error.location === undefined ? new EvaluationError(error.code, error.message, location) : error;
}

/** `compute()`, an error of arithmetic in it given `location` (as `locatedError` does). */
export function located<T>(location: EvaluationLocation, compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    throw locatedError(error, location);
  }
}
