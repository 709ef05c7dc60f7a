/**
 * Series: facts given period by period (`monthly money otherwise 0 yuan`). Declared only as
 * fields (T1010); read at the evaluation date where a value is expected, at another date with
 * `value_at(series, date)`, and totalled with `sum(series over …)` or
 * `round(average(series over …))` (T1011, T1012).
 */
import type { Expr, RelativePeriods, TypeExpr } from "../ast.js";
import type { ExprIR, SourceSpan, ValueType } from "../ir.js";
import type { SeriesPeriod } from "../../runtime/types.js";
import type { RoundingMode } from "../../runtime/money.js";
import { decimalValue, integerValue, moneyValue, percentValue } from "./literals.js";
import { formatDecimal, type Decimal } from "../../runtime/decimal.js";
import { literalRuntimeValue } from "../literals.js";
import { amountText, reportError, type Reporter } from "./report.js";
import type { ExprContext } from "./scope.js";
import { dateType, describeType } from "./types.js";

type SeriesType = Extract<ValueType, { kind: "series" }>;

/** Kinds a period of a series may hold (or their optional). */
const periodValueKinds = new Set<ValueType["kind"]>(["bool", "integer", "decimal", "money", "percent", "date", "time", "months", "days", "enum"]);

/** T1010 where a series is declared but cannot be. */
export function reportSeriesNotAllowed(span: SourceSpan, reporter: Reporter): undefined {
  return reportError(reporter, "T1010", span, "only a fact can be given period by period", {
    help: "declare the series as a field of an entity or record; a definition reads it at a date (`person.salary`) or totals it (`sum(person.salary over last 12 months)`)",
  });
}

/**
 * The type of a series field: its periods' type and the value of a period not given,
 * decoded from the literal after `otherwise`.
 */
export function seriesType(
  expr: Extract<TypeExpr, { kind: "series" }>,
  of: ValueType,
  enumMembers: ReadonlyMap<string, ReadonlySet<string>>,
  reporter: Reporter,
): SeriesType | undefined {
  const held = of.kind === "optional" ? of.of : of;
  if (!periodValueKinds.has(held.kind)) {
    return reportError(reporter, "T1010", expr.of.span, `a period of a series cannot hold ${describeType(of)}`, {
      help: "give each period one value: a yes/no, a number, an amount, a percentage, a date or a member of an enum",
    });
  }
  if (expr.missing === undefined) return { kind: "series", period: expr.period, of };
  const missing = missingValue(expr.missing, held, enumMembers, reporter);
  return missing === undefined ? undefined : { kind: "series", period: expr.period, of, missing };
}

/** The literal of a period not given, as the runtime holds it. */
function missingValue(literal: Expr, type: ValueType, enumMembers: ReadonlyMap<string, ReadonlySet<string>>, reporter: Reporter): number | boolean | string | undefined {
  const wrong = (): undefined => {
    return reportError(reporter, "T0302", literal.span, `expected ${describeType(type)} for a period not given`, {
      help: `write the value a period takes when the scenario does not give it, such as \`otherwise ${amountText(reporter, "0")}\``,
    });
  };
  switch (literal.kind) {
    case "money":
      return type.kind === "money" ? moneyValue(literal.text, literal.span, reporter) : wrong();
    case "percent":
      return type.kind === "percent" ? percentValue(literal.text, literal.span, reporter) : wrong();
    case "number":
      if (type.kind === "decimal") return decimalText(literal.text, literal.span, reporter);
      return type.kind === "integer" ? integerValue(literal.text, literal.span, reporter) : wrong();
    case "unary":
      // `otherwise -1.5`: a decimal may be negative
      return type.kind === "decimal" && literal.operator === "-" && literal.operand.kind === "number"
        ? negated(decimalText(literal.operand.text, literal.operand.span, reporter))
        : wrong();
    case "duration":
      return type.kind === (literal.unit === "months" ? "months" : "days") ? integerValue(literal.text, literal.span, reporter) : wrong();
    case "bool":
      return type.kind === "bool" ? literal.value : wrong();
    case "name":
      return type.kind === "enum" && enumMembers.get(type.name)?.has(literal.name.name) === true ? literal.name.name : wrong();
    default:
      return wrong();
  }
}

/** A decimal period not given, held in the type as its canonical text (`0`, `12.5`): the type stays plain JSON. */
function decimalText(text: string, span: SourceSpan, reporter: Reporter): string | undefined {
  const value = decimalValue(text, span, reporter);
  return value === undefined ? undefined : formatDecimal(literalRuntimeValue(value) as Decimal);
}

