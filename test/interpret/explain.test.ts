import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Explanation } from "../../compiler/explain.js";
import { shortCitation } from "../../compiler/explain.js";
import { cases, cites, e, entityDecl, exception, field, measure, program, recordDecl, rule, simple, t, window } from "../support/ir-builders.js";
import { compileText, eligiblePerson, m4Policy, m4Text } from "./policy-m4.js";
import { run } from "./support.js";

function explanationsOf(json: object, policy = m4Policy, measureName = "m4"): { readonly [output: string]: Explanation } {
  const explanations = run(policy, json, { explain: true, language: "en" }).explain?.[measureName];
  if (explanations === undefined) throw new Error(`no explanation of ${measureName}`);
  return explanations;
}

function explanationOf(json: object, output: string, policy = m4Policy, measureName = "m4"): Explanation {
  const explanation = explanationsOf(json, policy, measureName)[output];
  if (explanation === undefined) throw new Error(`no explanation of ${output}`);
  return explanation;
}

const migrant = { ...eligiblePerson, migrant_worker: true, insured_months: 3 };

/** "m4.tiao:N", N the line of the policy text where `words` first appear. */
function locationOf(words: string): string {
  const line = m4Text.split("\n").findIndex((l) => l.includes(words));
  if (line === -1) throw new Error(`no line with ${words}`);
  return `m4.tiao:${line + 1}`;
}

