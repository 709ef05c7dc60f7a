/**
 * The SQL target: a checked policy (IR) as SQL that turns a table of cases into a table of
 * results, for DuckDB or PostgreSQL (docs/sql.md). Files, run in this order:
 *
 * - `tiao-setup.sql`: the runtime functions (compiler/sql/dialect.ts), the tables of cases
 *   (compiler/sql/tables.ts), the parameters table with the policy's dated values, and the
 *   view of the parameters in force on each case's date;
 * - one file per measure (`m4.sql`): a view `measure.m4`, one row per case that gives the
 *   measure's facts: `in_force`, one column per output, `#error` (the first evaluation
 *   error, as JSON text) and `#json` (the outputs as `tiao run` prints them);
 * - `tiao-results.sql`: the views `tiao_results` (one line per case, as `tiao run
 *   --scenarios` writes it) and `tiao_results_flat` (one column per output).
 *
 * A construct the SQL target cannot express is the error T0701 at its place, and then
 * no file is written.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { blockCommentText } from "../emit/escape.js";
import { naturalMeasureOrder } from "../evaluate-scenario.js";
import { forEachChild, forEachRuleExpression, windowDates } from "../ir-walk.js";
import type { DefinitionIR, ExprIR, MeasureIR, ParameterIR, ProgramIR, RuleIR, ValueType } from "../ir.js";
import { formatDate } from "../../runtime/index.js";
import { literalRuntimeValue } from "../literals.js";
import { runtimeFunctions, sqlType, type Dialect } from "./dialect.js";
import {
  decide,
  eachMember,
  errorReading,
  firstError,
  literal,
  parameterColumn,
  parameterGivenColumn,
  windowTest,
  type ChoiceEnum,
  type ExpressionContext,
  type ExpressionProblem,
  type FilteredLists,
  type RecordRef,
  type SqlValue,
} from "./expression.js";
import { internalError } from "../internal-error.js";
import { errorGuard, guardedError } from "./error-guard.js";
import {
  CASE_COLUMN,
  CASES_TABLE,
  DATE_COLUMN,
  ITEM_COLUMN,
  absentColumn,
  caseLayout,
  identifier,
  listColumnType,
  listOf,
  PERIOD_FIELD,
  PERIOD_VALUE_FIELD,
  scaleFigureName,
  seriesColumnType,
  seriesOf,
  stringLiteral,
  type CaseLayout,
  type ListTable,
  type SeriesTable,
} from "./tables.js";
import { citedClause } from "../citation-text.js";
import { moneyWord } from "../currency.js";

export interface SqlFile {
  readonly name: string;
  readonly text: string;
}

export interface SqlEmission {
  /** empty when there are diagnostics */
  readonly files: readonly SqlFile[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The columns each measure adds to the row of the cases, step by step, in the order the
   * measures are computed: what an engine computes in one query, the steps of all the
   * measures merged by layer (`layeredChain`), rather than creating the views (empty when
   * there are diagnostics)
   */
  readonly steps: readonly MeasureSteps[];
}

/**
 * The columns a measure's view adds to the row it reads (its file's `tiao_cases_through_m4`):
 * each step's (a step reads the columns of the steps before it), then its outputs' and its
 * first error's; and the measures whose columns it reads.
 */
export interface MeasureSteps {
  readonly measure: string;
  readonly steps: readonly (readonly string[])[];
  readonly outputs: readonly string[];
  readonly reads: ReadonlySet<string>;
}

/** The query of a view of the chain of measures (`tiao_cases_through_m4`), or of a layer of it. */
export interface ChainQuery {
  readonly view: string;
  readonly query: string;
}

export const SETUP_FILE = "tiao-setup.sql";
export const RESULTS_FILE = "tiao-results.sql";
export const PARAMETER_VALUES_TABLE = "tiao_parameter_values";
export const PARAMETERS_ON_DATES_VIEW = "tiao_parameters_on_case_dates";
export const REJECTED_TABLE = "tiao_rejected";
export const CASE_FACTS_VIEW = "tiao_case_facts";
export const RESULTS_VIEW = "tiao_results";
export const CASE_RESULTS_VIEW = "tiao_case_results";
export const FLAT_RESULTS_VIEW = "tiao_results_flat";

export function measureView(measure: string): string {
  return `measure.${measure}`;
}

/** The view of each case with the columns of every measure up to `measure` (in the order they are computed: `computedOrder`). */
export function chainView(measure: string): string {
  return `tiao_cases_through_${measure}`;
}

export interface SqlOptions {
  readonly dialect: Dialect;
  /**
   * Whether each measure's file also creates its view `measure.m4` (by default it does). An
   * engine that reads only the results leaves them out: creating a view binds every view it
   * reads, the chain of measures before it included.
   */
  readonly measureViews?: boolean;
  /**
   * Parameters that have a value for every case the SQL will read (in force on every date of
   * the cases, whatever they override): reading them cannot fail, so no error is computed
   * where they are read. An engine knows them once the cases are loaded
   * (node/sql/duckdb.ts); the files written for any cases leave this out.
   */
  readonly parametersGiven?: ReadonlySet<string>;
  /** the measures' views as `CREATE OR REPLACE VIEW`: an engine creating them again */
  readonly replaceViews?: boolean;
  /**
   * Facts (columns of the cases: `person.insured`, a record's `enterprise.indicators`) that
   * every case the SQL will read gives: a measure does not test their presence, and one that
   * reads only such facts computes its outputs without a test of its facts. An engine knows
   * them from a Parquet file's statistics (node/sql/flat-files.ts); the files written for any
   * cases leave this out.
   */
  readonly factsGiven?: ReadonlySet<string>;
  /**
   * DuckDB: the outputs whose value is one of few texts known before the query (an enum's
   * member, a set of at most MAX_ENUM_SET_MEMBERS members, as the flat results hold them)
   * computed as the ENUM of those texts where their rules give a literal, which the flat
   * results then write as they are: no lookup of each case's text in the ENUM's dictionary.
   * An engine that writes the flat results asks for it; the files written leave it out (the
   * measures' values are texts, readable by what reads them).
   */
  readonly typedChoices?: boolean;
}

export function emitSql(program: ProgramIR, options: SqlOptions): SqlEmission {
  const { dialect } = options;
  const { layout, problems } = caseLayout(program.schema);
  const diagnostics: Diagnostic[] = problems.map((problem) => unsupported(problem.span, problem.message));
  const measureFiles: SqlFile[] = [];
  const steps: MeasureSteps[] = [];
  const computed = new Map<string, ComputedMeasure>();
  for (const measure of computedOrder(program)) {
    const expressionProblems: ExpressionProblem[] = [];
    const { text, columns } = measureSql(program, measure, layout, dialect, expressionProblems, computed, options);
    for (const problem of expressionProblems) diagnostics.push(unsupported(problem.expr.span, problem.message));
    measureFiles.push({ name: `${measure.name}.sql`, text });
    steps.push(columns);
  }
  if (diagnostics.length > 0) return { files: [], diagnostics, steps: [] };
  return {
    files: [{ name: SETUP_FILE, text: setupSql(program, layout, dialect) }, ...measureFiles, { name: RESULTS_FILE, text: resultsSql(program, dialect) }],
    diagnostics: [],
    steps,
  };
}

/**
 * The chain of the measures `wanted` (all when undefined) and of those they read, as the views
 * of one query (`withChain`): the steps of all the measures merged by layer, each layer one
 * projection adding the columns of every measure's step at that layer, so that a row of the
 * cases goes through as many projections as the deepest measure has steps, not through the
 * steps of every measure one after the other. A measure's steps start after the layer that
 * computes the outputs of the measures it reads. The last layer, which holds the outputs
 * of every measure, is the view of the last measure computed (`chainView`), which the
 * results read (resultsQueries). For the ten measures of Lanzhou: 4 projections of ~150
 * columns where there were 41, which cost DuckDB 8% of a run's processor time (docs/sql.md).
 */
