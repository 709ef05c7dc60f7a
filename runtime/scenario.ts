/**
 * Reading a scenario's JSON into runtime values, driven by the policy's declarations
 * (`FactSchema`), and turning runtime values back into the output JSON.
 * The rules of each type are those of the scenario format: every problem is reported,
 * with the JSON path of the value at fault, in words a policy drafter uses.
 */
import {
  type CalendarDate,
  formatDate,
  formatTime,
  looksLikeDate,
  parseDate,
  parseTime,
  type TimeOfDay,
} from "./dates.js";
import { type Decimal, decimal, formatDecimal, MAX_DECIMAL_DIGITS, parseDecimal, scaledInteger } from "./decimal.js";
import { isJsonArray, isJsonObject, JsonNumber, type JsonValue, parseJson } from "./json.js";
import {
  fen,
  formatMoney,
  formatPercent,
  type Money,
  parseMoney,
  parsePercent,
  type Percent,
  percentFromMillionths,
} from "./money.js";
import { ownValue, parameterOverrides } from "./own-properties.js";
import { readValidScenario } from "./scenario-reader.js";
import { textProblem } from "./text.js";
import type { EnumDecl, FactSchema, FieldDecl, RecordDecl, ValueType } from "./types.js";

export type RuntimeValue = boolean | number | string | Decimal | null | readonly RuntimeValue[] | RecordValue;

export interface RecordValue {
  readonly [field: string]: RuntimeValue;
}

export interface Scenario {
  readonly date: CalendarDate;
  /**
   * Every entity of the schema, whether or not the JSON has it (an empty record then).
   * A field left out of the JSON is absent from its record, except an optional one,
   * which is null.
   */
  readonly facts: { readonly [entity: string]: RecordValue };
  readonly parameters: { readonly [name: string]: RuntimeValue };
}

export interface ScenarioError {
  /** "person.insured_months", "enterprise.trainees[2].months", "parameters.x", "date", or "(json)" for the document */
  readonly path: string;
  readonly message: string;
}

export type OutputJson = null | boolean | number | string | readonly OutputJson[] | { readonly [key: string]: OutputJson };

export type ScenarioResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: ScenarioError[] };

/** The path of the whole document, for errors that concern no single value. */
const DOCUMENT_PATH = "(json)";

// ---------------------------------------------------------------------------------------
// Schema lookups

/** A record or entity declaration with its fields by name. */
interface IndexedRecord {
  readonly name: string;
  readonly declaration: RecordDecl;
  readonly fields: ReadonlyMap<string, FieldDecl>;
}

interface SchemaIndex {
  readonly enums: ReadonlyMap<string, EnumDecl>;
  readonly records: ReadonlyMap<string, IndexedRecord>;
  readonly entities: ReadonlyMap<string, IndexedRecord>;
  readonly parameters: ReadonlyMap<string, ValueType>;
}

const schemaIndexes = new WeakMap<FactSchema, SchemaIndex>();

/** Maps by name, built once per schema: readValue is also called one value at a time. */
function indexSchema(schema: FactSchema): SchemaIndex {
  const cached = schemaIndexes.get(schema);
  if (cached !== undefined) return cached;
  const records = schema.records.map(
    (declaration): IndexedRecord => ({
      name: declaration.name,
      declaration,
      fields: new Map(declaration.fields.map((f) => [f.name, f])),
    }),
  );
  const index: SchemaIndex = {
    enums: new Map(schema.enums.map((e) => [e.name, e])),
    records: new Map(records.map((r) => [r.name, r])),
    entities: new Map(records.filter((r) => r.declaration.entity).map((r) => [r.name, r])),
    parameters: new Map(schema.parameters.map((p) => [p.name, p.type])),
  };
  schemaIndexes.set(schema, index);
  return index;
}

// ---------------------------------------------------------------------------------------
// Reading a scenario

/**
 * The scenario of a JSON text, or every problem it has. A text without a problem, the
 * common case, is read in one pass (runtime/scenario-reader.ts); one that pass does not
 * accept is read again through the JSON tree, which finds and words every problem.
 */
