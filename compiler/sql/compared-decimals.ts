/**
 * The decimal facts of a policy that DuckDB only ever compares: each `decimal` or
 * `unrounded_money` fact of a case (a column of `tiao_cases`, compiler/sql/tables.ts) whose
 * every use, in every measure, is an operand of a comparison of two decimals that the SQL
 * emitter writes as a plain SQL comparison (`a < b`, `a IS NOT DISTINCT FROM b`;
 * compiler/sql/expression.ts), read directly or through a definition's parameter (a record
 * of the facts, or the fact itself). DuckDB compares two decimals of any precision and scale
 * exactly, in a type that holds both: such a fact gives the same results whatever DECIMAL
 * type holds its values, and a flat file's DECIMAL column of at most 18 digits can be read as
 * it is (node/sql/flat-files.ts), without widening each value to DECIMAL(38,10).
 *
 * Any other use keeps a fact out: arithmetic, min and max, a comparison with a quotient
 * (computed in wide decimals, `tiao_w_decimal`), a conversion, a definition's value (an
 * output, a `let`), `otherwise`, a test of presence, an aggregate's term, a record of the
 * facts read as a whole, and anything this walk does not know.
 */
import type { DefinitionIR, ExprIR, MeasureIR, ProgramIR } from "../ir.js";
import { forEachChild, forEachRuleExpression, windowDates } from "../ir-walk.js";
import { carriesQuotient } from "./expression.js";
import { caseLayout } from "./tables.js";

/** What an expression reads of the case's facts: a record of them by its path's prefix, or one fact's column. */
type FactRef = { readonly kind: "record"; readonly path: string } | { readonly kind: "value"; readonly path: string };

/** The definitions' parameters (and aggregates' variables) in scope: the facts each stands for, if any. */
type Scope = ReadonlyMap<string, FactRef | undefined>;

function isDecimal(type: ExprIR["type"]): boolean {
  const held = type.kind === "optional" ? type.of : type;
  return held.kind === "decimal" || held.kind === "unrounded_money";
}

/** The fact (or record of facts) of the case an expression is, when it is one. */
function factRef(expr: ExprIR, scope: Scope): FactRef | undefined {
  const of = (path: string): FactRef | undefined => {
    switch (expr.type.kind) {
      case "record":
        return { kind: "record", path };
      case "list":
      case "series":
      case "per_member":
        return undefined;
      default:
        return { kind: "value", path };
    }
  };
  switch (expr.op) {
    case "fact":
      return of(`${expr.entity}.${expr.field}`);
    case "field": {
      const object = factRef(expr.object, scope);
      return object?.kind === "record" ? of(`${object.path}.${expr.field}`) : undefined;
    }
    case "local":
      return scope.get(expr.name);
    default:
      return undefined;
  }
}

/**
 * The column paths (`enterprise.indicators.profit.current`) of the case's decimal facts that
 * every measure of `program` only compares, as plain SQL comparisons of two decimals.
 */
export function decimalFactsOnlyCompared(program: ProgramIR): Set<string> {
  const { layout } = caseLayout(program.schema);
  const candidates = layout.columns.filter((c) => c.kind === "value" && isDecimal(c.type)).map((c) => c.name);
  if (candidates.length === 0) return new Set();
  /** facts read otherwise than compared */
  const otherwise = new Set<string>();
  /** records of facts read as a whole: every fact under the path */
  const wholeRecords = new Set<string>();
  const readOtherwise = (ref: FactRef): void => {
    (ref.kind === "value" ? otherwise : wholeRecords).add(ref.path);
  };

  const walkMeasure = (measure: MeasureIR): void => {
    const definitions = new Map(measure.definitions.map((d) => [d.name, d]));
    const walked = new Set<string>();

    const walkDefinition = (definition: DefinitionIR, scope: Scope): void => {
      // a definition walked once for each way its parameters stand for facts
      const key = `${definition.name} ${JSON.stringify(definition.parameters.map((p) => scope.get(p.name) ?? null))}`;
      if (walked.has(key)) return;
      walked.add(key);
      forEachRuleExpression(definition.rules, (expr) => walk(expr, scope));
    };

    const walk = (expr: ExprIR, scope: Scope): void => {
      const ref = factRef(expr, scope);
      if (ref !== undefined) {
        // a fact, or a record of facts, anywhere but where it is compared or passed to a definition
        readOtherwise(ref);
        return;
      }
      switch (expr.op) {
        case "compare":
          // as compiler/sql/expression.ts writes it: a plain comparison unless a side carries a quotient
          if (expr.operation === "compare_decimals" && !carriesQuotient(expr.left) && !carriesQuotient(expr.right)) {
            for (const side of [expr.left, expr.right]) {
              if (factRef(side, scope)?.kind !== "value") walk(side, scope);
            }
            return;
          }
          break;
        case "call": {
          const definition = definitions.get(expr.definition);
          if (definition === undefined) throw new Error(`no definition ${expr.definition}`);
          // the definition's parameters stand for the facts passed to them: expanded at each call
          const inner = new Map<string, FactRef | undefined>();
          definition.parameters.forEach((parameter, index) => {
            const argument = expr.args[index];
            if (argument === undefined) throw new Error(`${definition.name} is called without ${parameter.name}`);
            const argumentRef = factRef(argument, scope);
            if (argumentRef === undefined) walk(argument, scope);
            inner.set(parameter.name, argumentRef);
          });
          walkDefinition(definition, inner);
          return;
        }
        case "aggregate": {
          walk(expr.list, scope);
          // the variable is an item of the list, not a fact of the case
          const inner = new Map(scope).set(expr.variable, undefined);
          if (expr.filter !== undefined) walk(expr.filter, inner);
          if (expr.value !== undefined) walk(expr.value, inner);
          return;
        }
        default:
          break;
      }
      forEachChild(expr, (child) => walk(child, scope));
    };

    windowDates(measure.window).forEach((expr) => walk(expr, new Map()));
    // each definition as it stands, its parameters no facts (an output for each member, a
    // definition not called), and as each call passes facts to it
    for (const definition of measure.definitions) walkDefinition(definition, new Map(definition.parameters.map((p) => [p.name, undefined])));
  };
  program.measures.forEach(walkMeasure);

  return new Set(candidates.filter((path) => !otherwise.has(path) && ![...wholeRecords].some((record) => path.startsWith(`${record}.`))));
}
