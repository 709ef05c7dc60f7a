/**
 * The reference interpreter: evaluates a checked policy (IR) for one scenario, with the
 * semantics of docs/language.md. Generated code must agree with it on every scenario
 * (test/emit checks this on random ones).
 *
 * Evaluation of a measure, on demand: the window gives `in_force`; when it is false every
 * output has its empty value. Otherwise each output asked for is evaluated in written order,
 * and a definition without parameters when an expression first reads it, once (so an error
 * in a definition no evaluated expression reads is no error); parameterised definitions are
 * evaluated at each call. An output of another measure is read from that measure's
 * evaluation for the same scenario, which is shared. Parameters are read where an
 * expression reads them, so a parameter without a value on the date is an error only
 * when something evaluated needs it.
 */
import type {
  DefinitionIR,
  ExprIR,
  FactSchema,
  MeasureIR,
  ParameterIR,
  ParameterValueIR,
  ProgramIR,
  RuleIR,
  SourceSpan,
  ValueType,
  WindowIR,
} from "./ir.js";
import {
  EvaluationError,
  located,
  applyScale,
  averageSeries,
  seriesValueAt,
  sumDecimalSeries,
  sumIntegerSeries,
  sumMoneySeries,
  formatDate,
  formatValue,
  missingFacts,
  type CalendarDate,
  type Decimal,
  type Money,
  type OutputJson,
  type RecordValue,
  type RuntimeValue,
  type ScaleData,
  type Scenario,
} from "../runtime/index.js";
import { scaleData } from "./scale-data.js";
import { nameMap, ownValue } from "../runtime/own-properties.js";
import { readPath, recordNameOf } from "./check/ir-nodes.js";
import { averageRounding, seriesMissingLiteral, seriesReading, seriesTotalFunction, seriesTypeOf } from "./series-read.js";
import { emptyValue } from "../runtime/scenario.js";
import { conflictMessage, evaluationLocation, noRuleMessage, parameterHasNoValueMessage } from "../runtime/messages.js";
import { literalRuntimeValue } from "./literals.js";
import { factsReadByOutputs } from "./output-reads.js";
import { additionOf, choiceOf, holds, isRepresentationChange, operationFunction } from "./operations.js";
import { Trace, type Decision, type Explanation, type WindowReport } from "./explain.js";
import { explanationWordsFor, policyLanguage, type ExplanationLanguage } from "./explain-words.js";
import { moneyWord } from "./currency.js";
import { required } from "./internal-error.js";

export interface EvaluationOptions {
  /**
   * evaluate only these measures (`m4`), or only some outputs of a measure (`m4.refund`:
   * its `in_force` and that output); a missing fact of theirs is then an error
   */
  readonly measures?: readonly string[];
  readonly explain?: boolean;
  /** the language of the explanations' sentences; by default the policy's (explain-words.ts) */
  readonly language?: ExplanationLanguage;
}

export interface EvaluationResult {
  /** formatted outputs per measure: `in_force` first, then the outputs in written order */
  readonly outputs: { readonly [measure: string]: { readonly [output: string]: OutputJson } };
  readonly explain?: { readonly [measure: string]: { readonly [output: string]: Explanation } };
  /** with `explain`: the language of its sentences */
  readonly language?: ExplanationLanguage;
  /** measures left out because facts are missing (only when measures are not asked for by name) */
  readonly skipped: readonly { readonly measure: string; readonly missing: readonly string[] }[];
}

