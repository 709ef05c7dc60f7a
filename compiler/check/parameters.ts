/**
 * Parameters: each value is a figure written out, of the parameter's type, in force over a
 * period; the periods follow each other in date order without overlapping (dates.ts).
 */
import type { ParameterValue, SourceRef } from "../ast.js";
import type { ExprIR, LiteralValue, ParameterIR, ParameterValueIR, SourceIR, ValueType } from "../ir.js";
import { decimalFromInteger, negateDecimal, type Decimal } from "../../runtime/decimal.js";
import { decimalLiteral, isDecimalLiteral, literalRuntimeValue } from "../literals.js";
import { citationIR } from "./citations.js";
import { checkValuePeriods } from "./dates.js";
import type { ParameterSymbol, ProgramSymbols } from "./declarations.js";
import { checkExpr } from "./expressions.js";
import type { Reporter } from "./report.js";
import { amountText, reportError } from "./report.js";
import type { ExprContext } from "./scope.js";
import { rootContext } from "./scope.js";
import { definedProperties } from "../defined-properties.js";

export function checkParameters(symbols: ProgramSymbols, reporter: Reporter): ParameterIR[] {
  const context = rootContext(symbols, "parameter_value", reporter);
  return [...symbols.parameters.values()].flatMap((symbol) => {
    const parameter = checkParameter(symbol, context, reporter);
    return parameter === undefined ? [] : [parameter];
  });
}

function checkParameter(symbol: ParameterSymbol, context: ExprContext, reporter: Reporter): ParameterIR | undefined {
  const { declaration, type } = symbol;
  const name = declaration.name.name;
  const periods = checkValuePeriods(name, declaration.values, reporter);
  const values = declaration.values.map((value, index): ParameterValueIR | undefined => {
    const period = periods[index];
    const literalValue = type === undefined ? undefined : checkValueLiteral(value, type, declaration.type.span, context);
    if (period === undefined || literalValue === undefined) return undefined;
    return {
      value: literalValue.value,
      ...period,
      source: sourceIR(value.source),
      ...(value.note === undefined ? {} : { note: value.note.value }),
      span: value.span,
    };
  });
  const checkedValues = values.filter((v): v is ParameterValueIR => v !== undefined);
  if (type === undefined || checkedValues.length !== values.length) return undefined;
  return {
    name,
    type,
    ...definedProperties({ label: declaration.label?.value, unit: declaration.unit?.value }),
    values: checkedValues,
    span: declaration.span,
  };
}

/** The value as a literal of the parameter's type (boxed, since `null` is a literal: absent). */
export function checkValueLiteral(value: ParameterValue, type: ValueType, declaredAt: ExprIR["span"], context: ExprContext): { value: LiteralValue } | undefined {
  const checked = checkExpr(value.value, context, { type, declaredAt });
  if (checked === undefined) return undefined;
  const written = literalOf(checked);
  if (written === undefined) {
    reportError(context.reporter, "T0507", checked.span, "a parameter value must be written out", {
      help: `write the figure itself: \`${amountText(context.reporter, "500")}\`, \`60%\`, \`6 months\`, \`2021-10-20\`, \`absent\``,
    });
  }
  return written;
}

export function literalOf(expr: ExprIR): { value: LiteralValue } | undefined {
  if (expr.op === "literal") return { value: expr.value };
  if (expr.op === "convert" && expr.conversion === "to_optional") return literalOf(expr.operand);
  if (expr.op === "convert" && expr.conversion === "integer_to_decimal" && expr.operand.op === "literal" && typeof expr.operand.value === "number") {
    return { value: decimalLiteral(decimalFromInteger(expr.operand.value)) };
  }
  if (expr.op === "negate") return negatedDecimal(literalOf(expr.operand));
  return undefined;
}

/** `-30` or `-2.5` for a decimal parameter: the literal with its sign. */
function negatedDecimal(written: { value: LiteralValue } | undefined): { value: LiteralValue } | undefined {
  if (written === undefined || !isDecimalLiteral(written.value)) return undefined;
  return { value: decimalLiteral(negateDecimal(literalRuntimeValue(written.value) as Decimal)) };
}

export function sourceIR(source: SourceRef): SourceIR {
  return source.kind === "clause"
    ? { kind: "clause", citation: citationIR(source.citation) }
    : { kind: "document", text: source.text.value, span: source.span };
}