export function layeredChain(steps: readonly MeasureSteps[], wanted?: readonly string[]): ChainQuery[] {
  const byName = new Map(steps.map((m) => [m.measure, m]));
  const needed = new Set<string>();
  const need = (name: string): void => {
    if (needed.has(name)) return;
    needed.add(name);
    for (const read of byName.get(name)?.reads ?? []) need(read);
  };
  for (const m of steps) if (wanted === undefined || wanted.includes(m.measure)) need(m.measure);
  // steps lists the measures in the order they are computed: a measure after those it reads
  const chosen = steps.filter((m) => needed.has(m.measure));
  const last = chosen.filter((m) => wanted === undefined || wanted.includes(m.measure)).at(-1);
  if (last === undefined) return [];
  // layer (1-based) of each measure's outputs; its steps are the layers just before
  const outputsAt = new Map<string, number>();
  const layers: string[][] = [];
  const add = (layer: number, columns: readonly string[]): void => {
    while (layers.length < layer) layers.push([]);
    layers[layer - 1]!.push(...columns);
  };
  for (const m of chosen) {
    const after = Math.max(0, ...[...m.reads].map((read) => outputsAt.get(read) ?? internalError(`${m.measure} reads ${read}, not computed before it`)));
    m.steps.forEach((columns, index) => add(after + index + 1, columns));
    outputsAt.set(m.measure, after + m.steps.length + 1);
    add(after + m.steps.length + 1, m.outputs);
  }
  // every measure's outputs in the last layer's row: a measure whose outputs come earlier has them in the layers after
  return layers.map((columns, index) => ({
    view: index === layers.length - 1 ? chainView(last.measure) : `tiao_layer ${index + 1}`,
    query: `SELECT s.*,\n${columns.join(",\n")}\nFROM ${index === 0 ? CASE_FACTS_VIEW : identifier(`tiao_layer ${index}`)} AS s`,
  }));
}

function unsupported(span: Diagnostic["span"], message: string): Diagnostic {
  return {
    code: "T0701",
    severity: "error",
    message,
    span,
    help: "the TypeScript and JavaScript targets and `tiao run` evaluate it; docs/sql.md lists what the SQL target lays out",
  };
}

// ---------------------------------------------------------------- text

function comment(text: string, indent = ""): string {
  return `${indent}-- ${blockCommentText(text)}`;
}

function header(program: ProgramIR, dialect: Dialect, what: string): string {
  const { policy } = program;
  return [
    comment(`${policy.title} (${policy.document}), version ${policy.version}`),
    comment(`${what}, for ${dialect === "duckdb" ? "DuckDB" : "PostgreSQL"}. Generated by tiao from the policy ${policy.name}; do not edit.`),
  ].join("\n");
}

function column(table: string, name: string): string {
  return `${table}.${identifier(name)}`;
}

// ---------------------------------------------------------------- setup

function setupSql(program: ProgramIR, layout: CaseLayout, dialect: Dialect): string {
  const text = dialect === "duckdb" ? "VARCHAR" : "TEXT";
  const decimal = sqlType({ kind: "decimal" }, dialect);
  const caseColumns = [
    `  ${identifier(CASE_COLUMN)} BIGINT NOT NULL${dialect === "postgres" ? " PRIMARY KEY" : ""}`,
    `  ${identifier(DATE_COLUMN)} DATE NOT NULL`,
    ...layout.columns.map((c) => {
      switch (c.kind) {
        case "value":
          return `  ${identifier(c.name)} ${sqlType(c.type, dialect)}`;
        case "override":
          return `  ${identifier(c.name)} ${sqlType(c.type, dialect)}`;
        case "record_given":
        case "override_absent":
          return `  ${identifier(c.name)} BOOLEAN`;
        case "list":
          return `  ${identifier(c.name)} ${listColumnType(listOf(layout, c.name), dialect)}`;
        case "series":
          return `  ${identifier(c.name)} ${seriesColumnType(seriesOf(layout, c.name), dialect)}`;
      }
    }),
  ];
  // DuckDB holds a list's items in the case's row (compiler/sql/tables.ts)
  const lists = (dialect === "duckdb" ? [] : layout.lists).map((list) => {
    const columns = [
      `  ${identifier(CASE_COLUMN)} BIGINT NOT NULL`,
      `  ${identifier(ITEM_COLUMN)} INTEGER NOT NULL`,
      ...list.columns.map((c) => `  ${identifier(c.name)} ${sqlType(c.type, dialect)}`),
    ];
    if (dialect === "postgres") columns.push(`  PRIMARY KEY (${identifier(CASE_COLUMN)}, ${identifier(ITEM_COLUMN)})`);
    return [comment(`the items of ${list.name}, one row each`), `CREATE TABLE ${identifier(list.name)} (\n${columns.join(",\n")}\n);`].join("\n");
  });
  // and a series' periods likewise (a list item's series with the item's number)
  const allSeries = [...layout.series.map((table) => ({ table, item: false })), ...layout.lists.flatMap((list) => list.series.map((table) => ({ table, item: true })))];
  const series = (dialect === "duckdb" ? [] : allSeries).map(({ table, item }) => {
    const key = item ? [CASE_COLUMN, ITEM_COLUMN, PERIOD_FIELD] : [CASE_COLUMN, PERIOD_FIELD];
    const columns = [
      `  ${identifier(CASE_COLUMN)} BIGINT NOT NULL`,
      ...(item ? [`  ${identifier(ITEM_COLUMN)} INTEGER NOT NULL`] : []),
      `  ${identifier(PERIOD_FIELD)} ${text} NOT NULL`,
      `  ${identifier(PERIOD_VALUE_FIELD)} ${sqlType(table.of, dialect)}`,
      `  PRIMARY KEY (${key.map(identifier).join(", ")})`,
    ];
    return [comment(`the periods of ${table.table} given, one row each: its ${table.period} ("${table.period === "month" ? "YYYY-MM" : "YYYY"}") and its value`), `CREATE TABLE ${identifier(table.table)} (\n${columns.join(",\n")}\n);`].join("\n");
  });
  const parameterRows = sqlParameters(program).flatMap((parameter) => parameterValuesSql(parameter, dialect));
  const caseParameters = caseParameterColumns(program, (field) => column("p", field));
  return `${header(program, dialect, "Setup: runtime functions, tables of cases, parameters")}

${runtimeFunctions(dialect)}
-- The cases: one row per scenario, one column per fact path; a column NULL when the scenario
-- leaves the fact out. \`parameters.<name>\`: the scenario's override (NULL: none).
CREATE TABLE ${CASES_TABLE} (
${caseColumns.join(",\n")}
);
${[...lists, ...series].join("\n")}
-- Scenarios that could not be read: the line \`tiao run --scenarios\` writes for them.
CREATE TABLE ${REJECTED_TABLE} (${identifier(CASE_COLUMN)} BIGINT NOT NULL, line ${text} NOT NULL);

-- The parameters' dated values, each in force from valid_from to valid_until (inclusive;
-- NULL: no end). Change a value here, or add one, without compiling the policy again.
CREATE TABLE ${PARAMETER_VALUES_TABLE} (
  name ${text} NOT NULL,
  valid_from DATE NOT NULL,
  valid_until DATE,
  bool_value BOOLEAN,
  number_value BIGINT CHECK (number_value BETWEEN -9007199254740991 AND 9007199254740991),
  decimal_value ${decimal},
  date_value DATE,
  text_value ${text}
);
${parameterRows.join("\n")}

-- Each parameter's value on each date a case has, and whether one is in force then${
    dialect === "postgres" ? ":\n-- computed once, by REFRESH MATERIALIZED VIEW after the cases are loaded" : "."
  }
CREATE ${dialect === "postgres" ? "MATERIALIZED VIEW" : "VIEW"} ${PARAMETERS_ON_DATES_VIEW} AS
${parametersOnDatesSql(program, `(SELECT DISTINCT ${identifier(DATE_COLUMN)} FROM ${CASES_TABLE})`)}${dialect === "postgres" ? "\nWITH NO DATA" : ""};

-- Each case with the parameters in force on its date, its overrides applied: the row the
-- measures extend, one after the other (their files).
CREATE VIEW ${CASE_FACTS_VIEW} AS
SELECT c.*${caseParameters.map((line) => `,\n${line}`).join("")}
FROM ${CASES_TABLE} AS c${
    sqlParameters(program).length === 0 ? "" : `\nJOIN ${PARAMETERS_ON_DATES_VIEW} AS p ON ${column("p", DATE_COLUMN)} = ${column("c", DATE_COLUMN)}`
  };
`;
}

