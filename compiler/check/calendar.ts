/**
 * The evaluation date and the calendar: `evaluation_date`, durations in years (twelve months
 * each) and the built-in functions of the operations table (`completed_years(birth,
 * evaluation_date)`, `year_of(d)`, `last_day_of_month(d)`, …), checked from the table's
 * operand and result kinds.
 */
import type { Expr } from "../ast.js";
import type { ExprIR, SourceSpan, ValueType } from "../ir.js";
import { functionName, functionOperation, functionOperationIds, type FunctionOperationId } from "../operations.js";
import { literal } from "./ir-nodes.js";
import { integerValue } from "./literals.js";
import { reportError, reportWarning } from "./report.js";
import type { ExprContext } from "./scope.js";
import { dateType, monthsType } from "./types.js";

const MONTHS_PER_YEAR = 12;

/** The names of the built-in functions the operations table defines. */
export const calendarFunctionNames: readonly string[] = functionOperationIds.map(functionName);

/** `18 years`: a number of months, twelve a year, so that it compares with and adds to months. */
export function checkYears(text: string, span: SourceSpan, context: ExprContext): ExprIR | undefined {
  const years = integerValue(text, span, context.reporter);
  if (years === undefined) return undefined;
  const months = years * MONTHS_PER_YEAR;
  if (!Number.isSafeInteger(months)) {
    return reportError(context.reporter, "T0804", span, `\`${text} years\` is too many months to count exactly`, {
      help: "write a number of years below 750 trillion",
    });
  }
  return literal(months, monthsType, span);
}

/** `years(n)`: n × 12 months, for a number of years that is a whole number such as an age. */
export function checkYearsOf(args: readonly Expr[], span: SourceSpan, context: ExprContext, checkCount: (argument: Expr) => ExprIR | undefined): ExprIR | undefined {
  const [argument] = args;
  if (args.length !== 1 || argument === undefined) {
    return reportError(context.reporter, "T0212", span, `\`years\` takes 1 argument, but ${args.length === 0 ? "none is" : `${args.length} are`} given`, {
      help: "write `years(n)`",
    });
  }
  const count = checkCount(argument);
  if (count === undefined) return undefined;
  const year = literal(MONTHS_PER_YEAR, monthsType, span);
  return { op: "arithmetic", operator: "months_mul_integer", left: year, right: count, type: monthsType, span };
}

/**
 * `evaluation_date`: the date the case is evaluated on. A window decides on that date whether
 * a measure is in force, and a parameter's value is a figure, so neither can be it.
 */
export function checkEvaluationDate(span: SourceSpan, context: ExprContext): ExprIR | undefined {
  if (context.place !== "definition") {
    const where = context.place === "window" ? "a bound of a window" : "a parameter's value";
    return reportError(context.reporter, "T0801", span, `\`evaluation_date\` cannot be ${where}`, {
      help: context.place === "window"
        ? "a window is compared with the evaluation date: its bounds are dates (`2021-10-20`) or date parameters"
        : "a parameter's value is a date written out, such as `2021-10-20`",
    });
  }
  return { op: "evaluation_date", type: dateType, span };
}

/**
 * A built-in function of the table: each argument checked against its operand's kind. The
 * arguments are `checkExpr`'s to check, so that a wrong argument gets the usual diagnostics.
 */
export function checkFunctionCall(
  operation: FunctionOperationId,
  callee: { readonly name: string; readonly span: SourceSpan },
  args: readonly Expr[],
  span: SourceSpan,
  context: ExprContext,
  checkArgument: (argument: Expr, type: ValueType) => ExprIR | undefined,
): ExprIR | undefined {
  const { operands, result, arguments: argumentNames } = functionOperation(operation);
  if (args.length !== operands.length) {
    const usage = `${callee.name}(${argumentNames?.join(", ") ?? (operands.length === 2 ? "from, to" : "date")})`;
    return reportError(context.reporter, "T0212", span, `\`${callee.name}\` takes ${operands.length === 1 ? "1 argument" : `${operands.length} arguments`}, but ${args.length === 1 ? "1 is" : `${args.length} are`} given`, {
      help: `write \`${usage}\``,
    });
  }
  const checked = args.map((argument, index) => checkArgument(argument, { kind: operands[index] } as ValueType));
  if (checked.some((argument) => argument === undefined)) return undefined;
  const checkedArgs = checked as ExprIR[];
  if ((operation === "completed_years" || operation === "completed_months") && checkedArgs[0]?.op === "evaluation_date") {
    reportWarning(context.reporter, "T0802", span, `\`${callee.name}\` counts from its first date to its second, and the first here is the evaluation date`, {
      help: `put the earlier date first: \`${callee.name}(person.birth_date, evaluation_date)\`; from a later date to an earlier one it is an evaluation error`,
    });
  }
  return { op: "function", operation, args: checkedArgs, type: { kind: result } as ValueType, span };
}

/**
 * `year_of(a) - year_of(b)` for an age or a length of service counts a year too many until
 * the anniversary: 2021-12-31 and 2022-01-01 are a year apart by it.
 */
export function reportYearsByHand(result: ExprIR, context: ExprContext): void {
  if (result.op !== "arithmetic" || result.operator !== "integer_sub") return;
  const isYearOf = (operand: ExprIR): boolean => operand.op === "function" && operand.operation === "year_of";
  if (!isYearOf(result.left) || !isYearOf(result.right)) return;
  reportWarning(context.reporter, "T0803", result.span, "the difference of two years is not the number of years completed between the dates", {
    help: "write `completed_years(earlier, later)`: from 2021-12-31 to 2022-01-01, `year_of` gives 1, `completed_years` 0",
  });
}
