/**
 * Populations as flat files, CSV or Parquet, for the DuckDB engine: one row per case and one
 * column per fact path, derived from the policy's facts (compiler/sql/tables.ts), each value
 * written as in a scenario's JSON (docs/sql.md "Flat files"):
 *
 * - `date`, the evaluation date, then `parameters.<name>` (an override; empty: none), then each
 *   fact path (`person.insured_months`, `enterprise.indicators.profit.current`);
 * - a record field given as a whole: `<path>` true (its fields have their own columns);
 * - a list of records: one column `<path>`, a JSON array of objects in CSV, a LIST of STRUCTs
 *   (or that JSON text) in Parquet;
 * - a series: one column `<path>`, a JSON object of the periods' values keyed by period in
 *   CSV (`{"2024-01": "2400.00", "2024-02": "2500.00"}`), a MAP (or that JSON text) in Parquet;
 * - values as text: money `1820.50` (in the policy's money, at most two decimals; `-250.50` for a
 *   `signed money` fact), percentages `60%` or `60`,
 *   dates `YYYY-MM-DD`, times `HH:MM`, sets as member names joined by commas; an empty field
 *   is a fact not given. Parquet columns may also be typed (BOOLEAN, integers, DECIMAL, DATE):
 *   they are read through their text.
 *
 * Every value is checked in SQL; a row with a bad value is kept out of the cases and its line
 * of results names the row (1-based, the header not counted) and each bad column, as the Node
 * engine names the line and path of a bad scenario. The other rows go on.
 */
import { TEXT_MAX_LENGTH } from "../../runtime/text.js";
import type { ValueType } from "../../runtime/types.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { REJECTED_TABLE, enumMemberNames, flatValueText, requiredFacts } from "../../compiler/sql/emit.js";
import {
  CASE_COLUMN,
  CASES_TABLE,
  DATE_COLUMN,
  PERIOD_FIELD,
  PERIOD_VALUE_FIELD,
  caseLayout,
  identifier,
  listOf,
  seriesOf,
  stringLiteral,
  type CaseLayout,
  type ListTable,
  type SeriesTable,
  type ValueColumn,
} from "../../compiler/sql/tables.js";
import { DUCKDB_DECIMAL, DUCKDB_DECIMAL_LIMIT, sqlType } from "../../compiler/sql/dialect.js";
import { memberOf } from "../../compiler/sql/expression.js";
import { decimalFactsOnlyCompared } from "../../compiler/sql/compared-decimals.js";
import { moneyWord } from "../../compiler/currency.js";

const STAGING = "tiao_staging";
const MAX_SAFE = "9007199254740991";
/** The statistics of a Parquet file's row groups (`parquet_metadata`), read once before the query (see `columnProven`). */
const STATISTICS_TABLE = "tiao_parquet_statistics";
/** The DuckDB variable holding what the statistics prove (statisticsVariable). */
const PROOFS_VARIABLE = "tiao_proofs";

/** A Parquet file: its path, the statements to run before the query, and the proofs its statistics give (statisticsVariable). */
interface ParquetSource {
  readonly path: string;
  readonly statements: string[];
  readonly proofs: string[];
}

/** The flat columns of a policy's cases, in order: `date`, then the layout's columns by path. */
export function flatColumns(layout: CaseLayout): string[] {
  return ["date", ...layout.columns.map((c) => c.name)];
}

/**
 * How a value of `type` is read: its SQL value, the SQL test that it is not one (tested only
 * when the field is given), and the message saying why. `text` is the field as VARCHAR (NULL
 * when empty); `typed` the file's own column when its type holds the value already (a Parquet
 * BOOLEAN, integer, DECIMAL or DATE column), read without going through text.
 */
interface Reading {
  readonly value: string;
  readonly invalid: string;
  readonly message: string;
  /**
   * For a typed column, `NOT invalid` written as comparisons of the column alone: `validOf`
   * of the column, which holds of every value between two that it holds of (a range).
   */
  readonly valid?: string;
  readonly validOf?: (column: string) => string;
}

/**
 * Whether `test` holds of some item of a list that is not NULL (`x` an item): FALSE for an
 * empty list, and where `test` is FALSE or NULL of every item. A search for TRUE in the list of
 * the tests, which costs DuckDB less than `list_bool_or` of that list.
 */
function anyItem(items: string, x: string, test: string): string {
  return `list_contains(list_transform(${items}, ${x} -> ${test}), TRUE)`;
}

