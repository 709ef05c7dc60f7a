import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimal, formatDecimal } from "../../runtime/decimal.js";
import { EvaluationError } from "../../runtime/errors.js";
import {
  addMoney,
  fen,
  formatMoney,
  formatPercent,
  type Money,
  moneyToDecimal,
  multiplyMoney,
  multiplyMoneyByDecimal,
  multiplyMoneyByPercent,
  multiplyMoneyByPercentExact,
  parseMoney,
  parsePercent,
  type Percent,
  percentFromMillionths,
  type RoundingMode,
  roundToFen,
  subtractMoney,
} from "../../runtime/money.js";

const MAX = Number.MAX_SAFE_INTEGER;
const yuan = (text: string): Money => {
  const money = parseMoney(text);
  if (money === undefined) throw new Error(`bad test amount ${text}`);
  return money;
};
const percent = (text: string): Percent => {
  const p = parsePercent(text);
  if (p === undefined) throw new Error(`bad test percentage ${text}`);
  return p;
};

function errorCode(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return error instanceof EvaluationError ? error.code : "not an EvaluationError";
  }
}

describe("fen", () => {
  it("keeps whole numbers of fen", () => {
    expect(fen(182050)).toBe(182050);
    expect(fen(-300)).toBe(-300);
    expect(fen(MAX)).toBe(MAX);
  });

  it("refuses fractions of a fen and amounts beyond exact arithmetic", () => {
    expect(errorCode(() => fen(1.5))).toBe("invalid_value");
    expect(errorCode(() => fen(MAX + 1))).toBe("amount_too_large");
    expect(errorCode(() => fen(Number.NaN))).toBe("invalid_value");
  });
});

describe("parseMoney and formatMoney", () => {
  it.each([
    ["1820", 182000],
    ["1820.5", 182050],
    ["1820.50", 182050],
    ["0.01", 1],
    ["0", 0],
    ["90071992547409.91", MAX],
  ])("reads %s as %i fen", (text, expected) => {
    expect(parseMoney(text)).toBe(expected);
  });

  it.each(["1.005", "-1", "+1", "1e3", " 1", "1 ", "", "1.", ".5", "1,000", "1820.50元", "90071992547409.92", "Infinity"])(
    "refuses %j",
    (text) => {
      expect(parseMoney(text)).toBeUndefined();
    },
  );

  it.each([
    [182050, "1820.50"],
    [182000, "1820.00"],
    [5, "0.05"],
    [0, "0.00"],
    [-300, "-3.00"],
    [-5, "-0.05"],
    [MAX, "90071992547409.91"],
  ])("formats %i fen as %s", (fenCount, expected) => {
    expect(formatMoney(fen(fenCount))).toBe(expected);
  });
});

describe("money arithmetic", () => {
  it("adds, subtracts and multiplies by a whole number", () => {
    expect(addMoney(yuan("1820.50"), yuan("0.50"))).toBe(182100);
    expect(subtractMoney(yuan("3"), yuan("6"))).toBe(-300);
    expect(multiplyMoney(yuan("500"), 3)).toBe(150000);
    expect(multiplyMoney(yuan("500"), -2)).toBe(-100000);
  });

  it("never gives negative zero", () => {
    expect(Object.is(multiplyMoney(fen(0), -3), 0)).toBe(true);
    expect(Object.is(multiplyMoneyByPercent(fen(-1), percent("10"), "down"), 0)).toBe(true);
  });

  it("reports an amount too large instead of losing fen", () => {
    expect(errorCode(() => addMoney(fen(MAX), fen(1)))).toBe("amount_too_large");
    expect(errorCode(() => subtractMoney(fen(-MAX), fen(1)))).toBe("amount_too_large");
    expect(errorCode(() => multiplyMoney(fen(MAX), 2))).toBe("amount_too_large");
    expect(addMoney(fen(MAX - 1), fen(1))).toBe(MAX);
  });
});

describe("percentages", () => {
  it.each([
    ["60", 600000],
    ["60%", 600000],
    ["12.5", 125000],
    ["0.0001%", 1],
    ["100", 1000000],
    ["0", 0],
  ])("reads %s as %i millionths", (text, expected) => {
    expect(parsePercent(text)).toBe(expected);
  });

  it.each(["-5", "60 %", "12.34567", "%", "", "1e2", "60%%", ".5"])("refuses %j", (text) => {
    expect(parsePercent(text)).toBeUndefined();
  });

  it.each([
    [600000, "60%"],
    [125000, "12.5%"],
    [1, "0.0001%"],
    [0, "0%"],
    [-50000, "-5%"],
  ])("formats %i millionths as %s", (millionths, expected) => {
    expect(formatPercent(percentFromMillionths(millionths))).toBe(expected);
  });
});

