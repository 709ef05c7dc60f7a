/**
 * IR expressions and rules as SQL. Each expression gives its value and, when it can fail,
 * an `error`: a SQL expression that is NULL, or the runtime's message as JSON text, for the
 * first error the interpreter would meet in it. The order is the interpreter's: operands
 * left to right, `and`/`or`/`if`/`match`/`otherwise` only where evaluated, a rule's
 * exceptions before its own test, every sibling tested before the value is computed
 * (compiler/interpret.ts). A runtime function returns NULL where the runtime throws, so
 * an operation whose operands did not fail fails exactly when its value is NULL.
 *
 * Records are never SQL values: a record-typed expression is a `RecordRef`, whose fields
 * are columns; a list is a child table (compiler/sql/tables.ts). Definitions with
 * parameters are expanded at each call, as the interpreter evaluates them at each call; so
 * is another measure's output given for each member read for a record that is not an item
 * of its list (`tax.tax(p)`). Read for an item of that list, whose position is known, it is
 * the value (and error) that measure computed for that item: its expression is not written
 * again, and a chain of such outputs reading each other stays as short as each one.
 */
import type { DefinitionIR, ExprIR, ParameterIR, RuleIR, ScaleIR, ValueType, WindowIR } from "../ir.js";
import { arithmeticOperation, isRepresentationChange, type ComparisonOperator, type OperationId } from "../operations.js";
import { internalError } from "../internal-error.js";
import {
  amountTooLargeMessage,
  conflictMessage,
  dateOutOfRangeMessage,
  datesInWrongOrderMessage,
  divisionByZeroMessage,
  integerTooLargeMessage,
  noRuleMessage,
  parameterHasNoValueMessage,
  termLengthMessage,
} from "../../runtime/messages.js";
import { formatDate, type CalendarDate } from "../../runtime/index.js";
import { decimal as parseDecimalText, formatDecimal, type Decimal } from "../../runtime/decimal.js";
import type { RuntimeValue } from "../../runtime/scenario.js";
import { literalRuntimeValue } from "../literals.js";
import { sqlType, type Dialect } from "./dialect.js";
import { CASE_COLUMN, DATE_COLUMN, ITEM_COLUMN, PERIOD_FIELD, PERIOD_VALUE_FIELD, identifier, scaleFigureName, stringLiteral, type ListTable, type SeriesTable } from "./tables.js";
import { seriesHasNoValueMessage } from "../../runtime/series.js";
import { scaleHasNoValueMessage } from "../../runtime/scale.js";
import { seriesMissingLiteral, seriesReading, seriesTypeOf } from "../series-read.js";

/** A value and, when it can fail, the SQL of its error (JSON text, or NULL). */
export interface SqlValue {
  readonly sql: string;
  readonly error?: string;
  /**
   * The same error where `value` (the SQL of a column computed before) holds this value: an
   * operation that fails when its value is NULL reads that column instead of being computed a
   * second time inside the error's `CASE`, where DuckDB would not share it with the value.
   * Absent: the error does not depend on the value (`error` is the same there).
   */
  readonly errorReading?: (value: string) => string | undefined;
}

/** A value's error where `column` holds the value (SqlValue.errorReading). */
export function errorReading(compiled: SqlValue, column: string): string | undefined {
  return compiled.errorReading === undefined ? compiled.error : compiled.errorReading(column);
}

export interface RecordRef {
  readonly kind: "record";
  /** for a list's item (and the records in it): the list, whose item's series it reads */
  readonly list?: ListTable;
  /** the SQL of a column of this record: `c."enterprise.indicators.profit"` + `.current` */
  readonly table: string;
  readonly prefix: string;
  /**
   * for an item of `list` (not a record inside it): the SQL of its position in the list, from
   * 1, where the list's items are read in order (DuckDB: a lambda's index; PostgreSQL: the
   * item's number + 1)
   */
  readonly index?: string;
}

export interface ListRef {
  readonly kind: "list";
  readonly table: ListTable;
  /** the SQL of the case the list belongs to (PostgreSQL: its items are rows of the list's table) */
  readonly owner: string;
  /** the SQL of the list's column (DuckDB: its items, a LIST of STRUCTs) */
  readonly items: string;
}

export interface SeriesRef {
  readonly kind: "series";
  readonly table: SeriesTable;
  /** the SQL of the case the series belongs to (PostgreSQL: its periods are rows of the series' table) */
  readonly owner: string;
  /** the SQL of the series' column (DuckDB: its periods, a LIST of STRUCT(period, value)) */
  readonly periods: string;
  /** for a list item's series, the SQL of the item's number (PostgreSQL: its periods are rows of the item) */
  readonly item?: string;
}

type ValueBound = { readonly kind: "value" } & SqlValue;

export type Bound = ValueBound | RecordRef | ListRef | SeriesRef;

export interface ExpressionProblem {
  readonly expr: ExprIR;
  readonly message: string;
}

/** Everything an expression of one measure is compiled against. */
export interface ExpressionContext {
  readonly dialect: Dialect;
  /** the word of the policy's money (`yuan`, `EUR`): an amount too large is said in it */
  readonly moneyWord: string;
  /** the alias of the row being computed: facts, parameters and definitions are its columns */
  readonly row: string;
  readonly definitions: ReadonlyMap<string, DefinitionIR>;
  /** the column of the row holding a definition's value (measures share one row: compiler/sql/emit.ts) */
  definitionColumn(name: string): string;
  /**
   * the column of a definition's error, for one that may fail: evaluation is on demand, so a
   * definition's error is an error of what reads it, where it is read
   */
  definitionError(name: string): string | undefined;
  /**
   * an output of another measure (`in_force` included), as that measure's result gives it, with
   * the error reading it raises; undefined for a measure not computed before this one (never: each
   * measure is computed after those it reads)
   */
  measureOutput(measure: string, output: string): { readonly sql: string; readonly error: string | undefined } | undefined;
  /**
   * an output of another measure given for each member of a list, for one member (a record):
   * its value for that member as that measure's result gives it, with the error reading it raises
   */
  memberOutput(measure: string, output: string, member: RecordRef): SqlValue;
  readonly parameters: ReadonlyMap<string, ParameterIR>;
  /** parameters that have a value for every case (SqlOptions.parametersGiven): reading them cannot fail */
  readonly parametersGiven?: ReadonlySet<string>;
  readonly scales: ReadonlyMap<string, ScaleIR>;
  readonly lists: ReadonlyMap<string, ListTable>;
  readonly series: ReadonlyMap<string, SeriesTable>;
  readonly problems: ExpressionProblem[];
  /** a fresh alias for a list item */
  nextAlias(): string;
  /** DuckDB: the lists filtered once for the case and read by several aggregates (compiler/sql/emit.ts) */
  readonly filteredLists?: FilteredLists;
  /**
   * DuckDB, compiling the value of an output among few texts (SqlOptions.typedChoices): the
   * ENUM of those texts, as which the literals the value can be are written
   */
  readonly choices?: ChoiceEnum;
}

/**
 * The ENUM of the texts an output's value can be (an enum's members, every set of a few
 * members): `sql`, the type (`ENUM('a', 'b')`), and its texts as SQL literals.
 */
export interface ChoiceEnum {
  readonly sql: string;
  readonly literals: ReadonlySet<string>;
}

/**
 * A literal (`literal`'s SQL) that an output's value can be, as a constant of the output's
 * ENUM (`choices`): a CASE whose branches are such constants gives the ENUM without a lookup
 * of each case's text in the ENUM's dictionary, which casting the text where the results are
 * written makes. A literal of another type, or whose text the ENUM does not hold, stays as it is.
 */
function choiceLiteral(sql: string, value: RuntimeValue, type: ValueType, choices: ChoiceEnum): string {
  const kind = type.kind === "optional" ? type.of.kind : type.kind;
  if (kind !== "enum" && kind !== "set") return sql;
  if (value === null) return `CAST(NULL AS ${choices.sql})`;
  return choices.literals.has(sql) ? `CAST(${sql} AS ${choices.sql})` : sql;
}

/**
 * DuckDB: the items of a list that pass a test, computed once for the case when several
 * aggregates of a measure filter the list by the same test (alone, or followed by tests of
 * their own: `count(t in L where p(t) and t.months > 0)` and `sum(… for t in L where p(t))`),
 * rather than once in each aggregate's lambda: DuckDB does not share lambdas.
 */
export interface FilteredLists {
  /**
   * The column holding `list_filter(items, item -> sql)` for the case, where the measure
   * computes it; undefined where it does not. `sql` is `test` with the item named `item`.
   */
  filtered(request: { readonly items: string; readonly sql: string; readonly test: ExprIR }): string | undefined;
}

type Scope = ReadonlyMap<string, Bound>;

// ---------------------------------------------------------------- messages, as the runtime words them

const dateOutOfRange = dateOutOfRangeMessage;
/** the words of the message of a term of a negative number of months, around the number */
const [termLengthBefore, termLengthAfter] = termLengthMessage(-1).split("-1") as [string, string];
/** DuckDB's decimals are bounded (compiler/sql/dialect.ts); PostgreSQL's are not. */
export const decimalBeyondDuckdb = "the decimal is beyond the exact range of DuckDB's DECIMAL(38,10) (below 10^17, 10 places)";

/**
 * Whether a value is one of `members` (at least one). DuckDB, outside a lambda: a function of
 * the value and a list constant, `list_contains` (NULL for NULL, as IN). DuckDB computes a
 * function of one column once for each text of the column's dictionary where the column is
 * read from one (a Parquet file's column of few texts), where IN and `=` compare the texts of
 * every row; and it turns an IN list of more than four values into a hash join with the list.
 * In a lambda (`inLambda`: over a list's items, whose texts come one by one) IN, which DuckDB
 * evaluates there at half the cost of `list_contains`.
 */
