/**
 * "For whom": for one change, the condition over facts and the date under which an output
 * of a measure may differ between the versions. It follows the paths through the rules
 * from each output to the changed place — the branch of an `if`, the arm of a `match`, the
 * rule that decides, the items of a list — and conjoins what must hold on the way with
 * where the change itself makes a difference (the dates where a parameter's values differ,
 * the values between an old and a new threshold). Definitions met on the way are replaced
 * by what they compute, so the condition reads facts and `date` only.
 *
 * The condition over-approximates: where it does not hold, the change cannot alter that
 * output; where it holds, the output may differ (the witnesses and proofs say whether it does).
 */
import type { DefinitionIR, ExprIR, MeasureIR, ParameterIR, ProgramIR, RuleIR, WindowIR } from "../ir.js";
import { FALSE, TRUE, and, compare, dateInterval, evaluationDate, forSomeItem, isFalse, memberOf, not, or, simplify, substituteLocals } from "./conditions.js";
import { forEachChild, mapChildren } from "../ir-walk.js";
import { literalNumber, literalOfNumber } from "./ir-meaning.js";
import { EARLIEST_DATE } from "../check/dates.js";
import { flattenRules, sameIR } from "./structure.js";

/** The change whose effect is followed; every other difference between the versions is ignored. */
export type Focus =
  | { readonly kind: "parameter"; readonly name: string }
  | { readonly kind: "window" }
  /** a rule (by label) or a simple definition (its own name as the label) */
  | { readonly kind: "rule"; readonly definition: string; readonly label: string }
  | { readonly kind: "definition"; readonly definition: string };

export interface OutputCondition {
  readonly output: string;
  readonly condition: ExprIR;
}

/** The outputs of the measure (`in_force` included) that the focused change may alter, each with its condition. */
export function forWhom(focus: Focus, oldProgram: ProgramIR, newProgram: ProgramIR, measureName: string): OutputCondition[] {
  const oldMeasure = oldProgram.measures.find((m) => m.name === measureName);
  const newMeasure = newProgram.measures.find((m) => m.name === measureName);
  if (oldMeasure === undefined || newMeasure === undefined) return [];
  const analysis = new Analysis(focus, oldProgram, newProgram, oldMeasure, newMeasure);
  const results: OutputCondition[] = [];
  const inForce = analysis.windowDifference();
  if (!isFalse(inForce)) results.push({ output: "in_force", condition: analysis.readable(inForce) });
  for (const output of newMeasure.outputs) {
    const condition = or(inForce, and(analysis.inForceInBoth(), analysis.definitionDifference(output)));
    if (!isFalse(condition)) results.push({ output, condition: analysis.readable(condition) });
  }
  return results;
}

class Analysis {
  private readonly differences = new Map<string, ExprIR>();
  private readonly oldDefinitions: ReadonlyMap<string, DefinitionIR>;
  private readonly newDefinitions: ReadonlyMap<string, DefinitionIR>;
  private readonly newParameters: ReadonlyMap<string, ParameterIR>;
  private readonly oldParameters: ReadonlyMap<string, ParameterIR>;

  constructor(
    private readonly focus: Focus,
    oldProgram: ProgramIR,
    newProgram: ProgramIR,
    private readonly oldMeasure: MeasureIR,
    private readonly newMeasure: MeasureIR,
  ) {
    this.oldDefinitions = new Map(oldMeasure.definitions.map((d) => [d.name, d]));
    this.newDefinitions = new Map(newMeasure.definitions.map((d) => [d.name, d]));
    this.oldParameters = new Map(oldProgram.parameters.map((p) => [p.name, p]));
    this.newParameters = new Map(newProgram.parameters.map((p) => [p.name, p]));
  }

  // ------------------------------------------------------------ windows

  windowDifference(): ExprIR {
    if (this.focus.kind !== "window") return FALSE;
    return this.windowsDiffer(this.oldMeasure.window, this.newMeasure.window, this.oldParameters, this.newParameters);
  }

  inForceInBoth(): ExprIR {
    return and(this.windowCondition(this.oldMeasure.window, this.oldParameters), this.windowCondition(this.newMeasure.window, this.newParameters));
  }

  private windowsDiffer(before: WindowIR | undefined, after: WindowIR | undefined, oldParameters: ReadonlyMap<string, ParameterIR>, newParameters: ReadonlyMap<string, ParameterIR>): ExprIR {
    const a = this.windowCondition(before, oldParameters);
    const b = this.windowCondition(after, newParameters);
    const oldDays = dayInterval(before, oldParameters);
    const newDays = dayInterval(after, newParameters);
    if (oldDays !== undefined && newDays !== undefined) {
      return or(...symmetricDifference(oldDays, newDays).map(([from, until]) => dateInterval(from, until)));
    }
    return or(and(a, not(b)), and(b, not(a)));
  }

