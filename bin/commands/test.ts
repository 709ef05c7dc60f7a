import { readdirSync } from "node:fs";
import { join } from "node:path";
import { printable, shortened } from "../../compiler/diagnostics/printable.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { parseCommandArgs } from "../args.js";
import { CliError, ExitStatus, type ExitCode } from "../exit.js";
import { compiledEvaluator, loadProgram } from "../load-program.js";
import { decodeUtf8, MAX_SCENARIO_BYTES, readRegularFile } from "../bounded-read.js";
import { pathKind, policyFolder } from "../policy-files.js";
import { readTestFile } from "../test-file.js";
import { runTestCase, type TestEvaluator, type TestOutcome } from "../test-runner.js";
import { scenarioEvaluator } from "../compiled-policy.js";

type TestOutcomeOutputs = Extract<TestOutcome, { kind: "evaluated" }>["outputs"];
import { commandUsage } from "../usage.js";

/** The outcome of one test file: its name, and what went wrong (nothing when it passed). */
interface TestReport {
  readonly file: string;
  readonly name: string;
  readonly cites?: string;
  readonly failures: readonly string[];
}

/**
 * `tiao test <policy>`: runs each `tests/*.json` beside the policy, prints one line per
 * test (with the details of each failure), then `N passed, M failed`.
 */
export async function test(args: readonly string[]): Promise<ExitCode> {
  const { policy } = parseCommandArgs(args, {}, commandUsage.test);
  const program = await loadProgram(policy, { warnings: true });
  if (program === undefined) return ExitStatus.failed;
  const testFiles = findTestFiles(policyFolder(policy));

  const generated = await compiledEvaluator(program);
  const evaluate: TestEvaluator = (scenario, measures) => {
    const outcome = scenarioEvaluator(program, generated, measures)(scenario);
    return outcome.kind === "evaluated" ? { kind: "evaluated", outputs: JSON.parse(outcome.json) as TestOutcomeOutputs } : outcome;
  };
  const reports = testFiles.map((file) => runTestFile(program, file, evaluate));
  for (const report of reports) process.stdout.write(formatReport(report));
  const failed = reports.filter((r) => r.failures.length > 0).length;
  process.stdout.write(`${reports.length - failed} passed, ${failed} failed\n`);
  return failed > 0 ? ExitStatus.failed : ExitStatus.ok;
}

function findTestFiles(policyFolder: string): string[] {
  const folder = join(policyFolder, "tests");
  if (pathKind(folder) !== "folder") throw new CliError(`no tests: there is no folder '${folder}' beside the policy`);
  const files = readdirSync(folder)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(folder, name));
  if (files.length === 0) throw new CliError(`no tests: no .json files in '${folder}'`);
  return files;
}

/**
 * Each `tests/*.json` entry must be a regular file of UTF-8 text (links followed) of at most
 * the size of a scenario: a folder named `x.json`, a link that leads back to itself or to a
 * device is a failed test that says why, and the other tests still run.
 */
function runTestFile(program: ProgramIR, file: string, evaluate: TestEvaluator): TestReport {
  const text = readTestText(file);
  if (typeof text !== "string") return { file, name: file, failures: [`cannot read the test file: ${text.problem}`] };
  const read = readTestFile(text, program);
  if (!read.ok) {
    return {
      file,
      name: read.name ?? file,
      failures: ["the test file is not valid:", ...read.problems.map((p) => `  ${p.path}: ${p.message}`)],
    };
  }
  const { test } = read;
  return { file, name: test.name, ...(test.cites === undefined ? {} : { cites: test.cites }), failures: runTestCase(program, test, evaluate) };
}

/** One line per test, and its details; names, citations and file names are escaped, as any text a test file or a folder holds. */
function readTestText(file: string): string | { readonly problem: string } {
  const bytes = readRegularFile(file, MAX_SCENARIO_BYTES);
  if (!bytes.ok) return { problem: bytes.problem };
  const text = decodeUtf8(bytes.bytes);
  return text.ok ? text.text : { problem: `it is not UTF-8 text (line ${text.line}, column ${text.column})` };
}

function formatReport(report: TestReport): string {
  const name = printable(shortened(report.name));
  if (report.failures.length === 0) return `✓ ${name}\n`;
  const details = [report.file, ...(report.cites === undefined ? [] : [`cites ${report.cites}`]), ...report.failures];
  return `✗ ${name}\n${details.map((line) => `    ${printable(line)}\n`).join("")}`;
}
