import { parseCommandArgs } from "../args.js";
import { explanationText } from "../../compiler/explain-text.js";
import { ExitStatus, type ExitCode } from "../exit.js";
import { explanationLanguageOption, evaluateScenarioCommand } from "../scenario-command.js";
import { commandUsage } from "../usage.js";

const options = {
  scenario: { type: "string" },
  measure: { type: "string", multiple: true },
  lang: { type: "string" },
} as const;

/**
 * `tiao explain <policy> --scenario <file>`: the evaluation as a plain-text report, measure
 * by measure, for a reader who checks it against the document. Same inputs, checks and exit
 * statuses as `tiao run`; on any failure stdout stays empty.
 */
export async function explain(args: readonly string[]): Promise<ExitCode> {
  const { policy, values } = parseCommandArgs(args, options, commandUsage.explain);
  const outcome = await evaluateScenarioCommand({
    policy,
    scenario: values.scenario,
    measures: values.measure,
    explain: true,
    ...explanationLanguageOption(values.lang, commandUsage.explain),
    usage: commandUsage.explain,
  });
  if (outcome.kind === "failed") return outcome.exitCode;
  if (outcome.explained === undefined) throw new Error("the evaluation has no explanations");
  process.stdout.write(explanationText(outcome.explained, outcome.program));
  return ExitStatus.ok;
}
