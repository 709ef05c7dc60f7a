/**
 * Using the rules of 兰人社发〔2021〕289号 from an application: the generated module
 * (policies/lanzhou-2021-289/generated/) is plain TypeScript with typed facts and
 * outputs, depending only on tiao's runtime. Here: an unemployed migrant worker insured
 * for 8 months, on 2021-11-15 (§4), and the same case in a county of Lanzhou, whose
 * subsistence allowance is lower (a parameter override).
 *
 * Run with `npm run build && node dist/examples/evaluate-case.js`.
 */
import { calendarDate, fen, formatMoney } from "../runtime/index.js";
import { evaluateM4, type M4Facts, type M4Outputs } from "../policies/lanzhou-2021-289/generated/lanzhou_2021_289.js";

const facts: M4Facts = {
  person: {
    unemployed: true,
    insured: true,
    insured_months: 8,
    ui_status: "not_qualified",
    migrant_worker: true,
    subsidy_months_received: 0,
  },
};

const asOf = calendarDate(2021, 11, 15);
const inTheCity: M4Outputs = evaluateM4(facts, asOf);
const inACounty: M4Outputs = evaluateM4(facts, asOf, { urban_subsistence_allowance: fen(63600) });

function describe(place: string, outputs: M4Outputs): string {
  if (!outputs.in_force) return `${place}: §4 is not in force on this date`;
  if (outputs.living_subsidy_eligible) {
    return `${place}: temporary living subsidy ${formatMoney(outputs.living_subsidy_monthly)} yuan × ${outputs.living_subsidy_months} months = ${formatMoney(outputs.total)} yuan`;
  }
  if (outputs.unemployment_subsidy_eligible) {
    return `${place}: unemployment subsidy ${formatMoney(outputs.unemployment_subsidy_monthly)} yuan × ${outputs.unemployment_subsidy_months} months = ${formatMoney(outputs.total)} yuan`;
  }
  return `${place}: no benefit under §4`;
}

console.log(describe("Lanzhou (five districts)", inTheCity));
console.log(describe("a county (override)", inACounty));
