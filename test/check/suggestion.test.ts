/**
 * "Did you mean": bounded work (a limit on the names compared and on their length, and
 * comparisons that stop past the limit) that suggests exactly what comparing every name in
 * full would suggest, within those bounds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { closestName } from "../../compiler/check/report.js";

/** The full Damerau–Levenshtein (optimal string alignment) distance, computed without shortcuts. */
function fullDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const substitution = a[i - 1] === b[j - 1] ? 0 : 1;
      let distance = Math.min(table[i - 1]![j]! + 1, table[i]![j - 1]! + 1, table[i - 1]![j - 1]! + substitution);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) distance = Math.min(distance, table[i - 2]![j - 2]! + 1);
      table[i]![j] = distance;
    }
  }
  return table[a.length]![b.length]!;
}

/** closestName as its documentation says, comparing every candidate in full. */
function referenceClosestName(name: string, candidates: readonly string[]): string | undefined {
  const limit = Math.max(1, Math.floor(name.length / 3));
  const nearest = (distanceTo: (candidate: string) => number, unique: boolean): string | undefined => {
    let best: string | undefined;
    let bestDistance = limit + 1;
    let tied = false;
    for (const candidate of candidates) {
      const distance = distanceTo(candidate);
      if (distance < bestDistance) [best, bestDistance, tied] = [candidate, distance, false];
      else if (distance === bestDistance) tied = true;
    }
    return unique && tied ? undefined : best;
  };
  return nearest((c) => fullDistance(name, c), false) ?? (name.length >= 3 ? nearest((c) => fullDistance(name, c.slice(0, name.length)), true) : undefined);
}

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "_", "期"), minLength: 1, maxLength: 12 });

describe("did you mean", () => {
  it("suggests what comparing every name in full suggests", () => {
    fc.assert(
      fc.property(word, fc.array(word, { maxLength: 30 }), (name, candidates) => {
        expect(closestName(name, candidates)).toBe(referenceClosestName(name, candidates));
      }),
      { numRuns: 2000 },
    );
  });

  it("still finds a typo and a name that starts alike", () => {
    expect(closestName("insured_mnoths", ["insured_months", "age"])).toBe("insured_months");
    expect(closestName("migrant", ["migrant_worker", "age"])).toBe("migrant_worker");
  });

  it("suggests nothing for a name longer than any a drafter mistypes", () => {
    const long = "a".repeat(65);
    expect(closestName(long, [`${long.slice(1)}b`])).toBeUndefined();
    expect(closestName(long.slice(1), [`${long.slice(2)}b`])).toBe(`${long.slice(2)}b`);
  });

  it("compares at most 200 names of a length that could be near", () => {
    const others = Array.from({ length: 200 }, (_, index) => `zzzzzzzzzzzz${index}`);
    expect(closestName("insured_mnoths", [...others, "insured_months"])).toBeUndefined();
    expect(closestName("insured_mnoths", ["x", ...others.slice(1), "insured_months"])).toBe("insured_months");
  });
});
