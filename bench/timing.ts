/**
 * Timing: repeated measurements reduced to their median, with the spread kept so that a
 * noisy figure shows as noisy.
 */

export interface Sample {
  /** the median of the repetitions */
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly repetitions: number;
}

export function summarise(values: readonly number[]): Sample {
  if (values.length === 0) throw new Error("no measurements to summarise");
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]!, repetitions: sorted.length };
}

export function nowMs(): number {
  return performance.now();
}

/** Milliseconds taken by `work`, which may be asynchronous. */
export async function elapsedMs(work: () => unknown): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

/**
 * The median duration of `work` in milliseconds: `warmups` untimed runs (so that the
 * JIT has compiled the hot code), then `repetitions` timed ones.
 */
export async function medianMs(work: () => unknown, warmups: number, repetitions: number): Promise<Sample> {
  for (let i = 0; i < warmups; i++) await work();
  const durations: number[] = [];
  for (let i = 0; i < repetitions; i++) durations.push(await elapsedMs(work));
  return summarise(durations);
}

/** Items per second from a number of items and a duration in milliseconds. */
export function perSecond(items: number, ms: number): number {
  return (items * 1000) / ms;
}
