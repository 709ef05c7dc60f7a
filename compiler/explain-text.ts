/**
 * The explanation of an evaluation as a plain-text report, for a civil servant who checks
 * the result against the notice with a desk calculator: measure by measure, whether it is
 * in force on the date, then each output with its value, the rule that decided it and the
 * words of the document it cites, the formula with the values read, the notes (the
 * interpretive choices), and the facts and dated parameters used.
 *
 * Intermediate results (`let`s) come before the first output that uses them, so that the
 * report reads as a worksheet: every step uses only values shown above it or in its formula.
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
  type WindowReport,
} from "./explain.js";
import type { FactSchema, OutputJson } from "../runtime/index.js";

/** The report of an evaluation made with `explain: true`. */
export function explanationText(result: EvaluationResult, program: ProgramIR): string {
  const explained = result.explain;
  if (explained === undefined) throw new Error("explanationText needs an evaluation with explain: true");
  const sections: string[] = [policyHeading(program, result)];
  for (const measure of program.measures) {
    const explanations = explained[measure.name];
    if (explanations !== undefined) sections.push(new MeasureReport(program, measure, explanations).text());
  }
  const skipped = skippedSection(program, result.skipped);
  if (skipped !== undefined) sections.push(skipped);
  return `${sections.join("\n\n")}\n`;
}

