/**
 * How a population of scenarios is laid out as SQL tables, derived from the policy's facts
 * (the same declarations as its JSON Schema): one row per case in `tiao_cases`, one column
 * per fact path, and one child table per list, keyed by case and item number.
 *
 * - a scalar field is one column named by its path: `person.insured_months`;
 * - a record field is flattened into its fields' columns (`enterprise.indicators.profit.current`),
 *   with a BOOLEAN column of its own path telling whether the scenario gave it;
 * - a list of records is a column of its path (`enterprise.trainees`; NULL: not given). In
 *   DuckDB it holds the items, a LIST of STRUCTs whose fields are the item's columns: a case
 *   is one row that a query reads in one pass, in order, without a join. In PostgreSQL it holds
 *   the number of items, and the items are rows of a child table named by the path, with
 *   `#case`, `#item` (0-based, the list's order) and the item's columns;
 * - a series (a fact given month by month or year by year) is a column of its path (NULL: not
 *   given). In DuckDB it holds the periods given, a LIST of STRUCT(period, value) in the
 *   periods' order (`[{'period': '2024-01', 'value': 240000}]`); in PostgreSQL the number of
 *   periods given, and the periods are rows of a child table named by the path, with `#case`,
 *   `period` and `value`;
 * - an override of a parameter is a column `parameters.<name>` (NULL: not overridden).
 *
 * - a series in a list's item is a field of the item's STRUCT in DuckDB, a LIST of
 *   STRUCT(period, value); in PostgreSQL a child table named by the list's path and the
 *   item's (`household.members.salary`), with `#case`, `#item`, `period` and `value`.
 *
 * Lists inside list items, optional records and optional lists have no layout here: the
 * SQL target refuses them (T0701), where they are declared.
 */
import type { FactSchema, RecordDecl, SeriesPeriod, SourceSpan, ValueType } from "../../runtime/types.js";
import { sqlType, type Dialect } from "./dialect.js";

/** A column holding values of a non-record, non-list type. */
export interface ValueColumn {
  /** the fact path relative to its table: `person.insured`, or `months` in a list's table */
  readonly name: string;
  readonly type: ValueType;
}

export interface ListTable {
  /** the list's fact path, also the table's name: `enterprise.trainees` */
  readonly name: string;
  readonly record: string;
  readonly columns: readonly ValueColumn[];
  /**
   * the item's series: in DuckDB fields of the item's STRUCT (a LIST of STRUCT(period,
   * value) each); in PostgreSQL tables of their own, one row per period of an item
   */
  readonly series: readonly SeriesTable[];
}

/** A series: its periods (months or years) and what each holds. */
export interface SeriesTable {
  /** the series' fact path (`worker.wage`), or its path in a list's item (`salary`) */
  readonly name: string;
  /** its table's name in PostgreSQL: the whole path (`worker.wage`, `household.members.salary`) */
  readonly table: string;
  readonly period: SeriesPeriod;
  /** the type of a period's value */
  readonly of: ValueType;
  /** whether a period not given has a value (`otherwise`): the series may then be left out */
  readonly hasMissing: boolean;
}

export interface CaseLayout {
  /** every column of `tiao_cases` after `#case` and `#date`, in schema order */
  readonly columns: readonly CaseColumn[];
  readonly lists: readonly ListTable[];
  readonly series: readonly SeriesTable[];
}

export type CaseColumn =
  | ({ readonly kind: "value" } & ValueColumn)
  /** the record `name` was given (its fields have columns of their own) */
  | { readonly kind: "record_given"; readonly name: string }
  /** the list `name`: its items (DuckDB) or their number (PostgreSQL); NULL: not given */
  | { readonly kind: "list"; readonly name: string }
  /** the series `name`: its periods (DuckDB) or their number (PostgreSQL); NULL: not given */
  | { readonly kind: "series"; readonly name: string; readonly series: SeriesTable }
  | { readonly kind: "override"; readonly name: string; readonly parameter: string; readonly type: ValueType }
  /** an optional parameter overridden to absent (`"parameters": {"x": null}`): TRUE; NULL: not */
  | { readonly kind: "override_absent"; readonly name: string; readonly parameter: string };

export interface LayoutProblem {
  readonly span: SourceSpan;
  readonly message: string;
}

/** The column of a case's number: its line (NDJSON) or row (CSV, Parquet) in the input. */
export const CASE_COLUMN = "#case";
export const DATE_COLUMN = "#date";
export const ITEM_COLUMN = "#item";
/** The fields of a series' period: its key (`2024-01`, `2024`) and its value. */
export const PERIOD_FIELD = "period";
export const PERIOD_VALUE_FIELD = "value";
export const CASES_TABLE = "tiao_cases";

