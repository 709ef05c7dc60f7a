/**
 * Effective windows (`in force from … until …`) of measures and rules: `from` is a date,
 * `until` a date or an optional date (absent: open end), both written as dates or date
 * parameters. A window written with two dates must not end before it starts. A window with
 * only `until` starts on the first day of the calendar, 0001-01-01.
 */
import type { EffectiveWindow } from "../ast.js";
import type { ExprIR, WindowIR } from "../ir.js";
import { formatDate, type CalendarDate } from "../../runtime/dates.js";
import { EARLIEST_DATE } from "./dates.js";
import type { ProgramSymbols } from "./declarations.js";
import { checkExpr } from "./expressions.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";
import type { DefinitionSignature } from "./scope.js";
import { rootContext } from "./scope.js";
import { dateType, describeType } from "./types.js";

/** `definitions`: those of the enclosing measure, so that using one in a window is reported as such (T0220). */
export function checkWindow(window: EffectiveWindow, symbols: ProgramSymbols, definitions: ReadonlyMap<string, DefinitionSignature>, reporter: Reporter): WindowIR | undefined {
  const context = rootContext(symbols, "window", reporter, definitions);
  // without `from`, in force from the first day of the calendar: on every date up to `until`
  const from = window.from === undefined ? earliestDate(window.span) : checkExpr(window.from, context, { type: dateType });
  const until = window.until === undefined ? undefined : checkExpr(window.until, context);
  if (until !== undefined && until.type.kind !== "date" && !(until.type.kind === "optional" && until.type.of.kind === "date")) {
    return reportError(reporter, "T0302", until.span, `expected a date, found ${describeType(until.type)}`, {
      help: "a window ends on a date (inclusive), or on a date parameter that may be absent for an open end",
    });
  }
  if (from === undefined || (window.until !== undefined && until === undefined)) return undefined;
  const start = literalDate(from);
  const end = until === undefined ? undefined : literalDate(until);
  if (start !== undefined && end !== undefined && end.days < start.days) {
    return reportError(reporter, "T0505", window.span, `this window ends on ${end.text}, before it starts on ${start.text}`, {
      help: "`until` is the last day in force: it cannot come before `from`",
    });
  }
  return { from, ...(until === undefined ? {} : { until }), span: window.span };
}

function earliestDate(span: EffectiveWindow["span"]): ExprIR {
  return { op: "literal", value: EARLIEST_DATE, type: dateType, span };
}

/** A date written out in the window, with its day number. */
function literalDate(expr: ExprIR): { text: string; days: number } | undefined {
  if (expr.op !== "literal" || typeof expr.value !== "number") return undefined;
  return { text: formatDate(expr.value as CalendarDate), days: expr.value };
}