export function evaluate(program: ProgramIR, scenario: Scenario, options: EvaluationOptions = {}): EvaluationResult {
  const selection = parseSelection(options.measures);
  const selected = selectMeasures(program, selection?.measures);
  if (options.measures !== undefined) {
    const missing = missingFactsForMeasures(program, scenario, options.measures);
    if (missing.length > 0) throw new Error(missingFactsMessage(missing));
  }
  const outputs = nameMap<{ [output: string]: OutputJson }>();
  const explanations = nameMap<{ [output: string]: Explanation }>();
  const skipped: { measure: string; missing: string[] }[] = [];
  const parameters = new Map(program.parameters.map((p) => [p.name, p]));
  const scales = new Map(program.scales.map((s) => [s.name, scaleData(s)]));
  const language = options.language ?? policyLanguage(program.policy);
  const fieldLabels = options.explain === true ? fieldLabelsOf(program, language) : undefined;
  const words = explanationWordsFor(language, moneyWord(program.policy));
  const shared = new SharedEvaluations(program, scenario, parameters, scales);
  for (const measure of selected) {
    const missing = missingFacts(scenario, readsOfSelection(program, measure, selection), program.schema);
    if (missing.length > 0) {
      skipped.push({ measure: measure.name, missing: [...missing] });
      continue;
    }
    const trace = fieldLabels === undefined ? undefined : new Trace(measure, program.schema, fieldLabels, words);
    const evaluation = trace === undefined ? shared.of(measure.name) : new MeasureEvaluation(measure, program.schema, scenario, parameters, scales, trace, shared);
    const result = evaluation.run(selection?.outputs.get(measure.name) ?? measure.outputs);
    outputs[measure.name] = result.outputs;
    if (result.explanations !== undefined) explanations[measure.name] = result.explanations;
  }
  return { outputs, ...(options.explain === true ? { explain: explanations, language } : {}), skipped };
}

/** For measures asked for by name: the facts each needs that the scenario does not give. */
export function missingFactsForMeasures(
  program: ProgramIR,
  scenario: Scenario,
  measures: readonly string[],
): { measure: string; missing: string[] }[] {
  const selection = parseSelection(measures);
  return selectMeasures(program, selection?.measures).flatMap((measure) => {
    const missing = missingFacts(scenario, readsOfSelection(program, measure, selection), program.schema);
    return missing.length === 0 ? [] : [{ measure: measure.name, missing: [...missing] }];
  });
}

/** Measures asked for by name (`m4`), and for those asked for by output (`m4.refund`), which outputs. */
export interface Selection {
  readonly measures: readonly string[];
  readonly outputs: ReadonlyMap<string, readonly string[]>;
}

/** `m1 m4.total` → m1 and m4, of m4 the output `total`; a measure asked for whole and by output is whole. */
export function parseSelection(names: readonly string[] | undefined): Selection | undefined {
  if (names === undefined) return undefined;
  const measures: string[] = [];
  const outputs = new Map<string, string[]>();
  const whole = new Set<string>();
  for (const name of names) {
    const dot = name.indexOf(".");
    const measure = dot === -1 ? name : name.slice(0, dot);
    if (!measures.includes(measure)) measures.push(measure);
    if (dot === -1) whole.add(measure);
    else outputs.set(measure, [...(outputs.get(measure) ?? []), name.slice(dot + 1)]);
  }
  for (const measure of whole) outputs.delete(measure);
  return { measures, outputs };
}

/** The facts a measure needs: all it reads, or, when only some of its outputs are asked for, those they read. */
function readsOfSelection(program: ProgramIR, measure: MeasureIR, selection: Selection | undefined): readonly string[] {
  const outputs = selection?.outputs.get(measure.name);
  return outputs === undefined ? measure.reads : factsReadByOutputs(program, measure, outputs);
}

function selectMeasures(program: ProgramIR, names: readonly string[] | undefined): readonly MeasureIR[] {
  if (names === undefined) return program.measures;
  for (const name of names) {
    if (!program.measures.some((m) => m.name === name)) throw new Error(`the policy has no measure ${name}`);
  }
  return program.measures.filter((m) => names.includes(m.name));
}

/**
 * The evaluations of one scenario's measures that others read outputs of (and, without
 * explanations, those of the result): each measure evaluated at most once.
 */
class SharedEvaluations {
  private readonly evaluations = new Map<string, MeasureEvaluation>();
  private readonly measures: ReadonlyMap<string, MeasureIR>;
  /** the policy's money when it is not the yuan (`EUR`): an amount too large is said in it (runtime `locatedError`) */
  readonly otherMoney: string | undefined;

