/**
 * The words of explanations, in English and in Chinese: every sentence an explanation or a
 * report says of its own (not the policy's words, which are quoted as written, nor formulas,
 * which are printed in the policy's syntax). JSON keys stay English whatever the language.
 *
 * A report is in Chinese when the policy is: when its title is written in Chinese (has a
 * Han character). Callers may choose otherwise (`--lang en|zh`).
 */
import type { PolicyInfo } from "./ir.js";
import { moneyAmountZh } from "./currency.js";

export type ExplanationLanguage = "en" | "zh";

export const explanationLanguages: readonly ExplanationLanguage[] = ["en", "zh"];

/** Chinese for a policy whose title is Chinese, English otherwise. */
export function policyLanguage(policy: PolicyInfo): ExplanationLanguage {
  return /\p{Script=Han}/u.test(policy.title) ? "zh" : "en";
}

export type RuleKind = "rule" | "exception" | "definition";

/** Why a rule did not apply. */
export type NotAppliedReason =
  | { readonly kind: "condition" }
  | { readonly kind: "window"; readonly from: string; readonly until: string | null };

/** The first day of the calendar: the start of a window written with only `until`, which has none. */
const NO_START = "0001-01-01";

export interface ExplanationWords {
  // ---- values
  readonly absent: string;
  /** the word of the policy's money in its own syntax: `yuan`, `EUR` (compiler/currency.ts) */
  readonly unit: string;
  money(amount: string): string;
  months(count: string): string;
  days(count: string): string;
  items(count: number): string;
  /** an item of a list that is no fact: "item 3" */
  item(position: number): string;

  // ---- summaries of the JSON explanations
  /** `eligible = false: exception "migrant" (§4 "…") overrides rule "general"` */
  decision(head: string, rule: { readonly kind: RuleKind; readonly label: string }, cited: string | undefined, overridden: readonly { readonly kind: RuleKind; readonly label: string }[]): string;
  /** `x = 1` or `x has no value` */
  valueHead(name: string, value: string | undefined): string;
  inForceSummary(inForce: boolean, window: string): string;
  /** the summary of an output of a measure not in force */
  notInForceSummary(name: string, emptyValue: string, window: string): string;
  /** `measure m4 is not in force on 2021-10-01: its window runs from 2021-10-20 with no end date` */
  windowSummary(measure: string, date: string, inForce: boolean, from: string | undefined, until: string | null | undefined): string;
  notApplied(reason: NotAppliedReason): string;
  /** a date step whose result is not the same day of the month: why */
  monthEnd(month: string, day: number): string;
  /** after the first day of a term: `+ 6 months = 2022-04-20; - 1 day = 2022-04-19, the term's last day` */
  termEnds(months: string, corresponding: string, oneDay: string, last: string): string;
  /** after the first day of a term: `+ 6 months: 2022-04 has no day 31, so the term ends on its last day, 2022-04-30` */
  termEndsAtMonthEnd(months: string, month: string, day: number, last: string): string;
  termEndsOn(months: string, last: string): string;

  // ---- the text report
  issued(document: string, issuer: string, issued: string, name: string, version: string): string;
  caseDate(date: string): string;
  /** `m4 (§4) 确保失业保险待遇及时足额发放` */
  measureLabel(name: string, clause: string | undefined, title: string | undefined): string;
  measureHeading(label: string): string;
  windowLine(inForce: boolean, date: string, from: string | undefined, until: string | null | undefined): string;
  /** the words that set a window: a parameter with its source */
  windowSetBy(bound: "from" | "until", name: string, value: string, source: string): string;
  readonly notInForceOutputs: string;
  readonly intermediate: string;
  ruleName(kind: RuleKind, label: string): string;
  applies(rule: string, because: string | undefined, overrides: readonly string[]): string;
  isTrue(name: string): string;
  conditionHolds(condition: string): string;
  doesNotApply(rule: string, reason: string): string;
  cites(clause: string, quote: string, location: string): string;
  note(text: string): string;
  formula(text: string): string;
  dates(steps: string): string;
  itemByItem(aggregate: string | undefined, shown: number, items: number): string;
  readonly included: string;
  readonly leftOut: string;
  /** one item of an aggregate: `enterprise.trainees[0]: subsidisable(t) [true]; min(t.months [3], 3) = 3` */
  itemLine(item: string, parts: readonly string[]): string;
  notShown(items: number, included: number, sum: string | undefined): string;
  notLookedAt(items: number): string;
  asAbove(heading: string): string;
  fact(text: string): string;
  parameter(text: string): string;
  readonly givenByScenario: string;
  /** the source of a value the scenario gave */
  readonly scenarioSource: string;
  /** the dates of a parameter's value; `from` absent for a value written without `from` (in force from no start) */
  inForceFrom(from: string | undefined, until: string | undefined): string;
  source(text: string): string;
  parameterNote(text: string): string;
  /** after a value an amendment gives: which amendment (policy name and version) */
  amendedBy(amendment: string): string;
  /** "(label, unit)" */
  parenthesised(text: string): string;
  readonly notComputedHeading: string;
  notComputed(clause: string, quote: string, reason: string, location: string): string;
  readonly notEvaluatedHeading: string;
  needs(measure: string, facts: string): string;
}

