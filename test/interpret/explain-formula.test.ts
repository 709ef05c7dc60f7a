/**
 * Formulas of explanations: the deciding expression in the policy's own syntax, with the
 * value read for each name written after it, for the shapes of expression the IR has.
 */
import { describe, expect, it } from "vitest";
import { LIST_ITEMS_SHOWN, type Explanation } from "../../compiler/explain.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { compileText, eligiblePerson, m4Policy } from "./policy-m4.js";
import { run } from "./support.js";

const header = `policy formulas {
  title    "测试政策"
  document "测试〔2021〕1号"
  issuer   "测试局"
  issued   2021-11-05
  version  "1.0.0"
}

enum size { large  medium  small }

record trainee "以工代训人员" {
  newly_absorbed: bool "新吸纳"
  months: months "参训月数"
}

record indicator {
  current: decimal
  previous: decimal
}

entity enterprise "企业" {
  size: size "企业规模"
  premiums: money "上年度实际缴纳失业保险费"
  wage: money
  trainees: list of trainee
  revenue: indicator
  started: date
  resumed: optional date "复工日"
  paid_months: integer
}

parameter refund_rate: percent {
  value 60% from 2021-01-01 source §2 "按30%和60%的标准顶格返还"
}

parameter cap: months {
  value 3 months from 2021-01-01 source §3 "补贴期限为3个月"
}

parameter bonus: money {
  value 100 yuan from 2021-01-01 source §3 "每人每月500元"
}
`;

/** Compiles a measure `m` after the common declarations. */
function policy(measureBody: string): ProgramIR {
  return compileText(`${header}\nmeasure m "测试" {\n${measureBody}\n}\n`);
}

const enterprise = {
  size: "small",
  premiums: "12345.67",
  wage: "1820.00",
  trainees: [
    { newly_absorbed: true, months: 3 },
    { newly_absorbed: false, months: 0 },
    { newly_absorbed: true, months: 2 },
  ],
  revenue: { current: 90, previous: 100 },
  started: "2021-08-31",
  resumed: null,
  paid_months: 2,
};

function explanation(program: ProgramIR, output: string, facts: object = enterprise): Explanation {
  const found = run(program, { date: "2021-11-15", enterprise: facts }, { explain: true, language: "en" }).explain?.["m"]?.[output];
  if (found === undefined) throw new Error(`no explanation of ${output}`);
  return found;
}

function formulaOf(measureBody: string, output = "x", facts: object = enterprise): string | undefined {
  return explanation(policy(measureBody), output, facts).formula;
}

