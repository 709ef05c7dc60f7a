/**
 * fast-check arbitraries of scenarios for any policy, from its FactSchema: random facts of
 * every declared type, evaluation dates around the dates the policy names (where rules and
 * parameter values change), and now and then parameter overrides and missing facts.
 * Used to compare generated code with the interpreter on every policy.
 */
import fc from "fast-check";
import type { ExprIR, ProgramIR, RuleIR, ValueType, WindowIR } from "../../compiler/ir.js";
import {
  addDays,
  addMonths,
  calendarDate,
  decimal,
  fen,
  percentFromMillionths,
  periodKey,
  type CalendarDate,
  type RecordValue,
  type RuntimeValue,
  type Scenario,
} from "../../runtime/index.js";
import { textProblem } from "../../runtime/text.js";
import type { FactSchema, RecordDecl } from "../../runtime/types.js";

export interface ScenarioOptions {
  /** the longest list of records generated (default 4) */
  readonly maxListLength?: number;
  /** how often an entity lacks one of its required facts: 1 in this many (default 8; 0: never) */
  readonly missingFactOneIn?: number;
  /** how often a parameter is overridden: 1 in this many (default 8; 0: never) */
  readonly overrideOneIn?: number;
  /**
   * the bound of the decimals generated now and then beyond the usual ones, in digits: up to
   * 10^(digits - 1) (default 31); 16 keeps them within DuckDB's DECIMAL(38,10)
   */
  readonly largeDecimalDigits?: number;
}

/** Whole numbers as facts hold them: mostly small, with the boundaries rules test, and now and then huge. */
export function countArbitrary(): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 24, arbitrary: fc.integer({ min: 0, max: 40 }) },
    { weight: 12, arbitrary: fc.constantFrom(0, 1, 2, 3, 5, 6, 7, 11, 12, 13, 24) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
  );
}

function moneyArbitrary(): fc.Arbitrary<RuntimeValue> {
  const fenCount = fc.oneof(
    { weight: 24, arbitrary: fc.integer({ min: 0, max: 100_000_000 }) },
    { weight: 12, arbitrary: fc.constantFrom(0, 1, 5, 50, 99, 100, 145_800, 163_800, 20_000_000) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }) },
  );
  return fenCount.map((n) => fen(n));
}

function percentArbitrary(): fc.Arbitrary<RuntimeValue> {
  const millionths = fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 2_000_000 }) },
    { weight: 2, arbitrary: fc.constantFrom(0, 300_000, 333_333, 500_000, 600_000, 800_000, 1_000_000) },
  );
  return millionths.map((n) => percentFromMillionths(n));
}

function decimalArbitrary(options: ScenarioOptions): fc.Arbitrary<RuntimeValue> {
  const large = 10n ** BigInt((options.largeDecimalDigits ?? 31) - 1);
  const digits = fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: -1_000_000, max: 1_000_000 }) },
    { weight: 1, arbitrary: fc.bigInt({ min: -large, max: large }) },
  );
  return fc.tuple(digits, fc.integer({ min: 0, max: 6 })).map(([coefficient, scale]) => {
    const magnitude = (coefficient < 0 ? -BigInt(coefficient) : BigInt(coefficient)).toString().padStart(scale + 1, "0");
    const text = scale === 0 ? magnitude : `${magnitude.slice(0, -scale)}.${magnitude.slice(-scale)}`;
    return decimal(`${coefficient < 0 ? "-" : ""}${text}`);
  });
}

