/**
 * Hover, go to definition, find references and rename on the ten measures of Lanzhou,
 * whose parameters, facts and measures are in separate files.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { Range, TextEdit } from "../../compiler/service/index.js";
import { applyEdits, lanzhou, lanzhouFolder, positionOf, serviceFor, textOf } from "./support.js";

const m3 = `${lanzhouFolder}/m3.tiao`;
const m4 = `${lanzhouFolder}/m4.tiao`;
const parameters = `${lanzhouFolder}/parameters.tiao`;
const facts = `${lanzhouFolder}/facts.tiao`;

const policy = lanzhou();
const service = serviceFor(policy);

function at(path: string, needle: string, shift = 0, nth = 0) {
  return positionOf(textOf(policy, path), needle, shift, nth);
}

/** The text a range covers. */
function covered(range: Range): string {
  const lines = textOf(policy, range.file).split("\n");
  expect(range.start.line).toBe(range.end.line);
  return lines[range.start.line - 1]?.slice(range.start.column - 1, range.end.column - 1) ?? "";
}

describe("hover", () => {
  test("on a parameter: its type, label, unit, dated values and their sources", () => {
    const hover = service.hover(m4, at(m4, "ui_benefit_standard", 3));
    expect(hover?.range).toEqual({ file: m4, start: at(m4, "ui_benefit_standard"), end: at(m4, "ui_benefit_standard", "ui_benefit_standard".length) });
    const markdown = hover?.markdown ?? "";
    expect(markdown).toContain("**parameter** `ui_benefit_standard: money`");
    expect(markdown).toContain("兰州市失业保险金标准（一类区）");
    expect(markdown).toContain("unit: 元/月");
    expect(markdown).toContain("- `1458.00 yuan` from 2020-02-01 until 2022-06-30");
    expect(markdown).toContain("- `1638.00 yuan` from 2022-07-01\n  source: 甘肃省人社厅、财政厅《关于调整提高失业保险金发放标准的通知》");
  });

  test("on a parameter quoting the notice: its clause and the quoted words", () => {
    const markdown = service.hover(m3, at(m3, "work_training_subsidy_monthly"))?.markdown ?? "";
    expect(markdown).toContain("- `500 yuan` from 2021-10-01\n  source: §3 “给予每人每月500元职业培训补贴，从2021年10月起执行，补贴期限为3个月”");
  });

  test("on a rule: its citation, note and window", () => {
    const markdown = service.hover(m4, at(m4, "exception migrant", "exception ".length))?.markdown ?? "";
    expect(markdown).toContain("**exception** `migrant` of `m4.unemployment_subsidy_eligible`");
    expect(markdown).toContain("cites §4 “对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助”");
    expect(markdown).toContain("note: 特别规定优先于一般规定");
    expect(markdown).toContain("measure in force from `epidemic_period_start` until `epidemic_period_end`");
  });

  test("on an output: its type, its rules' citations and the measure's window", () => {
    const markdown = service.hover(m4, at(m4, "unemployment_subsidy_eligible", 0, 1))?.markdown ?? "";
    expect(markdown).toContain("**output** `unemployment_subsidy_eligible: bool` of measure `m4`");
    expect(markdown).toContain("- rule `general`: cites §4 “对领取失业保险金期满仍未就业的失业人员");
    expect(markdown).toContain("- exception `migrant` to `general`: cites §4");
    expect(markdown).toContain("measure in force from `epidemic_period_start` until `epidemic_period_end`");
    const simple = service.hover(m4, at(m4, "output unemployment_subsidy_monthly", "output ".length))?.markdown ?? "";
    expect(simple).toContain("**output** `unemployment_subsidy_monthly: money` of measure `m4`");
    expect(simple).toContain("cites §4 “失业补助金标准按照兰州市失业保险金的80%确定”");
  });

  test("on a fact: its type and label", () => {
    const markdown = service.hover(m4, at(m4, "person.insured_months", "person.".length))?.markdown ?? "";
    expect(markdown).toBe("**fact** `person.insured_months: months`\n\n参保月数\n\nof `person` (个人)");
  });

  test("on an enum member and on a local: the enum and the type", () => {
    expect(service.hover(m4, at(m4, "{expired", 1))?.markdown).toContain("**member** `ui_status.expired`");
    expect(service.hover(m3, at(m3, "t.months > 0"))?.markdown).toBe("**item** `t: trainee` of `enterprise.trainees`");
  });

  test("nothing on a keyword or in a string", () => {
    expect(service.hover(m4, at(m4, "measure m4"))).toBeUndefined();
    expect(service.hover(m4, at(m4, "确保失业保险待遇", 2))).toBeUndefined();
  });
});

