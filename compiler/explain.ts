/**
 * Explanations: why each output of a measure has its value, as plain data a civil servant
 * can read (and the CLI prints under `explain`). The interpreter records what it reads and
 * which rule decided into a Trace; this module turns that record into Explanations.
 *
 * An explanation names the rule or exception that gave the value (with its citation, the
 * quoted words of the document, its note and its place in the policy), the rules it
 * overrode and those that did not apply, and every value it read: facts with their paths,
 * parameters with the dated value used and its source, other definitions with their values;
 * and how the value came out: the deciding rule's condition and expression with the value
 * of each name written after it (explain-formula.ts).
 */
import type {
  CitationIR,
  DefinitionIR,
  ExprIR,
  MeasureIR,
  FactSchema,
  NotComputableIR,
  ParameterIR,
  ParameterValueIR,
  RuleIR,
  SourceIR,
  SourceSpan,
  ValueType,
} from "./ir.js";
import {
  addDays,
  addMonths,
  daysInMonth,
  formatDate,
  formatValue,
  toYearMonthDay,
  type CalendarDate,
  type OutputJson,
  type RuntimeValue,
} from "../runtime/index.js";
// Defined beside the runtime's evaluateJson, whose explanations are part of these.
import type { CitationReference, RuleReference, WindowReport } from "../runtime/evaluate-json.js";
import { EARLIEST_DATE } from "./check/dates.js";
export type { CitationReference, RuleReference, WindowReport };
import { printExpression, printFormula, type FormulaContext, type NameRead } from "./explain-formula.js";
import type { ExplanationWords, NotAppliedReason } from "./explain-words.js";
import { citedClause } from "./citation-text.js";
import { quotedText } from "./literals.js";
import { additionOf, operationFunction } from "./operations.js";
import { definedProperties } from "./defined-properties.js";
import { required } from "./internal-error.js";

/**
 * The items of a list whose terms an explanation shows, for each aggregate over it; the
 * others are counted and summed. An explanation stays readable, and its size bounded, for
 * a list of any length.
 */
export const LIST_ITEMS_SHOWN = 10;

export interface Explanation {
  /** one sentence: `eligible = false: exception "migrant" (§4 "…") overrides rule "general"` */
  readonly summary: string;
  readonly value: OutputJson;
  /** the rule, exception or one-expression definition that gave the value */
  readonly decidedBy?: RuleReference;
  /**
   * the `when` condition of the deciding rule, which held, with the value read for each
   * name: `short_insured_migrant [true]`, `a [true] and not b [false] → true`
   */
  readonly condition?: string;
  /**
   * the deciding expression with the value read for each name, then its result:
   * `round(local_minimum_wage [1820.00 yuan] * stoppage_living_allowance_rate [80%]) = 1456.00 yuan`
   */
  readonly formula?: string;
  /** for an exception: the rules and exceptions it took precedence over, nearest first */
  readonly overrides?: readonly RuleReference[];
  /** the rules and exceptions that were looked at and did not apply */
  readonly notApplied?: readonly NotAppliedRule[];
  /**
   * each aggregate (`count`, `sum`, `any`, `all`) the formula evaluated, with the term of
   * each of its first items; the items after those are summarised
   */
  readonly aggregates?: readonly AggregateRead[];
  /**
   * the date arithmetic of the formula step by step, as the runtime computed it:
   * `2021-10-31 + 6 months = 2022-04-30 (2022-04 has no day 31: its last day); - 1 day = 2022-04-29`
   */
  readonly dateSteps?: readonly string[];
  /** the measure's effective window, for `in_force` and for every output of a measure not in force */
  readonly window?: WindowReport;
  /**
   * for `in_force`, which speaks for the measure as a whole: the sentences of the measure
   * the policy does not compute, with the reason it gives
   */
  readonly notComputable?: readonly NotComputableReference[];
  /** the values the decision read */
  readonly read?: ValuesRead;
  /**
   * for an output given for each member of a list, evaluated while its measure is in force:
   * each member's explanation, in the list's order (`value` is then the list of values)
   */
  readonly members?: readonly Explanation[];
}

