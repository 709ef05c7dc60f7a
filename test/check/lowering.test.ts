/**
 * Small policies lowered to IR: the types, the unit-resolved operations, the explicit
 * conversions, narrowing of optional values, rules and exceptions, definition order and
 * what a measure reads.
 */
import { describe, expect, test } from "vitest";
import type { ExprIR } from "../../compiler/ir.js";
import { calendarDate } from "../../runtime/dates.js";
import { definitionOf, inMeasure, measureOf, programOf, valueOf, withoutSpans } from "./support.js";

const cites = `cites §1 "q"`;

/** The value of the one output `x` of a measure holding `definition`. */
function loweredValue(type: string, expression: string): ExprIR {
  return valueOf(measureOf(inMeasure(`  output x: ${type} = ${expression} ${cites}`)), "x");
}

describe("arithmetic by units", () => {
  test("an amount times a percentage is unrounded until round(…) makes it money", () => {
    expect(withoutSpans(loweredValue("money", "round(standard * rate)"))).toEqual({
      op: "round",
      operation: "round_money_times_percent",
      mode: "half_up",
      type: { kind: "money" },
      operand: {
        op: "arithmetic",
        operator: "money_mul_percent",
        type: { kind: "unrounded_money" },
        left: { op: "parameter", name: "standard", type: { kind: "money" } },
        right: { op: "parameter", name: "rate", type: { kind: "percent" } },
      },
    });
  });

  test("money added to an unrounded amount is converted explicitly", () => {
    const value = loweredValue("money", "round_down(standard * rate + standard)");
    expect(value).toMatchObject({
      op: "round",
      mode: "down",
      operand: { op: "arithmetic", operator: "unrounded_add", right: { op: "convert", conversion: "money_to_unrounded", operand: { op: "parameter" } } },
    });
  });

  test("a whole number times an amount keeps the amount on the left", () => {
    expect(loweredValue("money", "2 * standard")).toMatchObject({
      op: "arithmetic",
      operator: "money_mul_integer",
      left: { op: "parameter", name: "standard" },
      right: { op: "literal", value: 2, type: { kind: "integer" } },
    });
  });

  test("a date plus months minus a day, and the days between two dates", () => {
    expect(loweredValue("date", "person.start + 6 months - 1 day")).toMatchObject({
      op: "arithmetic",
      operator: "date_sub_days",
      type: { kind: "date" },
      left: { op: "arithmetic", operator: "date_add_months", right: { op: "literal", value: 6, type: { kind: "months" } } },
      right: { op: "literal", value: 1, type: { kind: "days" } },
    });
    expect(loweredValue("days", "person.start - period_start")).toMatchObject({ op: "arithmetic", operator: "date_diff", type: { kind: "days" } });
  });

  test("a whole number becomes a decimal or months only explicitly", () => {
    expect(loweredValue("decimal", "person.subsidy_months_received")).toMatchObject({
      op: "convert",
      conversion: "integer_to_decimal",
      type: { kind: "decimal" },
      operand: { op: "fact", entity: "person", field: "subsidy_months_received", type: { kind: "integer" } },
    });
    expect(loweredValue("months", "months(person.subsidy_months_received)")).toMatchObject({ op: "convert", conversion: "integer_to_months", type: { kind: "months" } });
    expect(loweredValue("decimal", "enterprise.growth + 1")).toMatchObject({
      op: "arithmetic",
      operator: "decimal_add",
      right: { op: "convert", conversion: "integer_to_decimal", operand: { op: "literal", value: 1 } },
    });
  });

  test("a plain number where a decimal is expected is a decimal literal", () => {
    expect(withoutSpans(loweredValue("decimal", "6"))).toEqual({ op: "literal", value: { digits: "6", scale: 0 }, type: { kind: "decimal" } });
  });

  test("literals are decoded into the runtime's values: fen, millionths, day numbers, minutes, exact decimals", () => {
    expect(loweredValue("money", "500 yuan")).toMatchObject({ op: "literal", value: 50_000 });
    expect(loweredValue("money", "1458.5 元")).toMatchObject({ op: "literal", value: 145_850 });
    expect(loweredValue("money", "0.100 yuan")).toMatchObject({ op: "literal", value: 10 });
    expect(loweredValue("percent", "12.50%")).toMatchObject({ op: "literal", value: 125_000 });
    expect(loweredValue("decimal", "0.250")).toMatchObject({ op: "literal", value: { digits: "25", scale: 2 } });
    expect(loweredValue("decimal", "007.5")).toMatchObject({ op: "literal", value: { digits: "75", scale: 1 } });
    expect(loweredValue("date", "2021-10-20")).toMatchObject({ op: "literal", value: calendarDate(2021, 10, 20), type: { kind: "date" } });
    expect(loweredValue("time", "18:00")).toMatchObject({ op: "literal", value: 18 * 60, type: { kind: "time" } });
  });

  test("comparisons carry the type of their operands", () => {
    expect(loweredValue("bool", "person.insured_months < 12 months")).toMatchObject({
      op: "compare",
      operator: "<",
      operandType: { kind: "months" },
      type: { kind: "bool" },
    });
    expect(loweredValue("bool", "enterprise.growth > 0")).toMatchObject({
      op: "compare",
      operandType: { kind: "decimal" },
      right: { op: "convert", conversion: "integer_to_decimal" },
    });
  });

  test("min and max choose between values of one unit", () => {
    expect(loweredValue("money", "min(person.loan_requested, 200000 yuan)")).toMatchObject({ op: "min", type: { kind: "money" } });
    expect(loweredValue("integer", "max(0, 6 - person.subsidy_months_received)")).toMatchObject({
      op: "max",
      right: { op: "arithmetic", operator: "integer_sub" },
    });
  });
});