describe("formulas", () => {
  it("round a product of an amount and a percentage, and give the result", () => {
    expect(formulaOf(`output x: money = round(enterprise.premiums * refund_rate) cites §2 "顶格返还"`)).toBe(
      "round(enterprise.premiums [12345.67 yuan] * refund_rate [60%]) = 7407.40 yuan",
    );
  });

  it("give the values read in the branch taken, and none in the other", () => {
    expect(formulaOf(`output x: money = if enterprise.size = large then 0 yuan else enterprise.wage cites §2 "顶格返还"`)).toBe(
      "if enterprise.size [small] = large then 0.00 yuan else enterprise.wage [1820.00 yuan] = 1820.00 yuan",
    );
    expect(
      formulaOf(`output x: money = if enterprise.size = large then enterprise.wage else 0 yuan cites §2 "顶格返还"`),
    ).toBe("if enterprise.size [small] = large then enterprise.wage else 0.00 yuan = 0.00 yuan");
  });

  it("show a yes/no result with an arrow, and keep the parentheses the grouping needs", () => {
    expect(
      formulaOf(
        `output x: bool = enterprise.size in {medium, small} and not (enterprise.paid_months >= 6 or enterprise.wage < 1000 yuan) cites §2 "顶格返还"`,
      ),
    ).toBe(
      "enterprise.size [small] in {medium, small} and not (enterprise.paid_months [2] >= 6 or enterprise.wage [1820.00 yuan] < 1000.00 yuan) → true",
    );
    expect(formulaOf(`output x: integer = (enterprise.paid_months + 1) * 2 cites §2 "顶格返还"`)).toBe("(enterprise.paid_months [2] + 1) * 2 = 6");
  });

  it("print a product as written, although the IR puts the amount first", () => {
    expect(formulaOf(`output x: money = 3 * enterprise.wage cites §2 "顶格返还"`)).toBe("3 * enterprise.wage [1820.00 yuan] = 5460.00 yuan");
  });

  it("print every arm of a match, with the value of its subject", () => {
    expect(
      formulaOf(`output x: percent = match enterprise.size { large => 30%  medium, small => refund_rate } cites §2 "顶格返还"`),
    ).toBe("match enterprise.size [small] { large => 30%  medium, small => refund_rate [60%] } = 60%");
  });

  it("leave the items of an aggregated list without values, and give the list's length", () => {
    expect(
      formulaOf(`output x: months = sum(min(t.months, cap) for t in enterprise.trainees where t.newly_absorbed) cites §3 "补贴期限为3个月"`),
    ).toBe("sum(min(t.months, cap [3 months]) for t in enterprise.trainees [3 items] where t.newly_absorbed) = 5 months");
    expect(formulaOf(`output x: integer = count(t in enterprise.trainees where t.months > 0 months) cites §3 "补贴期限为3个月"`)).toBe(
      "count(t in enterprise.trainees [3 items] where t.months > 0 months) = 2",
    );
  });

  it("give a call of a parameterised definition its value, and its own formula with the item's facts", () => {
    const program = policy(`
  let declined(i: indicator): bool = i.current < i.previous cites §3 "下降即可"
  output x: bool = declined(enterprise.revenue) cites §3 "下降即可"`);
    const explained = explanation(program, "x");
    expect(explained.formula).toBe("declined(enterprise.revenue) [true]");
    expect(explained.read?.calls?.[0]?.explanation.formula).toBe("i.current [90] < i.previous [100] → true");
  });

  it("write a parameter that a definition of the measure shadows as parameters.x", () => {
    expect(formulaOf(`output bonus: money = parameters.bonus * 2 cites §3 "每人每月500元"`, "bonus")).toBe(
      "parameters.bonus [100.00 yuan] * 2 = 200.00 yuan",
    );
  });

  it("print optional values, dates and the month rule's arithmetic", () => {
    expect(
      formulaOf(`output x: date = (enterprise.resumed otherwise enterprise.started) + 6 months - 1 day cites §3 "补贴期限为3个月"`),
    ).toBe("(enterprise.resumed [absent] otherwise enterprise.started [2021-08-31]) + 6 months - 1 day = 2022-02-27");
    expect(formulaOf(`output x: bool = enterprise.resumed is present cites §3 "补贴期限为3个月"`)).toBe("enterprise.resumed [absent] is present → false");
  });

  it("give the month rule of a term step by step, as the runtime computed it", () => {
    const body = `output x: date = last_day_of_term(enterprise.started, 6 months) cites §3 "补贴期限为3个月"`;
    const steps = (started: string) => explanation(policy(body), "x", { ...enterprise, started }).dateSteps;
    expect(steps("2021-10-20")).toEqual(["2021-10-20 + 6 months = 2022-04-20; - 1 day = 2022-04-19, the term's last day"]);
    expect(steps("2021-12-01")).toEqual(["2021-12-01 + 6 months = 2022-06-01; - 1 day = 2022-05-31, the term's last day"]);
    expect(steps("2021-10-31")).toEqual(["2021-10-31 + 6 months: 2022-04 has no day 31, so the term ends on its last day, 2022-04-30"]);
    expect(steps("2023-08-31")).toEqual(["2023-08-31 + 6 months: 2024-02 has no day 31, so the term ends on its last day, 2024-02-29"]);
  });

  it("give the date arithmetic step by step, as the runtime computed it, saying when a month has no such day", () => {
    const explained = explanation(policy(`output x: date = enterprise.started + 6 months - 1 day cites §3 "补贴期限为3个月"`), "x");
    expect(explained.dateSteps).toEqual(["2021-08-31 + 6 months = 2022-02-28 (2022-02 has no day 31: its last day); - 1 day = 2022-02-27"]);
    const plain = explanation(policy(`output x: date = enterprise.started - 1 day + 2 months cites §3 "补贴期限为3个月"`), "x", { ...enterprise, started: "2021-10-20" });
    expect(plain.dateSteps).toEqual(["2021-10-20 - 1 day = 2021-10-19; + 2 months = 2021-12-19"]);
    const two = explanation(
      policy(`output x: bool = enterprise.started + 1 month < (enterprise.resumed otherwise enterprise.started) + 2 months cites §3 "补贴期限为3个月"`),
      "x",
    );
    expect(two.dateSteps).toEqual(["2021-08-31 + 1 month = 2021-09-30 (2021-09 has no day 31: its last day)", "2021-08-31 + 2 months = 2021-10-31"]);
  });

  it("hide the conversions the checker inserted", () => {
    expect(formulaOf(`output x: months = cap + months(enterprise.paid_months) cites §3 "补贴期限为3个月"`)).toBe(
      "cap [3 months] + enterprise.paid_months [2] = 5 months",
    );
  });

  it("show a literal or a single name without repeating the result", () => {
    expect(formulaOf(`output x: percent = refund_rate cites §2 "顶格返还"`)).toBe("refund_rate [60%]");
    expect(formulaOf(`output x: size = medium cites §2 "顶格返还"`)).toBe("medium");
  });
});