function readValue(
  text: string,
  type: ValueType,
  program: ProgramIR,
  typed?: { readonly column: string; readonly type: string; readonly onlyCompared?: boolean },
  inLambda = false,
): Reading {
  const got = (message: string, shown = text): string => `${stringLiteral(`${message}, got `)} || to_json(${shown})`;
  const typedReading = typed === undefined ? undefined : readTyped(typed.column, typed.type, type, got, moneyWord(program.policy), typed.onlyCompared);
  if (typedReading !== undefined) return typedReading;
  switch (type.kind) {
    case "bool":
      return { value: `(lower(${text}) = 'true')`, invalid: `lower(${text}) NOT IN ('true', 'false')`, message: got("expected true or false") };
    case "integer":
    case "months":
    case "days":
      return {
        value: `CAST(${text} AS BIGINT)`,
        invalid: `(NOT regexp_full_match(${text}, '[0-9]{1,16}') OR TRY_CAST(${text} AS HUGEINT) > ${MAX_SAFE})`,
        message: got("expected a non-negative integer"),
      };
    case "money":
      return {
        value: `CAST(CAST(${text} AS DECIMAL(18,2)) * 100 AS BIGINT)`,
        invalid: `NOT regexp_full_match(${text}, '${type.signed === true ? "-?" : ""}[0-9]{1,13}(\\.[0-9]{1,2})?')`,
        message: got(amountExpected(type, moneyWord(program.policy))),
      };
    case "percent":
      return {
        value: `CAST(CAST(rtrim(${text}, '%') AS DECIMAL(18,4)) * 10000 AS BIGINT)`,
        invalid: `NOT regexp_full_match(${text}, '[0-9]{1,12}(\\.[0-9]{1,4})?%?')`,
        message: got('expected a percentage such as "60%" or "12.5", not negative, with at most four decimals'),
      };
    case "decimal":
    case "unrounded_money":
      return {
        value: `CAST(${text} AS ${DUCKDB_DECIMAL})`,
        invalid: `(NOT regexp_full_match(${text}, '-?[0-9]{1,17}(\\.[0-9]{1,10})?') OR abs(TRY_CAST(${text} AS ${DUCKDB_DECIMAL})) >= ${DUCKDB_DECIMAL_LIMIT})`,
        message: got("expected a number below 10^17 with at most 10 decimals (DuckDB's exact range)"),
      };
    case "date":
      return {
        value: `CAST(${text} AS DATE)`,
        invalid: `(NOT regexp_full_match(${text}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR TRY_CAST(${text} AS DATE) IS NULL OR ${text} < '0001-01-01')`,
        message: got("expected a date YYYY-MM-DD"),
      };
    case "time":
      return {
        value: `tiao_time_minutes(${text})`,
        invalid: `(${text} IS NOT NULL AND tiao_time_minutes(${text}) IS NULL)`,
        message: got("expected a time HH:MM"),
      };
    case "text":
      // as runtime/text.ts reads a text: at most TEXT_MAX_LENGTH characters (code points, as `length` counts), none a reader cannot see
      return {
        value: text,
        invalid: `(length(${text}) > ${TEXT_MAX_LENGTH} OR regexp_matches(${text}, '[\\x00-\\x1f\\x7f-\\x{9f}\\x{2028}\\x{2029}]'))`,
        message: got(`expected a text of at most ${TEXT_MAX_LENGTH} characters, without control characters or line breaks`),
      };
    case "enum": {
      const members = enumMemberNames(type.name, program);
      const member = memberOf(text, members, "duckdb", inLambda);
      return { value: text, invalid: `NOT ${member}`, message: got(`expected one of ${members.join(", ")}`) };
    }
    case "set": {
      const members = enumMemberNames(type.of, program);
      const names = `string_split(${text}, ',')`;
      return {
        value: `CASE WHEN ${text} = '' THEN '' ELSE array_to_string(list_sort(list_distinct(${names})), ',') END`,
        invalid: `(${text} <> '' AND NOT list_bool_and(list_transform(${names}, m -> ${memberOf("m", members, "duckdb", true)})))`,
        message: got(`expected members of ${type.of} joined by commas`),
      };
    }
    case "optional":
      return readValue(text, type.of, program, typed, inLambda);
    case "record":
    case "list":
    case "series":
    case "per_member":
      throw new Error(`a ${type.kind} has no column`);
  }
}

const INTEGER_TYPES = new Set(["TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT"]);

/** What an amount's column must hold: `money` in the policy's money (`yuan`, `EUR`), not negative unless `signed money`. */
function amountExpected(type: ValueType & { kind: "money" }, moneyWord: string): string {
  return `expected an amount in ${moneyWord}${type.signed === true ? "" : ", not negative,"} with at most two decimals`;
}

/**
 * A typed column read within a range: `valid` as comparisons of the column alone (no `abs()`,
 * which DuckDB computes in HUGEINT on every row), which the Parquet file's statistics can
 * prove (`columnProven`).
 */
function inRange(value: string, column: string, validOf: (column: string) => string, message: string): Reading {
  const valid = validOf(column);
  return { value, valid, validOf, invalid: `(NOT ${valid})`, message };
}

/**
 * A typed column's reading, when its type holds values of `type`: the same checks as the text's, on the value.
 * `onlyCompared`: a decimal fact that the measures only compare with other decimals
 * (compiler/sql/compared-decimals.ts), which a DECIMAL column of at most 18 digits and 10
 * decimals holds exactly as it is: read without widening it to DECIMAL(38,10), as DuckDB
 * compares decimals of any two types exactly.
 */
function readTyped(
  column: string,
  columnType: string,
  type: ValueType,
  got: (message: string, shown: string) => string,
  moneyWord: string,
  onlyCompared = false,
): Reading | undefined {
  const shown = `CAST(${column} AS VARCHAR)`;
  const decimalType = /^DECIMAL\((\d+),(\d+)\)$/.exec(columnType);
  const decimalScale = decimalType?.[2];
  switch (type.kind) {
    case "bool":
      return columnType === "BOOLEAN" ? { value: column, invalid: "FALSE", message: "NULL" } : undefined;
    case "integer":
    case "months":
    case "days":
      if (!INTEGER_TYPES.has(columnType)) return undefined;
      return inRange(`TRY_CAST(${column} AS BIGINT)`, column, (c) => `(${c} >= 0 AND ${c} <= ${MAX_SAFE})`, got("expected a non-negative integer", shown));
    case "money":
      if (!INTEGER_TYPES.has(columnType) && (decimalScale === undefined || Number(decimalScale) > 2)) return undefined;
      return inRange(
        `TRY_CAST(${column} * 100 AS BIGINT)`,
        column,
        (c) => `(${c} ${type.signed === true ? "> -10000000000000" : ">= 0"} AND ${c} < 10000000000000)`,
        got(amountExpected(type, moneyWord), shown),
      );
    case "percent":
      if (!INTEGER_TYPES.has(columnType) && (decimalScale === undefined || Number(decimalScale) > 4)) return undefined;
      return inRange(
        `TRY_CAST(${column} * 10000 AS BIGINT)`,
        column,
        (c) => `(${c} >= 0 AND ${c} < 1000000000000)`,
        got('expected a percentage such as "60%" or "12.5", not negative, with at most four decimals', shown),
      );
    case "decimal":
    case "unrounded_money":
      if (!INTEGER_TYPES.has(columnType) && (decimalScale === undefined || Number(decimalScale) > 10)) return undefined;
      return inRange(
        onlyCompared && decimalType !== null && Number(decimalType[1]) <= 18 ? column : `CAST(${column} AS ${DUCKDB_DECIMAL})`,
        column,
        (c) => `(${c} > -${DUCKDB_DECIMAL_LIMIT} AND ${c} < ${DUCKDB_DECIMAL_LIMIT})`,
        got("expected a number below 10^17 with at most 10 decimals (DuckDB's exact range)", shown),
      );
    case "date":
      return columnType === "DATE"
        ? inRange(column, column, (c) => `(${c} >= DATE '0001-01-01' AND ${c} <= DATE '9999-12-31')`, got("expected a date YYYY-MM-DD", shown))
        : undefined;
    case "optional":
      return readTyped(column, columnType, type.of, got, moneyWord, onlyCompared);
    default:
      return undefined;
  }
}

