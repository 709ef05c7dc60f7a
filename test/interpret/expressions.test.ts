import { describe, expect, it } from "vitest";
import { e, entityDecl, enumDecl, field, t } from "../support/ir-builders.js";
import { errorOf, valueOf } from "./support.js";

const money = (text: string) => e.money(text);
const percent = (text: string) => e.percent(text);

describe("literals", () => {
  it("reads each kind of literal and formats it for output", () => {
    expect(valueOf(e.bool(true))).toBe(true);
    expect(valueOf(e.int(42))).toBe(42);
    expect(valueOf(money("1458.00"))).toBe("1458.00");
    expect(valueOf(percent("12.5"))).toBe("12.5%");
    expect(valueOf(e.decimal("-12.50"))).toBe("-12.5");
    expect(valueOf(e.date("2021-10-20"))).toBe("2021-10-20");
    expect(valueOf(e.time("18:00"))).toBe("18:00");
    expect(valueOf(e.months(6))).toBe(6);
    expect(valueOf(e.members("channel", ["phone", "online"]))).toEqual(["online", "phone"]);
    expect(valueOf(e.absent(t.date))).toBe(null);
  });
});

describe("arithmetic with units", () => {
  it("adds, subtracts and multiplies money exactly", () => {
    expect(valueOf(e.arithmetic("money_add", money("0.10"), money("0.20"), t.money))).toBe("0.30");
    expect(valueOf(e.arithmetic("money_sub", money("1.00"), money("2.50"), t.money))).toBe("-1.50");
    expect(valueOf(e.arithmetic("money_mul_integer", money("500.00"), e.int(3), t.money))).toBe("1500.00");
  });

  it("keeps money × percent unrounded until a rounding, in every mode", () => {
    const product = () => e.arithmetic("money_mul_percent", money("1458.00"), percent("80"), t.unrounded);
    expect(valueOf(product())).toBe("1166.4");
    const third = () => e.arithmetic("money_mul_percent", money("0.10"), percent("33.3333"), t.unrounded);
    expect(valueOf(e.round(third(), "half_up"))).toBe("0.03");
    expect(valueOf(e.round(third(), "down"))).toBe("0.03");
    expect(valueOf(e.round(third(), "up"))).toBe("0.04");
    const half = e.arithmetic("money_mul_percent", money("0.01"), percent("50"), t.unrounded);
    expect(valueOf(e.round(half, "half_up"))).toBe("0.01");
  });

  it("multiplies money by a decimal and adds unrounded amounts", () => {
    const scaled = e.arithmetic("money_mul_decimal", money("100.00"), e.decimal("0.333"), t.unrounded);
    const plus = e.arithmetic("unrounded_add", scaled, e.convert("money_to_unrounded", money("0.01"), t.unrounded), t.unrounded);
    expect(valueOf(plus)).toBe("33.31");
    const minus = e.arithmetic("unrounded_sub", e.convert("money_to_unrounded", money("1.00"), t.unrounded), e.arithmetic("money_mul_decimal", money("1.00"), e.decimal("0.005"), t.unrounded), t.unrounded);
    expect(valueOf(e.round(minus, "half_up"))).toBe("1.00");
  });

  it("computes with integers, decimals and percentages", () => {
    expect(valueOf(e.arithmetic("integer_add", e.int(2), e.int(3), t.integer))).toBe(5);
    expect(valueOf(e.arithmetic("integer_sub", e.int(2), e.int(3), t.integer))).toBe(-1);
    expect(valueOf(e.arithmetic("integer_mul", e.int(4), e.int(3), t.integer))).toBe(12);
    expect(valueOf(e.arithmetic("integer_mul_percent", e.int(7), percent("50"), t.decimal))).toBe("3.5");
    expect(valueOf(e.arithmetic("decimal_add", e.decimal("0.1"), e.decimal("0.2"), t.decimal))).toBe("0.3");
    expect(valueOf(e.arithmetic("decimal_sub", e.decimal("0.1"), e.decimal("0.2"), t.decimal))).toBe("-0.1");
    expect(valueOf(e.arithmetic("decimal_mul", e.decimal("1.5"), e.decimal("-2"), t.decimal))).toBe("-3");
    expect(valueOf(e.arithmetic("decimal_mul_percent", e.decimal("10"), percent("12.5"), t.decimal))).toBe("1.25");
    expect(valueOf(e.negate(e.decimal("2.5")))).toBe("-2.5");
    expect(valueOf(e.convert("integer_to_decimal", e.int(3), t.decimal))).toBe("3");
  });

  it("rounds decimals to whole numbers", () => {
    expect(valueOf(e.round(e.decimal("2.5")))).toBe(3);
    expect(valueOf(e.round(e.decimal("-2.5")))).toBe(-3);
    expect(valueOf(e.round(e.decimal("2.5"), "down"))).toBe(2);
    expect(valueOf(e.floor(e.decimal("-2.5")))).toBe(-3);
    expect(valueOf(e.ceil(e.decimal("-2.5")))).toBe(-2);
    expect(valueOf(e.floor(e.arithmetic("integer_mul_percent", e.int(7), percent("50"), t.decimal)))).toBe(3);
  });

  it("computes with months, days and dates by the month rule", () => {
    expect(valueOf(e.arithmetic("months_add", e.months(6), e.convert("integer_to_months", e.int(2), t.months), t.months))).toBe(8);
    expect(valueOf(e.arithmetic("months_sub", e.months(6), e.months(8), t.months))).toBe(-2);
    expect(valueOf(e.arithmetic("months_mul_integer", e.months(3), e.int(2), t.months))).toBe(6);
    expect(valueOf(e.arithmetic("days_add", e.days(1), e.convert("integer_to_days", e.int(2), t.days), t.days))).toBe(3);
    expect(valueOf(e.arithmetic("days_sub", e.days(1), e.days(2), t.days))).toBe(-1);
    expect(valueOf(e.arithmetic("days_mul_integer", e.days(7), e.int(2), t.days))).toBe(14);
    expect(valueOf(e.arithmetic("date_add_months", e.date("2021-08-31"), e.months(6), t.date))).toBe("2022-02-28");
    expect(valueOf(e.arithmetic("date_sub_months", e.date("2021-03-31"), e.months(1), t.date))).toBe("2021-02-28");
    expect(valueOf(e.arithmetic("date_add_days", e.date("2021-12-31"), e.days(1), t.date))).toBe("2022-01-01");
    expect(valueOf(e.arithmetic("date_sub_days", e.date("2022-03-01"), e.days(1), t.date))).toBe("2022-02-28");
    expect(valueOf(e.arithmetic("date_diff", e.date("2021-11-05"), e.date("2021-10-20"), t.days))).toBe(16);
  });

  it("takes the smaller or larger of two values of one unit", () => {
    expect(valueOf(e.min(money("250000.00"), money("200000.00")))).toBe("200000.00");
    expect(valueOf(e.max(e.months(0), e.arithmetic("months_sub", e.months(6), e.months(8), t.months)))).toBe(0);
    expect(valueOf(e.min(e.date("2021-10-20"), e.date("2021-10-19")))).toBe("2021-10-19");
    expect(valueOf(e.max(e.decimal("-1.5"), e.decimal("-1.25")))).toBe("-1.25");
  });

  it("reports an amount or a number too large to compute exactly", () => {
    const huge = e.arithmetic("money_mul_integer", money("90000000000000.00"), e.int(100), t.money);
    expect(errorOf(() => valueOf(huge)).code).toBe("amount_too_large");
    const big = e.arithmetic("integer_mul", e.int(2 ** 40), e.int(2 ** 20), t.integer);
    const error = errorOf(() => valueOf(big));
    expect(error.code).toBe("amount_too_large");
    expect(error.location?.file).toBe("test.tiao");
  });
});

