/**
 * How the interpreter and generated code read a series: the runtime function that totals
 * it (by what its periods hold) and how an error names it. One choice for both back ends.
 */
import type { ExprIR } from "./ir.js";
import type { SeriesReading } from "../runtime/series.js";
import { evaluationLocation } from "../runtime/messages.js";
import { parseDecimal } from "../runtime/decimal.js";
import { decimalLiteral, type LiteralValue } from "./literals.js";
import { required } from "./internal-error.js";

export type SeriesTotal = Extract<ExprIR, { op: "series_total" }>;

export type SeriesTotalFunction = "sumMoneySeries" | "sumIntegerSeries" | "sumDecimalSeries" | "averageSeries";

export function seriesTotalFunction(expr: SeriesTotal): SeriesTotalFunction {
  if (expr.operator === "average") return "averageSeries";
  switch (expr.type.kind) {
    case "money":
      return "sumMoneySeries";
    case "decimal":
      return "sumDecimalSeries";
    default:
      return "sumIntegerSeries";
  }
}

/** The series' name in an error (`person.salary`, or the field of a list item), and where it is read. */
export function seriesReading(expr: Extract<ExprIR, { op: "series_at" | "series_total" }>): SeriesReading {
  const { series } = expr;
  const name = series.op === "fact" ? `${series.entity}.${series.field}` : series.op === "field" ? series.field : "the series";
  return { name, location: evaluationLocation(expr.span) };
}

/** The rounding of an average: the checker fuses every average with the `round` around it. */
export function averageRounding(expr: SeriesTotal): "half_up" | "down" | "up" {
  return required(expr.rounding, "the rounding of an average of periods");
}

/** The series' type: what its periods are and hold. */
export function seriesTypeOf(expr: Extract<ExprIR, { op: "series_at" | "series_total" }>): Extract<ExprIR["type"], { kind: "series" }> {
  const { type } = expr.series;
  if (type.kind !== "series") throw new Error(`a ${expr.op} node reads ${type.kind}, not a series`);
  return type;
}

/**
 * The value of a period not given, as a literal of the IR, or `undefined` (reading such a
 * period is an error). The type holds a decimal as its text; every other value as the runtime does.
 */
export function seriesMissingLiteral(type: Extract<ExprIR["type"], { kind: "series" }>): LiteralValue | undefined {
  const { missing } = type;
  if (missing === undefined) return undefined;
  const held = type.of.kind === "optional" ? type.of.of : type.of;
  if (held.kind !== "decimal") return missing;
  const value = parseDecimal(String(missing));
  if (value === undefined) throw new Error(`the value of a period not given is not a decimal: ${String(missing)}`);
  return decimalLiteral(value);
}
