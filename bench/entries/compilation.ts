/**
 * Compilation: parse, check and emit for the ten measures of the notice — warm (in this
 * process, after warm-up) and cold (a fresh process, first compile) — and for synthetic
 * policies of 1k, 10k and 100k lines, in milliseconds per thousand lines, with the
 * ratio between the largest and the smallest as the measure of linearity.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Source } from "../../compiler/compile.js";
import type { BenchContext } from "../context.js";
import { compilePolicyText, emitJavaScript, messageOf, type PolicyText } from "../policy.js";
import { spreadOf, versus } from "../report.js";
import { syntheticPolicy } from "../synthetic-policy.js";
import { medianMs, summarise } from "../timing.js";

const GROUP = "Compilation (parse, check, emit JavaScript)";

function lineCount(sources: readonly Source[]): number {
  return sources.reduce((total, source) => total + source.text.split("\n").length - 1, 0);
}

async function compileAndEmit(text: PolicyText): Promise<void> {
  await emitJavaScript(await compilePolicyText(text));
}

interface ColdRun {
  readonly loadedMs: number;
  readonly compileMs: number;
  readonly sinceStartMs: number;
}

function coldRun(): ColdRun {
  const script = fileURLToPath(new URL("../compile-once.js", import.meta.url));
  const child = spawnSync(process.execPath, [script], { encoding: "utf8" });
  if (child.status !== 0) throw new Error(`the cold compile failed: ${child.stderr.split("\n")[0] ?? ""}`);
  return JSON.parse(child.stdout) as ColdRun;
}

export async function compilation(context: BenchContext): Promise<void> {
  const { report, options } = context;
  const text = context.policyText;
  try {
    await compileAndEmit(text);
  } catch (error) {
    report.skip("compilation", messageOf(error));
    return;
  }
  const lines = lineCount(text.sources);
  const warm = await medianMs(() => compileAndEmit(text), 5, options.quick ? 10 : 30);
  const warmFigure = report.figure({
    id: "compile.policy.warm",
    group: GROUP,
    label: `ten measures (${lines.toLocaleString("en-US")} lines), warm`,
    value: warm.median,
    unit: "ms",
    spread: spreadOf(warm),
    note: `median of ${warm.repetitions} compilations in one process, after 5 untimed`,
  });
  const colds = Array.from({ length: options.quick ? 3 : 7 }, coldRun);
  const cold = summarise(colds.map((run) => run.compileMs));
  report.figure(versus(
    {
      id: "compile.policy.cold",
      group: GROUP,
      label: "ten measures, cold (first compilation in a fresh process)",
      value: cold.median,
      unit: "ms",
      spread: spreadOf(cold),
      note: `median of ${cold.repetitions} processes; modules loaded, not yet optimised`,
    },
    warmFigure,
  ));
  const wall = summarise(colds.map((run) => run.sinceStartMs));
  report.figure({
    id: "compile.policy.cold_process",
    group: GROUP,
    label: "ten measures, fresh process from start to emitted JavaScript",
    value: wall.median,
    unit: "ms",
    spread: spreadOf(wall),
    note: "Node's start-up and module loading included",
  });

  let smallest: { label: string; value: number; unit: string } | undefined;
  for (const size of options.quick ? [1_000, 10_000] : [1_000, 10_000, 100_000]) {
    const policy = syntheticPolicy(size);
    const synthetic = { sources: policy.sources };
    process.stdout.write(`  compiling a synthetic policy of ${policy.lines.toLocaleString("en-US")} lines…\n`);
    // smaller policies compile in less time than the JIT takes to settle: warm them up longer
    const warmups = size >= 100_000 ? 1 : size >= 10_000 ? 3 : 10;
    const repetitions = size >= 100_000 ? 3 : size >= 10_000 ? 7 : 15;
    const sample = await medianMs(() => compileAndEmit(synthetic), warmups, repetitions);
    const perKiloLine = (ms: number): number => ms / (policy.lines / 1000);
    const figure = {
      id: `compile.synthetic.${size / 1000}k`,
      group: GROUP,
      label: `synthetic policy, ${policy.lines.toLocaleString("en-US")} lines in ${policy.sources.length} ${policy.sources.length === 1 ? "file" : "files"}`,
      value: perKiloLine(sample.median),
      unit: "ms per 1k lines",
      spread: spreadOf(sample, perKiloLine),
      note: `${sample.median.toFixed(0)} ms in all, median of ${sample.repetitions}; the ratio is the linearity: 1.0 is linear`,
    };
    report.figure(smallest === undefined ? figure : versus(figure, smallest));
    smallest ??= { label: figure.label, value: figure.value, unit: figure.unit };
  }
}