describe("logic and choice", () => {
  it("compares values of each type", () => {
    expect(valueOf(e.compare("<", money("1.00"), money("1.01")))).toBe(true);
    expect(valueOf(e.compare(">=", e.date("2021-10-20"), e.date("2021-10-20")))).toBe(true);
    expect(valueOf(e.compare("=", e.decimal("1.50"), e.decimal("1.5")))).toBe(true);
    expect(valueOf(e.compare("<", e.decimal("-1"), e.decimal("0.5")))).toBe(true);
    expect(valueOf(e.compare("!=", e.member("size", "large"), e.member("size", "small")))).toBe(true);
    expect(valueOf(e.compare("=", e.members("size", ["a", "b"]), e.members("size", ["b", "a"])))).toBe(true);
    expect(valueOf(e.compare(">", e.time("16:00"), e.time("15:00")))).toBe(true);
  });

  it("short-circuits and, or and if: the other side is not evaluated", () => {
    const failing = e.compare("=", e.arithmetic("integer_mul", e.int(2 ** 40), e.int(2 ** 20), t.integer), e.int(0));
    expect(valueOf(e.and(e.bool(false), failing))).toBe(false);
    expect(valueOf(e.or(e.bool(true), failing))).toBe(true);
    expect(valueOf(e.if(e.bool(true), e.int(1), e.arithmetic("integer_mul", e.int(2 ** 40), e.int(2 ** 20), t.integer)))).toBe(1);
    expect(valueOf(e.not(e.bool(true)))).toBe(false);
  });

  it("chooses a match arm by enum member, or the else arm", () => {
    const size = enumDecl("size", ["large", "medium", "small"]);
    const enterprise = entityDecl("enterprise", [field("size", t.enum("size"))]);
    const rate = () =>
      e.match(e.fact("enterprise", "size", t.enum("size")), [
        [["large"], percent("30")],
        [["medium", "small"], percent("60")],
      ]);
    const schema = { enums: [size], records: [enterprise] };
    expect(valueOf(rate(), { date: "2021-11-15", enterprise: { size: "large" } }, schema)).toBe("30%");
    expect(valueOf(rate(), { date: "2021-11-15", enterprise: { size: "small" } }, schema)).toBe("60%");
    const withElse = e.match(e.fact("enterprise", "size", t.enum("size")), [[["large"], e.int(1)]], e.int(2));
    expect(valueOf(withElse, { date: "2021-11-15", enterprise: { size: "medium" } }, schema)).toBe(2);
  });

  it("tests membership in a set literal or a set fact", () => {
    const status = enumDecl("status", ["receiving", "expired", "not_qualified"]);
    const person = entityDecl("person", [field("status", t.enum("status")), field("statuses", t.set("status"))]);
    const schema = { enums: [status], records: [person] };
    const inLiteral = e.in(e.fact("person", "status", t.enum("status")), e.members("status", ["expired", "not_qualified"]));
    const json = { date: "2021-11-15", person: { status: "expired", statuses: ["receiving"] } };
    expect(valueOf(inLiteral, json, schema)).toBe(true);
    const inFact = e.in(e.fact("person", "status", t.enum("status")), e.fact("person", "statuses", t.set("status")));
    expect(valueOf(inFact, json, schema)).toBe(false);
  });

  it("tests optional values and falls back with otherwise", () => {
    const person = entityDecl("person", [field("end", t.optional(t.date))]);
    const schema = { records: [person] };
    const end = () => e.fact("person", "end", t.optional(t.date));
    const given = { date: "2021-11-15", person: { end: "2021-12-01" } };
    const leftOut = { date: "2021-11-15", person: {} };
    expect(valueOf(e.isPresent(end()), given, schema)).toBe(true);
    expect(valueOf(e.isAbsent(end()), leftOut, schema)).toBe(true);
    expect(valueOf(e.otherwise(end(), e.date("2099-12-31")), given, schema)).toBe("2021-12-01");
    expect(valueOf(e.otherwise(end(), e.date("2099-12-31")), leftOut, schema)).toBe("2099-12-31");
    const narrowed = e.and(e.isPresent(end()), e.compare("<", e.fact("person", "end", t.date), e.date("2022-01-01")));
    expect(valueOf(narrowed, given, schema)).toBe(true);
    expect(valueOf(narrowed, leftOut, schema)).toBe(false);
  });
});
