/**
 * The rules and exceptions of a definition (default logic): each case is checked, then
 * arranged into a tree whose roots are the `rule`s and whose children are the exceptions
 * that override them. Conflicts the checker can see (two siblings that apply always, or
 * under the same condition) are errors. (That every case cites the notice is part of the
 * grammar: the parser reports a missing `cites`.)
 */
import type { Definition, EffectiveWindow, Expr, RuleCase } from "../ast.js";
import type { ExprIR, RuleIR, SourceSpan } from "../ir.js";
import { formatDate, type CalendarDate } from "../../runtime/dates.js";
import { citationIR } from "./citations.js";
import { checkExpr } from "./expressions.js";
import type { Reporter } from "./report.js";
import { firstOfEachKey, listNames, reportError, reportWarning, suggestion } from "./report.js";
import type { DefinitionSignature, ExprContext } from "./scope.js";
import { presentWhen, withPresent } from "./scope.js";
import { boolType } from "./types.js";
import { checkWindow } from "./windows.js";
import { definedProperties } from "../defined-properties.js";

/** A checked case, before it takes its place in the tree. */
interface CheckedCase {
  readonly source: RuleCase;
  readonly label: string;
  readonly rule: Omit<RuleIR, "exceptions"> | undefined;
}

/** The base rules of a definition, each with its exceptions; undefined when something was reported. */
export function checkRules(definition: Definition, signature: DefinitionSignature, context: ExprContext): RuleIR[] | undefined {
  const cases = definition.body.kind === "simple" ? [definition.body.rule] : definition.body.cases;
  const checked = cases.map((c, index) => checkCase(c, caseLabel(c, index, definition), definition, signature, context));
  const tree = arrange(checked, definition, context.reporter);
  if (tree === undefined || checked.some((c) => c.rule === undefined)) return undefined;
  return tree;
}

function caseLabel(rule: RuleCase, index: number, definition: Definition): string {
  if (rule.kind === "simple") return definition.name.name;
  return rule.label?.name ?? `${rule.kind} ${index + 1}`;
}

function checkCase(rule: RuleCase, label: string, definition: Definition, signature: DefinitionSignature, context: ExprContext): CheckedCase {
  const { reporter } = context;
  const condition = rule.condition === undefined ? undefined : checkExpr(rule.condition, context, { type: boolType });
  const valueContext = rule.condition === undefined ? context : withPresent(context, presentWhen(rule.condition, true));
  const value = checkExpr(rule.value, valueContext, signature.type === undefined ? undefined : { type: signature.type, declaredAt: definition.type.span });
  const window = rule.window === undefined ? undefined : checkWindow(rule.window, context.symbols, context.definitions, reporter);
  const failed = value === undefined || (rule.condition !== undefined && condition === undefined) || (rule.window !== undefined && window === undefined);
  return {
    source: rule,
    label,
    rule: failed ? undefined : {
      kind: rule.kind,
      label,
      ...(condition === undefined ? {} : { condition }),
      value,
      ...(rule.citation === undefined ? {} : { citation: citationIR(rule.citation) }),
      ...definedProperties({ note: rule.note?.value, window }),
      span: rule.span,
    },
  };
}

/** The tree of rules and exceptions (T0401 labels, T0402/T0403 targets, T0406 loops, T0407 no rule, T0404 conflicts). */
function arrange(cases: readonly CheckedCase[], definition: Definition, reporter: Reporter): RuleIR[] | undefined {
  const byLabel = uniqueLabels(cases, reporter);
  const rules = cases.filter((c) => c.source.kind !== "exception");
  if (rules.length === 0) {
    return reportError(reporter, "T0407", definition.name.span, `\`${definition.name.name}\` has exceptions but no rule`, {
      help: "an exception overrides a rule: add the general `rule` first",
    });
  }
  const children = new Map<CheckedCase, CheckedCase[]>(cases.map((c) => [c, []]));
  const untargeted = new Set<CheckedCase>();
  for (const exception of cases.filter((c) => c.source.kind === "exception")) {
    const target = exceptionTarget(exception, rules, byLabel, reporter);
    if (target === undefined) untargeted.add(exception);
    else children.get(target)?.push(exception);
  }
  const reached = new Set<CheckedCase>();
  const build = (c: CheckedCase): RuleIR | undefined => {
    reached.add(c);
    const exceptions = (children.get(c) ?? []).map(build);
    if (c.rule === undefined || exceptions.includes(undefined)) return undefined;
    return { ...c.rule, exceptions: exceptions.filter((e): e is RuleIR => e !== undefined) };
  };
  const roots = rules.map(build);
  const looping = cases.filter((c) => !reached.has(c) && !untargeted.has(c) && c.source.kind === "exception");
  for (const exception of looping) {
    reportError(reporter, "T0406", exception.source.label?.span ?? exception.source.span, `the exception \`${exception.label}\` never leads to a rule`, {
      help: "follow `to` from it: exceptions that override each other in a loop override no rule",
    });
  }
  for (const siblings of [rules, ...children.values()]) {
    reportConflicts(siblings, reporter);
    reportOverlappingWindows(siblings, reporter);
  }
  reportUncoveredRule(rules, definition, reporter);
  reportWindowGaps(rules, definition, reporter);
  if (untargeted.size > 0 || looping.length > 0 || roots.includes(undefined)) return undefined;
  return roots.filter((r): r is RuleIR => r !== undefined);
}

