/**
 * The runtime of tiao, `tiao/runtime`: what generated evaluators and the interpreter use,
 * and what an application needs to call a generated module. Every name here is public and
 * kept stable; the modules' other exports are internal.
 */

// Values: how each type of the language is held at run time (docs/internals.md)
export type { CalendarDate, TimeOfDay, YearMonthDay } from "./dates.js";
export type { Money, Percent, RoundingMode } from "./money.js";
export type { Decimal } from "./decimal.js";
export type { OutputJson, RecordValue, RuntimeValue } from "./scenario.js";

// Making values: amounts in fen, percentages in millionths, dates from year, month and day
export { fen, percentFromMillionths, parseMoney, parsePercent } from "./money.js";
export { calendarDate, timeOfDay, parseDate, parseTime, toYearMonthDay, isLeapYear, daysInMonth } from "./dates.js";
export { decimal, decimalFromInteger, decimalFromPercent, parseDecimal } from "./decimal.js";

// Printing values as `tiao run` prints them: "7407.40", "60%", "2021-11-15", "08:30"
export { formatMoney, formatPercent } from "./money.js";
export { formatDate, formatTime } from "./dates.js";
export { formatDecimal } from "./decimal.js";
export { formatValue } from "./scenario.js";

// Reading scenarios: JSON text checked against a policy's facts, every problem with its JSON path
export { readScenario, missingFacts, type Scenario, type ScenarioError, type ScenarioResult } from "./scenario.js";
export type { EnumDecl, FactSchema, FieldDecl, RecordDecl, SeriesPeriod, SourceSpan, ValueType } from "./types.js";

// Evaluation errors: no rule applies, two rules conflict, no parameter value on the date, an amount too large
export { EvaluationError, located, locatedError, type EvaluationErrorCode, type EvaluationLocation } from "./errors.js";

// Arithmetic of generated code: exact on fen and decimals, rounding explicit
export { addMoney, subtractMoney, multiplyMoney, multiplyMoneyByPercent, multiplyMoneyByPercentExact, multiplyMoneyByDecimal, moneyToDecimal, roundToFen } from "./money.js";
export { addIntegers, subtractIntegers, multiplyIntegers } from "./integers.js";
export { addDecimal, subtractDecimal, multiplyDecimal, multiplyIntegerByPercent, multiplyDecimalByPercent, negateDecimal, compareDecimal, roundDecimal, floorDecimal, ceilDecimal } from "./decimal.js";
export { periodKey, periodKeys, seriesValueAt, sumMoneySeries, sumIntegerSeries, sumDecimalSeries, averageSeries, type RelativePeriods, type SeriesReading } from "./series.js";
export { applyScale, type DatedFigure, type ScaleBracketData, type ScaleData, type ScaleMode } from "./scale.js";
export { addDays, addMonths, subtractDays, subtractMonths, subtractDates, lastDayOfTerm, daysBetween, minOf, maxOf } from "./dates.js";
export { divideDecimal, divideMoneyByInteger, divideMoneyByDecimal, divideMoneyByMoney } from "./division.js";
export { completedMonths, completedYears, yearOf, monthOf, firstDayOfMonth, lastDayOfMonth, firstDayOfYear, lastDayOfYear } from "./calendar.js";
export { startsWith } from "./text.js";
export { compareNumbers, compareEqual, compareSets, minDecimal, maxDecimal, isMember } from "./compare.js";

// The JSON-facing entry point of generated modules (their `evaluateJson`)
export {
  evaluateScenarioJson,
  type CompiledTables,
  type DecisionRecorder,
  type ExplanationsJson,
  type JsonEvaluation,
  type JsonEvaluationOptions,
  type OutputExplanation,
  type RuleDecision,
  type RuleReference,
  type WindowReport,
} from "./evaluate-json.js";
