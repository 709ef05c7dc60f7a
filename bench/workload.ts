/**
 * The benchmark's workload: seeded, reproducible scenarios for all ten measures of the
 * notice, in two forms — the runtime facts an evaluator takes, and the scenario JSON a
 * user writes (README.md, docs/internals.md "Reading scenarios"). Every scenario carries the facts of all ten
 * measures, so each one costs ten measure evaluations.
 *
 * The draws lean on the places where rules are easy to get wrong: evaluation dates around
 * 2021-10-20 (start of the epidemic period), 2021-11-05 (the notice's date), 2021-12-31
 * (end of the §3 standard), 2022-07-01 (new unemployment-insurance benefit), 2023-11-01
 * (new minimum wages); counts of months around the 3-, 6- and 12-month thresholds;
 * placements starting on month ends (the month rule clamps them); stoppages equal to the
 * pay cycle; amounts whose percentage ends on half a fen; report times on the deadline.
 */
import { formatIsoDate, formatTime, parseIsoDate } from "./baseline/calendar.js";
import type {
  Agency, AgencyPlacement, Decimal, District, Employment, Enterprise, Facts, Indicator, Indicators,
  Institution, ParameterOverrides, Person, Placement, Report, Scenario, Service, Trainee, Training,
} from "./facts.js";
import { Random, scenarioSeed } from "../compiler/random.js";

export const DEFAULT_SEED = 289;

type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };
export type ScenarioJson = { readonly [key: string]: JsonValue };

export interface WorkloadItem {
  readonly scenario: Scenario;
  readonly json: ScenarioJson;
}

const day = parseIsoDate;

const EPIDEMIC_START = day("2021-10-20");
const DATE_ANCHORS = ["2021-10-01", "2021-10-20", "2021-11-05", "2021-12-31", "2022-07-01", "2023-11-01"].map(day);
/** month ends and 29ths–31sts from which the month rule clamps */
const MONTH_END_STARTS = [
  "2021-10-29", "2021-10-30", "2021-10-31", "2021-11-29", "2021-11-30", "2021-12-29", "2021-12-30", "2021-12-31",
  "2022-01-29", "2022-01-30", "2022-01-31", "2022-03-31", "2022-05-31", "2022-08-31", "2023-08-31",
].map(day);

/** One scenario of a workload, regenerated from its index alone. */
export function workloadItem(seed: number, index: number): WorkloadItem {
  const random = new Random(scenarioSeed(seed, index));
  const scenario = drawScenario(random);
  return { scenario, json: scenarioJson(scenario, random) };
}

export function workload(seed: number, count: number): WorkloadItem[] {
  const items: WorkloadItem[] = [];
  for (let index = 0; index < count; index++) items.push(workloadItem(seed, index));
  return items;
}

/** The runtime facts of scenarios 0 … count − 1, without their JSON (the same scenarios as `workload`). */
export function scenarioPool(seed: number, count: number): Scenario[] {
  const scenarios: Scenario[] = [];
  for (let index = 0; index < count; index++) scenarios.push(drawScenario(new Random(scenarioSeed(seed, index))));
  return scenarios;
}

/** The scenario JSON of scenario `index`, as one line of a population file. */
export function scenarioText(seed: number, index: number): string {
  return JSON.stringify(workloadItem(seed, index).json);
}

function drawScenario(random: Random): Scenario {
  const date = drawEvaluationDate(random);
  const facts: Facts = {
    person: drawPerson(random),
    placement: drawPlacement(random),
    enterprise: drawEnterprise(random),
    agency: drawAgency(random),
    district: drawDistrict(random),
    training: drawTraining(random),
    institution: { frontline_medical_institution: random.chance(0.3) } satisfies Institution,
    employment: drawEmployment(random),
    service: drawService(random),
    report: drawReport(random),
  };
  return { date, facts, parameters: drawOverrides(random, date) };
}

