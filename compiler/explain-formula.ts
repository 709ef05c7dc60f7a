/**
 * Formulas for explanations: an IR expression printed back in the policy's own syntax,
 * with the value the evaluation read written after each name —
 * `round(local_minimum_wage [1820.00 yuan] * stoppage_living_allowance_rate [80%])` —
 * so that a reader can redo the computation with a desk calculator.
 *
 * The expression is printed as the formatter writes it (compiler/format/ir-syntax.ts). A
 * name gets a value only when the evaluation read one: a branch not taken, or an item of a
 * list inside `count(…)`, has none.
 */
import type { ExprIR, ValueType } from "./ir.js";
import { printSyntax, syntaxName, toSyntax, type SyntaxOptions } from "./format/ir-syntax.js";
import { readPath } from "./check/ir-nodes.js";

/** A name whose value an evaluation may have read. */
export type NameRead =
  /** "person.insured_months", "enterprise.trainees[2].months" */
  | { readonly kind: "fact"; readonly path: string; readonly type: ValueType }
  | { readonly kind: "parameter" | "definition"; readonly name: string; readonly type: ValueType }
  /** "m4.unemployment_subsidy_monthly": an output of another measure */
  | { readonly kind: "measure_output"; readonly name: string; readonly type: ValueType }
  /** "declined(enterprise.indicators.revenue)" */
  | { readonly kind: "call"; readonly call: string; readonly type: ValueType };

export interface FormulaContext {
  /** the measure's definitions: a parameter of the same name is written `parameters.x` */
  readonly definitionNames: ReadonlySet<string>;
  /** the word of the policy's money (`yuan`, `EUR`) */
  readonly unit?: string;
  /** the fact path each parameter of the definition stands for in this call */
  readonly localPaths: ReadonlyMap<string, string>;
  /** the value read for a name, in words ("1820.00 yuan"); undefined when none was read */
  readonly valueOf: (name: NameRead) => string | undefined;
}

/**
 * The expression with the value of each name read, on one line, then its `result`
 * (`= 1456.00 yuan`, or `→ true` for a yes/no) unless the expression already shows it:
 * a literal, or a single name with its value.
 */
export function printFormula(expr: ExprIR, context: FormulaContext, result: string): string {
  const valued = new Set<ExprIR>();
  const text = printSyntax(toSyntax(expr, syntaxOptions(context, valued)));
  if (showsValue(expr, valued)) return text;
  return `${text} ${expr.type.kind === "bool" ? "→" : "="} ${result}`;
}

/** The expression with the value of each name read, without its result. */
export function printExpression(expr: ExprIR, context: FormulaContext): string {
  return printSyntax(toSyntax(expr, syntaxOptions(context, new Set())));
}

/** Prints names with their values, noting in `valued` each node that shows one. */
function syntaxOptions(context: FormulaContext, valued: Set<ExprIR>): SyntaxOptions {
  return {
    definitions: context.definitionNames,
    ...(context.unit === undefined ? {} : { unit: context.unit }),
    name: (expr, written, bound) => {
      const name = nameRead(expr, context, bound);
      const value = name === undefined ? undefined : context.valueOf(name);
      if (value === undefined) return written;
      valued.add(expr);
      return syntaxName(`${printSyntax(written)} [${value}]`);
    },
  };
}

/** Whether the printed expression is a literal or a name followed by its value (conversions are not printed). */
function showsValue(expr: ExprIR, valued: ReadonlySet<ExprIR>): boolean {
  if (expr.op === "convert") return showsValue(expr.operand, valued);
  if (expr.op === "series_at" && expr.at === undefined) return showsValue(expr.series, valued);
  return expr.op === "literal" || valued.has(expr);
}

/** The name whose value the evaluation may have read at `expr`, if it is one the explanation can name. */
function nameRead(expr: ExprIR, context: FormulaContext, bound: ReadonlySet<string>): NameRead | undefined {
  const { type } = expr;
  switch (expr.op) {
    case "fact":
    case "field": {
      const path = pathOf(expr, context, bound);
      return path === undefined ? undefined : { kind: "fact", path, type };
    }
    case "parameter":
    case "definition":
      return { kind: expr.op, name: expr.name, type };
    case "measure_output": {
      // an output for each member, read for one: its value is recorded under the member's path
      if (expr.member === undefined) return { kind: "measure_output", name: `${expr.measure}.${expr.output}`, type };
      const path = pathOf(expr.member, context, bound);
      return path === undefined ? undefined : { kind: "measure_output", name: `${expr.measure}.${expr.output}(${path})`, type };
    }
    case "call": {
      const paths = expr.args.map((arg) => pathOf(arg, context, bound));
      return paths.some((path) => path === undefined) ? undefined : { kind: "call", call: `${expr.definition}(${paths.join(", ")})`, type };
    }
    default:
      return undefined;
  }
}

/** The fact path an expression reads, unless it reads an item of a list being aggregated. */
function pathOf(expr: ExprIR, context: FormulaContext, bound: ReadonlySet<string>): string | undefined {
  return readPath(expr, (root) => {
    if (root.op === "convert") return pathOf(root.operand, context, bound);
    return root.op === "local" && !bound.has(root.name) ? context.localPaths.get(root.name) : undefined;
  });
}
