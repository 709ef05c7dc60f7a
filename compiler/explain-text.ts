/**
 * The explanation of an evaluation as a plain-text report, for a civil servant who checks
 * the result against the notice with a desk calculator: measure by measure, whether it is
 * in force on the date and the words that set its window, then each output with its value,
 * the rule that decided it and the words of the document it cites, the formula with the
 * values read (item by item for a list, step by step for dates), the notes (the
 * interpretive choices), the facts and dated parameters used, and the sentences of the
 * measure the policy does not compute.
 *
 * Intermediate results (`let`s) come before the first output that uses them, so that the
 * report reads as a worksheet: every step uses only values shown above it or in its formula.
 *
 * The report's own words are in the language of the explanations (explain-words.ts); the
 * policy's words, names and formulas are as written.
 */
import type { EvaluationResult } from "./interpret.js";
import type { MeasureIR, ProgramIR, ValueType } from "./ir.js";
import {
  describeValue,
  type AggregateRead,
  type CallRead,
  type Explanation,
  type FactRead,
  type ParameterRead,
  type RuleReference,
  type SourceReference,
} from "./explain.js";
import { explanationWordsFor, type ExplanationWords } from "./explain-words.js";
import { moneyWord } from "./currency.js";
import type { FactSchema, OutputJson } from "../runtime/index.js";
import { citedClause } from "./citation-text.js";
import { required } from "./internal-error.js";

/** The report of an evaluation made with `explain: true`, in the language of its explanations. */
export function explanationText(result: EvaluationResult, program: ProgramIR): string {
  const explained = result.explain;
  if (explained === undefined || result.language === undefined) throw new Error("explanationText needs an evaluation with explain: true");
  const words = explanationWordsFor(result.language, moneyWord(program.policy));
  const sections: string[] = [policyHeading(program, result, words)];
  for (const measure of program.measures) {
    const explanations = explained[measure.name];
    if (explanations !== undefined) sections.push(new MeasureReport(program, measure, explanations, words).text());
  }
  const skipped = skippedSection(program, result.skipped, words);
  if (skipped !== undefined) sections.push(skipped);
  return `${sections.join("\n\n")}\n`;
}

function policyHeading(program: ProgramIR, result: EvaluationResult, words: ExplanationWords): string {
  const { policy } = program;
  const lines = [policy.title, words.issued(policy.document, policy.issuer, policy.issued, policy.name, policy.version)];
  const date = evaluationDate(result);
  if (date !== undefined) lines.push(words.caseDate(date));
  return lines.join("\n");
}

/** Every evaluated measure's `in_force` explanation carries the date of evaluation. */
function evaluationDate(result: EvaluationResult): string | undefined {
  for (const explanations of Object.values(result.explain ?? {})) {
    const date = explanations["in_force"]?.window?.date;
    if (date !== undefined) return date;
  }
  return undefined;
}

/** `m4 (§4) 确保失业保险待遇及时足额发放` */
function measureName(measure: MeasureIR, words: ExplanationWords): string {
  const title = words.language === "en" ? (measure.english ?? measure.title) : measure.title;
  return words.measureLabel(measure.name, measure.citation === undefined ? undefined : citedClause(measure.citation), title);
}

const indent = "    ";

class MeasureReport {
  private readonly lines: string[] = [];
  /** the `let`s and the calls already shown */
  private readonly shown = new Set<string>();

  constructor(
    private readonly program: ProgramIR,
    private readonly measure: MeasureIR,
    private readonly explanations: { readonly [output: string]: Explanation },
    private readonly words: ExplanationWords,
  ) {}

