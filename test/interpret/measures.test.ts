import { describe, expect, it } from "vitest";
import { evaluate, missingFactsForMeasures } from "../../compiler/interpret.js";
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
import { eligiblePerson, m4Policy } from "./policy-m4.js";
import { errorOf, run, scenarioOf } from "./support.js";

describe("a measure with a rule and an exception", () => {
  it("gives the general rule's value when no exception applies", () => {
    const result = run(m4Policy, { date: "2021-11-15", person: eligiblePerson });
    expect(result.outputs).toEqual({
      m4: {
        in_force: true,
        unemployment_subsidy_eligible: true,
        unemployment_subsidy_monthly: "1166.40",
        unemployment_subsidy_months: 4,
      },
    });
    expect(Object.keys(result.outputs["m4"] ?? {})).toEqual([
      "in_force",
      "unemployment_subsidy_eligible",
      "unemployment_subsidy_monthly",
      "unemployment_subsidy_months",
    ]);
    expect(result.skipped).toEqual([]);
    expect(result.explain).toBeUndefined();
  });

  it("lets the exception override the rule it is an exception to", () => {
    const migrant = { ...eligiblePerson, migrant_worker: true, insured_months: 11 };
    const outputs = run(m4Policy, { date: "2021-11-15", person: migrant }).outputs["m4"];
    expect(outputs?.["unemployment_subsidy_eligible"]).toBe(false);
    expect(outputs?.["unemployment_subsidy_monthly"]).toBe("0.00");
    // 不满1年 excludes 12 months itself
    const twelve = { ...eligiblePerson, migrant_worker: true, insured_months: 12 };
    expect(run(m4Policy, { date: "2021-11-15", person: twelve }).outputs["m4"]?.["unemployment_subsidy_eligible"]).toBe(true);
  });

  it("reads each parameter's value in force on the scenario date", () => {
    const outputs = run(m4Policy, { date: "2022-07-01", person: eligiblePerson }).outputs["m4"];
    expect(outputs?.["unemployment_subsidy_monthly"]).toBe("1310.40");
  });

  it("uses a parameter override whatever the date", () => {
    const json = { date: "2022-07-01", person: eligiblePerson, parameters: { ui_benefit_standard: "1413.00" } };
    expect(run(m4Policy, json).outputs["m4"]?.["unemployment_subsidy_monthly"]).toBe("1130.40");
  });

  it("gives every output its empty value outside the measure's window", () => {
    const result = run(m4Policy, { date: "2021-10-19", person: eligiblePerson });
    expect(result.outputs["m4"]).toEqual({
      in_force: false,
      unemployment_subsidy_eligible: false,
      unemployment_subsidy_monthly: "0.00",
      unemployment_subsidy_months: 0,
    });
  });

  it("closes the window when a scenario overrides an open end date", () => {
    const json = { date: "2022-01-01", person: eligiblePerson, parameters: { epidemic_period_end: "2021-12-31" } };
    expect(run(m4Policy, json).outputs["m4"]?.["in_force"]).toBe(false);
    const lastDay = { ...json, date: "2021-12-31" };
    expect(run(m4Policy, lastDay).outputs["m4"]?.["in_force"]).toBe(true);
  });
});

describe("facts a measure needs", () => {
  it("leaves out a measure whose facts are missing, naming them", () => {
    const { insured: _insured, ...withoutInsured } = eligiblePerson;
    const result = run(m4Policy, { date: "2021-11-15", person: withoutInsured });
    expect(result.outputs).toEqual({});
    expect(result.skipped).toEqual([{ measure: "m4", missing: ["person.insured"] }]);
  });

  it("names the missing facts of measures asked for by name, and refuses to evaluate them", () => {
    const scenario = scenarioOf(m4Policy, { date: "2021-11-15", person: { unemployed: true } });
    expect(missingFactsForMeasures(m4Policy, scenario, ["m4"])).toEqual([
      {
        measure: "m4",
        missing: ["person.insured", "person.insured_months", "person.migrant_worker", "person.subsidy_months_received", "person.ui_status"],
      },
    ]);
    expect(() => evaluate(m4Policy, scenario, { measures: ["m4"] })).toThrow(/measure m4 needs facts/);
    expect(() => evaluate(m4Policy, scenario, { measures: ["m9"] })).toThrow(/no measure m9/);
  });

  it("evaluates only the measures asked for", () => {
    const other = measure("m5", [simple("x", t.integer, e.int(1))]);
    const policy = { ...m4Policy, measures: [...m4Policy.measures, other] };
    const result = evaluate(policy, scenarioOf(policy, { date: "2021-11-15", person: eligiblePerson }), { measures: ["m5"] });
    expect(result.outputs).toEqual({ m5: { in_force: true, x: 1 } });
  });
});

