/**
 * Quick fixes come from the diagnostics' data: applying the one a diagnostic offers to a
 * misspelt Lanzhou policy gives back a policy without diagnostics.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { applyEdits, edited, lanzhou, lanzhouFolder, positionOf, serviceFor, textOf } from "./support.js";

const m4 = `${lanzhouFolder}/m4.tiao`;
const m3 = `${lanzhouFolder}/m3.tiao`;

const misspellings: [string, string, string, string, string][] = [
  ["a parameter", m4, "round(ui_benefit_standard *", "round(ui_benefit_standrd *", "ui_benefit_standrd"],
  ["a fact", m4, "person.insured_months < 1 year", "person.insured_month < 1 year", "insured_month"],
  ["an enum member", m4, "{expired, not_qualified}", "{expird, not_qualified}", "expird"],
  ["a label", m4, "exception migrant to general", "exception migrant to generl", "generl"],
  ["a type", m4, "output unemployment_subsidy_monthly: money", "output unemployment_subsidy_monthly: mony", "mony"],
  ["a function", m3, "declined(enterprise.indicators.revenue)", "decline(enterprise.indicators.revenue)", "decline"],
];

describe("quick fixes", () => {
  test.each(misspellings)("for %s, the name the help suggests", (_, path, correct, misspelt, word) => {
    const broken = edited(lanzhou(), path, correct, misspelt);
    const service = serviceFor(broken);
    const [diagnostic] = service.diagnostics();
    expect(diagnostic?.help).toMatch(/^did you mean `.+`\?$/);
    const position = positionOf(textOf(broken, path), misspelt, misspelt.indexOf(word) + 1);
    const fixes = service.quickFixes(path, { file: path, start: position, end: position });
    expect(fixes.length).toBe(1);
    const [fix] = fixes;
    expect(fix?.diagnostic).toEqual(diagnostic);
    expect(fix?.title).toBe(`replace \`${word}\` with \`${diagnostic?.replacement}\``);
    const repaired = applyEdits(broken, fix?.edits ?? []);
    expect(textOf(repaired, path)).toBe(textOf(lanzhou(), path));
    expect(compile(repaired.sources, { notice: broken.notice }).diagnostics).toEqual([]);
  });

  test("an amount that must be rounded: round, round down or round up", () => {
    const broken = edited(lanzhou(), m4, "round(ui_benefit_standard * unemployment_subsidy_rate)", "ui_benefit_standard * unemployment_subsidy_rate");
    const service = serviceFor(broken);
    const [diagnostic] = service.diagnostics();
    expect(diagnostic?.code).toBe("T0304");
    const position = positionOf(textOf(broken, m4), "ui_benefit_standard * unemployment_subsidy_rate");
    const fixes = service.quickFixes(m4, { file: m4, start: position, end: position });
    expect(fixes.map((fix) => fix.title)).toEqual(["round with `round(…)` (half up)", "round with `round_down(…)` (toward zero)", "round with `round_up(…)` (away from zero)"]);
    expect(textOf(applyEdits(broken, fixes[0]?.edits ?? []), m4)).toBe(textOf(lanzhou(), m4));
  });

  test("none away from the diagnostic, and none where the help names no replacement", () => {
    const broken = edited(lanzhou(), m4, "round(ui_benefit_standard *", "round(ui_benefit_standrd *");
    const service = serviceFor(broken);
    const elsewhere = positionOf(textOf(broken, m4), "insured_unemployed");
    expect(service.quickFixes(m4, { file: m4, start: elsewhere, end: elsewhere })).toEqual([]);
    const unknown = edited(lanzhou(), m4, "round(ui_benefit_standard *", "round(zzzzzz *");
    const unknownService = serviceFor(unknown);
    const position = positionOf(textOf(unknown, m4), "zzzzzz");
    expect(unknownService.diagnostics()[0]?.code).toBe("T0201");
    expect(unknownService.quickFixes(m4, { file: m4, start: position, end: position })).toEqual([]);
  });
});

describe("format", () => {
  test("the policy's files are in the canonical layout already", () => {
    const service = serviceFor(lanzhou());
    for (const source of lanzhou().sources) expect(service.format(source.path)).toEqual([]);
  });

  test("a file out of layout is rewritten as `tiao fmt` writes it; one with a syntax error is left alone", () => {
    const messy = edited(lanzhou(), m4, "  let insured_unemployed: bool\n    = person.unemployed and person.insured", "let insured_unemployed   : bool =   person.unemployed  and person.insured");
    const service = serviceFor(messy);
    const edits = service.format(m4);
    expect(edits.length).toBe(1);
    expect(textOf(applyEdits(messy, edits), m4)).toBe(textOf(lanzhou(), m4));
    const broken = edited(lanzhou(), m4, "measure m4", "measure m4 @@");
    expect(serviceFor(broken).format(m4)).toEqual([]);
  });
});