/** Each parameter's value on each date of `dates` (a relation with a column `#date`), and whether one is in force then. */
export function parametersOnDatesSql(program: ProgramIR, dates: string): string {
  const inForce = sqlParameters(program).flatMap((parameter) => {
    const valueColumn = parameterValueColumn(parameter.type);
    const matching = `FROM ${PARAMETER_VALUES_TABLE} AS v WHERE v.name = ${stringLiteral(parameter.name)} AND ${valueInForce(`d.${identifier(DATE_COLUMN)}`)}`;
    return [
      `  (SELECT v.${valueColumn} ${matching}) AS ${identifier(parameter.name)}`,
      `  EXISTS (SELECT 1 ${matching}) AS ${identifier(`${parameter.name} in force`)}`,
    ];
  });
  // a policy without parameters has only the dates
  return `SELECT d.${identifier(DATE_COLUMN)}${inForce.map((line) => `,\n${line}`).join("")}
FROM ${dates} AS d`;
}

/**
 * DuckDB: `parametersOnDatesSql` as one join of the dates with the parameters table, grouped
 * by date, which DuckDB computes in a fraction of the time its two subqueries a parameter take
 * (some 45 against 11 ms for the 852 dates and 29 parameters of the benchmark). Two values of
 * one parameter in force on one date are the error they are there (a subquery of more than
 * one row).
 */
export function parametersOnDatesJoinSql(program: ProgramIR, dates: string): string {
  const date = `d.${identifier(DATE_COLUMN)}`;
  const columns = sqlParameters(program).flatMap((parameter) => {
    const named = `v.name = ${stringLiteral(parameter.name)}`;
    const values = `count(v.name) FILTER (WHERE ${named})`;
    const message = stringLiteral(`the parameters table has two values of ${parameter.name} on `);
    return [
      `  CASE WHEN ${values} > 1 THEN error(${message} || CAST(${date} AS VARCHAR)) ELSE any_value(v.${parameterValueColumn(parameter.type)}) FILTER (WHERE ${named}) END AS ${identifier(parameter.name)}`,
      `  ${values} > 0 AS ${identifier(`${parameter.name} in force`)}`,
    ];
  });
  return `SELECT ${date}${columns.map((line) => `,\n${line}`).join("")}
FROM ${dates} AS d LEFT JOIN ${PARAMETER_VALUES_TABLE} AS v ON ${valueInForce(date)}
GROUP BY ${date}`;
}

/** That a row `v` of the parameters table is in force on `date` (valid_until inclusive; NULL: no end). */
function valueInForce(date: string): string {
  return `v.valid_from <= ${date} AND (v.valid_until IS NULL OR ${date} <= v.valid_until)`;
}

/**
 * Each parameter's value for a case (`c`), its override applied, and whether it has one;
 * `inForce(field)` is the SQL of a column of the parameters in force on the case's date
 * (`x`, `x in force`).
 */
export function caseParameterColumns(program: ProgramIR, inForce: (field: string) => string): string[] {
  return sqlParameters(program).flatMap((parameter) => {
    if (isScaleFigure(parameter.name)) {
      // a scale is not overridden by a scenario: its figures are those of the table
      return [
        `  ${inForce(parameter.name)} AS ${identifier(parameterColumn(parameter.name))}`,
        `  ${inForce(`${parameter.name} in force`)} AS ${identifier(parameterGivenColumn(parameter.name))}`,
      ];
    }
    const override = column("c", `parameters.${parameter.name}`);
    if (parameter.type.kind !== "optional") {
      return [
        `  CASE WHEN ${override} IS NOT NULL THEN ${override} ELSE ${inForce(parameter.name)} END AS ${identifier(parameterColumn(parameter.name))}`,
        `  (${override} IS NOT NULL OR ${inForce(`${parameter.name} in force`)}) AS ${identifier(parameterGivenColumn(parameter.name))}`,
      ];
    }
    // an optional parameter overridden to absent has no value, whatever the table says, and is given
    const absent = `${column("c", absentColumn(parameter.name))} IS TRUE`;
    return [
      `  CASE WHEN ${absent} THEN NULL WHEN ${override} IS NOT NULL THEN ${override} ELSE ${inForce(parameter.name)} END AS ${identifier(parameterColumn(parameter.name))}`,
      `  (${absent} OR ${override} IS NOT NULL OR ${inForce(`${parameter.name} in force`)}) AS ${identifier(parameterGivenColumn(parameter.name))}`,
    ];
  });
}

/**
 * The dated values the parameters table holds: the policy's parameters, and each bracket of
 * each scale as two figures, its threshold (money) and its rate (percent), named
 * `<scale>.<bracket>.threshold` and `<scale>.<bracket>.rate` (a dot no parameter's name has).
 */
export function sqlParameters(program: ProgramIR): readonly ParameterIR[] {
  const figures = program.scales.flatMap((scale) =>
    scale.brackets.flatMap((bracket): ParameterIR[] => [
      { name: scaleFigureName(scale.name, bracket.name, "threshold"), type: { kind: "money" }, label: `threshold of the bracket ${bracket.name} of the scale ${scale.name}`, values: bracket.thresholds, span: bracket.span },
      { name: scaleFigureName(scale.name, bracket.name, "rate"), type: { kind: "percent" }, label: `rate of the bracket ${bracket.name} of the scale ${scale.name}`, values: bracket.rates, span: bracket.span },
    ]),
  );
  return figures.length === 0 ? program.parameters : [...program.parameters, ...figures];
}

function isScaleFigure(name: string): boolean {
  return name.includes(".");
}

/** The column of the parameters table holding values of a type. */
function parameterValueColumn(type: ValueType): string {
  switch (type.kind) {
    case "bool":
      return "bool_value";
    case "integer":
    case "months":
    case "days":
    case "money":
    case "percent":
    case "time":
      return "number_value";
    case "decimal":
    case "unrounded_money":
      return "decimal_value";
    case "date":
      return "date_value";
    case "enum":
    case "text":
    case "set":
      return "text_value";
    case "optional":
      return parameterValueColumn(type.of);
    case "record":
    case "list":
    case "per_member":
    case "series":
      throw new Error(`a parameter cannot be a ${type.kind}`);
  }
}

function parameterValuesSql(parameter: ParameterIR, dialect: Dialect): string[] {
  const lines = [comment(`${parameter.name}${parameter.label === undefined ? "" : ` ${parameter.label}`}${parameter.unit === undefined ? "" : ` (${parameter.unit})`}`)];
  parameter.values.forEach((value) => {
    const until = value.until === undefined ? undefined : formatDate(value.until);
    const from = formatDate(value.from);
    const source = value.source.kind === "clause" ? `${citedClause(value.source.citation)} "${value.source.citation.quote}"` : value.source.text;
    lines.push(comment(`from ${from}: ${source}`));
    const sql = literal(literalRuntimeValue(value.value), parameter.type, dialect);
    lines.push(
      `INSERT INTO ${PARAMETER_VALUES_TABLE} (name, valid_from, valid_until, ${parameterValueColumn(parameter.type)}) VALUES (${stringLiteral(parameter.name)}, DATE '${from}', ${until === undefined ? "NULL" : `DATE '${until}'`}, ${sql});`,
    );
  });
  return lines;
}