describe("default logic", () => {
  const level = t.enum("level");
  const records = [entityDecl("case", [field("a", t.bool), field("b", t.bool), field("c", t.bool)])];
  const fact = (name: string) => e.fact("case", name, t.bool);
  const policyOf = (rules: Parameters<typeof cases>[2]) =>
    program({ enums: [enumDecl("level", ["low", "mid", "high"])], records, measures: [measure("m", [cases("x", level, rules)])] });
  const decide = (rules: Parameters<typeof cases>[2], facts: { a: boolean; b: boolean; c: boolean }) =>
    run(policyOf(rules), { date: "2021-11-15", case: facts }).outputs["m"]?.["x"];

  const tree = () => [
    rule("base", e.member("level", "low"), {
      exceptions: [
        exception("raised", e.member("level", "mid"), {
          when: fact("a"),
          exceptions: [exception("raised_again", e.member("level", "high"), { when: fact("b") })],
        }),
      ],
    }),
  ];

  it("goes down the exceptions as far as they apply", () => {
    expect(decide(tree(), { a: false, b: false, c: false })).toBe("low");
    // as in Catala, an exception applies on its own condition, even where the one it overrides does not
    expect(decide(tree(), { a: false, b: true, c: false })).toBe("high");
    expect(decide(tree(), { a: true, b: false, c: false })).toBe("mid");
    expect(decide(tree(), { a: true, b: true, c: false })).toBe("high");
  });

  it("reports two sibling rules that apply, naming both", () => {
    const rules = [rule("first", e.member("level", "low"), { when: fact("a") }), rule("second", e.member("level", "mid"), { when: fact("b") })];
    expect(decide(rules, { a: true, b: false, c: false })).toBe("low");
    const error = errorOf(() => decide(rules, { a: true, b: true, c: false }));
    expect(error.code).toBe("conflicting_rules");
    expect(error.message).toMatch(/rule `first` \(test\.tiao:\d+\) and rule `second` \(test\.tiao:\d+\)/);
    expect(error.location?.file).toBe("test.tiao");
  });

  it("reports two sibling exceptions that apply", () => {
    const rules = [
      rule("base", e.member("level", "low"), {
        exceptions: [exception("one", e.member("level", "mid"), { when: fact("a") }), exception("two", e.member("level", "high"), { when: fact("b") })],
      }),
    ];
    expect(errorOf(() => decide(rules, { a: true, b: true, c: false })).message).toMatch(/exception `one`.*exception `two`/);
  });

  it("reports that no rule applies", () => {
    const rules = [rule("only", e.member("level", "low"), { when: fact("a") })];
    const error = errorOf(() => decide(rules, { a: false, b: false, c: false }));
    expect(error.code).toBe("no_rule_applies");
    expect(error.message).toContain("`x`");
  });

  it("considers an exception even where the rule it overrides does not apply", () => {
    const rules = [
      rule("when_a", e.member("level", "low"), { when: fact("a"), exceptions: [exception("e", e.member("level", "high"), { when: fact("c") })] }),
      rule("when_b", e.member("level", "mid"), { when: fact("b") }),
    ];
    expect(decide(rules, { a: false, b: true, c: false })).toBe("mid");
    expect(decide(rules, { a: false, b: false, c: true })).toBe("high");
    const error = errorOf(() => decide(rules, { a: false, b: true, c: true }));
    expect(error.code).toBe("conflicting_rules");
    expect(error.message).toMatch(/rule `when_a`.*rule `when_b`/);
  });

  it("applies a rule only within its own window", () => {
    const dated = program({
      records: [],
      measures: [
        measure("m10", [
          cases("hotline_until", t.time, [
            rule("before", e.time("18:00"), { window: window(e.date("2021-01-01"), e.date("2021-11-04")) }),
            rule("after", e.time("22:00"), { window: window(e.date("2021-11-05")) }),
          ]),
        ]),
      ],
    });
    expect(run(dated, { date: "2021-11-04" }).outputs["m10"]?.["hotline_until"]).toBe("18:00");
    expect(run(dated, { date: "2021-11-05" }).outputs["m10"]?.["hotline_until"]).toBe("22:00");
    expect(errorOf(() => run(dated, { date: "2020-12-31" })).code).toBe("no_rule_applies");
  });

  it("evaluates only the definitions an output asked for reads", () => {
    const unused = cases("unused", t.bool, [rule("never", e.bool(true), { when: fact("a") })], { visibility: "let" });
    const policy = program({ records, measures: [measure("m", [unused, simple("x", t.integer, e.int(1))])] });
    expect(run(policy, { date: "2021-11-15", case: { a: false, b: false, c: false } }).outputs["m"]).toEqual({ in_force: true, x: 1 });
    const reading = program({ records, measures: [measure("m", [unused, simple("x", t.bool, e.definition("unused", t.bool))])] });
    expect(errorOf(() => run(reading, { date: "2021-11-15", case: { a: false, b: false, c: false } })).code).toBe("no_rule_applies");
  });
});

