/**
 * The semantic changes between two versions of a policy, found by matching declarations by
 * name (measures, definitions, parameters, enums, records, fields) and rules by label, and
 * comparing the IR without its spans: formatting, comments, file names and the order of
 * declarations leave no trace in it, so they produce no change.
 */
import type { CitationIR, DefinitionIR, ExprIR, MeasureIR, ParameterIR, ParameterValueIR, ProgramIR, RuleIR, ScaleIR, SourceIR, ValueType, WindowIR } from "../ir.js";
import { collectNodes } from "../check/ir-nodes.js";
import { forEachRuleExpression } from "../ir-walk.js";
import type { EnumDecl, FieldDecl, RecordDecl } from "../../runtime/types.js";
import { formatDate } from "../../runtime/dates.js";
import { EARLIEST_DATE } from "../check/dates.js";
import type { Focus } from "./for-whom.js";
import { literalText } from "./ir-meaning.js";
import { printIR, type SyntaxOptions } from "../format/ir-syntax.js";
import { moneyWord } from "../currency.js";
import { classifications, type Aspect, type Change, type ChangeGroup, type Classification, type TimelineEntry } from "./report.js";
import { citedClause } from "../citation-text.js";
import { typeText } from "../check/types.js";
import { definedProperties } from "../defined-properties.js";

/** IR equality, spans aside. */
export function sameIR(a: unknown, b: unknown): boolean {
  return withoutSpans(a) === withoutSpans(b);
}

function withoutSpans(value: unknown): string {
  return JSON.stringify(value, (key, inner: unknown) => (key === "span" ? undefined : inner)) ?? "undefined";
}

export interface StructuralDiff {
  readonly groups: ChangeGroup[];
  /** for each change that may alter outcomes, the place whose effect "for whom" follows */
  readonly focuses: ReadonlyMap<Change, Focus>;
}

/** Which change is about which place, filled while the changes are found. */
type Focuses = Map<Change, Focus>;

function focused(focuses: Focuses, changes: Change[], focus: Focus): Change[] {
  for (const change of changes) if (change.classification === "changes_outcomes") focuses.set(change, focus);
  return changes;
}

export function structuralDiff(oldProgram: ProgramIR, newProgram: ProgramIR): StructuralDiff {
  const focuses: Focuses = new Map();
  const money: Money = { before: moneyWord(oldProgram.policy), after: moneyWord(newProgram.policy) };
  const policyChanges: Change[] = [...headerChanges(oldProgram, newProgram), ...schemaChanges(oldProgram, newProgram, money)];
  const perMeasure = new Map<string, Change[]>();
  const measureNames = mergedOrder(oldProgram.measures.map((m) => m.name), newProgram.measures.map((m) => m.name));
  for (const name of measureNames) perMeasure.set(name, []);

  for (const change of parameterChanges(oldProgram, newProgram, focuses, money)) {
    const readers = measureNames.filter((measure) =>
      [oldProgram, newProgram].some((program) => program.measures.find((m) => m.name === measure)?.parametersRead.includes(change.name)),
    );
    if (readers.length === 0) policyChanges.push(change.change);
    for (const measure of readers) perMeasure.get(measure)?.push(change.change);
  }
  for (const change of scaleChanges(oldProgram, newProgram, money)) {
    const readers = measureNames.filter((measure) => [oldProgram, newProgram].some((program) => scaleReaders(program, change.name).has(measure)));
    if (readers.length === 0) policyChanges.push(change.change);
    for (const measure of readers) perMeasure.get(measure)?.push(change.change);
  }
  for (const name of measureNames) {
    const before = oldProgram.measures.find((m) => m.name === name);
    const after = newProgram.measures.find((m) => m.name === name);
    perMeasure.get(name)?.unshift(...measureChanges(before, after, focuses, money));
  }

  const groups: ChangeGroup[] = [];
  if (policyChanges.length > 0) groups.push({ changes: policyChanges });
  for (const name of measureNames) {
    const changes = perMeasure.get(name) ?? [];
    if (changes.length === 0) continue;
    const title = (newProgram.measures.find((m) => m.name === name) ?? oldProgram.measures.find((m) => m.name === name))?.title;
    groups.push({ measure: name, ...(title === undefined ? {} : { title }), changes });
  }
  return { groups, focuses };
}

