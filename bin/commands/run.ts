import { availableParallelism } from "node:os";
import { parseCommandArgs } from "../args.js";
import { resultJson, type ResultJson } from "../../compiler/evaluate-scenario.js";
import { ExitStatus, UsageError, type ExitCode } from "../exit.js";
import { explanationLanguageOption, evaluateScenarioCommand } from "../scenario-command.js";
import { commandUsage } from "../usage.js";

const options = {
  scenario: { type: "string" },
  scenarios: { type: "string" },
  out: { type: "string" },
  jobs: { type: "string" },
  measure: { type: "string", multiple: true },
  explain: { type: "boolean" },
  lang: { type: "string" },
  engine: { type: "string" },
} as const;

/**
 * `tiao run <policy> --scenario <file>`: the outputs of each measure as JSON on stdout,
 * in the form of the scenario contract. On any failure stdout stays empty.
 * `tiao run <policy> --scenarios <file> --out <file>`: the same for every line of a file
 * of scenarios, one line of results each (bin/population-command.ts).
 */
export async function run(args: readonly string[]): Promise<ExitCode> {
  const { policy, values } = parseCommandArgs(args, options, commandUsage.run);
  if (values.lang !== undefined && values.explain !== true) {
    throw new UsageError("--lang goes with --explain: it sets the language of the explanations", commandUsage.run);
  }
  if (values.scenarios !== undefined) {
    if (values.scenario !== undefined) {
      throw new UsageError("--scenario and --scenarios cannot be used together: give one scenario, or a file of them", commandUsage.run);
    }
    if (values.explain === true) {
      throw new UsageError("--explain cannot be used with --scenarios: explain one scenario at a time with --scenario", commandUsage.run);
    }
    if (values.out === undefined) throw new UsageError("missing --out <file.ndjson>: where to write the results of --scenarios", commandUsage.run);
    const output = values.measure?.find((name) => name.includes("."));
    if (output !== undefined) {
      throw new UsageError(`--measure ${output} names one output, which goes with --scenario: with --scenarios, name whole measures (--measure ${output.slice(0, output.indexOf("."))})`, commandUsage.run);
    }
    const jobs = values.jobs === undefined ? undefined : jobCount(values.jobs);
    if (values.engine !== undefined && values.engine !== "node") {
      if (values.engine !== "duckdb") throw new UsageError(`unknown --engine '${values.engine}': expected node or duckdb`, commandUsage.run);
      const { runSqlPopulation } = await import("../sql-population.js");
      return runSqlPopulation({ policy, scenarios: values.scenarios, out: values.out, jobs, measures: values.measure });
    }
    const { runPopulation } = await import("../population-command.js");
    return runPopulation({ policy, scenarios: values.scenarios, out: values.out, measures: values.measure, jobs });
  }
  for (const option of ["out", "jobs", "engine"] as const) {
    if (values[option] !== undefined) {
      throw new UsageError(`--${option} goes with --scenarios: the result of one --scenario is printed on standard output`, commandUsage.run);
    }
  }
  const outcome = await evaluateScenarioCommand({
    policy,
    scenario: values.scenario,
    measures: values.measure,
    explain: values.explain === true,
    ...explanationLanguageOption(values.lang, commandUsage.run),
    usage: commandUsage.run,
  });
  if (outcome.kind === "failed") return outcome.exitCode;
  const results = JSON.parse(outcome.json) as ResultJson;
  const explained = outcome.explained === undefined ? undefined : resultJson(outcome.explained).explain;
  process.stdout.write(`${JSON.stringify(explained === undefined ? results : { ...results, explain: explained }, null, 2)}\n`);
  return ExitStatus.ok;
}

/**
 * Threads beyond the processors only wait their turn, and each worker holds some 30 MB:
 * more than 4 per processor is never useful, and thousands would exhaust the memory.
 */
const JOBS_PER_PROCESSOR = 4;

function jobCount(text: string): number {
  const jobs = Number(text);
  const maximum = JOBS_PER_PROCESSOR * availableParallelism();
  if (!/^[0-9]{1,6}$/.test(text) || jobs < 1 || jobs > maximum) {
    throw new UsageError(`--jobs expects a number of threads from 1 to ${maximum} (${JOBS_PER_PROCESSOR} per processor), got ${JSON.stringify(text)}`, commandUsage.run);
  }
  return jobs;
}