/** `text` when given: a column's text, NULL for an empty field. */
function given(expression: string): string {
  return `nullif(CAST(${expression} AS VARCHAR), '')`;
}

/** A column of a flat file: its value, whether it is given, whether it is bad, and its problem (NULL: none). */
interface ColumnReading {
  readonly value: string;
  /** whether the field is given (its value may still be bad) */
  readonly present: string;
  readonly bad: string;
  readonly problem: string;
  /**
   * `NOT coalesce(bad, FALSE)` (never NULL) as comparisons of the column alone where they are
   * known (a typed column's range, left out where the Parquet file's statistics prove it, a
   * choice's members); undefined: that expression.
   */
  readonly valid?: string;
}

/**
 * The SQL that reads a CSV or Parquet file as the cases, in the file's order, with no join:
 * `statements` to run first; `rejectedSql`, the bad rows into `tiao_rejected` with their
 * problems, in one pass; and `tiao_cases` a view of the good rows (`casesView(true)`, which
 * checks each row as it reads it, or `casesView(false)`, which reads every row without
 * checking it, once `rejectedSql` has found no bad row). `columnTypes` are the file's
 * columns and their DuckDB types (DESCRIBE).
 */
export function flatInputSql(
  program: ProgramIR,
  path: string,
  format: "csv" | "parquet",
  columnTypes: ReadonlyMap<string, string>,
  measures?: readonly string[],
): {
  statements: string[];
  rejectedSql: string;
  casesView: (checked: boolean) => string;
  caseDates: string;
  /**
   * Of a Parquet file, for each fact (a column of `tiao_cases` a measure tests the presence of)
   * whose statistics may prove it given in every row, the SQL of its proof (a field of the
   * DuckDB variable that `statements` set), TRUE when they do (`givenProven`)
   */
  givenProofs: ReadonlyMap<string, string>;
} {
  const { layout } = caseLayout(program.schema);
  const statements: string[] = [];
  let source: string;
  if (format === "csv") {
    // a table keeps the file's order (DuckDB preserves insertion order), so that its row id is the row's place
    statements.push(`CREATE OR REPLACE TABLE tiao_source AS SELECT * FROM read_csv(${stringLiteral(path)}, header = true, all_varchar = true, auto_detect = true)`);
    source = `(SELECT *, rowid + 1 AS ${identifier(CASE_COLUMN)} FROM tiao_source)`;
  } else {
    source = `(SELECT *, file_row_number + 1 AS ${identifier(CASE_COLUMN)} FROM read_parquet(${stringLiteral(path)}, file_row_number = true))`;
    statements.push(
      `CREATE OR REPLACE TEMP TABLE ${STATISTICS_TABLE} AS SELECT path_in_schema, num_values, stats_null_count, stats_min_value, stats_max_value FROM parquet_metadata(${stringLiteral(path)})`,
    );
  }
  const parquet: ParquetSource | undefined = format === "parquet" ? { path, statements, proofs: [] } : undefined;
  const raw = (name: string): string => `src.${identifier(name)}`;
  const givenProofs = new Map<string, string>();
  const onlyCompared = decimalFactsOnlyCompared(program);
  const scalar = (name: string, type: ValueType, fact = false): ColumnReading => {
    const text = given(raw(name));
    const columnType = columnTypes.get(name);
    const typed = columnType === undefined || columnType === "VARCHAR" ? undefined : { column: raw(name), type: columnType, onlyCompared: onlyCompared.has(name) };
    const reading = readValue(text, type, program, typed);
    const proven = parquet !== undefined && typed !== undefined && reading.validOf !== undefined ? columnProven(parquet, name, typed.type, reading.validOf) : undefined;
    const readAsIs = typed !== undefined && readTyped(raw(name), columnType!, type, () => "", moneyWord(program.policy)) !== undefined;
    const present = readAsIs ? `${raw(name)} IS NOT NULL` : `${text} IS NOT NULL`;
    // given in every row: a column read as it is without a NULL, or a text column without a NULL or an empty text
    if (fact && parquet !== undefined && (readAsIs || columnType === "VARCHAR")) givenProofs.set(name, givenProven(parquet, name, readAsIs ? undefined : "stats_min_value <> ''"));
    const kind = type.kind === "optional" ? type.of : type;
    // a choice: one membership test in which the empty field (not given) is a member
    const valid =
      reading.invalid === "FALSE"
        ? "TRUE"
        : reading.valid !== undefined
          ? `(${raw(name)} IS NULL OR ${proven === undefined ? "" : `${proven} OR `}${reading.valid})`
          : kind.kind === "enum"
            ? `(${raw(name)} IS NULL OR list_contains([${["", ...enumMemberNames(kind.name, program)].map(stringLiteral).join(", ")}], CAST(${raw(name)} AS VARCHAR)))`
            : undefined;
    return {
      ...(valid === undefined ? {} : { valid }),
      // every reading is NULL where the field is empty (NULL in, NULL out): no test of presence first
      value: reading.value,
      present,
      // a typed column whose every value is one (a BOOLEAN for a bool) has nothing to test
      bad: reading.invalid === "FALSE" ? "FALSE" : `(${present} AND ${reading.invalid})`,
      problem: reading.invalid === "FALSE" ? "NULL" : `CASE WHEN ${present} AND ${reading.invalid} THEN ${stringLiteral(`${name}: `)} || (${reading.message}) END`,
    };
  };

  // an override that no row of a Parquet file gives (every row group NULL in its column), as
  // most are: a constant NULL once DuckDB binds the query, the column not read, and each case's
  // parameter the value of the parameters table without a test of the override
  const unlessNull = (reading: ColumnReading, name: string): ColumnReading =>
    parquet === undefined ? reading : { ...reading, value: `CASE WHEN ${nullProven(parquet, name)} THEN NULL ELSE ${reading.value} END` };
  const dateText = given(raw("date"));
  // a DATE column is read as it is, not through its text
  const dateTyped = columnTypes.get("date") === "DATE";
  const date = dateTyped
    ? readTyped(raw("date"), "DATE", { kind: "date" }, (message, shown) => `${stringLiteral(`${message}, got `)} || to_json(${shown})`, moneyWord(program.policy))!
    : readValue(dateText, { kind: "date" }, program);
  const datePresent = dateTyped ? `${raw("date")} IS NOT NULL` : `${dateText} IS NOT NULL`;
  const columns: ColumnReading[] = [
    {
      value: date.value,
      present: datePresent,
      bad: `(NOT ${datePresent} OR ${date.invalid})`,
      ...(date.valid === undefined
        ? {}
        : { valid: `(${datePresent} AND ${parquet !== undefined && dateTyped && date.validOf !== undefined ? `(${columnProven(parquet, "date", "DATE", date.validOf)} OR ${date.valid})` : date.valid})` }),
      problem: `CASE WHEN NOT ${datePresent} THEN 'date: the evaluation date is missing' WHEN ${date.invalid} THEN 'date: ' || (${date.message}) END`,
    },
  ];
  const itemProblems: string[] = [];
  for (const column of layout.columns) {
    switch (column.kind) {
      case "value":
        columns.push(scalar(column.name, column.type, true));
        break;
      case "override":
        columns.push(unlessNull(scalar(column.name, column.type), column.name));
        break;
      case "record_given":
        columns.push(scalar(column.name, { kind: "bool" }));
        // a record is given where its column is TRUE: every value of the column TRUE
        if (parquet !== undefined && columnTypes.get(column.name) === "BOOLEAN") givenProofs.set(column.name, givenProven(parquet, column.name, "stats_min_value = 'true'"));
        break;
      case "override_absent": {
        // a file without the column overrides no parameter to absent
        if (!columnTypes.has(column.name)) {
          columns.push({ value: "CAST(NULL AS BOOLEAN)", present: "FALSE", bad: "FALSE", problem: "NULL" });
          break;
        }
        const absent = unlessNull(scalar(column.name, { kind: "bool" }), column.name);
        // the override's column is the one before
        const override = columns.at(-1)!;
        const both = `(${absent.value} IS TRUE AND ${override.present})`;
        columns.push({
          value: absent.value,
          present: absent.present,
          bad: absent.bad === "FALSE" ? both : `(${absent.bad} OR ${both})`,
          problem: `CASE WHEN ${absent.bad} THEN ${absent.problem} WHEN ${both} THEN ${stringLiteral(`${column.name}: the parameter is overridden both to absent and to a value`)} END`,
        });
        break;
      }
      case "list": {
        const list = listItems(listOf(layout, column.name), raw(column.name), columnTypes.get(column.name), program, parquet);
        columns.push(list.column);
        itemProblems.push(list.problems);
        break;
      }
      case "series": {
        const series = seriesPeriods(seriesOf(layout, column.name), raw(column.name), program);
        columns.push(series.column);
        itemProblems.push(series.problems);
        break;
      }
    }
  }
  const unreadable = `coalesce(${columns.flatMap((c) => (c.bad === "FALSE" ? [] : [c.bad])).join(" OR ") || "FALSE"}, FALSE)`;
  const readProblems = `list_filter(flatten([[${columns.map((c) => c.problem).join(", ")}]${itemProblems.map((p) => `, ${p}`).join("")}]), p -> p IS NOT NULL)`;
  // measures asked for by name: a row that can be read but lacks one of their facts is bad input, its problems those of the Node engine
  const names = [DATE_COLUMN, ...layout.columns.map((c) => c.name)];
  const required = (measures === undefined ? [] : requiredFacts(program, measures)).map((fact) => {
    const column = columns[names.indexOf(fact.path)];
    if (column === undefined) throw new Error(`no column ${fact.path}`);
    // a record is given when its column is true; the reading of a boolean cannot fail
    return { missing: fact.record ? `(${column.value}) IS NOT TRUE` : `NOT (${column.present})`, problem: fact.problem };
  });
  const bad = required.length === 0 ? unreadable : `(${unreadable} OR ${required.map((r) => r.missing).join(" OR ")})`;
  const problems =
    required.length === 0
      ? readProblems
      : `CASE WHEN ${unreadable} THEN ${readProblems} ELSE list_filter([${required.map((r) => `CASE WHEN ${r.missing} THEN ${stringLiteral(r.problem)} END`).join(", ")}], p -> p IS NOT NULL) END`;
  // `bad` with each column's `valid` where it has one, in one expression over all the columns: a
  // FILTER over the rows read, where a test of one column alone would be pushed into the Parquet
  // reader, which costs more there when the other columns are read too
  const checkedBad = [
    ...columns.flatMap((c) => (c.bad === "FALSE" || c.valid === "TRUE" ? [] : [c.valid === undefined ? c.bad : `NOT ${c.valid}`])),
    ...required.map((r) => r.missing),
  ];
  const valid = `NOT coalesce(${checkedBad.join(" OR ") || "FALSE"}, FALSE)`;
  const rejectedSql = `INSERT INTO ${REJECTED_TABLE} SELECT src.${identifier(CASE_COLUMN)}, '{"line":' || src.${identifier(CASE_COLUMN)} || ',"errors":' || to_json(${problems}) || '}' FROM ${source} AS src WHERE ${bad}`;
  // what the statistics prove, computed by one scan of them into one variable
  if (parquet !== undefined && parquet.proofs.length > 0) {
    statements.push(`SET VARIABLE ${identifier(PROOFS_VARIABLE)} = (SELECT struct_pack(${parquet.proofs.join(", ")}) FROM ${STATISTICS_TABLE})`);
  }
  // the cases are a view of the file's good rows, read as the query that evaluates them goes:
  // a population larger than memory streams from the file to the results
  statements.push(`DROP TABLE ${CASES_TABLE}`);
  const casesView = (checked: boolean): string =>
    `CREATE OR REPLACE VIEW ${CASES_TABLE} AS SELECT src.${identifier(CASE_COLUMN)}, ${columns.map((c, index) => `${c.value} AS ${identifier(names[index]!)}`).join(", ")} FROM ${source} AS src${checked ? ` WHERE ${valid}` : ""}`;
  const dateValue = columnTypes.get("date") === "DATE" ? raw("date") : `TRY_CAST(${dateText} AS DATE)`;
  return { statements, rejectedSql, casesView, caseDates: `SELECT ${dateValue} AS ${identifier(DATE_COLUMN)} FROM ${source} AS src`, givenProofs };
}

