/**
 * JSON Schemas (draft 2020-12) of a policy's scenarios and results, from its declarations:
 * what forms, editors and other systems need to produce a scenario or read a result
 * without knowing tiao. They follow docs (scenario format): an entity's facts are each
 * optional (a measure lacking one is left out), a record's are all required but the
 * optional ones, unknown keys are refused.
 */
import type { MeasureIR, ProgramIR, ValueType } from "../ir.js";
import type { EnumDecl, RecordDecl } from "../../runtime/types.js";

type Schema = { readonly [keyword: string]: unknown };

const DRAFT = "https://json-schema.org/draft/2020-12/schema";

/** Patterns of the text forms (the runtime's readers are the reference). */
const patterns = {
  date: "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$",
  time: "^([01][0-9]|2[0-3]):[0-5][0-9]$",
  moneyIn: "^[0-9]+(\\.[0-9]{1,2})?$",
  moneyOut: "^-?[0-9]+\\.[0-9]{2}$",
  percentIn: "^[0-9]+(\\.[0-9]{1,4})?%?$",
  percentOut: "^-?[0-9]+(\\.[0-9]{1,4})?%$",
  decimal: "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?$",
} as const;

/** Definitions shared by both schemas, under names no enum or record can take (they are keywords). */
function scalarDefinitions(direction: "in" | "out"): { [name: string]: Schema } {
  const input = direction === "in";
  return {
    date: { type: "string", pattern: patterns.date, description: "a calendar date, YYYY-MM-DD" },
    time: { type: "string", pattern: patterns.time, description: "a time of day, HH:MM (24-hour, wall clock)" },
    money: input
      ? {
          description: "an amount in yuan, exact to the fen: a number or a decimal string with at most two decimals, not negative",
          anyOf: [{ type: "number", minimum: 0 }, { type: "string", pattern: patterns.moneyIn }],
        }
      : { type: "string", pattern: patterns.moneyOut, description: "an amount in yuan with exactly two decimals" },
    percent: input
      ? {
          description: 'a percentage: 60, "60" or "60%", at most four decimals',
          anyOf: [{ type: "number", minimum: 0 }, { type: "string", pattern: patterns.percentIn }],
        }
      : { type: "string", pattern: patterns.percentOut, description: 'a percentage such as "60%"' },
    decimal: input
      ? { description: "an exact decimal number, may be negative", anyOf: [{ type: "number" }, { type: "string", pattern: patterns.decimal }] }
      : { type: "string", pattern: patterns.decimal, description: "an exact decimal number, as text" },
    integer: input ? { type: "integer", minimum: 0 } : { type: "integer" },
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
      return reference("money");
    case "unrounded_money":
    case "decimal":
      return reference("decimal");
    case "percent":
      return reference("percent");
    case "date":
      return reference("date");
    case "time":
      return reference("time");
    case "enum":
    case "record":
      return reference(type.name);
    case "set":
      return { type: "array", items: reference(type.of), uniqueItems: true };
    case "list":
      return { type: "array", items: reference(type.of) };
    case "optional":
      return { anyOf: [valueSchema(type.of), { type: "null" }] };
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
  for (const field of declaration.fields) properties[field.name] = withDescription(valueSchema(field.type), field.label);
  // Every fact of an entity may be left out; a record's are all needed, except optional ones.
  const required = declaration.entity ? [] : declaration.fields.filter((f) => f.type.kind !== "optional").map((f) => f.name);
  return withDescription(
    { type: "object", properties, ...(required.length === 0 ? {} : { required }), additionalProperties: false },
    declaration.label,
  );
}

function scenarioSchema(program: ProgramIR): Schema {
  const { schema, policy } = program;
  const definitions: { [name: string]: Schema } = scalarDefinitions("in");
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

/** An output's schema: null too where its empty value is null (dates, times, enum members). */
function outputSchema(type: ValueType): Schema {
  const nullable = type.kind === "date" || type.kind === "time" || type.kind === "enum";
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
  const definitions: { [name: string]: Schema } = scalarDefinitions("out");
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