export interface AggregateRead {
  /** the aggregate as written, with the values read outside it */
  readonly aggregate: string;
  /** the fact path of the list, "enterprise.trainees" */
  readonly list?: string;
  readonly items: number;
  readonly value: OutputJson;
  /** the first items (at most LIST_ITEMS_SHOWN), in order */
  readonly terms: readonly AggregateTerm[];
  /** the items looked at after those shown */
  readonly notShown?: ItemsNotShown;
  /** for `any` and `all`, which stop at the first item that decides: the items never looked at */
  readonly notLookedAt?: number;
}

export interface AggregateTerm {
  /** "enterprise.trainees[0]" */
  readonly item: string;
  /** whether the item passed the `where` filter (for `any` and `all`: the condition) */
  readonly included: boolean;
  /** the filter or condition with the item's values: `subsidisable(t) [true] and t.months [3 months] > 0 → true` */
  readonly condition?: string;
  /** for `sum`, the item's term with its values: `min(t.months [4 months], 3) = 3` */
  readonly term?: string;
  readonly value?: OutputJson;
}

export interface ItemsNotShown {
  readonly items: number;
  /** how many of them passed the filter or condition */
  readonly included: number;
  /** for `sum`: the sum of their terms (the aggregate's value less the terms shown) */
  readonly value?: OutputJson;
}

export interface NotComputableReference extends CitationReference {
  readonly reason: string;
  /** "file:line" */
  readonly location: string;
}

export interface NotAppliedRule extends RuleReference {
  /** "its condition does not hold", "outside its window (from 2021-10-01 until 2021-12-31)" */
  readonly reason: string;
}

export interface ValuesRead {
  readonly facts?: readonly FactRead[];
  readonly parameters?: readonly ParameterRead[];
  readonly definitions?: readonly DefinitionRead[];
  readonly calls?: readonly CallRead[];
}

export interface FactRead {
  /** "person.insured_months", "enterprise.trainees[2].months" */
  readonly path: string;
  readonly label?: string;
  /** the value; for a list, its number of items instead */
  readonly value?: OutputJson;
  readonly items?: number;
}

export type SourceReference = CitationReference | { readonly document: string };

export interface ParameterRead {
  readonly name: string;
  readonly label?: string;
  readonly unit?: string;
  readonly value: OutputJson;
  /** true when the scenario gave the value (a what-if run); no date or source then */
  readonly overridden?: true;
  /** the dates of the value used; no `from` for a value written without one (in force from no start) */
  readonly from?: string;
  readonly until?: string;
  readonly source?: SourceReference;
  readonly note?: string;
  /** for a value an amendment gives: the amendment's policy name and version (the others are the amended policy's) */
  readonly amendment?: string;
}

export interface DefinitionRead {
  readonly name: string;
  readonly kind: "let" | "output";
  readonly value: OutputJson;
  /** for a `let`, which appears nowhere else: why it has its value */
  readonly explanation?: Explanation;
}

export interface CallRead {
  /** "subsidisable(enterprise.trainees[0])" */
  readonly call: string;
  readonly value: OutputJson;
  readonly explanation: Explanation;
}

// ---------------------------------------------------------------- recording

/** How a definition's rules decided: the rule that gave the value and the ones it overrode, nearest first. */
export interface Decision {
  readonly rule: RuleIR;
  readonly overridden: readonly RuleIR[];
}

type AggregateExpr = Extract<ExprIR, { op: "aggregate" }>;

/** One evaluation of an aggregate: its first items' outcomes, and counts of the rest. */
export class AggregateRecord {
  readonly shown: { readonly index: number; readonly included: boolean; readonly term: RuntimeValue | undefined }[] = [];
  /** items looked at */
  looked = 0;
  /** items looked at that passed the filter */
  included = 0;
  result: RuntimeValue = null;

  constructor(
    readonly expr: AggregateExpr,
    readonly listPath: string | undefined,
    readonly items: number,
  ) {}
}

/** What one evaluation of a definition (or of the window) read and decided. */
export class Frame {
  /** the fact path each parameter of a called definition stands for */
  readonly localPaths = new Map<string, string>();
  readonly facts = new Map<string, FactRead>();
  readonly parameters = new Map<string, ParameterRead>();
  readonly definitions = new Map<string, DefinitionIR>();
  /** outputs of other measures, by "measure.output" */
  readonly measureOutputs = new Map<string, DefinitionRead>();
  readonly calls: CallRead[] = [];
  readonly notApplied: { readonly rule: RuleIR; readonly reason: NotAppliedReason }[] = [];
  readonly aggregates: AggregateRecord[] = [];
  readonly dateSteps: DateStep[] = [];
  decision: Decision | undefined;
}

