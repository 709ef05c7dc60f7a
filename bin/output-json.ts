/**
 * Output values as JSON text, for population runs: `JSON.stringify(formatValue(value, type))`
 * without building the formatted value first. The formatters are the runtime's own
 * (`formatMoney`, `formatDate`, …); what is saved is the intermediate objects and the
 * generic stringifier, which cost a population run more than evaluating the measures.
 */
import {
  formatDate,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatTime,
  formatValue,
  type CalendarDate,
  type Decimal,
  type FactSchema,
  type Money,
  type Percent,
  type RuntimeValue,
  type TimeOfDay,
  type ValueType,
} from "../runtime/index.js";
import { ownValue } from "../runtime/own-properties.js";

export type JsonWriter = (value: RuntimeValue) => string;

/** The JSON text of `formatValue(value, type, schema)`, whatever the value (null too). */
export function jsonWriter(type: ValueType, schema: FactSchema): JsonWriter {
  const write = presentValueWriter(type, schema);
  // formatValue gives null for a null value of any type: an absent optional, or an empty value
  return (value) => (value === null ? "null" : write(value));
}

/** What the runtime's formatters write (digits, signs, `.`, `%`, `-`, `:`) needs no escaping in JSON. */
function quoted<T>(format: (value: T) => string): JsonWriter {
  return (value) => `"${format(value as T)}"`;
}

function presentValueWriter(type: ValueType, schema: FactSchema): JsonWriter {
  switch (type.kind) {
    case "bool":
      return (value) => (value === true ? "true" : "false");
    case "integer":
    case "months":
    case "days":
      return (value) => String(value as number);
    case "enum": {
      // the text of each member, written once
      const members = schema.enums.find((declaration) => declaration.name === type.name)?.members ?? [];
      const texts = new Map(members.map((member) => [member.name, JSON.stringify(member.name)]));
      return (value) => texts.get(value as string) ?? JSON.stringify(value as string);
    }
    case "money":
      return quoted<Money>(formatMoney);
    case "percent":
      return quoted<Percent>(formatPercent);
    case "decimal":
    case "unrounded_money":
      return quoted<Decimal>(formatDecimal);
    case "date":
      return quoted<CalendarDate>(formatDate);
    case "time":
      return quoted<TimeOfDay>(formatTime);
    case "text":
      return (value) => JSON.stringify(value as string);
    case "optional":
      return presentValueWriter(type.of, schema);
    case "set":
    case "list":
    case "record":
    case "series":
    case "per_member":
      return (value) => JSON.stringify(formatValue(value, type, schema));
  }
}

/**
 * The JSON text of an object of outputs, in the order of `types` (`in_force` first, then the
 * outputs in written order, as the generated module's `measures` table lists them).
 */
export function outputsWriter(types: { readonly [output: string]: ValueType }, schema: FactSchema): (outputs: { readonly [output: string]: RuntimeValue }) => string {
  const fields = Object.entries(types).map(([name, type], index) => ({
    name,
    prefix: `${index === 0 ? "" : ","}${JSON.stringify(name)}:`,
    write: jsonWriter(type, schema),
  }));
  return (outputs) => {
    let json = "{";
    for (const field of fields) json += field.prefix + field.write(ownValue(outputs, field.name) ?? null);
    return `${json}}`;
  };
}
