import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimal } from "../../runtime/decimal.js";
import { fen, percentFromMillionths } from "../../runtime/money.js";
import { parseDate, parseTime } from "../../runtime/dates.js";
import {
  emptyValue,
  formatValue,
  missingFacts,
  readScenario,
  readValue,
  type Scenario,
  type ScenarioError,
} from "../../runtime/scenario.js";
import { JsonNumber } from "../../runtime/json.js";
import type { FactSchema, FieldDecl, SourceSpan, ValueType } from "../../runtime/types.js";

const span: SourceSpan = { file: "test.tiao", line: 1, column: 1, endLine: 1, endColumn: 2, start: 0, end: 1 };
const field = (name: string, type: ValueType): FieldDecl => ({ name, type, span });
const optional = (of: ValueType): ValueType => ({ kind: "optional", of });

const schema: FactSchema = {
  enums: [
    { name: "size", members: ["large", "medium", "small", "micro"].map((name) => ({ name })), span },
    { name: "target_group", members: ["poor", "graduate", "none"].map((name) => ({ name })), span },
  ],
  records: [
    {
      name: "person",
      entity: true,
      fields: [
        field("unemployed", { kind: "bool" }),
        field("insured_months", { kind: "months" }),
        field("public_welfare_post_end", optional({ kind: "date" })),
        field("hotline_call", { kind: "time" }),
        field("age", { kind: "integer" }),
        field("stoppage_days", { kind: "days" }),
      ],
      span,
    },
    {
      name: "enterprise",
      entity: true,
      fields: [
        field("size", { kind: "enum", name: "size" }),
        field("ui_premiums_last_year", { kind: "money" }),
        field("trainees", { kind: "list", of: "trainee" }),
        field("indicators", { kind: "record", name: "indicators" }),
        field("groups", { kind: "set", of: "target_group" }),
        field("growth", { kind: "percent" }),
        field("loan_requested", optional({ kind: "money" })),
      ],
      span,
    },
    {
      name: "trainee",
      entity: false,
      fields: [
        field("target_group", { kind: "enum", name: "target_group" }),
        field("newly_absorbed", { kind: "bool" }),
        field("months", { kind: "months" }),
        field("left_on", optional({ kind: "date" })),
      ],
      span,
    },
    { name: "indicators", entity: false, fields: [field("revenue", { kind: "decimal" }), field("profit", { kind: "decimal" })], span },
  ],
  parameters: [
    { name: "ui_benefit_standard", type: { kind: "money" } },
    { name: "epidemic_period_end", type: optional({ kind: "date" }) },
    { name: "refund_rate_sme", type: { kind: "percent" } },
  ],
};

function read(json: unknown): Scenario {
  const result = readScenario(JSON.stringify(json), schema);
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.scenario;
}

function errorsOf(text: string): ScenarioError[] {
  const result = readScenario(text, schema);
  if (result.ok) throw new Error(`unexpected success on ${text}`);
  return result.errors;
}

/** The errors of a scenario on 2021-11-15 with the given entities. */
function factErrors(facts: Record<string, unknown>): ScenarioError[] {
  return errorsOf(JSON.stringify({ date: "2021-11-15", ...facts }));
}