/** The word of each version's money (`yuan`, `EUR`): figures are written in it. */
interface Money {
  readonly before: string;
  readonly after: string;
}

/** Names of both versions: the new version's order, each name only in the old one after the name it followed. */
function mergedOrder(oldNames: readonly string[], newNames: readonly string[]): string[] {
  const order = [...newNames];
  oldNames.forEach((name, index) => {
    if (order.includes(name)) return;
    const previous = oldNames[index - 1];
    const at = previous === undefined ? 0 : order.indexOf(previous) + 1;
    order.splice(at, 0, name);
  });
  return order;
}

function worst(aspects: readonly Aspect[]): Classification {
  for (const classification of classifications) {
    if (aspects.some((aspect) => aspect.classification === classification)) return classification;
  }
  return "editorial";
}

function changed(subject: string, aspects: Aspect[], extra: Partial<Change> = {}): Change[] {
  return aspects.length === 0 ? [] : [{ subject, action: "changed", classification: worst(aspects), aspects, ...extra }];
}

function aspect(name: string, classification: Classification, before: string | undefined, after: string | undefined): Aspect[] {
  if (before === after) return [];
  return [{ aspect: name, classification, ...definedProperties({ before, after }) }];
}

// ---------------------------------------------------------------- header

function headerChanges(oldProgram: ProgramIR, newProgram: ProgramIR): Change[] {
  const a = oldProgram.policy;
  const b = newProgram.policy;
  return changed("policy", [
    // The policy's name names the generated module and its types.
    ...aspect("name", "breaks_integrations", a.name, b.name),
    ...aspect("title", "editorial", a.title, b.title),
    ...aspect("document", "editorial", a.document, b.document),
    ...aspect("issuer", "editorial", a.issuer, b.issuer),
    ...aspect("issued", "editorial", a.issued, b.issued),
    ...aspect("version", "editorial", a.version, b.version),
    ...aspect("notice", "editorial", a.notice, b.notice),
  ]);
}

// ---------------------------------------------------------------- facts

/**
 * What a fact is when a scenario leaves it out, as declared: `otherwise 0.00 EUR` (its default),
 * `otherwise 0.00 EUR` after a series' type (the value of a period not given); undefined for none.
 */
function leftOutText(field: FieldDecl, moneyWord: string): string | undefined {
  const { type } = field;
  if (field.default !== undefined) {
    // the default as a scenario gives it: an amount's figure, a percentage with its sign, a number of months or days
    const value = field.default;
    const figure = type.kind === "money" ? `${value} ${moneyWord}` : type.kind === "months" || type.kind === "days" ? literalText(Number(value), type) : String(value);
    return `otherwise ${figure}`;
  }
  return type.kind === "series" && type.missing !== undefined ? `otherwise ${literalText(type.missing, type.of, moneyWord)}` : undefined;
}

function schemaChanges(oldProgram: ProgramIR, newProgram: ProgramIR, money: Money): Change[] {
  const outputEnums = new Set(
    newProgram.measures.flatMap((m) => m.definitions.filter((d) => d.visibility === "output").map((d) => enumOf(d.type))),
  );
  const changes: Change[] = [];
  const oldEnums = oldProgram.schema.enums;
  const newEnums = newProgram.schema.enums;
  for (const name of mergedOrder(oldEnums.map((e) => e.name), newEnums.map((e) => e.name))) {
    changes.push(...enumChanges(name, oldEnums.find((e) => e.name === name), newEnums.find((e) => e.name === name), outputEnums.has(name)));
  }
  const readByNew = new Set(newProgram.measures.flatMap((m) => m.reads));
  const oldRecords = oldProgram.schema.records;
  const newRecords = newProgram.schema.records;
  for (const name of mergedOrder(oldRecords.map((r) => r.name), newRecords.map((r) => r.name))) {
    changes.push(...recordChanges(name, oldRecords.find((r) => r.name === name), newRecords.find((r) => r.name === name), readByNew, money));
  }
  return changes;
}

