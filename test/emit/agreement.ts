/**
 * Generated code must agree with the reference interpreter. For a program, checkAgreement
 * emits its JavaScript, imports it, and on random scenarios compares, measure by measure,
 * the formatted outputs, or the evaluation error (code, message and place), or the decision to
 * leave the measure out for want of facts.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { EvaluationError, formatValue, type EvaluationLocation, missingFacts, type OutputJson, type Scenario } from "../../runtime/index.js";
import { scenarioArbitrary, type ScenarioOptions } from "../support/arbitraries.js";
import { importCompiled, scratchFolder, writeGenerated, type CompiledPolicy } from "./compiled.js";

export type MeasureOutcome =
  | { readonly outputs: { readonly [output: string]: OutputJson } }
  | { readonly error: string; readonly message: string; readonly location?: EvaluationLocation }
  | { readonly skipped: readonly string[] };

function failure(error: unknown): MeasureOutcome {
  if (error instanceof EvaluationError) return { error: error.code, message: error.message, location: error.location };
  throw error;
}

export function interpreterOutcomes(program: ProgramIR, scenario: Scenario): { [measure: string]: MeasureOutcome } {
  const outcomes: { [measure: string]: MeasureOutcome } = {};
  for (const measure of program.measures) {
    const missing = missingFacts(scenario, measure.reads, program.schema);
    if (missing.length > 0) {
      outcomes[measure.name] = { skipped: missing };
      continue;
    }
    try {
      const outputs = evaluate(program, scenario, { measures: [measure.name] }).outputs[measure.name];
      if (outputs === undefined) throw new Error(`the interpreter gave no outputs for ${measure.name}`);
      outcomes[measure.name] = { outputs };
    } catch (error) {
      outcomes[measure.name] = failure(error);
    }
  }
  return outcomes;
}

export function compiledOutcomes(program: ProgramIR, compiled: CompiledPolicy, scenario: Scenario): { [measure: string]: MeasureOutcome } {
  const outcomes: { [measure: string]: MeasureOutcome } = {};
  for (const [name, measure] of Object.entries(compiled.measures)) {
    const missing = missingFacts(scenario, measure.reads, program.schema);
    if (missing.length > 0) {
      outcomes[name] = { skipped: missing };
      continue;
    }
    try {
      const values = measure.evaluate(scenario.facts, scenario.date, scenario.parameters);
      expect(Object.keys(values)).toEqual(Object.keys(measure.outputs));
      const outputs: { [output: string]: OutputJson } = {};
      for (const [output, type] of Object.entries(measure.outputs)) {
        const value = values[output];
        if (value === undefined) throw new Error(`compiled ${name} gave no ${output}`);
        outputs[output] = formatValue(value, type);
      }
      outcomes[name] = { outputs };
    } catch (error) {
      outcomes[name] = failure(error);
    }
  }
  return outcomes;
}

/** JSON's view of the outcomes: -0 and 0 are the same output. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

export interface AgreementOptions {
  /** names the scratch folder of the generated files */
  readonly name: string;
  readonly runs?: number;
  readonly scenarios?: ScenarioOptions;
}

/** Emits, imports and runs the program's JavaScript beside the interpreter on random scenarios. */
export async function checkAgreement(program: ProgramIR, options: AgreementOptions): Promise<void> {
  const files = writeGenerated(scratchFolder(options.name), program);
  const compiled = await importCompiled(files.javascript);
  expect(Object.keys(compiled.measures)).toEqual(program.measures.map((m) => m.name));
  fc.assert(
    fc.property(scenarioArbitrary(program, options.scenarios), (scenario) => {
      expect(asJson(compiledOutcomes(program, compiled, scenario))).toEqual(asJson(interpreterOutcomes(program, scenario)));
    }),
    { numRuns: options.runs ?? 300 },
  );
}