  constructor(
    private readonly program: ProgramIR,
    private readonly scenario: Scenario,
    private readonly parameters: ReadonlyMap<string, ParameterIR>,
    private readonly scales: ReadonlyMap<string, ScaleData>,
  ) {
    this.measures = new Map(program.measures.map((measure) => [measure.name, measure]));
    const word = moneyWord(program.policy);
    this.otherMoney = word === "yuan" ? undefined : word;
  }

  of(name: string): MeasureEvaluation {
    const known = this.evaluations.get(name);
    if (known !== undefined) return known;
    const measure = required(this.measures.get(name), `the measure ${name}`);
    const evaluation = new MeasureEvaluation(measure, this.program.schema, this.scenario, this.parameters, this.scales, undefined, this);
    this.evaluations.set(name, evaluation);
    return evaluation;
  }
}

function missingFactsMessage(missing: readonly { measure: string; missing: readonly string[] }[]): string {
  return missing.map((m) => `measure ${m.measure} needs facts the scenario does not give: ${m.missing.join(", ")}`).join("\n");
}

/** The facts' labels in the explanations' language: in English, a field's English label where it has one. */
function fieldLabelsOf(program: ProgramIR, language: ExplanationLanguage): Map<string, string> {
  const labels = new Map<string, string>();
  for (const record of program.schema.records) {
    for (const field of record.fields) {
      const label = language === "en" ? (field.english ?? field.label) : field.label;
      if (label !== undefined) labels.set(`${record.name}.${field.name}`, label);
    }
  }
  return labels;
}

// ---------------------------------------------------------------- parameters

/** The value in force on a date, if any. */
function parameterValueOn(parameter: ParameterIR, date: CalendarDate): ParameterValueIR | undefined {
  return parameter.values.find((value) => value.from <= date && (value.until === undefined || date <= value.until));
}

// ---------------------------------------------------------------- values

function asNumber(value: RuntimeValue): number {
  if (typeof value !== "number") throw new Error(`expected a number, got ${JSON.stringify(value)}`);
  return value;
}

function asBoolean(value: RuntimeValue): boolean {
  if (typeof value !== "boolean") throw new Error(`expected a yes/no value, got ${JSON.stringify(value)}`);
  return value;
}

function asString(value: RuntimeValue): string {
  if (typeof value !== "string") throw new Error(`expected an enum member, got ${JSON.stringify(value)}`);
  return value;
}

function isList(value: RuntimeValue): value is readonly RuntimeValue[] {
  return Array.isArray(value);
}

function isDecimal(value: RuntimeValue): value is Decimal {
  return typeof value === "object" && value !== null && "coefficient" in value && typeof value.coefficient === "bigint";
}

function asList(value: RuntimeValue): readonly RuntimeValue[] {
  if (!isList(value)) throw new Error("expected a list");
  return value;
}

function asRecord(value: RuntimeValue): RecordValue {
  if (typeof value !== "object" || value === null || isList(value) || isDecimal(value)) {
    throw new Error("expected a record");
  }
  return value;
}

function fieldOf(record: RecordValue, field: string): RuntimeValue {
  // An optional field may be left out of a scenario: it is absent.
  return Object.hasOwn(record, field) ? (record[field] ?? null) : null;
}

// ---------------------------------------------------------------- measures

/** Definition parameters and aggregate variables in scope, with their fact paths when known. */
interface Scope {
  readonly name: string;
  readonly value: RuntimeValue;
  readonly path: string | undefined;
  readonly parent: Scope | undefined;
}

interface MeasureResult {
  readonly outputs: { [output: string]: OutputJson };
  readonly explanations?: { [output: string]: Explanation };
}

class MeasureEvaluation {
  private readonly date: CalendarDate;
  private readonly values = new Map<string, RuntimeValue>();
  private readonly definitions: ReadonlyMap<string, DefinitionIR>;
  private window: { readonly inForce: boolean; readonly dates: { from: CalendarDate; until: CalendarDate | null } | undefined } | undefined;