describe("multiplyMoneyByPercent", () => {
  it("computes the notice's figures", () => {
    expect(formatMoney(multiplyMoneyByPercent(yuan("1458.00"), percent("80"), "half_up"))).toBe("1166.40");
    expect(formatMoney(multiplyMoneyByPercent(yuan("12345.67"), percent("60"), "half_up"))).toBe("7407.40");
    expect(formatMoney(multiplyMoneyByPercent(yuan("1638.00"), percent("80"), "half_up"))).toBe("1310.40");
  });

  // 0.005 yuan is half a fen: each mode decides it differently.
  it.each<[string, string, RoundingMode, string]>([
    ["0.01", "50", "half_up", "0.01"],
    ["0.01", "50", "down", "0.00"],
    ["0.01", "50", "up", "0.01"],
    ["0.03", "50", "half_up", "0.02"],
    ["0.03", "50", "down", "0.01"],
    ["0.01", "49.9999", "half_up", "0.00"],
    ["0.01", "49.9999", "up", "0.01"],
    ["0.01", "0.0001", "up", "0.01"],
    ["0.01", "0.0001", "half_up", "0.00"],
    ["100.00", "33.3333", "half_up", "33.33"],
    ["100.00", "33.3333", "up", "33.34"],
  ])("%s yuan × %s%% rounded %s is %s", (amount, rate, mode, expected) => {
    expect(formatMoney(multiplyMoneyByPercent(yuan(amount), percent(rate), mode))).toBe(expected);
  });

  it("rounds negative amounts symmetrically, away from zero at a half", () => {
    const minusOneFen = fen(-1);
    expect(multiplyMoneyByPercent(minusOneFen, percent("50"), "half_up")).toBe(-1);
    expect(multiplyMoneyByPercent(minusOneFen, percent("50"), "down")).toBe(0);
    expect(multiplyMoneyByPercent(minusOneFen, percent("50"), "up")).toBe(-1);
    expect(multiplyMoneyByPercent(fen(-3), percent("50"), "half_up")).toBe(-2);
    expect(multiplyMoneyByPercent(fen(-3), percent("49.9999"), "half_up")).toBe(-1);
  });

  it("stays exact when fen × millionths is beyond 2^53", () => {
    // MAX × 500000 ≈ 4.5e21: computed with BigInt, then halved exactly.
    expect(multiplyMoneyByPercent(fen(MAX), percent("50"), "half_up")).toBe(4503599627370496);
    expect(multiplyMoneyByPercent(fen(MAX), percent("50"), "down")).toBe(4503599627370495);
    expect(multiplyMoneyByPercent(fen(-MAX), percent("50"), "half_up")).toBe(-4503599627370496);
    expect(multiplyMoneyByPercent(fen(MAX), percent("100"), "half_up")).toBe(MAX);
    expect(errorCode(() => multiplyMoneyByPercent(fen(MAX), percent("200"), "half_up"))).toBe("amount_too_large");
  });
});

describe("unrounded amounts", () => {
  it("multiplies exactly, in yuan", () => {
    expect(formatDecimal(multiplyMoneyByPercentExact(fen(1), percent("50")))).toBe("0.005");
    expect(formatDecimal(multiplyMoneyByPercentExact(yuan("12345.67"), percent("60")))).toBe("7407.402");
    expect(formatDecimal(multiplyMoneyByDecimal(yuan("100"), decimal("0.333")))).toBe("33.3");
    expect(formatDecimal(multiplyMoneyByDecimal(yuan("1.5"), decimal("-2")))).toBe("-3");
    expect(formatDecimal(moneyToDecimal(yuan("1820.50")))).toBe("1820.5");
    expect(formatDecimal(moneyToDecimal(fen(0)))).toBe("0");
  });

  it.each<[string, RoundingMode, number]>([
    ["0.005", "half_up", 1],
    ["0.005", "down", 0],
    ["0.005", "up", 1],
    ["-0.005", "half_up", -1],
    ["-0.005", "down", 0],
    ["-0.005", "up", -1],
    ["0.0049999", "half_up", 0],
    ["0.0049999", "up", 1],
    ["7407.402", "half_up", 740740],
    ["1.5", "half_up", 150],
    ["12", "down", 1200],
  ])("rounds %s yuan %s to %i fen", (text, mode, expected) => {
    expect(roundToFen(decimal(text), mode)).toBe(expected);
  });

  it("reports an unrounded amount too large to become money", () => {
    expect(errorCode(() => roundToFen(decimal("1e20"), "half_up"))).toBe("amount_too_large");
    expect(errorCode(() => roundToFen(decimal("-90071992547409.915"), "half_up"))).toBe("amount_too_large");
    expect(roundToFen(decimal("-90071992547409.914"), "half_up")).toBe(-MAX);
  });
});