// ---------------------------------------------------------------- measures

/** The definitions (and calls) an expression reads, through the definitions it calls. */
function definitionsRead(expr: ExprIR, definitions: ReadonlyMap<string, DefinitionIR>, into: Set<string>, visitedCalls: Set<string>): void {
  if (expr.op === "definition") into.add(expr.name);
  if (expr.op === "call" && !visitedCalls.has(expr.definition)) {
    visitedCalls.add(expr.definition);
    const called = definitions.get(expr.definition);
    if (called !== undefined) forEachRuleExpression(called.rules, (e) => definitionsRead(e, definitions, into, visitedCalls));
  }
  forEachChild(expr, (child) => definitionsRead(child, definitions, into, visitedCalls));
}

/** The SQL that tells whether a case gives a fact the measure reads. */
function presenceTest(path: string, program: ProgramIR, row: string): string | undefined {
  const dot = path.indexOf(".");
  const entity = program.schema.records.find((record) => record.entity && record.name === path.slice(0, dot));
  const field = entity?.fields.find((f) => f.name === path.slice(dot + 1));
  if (field === undefined) throw new Error(`no fact ${path}`);
  switch (field.type.kind) {
    case "optional":
      return undefined;
    case "record":
      return `${column(row, path)} IS TRUE`;
    default:
      return `${column(row, path)} IS NOT NULL`;
  }
}

/**
 * For measures asked for by name (`tiao run --measure`): each fact they read that a case must
 * give (in the order the Node engine reports them: the measures in the policy's order, each
 * measure's facts in its order), whether it is a record (given: its column is TRUE), and the
 * problem of a case that does not give it, as `tiao run` writes it.
 */
export function requiredFacts(program: ProgramIR, measureNames: readonly string[]): { path: string; record: boolean; problem: string }[] {
  const byPath = new Map<string, { record: boolean; measures: string[] }>();
  for (const measure of program.measures.filter((m) => measureNames.includes(m.name))) {
    for (const path of measure.reads) {
      const test = presenceTest(path, program, "s");
      if (test === undefined) continue;
      const entry = byPath.get(path) ?? { record: test.endsWith("IS TRUE"), measures: [] };
      entry.measures.push(measure.name);
      byPath.set(path, entry);
    }
  }
  return [...byPath].map(([path, { record, measures }]) => ({
    path,
    record,
    problem: `${path}: missing: ${measures.length === 1 ? "measure" : "measures"} ${measures.join(", ")} ${measures.length === 1 ? "needs" : "need"} this fact`,
  }));
}

/** A measure's columns in the row every measure shares (`m4.total`: public; `m4 …`: its own). */
export const measureColumns = {
  definition: (measure: string, name: string): string => `${measure} ${name}`,
  error: (measure: string, name: string): string => `${measure} ${name}#error`,
  /** of an output given for each member: the error of each member, in the list's order */
  memberErrors: (measure: string, name: string): string => `${measure} ${name}#errors`,
  given: (measure: string): string => `${measure}#given`,
  window: (measure: string): string => `${measure}#in_force`,
  inForce: (measure: string): string => `${measure}.in_force`,
  output: (measure: string, name: string): string => `${measure}.${name}`,
  firstError: (measure: string): string => `${measure}#error`,
};

/**
 * The measures in the order they are computed, each after the measures it reads (their
 * outputs are columns of the row it extends): the policy's order, but a measure read by one
 * declared before it is brought forward just before the first that reads it. The checker
 * refuses a cycle of measures (T0901).
 */
export function computedOrder(program: ProgramIR): readonly MeasureIR[] {
  const byName = new Map(program.measures.map((m) => [m.name, m]));
  const order: MeasureIR[] = [];
  const placed = new Set<string>();
  const place = (measure: MeasureIR): void => {
    if (placed.has(measure.name)) return;
    placed.add(measure.name);
    for (const name of measuresRead(measure)) {
      const read = byName.get(name);
      if (read !== undefined) place(read);
    }
    order.push(measure);
  };
  for (const measure of program.measures) place(measure);
  return order;
}

/** Whether another measure reads a measure's outputs. */
function readByOtherMeasures(program: ProgramIR, name: string): boolean {
  return program.measures.some((m) => m.name !== name && measuresRead(m).includes(name));
}

/** The measures whose outputs a measure reads (its window and its definitions), in the policy's order of reading. */
function measuresRead(measure: MeasureIR): string[] {
  const read = new Set<string>();
  const visit = (expr: ExprIR): void => {
    if (expr.op === "measure_output") read.add(expr.measure);
    forEachChild(expr, visit);
  };
  windowDates(measure.window).forEach(visit);
  for (const definition of measure.definitions) forEachRuleExpression(definition.rules, visit);
  return [...read];
}

/** The row a measure extends: the previous measure's in the computed order, or the cases with their parameters for the first. */
function previousRow(program: ProgramIR, measure: MeasureIR): string {
  const order = computedOrder(program);
  const index = order.indexOf(measure);
  return index === 0 ? CASE_FACTS_VIEW : chainView(order[index - 1]!.name);
}

/**
 * What later measures read of a measure computed before them: the error of its window, and of
 * each output; and the context its expressions were compiled in, for its outputs given for each
 * member, which a reading for one member computes again for that member.
 */
interface ComputedMeasure {
  readonly windowError: string | undefined;
  readonly outputErrors: ReadonlyMap<string, string>;
  /** its outputs given for each member whose error for each member is a column (named.memberErrors) */
  readonly memberErrors: ReadonlySet<string>;
  readonly context: ExpressionContext;
}

/** A list the measure filters once for several of its aggregates (FilteredLists). */
interface SharedFilter {
  /** the SQL of the list's column */
  readonly items: string;
  /** the test, its item named `item` */
  readonly sql: string;
  readonly test: ExprIR;
  /** the definitions whose aggregates read it */
  readonly readers: Set<string>;
  uses: number;
  column?: string;
}

interface SharedList extends SharedFilter {
  readonly column: string;
  /** the list's path and the test, for the comment above the column */
  readonly list: string;
  readonly label: string;
  /** the definitions the test reads */
  readonly reads: ReadonlySet<string>;
  layer?: number;
}

/**
 * The lists that several aggregates of the measure filter by the same test (alone, or followed
 * by tests of their own), found by compiling its definitions a first time: each such list is a
 * column computed once for the case, which those aggregates read (ExpressionContext.filteredLists).
 * Only where two aggregates over lists have a test, in DuckDB.
 */
function sharedFilters(
  measure: MeasureIR,
  evaluated: readonly DefinitionIR[],
  context: ExpressionContext,
  found: Map<string, SharedFilter>,
  set: (state: { surveying: boolean; compiling: string | undefined }) => void,
): SharedList[] {
  if (context.filteredLists === undefined) return [];
  let filtered = 0;
  const count = (expr: ExprIR): void => {
    if (expr.op === "aggregate" && expr.filter !== undefined) filtered++;
    forEachChild(expr, count);
  };
  for (const definition of measure.definitions) forEachRuleExpression(definition.rules, count);
  if (filtered < 2) return [];
  for (const definition of evaluated) {
    set({ surveying: true, compiling: definition.name });
    const quiet = { ...context, problems: [] };
    if (definition.members === undefined) decide(definition, quiet, new Map());
    else eachMember(definition, quiet);
  }
  set({ surveying: false, compiling: undefined });
  const lists: SharedList[] = [];
  const names = new Set<string>();
  for (const filter of found.values()) {
    if (filter.uses < 2) continue;
    const list = filter.items.startsWith(`${context.row}.`) ? filter.items.slice(context.row.length + 2, -1) : "the list";
    const test = filter.test;
    const label = test.op === "call" ? test.definition : `${names.size + 1}`;
    let name = measureColumns.definition(measure.name, `${list} where ${label}`);
    for (let n = 2; names.has(name); n++) name = measureColumns.definition(measure.name, `${list} where ${label} ${n}`);
    names.add(name);
    const reads = new Set<string>();
    definitionsRead(test, context.definitions, reads, new Set());
    filter.column = name;
    lists.push({ ...filter, column: name, list, label: test.op === "call" ? `${test.definition}(…)` : "the test", reads });
  }
  return lists;
}