  private windowCondition(window: WindowIR | undefined, parameters: ReadonlyMap<string, ParameterIR>): ExprIR {
    if (window === undefined) return TRUE;
    const from = compare(">=", evaluationDate, constantValue(window.from, parameters));
    if (window.until === undefined) return from;
    const until = constantValue(window.until, parameters);
    const upTo = compare("<=", evaluationDate, until.type.kind === "optional" ? { ...until, type: until.type.of } : until);
    return simplify(and(from, until.type.kind === "optional" ? or({ op: "is_absent", operand: until, type: TRUE.type, span: until.span }, upTo) : upTo));
  }

  // ------------------------------------------------------------ definitions

  /** Where the value of a definition (without parameters, or with its parameters as locals) may differ. */
  definitionDifference(name: string): ExprIR {
    const known = this.differences.get(name);
    if (known !== undefined) return known;
    // A cycle cannot occur (definitions are acyclic); the entry also keeps the walk finite.
    this.differences.set(name, FALSE);
    const before = this.oldDefinitions.get(name);
    const after = this.newDefinitions.get(name);
    let difference: ExprIR;
    if (this.focus.kind === "definition" && this.focus.definition === name) {
      difference = TRUE;
    } else if (before === undefined || after === undefined) {
      difference = FALSE;
    } else {
      difference = this.rulesDifference(name, before, after);
    }
    this.differences.set(name, difference);
    return difference;
  }

  private rulesDifference(name: string, before: DefinitionIR, after: DefinitionIR): ExprIR {
    const oldRules = flattenRules(before.rules);
    const newRules = flattenRules(after.rules);
    const parts: ExprIR[] = [];
    for (const placed of newRules) {
      const rule = placed.rule;
      const oldRule = oldRules.find((o) => o.rule.label === rule.label)?.rule;
      const examined = not(anyApplies(rule.exceptions));
      const decides = and(applies(rule), examined);
      const focused = this.focus.kind === "rule" && this.focus.definition === name && this.focus.label === rule.label;
      if (oldRule === undefined) {
        if (focused) parts.push(applies(rule));
        continue;
      }
      if (focused) {
        parts.push(this.pair(oldRule.condition ?? TRUE, rule.condition ?? TRUE, examined));
        parts.push(this.pair(oldRule.value, rule.value, decides));
        if (!sameIR(oldRule.window, rule.window)) parts.push(and(examined, this.windowsDiffer(oldRule.window, rule.window, this.oldParameters, this.newParameters)));
      } else {
        parts.push(this.references(rule.condition ?? TRUE, examined));
        parts.push(this.references(rule.value, decides));
      }
    }
    if (this.focus.kind === "rule" && this.focus.definition === name) {
      const removed = oldRules.find((o) => o.rule.label === (this.focus as { label: string }).label && !newRules.some((n) => n.rule.label === o.rule.label));
      if (removed !== undefined) parts.push(applies(removed.rule));
    }
    return or(...parts);
  }

  // ------------------------------------------------------------ expressions

  /** Where an expression of the new version may differ from the old one's, on the paths that hold under `path`. */
  private pair(before: ExprIR, after: ExprIR, path: ExprIR): ExprIR {
    if (isFalse(path)) return FALSE;
    if (sameIR(before, after)) return this.references(after, path);
    const threshold = movedThreshold(before, after);
    if (threshold !== undefined) return or(and(path, threshold), this.references(after, path));
    const oldChildren = childrenOf(before);
    const newChildren = childPaths(after, path);
    if (sameShape(before, after) && oldChildren.length === newChildren.length) {
      return or(...newChildren.map(([child, childPath], index) => this.pair(oldChildren[index] as ExprIR, child, childPath)));
    }
    return or(and(path, siteDifference(before, after)), this.references(after, path));
  }

  /** Where what an unchanged expression reads (parameters, definitions) differs, on the paths under `path`. */
  private references(expr: ExprIR, path: ExprIR): ExprIR {
    if (isFalse(path)) return FALSE;
    switch (expr.op) {
      case "parameter":
        return this.focus.kind === "parameter" && this.focus.name === expr.name ? and(path, this.parameterDifference(expr.name)) : FALSE;
      case "definition":
        return and(path, this.definitionDifference(expr.name));
      case "call": {
        const definition = this.newDefinitions.get(expr.definition);
        const locals = new Map(definition?.parameters.map((p, index) => [p.name, expr.args[index] as ExprIR]) ?? []);
        return or(and(path, substituteLocals(this.definitionDifference(expr.definition), locals)), ...expr.args.map((arg) => this.references(arg, path)));
      }
      case "aggregate": {
        const filter = expr.filter ?? TRUE;
        const inner = or(this.references(filter, TRUE), expr.value === undefined ? FALSE : this.references(expr.value, filter));
        return or(this.references(expr.list, path), and(path, forSomeItem(expr.variable, expr.list, inner)));
      }
      default:
        return or(...childPaths(expr, path).map(([child, childPath]) => this.references(child, childPath)));
    }
  }