describe("explanations", () => {
  it("explain every output, in_force first, beside unchanged outputs", () => {
    const result = run(m4Policy, { date: "2021-11-15", person: eligiblePerson }, { explain: true, language: "en" });
    expect(Object.keys(result.explain?.["m4"] ?? {})).toEqual(Object.keys(result.outputs["m4"] ?? {}));
    expect(Object.keys(result.explain?.["m4"] ?? {})[0]).toBe("in_force");
  });

  it("name the exception that decided, with its citation, and the rule it overrode", () => {
    const explanation = explanationOf({ date: "2021-11-15", person: migrant }, "unemployment_subsidy_eligible");
    expect(explanation.summary).toBe(
      'unemployment_subsidy_eligible = false: exception "migrant" (§4 “对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助”) overrides rule "general"',
    );
    expect(explanation.value).toBe(false);
    expect(explanation.decidedBy).toMatchObject({
      kind: "exception",
      label: "migrant",
      citation: { clause: "§4", quote: "对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助" },
      note: "特别规定优先于一般规定",
    });
    expect(explanation.decidedBy?.location).toBe(locationOf("exception migrant to general"));
    expect(explanation.overrides?.map((r) => `${r.kind} ${r.label} ${r.location}`)).toEqual([`rule general ${locationOf("rule general")}`]);
  });

  it("explain the lets a decision read, with the facts they read and their labels", () => {
    const explanation = explanationOf({ date: "2021-11-15", person: migrant }, "unemployment_subsidy_eligible");
    const [let_] = explanation.read?.definitions ?? [];
    expect(let_).toMatchObject({ name: "short_insured_migrant", kind: "let", value: true });
    expect(let_?.explanation?.read?.facts).toEqual([
      { path: "person.migrant_worker", label: "农民工", value: true },
      { path: "person.insured_months", label: "参保月数", value: 3 },
    ]);
    expect(let_?.explanation?.decidedBy?.note).toBe("“不满”不含本数");
  });

  it("list the exceptions that did not apply, with the reason", () => {
    const explanation = explanationOf({ date: "2021-11-15", person: eligiblePerson }, "unemployment_subsidy_eligible");
    expect(explanation.summary).toBe('unemployment_subsidy_eligible = true: rule "general" (§4 “对领取失业保险金期满仍未就业的失业人员、不符合领取失业保险金条件的参保失业人员按月发放不超过6个月的失业补助金”)');
    expect(explanation.notApplied).toMatchObject([{ kind: "exception", label: "migrant", reason: "its condition does not hold" }]);
    expect(explanation.read?.facts?.map((f) => f.path)).toEqual(["person.unemployed", "person.insured", "person.ui_status"]);
  });

  it("give each parameter read with the dated value used and its source", () => {
    const explanation = explanationOf({ date: "2021-11-15", person: eligiblePerson }, "unemployment_subsidy_monthly");
    expect(explanation.summary).toBe("unemployment_subsidy_monthly = 1166.40 yuan (§4 “失业补助金标准按照兰州市失业保险金的80%确定”)");
    expect(explanation.read?.parameters).toEqual([
      {
        name: "ui_benefit_standard",
        label: "兰州市失业保险金标准（一类区）",
        unit: "元/月",
        value: "1458.00",
        from: "2020-02-01",
        until: "2022-06-30",
        source: { document: "甘肃日报 2022-07-20 所载调整前标准" },
        note: "起始日期不详",
      },
      { name: "unemployment_subsidy_rate", value: "80%", from: "2021-10-20", source: { clause: "§4", quote: "失业补助金标准按照兰州市失业保险金的80%确定" } },
    ]);
    expect(explanation.read?.definitions).toEqual([{ name: "unemployment_subsidy_eligible", kind: "output", value: true }]);
  });

  it("say when a parameter's value came from the scenario", () => {
    const json = { date: "2021-11-15", person: eligiblePerson, parameters: { ui_benefit_standard: "1413.00" } };
    const [standard] = explanationOf(json, "unemployment_subsidy_monthly").read?.parameters ?? [];
    expect(standard).toEqual({ name: "ui_benefit_standard", label: "兰州市失业保险金标准（一类区）", unit: "元/月", value: "1413.00", overridden: true });
  });

  it("say when the measure is in force, with its window and the parameters that set it", () => {
    const explanation = explanationOf({ date: "2021-11-15", person: eligiblePerson }, "in_force");
    expect(explanation.summary).toBe("in_force = true: measure m4 is in force on 2021-11-15: its window runs from 2021-10-20 with no end date");
    expect(explanation.window).toEqual({ measure: "m4", date: "2021-11-15", inForce: true, from: "2021-10-20", until: null });
    expect(explanation.read?.parameters?.map((p) => p.name)).toEqual(["epidemic_period_start", "epidemic_period_end"]);
  });

  it("say that an output of a measure not in force is not computed, and why, before its empty value", () => {
    const explanation = explanationOf({ date: "2021-10-01", person: eligiblePerson }, "unemployment_subsidy_monthly");
    expect(explanation.summary).toBe(
      "unemployment_subsidy_monthly is not computed: measure m4 is not in force on 2021-10-01: its window runs from 2021-10-20 with no end date; the result gives it its empty value, 0.00 yuan",
    );
    expect(explanation.value).toBe("0.00");
    expect(explanation.decidedBy).toBeUndefined();
  });

  it("list, with in_force, the sentences of the measure the policy does not compute, with their reasons", () => {
    const text = m4Text.replace(/\n\}\n$/u, '\n  not computable §4 "畅通失业保险待遇网上申领渠道"\n    because "经办方式，不改变待遇"\n}\n');
    const policy = compileText(text, "m4.tiao");
    const line = text.split("\n").findIndex((l) => l.includes("not computable")) + 1;
    const expected = [{ clause: "§4", quote: "畅通失业保险待遇网上申领渠道", reason: "经办方式，不改变待遇", location: `m4.tiao:${line}` }];
    expect(explanationOf({ date: "2021-11-15", person: eligiblePerson }, "in_force", policy).notComputable).toEqual(expected);
    expect(explanationOf({ date: "2021-10-01", person: eligiblePerson }, "in_force", policy).notComputable).toEqual(expected);
    expect(explanationOf({ date: "2021-11-15", person: eligiblePerson }, "in_force").notComputable).toBeUndefined();
  });

  it("say that a measure without a window has no time limit", () => {
    const policy = program({ records: [], measures: [measure("m", [simple("x", t.integer, e.int(1))])] });
    expect(explanationOf({ date: "2021-11-15" }, "in_force", policy, "m").summary).toBe("in_force = true: measure m has no time limit");
  });

  it("explain a rule outside its window", () => {
    const policy = program({
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
    const explanation = explanationOf({ date: "2021-11-15" }, "hotline_until", policy, "m10");
    expect(explanation.summary).toMatch(/^hotline_until = 22:00: rule "after"/);
    expect(explanation.notApplied).toMatchObject([{ label: "before", reason: "outside its window (in force from 2021-01-01 until 2021-11-04)" }]);
  });

  it("give list items their paths and explain each call of a parameterised definition", () => {
    const trainee = recordDecl("trainee", [field("newly_absorbed", t.bool, "新吸纳")]);
    const enterprise = entityDecl("enterprise", [field("trainees", t.list("trainee"))]);
    const item = e.local("t", t.record("trainee"));
    const policy = program({
      records: [trainee, enterprise],
      measures: [
        measure("m3", [
          cases(
            "subsidisable",
            t.bool,
            [rule("general", e.bool(false), { exceptions: [exception("new", e.bool(true), { when: e.field(item, "newly_absorbed", t.bool) })] })],
            { visibility: "let", parameters: [{ name: "t", type: t.record("trainee") }] },
          ),
          simple(
            "subsidised",
            t.integer,
            e.count("x", e.fact("enterprise", "trainees", t.list("trainee")), e.call("subsidisable", [e.local("x", t.record("trainee"))], t.bool)),
            { cites: cites("§3", "以工代训") },
          ),
        ]),
      ],
    });
    const json = { date: "2021-11-15", enterprise: { trainees: [{ newly_absorbed: false }, { newly_absorbed: true }] } };
    const explanation = explanationOf(json, "subsidised", policy, "m3");
    expect(explanation.summary).toBe("subsidised = 1 (§3 “以工代训”)");
    expect(explanation.read?.facts).toEqual([{ path: "enterprise.trainees", items: 2 }]);
    const calls = explanation.read?.calls ?? [];
    expect(calls.map((c) => [c.call, c.value])).toEqual([
      ["subsidisable(enterprise.trainees[0])", false],
      ["subsidisable(enterprise.trainees[1])", true],
    ]);
    expect(calls[1]?.explanation.summary).toBe('subsidisable = true: exception "new" (§1 “quote of new”) overrides rule "general"');
    expect(calls[1]?.explanation.read?.facts).toEqual([{ path: "enterprise.trainees[1].newly_absorbed", label: "新吸纳", value: true }]);
  });

  it("are plain data", () => {
    const explain = run(m4Policy, { date: "2021-11-15", person: migrant }, { explain: true, language: "en" }).explain;
    expect(JSON.parse(JSON.stringify(explain))).toEqual(explain);
  });
});

describe("short citations in summaries", () => {
  it("never cut a quote inside a sentence: a quote of one sentence is whole", () => {
    expect(shortCitation(cites("§4", "对参保不满1年的失业农民工，参照兰州市城市低保标准"))).toBe("§4 “对参保不满1年的失业农民工，参照兰州市城市低保标准”");
    expect(shortCitation(cites("§6", "最高 20 万元"))).toBe("§6 “最高 20 万元”");
    expect(shortCitation(cites("§3¶2", "一二三四五六七八九十一二三四五六七八九十一二。"))).toBe("§3¶2 “一二三四五六七八九十一二三四五六七八九十一二。”");
  });

  it("keep the first sentence of a longer quote, whole, and mark what follows", () => {
    expect(shortCitation(cites("§10", "开通24小时服务热线；工作日8:00至22:00人工接听。"))).toBe("§10 “开通24小时服务热线；…”");
    expect(shortCitation(cites("§5", "做好兜底保障。对符合条件的，及时纳入。"))).toBe("§5 “做好兜底保障。…”");
  });

  it("never end a summary's quote inside a sentence, for any quote", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("字", "，", "。", "；", "、", " ", "a"), { minLength: 1, maxLength: 40 }), (characters) => {
        const quote = characters.join("");
        const short = shortCitation(cites("§1", quote));
        const shown = short.slice("§1 “".length, -"”".length);
        if (shown.endsWith("…")) {
          const kept = shown.slice(0, -1);
          expect(quote.startsWith(kept)).toBe(true);
          expect(kept).toMatch(/[。！？；!?;]$/u);
        } else {
          expect(shown).toBe(quote);
        }
      }),
    );
  });
});