export function caseLayout(schema: FactSchema): { layout: CaseLayout; problems: LayoutProblem[] } {
  const records = new Map(schema.records.map((record) => [record.name, record]));
  const columns: CaseColumn[] = [];
  const lists: ListTable[] = [];
  const series: SeriesTable[] = [];
  const problems: LayoutProblem[] = [];

  const recordOf = (name: string): RecordDecl => {
    const record = records.get(name);
    if (record === undefined) throw new Error(`the schema has no record ${name}`);
    return record;
  };

  /** The value columns of a record's fields under `prefix`; lists are reported to `onList`. */
  const flatten = (record: RecordDecl, prefix: string, into: (column: CaseColumn) => void, inList: boolean): void => {
    for (const field of record.fields) {
      const path = prefix === "" ? field.name : `${prefix}.${field.name}`;
      const type = field.type;
      if (type.kind === "record") {
        if (!inList && prefix.indexOf(".") === -1) into({ kind: "record_given", name: path });
        flatten(recordOf(type.name), path, into, inList);
      } else if (type.kind === "list") {
        if (inList) {
          problems.push({ span: field.span, message: `the SQL target cannot lay out \`${path}\`, a list inside a list item` });
          continue;
        }
        into({ kind: "list", name: path });
        const itemColumns: CaseColumn[] = [];
        flatten(recordOf(type.of), "", (column) => itemColumns.push(column), true);
        lists.push({
          name: path,
          record: type.of,
          columns: itemColumns.flatMap((c) => (c.kind === "value" ? [{ name: c.name, type: c.type }] : [])),
          series: itemColumns.flatMap((c) => (c.kind === "series" ? [{ ...c.series, table: `${path}.${c.series.name}` }] : [])),
        });
      } else if (type.kind === "series") {
        const held = type.of.kind === "optional" ? type.of.of : type.of;
        if (isSigned(type.of)) {
          problems.push({ span: field.span, message: `the SQL target cannot lay out \`${path}\`, an amount that may be negative (\`signed money\`)` });
        } else if (held.kind === "record" || held.kind === "list" || held.kind === "series" || held.kind === "per_member") {
          problems.push({ span: field.span, message: `the SQL target cannot lay out \`${path}\`, a ${held.kind} for each ${type.period}` });
        } else {
          const table = { name: path, table: path, period: type.period, of: type.of, hasMissing: type.missing !== undefined };
          into({ kind: "series", name: path, series: table });
          if (!inList) series.push(table);
        }
      } else if (isSigned(type)) {
        // the flat files' readers take amounts that are not negative
        problems.push({ span: field.span, message: `the SQL target cannot lay out \`${path}\`, an amount that may be negative (\`signed money\`)` });
      } else if (field.default !== undefined) {
        // a flat file's empty field is a fact not given: the default would have to be filled in row by row
        problems.push({ span: field.span, message: `the SQL target cannot lay out \`${path}\`, a fact with a default (\`otherwise\`)` });
      } else if (type.kind === "optional" && (type.of.kind === "record" || type.of.kind === "list")) {
        problems.push({ span: field.span, message: `the SQL target cannot lay out \`${path}\`, an optional ${type.of.kind}` });
      } else {
        into({ kind: "value", name: path, type });
      }
    }
  };

  for (const parameter of schema.parameters) {
    columns.push({ kind: "override", name: `parameters.${parameter.name}`, parameter: parameter.name, type: parameter.type });
    if (parameter.type.kind === "optional") columns.push({ kind: "override_absent", name: absentColumn(parameter.name), parameter: parameter.name });
  }
  for (const record of schema.records) {
    if (record.entity) flatten(record, record.name, (column) => columns.push(column), false);
  }
  return { layout: { columns, lists, series }, problems };
}

/** The column telling that a case overrides an optional parameter to absent. */
export function absentColumn(parameter: string): string {
  return `parameters.${parameter}#absent`;
}

function isSigned(type: ValueType): boolean {
  const held = type.kind === "optional" ? type.of : type;
  return held.kind === "money" && held.signed === true;
}

/**
 * The name a scale's figure has in the parameters table: `<scale>.<bracket>.threshold` or
 * `<scale>.<bracket>.rate` (no parameter's name has a dot).
 */
export function scaleFigureName(scale: string, bracket: string, figure: "threshold" | "rate"): string {
  return `${scale}.${bracket}.${figure}`;
}

/** A SQL identifier: any name, quoted. */
export function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A SQL string literal whose value is `text` (standard-conforming strings: only `'` is doubled). */
export function stringLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** The SQL type of a list's column in `tiao_cases`. */
export function listColumnType(list: ListTable, dialect: Dialect): string {
  if (dialect === "postgres") return "BIGINT";
  const fields = [...list.columns.map((c) => `${identifier(c.name)} ${sqlType(c.type, dialect)}`), ...list.series.map((s) => `${identifier(s.name)} ${seriesColumnType(s, dialect)}`)];
  return `STRUCT(${fields.join(", ")})[]`;
}

/** The SQL type of a series' column in `tiao_cases`. */
export function seriesColumnType(series: SeriesTable, dialect: Dialect): string {
  if (dialect === "postgres") return "BIGINT";
  return `STRUCT(${identifier(PERIOD_FIELD)} VARCHAR, ${identifier(PERIOD_VALUE_FIELD)} ${sqlType(series.of, dialect)})[]`;
}

export function seriesOf(layout: CaseLayout, name: string): SeriesTable {
  const series = layout.series.find((s) => s.name === name);
  if (series === undefined) throw new Error(`no series ${name} in the layout`);
  return series;
}

export function listOf(layout: CaseLayout, name: string): ListTable {
  const list = layout.lists.find((l) => l.name === name);
  if (list === undefined) throw new Error(`no list ${name} in the layout`);
  return list;
}
