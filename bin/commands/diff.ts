import type { ProgramIR } from "../../compiler/ir.js";
import { hasErrors } from "../../compiler/diagnostics/diagnostic.js";
import { parseOrExplain } from "../args.js";
import { ExitStatus, UsageError, type ExitCode } from "../exit.js";
import type { CaseSet, ImpactInput } from "../../compiler/diff/impact.js";
import { readText } from "../policy-files.js";
import { readPolicySide, type PolicySide } from "../policy-side.js";
import { plural } from "../text.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { commandUsage } from "../usage.js";

const options = {
  format: { type: "string" },
  "exit-code": { type: "boolean" },
  seed: { type: "string" },
  population: { type: "string" },
} as const;

/** Cases of the population generated when no --population is given. */
const generatedPopulationSize = 1000;

const formats = ["text", "markdown", "json"] as const;
type Format = (typeof formats)[number];

/**
 * `tiao diff <old> <new>`: what the new version of a policy changes, for whom, with a
 * witness or a proof per output and the impact on cases (compiler/diff/).
 */
export async function diff(args: readonly string[]): Promise<ExitCode> {
  const usage = commandUsage.diff;
  const { values, positionals } = parseOrExplain(args, options, usage);
  const [oldArgument, newArgument, ...extra] = positionals;
  if (oldArgument === undefined || newArgument === undefined) {
    throw new UsageError("expected two policies: tiao diff <old> <new> (a path, or git:<rev>:<path>)", usage);
  }
  if (extra.length > 0) throw new UsageError(`unexpected argument '${extra[0]}'`, usage);
  const format = formatOption(values.format, usage);
  const seed = seedOption(values.seed, usage);

  // z3 compiles its WebAssembly while the policies compile.
  const solverLoading = import("../z3-solver.js").then(({ loadZ3 }) => loadZ3());
  const oldSide = readPolicySide(oldArgument);
  const newSide = readPolicySide(newArgument);
  const [oldProgram, newProgram] = [await compileSide(oldSide), await compileSide(newSide)];
  if (oldProgram === undefined || newProgram === undefined) return ExitStatus.failed;

  const { diffPrograms } = await import("../../compiler/diff/diff.js");
  const { renderJson, renderMarkdown, renderText } = await import("../../compiler/diff/render.js");
  const solver = await solverLoading;
  const cases = [ownCases(oldSide, newSide), ...(values.population === undefined ? [] : [populationCases(values.population)])];
  const report = await diffPrograms(oldProgram, newProgram, {
    seed,
    ...(solver === undefined ? {} : { solver }),
    cases: cases.filter((set) => set.cases.length > 0),
    generatedPopulation: values.population === undefined ? generatedPopulationSize : 0,
  });
  const colour = process.stdout.isTTY === true && process.env["NO_COLOR"] === undefined;
  process.stdout.write(format === "json" ? renderJson(report) : format === "markdown" ? renderMarkdown(report) : renderText(report, { colour }));
  return values["exit-code"] === true && report.summary.outcomesChange ? ExitStatus.outcomesChange : ExitStatus.ok;
}

/** The tests (tests/*.json) and scenarios (scenarios/*.json) beside either version; a file both have is taken from the old one. */
function ownCases(oldSide: PolicySide, newSide: PolicySide): CaseSet {
  const cases = new Map<string, ImpactInput>();
  for (const side of [oldSide, newSide]) {
    for (const name of side.listBeside("tests").filter((n) => n.endsWith(".json"))) {
      const text = side.readBeside(`tests/${name}`);
      const test = text === undefined ? undefined : testScenario(text);
      if (test !== undefined && !cases.has(`tests/${name}`)) cases.set(`tests/${name}`, { label: `test ${JSON.stringify(test.name)}`, text: test.scenario });
    }
    for (const name of side.listBeside("scenarios").filter((n) => n.endsWith(".json"))) {
      const text = side.readBeside(`scenarios/${name}`);
      if (text !== undefined && !cases.has(`scenarios/${name}`)) cases.set(`scenarios/${name}`, { label: `scenarios/${name}`, text });
    }
  }
  const tests = [...cases.keys()].filter((key) => key.startsWith("tests/")).length;
  const scenarios = cases.size - tests;
  return { name: `the policy's ${plural(tests, "test")} and ${plural(scenarios, "scenario")}`, cases: [...cases.values()] };
}

/** The name and scenario of a test file; undefined for a file that is not a test (the test command reports those). */
function testScenario(text: string): { name: string; scenario: string } | undefined {
  try {
    const test: unknown = JSON.parse(text);
    if (typeof test !== "object" || test === null || !("scenario" in test) || !("name" in test)) return undefined;
    return { name: String(test.name), scenario: JSON.stringify(test.scenario) };
  } catch {
    return undefined;
  }
}

function populationCases(path: string): CaseSet {
  const lines = readText(path, "population").split("\n");
  const cases = lines.flatMap((line, index) => (line.trim() === "" ? [] : [{ label: `${path} line ${index + 1}`, text: line }]));
  return { name: `the population ${path}`, cases };
}

async function compileSide(side: PolicySide): Promise<ProgramIR | undefined> {
  const { compile } = await import("../../compiler/compile.js");
  const result = compile(side.files, { readNotice: side.readNotice, ...(side.amended === undefined ? {} : { amended: side.amended }) });
  if (hasErrors(result.diagnostics)) {
    printDiagnostics(result.diagnostics, side.allFiles ?? side.files);
    return undefined;
  }
  return result.program;
}

function formatOption(value: string | undefined, usage: string): Format {
  if (value === undefined) return "text";
  if ((formats as readonly string[]).includes(value)) return value as Format;
  throw new UsageError(`--format expects text, markdown or json, got "${value}"`, usage);
}

function seedOption(value: string | undefined, usage: string): number {
  if (value === undefined) return 1;
  if (!/^[0-9]{1,9}$/.test(value)) throw new UsageError(`--seed expects a whole number, got "${value}"`, usage);
  return Number(value);
}
