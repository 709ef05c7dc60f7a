/**
 * A diff report as terminal text (coloured when asked), as Markdown for a review comment,
 * or as JSON for tools. All three print the same report; none computes anything.
 */
import type { Aspect, Change, ChangeGroup, Classification, DiffReport, ImpactReport, OutputVerdict, TimelineEntry } from "./report.js";
import { moneyWord } from "../currency.js";

const classificationWords: Readonly<Record<Classification, string>> = {
  breaks_integrations: "breaks integrations",
  changes_outcomes: "changes outcomes",
  editorial: "editorial",
};

const actionMarks: Readonly<Record<Change["action"], string>> = { added: "+", removed: "-", changed: "~", renamed: "~" };

export function renderJson(report: DiffReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

// ---------------------------------------------------------------- text

interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly removed: (text: string) => string;
  readonly added: (text: string) => string;
  readonly classification: (classification: Classification, text: string) => string;
}

const plain: Style = { bold: (t) => t, dim: (t) => t, removed: (t) => t, added: (t) => t, classification: (_c, t) => t };

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const coloured: Style = {
  bold: ansi("1"),
  dim: ansi("2"),
  removed: ansi("31"),
  added: ansi("32"),
  classification: (classification, text) => ansi(classification === "breaks_integrations" ? "1;31" : classification === "changes_outcomes" ? "1;33" : "36")(text),
};

export function renderText(report: DiffReport, options: { readonly colour?: boolean } = {}): string {
  const style = options.colour === true ? coloured : plain;
  const lines: string[] = [];
  lines.push(style.bold(`tiao diff: ${heading(report.old)} → ${heading(report.new)}`));
  lines.push(summaryLine(report));
  for (const group of report.groups) {
    lines.push("", style.bold(groupTitle(group)));
    for (const change of group.changes) lines.push(...changeText(change, style));
  }
  if (report.verdicts.length > 0) {
    lines.push("", style.bold("Outputs of the measures whose outcomes may change"));
    for (const verdict of report.verdicts) lines.push(...verdictText(verdict, style));
  }
  if (report.impact !== undefined) lines.push("", ...impactText(report.impact, style, moneyWord(report.new)));
  return `${lines.join("\n")}\n`;
}

function heading(policy: DiffReport["old"]): string {
  return `${policy.name} ${policy.version}`;
}

function summaryLine(report: DiffReport): string {
  const { summary } = report;
  const total = summary.breaksIntegrations + summary.changesOutcomes + summary.editorial;
  if (total === 0) return "no semantic change";
  const counts = [
    `${summary.breaksIntegrations} breaking integrations`,
    `${summary.changesOutcomes} changing outcomes`,
    `${summary.editorial} editorial`,
  ];
  return `${total} change${total === 1 ? "" : "s"}: ${counts.join(", ")}`;
}

function groupTitle(group: ChangeGroup): string {
  if (group.measure === undefined) return "The policy as a whole";
  return `Measure ${group.measure}${group.title === undefined ? "" : ` ${group.title}`}`;
}

function changeText(change: Change, style: Style): string[] {
  const lines = [`  ${actionMarks[change.action]} ${change.subject} ${change.action}  ${style.classification(change.classification, `[${classificationWords[change.classification]}]`)}`];
  for (const aspect of change.aspects) {
    if (aspect.aspect === "values" && change.timeline !== undefined) continue;
    lines.push(...aspectText(aspect, style));
  }
  if (change.timeline !== undefined) {
    lines.push("      values before:", ...timelineText(change.timeline.before, style.removed));
    lines.push("      values after:", ...timelineText(change.timeline.after, style.added));
  }
  if (change.forWhom?.length === 0) lines.push("      for whom: no output of the measure can differ through this change alone");
  for (const whom of change.forWhom ?? []) {
    lines.push(`      for whom ${whom.output} may differ:`, ...indentLines(whom.condition, "        "));
  }
  return lines;
}

function aspectText(aspect: Aspect, style: Style): string[] {
  const lines = [`      ${aspect.aspect}:`];
  if (aspect.before !== undefined) lines.push(...indentLines(aspect.before, "        - ").map(style.removed));
  if (aspect.after !== undefined) lines.push(...indentLines(aspect.after, "        + ").map(style.added));
  return lines;
}

function timelineText(entries: readonly TimelineEntry[], colour: (text: string) => string): string[] {
  if (entries.length === 0) return ["        (none)"];
  return entries.map((entry) => colour(`        ${entry.value} ${period(entry)}, source ${entry.source}`));
}

function period(entry: TimelineEntry): string {
  return entry.until === undefined ? `from ${entry.from}` : `from ${entry.from} until ${entry.until}`;
}

function indentLines(text: string, prefix: string): string[] {
  const continuation = " ".repeat(prefix.length);
  return text.split("\n").map((line, index) => `${index === 0 ? prefix : continuation}${line}`);
}

function verdictText(verdict: OutputVerdict, style: Style): string[] {
  switch (verdict.verdict) {
    case "witness":
      return [
        `  ${verdict.output}: ${style.classification("changes_outcomes", "differs")} (witness found by ${verdict.method === "solver" ? "the solver" : "a bounded search"}, checked by running both versions)`,
        `      before: ${JSON.stringify(verdict.before)}`,
        `      after:  ${JSON.stringify(verdict.after)}`,
        `      scenario: ${JSON.stringify(verdict.scenario)}`,
      ];
    case "proved_equal":
      return [`  ${verdict.output}: ${style.added("proved equal")} by the solver, ${verdict.scope}`];
    case "no_difference_found":
      return [
        `  ${verdict.output}: no difference found by a bounded search (not a proof: ${verdict.whyNotProved})`,
        `      searched: ${verdict.searched}`,
      ];
  }
}

