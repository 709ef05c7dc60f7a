import { readFileSync } from "node:fs";
import { parseCommandArgs } from "../args.js";
import {
  evaluateScenario,
  evaluationErrorText,
  measureNames,
  problemLine,
  resultJson,
  unknownMeasures,
} from "../evaluate-scenario.js";
import { CliError, ExitStatus, UsageError, type ExitCode } from "../exit.js";
import { loadProgram } from "../load-program.js";
import { readText } from "../policy-files.js";
import { commandUsage } from "../usage.js";

const options = {
  scenario: { type: "string" },
  measure: { type: "string", multiple: true },
  explain: { type: "boolean" },
} as const;

/**
 * `tiao run <policy> --scenario <file>`: the outputs of each measure as JSON on stdout,
 * in the form of the scenario contract. On any failure stdout stays empty.
 */
export async function run(args: readonly string[]): Promise<ExitCode> {
  const { policy, values } = parseCommandArgs(args, options, commandUsage.run);
  if (values.scenario === undefined) throw new UsageError("missing --scenario <file.json>", commandUsage.run);
  const scenarioText = readScenarioText(values.scenario);
  // Warnings would mix with the one-line-per-problem report: only errors stop a run.
  const program = await loadProgram(policy, { warnings: false });
  if (program === undefined) return ExitStatus.failed;

  const unknown = unknownMeasures(program, values.measure ?? []);
  if (unknown.length > 0) {
    const known = measureNames(program);
    for (const name of unknown) process.stderr.write(`--measure: the policy has no measure "${name}" (it has ${known})\n`);
    return ExitStatus.badInput;
  }
  const outcome = evaluateScenario(program, {
    text: scenarioText,
    explain: values.explain === true,
    ...(values.measure === undefined ? {} : { measures: values.measure }),
  });
  switch (outcome.kind) {
    case "bad_input":
      for (const problem of outcome.problems) process.stderr.write(`${problemLine(problem)}\n`);
      return ExitStatus.badInput;
    case "evaluation_error":
      process.stderr.write(`${evaluationErrorText(outcome.error)}\n`);
      return ExitStatus.evaluationError;
    case "evaluated":
      process.stdout.write(`${JSON.stringify(resultJson(outcome.result), null, 2)}\n`);
      return ExitStatus.ok;
  }
}

function readScenarioText(file: string): string {
  if (file !== "-") return readText(file, "scenario");
  try {
    return readFileSync(0, "utf8");
  } catch (error) {
    throw new CliError(`cannot read the scenario from standard input: ${error instanceof Error ? error.message : String(error)}`);
  }
}
