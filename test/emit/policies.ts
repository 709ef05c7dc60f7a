/**
 * Hand-built policies that use every operation of the IR, for the emitter's tests: what
 * the generated code must type-check and agree with the interpreter on.
 */
import type { ExprIR, ProgramIR } from "../../compiler/ir.js";
import {
  cases,
  e,
  entityDecl,
  enumDecl,
  exception,
  field,
  measure,
  parameter,
  program,
  recordDecl,
  rule,
  simple,
  t,
  value,
  window,
} from "../support/ir-builders.js";

const size = t.enum("size");
const status = t.enum("status");
const channel = t.enum("channel");
const traineeType = t.record("trainee");

const fact = (name: string, type: Parameters<typeof e.fact>[2]) => e.fact("enterprise", name, type);
const trainees = () => fact("trainees", t.list("trainee"));
const item = (name = "t") => e.local(name, traineeType);
const itemField = (name: string, type: Parameters<typeof e.fact>[2], variable = "t") => e.field(item(variable), name, type);
const let_ = { visibility: "let" } as const;

function arithmetic(operator: Parameters<typeof e.arithmetic>[0], left: ExprIR, right: ExprIR, type: Parameters<typeof e.arithmetic>[3]): ExprIR {
  return e.arithmetic(operator, left, right, type);
}

const values = measure(
  "values",
  [
    simple("rate", t.percent, e.match(fact("size", size), [[["large"], e.parameter("rate_large", t.percent)], [["medium", "small", "micro"], e.parameter("rate_sme", t.percent)]])),
    simple(
      "refund",
      t.money,
      e.if(fact("meets", t.bool), e.round(arithmetic("money_mul_percent", fact("premiums", t.money), e.definition("rate", t.percent), t.unrounded)), e.money("0.00")),
    ),
    simple("refund_down", t.money, e.round(arithmetic("money_mul_decimal", fact("premiums", t.money), e.decimal("0.333"), t.unrounded), "down")),
    simple(
      "combined",
      t.money,
      e.round(
        arithmetic(
          "unrounded_sub",
          arithmetic("unrounded_add", arithmetic("money_mul_percent", fact("premiums", t.money), e.definition("rate", t.percent), t.unrounded), e.convert("money_to_unrounded", fact("premiums", t.money), t.unrounded), t.unrounded),
          e.convert("money_to_unrounded", e.money("0.50"), t.unrounded),
          t.unrounded,
        ),
        "up",
      ),
    ),
    simple("capped", t.money, e.min(fact("premiums", t.money), e.parameter("cap", t.money))),
    simple("margin", t.money, arithmetic("money_sub", e.definition("capped", t.money), e.money("1000.00"), t.money)),
    simple("doubled", t.money, arithmetic("money_add", arithmetic("money_mul_integer", fact("premiums", t.money), e.int(2), t.money), e.money("0.01"), t.money)),
    simple("smaller", t.money, e.max(e.money("0.00"), e.definition("margin", t.money))),
    simple("difficulty", t.bool, e.compare("<", e.field(fact("revenue", t.record("indicator")), "current", t.decimal), e.field(fact("revenue", t.record("indicator")), "previous", t.decimal))),
    simple("change", t.decimal, arithmetic("decimal_sub", e.field(fact("revenue", t.record("indicator")), "current", t.decimal), e.field(fact("revenue", t.record("indicator")), "previous", t.decimal), t.decimal)),
    simple("scaled", t.decimal, arithmetic("decimal_add", arithmetic("decimal_mul", e.definition("change", t.decimal), fact("ratio", t.decimal), t.decimal), e.negate(e.decimal("1.5")), t.decimal)),
    simple("share", t.decimal, arithmetic("decimal_mul_percent", fact("ratio", t.decimal), e.definition("rate", t.percent), t.decimal)),
    simple("hours_share", t.decimal, arithmetic("integer_mul_percent", fact("hours", t.integer), e.definition("rate", t.percent), t.decimal)),
    simple("rounded", t.integer, arithmetic("integer_add", e.round(e.definition("share", t.decimal)), arithmetic("integer_sub", e.floor(e.definition("scaled", t.decimal)), e.ceil(e.definition("hours_share", t.decimal)), t.integer), t.integer)),
    simple("rounded_down", t.integer, e.round(e.definition("scaled", t.decimal), "down")),
    simple("largest", t.decimal, e.max(e.definition("change", t.decimal), fact("ratio", t.decimal))),
    simple("smallest", t.decimal, e.min(e.definition("change", t.decimal), e.convert("integer_to_decimal", fact("hours", t.integer), t.decimal))),
    simple("same_ratio", t.bool, e.compare("=", fact("ratio", t.decimal), e.decimal("0.5"))),
    simple("squared", t.integer, arithmetic("integer_mul", fact("hours", t.integer), fact("hours", t.integer), t.integer)),
    simple("term_end", t.date, arithmetic("date_sub_days", arithmetic("date_add_months", fact("opened", t.date), e.months(6), t.date), e.days(1), t.date)),
    simple("month_before", t.date, arithmetic("date_sub_months", fact("opened", t.date), e.months(1), t.date)),
    simple("later", t.date, arithmetic("date_add_days", fact("opened", t.date), fact("days_open", t.days), t.date)),
    simple("open_days", t.days, arithmetic("date_diff", e.otherwise(fact("closes", t.optional(t.date)), e.date("2022-06-30")), fact("opened", t.date), t.days)),
    simple(
      "month_count",
      t.months,
      arithmetic("months_sub", arithmetic("months_add", e.convert("integer_to_months", fact("hours", t.integer), t.months), e.months(2), t.months), arithmetic("months_mul_integer", e.months(1), e.int(2), t.months), t.months),
    ),
    simple(
      "day_count",
      t.days,
      arithmetic("days_sub", arithmetic("days_add", e.convert("integer_to_days", fact("hours", t.integer), t.days), fact("days_open", t.days), t.days), arithmetic("days_mul_integer", e.days(7), e.int(2), t.days), t.days),
    ),
    simple("closes_soon", t.bool, e.and(e.isPresent(fact("closes", t.optional(t.date))), e.compare("<", fact("closes", t.date), e.date("2022-01-01")))),
    simple(
      "before_end",
      t.bool,
      e.or(e.isAbsent(e.parameter("period_end", t.optional(t.date))), e.compare("<=", fact("opened", t.date), e.parameter("period_end", t.date))),
    ),
    simple(
      "closing",
      t.optional(t.date),
      e.if(
        e.isPresent(fact("closes", t.optional(t.date))),
        e.convert("to_optional", arithmetic("date_add_days", fact("closes", t.date), e.days(1), t.date), t.optional(t.date)),
        e.absent(t.date),
      ),
    ),
    simple("late", t.bool, e.compare(">", fact("staffed_until", t.time), e.time("18:00"))),
    simple("staffed", t.time, e.max(fact("staffed_until", t.time), e.time("18:00"))),
    simple("statuses", t.set("status"), e.if(fact("meets", t.bool), e.members("status", ["receiving", "expired"]), fact("statuses", t.set("status")))),
    simple("expired_listed", t.bool, e.in(e.member("status", "expired"), fact("statuses", t.set("status")))),
    simple("small_enough", t.bool, e.in(fact("size", size), e.members("size", ["small", "micro"]))),
    simple("same_statuses", t.bool, e.compare("=", e.definition("statuses", t.set("status")), fact("statuses", t.set("status")))),
    simple("not_large", t.bool, e.not(e.compare("=", fact("size", size), e.member("size", "large")))),
    simple("size_code", t.integer, e.match(fact("size", size), [[["large"], e.int(4)], [["medium"], e.int(3)]], e.int(1))),
    simple("label", channel, e.match(e.if(fact("meets", t.bool), fact("size", size), e.member("size", "micro")), [[["large", "medium"], e.member("channel", "offline")]], e.member("channel", "online"))),
    simple("standard", t.money, e.if(fact("meets", t.bool), e.parameter("standard", t.money), e.money("0.00"))),
    cases("channel", channel, [
      rule("before", e.member("channel", "offline"), { window: window(e.date("2021-06-01"), e.date("2021-10-31")) }),
      rule("after", e.member("channel", "online"), { window: window(e.date("2021-11-01")) }),
    ]),
  ],
  { title: "values of every type", window: window(e.date("2021-06-01"), e.parameter("period_end", t.optional(t.date))) },
);