describe("readScenario: a valid scenario", () => {
  it("reads every type into its runtime value", () => {
    const scenario = read({
      date: "2021-11-15",
      parameters: { ui_benefit_standard: "1638.00", epidemic_period_end: null, refund_rate_sme: "60%" },
      person: { unemployed: true, insured_months: 30, public_welfare_post_end: "2022-01-31", hotline_call: "21:30", age: 0, stoppage_days: 45 },
      enterprise: {
        size: "small",
        ui_premiums_last_year: "12345.67",
        trainees: [{ target_group: "poor", newly_absorbed: true, months: 3 }],
        indicators: { revenue: "123456789012345678901234.5", profit: -12.5 },
        groups: ["poor", "graduate"],
        growth: 12.5,
        loan_requested: 300000,
      },
    });
    expect(scenario.date).toBe(parseDate("2021-11-15"));
    expect(scenario.parameters).toEqual({
      ui_benefit_standard: fen(163800),
      epidemic_period_end: null,
      refund_rate_sme: percentFromMillionths(600000),
    });
    expect(scenario.facts).toEqual({
      person: {
        unemployed: true,
        insured_months: 30,
        public_welfare_post_end: parseDate("2022-01-31"),
        hotline_call: parseTime("21:30"),
        age: 0,
        stoppage_days: 45,
      },
      enterprise: {
        size: "small",
        ui_premiums_last_year: 1234567,
        trainees: [{ target_group: "poor", newly_absorbed: true, months: 3, left_on: null }],
        indicators: { revenue: decimal("123456789012345678901234.5"), profit: decimal("-12.5") },
        groups: ["graduate", "poor"],
        growth: 125000,
        loan_requested: 30000000,
      },
    });
  });

  it("leaves out missing fields, gives null to missing optional ones, and has every entity", () => {
    const scenario = read({ date: "2021-11-15", person: { unemployed: false } });
    expect(scenario.facts).toEqual({
      person: { unemployed: false, public_welfare_post_end: null },
      enterprise: { loan_requested: null },
    });
    expect(scenario.parameters).toEqual({});
  });

  it.each<[unknown, number]>([
    [1820, 182000],
    ["1820", 182000],
    ["1820.5", 182050],
    [1820.5, 182050],
    ["0.01", 1],
    [1e3, 100000],
    [1820.5, 182050],
  ])("reads the amount %j as %i fen", (amount, expected) => {
    expect(read({ date: "2021-11-15", enterprise: { ui_premiums_last_year: amount } }).facts["enterprise"]?.["ui_premiums_last_year"]).toBe(expected);
  });

  it("reads a JSON number amount by its value, trailing zeros and exponents included", () => {
    const text = '{"date": "2021-11-15", "enterprise": {"ui_premiums_last_year": 1820.500, "growth": 6e1}}';
    const result = readScenario(text, schema);
    expect(result.ok && result.scenario.facts["enterprise"]).toEqual({ ui_premiums_last_year: 182050, growth: 600000, loan_requested: null });
  });
});