/** A list column as JSON text: CSV holds the text, Parquet a LIST of STRUCTs or the text. */
function listText(column: string): string {
  return `nullif(nullif(CASE WHEN typeof(${column}) = 'VARCHAR' THEN CAST(${column} AS VARCHAR) ELSE CAST(to_json(${column}) AS VARCHAR) END, ''), 'null')`;
}

/**
 * The leaf fields of a LIST of STRUCTs type as DuckDB writes it (`STRUCT(a VARCHAR, b
 * STRUCT(c BIGINT))[]`), by path (`a`, `b.c`); undefined for any other type.
 */
export function structListFields(type: string): Map<string, string> | undefined {
  const match = /^STRUCT\((.*)\)\[\]$/s.exec(type);
  if (match === null) return undefined;
  const fields = new Map<string, string>();
  const walk = (body: string, prefix: string): void => {
    let depth = 0;
    let start = 0;
    const parts: string[] = [];
    for (let i = 0; i < body.length; i++) {
      const ch = body[i];
      if (ch === '"') {
        i = body.indexOf('"', i + 1);
        while (body[i + 1] === '"') i = body.indexOf('"', i + 2);
      } else if (ch === "(") depth++;
      else if (ch === ")") depth--;
      else if (ch === "," && depth === 0) {
        parts.push(body.slice(start, i).trim());
        start = i + 1;
      }
    }
    parts.push(body.slice(start).trim());
    for (const part of parts) {
      const named = /^("(?:[^"]|"")*"|[^ ]+) (.*)$/s.exec(part);
      if (named === null) continue;
      const name = named[1]!.startsWith('"') ? named[1]!.slice(1, -1).replace(/""/g, '"') : named[1]!;
      const fieldType = named[2]!;
      const path = prefix === "" ? name : `${prefix}.${name}`;
      const nested = /^STRUCT\((.*)\)$/s.exec(fieldType);
      if (nested !== null) walk(nested[1]!, path);
      else fields.set(path, fieldType);
    }
  };
  walk(match[1]!, "");
  return fields;
}