const rules = measure("rules", [
  cases("level", size, [
    rule("above_ten", e.member("size", "large"), {
      when: e.compare(">", fact("hours", t.integer), e.int(10)),
      exceptions: [
        exception("meets", e.member("size", "medium"), {
          when: fact("meets", t.bool),
          exceptions: [exception("micro", e.member("size", "micro"), { when: e.compare("=", fact("size", size), e.member("size", "micro")) })],
        }),
      ],
    }),
    rule("above_twenty", e.member("size", "small"), { when: e.compare(">", fact("hours", t.integer), e.int(20)) }),
    rule("up_to_ten", e.member("size", "small"), { when: e.compare("<=", fact("hours", t.integer), e.int(10)) }),
  ]),
  cases("strict", t.integer, [rule("only_when_met", e.int(1), { when: fact("meets", t.bool) })]),
  cases("windowed", t.money, [
    rule("standard", e.parameter("standard", t.money), { window: window(e.parameter("standard_from", t.date), e.date("2021-12-31")) }),
    rule("otherwise", e.money("0.00"), { when: e.not(e.and(e.compare(">=", e.parameter("standard_from", t.date), e.date("2021-01-01")), e.bool(false))) }),
  ]),
]);

const subsidisable = cases(
  "subsidisable",
  t.bool,
  [
    rule("general", e.and(e.definition("in_difficulty", t.bool), e.compare(">=", itemField("months", t.integer), e.int(1))), {
      exceptions: [exception("newly_absorbed", e.bool(true), { when: itemField("newly_absorbed", t.bool) })],
    }),
  ],
  { ...let_, parameters: [{ name: "t", type: traineeType }] },
);

