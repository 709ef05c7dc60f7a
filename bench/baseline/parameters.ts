/**
 * The parameters of the notice and the figures it takes from other documents, with their
 * dated values (spec: parameters.md), and a scenario's overrides, which hold whatever the
 * date.
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

export const epidemicPeriodStart = parseIsoDate("2021-10-20");
export const epidemicPeriodEnd: number | null = null;
export const tempPostMaxMonths = 6;
export const refundRateLarge = percent(30);
export const refundRateSme = percent(60);
export const workTrainingSubsidyMonthly = new DatedParameter("work_training_subsidy_monthly", [
  { from: "2021-10-01", until: "2021-12-31", value: yuan(500) },
]);
/** §3: "从2021年10月起执行，补贴期限为3个月" */
export const workTrainingWindow = { from: parseIsoDate("2021-10-01"), until: parseIsoDate("2021-12-31") } as const;
export const workTrainingMonthsCap = 6;
export const unemploymentSubsidyRate = percent(80);
export const unemploymentSubsidyMaxMonths = 6;
export const livingSubsidyMonths = 3;
export const transportSubsidy = yuan(600);
export const agencyRewardPerPerson = yuan(200);
export const internshipGrowthCap = percent(50);
export const jobSeekingSubsidy = yuan(1000);
export const guaranteedLoanCap = yuan(200_000);
export const stoppageLivingAllowanceRate = percent(80);
export const uiBenefitStandard = new DatedParameter("ui_benefit_standard", [
  { from: "2020-02-01", value: yuan(1458) },
  { from: "2022-07-01", value: yuan(1638) },
]);
export const urbanSubsistenceAllowance = new DatedParameter("urban_subsistence_allowance", [
  { from: "2021-01-01", value: yuan(846) },
]);
export const minimumWages = {
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
/** §10: the hotline is staffed until 18:00, and until 22:00 from the notice's date */
export const noticeDate = parseIsoDate("2021-11-05");
export const hotlineStaffedUntilBefore = time(18);
export const hotlineStaffedUntilFromNotice = time(22);
export const reportDeadlineCounty = time(15);
export const reportDeadlineBureauUnit = time(16);

/** The minimum wage of an area on a date, or the scenario's override of it. */
export function minimumWage(area: "class1" | "class2" | "class3" | "class4", date: number, overrides: ParameterOverrides): number {
  const override = overrides[`minimum_wage_${area}`];
  return override ?? minimumWages[area].on(date);
}

/** Whether a date falls in the epidemic period, as a scenario may have closed it. */
export function inEpidemicPeriod(date: number, overrides: ParameterOverrides): boolean {
  const end = overrides.epidemic_period_end !== undefined ? overrides.epidemic_period_end : epidemicPeriodEnd;
  return date >= epidemicPeriodStart && (end === null || date <= end);
}