type DateArithmetic = Extract<ExprIR, { op: "arithmetic" }>;
type TermEnd = Extract<ExprIR, { op: "last_day_of_term" }>;

/**
 * One operation on a date, with its operands and result as the runtime computed them: a date
 * plus or minus `amount` months or days, or the last day of a term of `amount` months whose
 * first day is `date`.
 */
interface DateStep {
  readonly expr: DateArithmetic | TermEnd;
  readonly date: CalendarDate;
  readonly amount: number;
  readonly result: CalendarDate;
}

interface FinishedDefinition {
  readonly definition: DefinitionIR;
  readonly value: RuntimeValue;
  readonly frame: Frame;
}

/**
 * The record of one measure's evaluation. Frames nest as definitions and calls are
 * evaluated; reads go to the innermost one.
 */
export class Trace {
  private readonly frames: Frame[] = [];
  private readonly finished = new Map<string, FinishedDefinition>();
  private readonly definitionNames: ReadonlySet<string>;
  /**
   * Above 0 while an item after the first LIST_ITEMS_SHOWN of a list is evaluated: what
   * belongs to that item alone (its facts, calls, aggregates) is not recorded.
   */
  private quiet = 0;

  constructor(
    measure: MeasureIR,
    private readonly schema: FactSchema,
    private readonly fieldLabels: ReadonlyMap<string, string>,
    private readonly words: ExplanationWords,
  ) {
    this.definitionNames = new Set(measure.definitions.map((definition) => definition.name));
  }

  begin(): void {
    this.frames.push(new Frame());
  }

  end(): Frame {
    return required(this.frames.pop(), "the trace's frame to end");
  }

  private get current(): Frame {
    return required(this.frames[this.frames.length - 1], "the trace's current frame");
  }

  /** `fieldKey` is "record.field" (or "entity.field"), for the field's label. */
  fact(path: string, fieldKey: string, value: RuntimeValue, type: ValueType): void {
    // A nested record is not a value of its own: the fields read from it are recorded.
    if (type.kind === "record") return;
    // Facts of an item not shown (a path through a list) are summarised with their list.
    if (this.quiet > 0 && path.includes("[")) return;
    const label = this.fieldLabels.get(fieldKey);
    const shown = type.kind === "list" ? { items: Array.isArray(value) ? value.length : 0 } : { value: formatValue(value, type, this.schema) };
    const read: FactRead = { path, ...definedProperties({ label }), ...shown };
    this.current.facts.set(path, read);
  }

  /** `used`: the dated value read and its last day in force, or "override" for a value of the scenario */
  parameter(parameter: ParameterIR, value: RuntimeValue, used: ParameterValueIR | "override"): void {
    if (this.current.parameters.has(parameter.name)) return;
    this.current.parameters.set(parameter.name, describeParameterRead(parameter, value, used));
  }

  definition(definition: DefinitionIR): void {
    this.current.definitions.set(definition.name, definition);
  }

  /** An output of another measure, read as that measure's result gives it (for one member: its path). */
  measureOutput(measure: string, output: string, type: ValueType, value: RuntimeValue, memberPath?: string): void {
    const name = memberPath === undefined ? `${measure}.${output}` : `${measure}.${output}(${memberPath})`;
    this.current.measureOutputs.set(name, { name, kind: "output", value: formatValue(value, type, this.schema) });
  }

  notApplied(rule: RuleIR, reason: NotAppliedReason): void {
    this.current.notApplied.push({ rule, reason });
  }

  /** An operation on a date (DateStep), as the runtime computed it. */
  dateStep(expr: DateArithmetic | TermEnd, date: CalendarDate, amount: number, result: CalendarDate): void {
    if (this.quiet > 0) return;
    this.current.dateSteps.push({ expr, date, amount, result });
  }

  decided(decision: Decision): void {
    this.current.decision = decision;
  }

  /** Closes the frame of a definition's evaluation and keeps it for the explanations. */
  endDefinition(definition: DefinitionIR, value: RuntimeValue): void {
    this.finished.set(definition.name, { definition, value, frame: this.end() });
  }

