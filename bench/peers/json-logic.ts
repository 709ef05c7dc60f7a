/**
 * §2 and §4 in JsonLogic (json-logic-js): one rule per output, applied in order, each
 * result stored in the data for the rules after it — the usual way to chain JsonLogic
 * rules, which have no names of their own. Dates compare as ISO text; defaults of `var`
 * supply the parameters a scenario does not override; `round_fen` is the one operation
 * added, since JsonLogic has no rounding (Math.round(x * 100) / 100, as usual).
 */
import jsonLogic, { type RulesLogic } from "json-logic-js";
import { PEER_FIGURES as F, roundToFen, type PeerEngine, type PeerInput, type PeerResult } from "./input.js";

jsonLogic.add_operation("round_fen", roundToFen);

type Rule = RulesLogic<{ round_fen: unknown }>;

const v = (name: string, fallback?: unknown): Rule => (fallback === undefined ? { var: name } : { var: [name, fallback] });

const RULES: readonly (readonly [string, Rule])[] = [
  ["in_force", {
    and: [
      { ">=": [v("date"), F.epidemicPeriodStart] },
      { or: [{ "==": [v("parameters.epidemic_period_end", null), null] }, { "<=": [v("date"), v("parameters.epidemic_period_end")] }] },
    ],
  }],
  // §2
  ["refund_eligible", { and: [v("in_force"), v("meets_refund_conditions")] }],
  ["refund_rate", {
    if: [
      v("in_force"),
      { if: [{ "==": [v("size"), "large"] }, v("parameters.refund_rate_large", F.refundRateLarge), v("parameters.refund_rate_sme", F.refundRateSme)] },
      0,
    ],
  }],
  ["refund", { if: [v("refund_eligible"), { round_fen: [{ "/": [{ "*": [v("ui_premiums_last_year"), v("refund_rate")] }, 100] }] }, 0] }],
  // §4: 对参保不满1年的失业农民工 get the living subsidy instead
  ["short_insured_migrant", { and: [v("migrant_worker"), { "<": [v("insured_months"), 12] }] }],
  ["unemployment_subsidy_eligible", {
    and: [
      v("in_force"), v("unemployed"),
      // 参保 qualifies only those who do not qualify for benefit
      { or: [{ "==": [v("ui_status"), "expired"] }, { and: [{ "==": [v("ui_status"), "not_qualified"] }, v("insured")] }] },
      { "!": [v("short_insured_migrant")] },
    ],
  }],
  ["ui_benefit_standard", v("parameters.ui_benefit_standard", {
    if: [{ ">=": [v("date"), F.uiBenefitStandardChange] }, F.uiBenefitStandardAfter, F.uiBenefitStandardBefore],
  })],
  ["unemployment_subsidy_monthly", {
    if: [v("unemployment_subsidy_eligible"), { round_fen: [{ "/": [{ "*": [v("ui_benefit_standard"), F.unemploymentSubsidyRate] }, 100] }] }, 0],
  }],
  ["unemployment_subsidy_months", {
    if: [v("unemployment_subsidy_eligible"), { max: [0, { "-": [F.unemploymentSubsidyMaxMonths, v("subsidy_months_received")] }] }, 0],
  }],
  ["living_subsidy_eligible", { and: [v("in_force"), v("unemployed"), v("insured"), v("short_insured_migrant")] }],
  ["living_subsidy_monthly", {
    if: [v("living_subsidy_eligible"), v("parameters.urban_subsistence_allowance", F.urbanSubsistenceAllowance), 0],
  }],
  ["living_subsidy_months", { if: [v("living_subsidy_eligible"), F.livingSubsidyMonths, 0] }],
  ["total", {
    round_fen: [{
      "+": [
        { "*": [v("unemployment_subsidy_monthly"), v("unemployment_subsidy_months")] },
        { "*": [v("living_subsidy_monthly"), v("living_subsidy_months")] },
      ],
    }],
  }],
  ["price_subsidy_eligible", { and: [v("in_force"), { or: [{ "==": [v("ui_status"), "receiving"] }, { ">": [v("unemployment_subsidy_months"), 0] }] }] }],
];

function evaluate(input: PeerInput): PeerResult {
  const data: { [name: string]: unknown } = { ...input };
  for (const [name, rule] of RULES) data[name] = jsonLogic.apply(rule, data);
  const inForce = data["in_force"] === true;
  return {
    m2: {
      in_force: inForce,
      eligible: data["refund_eligible"] === true,
      rate: data["refund_rate"] as number,
      refund: data["refund"] as number,
      channel: inForce ? "online" : null,
    },
    m4: {
      in_force: inForce,
      unemployment_subsidy_eligible: data["unemployment_subsidy_eligible"] === true,
      unemployment_subsidy_monthly: data["unemployment_subsidy_monthly"] as number,
      unemployment_subsidy_months: data["unemployment_subsidy_months"] as number,
      living_subsidy_eligible: data["living_subsidy_eligible"] === true,
      living_subsidy_monthly: data["living_subsidy_monthly"] as number,
      living_subsidy_months: data["living_subsidy_months"] as number,
      total: data["total"] as number,
      price_subsidy_eligible: data["price_subsidy_eligible"] === true,
    },
  };
}

export function jsonLogicEngine(): PeerEngine {
  return { name: "json-logic-js", batch: 1024, evaluateBatch: (inputs) => inputs.map(evaluate) };
}
