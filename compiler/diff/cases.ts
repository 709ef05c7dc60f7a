/**
 * Scenarios for comparing two versions: boundary values of every constant and date the
 * versions name (each one, the one before and the one after) and seeded random values,
 * for the facts a measure reads; and both versions run on a scenario. Used by the bounded
 * search for witnesses and to generate a population when none is given.
 */
import { nameMap, ownValue, parameterOverrides } from "../../runtime/own-properties.js";
import type { ExprIR, MeasureIR, ProgramIR, ValueType } from "../ir.js";
import { forEachChild, forEachRuleExpression, windowDates } from "../ir-walk.js";
import { evaluate, missingFactsForMeasures } from "../interpret.js";
import {
  EvaluationError,
  calendarDate,
  decimal,
  formatDate,
  formatValue,
  type CalendarDate,
  type OutputJson,
  type RecordValue,
  type RuntimeValue,
  type Scenario,
} from "../../runtime/index.js";
import type { FactSchema, RecordDecl } from "../../runtime/types.js";
import { leftOutValue } from "../../runtime/scenario.js";
import { Random } from "../random.js";
import { literalNumber } from "./ir-meaning.js";

/** Boundary values by kind of whole number (fen, millionths, day numbers, minutes…): each constant, one less, one more. */
export type Boundaries = ReadonlyMap<string, readonly number[]>;

/** The constants of both versions by kind, with their neighbours: literals in the measures, parameter values and dates. */
export function boundariesOf(programs: readonly ProgramIR[], measures?: ReadonlySet<string>): Boundaries {
  const found = new Map<string, Set<number>>();
  const add = (kind: string, value: number) => {
    const values = found.get(kind) ?? new Set<number>();
    for (const near of [value - 1, value, value + 1]) values.add(near);
    found.set(kind, values);
  };
  const visit = (expr: ExprIR) => {
    if (expr.op === "literal") {
      const type = expr.type.kind === "optional" ? expr.type.of : expr.type;
      const value = literalNumber(expr.value, type);
      if (value !== undefined) add(type.kind, value);
    }
    forEachChild(expr, visit);
  };
  for (const program of programs) {
    for (const parameter of program.parameters) {
      for (const value of parameter.values) {
        add("date", value.from);
        if (value.until !== undefined) add("date", value.until);
        const type = parameter.type.kind === "optional" ? parameter.type.of : parameter.type;
        const number = literalNumber(value.value, type);
        if (number !== undefined) add(type.kind, number);
      }
    }
    for (const measure of program.measures) {
      if (measures !== undefined && !measures.has(measure.name)) continue;
      forEachExpression(measure, visit);
    }
  }
  return new Map([...found].map(([kind, values]) => [kind, [...values].sort((a, b) => a - b)]));
}

/**
 * The texts of both versions (literals in the measures, sets of texts, parameter values) with
 * their neighbours for `starts_with`: each text, the text one character shorter and one longer.
 */
export function textsOf(programs: readonly ProgramIR[], measures?: ReadonlySet<string>): readonly string[] {
  const found = new Set<string>();
  const add = (text: string) => {
    for (const near of [text, text.slice(0, -1), `${text}0`]) found.add(near);
  };
  const isText = (type: ValueType) => (type.kind === "optional" ? type.of : type).kind === "text";
  const visit = (expr: ExprIR) => {
    if (expr.op === "literal" && typeof expr.value === "string" && isText(expr.type)) add(expr.value);
    // a set of texts has `of: "text"`, a reserved word no enum can be named
    if (expr.op === "literal" && Array.isArray(expr.value) && expr.type.kind === "set" && expr.type.of === "text") expr.value.forEach(add);
    forEachChild(expr, visit);
  };
  for (const program of programs) {
    for (const parameter of program.parameters) {
      if (!isText(parameter.type)) continue;
      for (const value of parameter.values) if (typeof value.value === "string") add(value.value);
    }
    for (const measure of program.measures) {
      if (measures !== undefined && !measures.has(measure.name)) continue;
      forEachExpression(measure, visit);
    }
  }
  return [...found].sort();
}

function forEachExpression(measure: MeasureIR, visit: (expr: ExprIR) => void): void {
  windowDates(measure.window).forEach(visit);
  for (const definition of measure.definitions) forEachRuleExpression(definition.rules, visit);
}

/** Random values of the schema's types, near the boundaries more often than not. */
export class CaseGenerator {
  private readonly records: ReadonlyMap<string, RecordDecl>;
  private readonly enums: ReadonlyMap<string, readonly string[]>;

  constructor(
    private readonly schema: FactSchema,
    private readonly boundaries: Boundaries,
    private readonly random: Random,
    /** texts near those of the versions (textsOf) */
    private readonly texts: readonly string[] = [],
  ) {
    this.records = new Map(schema.records.map((r) => [r.name, r]));
    this.enums = new Map(schema.enums.map((e) => [e.name, e.members.map((m) => m.name)]));
  }

