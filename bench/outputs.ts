/**
 * The outputs of the ten measures with their types, in written order (as the measures of policies/lanzhou-2021-289/ declare them),
 * and the output JSON of a result: what every engine of the benchmark is compared on.
 */
import { formatValue, type OutputJson, type RuntimeValue } from "../runtime/scenario.js";
import type { ValueType } from "../runtime/types.js";

const bool: ValueType = { kind: "bool" };
const integer: ValueType = { kind: "integer" };
const months: ValueType = { kind: "months" };
const money: ValueType = { kind: "money" };
const percent: ValueType = { kind: "percent" };
const enumOf = (name: string): ValueType => ({ kind: "enum", name });
const optional = (of: ValueType): ValueType => ({ kind: "optional", of });
const setOf = (of: string): ValueType => ({ kind: "set", of });

export const OUTPUT_TYPES: { readonly [measure: string]: readonly (readonly [string, ValueType])[] } = {
  m1: [
    ["eligible", bool], ["term_months", months], ["term_end", optional({ kind: "date" })],
    ["placements_after", integer], ["funding_source", enumOf("funding_source")],
  ],
  m2: [["eligible", bool], ["rate", percent], ["refund", money], ["channel", enumOf("refund_channel")]],
  m3: [
    ["in_difficulty", bool], ["monthly_standard", money], ["subsidised_trainees", integer],
    ["subsidised_person_months", integer], ["subsidy", money],
  ],
  m4: [
    ["unemployment_subsidy_eligible", bool], ["unemployment_subsidy_monthly", money], ["unemployment_subsidy_months", integer],
    ["living_subsidy_eligible", bool], ["living_subsidy_monthly", money], ["living_subsidy_months", integer],
    ["total", money], ["price_subsidy_eligible", bool],
  ],
  m5: [["transport_subsidy", money], ["agency_rewarded_placements", integer], ["agency_reward", money]],
  m6: [
    ["max_additional_internship_posts", integer], ["job_seeking_subsidy", money], ["documents_deferred", bool],
    ["guaranteed_loan", money],
  ],
  m7: [["platform_approved", bool], ["fully_online_allowed", bool], ["subsidy_eligible", bool], ["next_step", enumOf("training_step")]],
  m8: [["worker_entitlements", setOf("worker_entitlement")], ["institution_entitlements", setOf("institution_entitlement")]],
  m9: [
    ["beyond_one_cycle", bool], ["basis", optional(enumOf("wage_basis"))], ["minimum_payment", optional(money)],
    ["compliant", optional(bool)], ["shortfall", optional(money)],
  ],
  m10: [
    ["one_network", bool], ["by_mail", bool], ["free_mailing", bool], ["hotline_staffed_until", optional({ kind: "time" })],
    ["report_deadline", optional({ kind: "time" })], ["report_on_time", optional(bool)],
  ],
};

export const MEASURE_NAMES = Object.keys(OUTPUT_TYPES);

export type MeasureOutputs = { readonly [output: string]: RuntimeValue };
export type FormattedResult = { [measure: string]: { [output: string]: OutputJson } };

/** One measure's runtime outputs as output JSON: `in_force` first, then the outputs in written order. */
export function formatMeasure(measure: string, outputs: MeasureOutputs): { [output: string]: OutputJson } {
  const types = OUTPUT_TYPES[measure];
  if (types === undefined) throw new Error(`no measure ${measure}`);
  const json: { [output: string]: OutputJson } = { in_force: formatValue(requireOutput(outputs, measure, "in_force"), bool) };
  for (const [name, type] of types) json[name] = formatValue(requireOutput(outputs, measure, name), type);
  return json;
}

function requireOutput(outputs: MeasureOutputs, measure: string, name: string): RuntimeValue {
  const value = outputs[name];
  if (value === undefined) throw new Error(`${measure} has no output ${name}`);
  return value;
}

export function formatResult(result: { readonly [measure: string]: MeasureOutputs | undefined }): FormattedResult {
  const json: FormattedResult = {};
  for (const measure of MEASURE_NAMES) {
    const outputs = result[measure];
    if (outputs !== undefined) json[measure] = formatMeasure(measure, outputs);
  }
  return json;
}
