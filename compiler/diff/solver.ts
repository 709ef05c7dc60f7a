/**
 * Proofs and witnesses by an SMT solver. The two versions of one output are written as
 * SMT-LIB 2 over integers and booleans — booleans, enums (by member index), integers,
 * months and days, money in fen, percentages in millionths, dates as day numbers, times
 * in minutes, optional values as a presence flag and a value, parameters as their dated
 * values chosen by the date, rules and exceptions as Catala's default logic with its
 * errors (no rule applies, a conflict, a parameter without a value) — and the solver is
 * asked for a scenario on which they differ. Outside this fragment (decimals, month
 * arithmetic, lists and their aggregates, sets as values) the output is left to the
 * bounded search.
 *
 * The solver is behind `SmtSolver`, so that the CLI (z3 in Node) and the playground (z3
 * in a browser) each give their own; this module only writes and reads text.
 */
import { nameMap, ownValue, parameterOverrides } from "../../runtime/own-properties.js";
import type { DefinitionIR, ExprIR, LiteralValue, MeasureIR, ParameterIR, ProgramIR, RuleIR, ValueType, WindowIR } from "../ir.js";
import { calendarDate, decimal, type CalendarDate, type RecordValue, type RuntimeValue, type Scenario } from "../../runtime/index.js";
import type { FactSchema } from "../../runtime/types.js";
import { functionName, operations } from "../operations.js";
import { arithmeticMeaning, literalNumber, percentScale } from "./ir-meaning.js";
import { readsOf } from "./cases.js";

/** An SMT solver: checks the assertions of an SMT-LIB 2 script, and on `sat` gives the values of the named constants. */
export interface SmtSolver {
  check(script: string, constants: readonly string[]): Promise<SmtAnswer>;
}

export type SmtAnswer =
  | { readonly status: "sat"; readonly values: ReadonlyMap<string, string> }
  | { readonly status: "unsat" }
  /** `reason`: why there is no answer, when the solver failed rather than could not decide */
  | { readonly status: "unknown"; readonly reason?: string };

export type SolverOutcome =
  | { readonly kind: "equal"; readonly scope: string }
  | { readonly kind: "differs"; readonly scenario: Scenario }
  | { readonly kind: "unknown"; readonly reason?: string };

/** Why an expression cannot be written for the solver. */
class OutsideFragment extends Error {}

const plausibleYears = [calendarDate(2020, 1, 1), calendarDate(2030, 12, 31)] as const;

const equalScope =
  "on every scenario without parameter overrides on which both versions evaluate the output without an evaluation error";

/**
 * The solver's questions about the outputs of one measure. Each question is whether some
 * scenario makes one of several outputs differ: an answer `equal` proves all of them
 * equal at once, and a scenario often shows several differ, so a measure takes a few
 * questions rather than one or two per output.
 */
export interface MeasureQuestions {
  /** the outputs written for the solver */
  readonly inside: readonly string[];
  /** the others, each with why it is outside the solver's fragment */
  readonly outside: ReadonlyMap<string, string>;
  /** is there a scenario on which one of `outputs` (some of `inside`) differs? */
  ask(solver: SmtSolver, outputs: readonly string[]): Promise<SolverOutcome>;
}

