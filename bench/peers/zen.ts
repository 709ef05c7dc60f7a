/**
 * §2 and §4 as a GoRules JDM decision graph, as its editor would produce it: an
 * expression node for the epidemic period, decision tables (hit policy "first") for the
 * refund rate, the dated benefit standard and the §4 eligibility — the short-insured
 * migrant row placed first, which is how a table says "this case instead of that one" —
 * and expression nodes for the amounts. ZEN computes in decimal, and its Node API is
 * asynchronous: a batch is evaluated with every decision in flight at once.
 */
import { ZenEngine, type ZenDecision } from "@gorules/zen-engine";
import { PEER_FIGURES as F, type PeerEngine, type PeerInput, type PeerResult } from "./input.js";

interface TableColumn {
  readonly id: string;
  readonly name: string;
  readonly field?: string;
}

/** A decision table node: columns, then rows as cell texts in column order (inputs, then outputs). */
function decisionTable(
  id: string,
  name: string,
  inputs: readonly TableColumn[],
  outputs: readonly TableColumn[],
  rows: readonly (readonly string[])[],
): object {
  const columns = [...inputs, ...outputs];
  return {
    id,
    name,
    type: "decisionTableNode",
    position: { x: 0, y: 0 },
    content: {
      hitPolicy: "first",
      passThrough: true,
      inputField: null,
      outputPath: null,
      executionMode: "single",
      inputs,
      outputs,
      rules: rows.map((cells, row) => {
        const rule: { [column: string]: string } = { _id: `${id}-${row}` };
        columns.forEach((column, i) => (rule[column.id] = cells[i] ?? ""));
        return rule;
      }),
    },
  };
}

function expressionNode(id: string, name: string, passThrough: boolean, expressions: readonly (readonly [string, string])[]): object {
  return {
    id,
    name,
    type: "expressionNode",
    position: { x: 0, y: 0 },
    content: { passThrough, expressions: expressions.map(([key, value], i) => ({ id: `${id}-${i}`, key, value })) },
  };
}

const inForce = [
  "inForce",
  `date(date) >= date('${F.epidemicPeriodStart}') and (parameters.epidemic_period_end == null or date(date) <= date(parameters.epidemic_period_end))`,
] as const;

const nodes = [
  { id: "request", name: "Request", type: "inputNode", position: { x: 0, y: 0 } },
  expressionNode("period", "Epidemic period §1", true, [inForce]),
  decisionTable(
    "rate", "Refund rate §2",
    [{ id: "size", name: "Enterprise size", field: "size" }],
    [{ id: "rate", name: "Rate (%)", field: "refundRate" }],
    [
      ["'large'", `parameters.refund_rate_large ?? ${F.refundRateLarge}`],
      ["'medium', 'small', 'micro'", `parameters.refund_rate_sme ?? ${F.refundRateSme}`],
    ],
  ),
  decisionTable(
    "standard", "Unemployment-insurance benefit standard",
    [{ id: "when", name: "Condition" }],
    [{ id: "standard", name: "Yuan per month", field: "uiBenefitStandard" }],
    [
      ["parameters.ui_benefit_standard != null", "parameters.ui_benefit_standard"],
      [`date(date) >= date('${F.uiBenefitStandardChange}')`, String(F.uiBenefitStandardAfter)],
      ["", String(F.uiBenefitStandardBefore)],
    ],
  ),
  decisionTable(
    "eligibility", "Benefits §4",
    [
      { id: "inForce", name: "In force", field: "inForce" },
      { id: "unemployed", name: "Unemployed", field: "unemployed" },
      { id: "insured", name: "Insured", field: "insured" },
      { id: "status", name: "Benefit status", field: "ui_status" },
      { id: "migrant", name: "Migrant worker", field: "migrant_worker" },
      { id: "months", name: "Insured months", field: "insured_months" },
    ],
    [
      { id: "unemploymentSubsidy", name: "Unemployment subsidy", field: "unemploymentSubsidy" },
      { id: "livingSubsidy", name: "Living subsidy", field: "livingSubsidy" },
    ],
    [
      // 对参保不满1年的失业农民工 … 临时生活补助, instead of the unemployment subsidy
      ["true", "true", "true", "", "true", "< 12", "false", "true"],
      ["true", "true", "", "", "true", "< 12", "false", "false"],
      // 参保 qualifies only those who do not qualify for benefit
      ["true", "true", "", "'expired'", "", "", "true", "false"],
      ["true", "true", "true", "'not_qualified'", "", "", "true", "false"],
      ["", "", "", "", "", "", "false", "false"],
    ],
  ),
  expressionNode("monthly", "Monthly amounts §4", true, [
    ["unemploymentMonthly", `unemploymentSubsidy ? round(uiBenefitStandard * ${F.unemploymentSubsidyRate} / 100, 2) : 0`],
    ["unemploymentMonths", `unemploymentSubsidy ? max([0, ${F.unemploymentSubsidyMaxMonths} - subsidy_months_received]) : 0`],
    ["livingMonthly", `livingSubsidy ? (parameters.urban_subsistence_allowance ?? ${F.urbanSubsistenceAllowance}) : 0`],
    ["livingMonths", `livingSubsidy ? ${F.livingSubsidyMonths} : 0`],
  ]),
  expressionNode("result", "Result", false, [
    ["m2.in_force", "inForce"],
    ["m2.eligible", "inForce and meets_refund_conditions"],
    ["m2.rate", "inForce ? refundRate : 0"],
    ["m2.refund", "inForce and meets_refund_conditions ? round(ui_premiums_last_year * refundRate / 100, 2) : 0"],
    ["m2.channel", "inForce ? 'online' : null"],
    ["m4.in_force", "inForce"],
    ["m4.unemployment_subsidy_eligible", "unemploymentSubsidy"],
    ["m4.unemployment_subsidy_monthly", "unemploymentMonthly"],
    ["m4.unemployment_subsidy_months", "unemploymentMonths"],
    ["m4.living_subsidy_eligible", "livingSubsidy"],
    ["m4.living_subsidy_monthly", "livingMonthly"],
    ["m4.living_subsidy_months", "livingMonths"],
    ["m4.total", "unemploymentMonthly * unemploymentMonths + livingMonthly * livingMonths"],
    ["m4.price_subsidy_eligible", "inForce and (ui_status == 'receiving' or unemploymentMonths > 0)"],
  ]),
  { id: "response", name: "Response", type: "outputNode", position: { x: 0, y: 0 } },
];

const chain = ["request", "period", "rate", "standard", "eligibility", "monthly", "result", "response"];

/** The decision graph as JDM JSON, the file a GoRules user keeps. */
export const refundAndBenefitsGraph = {
  contentType: "application/vnd.gorules.decision",
  nodes,
  edges: chain.slice(1).map((target, i) => ({ id: `edge-${i}`, type: "edge", sourceId: chain[i], targetId: target })),
};

export function zenEngine(): PeerEngine & { dispose(): void } {
  const engine = new ZenEngine();
  const decision: ZenDecision = engine.createDecision(refundAndBenefitsGraph);
  return {
    name: "zen-engine",
    // enough decisions in flight to keep its native worker threads busy
    batch: 1024,
    evaluateBatch: (inputs: readonly PeerInput[]) =>
      Promise.all(inputs.map(async (input) => (await decision.evaluate(input)).result as PeerResult)),
    dispose: () => engine.dispose(),
  };
}