function uniqueLabels(cases: readonly CheckedCase[], reporter: Reporter): Map<string, CheckedCase> {
  return firstOfEachKey(cases, (c) => c.label, (c, earlier) =>
    reportError(reporter, "T0401", c.source.label?.span ?? c.source.span, `the label \`${c.label}\` is used twice in this definition`, {
      labels: [{ span: earlier.source.label?.span ?? earlier.source.span, message: "first used here" }],
      help: "give each rule and exception its own label",
    }),
  );
}

function exceptionTarget(exception: CheckedCase, rules: readonly CheckedCase[], byLabel: ReadonlyMap<string, CheckedCase>, reporter: Reporter): CheckedCase | undefined {
  const target = exception.source.overrides;
  if (target !== undefined) {
    const found = byLabel.get(target.name);
    if (found === undefined) {
      reportError(reporter, "T0402", target.span, `there is no rule or exception \`${target.name}\` to override`, {
        ...suggestion(target.name, byLabel.keys(), `the labels here are ${listNames([...byLabel.keys()])}`),
      });
    }
    return found;
  }
  const [only, ...others] = rules;
  if (only !== undefined && others.length === 0) return only;
  return reportError(reporter, "T0403", exception.source.label?.span ?? exception.source.span, `the exception \`${exception.label}\` does not say which rule it overrides`, {
    help: `this definition has several rules (${listNames(rules.map((r) => r.label))}): write \`exception ${exception.label} to ${rules[0]?.label ?? "rule"} when …\``,
  });
}

/**
 * The shape of an expression as written, without positions or parentheses, so that two
 * conditions written alike compare equal.
 */
function shape(expr: Expr | EffectiveWindow | undefined): string {
  return JSON.stringify(expr, (key, value: unknown) => {
    if (key === "span") return undefined;
    if (typeof value === "object" && value !== null && "kind" in value && value.kind === "paren" && "inner" in value) return value.inner;
    return value;
  });
}

function reportConflicts(siblings: readonly CheckedCase[], reporter: Reporter): void {
  // a lone case conflicts with nothing: its shape need not be written out
  if (siblings.length < 2) return;
  firstOfEachKey(siblings, (c) => `${shape(c.source.condition)}|${shape(c.source.window)}`, (later, earlier) => {
    const kinds = later.source.kind === "exception" ? "exceptions" : "rules";
    const when = later.source.condition === undefined ? "both apply always" : "apply under the same condition";
    reportError(reporter, "T0404", spanOf(later), `the ${kinds} \`${earlier.label}\` and \`${later.label}\` ${when}`, {
      labels: [{ span: spanOf(earlier), message: `\`${earlier.label}\` is here` }],
      help: `make one an exception to the other (\`exception ${later.label} to ${earlier.label} when …\`), or give them conditions that exclude each other`,
    });
  });
}

/** The days a case applies on, when it applies always within a window of written dates (open ends are infinite). */
interface LiteralPeriod {
  readonly case: CheckedCase;
  readonly from: number;
  readonly until: number;
}

