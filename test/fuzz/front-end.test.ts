/**
 * Nothing crashes, nothing lies: the lexer, parser, checker, formatter and every emitter on
 * any text, on soups of the language's tokens, and on the real policies mutated and cut
 * short (test/fuzz/front-end.ts says what must hold of each input).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Source } from "../../compiler/index.js";
import { caseCount, fuzzParameters, fuzzScale, testTime } from "./budget.js";
import { jsonCorpus, textCorpus } from "./corpus.js";
import { expectFrontEndHolds, hasSyntaxError, meaningOf } from "./front-end.js";
import { anyText, mutatedPolicy, policyMutation, tokenSoup, type PolicyMutation } from "./inputs.js";
import { programOf, repositoryPolicies, type RepositoryPolicy } from "./policies.js";

/** The meanings of the policies as written, whose generated code every mutant that keeps them need not repeat. */
const emitted = new Set(repositoryPolicies.map((policy) => meaningOf(programOf(policy))));

/**
 * One file of a policy changed: checked alone, then with the policy's other files. A file
 * with a syntax error stops the compilation of its policy at that error, whatever the
 * other files hold, so compiling them all would only repeat it.
 */
function expectChangedPolicyHolds(policy: RepositoryPolicy, changed: Source): void {
  const notice = policy.notice === undefined ? {} : { notice: policy.notice };
  const alone = expectFrontEndHolds([changed], { ...notice, emitted });
  if (hasSyntaxError(alone)) return;
  const sources = policy.sources.map((source) => (source.path === changed.path ? changed : source));
  const whole = expectFrontEndHolds(sources, { ...notice, changed: [], emitted });
  if (whole.program !== undefined) emitted.add(meaningOf(whole.program));
}

describe("the front end never throws and places every diagnostic", () => {
  it(
    "on arbitrary text",
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          expectFrontEndHolds([{ path: "fuzz.tiao", text }]);
        }),
        fuzzParameters("front-end-text", 10_000, textCorpus("front-end-text")),
      );
    },
    testTime(60_000),
  );

  it(
    "on soups of the language's tokens",
    () => {
      fc.assert(
        fc.property(tokenSoup, (text) => {
          expectFrontEndHolds([{ path: "soup.tiao", text }]);
        }),
        fuzzParameters("front-end-soup", 10_000, textCorpus("front-end-soup")),
      );
    },
    testTime(60_000),
  );

  it(
    "on the real policies with lines and tokens deleted, duplicated, swapped and inserted",
    () => {
      expect(repositoryPolicies.length).toBeGreaterThanOrEqual(4);
      fc.assert(
        fc.property(policyMutation(repositoryPolicies), (input: PolicyMutation) => {
          const { policy, changed } = mutatedPolicy(repositoryPolicies, input);
          expectChangedPolicyHolds(policy, changed);
        }),
        fuzzParameters("front-end-mutation", 10_000, jsonCorpus<PolicyMutation>("front-end-mutation")),
      );
    },
    testTime(600_000),
  );
});

describe("the front end on every policy file cut short", () => {
  const files = repositoryPolicies.flatMap((policy) => policy.sources.map((source) => ({ policy, source })));
  const totalLength = files.reduce((total, { source }) => total + source.text.length, 0);
  // `npm test` cuts at every stride-th offset (about 10,000 cuts); a campaign at every offset.
  const stride = Math.max(1, Math.floor(totalLength / caseCount(10_000)));
  const phase = fuzzScale === 1 ? 0 : Math.floor(Math.random() * stride);

  it(
    `at every ${stride === 1 ? "" : `${stride}th `}offset`,
    () => {
      let cuts = 0;
      for (const { policy, source } of files) {
        for (let offset = phase; offset < source.text.length; offset += stride) {
          try {
            expectChangedPolicyHolds(policy, { path: source.path, text: source.text.slice(0, offset) });
          } catch (error) {
            throw new Error(`${source.path} cut at offset ${offset}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
          }
          cuts++;
        }
      }
      expect(cuts).toBeGreaterThanOrEqual(Math.floor(totalLength / stride) - files.length);
    },
    testTime(600_000),
  );
});