describe("enums and sets", () => {
  test("bare members take their enum from the other side", () => {
    expect(withoutSpans(loweredValue("bool", "person.ui_status in {not_qualified, expired}"))).toEqual({
      op: "in",
      type: { kind: "bool" },
      element: { op: "fact", entity: "person", field: "ui_status", type: { kind: "enum", name: "ui_status" } },
      set: { op: "literal", value: ["expired", "not_qualified"], type: { kind: "set", of: "ui_status" } },
    });
    expect(loweredValue("bool", "expired = person.ui_status")).toMatchObject({ left: { op: "literal", value: "expired", type: { kind: "enum", name: "ui_status" } } });
    expect(loweredValue("ui_status", "ui_status.receiving")).toMatchObject({ op: "literal", value: "receiving" });
    expect(loweredValue("set of ui_status", "{}")).toMatchObject({ op: "literal", value: [], type: { kind: "set", of: "ui_status" } });
  });

  test("an exhaustive match has no otherwise; an else arm becomes it", () => {
    const exhaustive = loweredValue("percent", "match enterprise.size {\n    large => 30%\n    medium, small, micro => 60%\n  }");
    expect(exhaustive).toMatchObject({ op: "match", arms: [{ members: ["large"] }, { members: ["medium", "small", "micro"] }] });
    expect(exhaustive).not.toHaveProperty("otherwise");
    const withElse = loweredValue("percent", "match enterprise.size {\n    large => 30%\n    else => 60%\n  }");
    expect(withElse).toMatchObject({ op: "match", arms: [{ members: ["large"] }], otherwise: { op: "literal", value: 600_000 } });
  });
});

