/**
 * A policy's compiled evaluator, the one computation of every command that evaluates: the
 * program's generated JavaScript (compiler/emit/typescript.ts) imported as a module, and a
 * function that reads one scenario, evaluates each measure it has the facts for and writes
 * the results as JSON text — what `tiao run` prints for one scenario (laid out on lines) and
 * for each line of a file of scenarios, and what `tiao test` compares. Compiled code, not
 * the interpreter: it evaluates a population several times faster, and the property tests
 * hold it equal to the interpreter, whose trace gives the explanations (`--explain`).
 */
import type { MeasureIR, ProgramIR } from "../compiler/ir.js";
import { missingFacts, type EvaluationError, type RecordValue, type RuntimeValue, type Scenario, type ValueType } from "../runtime/index.js";
import { ownValue } from "../runtime/own-properties.js";
import { naturalMeasureOrder, problemLine, runScenario, type RunOutcome } from "../compiler/evaluate-scenario.js";
import { factsReadByOutputs } from "../compiler/output-reads.js";
import { parseSelection } from "../compiler/interpret.js";
import { outputsWriter } from "./output-json.js";
import type { LineEvaluator, LineOutcome } from "./population.js";
import { required } from "../compiler/internal-error.js";

type Facts = { readonly [entity: string]: RecordValue };
type Outputs = { readonly [output: string]: RuntimeValue };

/** One measure of the generated module's `measures` table. */
interface CompiledMeasure {
  readonly reads: readonly string[];
  /** `in_force` first, then the outputs in written order */
  readonly outputs: { readonly [output: string]: ValueType };
  readonly evaluate: (facts: Facts, asOf: number, overrides: Outputs) => Outputs;
  /** each output a function; one given for each member of a list takes the member */
  readonly outputsOnDemand: (facts: Facts, asOf: number, overrides: Outputs) => { readonly [output: string]: (member?: RuntimeValue) => RuntimeValue };
}

/** The generated module, as much of it as a generic driver uses. */
export interface GeneratedModule {
  readonly measures: { readonly [name: string]: CompiledMeasure };
  /** the class of the errors its evaluators throw: that of the runtime it imports */
  readonly evaluationError: typeof EvaluationError;
}

// dist/bin/ or dist/cli/ → dist/runtime/
const runtimeImport = new URL("../runtime/index.js", import.meta.url).href;

/** The program as JavaScript that imports the built runtime (dist/runtime/) by its absolute URL. */
export async function emitGeneratedModule(program: ProgramIR): Promise<string> {
  const { emitJavaScript } = await import("../compiler/emit/typescript.js");
  return emitJavaScript(program, { runtimeImport }).js;
}

/**
 * Imports generated JavaScript from its text (a `data:` URL), so that nothing is written
 * beside the policy or in a folder that may not be writable. The CLI may be bundled with a
 * copy of the runtime of its own, so evaluation errors are recognised by the class of the
 * runtime the module imports.
 */
export async function importGeneratedModule(javascript: string): Promise<GeneratedModule> {
  const runtime = (await import(runtimeImport)) as typeof import("../runtime/index.js");
  const module: unknown = await import(`data:text/javascript;base64,${Buffer.from(javascript).toString("base64")}`);
  if (typeof module !== "object" || module === null || !("measures" in module) || typeof module.measures !== "object") {
    throw new Error("the generated JavaScript exports no `measures` table");
  }
  return { measures: module.measures as GeneratedModule["measures"], evaluationError: runtime.EvaluationError };
}

interface PreparedMeasure {
  readonly measure: MeasureIR;
  readonly evaluate: CompiledMeasure["evaluate"];
  /** the facts it needs: all it reads, or those the outputs asked for read */
  readonly reads: readonly string[];
  /** `"m1":{…}` */
  readonly write: (outputs: Outputs) => string;
}

/** What became of one scenario: its results as one line of JSON text, or why there are none. */
export type CompiledOutcome = RunOutcome<{ readonly json: string }>;

/**
 * The evaluator of one scenario's text (compiler/evaluate-scenario.ts `runScenario`): the
 * measures asked for (all when `measureNames` is absent) that have their facts evaluated in
 * the policy's order, as the interpreter does, so that the first evaluation error is the
 * same one; their results written in natural order (m1, m2, … m10), as `tiao run` prints them.
 */