  constructor(
    private readonly measure: MeasureIR,
    private readonly schema: FactSchema,
    private readonly scenario: Scenario,
    private readonly parameters: ReadonlyMap<string, ParameterIR>,
    private readonly scales: ReadonlyMap<string, ScaleData>,
    private readonly trace: Trace | undefined,
    private readonly shared: SharedEvaluations,
  ) {
    this.date = scenario.date;
    this.definitions = new Map(measure.definitions.map((d) => [d.name, d]));
  }

  /** Whether the measure is in force on the date, its window's dates read once. */
  private inForce(): boolean {
    if (this.window === undefined) {
      const dates = this.measure.window === undefined ? undefined : this.windowDates(this.measure.window);
      const inForce = dates === undefined || (this.date >= dates.from && (dates.until === null || this.date <= dates.until));
      this.window = { inForce, dates };
    }
    return this.window.inForce;
  }

  /**
   * An output as the measure's result gives it: its empty value when the measure is not in
   * force. An output given for each member is read for one member, a record of its list.
   */
  outputValue(name: string, member?: RuntimeValue): RuntimeValue {
    if (name === "in_force") return this.inForce();
    const definition = this.definition(name);
    if (!this.inForce()) return emptyValue(definition.type);
    if (definition.members === undefined) return this.valueOf(definition);
    if (member === undefined) throw new Error(`${name} is given for each member: it is read for one`);
    return this.forMember(definition, member, undefined);
  }

  /** An output given for each member, for one member (the record, and its fact path when known). */
  private forMember(definition: DefinitionIR, member: RuntimeValue, path: string | undefined): RuntimeValue {
    const [parameter] = definition.parameters;
    if (parameter === undefined) throw new Error(`${definition.name} has no member parameter`);
    return this.withLocation(definition.span, () => this.decide(definition, { name: parameter.name, value: member, path, parent: undefined }));
  }

  /** The members of the list an output is given for. */
  private membersOf(definition: DefinitionIR): readonly RuntimeValue[] {
    const members = required(definition.members, `the list ${definition.name} is given for`);
    const entity = required(ownValue(this.scenario.facts, members.entity), `the scenario's ${members.entity}`);
    return asList(fieldOf(entity, members.field) ?? []);
  }

  /** `in_force` and the outputs asked for, in written order. */
  run(asked: readonly string[]): MeasureResult {
    const { measure, trace } = this;
    trace?.begin();
    const inForce = this.inForce();
    const dates = this.window?.dates;
    const windowFrame = trace?.end();
    const report = trace === undefined ? undefined : this.windowReport(inForce, dates);
    const outputs = nameMap<OutputJson>();
    outputs["in_force"] = inForce;
    const explanations = nameMap<Explanation>();
    if (trace !== undefined && windowFrame !== undefined && report !== undefined) {
      explanations["in_force"] = trace.explainInForce(report, windowFrame, measure.notComputable);
    }
    const names = measure.outputs.filter((name) => asked.includes(name));
    if (!inForce) {
      for (const name of names) {
        const definition = this.definition(name);
        // an output for each member is empty for each member
        const type: ValueType = definition.members === undefined ? definition.type : { kind: "per_member", of: definition.type };
        const empty = definition.members === undefined ? emptyValue(definition.type) : this.membersOf(definition).map(() => emptyValue(definition.type));
        outputs[name] = formatValue(empty, type, this.schema);
        if (trace !== undefined && report !== undefined) explanations[name] = trace.explainNotInForce(name, type, empty, report);
      }
    } else {
      for (const name of names) {
        const definition = this.definition(name);
        if (definition.members !== undefined) {
          const result = this.eachMember(definition);
          outputs[name] = formatValue(result.values, { kind: "per_member", of: definition.type }, this.schema);
          if (trace !== undefined) explanations[name] = trace.explainMembers(name, definition.type, result.values, result.explanations);
          continue;
        }
        outputs[name] = formatValue(this.valueOf(definition), definition.type, this.schema);
        if (trace !== undefined) explanations[name] = trace.explainDefinition(name);
      }
    }
    return trace === undefined ? { outputs } : { outputs, explanations };
  }

