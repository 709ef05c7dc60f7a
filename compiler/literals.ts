/**
 * Literals of the IR, decoded once by the checker with the runtime's own parsers: every
 * literal is already the runtime's value (fen, millionths, day numbers, minutes), except a
 * decimal, whose `bigint` coefficient JSON cannot hold, kept as its digits. Back ends read
 * literals through this module and never parse text.
 */
import { formatDate, formatDecimal, formatMoney, formatPercent, formatTime, type CalendarDate, type Decimal, type Money, type Percent, type TimeOfDay } from "../runtime/index.js";
import type { RuntimeValue } from "../runtime/scenario.js";
import type { ValueType } from "../runtime/types.js";

/** A decimal number as JSON holds it: the runtime's `Decimal` with its coefficient in digits. */
export interface DecimalLiteral {
  /** the coefficient in decimal digits, with a `-` when negative */
  readonly digits: string;
  readonly scale: number;
}

/**
 * A literal, decoded, by the expression's type: bool → boolean; integer, months, days → the
 * number; money → fen; percent → millionths; date → days since 1970-01-01; time → minutes
 * since midnight; decimal and unrounded_money → a `DecimalLiteral`; enum → member name;
 * text → the text itself, its escapes decoded; set → sorted member names (or texts, for a set
 * of texts); optional → null for absent, or the inner literal.
 */
export type LiteralValue = boolean | number | string | null | readonly string[] | DecimalLiteral;

export const decimalZero: DecimalLiteral = { digits: "0", scale: 0 };

export function decimalLiteral(value: Decimal): DecimalLiteral {
  return { digits: value.coefficient.toString(), scale: value.scale };
}

export function isDecimalLiteral(value: LiteralValue): value is DecimalLiteral {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const decimals = new WeakMap<DecimalLiteral, Decimal>();

/** The runtime value of a literal: itself, or for a decimal its `Decimal` (made once per literal). */
export function literalRuntimeValue(value: LiteralValue): RuntimeValue {
  if (!isDecimalLiteral(value)) return value;
  const known = decimals.get(value);
  if (known !== undefined) return known;
  const decimal: Decimal = { coefficient: BigInt(value.digits), scale: value.scale };
  decimals.set(value, decimal);
  return decimal;
}

/** A text as the drafter writes it, in quotes with its escapes: `"730000"`, `"a \\"b\\""`. */
export function quotedText(value: string): string {
  return `"${value.replace(/[\\"\n]/g, (character) => (character === "\n" ? "\\n" : `\\${character}`))}"`;
}

/** The literal's figure as the drafter writes it, without a unit: `846.00`, `80`, `12.5`, `2021-10-20`, `08:30`, `6`, `"730000"`. */
export function literalFigure(value: LiteralValue, type: ValueType): string {
  const inner = type.kind === "optional" ? type.of : type;
  const kind = inner.kind;
  if (isDecimalLiteral(value)) return formatDecimal(literalRuntimeValue(value) as Decimal);
  // a set of texts has `of: "text"`, a reserved word no enum can be named
  if (Array.isArray(value)) return `{${(inner.kind === "set" && inner.of === "text" ? value.map(quotedText) : value).join(", ")}}`;
  if (kind === "text" && typeof value === "string") return quotedText(value);
  if (typeof value !== "number") return String(value);
  switch (kind) {
    case "money":
      return formatMoney(value as Money);
    case "percent":
      return formatPercent(value as Percent).slice(0, -1);
    case "date":
      return formatDate(value as CalendarDate);
    case "time":
      return formatTime(value as TimeOfDay);
    default:
      return String(value);
  }
}

/** A literal as the drafter writes it, in the policy's money `unit`: `846.00 yuan`, `80%`, `12 months`, `2021-10-20`, `{expired, not_qualified}`, `absent`. */
export function literalText(value: LiteralValue, type: ValueType, unit = "yuan"): string {
  if (value === null) return "absent";
  const text = literalFigure(value, type);
  switch (type.kind === "optional" ? type.of.kind : type.kind) {
    case "money":
      return `${text} ${unit}`;
    case "percent":
      return `${text}%`;
    case "months":
      return text === "1" ? "1 month" : `${text} months`;
    case "days":
      return text === "1" ? "1 day" : `${text} days`;
    default:
      return text;
  }
}