function enumOf(type: ValueType): string | undefined {
  if (type.kind === "enum") return type.name;
  if (type.kind === "set") return type.of;
  if (type.kind === "optional") return enumOf(type.of);
  return undefined;
}

function enumChanges(name: string, before: EnumDecl | undefined, after: EnumDecl | undefined, isOutput: boolean): Change[] {
  const subject = `enum ${name}`;
  if (before === undefined) return [{ subject, action: "added", classification: "editorial", aspects: [] }];
  if (after === undefined) return [{ subject, action: "removed", classification: "breaks_integrations", aspects: [] }];
  const aspects: Aspect[] = [...aspect("label", "editorial", before.label, after.label)];
  for (const member of before.members) {
    const now = after.members.find((m) => m.name === member.name);
    if (now === undefined) aspects.push({ aspect: `member ${member.name}`, classification: "breaks_integrations", before: member.name });
    else aspects.push(...aspect(`label of member ${member.name}`, "editorial", member.label, now.label));
  }
  for (const member of after.members) {
    if (before.members.some((m) => m.name === member.name)) continue;
    // A new member is a new value an output may take (generated unions widen), or only a new value a scenario may give.
    aspects.push({ aspect: `member ${member.name}`, classification: isOutput ? "breaks_integrations" : "editorial", after: member.name });
  }
  return changed(subject, aspects);
}

function recordChanges(name: string, before: RecordDecl | undefined, after: RecordDecl | undefined, readByNew: ReadonlySet<string>, money: Money): Change[] {
  const kind = (after ?? before)?.entity === true ? "entity" : "record";
  const subject = `${kind} ${name}`;
  if (before === undefined) return [{ subject, action: "added", classification: "editorial", aspects: [] }];
  if (after === undefined) return [{ subject, action: "removed", classification: "breaks_integrations", aspects: [] }];
  const aspects: Aspect[] = [
    ...aspect("label", "editorial", before.label, after.label),
    ...aspect("kind", "breaks_integrations", before.entity ? "entity" : "record", after.entity ? "entity" : "record"),
  ];
  for (const fieldName of mergedOrder(before.fields.map((f) => f.name), after.fields.map((f) => f.name))) {
    aspects.push(...fieldAspects(name, after.entity, before.fields.find((f) => f.name === fieldName), after.fields.find((f) => f.name === fieldName), readByNew, money));
  }
  return changed(subject, aspects);
}

function fieldAspects(record: string, entity: boolean, before: FieldDecl | undefined, after: FieldDecl | undefined, readByNew: ReadonlySet<string>, money: Money): Aspect[] {
  const field = (after ?? before)?.name ?? "";
  const describe = (f: FieldDecl, moneyWord: string) => {
    const leftOut = leftOutText(f, moneyWord);
    return `${f.name}: ${typeText(f.type)}${leftOut === undefined ? "" : ` ${leftOut}`}${f.label === undefined ? "" : ` "${f.label}"`}`;
  };
  if (before === undefined && after !== undefined) {
    // A new required fact that a measure reads: scenarios made for the old version lack it (one that takes a value when left out is not required).
    const required = after.type.kind !== "optional" && leftOutText(after, money.after) === undefined && (!entity || readByNew.has(`${record}.${field}`));
    return [{ aspect: `field ${field}`, classification: required ? "breaks_integrations" : "editorial", after: describe(after, money.after) }];
  }
  if (after === undefined && before !== undefined) return [{ aspect: `field ${field}`, classification: "breaks_integrations", before: describe(before, money.before) }];
  if (before === undefined || after === undefined) return [];
  return [
    ...aspect(`type of field ${field}`, "breaks_integrations", typeText(before.type), typeText(after.type)),
    // the value a scenario that leaves the fact out gives it
    ...aspect(`default of field ${field}`, "changes_outcomes", leftOutText(before, money.before), leftOutText(after, money.after)),
    ...aspect(`label of field ${field}`, "editorial", before.label, after.label),
    ...aspect(`English label of field ${field}`, "editorial", before.english, after.english),
  ];
}

// ---------------------------------------------------------------- parameters

