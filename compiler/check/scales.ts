/**
 * Scales: each bracket's thresholds (money) and rates (percentages) are dated figures,
 * checked as a parameter's values are (dates.ts); on every date the thresholds in force rise
 * in written order, and a bracket whose threshold is in force has a rate (T1004, T1005).
 * Also the application of a scale in an expression, `marginal(s, base)` and
 * `single_rate(s, base)`, and the error of a scale read as a value.
 */
import type { BracketFigure, Expr, Identifier, ScaleDeclaration } from "../ast.js";
import type { ExprIR, ParameterValueIR, ScaleBracketIR, ScaleIR, SourceSpan, ValueType } from "../ir.js";
import { formatDate, type CalendarDate } from "../../runtime/dates.js";
import { formatMoney, type Money } from "../../runtime/money.js";
import { checkValuePeriods } from "./dates.js";
import { reportRepeatedNames, type ProgramSymbols } from "./declarations.js";
import { checkValueLiteral, sourceIR } from "./parameters.js";
import { amountText, listNames, reportError, suggestion, type Reporter } from "./report.js";
import { rootContext, type ExprContext } from "./scope.js";
import { moneyType, percentType, unroundedType } from "./types.js";
import { definedProperties } from "../defined-properties.js";

export function checkScales(symbols: ProgramSymbols, reporter: Reporter): ScaleIR[] {
  const context = rootContext(symbols, "parameter_value", reporter);
  return [...symbols.scales.values()].flatMap((declaration) => {
    const scale = checkScale(declaration, context);
    return scale === undefined ? [] : [scale];
  });
}

function checkScale(declaration: ScaleDeclaration, context: ExprContext): ScaleIR | undefined {
  const name = declaration.name.name;
  reportRepeatedNames(declaration.brackets.map((b) => b.name), "bracket", context.reporter);
  const brackets = declaration.brackets.map((bracket): ScaleBracketIR | undefined => {
    const label = `${name}.${bracket.name.name}`;
    const thresholds = checkFigures(label, bracket.figures.filter((f) => f.figure === "threshold"), moneyType, declaration.typeSpan, context);
    const rates = checkFigures(label, bracket.figures.filter((f) => f.figure === "rate"), percentType, declaration.typeSpan, context);
    const missing = thresholds?.length === 0 ? "threshold" : rates?.length === 0 ? "rate" : undefined;
    if (missing !== undefined) {
      return reportError(context.reporter, "T1004", bracket.name.span, `the bracket \`${bracket.name.name}\` has no ${missing}`, {
        help: missing === "threshold" ? `add \`threshold ${amountText(context.reporter, "0")} from … source …\`: where the bracket starts` : "add `rate 10% from … source …`",
      });
    }
    if (thresholds === undefined || rates === undefined) return undefined;
    return { name: bracket.name.name, thresholds, rates, span: bracket.span };
  });
  const checked = brackets.filter((b): b is ScaleBracketIR => b !== undefined);
  if (checked.length !== brackets.length) return undefined;
  if (!reportRatesMissing(name, checked, context.reporter) || !reportFallingThresholds(name, checked, context.reporter)) return undefined;
  return {
    name,
    ...definedProperties({ label: declaration.label?.value, unit: declaration.unit?.value }),
    brackets: checked,
    span: declaration.span,
  };
}

function checkFigures(label: string, figures: readonly BracketFigure[], type: ValueType, declaredAt: SourceSpan, context: ExprContext): ParameterValueIR[] | undefined {
  const periods = checkValuePeriods(label, figures, context.reporter);
  const values = figures.map((figure, index): ParameterValueIR | undefined => {
    const period = periods[index];
    const literal = checkValueLiteral(figure, type, declaredAt, context);
    if (period === undefined || literal === undefined) return undefined;
    return { value: literal.value, ...period, source: sourceIR(figure.source), ...(figure.note === undefined ? {} : { note: figure.note.value }), span: figure.span };
  });
  const checked = values.filter((v): v is ParameterValueIR => v !== undefined);
  return checked.length === values.length ? checked : undefined;
}

function figureOn(figures: readonly ParameterValueIR[], date: CalendarDate): ParameterValueIR | undefined {
  return figures.find((f) => f.from <= date && (f.until === undefined || date <= f.until));
}

