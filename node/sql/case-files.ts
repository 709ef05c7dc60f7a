/**
 * Scenarios as CSV files in the layout of the SQL target (compiler/sql/tables.ts): one file
 * for `tiao_cases`, one per list table and per series table (PostgreSQL), one for the
 * scenarios that could not be read.
 * DuckDB and PostgreSQL both load them with a plain COPY, so both engines read exactly the
 * same rows. A value is written as the SQL literal text of its type; NULL is an empty
 * field, and an empty text (the empty set) a quoted one.
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { join } from "node:path";
import type { ProgramIR } from "../../compiler/ir.js";
import { DUCKDB_DECIMAL_LIMIT, type Dialect } from "../../compiler/sql/dialect.js";
import { CASES_TABLE, caseLayout, listOf, seriesOf, type CaseLayout, type ListTable, type SeriesTable, type ValueColumn } from "../../compiler/sql/tables.js";
import { REJECTED_TABLE } from "../../compiler/sql/emit.js";
import { formatDate, type CalendarDate, type RecordValue, type RuntimeValue, type Scenario, type ValueType } from "../../runtime/index.js";
import { formatDecimal, type Decimal } from "../../runtime/decimal.js";

export interface CaseFile {
  readonly table: string;
  readonly path: string;
}

/** Why a scenario has no row: a value the SQL layout cannot hold (`path: message`). */
export type Unrepresentable = string;

export class CaseFiles {
  readonly layout: CaseLayout;
  private readonly cases: WriteStream;
  private readonly lists: Map<string, WriteStream>;
  private readonly rejected: WriteStream;
  readonly files: CaseFile[];
  private pending: { stream: WriteStream; text: string }[] = [];
  private readonly buffered = new Map<WriteStream, string>();

  constructor(
    program: ProgramIR,
    folder: string,
    private readonly dialect: Dialect,
  ) {
    this.layout = caseLayout(program.schema).layout;
    const open = (table: string, file: string): { stream: WriteStream; file: CaseFile } => {
      const path = join(folder, file);
      return { stream: createWriteStream(path), file: { table, path } };
    };
    const cases = open(CASES_TABLE, "cases.csv");
    const rejected = open(REJECTED_TABLE, "rejected.csv");
    // DuckDB holds a list's items in the case's row, PostgreSQL in a table of their own
    const lists = (dialect === "postgres" ? this.layout.lists : []).map((list, index) => ({ name: list.name, ...open(list.name, `list-${index}.csv`) }));
    // and a series' periods likewise
    const itemSeries = this.layout.lists.flatMap((list) => list.series);
    lists.push(...(dialect === "postgres" ? [...this.layout.series, ...itemSeries] : []).map((series, index) => ({ name: series.table, ...open(series.table, `series-${index}.csv`) })));
    this.cases = cases.stream;
    this.rejected = rejected.stream;
    this.lists = new Map(lists.map((l) => [l.name, l.stream]));
    this.files = [cases.file, ...lists.map((l) => l.file), rejected.file];
  }

