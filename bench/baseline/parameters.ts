/**
 * The parameters of the notice and the figures it takes from other documents, with their
 * dated values (policies/lanzhou-2021-289/parameters.tiao). A scenario may override any of them by name; an
 * override holds whatever the date, so every read goes through the overrides first.
 */
import type { ParameterOverrides } from "../facts.js";
import { parseIsoDate } from "./calendar.js";

interface DatedValue<T> {
  readonly from: number;
  /** inclusive; absent: until the next value's start, or forever */
  readonly until?: number;
  readonly value: T;
}

/** A parameter with values in date order, each in force from its date. */
export class DatedParameter<T> {
  private readonly values: readonly DatedValue<T>[];

  constructor(
    readonly name: string,
    values: readonly { readonly from: string; readonly until?: string; readonly value: T }[],
  ) {
    this.values = values.map((v) => ({
      from: parseIsoDate(v.from),
      ...(v.until === undefined ? {} : { until: parseIsoDate(v.until) }),
      value: v.value,
    }));
  }

  on(date: number): T {
    for (let i = this.values.length - 1; i >= 0; i--) {
      const entry = this.values[i]!;
      if (entry.from <= date) {
        if (entry.until !== undefined && date > entry.until) break;
        return entry.value;
      }
    }
    throw new Error(`${this.name} has no value on this date`);
  }
}

const yuan = (amount: number): number => Math.round(amount * 100);
const percent = (amount: number): number => Math.round(amount * 10_000);
const time = (hours: number): number => hours * 60;

const epidemicPeriodStart = parseIsoDate("2021-10-20");
const epidemicPeriodEnd: number | null = null;
/** the notice's date: §10's changes apply from it */
const noticeDate = parseIsoDate("2021-11-05");

/** §3: "从2021年10月起执行": in force from then on, whatever the epidemic period; lump-sum claims come later */
const workTrainingStartDate = parseIsoDate("2021-10-01");

const uiBenefitStandard = new DatedParameter("ui_benefit_standard", [
  { from: "2020-02-01", value: yuan(1458) },
  { from: "2022-07-01", value: yuan(1638) },
]);
const urbanSubsistenceAllowance = new DatedParameter("urban_subsistence_allowance", [{ from: "2021-01-01", value: yuan(846) }]);
const minimumWages = {
  class1: new DatedParameter("minimum_wage_class1", [
    { from: "2017-06-01", value: yuan(1620) }, { from: "2021-09-01", value: yuan(1820) }, { from: "2023-11-01", value: yuan(2020) },
  ]),
  class2: new DatedParameter("minimum_wage_class2", [
    { from: "2017-06-01", value: yuan(1570) }, { from: "2021-09-01", value: yuan(1770) }, { from: "2023-11-01", value: yuan(1960) },
  ]),
  class3: new DatedParameter("minimum_wage_class3", [
    { from: "2017-06-01", value: yuan(1520) }, { from: "2021-09-01", value: yuan(1720) }, { from: "2023-11-01", value: yuan(1910) },
  ]),
  class4: new DatedParameter("minimum_wage_class4", [
    { from: "2017-06-01", value: yuan(1470) }, { from: "2021-09-01", value: yuan(1670) }, { from: "2023-11-01", value: yuan(1850) },
  ]),
} as const;

/** Whether a date falls in the epidemic period, as the scenario may have moved its ends. */
export function inEpidemicPeriod(date: number, o: ParameterOverrides): boolean {
  const end = o.epidemic_period_end !== undefined ? o.epidemic_period_end : epidemicPeriodEnd;
  return date >= (o.epidemic_period_start ?? epidemicPeriodStart) && (end === null || date <= end);
}

export const tempPostMaxMonths = (o: ParameterOverrides): number => o.temp_post_max_months ?? 6;
export const refundRateLarge = (o: ParameterOverrides): number => o.refund_rate_large ?? percent(30);
export const refundRateSme = (o: ParameterOverrides): number => o.refund_rate_sme ?? percent(60);
export const workTrainingStart = (o: ParameterOverrides): number => o.work_training_start ?? workTrainingStartDate;
/** the standard of the training months 2021-10..2021-12, however late the claim */
export const workTrainingMonthly = (o: ParameterOverrides): number => o.work_training_subsidy_monthly ?? yuan(500);
export const workTrainingMonthsCap = (o: ParameterOverrides): number => o.work_training_months_cap ?? 6;
export const unemploymentSubsidyRate = (o: ParameterOverrides): number => o.unemployment_subsidy_rate ?? percent(80);
export const unemploymentSubsidyMaxMonths = (o: ParameterOverrides): number => o.unemployment_subsidy_max_months ?? 6;
export const livingSubsidyMonths = (o: ParameterOverrides): number => o.living_subsidy_months ?? 3;
export const transportSubsidy = (o: ParameterOverrides): number => o.transport_subsidy ?? yuan(600);
export const agencyRewardPerPerson = (o: ParameterOverrides): number => o.agency_reward_per_person ?? yuan(200);
export const internshipGrowthCap = (o: ParameterOverrides): number => o.internship_growth_cap ?? percent(50);
export const jobSeekingSubsidy = (o: ParameterOverrides): number => o.job_seeking_subsidy ?? yuan(1000);
export const guaranteedLoanCap = (o: ParameterOverrides): number => o.guaranteed_loan_cap ?? yuan(200_000);
export const stoppageLivingAllowanceRate = (o: ParameterOverrides): number => o.stoppage_living_allowance_rate ?? percent(80);
export const uiBenefitStandardOn = (date: number, o: ParameterOverrides): number => o.ui_benefit_standard ?? uiBenefitStandard.on(date);
export const urbanSubsistenceAllowanceOn = (date: number, o: ParameterOverrides): number =>
  o.urban_subsistence_allowance ?? urbanSubsistenceAllowance.on(date);

/** §10: the hotline is staffed until 18:00, and until 22:00 from the notice's date. */
export const hotlineStaffedUntil = (date: number, o: ParameterOverrides): number =>
  o.hotline_staffed_until ?? (date >= noticeDate ? time(22) : time(18));

/** §10: daily reports are due from the notice's date on; before it there is no deadline. */
export function reportDeadline(level: "county" | "bureau_unit", date: number, o: ParameterOverrides): number | null {
  const override = level === "county" ? o.report_deadline_county : o.report_deadline_bureau_unit;
  if (override !== undefined) return override;
  if (date < noticeDate) return null;
  return level === "county" ? time(15) : time(16);
}

/** The minimum wage of an area on a date. */
export function minimumWage(area: "class1" | "class2" | "class3" | "class4", date: number, o: ParameterOverrides): number {
  return o[`minimum_wage_${area}`] ?? minimumWages[area].on(date);
}