function drawEvaluationDate(random: Random): number {
  const draw = random.next();
  if (draw < 0.12) return random.integer(day("2021-09-01"), EPIDEMIC_START - 1);
  if (draw < 0.55) return random.near(DATE_ANCHORS, 2);
  return random.integer(EPIDEMIC_START, day("2023-12-31"));
}

/** A whole number of fen from a range of yuan, often a round number of yuan. */
function drawFen(random: Random, lowYuan: number, highYuan: number): number {
  const yuan = random.integer(lowYuan, highYuan);
  return random.chance(0.4) ? yuan * 100 : yuan * 100 + random.integer(0, 99);
}

/** Amounts spread over orders of magnitude, as real premiums are. */
function drawLogFen(random: Random, lowYuan: number, highYuan: number): number {
  const yuan = Math.floor(Math.exp(Math.log(lowYuan) + random.next() * (Math.log(highYuan) - Math.log(lowYuan))));
  return yuan * 100 + random.integer(0, 99);
}

function drawMonthCount(random: Random, thresholds: readonly number[], high: number): number {
  return random.chance(0.5) ? Math.max(0, random.near(thresholds, 1)) : random.integer(0, high);
}

function drawPerson(random: Random): Person {
  const hasPostEnd = random.chance(0.5);
  return {
    employment_difficulty: random.chance(0.4),
    public_welfare_post_end: hasPostEnd
      ? random.chance(0.4) ? random.near([EPIDEMIC_START], 2) : random.integer(day("2021-06-01"), day("2022-12-31"))
      : null,
    public_welfare_placements: random.integer(0, 3),
    unemployed: random.chance(0.7),
    insured: random.chance(0.8),
    insured_months: drawMonthCount(random, [12], 60),
    ui_status: random.pick(["receiving", "expired", "not_qualified"] as const),
    migrant_worker: random.chance(0.35),
    subsidy_months_received: drawMonthCount(random, [0, 6], 8),
    poverty_status: random.pick(["poverty_alleviated", "monitored", "none", "none"] as const),
    cross_province_employment: random.chance(0.5),
    stable_employment_months: drawMonthCount(random, [3], 12),
    graduate_difficulty: random.chance(0.5)
      ? "none"
      : random.pick(["low_income_family", "poverty_alleviated_family", "extreme_poverty", "disabled", "student_loan"] as const),
    commitment_signed: random.chance(0.6),
    loan_eligible: random.chance(0.5),
    loan_requested: random.chance(0.25) ? 20_000_000 + random.integer(-1, 1) : drawFen(random, 10_000, 300_000),
    frontline_medical_worker: random.chance(0.2),
  };
}

function drawPlacement(random: Random): Placement {
  const draw = random.next();
  const start = draw < 0.3
    ? random.near([EPIDEMIC_START], 2)
    : draw < 0.6 ? random.pick(MONTH_END_STARTS) : random.integer(day("2021-09-01"), day("2022-12-31"));
  return {
    start,
    // 0 months is no placement, 1 the least that is one, 6 the cap
    requested_months: drawMonthCount(random, [1, 6], 12),
    post_type: random.pick(["disinfection", "patrol_guard", "cleaning_sanitation", "other_epidemic", "not_epidemic"] as const),
  };
}

/** An exact decimal with up to two places, written without trailing zeros. */
function decimal(hundredths: number): Decimal {
  let coefficient = BigInt(hundredths);
  let scale = 2;
  while (scale > 0 && coefficient % 10n === 0n) {
    coefficient /= 10n;
    scale--;
  }
  return { coefficient, scale };
}

