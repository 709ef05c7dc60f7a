/**
 * What is not a semantic change makes none: a policy against itself, its formatted self,
 * and itself with its files renamed and given in another order.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffPrograms } from "../../compiler/diff/diff.js";
import { formatPolicy } from "../../compiler/format/format.js";
import { parseFile } from "../../compiler/parse.js";
import { amendedOption, compileOrFail, draftPolicy, noticeOf, policySources, publishedPolicy } from "./support.js";

const policies = [publishedPolicy, draftPolicy];

async function expectNoChange(before: ReturnType<typeof policySources>, after: ReturnType<typeof policySources>, notice: string, amended: ReturnType<typeof amendedOption>) {
  const report = await diffPrograms(compileOrFail(before, notice, amended), compileOrFail(after, notice, amended));
  expect(report.groups).toEqual([]);
  expect(report.verdicts).toEqual([]);
  expect(report.summary).toMatchObject({ breaksIntegrations: 0, changesOutcomes: 0, editorial: 0, outcomesChange: false });
}

describe.each(policies)("%s", (folder) => {
  const sources = policySources(folder);
  const notice = noticeOf(folder);
  const amended = amendedOption(folder);

  it("diffed with itself has no change", async () => {
    await expectNoChange(sources, sources, notice, amended);
  });

  it("diffed with its formatted self has no change", async () => {
    const formatted = sources.map((source) => ({ path: source.path, text: formatPolicy(parseFile(source.path, source.text).ast) }));
    await expectNoChange(sources, formatted, notice, amended);
  });

  it("diffed with its files renamed and reordered has no change", async () => {
    await fc.assert(
      fc.asyncProperty(fc.shuffledSubarray(sources, { minLength: sources.length, maxLength: sources.length }), fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom("a", "b", "z", "_", "1") }), async (shuffled, prefix) => {
        const renamed = shuffled.map((source, index) => ({ path: `moved/${prefix}${index}.tiao`, text: source.text }));
        await expectNoChange(sources, renamed, notice, amended);
      }),
      { numRuns: 10 },
    );
  });
});
