/**
 * Comparing engines output by output, on the formatted results (what a user sees), and
 * describing every kind of disagreement with a count and the first example.
 */
import type { OutputJson } from "../runtime/scenario.js";
import type { FormattedResult } from "./outputs.js";
import type { ScenarioJson } from "./workload.js";

export interface Disagreement {
  /** "m2.refund" */
  readonly output: string;
  readonly count: number;
  readonly example: {
    readonly index: number;
    readonly scenario: ScenarioJson;
    readonly expected: OutputJson | undefined;
    readonly actual: OutputJson | undefined;
  };
}

export interface CrossCheck {
  readonly engine: string;
  readonly reference: string;
  /** the measures compared; all of the reference's when absent */
  readonly measures?: readonly string[];
  readonly scenarios: number;
  /** scenarios with at least one output that differs */
  readonly scenariosDisagreeing: number;
  readonly disagreements: readonly Disagreement[];
}

function same(a: OutputJson | undefined, b: OutputJson | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i]));
  return a === b;
}

/**
 * Compares `actual` with `expected` on the given measures (all of the reference's when
 * none are given). An output missing on one side counts as a disagreement.
 */
export class CrossChecker {
  private readonly byOutput = new Map<string, { count: number; index: number; expected: OutputJson | undefined; actual: OutputJson | undefined }>();
  private scenarios = 0;
  private scenariosDisagreeing = 0;

  constructor(
    readonly engine: string,
    readonly reference: string,
    private readonly measures?: readonly string[],
  ) {}

  add(index: number, expected: FormattedResult, actual: FormattedResult): void {
    this.scenarios++;
    let disagrees = false;
    for (const measure of this.measures ?? Object.keys(expected)) {
      const expectedOutputs = expected[measure] ?? {};
      const actualOutputs = actual[measure] ?? {};
      const names = new Set([...Object.keys(expectedOutputs), ...Object.keys(actualOutputs)]);
      for (const name of names) {
        const want = expectedOutputs[name];
        const got = actualOutputs[name];
        if (same(want, got)) continue;
        disagrees = true;
        const key = `${measure}.${name}`;
        const entry = this.byOutput.get(key);
        if (entry === undefined) this.byOutput.set(key, { count: 1, index, expected: want, actual: got });
        else entry.count++;
      }
    }
    if (disagrees) this.scenariosDisagreeing++;
  }

  /** `scenarioAt` gives the JSON of a scenario by its index, for the examples. */
  result(scenarioAt: (index: number) => ScenarioJson): CrossCheck {
    return {
      engine: this.engine,
      reference: this.reference,
      ...(this.measures === undefined ? {} : { measures: this.measures }),
      scenarios: this.scenarios,
      scenariosDisagreeing: this.scenariosDisagreeing,
      disagreements: [...this.byOutput].map(([output, { count, index, expected, actual }]) => ({
        output,
        count,
        example: { index, scenario: scenarioAt(index), expected, actual },
      })),
    };
  }
}