function drawIndicator(random: Random, healthy: boolean, allowLoss: boolean): Indicator {
  const previous = random.integer(allowLoss ? -500_000 : 0, 10_000_000);
  const sameLastYear = random.integer(allowLoss ? -500_000 : 0, 10_000_000);
  const floor = Math.max(previous, sameLastYear);
  const draw = random.next();
  const current = healthy
    ? draw < 0.4 ? floor : floor + random.integer(0, 1_000_000)
    : draw < 0.2 ? previous : draw < 0.4 ? sameLastYear - 1 : random.integer(allowLoss ? -500_000 : 0, 10_000_000);
  // a whole number of units half of the time: indicators are often reported without fractions
  const unit = random.chance(0.5) ? 100 : 1;
  return {
    current: decimal(Math.trunc(current / unit) * unit),
    previous_period: decimal(Math.trunc(previous / unit) * unit),
    same_period_2020: decimal(Math.trunc(sameLastYear / unit) * unit),
  };
}

function drawIndicators(random: Random): Indicators {
  const healthy = random.chance(0.5);
  return {
    electricity: drawIndicator(random, healthy, false),
    revenue: drawIndicator(random, healthy, false),
    energy: drawIndicator(random, healthy, false),
    profit: drawIndicator(random, healthy, true),
  };
}

function drawTrainee(random: Random): Trainee {
  return {
    target_group: random.pick([
      "poor_labor", "employment_difficulty", "zero_employment_family", "graduate_within_2_years", "registered_unemployed", "none",
    ] as const),
    newly_absorbed: random.chance(0.4),
    months: random.integer(0, 4),
  };
}

function drawEnterprise(random: Random): Enterprise {
  const traineeCount = random.integer(0, 5);
  const trainees: Trainee[] = [];
  for (let i = 0; i < traineeCount; i++) trainees.push(drawTrainee(random));
  return {
    size: random.pick(["large", "medium", "small", "micro"] as const),
    ui_premiums_last_year: drawLogFen(random, 500, 3_000_000),
    meets_refund_conditions: random.chance(0.7),
    conducts_work_based_training: random.chance(0.6),
    indicators: drawIndicators(random),
    subsidized_months_before: drawMonthCount(random, [6], 9),
    trainees,
  };
}

function drawAgencyPlacement(random: Random): AgencyPlacement {
  return {
    hukou_lanzhou: random.chance(0.7),
    poverty_status: random.pick(["poverty_alleviated", "poverty_alleviated", "monitored", "none"] as const),
    contract_signed: random.chance(0.8),
    performed_months: drawMonthCount(random, [6], 12),
  };
}

function drawAgency(random: Random): Agency {
  const count = random.integer(0, 5);
  const placements: AgencyPlacement[] = [];
  for (let i = 0; i < count; i++) placements.push(drawAgencyPlacement(random));
  return {
    in_lanzhou: random.chance(0.7),
    kind: random.pick(["hr_service_agency", "labour_intermediary", "labour_broker"] as const),
    placements,
  };
}

function drawDistrict(random: Random): District {
  return { internship_task: random.integer(0, 500) };
}

function drawTraining(random: Random): Training {
  return {
    platform: random.pick(["mohrss_recommended", "lanzhou_selected", "other"] as const),
    occupation_type: random.pick(["theory", "theory_and_practice"] as const),
    includes_epidemic_knowledge: random.chance(0.75),
    online_theory_completed: random.chance(0.7),
    offline_practice_completed: random.chance(0.6),
  };
}

/** Minimum payments the wage rules can produce (yuan), where `paid` is most often tested. */
const WAGE_ANCHORS_YUAN = [1296, 1336, 1376, 1416, 1456, 1470, 1520, 1570, 1620, 1670, 1720, 1770, 1820, 1850, 1910, 1960, 2020];