  /**
   * Adds a scenario as case `caseNumber`; returns the problems that keep it out (a value
   * beyond what the dialect holds exactly), or an empty list.
   */
  add(caseNumber: number, scenario: Scenario): Unrepresentable[] {
    const problems: Unrepresentable[] = [];
    const fields: string[] = [String(caseNumber), formatDate(scenario.date)];
    for (const column of this.layout.columns) {
      switch (column.kind) {
        case "override": {
          if (!Object.hasOwn(scenario.parameters, column.parameter)) {
            fields.push("");
            break;
          }
          // an override to absent (null) is the column `parameters.<name>#absent`
          const value = scenario.parameters[column.parameter] ?? null;
          fields.push(value === null ? "" : this.field(value, column.type, column.name, problems));
          break;
        }
        case "override_absent":
          fields.push(Object.hasOwn(scenario.parameters, column.parameter) && (scenario.parameters[column.parameter] ?? null) === null ? "true" : "");
          break;
        case "value":
          fields.push(this.field(factAt(scenario, column.name), column.type, column.name, problems));
          break;
        case "record_given":
          fields.push(factAt(scenario, column.name) === undefined ? "" : "true");
          break;
        case "list": {
          const items = factAt(scenario, column.name) as readonly RecordValue[] | undefined;
          if (items === undefined) fields.push("");
          else if (this.dialect === "postgres") fields.push(String(items.length));
          else fields.push(quoted(this.nestedList(items, listOf(this.layout, column.name), problems)));
          break;
        }
        case "series": {
          const periods = factAt(scenario, column.name) as RecordValue | undefined;
          if (periods === undefined) fields.push("");
          else if (this.dialect === "postgres") fields.push(String(Object.keys(periods).length));
          else fields.push(quoted(this.nestedSeries(periods, seriesOf(this.layout, column.name), problems)));
          break;
        }
      }
    }
    const itemRows: { stream: WriteStream; text: string }[] = [];
    for (const list of this.dialect === "postgres" ? this.layout.lists : []) {
      const items = factAt(scenario, list.name);
      if (items === undefined) continue;
      const stream = this.lists.get(list.name)!;
      (items as readonly RecordValue[]).forEach((item, index) => {
        const row = [String(caseNumber), String(index), ...list.columns.map((c: ValueColumn) => this.field(valueAt(item, c.name), c.type, `${list.name}[${index}].${c.name}`, problems))];
        itemRows.push({ stream, text: row.join(",") });
        // the periods of the item's series, each a row with the item's number
        for (const series of list.series) {
          const periods = valueAt(item, series.name) as RecordValue | undefined;
          if (periods === undefined || periods === null) continue;
          const periodStream = this.lists.get(series.table)!;
          for (const key of Object.keys(periods).sort()) {
            itemRows.push({ stream: periodStream, text: [String(caseNumber), String(index), quoted(key), this.field(periods[key], series.of, `${list.name}[${index}].${series.name}.${key}`, problems)].join(",") });
          }
        }
      });
    }
    for (const series of this.dialect === "postgres" ? this.layout.series : []) {
      const periods = factAt(scenario, series.name) as RecordValue | undefined;
      if (periods === undefined) continue;
      const stream = this.lists.get(series.table)!;
      for (const key of Object.keys(periods).sort()) {
        itemRows.push({ stream, text: [String(caseNumber), quoted(key), this.field(periods[key], series.of, `${series.name}.${key}`, problems)].join(",") });
      }
    }
    if (problems.length > 0) return problems;
    this.write(this.cases, fields.join(","));
    for (const row of itemRows) this.write(row.stream, row.text);
    return [];
  }

  /** A scenario that could not be read: the line the results will hold for it. */
  reject(caseNumber: number, line: string): void {
    this.write(this.rejected, `${caseNumber},${quoted(line)}`);
  }

  private write(stream: WriteStream, line: string): void {
    const text = (this.buffered.get(stream) ?? "") + line + "\n";
    if (text.length < 1 << 16) {
      this.buffered.set(stream, text);
      return;
    }
    this.buffered.set(stream, "");
    this.pending.push({ stream, text });
  }

