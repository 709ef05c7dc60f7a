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
 * - values as text: money `1820.50` (yuan, at most two decimals), percentages `60%` or `60`,
 *   dates `YYYY-MM-DD`, times `HH:MM`, sets as member names joined by commas; an empty field
 *   is a fact not given. Parquet columns may also be typed (BOOLEAN, integers, DECIMAL, DATE):
 *   they are read through their text.
 *
 * Every value is checked in SQL; a row with a bad value is kept out of the cases and its line
 * of results names the row (1-based, the header not counted) and each bad column, as the Node
 * engine names the line and path of a bad scenario. The other rows go on.
 */
import type { ValueType } from "../../runtime/types.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { REJECTED_TABLE, flatValueText } from "../../compiler/sql/emit.js";
import { CASE_COLUMN, CASES_TABLE, DATE_COLUMN, ITEM_COLUMN, caseLayout, identifier, stringLiteral, type CaseColumn, type CaseLayout, type ValueColumn } from "../../compiler/sql/tables.js";
import { DUCKDB_DECIMAL, DUCKDB_DECIMAL_LIMIT } from "../../compiler/sql/dialect.js";

const STAGING = "tiao_staging";
const MAX_SAFE = "9007199254740991";

/** The flat columns of a policy's cases, in order: `date`, then the layout's columns by path. */
export function flatColumns(layout: CaseLayout): string[] {
  return ["date", ...layout.columns.map((c) => c.name)];
}

/** A value of `type` in the text `text` (a SQL expression of VARCHAR): its SQL value, and the problem when it is not one. */
function readValue(text: string, type: ValueType, program: ProgramIR): { value: string; problem: string } {
  const bad = (message: string): string => `${stringLiteral(`${message}, got `)} || to_json(${text})`;
  switch (type.kind) {
    case "bool":
      return { value: `(lower(${text}) = 'true')`, problem: `CASE WHEN lower(${text}) NOT IN ('true', 'false') THEN ${bad("expected true or false")} END` };
    case "integer":
    case "months":
    case "days":
      return {
        value: `CAST(${text} AS BIGINT)`,
        problem: `CASE WHEN NOT regexp_full_match(${text}, '[0-9]{1,16}') OR CAST(${text} AS HUGEINT) > ${MAX_SAFE} THEN ${bad("expected a non-negative integer")} END`,
      };
    case "money":
      return {
        value: `CAST(CAST(${text} AS DECIMAL(18,2)) * 100 AS BIGINT)`,
        problem: `CASE WHEN NOT regexp_full_match(${text}, '[0-9]{1,13}(\\.[0-9]{1,2})?') THEN ${bad("expected an amount in yuan, not negative, with at most two decimals")} END`,
      };
    case "percent":
      return {
        value: `CAST(CAST(rtrim(${text}, '%') AS DECIMAL(18,4)) * 10000 AS BIGINT)`,
        problem: `CASE WHEN NOT regexp_full_match(${text}, '[0-9]{1,12}(\\.[0-9]{1,4})?%?') THEN ${bad('expected a percentage such as "60%" or "12.5", not negative, with at most four decimals')} END`,
      };
    case "decimal":
    case "unrounded_money":
      return {
        value: `CAST(${text} AS ${DUCKDB_DECIMAL})`,
        problem: `CASE WHEN NOT regexp_full_match(${text}, '-?[0-9]{1,17}(\\.[0-9]{1,10})?') OR abs(CAST(${text} AS ${DUCKDB_DECIMAL})) >= ${DUCKDB_DECIMAL_LIMIT} THEN ${bad("expected a number below 10^17 with at most 10 decimals (DuckDB's exact range)")} END`,
      };
    case "date":
      return {
        value: `CAST(${text} AS DATE)`,
        problem: `CASE WHEN NOT regexp_full_match(${text}, '[0-9]{4}-[0-9]{2}-[0-9]{2}') OR TRY_CAST(${text} AS DATE) IS NULL OR ${text} < '0001-01-01' THEN ${bad("expected a date YYYY-MM-DD")} END`,
      };
    case "time":
      return {
        value: `CAST(substr(${text}, 1, 2) AS INTEGER) * 60 + CAST(substr(${text}, 4, 2) AS INTEGER)`,
        problem: `CASE WHEN NOT regexp_full_match(${text}, '([01][0-9]|2[0-3]):[0-5][0-9]') THEN ${bad("expected a time HH:MM")} END`,
      };
    case "enum": {
      const members = enumMembers(type.name, program);
      return { value: text, problem: `CASE WHEN ${text} NOT IN (${members.map(stringLiteral).join(", ")}) THEN ${bad(`expected one of ${members.join(", ")}`)} END` };
    }
    case "set": {
      const members = enumMembers(type.of, program);
      const names = `string_split(${text}, ',')`;
      return {
        value: `CASE WHEN ${text} = '' THEN '' ELSE array_to_string(list_sort(list_distinct(${names})), ',') END`,
        problem: `CASE WHEN ${text} <> '' AND NOT list_bool_and(list_transform(${names}, m -> m IN (${members.map(stringLiteral).join(", ")}))) THEN ${bad(`expected members of ${type.of} joined by commas`)} END`,
      };
    }
    case "optional":
      return readValue(text, type.of, program);
    case "record":
    case "list":
    case "series":
      throw new Error(`a ${type.kind} has no column`);
  }
}