export function measureQuestions(oldProgram: ProgramIR, newProgram: ProgramIR, measure: string, outputs: readonly string[]): MeasureQuestions {
  const oldMeasure = oldProgram.measures.find((m) => m.name === measure);
  const newMeasure = newProgram.measures.find((m) => m.name === measure);
  if (oldMeasure === undefined || newMeasure === undefined) {
    return { inside: [], outside: new Map(outputs.map((output) => [output, "the measure is not in both versions"])), ask: () => Promise.resolve({ kind: "unknown" }) };
  }
  const facts = new FactVariables(newProgram.schema, oldProgram.schema);
  const before = new VersionEncoder("old", oldProgram, oldMeasure, facts);
  const after = new VersionEncoder("new", newProgram, newMeasure, facts);
  const inside: string[] = [];
  const outside = new Map<string, string>();
  const differs: string[] = [];
  for (const output of outputs) {
    try {
      const a = before.output(output);
      const b = after.output(output);
      differs.push(`(define-fun |differs.${output}| () Bool (and ${a.ok} ${b.ok} (not ${equalTerms(a.value, b.value)})))`);
      inside.push(output);
    } catch (error) {
      if (!(error instanceof OutsideFragment)) throw error;
      outside.set(output, `${measure}.${output} ${error.message}, outside the solver's fragment`);
    }
  }
  const constants = facts.constants();
  const plausibleValues = facts.plausibleValues();
  const definitions = [...facts.declarations(), ...before.solverFunctions(), ...after.solverFunctions(), ...differs].join("\n");
  const reads = readsOf(oldProgram, newProgram, measure);
  return {
    inside,
    outside,
    async ask(solver, asked) {
      const query = `${definitions}\n(assert (or ${asked.map((output) => `|differs.${output}|`).join(" ")}))`;
      // A witness dated within the years the policy is about, with a few months rather than
      // 5937877994620038, reads better: the solver is asked for one first, then, only if
      // there is none, for any values.
      const plausible = plausibleValues === TRUE ? undefined : `${query}\n(assert ${plausibleValues})`;
      let answer = await solver.check(plausible ?? query, constants);
      // A solver that failed (no answer in time) is not asked the same question again.
      const failed = answer.status === "unknown" && answer.reason !== undefined;
      if (plausible !== undefined && answer.status !== "sat" && !failed) answer = await solver.check(query, constants);
      if (answer.status === "unsat") return { kind: "equal", scope: equalScope };
      if (answer.status === "unknown") return answer.reason === undefined ? { kind: "unknown" } : { kind: "unknown", reason: answer.reason };
      return { kind: "differs", scenario: facts.scenario(answer.values, reads) };
    },
  };
}

// ---------------------------------------------------------------- terms

/** An encoded value: its SMT text, and `ok`, when it evaluates without an error. */
type Term =
  | { readonly kind: "bool" | "int"; readonly text: string; readonly ok: string; readonly scale?: number }
  | { readonly kind: "optional"; readonly present: string; readonly value: Term; readonly ok: string }
  /** a record of the facts, known by its path: its fields are fact variables */
  | { readonly kind: "record"; readonly path: string; readonly ok: string };

const TRUE = "true";

function andText(...parts: string[]): string {
  const kept = parts.filter((part) => part !== TRUE);
  if (kept.includes("false")) return "false";
  if (kept.length === 0) return TRUE;
  return kept.length === 1 ? (kept[0] as string) : `(and ${kept.join(" ")})`;
}

function orText(...parts: string[]): string {
  const kept = parts.filter((part) => part !== "false");
  if (kept.includes(TRUE)) return TRUE;
  if (kept.length === 0) return "false";
  return kept.length === 1 ? (kept[0] as string) : `(or ${kept.join(" ")})`;
}

function intText(n: number | bigint): string {
  return n < 0 ? `(- ${String(-n)})` : String(n);
}

function plain(term: Term): Term & { kind: "bool" | "int" } {
  if (term.kind === "bool" || term.kind === "int") return term;
  throw new OutsideFragment(term.kind === "record" ? "uses a record as a value" : "uses an optional value without testing it");
}

function equalTerms(a: Term, b: Term): string {
  if (a.kind === "optional" && b.kind === "optional") {
    return `(and (= ${a.present} ${b.present}) (=> ${a.present} ${equalTerms(a.value, b.value)}))`;
  }
  return `(= ${plain(a).text} ${plain(b).text})`;
}

function ite(condition: string, then: Term, otherwise: Term): Term {
  if (then.kind === "optional" || otherwise.kind === "optional") {
    const a = asOptional(then);
    const b = asOptional(otherwise);
    return { kind: "optional", present: `(ite ${condition} ${a.present} ${b.present})`, value: ite(condition, a.value, b.value), ok: TRUE };
  }
  const a = plain(then);
  const b = plain(otherwise);
  return { kind: a.kind, text: `(ite ${condition} ${a.text} ${b.text})`, ok: TRUE, ...(a.scale === undefined ? {} : { scale: a.scale }) };
}