  private parameterDifference(name: string): ExprIR {
    const before = this.oldParameters.get(name);
    const after = this.newParameters.get(name);
    if (before === undefined || after === undefined) return TRUE;
    return or(...differingPeriods(before, after).map(([from, until]) => dateInterval(from, until)));
  }

  // ------------------------------------------------------------ reading

  /** Definitions replaced by what they compute, parameters with one value by that value, then simplified. */
  readable(condition: ExprIR): ExprIR {
    return simplify(this.inline(condition));
  }

  private inline(expr: ExprIR): ExprIR {
    if (expr.op === "definition") {
      const definition = this.newDefinitions.get(expr.name);
      return definition === undefined ? expr : this.inline(definitionAsExpression(definition));
    }
    if (expr.op === "call") {
      const definition = this.newDefinitions.get(expr.definition);
      if (definition === undefined) return expr;
      const locals = new Map(definition.parameters.map((p, index) => [p.name, this.inline(expr.args[index] as ExprIR)]));
      return substituteLocals(this.inline(definitionAsExpression(definition)), locals);
    }
    if (expr.op === "parameter") return constantValue(expr, this.newParameters);
    return mapChildren(expr, (child) => this.inline(child));
  }
}

// ---------------------------------------------------------------- rules

function applies(rule: RuleIR): ExprIR {
  return and(rule.window === undefined ? TRUE : windowAsCondition(rule.window), rule.condition ?? TRUE);
}

function anyApplies(rules: readonly RuleIR[]): ExprIR {
  return or(...rules.map((rule) => or(applies(rule), anyApplies(rule.exceptions))));
}

function windowAsCondition(window: WindowIR): ExprIR {
  const from = compare(">=", evaluationDate, window.from);
  if (window.until === undefined) return from;
  return and(from, window.until.type.kind === "optional" ? TRUE : compare("<=", evaluationDate, window.until));
}

/**
 * A definition as one expression: its rules in the order they are looked at, exceptions
 * first, as an `if … else if …` chain; the last rule's value closes it (where no rule
 * applies the policy has an evaluation error, which no condition shows).
 */
function definitionAsExpression(definition: DefinitionIR): ExprIR {
  const ordered = definition.rules.flatMap(function lookedAt(rule: RuleIR): RuleIR[] {
    return [...rule.exceptions.flatMap(lookedAt), rule];
  });
  const last = ordered[ordered.length - 1];
  if (last === undefined) return FALSE;
  return ordered.slice(0, -1).reduceRight<ExprIR>(
    (otherwise, rule) => ({ op: "if", condition: applies(rule), then: rule.value, else: otherwise, type: definition.type, span: rule.span }),
    last.value,
  );
}

// ---------------------------------------------------------------- paths

/** The direct sub-expressions with the condition under which each is evaluated. */
function childPaths(expr: ExprIR, path: ExprIR): [ExprIR, ExprIR][] {
  switch (expr.op) {
    case "if":
      return [
        [expr.condition, path],
        [expr.then, and(path, expr.condition)],
        [expr.else, and(path, not(expr.condition))],
      ];
    case "and":
      return [
        [expr.left, path],
        [expr.right, and(path, expr.left)],
      ];
    case "or":
      return [
        [expr.left, path],
        [expr.right, and(path, not(expr.left))],
      ];
    case "match": {
      const covered = expr.arms.flatMap((arm) => arm.members);
      return [
        [expr.subject, path],
        ...expr.arms.map((arm): [ExprIR, ExprIR] => [arm.value, and(path, memberOf(expr.subject, arm.members))]),
        ...(expr.otherwise === undefined ? [] : [[expr.otherwise, and(path, not(memberOf(expr.subject, covered)))] as [ExprIR, ExprIR]]),
      ];
    }
    case "otherwise":
      return [
        [expr.left, path],
        [expr.right, and(path, { op: "is_absent", operand: expr.left, type: TRUE.type, span: expr.span })],
      ];
    default:
      return childrenOf(expr).map((child) => [child, path]);
  }
}

function childrenOf(expr: ExprIR): ExprIR[] {
  const children: ExprIR[] = [];
  forEachChild(expr, (child) => children.push(child));
  return children;
}

/** The same node apart from its sub-expressions. */
function sameShape(a: ExprIR, b: ExprIR): boolean {
  return sameIR(mapChildren(a, () => TRUE), mapChildren(b, () => TRUE));
}

/**
 * Where two different sub-expressions give different values. A threshold that moved
 * (`x < 12 months` → `x < 18 months`) gives the values between the two; two booleans, that
 * they differ; anything else may differ wherever it is evaluated.
 */
