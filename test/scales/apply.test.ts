/** The runtime's application of a scale: the marginal sum and the single rate, on random brackets and bases. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareDecimal, decimalFromInteger, fen, multiplyMoneyByPercentExact, percentFromMillionths, subtractDecimal, type Money, type Percent } from "../../runtime/index.js";
import { calendarDate } from "../../runtime/dates.js";
import { applyScale, type ScaleData } from "../../runtime/scale.js";
import { EvaluationError } from "../../runtime/errors.js";

const asOf = calendarDate(2020, 6, 1);
const location = { file: "s.tiao", line: 1, column: 1 };

/** Brackets in force from 2020 with rising thresholds, the first at 0. */
const bracketsArbitrary = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 10_000_000 }), fc.integer({ min: 0, max: 1_000_000 })), { minLength: 1, maxLength: 6 })
  .map((steps) => {
    let threshold = 0;
    return steps.map(([step, rate], index) => {
      if (index > 0) threshold += step;
      return { threshold: fen(threshold), rate: percentFromMillionths(rate) };
    });
  });

function scaleOf(brackets: readonly { threshold: Money; rate: Percent }[]): ScaleData {
  const from = calendarDate(2020, 1, 1);
  return {
    name: "s",
    brackets: brackets.map((b, i) => ({ name: `b${i}`, thresholds: [{ from, until: null, value: b.threshold }], rates: [{ from, until: null, value: b.rate }] })),
    location,
  };
}

const baseArbitrary = fc.integer({ min: 0, max: 100_000_000 }).map(fen);

describe("applyScale", () => {
  it("one bracket from 0: both modes are the base times the rate", () => {
    fc.assert(
      fc.property(baseArbitrary, fc.integer({ min: 0, max: 1_000_000 }).map(percentFromMillionths), (base, rate) => {
        const scale = scaleOf([{ threshold: fen(0), rate }]);
        expect(applyScale(scale, base, asOf, "marginal")).toEqual(multiplyMoneyByPercentExact(base, rate));
        expect(applyScale(scale, base, asOf, "single_rate")).toEqual(multiplyMoneyByPercentExact(base, rate));
      }),
    );
  });

  it("marginal: one more fen costs the rate of the bracket it falls in; single rate: the base times that rate", () => {
    fc.assert(
      fc.property(bracketsArbitrary, baseArbitrary, (brackets, base) => {
        const scale = scaleOf(brackets);
        const rate = [...brackets].reverse().find((b) => b.threshold <= base)?.rate ?? percentFromMillionths(0);
        const step = subtractDecimal(applyScale(scale, fen(base + 1), asOf, "marginal"), applyScale(scale, base, asOf, "marginal"));
        expect(compareDecimal(step, multiplyMoneyByPercentExact(fen(1), rate))).toBe(0);
        expect(applyScale(scale, base, asOf, "single_rate")).toEqual(multiplyMoneyByPercentExact(base, rate));
      }),
    );
  });

  it("a base below the first threshold owes nothing", () => {
    const scale = scaleOf([{ threshold: fen(100_000), rate: percentFromMillionths(100_000) }]);
    expect(compareDecimal(applyScale(scale, fen(99_999), asOf, "marginal"), decimalFromInteger(0))).toBe(0);
    expect(compareDecimal(applyScale(scale, fen(99_999), asOf, "single_rate"), decimalFromInteger(0))).toBe(0);
  });

  it("a date without any bracket, or a bracket without a rate, is an evaluation error naming the scale", () => {
    const scale = scaleOf([{ threshold: fen(0), rate: percentFromMillionths(0) }]);
    expect(() => applyScale(scale, fen(1), calendarDate(2019, 12, 31), "marginal")).toThrow(new EvaluationError("parameter_has_no_value", "scale `s` has no bracket in force on 2019-12-31", location));
    const from = calendarDate(2020, 1, 1);
    const withoutRate: ScaleData = { name: "s", brackets: [{ name: "b", thresholds: [{ from, until: null, value: fen(0) }], rates: [] }], location };
    expect(() => applyScale(withoutRate, fen(1), asOf, "single_rate")).toThrow("bracket `b` of scale `s` has no rate on 2020-06-01");
  });
});
