/**
 * Interpreter = compiled code on every policy of the repository (the ten Lanzhou measures,
 * its draft, every example), 10,000 random scenarios each: the same outputs, the same
 * evaluation errors, the same measures left out for want of facts. Every amount generated
 * code returns is a whole number of fen. A mismatch prints the scenario (fast-check's
 * counterexample, with its seed).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { compiledOutcomes, interpreterOutcomes } from "../emit/agreement.js";
import { importCompiled, scratchFolder, writeGenerated } from "../emit/compiled.js";
import { caseCount, fuzzParameters, testTime } from "./budget.js";
import { inexactAmounts } from "./exact.js";
import { programOf, repositoryPolicies } from "./policies.js";

/** JSON's view of outcomes: -0 and 0 are the same output. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

describe.each(repositoryPolicies.map((policy) => policy.folder))("%s: interpreter = compiled code", (folder) => {
  it(
    "on 10,000 random scenarios",
    async () => {
      const policy = repositoryPolicies.find((candidate) => candidate.folder === folder);
      if (policy === undefined) throw new Error(`no policy ${folder}`);
      const program = programOf(policy);
      const compiled = await importCompiled(writeGenerated(scratchFolder(`fuzz-${folder.replace(/[^A-Za-z0-9]+/g, "-")}`), program).javascript);
      let evaluated = 0;
      fc.assert(
        fc.property(scenarioArbitrary(program), (scenario) => {
          const fromCode = compiledOutcomes(program, compiled, scenario);
          expect(asJson(fromCode)).toEqual(asJson(interpreterOutcomes(program, scenario)));
          for (const [name, measure] of Object.entries(compiled.measures)) {
            if (!("outputs" in (fromCode[name] ?? {}))) continue;
            evaluated++;
            const values = measure.evaluate(scenario.facts, scenario.date, scenario.parameters);
            const inexact = Object.entries(measure.outputs).flatMap(([output, type]) => inexactAmounts(values[output], type, program.schema, `${name}.${output}`));
            expect(inexact).toEqual([]);
          }
        }),
        fuzzParameters(`agreement-${folder}`, 10_000),
      );
      expect(evaluated, "measures evaluated to outputs").toBeGreaterThan(caseCount(10_000) / 10);
    },
    testTime(120_000),
  );
});
