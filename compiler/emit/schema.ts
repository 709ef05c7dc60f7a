/**
 * JSON Schemas (draft 2020-12) of a policy's scenarios and results, from its declarations:
 * what forms, editors and other systems need to produce a scenario or read a result
 * without knowing tiao. They follow docs (scenario format): an entity's facts are each
 * optional (a measure lacking one is left out), a record's are all required but the
 * optional ones, unknown keys are refused.
 */
import type { MeasureIR, ProgramIR, ValueType } from "../ir.js";
import { isNullWhenEmpty } from "../../runtime/scenario.js";
import { TEXT_MAX_LENGTH } from "../../runtime/text.js";
import type { EnumDecl, RecordDecl } from "../../runtime/types.js";
import { minorUnitName, moneyWord } from "../currency.js";

type Schema = { readonly [keyword: string]: unknown };

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** The largest integer a number holds exactly: counts, fen and millionths stay within it. */
const MAX_SAFE_INTEGER = "9007199254740991";

/**
 * A regular expression for the whole numbers from 0 to `limit` (decimal digits), with any
 * leading zeros: the runtime reads "007" as 7. Shorter numbers, then those of the same
 * length that are smaller at their first differing digit, then `limit` itself.
 */
function upTo(limit: string): string {
  const alternatives: string[] = [];
  if (limit.length > 1) alternatives.push(`[1-9][0-9]{0,${limit.length - 2}}`);
  for (let i = 0; i < limit.length; i++) {
    const digit = Number(limit[i]);
    const lowest = i === 0 && limit.length > 1 ? 1 : 0;
    if (digit <= lowest) continue;
    const rest = limit.length - i - 1;
    alternatives.push(`${limit.slice(0, i)}${digitRange(lowest, digit - 1)}${rest > 0 ? `[0-9]{${rest}}` : ""}`);
  }
  alternatives.push(limit);
  return `(?:0+|0*(?:${alternatives.join("|")}))`;
}

function digitRange(lowest: number, highest: number): string {
  return lowest === highest ? String(lowest) : `[${lowest}-${highest}]`;
}

/**
 * An amount or a percentage as the runtime reads its text: `places` decimals at most, and a
 * value whose smallest units (fen, millionths) are a safe integer. Below the largest whole
 * part any decimals are fine; at it, only decimals up to those of the limit.
 */
function scaledText(places: number): string {
  const whole = MAX_SAFE_INTEGER.slice(0, MAX_SAFE_INTEGER.length - places);
  const fraction = MAX_SAFE_INTEGER.slice(MAX_SAFE_INTEGER.length - places);
  const belowWhole = upTo(String(BigInt(whole) - 1n));
  return `(?:${belowWhole}(?:\\.[0-9]{1,${places}})?|0*${whole}(?:\\.${fractionUpTo(fraction)})?)`;
}

/** 1 to `limit.length` decimals that, padded with zeros, are at most `limit`: "91" takes 0–9, 00–91. */
function fractionUpTo(limit: string): string {
  const [first = "0", ...rest] = limit;
  const digit = Number(first);
  const alternatives: string[] = [];
  if (digit > 0) alternatives.push(`${digitRange(0, digit - 1)}${rest.length > 0 ? `[0-9]{0,${rest.length}}` : ""}`);
  alternatives.push(rest.length === 0 ? first : `${first}${fractionUpTo(rest.join(""))}?`);
  return `(?:${alternatives.join("|")})`;
}

/**
 * A real calendar date of the years 0001–9999, as the runtime reads it: 31, 30 or 28 days
 * by month, and February 29th in leap years (divisible by 4, centuries only by 400).
 */
function calendarDatePattern(): string {
  const year = "(?:[0-9]{3}[1-9]|[0-9]{2}[1-9]0|[0-9][1-9]00|[1-9]000)";
  const leapYear = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)";
  const monthAndDay = "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))";
  return `^(?:${year}-${monthAndDay}|${leapYear}-02-29)$`;
}

/** Patterns of the text forms (the runtime's readers are the reference). */
const patterns = {
  date: calendarDatePattern(),
  time: "^([01][0-9]|2[0-3]):[0-5][0-9]$",
  // no control character (C0, DEL, C1) and no line or paragraph separator: runtime/text.ts
  // (and no half of a surrogate pair: a JSON Schema pattern is matched as Unicode, so a pair is one character)
  text: "^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\ud800-\\udfff]*$",
  moneyIn: `^${scaledText(2)}$`,
  moneyOut: "^-?[0-9]+\\.[0-9]{2}$",
  percentIn: `^${scaledText(4)}%?$`,
  percentOut: "^-?[0-9]+(\\.[0-9]{1,4})?%$",
  decimal: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$",
} as const;