function drawEmployment(random: Random): Employment {
  const payCycleDays = random.pick([7, 15, 30, 30, 31]);
  const contractWage = drawFen(random, 1500, 9000);
  const draw = random.next();
  const paid = draw < 0.35
    ? random.pick(WAGE_ANCHORS_YUAN) * 100 + random.integer(-1, 1)
    : draw < 0.5 ? contractWage + random.integer(-1, 1) : drawFen(random, 1000, 9000);
  return {
    stoppage_due_to_epidemic: random.chance(0.75),
    stoppage_days: random.chance(0.5) ? payCycleDays + random.integer(-1, 1) : random.integer(0, 90),
    pay_cycle_days: payCycleDays,
    normal_work_provided: random.chance(0.5),
    contract_wage: contractWage,
    paid,
    minimum_wage_area: random.pick(["class1", "class2", "class3", "class4"] as const),
  };
}

function drawService(random: Random): Service {
  return {
    item: random.pick([
      "employment_registration", "unemployment_registration", "employment_entrepreneurship_certificate",
      "enterprise_social_insurance_account", "social_security_card_urgent", "labour_dispute_arbitration",
      "work_injury_determination", "personnel_file_transfer", "other",
    ] as const),
  };
}

function drawReport(random: Random): Report {
  return {
    level: random.pick(["county", "bureau_unit"] as const),
    submitted_at: random.chance(0.5) ? random.near([15 * 60, 16 * 60], 1) : random.integer(8 * 60, 20 * 60),
  };
}

/**
 * What-if overrides, as users of the playground and of population runs set them: a county's
 * benefit rates, a closed epidemic period, the 2022 refund rates, an odd minimum wage.
 */
function drawOverrides(random: Random, date: number): ParameterOverrides {
  const draw = random.next();
  if (draw < 0.9) return {};
  if (draw < 0.93) {
    return date >= day("2022-07-01")
      ? { ui_benefit_standard: 159_300, urban_subsistence_allowance: 63_600 }
      : { ui_benefit_standard: 141_300, urban_subsistence_allowance: 63_600 };
  }
  if (draw < 0.95) return { epidemic_period_end: random.integer(day("2021-10-19"), day("2022-12-31")) };
  if (draw < 0.97) return { refund_rate_large: 500_000, refund_rate_sme: 900_000 };
  if (draw < 0.99) return { ui_benefit_standard: drawFen(random, 1000, 2000) };
  return { minimum_wage_class1: drawFen(random, 1500, 2500), minimum_wage_class3: drawFen(random, 1500, 2500) };
}

// ---- scenario JSON ----------------------------------------------------------------------

type FieldKind =
  | "bool" | "integer" | "money" | "percent" | "date" | "optional_date" | "enum" | "time" | "decimal"
  | { readonly list: FieldTable }
  | { readonly record: FieldTable };
type FieldTable = { readonly [field: string]: FieldKind };

const indicatorFields: FieldTable = { current: "decimal", previous_period: "decimal", same_period_2020: "decimal" };

/** The type of every fact the workload writes, to spell it as scenario JSON. */
const ENTITY_FIELDS: { readonly [entity in keyof Facts]-?: FieldTable } = {
  person: {
    employment_difficulty: "bool", public_welfare_post_end: "optional_date", public_welfare_placements: "integer",
    unemployed: "bool", insured: "bool", insured_months: "integer", ui_status: "enum", migrant_worker: "bool",
    subsidy_months_received: "integer", poverty_status: "enum", cross_province_employment: "bool",
    stable_employment_months: "integer", graduate_difficulty: "enum", commitment_signed: "bool",
    loan_eligible: "bool", loan_requested: "money", frontline_medical_worker: "bool",
  },
  placement: { start: "date", requested_months: "integer", post_type: "enum" },
  enterprise: {
    size: "enum", ui_premiums_last_year: "money", meets_refund_conditions: "bool", conducts_work_based_training: "bool",
    indicators: { record: { electricity: { record: indicatorFields }, revenue: { record: indicatorFields }, energy: { record: indicatorFields }, profit: { record: indicatorFields } } },
    subsidized_months_before: "integer",
    trainees: { list: { target_group: "enum", newly_absorbed: "bool", months: "integer" } },
  },
  agency: {
    in_lanzhou: "bool", kind: "enum",
    placements: { list: { hukou_lanzhou: "bool", poverty_status: "enum", contract_signed: "bool", performed_months: "integer" } },
  },
  district: { internship_task: "integer" },
  training: {
    platform: "enum", occupation_type: "enum", includes_epidemic_knowledge: "bool",
    online_theory_completed: "bool", offline_practice_completed: "bool",
  },
  institution: { frontline_medical_institution: "bool" },
  employment: {
    stoppage_due_to_epidemic: "bool", stoppage_days: "integer", pay_cycle_days: "integer", normal_work_provided: "bool",
    contract_wage: "money", paid: "money", minimum_wage_area: "enum",
  },
  service: { item: "enum" },
  report: { level: "enum", submitted_at: "time" },
};