/** The outputs given for each member that some measure reads for one member (`tax.tax`). */
function outputsReadForEachMember(program: ProgramIR): Set<string> {
  const read = new Set<string>();
  const visit = (expr: ExprIR): void => {
    if (expr.op === "measure_output" && expr.member !== undefined) read.add(`${expr.measure}.${expr.output}`);
    forEachChild(expr, visit);
  };
  for (const measure of program.measures) {
    windowDates(measure.window).forEach(visit);
    for (const definition of measure.definitions) forEachRuleExpression(definition.rules, visit);
  }
  return read;
}

function measureSql(
  program: ProgramIR,
  measure: MeasureIR,
  layout: CaseLayout,
  dialect: Dialect,
  problems: ExpressionProblem[],
  computed: Map<string, ComputedMeasure>,
  options: SqlOptions,
): { text: string; columns: MeasureSteps } {
  const withMeasureView = options.measureViews ?? true;
  /** the measures whose columns this one reads */
  const reads = new Set<string>();
  const create = options.replaceViews === true ? "CREATE OR REPLACE VIEW" : "CREATE VIEW";
  const definitions = new Map(measure.definitions.map((d) => [d.name, d]));
  const named = measureColumns;
  let aliases = 0;
  let surveyAliases = 0;
  // a first compilation of the definitions finds the lists that several aggregates filter alike (sharedFilters)
  let surveying = false;
  const nextAlias = (): string => (surveying ? `item${++surveyAliases}` : `item${++aliases}`);
  const row = "s";
  const shared = new Map<string, SharedFilter>();
  /** the definition being compiled, which reads the shared lists it was found to read */
  let compiling: string | undefined;
  const filteredLists: FilteredLists = {
    filtered: ({ items, sql, test }) => {
      const key = `${items} ${sql}`;
      const found = shared.get(key);
      if (surveying) {
        if (compiling === undefined) return undefined;
        if (found === undefined) shared.set(key, { items, sql, test, readers: new Set([compiling]), uses: 1 });
        else {
          found.readers.add(compiling);
          found.uses++;
        }
        return undefined;
      }
      return found?.column !== undefined && compiling !== undefined && found.readers.has(compiling) ? column(row, found.column) : undefined;
    },
  };
  const errorColumns = new Map<string, string>();
  const memberErrors = new Set<string>();
  const readForEachMember = outputsReadForEachMember(program);
  const context: ExpressionContext = {
    dialect,
    moneyWord: moneyWord(program.policy),
    row,
    definitions,
    definitionColumn: (name) => named.definition(measure.name, name),
    definitionError: (name) => errorColumns.get(name),
    // The row holds the columns of every measure before this one: an output is its column, its error that of the window or the output.
    measureOutput: (other, output) => {
      const before = computed.get(other);
      if (before === undefined) return undefined;
      reads.add(other);
      const outputError = before.outputErrors.get(output);
      const guarded = outputError === undefined ? undefined : `CASE WHEN ${column(row, named.window(other))} THEN ${outputError} END`;
      const sql = column(row, output === "in_force" ? named.inForce(other) : named.output(other, output));
      return { sql, error: firstError(before.windowError, guarded) };
    },
    // As the interpreter: the output's definition decided for that member, its empty value when its measure is not in force.
    memberOutput: (other: string, output: string, member: RecordRef): SqlValue => {
      const before = computed.get(other);
      reads.add(other);
      const definition = before?.context.definitions.get(output);
      const parameter = definition?.parameters[0];
      if (before === undefined || definition === undefined || parameter === undefined) return internalError(`${other}.${output} is not computed before ${measure.name}`);
      const inForce = column(row, named.window(other));
      const members = definition.members;
      // an item of the output's list, at a known position: what that measure computed for it
      if (member.index !== undefined && member.prefix === "" && members !== undefined && member.list?.name === `${members.entity}.${members.field}`) {
        const at = (name: string): string => `${dialect === "postgres" ? `(${column(row, name)})` : column(row, name)}[${member.index}]`;
        const sql = `CASE WHEN ${inForce} THEN ${at(named.definition(other, output))} ELSE ${emptySql(definition.type, dialect)} END`;
        const errors = before.memberErrors.has(output) ? `CASE WHEN ${inForce} THEN ${at(named.memberErrors(other, output))} END` : undefined;
        const error = firstError(before.windowError, errors);
        return error === undefined ? { sql } : { sql, error };
      }
      const decided = decide(definition, { ...before.context, problems: surveying ? [] : problems, nextAlias }, new Map([[parameter.name, member]]));
      const sql = `CASE WHEN ${inForce} THEN ${decided.sql} ELSE ${emptySql(definition.type, dialect)} END`;
      const error = firstError(before.windowError, decided.error === undefined ? undefined : `CASE WHEN ${inForce} THEN ${decided.error} END`);
      return error === undefined ? { sql } : { sql, error };
    },
    parameters: new Map(program.parameters.map((p) => [p.name, p])),
    ...(options.parametersGiven === undefined ? {} : { parametersGiven: options.parametersGiven }),
    scales: new Map(program.scales.map((scale) => [scale.name, scale])),
    lists: new Map(layout.lists.map((list): [string, ListTable] => [list.name, list])),
    series: new Map(layout.series.map((table): [string, SeriesTable] => [table.name, table])),
    problems,
    nextAlias,
    ...(dialect === "duckdb" ? { filteredLists } : {}),
  };

  // Each definition without parameters, and each output given for each member, in the first step after everything it reads.
  const evaluated = measure.definitions.filter((d) => d.parameters.length === 0 || d.members !== undefined);
  const filters = sharedFilters(measure, evaluated, context, shared, (on) => {
    surveying = on.surveying;
    compiling = on.compiling;
  });
  const layerOf = new Map<string, number>();
  // a shared list in the first step after the definitions its test reads, each of its readers in a step after it
  for (let changed = true, round = 0; changed; round++) {
    if (round > evaluated.length + filters.length + 1) throw new Error(`the steps of ${measure.name} do not settle`);
    changed = false;
    for (const filter of filters) {
      const layer = 1 + Math.max(0, ...[...filter.reads].map((name) => layerOf.get(name) ?? 0));
      if (layer !== filter.layer) changed = true;
      filter.layer = layer;
    }
    for (const definition of evaluated) {
      const reads = new Set<string>();
      forEachRuleExpression(definition.rules, (e) => definitionsRead(e, definitions, reads, new Set()));
      const readLists = filters.filter((f) => f.readers.has(definition.name)).map((f) => f.layer ?? 0);
      const layer = 1 + Math.max(0, ...[...reads].map((name) => layerOf.get(name) ?? 0), ...readLists);
      if (layer !== layerOf.get(definition.name)) changed = true;
      layerOf.set(definition.name, layer);
    }
  }
  const layers = Math.max(1, ...layerOf.values());

  // the outputs computed as the ENUM of their texts (SqlOptions.typedChoices)
  const typedChoices = new Map<string, ChoiceEnum>();
  if (dialect === "duckdb" && options.typedChoices === true) {
    for (const output of measureOutputs(measure)) {
      const choices = output.members === undefined ? choiceEnum(output.type, program) : undefined;
      if (choices !== undefined) typedChoices.set(output.name, choices);
    }
  }
  const given = column(row, named.given(measure.name));
  const window = column(row, named.window(measure.name));
  const present = measure.reads.flatMap((path) => (options.factsGiven?.has(path) === true ? [] : (presenceTest(path, program, row) ?? [])));
  /** `CASE WHEN <the case gives the measure's facts> THEN value END`, the value itself where every case gives them */
  const whereGiven = (value: string): string => (present.length === 0 ? value : `CASE WHEN ${given} THEN ${value} END`);
  const steps: string[] = [];
  const stepColumns: string[][] = [];
  let windowError: string | undefined;
  // each definition's error, computed the step after its value: an operation's failure reads
  // the value's column (SqlValue.errorReading), and the errors it holds are computed before it
  let errorsAfter: { readonly name: string; readonly sql: string }[] = [];
  // when another measure reads this one, the errors of its outputs are columns of the row it reads;
  // otherwise those of the last step are computed where the measure's first error reads them
  const readElsewhere = readByOtherMeasures(program, measure.name);
  for (let layer = 1; layer <= layers || (errorsAfter.length > 0 && readElsewhere); layer++) {
    // a definition's error is read only where its measure is in force (the measure's first error, another measure's reading of an output)
    const columns: string[] = errorsAfter.map((e) => `    ${guardedError(e.sql, measure.window === undefined ? undefined : window)} AS ${identifier(named.error(measure.name, e.name))}`);
    errorsAfter = [];
    if (layer === 1) {
      columns.push(`    -- the case gives every fact the measure reads\n    ${present.length === 0 ? "TRUE" : present.join("\n      AND ")} AS ${identifier(named.given(measure.name))}`);
      const test = measure.window === undefined ? { sql: "TRUE" } : windowTest(measure.window, column(row, DATE_COLUMN), context, new Map());
      const lines = measure.citation === undefined ? [] : [comment(`in force: ${citedClause(measure.citation)} "${measure.citation.quote}"`, "    ")];
      columns.push(`${lines.map((l) => `${l}\n`).join("")}    ${test.sql} AS ${identifier(named.window(measure.name))}`);
      windowError = test.error;
    }
    for (const filter of filters.filter((f) => f.layer === layer)) {
      const test = filter.sql.includes("item_index") ? "(item, item_index)" : "item";
      columns.push(`    -- the items of ${filter.list} that pass ${filter.label}, filtered once for ${[...filter.readers].join(", ")}\n    list_filter(${filter.items}, ${test} -> ${filter.sql}) AS ${identifier(filter.column)}`);
    }
    for (const definition of evaluated.filter((d) => layerOf.get(d.name) === layer)) {
      compiling = definition.name;
      const choices = typedChoices.get(definition.name);
      const decided: SqlValue & { readonly errors?: string } =
        definition.members === undefined ? decide(definition, choices === undefined ? context : { ...context, choices }, new Map()) : eachMember(definition, context);
      const lines = [comment(`${definition.visibility} ${definition.name} (${definition.span.file}:${definition.span.line})`, "    "), ...citationComments(definition.rules, "    ")];
      columns.push(`${lines.join("\n")}\n    ${decided.sql} AS ${identifier(named.definition(measure.name, definition.name))}`);
      if (decided.errors !== undefined && readForEachMember.has(`${measure.name}.${definition.name}`)) {
        columns.push(`    ${decided.errors} AS ${identifier(named.memberErrors(measure.name, definition.name))}`);
        memberErrors.add(definition.name);
      }
      const error = errorReading(decided, column(row, named.definition(measure.name, definition.name)));
      if (error !== undefined) {
        errorsAfter.push({ name: definition.name, sql: error });
        errorColumns.set(definition.name, column(row, named.error(measure.name, definition.name)));
      }
    }
    compiling = undefined;
    const from = layer === 1 ? previousRow(program, measure) : identifier(`step ${layer - 1}`);
    if (columns.length === 0) throw new Error(`step ${layer} of ${measure.name} computes nothing`);
    steps.push(`${identifier(`step ${layer}`)} AS (\n  SELECT ${row}.*,\n${columns.join(",\n")}\n  FROM ${from} AS ${row}${computedOnce(dialect)}\n)`);
    stepColumns.push(columns);
  }

  // The errors of the last step's definitions are no step of their own: the measure's first
  // error computes them where it reads them (no other measure reads them, nor does any
  // definition of this one).
  const lastErrors = new Map(errorsAfter.map((e) => [e.name, e.sql]));
  // the first error of the outputs in written order: each holds those of the definitions it read
  const errors = measure.outputs.flatMap((name) => lastErrors.get(name) ?? errorColumns.get(name) ?? []);
  computed.set(measure.name, {
    context,
    windowError,
    memberErrors,
    outputErrors: new Map(measure.outputs.flatMap((name) => { const error = errorColumns.get(name); return error === undefined || lastErrors.has(name) ? [] : [[name, error] as const]; })),
  });
  const error = firstError(windowError, errors.length === 0 ? undefined : `CASE WHEN ${window} THEN ${firstError(...errors)} END`) ?? "NULL";
  const guard = errorGuard(error);
  const text = dialect === "duckdb" ? "VARCHAR" : "TEXT";
  const outputs = measureOutputs(measure);
  // the first error: where the case gives the measure's facts and one of the conditions of an error holds
  const errorTests = [...(present.length === 0 ? [] : [given]), ...(guard === undefined ? [] : [present.length === 0 ? guard : `(${guard})`])];
  // a case that does not give the measure's facts has none of its outputs; outside its window every output has its empty value
  const outputColumns = [
    `  ${whereGiven(window)} AS ${identifier(named.inForce(measure.name))}`,
    ...outputs.map((o) => {
      const value = column(row, named.definition(measure.name, o.name));
      const choices = typedChoices.get(o.name);
      const empty =
        o.members !== undefined ? emptyForEachMember(o.type, column(row, o.members), dialect) : choices !== undefined ? emptyChoice(o.type, choices) : emptySql(o.type, dialect);
      // a truth value whose empty value is FALSE: one conjunction, which DuckDB computes without copying the rows a CASE selects
      const inWindow = empty === "FALSE" ? `${window} IS TRUE AND ${value}` : `CASE WHEN ${window} THEN ${value} ELSE ${empty} END`;
      return `  ${whereGiven(inWindow)} AS ${identifier(named.output(measure.name, o.name))}`;
    }),
    // the first error computed only where one of its conditions holds (errorGuard)
    `${guard === undefined ? "" : "  -- the first error, where one of the conditions of an error holds\n"}  ${
      errorTests.length === 0 ? `CAST(${error} AS ${text})` : `CASE WHEN ${errorTests.join(" AND ")} THEN CAST(${error} AS ${text}) END`
    } AS ${identifier(named.firstError(measure.name))}`,
  ];
  const title = `${measure.name}${measure.title === undefined ? "" : ` ${measure.title}`}`;
  const publicColumns = [
    `${column(row, CASE_COLUMN)}`,
    `${column(row, named.inForce(measure.name))} AS ${identifier("in_force")}`,
    ...outputs.map((o) => `${column(row, named.output(measure.name, o.name))} AS ${identifier(o.name)}`),
    `${column(row, named.firstError(measure.name))} AS ${identifier("#error")}`,
    `${measureJson(measure, row, dialect)} AS ${identifier("#json")}`,
  ];
  const query = `WITH ${steps.join(",\n")}
SELECT ${row}.*,
${outputColumns.join(",\n")}
FROM ${identifier(`step ${steps.length}`)} AS ${row}`;
  const file = `${header(program, dialect, `Measure ${title}`)}
${measure.citation === undefined ? "" : `${comment(`${citedClause(measure.citation)} "${measure.citation.quote}"`)}\n`}
-- Each case with the columns of the measures before this one and of this one: its
-- definitions (${identifier(named.definition(measure.name, "…"))}), its outputs (${identifier(named.output(measure.name, "…"))}) and
-- its first evaluation error, so that every measure is computed in one pass over the cases.
${create} ${identifier(chainView(measure.name))} AS
${query};
${
    withMeasureView
      ? `
-- The measure's results: one row per case that gives its facts.
${create} ${identifier(measureView(measure.name))} AS
SELECT ${publicColumns.join(",\n  ")}
FROM ${identifier(chainView(measure.name))} AS ${row}
WHERE ${given};
`
      : ""
  }`;
  return { text: file, columns: { measure: measure.name, steps: stepColumns, outputs: outputColumns, reads } };
}