function asOptional(term: Term): Term & { kind: "optional" } {
  return term.kind === "optional" ? term : { kind: "optional", present: TRUE, value: term, ok: term.ok };
}

// ---------------------------------------------------------------- facts

/** The scenario as solver constants: `date` and one constant per fact (two for an optional one). */
class FactVariables {
  private readonly declared = new Map<string, { readonly type: ValueType; readonly name: string }>();
  private readonly enumMembers = new Map<string, string[]>();
  private readonly records: ReadonlyMap<string, FactSchema["records"][number]>;

  constructor(
    private readonly schema: FactSchema,
    oldSchema: FactSchema,
  ) {
    for (const declaration of [...schema.enums, ...oldSchema.enums]) {
      const members = this.enumMembers.get(declaration.name) ?? [];
      for (const member of declaration.members) if (!members.includes(member.name)) members.push(member.name);
      this.enumMembers.set(declaration.name, members);
    }
    this.records = new Map(schema.records.map((r) => [r.name, r]));
  }

  members(enumName: string): readonly string[] {
    return this.enumMembers.get(enumName) ?? [];
  }

  memberIndex(enumName: string, member: string): number {
    const index = this.members(enumName).indexOf(member);
    if (index < 0) throw new OutsideFragment(`names a member ${member} that its enum does not have`);
    return index;
  }

  /** The evaluation date. */
  date(): string {
    this.declared.set("date", { type: { kind: "date" }, name: "date" });
    return "date";
  }

  fact(path: string, type: ValueType): Term {
    if (type.kind === "optional") {
      const value = this.fact(path, type.of);
      this.declared.set(`${path}?`, { type: { kind: "bool" }, name: `|${path}?|` });
      return { kind: "optional", present: `|${path}?|`, value, ok: TRUE };
    }
    switch (type.kind) {
      case "record":
        return { kind: "record", path, ok: TRUE };
      case "bool":
        this.declared.set(path, { type, name: `|${path}|` });
        return { kind: "bool", text: `|${path}|`, ok: TRUE };
      case "integer":
      case "months":
      case "days":
      case "money":
      case "percent":
      case "date":
      case "time":
      case "enum":
        this.declared.set(path, { type, name: `|${path}|` });
        return { kind: "int", text: `|${path}|`, ok: TRUE };
      case "set":
        throw new OutsideFragment(`reads the set ${path}`);
      case "list":
        throw new OutsideFragment(`reads the list ${path}`);
      default:
        throw new OutsideFragment(`reads ${path}, a ${type.kind}`);
    }
  }

  fieldType(recordName: string, field: string): ValueType {
    const type = this.records.get(recordName)?.fields.find((f) => f.name === field)?.type;
    if (type === undefined) throw new OutsideFragment(`reads a field ${field} the schema does not declare`);
    return type;
  }

  constants(): string[] {
    return [...this.declared.values()].map((v) => v.name);
  }

  /**
   * Values a reader finds plausible, asked for first: dates (facts and the date of
   * evaluation) from 2020 to 2030, counts up to 100, amounts up to 100,000 yuan, rates up
   * to 100%.
   */
  plausibleValues(): string {
    const bounds = [...this.declared.values()].flatMap(({ type, name }) => {
      switch (type.kind) {
        case "date":
          return [`(>= ${name} ${plausibleYears[0]}) (<= ${name} ${plausibleYears[1]})`];
        case "integer":
        case "months":
        case "days":
          return [`(<= ${name} 100)`];
        case "money":
          return [`(<= ${name} 10000000)`];
        case "percent":
          return [`(<= ${name} 1000000)`];
        default:
          return [];
      }
    });
    return bounds.length === 0 ? TRUE : `(and ${bounds.join(" ")})`;
  }

