/**
 * What an expression can see while it is checked: the program's symbols, the definitions of
 * the enclosing measure, local names (definition parameters, aggregate variables), and the
 * optional values known to be present at this point (narrowing).
 */
import type { Expr, Identifier } from "../ast.js";
import type { MembersIR, SourceSpan, ValueType } from "../ir.js";
import type { ProgramSymbols } from "./declarations.js";
import type { Reporter } from "./report.js";

/**
 * Where the expression stands: in a definition (everything visible), in an effective window
 * (dates and parameters only: a window is decided before any fact is read), or in a
 * parameter's value (a figure written out).
 */
export type Place = "definition" | "window" | "parameter_value";

export interface DefinitionSignature {
  readonly name: Identifier;
  /** undefined when the declared type could not be resolved (already reported) */
  readonly type: ValueType | undefined;
  readonly parameters: readonly { readonly name: string; readonly type: ValueType | undefined; readonly span: SourceSpan }[];
  /** an output given for each member: the list of the facts its one parameter ranges over */
  readonly members?: MembersIR;
}

export interface ExprContext {
  readonly symbols: ProgramSymbols;
  readonly definitions: ReadonlyMap<string, DefinitionSignature>;
  readonly place: Place;
  /**
   * the definition being checked: in its own body, its name names the parameter of that
   * name when there is one (a definition cannot use its own value)
   */
  readonly currentDefinition?: string;
  readonly locals: ReadonlyMap<string, ValueType | undefined>;
  /** the outputs every measure gives others to read (`m4.x`), and the measure being checked */
  readonly measureOutputs?: MeasureOutputsTable;
  readonly currentMeasure?: string;
  /** path keys (see pathKey) of optional values known to be present here */
  readonly present: ReadonlySet<string>;
  readonly reporter: Reporter;
  /** where a series is taken whole (`sum(… over …)`, `value_at`) rather than read at the evaluation date */
  readonly wantsSeries?: boolean;
}

/** Per measure, its outputs' signatures and the names of its `let`s (which others cannot read). */
export type MeasureOutputsTable = ReadonlyMap<string, { readonly outputs: ReadonlyMap<string, DefinitionSignature>; readonly lets: ReadonlySet<string> }>;

/** The type an expression must have, and where that type was declared (for a label). */
export interface Expectation {
  readonly type: ValueType;
  readonly declaredAt?: SourceSpan;
}

export function rootContext(symbols: ProgramSymbols, place: Place, reporter: Reporter, definitions: ReadonlyMap<string, DefinitionSignature> = new Map()): ExprContext {
  return { symbols, definitions, place, locals: new Map(), present: new Set(), reporter };
}

/** Adds a local name; narrowings of an outer value of the same name no longer apply. */
export function withLocal(context: ExprContext, name: string, type: ValueType | undefined): ExprContext {
  const locals = new Map(context.locals);
  locals.set(name, type);
  const present = new Set([...context.present].filter((key) => key !== name && !key.startsWith(`${name}.`)));
  return { ...context, locals, present };
}

export function withPresent(context: ExprContext, keys: readonly string[]): ExprContext {
  return keys.length === 0 ? context : { ...context, present: new Set([...context.present, ...keys]) };
}

/** `person.x`, `t.months`, `epidemic_period_end`: the key narrowing is recorded under, if the expression is a path. */
export function pathKey(expr: Expr): string | undefined {
  switch (expr.kind) {
    case "paren":
      return pathKey(expr.inner);
    case "name":
      return expr.name.name;
    case "field": {
      const object = pathKey(expr.object);
      return object === undefined ? undefined : `${object}.${expr.field.name}`;
    }
    default:
      return undefined;
  }
}

/**
 * The paths a condition proves present when it evaluates to `outcome`:
 * `x is present and …` (true), `x is absent or …` (false), and `not` flipping them.
 */
export function presentWhen(condition: Expr, outcome: boolean): string[] {
  switch (condition.kind) {
    case "paren":
      return presentWhen(condition.inner, outcome);
    case "unary":
      return condition.operator === "not" ? presentWhen(condition.operand, !outcome) : [];
    case "is": {
      const key = pathKey(condition.operand);
      const provesPresent = (condition.test === "present") === outcome;
      return key !== undefined && provesPresent ? [key] : [];
    }
    case "binary":
      if (condition.operator === "and" && outcome) return [...presentWhen(condition.left, true), ...presentWhen(condition.right, true)];
      if (condition.operator === "or" && !outcome) return [...presentWhen(condition.left, false), ...presentWhen(condition.right, false)];
      return [];
    default:
      return [];
  }
}
