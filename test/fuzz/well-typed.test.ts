/**
 * Whatever passes `check` compiles: random well-typed policies (test/fuzz/policy-generator.ts:
 * every construct, hostile names and texts) pass `check`, have generated code of every
 * target, and their formatted text means the same (the same IR without spans) and formats
 * to itself.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, renderDiagnostics, type ProgramIR } from "../../compiler/index.js";
import { fuzzParameters, testTime } from "./budget.js";
import { jsonCorpus } from "./corpus.js";
import { expectEveryTarget, expectIdempotentFormat, meaningOf } from "./front-end.js";
import { wellTypedPolicy } from "./policy-generator.js";

const path = "generated.tiao";

/** The policy of a seed, checked: it must have no error. */
function checkedPolicy(seed: number): { text: string; program: ProgramIR } {
  const text = wellTypedPolicy(seed);
  const { program, diagnostics } = compile([{ path, text }]);
  if (program === undefined) throw new Error(`policy of seed ${seed} does not pass check:\n${renderDiagnostics(diagnostics, new Map([[path, text]]))}\n--- policy\n${text}`);
  return { text, program };
}

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("random well-typed policies", () => {
  it(
    "pass check, have code of every target, and format to text that means the same",
    () => {
      fc.assert(
        fc.property(seed, (policySeed) => {
          const { text, program } = checkedPolicy(policySeed);
          expectEveryTarget(program);
          const formatted = expectIdempotentFormat({ path, text });
          expect(formatted, "a policy that checks parses").toBeDefined();
          const again = compile([{ path, text: formatted ?? "" }]);
          expect(again.program === undefined ? again.diagnostics : meaningOf(again.program), `formatted policy of seed ${policySeed}`).toEqual(meaningOf(program));
        }),
        fuzzParameters("well-typed-check", 2_000, jsonCorpus<number>("well-typed-check")),
      );
    },
    testTime(600_000),
  );
});