function enumMembers(name: string, program: ProgramIR): string[] {
  const declaration = program.schema.enums.find((e) => e.name === name);
  if (declaration === undefined) throw new Error(`no enum ${name}`);
  return declaration.members.map((m) => m.name);
}

/** `text` when given: a column's text, NULL for an empty field. */
function given(expression: string): string {
  return `nullif(CAST(${expression} AS VARCHAR), '')`;
}

/**
 * The SQL that reads a CSV or Parquet file into the tables of cases: the rows into a staging
 * table (each with its row number), the good ones into `tiao_cases` and the list tables, the
 * bad ones into `tiao_rejected` with their problems.
 */
export function flatInputSql(program: ProgramIR, path: string, format: "csv" | "parquet"): string[] {
  const { layout } = caseLayout(program.schema);
  const source =
    format === "csv"
      ? `read_csv(${stringLiteral(path)}, header = true, all_varchar = true, auto_detect = true)`
      : `read_parquet(${stringLiteral(path)})`;
  const columnText = (name: string): string => given(`src.${identifier(name)}`);
  // a table keeps the file's order (DuckDB preserves insertion order), so that its row id is the row's place
  const staged = [
    `src.rowid + 1 AS ${identifier(CASE_COLUMN)}`,
    `${columnText("date")} AS ${identifier("date")}`,
    ...layout.columns.map((c) =>
      c.kind === "list_count"
        ? `${listText(`src.${identifier(c.name)}`)} AS ${identifier(c.name)}`
        : `${columnText(c.name)} AS ${identifier(c.name)}`,
    ),
  ];
  const statements = [
    `CREATE OR REPLACE TEMP TABLE tiao_source AS SELECT * FROM ${source}`,
    `CREATE OR REPLACE TEMP TABLE ${STAGING} AS SELECT ${staged.join(", ")} FROM tiao_source AS src`,
  ];

  // problems of each row: its columns, then its list items
  const problems: string[] = [`CASE WHEN s.${identifier("date")} IS NULL THEN 'date: the evaluation date is missing' END`];
  const dateRead = readValue(`s.${identifier("date")}`, { kind: "date" }, program);
  problems.push(`'date: ' || (${dateRead.problem})`);
  const values: string[] = [`s.${identifier(CASE_COLUMN)}`, dateRead.value];
  for (const column of layout.columns) {
    const text = `s.${identifier(column.name)}`;
    const read = caseColumnRead(column, text, program);
    values.push(`CASE WHEN ${text} IS NULL THEN NULL ELSE ${read.value} END`);
    if (read.problem !== undefined) problems.push(`CASE WHEN ${text} IS NOT NULL THEN ${stringLiteral(`${column.name}: `)} || (${read.problem}) END`);
  }
  for (const list of layout.lists) {
    const items = listItems(list.name, list.columns, program);
    problems.push(`(SELECT string_agg(problem, '\n' ORDER BY item, position) FROM (${items.problems}) AS p WHERE p.${identifier(CASE_COLUMN)} = s.${identifier(CASE_COLUMN)})`);
    statements.push(`CREATE OR REPLACE TEMP TABLE ${identifier(`items of ${list.name}`)} AS ${items.rows}`);
  }
  const problemList = `list_filter([${problems.join(", ")}], p -> p IS NOT NULL)`;
  statements.push(`CREATE OR REPLACE TEMP TABLE tiao_staging_problems AS SELECT s.${identifier(CASE_COLUMN)}, ${problemList} AS problems FROM ${STAGING} AS s`);
  statements.push(
    `INSERT INTO ${REJECTED_TABLE} SELECT p.${identifier(CASE_COLUMN)}, '{"line":' || p.${identifier(CASE_COLUMN)} || ',"errors":' || to_json(flatten(list_transform(p.problems, x -> string_split(x, '\n')))) || '}' FROM tiao_staging_problems AS p WHERE len(p.problems) > 0`,
  );
  const good = `s.${identifier(CASE_COLUMN)} IN (SELECT ${identifier(CASE_COLUMN)} FROM tiao_staging_problems WHERE len(problems) = 0)`;
  statements.push(`INSERT INTO ${CASES_TABLE} SELECT ${values.join(", ")} FROM ${STAGING} AS s WHERE ${good}`);
  for (const list of layout.lists) {
    const items = identifier(`items of ${list.name}`);
    const itemValues = list.columns.map((c) => {
      const text = `i.${identifier(c.name)}`;
      return `CASE WHEN ${text} IS NULL THEN NULL ELSE ${readValue(text, c.type, program).value} END`;
    });
    statements.push(
      `INSERT INTO ${identifier(list.name)} SELECT i.${identifier(CASE_COLUMN)}, i.${identifier(ITEM_COLUMN)}${itemValues.map((v) => `, ${v}`).join("")} FROM ${items} AS i WHERE i.${identifier(CASE_COLUMN)} IN (SELECT ${identifier(CASE_COLUMN)} FROM tiao_staging_problems WHERE len(problems) = 0)`,
    );
  }
  return statements;
}