function parameterChanges(oldProgram: ProgramIR, newProgram: ProgramIR, focuses: Focuses, money: Money): { name: string; change: Change }[] {
  const names = mergedOrder(oldProgram.parameters.map((p) => p.name), newProgram.parameters.map((p) => p.name));
  return names.flatMap((name) =>
    parameterChange(oldProgram.parameters.find((p) => p.name === name), newProgram.parameters.find((p) => p.name === name), focuses, money).map((change) => ({ name, change })),
  );
}

export function timelineOf(parameter: ParameterIR, moneyWord: string): TimelineEntry[] {
  return parameter.values.map((value) => ({
    from: formatDate(value.from),
    ...(value.until === undefined ? {} : { until: formatDate(value.until) }),
    value: literalText(value.value, parameter.type, moneyWord),
    source: sourceText(value.source),
  }));
}

function parameterChange(before: ParameterIR | undefined, after: ParameterIR | undefined, focuses: Focuses, money: Money): Change[] {
  const subject = `parameter ${(after ?? before)?.name ?? ""}`;
  // A scenario may override any parameter by name: the scenario schema lists them.
  if (before === undefined && after !== undefined) {
    return [{ subject, action: "added", classification: "editorial", aspects: [], timeline: { before: [], after: timelineOf(after, money.after) } }];
  }
  if (after === undefined && before !== undefined) {
    return [{ subject, action: "removed", classification: "breaks_integrations", aspects: [], timeline: { before: timelineOf(before, money.before), after: [] } }];
  }
  if (before === undefined || after === undefined) return [];
  const aspects: Aspect[] = [
    ...aspect("type", "breaks_integrations", typeText(before.type), typeText(after.type)),
    ...aspect("label", "editorial", before.label, after.label),
    ...aspect("unit", "editorial", before.unit, after.unit),
  ];
  const valuesChanged = !sameIR(
    before.values.map((v) => [v.value, v.from, v.until]),
    after.values.map((v) => [v.value, v.from, v.until]),
  );
  if (valuesChanged) {
    aspects.push({ aspect: "values", classification: "changes_outcomes", before: timelineText(before, money.before), after: timelineText(after, money.after) });
  }
  for (const value of after.values) {
    const previous = before.values.find((v) => v.from === value.from);
    if (previous === undefined) continue;
    aspects.push(...aspect(`source of the value from ${formatDate(value.from)}`, "editorial", sourceText(previous.source), sourceText(value.source)));
    aspects.push(...aspect(`note of the value from ${formatDate(value.from)}`, "editorial", previous.note, value.note));
  }
  const timeline = valuesChanged || aspects.some((a) => a.aspect.startsWith("source")) ? { before: timelineOf(before, money.before), after: timelineOf(after, money.after) } : undefined;
  return focused(focuses, changed(subject, aspects, timeline === undefined ? {} : { timeline }), { kind: "parameter", name: after.name });
}

// ---------------------------------------------------------------- scales

function scaleChanges(oldProgram: ProgramIR, newProgram: ProgramIR, money: Money): { name: string; change: Change }[] {
  const names = mergedOrder(oldProgram.scales.map((s) => s.name), newProgram.scales.map((s) => s.name));
  return names.flatMap((name) =>
    scaleChange(oldProgram.scales.find((s) => s.name === name), newProgram.scales.find((s) => s.name === name), money).map((change) => ({ name, change })),
  );
}

/** A scale's brackets, each with its dated thresholds and rates, compared as one figure of the policy (no scenario overrides a scale). */
function scaleChange(before: ScaleIR | undefined, after: ScaleIR | undefined, money: Money): Change[] {
  const subject = `scale ${(after ?? before)?.name ?? ""}`;
  if (before === undefined && after !== undefined) return [{ subject, action: "added", classification: "editorial", aspects: [] }];
  if (after === undefined && before !== undefined) return [{ subject, action: "removed", classification: "editorial", aspects: [] }];
  if (before === undefined || after === undefined) return [];
  return changed(subject, [
    ...aspect("label", "editorial", before.label, after.label),
    ...aspect("unit", "editorial", before.unit, after.unit),
    ...aspect("brackets", "changes_outcomes", bracketsText(before, money.before), bracketsText(after, money.after)),
  ]);
}

