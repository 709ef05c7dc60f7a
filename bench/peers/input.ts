/**
 * What the rule engines are given and what they give back. Their users hand them plain
 * JSON — money as a number of yuan, a percentage as a number, dates as text — and get
 * binary floating-point numbers back, so that is what they get here. The conversion from
 * a scenario is done once, before any timing.
 */
import { formatIsoDate } from "../baseline/calendar.js";
import type { Scenario } from "../facts.js";
import type { FormattedResult } from "../outputs.js";

/** The facts of §2 and §4 and the overrides they read, flat, as engines like them. */
export interface PeerInput {
  readonly date: string;
  readonly size: string;
  readonly ui_premiums_last_year: number;
  readonly meets_refund_conditions: boolean;
  readonly unemployed: boolean;
  readonly insured: boolean;
  readonly insured_months: number;
  readonly ui_status: string;
  readonly migrant_worker: boolean;
  readonly subsidy_months_received: number;
  readonly parameters: PeerParameters;
}

export interface PeerParameters {
  readonly epidemic_period_end?: string | null;
  readonly ui_benefit_standard?: number;
  readonly urban_subsistence_allowance?: number;
  /** percent: 30 for 30% */
  readonly refund_rate_large?: number;
  readonly refund_rate_sme?: number;
}

/** §2 and §4 as numbers: money in yuan, rates in percent. */
export interface PeerResult {
  readonly m2: {
    readonly in_force: boolean; readonly eligible: boolean; readonly rate: number; readonly refund: number;
    readonly channel: string | null;
  };
  readonly m4: {
    readonly in_force: boolean; readonly unemployment_subsidy_eligible: boolean; readonly unemployment_subsidy_monthly: number;
    readonly unemployment_subsidy_months: number; readonly living_subsidy_eligible: boolean; readonly living_subsidy_monthly: number;
    readonly living_subsidy_months: number; readonly total: number; readonly price_subsidy_eligible: boolean;
  };
}

export interface PeerEngine {
  readonly name: string;
  /** how many scenarios are handed over at once: for async engines, the number in flight */
  readonly batch: number;
  /** Evaluates a batch, as the engine's users run it (async engines: all in flight at once). */
  evaluateBatch(inputs: readonly PeerInput[]): PeerResult[] | Promise<PeerResult[]>;
}

const yuan = (fen: number): number => fen / 100;
const percentNumber = (millionths: number): number => millionths / 10_000;

export function peerInput(scenario: Scenario): PeerInput {
  const { enterprise, person } = scenario.facts;
  if (enterprise === undefined || person === undefined) throw new Error("the peers need the facts of §2 and §4");
  const overrides = scenario.parameters;
  const parameters: { -readonly [K in keyof PeerParameters]: PeerParameters[K] } = {};
  if (overrides.epidemic_period_end !== undefined) {
    parameters.epidemic_period_end = overrides.epidemic_period_end === null ? null : formatIsoDate(overrides.epidemic_period_end);
  }
  if (overrides.ui_benefit_standard !== undefined) parameters.ui_benefit_standard = yuan(overrides.ui_benefit_standard);
  if (overrides.urban_subsistence_allowance !== undefined) {
    parameters.urban_subsistence_allowance = yuan(overrides.urban_subsistence_allowance);
  }
  if (overrides.refund_rate_large !== undefined) parameters.refund_rate_large = percentNumber(overrides.refund_rate_large);
  if (overrides.refund_rate_sme !== undefined) parameters.refund_rate_sme = percentNumber(overrides.refund_rate_sme);
  return {
    date: formatIsoDate(scenario.date),
    size: enterprise.size,
    ui_premiums_last_year: yuan(enterprise.ui_premiums_last_year),
    meets_refund_conditions: enterprise.meets_refund_conditions,
    unemployed: person.unemployed,
    insured: person.insured,
    insured_months: person.insured_months,
    ui_status: person.ui_status,
    migrant_worker: person.migrant_worker,
    subsidy_months_received: person.subsidy_months_received,
    parameters,
  };
}

/** Rounding to the fen as it is usually written in JavaScript. */
export function roundToFen(yuanAmount: number): number {
  return Math.round(yuanAmount * 100) / 100;
}

/** A peer's numbers as output JSON, the way its users print them. */
export function formatPeerResult(result: PeerResult): FormattedResult {
  const money = (amount: number): string => amount.toFixed(2);
  const { m2, m4 } = result;
  return {
    m2: { in_force: m2.in_force, eligible: m2.eligible, rate: `${m2.rate}%`, refund: money(m2.refund), channel: m2.channel },
    m4: {
      in_force: m4.in_force,
      unemployment_subsidy_eligible: m4.unemployment_subsidy_eligible,
      unemployment_subsidy_monthly: money(m4.unemployment_subsidy_monthly),
      unemployment_subsidy_months: m4.unemployment_subsidy_months,
      living_subsidy_eligible: m4.living_subsidy_eligible,
      living_subsidy_monthly: money(m4.living_subsidy_monthly),
      living_subsidy_months: m4.living_subsidy_months,
      total: money(m4.total),
      price_subsidy_eligible: m4.price_subsidy_eligible,
    },
  };
}

/** Figures of §2 and §4 every peer encodes (policies/lanzhou-2021-289/parameters.tiao). */
export const PEER_FIGURES = {
  epidemicPeriodStart: "2021-10-20",
  refundRateLarge: 30,
  refundRateSme: 60,
  unemploymentSubsidyRate: 80,
  unemploymentSubsidyMaxMonths: 6,
  livingSubsidyMonths: 3,
  /** ui_benefit_standard: 1458.00 from 2020-02-01, 1638.00 from 2022-07-01 */
  uiBenefitStandardChange: "2022-07-01",
  uiBenefitStandardBefore: 1458,
  uiBenefitStandardAfter: 1638,
  urbanSubsistenceAllowance: 846,
} as const;