/** A list column as JSON text: CSV holds the text, Parquet a LIST of STRUCTs or the text. */
function listText(column: string): string {
  return `nullif(nullif(CASE WHEN typeof(${column}) = 'VARCHAR' THEN CAST(${column} AS VARCHAR) ELSE CAST(to_json(${column}) AS VARCHAR) END, ''), 'null')`;
}

function caseColumnRead(column: CaseColumn, text: string, program: ProgramIR): { value: string; problem?: string } {
  switch (column.kind) {
    case "value":
    case "override":
      return readValue(text, column.type, program);
    case "record_given":
      return readValue(text, { kind: "bool" }, program);
    case "list_count":
      return {
        value: `json_array_length(${text})`,
        problem: `CASE WHEN json_type(${text}) <> 'ARRAY' THEN ${stringLiteral("expected a JSON array of objects")} END`,
      };
  }
}

/** The items of a list column (JSON text in the staging table), one row each, and their problems. */
function listItems(name: string, columns: readonly ValueColumn[], program: ProgramIR): { rows: string; problems: string } {
  const unnested = `SELECT s.${identifier(CASE_COLUMN)}, CAST(item.index - 1 AS INTEGER) AS ${identifier(ITEM_COLUMN)}, item.value AS item FROM ${STAGING} AS s, LATERAL (SELECT unnest(range(1, CAST(json_array_length(s.${identifier(name)}) AS BIGINT) + 1)) AS index, unnest(CAST(json_extract(s.${identifier(name)}, '$[*]') AS JSON[])) AS value) AS item WHERE s.${identifier(name)} IS NOT NULL AND json_type(s.${identifier(name)}) = 'ARRAY'`;
  const fields = columns.map((c) => `nullif(json_extract_string(u.item, ${stringLiteral(`$.${c.name.split(".").map((p) => `"${p}"`).join(".")}`)}), '') AS ${identifier(c.name)}`);
  const rows = `SELECT u.${identifier(CASE_COLUMN)}, u.${identifier(ITEM_COLUMN)}${fields.map((f) => `, ${f}`).join("")} FROM (${unnested}) AS u`;
  const problems = columns.map((c, position) => {
    const text = `i.${identifier(c.name)}`;
    const read = readValue(text, c.type, program);
    const path = `${stringLiteral(`${name}[`)} || i.${identifier(ITEM_COLUMN)} || ${stringLiteral(`].${c.name}: `)}`;
    const missing = c.type.kind === "optional" ? "NULL" : `${path} || 'missing'`;
    return `SELECT i.${identifier(CASE_COLUMN)}, i.${identifier(ITEM_COLUMN)} AS item, ${position} AS position, CASE WHEN ${text} IS NULL THEN ${missing} ELSE ${path} || (${read.problem}) END AS problem FROM (${rows}) AS i`;
  });
  return { rows, problems: `SELECT * FROM (${problems.join(" UNION ALL ")}) WHERE problem IS NOT NULL` };
}

/**
 * The cases of the tables as a flat file's rows (the inverse of `flatInputSql`): for the
 * benchmark's Parquet files, and to show the layout.
 */
export function flatExportSql(program: ProgramIR): string {
  const { layout } = caseLayout(program.schema);
  const columns = [`tiao_date_text(c.${identifier(DATE_COLUMN)}) AS ${identifier("date")}`];
  for (const column of layout.columns) {
    const source = `c.${identifier(column.name)}`;
    switch (column.kind) {
      case "value":
      case "override":
        columns.push(`${flatValueText(source, column.type)} AS ${identifier(column.name)}`);
        break;
      case "record_given":
        columns.push(`${source} AS ${identifier(column.name)}`);
        break;
      case "list_count": {
        const list = layout.lists.find((l) => l.name === column.name);
        if (list === undefined) throw new Error(`no list ${column.name}`);
        const struct = list.columns.map((c) => `${identifier(c.name)} := ${flatValueText(`i.${identifier(c.name)}`, c.type)}`).join(", ");
        columns.push(
          `CASE WHEN ${source} IS NULL THEN NULL ELSE coalesce((SELECT list(struct_pack(${struct}) ORDER BY i.${identifier(ITEM_COLUMN)}) FROM ${identifier(list.name)} AS i WHERE i.${identifier(CASE_COLUMN)} = c.${identifier(CASE_COLUMN)}), []) END AS ${identifier(column.name)}`,
        );
        break;
      }
    }
  }
  return `SELECT ${columns.join(", ")} FROM ${CASES_TABLE} AS c ORDER BY c.${identifier(CASE_COLUMN)}`;
}

