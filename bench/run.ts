/**
 * The benchmark: `npm run bench` (1,000,000 scenarios per timed repetition) or
 * `npm run bench -- --quick` (50,000). Everything runs in one process, against a baseline
 * measured in the same run, and the figures go to stdout as a table and to
 * bench/results.json. See docs/benchmarks.md for the method.
 *
 * Options: --quick, --scenarios N, --pool N, --population N, --repetitions N, --seed N,
 * --only entry,entry (entries: evaluation, engines, compilation, cli, population, reading, playground, sql),
 * --update-docs (rewrite the results section of docs/benchmarks.md).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BenchContext, type BenchOptions } from "./context.js";
import { cliLatency } from "./entries/cli.js";
import { compilation } from "./entries/compilation.js";
import { evaluationAllMeasures, evaluationRefundAndBenefits } from "./entries/evaluation.js";
import { playground } from "./entries/playground.js";
import { populationRun } from "./entries/population.js";
import { scenarioReading } from "./entries/scenario-reading.js";
import { sqlPopulation } from "./entries/sql.js";
import { REPO_ROOT, SCRATCH } from "./policy.js";
import { describeCrossCheck, environment, markdownTable, Report, table, type Environment } from "./report.js";
import { DEFAULT_SEED, scenarioPool } from "./workload.js";

/** One part of the benchmark; entries add figures to the report, or say why they cannot. */
export interface BenchEntry {
  readonly name: string;
  readonly title: string;
  run(context: BenchContext): Promise<void>;
}

const ENTRIES: readonly BenchEntry[] = [
  { name: "evaluation", title: "Evaluation of the ten measures", run: evaluationAllMeasures },
  { name: "engines", title: "Evaluation of §2 and §4 beside rule engines", run: evaluationRefundAndBenefits },
  { name: "compilation", title: "Compilation", run: compilation },
  { name: "cli", title: "Command-line latency", run: cliLatency },
  { name: "population", title: "Population run", run: populationRun },
  { name: "reading", title: "Reading scenarios", run: scenarioReading },
  { name: "playground", title: "Playground in Chromium", run: playground },
  { name: "sql", title: "Population run on SQL engines: DuckDB (1, 10, 50 million cases) and PostgreSQL", run: sqlPopulation },
];

function readOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: "boolean", default: false },
      scenarios: { type: "string" },
      pool: { type: "string" },
      population: { type: "string" },
      repetitions: { type: "string" },
      seed: { type: "string" },
      only: { type: "string" },
      "update-docs": { type: "boolean", default: false },
    },
  });
  const quick = values.quick === true;
  const count = (text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text.replaceAll("_", ""));
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`expected a positive whole number, got "${text}"`);
    return n;
  };
  const scenarios = count(values.scenarios, quick ? 50_000 : 1_000_000);
  return {
    quick,
    scenarios,
    pool: Math.min(scenarios, count(values.pool, quick ? 50_000 : 100_000)),
    seed: count(values.seed, DEFAULT_SEED),
    repetitions: count(values.repetitions, quick ? 3 : 5),
    secondsPerRepetition: quick ? 1 : 3,
    populationScenarios: count(values.population, scenarios),
    updateDocs: values["update-docs"] === true,
    ...(values.only === undefined ? {} : { only: values.only.split(",").map((name) => name.trim()) }),
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const env = environment();
  process.stdout.write(`tiao benchmark — ${env.date}, Node ${env.node}, ${env.cpu} (${env.cpuCount} CPUs)\n`);
  process.stdout.write(`workload: seed ${options.seed}, ${options.pool.toLocaleString("en-US")} distinct scenarios, `
    + `${options.scenarios.toLocaleString("en-US")} per timed repetition, ${options.repetitions} repetitions\n`);
  const pool = scenarioPool(options.seed, options.pool);
  const report = new Report();
  const context = new BenchContext(options, report, pool);
  for (const entry of ENTRIES) {
    if (options.only !== undefined && !options.only.includes(entry.name)) continue;
    process.stdout.write(`\n${entry.title}\n`);
    await entry.run(context);
  }
  process.stdout.write(`\n${table(report.figures)}\n`);
  const results = { ...env, options, figures: report.figures, crossChecks: report.crossChecks, notes: report.notes, skipped: report.skipped };
  const resultsFile = join(REPO_ROOT, "bench/results.json");
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  mkdirSync(SCRATCH, { recursive: true });
  writeFileSync(join(SCRATCH, "table.md"), `${markdownTable(report.figures)}\n`);
  process.stdout.write(`\nwritten: bench/results.json, and the table in Markdown: .tmp/bench/table.md\n`);
  if (options.updateDocs) {
    updateDocs(resultsSection(env, options, report));
    process.stdout.write("written: the results section of docs/benchmarks.md\n");
  }
}

function resultsSection(env: Environment, options: BenchOptions, report: Report): string {
  const count = (n: number): string => n.toLocaleString("en-US");
  const lines = [
    `Run of ${env.date.slice(0, 10)}: Node ${env.node}, ${env.cpu} (${env.cpuCount} CPUs), ${env.platform}, `
      + `load average ${env.loadAverage} when it started. Seed ${options.seed}, ${count(options.pool)} distinct scenarios, `
      + `${count(options.scenarios)} per timed repetition, ${options.repetitions} repetitions, `
      + `population run of ${count(options.populationScenarios)} scenarios.`,
    "",
    markdownTable(report.figures),
  ];
  if (report.crossChecks.length > 0) {
    lines.push("", "Cross-checks, on every scenario of the pool:", "", ...report.crossChecks.map((check) => `- ${describeCrossCheck(check)}`));
  }
  if (report.notes.length > 0) lines.push("", ...report.notes.map((note) => `- ${note}`));
  if (report.skipped.length > 0) {
    lines.push("", "Left out:", "", ...report.skipped.map((s) => `- ${s.entry}: ${s.reason}`));
  }
  return lines.join("\n");
}

const START = "<!-- results:start -->";
const END = "<!-- results:end -->";

function updateDocs(section: string): void {
  const file = join(REPO_ROOT, "docs/benchmarks.md");
  const text = readFileSync(file, "utf8");
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`docs/benchmarks.md has no ${START} … ${END} section`);
  writeFileSync(file, `${text.slice(0, start + START.length)}\n${section}\n${text.slice(end)}`);
}

await main();