function literalPeriod(c: CheckedCase): LiteralPeriod | undefined {
  if (c.source.condition !== undefined || c.rule === undefined) return undefined;
  const { window } = c.rule;
  if (window === undefined) return { case: c, from: -Infinity, until: Infinity };
  const day = (expr: ExprIR | undefined, open: number): number | undefined => {
    if (expr === undefined) return open;
    return expr.op === "literal" && typeof expr.value === "number" ? expr.value : undefined;
  };
  const from = day(window.from, -Infinity);
  const until = day(window.until, Infinity);
  return from === undefined || until === undefined ? undefined : { case: c, from, until };
}

function periodText(from: number, until: number): string {
  if (from === until) return `on ${formatDate(from as CalendarDate)}`;
  if (until === Infinity) return `from ${formatDate(from as CalendarDate)} on`;
  if (from === -Infinity) return `until ${formatDate(until as CalendarDate)}`;
  return `from ${formatDate(from as CalendarDate)} to ${formatDate(until as CalendarDate)}`;
}

/**
 * Siblings that apply always, in windows of written dates that share a day: both give a value
 * on that day, a conflict (T1103). Those written alike are T0404 already.
 */
function reportOverlappingWindows(siblings: readonly CheckedCase[], reporter: Reporter): void {
  const periods = siblings.flatMap((c) => literalPeriod(c) ?? []);
  for (let later = 1; later < periods.length; later++) {
    for (let earlier = 0; earlier < later; earlier++) {
      const a = periods[earlier];
      const b = periods[later];
      if (a === undefined || b === undefined) continue;
      if (shape(a.case.source.window) === shape(b.case.source.window)) continue;
      const from = Math.max(a.from, b.from);
      const until = Math.min(a.until, b.until);
      if (from > until) continue;
      const kinds = b.case.source.kind === "exception" ? "exceptions" : "rules";
      reportError(reporter, "T1103", spanOf(b.case), `the ${kinds} \`${a.case.label}\` and \`${b.case.label}\` both apply ${periodText(from, until)}`, {
        labels: [{ span: spanOf(a.case), message: `\`${a.case.label}\` is here` }],
        help:
          a.until !== Infinity && b.from <= a.until && a.from < b.from
            ? `end \`${a.case.label}\` the day before \`${b.case.label}\` starts (\`until ${formatDate((b.from - 1) as CalendarDate)}\`), or make one an exception to the other`
            : `give the two windows no day in common, or make one an exception to the other (\`exception ${b.case.label} to ${a.case.label} when …\`)`,
      });
    }
  }
}

/**
 * Rules that all apply always, each in a window of written dates, that leave days between the
 * first start and the last end where none applies: on those days the definition has no value,
 * an evaluation error (warning T1104, as T0405; the measure's own window may exclude them).
 */
function reportWindowGaps(rules: readonly CheckedCase[], definition: Definition, reporter: Reporter): void {
  const periods = rules.map(literalPeriod);
  if (periods.length < 2 || periods.some((p) => p === undefined)) return;
  const sorted = periods.filter((p): p is LiteralPeriod => p !== undefined).sort((a, b) => a.from - b.from);
  let covered = sorted[0]?.until ?? Infinity;
  let last = sorted[0];
  for (const next of sorted.slice(1)) {
    if (covered !== Infinity && next.from > covered + 1 && last !== undefined) {
      reportWarning(reporter, "T1104", spanOf(next.case), `no rule gives \`${definition.name.name}\` a value ${periodText(covered + 1, next.from - 1)}`, {
        labels: [{ span: spanOf(last.case), message: `\`${last.case.label}\` ends on ${formatDate(covered as CalendarDate)}` }],
        help: `start \`${next.case.label}\` the day after \`${last.case.label}\` ends (\`from ${formatDate((covered + 1) as CalendarDate)}\`), or add a rule for the days between`,
      });
    }
    if (next.until > covered) {
      covered = next.until;
      last = next;
    }
  }
}

function spanOf(c: CheckedCase): SourceSpan {
  return c.source.label?.span ?? c.source.span;
}

/** A block whose only rule has a condition gives no value when the condition is false (warning T0405). */
function reportUncoveredRule(rules: readonly CheckedCase[], definition: Definition, reporter: Reporter): void {
  const [only, ...others] = rules;
  if (only === undefined || others.length > 0 || only.source.condition === undefined) return;
  reportWarning(reporter, "T0405", spanOf(only), `no rule gives \`${definition.name.name}\` a value when the condition of \`${only.label}\` does not hold`, {
    help: "add a rule without `when` for the other cases (its value is the default)",
  });
}