function negated(text: string | undefined): string | undefined {
  return text === undefined || text === "0" ? text : `-${text}`;
}

// ---------------------------------------------------------------- in expressions

/** A series read where a value is expected: the period that contains the evaluation date. */
export function readAtEvaluationDate(series: ExprIR): ExprIR {
  if (series.type.kind !== "series") return series;
  return { op: "series_at", series, type: series.type.of, span: series.span };
}

/** The series an argument names, or T1011. */
function asSeries(checked: ExprIR | undefined, span: SourceSpan, what: string, context: ExprContext): (ExprIR & { readonly type: SeriesType }) | undefined {
  if (checked === undefined) return undefined;
  if (checked.type.kind === "series") return checked as ExprIR & { readonly type: SeriesType };
  return reportError(context.reporter, "T1011", span, `${what} reads a fact given period by period, found ${describeType(checked.type)}`, {
    help: "declare the fact as a series, `monthly money` or `yearly money`, or read it directly",
  });
}

/** `value_at(series, date)`: the period that contains the date. */
export function checkValueAt(args: readonly Expr[], span: SourceSpan, context: ExprContext, check: (e: Expr, expected?: ValueType) => ExprIR | undefined): ExprIR | undefined {
  const [seriesArgument, dateArgument] = args;
  if (seriesArgument === undefined || dateArgument === undefined) return undefined;
  const series = asSeries(check(seriesArgument), seriesArgument.span, "`value_at`", context);
  const at = check(dateArgument, dateType);
  if (series === undefined || at === undefined) return undefined;
  return { op: "series_at", series, at, type: series.type.of, span };
}

const summable = new Set<ValueType["kind"]>(["money", "integer", "decimal", "months", "days"]);
const averageable = new Set<ValueType["kind"]>(["money", "integer"]);

/**
 * `sum(series over …)`, or `average(series over …)` inside `round(…)` (`rounding`): the
 * periods relative to the evaluation date.
 */
export function checkSeriesTotal(
  expr: Extract<Expr, { kind: "over" }>,
  rounding: RoundingMode | undefined,
  context: ExprContext,
  check: (e: Expr) => ExprIR | undefined,
): ExprIR | undefined {
  const series = asSeries(check(expr.series), expr.series.span, `\`${expr.operator}(… over …)\``, context);
  if (series === undefined) return undefined;
  const { period, of } = series.type;
  const periods = relativePeriods(expr.periods, period, context);
  if (periods === undefined) return undefined;
  const kinds = expr.operator === "sum" ? summable : averageable;
  if (!kinds.has(of.kind)) {
    const optional = of.kind === "optional";
    return reportError(context.reporter, "T1012", expr.series.span, `cannot ${expr.operator === "sum" ? "add up" : "average"} periods holding ${describeType(of)}`, {
      help: optional
        ? `declare the value of a period not given instead: \`monthly money otherwise ${amountText(context.reporter, "0")}\``
        : `${expr.operator === "sum" ? "add up" : "average"} amounts${expr.operator === "sum" ? ", numbers, months or days" : " or whole numbers"}`,
    });
  }
  if (expr.operator === "average" && rounding === undefined) {
    return reportError(context.reporter, "T1012", expr.span, "an average of periods must be rounded right away", {
      help: `write \`round(average(… over …))\` (or round_down, round_up): dividing by the number of periods seldom falls on a whole ${of.kind === "money" ? "fen" : "number"}`,
    });
  }
  return {
    op: "series_total",
    operator: expr.operator,
    series,
    periods,
    ...(rounding === undefined ? {} : { rounding }),
    type: of,
    span: expr.span,
  };
}

/** The periods checked against the series: a yearly series has no months (T1012). */
function relativePeriods(periods: RelativePeriods, seriesPeriod: SeriesPeriod, context: ExprContext): { relation: RelativePeriods["relation"]; count: number; unit: SeriesPeriod } | undefined {
  if (seriesPeriod === "year" && periods.unit === "month") {
    return reportError(context.reporter, "T1012", periods.span, "a yearly series has no months", {
      help: "total it over years: `over last 2 years`, `over this year` or `over previous year`",
    });
  }
  return { relation: periods.relation, count: periods.count === undefined ? 1 : Number(periods.count), unit: periods.unit };
}