  /** Declarations with the values a scenario can give: facts are never negative, dates stay in the years 0001–9999. */
  declarations(): string[] {
    const lines: string[] = [];
    const firstDay = calendarDate(1, 1, 1);
    const lastDay = calendarDate(9999, 12, 31);
    for (const { type, name } of this.declared.values()) {
      lines.push(`(declare-const ${name} ${type.kind === "bool" ? "Bool" : "Int"})`);
      switch (type.kind) {
        case "date":
          lines.push(`(assert (and (>= ${name} ${intText(firstDay)}) (<= ${name} ${intText(lastDay)})))`);
          break;
        case "time":
          lines.push(`(assert (and (>= ${name} 0) (< ${name} 1440)))`);
          break;
        case "enum":
          lines.push(`(assert (and (>= ${name} 0) (< ${name} ${this.members(type.name).length})))`);
          break;
        case "integer":
        case "months":
        case "days":
        case "money":
        case "percent":
          lines.push(`(assert (and (>= ${name} 0) (<= ${name} ${Number.MAX_SAFE_INTEGER})))`);
          break;
        default:
          break;
      }
    }
    return lines;
  }

  /** The scenario the solver's values describe; facts it did not need get plain values (false, 0, the first member, empty). */
  scenario(values: ReadonlyMap<string, string>, reads: readonly string[]): Scenario {
    const read = (name: string) => values.get(name);
    const facts = nameMap<{ [field: string]: RuntimeValue }>();
    for (const record of this.schema.records) if (record.entity) facts[record.name] = nameMap();
    for (const path of reads) {
      const [entity = "", field = ""] = path.split(".");
      const target = ownValue(facts, entity);
      if (target === undefined) continue;
      target[field] = this.valueAt(path, this.fieldType(entity, field), read);
    }
    const date = Number(parseInteger(read("date") ?? String(calendarDate(2021, 10, 20))));
    return { date: date as CalendarDate, facts, parameters: parameterOverrides() };
  }

  private valueAt(path: string, type: ValueType, read: (name: string) => string | undefined): RuntimeValue {
    switch (type.kind) {
      case "optional":
        return read(`|${path}?|`) === "true" ? this.valueAt(path, type.of, read) : null;
      case "bool":
        return read(`|${path}|`) === "true";
      case "enum":
        return this.members(type.name)[Number(parseInteger(read(`|${path}|`) ?? "0"))] ?? this.members(type.name)[0] ?? "";
      case "integer":
      case "months":
      case "days":
      case "money":
      case "percent":
      case "time":
        return Number(parseInteger(read(`|${path}|`) ?? "0"));
      case "date":
        return Number(parseInteger(read(`|${path}|`) ?? String(calendarDate(2021, 10, 20))));
      case "decimal":
      case "unrounded_money":
        return decimal("0");
      case "set":
      case "list":
        return [];
      case "record": {
        const record = nameMap<RuntimeValue>();
        for (const field of this.records.get(type.name)?.fields ?? []) record[field.name] = this.valueAt(`${path}.${field.name}`, field.type, read);
        return record as RecordValue;
      }
      case "series":
        return nameMap<RuntimeValue>() as RecordValue;
      case "text":
        // the encoding has no texts: a measure that reads one goes to the bounded search
        throw new Error(`the solver gave a value to ${path}, a text`);
      case "per_member":
        throw new Error("a fact cannot be a result for each member");
    }
  }
}

/** An integer as the solver writes it: `5`, `(- 5)`. */
function parseInteger(text: string): bigint {
  const negative = /^\(-\s+(\d+)\)$/.exec(text.trim());
  if (negative !== null) return -BigInt(negative[1] ?? "0");
  return BigInt(text.trim());
}

// ---------------------------------------------------------------- one version

interface EncodedOutput {
  readonly value: Term;
  readonly ok: string;
}

class VersionEncoder {
  private readonly lines: string[] = [];
  private readonly definitions = new Map<string, Term>();
  private readonly parameters: ReadonlyMap<string, ParameterIR>;
  private readonly measureDefinitions: ReadonlyMap<string, DefinitionIR>;

  constructor(
    private readonly prefix: string,
    program: ProgramIR,
    private readonly measure: MeasureIR,
    private readonly facts: FactVariables,
  ) {
    this.parameters = new Map(program.parameters.map((p) => [p.name, p]));
    this.measureDefinitions = new Map(measure.definitions.map((d) => [d.name, d]));
  }