/** The largest amount in yuan and percentage whose fen or millionths are a safe integer. */
const MAX_YUAN = Number(`${MAX_SAFE_INTEGER.slice(0, -2)}.${MAX_SAFE_INTEGER.slice(-2)}`);
const MAX_PERCENT = Number(`${MAX_SAFE_INTEGER.slice(0, -4)}.${MAX_SAFE_INTEGER.slice(-4)}`);

/** Definitions shared by both schemas, under names no enum or record can take (they are keywords). */
function scalarDefinitions(direction: "in" | "out", unit: string): { [name: string]: Schema } {
  const input = direction === "in";
  const minor = minorUnitName(unit);
  return {
    date: { type: "string", pattern: patterns.date, description: "a calendar date, YYYY-MM-DD" },
    time: { type: "string", pattern: patterns.time, description: "a time of day, HH:MM (24-hour, wall clock)" },
    text: { type: "string", maxLength: TEXT_MAX_LENGTH, pattern: patterns.text, description: `a text such as a postal code: at most ${TEXT_MAX_LENGTH} characters, no control characters or line breaks` },
    money: input
      ? {
          description: `an amount in ${unit}, exact to the ${minor === "fen" ? "fen" : "cent"}: a number or a decimal string with at most two decimals, not negative`,
          anyOf: [
            { type: "number", minimum: 0, maximum: MAX_YUAN, multipleOf: 0.01 },
            { type: "string", pattern: patterns.moneyIn },
          ],
        }
      : { type: "string", pattern: patterns.moneyOut, description: `an amount in ${unit} with exactly two decimals` },
    percent: input
      ? {
          description: 'a percentage: 60, "60" or "60%", at most four decimals',
          anyOf: [
            { type: "number", minimum: 0, maximum: MAX_PERCENT, multipleOf: 0.0001 },
            { type: "string", pattern: patterns.percentIn },
          ],
        }
      : { type: "string", pattern: patterns.percentOut, description: 'a percentage such as "60%"' },
    decimal: input
      ? { description: "an exact decimal number, may be negative", anyOf: [{ type: "number" }, { type: "string", pattern: patterns.decimal }] }
      : { type: "string", pattern: patterns.decimal, description: "an exact decimal number, as text" },
    integer: input
      ? { type: "integer", minimum: 0, maximum: Number(MAX_SAFE_INTEGER) }
      : { type: "integer", minimum: -Number(MAX_SAFE_INTEGER), maximum: Number(MAX_SAFE_INTEGER) },
  };
}

function reference(name: string): Schema {
  return { $ref: `#/$defs/${name}` };
}

function withDescription(schema: Schema, description: string | undefined): Schema {
  return description === undefined ? schema : { ...schema, description };
}

/** The schema of a value of a type; `$defs` say how each kind is written in a scenario or a result. */
function valueSchema(type: ValueType): Schema {
  switch (type.kind) {
    case "bool":
      return { type: "boolean" };
    case "integer":
    case "months":
    case "days":
      return reference("integer");
    case "money":
      // `signed money`: a fact that may be below zero, in the same forms with a minus sign
      return type.signed === true
        ? {
            description: "an amount exact to the hundredth, may be negative: a number or a decimal string with at most two decimals",
            anyOf: [
              { type: "number", minimum: -MAX_YUAN, maximum: MAX_YUAN, multipleOf: 0.01 },
              { type: "string", pattern: `^-?${scaledText(2)}$` },
            ],
          }
        : reference("money");
    case "unrounded_money":
    case "decimal":
      return reference("decimal");
    case "percent":
    case "date":
    case "time":
    case "text":
      return reference(type.kind);
    case "enum":
    case "record":
      return reference(type.name);
    case "set":
      return { type: "array", items: reference(type.of), uniqueItems: true };
    case "list":
      return { type: "array", items: reference(type.of) };
    case "optional":
      return { anyOf: [valueSchema(type.of), { type: "null" }] };
    case "series":
      // keyed by month "2017-01" or year "2017" (0001 to 9999)
      return {
        type: "object",
        description: type.period === "month" ? 'the value of each month, by "YYYY-MM"' : 'the value of each year, by "YYYY"',
        propertyNames: { pattern: type.period === "month" ? "^(?!0000)[0-9]{4}-(0[1-9]|1[0-2])$" : "^(?!0000)[0-9]{4}$" },
        additionalProperties: valueSchema(type.of),
      };
    case "per_member":
      return { type: "array", description: "one value for each member, in the list's order", items: valueSchema(type.of) };
  }
}

