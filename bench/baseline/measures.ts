/**
 * The ten measures of 兰人社发〔2021〕289号 written by hand, as a careful engineer would
 * write them without tiao: exact money in fen, half-up rounding, the month rule, the
 * effective windows, the empty values of a measure out of force, parameters by date.
 * It is the benchmark's speed limit, and a second reading of the notice (policies/lanzhou-2021-289/notice.txt) that the
 * compiled policy is checked against.
 */
import type {
  Agency, Decimal, Employment, Enterprise, Facts, Indicator, ParameterOverrides, Person, Placement,
  Report, Service, Training,
} from "../facts.js";
import { lastDayOfTerm } from "./calendar.js";
import { floorPercentOf, percentOfHalfUp, times } from "./money.js";
import * as p from "./parameters.js";

export type M1Result = {
  in_force: boolean; eligible: boolean; term_months: number; term_end: number | null;
  placements_after: number; funding_source: "employment_subsidy_fund" | null;
};
export type M2Result = { in_force: boolean; eligible: boolean; rate: number; refund: number; channel: "online" | null };
export type M3Result = {
  in_force: boolean; in_difficulty: boolean; monthly_standard: number; subsidised_trainees: number;
  subsidised_person_months: number; subsidy: number;
};
export type M4Result = {
  in_force: boolean; unemployment_subsidy_eligible: boolean; unemployment_subsidy_monthly: number;
  unemployment_subsidy_months: number; living_subsidy_eligible: boolean; living_subsidy_monthly: number;
  living_subsidy_months: number; total: number; price_subsidy_eligible: boolean;
};
export type M5Result = { in_force: boolean; transport_subsidy: number; agency_rewarded_placements: number; agency_reward: number };
export type M6Result = {
  in_force: boolean; max_additional_internship_posts: number; job_seeking_subsidy: number;
  documents_deferred: boolean; guaranteed_loan: number;
};
export type NextStep = "use_approved_platform" | "add_epidemic_knowledge" | "complete_online_theory" | "complete_offline_practice" | "claim_subsidy";
export type M7Result = {
  in_force: boolean; platform_approved: boolean; fully_online_allowed: boolean; subsidy_eligible: boolean;
  next_step: NextStep | null;
};
export type M8Result = { in_force: boolean; worker_entitlements: readonly string[]; institution_entitlements: readonly string[] };
export type M9Result = {
  in_force: boolean; beyond_one_cycle: boolean; basis: "contract_wage" | "minimum_wage" | "living_allowance_80pct" | null;
  minimum_payment: number | null; compliant: boolean | null; shortfall: number | null;
};
export type M10Result = {
  in_force: boolean; one_network: boolean; by_mail: boolean; free_mailing: boolean;
  hotline_staffed_until: number | null; report_deadline: number | null; report_on_time: boolean | null;
};

const SMALL_AND_MEDIUM = new Set(["medium", "small", "micro"]);

// §1 temporary public-welfare posts
export function m1(person: Person, placement: Placement, date: number, overrides: ParameterOverrides): M1Result {
  if (!p.inEpidemicPeriod(date, overrides)) {
    return { in_force: false, eligible: false, term_months: 0, term_end: null, placements_after: 0, funding_source: null };
  }
  const postEnd = person.public_welfare_post_end;
  // continued placement: the old post expired within the epidemic period, before the new one starts
  const continued = postEnd !== null && p.inEpidemicPeriod(postEnd, overrides) && postEnd < placement.start;
  // 0 months requested is no placement
  const eligible = placement.post_type !== "not_epidemic"
    && p.inEpidemicPeriod(placement.start, overrides)
    && placement.requested_months >= 1
    && (person.employment_difficulty || continued);
  const termMonths = eligible ? Math.min(placement.requested_months, p.tempPostMaxMonths(overrides)) : 0;
  return {
    in_force: true,
    eligible,
    term_months: termMonths,
    term_end: eligible ? lastDayOfTerm(placement.start, termMonths) : null,
    // a temporary epidemic post is not counted as a placement
    placements_after: person.public_welfare_placements,
    funding_source: "employment_subsidy_fund",
  };
}