  /** Closes the frame of a call of a parameterised definition and records it in the caller's frame. */
  endCall(definition: DefinitionIR, argumentPaths: readonly (string | undefined)[], value: RuntimeValue): void {
    const frame = this.end();
    if (this.quiet > 0) return;
    definition.parameters.forEach((parameter, index) => {
      const path = argumentPaths[index];
      if (path !== undefined) frame.localPaths.set(parameter.name, path);
    });
    this.current.calls.push({
      // An argument that is no fact (a record built otherwise) has no path to show.
      call: `${definition.name}(${argumentPaths.map((path) => path ?? "…").join(", ")})`,
      value: formatValue(value, definition.type, this.schema),
      explanation: this.explainFrame(definition.name, definition, value, frame),
    });
  }

  /** Closes the frame of an output for one member (the member's fact path given) and explains it. */
  endMember(definition: DefinitionIR, memberPath: string, value: RuntimeValue): Explanation {
    const frame = this.end();
    const [parameter] = definition.parameters;
    if (parameter !== undefined) frame.localPaths.set(parameter.name, memberPath);
    return this.explainFrame(`${definition.name}(${memberPath})`, definition, value, frame);
  }

  /** An output given for each member: its values, and each member's explanation. */
  explainMembers(name: string, type: ValueType, values: readonly RuntimeValue[], members: readonly Explanation[]): Explanation {
    const resultType: ValueType = { kind: "per_member", of: type };
    const value = formatValue(values, resultType, this.schema);
    return { summary: this.words.valueHead(name, describeValue(value, resultType, this.words)), value, members };
  }

  /** Starts the record of an aggregate over a list of `items` items; none while an item not shown is evaluated. */
  beginAggregate(expr: AggregateExpr, listPath: string | undefined, items: number): AggregateRecord | undefined {
    if (this.quiet > 0) return undefined;
    const record = new AggregateRecord(expr, listPath, items);
    this.current.aggregates.push(record);
    return record;
  }

  /** Evaluates one item of an aggregate (`visit`) and records whether it was included, and its term. */
  aggregateItem(
    record: AggregateRecord,
    index: number,
    visit: () => { readonly included: boolean; readonly term: RuntimeValue | undefined },
  ): { readonly included: boolean; readonly term: RuntimeValue | undefined } {
    const shown = index < LIST_ITEMS_SHOWN;
    if (!shown) this.quiet += 1;
    try {
      const outcome = visit();
      record.looked += 1;
      if (outcome.included) record.included += 1;
      if (shown) record.shown.push({ index, included: outcome.included, term: outcome.term });
      return outcome;
    } finally {
      if (!shown) this.quiet -= 1;
    }
  }

  /** The explanation of an output (or a let) evaluated while the measure was in force. */
  explainDefinition(name: string): Explanation {
    const finished = required(this.finished.get(name), `the trace of ${name}, evaluated`);
    return this.explainFrame(name, finished.definition, finished.value, finished.frame);
  }

  private explainFrame(name: string, definition: DefinitionIR, value: RuntimeValue, frame: Frame): Explanation {
    const formatted = formatValue(value, definition.type, this.schema);
    const decision = frame.decision;
    const decidedBy = decision === undefined ? undefined : ruleReference(decision.rule);
    const overrides = decision === undefined ? [] : decision.overridden.map(ruleReference);
    const notApplied = frame.notApplied.map(({ rule, reason }) => ({ ...ruleReference(rule), reason: this.words.notApplied(reason) }));
    const valueText = describeValue(formatted, definition.type, undefined, this.words.unit);
    const context = this.formulaContext(frame);
    const condition = decision?.rule.condition;
    const dateSteps = this.dateSteps(frame);
    return {
      summary: this.decisionSummary(name, formatted === null ? undefined : describeValue(formatted, definition.type, this.words), decision),
      value: formatted,
      ...(decidedBy === undefined ? {} : { decidedBy }),
      ...(condition === undefined ? {} : { condition: printFormula(condition, context, "true") }),
      ...(decision === undefined ? {} : { formula: printFormula(decision.rule.value, context, valueText) }),
      ...nonEmptyLists({ overrides, notApplied, aggregates: frame.aggregates.map((record) => this.aggregateRead(record, frame)), dateSteps }),
      ...this.valuesRead(frame),
    };
  }