function policyHeading(program: ProgramIR, result: EvaluationResult): string {
  const { policy } = program;
  const lines = [policy.title, `${policy.document}, ${policy.issuer}, issued ${policy.issued} (policy ${policy.name}, version ${policy.version})`];
  const date = evaluationDate(result);
  if (date !== undefined) lines.push(`The case as of ${date}.`);
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
function measureName(measure: MeasureIR): string {
  const clause = measure.citation === undefined ? "" : ` (${measure.citation.clause})`;
  const title = measure.title === undefined ? "" : ` ${measure.title}`;
  return `${measure.name}${clause}${title}`;
}

function windowSentence(window: WindowReport | undefined): string {
  if (window?.from === undefined) return "In force: the measure has no time limit.";
  const end = window.until == null ? "with no end date" : `until ${window.until}`;
  const state = window.inForce ? "In force" : "Not in force";
  return `${state} on ${window.date}: the measure runs from ${window.from} ${end}.`;
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
  ) {}

  text(): string {
    const inForce = this.explanations["in_force"];
    this.lines.push(`Measure ${measureName(this.measure)}`, windowSentence(inForce?.window));
    if (inForce?.value === false) {
      this.lines.push("Every output has its empty value:");
      for (const name of this.measure.outputs) this.lines.push(`  ${name} = ${this.valueText(name, this.explanation(name).value)}`);
      return this.lines.join("\n");
    }
    for (const name of this.measure.outputs) {
      const explanation = this.explanation(name);
      this.stepsBefore(explanation);
      this.block(name, explanation, "");
    }
    return this.lines.join("\n");
  }

  private explanation(output: string): Explanation {
    const explanation = this.explanations[output];
    if (explanation === undefined) throw new Error(`no explanation of ${this.measure.name}.${output}`);
    return explanation;
  }

  /** The intermediate results an explanation reads, each before the first that uses it. */
  private stepsBefore(explanation: Explanation): void {
    for (const read of explanation.read?.definitions ?? []) {
      if (read.kind !== "let" || read.explanation === undefined || this.shown.has(read.name)) continue;
      this.shown.add(read.name);
      this.stepsBefore(read.explanation);
      this.block(read.name, read.explanation, " (an intermediate result)");
    }
  }

  private block(name: string, explanation: Explanation, headingSuffix: string): void {
    this.lines.push("", `  ${name} = ${this.valueText(name, explanation.value)}${headingSuffix}`);
    const decision = explanation.decidedBy;
    if (decision !== undefined) {
      const sentence = decisionSentence(decision, explanation);
      if (sentence !== undefined) this.line(sentence);
      if (decision.citation !== undefined) this.line(`Cites ${decision.citation.clause} “${decision.citation.quote}” (${decision.location}).`);
      if (decision.note !== undefined) this.line(`Note: ${decision.note}`);
    }
    for (const rule of explanation.notApplied ?? []) this.line(`${ruleName(rule)} does not apply: ${rule.reason}.`);
    const formula = this.informativeFormula(name, explanation);
    if (formula !== undefined) this.line(`Formula: ${formula}`);
    const aggregates = explanation.aggregates ?? [];
    // The formula names its only aggregate already; several need telling apart.
    for (const aggregate of aggregates) this.aggregate(aggregate, aggregates.length > 1 || formula === undefined);
    for (const call of explanation.read?.calls ?? []) this.call(call);
    for (const fact of explanation.read?.facts ?? []) this.line(`Fact ${this.factText(fact)}`);
    for (const parameter of explanation.read?.parameters ?? []) this.line(`Parameter ${this.parameterText(parameter)}`);
  }

  /** An aggregate item by item: each of the first items' condition and term, then what the others add up to. */
  private aggregate(aggregate: AggregateRead, named: boolean): void {
    const shown = aggregate.terms.length;
    const items = aggregate.items === 1 ? "1 item" : `${aggregate.items} items`;
    const which = shown < aggregate.items ? `the first ${shown} of ${items}` : items;
    const of = named ? ` of ${aggregate.aggregate} = ${this.inWords(aggregate.value, undefined)}` : "";
    this.line(`Item by item${of} (${which}):`);
    for (const term of aggregate.terms) {
      const parts = [term.condition, term.term ?? (term.included ? "included" : "left out")].filter((part) => part !== undefined);
      this.line(`  ${term.item}: ${parts.join("; ")}`);
    }
    const rest = aggregate.notShown;
    if (rest !== undefined) {
      const sum = rest.value === undefined ? "" : `, adding ${String(rest.value)}`;
      this.line(`  ${rest.items} more ${rest.items === 1 ? "item" : "items"} not shown: ${rest.included} included${sum}`);
    }
    if (aggregate.notLookedAt !== undefined) this.line(`  ${aggregate.notLookedAt} more not looked at: the value was decided before them`);
  }

  /** A call of a parameterised definition for one item: its value, who decided and the formula, once. */
  private call(call: CallRead): void {
    const definitionName = call.call.slice(0, call.call.indexOf("("));
    const heading = `${call.call} = ${this.valueText(definitionName, call.value)}`;
    if (this.shown.has(call.call)) {
      this.line(`${heading}, as above`);
      return;
    }
    this.shown.add(call.call);
    this.line(heading);
    const decision = call.explanation.decidedBy;
    const sentence = decision === undefined ? undefined : decisionSentence(decision, call.explanation);
    if (sentence !== undefined) this.line(`  ${sentence}`);
    const formula = this.informativeFormula(definitionName, call.explanation);
    if (formula !== undefined) this.line(`  Formula: ${formula}`);
  }

  private line(text: string): void {
    this.lines.push(`${indent}${text}`);
  }

  /** A definition's value in words: "846.00 yuan", "3 months". */
  private valueText(name: string, value: OutputJson): string {
    return this.inWords(value, this.definitionType(name));
  }

  private definitionType(name: string): ValueType | undefined {
    return this.measure.definitions.find((d) => d.name === name)?.type;
  }

  /** A definition's formula, unless it only repeats the value (`false`, `online`). */
  private informativeFormula(name: string, explanation: Explanation): string | undefined {
    const { formula } = explanation;
    const type = this.definitionType(name);
    if (formula === undefined || (type !== undefined && formula === describeValue(explanation.value, type))) return undefined;
    return formula;
  }

  /** `person.insured_months (参保月数) = 8 months` */
  private factText(fact: FactRead): string {
    const label = fact.label === undefined ? "" : ` (${fact.label})`;
    if (fact.items !== undefined) return `${fact.path}${label} = ${fact.items === 1 ? "1 item" : `${fact.items} items`}`;
    return `${fact.path}${label} = ${this.inWords(fact.value ?? null, factType(this.program.schema, fact.path))}`;
  }

  /** A formatted value in words, by its type when known: "846.00 yuan", "3 months", "expired (领取期满仍未就业)". */
  private inWords(value: OutputJson, type: ValueType | undefined): string {
    if (type === undefined) return value === null ? "absent" : Array.isArray(value) ? `{${value.join(", ")}}` : String(value);
    const described = describeValue(value, type);
    const enumType = type.kind === "optional" ? type.of : type;
    if (enumType.kind !== "enum" || typeof value !== "string") return described;
    const label = this.program.schema.enums.find((e) => e.name === enumType.name)?.members.find((m) => m.name === value)?.label;
    return label === undefined ? described : `${described} (${label})`;
  }

  /** `ui_benefit_standard (兰州市失业保险金标准（一类区）, 元/月) = 1458.00 yuan, in force from 2020-02-01 until 2022-06-30; source: …` */
  private parameterText(parameter: ParameterRead): string {
    const described = [parameter.label, parameter.unit].filter((part) => part !== undefined).join(", ");
    const type = this.program.parameters.find((p) => p.name === parameter.name)?.type;
    const head = `${parameter.name}${described === "" ? "" : ` (${described})`} = ${this.inWords(parameter.value, type)}`;
    if (parameter.overridden === true) return `${head}, given by the scenario`;
    const until = parameter.until === undefined ? "" : ` until ${parameter.until}`;
    const dates = parameter.from === undefined ? "" : `, in force from ${parameter.from}${until}`;
    const source = parameter.source === undefined ? "" : `; source: ${sourceText(parameter.source)}`;
    const note = parameter.note === undefined ? "" : `; note: ${parameter.note}`;
    return `${head}${dates}${source}${note}`;
  }
}

