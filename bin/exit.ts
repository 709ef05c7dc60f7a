/**
 * Exit statuses of the `tiao` command (documented in docs/cli.md).
 */
export const ExitStatus = {
  ok: 0,
  /** the policy has errors, a test failed, or a file is not formatted */
  failed: 1,
  /** bad input: arguments, a missing file, a bad scenario or test file */
  badInput: 2,
  /** the policy could not evaluate a scenario (no rule applies, a conflict, no parameter value…) */
  evaluationError: 3,
  /** the output could not be written: standard output or a file (a full disk, a device error) */
  outputError: 74,
  /** a bug in tiao itself */
  internalError: 70,
} as const;

export type ExitCode = (typeof ExitStatus)[keyof typeof ExitStatus];

/**
 * A problem the user can fix (a missing file, a bad argument): printed as its message,
 * without a stack trace, and ends the command with its exit status.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitStatus.badInput,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Usage errors print the command's usage after the message; one with a `help` line
 * (a likely correction) prints that instead.
 */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly usage: string,
    readonly help?: string,
  ) {
    super(message, ExitStatus.badInput);
    this.name = "UsageError";
  }
}