/** A measure's outputs: each one's type and, for one given for each member, the path of its list. */
function measureOutputs(measure: MeasureIR): { name: string; type: ValueType; members?: string }[] {
  return measure.outputs.map((name) => {
    const definition = measure.definitions.find((d) => d.name === name);
    if (definition === undefined) throw new Error(`no output ${name}`);
    const { members } = definition;
    return members === undefined ? { name, type: definition.type } : { name, type: definition.type, members: `${members.entity}.${members.field}` };
  });
}

/**
 * The empty value for each member of a list (`list`: the SQL of its column), for an output
 * given for each member when its measure is not in force. PostgreSQL's column holds the
 * number of items.
 */
function emptyForEachMember(type: ValueType, list: string, dialect: Dialect): string {
  const empty = `CAST(${emptySql(type, dialect)} AS ${sqlType(type, dialect)})`;
  return dialect === "duckdb" ? `list_transform(${list}, member -> ${empty})` : `array_fill(${empty}, ARRAY[CAST(${list} AS INTEGER)])`;
}

/** Each member's value (`format` of its SQL) in the order of the members, of an output given for each member (`values`: a LIST or ARRAY). */
function eachValue(values: string, dialect: Dialect, format: (value: string) => string): string {
  return dialect === "duckdb"
    ? `list_transform(${values}, member_value -> ${format("member_value")})`
    : `ARRAY(SELECT ${format("member.value")} FROM unnest(${values}) WITH ORDINALITY AS member(value, place) ORDER BY member.place)`;
}

