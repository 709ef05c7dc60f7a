/**
 * The plain-text report of an evaluation: what a civil servant reads to check a result.
 * The report of the README's scenario on the Lanzhou policy is golden; after a deliberate
 * change, `npx vitest run test/interpret/explain-text.test.ts -u` rewrites it: review the diff.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import { explanationText } from "../../compiler/explain-text.js";
import { policyLanguage, type ExplanationLanguage } from "../../compiler/explain-words.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { compileText, eligiblePerson, m4Policy, m4Text } from "./policy-m4.js";
import { run, scenarioOf } from "./support.js";

function report(json: object, policy: ProgramIR = m4Policy): string {
  return explanationText(run(policy, json, { explain: true, language: "en" }), policy);
}

const migrant = { ...eligiblePerson, migrant_worker: true, insured_months: 8 };

/** The §4 policy with a sentence it does not compute. */
const notComputableText = m4Text.replace(/\n\}\n$/u, '\n\n  not computable §4 "畅通失业保险待遇网上申领渠道"\n    because "经办方式，不改变待遇"\n}\n');
const withNotComputable = compileText(notComputableText, "m4.tiao");
const notComputableLine = notComputableText.split("\n").findIndex((line) => line.includes("not computable")) + 1;

/** "m4.tiao:N", N the line of the policy text where `words` first appear. */
function locationOf(words: string, text = m4Text): string {
  const line = text.split("\n").findIndex((l) => l.includes(words));
  if (line === -1) throw new Error(`no line with ${words}`);
  return `m4.tiao:${line + 1}`;
}

/** The lines of the block of one output (or intermediate result), its heading first. */
function blockOf(text: string, heading: string): string[] {
  const blocks = text.split("\n\n").map((block) => block.split("\n"));
  const block = blocks.find((lines) => lines[0]?.trim().startsWith(heading));
  if (block === undefined) throw new Error(`no block starting with ${heading} in\n${text}`);
  return block.map((line) => line.trim());
}