function bracketsText(scale: ScaleIR, moneyWord: string): string {
  const figures = (values: readonly ParameterValueIR[], type: ValueType): string => values.map((value) => `${literalText(value.value, type, moneyWord)} ${periodText(value)}`).join(", ");
  return scale.brackets.map((bracket) => `${bracket.name}: threshold ${figures(bracket.thresholds, { kind: "money" })}; rate ${figures(bracket.rates, { kind: "percent" })}`).join(" | ");
}

/** The measures that apply a scale, and those that read their outputs, directly or through others. */
function scaleReaders(program: ProgramIR, scale: string): Set<string> {
  const nodesOf = (measure: MeasureIR): ExprIR[] => {
    const nodes: ExprIR[] = [];
    for (const definition of measure.definitions) forEachRuleExpression(definition.rules, (expr) => collectNodes(expr, nodes));
    return nodes;
  };
  const nodes = new Map(program.measures.map((measure) => [measure.name, nodesOf(measure)]));
  const readers = new Set(program.measures.filter((measure) => nodes.get(measure.name)?.some((node) => node.op === "scale" && node.scale === scale)).map((m) => m.name));
  for (let grown = true; grown; ) {
    grown = false;
    for (const measure of program.measures) {
      if (readers.has(measure.name) || nodes.get(measure.name)?.some((node) => node.op === "measure_output" && readers.has(node.measure)) !== true) continue;
      readers.add(measure.name);
      grown = true;
    }
  }
  return readers;
}

function timelineText(parameter: ParameterIR, moneyWord: string): string {
  return parameter.values.map((value) => `${literalText(value.value, parameter.type, moneyWord)} ${periodText(value)}`).join("; ");
}

function periodText(value: ParameterValueIR): string {
  const until = value.until === undefined ? undefined : `until ${formatDate(value.until)}`;
  if (value.from === EARLIEST_DATE) return until ?? "on every date";
  return until === undefined ? `from ${formatDate(value.from)}` : `from ${formatDate(value.from)} ${until}`;
}

export function sourceText(source: SourceIR): string {
  return source.kind === "clause" ? clauseText(source.citation) : `"${source.text}"`;
}

function clauseText(citation: CitationIR): string {
  return `${citedClause(citation)} "${citation.quote}"`;
}

export function citationText(citation: CitationIR | undefined): string | undefined {
  return citation === undefined ? undefined : clauseText(citation);
}

// ---------------------------------------------------------------- measures

function windowText(window: WindowIR | undefined, context: SyntaxOptions): string | undefined {
  if (window === undefined) return undefined;
  const noStart = window.from.op === "literal" && window.from.value === EARLIEST_DATE;
  const from = noStart ? "in force" : `in force from ${printIR(window.from, context)}`;
  return window.until === undefined ? from : `${from} until ${printIR(window.until, context)}`;
}

/** How a measure's expressions are printed: its definitions' names, the policy's money. */
function printContext(measure: MeasureIR | undefined, moneyWord: string): SyntaxOptions {
  return { definitions: new Set(measure?.definitions.map((d) => d.name) ?? []), unit: moneyWord };
}