  /** An output given for each member, for each member in the list's order (with each one's explanation when tracing). */
  private eachMember(definition: DefinitionIR): { readonly values: readonly RuntimeValue[]; readonly explanations: readonly Explanation[] } {
    const members = definition.members;
    if (members === undefined) throw new Error(`${definition.name} is not given for each member`);
    const values: RuntimeValue[] = [];
    const explanations: Explanation[] = [];
    this.membersOf(definition).forEach((member, index) => {
      const path = `${members.entity}.${members.field}[${index}]`;
      this.trace?.begin();
      const value = this.forMember(definition, member, path);
      values.push(value);
      if (this.trace !== undefined) explanations.push(this.trace.endMember(definition, path, value));
    });
    return { values, explanations };
  }

  private windowReport(inForce: boolean, dates: { from: CalendarDate; until: CalendarDate | null } | undefined): WindowReport {
    const base = { measure: this.measure.name, date: formatDate(this.date), inForce };
    if (dates === undefined) return base;
    return { ...base, from: formatDate(dates.from), until: dates.until === null ? null : formatDate(dates.until) };
  }

  private windowDates(window: WindowIR): { from: CalendarDate; until: CalendarDate | null } {
    const from = asNumber(this.expression(window.from, undefined)) as CalendarDate;
    const untilValue = window.until === undefined ? null : this.expression(window.until, undefined);
    return { from, until: untilValue === null ? null : (asNumber(untilValue) as CalendarDate) };
  }

  private definition(name: string): DefinitionIR {
    return required(this.definitions.get(name), `the definition ${name} of measure ${this.measure.name}`);
  }

  /** The value of a definition without parameters, evaluated once. */
  private valueOf(definition: DefinitionIR): RuntimeValue {
    const known = this.values.get(definition.name);
    if (known !== undefined) return known;
    this.trace?.begin();
    const value = this.withLocation(definition.span, () => this.decide(definition, undefined));
    this.trace?.endDefinition(definition, value);
    this.values.set(definition.name, value);
    return value;
  }

  /** An error from arithmetic has no place of its own: give it the definition's. */
  private withLocation<T>(span: SourceSpan, compute: () => T): T {
    return located(evaluationLocation(span), compute, this.shared.otherMoney);
  }

  // ------------------------------------------------------------ default logic

  /**
   * Default logic, as in Catala: a rule's exceptions are looked at first, and one that
   * applies (after its own exceptions) gives the value, whether or not the rule it
   * overrides applies; otherwise the rule gives its value if it applies. Two siblings that
   * give a value are a conflict; no base rule giving one is an error.
   */
  private decide(definition: DefinitionIR, scope: Scope | undefined): RuntimeValue {
    const decision = this.resolve(definition, definition.rules, scope);
    if (decision === undefined) {
      throw new EvaluationError("no_rule_applies", noRuleMessage(definition), evaluationLocation(definition.span));
    }
    this.trace?.decided(decision);
    return this.expression(decision.rule.value, scope);
  }

  /**
   * The one sibling whose tree gives a value, with the rules it overrides (nearest first).
   * Every sibling is looked at, in written order, before a conflict is reported
   * (generated code does the same).
   */
  private resolve(definition: DefinitionIR, rules: readonly RuleIR[], scope: Scope | undefined): Decision | undefined {
    let found: { readonly sibling: RuleIR; readonly decision: Decision } | undefined;
    for (const sibling of rules) {
      const decision = this.resolveRule(definition, sibling, scope);
      if (decision === undefined) continue;
      if (found !== undefined) {
        throw new EvaluationError("conflicting_rules", conflictMessage(definition, found.sibling, sibling), evaluationLocation(sibling.span));
      }
      found = { sibling, decision };
    }
    return found?.decision;
  }

  private resolveRule(definition: DefinitionIR, rule: RuleIR, scope: Scope | undefined): Decision | undefined {
    const byException = this.resolve(definition, rule.exceptions, scope);
    if (byException !== undefined) return { rule: byException.rule, overridden: [...byException.overridden, rule] };
    return this.applies(rule, scope) ? { rule, overridden: [] } : undefined;
  }

