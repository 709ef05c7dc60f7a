/**
 * The facts of one scenario in the runtime representation (docs/internals.md): money in
 * fen, percentages in millionths, dates as day numbers, times as minutes since midnight,
 * exact decimals as coefficient and scale. Names are the scenario contract's
 * (policies/lanzhou-2021-289/facts.tiao).
 */

export interface Decimal {
  readonly coefficient: bigint;
  readonly scale: number;
}

export type PostType = "disinfection" | "patrol_guard" | "cleaning_sanitation" | "other_epidemic" | "not_epidemic";
export type UiStatus = "receiving" | "expired" | "not_qualified";
export type PovertyStatus = "poverty_alleviated" | "monitored" | "none";
export type GraduateDifficulty = "none" | "low_income_family" | "poverty_alleviated_family" | "extreme_poverty" | "disabled" | "student_loan";
export type EnterpriseSize = "large" | "medium" | "small" | "micro";
export type TargetGroup = "poor_labor" | "employment_difficulty" | "zero_employment_family" | "graduate_within_2_years" | "registered_unemployed" | "none";
export type AgencyKind = "hr_service_agency" | "labour_intermediary" | "labour_broker";
export type Platform = "mohrss_recommended" | "lanzhou_selected" | "other";
export type OccupationType = "theory" | "theory_and_practice";
export type MinimumWageArea = "class1" | "class2" | "class3" | "class4";
export type ServiceItem =
  | "employment_registration" | "unemployment_registration" | "employment_entrepreneurship_certificate"
  | "enterprise_social_insurance_account" | "social_security_card_urgent" | "labour_dispute_arbitration"
  | "work_injury_determination" | "personnel_file_transfer" | "other";
export type ReportLevel = "county" | "bureau_unit";

export interface Person {
  readonly employment_difficulty: boolean;
  readonly public_welfare_post_end: number | null;
  readonly public_welfare_placements: number;
  readonly unemployed: boolean;
  readonly insured: boolean;
  readonly insured_months: number;
  readonly ui_status: UiStatus;
  readonly migrant_worker: boolean;
  readonly subsidy_months_received: number;
  readonly poverty_status: PovertyStatus;
  readonly cross_province_employment: boolean;
  readonly stable_employment_months: number;
  readonly graduate_difficulty: GraduateDifficulty;
  readonly commitment_signed: boolean;
  readonly loan_eligible: boolean;
  readonly loan_requested: number;
  readonly frontline_medical_worker: boolean;
}

export interface Placement {
  readonly start: number;
  readonly requested_months: number;
  readonly post_type: PostType;
}

export interface Indicator {
  readonly current: Decimal;
  readonly previous_period: Decimal;
  readonly same_period_2020: Decimal;
}

export interface Indicators {
  readonly electricity: Indicator;
  readonly revenue: Indicator;
  readonly energy: Indicator;
  readonly profit: Indicator;
}

export interface Trainee {
  readonly target_group: TargetGroup;
  readonly newly_absorbed: boolean;
  readonly months: number;
}

export interface Enterprise {
  readonly size: EnterpriseSize;
  readonly ui_premiums_last_year: number;
  readonly meets_refund_conditions: boolean;
  readonly conducts_work_based_training: boolean;
  readonly indicators: Indicators;
  readonly subsidized_months_before: number;
  readonly trainees: readonly Trainee[];
}

export interface AgencyPlacement {
  readonly hukou_lanzhou: boolean;
  readonly poverty_status: PovertyStatus;
  readonly contract_signed: boolean;
  readonly performed_months: number;
}

export interface Agency {
  readonly in_lanzhou: boolean;
  readonly kind: AgencyKind;
  readonly placements: readonly AgencyPlacement[];
}

export interface District {
  readonly internship_task: number;
}

export interface Training {
  readonly platform: Platform;
  readonly occupation_type: OccupationType;
  readonly includes_epidemic_knowledge: boolean;
  readonly online_theory_completed: boolean;
  readonly offline_practice_completed: boolean;
}

export interface Institution {
  readonly frontline_medical_institution: boolean;
}

export interface Employment {
  readonly stoppage_due_to_epidemic: boolean;
  readonly stoppage_days: number;
  readonly pay_cycle_days: number;
  readonly normal_work_provided: boolean;
  readonly contract_wage: number;
  readonly paid: number;
  readonly minimum_wage_area: MinimumWageArea;
}

export interface Service {
  readonly item: ServiceItem;
}

export interface Report {
  readonly level: ReportLevel;
  readonly submitted_at: number;
}

export interface Facts {
  readonly person?: Person;
  readonly placement?: Placement;
  readonly enterprise?: Enterprise;
  readonly agency?: Agency;
  readonly district?: District;
  readonly training?: Training;
  readonly institution?: Institution;
  readonly employment?: Employment;
  readonly service?: Service;
  readonly report?: Report;
}

/**
 * Overrides of parameters a scenario may carry (policies/lanzhou-2021-289/parameters.tiao): any parameter, by
 * name, in runtime form. An override holds whatever the date.
 */
export interface ParameterOverrides {
  readonly minimum_wage_class1?: number;
  readonly minimum_wage_class2?: number;
  readonly minimum_wage_class3?: number;
  readonly minimum_wage_class4?: number;
  readonly ui_benefit_standard?: number;
  readonly urban_subsistence_allowance?: number;
  readonly epidemic_period_start?: number;
  readonly epidemic_period_end?: number | null;
  readonly temp_post_max_months?: number;
  readonly refund_rate_large?: number;
  readonly refund_rate_sme?: number;
  readonly work_training_start?: number;
  readonly work_training_subsidy_monthly?: number;
  readonly work_training_months_cap?: number;
  readonly unemployment_subsidy_rate?: number;
  readonly unemployment_subsidy_max_months?: number;
  readonly living_subsidy_months?: number;
  readonly transport_subsidy?: number;
  readonly agency_reward_per_person?: number;
  readonly internship_growth_cap?: number;
  readonly job_seeking_subsidy?: number;
  readonly guaranteed_loan_cap?: number;
  readonly stoppage_living_allowance_rate?: number;
  readonly hotline_staffed_until?: number;
  readonly report_deadline_county?: number | null;
  readonly report_deadline_bureau_unit?: number | null;
}

export interface Scenario {
  /** the evaluation ("as of") date, a day number */
  readonly date: number;
  readonly facts: Facts;
  readonly parameters: ParameterOverrides;
}