describe("optional values", () => {
  test("a test of presence narrows the value after `and`", () => {
    const value = loweredValue("bool", "person.post_end is present and person.post_end >= period_start");
    expect(value).toMatchObject({
      op: "and",
      left: { op: "is_present", operand: { op: "fact", type: { kind: "optional", of: { kind: "date" } } } },
      right: { op: "compare", operandType: { kind: "date" }, left: { op: "fact", field: "post_end", type: { kind: "date" } } },
    });
  });

  test("`is absent or`, `if … is present` and `otherwise` narrow too", () => {
    expect(loweredValue("bool", "period_end is absent or person.start <= period_end")).toMatchObject({ op: "or" });
    expect(loweredValue("date", "if person.post_end is present then person.post_end else person.start")).toMatchObject({
      op: "if",
      then: { op: "fact", type: { kind: "date" } },
    });
    expect(loweredValue("date", "person.post_end otherwise period_end otherwise person.start")).toMatchObject({
      op: "otherwise",
      type: { kind: "date" },
      left: { op: "fact", field: "post_end" },
      right: { op: "otherwise", left: { op: "parameter", name: "period_end" }, right: { op: "fact", field: "start" } },
    });
  });

  test("a value becomes optional explicitly; absent is a null literal", () => {
    expect(loweredValue("optional date", "person.start")).toMatchObject({ op: "convert", conversion: "to_optional", type: { kind: "optional", of: { kind: "date" } } });
    expect(loweredValue("optional date", "if person.insured then person.start else absent")).toMatchObject({
      op: "if",
      then: { op: "convert", conversion: "to_optional" },
      else: { op: "literal", value: null, type: { kind: "optional", of: { kind: "date" } } },
    });
  });

  test("a rule's condition narrows its value", () => {
    const measure = measureOf(inMeasure(`  output x: date {\n    rule known when person.post_end is present = person.post_end ${cites}\n    rule unknown when person.post_end is absent = person.start ${cites}\n  }`));
    expect(definitionOf(measure, "x").rules[0]?.value).toMatchObject({ op: "fact", type: { kind: "date" } });
  });
});

describe("definitions", () => {
  test("aggregates bind their variable to the list's record", () => {
    const measure = measureOf(inMeasure([
      `  let counted(t: trainee): bool = t.newly_absorbed and t.target_group != none ${cites}`,
      `  output n: integer = count(t in enterprise.trainees where counted(t)) ${cites}`,
      `  output months_total: integer = sum(min(t.months, 3) for t in enterprise.trainees where t.newly_absorbed) ${cites}`,
      `  output any_poor: bool = any(t in enterprise.trainees where t.target_group = poor_labor) ${cites}`,
    ].join("\n")));
    expect(definitionOf(measure, "counted").parameters).toEqual([{ name: "t", type: { kind: "record", name: "trainee" } }]);
    expect(valueOf(measure, "n")).toMatchObject({
      op: "aggregate",
      operator: "count",
      variable: "t",
      type: { kind: "integer" },
      list: { op: "fact", entity: "enterprise", field: "trainees", type: { kind: "list", of: "trainee" } },
      filter: { op: "call", definition: "counted", args: [{ op: "local", name: "t", type: { kind: "record", name: "trainee" } }] },
    });
    expect(valueOf(measure, "months_total")).toMatchObject({ op: "aggregate", operator: "sum", type: { kind: "integer" }, value: { op: "min" } });
    expect(valueOf(measure, "any_poor")).toMatchObject({ op: "aggregate", operator: "any", type: { kind: "bool" } });
  });

  test("definitions are ordered after what they read, otherwise as written", () => {
    const measure = measureOf(inMeasure([
      `  output total: money = monthly * 3 ${cites}`,
      `  output flag: bool = person.insured ${cites}`,
      `  let monthly: money = if eligible then standard else 0 yuan ${cites}`,
      `  let eligible: bool = person.unemployed ${cites}`,
    ].join("\n")));
    expect(measure.definitions.map((d) => d.name)).toEqual(["eligible", "monthly", "total", "flag"]);
    expect(measure.outputs).toEqual(["total", "flag"]);
  });

  test("a measure reads the facts and parameters of its window and definitions, sorted", () => {
    const measure = measureOf([
      "measure m {",
      "  in force from period_start until period_end",
      `  output n: integer = count(t in enterprise.trainees where t.newly_absorbed) ${cites}`,
      `  output x: money = if person.unemployed then standard else 0 yuan ${cites}`,
      "}",
    ].join("\n"));
    expect(measure.reads).toEqual(["enterprise.trainees", "person.unemployed"]);
    expect(measure.parametersRead).toEqual(["period_end", "period_start", "standard"]);
    expect(measure.window).toMatchObject({ from: { op: "parameter", name: "period_start" }, until: { op: "parameter", name: "period_end" } });
  });

  test("in its own body, a definition's name names the parameter of that name; so does parameters.x", () => {
    const measure = measureOf(inMeasure(`  output standard: money = if person.insured then standard else 0 yuan ${cites}\n  output rate: percent = parameters.rate ${cites}`));
    expect(valueOf(measure, "standard")).toMatchObject({ then: { op: "parameter", name: "standard" } });
    expect(valueOf(measure, "rate")).toMatchObject({ op: "parameter", name: "rate" });
  });

  test("exceptions hang under the rule they override", () => {
    const measure = measureOf(inMeasure([
      "  output x: bool {",
      `    rule general = person.unemployed ${cites}`,
      `    exception migrant to general when person.migrant_worker = false ${cites} note "特别规定优先"`,
      `    exception insured when person.insured = true ${cites}`,
      "  }",
    ].join("\n")));
    const [general] = definitionOf(measure, "x").rules;
    expect(general).toMatchObject({
      kind: "rule",
      label: "general",
      citation: { clause: "§1", measure: 1, quote: "q" },
      exceptions: [
        { kind: "exception", label: "migrant", note: "特别规定优先", condition: { op: "fact", field: "migrant_worker" }, exceptions: [] },
        { kind: "exception", label: "insured", exceptions: [] },
      ],
    });
  });

  test("a simple definition has one rule labelled with its name", () => {
    const measure = measureOf(inMeasure(`  let a: bool = true cites §3¶2 "q"`));
    expect(definitionOf(measure, "a").rules).toMatchObject([{ kind: "simple", label: "a", citation: { clause: "§3¶2", measure: 3, paragraph: 2 }, exceptions: [] }]);
  });
});