  text(): string {
    const inForce = this.explanation("in_force");
    const window = inForce.window;
    this.lines.push(this.words.measureHeading(measureName(this.measure, this.words)), this.words.windowLine(inForce.value === true, window?.date ?? "", window?.from, window?.until));
    this.windowWords(inForce);
    if (inForce.value === false) {
      this.lines.push(this.words.notInForceOutputs);
      const empty = this.measure.outputs.map((name) => `${name} ${this.valueText(name, this.explanation(name).value)}`);
      this.lines.push(`  ${empty.join(", ")}`);
    } else {
      for (const name of this.measure.outputs) {
        const explanation = this.explanation(name);
        this.stepsBefore(explanation);
        this.block(name, explanation, "");
        // an output for each member: each member's value explained on its own
        const list = this.measure.definitions.find((d) => d.name === name)?.members;
        (explanation.members ?? []).forEach((member, index) => {
          this.stepsBefore(member);
          this.block(`${name}(${list?.entity ?? ""}.${list?.field ?? ""}[${index}])`, member, "");
        });
      }
    }
    this.notComputed(inForce);
    return this.lines.join("\n");
  }

  /** The words that set the window: each parameter it read, with its source; and its date steps. */
  private windowWords(inForce: Explanation): void {
    const window = this.measure.window;
    if (window === undefined) return;
    const bounds = [["from", window.from], ["until", window.until]] as const;
    for (const [bound, expr] of bounds) {
      if (expr?.op !== "parameter") continue;
      const parameter = inForce.read?.parameters?.find((read) => read.name === expr.name);
      if (parameter === undefined) continue;
      const type = this.program.parameters.find((p) => p.name === parameter.name)?.type;
      const source = parameter.source === undefined ? this.words.scenarioSource : sourceText(parameter.source);
      this.lines.push(this.words.windowSetBy(bound, parameter.name, this.inWords(parameter.value, type), source));
    }
    for (const steps of inForce.dateSteps ?? []) this.lines.push(`  ${this.words.dates(steps)}`);
  }

  /** The sentences of the measure the policy leaves out, so that a reader sees what was not computed. */
  private notComputed(inForce: Explanation): void {
    const items = inForce.notComputable ?? [];
    if (items.length === 0) return;
    this.lines.push("", `  ${this.words.notComputedHeading}`);
    for (const item of items) this.lines.push(`  ${this.words.notComputed(item.clause, item.quote, item.reason, item.location)}`);
  }

  /** `refund (refund of premiums)`: in English, a definition with an English label is shown with it. */
  private labelled(name: string): string {
    if (this.words.language !== "en") return name;
    const english = this.measure.definitions.find((d) => d.name === name)?.english;
    return english === undefined ? name : `${name}${this.words.parenthesised(english)}`;
  }

  private explanation(output: string): Explanation {
    return required(this.explanations[output], `the explanation of ${this.measure.name}.${output}`);
  }

  /** The intermediate results an explanation reads, each before the first that uses it. */
  private stepsBefore(explanation: Explanation): void {
    for (const read of explanation.read?.definitions ?? []) {
      if (read.kind !== "let" || read.explanation === undefined || this.shown.has(read.name)) continue;
      this.shown.add(read.name);
      this.stepsBefore(read.explanation);
      this.block(read.name, read.explanation, this.words.intermediate);
    }
  }

  private block(name: string, explanation: Explanation, headingSuffix: string): void {
    const value = explanation.value === null ? undefined : this.valueText(name, explanation.value);
    this.lines.push("", `  ${this.words.valueHead(this.labelled(name), value)}${headingSuffix}`);
    const decision = explanation.decidedBy;
    if (decision !== undefined) {
      const sentence = this.decisionSentence(decision, explanation);
      if (sentence !== undefined) this.line(sentence);
      if (decision.citation !== undefined) this.line(this.words.cites(decision.citation.clause, decision.citation.quote, decision.location));
      if (decision.note !== undefined) this.line(this.words.note(decision.note));
    }
    for (const rule of explanation.notApplied ?? []) this.line(this.words.doesNotApply(this.ruleName(rule), rule.reason));
    const formula = this.informativeFormula(name, explanation);
    if (formula !== undefined) this.line(this.words.formula(formula));
    for (const steps of explanation.dateSteps ?? []) this.line(this.words.dates(steps));
    const aggregates = explanation.aggregates ?? [];
    // The formula names its only aggregate already; several need telling apart.
    for (const aggregate of aggregates) this.aggregate(aggregate, aggregates.length > 1 || formula === undefined);
    for (const call of explanation.read?.calls ?? []) this.call(call);
    for (const fact of explanation.read?.facts ?? []) this.line(this.words.fact(this.factText(fact)));
    for (const parameter of explanation.read?.parameters ?? []) this.line(this.words.parameter(this.parameterText(parameter)));
  }