function measureChanges(before: MeasureIR | undefined, after: MeasureIR | undefined, focuses: Focuses, money: Money): Change[] {
  const name = (after ?? before)?.name ?? "";
  // The result of a policy is keyed by measure: one more or one fewer changes its types and schema.
  if (before === undefined) return [{ subject: `measure ${name}`, action: "added", classification: "breaks_integrations", aspects: [] }];
  if (after === undefined) return [{ subject: `measure ${name}`, action: "removed", classification: "breaks_integrations", aspects: [] }];
  const oldNames = printContext(before, money.before);
  const newNames = printContext(after, money.after);
  const aspects: Aspect[] = [
    ...aspect("title", "editorial", before.title, after.title),
    ...aspect("English title", "editorial", before.english, after.english),
    ...aspect("citation", "editorial", citationText(before.citation), citationText(after.citation)),
    ...(sameIR(before.window, after.window) ? [] : aspect("window", "changes_outcomes", windowText(before.window, oldNames) ?? "always in force", windowText(after.window, newNames) ?? "always in force")),
  ];
  for (const path of after.reads) {
    // The measure's facts type gains a required field: scenarios made for the old version lack it.
    if (!before.reads.includes(path)) aspects.push({ aspect: `reads fact ${path}`, classification: "breaks_integrations", after: path });
  }
  for (const path of before.reads) {
    if (!after.reads.includes(path)) aspects.push({ aspect: `reads fact ${path}`, classification: "editorial", before: path });
  }
  const notComputable = (m: MeasureIR) => m.notComputable.map((n) => `not computable ${citationText(n.citation) ?? ""} because "${n.reason}"`);
  const oldNotComputable = notComputable(before);
  const newNotComputable = notComputable(after);
  for (const text of oldNotComputable) if (!newNotComputable.includes(text)) aspects.push({ aspect: "not computable", classification: "editorial", before: text });
  for (const text of newNotComputable) if (!oldNotComputable.includes(text)) aspects.push({ aspect: "not computable", classification: "editorial", after: text });

  const changes = focused(focuses, changed(`measure ${name}`, aspects), { kind: "window" });
  const definitionOrder = mergedOrder(before.definitions.map((d) => d.name), after.definitions.map((d) => d.name));
  for (const definitionName of definitionOrder) {
    changes.push(
      ...definitionChanges(
        name,
        before.definitions.find((d) => d.name === definitionName),
        after.definitions.find((d) => d.name === definitionName),
        oldNames,
        newNames,
        focuses,
      ),
    );
  }
  return changes;
}

function definitionHead(definition: DefinitionIR): string {
  const parameters = definition.parameters.length === 0 ? "" : `(${definition.parameters.map((p) => `${p.name}: ${typeText(p.type)}`).join(", ")})`;
  return `${definition.visibility} ${definition.name}${parameters}: ${typeText(definition.type)}`;
}

function definitionChanges(
  measure: string,
  before: DefinitionIR | undefined,
  after: DefinitionIR | undefined,
  oldNames: SyntaxOptions,
  newNames: SyntaxOptions,
  focuses: Focuses,
): Change[] {
  const definition = after ?? before;
  if (definition === undefined) return [];
  const subject = `${measure} ${definition.visibility} ${definition.name}`;
  const isOutput = definition.visibility === "output";
  if (before === undefined || after === undefined) {
    const present = (after ?? before) as DefinitionIR;
    const rules = flattenRules(present.rules);
    const printed = rules.map((r) => ruleText(r.rule, after === undefined ? oldNames : newNames)).join("\n");
    return focused(focuses, [
      {
        subject,
        action: after === undefined ? "removed" : "added",
        classification: isOutput ? "breaks_integrations" : "changes_outcomes",
        aspects: [{ aspect: "definition", classification: isOutput ? "breaks_integrations" : "changes_outcomes", ...(after === undefined ? { before: printed } : { after: printed }) }],
      },
    ], { kind: "definition", definition: definition.name });
  }
  const headAspects: Aspect[] = [
    ...aspect("declaration", isOutput || before.visibility === "output" ? "breaks_integrations" : "changes_outcomes", definitionHead(before), definitionHead(after)),
    ...aspect("English label", "editorial", before.english, after.english),
  ];
  const changes = focused(focuses, changed(subject, headAspects), { kind: "definition", definition: definition.name });
  const oldRules = flattenRules(before.rules);
  const newRules = flattenRules(after.rules);
  const renamed = new Map<string, string>();
  for (const gone of oldRules.filter((r) => !newRules.some((n) => n.rule.label === r.rule.label))) {
    const twin = newRules.find((n) => !oldRules.some((o) => o.rule.label === n.rule.label) && !renamed.has(n.rule.label) && sameRuleMeaning(gone, n, before, after));
    if (twin !== undefined) renamed.set(twin.rule.label, gone.rule.label);
  }
  const labels = mergedOrder(oldRules.map((r) => r.rule.label), newRules.map((r) => r.rule.label));
  for (const label of labels) {
    if ([...renamed.values()].includes(label)) continue;
    const newRule = newRules.find((r) => r.rule.label === label);
    const oldLabel = renamed.get(label) ?? label;
    const oldRule = oldRules.find((r) => r.rule.label === oldLabel);
    const focus: Focus = { kind: "rule", definition: definition.name, label: newRule?.rule.label ?? oldLabel };
    changes.push(...focused(focuses, ruleChanges(subject, oldRule, newRule, oldNames, newNames, renamed.has(label)), focus));
  }
  return changes;
}

