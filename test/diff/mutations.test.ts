/**
 * Random single mutations of the published policy — a constant changed, or a comparison
 * made strict or not — diffed against the policy itself:
 * - every witness the diff reports really gives different outputs: both versions run it
 *   through `tiao run --scenarios` (the compiled policy, not the interpreter the diff used);
 * - every output the solver proves equal is equal on random scenarios (without parameter
 *   overrides, as the proof says) wherever both versions evaluate it.
 *
 * In CI: 6 mutations, 300 random scenarios per proof. The long run —
 * `TIAO_DIFF_MUTATIONS=200 TIAO_DIFF_SCENARIOS=10000 npx vitest run test/diff/mutations.test.ts` —
 * takes some minutes per hundred mutations.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runMeasure } from "../../compiler/diff/cases.js";
import { diffPrograms } from "../../compiler/diff/diff.js";
import type { SmtSolver } from "../../compiler/diff/solver.js";
import { loadZ3 } from "../../bin/z3-solver.js";
import { repositoryRoot } from "../e2e/tiao.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { compileOrFail, noticeOf, policySources, publishedPolicy } from "./support.js";

const mutationRuns = Number(process.env["TIAO_DIFF_MUTATIONS"] ?? 6);
const scenariosPerProof = Number(process.env["TIAO_DIFF_SCENARIOS"] ?? 300);

const sources = policySources(publishedPolicy);
const notice = noticeOf(publishedPolicy);
const published = compileOrFail(sources, notice);

interface Site {
  readonly file: number;
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

/** Places a mutation can change, outside strings and comments: comparisons in measures, numbers in measures and parameter values. */
function mutationSites(): Site[] {
  const sites: Site[] = [];
  sources.forEach((source, file) => {
    const code = source.text.replace(/"(?:[^"\\]|\\.)*"|#[^\n]*/gu, (text) => " ".repeat(text.length));
    for (const match of code.matchAll(/ (<=|>=|<|>) /gu)) {
      const operator = match[1] ?? "";
      const swapped = { "<": "<=", "<=": "<", ">": ">=", ">=": ">" }[operator] ?? operator;
      sites.push({ file, start: (match.index ?? 0) + 1, end: (match.index ?? 0) + 1 + operator.length, replacement: swapped });
    }
    for (const match of code.matchAll(/(?<![\w.-])(\d+)(?=(?:\.\d+)? ?(?:months?|yuan|%|\)| then| else|\n))/gu)) {
      const number = Number(match[1]);
      const start = match.index ?? 0;
      sites.push({ file, start, end: start + (match[1] ?? "").length, replacement: String(number === 0 ? 1 : number + 1) });
    }
  });
  return sites;
}

const sites = mutationSites();
let solver: SmtSolver | undefined;
let folder = "";
const tally = { mutations: 0, witnesses: 0, proofs: 0 };

beforeAll(async () => {
  solver = await loadZ3();
  folder = mkdtempSync(join(tmpdir(), "tiao-diff-mutation-"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function runCompiled(policy: string, scenarios: string): string[] {
  const result = spawnSync(process.execPath, [join(repositoryRoot, "bin", "tiao.js"), "run", policy, "--scenarios", scenarios, "--out", "-", "--jobs", "1"], {
    encoding: "utf8",
    env: { ...process.env, TIAO_CACHE: "off" },
  });
  return result.stdout.split("\n").filter((line) => line !== "");
}

it("finds places to mutate in the published policy", () => {
  expect(sites.length).toBeGreaterThan(50);
});

it("reports only witnesses that differ when run, and proofs that hold on random scenarios", async () => {
  expect(solver).toBeDefined();
  await fc.assert(
    fc.asyncProperty(fc.nat({ max: sites.length - 1 }), async (index) => {
      const site = sites[index] as Site;
      const mutated = sources.map((source, file) =>
        file === site.file ? { ...source, text: source.text.slice(0, site.start) + site.replacement + source.text.slice(site.end) } : source,
      );
      const mutant = compileOrFailQuietly(mutated);
      if (mutant === undefined) return;
      tally.mutations++;
      const report = await diffPrograms(published, mutant, { searchCases: 300, ...(solver === undefined ? {} : { solver }) });

      const witnesses = report.verdicts.flatMap((v) => (v.verdict === "witness" ? [v] : []));
      if (witnesses.length > 0) {
        const copy = join(folder, `mutant-${tally.mutations}`);
        cpSync(join(repositoryRoot, publishedPolicy), copy, { recursive: true });
        const mutatedSource = mutated[site.file];
        if (mutatedSource !== undefined) writeFileSync(join(copy, mutatedSource.path.split("/").pop() ?? ""), mutatedSource.text);
        const scenarios = join(folder, `witnesses-${tally.mutations}.ndjson`);
        writeFileSync(scenarios, witnesses.map((w) => JSON.stringify(w.scenario)).join("\n") + "\n");
        const before = runCompiled(join(repositoryRoot, publishedPolicy), scenarios);
        const after = runCompiled(copy, scenarios);
        witnesses.forEach((witness, line) => {
          const [measure = "", output = ""] = witness.output.split(".");
          const a = JSON.parse(before[line] ?? "{}")[measure]?.[output];
          const b = JSON.parse(after[line] ?? "{}")[measure]?.[output];
          expect(a, `${witness.output} before, ${JSON.stringify(witness.scenario)}`).toEqual(witness.before);
          expect(b, `${witness.output} after, ${JSON.stringify(witness.scenario)}`).toEqual(witness.after);
          expect(a).not.toEqual(b);
          tally.witnesses++;
        });
      }

      const proofs = report.verdicts.filter((v) => v.verdict === "proved_equal");
      if (proofs.length > 0) {
        const scenarios = fc.sample(scenarioArbitrary(mutant, { missingFactOneIn: 0, overrideOneIn: 0 }), { numRuns: scenariosPerProof, seed: 7 + index });
        for (const proof of proofs) {
          const [measure = "", output = ""] = proof.output.split(".");
          for (const scenario of scenarios) {
            const before = runMeasure(published, scenario, measure);
            const after = runMeasure(mutant, scenario, measure);
            if (before.kind !== "outputs" || after.kind !== "outputs") continue;
            expect(after.outputs[output], `${proof.output} proved equal`).toEqual(before.outputs[output]);
          }
          tally.proofs++;
        }
      }
    }),
    { numRuns: mutationRuns, seed: 20261202 },
  );
  // The property must have checked something: mutations that compile, witnesses and proofs.
  expect(tally.mutations).toBeGreaterThan(0);
  expect(tally.witnesses + tally.proofs).toBeGreaterThan(0);
}, 600_000);

function compileOrFailQuietly(mutated: ReturnType<typeof policySources>) {
  try {
    return compileOrFail(mutated, notice);
  } catch {
    return undefined;
  }
}
