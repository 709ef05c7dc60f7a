/**
 * What a benchmark run reports: figures (each with the baseline it is divided by, measured
 * in the same run), cross-checks between engines, and entries that could not run, as a
 * table on stdout and as bench/results.json.
 */
import { cpus, loadavg, platform } from "node:os";
import type { CrossCheck } from "./crosscheck.js";
import type { Sample } from "./timing.js";

export interface Figure {
  /** stable key: "evaluate.all.compiled" */
  readonly id: string;
  /** the heading the figure is printed under */
  readonly group: string;
  readonly label: string;
  readonly value: number;
  /** "scenarios/s", "ms", "MB", "ms per 1k lines" */
  readonly unit: string;
  readonly spread?: { readonly min: number; readonly max: number; readonly repetitions: number };
  readonly baseline?: { readonly label: string; readonly value: number; readonly unit: string };
  /** value ÷ baseline value */
  readonly ratio?: number;
  readonly note?: string;
}

export interface Skipped {
  readonly entry: string;
  readonly reason: string;
}

export class Report {
  readonly figures: Figure[] = [];
  readonly crossChecks: CrossCheck[] = [];
  readonly skipped: Skipped[] = [];
  /** findings of the run that are not figures, such as the agreement of two output files */
  readonly notes: string[] = [];

  figure(figure: Figure): Figure {
    this.figures.push(figure);
    return figure;
  }

  skip(entry: string, reason: string): void {
    this.skipped.push({ entry, reason });
    process.stdout.write(`  skipped ${entry}: ${reason}\n`);
  }

  note(text: string): void {
    this.notes.push(text);
    process.stdout.write(`  ${text}\n`);
  }

  crossCheck(check: CrossCheck): void {
    this.crossChecks.push(check);
    process.stdout.write(`  ${describeCrossCheck(check)}\n`);
  }
}

/** A figure measured against a baseline figure of the same run. */
export function versus(
  figure: Omit<Figure, "baseline" | "ratio">,
  baseline: Pick<Figure, "label" | "value" | "unit">,
): Figure {
  return { ...figure, baseline: { label: baseline.label, value: baseline.value, unit: baseline.unit }, ratio: figure.value / baseline.value };
}

export function spreadOf(sample: Sample, scale: (value: number) => number = (v) => v): Figure["spread"] {
  const a = scale(sample.min);
  const b = scale(sample.max);
  return { min: Math.min(a, b), max: Math.max(a, b), repetitions: sample.repetitions };
}

export function describeCrossCheck(check: CrossCheck): string {
  const scope = check.measures === undefined ? "all measures" : check.measures.join(", ");
  const head = `${check.engine} vs ${check.reference}, ${scope}: ${check.scenarios.toLocaleString("en-US")} scenarios`;
  if (check.disagreements.length === 0) return `${head}, all outputs agree`;
  const parts = check.disagreements.map((d) => {
    const example = `e.g. scenario #${d.example.index}: expected ${JSON.stringify(d.example.expected)}, got ${JSON.stringify(d.example.actual)}`;
    return `${d.output} differs in ${d.count} (${example})`;
  });
  return `${head}, ${check.scenariosDisagreeing} disagree: ${parts.join("; ")}`;
}

function formatNumber(value: number): string {
  if (value >= 100) return Math.round(value).toLocaleString("en-US");
  if (value >= 10) return value.toFixed(1);
  return value.toPrecision(3);
}

function formatRatio(ratio: number): string {
  return ratio >= 10 ? `${ratio.toFixed(0)}×` : ratio >= 0.1 ? `${ratio.toFixed(2)}×` : `${ratio.toPrecision(2)}×`;
}

/** The figures as a plain-text table, grouped under their headings. */
export function table(figures: readonly Figure[]): string {
  const rows: string[][] = [["", "value", "unit", "÷ baseline", "baseline"]];
  const groups: string[] = [];
  let group: string | undefined;
  for (const figure of figures) {
    if (figure.group !== group) {
      group = figure.group;
      groups.push(group);
      rows.push([`## ${group}`, "", "", "", ""]);
    }
    rows.push([
      `  ${figure.label}`,
      formatNumber(figure.value),
      figure.unit,
      figure.ratio === undefined ? "" : formatRatio(figure.ratio),
      figure.baseline === undefined ? "" : figure.baseline.label,
    ]);
  }
  const widths = rows[0]!.map((_, column) => Math.max(...rows.filter((r) => !r[0]!.startsWith("## ")).map((r) => r[column]!.length)));
  return rows
    .map((row) =>
      row[0]!.startsWith("## ")
        ? row[0]!.slice(3)
        : row.map((cell, column) => (column === 1 || column === 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ").trimEnd(),
    )
    .join("\n");
}

/** The same table in Markdown, for docs/benchmarks.md. */
export function markdownTable(figures: readonly Figure[]): string {
  const lines: string[] = [];
  let group: string | undefined;
  for (const figure of figures) {
    if (figure.group !== group) {
      group = figure.group;
      lines.push("", `**${group}**`, "", "| | value | unit | ÷ baseline | baseline |", "|---|---:|---|---:|---|");
    }
    lines.push(
      `| ${figure.label} | ${formatNumber(figure.value)} | ${figure.unit} | ${figure.ratio === undefined ? "" : formatRatio(figure.ratio)} | ${figure.baseline?.label ?? ""} |`,
    );
  }
  return lines.join("\n").trim();
}

export interface Environment {
  readonly date: string;
  readonly node: string;
  readonly cpu: string;
  readonly cpuCount: number;
  readonly platform: string;
  /** the machine's 1-minute load average when the run started: other work skews timings */
  readonly loadAverage: number;
}

export function environment(): Environment {
  const processors = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: processors[0]?.model ?? "unknown",
    cpuCount: processors.length,
    platform: `${platform()} ${process.arch}`,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