  private decisionSummary(name: string, value: string | undefined, decision: Decision | undefined): string {
    const head = this.words.valueHead(name, value);
    if (decision === undefined) return head;
    const { rule, overridden } = decision;
    const cited = rule.citation === undefined ? undefined : shortCitation(rule.citation);
    return this.words.decision(head, ruleReference(rule), cited, overridden.map(ruleReference));
  }

  /**
   * The date steps of a frame, an operation on the result of the one before joined to it:
   * `2021-10-31 + 6 months = 2022-04-30 (…); - 1 day = 2022-04-29`.
   */
  private dateSteps(frame: Frame): string[] {
    const chains: string[] = [];
    let previous: DateStep | undefined;
    for (const step of frame.dateSteps) {
      const text = this.dateStepText(step);
      const last = chains.length - 1;
      const operand = step.expr.op === "arithmetic" ? step.expr.left : step.expr.start;
      if (previous !== undefined && last >= 0 && unconverted(operand) === previous.expr && step.date === previous.result) {
        chains[last] = `${chains[last] ?? ""}; ${text}`;
      } else {
        chains.push(`${formatDate(step.date)} ${text}`);
      }
      previous = step;
    }
    return chains;
  }

  /** `+ 6 months = 2022-04-30`, with why the day of the month changed when it did. */
  private dateStepText(step: DateStep): string {
    if (step.expr.op === "last_day_of_term") return this.termStepText(step.date, step.amount, step.result);
    const { operator } = step.expr;
    const sign = operator === "date_add_months" || operator === "date_add_days" ? "+" : "-";
    const inMonths = operator === "date_add_months" || operator === "date_sub_months";
    const amount = inMonths ? this.words.months(String(step.amount)) : this.words.days(String(step.amount));
    const text = `${sign} ${amount} = ${formatDate(step.result)}`;
    if (!inMonths) return text;
    const from = toYearMonthDay(step.date);
    const to = toYearMonthDay(step.result);
    const month = `${String(to.year).padStart(4, "0")}-${String(to.month).padStart(2, "0")}`;
    return from.day > to.day && to.day === daysInMonth(to.year, to.month) ? `${text} (${this.words.monthEnd(month, from.day)})` : text;
  }

  /**
   * The month rule's steps for the last day of a term, checked against what the runtime
   * computed: the day of month N corresponding to the first day, less one day; or, where that
   * month has no such day, its last day. Shown as the runtime's own month and day arithmetic
   * gives them (`addMonths`, `addDays`); a result they do not reproduce is shown alone.
   */
  private termStepText(start: CalendarDate, months: number, last: CalendarDate): string {
    const amount = this.words.months(String(months));
    const corresponding = addMonths(start, months);
    const startDay = toYearMonthDay(start).day;
    const target = toYearMonthDay(corresponding);
    if (target.day === startDay && addDays(corresponding, -1) === last) {
      return this.words.termEnds(amount, formatDate(corresponding), this.words.days("1"), formatDate(last));
    }
    if (target.day < startDay && corresponding === last) {
      const month = `${String(target.year).padStart(4, "0")}-${String(target.month).padStart(2, "0")}`;
      return this.words.termEndsAtMonthEnd(amount, month, startDay, formatDate(last));
    }
    return this.words.termEndsOn(amount, formatDate(last));
  }

  /** An aggregate with its first items' conditions and terms printed with the values they read. */
  private aggregateRead(record: AggregateRecord, frame: Frame): AggregateRead {
    const { expr } = record;
    const context = this.formulaContext(frame);
    const terms = record.shown.map(({ index, included, term }): AggregateTerm => {
      const item = record.listPath === undefined ? this.words.item(index + 1) : `${record.listPath}[${index}]`;
      const itemContext: FormulaContext = { ...context, localPaths: new Map([...frame.localPaths, [expr.variable, item]]) };
      const condition = expr.filter === undefined ? undefined : printFormula(expr.filter, itemContext, String(included));
      const formatted = term === undefined || expr.value === undefined ? undefined : formatValue(term, expr.value.type, this.schema);
      return {
        item,
        included,
        ...(condition === undefined ? {} : { condition }),
        ...(formatted === undefined || expr.value === undefined
          ? {}
          : { term: printFormula(expr.value, itemContext, describeValue(formatted, expr.value.type, undefined, this.words.unit)), value: formatted }),
      };
    });
    const notShownItems = record.looked - record.shown.length;
    const notShown: ItemsNotShown | undefined =
      notShownItems === 0
        ? undefined
        : {
            items: notShownItems,
            included: record.included - record.shown.filter((shown) => shown.included).length,
            ...(expr.operator === "sum" ? { value: formatValue(remainder(record, expr.type), expr.type, this.schema) } : {}),
          };
    return {
      aggregate: printExpression(expr, context),
      ...(record.listPath === undefined ? {} : { list: record.listPath }),
      items: record.items,
      value: formatValue(record.result, expr.type, this.schema),
      terms,
      ...(notShown === undefined ? {} : { notShown }),
      ...(record.looked < record.items ? { notLookedAt: record.items - record.looked } : {}),
    };
  }