describe("conditions", () => {
  function m4Explanation(person: object, output: string): Explanation {
    const found = run(m4Policy, { date: "2021-11-15", person }, { explain: true, language: "en" }).explain?.["m4"]?.[output];
    if (found === undefined) throw new Error(`no explanation of ${output}`);
    return found;
  }

  it("give the condition of the exception that decided, with the values read", () => {
    const migrant = { ...eligiblePerson, migrant_worker: true, insured_months: 8 };
    const explained = m4Explanation(migrant, "unemployment_subsidy_eligible");
    expect(explained.condition).toBe("short_insured_migrant [true]");
    expect(explained.formula).toBe("false");
    expect(explained.read?.definitions?.[0]?.explanation?.formula).toBe(
      "person.migrant_worker [true] and person.insured_months [8 months] < 12 months → true",
    );
  });

  it("give a compound condition its result", () => {
    const program = policy(`
  output x: bool {
    rule general = false cites §2 "顶格返还"
    exception small to general when enterprise.size = small and enterprise.paid_months < 3 = true cites §2 "顶格返还"
  }`);
    expect(explanation(program, "x").condition).toBe("enterprise.size [small] = small and enterprise.paid_months [2] < 3 → true");
  });

  it("leave out the condition of a rule without one", () => {
    const explained = m4Explanation(eligiblePerson, "unemployment_subsidy_eligible");
    expect(explained.condition).toBeUndefined();
    expect(explained.formula).toBe(
      "person.unemployed [true] and person.insured [true] and person.ui_status [expired] in {expired, not_qualified} → true",
    );
  });
});

describe("aggregates item by item", () => {
  const sumBody = `output x: months = sum(min(t.months, cap) for t in enterprise.trainees where t.newly_absorbed) cites §3 "补贴期限为3个月"`;

  it("give each item's filter and term with the item's values", () => {
    const [aggregate, ...others] = explanation(policy(sumBody), "x").aggregates ?? [];
    expect(others).toEqual([]);
    expect(aggregate).toEqual({
      aggregate: "sum(min(t.months, cap [3 months]) for t in enterprise.trainees [3 items] where t.newly_absorbed)",
      list: "enterprise.trainees",
      items: 3,
      value: 5,
      terms: [
        { item: "enterprise.trainees[0]", included: true, condition: "t.newly_absorbed [true]", term: "min(t.months [3 months], cap [3 months]) = 3 months", value: 3 },
        { item: "enterprise.trainees[1]", included: false, condition: "t.newly_absorbed [false]" },
        { item: "enterprise.trainees[2]", included: true, condition: "t.newly_absorbed [true]", term: "min(t.months [2 months], cap [3 months]) = 2 months", value: 2 },
      ],
    });
  });

  it("show the first items of a long list and sum up the others, reading no fact of theirs", () => {
    const trainees = Array.from({ length: LIST_ITEMS_SHOWN + 25 }, (_, index) => ({ newly_absorbed: index % 5 !== 0, months: 1 + (index % 4) }));
    const explained = explanation(policy(sumBody), "x", { ...enterprise, trainees });
    const aggregate = explained.aggregates?.[0];
    const included = trainees.filter((t) => t.newly_absorbed);
    const total = included.reduce((sum, t) => sum + Math.min(t.months, 3), 0);
    const shown = trainees.slice(0, LIST_ITEMS_SHOWN);
    const shownTotal = shown.filter((t) => t.newly_absorbed).reduce((sum, t) => sum + Math.min(t.months, 3), 0);
    expect(explained.value).toBe(total);
    expect(aggregate?.terms.map((term) => term.item)).toEqual(shown.map((_, index) => `enterprise.trainees[${index}]`));
    expect(aggregate?.notShown).toEqual({
      items: 25,
      included: included.length - shown.filter((t) => t.newly_absorbed).length,
      value: total - shownTotal,
    });
    const itemsRead = new Set((explained.read?.facts ?? []).flatMap((fact) => /\[(\d+)\]/u.exec(fact.path)?.[1] ?? []).map(Number));
    expect(Math.max(...itemsRead)).toBe(LIST_ITEMS_SHOWN - 1);
  });

  it("keep the calls of the items shown only", () => {
    const program = policy(`
  let counted(t: trainee): bool = t.newly_absorbed cites §3 "补贴期限为3个月"
  output x: integer = count(t in enterprise.trainees where counted(t)) cites §3 "补贴期限为3个月"`);
    const trainees = Array.from({ length: 3 * LIST_ITEMS_SHOWN }, () => ({ newly_absorbed: true, months: 1 }));
    const explained = explanation(program, "x", { ...enterprise, trainees });
    expect(explained.value).toBe(3 * LIST_ITEMS_SHOWN);
    expect(explained.read?.calls?.map((call) => call.call)).toEqual(
      Array.from({ length: LIST_ITEMS_SHOWN }, (_, index) => `counted(enterprise.trainees[${index}])`),
    );
    expect(explained.aggregates?.[0]?.terms[0]).toEqual({ item: "enterprise.trainees[0]", included: true, condition: "counted(t) [true]" });
    expect(explained.aggregates?.[0]?.notShown).toEqual({ items: 2 * LIST_ITEMS_SHOWN, included: 2 * LIST_ITEMS_SHOWN });
  });

  it("say how many items `any` never looked at", () => {
    const explained = explanation(policy(`output x: bool = any(t in enterprise.trainees where t.newly_absorbed) cites §3 "补贴期限为3个月"`), "x");
    expect(explained.aggregates?.[0]).toMatchObject({ items: 3, value: true, notLookedAt: 2, terms: [{ item: "enterprise.trainees[0]", included: true }] });
  });
});