/**
 * A list column (JSON text, or a LIST of STRUCTs of type `columnType`): its items as the LIST
 * of STRUCTs of `tiao_cases`, and the problems of its items, in order
 * (`enterprise.trainees[0].months: …`). A LIST of STRUCTs is read field by field, typed; JSON
 * text through DuckDB's JSON functions.
 */
function listItems(
  list: ListTable,
  column: string,
  columnType: string | undefined,
  program: ProgramIR,
  /** a Parquet file, whose statistics may prove the items' whole numbers in range (see `statisticsProve`) */
  parquet?: ParquetSource,
): { column: ColumnReading; problems: string } {
  const structFields = columnType === undefined ? undefined : structListFields(columnType);
  const text = listText(column);
  const present = structFields === undefined ? `${text} IS NOT NULL` : `${column} IS NOT NULL`;
  const isArray = structFields === undefined ? `json_type(${text}) = 'ARRAY'` : "TRUE";
  const items = structFields === undefined ? `CAST(json_extract(${text}, '$[*]') AS JSON[])` : column;
  const field = (c: ValueColumn): { present: string; reading: Reading } => {
    if (structFields === undefined) {
      const fieldText = `nullif(json_extract_string(x, ${stringLiteral(`$.${c.name.split(".").map((p) => `"${p}"`).join(".")}`)}), '')`;
      return { present: `${fieldText} IS NOT NULL`, reading: readValue(fieldText, c.type, program, undefined, true) };
    }
    const fieldType = structFields.get(c.name);
    if (fieldType === undefined) return { present: "FALSE", reading: { value: "NULL", invalid: "FALSE", message: "NULL" } };
    const raw = `x.${c.name.split(".").map(identifier).join(".")}`;
    const fieldText = given(raw);
    const typed = fieldType === "VARCHAR" ? undefined : readTyped(raw, fieldType, c.type, (message, shown) => `${stringLiteral(`${message}, got `)} || to_json(${shown})`, moneyWord(program.policy));
    return typed === undefined ? { present: `${fieldText} IS NOT NULL`, reading: readValue(fieldText, c.type, program, undefined, true) } : { present: `${raw} IS NOT NULL`, reading: typed };
  };
  const fields = list.columns.map((c) => ({ column: c, ...field(c) }));
  // the item's series: a JSON object in the item's JSON, a MAP (or that text) in a STRUCT
  const seriesFields = list.series.map((series) => {
    const source = structFields === undefined ? `json_extract(x, ${stringLiteral(`$.${series.name.split(".").map((p) => `"${p}"`).join(".")}`)})` : structFields.has(series.name) ? `x.${series.name.split(".").map(identifier).join(".")}` : "NULL";
    const path = `${stringLiteral(`${list.name}[`)} || (i - 1) || ${stringLiteral(`].${series.name}`)}`;
    return { series, path, reading: seriesPeriods(series, source, program, { path, v: "e" }) };
  });
  // a required choice held as VARCHAR in a STRUCT of plain fields: the items are cast with that
  // field an ENUM of its members (one cast of all the items, no membership test in the lambda),
  // where a value not given ('' or NULL) or not a member is NULL
  const choiceFields =
    structFields === undefined || [...structFields.keys()].some((name) => name.includes("."))
      ? new Map<string, string>()
      : new Map(
          list.columns.flatMap((c) =>
            c.type.kind === "enum" && structFields.get(c.name) === "VARCHAR" ? [[c.name, `ENUM(${enumMemberNames(c.type.name, program).map(stringLiteral).join(", ")})`] as const] : [],
          ),
        );
  const checkedItems =
    choiceFields.size === 0 ? items : `TRY_CAST(${items} AS STRUCT(${[...structFields!].map(([name, type]) => `${identifier(name)} ${choiceFields.get(name) ?? type}`).join(", ")})[])`;
  // the whole numbers' ranges, left out of the test of each item where the file's statistics
  // prove them all: DuckDB folds a CASE on a constant, but not a constant inside a lambda
  const provable = (f: (typeof fields)[number]): boolean => {
    const kind = f.column.type.kind === "optional" ? f.column.type.of.kind : f.column.type.kind;
    const fieldType = structFields?.get(f.column.name);
    return parquet !== undefined && fieldType !== undefined && INTEGER_TYPES.has(fieldType) && !f.column.name.includes(".") && f.reading.invalid !== "FALSE" && (kind === "integer" || kind === "months" || kind === "days");
  };
  const proofs = fields.filter(provable).map((f) => statisticsProve(parquet!, list.name, f.column.name, "0", MAX_SAFE));
  const itemBadOf = (proven: boolean): string[] =>
    fields.flatMap((f) => {
      if (choiceFields.has(f.column.name)) return [`(x.${identifier(f.column.name)} IS NULL)`];
      const invalid = proven && provable(f) ? "FALSE" : f.reading.invalid;
      if (f.column.type.kind === "optional") return invalid === "FALSE" ? [] : [`(${f.present} AND ${invalid})`];
      return [invalid === "FALSE" ? `(NOT ${f.present})` : `(NOT ${f.present} OR ${invalid})`];
    });
  const itemBad = itemBadOf(false);
  const itemBadProven = itemBadOf(true);
  const itemProblems = fields.map((f) => {
    const path = `${stringLiteral(`${list.name}[`)} || (i - 1) || ${stringLiteral(`].${f.column.name}: `)}`;
    const missing = f.column.type.kind === "optional" ? "NULL" : `${path} || 'missing'`;
    return `CASE WHEN NOT ${f.present} THEN ${missing} WHEN ${f.reading.invalid} THEN ${path} || (${f.reading.message}) END`;
  });
  const struct = [
    ...fields.map((f) => `${identifier(f.column.name)} := CASE WHEN ${f.present} THEN ${f.reading.value} END`),
    ...seriesFields.map((f) => `${identifier(f.series.name)} := ${f.reading.column.value}`),
  ];
  // a series not given, without a value for the periods not given, is missing
  const seriesBad = seriesFields.map((f) => (f.series.hasMissing ? f.reading.column.bad : `(NOT ${f.reading.column.present} OR ${f.reading.column.bad})`));
  itemBad.push(...seriesBad);
  itemBadProven.push(...seriesBad);
  itemProblems.push(...seriesFields.map((f) => (f.series.hasMissing ? f.reading.column.problem : `CASE WHEN NOT ${f.reading.column.present} THEN ${f.path} || ': missing' ELSE ${f.reading.column.problem} END`)));
  const seriesProblems = seriesFields.map((f) => f.reading.problems);
  const anyBad = (tests: readonly string[]): string => (tests.length === 0 ? "FALSE" : anyItem(checkedItems, "x", tests.join(" OR ")));
  return {
    column: {
      value: structFields !== undefined && itemsAsRead(list, structFields) ? column : `CASE WHEN ${present} THEN list_transform(${items}, x -> struct_pack(${struct.join(", ")})) END`,
      present,
      bad: `(${present} AND (NOT ${isArray}${itemBad.length === 0 ? "" : ` OR ${proofs.length === 0 ? anyBad(itemBad) : `CASE WHEN ${proofs.join(" AND ")} THEN ${anyBad(itemBadProven)} ELSE ${anyBad(itemBad)} END`}`}))`,
      problem: `CASE WHEN ${present} AND NOT ${isArray} THEN ${stringLiteral(`${list.name}: expected a JSON array of objects`)} END`,
    },
    problems: `CASE WHEN ${present} AND ${isArray} THEN flatten(list_transform(${items}, (x, i) -> ${seriesProblems.length === 0 ? `[${itemProblems.join(", ")}]` : `flatten([[${itemProblems.join(", ")}], ${seriesProblems.join(", ")}])`})) ELSE [] END`,
  };
}