describe("the program", () => {
  test("parameter values run until the day before the next one", () => {
    const program = programOf('parameter p: money "标准" {\n  unit "元/月"\n  value 1 yuan from 2021-01-01 source §2 "q"\n  value 2 yuan from 2021-06-01 until 2021-12-31 source "other" note "n"\n}\n');
    const parameter = program.parameters.find((p) => p.name === "p");
    expect(withoutSpans(parameter)).toEqual({
      name: "p",
      type: { kind: "money" },
      label: "标准",
      unit: "元/月",
      values: [
        { value: 100, from: calendarDate(2021, 1, 1), until: calendarDate(2021, 5, 31), source: { kind: "clause", citation: { clause: "§2", measure: 2, quote: "q" } } },
        { value: 200, from: calendarDate(2021, 6, 1), until: calendarDate(2021, 12, 31), source: { kind: "document", text: "other" }, note: "n" },
      ],
    });
  });

  test("the header, the schema and every file's declarations make one program", () => {
    const program = programOf(inMeasure(`  output x: bool = true ${cites}`));
    expect(program.policy).toMatchObject({ name: "test_policy", title: "测试", issued: "2021-11-05", version: "1.0.0" });
    expect(program.schema.enums.map((e) => e.name)).toEqual(["ui_status", "enterprise_size", "target_group"]);
    expect(program.schema.records.find((r) => r.name === "person")?.fields.find((f) => f.name === "post_end")?.type).toEqual({ kind: "optional", of: { kind: "date" } });
    expect(program.schema.parameters).toContainEqual({ name: "period_end", type: { kind: "optional", of: { kind: "date" } } });
    expect(program.measures.map((m) => m.name)).toEqual(["m"]);
  });

  test("quotes are found in the notice whatever its spacing, with … for words left out", () => {
    const notice = "四、确保待遇\n对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3 个月的临时生活补助。";
    expect(() => programOf(inMeasure('  output x: bool = true cites §4 "对参保不满1年的失业农民工…按月发放3个月的临时生活补助"'), notice)).not.toThrow();
  });
});

describe("parameter values", () => {
  test("a decimal parameter may be negative, written with its sign", () => {
    const program = programOf(`parameter threshold: decimal {
  value -30 from 2024-01-01 source "测试"
  value -2.5 from 2025-01-01 source "测试"
  value 0 from 2026-01-01 source "测试"
}
${inMeasure(`  output x: bool = enterprise.growth < threshold ${cites}`)}`);
    expect(program.parameters.find((p) => p.name === "threshold")?.values.map((v) => v.value)).toEqual([
      { digits: "-30", scale: 0 },
      { digits: "-25", scale: 1 },
      { digits: "0", scale: 0 },
    ]);
  });
});
