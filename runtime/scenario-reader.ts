/**
 * The fast path of `readScenario`: one pass over the text that parses the JSON and checks
 * it against the policy's `FactSchema` at the same time, building the runtime values
 * directly, with no JSON tree in between.
 *
 * It reads only scenarios without a single problem. At the first thing it does not
 * accept, whatever the reason, it gives up, and `readScenario` reads the text again
 * through the JSON tree, the thorough way that finds and words every problem. So this
 * reader must never accept what the thorough one refuses, nor read a value differently:
 * test/runtime/scenario-reader.test.ts compares the two on random and mutated scenarios.
 */
import { type CalendarDate, calendarDate, daysInMonth, parseDate, parseTime, type TimeOfDay } from "./dates.js";
import { type Decimal, normaliseDecimal, parseDecimal, scaledInteger } from "./decimal.js";
import { MAX_DEPTH } from "./json.js";
import { type Money, parseMoney, parsePercent, type Percent } from "./money.js";
import { parameterOverrides } from "./own-properties.js";
import type { RecordValue, RuntimeValue, Scenario } from "./scenario.js";
import { textProblem } from "./text.js";
import type { FactSchema, RecordDecl, ValueType } from "./types.js";

// ---------------------------------------------------------------------------------------
// Reading plans: the schema as tables, built once per schema

const BOOL = 0;
const COUNT = 1;
const MONEY = 2;
const DECIMAL = 3;
const PERCENT = 4;
const DATE = 5;
const TIME = 6;
const MEMBER = 7;
const SET = 8;
const LIST = 9;
const RECORD = 10;
const OPTIONAL = 11;
/** A type naming a record the schema does not declare: any value of it is a problem. */
const UNDECLARED = 12;
const TEXT = 13;

type Kind = typeof BOOL | typeof COUNT | typeof MONEY | typeof DECIMAL | typeof PERCENT | typeof DATE | typeof TIME | typeof TEXT
  | typeof MEMBER | typeof SET | typeof LIST | typeof RECORD | typeof OPTIONAL | typeof UNDECLARED;

/** One class for every type, so that the reader's property reads see a single shape. */
class TypePlan {
  constructor(
    readonly kind: Kind,
    /** the enum's members, for MEMBER and SET */
    readonly members: readonly string[] | null = null,
    /** those of them that are plain (see isPlain) */
    readonly plainMembers: readonly string[] | null = null,
    /** the record, for LIST and RECORD; filled in once every record has its plan */
    readonly record: RecordPlan | null = null,
    /** the inner type, for OPTIONAL */
    readonly of: TypePlan | null = null,
  ) {}
}

/**
 * Whether a name can be compared with the raw text of a JSON string: it has no quote,
 * backslash or control character, so that raw text equal to it and followed by a quote
 * is a string equal to it.
 */