export function readScenario(text: string, schema: FactSchema): ScenarioResult {
  const scenario = readValidScenario(text, schema);
  return scenario === undefined ? readScenarioFromTree(text, schema) : { ok: true, scenario };
}

/**
 * readScenario through the generic JSON tree: slower, and the reference for what a
 * scenario means and what its problems are; the one-pass reader must agree with it.
 */
export function readScenarioFromTree(text: string, schema: FactSchema): ScenarioResult {
  const parsed = parseJson(text);
  if (!parsed.ok) {
    return { ok: false, errors: [{ path: DOCUMENT_PATH, message: `line ${parsed.line}, column ${parsed.column}: ${parsed.message}` }] };
  }
  const root = parsed.value;
  if (!isJsonObject(root)) {
    const message = `expected an object with "date" and the facts of the case, got ${describe(root)}`;
    return { ok: false, errors: [{ path: DOCUMENT_PATH, message }] };
  }
  const index = indexSchema(schema);
  const errors: ScenarioError[] = [];
  let date: CalendarDate | null = null;
  let parameters: { readonly [name: string]: RuntimeValue } = parameterOverrides();
  const entityRecords = new Map<string, RecordValue>();

  if (!Object.hasOwn(root, "date")) {
    errors.push({ path: "date", message: 'missing: the date of the case is required, as "YYYY-MM-DD"' });
  }
  for (const [key, value] of Object.entries(root)) {
    if (key === "date") {
      date = readDate(value, "date", errors);
    } else if (key === "parameters") {
      parameters = readParameters(value, index, schema, errors);
    } else {
      const entity = index.entities.get(key);
      if (entity === undefined) {
        const expected = ["date", "parameters", ...index.entities.keys()];
        errors.push({ path: unknownKey(key), message: unknownName("key", key, expected, `expected one of ${quoteList(expected)}`) });
      } else if (!isJsonObject(value)) {
        errors.push({ path: key, message: `expected an object with the facts of ${key}, got ${describe(value)}` });
      } else {
        entityRecords.set(key, readFields(value, entity, "entity", schema, key, errors));
      }
    }
  }

  // Every entity, in declaration order; one left out of the JSON has no facts but its optional ones.
  const facts = Object.fromEntries(
    [...index.entities.values()].map((entity) => [
      entity.name,
      entityRecords.get(entity.name) ?? readFields({}, entity, "entity", schema, entity.name, errors),
    ]),
  );
  if (errors.length > 0 || date === null) return { ok: false, errors };
  return { ok: true, scenario: { date, facts, parameters } };
}

function readParameters(
  json: JsonValue,
  index: SchemaIndex,
  schema: FactSchema,
  errors: ScenarioError[],
): { readonly [name: string]: RuntimeValue } {
  if (!isJsonObject(json)) {
    errors.push({ path: "parameters", message: `expected an object of parameter values by name, got ${describe(json)}` });
    return parameterOverrides();
  }
  const entries: [string, RuntimeValue][] = [];
  for (const [name, value] of Object.entries(json)) {
    const path = `parameters.${name}`;
    const type = index.parameters.get(name);
    if (type === undefined) {
      errors.push({ path: `parameters.${unknownKey(name)}`, message: unknownName("parameter", name, [...index.parameters.keys()], "no parameter of the policy has this name") });
    } else {
      entries.push([name, readValue(value, type, schema, path, errors)]);
    }
  }
  return parameterOverrides(entries);
}

/**
 * The fields of an entity (each optional) or of a nested record or list item (each
 * required). An optional field left out is null either way.
 */
function readFields(
  json: { readonly [key: string]: JsonValue },
  record: IndexedRecord,
  kind: "entity" | "record",
  schema: FactSchema,
  path: string,
  errors: ScenarioError[],
): RecordValue {
  const values = new Map<string, RuntimeValue>();
  for (const [key, value] of Object.entries(json)) {
    const field = record.fields.get(key);
    if (field === undefined) {
      errors.push({ path: `${path}.${unknownKey(key)}`, message: unknownName(`field of ${record.name}`, key, [...record.fields.keys()], "") });
    } else {
      values.set(key, readValue(value, field.type, schema, `${path}.${key}`, errors));
    }
  }
  // Fields in declaration order, so that records print and compare alike.
  const entries: [string, RuntimeValue][] = [];
  for (const field of record.declaration.fields) {
    const value = values.get(field.name);
    const leftOut = value === undefined ? leftOutValue(field, schema, `${path}.${field.name}`, errors) : undefined;
    if (value !== undefined) entries.push([field.name, value]);
    else if (leftOut !== undefined) entries.push([field.name, leftOut]);
    else if (kind === "record") {
      errors.push({ path: `${path}.${field.name}`, message: `missing: every field of ${record.name} is required` });
    }
  }
  return Object.fromEntries(entries);
}