  /** The solver functions the outputs encoded so far are written with. */
  solverFunctions(): readonly string[] {
    return this.lines;
  }

  output(name: string): EncodedOutput {
    const inForce = this.window(this.measure.window);
    if (name === "in_force") return { value: { kind: "bool", text: inForce.text, ok: TRUE }, ok: inForce.ok };
    const definition = this.measureDefinitions.get(name);
    if (definition === undefined) throw new OutsideFragment("is not an output of both versions");
    const value = this.definition(name);
    const empty = emptyTerm(definition.type);
    return {
      value: ite(inForce.text, value, empty),
      ok: andText(inForce.ok, `(=> ${inForce.text} ${value.ok})`),
    };
  }

  private window(window: WindowIR | undefined, locals: ReadonlyMap<string, Term> = new Map()): { text: string; ok: string } {
    if (window === undefined) return { text: TRUE, ok: TRUE };
    const date = this.facts.date();
    const from = plain(this.expr(window.from, locals));
    const fromHolds = `(>= ${date} ${from.text})`;
    if (window.until === undefined) return { text: fromHolds, ok: from.ok };
    const until = this.expr(window.until, locals);
    if (until.kind === "optional") {
      const bound = plain(until.value);
      return { text: andText(fromHolds, `(or (not ${until.present}) (<= ${date} ${bound.text}))`), ok: andText(from.ok, until.ok) };
    }
    const bound = plain(until);
    return { text: andText(fromHolds, `(<= ${date} ${bound.text})`), ok: andText(from.ok, bound.ok) };
  }

  /** A definition without parameters, defined once as solver functions and then named. */
  private definition(name: string): Term {
    const known = this.definitions.get(name);
    if (known !== undefined) return known;
    const definition = this.measureDefinitions.get(name);
    if (definition === undefined) throw new OutsideFragment(`reads ${name}, which is not a definition of the measure`);
    const term = this.rules(definition, new Map());
    const symbol = `|${this.prefix}.${name}|`;
    const named = this.name(symbol, term);
    this.definitions.set(name, named);
    return named;
  }

  private name(symbol: string, term: Term): Term {
    this.lines.push(`(define-fun |${symbol.slice(1, -1)}.ok| () Bool ${term.ok})`);
    const ok = `|${symbol.slice(1, -1)}.ok|`;
    if (term.kind === "optional") {
      const value = this.name(`|${symbol.slice(1, -1)}.value|`, term.value);
      this.lines.push(`(define-fun |${symbol.slice(1, -1)}.present| () Bool ${term.present})`);
      return { kind: "optional", present: `|${symbol.slice(1, -1)}.present|`, value: { ...value, ok: TRUE }, ok };
    }
    if (term.kind === "record") return term;
    this.lines.push(`(define-fun ${symbol} () ${term.kind === "bool" ? "Bool" : "Int"} ${term.text})`);
    return { kind: term.kind, text: symbol, ok, ...(term.scale === undefined ? {} : { scale: term.scale }) };
  }

  /** Default logic: among siblings, exceptions first; one value, or an error for none or two. */
  private rules(definition: DefinitionIR, locals: ReadonlyMap<string, Term>): Term {
    const group = this.siblings(definition.rules, locals);
    return { ...group.value, ok: andText(group.ok, group.gives) } as Term;
  }

  private siblings(rules: readonly RuleIR[], locals: ReadonlyMap<string, Term>): { value: Term; gives: string; ok: string } {
    const encoded = rules.map((rule) => this.rule(rule, locals));
    const conflicts = encoded.flatMap((a, i) => encoded.slice(i + 1).map((b) => `(not (and ${a.gives} ${b.gives}))`));
    const last = encoded[encoded.length - 1];
    if (last === undefined) throw new OutsideFragment("has a definition without rules");
    // Which sibling gives the value does not matter where two do: that is an error.
    const value = encoded.slice(0, -1).reduceRight<Term>((otherwise, rule) => ite(rule.gives, rule.value, otherwise), last.value);
    const valueOk = encoded.map((rule) => `(=> ${rule.gives} ${rule.value.ok})`);
    return { value, gives: orText(...encoded.map((rule) => rule.gives)), ok: andText(...encoded.map((rule) => rule.ok), ...conflicts, ...valueOk) };
  }

