import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { divideDecimal, divideMoneyByInteger, divideMoneyByMoney } from "../../runtime/division.js";
import { decimal, divideRounded, formatDecimal, normaliseDecimal, roundDecimal, type Decimal } from "../../runtime/decimal.js";
import { EvaluationError } from "../../runtime/errors.js";
import { fen, roundToFen, type RoundingMode } from "../../runtime/money.js";

const modes: readonly RoundingMode[] = ["half_up", "down", "up"];
const decimals = fc
  .record({ coefficient: fc.bigInt({ min: -(10n ** 24n), max: 10n ** 24n }), scale: fc.integer({ min: 0, max: 8 }) })
  .map(({ coefficient, scale }): Decimal => normaliseDecimal(coefficient, scale));
const nonZero = decimals.filter((d) => d.coefficient !== 0n);

/** a / b rounded to `places` decimals, exactly, as a whole number of 10^-places. */
function exactRounded(a: Decimal, b: Decimal, places: number, mode: RoundingMode): bigint {
  let numerator = a.coefficient * 10n ** BigInt(b.scale + places);
  let denominator = b.coefficient * 10n ** BigInt(a.scale);
  if (denominator < 0n) {
    numerator = -numerator;
    denominator = -denominator;
  }
  return divideRounded(numerator, denominator, mode);
}

describe("division", () => {
  it("is exact when the quotient has few decimals", () => {
    expect(formatDecimal(divideDecimal(decimal("5000"), decimal("21.75")))).toMatch(/^229\.885057471264367816091954022988[0-9]$/);
    expect(formatDecimal(divideDecimal(decimal("10"), decimal("8")))).toBe("1.25");
    expect(formatDecimal(divideDecimal(decimal("-1"), decimal("4")))).toBe("-0.25");
    expect(formatDecimal(divideMoneyByInteger(fen(100_00), 4))).toBe("25");
    expect(formatDecimal(divideMoneyByMoney(fen(5000_00), fen(2000_00)))).toBe("2.5");
  });

  it("rounds a quotient in every mode as the exact quotient rounds, to a whole number and to the fen", () => {
    fc.assert(
      fc.property(decimals, nonZero, fc.constantFrom(...modes), (a, b, mode) => {
        const quotient = divideDecimal(a, b);
        const whole = exactRounded(a, b, 0, mode);
        if (whole >= -(2n ** 53n) && whole <= 2n ** 53n) expect(BigInt(roundDecimal(quotient, mode))).toBe(whole);
        const inFen = exactRounded(a, b, 2, mode);
        if (inFen >= -(2n ** 53n) && inFen <= 2n ** 53n) expect(BigInt(roundToFen(quotient, mode))).toBe(inFen);
      }),
    );
  });

  it("rounds away from zero a quotient whose rest lies beyond its kept digits", () => {
    // 1 / (3 × 10^31): every kept digit is 0, the rest is not
    const tiny = divideDecimal(decimal("1"), normaliseDecimal(3n * 10n ** 31n, 0));
    expect(roundToFen(tiny, "up")).toBe(1);
    expect(roundToFen(tiny, "half_up")).toBe(0);
    expect(roundToFen(divideDecimal(decimal("-1"), normaliseDecimal(3n * 10n ** 31n, 0)), "up")).toBe(-1);
  });

  it("by zero is an evaluation error", () => {
    expect(() => divideDecimal(decimal("1"), decimal("0"))).toThrow(EvaluationError);
    expect(() => divideMoneyByInteger(fen(100), 0)).toThrow("division by zero");
  });
});
