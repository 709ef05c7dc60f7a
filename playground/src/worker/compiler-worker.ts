/**
 * The compiler worker: the repository's own compiler, language service and interpreter
 * (grammar/, compiler/, runtime/, and the CLI's browser-safe scenario and test runners),
 * run off the page's thread so that typing never waits for a compilation. It keeps the
 * last program it compiled for the requests that follow (editor features, tests, sweeps,
 * generated code).
 */
import { compile } from "../../../compiler/compile.js";
import { hasErrors } from "../../../compiler/diagnostics/diagnostic.js";
import { diffPrograms } from "../../../compiler/diff/diff.js";
import type { DiffReport } from "../../../compiler/diff/report.js";
import { emitTypeScript } from "../../../compiler/emit/typescript.js";
import type { ProgramIR, RuleIR } from "../../../compiler/ir.js";
import { createLanguageService, monarchLanguage, noticeSentences } from "../../../compiler/service/index.js";
import { evaluateScenario, problemLine, resultJson } from "../../../compiler/evaluate-scenario.js";
import { readTestFile } from "../../../bin/test-file.js";
import { runTestCase } from "../../../bin/test-runner.js";
import type { Analysis, AnalysisUpdate, Envelope, ProgramOutline, RuleOutline, RunExplanations, RunOutcome, RunOutputs, ServiceCall, ServiceResults, SweepPoint, SweepVariable, TestOutcome, WorkerAnswer, WorkerRequest } from "../protocol.js";

interface WorkerScope {
  onmessage: ((event: MessageEvent<Envelope<WorkerRequest>>) => void) | null;
  postMessage(message: Envelope<WorkerAnswer>): void;
}
const scope = self as unknown as WorkerScope;

const service = createLanguageService();
let program: ProgramIR | undefined;

scope.onmessage = async (event) => {
  const { id, body } = event.data;
  let answer: WorkerAnswer;
  try {
    answer = body.kind === "diff" ? { kind: "diff", ...(await semanticDiff(body.published, body.notice)) } : answerTo(body);
  } catch (error) {
    // A bug of the compiler must show as a message on the page, not as a silent worker.
    answer = { kind: "failed", message: error instanceof Error ? `internal error: ${error.message}` : `internal error: ${String(error)}` };
  }
  scope.postMessage({ id, body: answer });
};

function answerTo(request: Exclude<WorkerRequest, { kind: "diff" }>): WorkerAnswer {
  switch (request.kind) {
    case "analyze": {
      const started = performance.now();
      const analysis = changesSinceLastAnswer(analyze(request.files, request.notice, request.scenario));
      return { kind: "analyze", analysis, milliseconds: performance.now() - started };
    }
    case "test":
      return { kind: "test", outcomes: program === undefined ? [] : request.tests.map((test) => runTest(program as ProgramIR, test.path, test.text)) };
    case "sweep":
      return { kind: "sweep", points: sweep(request.scenario, request.measure, request.variable, request.values) };
    case "language":
      return { kind: "language", monarch: monarchLanguage() };
    case "service":
      return { kind: "service", result: serviceAnswer(request.call) };
    case "emit":
      return program === undefined ? { kind: "emit" } : { kind: "emit", typescript: emitTypeScript(program, { runtimeImport: "tiao/runtime" }) };
  }
}

/** The published policy compiled once, for the comparisons with it. */
let published: { files: readonly { path: string; text: string }[]; program: ProgramIR | undefined } | undefined;

/**
 * The diff engine of `tiao diff`, without its solver: z3 in a browser needs
 * SharedArrayBuffer, which only a cross-origin isolated page has, and a static site cannot
 * promise the headers that give it. Every output is left to the bounded search, and the
 * report says so of each. No impact is computed: the page has one case, not a population.
 * Without a solver, diffPrograms never waits, so no other request is answered meanwhile.
 */
async function semanticDiff(publishedFiles: readonly { path: string; text: string }[], notice: string): Promise<{ report?: DiffReport }> {
  if (published === undefined || !sameFiles(published.files, publishedFiles)) {
    published = { files: publishedFiles, program: compile(publishedFiles, { notice }).program };
  }
  if (published.program === undefined || program === undefined) return {};
  return { report: await diffPrograms(published.program, program, { seed: 1 }) };
}

/** The files of the last analysis, whose compilation is reused while they stay the same: a change of the case alone only evaluates. */
let last: { files: readonly { path: string; text: string }[]; analysis: Omit<Analysis, "run"> } | undefined;

function sameFiles(a: readonly { path: string; text: string }[], b: readonly { path: string; text: string }[]): boolean {
  return a.length === b.length && a.every((file, i) => file.path === b[i]?.path && file.text === b[i]?.text);
}