/** An output's value as the JSON `tiao run` prints for it: for an output given for each member, an array of the members' values. */
function outputJson(value: string, output: { type: ValueType; members?: string }, dialect: Dialect): string {
  if (output.members === undefined) return jsonText(value, output.type, dialect);
  return `('[' || array_to_string(${eachValue(value, dialect, (v) => jsonText(v, output.type, dialect))}, ',') || ']')`;
}

/** A measure's outputs as the JSON object `tiao run` prints for it. */
function measureJson(measure: MeasureIR, row: string, dialect: Dialect, prefix = ""): string {
  // one concat: a chain of || would copy the text made so far at each step
  const parts = [
    stringLiteral(`${prefix}{"in_force":`),
    jsonText(column(row, measureColumns.inForce(measure.name)), { kind: "bool" }, dialect),
    ...measureOutputs(measure).flatMap((o) => [stringLiteral(`,${JSON.stringify(o.name)}:`), outputJson(column(row, measureColumns.output(measure.name, o.name)), o, dialect)]),
    "'}'",
  ];
  return `concat(${parts.join(",\n      ")})`;
}

/**
 * PostgreSQL pulls a subquery up into the query that reads it and copies each column's
 * expression to every place that reads the column, so a definition read by several others
 * would be computed once per reading, and so on down the steps; `OFFSET 0` keeps each step
 * a subquery whose columns are computed once per case. DuckDB computes each step once.
 */
function computedOnce(dialect: Dialect): string {
  return dialect === "postgres" ? "\n  OFFSET 0" : "";
}

function citationComments(rules: readonly RuleIR[], indent: string): string[] {
  return rules.flatMap((rule) => [
    ...(rule.citation === undefined
      ? []
      : [comment(`${rule.kind === "simple" ? "" : `${rule.kind} ${rule.label}: `}${citedClause(rule.citation)} "${rule.citation.quote}"`, indent)]),
    ...citationComments(rule.exceptions, `${indent}  `),
  ]);
}

function emptySql(type: ValueType, dialect: Dialect): string {
  switch (type.kind) {
    case "bool":
      return "FALSE";
    case "integer":
    case "months":
    case "days":
    case "money":
    case "percent":
      return "0";
    case "decimal":
    case "unrounded_money":
      return `CAST(0 AS ${sqlType(type, dialect)})`;
    case "set":
      return "''";
    default:
      return `CAST(NULL AS ${sqlType(type, dialect)})`;
  }
}

/** The empty value of an output computed as the ENUM of its texts: the empty set, or none. */
function emptyChoice(type: ValueType, choices: ChoiceEnum): string {
  return type.kind === "set" ? `CAST('' AS ${choices.sql})` : `CAST(NULL AS ${choices.sql})`;
}

/** A value as the JSON `tiao run` prints for it. */
function jsonText(value: string, type: ValueType, dialect: Dialect): string {
  const text = dialect === "duckdb" ? "VARCHAR" : "TEXT";
  const quoted = (inner: string): string => `'"' || ${inner} || '"'`;
  const formatted = ((): string => {
    switch (type.kind) {
      case "bool":
        return `CASE WHEN ${value} THEN 'true' WHEN NOT ${value} THEN 'false' END`;
      case "integer":
      case "months":
      case "days":
        return `CAST(${value} AS ${text})`;
      case "money":
        return quoted(`tiao_money_text(${value})`);
      case "percent":
        return quoted(`tiao_percent_text(${value})`);
      case "decimal":
      case "unrounded_money":
        return quoted(`tiao_decimal_text(${value})`);
      case "date":
        return quoted(`tiao_date_text(${value})`);
      case "time":
        return quoted(`tiao_time_text(${value})`);
      case "enum":
        return quoted(value);
      case "text":
        // JSON's escapes for the two characters a text may hold that JSON escapes (it holds no control character)
        return quoted(`replace(replace(${value}, '\\', '\\\\'), '"', '\\"')`);
      case "set":
        return `'[' || CASE WHEN ${value} = '' THEN '' ELSE '"' || replace(${value}, ',', '","') || '"' END || ']'`;
      case "optional":
        return jsonText(value, type.of, dialect);
      case "record":
      case "list":
      case "per_member":
      case "series":
        throw new Error(`a ${type.kind} output`);
    }
  })();
  return `COALESCE(${formatted}, 'null')`;
}

// ---------------------------------------------------------------- results

function resultsSql(program: ProgramIR, dialect: Dialect): string {
  return `${header(program, dialect, "Results of every case")}

${resultsViewsSql(program, dialect)}`;
}

/**
 * The queries of the results of every measure, or of the measures asked for by name (`tiao
 * run --measure`): each case's line (`"#case"`, `line`), as `tiao run --scenarios` writes it,
 * and its flat results (one column per output); `reads`, the view of the chain they read (the
 * last of those measures computed), whose row holds the columns of them all, or of the cases
 * when there is no measure.
 */