/** Who decided and why: `Exception \`migrant\` applies because short_insured_migrant is true; it overrides rule \`general\`.` */
function decisionSentence(decision: RuleReference, explanation: Explanation): string | undefined {
  if (decision.kind === "definition") return undefined;
  const because = explanation.condition === undefined ? "" : ` because ${conditionInWords(explanation.condition)}`;
  const overrides = explanation.overrides ?? [];
  const overriding = overrides.length === 0 ? "" : `; it overrides ${overrides.map(ruleName).map(lowerFirst).join(", then ")}`;
  return `${ruleName(decision)} applies${because}${overriding}.`;
}

/** `x is true` for a condition that is one name; else the condition with its values. */
function conditionInWords(condition: string): string {
  // The formula printer writes a single name as `name [value]` and a compound condition with `→ true`.
  const single = /^(\S+) \[true\]$/u.exec(condition);
  if (single !== null) return `${single[1] ?? ""} is true`;
  return `its condition holds: ${condition.replace(/ → true$/u, "")}`;
}

function ruleName(rule: RuleReference): string {
  const kind = rule.kind === "exception" ? "Exception" : rule.kind === "rule" ? "Rule" : "Definition";
  return `${kind} \`${rule.label}\``;
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
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

function skippedSection(program: ProgramIR, skipped: EvaluationResult["skipped"]): string | undefined {
  if (skipped.length === 0) return undefined;
  const lines = ["Not evaluated: the scenario does not give the facts these measures need."];
  for (const { measure: name, missing } of skipped) {
    const measure = program.measures.find((m) => m.name === name);
    const facts = missing.map((path) => withLabel(program.schema, path)).join(", ");
    lines.push(`  ${measure === undefined ? name : measureName(measure)} needs ${facts}`);
  }
  return lines.join("\n");
}

function withLabel(schema: FactSchema, path: string): string {
  const [entity, field] = path.split(".");
  const label = schema.records.find((r) => r.name === entity)?.fields.find((f) => f.name === field)?.label;
  return label === undefined ? path : `${path} (${label})`;
}