function analyze(files: readonly { path: string; text: string }[], notice: string, scenario: string): Analysis {
  if (last === undefined || !sameFiles(last.files, files)) {
    service.setFiles(files, { notice });
    const diagnostics = service.diagnostics();
    program = hasErrors(diagnostics) ? undefined : service.program();
    last = {
      files,
      analysis: program === undefined ? { diagnostics } : { diagnostics, program: outlineOf(program), notice: noticeSentences(program, notice) },
    };
  }
  return { ...last.analysis, run: program === undefined ? { kind: "not_compiled" } : run(program, scenario) };
}

/** The JSON of each part of the last analysis answered, to leave out what did not change. */
let answered: { [part in keyof Analysis]?: string } = {};

function changesSinceLastAnswer(analysis: Analysis): AnalysisUpdate {
  const now: { [part in keyof Analysis]-?: string } = {
    diagnostics: JSON.stringify(analysis.diagnostics),
    program: JSON.stringify(analysis.program) ?? "",
    notice: JSON.stringify(analysis.notice) ?? "",
    run: JSON.stringify(analysis.run),
  };
  const previous = answered;
  answered = now;
  const part = <K extends keyof Analysis>(key: K): Analysis[K] | "unchanged" => (previous[key] === now[key] ? "unchanged" : analysis[key]);
  return { diagnostics: part("diagnostics"), program: part("program"), notice: part("notice"), run: part("run") };
}

function outlineOf(program: ProgramIR): ProgramOutline {
  const rule = ({ condition: _condition, value: _value, exceptions, ...kept }: RuleIR): RuleOutline => ({ ...kept, exceptions: exceptions.map(rule) });
  return {
    ...program,
    measures: program.measures.map((measure) => ({
      ...measure,
      definitions: measure.definitions.map((definition) => ({ ...definition, rules: definition.rules.map(rule) })),
    })),
  };
}

function serviceAnswer(call: ServiceCall): ServiceResults[ServiceCall["method"]] {
  switch (call.method) {
    case "completions":
      return service.completions(call.file, call.position);
    case "hover":
      return service.hover(call.file, call.position);
    case "definition":
      return service.definition(call.file, call.position);
    case "references":
      return service.references(call.file, call.position, { includeDeclaration: call.includeDeclaration });
    case "quickFixes":
      return service.quickFixes(call.file, call.range);
    case "rename":
      return service.rename(call.file, call.position, call.newName);
    case "format":
      return service.format(call.file);
  }
}

function run(program: ProgramIR, scenario: string): RunOutcome {
  const outcome = evaluateScenario(program, { scenario, explain: true });
  switch (outcome.kind) {
    case "bad_input":
      return { kind: "bad_input", problems: outcome.problems };
    case "evaluation_error":
      return {
        kind: "evaluation_error",
        message: outcome.error.message,
        ...(outcome.error.location === undefined ? {} : { location: `${outcome.error.location.file}:${outcome.error.location.line}:${outcome.error.location.column}` }),
      };
    case "evaluated": {
      const { explain, ...outputs } = resultJson(outcome.result);
      return { kind: "evaluated", outputs: outputs as RunOutputs, explain: (explain ?? {}) as RunExplanations, skipped: outcome.result.skipped };
    }
  }
}

function runTest(program: ProgramIR, file: string, text: string): TestOutcome {
  const read = readTestFile(text, program);
  if (!read.ok) {
    return { file, name: read.name ?? file, passed: false, differences: read.problems.map((problem) => `${problem.path}: ${problem.message}`) };
  }
  const differences = runTestCase(program, read.test);
  return { file, name: read.test.name, ...(read.test.cites === undefined ? {} : { cites: read.test.cites }), passed: differences.length === 0, differences };
}

/** One evaluation of `measure` per value of the variable, the rest of the scenario unchanged. */
function sweep(scenarioText: string, measure: string, variable: SweepVariable, values: readonly string[]): SweepPoint[] {
  if (program === undefined) return [];
  const compiled = program;
  const base = JSON.parse(scenarioText) as Record<string, unknown>;
  return values.map((x) => {
    const scenario = withValue(base, variable, x);
    const outcome = evaluateScenario(compiled, { scenario: JSON.stringify(scenario), explain: false, measures: [measure] });
    switch (outcome.kind) {
      case "evaluated":
        return { x, outputs: outcome.result.outputs[measure] ?? {} };
      case "bad_input":
        return { x, error: outcome.problems.map(problemLine).join("; ") };
      case "evaluation_error":
        return { x, error: outcome.error.message };
    }
  });
}

function withValue(scenario: Record<string, unknown>, variable: SweepVariable, x: string): Record<string, unknown> {
  if (variable.kind === "date") return { ...scenario, date: x };
  const entity = (scenario[variable.entity] ?? {}) as Record<string, unknown>;
  const value = variable.type === "money" || variable.type === "percent" || variable.type === "decimal" || variable.type === "date" ? x : Number(x);
  return { ...scenario, [variable.entity]: { ...entity, [variable.field]: value } };
}