describe("definition and references", () => {
  test("a parameter used in a measure is defined in parameters.tiao", () => {
    const [definition, ...others] = service.definition(m4, at(m4, "ui_benefit_standard"));
    expect(others).toEqual([]);
    expect(definition?.file).toBe(parameters);
    expect(definition === undefined ? "" : covered(definition)).toBe("ui_benefit_standard");
    expect(definition?.start).toEqual(positionOf(textOf(policy, parameters), "parameter ui_benefit_standard", "parameter ".length));
  });

  test("a fact is defined in its entity, an enum member in its enum, a rule label in its block", () => {
    const [fact] = service.definition(m4, at(m4, "person.insured_months", "person.".length));
    expect(fact?.file).toBe(facts);
    expect(fact?.start).toEqual(positionOf(textOf(policy, facts), "insured_months:"));
    const [member] = service.definition(m4, at(m4, "{expired", 1));
    expect(member?.file).toBe(facts);
    expect(fact === undefined || member === undefined ? "" : covered(member)).toBe("expired");
    const [rule] = service.definition(m4, at(m4, "to general", "to ".length));
    expect(rule?.start).toEqual(at(m4, "rule general", "rule ".length));
  });

  test("references of a definition: its declaration and every use in its measure", () => {
    const references = service.references(m4, at(m4, "insured_unemployed"));
    expect(references.map(covered)).toEqual(references.map(() => "insured_unemployed"));
    expect(references.length).toBe(textOf(policy, m4).split(/\binsured_unemployed\b/).length - 1);
    const uses = service.references(m4, at(m4, "insured_unemployed"), { includeDeclaration: false });
    expect(uses.length).toBe(references.length - 1);
    expect(uses).not.toContainEqual(references[0]);
  });

  test("references of a parameter are found in every file", () => {
    const references = service.references(parameters, positionOf(textOf(policy, parameters), "parameter epidemic_period_start", "parameter ".length));
    const files = new Set(references.map((range) => range.file));
    expect(files.has(parameters)).toBe(true);
    expect(files.size).toBeGreaterThan(3);
    expect(references.map(covered).every((text) => text === "epidemic_period_start")).toBe(true);
  });
});

describe("rename", () => {
  function renamed(edits: TextEdit[] | { readonly error: string }) {
    if (!Array.isArray(edits)) throw new Error(`rename refused: ${"error" in edits ? edits.error : ""}`);
    return applyEdits(policy, edits);
  }

  test("a parameter, everywhere it is used; the renamed policy compiles as before", () => {
    const edits = service.rename(m4, at(m4, "ui_benefit_standard"), "unemployment_benefit_standard");
    const after = renamed(edits);
    expect(textOf(after, parameters)).toContain("parameter unemployment_benefit_standard: money");
    expect(textOf(after, m4)).toContain("round(unemployment_benefit_standard * unemployment_subsidy_rate)");
    const result = compile(after.sources, { notice: policy.notice });
    expect(result.diagnostics).toEqual([]);
    expect(result.program?.parameters.map((parameter) => parameter.name)).toContain("unemployment_benefit_standard");
  });

  test("an enum member, a fact and a rule label", () => {
    const member = renamed(service.rename(m4, at(m4, "{expired", 1), "benefits_expired"));
    expect(textOf(member, m4)).toContain("person.ui_status in {benefits_expired, not_qualified}");
    expect(compile(member.sources, { notice: policy.notice }).diagnostics).toEqual([]);
    const fact = renamed(service.rename(m4, at(m4, "person.insured_months", "person.".length), "insurance_months"));
    expect(compile(fact.sources, { notice: policy.notice }).diagnostics).toEqual([]);
    expect(textOf(fact, facts)).toContain("insurance_months: months");
    const label = renamed(service.rename(m4, at(m4, "rule general", "rule ".length), "ordinary"));
    expect(textOf(label, m4)).toContain("exception migrant to ordinary");
    expect(compile(label.sources, { notice: policy.notice }).diagnostics).toEqual([]);
  });

  test("refuses what is not a name, a reserved word, a name already declared, and one that would change another name's meaning", () => {
    const position = at(m4, "insured_unemployed");
    expect(service.rename(m4, position, "2nd")).toEqual({ error: expect.stringContaining("`2nd` is not a name") });
    expect(service.rename(m4, position, "参保")).toEqual({ error: expect.stringContaining("is not a name") });
    expect(service.rename(m4, position, "when")).toEqual({ error: "`when` is a reserved word: choose another name" });
    expect(service.rename(m4, position, "short_insured_migrant")).toEqual({ error: "`short_insured_migrant` is already declared here: choose another name" });
    expect(service.rename(parameters, positionOf(textOf(policy, parameters), "parameter ui_benefit_standard", "parameter ".length), "epidemic_period_end")).toEqual({
      error: "`epidemic_period_end` is already declared here: choose another name",
    });
    const shadowing = service.rename(m4, position, "ui_benefit_standard");
    expect(shadowing).toEqual({ error: expect.stringMatching(/^renaming to `ui_benefit_standard` would change what `ui_benefit_standard` at .*m4\.tiao:\d+:\d+ refers to/) });
    expect(service.rename(m4, at(m4, "measure m4"), "x")).toEqual({ error: "there is no name to rename here" });
  });
});