describe("the text report of an evaluation", () => {
  it("names the policy and the date, then each measure and whether it is in force", () => {
    const lines = report({ date: "2021-11-15", person: eligiblePerson }).split("\n");
    expect(lines.slice(0, 6)).toEqual([
      "测试政策",
      "测试〔2021〕1号, 测试局, issued 2021-11-05 (policy test_policy, version 1.0.0)",
      "The case as of 2021-11-15.",
      "",
      "Measure m4 (§4) 确保失业保险待遇及时足额发放",
      "In force on 2021-11-15: the measure runs from 2021-10-20 with no end date.",
    ]);
  });

  it("says which exception decided, why, and which rule it overrode, with the words it cites and its note", () => {
    const text = report({ date: "2021-11-15", person: migrant });
    expect(blockOf(text, "unemployment_subsidy_eligible")).toEqual([
      "unemployment_subsidy_eligible = false",
      "Exception `migrant` applies because short_insured_migrant is true; it overrides rule `general`.",
      `Cites §4 “对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助” (${locationOf("exception migrant")}).`,
      "Note: 特别规定优先于一般规定",
    ]);
  });

  it("shows an intermediate result before the first output that uses it, with its formula and the facts it read", () => {
    const text = report({ date: "2021-11-15", person: migrant });
    expect(text.indexOf("short_insured_migrant = true (an intermediate result)")).toBeLessThan(text.indexOf("unemployment_subsidy_eligible = false"));
    expect(blockOf(text, "short_insured_migrant")).toEqual([
      "short_insured_migrant = true (an intermediate result)",
      `Cites §4 “对参保不满1年的失业农民工” (${locationOf("= person.migrant_worker and")}).`,
      "Note: “不满”不含本数",
      "Formula: person.migrant_worker [true] and person.insured_months [8 months] < 12 months → true",
      "Fact person.migrant_worker (农民工) = true",
      "Fact person.insured_months (参保月数) = 8 months",
    ]);
  });

  it("gives the formula of an amount and each parameter with the date its value took effect and its source", () => {
    const text = report({ date: "2021-11-15", person: eligiblePerson });
    expect(blockOf(text, "unemployment_subsidy_monthly")).toEqual([
      "unemployment_subsidy_monthly = 1166.40 yuan",
      `Cites §4 “失业补助金标准按照兰州市失业保险金的80%确定” (${locationOf("= if unemployment_subsidy_eligible then round")}).`,
      "Formula: if unemployment_subsidy_eligible [true] then round(ui_benefit_standard [1458.00 yuan] * unemployment_subsidy_rate [80%]) else 0.00 yuan = 1166.40 yuan",
      "Parameter ui_benefit_standard (兰州市失业保险金标准（一类区）, 元/月) = 1458.00 yuan, in force from 2020-02-01 until 2022-06-30; source: 甘肃日报 2022-07-20 所载调整前标准; note: 起始日期不详",
      "Parameter unemployment_subsidy_rate = 80%, in force from 2021-10-20; source: §4 “失业补助金标准按照兰州市失业保险金的80%确定”",
    ]);
  });

  it("says when a rule applies and which exceptions do not", () => {
    const lines = blockOf(report({ date: "2021-11-15", person: eligiblePerson }), "unemployment_subsidy_eligible");
    expect(lines.slice(0, 2)).toEqual(["unemployment_subsidy_eligible = true", "Rule `general` applies."]);
    expect(lines).toContain("Exception `migrant` does not apply: its condition does not hold.");
  });

  it("says when a parameter's value came from the scenario", () => {
    const text = report({ date: "2021-11-15", person: eligiblePerson, parameters: { ui_benefit_standard: "1413.00" } });
    expect(blockOf(text, "unemployment_subsidy_monthly")).toContain(
      "Parameter ui_benefit_standard (兰州市失业保险金标准（一类区）, 元/月) = 1413.00 yuan, given by the scenario",
    );
  });

  it("says that a measure not in force computes nothing, and that its empty values say nothing of the case", () => {
    const text = report({ date: "2021-10-01", person: eligiblePerson });
    expect(text.split("\n").slice(4)).toEqual([
      "Measure m4 (§4) 确保失业保险待遇及时足额发放",
      "Not in force on 2021-10-01: the measure runs from 2021-10-20 with no end date.",
      "  From epidemic_period_start = 2021-10-20: §1 “疫情期间是指2021年10月20日以后”",
      "  Until epidemic_period_end = absent: §1 “疫情期间是指2021年10月20日以后”",
      "Nothing is computed: the measure does not apply on this date. The result gives each output its empty value, which says nothing of the case:",
      "  unemployment_subsidy_eligible false, unemployment_subsidy_monthly 0.00 yuan, unemployment_subsidy_months 0 months",
      "",
    ]);
    expect(text).not.toMatch(/unemployment_subsidy_eligible = false/u);
  });

  it("gives the words that set the window: each parameter it reads, with its source", () => {
    const lines = report({ date: "2021-11-15", person: eligiblePerson }).split("\n");
    expect(lines.slice(5, 8)).toEqual([
      "In force on 2021-11-15: the measure runs from 2021-10-20 with no end date.",
      "  From epidemic_period_start = 2021-10-20: §1 “疫情期间是指2021年10月20日以后”",
      "  Until epidemic_period_end = absent: §1 “疫情期间是指2021年10月20日以后”",
    ]);
    const overridden = report({ date: "2021-11-15", person: eligiblePerson, parameters: { epidemic_period_end: "2021-12-31" } });
    expect(overridden).toContain("  Until epidemic_period_end = 2021-12-31: given by the scenario\n");
  });

  it("lists the sentences of the measure the policy does not compute, with their reasons, in force or not", () => {
    const sentences = [
      "  Not computed: sentences of the measure the policy does not compute, and why:",
      `    §4 “畅通失业保险待遇网上申领渠道”: 经办方式，不改变待遇 (m4.tiao:${notComputableLine})`,
    ].join("\n");
    expect(report({ date: "2021-11-15", person: eligiblePerson }, withNotComputable)).toContain(`\n\n${sentences}\n`);
    expect(report({ date: "2021-10-01", person: eligiblePerson }, withNotComputable)).toContain(`\n\n${sentences}\n`);
    expect(report({ date: "2021-11-15", person: eligiblePerson })).not.toContain("Not computed");
  });

  it("says an output without a value has none, with the rule that decided so and its note", () => {
    const text = m4Text.replace(
        "  output unemployment_subsidy_months: months",
        `  output paid_to: optional date {
    rule general = absent
      cites §4 "按月发放不超过6个月的失业补助金"
      note "本通知未规定发放日期"
  }

  output unemployment_subsidy_months: months`,
    );
    expect(blockOf(report({ date: "2021-11-15", person: eligiblePerson }, compileText(text, "m4.tiao")), "paid_to")).toEqual([
      "paid_to has no value",
      "Rule `general` applies.",
      `Cites §4 “按月发放不超过6个月的失业补助金” (${locationOf("rule general = absent", text)}).`,
      "Note: 本通知未规定发放日期",
    ]);
  });

  it("names the facts a measure left out would need, with their labels", () => {
    const text = report({ date: "2021-11-15" });
    expect(text).toContain(
      [
        "Not evaluated: the scenario does not give the facts these measures need.",
        "  m4 (§4) 确保失业保险待遇及时足额发放 needs person.insured, person.insured_months (参保月数), person.migrant_worker (农民工), person.subsidy_months_received, person.ui_status, person.unemployed (已登记失业)",
      ].join("\n"),
    );
  });

  it("needs an evaluation made with explanations", () => {
    const result = evaluate(m4Policy, scenarioOf(m4Policy, { date: "2021-11-15", person: eligiblePerson }));
    expect(() => explanationText(result, m4Policy)).toThrow(/explain: true/);
  });
});

