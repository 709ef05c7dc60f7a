/**
 * Formulas for explanations: an IR expression printed back in the policy's own syntax,
 * with the value the evaluation read written after each name —
 * `round(local_minimum_wage [1820.00 yuan] * stoppage_living_allowance_rate [80%])` —
 * so that a reader can redo the computation with a desk calculator.
 *
 * Operators go back to what the drafter wrote (`+ - * and or not = != < <= > >= in`);
 * conversions the checker inserted are invisible. A name gets a value only when the
 * evaluation read one: a branch not taken, or an item of a list inside `count(…)`, has none.
 */
import type { ExprIR, ValueType } from "./ir.js";
import { literalText } from "./literals.js";
import { arithmeticOperation, functionName } from "./operations.js";
import { Strength } from "./format/parentheses.js";
import { periodsText } from "./format/expression.js";

/** A name whose value an evaluation may have read. */
export type NameRead =
  /** "person.insured_months", "enterprise.trainees[2].months" */
  | { readonly kind: "fact"; readonly path: string; readonly type: ValueType }
  | { readonly kind: "parameter"; readonly name: string; readonly type: ValueType }
  | { readonly kind: "definition"; readonly name: string; readonly type: ValueType }
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
  const printed = new FormulaPrinter(context).print(expr, new Set());
  if (printed.showsValue) return printed.text;
  return `${printed.text} ${expr.type.kind === "bool" ? "→" : "="} ${result}`;
}

/** The expression with the value of each name read, without its result. */
export function printExpression(expr: ExprIR, context: FormulaContext): string {
  return new FormulaPrinter(context).print(expr, new Set()).text;
}

interface Printed {
  readonly text: string;
  readonly strength: Strength;
  /** a literal, or a name followed by its value */
  readonly showsValue?: true;
}

class FormulaPrinter {
  constructor(private readonly context: FormulaContext) {}