/**
 * Whether the Parquet file's statistics prove that every value of a whole-number field of a
 * list's items lies between `low` and `high`: a proof (statisticsVariable), TRUE only when
 * every row group of the file has a minimum and a maximum for the field's leaf column
 * (`parquet_metadata`) within those bounds. DuckDB folds it when it binds the query and keeps
 * one branch of a CASE on it (it does not fold a constant inside a lambda). A NULL field is
 * not among those statistics (a leaf's count of NULLs counts the empty lists too): the test
 * of its presence stays.
 */
function statisticsProve(parquet: ParquetSource, list: string, field: string, low: string, high: string): string {
  const name = `tiao_statistics ${list}.${field} ${low} ${high}`;
  // the leaf's path: the list's column, the two levels of a Parquet LIST (their names vary by writer), the field
  const leaf = `starts_with(path_in_schema, ${stringLiteral(`${list}, `)}) AND ends_with(path_in_schema, ${stringLiteral(`, ${field}`)}) AND len(string_split(path_in_schema, ', ')) = ${list.split(", ").length + 3}`;
  return statisticsVariable(parquet, name, leaf, `coalesce(TRY_CAST(stats_min_value AS HUGEINT) >= ${low} AND TRY_CAST(stats_max_value AS HUGEINT) <= ${high}, FALSE)`);
}