const lists = measure(
  "lists",
  [
    simple("in_difficulty", t.bool, e.compare("<", e.field(fact("revenue", t.record("indicator")), "current", t.decimal), e.decimal("0")), let_),
    subsidisable,
    cases(
      "wage_share",
      t.money,
      [rule("rated", e.round(arithmetic("money_mul_percent", itemField("wage", t.money, "w"), e.parameter("rate_sme", t.percent), t.unrounded)), { window: window(e.parameter("standard_from", t.date)) }), rule("before", e.money("0.00"), { window: window(e.date("2000-01-01"), e.date("2021-09-30")) })],
      { ...let_, parameters: [{ name: "w", type: traineeType }] },
    ),
    simple("subsidised", t.integer, e.count("t", trainees(), e.call("subsidisable", [item()], t.bool))),
    simple("person_months", t.integer, e.sum(e.min(itemField("months", t.integer), e.int(3)), "t", trainees(), e.call("subsidisable", [item()], t.bool))),
    simple("subsidy", t.money, arithmetic("money_mul_integer", e.parameter("standard", t.money), e.definition("person_months", t.integer), t.money)),
    simple("wages", t.money, e.sum(itemField("wage", t.money), "t", trainees())),
    simple("doubled_new_wages", t.money, arithmetic("money_mul_integer", e.sum(itemField("wage", t.money), "t", trainees(), itemField("newly_absorbed", t.bool)), e.int(2), t.money)),
    simple("shares", t.money, e.sum(e.call("wage_share", [item("x")], t.money), "x", trainees())),
    simple("any_new", t.bool, e.any("t", trainees(), itemField("newly_absorbed", t.bool))),
    simple("all_long", t.bool, e.all("t", trainees(), e.compare(">=", itemField("months", t.integer), e.int(3)))),
    simple("some", t.bool, e.any("t", trainees())),
    simple("every", t.bool, e.all("t", trainees())),
    simple("listed", t.integer, e.count("t", trainees())),
    simple(
      "longest_unique",
      t.integer,
      e.count(
        "t",
        trainees(),
        e.and(e.compare(">", itemField("months", t.integer), e.int(0)), e.compare("=", e.count("u", trainees(), e.compare(">", itemField("months", t.integer, "u"), itemField("months", t.integer))), e.int(0))),
      ),
    ),
    simple("starts_known", t.integer, e.count("t", trainees(), e.and(e.isPresent(itemField("start", t.optional(t.date))), e.compare("<", itemField("start", t.date), e.date("2021-11-01"))))),
    simple("ratio_total", t.decimal, e.sum(e.convert("integer_to_decimal", itemField("months", t.integer), t.decimal), "t", trainees(), e.bool(true))),
    simple("month_total", t.integer, arithmetic("integer_add", e.sum(itemField("months", t.integer), "t", trainees()), e.int(1), t.integer)),
  ],
  { window: window(e.parameter("standard_from", t.date)) },
);

export const everyOperationPolicy: ProgramIR = program({
  enums: [
    enumDecl("size", ["large", "medium", "small", "micro"], "企业规模"),
    enumDecl("status", ["receiving", "expired", "not_qualified"]),
    enumDecl("channel", ["online", "offline"]),
  ],
  records: [
    recordDecl("trainee", [field("newly_absorbed", t.bool, "新吸纳"), field("months", t.integer), field("wage", t.money), field("start", t.optional(t.date))]),
    recordDecl("indicator", [field("current", t.decimal), field("previous", t.decimal)]),
    entityDecl(
      "enterprise",
      [
        field("size", size),
        field("premiums", t.money, "上年度实际缴纳失业保险费"),
        field("meets", t.bool),
        field("trainees", t.list("trainee")),
        field("revenue", t.record("indicator")),
        field("statuses", t.set("status")),
        field("ratio", t.decimal),
        field("opened", t.date),
        field("closes", t.optional(t.date)),
        field("staffed_until", t.time),
        field("hours", t.integer),
        field("days_open", t.days),
      ],
      "企业",
    ),
  ],
  parameters: [
    parameter("rate_large", t.percent, [value("30", "2021-01-01")]),
    parameter("rate_sme", t.percent, [value("60", "2021-01-01", { until: "2021-12-31" }), value("50", "2022-01-01")]),
    parameter("standard", t.money, [value("500.00", "2021-10-01", { until: "2021-12-31" })], "以工代训补贴标准"),
    parameter("standard_from", t.date, [value("2021-10-01", "2021-01-01")]),
    parameter("period_end", t.optional(t.date), [value(null, "2021-01-01")]),
    parameter("cap", t.money, [value("200000.00", "2021-01-01")]),
  ],
  measures: [values, rules, lists],
});

