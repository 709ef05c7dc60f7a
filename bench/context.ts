/**
 * What every entry of a benchmark run shares: the options, the report, the workload, and
 * the policy compiled once (or the reason it cannot be).
 */
import type { ProgramIR } from "../compiler/ir.js";
import type { Scenario as RuntimeScenario } from "../runtime/scenario.js";
import type { Scenario } from "./facts.js";
import { compilePolicyText, importCompiled, POLICY_FOLDER, readPolicyText, type CompiledModule, type PolicyText } from "./policy.js";
import type { Report } from "./report.js";
import { workloadItem, type ScenarioJson } from "./workload.js";

export interface BenchOptions {
  readonly quick: boolean;
  /** scenarios evaluated per timed repetition (fewer for engines too slow to finish in the time allowed) */
  readonly scenarios: number;
  /** distinct scenarios held in memory; evaluation cycles through them */
  readonly pool: number;
  readonly seed: number;
  readonly repetitions: number;
  /** the time a repetition of a slow engine may take, which caps its number of scenarios */
  readonly secondsPerRepetition: number;
  /** scenarios of the population run (a file streamed through a child process) */
  readonly populationScenarios: number;
  /** whether to rewrite the results section of docs/benchmarks.md */
  readonly updateDocs: boolean;
  /** entries to run; all when absent */
  readonly only?: readonly string[];
}

export class BenchContext {
  private programPromise: Promise<ProgramIR> | undefined;
  private compiledPromise: Promise<CompiledModule> | undefined;
  readonly policyText: PolicyText = readPolicyText(POLICY_FOLDER);

  constructor(
    readonly options: BenchOptions,
    readonly report: Report,
    /** scenarios 0 … pool − 1 of the workload */
    readonly pool: readonly Scenario[],
  ) {}

  scenarioJson(index: number): ScenarioJson {
    return workloadItem(this.options.seed, index).json;
  }

  /** The checked policy; rejects with a PolicyUnavailable when it does not compile. */
  program(): Promise<ProgramIR> {
    this.programPromise ??= compilePolicyText(this.policyText);
    return this.programPromise;
  }

  /** The policy's generated JavaScript, imported. */
  compiled(): Promise<CompiledModule> {
    this.compiledPromise ??= this.program().then((program) => importCompiled(program));
    return this.compiledPromise;
  }
}

/**
 * The workload's scenarios are runtime values already, typed by field (bench/facts.ts);
 * the interpreter and the generated code take the runtime's generic form of the same data.
 */
export function asRuntimeScenario(scenario: Scenario): RuntimeScenario {
  return scenario as unknown as RuntimeScenario;
}
