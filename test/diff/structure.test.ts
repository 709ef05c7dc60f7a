/**
 * What each kind of change is, on a small policy changed one way at a time: its subject,
 * its classification, what is printed before and after, and for whom it may change outcomes.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { diffPrograms } from "../../compiler/diff/diff.js";
import type { SmtSolver } from "../../compiler/diff/solver.js";
import type { Change, DiffReport } from "../../compiler/diff/report.js";
import { loadZ3 } from "../../bin/z3-solver.js";
import { repositoryRoot } from "../format/repository-files.js";
import { compileOrFail } from "./support.js";

const original = readFileSync(join(repositoryRoot, "test/e2e/fixtures/benefit/benefit.tiao"), "utf8");
const program = (text: string) => compileOrFail([{ path: "benefit.tiao", text }]);

function edited(replace: string, by: string): string {
  expect(original).toContain(replace);
  return original.replace(replace, by);
}

let solver: SmtSolver | undefined;
beforeAll(async () => {
  solver = await loadZ3();
});

async function diff(text: string, withSolver = false): Promise<DiffReport> {
  return diffPrograms(program(original), program(text), { searchCases: 300, ...(withSolver && solver !== undefined ? { solver } : {}) });
}

function changes(report: DiffReport): Change[] {
  return report.groups.flatMap((group) => group.changes);
}

describe("classification", () => {
  it("a renamed exception is editorial and nothing else", async () => {
    const report = await diff(edited("exception migrant to general", "exception short_insured to general"));
    expect(changes(report)).toEqual([
      {
        subject: "m1 output eligible exception short_insured",
        action: "renamed",
        classification: "editorial",
        aspects: [{ aspect: "label", classification: "editorial", before: "migrant", after: "short_insured" }],
      },
    ]);
    expect(report.verdicts).toEqual([]);
  });

  it("a citation, a unit, a label: editorial", async () => {
    const text = edited(`  unit "元/月"`, `  unit "元/人/月"`).replace(`ui_benefit_standard: money "失业保险金标准"`, `ui_benefit_standard: money "失业保险金发放标准"`);
    const report = await diff(text);
    expect(changes(report).map((c) => [c.subject, c.classification, c.aspects.map((a) => a.aspect)])).toEqual([
      ["parameter ui_benefit_standard", "editorial", ["label", "unit"]],
    ]);
    expect(report.summary).toMatchObject({ editorial: 1, changesOutcomes: 0, outcomesChange: false });
  });

  it("a required fact a measure now reads breaks integrations; an optional one not read does not", async () => {
    const text = edited(`  migrant_worker: bool "农民工"`, `  migrant_worker: bool "农民工"\n  county: bool "县域"\n  note: optional bool`).replace(
      "= person.unemployed and person.ui_status",
      "= person.unemployed and not person.county and person.ui_status",
    );
    const report = await diff(text);
    const entity = changes(report).find((c) => c.subject === "entity person");
    expect(entity?.aspects.map((a) => [a.aspect, a.classification])).toEqual([
      ["field county", "breaks_integrations"],
      ["field note", "editorial"],
    ]);
    const measure = changes(report).find((c) => c.subject === "measure m1");
    expect(measure?.aspects).toEqual([{ aspect: "reads fact person.county", classification: "breaks_integrations", after: "person.county" }]);
    const rule = changes(report).find((c) => c.subject === "m1 output eligible rule general");
    expect(rule?.aspects).toEqual([
      {
        aspect: "value",
        classification: "changes_outcomes",
        before: "person.unemployed and person.ui_status in {expired, not_qualified}",
        after: "person.unemployed and not person.county and person.ui_status in {expired, not_qualified}",
      },
    ]);
  });

  it("an output added or removed breaks integrations", async () => {
    const text = edited("  output monthly: money", `  output channel: bool = true cites §1 "按月发放失业补助金"\n\n  output monthly: money`);
    const added = changes(await diff(text)).find((c) => c.subject === "m1 output channel");
    expect(added).toMatchObject({ action: "added", classification: "breaks_integrations" });
    const removed = changes(await diffPrograms(program(text), program(original))).find((c) => c.subject === "m1 output channel");
    expect(removed).toMatchObject({ action: "removed", classification: "breaks_integrations" });
  });

  it("an enum member removed breaks integrations", async () => {
    const text = edited(`  receiving     "正在领取失业保险金"\n`, "");
    const change = changes(await diff(text)).find((c) => c.subject === "enum ui_status");
    expect(change).toMatchObject({ classification: "breaks_integrations", aspects: [{ aspect: "member receiving", before: "receiving" }] });
  });
});

describe("for whom and the verdicts", () => {
  it("a moved threshold: the values between the two, on the paths to each output", async () => {
    const report = await diff(edited("person.insured_months < 12 months", "person.insured_months < 18 months"), true);
    const change = changes(report).find((c) => c.subject === "m1 let short_insured_migrant");
    expect(change?.forWhom).toEqual([
      {
        output: "m1.eligible, m1.monthly",
        condition: "date >= 2021-10-20\nand person.migrant_worker\nand person.insured_months >= 12 months\nand person.insured_months < 18 months",
      },
    ]);
    const eligible = report.verdicts.find((v) => v.output === "m1.eligible");
    expect(eligible).toMatchObject({ verdict: "witness", before: true, after: false });
    expect(report.verdicts.find((v) => v.output === "m1.in_force")).toMatchObject({ verdict: "proved_equal", method: "solver" });
  });

  it("a parameter's new dated value: the dates it differs on", async () => {
    const text = edited(`  value 80% from 2021-10-20\n    source §1 "失业补助金标准按照失业保险金的80%确定"`, `  value 80% from 2021-10-20\n    source §1 "失业补助金标准按照失业保险金的80%确定"\n  value 90% from 2022-01-01 source "新文件"`);
    const report = await diff(text);
    const change = changes(report).find((c) => c.subject === "parameter subsidy_rate");
    expect(change?.timeline?.after.map((entry) => [entry.value, entry.from, entry.until])).toEqual([
      ["80%", "2021-10-20", "2021-12-31"],
      ["90%", "2022-01-01", undefined],
    ]);
    expect(change?.forWhom).toEqual([
      {
        output: "m1.monthly",
        condition: "not (person.migrant_worker and person.insured_months < 12 months)\nand person.unemployed\nand person.ui_status in {expired, not_qualified}\nand date >= 2022-01-01",
      },
    ]);
    expect(report.verdicts.find((v) => v.output === "m1.monthly")).toMatchObject({ verdict: "witness", method: "bounded_search" });
  });

  it("a condition rewritten to the same meaning: the solver proves every output equal", async () => {
    const report = await diff(edited("= person.unemployed and person.ui_status in {expired, not_qualified}", "= person.ui_status in {not_qualified, expired} and person.unemployed"), true);
    expect(report.summary.changesOutcomes).toBe(1);
    expect(report.verdicts.map((v) => [v.output, v.verdict])).toEqual([
      ["m1.in_force", "proved_equal"],
      ["m1.eligible", "proved_equal"],
      ["m1.monthly", "proved_equal"],
    ]);
    expect(report.summary.outcomesChange).toBe(false);
  });

  it("without a solver, says plainly that a search found nothing and what it searched", async () => {
    const report = await diff(edited("= person.unemployed and person.ui_status in {expired, not_qualified}", "= person.ui_status in {not_qualified, expired} and person.unemployed"));
    const verdict = report.verdicts.find((v) => v.output === "m1.eligible");
    expect(verdict).toMatchObject({ verdict: "no_difference_found", method: "bounded_search", whyNotProved: "no solver was available" });
    expect(verdict?.verdict === "no_difference_found" ? verdict.searched : "").toMatch(/^300 scenarios \(seed 1\)/);
  });
});

describe("a scale", () => {
  const scalePolicy = `policy contribution {
  title "t" document "d" issuer "i" issued 2021-01-01 version "1.0.0"
}

entity person "个人" {
  salary: money "工资"
}

parameter contribution_scale: scale "缴费" {
  bracket low {
    threshold 0 yuan from 2021-01-01 source "s"
    rate 2% from 2021-01-01 source "s"
  }
  bracket high {
    threshold 6000 yuan from 2021-01-01 source "s"
    rate 6% from 2021-01-01 source "s"
  }
}

measure contribution "缴费" {
  output paid: money = round(marginal(contribution_scale, person.salary)) cites §1 "q"
}

measure net "到手" {
  output net: money = person.salary - contribution.paid cites §1 "q"
}
`;

  it("whose brackets change changes the outcomes of the measures that apply it and of those that read them", async () => {
    const changedText = scalePolicy.replace(`  bracket low {
    threshold 0 yuan from 2021-01-01 source "s"
    rate 2% from 2021-01-01 source "s"
  }
`, "");
    const report = await diffPrograms(program(scalePolicy), program(changedText), { searchCases: 300 });
    expect(report.groups.map((group) => [group.measure, group.changes.map((c) => [c.subject, c.classification, c.aspects.map((a) => a.aspect)])])).toEqual([
      ["contribution", [["scale contribution_scale", "changes_outcomes", ["brackets"]]]],
      ["net", [["scale contribution_scale", "changes_outcomes", ["brackets"]]]],
    ]);
    const brackets = changes(report)[0]?.aspects[0];
    expect(brackets?.before).toBe("low: threshold 0.00 yuan from 2021-01-01; rate 2% from 2021-01-01 | high: threshold 6000.00 yuan from 2021-01-01; rate 6% from 2021-01-01");
    expect(brackets?.after).toBe("high: threshold 6000.00 yuan from 2021-01-01; rate 6% from 2021-01-01");
    expect(report.verdicts.find((verdict) => verdict.output === "contribution.paid")?.verdict).toBe("witness");
  });
});

describe("texts", () => {
  const folder = "policies/examples/heating-subsidy";
  const heating = readFileSync(join(repositoryRoot, folder, "policy.tiao"), "utf8");
  const notice = readFileSync(join(repositoryRoot, folder, "notice.txt"), "utf8");
  const compiled = (text: string) => compileOrFail([{ path: "policy.tiao", text }], notice);

  it("a text changed in a set of texts: reported in the formula, a witness found by the bounded search, since the solver has no texts", async () => {
    expect(heating).toContain(`in {"730300", "730400"}`);
    const report = await diffPrograms(compiled(heating), compiled(heating.replace(`in {"730300", "730400"}`, `in {"730300", "730500"}`)), {
      searchCases: 300,
      ...(solver === undefined ? {} : { solver }),
    });
    const change = changes(report).find((c) => c.subject === "heating_subsidy output mountain_area");
    expect(change?.classification).toBe("changes_outcomes");
    expect(change?.aspects.find((a) => a.aspect === "formula")).toMatchObject({ before: `household.postal_code in {"730300", "730400"}`, after: `household.postal_code in {"730300", "730500"}` });
    const verdict = report.verdicts.find((v) => v.output === "heating_subsidy.mountain_area");
    expect(verdict).toMatchObject({ verdict: "witness", method: "bounded_search" });
    const eligible = report.verdicts.find((v) => v.output === "heating_subsidy.eligible");
    expect(eligible?.verdict).toBe("no_difference_found");
    expect(JSON.stringify(eligible)).toContain("household.postal_code, a text");
  });
});
