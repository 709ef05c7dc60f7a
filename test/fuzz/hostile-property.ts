/**
 * Hostile scenarios never crash and never lie: read by the library API (`evaluateScenario`,
 * the interpreter) and by generated code (`evaluateJson`), each gives one of the three
 * outcomes — evaluated, bad input with a JSON path for every problem, an evaluation error —
 * and both give the same one. No key of the scenario reaches a prototype. The policies are
 * split into parts, one test file each (hostile-1.test.ts …), that vitest's workers run
 * side by side.
 */
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateScenario, type ProgramIR } from "../../compiler/index.js";
import { scratchFolder, writeGenerated } from "../emit/compiled.js";
import { fuzzParameters, testTime } from "./budget.js";
import { jsonCorpus } from "./corpus.js";
import { hostileScenario } from "./hostile.js";
import { printedOutcome } from "./outcome.js";
import { programOf, repositoryPolicies } from "./policies.js";
import { scenarioJsonArbitrary } from "./scenario-json.js";

async function evaluateJsonOf(program: ProgramIR, name: string): Promise<(scenario: string) => unknown> {
  const module: unknown = await import(pathToFileURL(writeGenerated(scratchFolder(name), program).javascript).href);
  const evaluateJson = typeof module === "object" && module !== null && "evaluateJson" in module ? module.evaluateJson : undefined;
  if (typeof evaluateJson !== "function") throw new Error("generated code exports no evaluateJson");
  return (scenario) => evaluateJson(scenario) as unknown;
}

/** The property's cases per policy in `npm test`. */
export const hostileCases = 10_000;

/** Part `part` (1 to `parts`) of the policies, each on its hostile scenarios. */
export function hostileSuite(part: number, parts: number): void {
  const folders = repositoryPolicies.map((policy) => policy.folder).filter((_, index) => index % parts === part - 1);
  describe.each(folders)("%s on hostile scenarios", (folder) => {
    it(
      "gives the same outcome in the interpreter and in generated code, and never throws",
      async () => {
        const policy = repositoryPolicies.find((candidate) => candidate.folder === folder);
        if (policy === undefined) throw new Error(`no policy ${folder}`);
        const program = programOf(policy);
        const evaluateJson = await evaluateJsonOf(program, `fuzz-hostile-${folder.replace(/[^A-Za-z0-9]+/g, "-")}`);
        const polluted = (): unknown => (Object.prototype as Record<string, unknown>).polluted;
        fc.assert(
          fc.property(hostileScenario(scenarioJsonArbitrary(program, { maxListLength: 2 })), (text) => {
            const interpreted = evaluateScenario(program, { scenario: text });
            if (interpreted.kind === "bad_input") {
              expect(interpreted.problems.length).toBeGreaterThan(0);
              for (const problem of interpreted.problems) {
                expect(problem.message.length).toBeGreaterThan(0);
                expect(problem.path.length, problem.message).toBeGreaterThan(0);
              }
            }
            expect(printedOutcome(evaluateJson(text))).toEqual(printedOutcome(interpreted));
            expect(polluted()).toBeUndefined();
          }),
          fuzzParameters(`hostile-${folder}`, hostileCases, jsonCorpus<string>("hostile-scenario")),
        );
      },
      testTime(600_000),
    );
  });
}