  private rule(rule: RuleIR, locals: ReadonlyMap<string, Term>): { value: Term; gives: string; ok: string } {
    const window = this.window(rule.window, locals);
    const condition = rule.condition === undefined ? { kind: "bool" as const, text: TRUE, ok: TRUE } : plain(this.expr(rule.condition, locals));
    const applies = andText(window.text, condition.text);
    const own = this.expr(rule.value, locals);
    const ok = andText(window.ok, `(=> ${window.text} ${condition.ok})`);
    if (rule.exceptions.length === 0) return { value: own, gives: applies, ok };
    const exceptions = this.siblings(rule.exceptions, locals);
    return {
      value: ite(exceptions.gives, exceptions.value, own),
      gives: orText(exceptions.gives, applies),
      ok: andText(ok, exceptions.ok),
    };
  }

  private parameter(name: string): Term {
    const parameter = this.parameters.get(name);
    if (parameter === undefined) throw new OutsideFragment(`reads a parameter ${name} the version does not have`);
    const date = this.facts.date();
    const periods = parameter.values.map((value) => {
      const { from, until } = value;
      const holds = andText(`(>= ${date} ${intText(from)})`, until === undefined ? TRUE : `(<= ${date} ${intText(until)})`);
      return { holds, value: this.literal(value.value, parameter.type) };
    });
    const last = periods[periods.length - 1];
    if (last === undefined) throw new OutsideFragment(`reads a parameter ${name} without values`);
    const value = periods.slice(0, -1).reduceRight<Term>((otherwise, period) => ite(period.holds, period.value, otherwise), last.value);
    return { ...value, ok: orText(...periods.map((period) => period.holds)) } as Term;
  }

  private literal(value: LiteralValue, type: ValueType): Term {
    if (type.kind === "optional") {
      if (value === null) return { kind: "optional", present: "false", value: { kind: type.of.kind === "bool" ? "bool" : "int", text: type.of.kind === "bool" ? "false" : "0", ok: TRUE }, ok: TRUE };
      return asOptional(this.literal(value, type.of));
    }
    switch (type.kind) {
      case "bool":
        return { kind: "bool", text: value === true ? TRUE : "false", ok: TRUE };
      case "enum":
        return { kind: "int", text: String(this.facts.memberIndex(type.name, String(value))), ok: TRUE };
      default: {
        const number = literalNumber(value, type);
        if (number === undefined) throw new OutsideFragment(`uses a ${type.kind} value`);
        return { kind: "int", text: intText(number), ok: TRUE };
      }
    }
  }