export function scenarioEvaluator(program: ProgramIR, generated: GeneratedModule, measureNames?: readonly string[]): (text: string) => CompiledOutcome {
  const schema = program.schema;
  const selection = parseSelection(measureNames);
  const measures = program.measures
    .filter((measure) => selection === undefined || selection.measures.includes(measure.name))
    .map((measure): PreparedMeasure => {
      const compiled = required(ownValue(generated.measures, measure.name), `the measure ${measure.name} in the generated JavaScript`);
      const key = `${JSON.stringify(measure.name)}:`;
      const asked = selection?.outputs.get(measure.name);
      if (asked === undefined) {
        const writeOutputs = outputsWriter(compiled.outputs, schema);
        return { measure, evaluate: compiled.evaluate, reads: measure.reads, write: (outputs) => key + writeOutputs(outputs) };
      }
      // `--measure m4.total`: `in_force` and the outputs asked for, each computed on demand with only what it reads.
      const names = ["in_force", ...asked.filter((name) => name !== "in_force")];
      const types = Object.fromEntries(
        names.map((name): [string, ValueType] => [name, required(ownValue(compiled.outputs, name), `the output ${measure.name}.${name} in the generated JavaScript`)]),
      );
      const writeOutputs = outputsWriter(types, schema);
      const lists = new Map(measure.definitions.flatMap((definition) => (definition.members === undefined ? [] : [[definition.name, definition.members] as const])));
      const evaluate: CompiledMeasure["evaluate"] = (facts, asOf, overrides) => {
        const onDemand = compiled.outputsOnDemand(facts, asOf, overrides);
        return Object.fromEntries(
          names.map((name): [string, RuntimeValue] => {
            const output = required(ownValue(onDemand, name), `the output ${measure.name}.${name} in the generated JavaScript`);
            const list = lists.get(name);
            if (list === undefined) return [name, output()];
            const members = ownValue(ownValue(facts, list.entity) ?? {}, list.field);
            return [name, Array.isArray(members) ? members.map((member: RuntimeValue) => output(member)) : []];
          }),
        );
      };
      return { measure, evaluate, reads: factsReadByOutputs(program, measure, names), write: (outputs) => key + writeOutputs(outputs) };
    });
  const { evaluationError } = generated;
  const isEvaluationError = (error: unknown): error is EvaluationError => error instanceof evaluationError;
  const writingOrder = measures.map((_, index) => index).sort((a, b) => naturalMeasureOrder(measures[a]!.measure.name, measures[b]!.measure.name));
  const results: (Outputs | undefined)[] = new Array<Outputs | undefined>(measures.length);
  const evaluateMeasures = (scenario: Scenario): { readonly json: string } => {
    for (let index = 0; index < measures.length; index++) {
      const { reads, evaluate } = measures[index]!;
      const hasFacts = missingFacts(scenario, reads, schema).length === 0;
      results[index] = hasFacts ? evaluate(scenario.facts, scenario.date, scenario.parameters) : undefined;
    }
    let json = "";
    for (const index of writingOrder) {
      const outputs = results[index];
      if (outputs !== undefined) json += (json === "" ? "" : ",") + measures[index]!.write(outputs);
    }
    return { json: `{${json}}` };
  };

  return (text) => runScenario(program, text, measureNames, evaluateMeasures, isEvaluationError);
}

/** The evaluator of one line of a population run: that of one scenario, its outcome as the results file writes it. */
export function lineEvaluator(program: ProgramIR, generated: GeneratedModule, measureNames?: readonly string[]): LineEvaluator {
  const evaluate = scenarioEvaluator(program, generated, measureNames);
  return (text): LineOutcome => {
    const outcome = evaluate(text);
    switch (outcome.kind) {
      case "evaluated":
        return { kind: "evaluated", json: outcome.json };
      case "bad_input":
        return { kind: "bad_input", problems: outcome.problems.map(problemLine) };
      case "evaluation_error":
        return { kind: "evaluation_error", message: outcome.error.message };
    }
  };
}