  /** `bound`: the variables of the aggregates around `expr`, which stand for every item in turn. */
  print(expr: ExprIR, bound: ReadonlySet<string>): Printed {
    const at = (operand: ExprIR, strength: Strength): string => this.at(operand, strength, bound);
    switch (expr.op) {
      case "literal":
        return { text: literalText(expr.value, expr.type, this.context.unit), strength: Strength.Primary, showsValue: true };
      case "fact":
        return this.named(`${expr.entity}.${expr.field}`, { kind: "fact", path: `${expr.entity}.${expr.field}`, type: expr.type });
      case "field": {
        const text = `${at(expr.object, Strength.Postfix)}.${expr.field}`;
        const path = this.pathOf(expr, bound);
        return path === undefined ? { text, strength: Strength.Postfix } : this.named(text, { kind: "fact", path, type: expr.type });
      }
      case "parameter": {
        const text = this.context.definitionNames.has(expr.name) ? `parameters.${expr.name}` : expr.name;
        return this.named(text, { kind: "parameter", name: expr.name, type: expr.type });
      }
      case "definition":
        return this.named(expr.name, { kind: "definition", name: expr.name, type: expr.type });
      case "measure_output": {
        if (expr.member !== undefined) {
          // an output for each member, read for one: its value is recorded under the member's path
          const text = `${expr.measure}.${expr.output}(${at(expr.member, Strength.Conditional)})`;
          const path = this.pathOf(expr.member, bound);
          if (path === undefined) return { text, strength: Strength.Primary };
          return this.named(text, { kind: "measure_output", name: `${expr.measure}.${expr.output}(${path})`, type: expr.type });
        }
        const text = `${expr.measure}.${expr.output}`;
        return this.named(text, { kind: "measure_output", name: text, type: expr.type });
      }
      case "call": {
        const text = `${expr.definition}(${expr.args.map((arg) => at(arg, Strength.Conditional)).join(", ")})`;
        const paths = expr.args.map((arg) => this.pathOf(arg, bound));
        if (paths.some((path) => path === undefined)) return primary(text);
        return this.named(text, { kind: "call", call: `${expr.definition}(${paths.join(", ")})`, type: expr.type });
      }
      case "local":
        return primary(expr.name);
      case "not":
        return { text: `not ${at(expr.operand, Strength.Not)}`, strength: Strength.Not };
      case "and":
      case "or": {
        const strength = expr.op === "and" ? Strength.And : Strength.Or;
        return binary(at(expr.left, strength), expr.op, at(expr.right, next(strength)), strength);
      }
      case "compare":
        return binary(at(expr.left, Strength.Additive), expr.operator, at(expr.right, Strength.Additive), Strength.Comparison);
      case "arithmetic": {
        const { symbol } = arithmeticOperation(expr.operator);
        const strength = symbol === "*" || symbol === "/" ? Strength.Multiplicative : Strength.Additive;
        // The IR puts the amount first in a product (`2 * amount` is `amount * 2`): print it as written.
        const [left, right] = symbol === "*" && expr.right.span.start < expr.left.span.start ? [expr.right, expr.left] : [expr.left, expr.right];
        return binary(at(left, strength), symbol, at(right, next(strength)), strength);
      }
      case "negate":
        return { text: `-${at(expr.operand, Strength.Negation)}`, strength: Strength.Negation };
      case "round": {
        const name = expr.mode === "half_up" ? "round" : `round_${expr.mode}`;
        return primary(`${name}(${at(expr.operand, Strength.Conditional)})`);
      }
      case "floor":
      case "ceil":
        return primary(`${expr.op}(${at(expr.operand, Strength.Conditional)})`);
      case "min":
      case "max":
        return primary(`${expr.op}(${at(expr.left, Strength.Conditional)}, ${at(expr.right, Strength.Conditional)})`);
      case "series_at":
        return expr.at === undefined ? this.print(expr.series, bound) : primary(`value_at(${at(expr.series, Strength.Conditional)}, ${at(expr.at, Strength.Conditional)})`);
      case "series_total": {
        const periods = periodsText({ relation: expr.periods.relation, ...(expr.periods.relation === "last" ? { count: String(expr.periods.count) } : {}), unit: expr.periods.unit, span: expr.span });
        const total = `${expr.operator}(${at(expr.series, Strength.Conditional)} over ${periods})`;
        return primary(expr.rounding === undefined ? total : `${expr.rounding === "half_up" ? "round" : `round_${expr.rounding}`}(${total})`);
      }
      case "scale":
        return primary(`${expr.mode}(${expr.scale}, ${at(expr.base, Strength.Conditional)})`);
      case "last_day_of_term":
        return primary(`last_day_of_term(${at(expr.start, Strength.Conditional)}, ${at(expr.months, Strength.Conditional)})`);
      case "function":
        return primary(`${functionName(expr.operation)}(${expr.args.map((arg) => at(arg, Strength.Conditional)).join(", ")})`);
      // the explanation states the date it was evaluated on, once
      case "evaluation_date":
        return primary("evaluation_date");
      case "convert":
        return this.print(expr.operand, bound);
      case "if": {
        const condition = at(expr.condition, Strength.Otherwise);
        const then = at(expr.then, Strength.Otherwise);
        return { text: `if ${condition} then ${then} else ${at(expr.else, Strength.Conditional)}`, strength: Strength.Conditional };
      }
      case "match": {
        const arms = expr.arms.map((arm) => `${arm.members.join(", ")} => ${at(arm.value, Strength.Conditional)}`);
        if (expr.otherwise !== undefined) arms.push(`else => ${at(expr.otherwise, Strength.Conditional)}`);
        // Arms are separated by two spaces, as the formatter prints a match on one line.
        return primary(`match ${at(expr.subject, Strength.Conditional)} { ${arms.join("  ")} }`);
      }
      case "in":
        return binary(at(expr.element, Strength.Additive), "in", at(expr.set, Strength.Additive), Strength.Comparison);
      case "is_present":
      case "is_absent": {
        const test = expr.op === "is_present" ? "present" : "absent";
        return { text: `${at(expr.operand, Strength.Additive)} is ${test}`, strength: Strength.Comparison };
      }
      case "otherwise":
        return binary(at(expr.left, Strength.Otherwise), "otherwise", at(expr.right, Strength.Or), Strength.Otherwise);
      case "aggregate": {
        const inner = new Set([...bound, expr.variable]);
        const value = expr.value === undefined ? "" : `${this.at(expr.value, Strength.Conditional, inner)} for `;
        const filter = expr.filter === undefined ? "" : ` where ${this.at(expr.filter, Strength.Conditional, inner)}`;
        return primary(`${expr.operator}(${value}${expr.variable} in ${at(expr.list, Strength.Conditional)}${filter})`);
      }
    }
  }

  /** An operand, in parentheses when it binds more loosely than `strength`. */
  private at(expr: ExprIR, strength: Strength, bound: ReadonlySet<string>): string {
    const printed = this.print(expr, bound);
    return printed.strength >= strength ? printed.text : `(${printed.text})`;
  }

  /** A name, followed by its value when the evaluation read one: `person.insured_months [8 months]`. */
  private named(text: string, name: NameRead): Printed {
    const value = this.context.valueOf(name);
    return value === undefined ? primary(text) : { text: `${text} [${value}]`, strength: Strength.Postfix, showsValue: true };
  }

  /** The fact path an expression reads, unless it reads an item of a list being aggregated. */
  private pathOf(expr: ExprIR, bound: ReadonlySet<string>): string | undefined {
    switch (expr.op) {
      case "fact":
        return `${expr.entity}.${expr.field}`;
      case "field": {
        const object = this.pathOf(expr.object, bound);
        return object === undefined ? undefined : `${object}.${expr.field}`;
      }
      case "local":
        return bound.has(expr.name) ? undefined : this.context.localPaths.get(expr.name);
      case "convert":
        return this.pathOf(expr.operand, bound);
      default:
        return undefined;
    }
  }
}

function primary(text: string): Printed {
  return { text, strength: Strength.Primary };
}

function binary(left: string, operator: string, right: string, strength: Strength): Printed {
  return { text: `${left} ${operator} ${right}`, strength };
}

/** The strength the right operand of a left-associative operator accepts. */
function next(strength: Strength): Strength {
  return Math.min(strength + 1, Strength.Primary) as Strength;
}