describe("the report of the README's scenario", () => {
  async function readmeReport(language?: ExplanationLanguage): Promise<string> {
    const compiled = await compilePolicy(readPolicy("policies/lanzhou-2021-289"));
    const program = compiled.program;
    if (program === undefined) throw new Error("the Lanzhou policy does not compile");
    const scenario = readFileSync("policies/lanzhou-2021-289/scenarios/migrant-worker.json", "utf8");
    const options = { explain: true, ...(language === undefined ? {} : { language }) };
    return explanationText(evaluate(program, scenarioOf(program, JSON.parse(scenario) as object), options), program);
  }

  it("explains §2, §4 and §9 for the migrant worker on 2021-11-15, in Chinese for a Chinese policy", async () => {
    await expect(await readmeReport()).toMatchFileSnapshot("golden/lanzhou-migrant-worker.txt");
  });

  it("explains the same in English when asked", async () => {
    await expect(await readmeReport("en")).toMatchFileSnapshot("golden/lanzhou-migrant-worker.en.txt");
  });
});

describe("the language of the report", () => {
  it("is Chinese for a policy whose title is Chinese, English otherwise", () => {
    expect(policyLanguage(m4Policy.policy)).toBe("zh");
    expect(policyLanguage({ ...m4Policy.policy, title: "Rent subsidy" })).toBe("en");
  });

  it("puts the report's own words in Chinese, and leaves the policy's words and formulas as written", () => {
    const text = explanationText(run(withNotComputable, { date: "2021-11-15", person: migrant }, { explain: true }), withNotComputable);
    const lines = text.split("\n");
    expect(lines.slice(0, 8)).toEqual([
      "测试政策",
      "测试〔2021〕1号，测试局，2021-11-05 发布（政策 test_policy，版本 1.0.0）",
      "案情日期：2021-11-15。",
      "",
      "措施 m4（§4）确保失业保险待遇及时足额发放",
      "2021-11-15 在适用期内：本措施自 2021-10-20 起适用，无截止日期。",
      "  起始日 epidemic_period_start = 2021-10-20：§1 “疫情期间是指2021年10月20日以后”",
      "  截止日 epidemic_period_end = 无：§1 “疫情期间是指2021年10月20日以后”",
    ]);
    expect(blockOf(text, "unemployment_subsidy_eligible")).toEqual([
      "unemployment_subsidy_eligible = false",
      "例外 `migrant` 适用，因为 short_insured_migrant 为真；它优先于规则 `general`。",
      `引用 §4 “对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助”（${locationOf("exception migrant", notComputableText)}）。`,
      "注：特别规定优先于一般规定",
    ]);
    expect(blockOf(text, "short_insured_migrant")).toEqual([
      "short_insured_migrant = true（中间结果）",
      `引用 §4 “对参保不满1年的失业农民工”（${locationOf("= person.migrant_worker and", notComputableText)}）。`,
      "注：“不满”不含本数",
      "公式：person.migrant_worker [true] and person.insured_months [8 months] < 12 months → true",
      "事实 person.migrant_worker（农民工） = true",
      "事实 person.insured_months（参保月数） = 8个月",
    ]);
    expect(text).toContain(
      `\n\n  未计算的条文：本政策不计算本措施的下列语句，理由如下：\n    §4 “畅通失业保险待遇网上申领渠道”：经办方式，不改变待遇（m4.tiao:${notComputableLine}）\n`,
    );
  });

  it("gives the JSON summaries in the same language, with English keys", () => {
    const result = run(m4Policy, { date: "2021-10-01", person: eligiblePerson }, { explain: true });
    expect(result.language).toBe("zh");
    expect(result.explain?.["m4"]?.["unemployment_subsidy_monthly"]?.summary).toBe(
      "unemployment_subsidy_monthly 未计算：措施 m4 在 2021-10-01 不适用（适用期自 2021-10-20 起，无截止日期）；结果给出其空值 0.00元",
    );
    const migrantResult = run(m4Policy, { date: "2021-11-15", person: migrant }, { explain: true });
    expect(migrantResult.explain?.["m4"]?.["unemployment_subsidy_eligible"]?.summary).toBe(
      "unemployment_subsidy_eligible = false：例外“migrant”（§4 “对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助”），优先于规则“general”",
    );
  });
});