/**
 * Whether the Parquet file's statistics prove the range test `validOf` of a typed column for
 * every row: a proof (statisticsVariable), TRUE only when each row group of the file holds
 * no value in the column or has a minimum and a maximum for it that pass the test (a range
 * holds of every value between two that it holds of). DuckDB folds it when it binds the
 * query, and a test `(… OR TRUE OR …)` by TRUE: the cases' view then leaves the column's test
 * out, which it does not decide from the reader's statistics itself. The search for the bad
 * rows (`rejectedSql`) keeps every test.
 */
function columnProven(parquet: ParquetSource, column: string, columnType: string, validOf: (column: string) => string): string {
  const name = `tiao_statistics ${column}`;
  const passes = (statistic: string): string => validOf(`TRY_CAST(${statistic} AS ${columnType})`);
  return statisticsVariable(
    parquet,
    name,
    `path_in_schema = ${stringLiteral(column)}`,
    `coalesce(stats_null_count = num_values, FALSE) OR coalesce(${passes("stats_min_value")} AND ${passes("stats_max_value")}, FALSE)`,
  );
}

/**
 * Whether the Parquet file's statistics prove a column NULL in every row: a proof
 * (statisticsVariable), TRUE only when every row group of the file counts as many NULLs in the
 * column as values.
 */
function nullProven(parquet: ParquetSource, column: string): string {
  return statisticsVariable(parquet, `tiao_null ${column}`, `path_in_schema = ${stringLiteral(column)}`, "coalesce(stats_null_count = num_values, FALSE)");
}

/**
 * Whether the Parquet file's statistics prove a column given in every row (its value in
 * `tiao_cases` never NULL): a proof (statisticsVariable), TRUE only when every row group of the
 * file has the column without a NULL (and, `also`, a test of its minimum: a text column whose least
 * text is not empty has no empty text, a BOOLEAN column whose least value is true no false).
 * A measure whose facts are all proven given is computed without its test of them
 * (`SqlOptions.factsGiven`).
 */
function givenProven(parquet: ParquetSource, column: string, also?: string): string {
  return statisticsVariable(
    parquet,
    `tiao_given ${column}`,
    `path_in_schema = ${stringLiteral(column)}`,
    `coalesce(stats_null_count = 0${also === undefined ? "" : ` AND ${also}`}, FALSE)`,
  );
}

/**
 * The proof `name` from the Parquet file's statistics: TRUE when the rows of the statistics
 * that `where` picks (a column's row groups) are some and `proves` holds of each (never NULL),
 * FALSE otherwise; the SQL that reads it. The proofs are the fields of one DuckDB variable
 * (PROOFS_VARIABLE), set before the query by one statement, where a variable a proof (some
 * hundred statements) took some 50 ms more; DuckDB replaces the variable by its value when it
 * binds the query, and folds the field of that constant.
 */
function statisticsVariable(parquet: ParquetSource, name: string, where: string, proves: string): string {
  // `proves` computed on the rows `where` picks only (a FILTER computes it on every row)
  parquet.proofs.push(`${identifier(name)} := coalesce(bool_and(CASE WHEN ${where} THEN ${proves} END), FALSE)`);
  return statisticsProof(name);
}

/** The SQL reading the proof `name` (statisticsVariable), once the statements have run. */
export function statisticsProof(name: string): string {
  return `struct_extract(getvariable(${stringLiteral(PROOFS_VARIABLE)}), ${stringLiteral(name)})`;
}

/**
 * A series column (a JSON object keyed by period, or a Parquet MAP): its periods as the LIST of
 * STRUCT(period, value) of `tiao_cases`, in the periods' order, and the problems of its keys
 * and values, as the scenario reader words them (`household.salary.2024-13: expected a month
 * "YYYY-MM" from 0001 to 9999 as the key`). A series left out with a value for the periods
 * not given is an empty series, as the scenario reader makes it.
 */