function isPlain(name: string): boolean {
  return !/["\\\u0000-\u001f]/.test(name);
}

/**
 * The text as the engine's one shared copy of it: property keys are such copies (V8
 * internalizes them). Enum values read from a scenario are compared with the policy's
 * literals at every evaluation; a shared copy is compared by identity, where a slice of
 * the policy's source (as the compiler's names are) is compared character by character.
 */
function sharedCopy(text: string): string {
  return Object.keys({ [text]: null })[0]!;
}

/** The keys an object may have, and how to find one from the text. */
class KeyTable {
  /** each name, or null where it is not plain */
  readonly plainNames: readonly (string | null)[];
  readonly indexes: ReadonlyMap<string, number>;

  constructor(names: readonly string[]) {
    this.plainNames = names.map((name) => (isPlain(name) ? name : null));
    this.indexes = new Map(names.map((name, index) => [name, index]));
  }
}

class FieldPlan {
  /** whether an assignment would set the prototype rather than the field */
  readonly isProto: boolean;

  constructor(
    readonly name: string,
    readonly type: TypePlan,
  ) {
    this.isProto = name === "__proto__";
  }
}

class RecordPlan {
  readonly fields: FieldPlan[] = [];
  keys = new KeyTable([]);

  constructor(readonly name: string) {}
}


interface ScenarioPlan {
  /** "date", "parameters", then the entities in declaration order */
  readonly rootKeys: KeyTable;
  readonly entities: readonly RecordPlan[];
  readonly parameters: readonly FieldPlan[];
  readonly parameterKeys: KeyTable;
}

const DATE_KEY = 0;
const PARAMETERS_KEY = 1;
const FIRST_ENTITY_KEY = 2;

const plans = new WeakMap<FactSchema, ScenarioPlan | null>();

/** The plan of a schema; null when the schema repeats a name, which only the thorough reader handles. */
function planOf(schema: FactSchema): ScenarioPlan | null {
  const cached = plans.get(schema);
  if (cached !== undefined) return cached;
  const plan = hasRepeatedNames(schema) || hasSeries(schema) ? null : buildPlan(schema);
  plans.set(schema, plan);
  return plan;
}

function hasRepeatedNames(schema: FactSchema): boolean {
  const repeats = (names: readonly string[]): boolean => new Set(names).size !== names.length;
  const entityNames = schema.records.filter((r) => r.entity).map((r) => r.name);
  return (
    repeats(schema.records.map((r) => r.name)) ||
    schema.records.some((r) => repeats(r.fields.map((f) => f.name))) ||
    repeats(["date", "parameters", ...entityNames]) ||
    repeats(schema.parameters.map((p) => p.name))
  );
}

/**
 * Facts given period by period are keyed by period, not by name, and a fact left out may take
 * its declared default: only the thorough reader reads them.
 */
function hasSeries(schema: FactSchema): boolean {
  return schema.records.some((r) => r.fields.some((f) => f.type.kind === "series" || f.default !== undefined));
}

function buildPlan(schema: FactSchema): ScenarioPlan {
  // As the thorough reader looks enums up: by name, the last declaration of a name winning.
  const enums = new Map(schema.enums.map((e) => [e.name, e.members.map((m) => sharedCopy(m.name))]));
  const records = new Map(schema.records.map((r) => [r.name, new RecordPlan(r.name)]));
  const typePlan = (type: ValueType): TypePlan => {
    switch (type.kind) {
      case "bool":
        return new TypePlan(BOOL);
      case "integer":
      case "months":
      case "days":
        return new TypePlan(COUNT);
      case "money":
        return new TypePlan(MONEY);
      case "decimal":
      case "unrounded_money":
        return new TypePlan(DECIMAL);
      case "percent":
        return new TypePlan(PERCENT);
      case "date":
        return new TypePlan(DATE);
      case "time":
        return new TypePlan(TIME);
      case "text":
        return new TypePlan(TEXT);
      case "enum":
      case "set": {
        // An enum the schema does not declare has no members: an empty set is still a set of it.
        const members = enums.get(type.kind === "enum" ? type.name : type.of) ?? [];
        return new TypePlan(type.kind === "enum" ? MEMBER : SET, members, members.filter(isPlain));
      }
      case "list":
      case "record": {
        const record = records.get(type.kind === "list" ? type.of : type.name);
        return record === undefined ? new TypePlan(UNDECLARED) : new TypePlan(type.kind === "list" ? LIST : RECORD, null, null, record);
      }
      case "optional":
        return new TypePlan(OPTIONAL, null, null, null, typePlan(type.of));
      case "per_member":
        throw new Error("a result for each member is not read from a scenario");
      case "series":
        // never planned: see hasSeries
        return new TypePlan(UNDECLARED);
    }
  };
  const fillRecord = (declaration: RecordDecl): RecordPlan => {
    const record = records.get(declaration.name)!;
    for (const field of declaration.fields) record.fields.push(new FieldPlan(field.name, typePlan(field.type)));
    record.keys = new KeyTable(declaration.fields.map((f) => f.name));
    return record;
  };
  const filled = schema.records.map(fillRecord);
  const entities = filled.filter((_, i) => schema.records[i]!.entity);
  const parameters = schema.parameters.map((p) => new FieldPlan(p.name, typePlan(p.type)));
  return {
    rootKeys: new KeyTable(["date", "parameters", ...entities.map((e) => e.name)]),
    entities,
    parameters,
    parameterKeys: new KeyTable(parameters.map((p) => p.name)),
  };
}

// ---------------------------------------------------------------------------------------
// The reader

/** Thrown to give up; caught in readValidScenario, never seen outside. */
const GIVE_UP: unique symbol = Symbol("give up");


const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const ONE = 0x31;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const BYTE_ORDER_MARK = 0xfeff;

/**
 * Up to this many digits, a number's digits as a double are exact, and so is the double
 * times 10^4 (a percentage in millionths) unless it leaves the safe integers.
 */
const MAX_EXACT_DIGITS = 15;

const POWERS_OF_TEN = [1, 10, 100, 1000, 10000];

const PERCENT_SIGN = 0x25;
/** No character has this code: for scaledText, a suffix that never comes. */
const NO_SUFFIX = -1;

const TRUE = charCodes("true");
const FALSE = charCodes("false");
const NULL = charCodes("null");

function charCodes(word: string): number[] {
  return Array.from({ length: word.length }, (_, i) => word.charCodeAt(i));
}

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

/**
 * The scenario of a text that has no problem at all; undefined when the text has one, or
 * has something this reader leaves to the thorough one.
 */
export function readValidScenario(text: string, schema: FactSchema): Scenario | undefined {
  const plan = planOf(schema);
  if (plan === null) return undefined;
  try {
    return new ScenarioReader(text).scenario(plan);
  } catch (error) {
    if (error === GIVE_UP) return undefined;
    throw error;
  }
}

function giveUp(): never {
  throw GIVE_UP;
}

/** An own property, even for the key "__proto__", which an assignment would take as the prototype. */
function put<T>(object: { [key: string]: T }, key: string, value: T): void {
  if (key === "__proto__") Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
  else object[key] = value;
}

class ScenarioReader {
  private offset = 0;
  /** Set by scanNumber: the number's digits as a whole number, its sign, and how many of them follow the point. */
  private digits = 0;
  private negative = false;
  private scale = 0;

  constructor(private readonly text: string) {}

  scenario(plan: ScenarioPlan): Scenario {
    const text = this.text;
    // A byte-order mark is accepted as the JSON parser accepts it.
    if (text.charCodeAt(0) === BYTE_ORDER_MARK) this.offset = 1;
    this.skipWhitespace();
    this.enter(OPEN_BRACE, 1);
    let date: CalendarDate | undefined;
    let parameters: { [name: string]: RuntimeValue } | undefined;
    const entityValues: (RecordValue | undefined)[] = [];
    let expected = 0;
    for (;;) {
      const key = this.key(plan.rootKeys, expected);
      expected = key + 1;
      if (key === DATE_KEY) {
        if (date !== undefined) giveUp();
        date = this.date();
      } else if (key === PARAMETERS_KEY) {
        if (parameters !== undefined) giveUp();
        parameters = this.parameters(plan);
      } else {
        const index = key - FIRST_ENTITY_KEY;
        if (entityValues[index] !== undefined) giveUp();
        entityValues[index] = this.record(plan.entities[index]!, 2, false);
      }
      if (this.endOfMember(CLOSE_BRACE)) break;
    }
    this.skipWhitespace();
    if (this.offset !== text.length || date === undefined) giveUp();
    const facts: { [entity: string]: RecordValue } = {};
    plan.entities.forEach((entity, i) => put(facts, entity.name, entityValues[i] ?? emptyEntity(entity)));
    return { date, facts, parameters: parameters ?? parameterOverrides() };
  }

  private parameters(plan: ScenarioPlan): { [name: string]: RuntimeValue } {
    this.enter(OPEN_BRACE, 2);
    const parameters = parameterOverrides();
    if (this.emptyAfterOpening(CLOSE_BRACE)) return parameters;
    let expected = 0;
    for (;;) {
      const index = this.key(plan.parameterKeys, expected);
      expected = index + 1;
      const parameter = plan.parameters[index]!;
      if (Object.hasOwn(parameters, parameter.name)) giveUp();
      put(parameters, parameter.name, this.value(parameter.type, 2));
      if (this.endOfMember(CLOSE_BRACE)) return parameters;
    }
  }

  /**
   * An object of the record's fields, at nesting `depth`; a nested record or a list item
   * must have every field but the optional ones, an entity need not.
   */
  private record(record: RecordPlan, depth: number, required: boolean): RecordValue {
    this.enter(OPEN_BRACE, depth);
    const fields = record.fields;
    const result: { [field: string]: RuntimeValue } = {};
    let read = 0;
    // A key read twice is a problem: each of the record's first 31 fields is marked here
    // when read, any other is looked for among the fields read.
    let marks = 0;
    // Whether every field so far came in declaration order, from the first.
    let inOrder = true;
    if (!this.emptyAfterOpening(CLOSE_BRACE)) {
      let expected = 0;
      for (;;) {
        const index = this.key(record.keys, expected);
        expected = index + 1;
        const field = fields[index]!;
        if (index < 31) {
          const mark = 1 << index;
          if ((marks & mark) !== 0) giveUp();
          marks |= mark;
        } else if (Object.hasOwn(result, field.name)) {
          giveUp();
        }
        if (index !== read) inOrder = false;
        const value = this.value(field.type, depth);
        if (field.isProto) put(result, field.name, value);
        else result[field.name] = value;
        read++;
        if (this.endOfMember(CLOSE_BRACE)) break;
      }
    }
    // Fields in declaration order, so that records print and compare alike.
    return inOrder && read === fields.length ? result : inDeclarationOrder(result, record, required);
  }

  /** One value of the type; `depth` is the nesting of the object or list holding it. */
  private value(type: TypePlan, depth: number): RuntimeValue {
    switch (type.kind) {
      case BOOL:
        return this.bool();
      case COUNT:
        return this.count();
      case MONEY:
        return this.money();
      case DECIMAL:
        return this.decimal();
      case PERCENT:
        return this.percent();
      case DATE:
        return this.date();
      case TIME:
        return this.time();
      case TEXT:
        return this.textValue();
      case MEMBER:
        return this.member(type);
      case SET:
        return this.set(type, depth + 1);
      case LIST:
        return this.list(type.record!, depth + 1);
      case RECORD:
        return this.record(type.record!, depth + 1, true);
      case OPTIONAL:
        return this.isWord(NULL) ? null : this.value(type.of!, depth);
      case UNDECLARED:
        return giveUp();
    }
  }

  // ----------------------------------------------------------------------------- structure

  private skipWhitespace(): void {
    const text = this.text;
    let offset = this.offset;
    // Most often there is none: compact JSON, or a value right after its key's colon.
    if (text.charCodeAt(offset) > SPACE) return;
    for (;;) {
      const code = text.charCodeAt(offset);
      if (code !== SPACE && code !== LINE_FEED && code !== CARRIAGE_RETURN && code !== TAB) break;
      offset++;
    }
    this.offset = offset;
  }

  /** Past an opening `{` or `[` at nesting `depth`, and the whitespace after it. */
  private enter(opening: number, depth: number): void {
    if (this.text.charCodeAt(this.offset) !== opening || depth > MAX_DEPTH) giveUp();
    this.offset++;
    this.skipWhitespace();
  }

  /** After an opening bracket: whether the closing one follows at once (and past it). */
  private emptyAfterOpening(closing: number): boolean {
    if (this.text.charCodeAt(this.offset) !== closing) return false;
    this.offset++;
    return true;
  }

  /** After a value in an object or list: past a comma (false) or the closing bracket (true). */
  private endOfMember(closing: number): boolean {
    const code = this.next();
    this.offset++;
    if (code === COMMA) {
      this.skipWhitespace();
      return false;
    }
    if (code !== closing) giveUp();
    return true;
  }

  /** The code of the next character that is not whitespace, moving to it. */
  private next(): number {
    const code = this.text.charCodeAt(this.offset);
    if (code > SPACE) return code;
    this.skipWhitespace();
    return this.text.charCodeAt(this.offset);
  }

  /**
   * A key of the table and the colon after it, returning the key's index. Keys mostly come
   * in declaration order, so the one after the previous key is tried on the raw text first.
   */
  private key(keys: KeyTable, expected: number): number {
    const text = this.text;
    const start = this.offset + 1;
    if (text.charCodeAt(this.offset) !== QUOTE) giveUp();
    let index: number | undefined;
    const guess = keys.plainNames[expected];
    if (guess != null && this.rawEquals(start, guess)) {
      index = expected;
      this.offset = start + guess.length + 1;
    } else {
      index = keys.indexes.get(this.string());
      if (index === undefined) giveUp();
    }
    if (this.next() !== COLON) giveUp();
    this.offset++;
    this.skipWhitespace();
    return index;
  }

  /**
   * Whether the text from `start` is the plain name followed by a quote. A slice compared
   * whole costs less than the characters compared one by one.
   */
  private rawEquals(start: number, name: string): boolean {
    const end = start + name.length;
    return this.text.charCodeAt(end) === QUOTE && this.text.slice(start, end) === name;
  }

  /** At a quote: the string's value, past its closing quote. */
  private string(): string {
    const text = this.text;
    const start = this.offset + 1;
    let offset = start;
    for (;;) {
      const code = text.charCodeAt(offset);
      if (code === QUOTE) break;
      if (code === BACKSLASH) return this.escapedString();
      // also true at the end of the text, where the code is NaN
      if (!(code >= SPACE)) giveUp();
      offset++;
    }
    this.offset = offset + 1;
    return text.slice(start, offset);
  }

  /** A string with escapes, decoded by the platform's JSON parser, which refuses exactly what ours does. */
  private escapedString(): string {
    const text = this.text;
    const opening = this.offset;
    let offset = opening + 1;
    for (;;) {
      const code = text.charCodeAt(offset);
      if (code === QUOTE) break;
      if (!(code >= SPACE)) giveUp();
      offset += code === BACKSLASH ? 2 : 1;
    }
    this.offset = offset + 1;
    try {
      return JSON.parse(text.slice(opening, offset + 1)) as string;
    } catch {
      return giveUp();
    }
  }

  /** Past the word (its character codes) when it is next. */
  private isWord(word: readonly number[]): boolean {
    const text = this.text;
    const offset = this.offset;
    for (let i = 0; i < word.length; i++) if (text.charCodeAt(offset + i) !== word[i]) return false;
    this.offset = offset + word.length;
    return true;
  }

  // ----------------------------------------------------------------------------- values

  private bool(): boolean {
    if (this.isWord(TRUE)) return true;
    if (this.isWord(FALSE)) return false;
    return giveUp();
  }

  /**
   * At a JSON number: past it, with its digits, sign and scale read when it has at most
   * MAX_EXACT_DIGITS digits and no exponent (true); otherwise false, and its text is
   * text.slice(start, this.offset). Refuses what is not a JSON number.
   */
  private scanNumber(start: number): boolean {
    const text = this.text;
    let offset = start;
    let digits = 0;
    const negative = text.charCodeAt(offset) === MINUS;
    if (negative) offset++;
    const first = text.charCodeAt(offset);
    if (first === ZERO) {
      offset++;
      if (isDigit(text.charCodeAt(offset))) giveUp();
    } else {
      if (!(first >= ONE && first <= NINE)) giveUp();
      for (let code = first; isDigit(code); code = text.charCodeAt(++offset)) digits = digits * 10 + (code - ZERO);
    }
    let scale = 0;
    if (text.charCodeAt(offset) === DOT) {
      offset++;
      if (!isDigit(text.charCodeAt(offset))) giveUp();
      for (let code = text.charCodeAt(offset); isDigit(code); code = text.charCodeAt(++offset)) {
        digits = digits * 10 + (code - ZERO);
        scale++;
      }
    }
    const digitCount = offset - start - (negative ? 1 : 0) - (scale > 0 ? 1 : 0);
    const mark = text.charCodeAt(offset);
    if (mark === LOWER_E || mark === UPPER_E) {
      offset++;
      const sign = text.charCodeAt(offset);
      if (sign === PLUS || sign === MINUS) offset++;
      if (!isDigit(text.charCodeAt(offset))) giveUp();
      while (isDigit(text.charCodeAt(offset))) offset++;
      this.offset = offset;
      return false;
    }
    this.offset = offset;
    if (digitCount > MAX_EXACT_DIGITS) return false;
    // Normal form, as the exact decimal has it: no trailing zeros after the point.
    while (scale > 0 && digits % 10 === 0) {
      digits /= 10;
      scale--;
    }
    if (digits === 0) scale = 0;
    this.digits = digits;
    this.negative = negative;
    this.scale = scale;
    return true;
  }

  /** The exact value of the number scanned from `start`, as the thorough reader reads it. */
  private exactNumber(start: number): Decimal | undefined {
    return parseDecimal(this.text.slice(start, this.offset));
  }

  /** A non-negative whole number: a JSON number whose value is one. */
  private count(): number {
    const start = this.offset;
    if (this.scanNumber(start)) {
      if (this.scale > 0 || (this.negative && this.digits !== 0)) giveUp();
      return this.digits;
    }
    const value = this.exactNumber(start);
    if (value === undefined || value.scale > 0 || value.coefficient < 0n) giveUp();
    return scaledInteger(value, 0) ?? giveUp();
  }

  /** A non-negative number of whole units of 10^-places, or give up. */
  private scaledNumber(places: number): number {
    const start = this.offset;
    if (this.scanNumber(start)) {
      if (this.scale > places || (this.negative && this.digits !== 0)) giveUp();
      // Exact whenever the result is a safe integer: the operands are, and rounding is monotonic.
      const scaled = this.digits * POWERS_OF_TEN[places - this.scale]!;
      return Number.isSafeInteger(scaled) ? scaled : giveUp();
    }
    const value = this.exactNumber(start);
    if (value === undefined || value.coefficient < 0n) giveUp();
    return scaledInteger(value, places) ?? giveUp();
  }

  /**
   * At a quote: text "1820" or "1820.5", with at most `places` decimals and then the
   * character `suffix` or not, read as a whole number of units of 10^-places, past the
   * closing quote. Undefined, the offset unmoved, for any other text, or for more digits
   * than are surely exact here: those are left to the money and percent parsers.
   */
  private scaledText(places: number, suffix: number): number | undefined {
    const text = this.text;
    const start = this.offset + 1;
    let offset = start;
    let whole = 0;
    for (let code = text.charCodeAt(offset); isDigit(code); code = text.charCodeAt(++offset)) whole = whole * 10 + (code - ZERO);
    if (offset === start || offset - start > MAX_EXACT_DIGITS - places) return undefined;
    let fraction = 0;
    let decimals = 0;
    if (text.charCodeAt(offset) === DOT) {
      offset++;
      for (let code = text.charCodeAt(offset); isDigit(code) && decimals <= places; code = text.charCodeAt(++offset)) {
        fraction = fraction * 10 + (code - ZERO);
        decimals++;
      }
      if (decimals === 0 || decimals > places) return undefined;
    }
    if (text.charCodeAt(offset) === suffix) offset++;
    if (text.charCodeAt(offset) !== QUOTE) return undefined;
    this.offset = offset + 1;
    return whole * POWERS_OF_TEN[places]! + fraction * POWERS_OF_TEN[places - decimals]!;
  }

  /** A JSON number judged by its value; a string by its form, "1820.50". */
  private money(): Money {
    if (this.text.charCodeAt(this.offset) !== QUOTE) return this.scaledNumber(2) as Money;
    return ((this.scaledText(2, NO_SUFFIX) as Money | undefined) ?? parseMoney(this.string())) ?? giveUp();
  }

  /** A JSON number, or a string "60%", "12.5" or "60". */
  private percent(): Percent {
    if (this.text.charCodeAt(this.offset) !== QUOTE) return this.scaledNumber(4) as Percent;
    return ((this.scaledText(4, PERCENT_SIGN) as Percent | undefined) ?? parsePercent(this.string())) ?? giveUp();
  }

  private decimal(): Decimal {
    if (this.text.charCodeAt(this.offset) === QUOTE) return parseDecimal(this.string()) ?? giveUp();
    const start = this.offset;
    if (!this.scanNumber(start)) return this.exactNumber(start) ?? giveUp();
    if (this.digits === 0) return normaliseDecimal(0n, 0);
    return { coefficient: BigInt(this.negative ? -this.digits : this.digits), scale: this.scale };
  }

  /** "YYYY-MM-DD", a real date of the years 0001 to 9999. */
  private date(): CalendarDate {
    const text = this.text;
    const start = this.offset + 1;
    if (text.charCodeAt(this.offset) !== QUOTE) giveUp();
    if (text.charCodeAt(start + 10) === QUOTE && text.charCodeAt(start + 4) === MINUS && text.charCodeAt(start + 7) === MINUS) {
      const year = this.digitsAt(start, 4);
      const month = this.digitsAt(start + 5, 2);
      const day = this.digitsAt(start + 8, 2);
      if (year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)) {
        this.offset = start + 11;
        return calendarDate(year, month, day);
      }
    }
    return parseDate(this.string()) ?? giveUp();
  }

  /** "HH:MM" from 00:00 to 23:59. */
  private time(): TimeOfDay {
    const text = this.text;
    const start = this.offset + 1;
    if (text.charCodeAt(this.offset) !== QUOTE) giveUp();
    if (text.charCodeAt(start + 5) === QUOTE && text.charCodeAt(start + 2) === COLON) {
      const hours = this.digitsAt(start, 2);
      const minutes = this.digitsAt(start + 3, 2);
      if (hours <= 23 && minutes <= 59) {
        this.offset = start + 6;
        return (hours * 60 + minutes) as TimeOfDay;
      }
    }
    return parseTime(this.string()) ?? giveUp();
  }

  /** A text: a string of at most TEXT_MAX_LENGTH characters and nothing a reader cannot see (runtime/text.ts). */
  private textValue(): string {
    if (this.text.charCodeAt(this.offset) !== QUOTE) giveUp();
    const value = this.string();
    return textProblem(value) === undefined ? value : giveUp();
  }

  /** The number written by `count` decimal digits at `start`; NaN when one is not a digit. */
  private digitsAt(start: number, count: number): number {
    let value = 0;
    for (let i = start; i < start + count; i++) {
      const code = this.text.charCodeAt(i);
      if (!isDigit(code)) return NaN;
      value = value * 10 + (code - ZERO);
    }
    return value;
  }

  /** A member of the enum, compared on the raw text first. */
  private member(type: TypePlan): string {
    const text = this.text;
    if (text.charCodeAt(this.offset) !== QUOTE) giveUp();
    const start = this.offset + 1;
    for (const member of type.plainMembers!) {
      if (this.rawEquals(start, member)) {
        this.offset = start + member.length + 1;
        return member;
      }
    }
    // The schema's own string, not a slice that would keep the whole text alive.
    const index = type.members!.indexOf(this.string());
    return index >= 0 ? type.members![index]! : giveUp();
  }

  /** Members of the enum, each once, sorted by name. */
  private set(type: TypePlan, depth: number): string[] {
    this.enter(OPEN_BRACKET, depth);
    const names: string[] = [];
    if (this.emptyAfterOpening(CLOSE_BRACKET)) return names;
    for (;;) {
      const name = this.member(type);
      if (names.includes(name)) giveUp();
      names.push(name);
      if (this.endOfMember(CLOSE_BRACKET)) return names.sort();
    }
  }

  private list(record: RecordPlan, depth: number): RecordValue[] {
    this.enter(OPEN_BRACKET, depth);
    const items: RecordValue[] = [];
    if (this.emptyAfterOpening(CLOSE_BRACKET)) return items;
    for (;;) {
      items.push(this.record(record, depth + 1, true));
      if (this.endOfMember(CLOSE_BRACKET)) return items;
    }
  }
}

/**
 * A record some fields of which the text leaves out: null for an optional one; for
 * another, give up in a list item or nested record, and leave it out of an entity.
 */
function inDeclarationOrder(read: RecordValue, record: RecordPlan, required: boolean): RecordValue {
  const result: { [field: string]: RuntimeValue } = {};
  for (const field of record.fields) {
    if (Object.hasOwn(read, field.name)) put(result, field.name, read[field.name]!);
    else if (field.type.kind === OPTIONAL) put(result, field.name, null);
    else if (required) giveUp();
  }
  return result;
}

/** An entity the scenario leaves out: only its optional fields, each null. */
function emptyEntity(entity: RecordPlan): RecordValue {
  return inDeclarationOrder({}, entity, false);
}
