import { parseCommandArgs } from "../args.js";
import { resultJson } from "../evaluate-scenario.js";
import { ExitStatus, type ExitCode } from "../exit.js";
import { evaluateScenarioCommand } from "../scenario-command.js";
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
  const outcome = await evaluateScenarioCommand({
    policy,
    scenario: values.scenario,
    measures: values.measure,
    explain: values.explain === true,
    usage: commandUsage.run,
  });
  if (outcome.kind === "failed") return outcome.exitCode;
  process.stdout.write(`${JSON.stringify(resultJson(outcome.result), null, 2)}\n`);
  return ExitStatus.ok;
}