/**
 * The value of a fact a scenario leaves out, when it has one: absent (null) for an optional
 * fact, its default for one declared with `otherwise`, no period for a series whose periods
 * not given have a value. Undefined for a fact that is then missing.
 */
export function leftOutValue(field: FieldDecl, schema: FactSchema, path: string, errors: ScenarioError[]): RuntimeValue | undefined {
  if (field.type.kind === "optional") return null;
  // read as if given
  if (field.default !== undefined) return readValue(defaultJson(field.default), field.type, schema, path, errors);
  if (field.type.kind === "series" && field.type.missing !== undefined) return {};
  return undefined;
}

/** A field's default as the JSON a scenario would give: numbers as exact JSON numbers. */
function defaultJson(value: string | number | boolean): JsonValue {
  return typeof value === "number" ? new JsonNumber(String(value)) : value;
}

/**
 * One JSON value read as a value of `type`. A problem is added to `errors` (and null
 * returned in place of the value); nothing is thrown.
 */
export function readValue(
  json: JsonValue,
  type: ValueType,
  schema: FactSchema,
  path: string,
  errors: ScenarioError[],
): RuntimeValue {
  const reject = (message: string): null => {
    errors.push({ path, message: `${message}, got ${describe(json)}` });
    return null;
  };
  switch (type.kind) {
    case "bool":
      return typeof json === "boolean" ? json : reject("expected true or false");
    case "integer":
    case "months":
    case "days":
      return readCount(json, reject);
    case "money":
      return readMoney(json, reject, type.signed === true);
    case "decimal":
    case "unrounded_money":
      return readDecimal(json, reject);
    case "percent":
      return readPercent(json, reject);
    case "date":
      return readDate(json, path, errors);
    case "time": {
      const time = typeof json === "string" ? parseTime(json) : undefined;
      return time ?? reject('expected a time of day "HH:MM" from 00:00 to 23:59');
    }
    case "text": {
      if (typeof json !== "string") return reject('expected a text in quotes such as "730000"');
      const problem = textProblem(json);
      return problem === undefined ? json : reject(problem);
    }
    case "enum":
      return readMember(json, type.name, schema, reject);
    case "set":
      return readSet(json, type.of, schema, path, errors, reject);
    case "list": {
      const record = indexSchema(schema).records.get(type.of);
      if (record === undefined) return reject(`the policy declares no record "${type.of}"`);
      if (!isJsonArray(json)) return reject(`expected a list of ${type.of} records`);
      return json.map((item, i) => readRecord(item, record, schema, `${path}[${i}]`, errors));
    }
    case "record": {
      const record = indexSchema(schema).records.get(type.name);
      if (record === undefined) return reject(`the policy declares no record "${type.name}"`);
      return readRecord(json, record, schema, path, errors);
    }
    case "optional":
      return json === null ? null : readValue(json, type.of, schema, path, errors);
    case "series":
      return readSeries(json, type, schema, path, errors, reject);
    case "per_member":
      throw new Error("a result for each member is not read from a scenario");
  }
}

const MONTH_KEY = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const YEAR_KEY = /^[0-9]{4}$/;