  /** Formulas show the values this frame read. */
  private formulaContext(frame: Frame): FormulaContext {
    return {
      definitions: this.definitionNames,
      unit: this.words.unit,
      localPaths: frame.localPaths,
      valueOf: (name) => this.valueRead(frame, name),
    };
  }

  private valueRead(frame: Frame, name: NameRead): string | undefined {
    switch (name.kind) {
      case "fact": {
        const fact = frame.facts.get(name.path);
        if (fact?.items !== undefined) return this.words.items(fact.items);
        return fact?.value === undefined ? undefined : describeValue(fact.value, name.type, undefined, this.words.unit);
      }
      case "parameter": {
        const parameter = frame.parameters.get(name.name);
        return parameter === undefined ? undefined : describeValue(parameter.value, name.type, undefined, this.words.unit);
      }
      case "definition": {
        const finished = frame.definitions.has(name.name) ? this.finished.get(name.name) : undefined;
        return finished === undefined ? undefined : describeValue(formatValue(finished.value, finished.definition.type, this.schema), name.type, undefined, this.words.unit);
      }
      case "measure_output": {
        const read = frame.measureOutputs.get(name.name);
        return read === undefined ? undefined : describeValue(read.value, name.type, undefined, this.words.unit);
      }
      case "call": {
        const call = frame.calls.find((read) => read.call === name.call);
        return call === undefined ? undefined : describeValue(call.value, name.type, undefined, this.words.unit);
      }
    }
  }

  private valuesRead(frame: Frame): { read?: ValuesRead } {
    const definitions = [...[...frame.definitions.values()].map((definition) => this.definitionRead(definition)), ...frame.measureOutputs.values()];
    const read: ValuesRead = nonEmptyLists({ facts: [...frame.facts.values()], parameters: [...frame.parameters.values()], definitions, calls: frame.calls });
    return Object.keys(read).length === 0 ? {} : { read };
  }

  private definitionRead(definition: DefinitionIR): DefinitionRead {
    const finished = required(this.finished.get(definition.name), `the trace of ${definition.name}, evaluated before it is read`);
    const value = formatValue(finished.value, definition.type, this.schema);
    if (definition.visibility === "output") return { name: definition.name, kind: "output", value };
    return { name: definition.name, kind: "let", value, explanation: this.explainDefinition(definition.name) };
  }

  /**
   * The explanation of `in_force`, from the frame in which the window was evaluated: it
   * speaks for the measure as a whole, so it lists the sentences the policy does not compute.
   */
  explainInForce(window: WindowReport, frame: Frame, notComputable: readonly NotComputableIR[]): Explanation {
    const dateSteps = this.dateSteps(frame);
    return {
      summary: this.words.inForceSummary(window.inForce, this.windowSummary(window)),
      value: window.inForce,
      window,
      ...nonEmptyLists({ notComputable: notComputable.map(notComputableReference), dateSteps }),
      ...this.valuesRead(frame),
    };
  }

  /**
   * The explanation of an output of a measure that is not in force: not computed, and not
   * to be read as a finding on the case, although the result gives it its empty value.
   */
  explainNotInForce(name: string, type: ValueType, empty: RuntimeValue, window: WindowReport): Explanation {
    const value = formatValue(empty, type, this.schema);
    return {
      summary: this.words.notInForceSummary(name, describeValue(value, type, this.words), this.windowSummary(window)),
      value,
      window,
    };
  }

  private windowSummary(window: WindowReport): string {
    return this.words.windowSummary(window.measure, window.date, window.inForce, window.from, window.until);
  }
}

function notComputableReference(item: NotComputableIR): NotComputableReference {
  return { ...citationReference(item.citation), reason: item.reason, location: location(item.span) };
}