/** The types of the parameters the workload overrides. */
const PARAMETER_KINDS: { readonly [name in keyof ParameterOverrides]?: FieldKind } = {
  epidemic_period_end: "optional_date",
  ui_benefit_standard: "money",
  urban_subsistence_allowance: "money",
  refund_rate_large: "percent",
  refund_rate_sme: "percent",
  minimum_wage_class1: "money",
  minimum_wage_class3: "money",
};

function scenarioJson(scenario: Scenario, random: Random): ScenarioJson {
  const json: { [key: string]: JsonValue } = { date: formatIsoDate(scenario.date) };
  const overrides = Object.entries(scenario.parameters);
  if (overrides.length > 0) {
    const parameters: { [key: string]: JsonValue } = {};
    for (const [name, value] of overrides) {
      const kind = PARAMETER_KINDS[name as keyof ParameterOverrides];
      if (kind === undefined) throw new Error(`the workload has no type for parameter ${name}`);
      parameters[name] = jsonValue(kind, value, random);
    }
    json["parameters"] = parameters;
  }
  for (const [entity, value] of Object.entries(scenario.facts)) {
    json[entity] = jsonValue({ record: ENTITY_FIELDS[entity as keyof Facts] }, value, random);
  }
  return json;
}

/** Money as users write it: a string with two decimals, a shorter string, or a JSON number. */
function moneyJson(fen: number, random: Random): JsonValue {
  const text = `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;
  const draw = random.next();
  if (draw < 0.5) return text;
  if (draw < 0.75) return Number(text);
  return text.replace(/\.?0+$/, "");
}

function decimalJson(value: Decimal): number {
  const negative = value.coefficient < 0n;
  const digits = (negative ? -value.coefficient : value.coefficient).toString().padStart(value.scale + 1, "0");
  const text = value.scale === 0 ? digits : `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
  return Number(negative ? `-${text}` : text);
}

function jsonValue(kind: FieldKind, value: unknown, random: Random): JsonValue {
  if (typeof kind === "object") {
    const table = "list" in kind ? kind.list : kind.record;
    const toObject = (item: unknown): JsonValue => {
      const object: { [key: string]: JsonValue } = {};
      for (const [field, fieldValue] of Object.entries(item as object)) {
        const fieldKind = table[field];
        if (fieldKind === undefined) throw new Error(`the workload has no type for field ${field}`);
        object[field] = jsonValue(fieldKind, fieldValue, random);
      }
      return object;
    };
    return "list" in kind ? (value as readonly unknown[]).map(toObject) : toObject(value);
  }
  switch (kind) {
    case "bool":
    case "integer":
    case "enum":
      return value as JsonValue;
    case "money":
      return moneyJson(value as number, random);
    case "percent": {
      const text = String((value as number) / 10_000);
      return random.chance(0.5) ? `${text}%` : Number(text);
    }
    case "date":
      return formatIsoDate(value as number);
    case "optional_date":
      return value === null ? null : formatIsoDate(value as number);
    case "time":
      return formatTime(value as number);
    case "decimal":
      return decimalJson(value as Decimal);
  }
}