function enumSchema(declaration: EnumDecl): Schema {
  const labelled = declaration.members.filter((m) => m.label !== undefined);
  const memberLabels = labelled.length === 0 ? undefined : labelled.map((m) => `${m.name}: ${m.label ?? ""}`).join("; ");
  const description = [declaration.label, memberLabels].filter((d) => d !== undefined).join(" — ");
  return withDescription({ enum: declaration.members.map((m) => m.name) }, description === "" ? undefined : description);
}

function recordSchema(declaration: RecordDecl): Schema {
  const properties: { [field: string]: Schema } = {};
  for (const field of declaration.fields) {
    const described = withDescription(valueSchema(field.type), field.label);
    // a fact declared with `otherwise` takes that value when left out
    properties[field.name] = field.default === undefined ? described : { ...described, default: field.default };
  }
  // Every fact of an entity may be left out; a record's are all needed, except optional ones and those with a default.
  const required = declaration.entity ? [] : declaration.fields.filter((f) => f.type.kind !== "optional" && f.default === undefined && !(f.type.kind === "series" && f.type.missing !== undefined)).map((f) => f.name);
  return withDescription(
    { type: "object", properties, ...(required.length === 0 ? {} : { required }), additionalProperties: false },
    declaration.label,
  );
}

function scenarioSchema(program: ProgramIR): Schema {
  const { schema, policy } = program;
  const definitions: { [name: string]: Schema } = scalarDefinitions("in", moneyWord(program.policy));
  for (const declaration of schema.enums) definitions[declaration.name] = enumSchema(declaration);
  for (const declaration of schema.records) definitions[declaration.name] = recordSchema(declaration);
  const parameterProperties: { [name: string]: Schema } = {};
  for (const parameter of program.parameters) {
    const described = [parameter.label, parameter.unit].filter((d) => d !== undefined).join(", ");
    parameterProperties[parameter.name] = withDescription(valueSchema(parameter.type), described === "" ? undefined : described);
  }
  const properties: { [name: string]: Schema } = {
    date: { ...reference("date"), description: "the date the case is evaluated on (as of)" },
    parameters: {
      type: "object",
      description: "figures that replace the policy's values, whatever the date (what-if runs)",
      properties: parameterProperties,
      additionalProperties: false,
    },
  };
  for (const entity of schema.records.filter((r) => r.entity)) properties[entity.name] = reference(entity.name);
  return {
    $schema: DRAFT,
    title: `${policy.title} (${policy.document}), version ${policy.version}: a scenario`,
    description: "The facts of one case on one date. A measure is evaluated when every fact it reads is given.",
    type: "object",
    properties,
    required: ["date"],
    additionalProperties: false,
    $defs: definitions,
  };
}

/** An output's schema: null too where its empty value is null (dates, times, texts, enum members). */
function outputSchema(type: ValueType): Schema {
  const nullable = isNullWhenEmpty(type);
  return valueSchema(nullable ? { kind: "optional", of: type } : type);
}

function measureOutputsSchema(measure: MeasureIR): Schema {
  const properties: { [output: string]: Schema } = { in_force: { type: "boolean", description: "the measure is in force on the date" } };
  for (const name of measure.outputs) {
    const definition = measure.definitions.find((d) => d.name === name);
    if (definition !== undefined) properties[name] = outputSchema(definition.type);
  }
  return withDescription(
    { type: "object", properties, required: Object.keys(properties), additionalProperties: false },
    measure.title,
  );
}

function outputsSchema(program: ProgramIR): Schema {
  const { policy } = program;
  const definitions: { [name: string]: Schema } = scalarDefinitions("out", moneyWord(program.policy));
  for (const declaration of program.schema.enums) definitions[declaration.name] = enumSchema(declaration);
  const properties: { [name: string]: Schema } = {};
  for (const measure of program.measures) properties[measure.name] = measureOutputsSchema(measure);
  properties["explain"] = { type: "object", description: "with --explain: why each output has its value, by measure and output" };
  return {
    $schema: DRAFT,
    title: `${policy.title} (${policy.document}), version ${policy.version}: the result of a scenario`,
    description: "The outputs of each measure evaluated; a measure whose facts the scenario does not give is left out.",
    type: "object",
    properties,
    additionalProperties: false,
    $defs: definitions,
  };
}

export function emitJsonSchema(program: ProgramIR): { scenario: object; outputs: object } {
  return { scenario: scenarioSchema(program), outputs: outputsSchema(program) };
}
