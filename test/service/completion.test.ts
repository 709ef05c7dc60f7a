/**
 * Completion on the ten measures of Lanzhou and the examples, at the places a drafter types:
 * keywords, the names in scope, the fields after `person.`, the members of the enum being
 * compared with, units after a number — also while the expression is incomplete and while
 * another file has a syntax error.
 */
import { describe, expect, test } from "vitest";
import { keywords } from "../../grammar/tokens.js";
import type { CompletionItem } from "../../compiler/service/index.js";
import { edited, lanzhou, lanzhouFolder, positionOf, serviceFor, textOf } from "./support.js";

const m3 = `${lanzhouFolder}/m3.tiao`;
const m4 = `${lanzhouFolder}/m4.tiao`;

function labels(items: readonly CompletionItem[], kind?: CompletionItem["kind"]): string[] {
  return items.filter((item) => kind === undefined || item.kind === kind).map((item) => item.label);
}

/** Completions right after `typed`, written in place of `replaced` in m4. */
function completeAfter(path: string, replaced: string, typed: string): CompletionItem[] {
  const policy = edited(lanzhou(), path, replaced, typed);
  const service = serviceFor(policy);
  return service.completions(path, positionOf(textOf(policy, path), typed, typed.length));
}

describe("completion", () => {
  test("offers every keyword of the grammar, and the names a measure can read", () => {
    const policy = lanzhou();
    const service = serviceFor(policy);
    const items = service.completions(m4, positionOf(textOf(policy, m4), "insured_unemployed and", 0, 0));
    expect(labels(items, "keyword")).toEqual([...keywords]);
    expect(labels(items, "output")).toContain("unemployment_subsidy_eligible");
    expect(labels(items, "definition")).toContain("insured_unemployed");
    expect(labels(items, "parameter")).toContain("ui_benefit_standard");
    expect(labels(items, "fact")).toEqual(expect.arrayContaining(["person", "enterprise"]));
    expect(labels(items, "function")).toEqual(expect.arrayContaining(["round", "min", "max"]));
    expect(labels(items, "enum-member")).toContain("expired");
    const parameter = items.find((item) => item.label === "ui_benefit_standard");
    expect(parameter?.detail).toBe("parameter: money");
    expect(parameter?.documentation).toBe("兰州市失业保险金标准（一类区）");
  });

  test("after `person.` offers the facts of person, with their types and labels", () => {
    const items = completeAfter(m4, "person.insured_months < 1 year", "person.");
    expect(labels(items)).toEqual(expect.arrayContaining(["unemployed", "insured_months", "ui_status", "migrant_worker"]));
    expect(items.every((item) => item.kind === "fact")).toBe(true);
    expect(items.find((item) => item.label === "ui_status")).toMatchObject({ detail: "ui_status", documentation: "失业保险金领取状态" });
    expect(labels(items)).not.toContain("trainees");
  });

  test("after a nested record and after a list item, offers that record's fields", () => {
    const nested = completeAfter(m3, "declined(enterprise.indicators.electricity)", "declined(enterprise.indicators.");
    expect(labels(nested, "field")).toEqual(["electricity", "revenue", "energy", "profit"]);
    const item = completeAfter(m3, "subsidisable(t) and t.months > 0 months", "subsidisable(t) and t.");
    expect(labels(item, "field")).toEqual(expect.arrayContaining(["newly_absorbed", "months", "target_group"]));
    const parameter = completeAfter(m3, "i.current < i.previous_period", "i.current < i.");
    expect(labels(parameter, "field")).toEqual(expect.arrayContaining(["current", "previous_period", "same_period_2020"]));
  });

  test("after `parameters.` and after an enum's name, offers parameters and members", () => {
    expect(labels(completeAfter(m4, "round(ui_benefit_standard", "round(parameters."), "parameter")).toContain("ui_benefit_standard");
    const members = completeAfter(m4, "person.ui_status = receiving", "person.ui_status = ui_status.");
    expect(labels(members)).toEqual(["receiving", "expired", "not_qualified"]);
  });

  test("in a comparison with an enum value, and in a set after `in`, offers that enum's members", () => {
    const compared = completeAfter(m4, "person.ui_status = receiving", "person.ui_status = ");
    expect(labels(compared, "enum-member")).toEqual(["receiving", "expired", "not_qualified"]);
    expect(compared.find((item) => item.label === "expired")?.detail).toBe("ui_status");
    const inSet = completeAfter(m4, "person.ui_status in {expired, not_qualified}", "person.ui_status in {expired, ");
    expect(labels(inSet, "enum-member")).toEqual(["receiving", "expired", "not_qualified"]);
    const differs = completeAfter(m4, "person.ui_status = receiving", "person.ui_status != ");
    expect(labels(differs, "enum-member")).toEqual(["receiving", "expired", "not_qualified"]);
  });

  test("offers the units after a number", () => {
    const items = completeAfter(m4, "person.insured_months < 1 year", "person.insured_months < 1 ");
    expect(labels(items, "unit")).toEqual(expect.arrayContaining(["months", "yuan", "元", "个月", "days", "%"]));
    expect(labels(items, "keyword")).toEqual([]);
  });

  test("offers types after a colon: the primitive types, enums and records", () => {
    const items = completeAfter(m3, "let declined(i: indicator): bool", "let declined(i: indicator): ");
    expect(labels(items, "type")).toEqual(expect.arrayContaining(["bool", "money", "optional", "ui_status", "trainee"]));
    expect(labels(items, "type")).not.toContain("person");
  });

  test("offers a definition's parameters and an aggregate's variable inside it, while the expression is incomplete", () => {
    const items = completeAfter(m3, "subsidisable(t) and t.months > 0 months)", "subsidisable(t) and ");
    expect(labels(items, "parameter")).toContain("t");
    expect(items.find((item) => item.label === "t")?.detail).toBe("item of list of trainee");
    const definitionParameter = completeAfter(m3, "= i.current < i.previous_period", "= i.current < ");
    expect(labels(definitionParameter, "parameter")).toContain("i");
    expect(labels(definitionParameter, "output")).toContain("in_difficulty");
  });

  test("a syntax error in one file does not stop completion in another", () => {
    const broken = edited(lanzhou(), `${lanzhouFolder}/m1.tiao`, "measure m1", "measure m1 @@ (");
    const service = serviceFor(broken);
    expect(service.diagnostics().some((diagnostic) => diagnostic.code.startsWith("T01"))).toBe(true);
    const text = textOf(broken, m4);
    expect(labels(service.completions(m4, positionOf(text, "person.insured_months", "person.".length)), "fact")).toContain("insured_months");
    expect(labels(service.completions(m4, positionOf(text, "insured_unemployed and", 0, 0)), "parameter")).toContain("ui_benefit_standard");
  });

  test("offers nothing inside a string or a comment", () => {
    const policy = lanzhou();
    const service = serviceFor(policy);
    const text = textOf(policy, m4);
    expect(service.completions(m4, positionOf(text, "失业补助金标准按照", 2))).toEqual([]);
    expect(service.completions(m4, positionOf(text, "# §4 Unemployment insurance", 10))).toEqual([]);
    const endOfComment = positionOf(text, "temporary living subsidy, and the price subsidy.", "temporary living subsidy, and the price subsidy.".length);
    expect(service.completions(m4, endOfComment)).toEqual([]);
    const afterText = positionOf(text, "cites §4 \"确保失业保险待遇及时足额发放\"", "cites §4 \"确保失业保险待遇及时足额发放\"".length);
    expect(service.completions(m4, afterText).length).toBeGreaterThan(0);
  });
});