function seriesPeriods(
  series: SeriesTable,
  column: string,
  program: ProgramIR,
  /** the SQL text of the series' path in a problem, and the name of the lambdas' parameter */
  where: { readonly path: string; readonly v: string } = { path: stringLiteral(series.name), v: "x" },
): { column: ColumnReading; problems: string } {
  const { v } = where;
  const text = listText(column);
  const present = `${text} IS NOT NULL`;
  const isObject = `CASE WHEN json_valid(${text}) THEN json_type(${text}) = 'OBJECT' ELSE FALSE END`;
  const entries = `CASE WHEN ${isObject} THEN map_entries(json_transform(${text}, '"MAP(VARCHAR, JSON)"')) ELSE [] END`;
  const month = series.period === "month";
  const keyPattern = stringLiteral(month ? "^[0-9]{4}-(0[1-9]|1[0-2])$" : "^[0-9]{4}$");
  const badKey = `(NOT regexp_full_match(${v}.key, ${keyPattern}) OR starts_with(${v}.key, '0000'))`;
  const fieldText = `nullif(json_extract_string(${v}.value, '$'), '')`;
  const reading = readValue(fieldText, series.of, program, undefined, true);
  const optional = series.of.kind === "optional";
  const valueBad = optional ? `(${fieldText} IS NOT NULL AND ${reading.invalid})` : `(${fieldText} IS NULL OR ${reading.invalid})`;
  // the key as the scenario reader shows it in a path
  const shownKey = `CASE WHEN ${v}.key = '' THEN '""' WHEN length(${v}.key) <= 80 THEN ${v}.key ELSE left(${v}.key, 80) || '… (' || length(${v}.key) || ' characters)' END`;
  const path = `${where.path} || '.' || ${shownKey} || ': '`;
  const keyMessage = stringLiteral(`expected a ${month ? 'month "YYYY-MM"' : 'year "YYYY"'} from 0001 to 9999 as the key`);
  const problem = `CASE WHEN ${badKey} THEN ${path} || ${keyMessage} WHEN ${fieldText} IS NULL THEN ${optional ? "NULL" : `${path} || 'missing'`} WHEN ${reading.invalid} THEN ${path} || (${reading.message}) END`;
  const periods = `list_sort(list_transform(${entries}, ${v} -> struct_pack(${identifier(PERIOD_FIELD)} := ${v}.key, ${identifier(PERIOD_VALUE_FIELD)} := CASE WHEN ${fieldText} IS NOT NULL THEN ${reading.value} END)))`;
  const example = month ? '{"2017-01": …, "2017-02": …}' : '{"2016": …, "2017": …}';
  return {
    column: {
      value: `CASE WHEN ${present} THEN ${periods}${series.hasMissing ? " ELSE []" : ""} END`,
      present,
      bad: `(${present} AND (NOT ${isObject} OR ${anyItem(entries, v, `${badKey} OR ${valueBad}`)}))`,
      // as the scenario reader describes what it got: a list, or the JSON text of a value
      problem: `CASE WHEN ${present} AND NOT ${isObject} THEN ${where.path} || ${stringLiteral(`: expected the values of each ${series.period} as an object such as ${example}, got `)} || CASE WHEN NOT json_valid(${text}) THEN CAST(to_json(${text}) AS VARCHAR) WHEN json_type(${text}) = 'ARRAY' THEN 'a list' ELSE CAST(${text} AS VARCHAR) END END`,
    },
    problems: `CASE WHEN ${present} AND ${isObject} THEN list_transform(${entries}, ${v} -> ${problem}) ELSE [] END`,
  };
}

/**
 * Whether a LIST of STRUCTs (its leaf fields `structFields`) holds, in a row that can be read,
 * the items as `tiao_cases` holds them, so that the column is read as it is, not rebuilt item
 * by item: the list's fields, in order, each of the type of its value, none a record or a
 * series (whose periods are checked and sorted when read), and none whose reading changes a
 * value (a text or choice given is never empty there; an absent one would be, and is NULL in
 * `tiao_cases`).
 */
function itemsAsRead(list: ListTable, structFields: ReadonlyMap<string, string>): boolean {
  const names = [...structFields.keys()];
  return (
    list.series.length === 0 &&
    names.length === list.columns.length &&
    list.columns.every((c, index) => {
      if (names[index] !== c.name || c.name.includes(".") || structFields.get(c.name) !== sqlType(c.type, "duckdb")) return false;
      const kind = c.type.kind === "optional" ? c.type.of.kind : c.type.kind;
      switch (kind) {
        case "bool":
        case "integer":
        case "months":
        case "days":
        case "date":
        case "decimal":
        case "unrounded_money":
          return true;
        case "enum":
        case "text":
          return c.type.kind !== "optional";
        default:
          return false;
      }
    })
  );
}

/**
 * The cases of the tables as a flat file's rows (the inverse of `flatInputSql`): for the
 * benchmark's Parquet files, and to show the layout.
 */
export function flatExportSql(program: ProgramIR): string {
  const { layout } = caseLayout(program.schema);
  const columns = [`c.${identifier(DATE_COLUMN)} AS ${identifier("date")}`];
  for (const column of layout.columns) {
    const source = `c.${identifier(column.name)}`;
    switch (column.kind) {
      case "value":
      case "override":
        columns.push(`${exportValue(source, column.type)} AS ${identifier(column.name)}`);
        break;
      case "record_given":
      case "override_absent":
        columns.push(`${source} AS ${identifier(column.name)}`);
        break;
      case "series":
        columns.push(`${seriesJson(source, seriesOf(layout, column.name), "x")} AS ${identifier(column.name)}`);
        break;
      case "list": {
        const list = listOf(layout, column.name);
        const struct = [
          ...list.columns.map((c) => `${identifier(c.name)} := ${exportValue(`x.${identifier(c.name)}`, c.type)}`),
          ...list.series.map((series) => `${identifier(series.name)} := ${seriesJson(`x.${identifier(series.name)}`, series, "e")}`),
        ].join(", ");
        columns.push(`list_transform(${source}, x -> struct_pack(${struct})) AS ${identifier(column.name)}`);
        break;
      }
    }
  }
  return `SELECT ${columns.join(", ")} FROM ${CASES_TABLE} AS c`;
}


/** A series as the JSON object of its periods' values, keyed by period, as a scenario gives it. */
function seriesJson(source: string, series: SeriesTable, v: string): string {
  const entry = `to_json(${v}.${identifier(PERIOD_FIELD)}) || ':' || to_json(${flatValueText(`${v}.${identifier(PERIOD_VALUE_FIELD)}`, series.of)})`;
  return `CASE WHEN ${source} IS NOT NULL THEN '{' || array_to_string(list_transform(${source}, ${v} -> ${entry}), ',') || '}' END`;
}

/** A value in an exported file: typed where Parquet has the type (money, percent and decimal as DECIMAL, dates as DATE), else as a flat file's text. */
function exportValue(value: string, type: ValueType): string {
  switch (type.kind) {
    case "date":
      return value;
    case "percent":
      return `CAST(${value} AS DECIMAL(18,0)) * 0.0001`;
    case "decimal":
    case "unrounded_money":
      return value;
    case "optional":
      return exportValue(value, type.of);
    default:
      return flatValueText(value, type);
  }
}