describe("readScenario: errors name the JSON path", () => {
  it("reports malformed JSON with its line and column", () => {
    expect(errorsOf('{\n  "date": "2021-11-15",\n  "person": {"unemployed": tru}\n}')).toEqual([
      { path: "(json)", message: 'line 3, column 28: unexpected character "t", expected a value' },
    ]);
    expect(errorsOf('{"date": "2021-11-15", "date": "2021-11-16"}')).toEqual([
      { path: "(json)", message: 'line 1, column 24: duplicate key "date"' },
    ]);
  });

  it("wants an object at the top", () => {
    expect(errorsOf("[1, 2]")).toEqual([{ path: "(json)", message: 'expected an object with "date" and the facts of the case, got a list' }]);
  });

  it.each<[unknown, string]>([
    ["2021-02-30", 'expected a real calendar date, got "2021-02-30"'],
    ["2021-2-3", 'expected a date "YYYY-MM-DD", got "2021-2-3"'],
    [20211115, 'expected a date "YYYY-MM-DD", got 20211115'],
    [null, 'expected a date "YYYY-MM-DD", got null'],
  ])("refuses the date %j", (date, message) => {
    expect(errorsOf(JSON.stringify({ date }))).toEqual([{ path: "date", message }]);
  });

  it("requires the date", () => {
    expect(errorsOf("{}")).toEqual([{ path: "date", message: 'missing: the date of the case is required, as "YYYY-MM-DD"' }]);
  });

  it("refuses unknown entities, fields and parameters, suggesting the name meant", () => {
    expect(
      factErrors({
        persn: {},
        company: {},
        person: { insurd_months: 3, shoe_size: 42 },
        parameters: { ui_benefit_standrd: "1" },
      }),
    ).toEqual([
      { path: "persn", message: 'unknown key, did you mean "person"?' },
      { path: "company", message: 'unknown key: expected one of "date", "parameters", "person", "enterprise"' },
      { path: "person.insurd_months", message: 'unknown field of person, did you mean "insured_months"?' },
      { path: "person.shoe_size", message: "unknown field of person" },
      { path: "parameters.ui_benefit_standrd", message: 'unknown parameter, did you mean "ui_benefit_standard"?' },
    ]);
    expect(factErrors({ parameters: { minimum_wage: "1820" } })).toEqual([
      { path: "parameters.minimum_wage", message: "unknown parameter: no parameter of the policy has this name" },
    ]);
  });

  it("names an empty key in the path as JSON writes it", () => {
    expect(factErrors({ "": 1, person: { "": 2 }, parameters: { "": 3 } }).map((error) => error.path)).toEqual(['""', 'person.""', 'parameters.""']);
  });

  it.each<[string, unknown, string]>([
    ["insured_months", "abc", 'expected a non-negative integer, got "abc"'],
    ["insured_months", -3, "expected a non-negative integer, got -3"],
    ["insured_months", 2.5, "expected a non-negative integer, got 2.5"],
    ["insured_months", "3", 'expected a non-negative integer, got "3"'],
    ["insured_months", 1e300, "number too large to compute exactly, got 1e+300"],
    ["age", true, "expected a non-negative integer, got true"],
    ["stoppage_days", [], "expected a non-negative integer, got a list"],
    ["unemployed", "yes", 'expected true or false, got "yes"'],
    ["unemployed", 1, "expected true or false, got 1"],
    ["hotline_call", "24:00", 'expected a time of day "HH:MM" from 00:00 to 23:59, got "24:00"'],
    ["hotline_call", "9:30", 'expected a time of day "HH:MM" from 00:00 to 23:59, got "9:30"'],
    ["public_welfare_post_end", "2021-02-30", 'expected a real calendar date, got "2021-02-30"'],
    ["public_welfare_post_end", {}, 'expected a date "YYYY-MM-DD", got an object'],
  ])("person.%s = %j: %s", (name, value, message) => {
    expect(factErrors({ person: { [name]: value } })).toEqual([{ path: `person.${name}`, message }]);
  });

  it.each<[string, unknown, string]>([
    ["ui_premiums_last_year", -5, "expected an amount that is not negative, got -5"],
    ["ui_premiums_last_year", "-5.00", 'expected an amount that is not negative, got "-5.00"'],
    ["ui_premiums_last_year", "1.005", 'expected an amount with at most two decimals (whole fen), got "1.005"'],
    ["ui_premiums_last_year", 1.005, "expected an amount with at most two decimals (whole fen), got 1.005"],
    ["ui_premiums_last_year", "abc", 'expected an amount of money such as 1820 or "1820.50", got "abc"'],
    ["ui_premiums_last_year", "1e3", 'expected an amount of money such as 1820 or "1820.50", got "1e3"'],
    ["ui_premiums_last_year", "1 820", 'expected an amount of money such as 1820 or "1820.50", got "1 820"'],
    ["ui_premiums_last_year", true, 'expected an amount of money such as 1820 or "1820.50", got true'],
    ["ui_premiums_last_year", 1e20, "amount too large to compute exactly, got 100000000000000000000"],
    ["ui_premiums_last_year", "100000000000000000000", 'amount too large to compute exactly, got "100000000000000000000"'],
    ["loan_requested", -1, "expected an amount that is not negative, got -1"],
    ["size", "huge", 'expected one of "large", "medium", "small", "micro", got "huge"'],
    ["size", null, 'expected one of "large", "medium", "small", "micro", got null'],
    ["growth", -5, 'expected a percentage such as "60%", "12.5" or 60, not negative, with at most four decimals, got -5'],
    ["growth", "12.34567%", 'expected a percentage such as "60%", "12.5" or 60, not negative, with at most four decimals, got "12.34567%"'],
    ["growth", "sixty", 'expected a percentage such as "60%", "12.5" or 60, not negative, with at most four decimals, got "sixty"'],
    ["groups", "poor", 'expected a list of target_group members such as ["a", "b"], got "poor"'],
    ["trainees", {}, "expected a list of trainee records, got an object"],
    ["indicators", [], "expected an object with the fields of indicators, got a list"],
  ])("enterprise.%s = %j: %s", (name, value, message) => {
    expect(factErrors({ enterprise: { [name]: value } })).toEqual([{ path: `enterprise.${name}`, message }]);
  });

  it("refuses a set member listed twice or not a member", () => {
    expect(factErrors({ enterprise: { groups: ["poor", "graduate", "poor", "rich"] } })).toEqual([
      { path: "enterprise.groups[2]", message: '"poor" is listed twice' },
      { path: "enterprise.groups[3]", message: 'expected one of "poor", "graduate", "none", got "rich"' },
    ]);
  });

  it("requires every field of a list item and of a nested record, except optional ones", () => {
    expect(
      factErrors({
        enterprise: {
          trainees: [
            { target_group: "poor", newly_absorbed: true, months: 3 },
            "trainee",
            { target_group: "none", newly_absorbed: false, months: "abc", left_on: "2021-13-01" },
            { target_group: "graduate", newly_absorbd: true },
          ],
          indicators: { revenue: "1e400" },
        },
      }),
    ).toEqual([
      { path: "enterprise.trainees[1]", message: 'expected an object with the fields of trainee, got "trainee"' },
      { path: "enterprise.trainees[2].months", message: 'expected a non-negative integer, got "abc"' },
      { path: "enterprise.trainees[2].left_on", message: 'expected a real calendar date, got "2021-13-01"' },
      { path: "enterprise.trainees[3].newly_absorbd", message: 'unknown field of trainee, did you mean "newly_absorbed"?' },
      { path: "enterprise.trainees[3].newly_absorbed", message: "missing: every field of trainee is required" },
      { path: "enterprise.trainees[3].months", message: "missing: every field of trainee is required" },
      { path: "enterprise.indicators.profit", message: "missing: every field of indicators is required" },
    ]);
  });

  it("refuses decimals that are not numbers, or too long to be a figure", () => {
    const longNumber = `0.${"1".repeat(1001)}`;
    expect(factErrors({ enterprise: { indicators: { revenue: "abc", profit: "12,5" } } })).toEqual([
      { path: "enterprise.indicators.revenue", message: 'expected a number such as -12.5 or "-12.5", got "abc"' },
      { path: "enterprise.indicators.profit", message: 'expected a number such as -12.5 or "-12.5", got "12,5"' },
    ]);
    expect(errorsOf(`{"date": "2021-11-15", "enterprise": {"indicators": {"revenue": 1, "profit": ${longNumber}}}}`)).toEqual([
      { path: "enterprise.indicators.profit", message: `number too long: at most 1000 digits before and after the point, got ${longNumber.slice(0, 39)}…` },
    ]);
  });

  it("refuses an entity or parameters that are not objects", () => {
    expect(factErrors({ person: [], parameters: 3 })).toEqual([
      { path: "person", message: "expected an object with the facts of person, got a list" },
      { path: "parameters", message: "expected an object of parameter values by name, got 3" },
    ]);
  });

  it("checks parameter overrides against the parameter's type", () => {
    expect(factErrors({ parameters: { ui_benefit_standard: "1638.001", epidemic_period_end: "2022-02-30", refund_rate_sme: "60 %" } })).toEqual([
      { path: "parameters.ui_benefit_standard", message: 'expected an amount with at most two decimals (whole fen), got "1638.001"' },
      { path: "parameters.epidemic_period_end", message: 'expected a real calendar date, got "2022-02-30"' },
      { path: "parameters.refund_rate_sme", message: 'expected a percentage such as "60%", "12.5" or 60, not negative, with at most four decimals, got "60 %"' },
    ]);
  });

  it("collects every problem of a document at once", () => {
    const errors = errorsOf(
      JSON.stringify({ date: "2021-02-30", person: { insured_months: "abc", unemployed: "no" }, enterprise: { size: "huge" }, other: 1 }),
    );
    expect(errors.map((e) => e.path)).toEqual(["date", "person.insured_months", "person.unemployed", "enterprise.size", "other"]);
  });

  it("shortens long values in messages", () => {
    const long = "x".repeat(100);
    expect(factErrors({ person: { unemployed: long } })).toEqual([
      { path: "person.unemployed", message: `expected true or false, got "${"x".repeat(38)}…` },
    ]);
  });
});