/** The dates on which some figure of the brackets starts or ends: between two of them, nothing changes. */
function changeDates(brackets: readonly ScaleBracketIR[]): CalendarDate[] {
  const dates = new Set<CalendarDate>();
  for (const bracket of brackets) {
    for (const figure of [...bracket.thresholds, ...bracket.rates]) {
      dates.add(figure.from);
      if (figure.until !== undefined) dates.add((figure.until + 1) as CalendarDate);
    }
  }
  return [...dates].sort((a, b) => a - b);
}

/** T1004: a bracket part of the scale on a date (its threshold in force) without a rate then. */
function reportRatesMissing(scale: string, brackets: readonly ScaleBracketIR[], reporter: Reporter): boolean {
  for (const date of changeDates(brackets)) {
    for (const bracket of brackets) {
      const threshold = figureOn(bracket.thresholds, date);
      if (threshold === undefined || figureOn(bracket.rates, date) !== undefined) continue;
      reportError(reporter, "T1004", threshold.span, `the bracket \`${bracket.name}\` of \`${scale}\` has a threshold but no rate on ${formatDate(date)}`, {
        help: `give the bracket a rate from ${formatDate(date)}, or end its threshold before`,
      });
      return false;
    }
  }
  return true;
}

/** T1005: on some date, a bracket's threshold does not rise above the one before it. */
function reportFallingThresholds(scale: string, brackets: readonly ScaleBracketIR[], reporter: Reporter): boolean {
  for (const date of changeDates(brackets)) {
    let previous: { readonly bracket: ScaleBracketIR; readonly threshold: ParameterValueIR } | undefined;
    for (const bracket of brackets) {
      const threshold = figureOn(bracket.thresholds, date);
      if (threshold === undefined) continue;
      if (previous !== undefined && (threshold.value as Money) <= (previous.threshold.value as Money)) {
        reportError(
          reporter,
          "T1005",
          threshold.span,
          `on ${formatDate(date)}, the threshold of \`${bracket.name}\` (${formatMoney(threshold.value as Money)}) does not rise above that of \`${previous.bracket.name}\` (${formatMoney(previous.threshold.value as Money)})`,
          {
            labels: [{ span: previous.threshold.span, message: "the bracket before starts here" }],
            help: `write the brackets of \`${scale}\` from the lowest threshold to the highest, each above the one before on every date`,
          },
        );
        return false;
      }
      previous = { bracket, threshold };
    }
  }
  return true;
}

// ---------------------------------------------------------------- in expressions

export type ScaleFunction = "marginal" | "single_rate";

/** `marginal(scale, base)`, `single_rate(scale, base)`: an unrounded amount. */
export function checkScaleApplication(
  mode: ScaleFunction,
  args: readonly Expr[],
  span: SourceSpan,
  context: ExprContext,
  checkBase: (base: Expr) => ExprIR | undefined,
): ExprIR | undefined {
  const [scaleArgument, baseArgument] = args;
  const scaleName = scaleArgument === undefined ? undefined : bareName(scaleArgument);
  if (scaleName === undefined || !context.symbols.scales.has(scaleName.name)) {
    const at = scaleName?.span ?? scaleArgument?.span ?? span;
    const scales = [...context.symbols.scales.keys()];
    const listing = scales.length === 0 ? "declare one with `parameter name: scale { bracket … }`" : `the scales are ${listNames(scales)}`;
    return reportError(context.reporter, "T1006", at, `the first argument of \`${mode}\` must name a scale`, {
      ...(scaleName === undefined ? { help: listing } : suggestion(scaleName.name, scales, listing)),
    });
  }
  const base = baseArgument === undefined ? undefined : checkBase(baseArgument);
  if (base === undefined) return undefined;
  return { op: "scale", mode, scale: scaleName.name, base, type: unroundedType, span };
}

function bareName(expr: Expr): Identifier | undefined {
  if (expr.kind === "paren") return bareName(expr.inner);
  return expr.kind === "name" ? expr.name : undefined;
}

/** T1007: a scale's name read where a value is expected. */
export function reportScaleAsValue(name: Identifier, context: ExprContext): undefined {
  return reportError(context.reporter, "T1007", name.span, `\`${name.name}\` is a scale, not a value`, {
    help: `apply it to an amount: \`round(marginal(${name.name}, base))\` or \`round(single_rate(${name.name}, base))\``,
  });
}