  private applies(rule: RuleIR, scope: Scope | undefined): boolean {
    if (rule.window !== undefined) {
      const { from, until } = this.windowDates(rule.window);
      if (this.date < from || (until !== null && this.date > until)) {
        this.trace?.notApplied(rule, { kind: "window", from: formatDate(from), until: until === null ? null : formatDate(until) });
        return false;
      }
    }
    if (rule.condition === undefined) return true;
    const holds = asBoolean(this.expression(rule.condition, scope));
    if (!holds) this.trace?.notApplied(rule, { kind: "condition" });
    return holds;
  }

  // ------------------------------------------------------------ expressions

  private expression(expr: ExprIR, scope: Scope | undefined): RuntimeValue {
    switch (expr.op) {
      case "literal":
        return literalRuntimeValue(expr.value);
      case "fact": {
        const entity = required(ownValue(this.scenario.facts, expr.entity), `the scenario's ${expr.entity}`);
        const value = fieldOf(entity, expr.field);
        this.trace?.fact(`${expr.entity}.${expr.field}`, `${expr.entity}.${expr.field}`, value, expr.type);
        return value;
      }
      case "field": {
        const value = fieldOf(asRecord(this.expression(expr.object, scope)), expr.field);
        if (this.trace !== undefined) this.traceField(expr, expr.object, expr.field, value, scope);
        return value;
      }
      case "parameter":
        return this.parameter(expr.name);
      case "definition": {
        const definition = this.definition(expr.name);
        const value = this.valueOf(definition);
        this.trace?.definition(definition);
        return value;
      }
      case "measure_output": {
        if (expr.member !== undefined) {
          const member = this.expression(expr.member, scope);
          const value = this.shared.of(expr.measure).outputValue(expr.output, member);
          this.trace?.measureOutput(expr.measure, expr.output, expr.type, value, pathOf(expr.member, scope) ?? "…");
          return value;
        }
        const value = this.shared.of(expr.measure).outputValue(expr.output);
        this.trace?.measureOutput(expr.measure, expr.output, expr.type, value);
        return value;
      }
      case "call":
        return this.call(expr.definition, expr.args, scope);
      case "local":
        return lookup(scope, expr.name).value;
      case "not":
        return !asBoolean(this.expression(expr.operand, scope));
      case "and":
        return asBoolean(this.expression(expr.left, scope)) && asBoolean(this.expression(expr.right, scope));
      case "or":
        return asBoolean(this.expression(expr.left, scope)) || asBoolean(this.expression(expr.right, scope));
      case "compare": {
        const left = this.expression(expr.left, scope);
        const right = this.expression(expr.right, scope);
        return holds(expr.operator, asNumber(operationFunction(expr.operation)(left, right)));
      }
      case "arithmetic": {
        const left = this.expression(expr.left, scope);
        const right = this.expression(expr.right, scope);
        const result = operationFunction(expr.operator)(left, right);
        if (this.trace !== undefined && expr.type.kind === "date") {
          this.trace.dateStep(expr, left as CalendarDate, asNumber(right), result as CalendarDate);
        }
        return result;
      }
      case "negate":
      case "floor":
      case "ceil":
        return operationFunction(expr.op)(this.expression(expr.operand, scope));
      case "round": {
        const { operand } = expr;
        const operands = expr.operation === "round_money_times_percent" && operand.op === "arithmetic" ? [operand.left, operand.right] : [operand];
        return operationFunction(expr.operation)(...operands.map((o) => this.expression(o, scope)), expr.mode);
      }
      case "min":
      case "max": {
        const left = this.expression(expr.left, scope);
        return operationFunction(expr.operation)(left, this.expression(expr.right, scope));
      }
      case "series_at":
      case "series_total":
        return this.seriesValue(expr, scope);
      case "scale": {
        return applyScale(required(this.scales.get(expr.scale), `the scale ${expr.scale}`), this.expression(expr.base, scope) as Money, this.date, expr.mode);
      }
      case "last_day_of_term": {
        const start = this.expression(expr.start, scope) as CalendarDate;
        const months = asNumber(this.expression(expr.months, scope));
        const last = operationFunction("last_day_of_term")(start, months) as CalendarDate;
        this.trace?.dateStep(expr, start, months, last);
        return last;
      }
      case "function":
        return operationFunction(expr.operation)(...expr.args.map((argument) => this.expression(argument, scope)));
      case "evaluation_date":
        return this.date;
      case "convert": {
        const value = this.expression(expr.operand, scope);
        return isRepresentationChange(expr.conversion) ? operationFunction(expr.conversion)(value) : value;
      }
      case "if":
        return asBoolean(this.expression(expr.condition, scope))
          ? this.expression(expr.then, scope)
          : this.expression(expr.else, scope);
      case "match": {
        const subject = asString(this.expression(expr.subject, scope));
        const arm = expr.arms.find((a) => a.members.includes(subject));
        if (arm !== undefined) return this.expression(arm.value, scope);
        if (expr.otherwise === undefined) throw new Error(`no arm of the match covers ${subject}`);
        return this.expression(expr.otherwise, scope);
      }
      case "in": {
        // The set first, as the table's operation takes it.
        const set = this.expression(expr.set, scope);
        return operationFunction("set_membership")(set, this.expression(expr.element, scope));
      }
      case "is_present":
        return this.expression(expr.operand, scope) !== null;
      case "is_absent":
        return this.expression(expr.operand, scope) === null;
      case "otherwise": {
        const left = this.expression(expr.left, scope);
        return left !== null ? left : this.expression(expr.right, scope);
      }
      case "aggregate":
        return this.aggregate(expr, scope);
    }
  }