describe("readValue", () => {
  it("reads one value and reports to the given list", () => {
    const errors: ScenarioError[] = [];
    expect(readValue(new JsonNumber("-12.50"), { kind: "decimal" }, schema, "x", errors)).toEqual(decimal("-12.5"));
    expect(readValue("60%", { kind: "percent" }, schema, "x", errors)).toBe(600000);
    expect(errors).toEqual([]);
    expect(readValue("60", { kind: "enum", name: "size" }, schema, "parameters.y", errors)).toBeNull();
    expect(errors).toEqual([{ path: "parameters.y", message: 'expected one of "large", "medium", "small", "micro", got "60"' }]);
  });
});

describe("missingFacts", () => {
  it("names the facts a measure reads that the scenario does not give", () => {
    const scenario = read({ date: "2021-11-15", person: { unemployed: true } });
    const reads = ["enterprise.loan_requested", "enterprise.size", "person.insured_months", "person.public_welfare_post_end", "person.unemployed"];
    expect(missingFacts(scenario, reads, schema)).toEqual(["enterprise.size", "person.insured_months"]);
  });
});

describe("formatValue", () => {
  it.each<[unknown, ValueType, unknown]>([
    [true, { kind: "bool" }, true],
    [30, { kind: "months" }, 30],
    ["1820.50", { kind: "money" }, 182050],
    ["60%", { kind: "percent" }, 600000],
    ["-12.5", { kind: "decimal" }, decimal("-12.5")],
    ["7407.402", { kind: "unrounded_money" }, decimal("7407.402")],
    ["2021-11-05", { kind: "date" }, parseDate("2021-11-05")],
    [null, { kind: "date" }, null],
    ["18:00", { kind: "time" }, parseTime("18:00")],
    ["online", { kind: "enum", name: "channel" }, "online"],
    [["graduate", "poor"], { kind: "set", of: "target_group" }, ["poor", "graduate"]],
    [null, optional({ kind: "money" }), null],
    ["5.00", optional({ kind: "money" }), 500],
  ])("writes %j for a value of type %j", (expected, type, value) => {
    expect(formatValue(value as never, type)).toEqual(expected);
  });

  it("formats lists and records with the schema", () => {
    const trainees = [{ target_group: "poor", newly_absorbed: true, months: 3, left_on: parseDate("2021-12-31") ?? null }];
    expect(formatValue(trainees, { kind: "list", of: "trainee" }, schema)).toEqual([
      { target_group: "poor", newly_absorbed: true, months: 3, left_on: "2021-12-31" },
    ]);
    expect(() => formatValue(trainees, { kind: "list", of: "trainee" })).toThrow(/needs the schema/);
  });
});