/** The expression under the conversions the checker inserted. */
function unconverted(expr: ExprIR): ExprIR {
  return expr.op === "convert" ? unconverted(expr.operand) : expr;
}

/** The sum of the terms not shown: the aggregate's value less the terms shown, computed as the runtime computes. */
function remainder(record: AggregateRecord, type: ValueType): RuntimeValue {
  const subtract = operationFunction(additionOf(type.kind, "difference"));
  let rest = record.result;
  for (const { included, term } of record.shown) {
    if (included && term !== undefined) rest = subtract(rest, term);
  }
  return rest;
}

function describeParameterRead(parameter: ParameterIR, value: RuntimeValue, used: ParameterValueIR | "override"): ParameterRead {
  const base = { name: parameter.name, ...definedProperties({ label: parameter.label, unit: parameter.unit }), value: formatValue(value, parameter.type) };
  if (used === "override") return { ...base, overridden: true };
  return {
    ...base,
    // a value written without `from` is in force from the first day of the calendar: it has no start
    ...(used.from === EARLIEST_DATE ? {} : { from: formatDate(used.from) }),
    ...(used.until === undefined ? {} : { until: formatDate(used.until) }),
    source: sourceReference(used.source),
    ...definedProperties({ note: used.note, amendment: used.amendment }),
  };
}

/** The lists that are not empty: an explanation leaves out what it has nothing to say of. */
function nonEmptyLists<T extends { readonly [key: string]: readonly unknown[] }>(lists: T): Partial<T> {
  return Object.fromEntries(Object.entries(lists).filter(([, list]) => list.length > 0)) as Partial<T>;
}

function sourceReference(source: SourceIR): SourceReference {
  return source.kind === "clause" ? citationReference(source.citation) : { document: source.text };
}

function citationReference(citation: CitationIR): CitationReference {
  return { clause: citedClause(citation), quote: citation.quote };
}

function location(span: SourceSpan): string {
  return `${span.file}:${span.line}`;
}

export function ruleReference(rule: RuleIR): RuleReference {
  return {
    kind: rule.kind === "simple" ? "definition" : rule.kind,
    label: rule.label,
    ...(rule.citation === undefined ? {} : { citation: citationReference(rule.citation) }),
    ...(rule.note === undefined ? {} : { note: rule.note }),
    location: location(rule.span),
  };
}

/** The end of a sentence of the document: a summary never cuts a quote before one. */
const SENTENCE_END = /[。！？；!?;]/u;

/**
 * `§4 “对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助”`:
 * the quote's first sentence, whole, and `…` when more sentences follow.
 */
export function shortCitation(citation: CitationIR): string {
  const characters = [...citation.quote];
  const end = characters.findIndex((c) => SENTENCE_END.test(c));
  const cut = end !== -1 && end < characters.length - 1;
  const sentence = cut ? characters.slice(0, end + 1).join("") : citation.quote;
  return `${citedClause(citation)} “${sentence}${cut ? "…" : ""}”`;
}

/**
 * A formatted value in a sentence: "1310.40 yuan", "80%", "6 months", "absent", "{a, b}";
 * with `words`, in the words of the report ("1310.40元"), else in the policy's syntax.
 */
export function describeValue(value: OutputJson, type: ValueType, words?: ExplanationWords, unit: string = words?.unit ?? "yuan"): string {
  if (value === null) return words?.absent ?? "absent";
  if (type.kind === "per_member" && Array.isArray(value)) return `[${value.map((item) => describeValue(item, type.of, words, unit)).join(", ")}]`;
  const inner = type.kind === "optional" ? type.of : type;
  // a set of texts has `of: "text"`, a reserved word no enum can be named
  if (Array.isArray(value)) return `{${(inner.kind === "set" && inner.of === "text" ? value.map((item) => quotedText(String(item))) : value).join(", ")}}`;
  const kind = inner.kind;
  const text = String(value);
  switch (kind) {
    case "text":
      // in quotes, as the policy writes a text: `"730105"` is not the number 730105
      return quotedText(text);
    case "money":
      return words === undefined ? `${text} ${unit}` : words.money(text);
    case "months":
      return words === undefined ? (text === "1" ? "1 month" : `${text} months`) : words.months(text);
    case "days":
      return words === undefined ? (text === "1" ? "1 day" : `${text} days`) : words.days(text);
    default:
      return text;
  }
}