// §2 unemployment-insurance job-stabilisation refund
export function m2(enterprise: Enterprise, date: number, overrides: ParameterOverrides): M2Result {
  if (!p.inEpidemicPeriod(date, overrides)) return { in_force: false, eligible: false, rate: 0, refund: 0, channel: null };
  const rate = enterprise.size === "large"
    ? p.refundRateLarge(overrides)
    : p.refundRateSme(overrides);
  const eligible = enterprise.meets_refund_conditions;
  return {
    in_force: true,
    eligible,
    rate,
    refund: eligible ? percentOfHalfUp(enterprise.ui_premiums_last_year, rate) : 0,
    channel: "online",
  };
}

function compareDecimal(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.scale, b.scale);
  const left = a.coefficient * 10n ** BigInt(scale - a.scale);
  const right = b.coefficient * 10n ** BigInt(scale - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

function declined(indicator: Indicator): boolean {
  return compareDecimal(indicator.current, indicator.previous_period) < 0
    || compareDecimal(indicator.current, indicator.same_period_2020) < 0;
}

/** "用电量、营业收入、能源耗量、利润总额其中一项…下降即可" */
function inDifficulty(enterprise: Enterprise): boolean {
  const i = enterprise.indicators;
  return SMALL_AND_MEDIUM.has(enterprise.size)
    && (declined(i.electricity) || declined(i.revenue) || declined(i.energy) || declined(i.profit));
}

const TRAINING_MONTHS_PER_TRAINEE = 3;

// §3 work-based training subsidy
export function m3(enterprise: Enterprise, date: number, overrides: ParameterOverrides): M3Result {
  if (date < p.workTrainingStart(overrides)) {
    return { in_force: false, in_difficulty: false, monthly_standard: 0, subsidised_trainees: 0, subsidised_person_months: 0, subsidy: 0 };
  }
  const difficulty = inDifficulty(enterprise);
  const sme = SMALL_AND_MEDIUM.has(enterprise.size);
  // "对已享受6个月…的各类企业": at the cap, only new target-group hires, whatever the size
  const atCap = enterprise.subsidized_months_before >= p.workTrainingMonthsCap(overrides);
  let trainees = 0;
  let personMonths = 0;
  if (enterprise.conducts_work_based_training) {
    for (const trainee of enterprise.trainees) {
      const newTargetHire = trainee.newly_absorbed && trainee.target_group !== "none";
      // below the cap: an SME's new target-group hires, or every trainee of an SME in difficulty
      const subsidisable = atCap ? newTargetHire : (sme && newTargetHire) || difficulty;
      if (subsidisable) {
        // a trainee without a month of training in the period is not counted
        if (trainee.months > 0) trainees++;
        personMonths += Math.min(trainee.months, TRAINING_MONTHS_PER_TRAINEE);
      }
    }
  }
  const monthly = p.workTrainingMonthly(overrides);
  return {
    in_force: true,
    in_difficulty: difficulty,
    monthly_standard: monthly,
    subsidised_trainees: trainees,
    subsidised_person_months: personMonths,
    subsidy: times(monthly, personMonths),
  };
}

// §4 unemployment-insurance benefits
export function m4(person: Person, date: number, overrides: ParameterOverrides): M4Result {
  if (!p.inEpidemicPeriod(date, overrides)) {
    return {
      in_force: false, unemployment_subsidy_eligible: false, unemployment_subsidy_monthly: 0, unemployment_subsidy_months: 0,
      living_subsidy_eligible: false, living_subsidy_monthly: 0, living_subsidy_months: 0, total: 0, price_subsidy_eligible: false,
    };
  }
  // "不满1年": fewer than 12 months; such migrant workers get the living subsidy instead
  const shortInsuredMigrant = person.migrant_worker && person.insured_months < 12;
  // "参保" qualifies only those who do not qualify for benefit
  const unemploymentEligible = person.unemployed
    && (person.ui_status === "expired" || (person.ui_status === "not_qualified" && person.insured))
    && !shortInsuredMigrant;
  const livingEligible = person.unemployed && person.insured && shortInsuredMigrant;
  const unemploymentMonthly = unemploymentEligible
    ? percentOfHalfUp(p.uiBenefitStandardOn(date, overrides), p.unemploymentSubsidyRate(overrides))
    : 0;
  const unemploymentMonths = unemploymentEligible
    ? Math.max(0, p.unemploymentSubsidyMaxMonths(overrides) - person.subsidy_months_received)
    : 0;
  const livingMonthly = livingEligible ? p.urbanSubsistenceAllowanceOn(date, overrides) : 0;
  const livingMonths = livingEligible ? p.livingSubsidyMonths(overrides) : 0;
  return {
    in_force: true,
    unemployment_subsidy_eligible: unemploymentEligible,
    unemployment_subsidy_monthly: unemploymentMonthly,
    unemployment_subsidy_months: unemploymentMonths,
    living_subsidy_eligible: livingEligible,
    living_subsidy_monthly: livingMonthly,
    living_subsidy_months: livingMonths,
    total: times(unemploymentMonthly, unemploymentMonths) + times(livingMonthly, livingMonths),
    // receiving the unemployment subsidy means a month of it is left
    price_subsidy_eligible: person.ui_status === "receiving" || unemploymentMonths > 0,
  };
}

// §5 labour transfer subsidies
export function m5(person: Person, agency: Agency, date: number, overrides: ParameterOverrides): M5Result {
  if (!p.inEpidemicPeriod(date, overrides)) return { in_force: false, transport_subsidy: 0, agency_rewarded_placements: 0, agency_reward: 0 };
  // "（含监测帮扶对象）" belongs to the transport subsidy only
  const transport = person.poverty_status !== "none"
    && person.cross_province_employment
    && person.stable_employment_months >= 3;
  let rewarded = 0;
  if (agency.in_lanzhou) {
    for (const placement of agency.placements) {
      if (placement.hukou_lanzhou && placement.poverty_status === "poverty_alleviated"
        && placement.contract_signed && placement.performed_months >= 6) rewarded++;
    }
  }
  return {
    in_force: true,
    transport_subsidy: transport ? p.transportSubsidy(overrides) : 0,
    agency_rewarded_placements: rewarded,
    agency_reward: times(p.agencyRewardPerPerson(overrides), rewarded),
  };
}

// §6 graduates and young entrepreneurs
export function m6(person: Person, internshipTask: number, date: number, overrides: ParameterOverrides): M6Result {
  if (!p.inEpidemicPeriod(date, overrides)) {
    return { in_force: false, max_additional_internship_posts: 0, job_seeking_subsidy: 0, documents_deferred: false, guaranteed_loan: 0 };
  }
  const jobSeeking = person.graduate_difficulty !== "none" && person.commitment_signed;
  return {
    in_force: true,
    max_additional_internship_posts: floorPercentOf(internshipTask, p.internshipGrowthCap(overrides)),
    job_seeking_subsidy: jobSeeking ? p.jobSeekingSubsidy(overrides) : 0,
    documents_deferred: jobSeeking,
    guaranteed_loan: person.loan_eligible ? Math.min(person.loan_requested, p.guaranteedLoanCap(overrides)) : 0,
  };
}

// §7 online vocational skills training
export function m7(training: Training, date: number, overrides: ParameterOverrides): M7Result {
  if (!p.inEpidemicPeriod(date, overrides)) {
    return { in_force: false, platform_approved: false, fully_online_allowed: false, subsidy_eligible: false, next_step: null };
  }
  const approved = training.platform !== "other";
  const theoryOnly = training.occupation_type === "theory";
  const practiceDone = theoryOnly || training.offline_practice_completed;
  const nextStep: NextStep = !approved ? "use_approved_platform"
    : !training.includes_epidemic_knowledge ? "add_epidemic_knowledge"
    : !training.online_theory_completed ? "complete_online_theory"
    : !practiceDone ? "complete_offline_practice"
    : "claim_subsidy";
  return {
    in_force: true,
    platform_approved: approved,
    fully_online_allowed: theoryOnly,
    subsidy_eligible: nextStep === "claim_subsidy",
    next_step: nextStep,
  };
}

const WORKER_ENTITLEMENTS: readonly string[] = Object.freeze([
  "epidemic_prevention_allowance", "extra_paid_leave", "fast_track_work_injury", "priority_promotion",
  "priority_title_application", "temporary_work_subsidy",
]);
const INSTITUTION_ENTITLEMENTS: readonly string[] = Object.freeze([
  "extra_excellent_quota", "green_channel_recruitment", "one_time_performance_pay",
]);
const NONE: readonly string[] = Object.freeze([]);

// §8 frontline medical workers
export function m8(frontlineWorker: boolean, frontlineInstitution: boolean, date: number, overrides: ParameterOverrides): M8Result {
  if (!p.inEpidemicPeriod(date, overrides)) return { in_force: false, worker_entitlements: NONE, institution_entitlements: NONE };
  return {
    in_force: true,
    worker_entitlements: frontlineWorker ? WORKER_ENTITLEMENTS : NONE,
    institution_entitlements: frontlineInstitution ? INSTITUTION_ENTITLEMENTS : NONE,
  };
}

// §9 wages during an epidemic stoppage
export function m9(employment: Employment, date: number, overrides: ParameterOverrides): M9Result {
  if (!p.inEpidemicPeriod(date, overrides)) {
    return { in_force: false, beyond_one_cycle: false, basis: null, minimum_payment: null, compliant: null, shortfall: null };
  }
  // "超过一个工资支付周期" excludes the cycle itself
  const beyond = employment.stoppage_days > employment.pay_cycle_days;
  // a stoppage not due to the epidemic is outside §9
  if (!employment.stoppage_due_to_epidemic) {
    return { in_force: true, beyond_one_cycle: beyond, basis: null, minimum_payment: null, compliant: null, shortfall: null };
  }
  const basis = !beyond ? "contract_wage" : employment.normal_work_provided ? "minimum_wage" : "living_allowance_80pct";
  const minimumPayment = basis === "contract_wage" ? employment.contract_wage
    : basis === "minimum_wage" ? p.minimumWage(employment.minimum_wage_area, date, overrides)
    : percentOfHalfUp(p.minimumWage(employment.minimum_wage_area, date, overrides), p.stoppageLivingAllowanceRate(overrides));
  const compliant = employment.paid >= minimumPayment;
  return {
    in_force: true,
    beyond_one_cycle: beyond,
    basis,
    minimum_payment: minimumPayment,
    compliant,
    shortfall: compliant ? 0 : minimumPayment - employment.paid,
  };
}

const ONE_NETWORK = new Set([
  "employment_registration", "unemployment_registration", "employment_entrepreneurship_certificate", "enterprise_social_insurance_account",
]);
const BY_MAIL = new Set(["labour_dispute_arbitration", "work_injury_determination", "personnel_file_transfer", "social_security_card_urgent"]);

// §10 no-contact services
export function m10(service: Service, report: Report, date: number, overrides: ParameterOverrides): M10Result {
  if (!p.inEpidemicPeriod(date, overrides)) {
    return {
      in_force: false, one_network: false, by_mail: false, free_mailing: false,
      hotline_staffed_until: null, report_deadline: null, report_on_time: null,
    };
  }
  const deadline = p.reportDeadline(report.level, date, overrides);
  return {
    in_force: true,
    one_network: ONE_NETWORK.has(service.item),
    by_mail: BY_MAIL.has(service.item),
    free_mailing: service.item === "social_security_card_urgent",
    hotline_staffed_until: p.hotlineStaffedUntil(date, overrides),
    report_deadline: deadline,
    report_on_time: deadline === null ? null : report.submitted_at <= deadline,
  };
}

export type BaselineResult = {
  m1?: M1Result; m2?: M2Result; m3?: M3Result; m4?: M4Result; m5?: M5Result;
  m6?: M6Result; m7?: M7Result; m8?: M8Result; m9?: M9Result; m10?: M10Result;
};

/**
 * All ten measures of one scenario; a measure whose entities are missing is left out,
 * as the scenario contract says.
 */
export function evaluateAll(facts: Facts, date: number, overrides: ParameterOverrides): BaselineResult {
  const { person, placement, enterprise, agency, district, training, institution, employment, service, report } = facts;
  const result: BaselineResult = {};
  if (person !== undefined && placement !== undefined) result.m1 = m1(person, placement, date, overrides);
  if (enterprise !== undefined) {
    result.m2 = m2(enterprise, date, overrides);
    result.m3 = m3(enterprise, date, overrides);
  }
  if (person !== undefined) result.m4 = m4(person, date, overrides);
  if (person !== undefined && agency !== undefined) result.m5 = m5(person, agency, date, overrides);
  if (person !== undefined && district !== undefined) result.m6 = m6(person, district.internship_task, date, overrides);
  if (training !== undefined) result.m7 = m7(training, date, overrides);
  if (person !== undefined && institution !== undefined) {
    result.m8 = m8(person.frontline_medical_worker, institution.frontline_medical_institution, date, overrides);
  }
  if (employment !== undefined) result.m9 = m9(employment, date, overrides);
  if (service !== undefined && report !== undefined) result.m10 = m10(service, report, date, overrides);
  return result;
}
