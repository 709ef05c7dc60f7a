/**
 * Impossible states fail loudly: a value the compiler's own invariants guarantee is checked,
 * and its absence is an internal error naming what was missing, never a made-up default
 * (`?? 0`) that would let a bug of tiao pass for a result. The CLI reports it as a bug (exit 70).
 */
export function internalError(message: string): never {
  throw new Error(`internal error: ${message}`);
}

/** `value`, which the invariants guarantee; an internal error naming `what` when it is absent. */
export function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) internalError(`${what} is missing`);
  return value;
}