export function memberOf(value: string, members: readonly string[], dialect: Dialect, inLambda = false): string {
  const literals = members.map(stringLiteral).join(", ");
  return dialect === "duckdb" && !inLambda ? `list_contains([${literals}], ${value})` : `(${value} IN (${literals}))`;
}

/**
 * DuckDB, outside a lambda: `value = text` (`equal`) or `value != text` of a choice, NULL being
 * a value as the runtime's equality has it (IS NOT DISTINCT FROM), as a function of the value
 * (see memberOf): the text's position in a list of it, NULL where the value is another text or NULL.
 */
function equalsText(value: string, text: string, equal: boolean): string {
  return `(list_position([${stringLiteral(text)}], ${value}) IS ${equal ? "NOT NULL" : "NULL"})`;
}

/** Whether an expression compiled in `scope` is evaluated in a lambda: the scope binds a list's item (DuckDB). */
function inLambda(scope: Scope): boolean {
  for (const bound of scope.values()) if (bound.kind === "record" && bound.list !== undefined) return true;
  return false;
}

/** The text a choice is compared with, where one side of `=` or `!=` of choices is written out. */
function comparedText(expr: Extract<ExprIR, { op: "compare" }>): { readonly operand: ExprIR; readonly text: string } | undefined {
  if (expr.operation !== "compare_choices" || (expr.operator !== "=" && expr.operator !== "!=")) return undefined;
  if (expr.right.op === "literal" && typeof expr.right.value === "string") return { operand: expr.left, text: expr.right.value };
  if (expr.left.op === "literal" && typeof expr.left.value === "string") return { operand: expr.right, text: expr.left.value };
  return undefined;
}

/** A message as the SQL of its JSON text. */
export function jsonMessage(message: string): string {
  return stringLiteral(JSON.stringify(message));
}

// ---------------------------------------------------------------- helpers

const TRUE = "TRUE";

function and(left: string, right: string): string {
  if (left === TRUE) return right;
  if (right === TRUE) return left;
  return `(${left} AND ${right})`;
}

/** The first error of those given, in order. */
export function firstError(...errors: (string | undefined)[]): string | undefined {
  const present = errors.filter((e): e is string => e !== undefined);
  if (present.length === 0) return undefined;
  if (present.length === 1) return present[0];
  return `COALESCE(${present.join(", ")})`;
}

/** The error of something evaluated only when `condition` holds. */
function errorWhen(condition: string, error: string | undefined): string | undefined {
  if (error === undefined) return undefined;
  if (condition === TRUE) return error;
  return `CASE WHEN ${condition} THEN ${error} END`;
}

/** `message` when `value` is NULL: for an operation whose operands did not fail. */
function failsWhenNull(value: string, message: string): string {
  return `CASE WHEN ${value} IS NULL THEN ${jsonMessage(message)} END`;
}

// ---------------------------------------------------------------- literals

export function literal(value: RuntimeValue, type: ValueType, dialect: Dialect): string {
  if (value === null) return `CAST(NULL AS ${sqlType(type, dialect)})`;
  switch (type.kind) {
    case "bool":
      return value === true ? "TRUE" : "FALSE";
    case "integer":
    case "months":
    case "days":
    case "money":
    case "percent":
    case "time": {
      const n = value as number;
      return n < 0 ? `(${n})` : String(n);
    }
    case "decimal":
    case "unrounded_money":
      return `CAST('${formatDecimal(value as Decimal)}' AS ${sqlType(type, dialect)})`;
    case "date":
      return `DATE '${formatDate(value as CalendarDate)}'`;
    case "enum":
    case "text":
      return stringLiteral(value as string);
    case "set":
      return stringLiteral((value as readonly string[]).join(","));
    case "optional":
      return literal(value, type.of, dialect);
    case "record":
    case "list":
    case "per_member":
    case "series":
      throw new Error(`a ${type.kind} has no literal`);
  }
}


// ---------------------------------------------------------------- operations

type Failure = "money" | "integer" | "date" | "decimal" | "never";
type RoundingMode = "half_up" | "down" | "up";

/** How SQL computes an operation (the rounding mode and comparison operator as the IR gives them), and how it fails. */
interface SqlOperation {
  readonly call: (operands: readonly string[], mode: RoundingMode, relation: ComparisonOperator) => string;
  readonly fails: Failure;
}

/** `a op b` of two values that are never NULL where they are compared: `=` as `IS NOT DISTINCT FROM`. */
const comparison: SqlOperation = {
  call: ([left, right], _, relation) => `(${left} ${relation === "=" ? "IS NOT DISTINCT FROM" : relation === "!=" ? "IS DISTINCT FROM" : relation} ${right})`,
  fails: "never",
};

/**
 * Each operation of the operations table (compiler/operations.ts) as a call of the SQL
 * runtime (compiler/sql/dialect.ts), and how it fails: a `Record<OperationId, …>`, so that a
 * new operation is a compile error here until it says how SQL computes it.
 */
const sqlOperations: { readonly [id in OperationId]: SqlOperation } = {
  money_add: { call: ([l, r]) => `tiao_add(${l}, ${r})`, fails: "money" },
  money_sub: { call: ([l, r]) => `tiao_sub(${l}, ${r})`, fails: "money" },
  money_mul_integer: { call: ([l, r]) => `tiao_mul(${l}, ${r})`, fails: "money" },
  money_mul_months: { call: ([l, r]) => `tiao_mul(${l}, ${r})`, fails: "money" },
  money_mul_percent: { call: ([l, r]) => `tiao_decimal_mul(tiao_yuan(${l}), tiao_fraction(${r}))`, fails: "decimal" },
  money_mul_decimal: { call: ([l, r]) => `tiao_decimal_mul(tiao_yuan(${l}), ${r})`, fails: "decimal" },
  unrounded_add: { call: ([l, r]) => `tiao_decimal_add(${l}, ${r})`, fails: "decimal" },
  unrounded_sub: { call: ([l, r]) => `tiao_decimal_sub(${l}, ${r})`, fails: "decimal" },
  unrounded_mul_decimal: { call: ([l, r]) => `tiao_decimal_mul(${l}, ${r})`, fails: "decimal" },
  unrounded_mul_percent: { call: ([l, r]) => `tiao_decimal_mul(${l}, tiao_fraction(${r}))`, fails: "decimal" },
  integer_add: { call: ([l, r]) => `tiao_add(${l}, ${r})`, fails: "integer" },
  integer_sub: { call: ([l, r]) => `tiao_sub(${l}, ${r})`, fails: "integer" },
  integer_mul: { call: ([l, r]) => `tiao_mul(${l}, ${r})`, fails: "integer" },
  integer_mul_percent: { call: ([l, r]) => `tiao_decimal_mul(tiao_integer_decimal(${l}), tiao_fraction(${r}))`, fails: "decimal" },
  decimal_add: { call: ([l, r]) => `tiao_decimal_add(${l}, ${r})`, fails: "decimal" },
  decimal_sub: { call: ([l, r]) => `tiao_decimal_sub(${l}, ${r})`, fails: "decimal" },
  decimal_mul: { call: ([l, r]) => `tiao_decimal_mul(${l}, ${r})`, fails: "decimal" },
  decimal_mul_percent: { call: ([l, r]) => `tiao_decimal_mul(${l}, tiao_fraction(${r}))`, fails: "decimal" },
  months_add: { call: ([l, r]) => `tiao_add(${l}, ${r})`, fails: "integer" },
  months_sub: { call: ([l, r]) => `tiao_sub(${l}, ${r})`, fails: "integer" },
  months_mul_integer: { call: ([l, r]) => `tiao_mul(${l}, ${r})`, fails: "integer" },
  days_add: { call: ([l, r]) => `tiao_add(${l}, ${r})`, fails: "integer" },
  days_sub: { call: ([l, r]) => `tiao_sub(${l}, ${r})`, fails: "integer" },
  days_mul_integer: { call: ([l, r]) => `tiao_mul(${l}, ${r})`, fails: "integer" },
  date_add_months: { call: ([l, r]) => `tiao_add_months(${l}, ${r})`, fails: "date" },
  date_sub_months: { call: ([l, r]) => `tiao_add_months(${l}, -(${r}))`, fails: "date" },
  date_add_days: { call: ([l, r]) => `tiao_add_days(${l}, ${r})`, fails: "date" },
  date_sub_days: { call: ([l, r]) => `tiao_add_days(${l}, -(${r}))`, fails: "date" },
  date_diff: { call: ([l, r]) => `tiao_days_between(${l}, ${r})`, fails: "never" },
  // PostgreSQL's exact NUMERIC (a divisor of zero is the case "arithmetic" below); DuckDB
  // computes an expression that divides in wide decimals (wideValue below)
  money_div_integer: { call: ([l, r]) => `tiao_divide(tiao_yuan(${l}), ${r})`, fails: "never" },
  money_div_decimal: { call: ([l, r]) => `tiao_divide(tiao_yuan(${l}), ${r})`, fails: "never" },
  money_div_money: { call: ([l, r]) => `tiao_divide(tiao_yuan(${l}), tiao_yuan(${r}))`, fails: "never" },
  unrounded_div_decimal: { call: ([l, r]) => `tiao_divide(${l}, ${r})`, fails: "never" },
  decimal_div: { call: ([l, r]) => `tiao_divide(${l}, ${r})`, fails: "never" },
  round_to_fen: { call: ([x], mode) => `tiao_round_${mode}(${x} * 100)`, fails: "money" },
  round_to_integer: { call: ([x], mode) => `tiao_round_${mode}(${x})`, fails: "integer" },
  // in whole numbers, as the runtime's fused function: n × millionths / 10^6, rounded
  round_money_times_percent: { call: ([m, p], mode) => `tiao_percent_of_${mode}(${m}, ${p})`, fails: "money" },
  floor: { call: ([x]) => `tiao_floor(${x})`, fails: "integer" },
  ceil: { call: ([x]) => `tiao_ceil(${x})`, fails: "integer" },
  negate: { call: ([x]) => `(-${x})`, fails: "never" },
  // its failures have two messages: see the case "last_day_of_term" below
  last_day_of_term: { call: ([start, months]) => `tiao_last_day_of_term(${start}, ${months})`, fails: "date" },
  // the calendar (runtime/calendar.ts), in functions both dialects have; completed months fail
  // on dates in the wrong order, the case "function" below
  completed_months: { call: ([from, to]) => completedMonthsSql(from, to), fails: "never" },
  completed_years: { call: ([from, to]) => `CAST(floor(${completedMonthsSql(from, to)} / 12.0) AS BIGINT)`, fails: "never" },
  year_of: { call: ([d]) => `CAST(EXTRACT(YEAR FROM ${d}) AS BIGINT)`, fails: "never" },
  month_of: { call: ([d]) => `CAST(EXTRACT(MONTH FROM ${d}) AS BIGINT)`, fails: "never" },
  first_day_of_month: { call: ([d]) => `make_date(${yearOf(d)}, ${monthOf(d)}, 1)`, fails: "never" },
  last_day_of_month: { call: ([d]) => `make_date(${yearOf(d)}, ${monthOf(d)}, tiao_days_in_month(tiao_month_index(${d}, 0)))`, fails: "never" },
  first_day_of_year: { call: ([d]) => `make_date(${yearOf(d)}, 1, 1)`, fails: "never" },
  last_day_of_year: { call: ([d]) => `make_date(${yearOf(d)}, 12, 31)`, fails: "never" },
  integer_to_decimal: { call: ([n]) => `tiao_integer_decimal(${n})`, fails: "never" },
  money_to_unrounded: { call: ([m]) => `tiao_yuan(${m})`, fails: "never" },
  // every value of a kind that compares is held in a column SQL orders as the runtime does (a set as its sorted members joined)
  compare_numbers: comparison,
  compare_decimals: comparison,
  compare_choices: comparison,
  compare_sets: comparison,
  min_numbers: { call: ([l, r]) => `least(${l}, ${r})`, fails: "never" },
  max_numbers: { call: ([l, r]) => `greatest(${l}, ${r})`, fails: "never" },
  min_decimals: { call: ([l, r]) => `least(${l}, ${r})`, fails: "never" },
  max_decimals: { call: ([l, r]) => `greatest(${l}, ${r})`, fails: "never" },
  // a prefix compared as it is written: `starts_with` in both dialects, no pattern characters to escape
  starts_with: { call: ([text, prefix]) => `starts_with(${text}, ${prefix})`, fails: "never" },
  set_membership: { call: ([set, element]) => `(strpos(',' || ${set} || ',', ',' || ${element} || ',') > 0)`, fails: "never" },
};




