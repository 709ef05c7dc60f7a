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
