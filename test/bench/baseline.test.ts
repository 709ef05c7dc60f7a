import { describe, expect, it } from "vitest";
import { formatIsoDate, lastDayOfTerm, parseIsoDate } from "../../bench/baseline/calendar.js";
import { m2, m4, m9 } from "../../bench/baseline/measures.js";
import { percentOfHalfUp } from "../../bench/baseline/money.js";
import { workloadItem } from "../../bench/workload.js";

const date = parseIsoDate;

describe("the hand-written baseline", () => {
  it("ends a term of months by the month rule of the spec", () => {
    expect(formatIsoDate(lastDayOfTerm(date("2021-11-01"), 6))).toBe("2022-04-30");
    expect(formatIsoDate(lastDayOfTerm(date("2021-10-31"), 6))).toBe("2022-04-30");
    expect(formatIsoDate(lastDayOfTerm(date("2021-12-31"), 2))).toBe("2022-02-28");
    expect(formatIsoDate(lastDayOfTerm(date("2023-08-31"), 6))).toBe("2024-02-29");
    expect(formatIsoDate(lastDayOfTerm(date("2021-12-01"), 6))).toBe("2022-05-31");
    expect(formatIsoDate(lastDayOfTerm(date("2022-01-28"), 1))).toBe("2022-02-27");
    expect(formatIsoDate(lastDayOfTerm(date("2024-02-29"), 6))).toBe("2024-08-28");
  });

  it("rounds a percentage of money half-up to the fen, beyond the safe-integer range too", () => {
    expect(percentOfHalfUp(101_885, 300_000)).toBe(30_566);
    expect(percentOfHalfUp(101_884, 300_000)).toBe(30_565);
    expect(percentOfHalfUp(145_800, 800_000)).toBe(116_640);
    expect(percentOfHalfUp(9_000_000_000_005, 500_000)).toBe(4_500_000_000_003);
  });

  it("computes §2, §4 and §9 on the spec's examples", () => {
    const { scenario } = workloadItem(1, 0);
    const person = scenario.facts.person!;
    const enterprise = scenario.facts.enterprise!;
    const employment = scenario.facts.employment!;
    const inPeriod = date("2021-11-15");
    expect(m2({ ...enterprise, size: "small", ui_premiums_last_year: 1_234_567, meets_refund_conditions: true }, inPeriod, {}))
      .toEqual({ in_force: true, eligible: true, rate: 600_000, refund: 740_740, channel: "online" });
    const expired = { ...person, unemployed: true, insured: true, insured_months: 30, ui_status: "expired", migrant_worker: false, subsidy_months_received: 0 } as const;
    expect(m4(expired, inPeriod, {})).toMatchObject({ unemployment_subsidy_monthly: 116_640, unemployment_subsidy_months: 6, total: 699_840 });
    expect(m4(expired, date("2022-07-01"), {})).toMatchObject({ unemployment_subsidy_monthly: 131_040 });
    expect(m4({ ...expired, migrant_worker: true, insured_months: 11 }, inPeriod, {}))
      .toMatchObject({ unemployment_subsidy_eligible: false, living_subsidy_eligible: true, living_subsidy_monthly: 84_600, total: 253_800 });
    const stoppage = { ...employment, stoppage_due_to_epidemic: true, stoppage_days: 31, pay_cycle_days: 30, normal_work_provided: false, minimum_wage_area: "class1", paid: 145_600 } as const;
    expect(m9(stoppage, inPeriod, {})).toMatchObject({ basis: "living_allowance_80pct", minimum_payment: 145_600, compliant: true, shortfall: 0 });
    expect(m9({ ...stoppage, stoppage_days: 30 }, inPeriod, {})).toMatchObject({ beyond_one_cycle: false, basis: "contract_wage" });
  });

  it("leaves every output empty before the epidemic period", () => {
    const { scenario } = workloadItem(1, 0);
    expect(m2(scenario.facts.enterprise!, date("2021-10-19"), {})).toEqual({ in_force: false, eligible: false, rate: 0, refund: 0, channel: null });
  });
});