function yearOf(date: string | undefined): string {
  return `CAST(EXTRACT(YEAR FROM ${date}) AS INTEGER)`;
}

function monthOf(date: string | undefined): string {
  return `CAST(EXTRACT(MONTH FROM ${date}) AS INTEGER)`;
}

/** As runtime `completedMonths`: the months apart, less one when the last month's anniversary is still to come. */
function completedMonthsSql(from: string | undefined, to: string | undefined): string {
  const apart = `(tiao_month_index(${to}, 0) - tiao_month_index(${from}, 0))`;
  return `(CASE WHEN ${to} < ${from} THEN NULL WHEN ${apart} = 0 THEN 0 WHEN tiao_last_day_of_term(${from}, ${apart}) < ${to} THEN ${apart} ELSE ${apart} - 1 END)`;
}

/** What a failure's message depends on: the dialect's bounds, the policy's money. */
type FailureContext = Pick<ExpressionContext, "dialect" | "moneyWord">;

function failureMessage(fails: Failure, { dialect, moneyWord }: FailureContext): string | undefined {
  switch (fails) {
    case "money":
      return amountTooLargeMessage(moneyWord);
    case "integer":
      return integerTooLargeMessage;
    case "date":
      return dateOutOfRange;
    case "decimal":
      return dialect === "duckdb" ? decimalBeyondDuckdb : undefined;
    case "never":
      return undefined;
  }
}

/** An operation of the table on compiled operands: its value, and its error after theirs. */
function operation(id: OperationId, operands: readonly SqlValue[], failures: FailureContext, mode: RoundingMode = "half_up", relation: ComparisonOperator = "="): Bound {
  const rendering = sqlOperations[id];
  const sql = rendering.call(
    operands.map((o) => o.sql),
    mode,
    relation,
  );
  const message = failureMessage(rendering.fails, failures);
  if (message === undefined) return value(sql, firstError(...operands.map((o) => o.error)));
  return failingValue(sql, operands.map((o) => o.error), (v) => failsWhenNull(v, message));
}

/**
 * A value that fails after `before` (its operands' errors) with `own`, an error that reads the
 * value (`own(sql)`): where a column holds the value, `own` reads the column (errorReading).
 */
function failingValue(sql: string, before: readonly (string | undefined)[], own: (value: string) => string): ValueBound {
  return { kind: "value", sql, error: firstError(...before, own(sql)) ?? own(sql), errorReading: (v) => firstError(...before, own(v)) };
}

// ---------------------------------------------------------------- expressions

export function compileValue(expr: ExprIR, context: ExpressionContext, scope: Scope): SqlValue {
  const bound = compileBound(expr, context, scope);
  if (bound.kind !== "value") {
    context.problems.push({ expr, message: `the SQL target cannot compute a ${bound.kind} as a value here` });
    return { sql: "NULL" };
  }
  return bound;
}

/** The context, compiling what an output's value is not made of (a test, an operand). */
function withoutChoices(context: ExpressionContext): ExpressionContext {
  if (context.choices === undefined) return context;
  const { choices: _, ...rest } = context;
  return rest;
}

function value(sql: string, error?: string): Bound {
  return error === undefined ? { kind: "value", sql } : { kind: "value", sql, error };
}

/** A value whose error, where a column holds it, is `reading(column)` (SqlValue.errorReading). */
function valueReading(sql: string, error: string | undefined, reading: ((value: string) => string | undefined) | undefined): ValueBound {
  if (error === undefined) return { kind: "value", sql };
  return reading === undefined ? { kind: "value", sql, error } : { kind: "value", sql, error, errorReading: reading };
}

function column(table: string, name: string): string {
  return `${table}.${identifier(name)}`;
}

/** The column of a fact path, or the record or list it names. */
function factBound(path: string, type: ValueType, table: string, context: ExpressionContext, owner: string, list?: ListTable): Bound {
  if (type.kind === "record") return list === undefined ? { kind: "record", table, prefix: path } : { kind: "record", table, prefix: path, list };
  if (type.kind === "list") {
    const list = context.lists.get(path);
    if (list === undefined) throw new Error(`no table for the list ${path}`);
    return { kind: "list", table: list, owner, items: column(table, path) };
  }
  if (type.kind === "series") {
    const series = context.series.get(path);
    if (list !== undefined) {
      const itemSeries = list.series.find((s) => s.name === path);
      if (itemSeries === undefined) throw new Error(`no series ${path} in the items of ${list.name}`);
      return { kind: "series", table: itemSeries, owner, periods: column(table, path), item: column(table, ITEM_COLUMN) };
    }
    // a series of an item read where the item is not a list's (a member of an output for each member): refused where it is read
    if (series === undefined) return value("NULL");
    return { kind: "series", table: series, owner, periods: column(table, path) };
  }
  return value(column(table, path));
}