export function resultsQueries(program: ProgramIR, dialect: Dialect, measureNames?: readonly string[]): { readonly reads: string; readonly lines: string; readonly flat: string } {
  const named = measureColumns;
  const row = "s";
  const measures = measureNames === undefined ? program.measures : program.measures.filter((m) => measureNames.includes(m.name));
  const last = computedOrder(program).filter((m) => measures.includes(m)).at(-1);
  const from = last === undefined ? CASE_FACTS_VIEW : chainView(last.name);
  const errorColumns = measures.map((m) => column(row, named.firstError(m.name)));
  const firstErrorSql = firstError(...errorColumns) ?? "CAST(NULL AS VARCHAR)";
  const written = [...measures].sort((a, b) => naturalMeasureOrder(a.name, b.name));
  const text = dialect === "duckdb" ? "VARCHAR" : "TEXT";
  const outputs = written.map((m) => `CASE WHEN ${column(row, named.given(m.name))} THEN ${measureJson(m, row, dialect, `${JSON.stringify(m.name)}:`)} END`);
  const decodedError = dialect === "duckdb" ? `json_extract_string(${firstErrorSql}, '$')` : `(${firstErrorSql})::json #>> '{}'`;
  const flatColumns = written.flatMap((m) => [
    `  ${column(row, named.inForce(m.name))}`,
    ...measureOutputs(m).map((o) => {
      const output = column(row, named.output(m.name, o.name));
      // an output given for each member: a list of the members' values, each as in the column of a one-value output
      const flat = o.members === undefined ? flatOutputValue(output, o.type, program, dialect) : eachValue(output, dialect, (v) => flatOutputValue(v, o.type, program, dialect));
      return `  ${flat} AS ${identifier(named.output(m.name, o.name))}`;
    }),
  ]);
  const lines = `SELECT ${row}.${identifier(CASE_COLUMN)},
  CASE WHEN ${firstErrorSql} IS NOT NULL
    THEN '{"line":' || CAST(${row}.${identifier(CASE_COLUMN)} AS ${text}) || ',"evaluation_error":' || ${firstErrorSql} || '}'
    ELSE '{' || concat_ws(',',
    ${outputs.join(",\n    ")}) || '}'
  END AS line
FROM ${identifier(from)} AS ${row}`;
  const flat = `SELECT ${row}.${identifier(CASE_COLUMN)} AS line,
  ${decodedError} AS evaluation_error,
${flatColumns.join(",\n")}
FROM ${identifier(from)} AS ${row}`;
  return { reads: from, lines, flat };
}

/**
 * The views of the results (tiao-results.sql) of every measure, or of the measures asked for
 * by name (`tiao run --measure`): their lines, and their first evaluation error (the
 * measures in the policy's order); the measures after the last of them are not computed,
 * nor are the columns of the others that these do not read.
 */
export function resultsViewsSql(
  program: ProgramIR,
  dialect: Dialect,
  measureNames?: readonly string[],
  replace = false,
): string {
  const create = replace ? "CREATE OR REPLACE VIEW" : "CREATE VIEW";
  const queries = resultsQueries(program, dialect, measureNames);
  const lines = `-- One line per case read, as \`tiao run --scenarios\` writes it, in the order of the cases: the
-- outputs of each measure whose facts the case gives (in the order m1, m2, … m10), or the
-- first evaluation error (measures in the policy's order).
${create} ${CASE_RESULTS_VIEW} AS
${queries.lines};

-- Every line, with those of the scenarios that could not be read (their problems).
${create} ${RESULTS_VIEW} AS
${allLinesSql(CASE_RESULTS_VIEW)};
`;
  const flat = `-- One row per case read and one column per output (\`m4.total\`): money as DECIMAL(18,2), other
-- values as in \`tiao run\`'s JSON; a case with an evaluation error has it in evaluation_error.
${create} ${FLAT_RESULTS_VIEW} AS
${queries.flat};
`;
  return `${lines}\n${flat}`;
}

/** Every line: those of the cases (`caseLines`, a view or a query in parentheses), with those of the scenarios that could not be read. */
export function allLinesSql(caseLines: string): string {
  return `SELECT ${identifier(CASE_COLUMN)}, line FROM ${caseLines}
UNION ALL
SELECT ${identifier(CASE_COLUMN)}, line FROM ${REJECTED_TABLE}`;
}

/**
 * One query of `select` with the views of the chain it reads as common table expressions,
 * those up to `reads` (resultsQueries), not materialized: DuckDB binds the chain once, where
 * creating each view binds every view before it (for the ten measures of Lanzhou, some
 * 0.4 s of a run, docs/sql.md).
 */
export function withChain(chain: readonly ChainQuery[], reads: string, select: string): string {
  const through = chain.findIndex((view) => view.view === reads);
  if (through < 0) return select;
  const tables = chain.slice(0, through + 1).map((view) => `${identifier(view.view)} AS NOT MATERIALIZED (\n${view.query}\n)`);
  return `WITH ${tables.join(",\n")}\n${select}`;
}

/** The most members of a set whose texts (every combination of them) make an ENUM in the flat results: 64 texts. */
const MAX_ENUM_SET_MEMBERS = 6;

/**
 * An output's value in its column of the flat results: its text (\`flatValueText\`), or in DuckDB, for
 * a value among few texts known before the query (an enum member, a set of at most
 * MAX_ENUM_SET_MEMBERS members as its sorted members joined by commas, a time of day), an ENUM
 * of those texts. DuckDB writes an ENUM to Parquet as the text column a VARCHAR makes (the
 * same UTF8 strings), but from the ENUM's own dictionary, where a VARCHAR's text is hashed
 * value by value into the dictionary of each row group; and to CSV as its text.
 */
function flatOutputValue(value: string, type: ValueType, program: ProgramIR, dialect: Dialect): string {
  if (dialect !== "duckdb") return flatValueText(value, type);
  switch (type.kind) {
    case "optional":
      return flatOutputValue(value, type.of, program, dialect);
    case "enum":
    case "set": {
      // a value computed as this ENUM already (SqlOptions.typedChoices) is not cast again
      const choices = choiceEnum(type, program);
      return choices === undefined ? flatValueText(value, type) : `CAST(${value} AS ${choices.sql})`;
    }
    case "time":
      return `tiao_time_value(${value})`;
    case "money":
      // fen below 2^53 < 10^16: a DECIMAL(16,0) times a DECIMAL(2,2) is a DECIMAL(18,2) multiplied
      // in BIGINT with no check of overflow, where DECIMAL(18,0) × 0.01 checks each product
      return `CAST(${value} AS DECIMAL(16,0)) * CAST(0.01 AS DECIMAL(2,2))`;
    default:
      return flatValueText(value, type);
  }
}

/**
 * The ENUM of the texts a value of an enum, or of a set of at most MAX_ENUM_SET_MEMBERS
 * members, can be (an optional one: or none); undefined for other types.
 */
function choiceEnum(type: ValueType, program: ProgramIR): ChoiceEnum | undefined {
  if (type.kind === "optional") return choiceEnum(type.of, program);
  const texts = type.kind === "enum" ? enumMemberNames(type.name, program) : type.kind === "set" ? enumMemberNames(type.of, program) : undefined;
  if (texts === undefined) return undefined;
  if (type.kind === "set" && texts.length > MAX_ENUM_SET_MEMBERS) return undefined;
  const literals = (type.kind === "set" ? setTexts(texts) : texts).map(stringLiteral);
  return { sql: `ENUM(${literals.join(", ")})`, literals: new Set(literals) };
}

/** The names of an enum's members, in declared order. */
export function enumMemberNames(name: string, program: ProgramIR): string[] {
  const declaration = program.schema.enums.find((e) => e.name === name);
  if (declaration === undefined) return internalError(`no enum ${name}`);
  return declaration.members.map((m) => m.name);
}

/** Every set of the members as SQL holds it: its members sorted, joined by commas (the empty set: ''). */
function setTexts(members: readonly string[]): string[] {
  const sorted = [...members].sort();
  const texts: string[] = [];
  for (let chosen = 0; chosen < 1 << sorted.length; chosen++) texts.push(sorted.filter((_, i) => (chosen & (1 << i)) !== 0).join(","));
  return texts;
}

/** A value as its text in a flat file's column (money in yuan, exact decimals and percents as text). */
export function flatValueText(value: string, type: ValueType): string {
  switch (type.kind) {
    case "bool":
    case "integer":
    case "months":
    case "days":
    case "date":
    case "enum":
    case "text":
      return value;
    case "money":
      return `CAST(${value} AS DECIMAL(18,0)) * 0.01`;
    case "percent":
      return `tiao_percent_text(${value})`;
    case "decimal":
    case "unrounded_money":
      return `tiao_decimal_text(${value})`;
    case "time":
      return `tiao_time_text(${value})`;
    case "set":
      return value;
    case "optional":
      return flatValueText(value, type.of);
    case "record":
    case "list":
    case "per_member":
    case "series":
      throw new Error(`a ${type.kind} output`);
  }
}
