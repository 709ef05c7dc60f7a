/**
 * The generated module called as the baseline is: its exported evaluator of each measure
 * (`evaluateM1` … `evaluateM10`) called by name, after the same test of the entities each
 * measure reads. Side by side with bench/baseline/measures.ts `evaluateAll`, this compares
 * generated code with hand-written code and nothing else.
 */
import type { Facts, ParameterOverrides, Scenario } from "./facts.js";
import type { CompiledMeasure, CompiledModule } from "./policy.js";
import { PolicyUnavailable } from "./policy.js";

type Evaluator = CompiledMeasure["evaluate"];
type Outputs = ReturnType<Evaluator>;

const EVALUATORS = ["evaluateM1", "evaluateM2", "evaluateM3", "evaluateM4", "evaluateM5", "evaluateM6", "evaluateM7", "evaluateM8", "evaluateM9", "evaluateM10"] as const;

type Evaluators = { readonly [name in (typeof EVALUATORS)[number]]: Evaluator };

function evaluators(module: CompiledModule): Evaluators {
  const found: { [name: string]: Evaluator } = {};
  for (const name of EVALUATORS) {
    const value = module.exports[name];
    if (typeof value !== "function") throw new PolicyUnavailable(`the generated module exports no function ${name}`);
    found[name] = value as Evaluator;
  }
  return found as Evaluators;
}

export type DirectResults = {
  m1?: Outputs; m2?: Outputs; m3?: Outputs; m4?: Outputs; m5?: Outputs;
  m6?: Outputs; m7?: Outputs; m8?: Outputs; m9?: Outputs; m10?: Outputs;
};

/** All ten measures, each when its entities are present. */
export function directAll(module: CompiledModule): (scenario: Scenario) => DirectResults {
  const { evaluateM1, evaluateM2, evaluateM3, evaluateM4, evaluateM5, evaluateM6, evaluateM7, evaluateM8, evaluateM9, evaluateM10 } = evaluators(module);
  return (scenario) => {
    const facts: Facts = scenario.facts;
    const date = scenario.date;
    const overrides: ParameterOverrides = scenario.parameters;
    const { person, placement, enterprise, agency, district, training, institution, employment, service, report } = facts;
    const result: DirectResults = {};
    if (person !== undefined && placement !== undefined) result.m1 = evaluateM1(facts, date, overrides);
    if (enterprise !== undefined) {
      result.m2 = evaluateM2(facts, date, overrides);
      result.m3 = evaluateM3(facts, date, overrides);
    }
    if (person !== undefined) result.m4 = evaluateM4(facts, date, overrides);
    if (person !== undefined && agency !== undefined) result.m5 = evaluateM5(facts, date, overrides);
    if (person !== undefined && district !== undefined) result.m6 = evaluateM6(facts, date, overrides);
    if (training !== undefined) result.m7 = evaluateM7(facts, date, overrides);
    if (person !== undefined && institution !== undefined) result.m8 = evaluateM8(facts, date, overrides);
    if (employment !== undefined) result.m9 = evaluateM9(facts, date, overrides);
    if (service !== undefined && report !== undefined) result.m10 = evaluateM10(facts, date, overrides);
    return result;
  };
}

/** §2 and §4 only. */
export function directRefundAndBenefits(module: CompiledModule): (scenario: Scenario) => DirectResults {
  const { evaluateM2, evaluateM4 } = evaluators(module);
  return (scenario) => ({
    m2: evaluateM2(scenario.facts, scenario.date, scenario.parameters),
    m4: evaluateM4(scenario.facts, scenario.date, scenario.parameters),
  });
}