/** `{"2017-01": …}` or `{"2017": …}`: each period's value, keyed as written (years 0001 to 9999). */
function readSeries(json: JsonValue, type: Extract<ValueType, { kind: "series" }>, schema: FactSchema, path: string, errors: ScenarioError[], reject: Reject): RuntimeValue {
  const example = type.period === "month" ? '{"2017-01": …, "2017-02": …}' : '{"2016": …, "2017": …}';
  if (!isJsonObject(json)) return reject(`expected the values of each ${type.period} as an object such as ${example}`);
  const entries: [string, RuntimeValue][] = [];
  for (const [key, value] of Object.entries(json)) {
    const keyPath = `${path}.${unknownKey(key)}`;
    const pattern = type.period === "month" ? MONTH_KEY : YEAR_KEY;
    if (!pattern.test(key) || key.startsWith("0000")) {
      errors.push({ path: keyPath, message: `expected a ${type.period === "month" ? 'month "YYYY-MM"' : 'year "YYYY"'} from 0001 to 9999 as the key` });
    } else {
      entries.push([key, readValue(value, type.of, schema, keyPath, errors)]);
    }
  }
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

type Reject = (message: string) => null;

function readRecord(json: JsonValue, record: IndexedRecord, schema: FactSchema, path: string, errors: ScenarioError[]): RuntimeValue {
  if (!isJsonObject(json)) {
    errors.push({ path, message: `expected an object with the fields of ${record.name}, got ${describe(json)}` });
    return null;
  }
  return readFields(json, record, "record", schema, path, errors);
}

/** The exact value of a JSON number; undefined for anything else. */
function numberValue(json: JsonValue): Decimal | undefined {
  return json instanceof JsonNumber ? parseDecimal(json.text) : undefined;
}

function readCount(json: JsonValue, reject: Reject): number | null {
  const value = numberValue(json);
  if (value === undefined || value.scale > 0 || value.coefficient < 0n) return reject("expected a non-negative integer");
  return scaledInteger(value, 0) ?? reject("number too large to compute exactly");
}

const MONEY_EXPECTED = 'expected an amount of money such as 1820 or "1820.50"';
const MONEY_NEGATIVE = "expected an amount that is not negative";
const MONEY_DECIMALS = "expected an amount with at most two decimals (whole fen)";
const MONEY_TOO_LARGE = "amount too large to compute exactly";

/** A JSON number is judged by its value; a string by its form, "1820.50". `signed`: a `signed money` fact, which may be below zero. */
function readMoney(json: JsonValue, reject: Reject, signed = false): Money | null {
  if (signed && typeof json === "string" && json.startsWith("-")) {
    const magnitude = readMoney(json.slice(1), reject);
    return magnitude === null ? null : negated(magnitude);
  }
  if (typeof json === "string") return parseMoney(json) ?? reject(moneyTextProblem(json));
  const value = numberValue(json);
  if (value === undefined) return reject(json instanceof JsonNumber ? MONEY_TOO_LARGE : MONEY_EXPECTED);
  if (signed && value.coefficient < 0n) {
    const magnitude = readMoney(new JsonNumber(json instanceof JsonNumber ? json.text.slice(1) : ""), reject);
    return magnitude === null ? null : negated(magnitude);
  }
  if (value.coefficient < 0n) return reject(MONEY_NEGATIVE);
  if (value.scale > 2) return reject(MONEY_DECIMALS);
  const fenCount = scaledInteger(value, 2);
  return fenCount === undefined ? reject(MONEY_TOO_LARGE) : fen(fenCount);
}

/** -m, with no negative zero (`"-0.00"` is 0). */
function negated(m: Money): Money {
  return (m === 0 ? 0 : -m) as Money;
}

function moneyTextProblem(text: string): string {
  if (/^-[0-9]+(\.[0-9]+)?$/.test(text)) return MONEY_NEGATIVE;
  if (/^[0-9]+\.[0-9]{3,}$/.test(text)) return MONEY_DECIMALS;
  if (/^[0-9]+(\.[0-9]{1,2})?$/.test(text)) return MONEY_TOO_LARGE;
  return MONEY_EXPECTED;
}

function readDecimal(json: JsonValue, reject: Reject): Decimal | null {
  if (json instanceof JsonNumber) {
    return parseDecimal(json.text) ?? reject(`number too long: at most ${MAX_DECIMAL_DIGITS} digits before and after the point`);
  }
  const value = typeof json === "string" ? parseDecimal(json) : undefined;
  return value ?? reject('expected a number such as -12.5 or "-12.5"');
}

function readPercent(json: JsonValue, reject: Reject): Percent | null {
  const generic = 'expected a percentage such as "60%", "12.5" or 60, not negative, with at most four decimals';
  if (typeof json === "string") return parsePercent(json) ?? reject(generic);
  const value = numberValue(json);
  const millionths = value === undefined || value.coefficient < 0n ? undefined : scaledInteger(value, 4);
  return millionths === undefined ? reject(generic) : percentFromMillionths(millionths);
}

function readDate(json: JsonValue, path: string, errors: ScenarioError[]): CalendarDate | null {
  const date = typeof json === "string" ? parseDate(json) : undefined;
  if (date !== undefined) return date;
  const wellFormed = typeof json === "string" && looksLikeDate(json);
  const expected = wellFormed ? "expected a real calendar date" : 'expected a date "YYYY-MM-DD"';
  errors.push({ path, message: `${expected}, got ${describe(json)}` });
  return null;
}

function readMember(json: JsonValue, enumName: string, schema: FactSchema, reject: Reject): string | null {
  const declaration = indexSchema(schema).enums.get(enumName);
  if (declaration === undefined) return reject(`the policy declares no enum "${enumName}"`);
  if (typeof json === "string" && declaration.members.some((m) => m.name === json)) return json;
  return reject(`expected one of ${quoteList(declaration.members.map((m) => m.name))}`);
}

function readSet(
  json: JsonValue,
  enumName: string,
  schema: FactSchema,
  path: string,
  errors: ScenarioError[],
  reject: Reject,
): readonly string[] | null {
  if (!isJsonArray(json)) return reject(`expected a list of ${enumName} members such as ["a", "b"]`);
  const members = new Set<string>();
  json.forEach((item, i) => {
    const itemPath = `${path}[${i}]`;
    const member = readMember(item, enumName, schema, (message) => {
      errors.push({ path: itemPath, message: `${message}, got ${describe(item)}` });
      return null;
    });
    if (member === null) return;
    if (members.has(member)) errors.push({ path: itemPath, message: `"${member}" is listed twice` });
    members.add(member);
  });
  return sortedNames(members);
}

// ---------------------------------------------------------------------------------------
// Messages

/** A JSON value as the user wrote it, shortened: `"abc"`, `-5`, `a list`. */
function describe(json: JsonValue): string {
  if (json === null || typeof json === "boolean") return String(json);
  if (typeof json === "string") return shorten(JSON.stringify(json));
  if (json instanceof JsonNumber) return shorten(json.text);
  return isJsonArray(json) ? "a list" : "an object";
}

const DESCRIBED_LENGTH = 40;

function shorten(text: string): string {
  return text.length <= DESCRIBED_LENGTH ? text : `${text.slice(0, DESCRIBED_LENGTH - 1)}…`;
}

function quoteList(names: readonly string[]): string {
  return names.map((n) => JSON.stringify(n)).join(", ");
}

/** "unknown field of person, did you mean "insured"?" — or the fallback advice. */
function unknownName(what: string, name: string, known: readonly string[], fallback: string): string {
  const suggestion = closestName(name, known);
  if (suggestion !== undefined) return `unknown ${what}, did you mean "${suggestion}"?`;
  return fallback === "" ? `unknown ${what}` : `unknown ${what}: ${fallback}`;
}

/**
 * An unknown key as its problem's path shows it: a key is whatever a scenario holds, and one
 * of megabytes is not echoed whole; the empty key is shown as JSON writes it, `""`, so that
 * the path names it.
 */
function unknownKey(key: string): string {
  if (key === "") return '""';
  return key.length <= MAX_SHOWN_KEY ? key : `${key.slice(0, MAX_SHOWN_KEY)}… (${key.length} characters)`;
}

const MAX_SHOWN_KEY = 80;

/** Longer names are not typing mistakes of a policy's names, and are not compared (a key may be of any length). */
const MAX_SUGGESTED_NAME_LENGTH = 64;

/** The known name within a few typing mistakes of `name`, if any. */
function closestName(name: string, known: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTED_NAME_LENGTH) return undefined;
  const tolerance = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = tolerance + 1;
  for (const candidate of known) {
    // the distance is at least the difference of the lengths
    if (Math.abs(candidate.length - name.length) >= bestDistance) continue;
    const distance = editDistance(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

// ---------------------------------------------------------------------------------------
// Facts a measure needs

/**
 * The fact paths ("entity.field") among `reads` that the scenario does not give. An
 * optional field left out is not missing: it is absent, which is a value.
 */
export function missingFacts(scenario: Scenario, reads: readonly string[], schema: FactSchema): string[] {
  const index = indexSchema(schema);
  return reads.filter((path) => {
    const dot = path.indexOf(".");
    const entity = path.slice(0, dot);
    const field = path.slice(dot + 1);
    const record = ownValue(scenario.facts, entity);
    if (record !== undefined && Object.hasOwn(record, field)) return false;
    const type = index.entities.get(entity)?.fields.get(field)?.type;
    return type?.kind !== "optional" && !(type?.kind === "series" && type.missing !== undefined);
  });
}

// ---------------------------------------------------------------------------------------
// Values out and in

/**
 * A runtime value as output JSON: money "1820.50", percent "60%", decimals as exact text,
 * dates and times as text, sets sorted. Records and lists need the schema for the types
 * of their fields.
 */
export function formatValue(value: RuntimeValue, type: ValueType, schema?: FactSchema): OutputJson {
  if (value === null) return null;
  switch (type.kind) {
    case "bool":
    case "integer":
    case "months":
    case "days":
    case "enum":
    case "text":
      return value as boolean | number | string;
    case "money":
      return formatMoney(value as Money);
    case "percent":
      return formatPercent(value as Percent);
    case "decimal":
    case "unrounded_money":
      return formatDecimal(value as Decimal);
    case "date":
      return formatDate(value as CalendarDate);
    case "time":
      return formatTime(value as TimeOfDay);
    case "set":
      return sortedNames(value as readonly string[]);
    case "optional":
      return formatValue(value, type.of, schema);
    case "list":
      return (value as readonly RecordValue[]).map((item) => formatRecord(item, type.of, schema));
    case "record":
      return formatRecord(value as RecordValue, type.name, schema);
    case "series":
      return Object.fromEntries(Object.entries(value as RecordValue).map(([key, item]) => [key, formatValue(item, type.of, schema)]));
    case "per_member":
      return (value as readonly RuntimeValue[]).map((item) => formatValue(item, type.of, schema));
  }
}

function formatRecord(value: RecordValue, recordName: string, schema: FactSchema | undefined): OutputJson {
  const record = schema === undefined ? undefined : indexSchema(schema).records.get(recordName);
  if (record === undefined) throw new Error(`formatting a ${recordName} record needs the schema that declares it`);
  const entries: [string, OutputJson][] = [];
  for (const field of record.declaration.fields) {
    const fieldValue = ownValue(value, field.name);
    if (fieldValue !== undefined) entries.push([field.name, formatValue(fieldValue, field.type, schema)]);
  }
  return Object.fromEntries(entries);
}

/**
 * What an output holds when its measure is not in force: false, 0, 0.00, 0%, null
 * (dates, times, enums, texts, optional values), an empty set or list.
 */
export function emptyValue(type: ValueType): RuntimeValue {
  switch (type.kind) {
    case "bool":
      return false;
    case "integer":
    case "months":
    case "days":
    case "money":
    case "percent":
      return 0;
    case "decimal":
    case "unrounded_money":
      return decimal("0");
    case "date":
    case "time":
    case "enum":
    case "text":
    case "optional":
      return null;
    case "set":
    case "list":
      return [];
    case "record":
      throw new Error(`a ${type.name} record has no empty value: a record cannot be an output`);
    case "series":
      throw new Error("a series has no empty value: a series cannot be an output");
    case "per_member":
      throw new Error("the empty value of an output for each member is one per member: see emptyPerMember");
  }
}

/** Whether an output of the type is null when its measure is not in force, though the type itself is not optional: a date, a time, a text, an enum member. */
export function isNullWhenEmpty(type: ValueType): boolean {
  return type.kind === "date" || type.kind === "time" || type.kind === "text" || type.kind === "enum";
}

/** Set members in the one order outputs and comparisons use: by name, code unit by code unit. */
function sortedNames(names: Iterable<string>): string[] {
  return [...names].sort();
}
