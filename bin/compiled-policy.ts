/**
 * A policy's compiled evaluator, for population runs: the program's generated JavaScript
 * (compiler/emit/typescript.ts) imported as a module, and a function that reads one
 * scenario, evaluates each measure it has the facts for and writes the results on one
 * line — the results `tiao run` prints, checked and ordered as `tiao run` does.
 */
import type { ProgramIR } from "../compiler/ir.js";
import { readScenario, type EvaluationError, type FactSchema, type RecordValue, type RuntimeValue, type ValueType } from "../runtime/index.js";
import { ownValue } from "../runtime/own-properties.js";
import { missingFactProblems, naturalMeasureOrder, problemLine } from "../compiler/evaluate-scenario.js";
import { outputsWriter } from "./output-json.js";
import type { LineEvaluator, LineOutcome } from "./population.js";

type Facts = { readonly [entity: string]: RecordValue };
type Outputs = { readonly [output: string]: RuntimeValue };

/** One measure of the generated module's `measures` table. */
interface CompiledMeasure {
  readonly reads: readonly string[];
  /** `in_force` first, then the outputs in written order */
  readonly outputs: { readonly [output: string]: ValueType };
  readonly evaluate: (facts: Facts, asOf: number, overrides: Outputs) => Outputs;
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
  readonly name: string;
  readonly evaluate: CompiledMeasure["evaluate"];
  readonly hasFacts: (facts: Facts) => boolean;
  /** `"m1":{…}` */
  readonly write: (outputs: Outputs) => string;
}

/**
 * The evaluator of one line of a population run: the scenario read against the policy's
 * facts; the measures asked for (all when `measureNames` is absent) evaluated in the
 * policy's order, as the interpreter does, so that the first evaluation error is the same
 * one; their results written in natural order (m1, m2, … m10), as `tiao run` prints them.
 */
export function lineEvaluator(program: ProgramIR, generated: GeneratedModule, measureNames?: readonly string[]): LineEvaluator {
  const schema = program.schema;
  const measures = program.measures
    .filter((measure) => measureNames === undefined || measureNames.includes(measure.name))
    .map((measure): PreparedMeasure => {
      const compiled = ownValue(generated.measures, measure.name);
      if (compiled === undefined) throw new Error(`the generated JavaScript has no measure ${measure.name}`);
      const writeOutputs = outputsWriter(compiled.outputs, schema);
      const key = `${JSON.stringify(measure.name)}:`;
      return {
        name: measure.name,
        evaluate: compiled.evaluate,
        hasFacts: presenceTest(compiled.reads, schema),
        write: (outputs) => key + writeOutputs(outputs),
      };
    });
  const { evaluationError } = generated;
  const writingOrder = measures.map((_, index) => index).sort((a, b) => naturalMeasureOrder(measures[a]!.name, measures[b]!.name));
  const results: (Outputs | undefined)[] = new Array<Outputs | undefined>(measures.length);

  return (text): LineOutcome => {
    const read = readScenario(text, schema);
    if (!read.ok) return { kind: "bad_input", problems: read.errors.map(problemLine) };
    const { facts, date, parameters } = read.scenario;
    if (measureNames !== undefined && !measures.every((measure) => measure.hasFacts(facts))) {
      return { kind: "bad_input", problems: missingFactProblems(program, read.scenario, measureNames).map(problemLine) };
    }
    try {
      for (let index = 0; index < measures.length; index++) {
        const measure = measures[index]!;
        results[index] = measure.hasFacts(facts) ? measure.evaluate(facts, date, parameters) : undefined;
      }
    } catch (error) {
      if (error instanceof evaluationError) return { kind: "evaluation_error", message: error.message };
      throw error;
    }
    let json = "";
    for (const index of writingOrder) {
      const outputs = results[index];
      if (outputs !== undefined) json += (json === "" ? "" : ",") + measures[index]!.write(outputs);
    }
    return { kind: "evaluated", json: `{${json}}` };
  };
}

/**
 * Whether a scenario's facts give every fact a measure reads, decided as runtime
 * `missingFacts` decides it (a field its record has; an optional one left out is null,
 * never missing), with the paths split and the optional ones set aside once, not per
 * scenario.
 */
function presenceTest(reads: readonly string[], schema: FactSchema): (facts: Facts) => boolean {
  const required = reads
    .map((path) => {
      const dot = path.indexOf(".");
      return { entity: path.slice(0, dot), field: path.slice(dot + 1) };
    })
    .filter(({ entity, field }) => !isOptionalFact(schema, entity, field));
  return (facts) => {
    for (const { entity, field } of required) {
      const record = ownValue(facts, entity);
      if (record === undefined || !Object.hasOwn(record, field)) return false;
    }
    return true;
  };
}

function isOptionalFact(schema: FactSchema, entity: string, field: string): boolean {
  const declaration = schema.records.find((record) => record.entity && record.name === entity)?.fields.find((f) => f.name === field);
  return declaration?.type.kind === "optional";
}