/** Dates the policy names, and the days either side: where its rules and values change. */
export function datesOfProgram(program: ProgramIR): CalendarDate[] {
  const named = new Set<CalendarDate>();
  const isDate = (type: ValueType) => type.kind === "date" || (type.kind === "optional" && type.of.kind === "date");
  for (const parameter of program.parameters) {
    for (const value of parameter.values) {
      named.add(value.from);
      if (value.until !== undefined) named.add(value.until);
      if (isDate(parameter.type) && typeof value.value === "number") named.add(value.value as CalendarDate);
    }
  }
  for (const figure of program.scales.flatMap((scale) => scale.brackets.flatMap((bracket) => [...bracket.thresholds, ...bracket.rates]))) {
    named.add(figure.from);
    if (figure.until !== undefined) named.add(figure.until);
  }
  const visitExpr = (expr: ExprIR): void => {
    if (expr.op === "literal" && isDate(expr.type) && typeof expr.value === "number") named.add(expr.value as CalendarDate);
    for (const child of Object.values(expr)) {
      if (isExpr(child)) visitExpr(child);
      if (Array.isArray(child)) {
        for (const item of child) {
          if (isExpr(item)) visitExpr(item);
          else if (typeof item === "object" && item !== null && "value" in item && isExpr(item.value)) visitExpr(item.value);
        }
      }
    }
  };
  const visitWindow = (window: WindowIR | undefined): void => {
    if (window === undefined) return;
    visitExpr(window.from);
    if (window.until !== undefined) visitExpr(window.until);
  };
  const visitRule = (rule: RuleIR): void => {
    if (rule.condition !== undefined) visitExpr(rule.condition);
    visitExpr(rule.value);
    visitWindow(rule.window);
    rule.exceptions.forEach(visitRule);
  };
  for (const measure of program.measures) {
    visitWindow(measure.window);
    for (const definition of measure.definitions) definition.rules.forEach(visitRule);
  }
  // Far dates ("until 9999-12-31") say "for ever": no case is evaluated on them.
  const first = calendarDate(1900, 1, 1);
  const last = calendarDate(2100, 12, 31);
  const dates: CalendarDate[] = [];
  for (const date of named) {
    if (date <= first || date >= last) continue;
    dates.push(addDays(date, -1), date, addDays(date, 1));
  }
  return dates;
}

function isExpr(value: unknown): value is ExprIR {
  return typeof value === "object" && value !== null && "op" in value && "type" in value && "span" in value;
}

/** Evaluation dates: mostly around the policy's own dates, otherwise any day of 2019–2025. */
export function dateArbitrary(program: ProgramIR): fc.Arbitrary<CalendarDate> {
  const first = calendarDate(2019, 1, 1);
  const last = calendarDate(2025, 12, 31);
  const anyDay = fc.integer({ min: first, max: last }).map((n) => addDays(first, n - first));
  const named = datesOfProgram(program);
  return named.length === 0 ? anyDay : fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...named) }, { weight: 1, arbitrary: anyDay });
}

/**
 * Texts that policies under test write (postal codes and their prefixes) and texts that try
 * to leave a string literal of generated TypeScript, JavaScript or SQL: a scenario's texts
 * are drawn mostly from these, so that equalities, sets and prefixes hold as often as not.
 */
export const sampleTexts: readonly string[] = ["730000", "730010", "7300", "741000", "", "a\"b\\c", "${x}", "</script>", "'; --", "*/", "北京"];

/** A text a scenario may give: one of `sampleTexts`, or short arbitrary text without control characters. */
export function textArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...sampleTexts) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: "grapheme" }).filter((text) => textProblem(text) === undefined) },
  );
}

/** A value of a type, as the runtime represents it. */
export function valueArbitrary(type: ValueType, schema: FactSchema, dates: fc.Arbitrary<CalendarDate>, options: ScenarioOptions = {}): fc.Arbitrary<RuntimeValue> {
  switch (type.kind) {
    case "bool":
      return fc.boolean();
    case "integer":
    case "months":
    case "days":
      return countArbitrary();
    case "money":
      // a `signed money` fact may be below zero
      return type.signed === true ? fc.tuple(fc.boolean(), moneyArbitrary()).map(([below, m]) => (below && m !== 0 ? -(m as number) : m)) : moneyArbitrary();
    case "percent":
      return percentArbitrary();
    case "decimal":
    case "unrounded_money":
      return decimalArbitrary(options);
    case "date":
      return dates;
    case "time":
      return fc.integer({ min: 0, max: 23 * 60 + 59 });
    case "text":
      return textArbitrary();
    case "enum":
      return fc.constantFrom(...membersOf(schema, type.name));
    case "set":
      return fc.subarray(membersOf(schema, type.of)).map((members) => [...members].sort());
    case "list":
      return fc.array(recordArbitrary(recordOf(schema, type.of), schema, dates, options), { maxLength: options.maxListLength ?? 4 });
    case "record":
      return recordArbitrary(recordOf(schema, type.name), schema, dates, options);
    case "optional":
      return fc.option(valueArbitrary(type.of, schema, dates, options), { nil: null, freq: 3 });
    case "per_member":
      throw new Error("a fact cannot be a result for each member");
    case "series": {
      // The periods around a date, now and then one left out: totals over them mostly find their periods.
      const span = type.period === "month" ? 48 : 8;
      const period = type.period;
      const values = fc.array(fc.option(valueArbitrary(type.of, schema, dates, options), { nil: undefined, freq: 8 }), { minLength: span, maxLength: span });
      return fc.tuple(dates, values).map(([center, items]) => {
        const entries = items.flatMap((value, i) => (value === undefined ? [] : [[periodKey(period, addMonths(center, (i - span / 2) * (period === "month" ? 1 : 12))), value] as const]));
        return Object.fromEntries(entries);
      });
    }
  }
}