  /** An aggregate item by item: each of the first items' condition and term, then what the others add up to. */
  private aggregate(aggregate: AggregateRead, named: boolean): void {
    const heading = named ? `${aggregate.aggregate} = ${this.inWords(aggregate.value, undefined)}` : undefined;
    this.line(this.words.itemByItem(heading, aggregate.terms.length, aggregate.items));
    for (const term of aggregate.terms) {
      const parts = [term.condition, term.term ?? (term.included ? this.words.included : this.words.leftOut)].filter((part) => part !== undefined);
      this.line(`  ${this.words.itemLine(term.item, parts)}`);
    }
    const rest = aggregate.notShown;
    if (rest !== undefined) this.line(`  ${this.words.notShown(rest.items, rest.included, rest.value === undefined ? undefined : String(rest.value))}`);
    if (aggregate.notLookedAt !== undefined) this.line(`  ${this.words.notLookedAt(aggregate.notLookedAt)}`);
  }

  /** A call of a parameterised definition for one item: its value, who decided and the formula, once. */
  private call(call: CallRead): void {
    const definitionName = call.call.slice(0, call.call.indexOf("("));
    const heading = this.words.valueHead(call.call, call.value === null ? undefined : this.valueText(definitionName, call.value));
    if (this.shown.has(call.call)) {
      this.line(this.words.asAbove(heading));
      return;
    }
    this.shown.add(call.call);
    this.line(heading);
    const decision = call.explanation.decidedBy;
    const sentence = decision === undefined ? undefined : this.decisionSentence(decision, call.explanation);
    if (sentence !== undefined) this.line(`  ${sentence}`);
    const formula = this.informativeFormula(definitionName, call.explanation);
    if (formula !== undefined) this.line(`  ${this.words.formula(formula)}`);
    for (const steps of call.explanation.dateSteps ?? []) this.line(`  ${this.words.dates(steps)}`);
  }

  private line(text: string): void {
    this.lines.push(`${indent}${text}`);
  }

  /** A definition's value in words: "846.00 yuan", "3 months". */
  private valueText(name: string, value: OutputJson): string {
    return this.inWords(value, this.definitionType(name));
  }

  /** `tax` for each member is a list of values; `tax(household.members[0])` one of them. */
  private definitionType(name: string): ValueType | undefined {
    const call = name.indexOf("(");
    const definition = this.measure.definitions.find((d) => d.name === (call === -1 ? name : name.slice(0, call)));
    if (definition === undefined) return undefined;
    return definition.members !== undefined && call === -1 ? { kind: "per_member", of: definition.type } : definition.type;
  }

  /** A definition's formula, unless it only repeats the value (`false`, `online`). */
  private informativeFormula(name: string, explanation: Explanation): string | undefined {
    const { formula } = explanation;
    const type = this.definitionType(name);
    if (formula === undefined || (type !== undefined && formula === describeValue(explanation.value, type, undefined, this.words.unit))) return undefined;
    return formula;
  }

  /** `person.insured_months (参保月数) = 8 months` */
  private factText(fact: FactRead): string {
    const label = fact.label === undefined ? "" : this.words.parenthesised(fact.label);
    if (fact.items !== undefined) return `${fact.path}${label} = ${this.words.items(fact.items)}`;
    return `${fact.path}${label} = ${this.inWords(fact.value ?? null, factType(this.program.schema, fact.path))}`;
  }

  /** A formatted value in words, by its type when known: "846.00 yuan", "3 months", "expired (领取期满仍未就业)". */
  private inWords(value: OutputJson, type: ValueType | undefined): string {
    if (type === undefined) return value === null ? this.words.absent : Array.isArray(value) ? `{${value.join(", ")}}` : String(value);
    const described = describeValue(value, type, this.words);
    const enumType = type.kind === "optional" ? type.of : type;
    if (enumType.kind !== "enum" || typeof value !== "string") return described;
    const label = this.program.schema.enums.find((e) => e.name === enumType.name)?.members.find((m) => m.name === value)?.label;
    return label === undefined ? described : `${described}${this.words.parenthesised(label)}`;
  }