describe("emptyValue", () => {
  it.each<[ValueType, string]>([
    [{ kind: "bool" }, "false"],
    [{ kind: "integer" }, "0"],
    [{ kind: "money" }, '"0.00"'],
    [{ kind: "percent" }, '"0%"'],
    [{ kind: "decimal" }, '"0"'],
    [{ kind: "date" }, "null"],
    [{ kind: "time" }, "null"],
    [{ kind: "enum", name: "size" }, "null"],
    [optional({ kind: "money" }), "null"],
    [{ kind: "set", of: "size" }, "[]"],
  ])("of %j prints as %s", (type, expected) => {
    expect(JSON.stringify(formatValue(emptyValue(type), type))).toBe(expected);
  });
});

describe("property: readScenario", () => {
  const fieldNames = schema.records.flatMap((r) => r.fields.map((f) => f.name));
  const anyFields = fc.dictionary(fc.oneof(fc.constantFrom(...fieldNames), fc.string()), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 });
  const anyScenario = fc.record(
    {
      date: fc.oneof(fc.constantFrom("2021-11-15", "2024-02-29", "2021-02-30"), fc.jsonValue({ maxDepth: 1 })),
      parameters: fc.dictionary(fc.constantFrom("ui_benefit_standard", "epidemic_period_end", "refund_rate_sme", "x"), fc.jsonValue({ maxDepth: 1 })),
      person: anyFields,
      enterprise: anyFields,
    },
    { requiredKeys: [] },
  );

  it("never throws, and either reads the scenario or gives a reason for each problem", () => {
    fc.assert(
      fc.property(fc.oneof(anyScenario.map((value) => JSON.stringify(value)), fc.string()), (text) => {
        const result = readScenario(text, schema);
        if (!result.ok) {
          expect(result.errors.length).toBeGreaterThan(0);
          for (const error of result.errors) expect(error.message).toMatch(/^[a-z"(]/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
