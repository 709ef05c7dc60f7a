import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LIST_ITEMS_SHOWN } from "../../compiler/explain.js";
import { fixturePolicy, tiao } from "./tiao.js";

const scenario = {
  date: "2021-11-15",
  person: { unemployed: true, insured_months: 30, ui_status: "expired", migrant_worker: false },
  enterprise: { ui_premiums_last_year: "12345.67" },
};

/** `tiao explain` on the fixture policy, with the scenario on standard input. */
function explain(input: unknown, ...flags: string[]) {
  return tiao(["explain", fixturePolicy, "--scenario", "-", ...flags], { input: typeof input === "string" ? input : JSON.stringify(input) });
}

describe("tiao explain", () => {
  it("prints the report of the evaluation, measure by measure, with each formula", () => {
    const result = explain(scenario, "--lang", "en");
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("示例补贴办法\n示例〔2021〕1号, 示例局, issued 2021-11-05 (policy benefit_demo, version 1.0.0)\nThe case as of 2021-11-15.\n");
    expect(result.stdout).toContain("Measure m1 (§1) 失业补助金\nIn force on 2021-11-15: the measure runs from 2021-10-20 with no end date.\n");
    const monthly = result.stdout.slice(result.stdout.indexOf("  monthly = ")).split("\n").slice(0, 3);
    expect(monthly[0]).toBe("  monthly = 1166.40 yuan");
    expect(monthly[1]).toMatch(/^ {4}Cites §1 “失业补助金标准按照失业保险金的80%确定” \(test\/e2e\/fixtures\/benefit\/benefit\.tiao:\d+\)\.$/);
    expect(monthly[2]).toBe(
      "    Formula: if eligible [true] then round(ui_benefit_standard [1458.00 yuan] * subsidy_rate [80%]) else 0.00 yuan = 1166.40 yuan",
    );
    expect(result.stdout).toContain("    Formula: round(enterprise.ui_premiums_last_year [12345.67 yuan] * 60%) = 7407.40 yuan\n");
    expect(result.stdout.indexOf("Measure m1")).toBeLessThan(result.stdout.indexOf("Measure m2"));
  });

  it("explains the exception that decided and the rule it overrode", () => {
    const result = explain({ ...scenario, person: { ...scenario.person, migrant_worker: true, insured_months: 6 } }, "--measure", "m1", "--lang", "en");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Exception `migrant` applies because short_insured_migrant is true; it overrides rule `general`.\n");
    expect(result.stdout).not.toContain("Measure m2");
  });

  it("reads the scenario from a file", () => {
    const result = tiao(["explain", "policies/lanzhou-2021-289", "--scenario", "policies/lanzhou-2021-289/scenarios/migrant-worker.json", "--measure", "m9"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(
      "公式：round(local_minimum_wage [1820.00 yuan] * stoppage_living_allowance_rate [80%]) = 1456.00 yuan",
    );
    expect(result.stdout).toContain("规则 `no_normal_work` 适用，因为 no_normal_work_beyond_cycle 为真。");
  });

  it("exits 2 on a bad scenario, with nothing on stdout and each problem's path on stderr", () => {
    const result = explain({ date: "2021-02-30", person: { ...scenario.person, insured_months: "abc" } });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toEqual([
      'date: expected a real calendar date, got "2021-02-30"',
      'person.insured_months: expected a non-negative integer, got "abc"',
    ]);
  });

  it("exits 2 on an unknown --measure name and without --scenario", () => {
    const unknown = explain(scenario, "--measure", "m9");
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toBe('error: --measure: the policy has no measure "m9" (it has m1, m2)\n');
    const missing = tiao(["explain", fixturePolicy]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^error: missing --scenario <file\.json>\n\nusage: tiao explain/);
  });

  it("exits 3 when the policy cannot evaluate the scenario, with nothing on stdout", () => {
    const result = tiao(["explain", "test/e2e/fixtures/no-rule.tiao", "--scenario", "-"], {
      input: JSON.stringify({ date: "2021-11-15", person: { age: 30 } }),
    });
    expect(result.status).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: .+\n {2}--> test\/e2e\/fixtures\/no-rule\.tiao:\d+:\d+\n$/);
  });

  it("speaks Chinese for a Chinese policy, and English with --lang en", () => {
    const chinese = explain(scenario, "--measure", "m1");
    expect(chinese.status).toBe(0);
    expect(chinese.stdout).toContain("示例补贴办法\n示例〔2021〕1号，示例局，2021-11-05 发布（政策 benefit_demo，版本 1.0.0）\n案情日期：2021-11-15。\n");
    expect(chinese.stdout).toContain("\n    规则 `general` 适用。\n");
    expect(chinese.stdout).toMatch(/\n {4}引用 §1 “失业补助金标准按照失业保险金的80%确定”（test\/e2e\/fixtures\/benefit\/benefit\.tiao:\d+）。\n/u);
    expect(chinese.stdout).toContain("\n    公式：if eligible [true] then round(ui_benefit_standard [1458.00 yuan] * subsidy_rate [80%]) else 0.00 yuan = 1166.40 yuan\n");
    expect(explain(scenario, "--measure", "m1", "--lang", "zh").stdout).toBe(chinese.stdout);
    const english = explain(scenario, "--measure", "m1", "--lang", "en");
    expect(english.stdout).toContain("\n    Rule `general` applies.\n");
    expect(english.stdout).not.toMatch(/规则|引用|公式/u);
  });

  it("exits 2 on a --lang it does not speak", () => {
    const result = explain(scenario, "--lang", "fr");
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: --lang expects en or zh, got "fr"\n/u);
  });

  it("has its usage under --help", () => {
    const result = tiao(["explain", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: tiao explain <policy> --scenario <file\.json> \[--measure <name>\]\.\.\./);
  });
});

describe("explanations of a long list", () => {
  // Regression: `run --explain` on 100,000 trainees built a JSON text too long for a string (exit 70).
  const items = 100_000;
  const test = JSON.parse(readFileSync("policies/lanzhou-2021-289/tests/m3-01-sme-revenue-down-on-2020.json", "utf8")) as {
    scenario: { enterprise: object };
  };
  const trainees = Array.from({ length: items }, (_, index) => ({ target_group: "none", newly_absorbed: false, months: 1 + (index % 4) }));
  const input = JSON.stringify({ ...test.scenario, enterprise: { ...test.scenario.enterprise, trainees } });
  const args = ["policies/lanzhou-2021-289", "--scenario", "-", "--measure", "m3"];

  it("are bounded in run --explain: the first items, then how many were left out and what they add up to", () => {
    const result = tiao(["run", ...args, "--explain"], { input });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeLessThan(200_000);
    const json = JSON.parse(result.stdout);
    const personMonths = (items / 4) * (1 + 2 + 3 + 3);
    expect(json.m3.subsidised_person_months).toBe(personMonths);
    const [aggregate] = json.explain.m3.subsidised_person_months.aggregates;
    expect(aggregate.terms).toHaveLength(LIST_ITEMS_SHOWN);
    expect(aggregate.terms[3]).toEqual({
      item: "enterprise.trainees[3]",
      included: true,
      condition: "subsidisable(t) [true]",
      term: "min(t.months [4 months], 3 months) = 3 months",
      value: 3,
    });
    const shownTotal = aggregate.terms.reduce((sum: number, term: { value: number }) => sum + term.value, 0);
    expect(aggregate.notShown).toEqual({ items: items - LIST_ITEMS_SHOWN, included: items - LIST_ITEMS_SHOWN, value: personMonths - shownTotal });
  });

  it("are bounded in tiao explain", () => {
    const result = tiao(["explain", ...args, "--lang", "en"], { input });
    expect(result.status).toBe(0);
    expect(result.stdout.length).toBeLessThan(100_000);
    expect(result.stdout).toContain(`      ${items - LIST_ITEMS_SHOWN} more items not shown: ${items - LIST_ITEMS_SHOWN} included\n`);
  });
});