  /** Writes what is buffered; resolves when the streams have taken it. */
  async flush(): Promise<void> {
    for (const [stream, text] of this.buffered) if (text !== "") this.pending.push({ stream, text });
    this.buffered.clear();
    const pending = this.pending;
    this.pending = [];
    for (const { stream, text } of pending) {
      if (!stream.write(text)) await new Promise<void>((resolve) => stream.once("drain", () => resolve()));
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await Promise.all([this.cases, this.rejected, ...this.lists.values()].map((stream) => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())))));
  }

  /** A list's items as DuckDB's text of a LIST of STRUCTs: `[{'months': '3', …}, …]`. */
  private nestedList(items: readonly RecordValue[], list: ListTable, problems: Unrepresentable[]): string {
    const structs = items.map((item, index) => {
      const fields = list.columns.map((c) => {
        const value = valueAt(item, c.name);
        const text = value === undefined || value === null ? "NULL" : `'${this.text(value, c.type, `${list.name}[${index}].${c.name}`, problems).replace(/[\\']/g, "\\$&")}'`;
        return `'${c.name.replace(/[\\']/g, "\\$&")}': ${text}`;
      });
      for (const series of list.series) {
        const periods = valueAt(item, series.name) as RecordValue | undefined | null;
        const text = periods === undefined || periods === null ? "NULL" : this.nestedSeries(periods, series, problems, `${list.name}[${index}].`);
        fields.push(`'${series.name.replace(/[\\']/g, "\\$&")}': ${text}`);
      }
      return `{${fields.join(", ")}}`;
    });
    return `[${structs.join(", ")}]`;
  }

  /** A series' periods as DuckDB's text of a LIST of STRUCT(period, value), in the periods' order. */
  private nestedSeries(periods: RecordValue, series: SeriesTable, problems: Unrepresentable[], pathPrefix = ""): string {
    const structs = Object.keys(periods)
      .sort()
      .map((key) => {
        const value = periods[key];
        const text = value === undefined || value === null ? "NULL" : `'${this.text(value, series.of, `${pathPrefix}${series.name}.${key}`, problems).replace(/[\\']/g, "\\$&")}'`;
        return `{'period': '${key}', 'value': ${text}}`;
      });
    return `[${structs.join(", ")}]`;
  }

  private field(value: RuntimeValue | undefined, type: ValueType, path: string, problems: Unrepresentable[]): string {
    if (value === undefined || value === null) return "";
    const text = this.text(value, type, path, problems);
    const kind = type.kind === "optional" ? type.of.kind : type.kind;
    return kind === "enum" || kind === "text" || kind === "set" ? quoted(text) : text;
  }

  /** A value as the text of its SQL type. */
  private text(value: RuntimeValue, type: ValueType, path: string, problems: Unrepresentable[]): string {
    switch (type.kind) {
      case "bool":
        return value === true ? "true" : "false";
      case "integer":
      case "months":
      case "days":
      case "money":
      case "percent":
      case "time":
        return String(value);
      case "decimal":
      case "unrounded_money": {
        const decimal = value as Decimal;
        if (this.dialect === "duckdb" && !fitsDuckdbDecimal(decimal)) {
          problems.push(`${path}: DuckDB holds a decimal exactly below 10^17 and to 10 places; this one is ${formatDecimal(decimal)} (docs/sql.md)`);
        }
        return formatDecimal(decimal);
      }
      case "date":
        return formatDate(value as CalendarDate);
      case "enum":
      case "text":
        return value as string;
      case "set":
        return (value as readonly string[]).join(",");
      case "optional":
        return this.text(value, type.of, path, problems);
      case "record":
      case "list":
      case "series":
      case "per_member":
        throw new Error(`a ${type.kind} has no column`);
    }
  }
}

const DECIMAL_LIMIT = BigInt(DUCKDB_DECIMAL_LIMIT);

function fitsDuckdbDecimal(d: Decimal): boolean {
  if (d.scale > 10) return false;
  const magnitude = d.coefficient < 0n ? -d.coefficient : d.coefficient;
  return magnitude < DECIMAL_LIMIT * 10n ** BigInt(d.scale);
}

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** The value at a fact path of a scenario, undefined when the scenario leaves it out. */
function factAt(scenario: Scenario, path: string): RuntimeValue | undefined {
  const dot = path.indexOf(".");
  const entity = Object.hasOwn(scenario.facts, path.slice(0, dot)) ? scenario.facts[path.slice(0, dot)] : undefined;
  return entity === undefined ? undefined : valueAt(entity, path.slice(dot + 1));
}

function valueAt(record: RecordValue, path: string): RuntimeValue | undefined {
  let value: RuntimeValue | undefined = record;
  for (const field of path.split(".")) {
    if (value === undefined || value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
    const object = value as RecordValue;
    value = Object.hasOwn(object, field) ? object[field] : undefined;
  }
  return value;
}