function impactText(impact: ImpactReport, style: Style, unit: string): string[] {
  const lines = [style.bold("Impact")];
  for (const source of impact.sources) {
    lines.push(`  ${source.name}: ${source.cases} cases${source.errors === 0 ? "" : `, ${source.errors} that a version could not read or evaluate`}`);
  }
  for (const output of impact.outputs) {
    lines.push(`  ${output.output} over ${output.source}: ${output.changed} of ${output.cases} cases change`);
    const delta = output.moneyDelta;
    if (delta !== undefined) {
      lines.push(
        `      money delta: total ${delta.total} ${unit}; ${delta.increased} up, ${delta.decreased} down; min ${delta.min}, median ${delta.median}, max ${delta.max}`,
      );
    }
    for (const example of output.largest) {
      const change = `${JSON.stringify(example.before)} → ${JSON.stringify(example.after)}${example.delta === undefined ? "" : ` (${example.delta})`}`;
      lines.push(`      ${change}  ${style.dim(example.scenario)}`);
    }
  }
  return lines;
}

// ---------------------------------------------------------------- markdown

export function renderMarkdown(report: DiffReport): string {
  const lines: string[] = [`## tiao diff: ${heading(report.old)} → ${heading(report.new)}`, "", summaryLine(report)];
  for (const group of report.groups) {
    lines.push("", `### ${groupTitle(group)}`, "");
    for (const change of group.changes) lines.push(...changeMarkdown(change));
  }
  if (report.verdicts.length > 0) {
    lines.push("", "### Outputs of the measures whose outcomes may change", "");
    for (const verdict of report.verdicts) lines.push(...verdictMarkdown(verdict));
  }
  if (report.impact !== undefined) lines.push("", ...impactMarkdown(report.impact, moneyWord(report.new)));
  return `${lines.join("\n")}\n`;
}

function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${text}${fence}`;
}

function changeMarkdown(change: Change): string[] {
  const lines = [`- **${change.subject}** ${change.action} — *${classificationWords[change.classification]}*`];
  for (const aspect of change.aspects) {
    if (aspect.aspect === "values" && change.timeline !== undefined) continue;
    lines.push(`  - ${aspect.aspect}:`);
    const diff = [
      ...(aspect.before === undefined ? [] : aspect.before.split("\n").map((line) => `- ${line}`)),
      ...(aspect.after === undefined ? [] : aspect.after.split("\n").map((line) => `+ ${line}`)),
    ];
    lines.push("    ```diff", ...diff.map((line) => `    ${line}`), "    ```");
  }
  if (change.timeline !== undefined) {
    lines.push("", "  | | value | period | source |", "  |---|---|---|---|");
    for (const [side, entries] of [["before", change.timeline.before], ["after", change.timeline.after]] as const) {
      if (entries.length === 0) lines.push(`  | ${side} | (none) | | |`);
      for (const entry of entries) lines.push(`  | ${side} | ${entry.value} | ${period(entry)} | ${entry.source.replace(/\|/g, "\\|")} |`);
    }
    lines.push("");
  }
  if (change.forWhom?.length === 0) lines.push("  - for whom: no output of the measure can differ through this change alone");
  for (const whom of change.forWhom ?? []) {
    lines.push(`  - for whom \`${whom.output}\` may differ:`, "    ```tiao", ...whom.condition.split("\n").map((line) => `    ${line}`), "    ```");
  }
  return lines;
}

function verdictMarkdown(verdict: OutputVerdict): string[] {
  switch (verdict.verdict) {
    case "witness":
      return [
        `- \`${verdict.output}\` **differs** — witness found by ${verdict.method === "solver" ? "the solver" : "a bounded search"}, checked by running both versions: ${code(JSON.stringify(verdict.before))} → ${code(JSON.stringify(verdict.after))}`,
        "  ```json",
        `  ${JSON.stringify(verdict.scenario)}`,
        "  ```",
      ];
    case "proved_equal":
      return [`- \`${verdict.output}\` **proved equal** by the solver, ${verdict.scope}`];
    case "no_difference_found":
      return [`- \`${verdict.output}\` no difference found by a bounded search — not a proof (${verdict.whyNotProved}); searched: ${verdict.searched}`];
  }
}

function impactMarkdown(impact: ImpactReport, unit: string): string[] {
  const lines = ["### Impact", ""];
  for (const source of impact.sources) {
    lines.push(`- ${source.name}: ${source.cases} cases${source.errors === 0 ? "" : `, ${source.errors} that a version could not read or evaluate`}`);
  }
  if (impact.outputs.length === 0) return [...lines, "", "No output changes on these cases."];
  lines.push("", "| output | cases | changed | total money delta | largest change |", "|---|---|---|---|---|");
  for (const output of impact.outputs) {
    const largest = output.largest[0];
    const example = largest === undefined ? "" : `${code(JSON.stringify(largest.before))} → ${code(JSON.stringify(largest.after))} (${largest.scenario})`;
    const total = output.moneyDelta === undefined ? "" : `${output.moneyDelta.total} ${unit}`;
    lines.push(`| \`${output.output}\` (${output.source}) | ${output.cases} | ${output.changed} | ${total} | ${example.replace(/\|/g, "\\|")} |`);
  }
  return lines;
}