  private aggregate(expr: Extract<ExprIR, { op: "aggregate" }>, scope: Scope | undefined): RuntimeValue {
    const items = asList(this.expression(expr.list, scope));
    const listPath = this.trace === undefined ? undefined : pathOf(expr.list, scope);
    const { value, filter } = expr;
    /** Whether an item passes the filter, and then its term (for a sum). */
    const visitItem = (item: RuntimeValue, index: number): { readonly included: boolean; readonly term: RuntimeValue | undefined } => {
      const inner: Scope = {
        name: expr.variable,
        value: item,
        path: listPath === undefined ? undefined : `${listPath}[${index}]`,
        parent: scope,
      };
      const included = filter === undefined || asBoolean(this.expression(filter, inner));
      return { included, term: included && value !== undefined ? this.expression(value, inner) : undefined };
    };
    const record = this.trace?.beginAggregate(expr, listPath, items.length);
    const trace = this.trace;
    const visit = record === undefined || trace === undefined ? visitItem : (item: RuntimeValue, index: number) => trace.aggregateItem(record, index, () => visitItem(item, index));
    const result = aggregateOf(expr, items, visit);
    if (record !== undefined) record.result = result;
    return result;
  }

  /** A series read at a date, or totalled over periods before the evaluation date (runtime/series.ts). */
  private seriesValue(expr: Extract<ExprIR, { op: "series_at" | "series_total" }>, scope: Scope | undefined): RuntimeValue {
    const series = asRecord(this.expression(expr.series, scope));
    const type = seriesTypeOf(expr);
    const { period } = type;
    const missingLiteral = seriesMissingLiteral(type);
    const missing = missingLiteral === undefined ? undefined : literalRuntimeValue(missingLiteral);
    const reading = seriesReading(expr);
    if (expr.op === "series_at") {
      const at = expr.at === undefined ? this.date : (this.expression(expr.at, scope) as CalendarDate);
      return seriesValueAt(series, period, at, missing, reading);
    }
    // the runtime function generated code calls (series-read.ts), its operands typed by the series
    const name = seriesTotalFunction(expr);
    const total = { sumMoneySeries, sumIntegerSeries, sumDecimalSeries, averageSeries }[name] as (...operands: unknown[]) => RuntimeValue;
    const operands = [series, period, this.date, expr.periods, missing, reading];
    return name === "averageSeries" ? total(...operands, averageRounding(expr)) : total(...operands);
  }