function membersOf(schema: FactSchema, name: string): string[] {
  const declaration = schema.enums.find((e) => e.name === name);
  if (declaration === undefined || declaration.members.length === 0) throw new Error(`no enum ${name} with members`);
  return declaration.members.map((m) => m.name);
}

function recordOf(schema: FactSchema, name: string): RecordDecl {
  const declaration = schema.records.find((r) => r.name === name);
  if (declaration === undefined) throw new Error(`no record ${name}`);
  return declaration;
}

/** A record with every field. */
function recordArbitrary(declaration: RecordDecl, schema: FactSchema, dates: fc.Arbitrary<CalendarDate>, options: ScenarioOptions): fc.Arbitrary<RecordValue> {
  const fields: { [field: string]: fc.Arbitrary<RuntimeValue> } = {};
  for (const field of declaration.fields) fields[field.name] = valueArbitrary(field.type, schema, dates, options);
  return fc.record(fields);
}

/** The facts of an entity; now and then one required fact is left out (an optional one left out reads as null). */
function entityArbitrary(declaration: RecordDecl, schema: FactSchema, dates: fc.Arbitrary<CalendarDate>, options: ScenarioOptions): fc.Arbitrary<RecordValue> {
  const missingOneIn = options.missingFactOneIn ?? 8;
  // as the scenario reader sees it: an optional fact left out is null, a series with a value for missing periods is empty
  const required = declaration.fields.filter((f) => f.type.kind !== "optional" && !(f.type.kind === "series" && f.type.missing !== undefined)).map((f) => f.name);
  const complete = recordArbitrary(declaration, schema, dates, options);
  if (missingOneIn === 0 || required.length === 0) return complete;
  const leftOut = fc.oneof({ weight: missingOneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(...required) });
  return fc.tuple(complete, leftOut).map(([record, missing]) => {
    if (missing === undefined) return record;
    const { [missing]: _left, ...rest } = record;
    return rest;
  });
}

/** Scenarios for a program: facts of every entity, a date, and now and then parameter overrides. */
export function scenarioArbitrary(program: ProgramIR, options: ScenarioOptions = {}): fc.Arbitrary<Scenario> {
  const { schema } = program;
  const dates = dateArbitrary(program);
  const facts: { [entity: string]: fc.Arbitrary<RecordValue> } = {};
  for (const entity of schema.records.filter((r) => r.entity)) {
    facts[entity.name] = entityArbitrary(entity, schema, dates, options);
  }
  const overrideOneIn = options.overrideOneIn ?? 8;
  const overrides: { [name: string]: fc.Arbitrary<RuntimeValue | undefined> } = {};
  for (const parameter of schema.parameters) {
    const value = valueArbitrary(parameter.type, schema, dates, options);
    const kept = fc.constant(undefined);
    overrides[parameter.name] = overrideOneIn > 0 ? fc.oneof({ weight: overrideOneIn - 1, arbitrary: kept }, { weight: 1, arbitrary: value }) : kept;
  }
  return fc.record({ date: dates, facts: fc.record(facts), overrides: fc.record(overrides) }).map(({ date, facts, overrides }) => {
    const parameters: { [name: string]: RuntimeValue } = {};
    for (const [name, value] of Object.entries(overrides)) if (value !== undefined) parameters[name] = value;
    return { date, facts, parameters };
  });
}