function compileBound(expr: ExprIR, context: ExpressionContext, scope: Scope): Bound {
  const { dialect, row } = context;
  const sub = (e: ExprIR): SqlValue => compileValue(e, context, scope);
  if (dialect === "duckdb" && carriesQuotient(expr)) return narrowed(wideValue(expr, context, scope));
  // the literals an output's value can be are those it is made of, through conditionals; an operation's operands are not (`choices`)
  const { choices } = context;
  if (choices !== undefined && expr.op !== "literal" && expr.op !== "if" && expr.op !== "match" && expr.op !== "otherwise") {
    return compileBound(expr, withoutChoices(context), scope);
  }
  switch (expr.op) {
    case "literal": {
      const runtime = literalRuntimeValue(expr.value);
      const sql = literal(runtime, expr.type, dialect);
      return value(choices === undefined ? sql : choiceLiteral(sql, runtime, expr.type, choices));
    }
    case "fact":
      return factBound(`${expr.entity}.${expr.field}`, expr.type, row, context, column(row, CASE_COLUMN));
    case "field": {
      const object = compileBound(expr.object, context, scope);
      if (object.kind !== "record") {
        context.problems.push({ expr, message: "the SQL target reads fields of records only" });
        return value("NULL");
      }
      const path = object.prefix === "" ? expr.field : `${object.prefix}.${expr.field}`;
      if (expr.type.kind === "list") {
        context.problems.push({ expr, message: `the SQL target cannot read \`${path}\`, a list inside a list item` });
        return value("NULL");
      }
      return factBound(path, expr.type, object.table, context, column(row, CASE_COLUMN), object.list);
    }
    case "parameter":
      return parameterValue(expr.name, context);
    case "definition":
      return value(column(row, context.definitionColumn(expr.name)), context.definitionError(expr.name));
    case "measure_output": {
      if (expr.member !== undefined) {
        const member = compileBound(expr.member, context, scope);
        if (member.kind !== "record") return internalError(`${expr.measure}.${expr.output} is read for a ${member.kind}, not a member`);
        const read = context.memberOutput(expr.measure, expr.output, member);
        return value(read.sql, read.error);
      }
      const read = context.measureOutput(expr.measure, expr.output);
      // the measures are computed each after those it reads (compiler/sql/emit.ts `computedOrder`)
      if (read === undefined) return internalError(`${expr.measure} is computed after a measure that reads it`);
      return value(read.sql, read.error);
    }
    case "call": {
      const definition = context.definitions.get(expr.definition);
      if (definition === undefined) throw new Error(`no definition ${expr.definition}`);
      const inner = new Map<string, Bound>();
      const argumentErrors: (string | undefined)[] = [];
      definition.parameters.forEach((parameter, index) => {
        const argument = expr.args[index];
        if (argument === undefined) throw new Error(`${definition.name} is called without ${parameter.name}`);
        const bound = compileBound(argument, context, scope);
        if (bound.kind === "value") argumentErrors.push(bound.error);
        inner.set(parameter.name, bound);
      });
      const decided = decide(definition, context, inner);
      const reading = decided.errorReading;
      return valueReading(decided.sql, firstError(...argumentErrors, decided.error), reading === undefined ? undefined : (v) => firstError(...argumentErrors, reading(v)));
    }
    case "local": {
      const bound = scope.get(expr.name);
      if (bound === undefined) throw new Error(`${expr.name} is not in scope`);
      // its error belongs to the argument, counted where the call is
      return bound.kind === "value" ? value(bound.sql) : bound;
    }
    case "not": {
      const operand = sub(expr.operand);
      return value(`(NOT ${operand.sql})`, operand.error);
    }
    case "and":
    case "or": {
      const left = sub(expr.left);
      const right = sub(expr.right);
      const evaluatesRight = expr.op === "and" ? left.sql : `(NOT ${left.sql})`;
      return value(`(${left.sql} ${expr.op.toUpperCase()} ${right.sql})`, firstError(left.error, errorWhen(evaluatesRight, right.error)));
    }
    case "compare": {
      if (dialect === "duckdb" && (carriesQuotient(expr.left) || carriesQuotient(expr.right))) return wideComparison(expr, context, scope);
      const text = dialect === "duckdb" && !inLambda(scope) ? comparedText(expr) : undefined;
      if (text !== undefined) {
        const operand = sub(text.operand);
        return value(equalsText(operand.sql, text.text, expr.operator === "="), operand.error);
      }
      return operation(expr.operation, [sub(expr.left), sub(expr.right)], context, "half_up", expr.operator);
    }
    case "arithmetic": {
      if (arithmeticOperation(expr.operator).symbol !== "/") return operation(expr.operator, [sub(expr.left), sub(expr.right)], context);
      // PostgreSQL: NUMERIC holds the runtime's quotient exactly; a divisor of zero is the runtime's error
      const dividend = sub(expr.left);
      const divisor = sub(expr.right);
      const quotient = sqlOperations[expr.operator].call([dividend.sql, divisor.sql], "half_up", "=");
      return value(quotient, firstError(dividend.error, divisor.error, `CASE WHEN ${divisor.sql} = 0 THEN ${jsonMessage(divisionByZeroMessage)} END`));
    }
    case "negate":
      return operation("negate", [sub(expr.operand)], context);
    case "round": {
      if (expr.operation === "round_money_times_percent" && expr.operand.op === "arithmetic") {
        return operation(expr.operation, [sub(expr.operand.left), sub(expr.operand.right)], context, expr.mode);
      }
      if (dialect === "duckdb" && carriesQuotient(expr.operand)) {
        return wideRounding(expr.operand, expr.mode, expr.operation === "round_to_fen" ? "money" : "integer", context, scope);
      }
      return integerPercentOf(expr.operand, expr.mode, context, scope) ?? operation(expr.operation, [sub(expr.operand)], context, expr.mode);
    }
    case "floor":
    case "ceil":
      if (dialect === "duckdb" && carriesQuotient(expr.operand)) return wideRounding(expr.operand, expr.op, "integer", context, scope);
      return integerPercentOf(expr.operand, expr.op, context, scope) ?? operation(expr.op, [sub(expr.operand)], context);
    case "min":
    case "max":
      return operation(expr.operation, [sub(expr.left), sub(expr.right)], context);
    case "scale":
      return applyScale(expr, context, scope);
    case "series_at":
    case "series_total": {
      const series = compileBound(expr.series, context, scope);
      if (series.kind !== "series") {
        context.problems.push({ expr, message: "the SQL target reads a fact given period by period of an entity, or of a list's item in an aggregate over the list; not of a member of an output for each member" });
        return value("NULL");
      }
      return expr.op === "series_at" ? seriesAt(expr, series, context, scope) : seriesTotal(expr, series, context);
    }
    case "last_day_of_term": {
      const start = sub(expr.start);
      const months = sub(expr.months);
      const sql = sqlOperations.last_day_of_term.call([start.sql, months.sql], "half_up", "=");
      const negative = `${stringLiteral(JSON.stringify(termLengthBefore).slice(0, -1))} || CAST(${months.sql} AS ${sqlType({ kind: "integer" }, dialect)}) || ${stringLiteral(JSON.stringify(termLengthAfter).slice(1))}`;
      return failingValue(sql, [start.error, months.error], (v) => `CASE WHEN ${months.sql} < 0 THEN ${negative} WHEN ${v} IS NULL THEN ${jsonMessage(dateOutOfRange)} END`);
    }
    case "function": {
      const args = expr.args.map(sub);
      const applied = operation(expr.operation, args, context);
      if (expr.operation !== "completed_months" && expr.operation !== "completed_years") return applied;
      const [from, to] = args.map((a) => a.sql);
      return value(sqlOperations[expr.operation].call(args.map((a) => a.sql), "half_up", "="), firstError(...args.map((a) => a.error), `CASE WHEN ${to} < ${from} THEN ${jsonMessage(datesInWrongOrderMessage)} END`));
    }
    case "evaluation_date":
      return value(column(row, DATE_COLUMN));
    case "convert": {
      const operand = sub(expr.operand);
      return isRepresentationChange(expr.conversion) ? operation(expr.conversion, [operand], context) : valueReading(operand.sql, operand.error, operand.errorReading);
    }
    case "if": {
      const condition = compileValue(expr.condition, withoutChoices(context), scope);
      const then = sub(expr.then);
      const otherwise = sub(expr.else);
      const branchError = (thenError: string | undefined, elseError: string | undefined): string | undefined =>
        thenError === undefined && elseError === undefined ? undefined : `CASE WHEN ${condition.sql} THEN ${thenError ?? "NULL"} ELSE ${elseError ?? "NULL"} END`;
      // in each branch the value is that branch's
      const reading =
        then.errorReading === undefined && otherwise.errorReading === undefined
          ? undefined
          : (v: string): string | undefined => firstError(condition.error, branchError(errorReading(then, v), errorReading(otherwise, v)));
      return valueReading(`CASE WHEN ${condition.sql} THEN ${then.sql} ELSE ${otherwise.sql} END`, firstError(condition.error, branchError(then.error, otherwise.error)), reading);
    }
    case "match": {
      const subject = compileValue(expr.subject, withoutChoices(context), scope);
      const arms = expr.arms.map((arm) => ({ test: memberOf(subject.sql, arm.members, dialect, inLambda(scope)), value: sub(arm.value) }));
      const otherwise = expr.otherwise === undefined ? undefined : sub(expr.otherwise);
      const cases = (pick: (v: SqlValue) => string): string =>
        `CASE ${arms.map((arm) => `WHEN ${arm.test} THEN ${pick(arm.value)}`).join(" ")}${otherwise === undefined ? "" : ` ELSE ${pick(otherwise)}`} END`;
      const anyError = arms.some((arm) => arm.value.error !== undefined) || otherwise?.error !== undefined;
      const anyReading = arms.some((arm) => arm.value.errorReading !== undefined) || otherwise?.errorReading !== undefined;
      // in each arm the value is that arm's
      const reading = anyReading ? (column: string): string | undefined => firstError(subject.error, cases((v) => errorReading(v, column) ?? "NULL")) : undefined;
      return valueReading(cases((v) => v.sql), firstError(subject.error, anyError ? cases((v) => v.error ?? "NULL") : undefined), reading);
    }
    case "in": {
      const element = sub(expr.element);
      if (expr.set.op === "literal" && Array.isArray(expr.set.value)) {
        const members = expr.set.value as readonly string[];
        return value(members.length === 0 ? "FALSE" : memberOf(element.sql, members, dialect, inLambda(scope)), element.error);
      }
      if (expr.element.type.kind === "text") {
        // a set of texts joined by commas would not tell `"a,b"` from `"a"` and `"b"`
        context.problems.push({ expr, message: "the SQL target tests a text only against texts written out: `in {\"730000\", \"730010\"}`" });
        return value("NULL");
      }
      return operation("set_membership", [sub(expr.set), element], context);
    }
    case "is_present":
    case "is_absent": {
      const operand = sub(expr.operand);
      return value(`(${operand.sql} IS ${expr.op === "is_present" ? "NOT NULL" : "NULL"})`, operand.error);
    }
    case "otherwise": {
      const left = sub(expr.left);
      const right = sub(expr.right);
      // where the left is absent the value is the right's
      const reading = right.errorReading === undefined ? undefined : (v: string): string | undefined => firstError(left.error, errorWhen(`${left.sql} IS NULL`, errorReading(right, v)));
      return valueReading(`COALESCE(${left.sql}, ${right.sql})`, firstError(left.error, errorWhen(`${left.sql} IS NULL`, right.error)), reading);
    }
    case "aggregate":
      return aggregate(expr, context, scope);
  }
}

// ---------------------------------------------------------------- quotients in DuckDB

/**
 * Whether an expression's value may be a quotient with more decimals than DuckDB's
 * DECIMAL(38,10) holds: a division, or arithmetic, a negation, a min or max over one.
 * DuckDB computes such an expression in wide decimals (compiler/sql/dialect.ts), exact c /
 * 10^s in HUGEINT, and its value comes back to DECIMAL(38,10) where it is exact there
 * (`narrowed`), or rounded to a whole number (`round`, `floor`, `ceil`) or compared.
 */
