/**
 * §2 and §4 in json-rules-engine, as its documentation teaches: flat facts, dynamic facts
 * for the parameters, shared named conditions, rules that emit events whose params pick
 * up fact values, and the application turning events into amounts. Amounts are binary
 * floating-point numbers rounded with `Math.round(x * 100) / 100`, as such code does.
 */
import { Engine, type Almanac, type Event, type RuleProperties } from "json-rules-engine";
import { PEER_FIGURES as F, roundToFen, type PeerEngine, type PeerInput, type PeerParameters, type PeerResult } from "./input.js";

const overrides = (almanac: Almanac): Promise<PeerParameters> => almanac.factValue<PeerParameters>("parameters");

function createEngine(): Engine {
  const engine = new Engine([], { replaceFactsInEventParams: true, allowUndefinedFacts: true });
  engine.addOperator<string, string>("onOrAfter", (date, limit) => date >= limit);
  engine.addOperator<string, string>("onOrBefore", (date, limit) => date <= limit);

  engine.addFact("epidemic_period_end", async (_params, almanac) => (await overrides(almanac)).epidemic_period_end ?? null);
  engine.addFact("refund_rate_large", async (_params, almanac) => (await overrides(almanac)).refund_rate_large ?? F.refundRateLarge);
  engine.addFact("refund_rate_sme", async (_params, almanac) => (await overrides(almanac)).refund_rate_sme ?? F.refundRateSme);
  engine.addFact("ui_benefit_standard", async (_params, almanac) => {
    const override = (await overrides(almanac)).ui_benefit_standard;
    if (override !== undefined) return override;
    const date = await almanac.factValue<string>("date");
    return date >= F.uiBenefitStandardChange ? F.uiBenefitStandardAfter : F.uiBenefitStandardBefore;
  });
  engine.addFact("urban_subsistence_allowance", async (_params, almanac) =>
    (await overrides(almanac)).urban_subsistence_allowance ?? F.urbanSubsistenceAllowance);

  engine.setCondition("in_epidemic_period", {
    all: [
      { fact: "date", operator: "onOrAfter", value: F.epidemicPeriodStart },
      {
        any: [
          { fact: "epidemic_period_end", operator: "equal", value: null },
          { fact: "date", operator: "onOrBefore", value: { fact: "epidemic_period_end" } },
        ],
      },
    ],
  });
  // 对参保不满1年的失业农民工: fewer than 12 months
  engine.setCondition("short_insured_migrant", {
    all: [
      { fact: "migrant_worker", operator: "equal", value: true },
      { fact: "insured_months", operator: "lessThan", value: 12 },
    ],
  });
  engine.setCondition("unemployment_subsidy", {
    all: [
      { condition: "in_epidemic_period" },
      { fact: "unemployed", operator: "equal", value: true },
      {
        // 参保 qualifies only those who do not qualify for benefit
        any: [
          { fact: "ui_status", operator: "equal", value: "expired" },
          { all: [{ fact: "ui_status", operator: "equal", value: "not_qualified" }, { fact: "insured", operator: "equal", value: true }] },
        ],
      },
      { not: { condition: "short_insured_migrant" } },
    ],
  });

  const rules: RuleProperties[] = [
    { name: "in force", conditions: { condition: "in_epidemic_period" }, event: { type: "in_force" } },
    {
      name: "§2 rate for large enterprises",
      conditions: { all: [{ condition: "in_epidemic_period" }, { fact: "size", operator: "equal", value: "large" }] },
      event: { type: "refund_rate", params: { rate: { fact: "refund_rate_large" } } },
    },
    {
      name: "§2 rate for small and medium enterprises",
      conditions: {
        all: [{ condition: "in_epidemic_period" }, { fact: "size", operator: "in", value: ["medium", "small", "micro"] }],
      },
      event: { type: "refund_rate", params: { rate: { fact: "refund_rate_sme" } } },
    },
    {
      name: "§2 refund",
      conditions: { all: [{ condition: "in_epidemic_period" }, { fact: "meets_refund_conditions", operator: "equal", value: true }] },
      event: { type: "refund_eligible" },
    },
    {
      name: "§4 unemployment subsidy",
      conditions: { condition: "unemployment_subsidy" },
      event: { type: "unemployment_subsidy", params: { standard: { fact: "ui_benefit_standard" } } },
    },
    {
      name: "§4 temporary living subsidy",
      conditions: {
        all: [
          { condition: "in_epidemic_period" },
          { fact: "unemployed", operator: "equal", value: true },
          { fact: "insured", operator: "equal", value: true },
          { condition: "short_insured_migrant" },
        ],
      },
      event: { type: "living_subsidy", params: { monthly: { fact: "urban_subsistence_allowance" } } },
    },
    {
      name: "§4 price subsidy",
      conditions: {
        all: [
          { condition: "in_epidemic_period" },
          {
            any: [
              { fact: "ui_status", operator: "equal", value: "receiving" },
              // a month of the unemployment subsidy left to receive
              {
                all: [
                  { condition: "unemployment_subsidy" },
                  { fact: "subsidy_months_received", operator: "lessThan", value: F.unemploymentSubsidyMaxMonths },
                ],
              },
            ],
          },
        ],
      },
      event: { type: "price_subsidy" },
    },
  ];
  for (const rule of rules) engine.addRule(rule);
  return engine;
}

function numberParam(event: Event | undefined, name: string): number {
  const value = event?.params?.[name];
  if (typeof value !== "number") throw new Error(`event ${event?.type} has no number ${name}`);
  return value;
}

/** The application's side: events to outputs. */
function resultFromEvents(input: PeerInput, events: readonly Event[]): PeerResult {
  const byType = new Map(events.map((event) => [event.type, event]));
  const inForce = byType.has("in_force");
  const refundEligible = byType.has("refund_eligible");
  const rate = inForce ? numberParam(byType.get("refund_rate"), "rate") : 0;
  const unemployment = byType.get("unemployment_subsidy");
  const living = byType.get("living_subsidy");
  const unemploymentMonthly = unemployment ? roundToFen((numberParam(unemployment, "standard") * F.unemploymentSubsidyRate) / 100) : 0;
  const unemploymentMonths = unemployment ? Math.max(0, F.unemploymentSubsidyMaxMonths - input.subsidy_months_received) : 0;
  const livingMonthly = living ? numberParam(living, "monthly") : 0;
  const livingMonths = living ? F.livingSubsidyMonths : 0;
  return {
    m2: {
      in_force: inForce,
      eligible: refundEligible,
      rate,
      refund: refundEligible ? roundToFen((input.ui_premiums_last_year * rate) / 100) : 0,
      channel: inForce ? "online" : null,
    },
    m4: {
      in_force: inForce,
      unemployment_subsidy_eligible: unemployment !== undefined,
      unemployment_subsidy_monthly: unemploymentMonthly,
      unemployment_subsidy_months: unemploymentMonths,
      living_subsidy_eligible: living !== undefined,
      living_subsidy_monthly: livingMonthly,
      living_subsidy_months: livingMonths,
      total: roundToFen(unemploymentMonthly * unemploymentMonths + livingMonthly * livingMonths),
      price_subsidy_eligible: byType.has("price_subsidy"),
    },
  };
}

export function jsonRulesEngine(): PeerEngine {
  const engine = createEngine();
  return {
    name: "json-rules-engine",
    // its throughput peaks with a few runs in flight: each run is a chain of promises
    batch: 8,
    evaluateBatch: (inputs) =>
      Promise.all(inputs.map(async (input) => resultFromEvents(input, (await engine.run({ ...input })).events))),
  };
}
