import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDecimal,
  ceilDecimal,
  compareDecimal,
  type Decimal,
  decimal,
  decimalFromInteger,
  decimalFromPercent,
  floorDecimal,
  formatDecimal,
  multiplyDecimal,
  negateDecimal,
  parseDecimal,
  roundDecimal,
  scaledInteger,
  subtractDecimal,
} from "../../runtime/decimal.js";
import { EvaluationError } from "../../runtime/errors.js";
import type { RoundingMode } from "../../runtime/money.js";

describe("parseDecimal", () => {
  it.each<[string, bigint, number]>([
    ["-12.50", -125n, 1],
    ["12.5", 125n, 1],
    ["1e-3", 1n, 3],
    ["1E+2", 100n, 0],
    ["2.5e1", 25n, 0],
    ["1200", 1200n, 0],
    ["0.000", 0n, 0],
    ["-0", 0n, 0],
    ["0e1000000000", 0n, 0],
    ["123456789012345678901234567890.123", 123456789012345678901234567890123n, 3],
  ])("reads %s exactly and in normal form", (text, coefficient, scale) => {
    expect(parseDecimal(text)).toEqual({ coefficient, scale });
  });

  it.each(["01", "1.", ".5", "+1", "1e", "--1", "1,5", " 1", "", "NaN", "Infinity", "0x10", "1e1000000", "1e-1000000"])(
    "refuses %j",
    (text) => {
      expect(parseDecimal(text)).toBeUndefined();
    },
  );

  it("accepts up to 1000 digits before and after the point", () => {
    expect(parseDecimal("9".repeat(1000))).toBeDefined();
    expect(parseDecimal("9".repeat(1001))).toBeUndefined();
    expect(parseDecimal(`0.${"0".repeat(999)}1`)).toEqual({ coefficient: 1n, scale: 1000 });
    expect(parseDecimal(`0.${"0".repeat(1000)}1`)).toBeUndefined();
    // trailing zeros do not count: the value has one digit
    expect(parseDecimal(`1${"0".repeat(5000)}e-5000`)).toEqual({ coefficient: 1n, scale: 0 });
  });
});

describe("formatDecimal", () => {
  it.each([
    ["-12.5", "-12.5"],
    ["0", "0"],
    ["1e-3", "0.001"],
    ["-1e-3", "-0.001"],
    ["1e3", "1000"],
    ["100.10", "100.1"],
  ])("formats %s as %s", (text, expected) => {
    expect(formatDecimal(decimal(text))).toBe(expected);
  });
});

describe("decimal arithmetic", () => {
  const d = decimal;
  it("adds, subtracts, multiplies and negates exactly", () => {
    expect(formatDecimal(addDecimal(d("0.1"), d("0.2")))).toBe("0.3");
    expect(formatDecimal(subtractDecimal(d("1"), d("0.999")))).toBe("0.001");
    expect(formatDecimal(addDecimal(d("0.5"), d("0.5")))).toBe("1");
    expect(formatDecimal(multiplyDecimal(d("0.5"), d("0.2")))).toBe("0.1");
    expect(formatDecimal(multiplyDecimal(d("-1.5"), d("4")))).toBe("-6");
    expect(formatDecimal(negateDecimal(d("12.5")))).toBe("-12.5");
    expect(negateDecimal(d("0"))).toEqual({ coefficient: 0n, scale: 0 });
  });

  it("compares across scales", () => {
    expect(compareDecimal(d("1.10"), d("1.1"))).toBe(0);
    expect(compareDecimal(d("1.09"), d("1.1"))).toBe(-1);
    expect(compareDecimal(d("-1"), d("-1.5"))).toBe(1);
  });

  it("converts integers and percentages", () => {
    expect(decimalFromInteger(-42)).toEqual({ coefficient: -42n, scale: 0 });
    expect(formatDecimal(decimalFromPercent(600000))).toBe("0.6");
    expect(formatDecimal(decimalFromPercent(125000))).toBe("0.125");
    expect(() => decimalFromInteger(1.5)).toThrow(EvaluationError);
  });

  it("scales to whole numbers only when exact", () => {
    expect(scaledInteger(d("12.34"), 2)).toBe(1234);
    expect(scaledInteger(d("12.345"), 2)).toBeUndefined();
    expect(scaledInteger(d("1e20"), 0)).toBeUndefined();
  });
});

describe("rounding decimals to whole numbers", () => {
  it.each<[string, RoundingMode, number]>([
    ["2.5", "half_up", 3],
    ["-2.5", "half_up", -3],
    ["2.4999", "half_up", 2],
    ["2.7", "down", 2],
    ["-2.7", "down", -2],
    ["2.1", "up", 3],
    ["-2.1", "up", -3],
    ["7", "up", 7],
  ])("rounds %s %s to %i", (text, mode, expected) => {
    expect(roundDecimal(decimal(text), mode)).toBe(expected);
  });

  it.each([
    ["2.1", 2, 3],
    ["-2.1", -3, -2],
    ["5", 5, 5],
    ["-0.5", -1, 0],
  ])("floor and ceil of %s are %i and %i", (text, floor, ceil) => {
    expect(floorDecimal(decimal(text))).toBe(floor);
    expect(ceilDecimal(decimal(text))).toBe(ceil);
  });

  it("refuses results beyond exact whole numbers", () => {
    expect(() => roundDecimal(decimal("1e16"), "down")).toThrow(EvaluationError);
    expect(roundDecimal(decimal("9007199254740991.4"), "half_up")).toBe(Number.MAX_SAFE_INTEGER);
  });
});

const anyDecimal: fc.Arbitrary<Decimal> = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.integer({ min: 0, max: 20 }))
  .map(([coefficient, scale]) => decimal(formatDecimal({ coefficient, scale })));

describe("property: decimals", () => {
  it("formatDecimal and parseDecimal are inverse", () => {
    fc.assert(
      fc.property(anyDecimal, (x) => {
        expect(parseDecimal(formatDecimal(x))).toEqual(x);
      }),
    );
  });

  it("arithmetic agrees with scaled BigInt arithmetic", () => {
    const scaleOf = (x: Decimal, scale: number): bigint => x.coefficient * 10n ** BigInt(scale - x.scale);
    fc.assert(
      fc.property(anyDecimal, anyDecimal, (a, b) => {
        const common = 40;
        expect(scaleOf(addDecimal(a, b), common)).toBe(scaleOf(a, common) + scaleOf(b, common));
        expect(scaleOf(subtractDecimal(a, b), common)).toBe(scaleOf(a, common) - scaleOf(b, common));
        expect(scaleOf(multiplyDecimal(a, b), 2 * common)).toBe(scaleOf(a, common) * scaleOf(b, common));
        const difference = scaleOf(a, common) - scaleOf(b, common);
        expect(compareDecimal(a, b)).toBe(difference < 0n ? -1 : difference > 0n ? 1 : 0);
      }),
    );
  });
});
