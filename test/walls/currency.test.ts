/**
 * A policy whose money is not the yuan (`currency EUR`): `tiao diff` writes its figures,
 * formulas, defaults and conditions in EUR, never in yuan, between the OpenFisca template and
 * each of its reforms and between the template and an edited copy of it.
 */
import { describe, expect, it } from "vitest";
import { diffPrograms } from "../../compiler/diff/diff.js";
import { renderJson, renderMarkdown, renderText } from "../../compiler/diff/render.js";
import type { DiffReport } from "../../compiler/diff/report.js";
import { compile } from "../../compiler/index.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { policyNamed, programOf, type RepositoryPolicy } from "../fuzz/policies.js";

const template = "policies/examples/openfisca-country-template";
const reforms = ["add-dynamic-variable", "add-new-tax", "modify-social-security-taxation"];

/** Every way the diff is shown. */
function rendered(report: DiffReport): string {
  return [renderText(report), renderMarkdown(report), renderJson(report)].join("\n");
}

function yuanIn(text: string): string[] {
  return text.split("\n").filter((line) => /yuan|元/.test(line));
}

/** The template with one text of one of its files replaced. */
function editedTemplate(file: string, replace: string, by: string): ProgramIR {
  const policy: RepositoryPolicy = policyNamed(template);
  const path = `${template}/${file}`;
  const sources = policy.sources.map((source) => {
    if (source.path !== path) return source;
    expect(source.text).toContain(replace);
    return { path, text: source.text.replace(replace, by) };
  });
  const { program, diagnostics } = compile(sources, policy.notice === undefined ? {} : { notice: policy.notice });
  if (program === undefined) throw new Error(diagnostics.map((d) => d.message).join("\n"));
  return program;
}

describe("tiao diff of a policy in EUR", () => {
  const before = programOf(policyNamed(template));

  it.each(reforms)("against its reform %s says no yuan", async (reform) => {
    const report = await diffPrograms(before, programOf(policyNamed(`${template}/reforms/${reform}`)), { searchCases: 50 });
    expect(yuanIn(rendered(report))).toEqual([]);
  });

  it("writes a reform's thresholds in EUR", async () => {
    const report = await diffPrograms(before, programOf(policyNamed(`${template}/reforms/modify-social-security-taxation`)), { searchCases: 50 });
    const scale = report.groups.flatMap((group) => group.changes).find((change) => change.subject === "scale social_security_contribution_scale");
    expect(scale?.aspects[0]?.after).toContain("new_bracket: threshold 40000.00 EUR from 2017-01-01; rate 40% from 2017-01-01");
  });

  it("writes a new fact with a value for a period not given, and does not call it required", async () => {
    // the generated population leaves out the facts with such values, as a scenario may
    const report = await diffPrograms(before, programOf(policyNamed(`${template}/reforms/add-new-tax`)), { searchCases: 50, generatedPopulation: 100 });
    expect(report.impact?.sources).toEqual([expect.objectContaining({ cases: 100 })]);
    const person = report.groups.flatMap((group) => group.changes).find((change) => change.subject === "record person");
    expect(person?.aspects).toEqual([{ aspect: "field has_car", classification: "editorial", after: 'has_car: monthly bool otherwise true "the person has a car in the month"' }]);
  });

  it("writes a changed default in EUR: outcomes may change", async () => {
    const after = editedTemplate("policy.tiao", "salary: monthly money otherwise 0 EUR", "salary: monthly money otherwise 1 EUR");
    const report = await diffPrograms(before, after, { searchCases: 50 });
    const person = report.groups.flatMap((group) => group.changes).find((change) => change.subject === "record person");
    expect(person?.aspects).toEqual([{ aspect: "default of field salary", classification: "changes_outcomes", before: "otherwise 0.00 EUR", after: "otherwise 1.00 EUR" }]);
  });

  it("writes a parameter's timeline and a formula in EUR", async () => {
    const after = editedTemplate("benefits.tiao", "then 0 EUR\n      else if evaluation_date < 2016-12-01", "then 5 EUR\n      else if evaluation_date < 2016-12-01");
    const report = await diffPrograms(before, editedTemplate("parameters.tiao", "value 600 EUR", "value 650 EUR"), { searchCases: 50 });
    const changes = report.groups.flatMap((group) => group.changes);
    const parameter = changes.find((change) => change.subject === "parameter basic_income_amount");
    expect(parameter?.aspects).toEqual([{ aspect: "values", classification: "changes_outcomes", before: "600.00 EUR from 2015-12-01", after: "650.00 EUR from 2015-12-01" }]);
    expect(parameter?.timeline?.after.map((entry) => entry.value)).toEqual(["650.00 EUR"]);
    const formula = (await diffPrograms(before, after, { searchCases: 50 })).groups.flatMap((group) => group.changes).find((change) => change.subject === "basic_income output basic_income");
    expect(formula?.aspects[0]?.before).toContain("then 0.00 EUR else if");
    expect(formula?.aspects[0]?.after).toContain("then 5.00 EUR else if");
    expect(yuanIn(rendered(report))).toEqual([]);
  });
});

describe("three capitals after a number", () => {
  it("are a name where a match arm or a field starts, and the policy's money after an amount", () => {
    const text = `policy p { title "t" document "d" issuer "i" issued 2021-11-05 version "1" currency EUR }
enum level { LOW MID TOP }
entity household { size: integer otherwise 0 ABC: level }
measure m {
  output rank: integer = match household.ABC { LOW => 0  MID => 1  TOP => 2 }
    cites §1 "q"
  output amount: money = match household.ABC { LOW => 0 EUR  MID, TOP => 5 EUR }
    cites §1 "q"
}
`;
    const { program, diagnostics } = compile([{ path: "p.tiao", text }]);
    expect(diagnostics).toEqual([]);
    expect(program?.schema.records[0]?.fields.map((field) => field.name)).toEqual(["size", "ABC"]);
  });
});
