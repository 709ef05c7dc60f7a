import { required } from "./internal-error.js";
/**
 * A small seeded pseudo-random generator (mulberry32) and the draws the workload needs.
 * Deterministic: the same seed gives the same sequence on every machine and Node version,
 * so a benchmark run can be reproduced scenario by scenario.
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** A whole number from `low` to `high`, both included. */
  integer(low: number, high: number): number {
    return low + Math.floor(this.next() * (high - low + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return required(items[Math.floor(this.next() * items.length)], "an item to pick (the list is empty)");
  }

  /** A value near one of `anchors`: the anchor itself plus up to `spread` either side. */
  near(anchors: readonly number[], spread: number): number {
    return this.pick(anchors) + this.integer(-spread, spread);
  }
}

/**
 * The seed of scenario `index` of a workload: each scenario has its own stream, so any
 * one of them can be regenerated alone (for a streamed population file, or a report).
 */
export function scenarioSeed(workloadSeed: number, index: number): number {
  let h = (workloadSeed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