  private expr(expr: ExprIR, locals: ReadonlyMap<string, Term>): Term {
    const at = (operand: ExprIR) => this.expr(operand, locals);
    switch (expr.op) {
      case "literal":
        if (Array.isArray(expr.value)) throw new OutsideFragment("uses a set as a value");
        return this.literal(expr.value, expr.type);
      case "fact":
        return this.facts.fact(`${expr.entity}.${expr.field}`, expr.type);
      case "field": {
        const object = at(expr.object);
        if (object.kind !== "record") throw new OutsideFragment("reads a field of a list item");
        return this.facts.fact(`${object.path}.${expr.field}`, expr.type);
      }
      case "parameter":
        return this.parameter(expr.name);
      case "definition":
        return this.definition(expr.name);
      case "measure_output":
        throw new OutsideFragment(`reads ${expr.measure}.${expr.output}, an output of another measure`);
      case "call": {
        const definition = this.measureDefinitions.get(expr.definition);
        if (definition === undefined) throw new OutsideFragment(`calls ${expr.definition}, which the measure does not define`);
        const args = new Map(definition.parameters.map((p, index) => [p.name, at(expr.args[index] as ExprIR)]));
        return this.rules(definition, args);
      }
      case "local": {
        const local = locals.get(expr.name);
        if (local === undefined) throw new OutsideFragment("reads the items of a list");
        return local;
      }
      case "not": {
        const operand = plain(at(expr.operand));
        return { kind: "bool", text: `(not ${operand.text})`, ok: operand.ok };
      }
      case "and":
      case "or": {
        const left = plain(at(expr.left));
        const right = plain(at(expr.right));
        // Short-circuit: the right side is evaluated only when the left does not decide.
        const guard = expr.op === "and" ? left.text : `(not ${left.text})`;
        return { kind: "bool", text: `(${expr.op} ${left.text} ${right.text})`, ok: andText(left.ok, `(=> ${guard} ${right.ok})`) };
      }
      case "compare": {
        const left = plain(at(expr.left));
        const right = plain(at(expr.right));
        const ok = andText(left.ok, right.ok);
        if (expr.operator === "=") return { kind: "bool", text: `(= ${left.text} ${right.text})`, ok };
        if (expr.operator === "!=") return { kind: "bool", text: `(not (= ${left.text} ${right.text}))`, ok };
        return { kind: "bool", text: `(${expr.operator} ${left.text} ${right.text})`, ok };
      }
      case "arithmetic":
        return this.arithmetic(expr, locals);
      case "round": {
        const operand = plain(at(expr.operand));
        if (operand.scale === undefined) throw new OutsideFragment("rounds a decimal");
        return { kind: "int", text: roundText(operand.text, operand.scale, expr.mode), ok: operand.ok };
      }
      case "min":
      case "max": {
        const left = plain(at(expr.left));
        const right = plain(at(expr.right));
        const pick = operations[expr.operation].chooses === "min" ? "<=" : ">=";
        return { kind: "int", text: `(ite (${pick} ${left.text} ${right.text}) ${left.text} ${right.text})`, ok: andText(left.ok, right.ok) };
      }
      case "convert":
        return this.convert(expr, locals);
      case "if": {
        const condition = plain(at(expr.condition));
        const then = at(expr.then);
        const otherwise = at(expr.else);
        const chosen = ite(condition.text, then, otherwise);
        return { ...chosen, ok: andText(condition.ok, `(ite ${condition.text} ${then.ok} ${otherwise.ok})`) } as Term;
      }
      case "match": {
        const subject = plain(at(expr.subject));
        const enumName = expr.subject.type.kind === "enum" ? expr.subject.type.name : "";
        const arms = expr.arms.map((arm) => ({ holds: orText(...arm.members.map((m) => `(= ${subject.text} ${this.facts.memberIndex(enumName, m)})`)), value: at(arm.value) }));
        const fallback = expr.otherwise === undefined ? arms[arms.length - 1]?.value : at(expr.otherwise);
        if (fallback === undefined) throw new OutsideFragment("has a match without arms");
        const chosenArms = expr.otherwise === undefined ? arms.slice(0, -1) : arms;
        const value = chosenArms.reduceRight<Term>((otherwise, arm) => ite(arm.holds, arm.value, otherwise), fallback);
        const armsOk = [...arms.map((arm) => `(=> ${arm.holds} ${arm.value.ok})`), ...(expr.otherwise === undefined ? [] : [`(=> (not ${orText(...arms.map((a) => a.holds))}) ${fallback.ok})`])];
        return { ...value, ok: andText(subject.ok, ...armsOk) } as Term;
      }
      case "in": {
        const element = plain(at(expr.element));
        const enumName = expr.element.type.kind === "enum" ? expr.element.type.name : "";
        if (expr.set.op !== "literal" || !Array.isArray(expr.set.value)) throw new OutsideFragment("tests membership of a set that is not written out");
        const members = expr.set.value as readonly string[];
        return { kind: "bool", text: orText(...members.map((m) => `(= ${element.text} ${this.facts.memberIndex(enumName, m)})`)), ok: element.ok };
      }
      case "is_present":
      case "is_absent": {
        const operand = asOptional(at(expr.operand));
        return { kind: "bool", text: expr.op === "is_present" ? operand.present : `(not ${operand.present})`, ok: operand.ok };
      }
      case "otherwise": {
        const left = asOptional(at(expr.left));
        const right = at(expr.right);
        const chosen = ite(left.present, left.value, right);
        return { ...chosen, ok: andText(left.ok, `(=> (not ${left.present}) ${right.ok})`) } as Term;
      }
      case "evaluation_date":
        return { kind: "int", text: this.facts.date(), ok: TRUE };
      case "last_day_of_term":
        throw new OutsideFragment("ends a term of months (month arithmetic)");
      case "function":
        throw new OutsideFragment(expr.operation === "starts_with" ? "tests how a text begins (starts_with)" : `uses the calendar (${functionName(expr.operation)})`);
      case "scale":
        throw new OutsideFragment(`applies the scale ${expr.scale}`);
      case "series_at":
      case "series_total":
        throw new OutsideFragment("reads a fact given period by period");
      case "negate":
        throw new OutsideFragment("negates a decimal");
      case "floor":
      case "ceil":
        throw new OutsideFragment(`takes the ${expr.op} of a decimal`);
      case "aggregate":
        throw new OutsideFragment(`has a list aggregate (${expr.operator})`);
    }
  }