  /** A scenario giving every fact of `paths` (`entity.field`), on a date near the boundaries. */
  scenario(paths: readonly string[]): Scenario {
    // Without prototypes: a policy may name an entity or a field `constructor` or `__proto__`.
    const facts = nameMap<{ [field: string]: RuntimeValue }>();
    for (const record of this.schema.records) if (record.entity) facts[record.name] = nameMap();
    for (const path of paths) {
      const [entity = "", field = ""] = path.split(".");
      const declaration = this.records.get(entity)?.fields.find((f) => f.name === field);
      const values = ownValue(facts, entity);
      if (declaration === undefined || values === undefined) continue;
      values[field] = this.value(declaration.type, 0);
    }
    // The facts left out with a value take the one the scenario reader gives them: a measure reads them even when not asked for.
    // (An optional fact left out is absent already.)
    for (const record of this.schema.records) {
      const values = record.entity ? ownValue(facts, record.name) : undefined;
      if (values === undefined) continue;
      for (const field of record.fields) {
        const leftOut = ownValue(values, field.name) === undefined ? leftOutValue(field, this.schema, `${record.name}.${field.name}`, []) : undefined;
        if (leftOut !== undefined && leftOut !== null) values[field.name] = leftOut;
      }
    }
    return { date: this.wholeNumber("date") as CalendarDate, facts, parameters: parameterOverrides() };
  }

  value(type: ValueType, depth: number): RuntimeValue {
    switch (type.kind) {
      case "bool":
        return this.random.next() < 0.5;
      case "integer":
      case "months":
      case "days":
      case "money":
      case "percent":
      case "date":
      case "time":
        return this.wholeNumber(type.kind);
      case "decimal":
      case "unrounded_money":
        return decimal(`${this.random.integer(-2000, 2000)}.${this.random.integer(0, 99)}`);
      case "enum":
        return this.random.pick(this.enums.get(type.name) ?? [""]);
      case "text":
        return this.texts.length > 0 && this.random.next() < 0.7 ? this.random.pick(this.texts) : String(this.random.integer(0, 999_999)).padStart(6, "0");
      case "set":
        return (this.enums.get(type.of) ?? []).filter(() => this.random.next() < 0.4).sort();
      case "optional":
        return this.random.next() < 0.25 ? null : this.value(type.of, depth);
      case "list": {
        const length = depth > 1 ? 0 : this.random.pick([0, 1, 1, 2, 3]);
        return Array.from({ length }, () => this.record(type.of, depth + 1));
      }
      case "record":
        return this.record(type.name, depth + 1);
      case "series":
        // no period: a series is read through the solver's fragment only as far as it goes
        return nameMap<RuntimeValue>() as RecordValue;
      case "per_member":
        throw new Error("a fact cannot be a result for each member");
    }
  }

  private record(name: string, depth: number): RecordValue {
    const declaration = this.records.get(name);
    const record = nameMap<RuntimeValue>();
    for (const field of declaration?.fields ?? []) record[field.name] = this.value(field.type, depth);
    return record;
  }

  private wholeNumber(kind: string): number {
    const near = this.boundaries.get(kind) ?? [];
    const usable = kind === "date" || kind === "time" ? near : near.filter((n) => n >= 0);
    if (usable.length > 0 && this.random.next() < 0.7) return this.random.pick(usable);
    switch (kind) {
      case "money":
        return this.random.pick([this.random.integer(0, 1_000_000), this.random.integer(0, 100_000_000), this.random.integer(0, 100) * 10_000]);
      case "percent":
        return this.random.integer(0, 100) * 10_000;
      case "date":
        return this.random.integer(calendarDate(2020, 1, 1), calendarDate(2024, 12, 31));
      case "time":
        return this.random.integer(0, 24 * 60 - 1);
      default:
        return this.random.pick([this.random.integer(0, 40), this.random.integer(0, 1000)]);
    }
  }
}

/** The outputs of one measure (`in_force` first), or why there are none: missing facts or an evaluation error. */
export type MeasureOutcome =
  | { readonly kind: "outputs"; readonly outputs: { readonly [output: string]: OutputJson } }
  | { readonly kind: "skipped" }
  | { readonly kind: "error"; readonly message: string };

export function runMeasure(program: ProgramIR, scenario: Scenario, measure: string): MeasureOutcome {
  if (missingFactsForMeasures(program, scenario, [measure]).length > 0) return { kind: "skipped" };
  try {
    const outputs = ownValue(evaluate(program, scenario, { measures: [measure] }).outputs, measure);
    return outputs === undefined ? { kind: "skipped" } : { kind: "outputs", outputs };
  } catch (error) {
    if (error instanceof EvaluationError) return { kind: "error", message: error.message };
    throw error;
  }
}

/** A scenario in the JSON form `tiao run --scenario` reads: the date, then each entity that has facts. */
export function scenarioJson(scenario: Scenario, schema: FactSchema): { [key: string]: OutputJson } {
  const json = nameMap<OutputJson>();
  json["date"] = formatDate(scenario.date);
  for (const [entity, record] of Object.entries(scenario.facts)) {
    if (Object.keys(record).length === 0) continue;
    json[entity] = formatValue(record, { kind: "record", name: entity }, schema);
  }
  return json;
}

/** The facts a measure reads in either version. */
export function readsOf(oldProgram: ProgramIR, newProgram: ProgramIR, measure: string): string[] {
  const reads = new Set<string>();
  for (const program of [oldProgram, newProgram]) for (const path of program.measures.find((m) => m.name === measure)?.reads ?? []) reads.add(path);
  return [...reads].sort();
}