function siteDifference(before: ExprIR, after: ExprIR): ExprIR {
  const threshold = movedThreshold(before, after);
  if (threshold !== undefined) return threshold;
  if (before.type.kind === "bool" && after.type.kind === "bool") return or(and(before, not(after)), and(after, not(before)));
  return TRUE;
}

/** `x < 12 months` → `x < 18 months`: the values between the two thresholds. */
function movedThreshold(before: ExprIR, after: ExprIR): ExprIR | undefined {
  if (before.op === "compare" && after.op === "compare" && before.operator === after.operator && sameIR(before.left, after.left)) {
    const type = before.operandType;
    const a = before.right.op === "literal" ? literalNumber(before.right.value, type) : undefined;
    const b = after.right.op === "literal" ? literalNumber(after.right.value, type) : undefined;
    if (a !== undefined && b !== undefined) {
      const low = literalOfNumber(Math.min(a, b), type);
      const high = literalOfNumber(Math.max(a, b), type);
      const x = after.left;
      switch (after.operator) {
        case "<":
        case ">=":
          return and(compare(">=", x, low), compare("<", x, high));
        case "<=":
        case ">":
          return and(compare(">", x, low), compare("<=", x, high));
        case "=":
        case "!=":
          return or(compare("=", x, low), compare("=", x, high));
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- dates

/** A parameter with a single value that holds forever, as that value; anything else unchanged. */
function constantValue(expr: ExprIR, parameters: ReadonlyMap<string, ParameterIR>): ExprIR {
  if (expr.op === "convert") {
    const operand = constantValue(expr.operand, parameters);
    return operand.op === "literal" ? { ...operand, type: expr.type } : { ...expr, operand };
  }
  if (expr.op !== "parameter") return expr;
  const parameter = parameters.get(expr.name);
  const [only, ...others] = parameter?.values ?? [];
  if (only === undefined || others.length > 0 || only.until !== undefined || only.from !== EARLIEST_DATE) return expr;
  return { op: "literal", value: only.value, type: expr.type, span: expr.span };
}

type Days = readonly [from: number | undefined, until: number | undefined];

/** A window as an interval of day numbers, when both ends are constants. */
function dayInterval(window: WindowIR | undefined, parameters: ReadonlyMap<string, ParameterIR>): Days | undefined {
  if (window === undefined) return [undefined, undefined];
  const from = constantValue(window.from, parameters);
  const until = window.until === undefined ? undefined : constantValue(window.until, parameters);
  if (from.op !== "literal" || typeof from.value !== "number") return undefined;
  if (until === undefined || (until.op === "literal" && until.value === null)) return [from.value, undefined];
  if (until.op !== "literal" || typeof until.value !== "number") return undefined;
  return [from.value, until.value];
}

/** The days in exactly one of two intervals, as intervals. */
function symmetricDifference(a: Days, b: Days): Days[] {
  const low = (x: number | undefined) => x ?? -Infinity;
  const high = (x: number | undefined) => x ?? Infinity;
  const parts: Days[] = [];
  const [aFrom, aUntil] = [low(a[0]), high(a[1])];
  const [bFrom, bUntil] = [low(b[0]), high(b[1])];
  if (aFrom !== bFrom) parts.push([finite(Math.min(aFrom, bFrom)), finite(Math.max(aFrom, bFrom) - 1)]);
  if (aUntil !== bUntil) parts.push([finite(Math.min(aUntil, bUntil) + 1), finite(Math.max(aUntil, bUntil))]);
  return parts;
}

function finite(day: number): number | undefined {
  return Number.isFinite(day) ? day : undefined;
}

/** The periods on which two versions of a parameter have different values (or one has none). */
export function differingPeriods(before: ParameterIR, after: ParameterIR): Days[] {
  const boundaries = new Set<number>();
  for (const value of [...before.values, ...after.values]) {
    boundaries.add(value.from);
    if (value.until !== undefined) boundaries.add(value.until + 1);
  }
  const sorted = [...boundaries].sort((x, y) => x - y);
  const valueOn = (parameter: ParameterIR, day: number) => {
    // The IR gives every value but the last its `until`.
    const value = parameter.values.find((v) => v.from <= day && (v.until === undefined || day <= v.until));
    return value === undefined ? undefined : JSON.stringify(value.value);
  };
  const periods: [number | undefined, number | undefined][] = [];
  sorted.forEach((start, index) => {
    const end = sorted[index + 1];
    if (valueOn(before, start) === valueOn(after, start)) return;
    const until = end === undefined ? undefined : end - 1;
    const last = periods[periods.length - 1];
    if (last !== undefined && last[1] !== undefined && last[1] + 1 === start) last[1] = until;
    else periods.push([start, until]);
  });
  return periods;
}