  private call(name: string, args: readonly ExprIR[], scope: Scope | undefined): RuntimeValue {
    const definition = this.definition(name);
    let inner: Scope | undefined;
    definition.parameters.forEach((parameter, index) => {
      const arg = args[index];
      if (arg === undefined) throw new Error(`${name} is called without its parameter ${parameter.name}`);
      inner = { name: parameter.name, value: this.expression(arg, scope), path: pathOf(arg, scope), parent: inner };
    });
    this.trace?.begin();
    const value = this.decide(definition, inner);
    this.trace?.endCall(definition, args.map((arg) => pathOf(arg, scope)), value);
    return value;
  }

  private parameter(name: string): RuntimeValue {
    const parameter = required(this.parameters.get(name), `the parameter ${name}`);
    const overrides = this.scenario.parameters;
    if (Object.hasOwn(overrides, name)) {
      const value = overrides[name] ?? null;
      this.trace?.parameter(parameter, value, "override");
      return value;
    }
    const inForce = parameterValueOn(parameter, this.date);
    if (inForce === undefined) {
      throw new EvaluationError(
        "parameter_has_no_value",
        parameterHasNoValueMessage(parameter) + formatDate(this.date),
        evaluationLocation(parameter.span),
      );
    }
    const value = literalRuntimeValue(inForce.value);
    this.trace?.parameter(parameter, value, inForce);
    return value;
  }

  private traceField(expr: ExprIR, object: ExprIR, field: string, value: RuntimeValue, scope: Scope | undefined): void {
    if (expr.type.kind === "record") return;
    const objectPath = pathOf(object, scope);
    const recordName = recordNameOf(object.type);
    if (objectPath === undefined || recordName === undefined || this.trace === undefined) return;
    this.trace.fact(`${objectPath}.${field}`, `${recordName}.${field}`, value, expr.type);
  }
}

/** An aggregate's value from each item's outcome; `any` and `all` stop at the first item that decides. */
function aggregateOf(
  expr: Extract<ExprIR, { op: "aggregate" }>,
  items: readonly RuntimeValue[],
  visit: (item: RuntimeValue, index: number) => { readonly included: boolean; readonly term: RuntimeValue | undefined },
): RuntimeValue {
  switch (expr.operator) {
    case "count":
      return items.filter((item, index) => visit(item, index).included).length;
    case "any":
      return items.some((item, index) => visit(item, index).included);
    case "all":
      return items.every((item, index) => visit(item, index).included);
    case "sum": {
      if (expr.value === undefined) throw new Error("a sum without a value");
      const add = operationFunction(additionOf(expr.type.kind));
      // a sum starts from the empty value, the zero of its kind
      let total = emptyValue(expr.type);
      items.forEach((item, index) => {
        const { included, term } = visit(item, index);
        if (included && term !== undefined) total = add(total, term);
      });
      return total;
    }
    case "max":
    case "min": {
      // the largest (smallest) term; of equal terms the first, as `max(a, b)` chooses `a`
      const termType = expr.value?.type;
      const choice = termType === undefined ? undefined : choiceOf(expr.operator, termType.kind);
      if (choice === undefined) throw new Error(`a ${expr.operator} without a value of an ordered kind`);
      let chosen: RuntimeValue = null;
      items.forEach((item, index) => {
        const { included, term } = visit(item, index);
        if (!included || term === undefined) return;
        chosen = chosen === null ? term : operationFunction(choice)(chosen, term);
      });
      return chosen;
    }
  }
}

function lookup(scope: Scope | undefined, name: string): Scope {
  for (let s = scope; s !== undefined; s = s.parent) {
    if (s.name === name) return s;
  }
  throw new Error(`${name} is not in scope`);
}

/** The fact path an expression reads ("enterprise.trainees[0].months"), when it reads one. */
function pathOf(expr: ExprIR, scope: Scope | undefined): string | undefined {
  return readPath(expr, (root) => (root.op === "local" ? lookup(scope, root.name).path : undefined));
}
