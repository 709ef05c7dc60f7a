/**
 * Every numbered measure of 兰人社发〔2021〕289号 has a rule or a note of what is not
 * computable, and every sentence of it is quoted by one; a policy that drops a measure
 * fails this check.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import { noticeCoverage, uncovered } from "../../compiler/coverage.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { repositoryRoot } from "../emit/compiled.js";

const folder = join(repositoryRoot, "policies", "lanzhou-2021-289");
const notice = readFileSync(join(folder, "notice.txt"), "utf8");

async function lanzhou(): Promise<ProgramIR> {
  const compiled = await compilePolicy(readPolicy(folder));
  if (compiled.program === undefined) throw new Error("the Lanzhou policy does not compile");
  return compiled.program;
}

describe("coverage of the notice by the Lanzhou policy", () => {
  it("finds the ten numbered measures of the notice", async () => {
    const coverage = noticeCoverage(await lanzhou(), notice);
    expect(coverage.map((section) => section.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(coverage[3]?.heading).toBe("确保失业保险待遇及时足额发放");
  });

  it("has a rule or a not-computable note for every measure, and a quote for every sentence", async () => {
    expect(uncovered(noticeCoverage(await lanzhou(), notice))).toEqual({ sections: [], sentences: [] });
  });

  it("links a sentence to the rules that encode it", async () => {
    const section4 = noticeCoverage(await lanzhou(), notice)[3];
    const migrant = section4?.sentences.find((s) => s.text.includes("对参保不满1年的失业农民工"));
    expect(migrant?.citedBy).toContainEqual(expect.objectContaining({ kind: "rule", name: "m4.unemployment_subsidy_eligible / migrant", clause: "§4" }));
  });

  it("fails for a policy without a measure", async () => {
    const program = await lanzhou();
    const withoutM7: ProgramIR = { ...program, measures: program.measures.filter((m) => m.name !== "m7") };
    const missing = uncovered(noticeCoverage(withoutM7, notice));
    expect(missing.sections).toEqual([7]);
    const section7 = noticeCoverage(program, notice)[6]?.sentences.map((s) => s.text);
    expect(missing.sentences).toEqual(section7?.map((text) => ({ section: 7, text })));
  });
});