export function carriesQuotient(expr: ExprIR): boolean {
  switch (expr.op) {
    case "arithmetic":
      return arithmeticOperation(expr.operator).symbol === "/" || carriesQuotient(expr.left) || carriesQuotient(expr.right);
    case "negate":
      return carriesQuotient(expr.operand);
    case "min":
    case "max":
      return carriesQuotient(expr.left) || carriesQuotient(expr.right);
    case "convert":
      return !isRepresentationChange(expr.conversion) && carriesQuotient(expr.operand);
    default:
      return false;
  }
}

/** A value as a wide decimal: fen, millionths and whole numbers by their scale, decimals from DECIMAL(38,10). */
function toWide(sql: string, type: ValueType): string {
  switch (type.kind) {
    case "integer":
    case "months":
    case "days":
      return `tiao_w(${sql}, 0)`;
    case "money":
      return `tiao_w(${sql}, 2)`;
    case "percent":
      return `tiao_w(${sql}, 6)`;
    case "decimal":
    case "unrounded_money":
      return `tiao_w_decimal(${sql})`;
    default:
      return internalError(`a ${type.kind} in arithmetic on a quotient`);
  }
}

/** The value of an expression as a wide decimal (DuckDB), with its error: NULL beyond HUGEINT, and that error. */
function wideValue(expr: ExprIR, context: ExpressionContext, scope: Scope): SqlValue {
  const beyond = (sql: string): string => failsWhenNull(sql, decimalBeyondDuckdb);
  if (!carriesQuotient(expr)) {
    const plain = compileValue(expr, context, scope);
    return { sql: toWide(plain.sql, expr.type), ...errorField(plain.error) };
  }
  switch (expr.op) {
    case "arithmetic": {
      const left = wideValue(expr.left, context, scope);
      const right = wideValue(expr.right, context, scope);
      const symbol = arithmeticOperation(expr.operator).symbol;
      const macro = { "/": "tiao_w_div", "*": "tiao_w_mul", "+": "tiao_w_add", "-": "tiao_w_sub" }[symbol];
      const sql = `${macro}(${left.sql}, ${right.sql})`;
      const own = symbol === "/" ? `CASE WHEN (${right.sql}).c = 0 THEN ${jsonMessage(divisionByZeroMessage)} WHEN ${sql} IS NULL THEN ${jsonMessage(decimalBeyondDuckdb)} END` : beyond(sql);
      return { sql, error: firstError(left.error, right.error, own) ?? own };
    }
    case "negate": {
      const operand = wideValue(expr.operand, context, scope);
      return { sql: `tiao_w_neg(${operand.sql})`, ...errorField(operand.error) };
    }
    case "min":
    case "max": {
      const left = wideValue(expr.left, context, scope);
      const right = wideValue(expr.right, context, scope);
      const sql = `tiao_w_${expr.op}(${left.sql}, ${right.sql})`;
      return { sql, error: firstError(left.error, right.error, beyond(sql)) ?? beyond(sql) };
    }
    case "convert":
      return wideValue(expr.operand, context, scope);
    default:
      return internalError(`${expr.op} carries no quotient`);
  }
}

/** A wide decimal back in DECIMAL(38,10), where it is exact there; else the error that says so. */
function narrowed(wide: SqlValue): Bound {
  const sql = `tiao_w_narrow(${wide.sql})`;
  return failingValue(sql, [wide.error], (v) => failsWhenNull(v, decimalBeyondDuckdb));
}

/** A quotient rounded (to the fen, or to a whole number: `round`, `floor`, `ceil`) from its exact value. */
function wideRounding(operand: ExprIR, mode: RoundingMode | "floor" | "ceil", result: "money" | "integer", context: ExpressionContext, scope: Scope): Bound {
  const wide = wideValue(operand, context, scope);
  const sql = `tiao_w_round_${mode}(${wide.sql}, ${result === "money" ? 2 : 0})`;
  return failingValue(sql, [wide.error], (v) => failsWhenNull(v, result === "money" ? amountTooLargeMessage(context.moneyWord) : integerTooLargeMessage));
}

/** A comparison with a quotient on either side, of the exact values. */
function wideComparison(expr: Extract<ExprIR, { op: "compare" }>, context: ExpressionContext, scope: Scope): Bound {
  const left = wideValue(expr.left, context, scope);
  const right = wideValue(expr.right, context, scope);
  const order = `tiao_w_cmp(${left.sql}, ${right.sql})`;
  const relation = expr.operator === "!=" ? "<>" : expr.operator;
  // the comparison is NULL exactly where the order is
  return valueReading(`(${order} ${relation} 0)`, firstError(left.error, right.error, failsWhenNull(order, decimalBeyondDuckdb)), (v) =>
    firstError(left.error, right.error, failsWhenNull(v, decimalBeyondDuckdb)),
  );
}

/**
 * round(integer × percent), floor(…) and ceil(…) in whole numbers: the exact product
 * rounded, as the operations table computes it through a decimal, but without DuckDB's
 * DECIMAL casts, which cost some twenty times more. The product cannot fail before the
 * rounding does.
 */
function integerPercentOf(operand: ExprIR, mode: RoundingMode | "floor" | "ceil", context: ExpressionContext, scope: Scope): Bound | undefined {
  if (operand.op !== "arithmetic" || operand.operator !== "integer_mul_percent") return undefined;
  const left = compileValue(operand.left, context, scope);
  const right = compileValue(operand.right, context, scope);
  const sql = `tiao_percent_of_${mode}(${left.sql}, ${right.sql})`;
  return failingValue(sql, [left.error, right.error], (v) => failsWhenNull(v, integerTooLargeMessage));
}

// ---------------------------------------------------------------- series

/** The SQL of the key of the period (`2024-01`, `2024`) numbered `index` (months: year × 12 + month − 1; years: the year), as runtime/series.ts writes it. */
function periodKeyOf(period: SeriesTable["period"], index: string): string {
  return period === "month" ? `tiao_month_key(${index})` : `tiao_year_key(${index})`;
}

/** The key of the period that contains `date` (the year written with 4 digits, as both engines write it). */
function periodKeyOfDate(period: SeriesTable["period"], date: string, dialect: Dialect): string {
  if (dialect === "duckdb") return `strftime(${date}, ${period === "month" ? "'%Y-%m'" : "'%Y'"})`;
  return `to_char(${date}, ${period === "month" ? "'YYYY-MM'" : "'YYYY'"})`;
}

/** What SQL reads of a series: a period given, its value, and the periods given between two keys. */
function seriesAccess(series: SeriesRef, context: ExpressionContext) {
  const period = identifier(PERIOD_FIELD);
  const held = identifier(PERIOD_VALUE_FIELD);
  if (context.dialect === "duckdb") {
    return {
      has: (key: string) => `tiao_series_has(${series.periods}, ${key})`,
      value: (key: string) => `tiao_series_value(${series.periods}, ${key})`,
      sum: (low: string, high: string) => `tiao_series_sum(${series.periods}, ${low}, ${high})`,
      count: (low: string, high: string) => `tiao_series_count(${series.periods}, ${low}, ${high})`,
      /** the first of `n` periods from the one numbered `first` that is not given */
      firstMissing: (first: string, n: number) => {
        const j = context.nextAlias();
        const key = (offset: string) => periodKeyOf(series.table.period, `${first} + ${offset}`);
        return key(`list_position(list_transform(range(${n}), ${j} -> ${`tiao_series_has(${series.periods}, ${key(j)})`}), FALSE) - 1`);
      },
    };
  }
  const alias = context.nextAlias();
  const rows = (condition: string) =>
    `FROM ${identifier(series.table.table)} AS ${alias} WHERE ${alias}.${identifier(CASE_COLUMN)} = ${series.owner}${series.item === undefined ? "" : ` AND ${alias}.${identifier(ITEM_COLUMN)} = ${series.item}`} AND ${condition.replaceAll("#p", `${alias}.${period}`)}`;
  return {
    has: (key: string) => `EXISTS (SELECT 1 ${rows(`#p = ${key}`)})`,
    value: (key: string) => `(SELECT ${alias}.${held} ${rows(`#p = ${key}`)})`,
    sum: (low: string, high: string) => `(SELECT coalesce(sum(${alias}.${held}), 0) ${rows(`#p BETWEEN ${low} AND ${high}`)})`,
    count: (low: string, high: string) => `(SELECT count(*) ${rows(`#p BETWEEN ${low} AND ${high}`)})`,
    firstMissing: (first: string, n: number) => {
      const g = context.nextAlias();
      const key = periodKeyOf(series.table.period, `${first} + ${g}.j`);
      return `(SELECT ${key} FROM generate_series(0, ${n - 1}) AS ${g}(j) WHERE NOT EXISTS (SELECT 1 ${rows(`#p = ${key}`)}) ORDER BY ${g}.j LIMIT 1)`;
    },
  };
}

/** `\`name\` has no value for <key>`, as JSON text. */
function seriesMissingMessage(name: string, key: string): string {
  return `${stringLiteral(JSON.stringify(seriesHasNoValueMessage(name, "")).slice(0, -1))} || ${key} || '"'`;
}

/** The value of a period not given (a literal), or undefined: reading one is an error. */
function seriesMissingSql(expr: Extract<ExprIR, { op: "series_at" | "series_total" }>, dialect: Dialect): { sql: string; value: RuntimeValue } | undefined {
  const type = seriesTypeOf(expr);
  const missing = seriesMissingLiteral(type);
  if (missing === undefined) return undefined;
  const runtimeValue = literalRuntimeValue(missing);
  return { sql: literal(runtimeValue, type.of, dialect), value: runtimeValue };
}