describe("parameters", () => {
  const standard = parameter("standard", t.money, [
    value("200.00", "2020-01-01", { until: "2020-12-31" }),
    value("500.00", "2021-10-01", { until: "2021-12-31" }),
    value("600.00", "2022-01-01"),
  ]);
  const policy = program({ records: [], parameters: [standard], measures: [measure("m", [simple("x", t.money, e.parameter("standard", t.money))])] });
  const x = (date: string) => run(policy, { date }).outputs["m"]?.["x"];

  it("takes the value in force on the date, `until` included", () => {
    expect(x("2020-12-31")).toBe("200.00");
    expect(x("2021-10-01")).toBe("500.00");
    expect(x("2021-12-31")).toBe("500.00");
    expect(x("2030-01-01")).toBe("600.00");
  });

  it("names the parameter and the date when no value is in force", () => {
    const error = errorOf(() => x("2021-06-30"));
    expect(error.code).toBe("parameter_has_no_value");
    expect(error.message).toBe("parameter `standard` has no value on 2021-06-30");
    expect(error.location).toEqual({ file: "test.tiao", line: standard.span.line, column: standard.span.column });
  });

  it("reads a parameter only where a rule needs it", () => {
    const guarded = program({
      records: [],
      parameters: [standard],
      measures: [measure("m", [simple("x", t.money, e.if(e.bool(false), e.parameter("standard", t.money), e.money("0.00")))])],
    });
    expect(run(guarded, { date: "2021-06-30" }).outputs["m"]?.["x"]).toBe("0.00");
  });

  it("runs a value without `until` to the day before the next one", () => {
    const stepped = parameter("rate", t.percent, [value("30", "2021-01-01"), value("50", "2022-01-01")]);
    const p = program({ records: [], parameters: [stepped], measures: [measure("m", [simple("x", t.percent, e.parameter("rate", t.percent))])] });
    expect(run(p, { date: "2021-12-31" }).outputs["m"]?.["x"]).toBe("30%");
    expect(run(p, { date: "2022-01-01" }).outputs["m"]?.["x"]).toBe("50%");
  });
});

describe("lists and parameterised definitions", () => {
  const trainee = recordDecl("trainee", [field("newly_absorbed", t.bool), field("months", t.months)]);
  const enterprise = entityDecl("enterprise", [field("in_difficulty", t.bool), field("trainees", t.list("trainee"))]);
  const traineeType = t.record("trainee");
  const trainees = () => e.fact("enterprise", "trainees", t.list("trainee"));
  const item = (name: string, type = traineeType) => e.local(name, type);
  const policy = program({
    records: [trainee, enterprise],
    parameters: [parameter("monthly", t.money, [value("500.00", "2021-10-01")])],
    measures: [
      measure("m3", [
        cases(
          "subsidisable",
          t.bool,
          [
            rule("general", e.fact("enterprise", "in_difficulty", t.bool), {
              exceptions: [exception("newly_absorbed", e.bool(true), { when: e.field(item("t"), "newly_absorbed", t.bool) })],
            }),
          ],
          { visibility: "let", parameters: [{ name: "t", type: traineeType }] },
        ),
        simple("subsidised_trainees", t.integer, e.count("x", trainees(), e.call("subsidisable", [item("x")], t.bool))),
        simple(
          "person_months",
          t.months,
          e.sum(e.min(e.field(item("x"), "months", t.months), e.months(3)), "x", trainees(), e.call("subsidisable", [item("x")], t.bool)),
        ),
        simple("subsidy", t.money, e.arithmetic("money_mul_integer", e.parameter("monthly", t.money), e.definition("person_months", t.months), t.money)),
        simple("any_new", t.bool, e.any("x", trainees(), e.field(item("x"), "newly_absorbed", t.bool))),
        simple("all_new", t.bool, e.all("x", trainees(), e.field(item("x"), "newly_absorbed", t.bool))),
        simple("listed", t.integer, e.count("x", trainees())),
      ]),
    ],
  });
  const list = [
    { newly_absorbed: true, months: 5 },
    { newly_absorbed: false, months: 2 },
    { newly_absorbed: false, months: 1 },
  ];

  it("counts, sums and tests list items through a parameterised definition", () => {
    const notInDifficulty = run(policy, { date: "2021-11-15", enterprise: { in_difficulty: false, trainees: list } }).outputs["m3"];
    expect(notInDifficulty).toEqual({ in_force: true, subsidised_trainees: 1, person_months: 3, subsidy: "1500.00", any_new: true, all_new: false, listed: 3 });
    const inDifficulty = run(policy, { date: "2021-11-15", enterprise: { in_difficulty: true, trainees: list } }).outputs["m3"];
    expect(inDifficulty?.["person_months"]).toBe(6);
    expect(inDifficulty?.["subsidy"]).toBe("3000.00");
  });

  it("gives the zero of each aggregate on an empty list", () => {
    const empty = run(policy, { date: "2021-11-15", enterprise: { in_difficulty: true, trainees: [] } }).outputs["m3"];
    expect(empty).toEqual({ in_force: true, subsidised_trainees: 0, person_months: 0, subsidy: "0.00", any_new: false, all_new: true, listed: 0 });
  });
});