const english: ExplanationWords = {
  absent: "absent",
  unit: "yuan",
  money: (amount) => `${amount} yuan`,
  months: (count) => (count === "1" ? "1 month" : `${count} months`),
  days: (count) => (count === "1" ? "1 day" : `${count} days`),
  items: (count) => (count === 1 ? "1 item" : `${count} items`),
  item: (position) => `item ${position}`,

  decision(head, rule, cited, overridden) {
    const citation = cited === undefined ? "" : ` (${cited})`;
    if (rule.kind === "definition") return `${head}${citation}`;
    const overriding = overridden.length === 0 ? "" : ` overrides ${overridden.map((r) => `${r.kind} "${r.label}"`).join(", ")}`;
    return `${head}: ${rule.kind} "${rule.label}"${citation}${overriding}`;
  },
  valueHead: (name, value) => (value === undefined ? `${name} has no value` : `${name} = ${value}`),
  inForceSummary: (inForce, window) => `in_force = ${String(inForce)}: ${window}`,
  notInForceSummary: (name, emptyValue, window) => `${name} is not computed: ${window}; the result gives it its empty value, ${emptyValue}`,
  windowSummary(measure, date, inForce, from, until) {
    if (from === undefined || (from === NO_START && until == null)) return `measure ${measure} has no time limit`;
    if (from === NO_START) return `measure ${measure} is ${inForce ? "" : "not "}in force on ${date}: its window runs until ${until}`;
    const end = until == null ? " with no end date" : ` until ${until}`;
    return `measure ${measure} is ${inForce ? "" : "not "}in force on ${date}: its window runs from ${from}${end}`;
  },
  notApplied(reason) {
    if (reason.kind === "condition") return "its condition does not hold";
    const end = reason.until === null ? "" : ` until ${reason.until}`;
    if (reason.from === NO_START) return `outside its window (in force${end})`;
    return `outside its window (in force from ${reason.from}${end})`;
  },
  monthEnd: (month, day) => `${month} has no day ${day}: its last day`,
  termEnds: (months, corresponding, oneDay, last) => `+ ${months} = ${corresponding}; - ${oneDay} = ${last}, the term's last day`,
  termEndsAtMonthEnd: (months, month, day, last) => `+ ${months}: ${month} has no day ${day}, so the term ends on its last day, ${last}`,
  termEndsOn: (months, last) => `a term of ${months} ends on ${last}`,

  issued: (document, issuer, issued, name, version) => `${document}, ${issuer}, issued ${issued} (policy ${name}, version ${version})`,
  caseDate: (date) => `The case as of ${date}.`,
  measureLabel: (name, clause, title) => `${name}${clause === undefined ? "" : ` (${clause})`}${title === undefined ? "" : ` ${title}`}`,
  measureHeading: (label) => `Measure ${label}`,
  windowLine(inForce, date, from, until) {
    if (from === undefined || (from === NO_START && until == null)) return "In force: the measure has no time limit.";
    if (from === NO_START) return `${inForce ? "In force" : "Not in force"} on ${date}: the measure runs until ${until}.`;
    const end = until == null ? "with no end date" : `until ${until}`;
    return `${inForce ? "In force" : "Not in force"} on ${date}: the measure runs from ${from} ${end}.`;
  },
  windowSetBy: (bound, name, value, source) => `  ${bound === "from" ? "From" : "Until"} ${name} = ${value}: ${source}`,
  notInForceOutputs:
    "Nothing is computed: the measure does not apply on this date. The result gives each output its empty value, which says nothing of the case:",
  intermediate: " (an intermediate result)",
  ruleName: (kind, label) => `${kind === "exception" ? "Exception" : kind === "rule" ? "Rule" : "Definition"} \`${label}\``,
  applies(rule, because, overrides) {
    const why = because === undefined ? "" : ` because ${because}`;
    const overriding = overrides.length === 0 ? "" : `; it overrides ${overrides.map(lowerFirst).join(", then ")}`;
    return `${rule} applies${why}${overriding}.`;
  },
  isTrue: (name) => `${name} is true`,
  conditionHolds: (condition) => `its condition holds: ${condition}`,
  doesNotApply: (rule, reason) => `${rule} does not apply: ${reason}.`,
  cites: (clause, quote, location) => `Cites ${clause} “${quote}” (${location}).`,
  note: (text) => `Note: ${text}`,
  formula: (text) => `Formula: ${text}`,
  dates: (steps) => `Dates: ${steps}`,
  itemByItem(aggregate, shown, items) {
    const which = shown < items ? `the first ${shown} of ${english.items(items)}` : english.items(items);
    return `Item by item${aggregate === undefined ? "" : ` of ${aggregate}`} (${which}):`;
  },
  included: "included",
  leftOut: "left out",
  itemLine: (item, parts) => `${item}: ${parts.join("; ")}`,
  notShown: (items, included, sum) =>
    `${items} more ${items === 1 ? "item" : "items"} not shown: ${included} included${sum === undefined ? "" : `, adding ${sum}`}`,
  notLookedAt: (items) => `${items} more not looked at: the value was decided before them`,
  asAbove: (heading) => `${heading}, as above`,
  fact: (text) => `Fact ${text}`,
  parameter: (text) => `Parameter ${text}`,
  givenByScenario: ", given by the scenario",
  scenarioSource: "given by the scenario",
  inForceFrom: (from, until) =>
    from === undefined
      ? until === undefined
        ? ", in force on every date"
        : `, in force until ${until}`
      : `, in force from ${from}${until === undefined ? "" : ` until ${until}`}`,
  source: (text) => `; source: ${text}`,
  parameterNote: (text) => `; note: ${text}`,
  amendedBy: (amendment) => `; as amended by ${amendment}`,
  parenthesised: (text) => ` (${text})`,
  notComputedHeading: "Not computed: sentences of the measure the policy does not compute, and why:",
  notComputed: (clause, quote, reason, location) => `  ${clause} “${quote}”: ${reason} (${location})`,
  notEvaluatedHeading: "Not evaluated: the scenario does not give the facts these measures need.",
  needs: (measure, facts) => `  ${measure} needs ${facts}`,
};