/** The period of a series that contains a date (the evaluation date by default). */
function seriesAt(expr: Extract<ExprIR, { op: "series_at" }>, series: SeriesRef, context: ExpressionContext, scope: Scope): Bound {
  const at = expr.at === undefined ? { sql: column(context.row, DATE_COLUMN) } : compileValue(expr.at, context, scope);
  const key = periodKeyOfDate(series.table.period, at.sql, context.dialect);
  const access = seriesAccess(series, context);
  const missing = seriesMissingSql(expr, context.dialect);
  if (missing !== undefined) {
    const sql = context.dialect === "duckdb" ? `tiao_series_value_or(${series.periods}, ${key}, ${missing.sql})` : `CASE WHEN ${access.has(key)} THEN ${access.value(key)} ELSE ${missing.sql} END`;
    return value(sql, at.error);
  }
  const error = `CASE WHEN NOT ${access.has(key)} THEN ${seriesMissingMessage(seriesReading(expr).name, key)} END`;
  return value(access.value(key), firstError(at.error, error));
}

/**
 * The periods of a span before the evaluation date, added up or averaged (runtime/series.ts):
 * the span's periods are consecutive, and so are their keys in the order of text, so the
 * periods given among them are those whose key lies between the first and the last. A
 * period's value is never negative (amounts, counts): a running total that goes beyond
 * 2^53 − 1 first does so where the whole total of the periods up to there does.
 */
function seriesTotal(expr: Extract<ExprIR, { op: "series_total" }>, series: SeriesRef, context: ExpressionContext): Bound {
  const { dialect } = context;
  const { period } = series.table;
  const date = column(context.row, DATE_COLUMN);
  const { relation, count, unit } = expr.periods;
  let first: string;
  let n: number;
  const year = `CAST(EXTRACT(YEAR FROM ${date}) AS BIGINT)`;
  if (period === "year") {
    first = relation === "last" ? `(${year} - ${count})` : relation === "this" ? year : `(${year} - 1)`;
    n = relation === "last" ? count : 1;
  } else {
    const perUnit = unit === "year" ? 12 : 1;
    if (relation === "last") {
      first = `(tiao_month_index(${date}, 0) - ${count * perUnit})`;
      n = count * perUnit;
    } else {
      const current = unit === "year" ? `(${year} * 12)` : `tiao_month_index(${date}, 0)`;
      first = relation === "this" ? current : `(${current} - ${perUnit})`;
      n = perUnit;
    }
  }
  // the keys that can be given are those of the years 0001 to 9999
  const earliest = period === "month" ? 12 : 1;
  const low = periodKeyOf(period, `greatest(${first}, ${earliest})`);
  const high = periodKeyOf(period, `greatest(${first} + ${n - 1}, ${earliest - 1})`);
  const access = seriesAccess(series, context);
  const missing = seriesMissingSql(expr, dialect);
  if (missing !== undefined && typeof missing.value === "number" && missing.value < 0) {
    context.problems.push({ expr, message: "the SQL target adds up periods whose value is never negative: the value of a period not given is below zero" });
    return value("NULL");
  }
  const given = access.sum(low, high);
  const wide = dialect === "duckdb" ? "HUGEINT" : "NUMERIC";
  const decimal = expr.type.kind === "decimal" || expr.type.kind === "unrounded_money";
  // a period not given that counts 0 adds nothing
  const zero = missing !== undefined && (missing.value === 0 || (typeof missing.value === "object" && missing.value !== null && "coefficient" in missing.value && missing.value.coefficient === 0n));
  const total =
    missing === undefined || zero ? given : decimal ? `(${given} + (${n} - ${access.count(low, high)}) * ${missing.sql})` : `(${given} + CAST(${n} - ${access.count(low, high)} AS ${wide}) * ${missing.sql})`;
  const checked = decimal ? (dialect === "duckdb" ? `tiao_decimal_bounded(${total})` : total) : `tiao_whole(${total})`;
  const sql = expr.operator === "average" ? `tiao_quotient_${expr.rounding ?? "half_up"}(${checked}, ${n})` : checked;
  const tooLarge = decimal ? failureMessage("decimal", context) : expr.operator === "sum" && expr.type.kind === "money" ? amountTooLargeMessage(context.moneyWord) : integerTooLargeMessage;
  const overflow = tooLarge === undefined ? undefined : `WHEN ${checked} IS NULL THEN ${jsonMessage(tooLarge)}`;
  if (missing !== undefined) return value(sql, overflow === undefined ? undefined : `CASE ${overflow} END`);
  const firstMissing = access.firstMissing(first, n);
  // the running total before the first period not given, which the runtime adds up first
  const before = decimal || tooLarge === undefined ? undefined : `tiao_whole(${access.sum(low, firstMissing)}) IS NULL`;
  const missingError = before === undefined ? seriesMissingMessage(seriesReading(expr).name, firstMissing) : `CASE WHEN ${before} THEN ${jsonMessage(tooLarge!)} ELSE ${seriesMissingMessage(seriesReading(expr).name, firstMissing)} END`;
  return value(sql, `CASE WHEN ${access.count(low, high)} < ${n} THEN ${missingError} ${overflow ?? ""} END`);
}

// ---------------------------------------------------------------- scales

/**
 * A scale applied to an amount on the case's date (runtime/scale.ts): the brackets in force
 * are those whose threshold is in force, in written order, their thresholds rising; their
 * figures are columns of the row, read from the parameters table (compiler/sql/emit.ts).
 */
function applyScale(expr: Extract<ExprIR, { op: "scale" }>, context: ExpressionContext, scope: Scope): Bound {
  const scale = context.scales.get(expr.scale);
  if (scale === undefined) throw new Error(`no scale ${expr.scale}`);
  if (scale.brackets.some((bracket) => bracket.thresholds.some((figure) => typeof figure.value === "number" && figure.value < 0))) {
    context.problems.push({ expr, message: `the SQL target applies scales whose thresholds are not negative; \`${scale.name}\` has one below zero` });
    return value("NULL");
  }
  const compiledBase = compileValue(expr.base, context, scope);
  const { row, dialect } = context;
  // the base is read several times: in DuckDB, bound once to a lambda's parameter (a macro
  // would copy its expression at each reading)
  const bound = dialect === "duckdb" ? context.nextAlias() : undefined;
  const base = bound === undefined ? compiledBase : { sql: bound, error: compiledBase.error };
  const date = column(row, DATE_COLUMN);
  const brackets = scale.brackets.map((bracket) => ({
    name: bracket.name,
    threshold: column(row, parameterColumn(scaleFigureName(scale.name, bracket.name, "threshold"))),
    thresholdInForce: column(row, parameterGivenColumn(scaleFigureName(scale.name, bracket.name, "threshold"))),
    rate: column(row, parameterColumn(scaleFigureName(scale.name, bracket.name, "rate"))),
    rateInForce: column(row, parameterGivenColumn(scaleFigureName(scale.name, bracket.name, "rate"))),
  }));
  const onDate = (message: string): string => `${stringLiteral(JSON.stringify(message).slice(0, -1))} || tiao_date_text(${date}) || '"'`;
  const noRate = brackets.map((b) => `WHEN ${b.thresholdInForce} AND NOT ${b.rateInForce} THEN ${onDate(scaleHasNoValueMessage(scale, b.name))}`);
  const scaleError = `CASE ${noRate.join(" ")} WHEN NOT (${brackets.map((b) => b.thresholdInForce).join(" OR ")}) THEN ${onDate(scaleHasNoValueMessage(scale))} END`;
  // in whole numbers of 10^-8 yuan (fen × millionths), exact, then one decimal: no decimal
  // arithmetic on the way, as runtime multiplyMoneyByPercentExact and addDecimal compute it
  const wide = dialect === "duckdb" ? "HUGEINT" : "NUMERIC";
  const times = (amount: string, rate: string): string => `CAST(${amount} AS ${wide}) * ${rate}`;
  let units: string;
  if (expr.mode === "single_rate") {
    // the highest bracket in force whose threshold the base reaches: its rate on the whole base
    const arms = [...brackets].reverse().map((b) => `WHEN ${b.threshold} IS NOT NULL AND ${base.sql} >= ${b.threshold} THEN ${times(base.sql, b.rate)}`);
    units = `CASE ${arms.join(" ")} ELSE 0 END`;
  } else {
    // each bracket's rate on the part of the base between its threshold and the next bracket's in force
    const shares = brackets.map((b, index) => {
      const next = brackets.slice(index + 1).map((later) => later.threshold);
      const top = next.length === 0 ? base.sql : `least(${base.sql}, COALESCE(${[...next, base.sql].join(", ")}))`;
      return `CASE WHEN ${b.threshold} IS NOT NULL AND ${base.sql} >= ${b.threshold} THEN ${times(`${top} - ${b.threshold}`, b.rate)} ELSE 0 END`;
    });
    units = `(${shares.join(" + ")})`;
  }
  const sql = bound === undefined ? `tiao_scale_yuan(${units})` : `tiao_scale_yuan(list_transform([${compiledBase.sql}], ${bound} -> ${units})[1])`;
  const beyond = failureMessage("decimal", context);
  return value(sql, firstError(base.error, scaleError, beyond === undefined ? undefined : failsWhenNull(sql, beyond)));
}

function parameterValue(name: string, context: ExpressionContext): Bound {
  const parameter = context.parameters.get(name);
  if (parameter === undefined) throw new Error(`no parameter ${name}`);
  if (context.parametersGiven?.has(name) === true) return value(column(context.row, parameterColumn(name)));
  const given = column(context.row, parameterGivenColumn(name));
  const prefix = stringLiteral(JSON.stringify(parameterHasNoValueMessage(parameter)).slice(0, -1));
  const error = `CASE WHEN NOT ${given} THEN ${prefix} || tiao_date_text(${column(context.row, DATE_COLUMN)}) || '"' END`;
  return value(column(context.row, parameterColumn(name)), error);
}