// ---------------------------------------------------------------------------------------
// Property: every operation equals a BigInt reference, or both refuse the amount.

const BIG_MAX = BigInt(MAX);
const modes: readonly RoundingMode[] = ["half_up", "down", "up"];

/** Rounded division written differently from the runtime's: on magnitudes, by formulas. */
function referenceDivide(n: bigint, divisor: bigint, mode: RoundingMode): bigint {
  const magnitude = n < 0n ? -n : n;
  const rounded =
    mode === "down" ? magnitude / divisor
    : mode === "up" ? (magnitude + divisor - 1n) / divisor
    : (2n * magnitude + divisor) / (2n * divisor);
  return n < 0n ? -rounded : rounded;
}

function referenceMoney(n: bigint): number | "too large" {
  return n > BIG_MAX || n < -BIG_MAX ? "too large" : Number(n);
}

function outcome(action: () => number): number | "too large" {
  try {
    return action();
  } catch (error) {
    if (error instanceof EvaluationError && error.code === "amount_too_large") return "too large";
    throw error;
  }
}

const anyFen = fc.oneof(
  fc.integer({ min: -MAX, max: MAX }),
  fc.integer({ min: -1_000_000_00, max: 1_000_000_00 }),
  fc.constantFrom(0, 1, -1, MAX, -MAX),
);
const anyPercent = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000 }),
  fc.integer({ min: -MAX, max: MAX }),
  fc.constantFrom(0, 1, 500_000, 1_000_000),
);
const anyMode = fc.constantFrom(...modes);

describe("property: money arithmetic equals a BigInt reference", () => {
  it("add and subtract", () => {
    fc.assert(
      fc.property(anyFen, anyFen, (a, b) => {
        expect(outcome(() => addMoney(fen(a), fen(b)))).toBe(referenceMoney(BigInt(a) + BigInt(b)));
        expect(outcome(() => subtractMoney(fen(a), fen(b)))).toBe(referenceMoney(BigInt(a) - BigInt(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it("multiply by a whole number", () => {
    const factor = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: -MAX, max: MAX }));
    fc.assert(
      fc.property(anyFen, factor, (m, n) => {
        expect(outcome(() => multiplyMoney(fen(m), n))).toBe(referenceMoney(BigInt(m) * BigInt(n)));
      }),
      { numRuns: 2000 },
    );
  });

  it("multiply by a percentage, each rounding mode", () => {
    fc.assert(
      fc.property(anyFen, anyPercent, anyMode, (m, p, mode) => {
        const expected = referenceMoney(referenceDivide(BigInt(m) * BigInt(p), 1_000_000n, mode));
        expect(outcome(() => multiplyMoneyByPercent(fen(m), percentFromMillionths(p), mode))).toBe(expected);
        // The fused form agrees with the exact product rounded afterwards.
        expect(outcome(() => roundToFen(multiplyMoneyByPercentExact(fen(m), percentFromMillionths(p)), mode))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("roundToFen", () => {
    const coefficient = fc.oneof(fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }), fc.bigInt({ min: -100000n, max: 100000n }));
    fc.assert(
      fc.property(coefficient, fc.integer({ min: 0, max: 12 }), anyMode, (c, scale, mode) => {
        const text = formatDecimal({ coefficient: c, scale });
        const expected =
          scale <= 2 ? referenceMoney(c * 10n ** BigInt(2 - scale)) : referenceMoney(referenceDivide(c, 10n ** BigInt(scale - 2), mode));
        expect(outcome(() => roundToFen(decimal(text), mode))).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it("formatMoney and parseMoney are inverse on non-negative amounts", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX }), (n) => {
        expect(parseMoney(formatMoney(fen(n)))).toBe(n);
      }),
    );
  });
});