  private arithmetic(expr: ExprIR & { op: "arithmetic" }, locals: ReadonlyMap<string, Term>): Term {
    const meaning = arithmeticMeaning(expr.operator);
    if (meaning.kind === "outside_whole_numbers") {
      throw new OutsideFragment(expr.operator.startsWith("date") ? "adds months to a date (month arithmetic)" : "computes with decimals");
    }
    const left = plain(this.expr(expr.left, locals));
    const right = plain(this.expr(expr.right, locals));
    const ok = andText(left.ok, right.ok);
    switch (meaning.kind) {
      case "add":
        return scaled(`(+ ${left.text} ${right.text})`, ok, left.scale);
      case "subtract":
        return scaled(`(- ${left.text} ${right.text})`, ok, left.scale);
      case "multiply":
        return scaled(`(* ${left.text} ${right.text})`, ok, left.scale);
      case "money_times_percent":
        return scaled(`(* ${left.text} ${right.text})`, ok, percentScale);
    }
  }

  private convert(expr: ExprIR & { op: "convert" }, locals: ReadonlyMap<string, Term>): Term {
    const operand = this.expr(expr.operand, locals);
    switch (expr.conversion) {
      case "to_optional":
        return asOptional(operand);
      case "integer_to_months":
      case "integer_to_days":
        return operand;
      case "money_to_unrounded": {
        const money = plain(operand);
        return scaled(`(* ${money.text} ${percentScale})`, money.ok, percentScale);
      }
      case "integer_to_decimal":
        throw new OutsideFragment("computes with decimals");
    }
  }
}

function scaled(text: string, ok: string, scale: number | undefined): Term {
  return { kind: "int", text, ok, ...(scale === undefined ? {} : { scale }) };
}

/** An amount in 1/scale fen rounded to the fen: half away from zero, toward zero, or away from zero, as the runtime rounds. */
function roundText(text: string, scale: number, mode: "half_up" | "down" | "up"): string {
  const add = mode === "half_up" ? scale / 2 : mode === "up" ? scale - 1 : 0;
  return `(ite (>= ${text} 0) (div (+ ${text} ${add}) ${scale}) (- (div (+ (- ${text}) ${add}) ${scale})))`;
}

/** What an output holds when the measure is not in force. */
function emptyTerm(type: ValueType): Term {
  switch (type.kind) {
    case "bool":
      return { kind: "bool", text: "false", ok: TRUE };
    case "integer":
    case "months":
    case "days":
    case "money":
    case "percent":
      return { kind: "int", text: "0", ok: TRUE };
    case "date":
    case "time":
    case "enum":
      return { kind: "optional", present: "false", value: { kind: "int", text: "0", ok: TRUE }, ok: TRUE };
    case "optional": {
      const inner = emptyTerm(type.of);
      return inner.kind === "optional" ? inner : { kind: "optional", present: "false", value: inner, ok: TRUE };
    }
    default:
      throw new OutsideFragment(`has a ${type.kind} value`);
  }
}