/** The column of a parameter's value on the case's date, overrides applied. */
export function parameterColumn(name: string): string {
  return `#parameter ${name}`;
}

/** Whether the parameter has a value on the case's date (in force, or overridden). */
export function parameterGivenColumn(name: string): string {
  return `#parameter ${name} given`;
}

/** The position of a list's item read from its table (PostgreSQL), from 1: the items of a case are numbered from 0 in order. */
function itemPosition(alias: string): string {
  return `(${alias}.${identifier(ITEM_COLUMN)} + 1)`;
}

function aggregate(expr: Extract<ExprIR, { op: "aggregate" }>, context: ExpressionContext, scope: Scope): Bound {
  const list = compileBound(expr.list, context, scope);
  if (list.kind !== "list") {
    context.problems.push({ expr, message: "the SQL target aggregates lists of facts only" });
    return value("NULL");
  }
  if (context.dialect === "duckdb") return listAggregate(expr, list, context, scope);
  const alias = context.nextAlias();
  const inner = new Map(scope);
  inner.set(expr.variable, { kind: "record", table: alias, prefix: "", list: list.table, index: itemPosition(alias) });
  const filter = expr.filter === undefined ? undefined : compileValue(expr.filter, context, inner);
  const term = expr.value === undefined ? undefined : compileValue(expr.value, context, inner);
  const from = `FROM ${identifier(list.table.name)} AS ${alias} WHERE ${alias}.${identifier(CASE_COLUMN)} = ${list.owner}`;
  const where = (condition: string | undefined): string => (condition === undefined ? from : `${from} AND ${condition}`);
  const passes = filter?.sql;
  const itemError = firstError(filter?.error, term?.error === undefined ? undefined : errorWhen(passes ?? TRUE, term.error));
  const firstItemError = (limit?: string): string | undefined =>
    itemError === undefined
      ? undefined
      : `(SELECT ${itemError} ${where(limit === undefined ? `${itemError} IS NOT NULL` : `${itemError} IS NOT NULL AND ${limit}`)} ORDER BY ${alias}.${identifier(ITEM_COLUMN)} LIMIT 1)`;
  switch (expr.operator) {
    case "count":
      return value(`(SELECT count(*) ${where(passes)})`, firstItemError());
    case "any":
    case "all": {
      // `any` stops at the first item that passes, `all` at the first that does not: an
      // item after that one is not evaluated, and its error does not count
      const decidingAlias = context.nextAlias();
      const deciding = new Map(scope);
      deciding.set(expr.variable, { kind: "record", table: decidingAlias, prefix: "", list: list.table, index: itemPosition(decidingAlias) });
      const decidingFilter = expr.filter === undefined ? undefined : compileValue(expr.filter, context, deciding).sql;
      const decides = (test: string | undefined): string =>
        expr.operator === "any" ? (test ?? TRUE) : test === undefined ? "FALSE" : `NOT ${test}`;
      const sql = expr.operator === "any" ? `EXISTS (SELECT 1 ${where(passes)})` : `NOT EXISTS (SELECT 1 ${where(decides(passes))})`;
      const earlier = `${decidingAlias}.${identifier(CASE_COLUMN)} = ${list.owner} AND ${decidingAlias}.${identifier(ITEM_COLUMN)} < ${alias}.${identifier(ITEM_COLUMN)}`;
      const beforeDecided = `NOT EXISTS (SELECT 1 FROM ${identifier(list.table.name)} AS ${decidingAlias} WHERE ${and(earlier, decides(decidingFilter))})`;
      return value(`(${sql})`, firstItemError(beforeDecided));
    }
    case "sum": {
      if (term === undefined) throw new Error("a sum without a value");
      const decimal = expr.type.kind === "decimal" || expr.type.kind === "unrounded_money";
      const total = `coalesce(sum(${term.sql}), 0)`;
      const checked = decimal ? total : `tiao_whole(${total})`;
      const sql = `(SELECT ${checked} ${where(passes)})`;
      const message = decimal ? failureMessage("decimal", context) : expr.type.kind === "money" ? amountTooLargeMessage(context.moneyWord) : integerTooLargeMessage;
      if (message === undefined) return value(sql, firstItemError());
      return failingValue(sql, [firstItemError()], (v) => failsWhenNull(v, message));
    }
    case "max":
    case "min": {
      // every item is evaluated; NULL (absent) when none passes; of equal terms any is the same value
      if (term === undefined) throw new Error(`a ${expr.operator} without a value`);
      return value(`(SELECT ${expr.operator}(${term.sql}) ${where(passes)})`, firstItemError());
    }
  }
}

/**
 * An aggregate over a list held in the case's row (DuckDB): the same values and errors as the
 * child table's subqueries, with list functions whose lambdas see each item (`x`, 1-based `i`).
 * `list_filter` keeps the items whose test is TRUE, as WHERE does.
 */
function listAggregate(expr: Extract<ExprIR, { op: "aggregate" }>, list: ListRef, context: ExpressionContext, scope: Scope): Bound {
  const item = context.nextAlias();
  const index = `${item}_index`;
  const inner = new Map(scope);
  inner.set(expr.variable, { kind: "record", table: item, prefix: "", list: list.table, index });
  const filter = expr.filter === undefined ? undefined : compileValue(expr.filter, context, inner);
  // the items that pass a filter are no longer at their positions in the list: the term reads them without
  const termScope = filter === undefined ? inner : new Map(scope).set(expr.variable, { kind: "record", table: item, prefix: "", list: list.table });
  const term = expr.value === undefined ? undefined : compileValue(expr.value, context, termScope);
  const items = list.items;
  /** a lambda over the list's items, with the item's position where `body` reads it */
  const lambda = (body: string): string => `${body.includes(index) ? `(${item}, ${index})` : item} -> ${body}`;
  const selected: Passing = filter === undefined ? { items } : (sharedPassing(expr, list, item, index, context, scope) ?? { items, filter: { test: filter.sql, lambda } });
  const passing = passingItems(selected);
  const itemError = firstError(filter?.error, term?.error === undefined ? undefined : errorWhen(filter?.sql ?? TRUE, term.error));
  /** the error of the first item that has one, among the items up to `lastIndex` (all when NULL) */
  const firstItemError = (lastIndex?: string): string | undefined => {
    if (itemError === undefined) return undefined;
    // an error that does not read the item (a parameter without a value) is the first item's,
    // which is always evaluated: computed once for the case, not once for each item
    if (!itemError.includes(item)) return `CASE WHEN len(${items}) > 0 THEN ${itemError} END`;
    const evaluated = lastIndex === undefined ? itemError : `CASE WHEN ${lastIndex} IS NULL OR ${index} <= ${lastIndex} THEN ${itemError} END`;
    return `list_filter(list_transform(${items}, (${item}, ${index}) -> ${evaluated}), e -> e IS NOT NULL)[1]`;
  };
  switch (expr.operator) {
    case "count":
      return value(passingCount(selected), firstItemError());
    case "any":
    case "all": {
      // \`any\` stops at the first item that passes, \`all\` at the first that does not: an
      // item after that one is not evaluated, and its error does not count
      const decides = expr.operator === "any" ? (filter?.sql ?? TRUE) : filter === undefined ? "FALSE" : `NOT ${filter.sql}`;
      const deciding = `list_position(list_transform(${items}, ${lambda(`coalesce(${decides}, FALSE)`)}), TRUE)`;
      const sql = expr.operator === "any" ? `(len(${passing}) > 0)` : `(len(list_filter(${items}, ${lambda(decides)})) = 0)`;
      return value(sql, firstItemError(deciding));
    }
    case "sum": {
      if (term === undefined) throw new Error("a sum without a value");
      const decimal = expr.type.kind === "decimal" || expr.type.kind === "unrounded_money";
      const total = `coalesce(list_sum(list_transform(${passing}, ${lambda(term.sql)})), 0)`;
      const sql = decimal ? `tiao_decimal(${total})` : `tiao_whole(${total})`;
      const message = decimal ? failureMessage("decimal", context) : expr.type.kind === "money" ? amountTooLargeMessage(context.moneyWord) : integerTooLargeMessage;
      if (message === undefined) return value(sql, firstItemError());
      return failingValue(sql, [firstItemError()], (v) => failsWhenNull(v, message));
    }
    case "max":
    case "min": {
      // every item is evaluated; NULL (absent) when none passes; of equal terms any is the same value
      if (term === undefined) throw new Error(`a ${expr.operator} without a value`);
      return value(`list_${expr.operator}(list_transform(${passing}, ${lambda(term.sql)}))`, firstItemError());
    }
  }
}

/**
 * The items of a list that pass a test (DuckDB): `items` when there is none, else those for
 * which the filter's `test`, the body of `lambda(test)`, is TRUE.
 */
interface Passing {
  readonly items: string;
  readonly filter?: { readonly test: string; readonly lambda: (body: string) => string };
}

function passingItems({ items, filter }: Passing): string {
  return filter === undefined ? items : `list_filter(${items}, ${filter.lambda(filter.test)})`;
}

/**
 * How many items pass: a count of the items whose test is TRUE, without the list of them
 * (`list_filter` copies each item that passes, every field of it, where `list_count` of a list
 * of TRUE and NULL copies nothing; NULL for a NULL list, as `len`).
 */
function passingCount({ items, filter }: Passing): string {
  return filter === undefined ? `len(${items})` : `list_count(list_transform(${items}, ${filter.lambda(`CASE WHEN ${filter.test} THEN TRUE END`)}))`;
}

/**
 * The items of the list that pass the aggregate's test read from a list the measure filters once
 * (ExpressionContext.filteredLists), where it filters the list by the test or by its first
 * conjuncts (`a and b and c`: `a and b`, then `a`): the items of that list that pass the
 * remaining conjuncts, in the same order. An item passes `a AND b` when it passes both, so
 * filtering by `a`, then by `b`, keeps the same items; the remaining conjuncts must not read the
 * item's position, which the filtered list no longer has.
 */
