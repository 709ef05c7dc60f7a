/**
 * Number literals as written (`1458.00`, `12.5`, `6`) decoded into the runtime's values by
 * the runtime's own parsers, once, with the limits of the runtime representation: money is
 * a safe integer number of fen, a percentage a safe integer number of millionths, integers
 * are safe integers. What the parsers would refuse is reported here, in a drafter's words.
 */
import { parseDecimal } from "../../runtime/decimal.js";
import { parseMoney, parsePercent, type Money, type Percent } from "../../runtime/money.js";
import { TEXT_MAX_LENGTH, textProblem } from "../../runtime/text.js";
import type { SourceSpan } from "../../runtime/types.js";
import { decimalLiteral, type DecimalLiteral } from "../literals.js";
import type { Reporter } from "./report.js";
import { amountText, reportError } from "./report.js";
import { minorUnitName } from "../currency.js";

interface Digits {
  readonly whole: string;
  readonly fraction: string;
}

function splitNumber(text: string): Digits | undefined {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (match === null || match[1] === undefined) return undefined;
  return { whole: match[1], fraction: match[2] ?? "" };
}

function withoutLeadingZeros(whole: string): string {
  return whole.replace(/^0+(?=\d)/, "");
}

function withoutTrailingZeros(fraction: string): string {
  return fraction.replace(/0+$/, "");
}

function fitsSafeInteger(digits: string): boolean {
  return BigInt(digits) <= BigInt(Number.MAX_SAFE_INTEGER);
}

function reportMalformed(text: string, span: SourceSpan, reporter: Reporter): undefined {
  return reportError(reporter, "T0319", span, `\`${text}\` is not a number`, { help: "write digits with an optional fraction: `6`, `0.5`, `1458.00`" });
}

function reportTooLarge(text: string, span: SourceSpan, reporter: Reporter): undefined {
  return reportError(reporter, "T0319", span, `\`${text}\` is too large`, { help: "numbers must stay below 9007199254740991 (amounts in fen)" });
}

/** A decimal number, exactly: `012.50` is 12.5. */
export function decimalValue(text: string, span: SourceSpan, reporter: Reporter): DecimalLiteral | undefined {
  const digits = splitNumber(text);
  if (digits === undefined) return reportMalformed(text, span, reporter);
  const fraction = digits.fraction === "" ? "" : `.${digits.fraction}`;
  const value = parseDecimal(`${withoutLeadingZeros(digits.whole)}${fraction}`);
  return value === undefined ? reportTooLarge(text, span, reporter) : decimalLiteral(value);
}

/** Whether a plain number is written without a fraction (`6`, not `6.0`). */
export function isWholeNumberText(text: string): boolean {
  return /^\d+$/.test(text);
}

export function integerValue(text: string, span: SourceSpan, reporter: Reporter): number | undefined {
  const digits = splitNumber(text);
  if (digits === undefined) return reportMalformed(text, span, reporter);
  if (digits.fraction !== "") {
    return reportError(reporter, "T0320", span, `\`${text}\` is not a whole number`, { help: "months, days and counts are whole numbers" });
  }
  if (!fitsSafeInteger(digits.whole)) return reportTooLarge(text, span, reporter);
  return Number(digits.whole);
}

/** An amount in fen (`500` → 50000), with any number of trailing zeros after the fen. */
export function moneyValue(text: string, span: SourceSpan, reporter: Reporter): Money | undefined {
  const digits = splitNumber(text);
  if (digits === undefined) return reportMalformed(text, span, reporter);
  if (digits.fraction.length > 2 && /[1-9]/.test(digits.fraction.slice(2))) {
    const word = reporter.moneyWord ?? "yuan";
    return reportError(reporter, "T0320", span, `\`${amountText(reporter, text)}\` is not a whole number of ${minorUnitName(word)}`, { help: "an amount of money has at most two decimals" });
  }
  const fen = digits.fraction.slice(0, 2).padEnd(2, "0");
  return parseMoney(`${digits.whole}.${fen}`) ?? reportTooLarge(text, span, reporter);
}

/** A percentage in millionths (`60` → 600000, `12.5` → 125000), at most four decimals of a percent. */
export function percentValue(text: string, span: SourceSpan, reporter: Reporter): Percent | undefined {
  const digits = splitNumber(text);
  if (digits === undefined) return reportMalformed(text, span, reporter);
  const fraction = withoutTrailingZeros(digits.fraction);
  if (fraction.length > 4) {
    return reportError(reporter, "T0320", span, `\`${text}%\` has too many decimals`, { help: "a percentage has at most four decimals (millionths)" });
  }
  return parsePercent(fraction === "" ? digits.whole : `${digits.whole}.${fraction}`) ?? reportTooLarge(text, span, reporter);
}

/**
 * A text, `"730000"`, already decoded from its escapes: what a scenario's text may hold
 * (runtime/text.ts), so that a literal can equal a fact. The lexer has refused the invisible
 * characters a quote may not hold (T0112), but a quote may hold a tab, and an escape can write
 * a line break.
 */
export function textValue(value: string, span: SourceSpan, reporter: Reporter): string | undefined {
  const problem = textProblem(value);
  if (problem === undefined) return value;
  const length = [...value].length;
  if (length > TEXT_MAX_LENGTH) {
    reportError(reporter, "T1120", span, `this text has ${length} characters, more than a text may hold`, {
      help: `a text identifies something (a postal code, a register number) in at most ${TEXT_MAX_LENGTH} characters; longer words belong in a label or a note`,
    });
  } else if (value.includes("\n")) {
    reportError(reporter, "T1120", span, "a text cannot hold a line break", {
      help: "remove `\\n`: a text is compared whole with a scenario's, which holds no line break",
    });
  } else {
    reportError(reporter, "T1120", span, "a text cannot hold a tab or another control character", {
      help: "remove it: a text is compared whole with a scenario's, which holds no control character",
    });
  }
  return undefined;
}