interface PlacedRule {
  readonly rule: RuleIR;
  /** the label of the rule it is an exception to */
  readonly parent?: string;
}

export function flattenRules(rules: readonly RuleIR[], parent?: string): PlacedRule[] {
  return rules.flatMap((rule) => [{ rule, ...(parent === undefined ? {} : { parent }) }, ...flattenRules(rule.exceptions, rule.label)]);
}

function sameRuleMeaning(a: PlacedRule, b: PlacedRule, before: DefinitionIR, after: DefinitionIR): boolean {
  const meaning = (r: PlacedRule) => [r.rule.kind, r.rule.condition, r.rule.value, r.rule.window, r.parent, r.rule.exceptions.length];
  return before.rules.length === after.rules.length && sameIR(meaning(a), meaning(b));
}

function ruleKindText(rule: RuleIR): string {
  return rule.kind === "simple" ? "formula" : `${rule.kind} ${rule.label}`;
}

function ruleText(rule: RuleIR, names: SyntaxOptions): string {
  if (rule.kind === "simple") return `= ${printIR(rule.value, names)}`;
  const when = rule.condition === undefined ? "" : ` when ${printIR(rule.condition, names)}`;
  return `${rule.kind} ${rule.label}${when} = ${printIR(rule.value, names)}`;
}

function ruleChanges(
  subject: string,
  before: PlacedRule | undefined,
  after: PlacedRule | undefined,
  oldNames: SyntaxOptions,
  newNames: SyntaxOptions,
  isRename: boolean,
): Change[] {
  const rule = (after ?? before)?.rule;
  if (rule === undefined) return [];
  const ruleSubject = rule.kind === "simple" ? subject : `${subject} ${rule.kind} ${rule.label}`;
  if (before === undefined || after === undefined) {
    const text = ruleText(rule, after === undefined ? oldNames : newNames);
    return [
      {
        subject: ruleSubject,
        action: after === undefined ? "removed" : "added",
        classification: "changes_outcomes",
        aspects: [{ aspect: ruleKindText(rule), classification: "changes_outcomes", ...(after === undefined ? { before: text } : { after: text }) }],
      },
    ];
  }
  const a = before.rule;
  const b = after.rule;
  const print = (expr: RuleIR["value"] | undefined, names: SyntaxOptions) => (expr === undefined ? undefined : printIR(expr, names));
  const aspects: Aspect[] = [
    ...(isRename ? [{ aspect: "label", classification: "editorial" as const, before: a.label, after: b.label }] : []),
    ...(a.kind === b.kind && before.parent === after.parent
      ? []
      : aspect("place", "changes_outcomes", placeText(before), placeText(after))),
    ...(sameIR(a.condition, b.condition) ? [] : aspect("condition", "changes_outcomes", print(a.condition, oldNames) ?? "always", print(b.condition, newNames) ?? "always")),
    ...(sameIR(a.value, b.value) ? [] : aspect(a.kind === "simple" ? "formula" : "value", "changes_outcomes", print(a.value, oldNames), print(b.value, newNames))),
    ...(sameIR(a.window, b.window) ? [] : aspect("window", "changes_outcomes", windowText(a.window, oldNames) ?? "always", windowText(b.window, newNames) ?? "always")),
    ...aspect("citation", "editorial", citationText(a.citation), citationText(b.citation)),
    ...aspect("note", "editorial", a.note, b.note),
  ];
  if (aspects.length === 0) return [];
  const onlyRename = isRename && aspects.length === 1;
  return [{ subject: ruleSubject, action: onlyRename ? "renamed" : "changed", classification: worst(aspects), aspects }];
}

function placeText(placed: PlacedRule): string {
  return placed.parent === undefined ? placed.rule.kind : `${placed.rule.kind} to ${placed.parent}`;
}