function sharedPassing(expr: Extract<ExprIR, { op: "aggregate" }>, list: ListRef, item: string, index: string, context: ExpressionContext, scope: Scope): Passing | undefined {
  const lists = context.filteredLists;
  if (lists === undefined || expr.filter === undefined || lambdaAlias.test(list.items)) return undefined;
  // compiled again for the SQL of each part: its problems are the filter's, reported once
  const quiet: ExpressionContext = { ...context, problems: [] };
  // a test as the shared list computes it, its item named `item` whichever aggregate reads it
  const shared = new Map(scope).set(expr.variable, { kind: "record", table: "item", prefix: "", list: list.table, index: "item_index" });
  const own = new Map(scope).set(expr.variable, { kind: "record", table: item, prefix: "", list: list.table, index });
  const rest: ExprIR[] = [];
  for (let test: ExprIR = expr.filter; ; ) {
    const sql = compileValue(test, quiet, shared).sql;
    // a test that reads an item of another list (an aggregate's, a definition's parameter) is not the case's
    const column = lambdaAlias.test(sql) ? undefined : lists.filtered({ items: list.items, sql, test });
    if (column !== undefined) {
      if (rest.length === 0) return { items: column };
      const remaining = rest.map((r) => compileValue(r, quiet, own).sql);
      if (remaining.some((r) => r.includes(index))) return undefined;
      return { items: column, filter: { test: remaining.length === 1 ? remaining[0]! : `(${remaining.join(" AND ")})`, lambda: (body) => `${item} -> ${body}` } };
    }
    if (test.op !== "and") return undefined;
    rest.unshift(test.right);
    test = test.left;
  }
}

/** the alias of a list's item in a lambda (ExpressionContext.nextAlias) */
const lambdaAlias = /\bitem[0-9]+/;

// ---------------------------------------------------------------- rules

/** A group of sibling rules, or one rule with its exceptions: whether it gives a value, which, and the errors met. */
interface Resolution {
  /** SQL: some rule of the group gives a value */
  readonly gives: string;
  readonly value: SqlValue;
  /** the first error met while finding the rule (tests, conflicts), before the value is computed */
  readonly testError?: string;
}

export function windowTest(window: WindowIR, date: string, context: ExpressionContext, scope: Scope): SqlValue {
  const from = compileValue(window.from, context, scope);
  const until = window.until === undefined ? undefined : compileValue(window.until, context, scope);
  const test = until === undefined ? `(${date} >= ${from.sql})` : `(${date} >= ${from.sql} AND (${until.sql} IS NULL OR ${date} <= ${until.sql}))`;
  return { sql: test, ...errorField(firstError(from.error, until?.error)) };
}

function errorField(error: string | undefined): { error?: string } {
  return error === undefined ? {} : { error };
}

function resolveRule(definition: DefinitionIR, rule: RuleIR, context: ExpressionContext, scope: Scope): Resolution {
  const exceptions = rule.exceptions.length === 0 ? undefined : resolveGroup(definition, rule.exceptions, context, scope);
  const tests = withoutChoices(context);
  const window = rule.window === undefined ? undefined : windowTest(rule.window, column(context.row, DATE_COLUMN), tests, scope);
  const condition = rule.condition === undefined ? undefined : compileValue(rule.condition, tests, scope);
  const applies = and(window?.sql ?? TRUE, condition?.sql ?? TRUE);
  const ownTestError = firstError(window?.error, errorWhen(window?.sql ?? TRUE, condition?.error));
  const ownValue = compileValue(rule.value, context, scope);
  if (exceptions === undefined) return { gives: applies, value: ownValue, ...testErrorField(ownTestError) };
  const byException = exceptions.gives;
  const valueError = (exceptionError: string | undefined, ownError: string | undefined): string | undefined =>
    exceptionError === undefined && ownError === undefined ? undefined : `CASE WHEN ${byException} THEN ${exceptionError ?? "NULL"} ELSE ${ownError ?? "NULL"} END`;
  // the value is the exception's where one gives it, else the rule's own
  const reading =
    exceptions.value.errorReading === undefined && ownValue.errorReading === undefined
      ? undefined
      : (v: string): string | undefined => valueError(errorReading(exceptions.value, v), errorReading(ownValue, v));
  return {
    gives: applies === TRUE ? TRUE : `(${byException} OR ${applies})`,
    value: valueReading(`CASE WHEN ${byException} THEN ${exceptions.value.sql} ELSE ${ownValue.sql} END`, valueError(exceptions.value.error, ownValue.error), reading),
    ...testErrorField(firstError(exceptions.testError, errorWhen(`NOT ${byException}`, ownTestError))),
  };
}

function testErrorField(error: string | undefined): { testError?: string } {
  return error === undefined ? {} : { testError: error };
}

/**
 * Siblings in written order: each one's test, and after the second that gives a value, the
 * conflict naming the first and the second (as the interpreter reports it).
 */
function resolveGroup(definition: DefinitionIR, rules: readonly RuleIR[], context: ExpressionContext, scope: Scope): Resolution {
  const siblings = rules.map((rule) => ({ rule, resolution: resolveRule(definition, rule, context, scope) }));
  if (siblings.length === 1) return siblings[0]!.resolution;
  const steps: string[] = [];
  siblings.forEach((sibling, j) => {
    if (sibling.resolution.testError !== undefined) steps.push(`WHEN ${sibling.resolution.testError} IS NOT NULL THEN ${sibling.resolution.testError}`);
    for (let i = 0; i < j; i++) {
      const first = siblings[i]!;
      const message = jsonMessage(conflictMessage(definition, first.rule, sibling.rule));
      steps.push(`WHEN ${and(first.resolution.gives, sibling.resolution.gives)} THEN ${message}`);
    }
  });
  const pick = (choose: (resolution: Resolution) => string): string =>
    `CASE ${siblings.map(({ resolution }) => `WHEN ${resolution.gives} THEN ${choose(resolution)}`).join(" ")} END`;
  const anyValueError = siblings.some(({ resolution }) => resolution.value.error !== undefined);
  // the value is that of the first sibling that gives one
  const anyReading = siblings.some(({ resolution }) => resolution.value.errorReading !== undefined);
  return {
    gives: `(${siblings.map(({ resolution }) => resolution.gives).join(" OR ")})`,
    value: valueReading(
      pick((r) => r.value.sql),
      anyValueError ? pick((r) => r.value.error ?? "NULL") : undefined,
      anyReading ? (v) => pick((r) => errorReading(r.value, v) ?? "NULL") : undefined,
    ),
    testError: `CASE ${steps.join(" ")} END`,
  };
}

/**
 * An output given for each member of a list (`tax(p in household.members)`): its value for
 * each member, in the list's order (DuckDB: a LIST over the list's column; PostgreSQL: an
 * ARRAY over the list's table), and the first error of the members, as the interpreter
 * evaluates them one after the other; with `errors`, the error of each member in the same
 * order, which another measure reads for one member.
 */
export function eachMember(definition: DefinitionIR, context: ExpressionContext): SqlValue & { readonly errors?: string } {
  const members = definition.members;
  const [parameter] = definition.parameters;
  if (members === undefined || parameter === undefined) return internalError(`${definition.name} is not given for each member`);
  const path = `${members.entity}.${members.field}`;
  const list = context.lists.get(path);
  if (list === undefined) return internalError(`no table for the list ${path}`);
  const member = context.nextAlias();
  if (context.dialect === "duckdb") {
    const index = `${member}_index`;
    const decided = decide(definition, context, new Map([[parameter.name, { kind: "record", table: member, prefix: "", list, index }]]));
    const lambda = (body: string): string => `${body.includes(index) ? `(${member}, ${index})` : member} -> ${body}`;
    const items = column(context.row, path);
    const sql = `list_transform(${items}, ${lambda(decided.sql)})`;
    if (decided.error === undefined) return { sql };
    const errors = `list_transform(${items}, ${lambda(decided.error)})`;
    // an error that does not read the member (a parameter without a value) is the first member's
    const error = decided.error.includes(member) ? `list_filter(${errors}, e -> e IS NOT NULL)[1]` : `CASE WHEN len(${items}) > 0 THEN ${decided.error} END`;
    return { sql, error, errors };
  }
  const decided = decide(definition, context, new Map([[parameter.name, { kind: "record", table: member, prefix: "", list, index: itemPosition(member) }]]));
  const from = `FROM ${identifier(list.name)} AS ${member} WHERE ${member}.${identifier(CASE_COLUMN)} = ${column(context.row, CASE_COLUMN)}`;
  const order = `ORDER BY ${member}.${identifier(ITEM_COLUMN)}`;
  const sql = `ARRAY(SELECT ${decided.sql} ${from} ${order})`;
  if (decided.error === undefined) return { sql };
  return { sql, error: `(SELECT ${decided.error} ${from} AND ${decided.error} IS NOT NULL ${order} LIMIT 1)`, errors: `ARRAY(SELECT ${decided.error} ${from} ${order})` };
}

/** A definition's value, decided by its rules, with the first error met. */
export function decide(definition: DefinitionIR, context: ExpressionContext, scope: Scope): SqlValue {
  const resolution = resolveGroup(definition, definition.rules, context, scope);
  const noRule = resolution.gives === TRUE ? undefined : `CASE WHEN NOT ${resolution.gives} THEN ${jsonMessage(noRuleMessage(definition))} END`;
  const { value } = resolution;
  const reading = value.errorReading;
  return valueReading(value.sql, firstError(resolution.testError, noRule, value.error), reading === undefined ? undefined : (v) => firstError(resolution.testError, noRule, reading(v)));
}