  /** `ui_benefit_standard (兰州市失业保险金标准（一类区）, 元/月) = 1458.00 yuan, in force from 2020-02-01 until 2022-06-30; source: …` */
  private parameterText(parameter: ParameterRead): string {
    const described = [parameter.label, parameter.unit].filter((part) => part !== undefined).join(", ");
    const type = this.program.parameters.find((p) => p.name === parameter.name)?.type;
    const head = `${parameter.name}${described === "" ? "" : this.words.parenthesised(described)} = ${this.inWords(parameter.value, type)}`;
    if (parameter.overridden === true) return `${head}${this.words.givenByScenario}`;
    const dates = parameter.source === undefined ? "" : this.words.inForceFrom(parameter.from, parameter.until);
    const source = parameter.source === undefined ? "" : this.words.source(sourceText(parameter.source));
    const note = parameter.note === undefined ? "" : this.words.parameterNote(parameter.note);
    const amendment = parameter.amendment === undefined ? "" : this.words.amendedBy(parameter.amendment);
    return `${head}${dates}${source}${note}${amendment}`;
  }

  /** Who decided and why: `Exception \`migrant\` applies because short_insured_migrant is true; it overrides rule \`general\`.` */
  private decisionSentence(decision: RuleReference, explanation: Explanation): string | undefined {
    if (decision.kind === "definition") return undefined;
    const because = explanation.condition === undefined ? undefined : this.conditionInWords(explanation.condition);
    return this.words.applies(this.ruleName(decision), because, (explanation.overrides ?? []).map((rule) => this.ruleName(rule)));
  }

  /** `x is true` for a condition that is one name; else the condition with its values. */
  private conditionInWords(condition: string): string {
    // The formula printer writes a single name as `name [value]` and a compound condition with `→ true`.
    const single = /^(\S+) \[true\]$/u.exec(condition);
    if (single !== null) return this.words.isTrue(single[1] ?? "");
    return this.words.conditionHolds(condition.replace(/ → true$/u, ""));
  }

  private ruleName(rule: RuleReference): string {
    return this.words.ruleName(rule.kind, rule.label);
  }
}

function sourceText(source: SourceReference): string {
  return "document" in source ? source.document : `${source.clause} “${source.quote}”`;
}

/** The type of a fact path ("enterprise.trainees[2].months"), from the declarations of the facts. */
function factType(schema: FactSchema, path: string): ValueType | undefined {
  const [entity, ...fields] = path.replace(/\[\d+\]/gu, "").split(".");
  let record = schema.records.find((r) => r.entity && r.name === entity);
  let type: ValueType | undefined;
  for (const name of fields) {
    type = record?.fields.find((f) => f.name === name)?.type;
    const inner = type?.kind === "optional" ? type.of : type;
    const recordName = inner?.kind === "list" ? inner.of : inner?.kind === "record" ? inner.name : undefined;
    record = recordName === undefined ? undefined : schema.records.find((r) => r.name === recordName);
  }
  return type;
}

function skippedSection(program: ProgramIR, skipped: EvaluationResult["skipped"], words: ExplanationWords): string | undefined {
  if (skipped.length === 0) return undefined;
  const lines = [words.notEvaluatedHeading];
  for (const { measure: name, missing } of skipped) {
    const measure = program.measures.find((m) => m.name === name);
    const facts = missing.map((path) => withLabel(program.schema, path, words)).join(", ");
    lines.push(words.needs(measure === undefined ? name : measureName(measure, words), facts));
  }
  return lines.join("\n");
}

function withLabel(schema: FactSchema, path: string, words: ExplanationWords): string {
  const [entity, field] = path.split(".");
  const declared = schema.records.find((r) => r.name === entity)?.fields.find((f) => f.name === field);
  const label = words.language === "en" ? (declared?.english ?? declared?.label) : declared?.label;
  return label === undefined ? path : `${path}${words.parenthesised(label)}`;
}