const chinese: ExplanationWords = {
  absent: "无",
  unit: "yuan",
  money: (amount) => `${amount}元`,
  months: (count) => `${count}个月`,
  days: (count) => `${count}天`,
  items: (count) => `${count}项`,
  item: (position) => `第${position}项`,

  decision(head, rule, cited, overridden) {
    const citation = cited === undefined ? "" : `（${cited}）`;
    if (rule.kind === "definition") return `${head}${citation}`;
    const overriding = overridden.length === 0 ? "" : `，优先于${overridden.map((r) => `${chineseKind(r.kind)}“${r.label}”`).join("、")}`;
    return `${head}：${chineseKind(rule.kind)}“${rule.label}”${citation}${overriding}`;
  },
  valueHead: (name, value) => (value === undefined ? `${name} 无值` : `${name} = ${value}`),
  inForceSummary: (inForce, window) => `in_force = ${String(inForce)}：${window}`,
  notInForceSummary: (name, emptyValue, window) => `${name} 未计算：${window}；结果给出其空值 ${emptyValue}`,
  windowSummary(measure, date, inForce, from, until) {
    if (from === undefined || (from === NO_START && until == null)) return `措施 ${measure} 没有适用期限`;
    if (from === NO_START) return `措施 ${measure} 在 ${date} ${inForce ? "" : "不"}适用（适用期至 ${until} 止）`;
    const end = until == null ? "，无截止日期" : `，至 ${until} 止`;
    return `措施 ${measure} 在 ${date} ${inForce ? "" : "不"}适用（适用期自 ${from} 起${end}）`;
  },
  notApplied(reason) {
    if (reason.kind === "condition") return "其条件不成立";
    const end = reason.until === null ? "" : `至 ${reason.until} 止`;
    if (reason.from === NO_START) return `不在其适用期内（${end}）`;
    return `不在其适用期内（自 ${reason.from} 起${end}）`;
  },
  monthEnd: (month, day) => `${month} 没有第${day}日，取该月末日`,
  termEnds: (months, corresponding, oneDay, last) => `+ ${months} = ${corresponding}；- ${oneDay} = ${last}，为期限的最后一日`,
  termEndsAtMonthEnd: (months, month, day, last) => `+ ${months}：${month} 没有第${day}日，期限至该月末日 ${last} 止`,
  termEndsOn: (months, last) => `${months}的期限至 ${last} 止`,

  issued: (document, issuer, issued, name, version) => `${document}，${issuer}，${issued} 发布（政策 ${name}，版本 ${version}）`,
  caseDate: (date) => `案情日期：${date}。`,
  measureLabel: (name, clause, title) => `${name}${clause === undefined ? "" : `（${clause}）`}${title ?? ""}`,
  measureHeading: (label) => `措施 ${label}`,
  windowLine(inForce, date, from, until) {
    if (from === undefined || (from === NO_START && until == null)) return "适用：本措施没有适用期限。";
    if (from === NO_START) return `${date} ${inForce ? "在" : "不在"}适用期内：本措施适用至 ${until} 止。`;
    const end = until == null ? "，无截止日期" : `，至 ${until} 止`;
    return `${date} ${inForce ? "在" : "不在"}适用期内：本措施自 ${from} 起适用${end}。`;
  },
  windowSetBy: (bound, name, value, source) => `  ${bound === "from" ? "起始日" : "截止日"} ${name} = ${value}：${source}`,
  notInForceOutputs: "未作任何计算：本措施在该日不适用。结果中各项输出为空值，并不说明本案的情况：",
  intermediate: "（中间结果）",
  ruleName: (kind, label) => `${chineseKind(kind)} \`${label}\``,
  applies(rule, because, overrides) {
    const why = because === undefined ? "" : `，因为${because}`;
    const overriding = overrides.length === 0 ? "" : `；它优先于${overrides.join("，再优先于")}`;
    return `${rule} 适用${why}${overriding}。`;
  },
  isTrue: (name) => ` ${name} 为真`,
  conditionHolds: (condition) => `其条件成立：${condition}`,
  doesNotApply: (rule, reason) => `${rule} 不适用：${reason}。`,
  cites: (clause, quote, location) => `引用 ${clause} “${quote}”（${location}）。`,
  note: (text) => `注：${text}`,
  formula: (text) => `公式：${text}`,
  dates: (steps) => `日期：${steps}`,
  itemByItem(aggregate, shown, items) {
    const which = shown < items ? `共${items}项，列出前${shown}项` : `共${items}项`;
    return `逐项${aggregate === undefined ? "" : `计算 ${aggregate}`}（${which}）：`;
  },
  included: "计入",
  leftOut: "不计入",
  itemLine: (item, parts) => `${item}：${parts.join("；")}`,
  notShown: (items, included, sum) => `其余${items}项未列出：计入${included}项${sum === undefined ? "" : `，合计 ${sum}`}`,
  notLookedAt: (items) => `其余${items}项未查看：结果在此之前已确定`,
  asAbove: (heading) => `${heading}，同上`,
  fact: (text) => `事实 ${text}`,
  parameter: (text) => `参数 ${text}`,
  givenByScenario: "，由情景给定",
  scenarioSource: "由情景给定",
  inForceFrom: (from, until) =>
    from === undefined
      ? until === undefined
        ? "，任何日期均适用"
        : `，至 ${until} 止适用`
      : `，自 ${from} 起${until === undefined ? "" : `至 ${until} 止`}适用`,
  source: (text) => `；来源：${text}`,
  parameterNote: (text) => `；注：${text}`,
  amendedBy: (amendment) => `；依修订 ${amendment}`,
  parenthesised: (text) => `（${text}）`,
  notComputedHeading: "未计算的条文：本政策不计算本措施的下列语句，理由如下：",
  notComputed: (clause, quote, reason, location) => `  ${clause} “${quote}”：${reason}（${location}）`,
  notEvaluatedHeading: "未评估：情景未提供下列措施所需的事实。",
  needs: (measure, facts) => `  ${measure} 需要 ${facts}`,
};

function chineseKind(kind: RuleKind): string {
  return kind === "exception" ? "例外" : kind === "rule" ? "规则" : "定义";
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

export const explanationWords: Readonly<Record<ExplanationLanguage, ExplanationWords>> = { en: english, zh: chinese };

/** The words of a language for a policy whose money is `unit` (`yuan`, `EUR`). */
export function explanationWordsFor(language: ExplanationLanguage, unit: string): ExplanationWords {
  const words = explanationWords[language];
  if (unit === words.unit) return words;
  return { ...words, unit, money: (amount) => (language === "zh" ? moneyAmountZh(amount, unit) : `${amount} ${unit}`) };
}
