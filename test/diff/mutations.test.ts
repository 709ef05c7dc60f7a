/**
 * Random single mutations of the published policy — a constant changed, or a comparison
 * made strict or not — diffed against the policy itself:
 * - every witness the diff reports really gives different outputs: both versions run it
 *   through `tiao run --scenarios` (the built command and the compiled policy, not the
 *   interpreter the diff used);
 * - every output the solver proves equal is equal, wherever both versions evaluate it, on
 *   10,000 random scenarios without parameter overrides (as the proof says) and on 2,000
 *   at the boundaries of both versions' constants, evaluated by the generated JavaScript of
 *   both versions.
 *
 * In CI: 20 mutations. The long run —
 * `TIAO_DIFF_MUTATIONS=200 npx vitest run test/diff/mutations.test.ts` — takes some minutes
 * per hundred mutations.
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CaseGenerator, boundariesOf, readsOf } from "../../compiler/diff/cases.js";
import { diffPrograms } from "../../compiler/diff/diff.js";
import type { SmtSolver } from "../../compiler/diff/solver.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { Random } from "../../compiler/random.js";
import { EvaluationError, formatValue, type Scenario } from "../../runtime/index.js";
import { loadZ3 } from "../../bin/z3-solver.js";
import { importCompiled, scratchFolder, writeGenerated, type CompiledPolicy } from "../emit/compiled.js";
import { repositoryRoot } from "../e2e/tiao.js";
import { scenarioArbitrary } from "../support/arbitraries.js";
import { compileOrFail, noticeOf, policySources, publishedPolicy } from "./support.js";

const mutationRuns = Number(process.env["TIAO_DIFF_MUTATIONS"] ?? 20);
const randomScenariosPerProof = 10_000;
const boundaryScenariosPerProof = 2_000;

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
let publishedCompiled: CompiledPolicy;
/** The random scenarios every proof is checked on: the schema is the same in every mutant. */
let randomScenarios: Scenario[] = [];
const tally = { mutations: 0, witnesses: 0, proofs: 0, scenariosCompared: 0 };

beforeAll(async () => {
  solver = await loadZ3();
  folder = scratchFolder("diff-mutations");
  publishedCompiled = await importCompiled(writeGenerated(folder, published, "published-").javascript);
  randomScenarios = fc.sample(scenarioArbitrary(published, { missingFactOneIn: 0, overrideOneIn: 0 }), { numRuns: randomScenariosPerProof, seed: 289 });
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function runCommand(policy: string, scenarios: string): string[] {
  const result = spawnSync(process.execPath, [join(repositoryRoot, "bin", "tiao.js"), "run", policy, "--scenarios", scenarios, "--out", "-", "--jobs", "1"], {
    encoding: "utf8",
    env: { ...process.env, TIAO_CACHE: "off" },
  });
  return result.stdout.split("\n").filter((line) => line !== "");
}

/** An output of a measure as the generated code gives it, formatted as `tiao run` prints it; undefined when the measure lacks facts or fails. */
function compiledOutput(policy: CompiledPolicy, program: ProgramIR, scenario: Scenario, measure: string, output: string): string | undefined {
  const compiled = policy.measures[measure];
  if (compiled === undefined) throw new Error(`the generated module has no measure ${measure}`);
  const hasFacts = compiled.reads.every((path) => {
    const [entity = "", field = ""] = path.split(".");
    return scenario.facts[entity]?.[field] !== undefined;
  });
  if (!hasFacts) return undefined;
  try {
    const value = compiled.evaluate(scenario.facts, scenario.date, scenario.parameters)[output];
    const type = compiled.outputs[output];
    if (value === undefined || type === undefined) throw new Error(`${measure}.${output} is not an output of the generated module`);
    return JSON.stringify(formatValue(value, type, program.schema));
  } catch (error) {
    if (error instanceof EvaluationError) return undefined;
    throw error;
  }
}

it("finds places to mutate in the published policy", () => {
  expect(sites.length).toBeGreaterThan(50);
});

it("reports only witnesses that differ when run, and proofs that hold on 10,000 random scenarios", async () => {
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
      const name = `mutant-${tally.mutations}`;
      const report = await diffPrograms(published, mutant, { searchCases: 300, ...(solver === undefined ? {} : { solver }) });

      const witnesses = report.verdicts.flatMap((v) => (v.verdict === "witness" ? [v] : []));
      if (witnesses.length > 0) {
        const copy = join(folder, name);
        cpSync(join(repositoryRoot, publishedPolicy), copy, { recursive: true });
        const mutatedSource = mutated[site.file];
        if (mutatedSource !== undefined) writeFileSync(join(copy, mutatedSource.path.split("/").pop() ?? ""), mutatedSource.text);
        const scenarios = join(folder, `${name}-witnesses.ndjson`);
        writeFileSync(scenarios, witnesses.map((w) => JSON.stringify(w.scenario)).join("\n") + "\n");
        const before = runCommand(join(repositoryRoot, publishedPolicy), scenarios);
        const after = runCommand(copy, scenarios);
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
        const generated = join(folder, name);
        mkdirSync(generated, { recursive: true });
        const mutantCompiled = await importCompiled(writeGenerated(generated, mutant).javascript);
        const boundaries = boundariesOf([published, mutant]);
        for (const proof of proofs) {
          const [measure = "", output = ""] = proof.output.split(".");
          const atBoundaries = new CaseGenerator(mutant.schema, boundaries, new Random(index));
          const paths = readsOf(published, mutant, measure);
          const scenarios = [...randomScenarios, ...Array.from({ length: boundaryScenariosPerProof }, () => atBoundaries.scenario(paths))];
          for (const scenario of scenarios) {
            const before = compiledOutput(publishedCompiled, published, scenario, measure, output);
            const after = compiledOutput(mutantCompiled, mutant, scenario, measure, output);
            if (before === undefined || after === undefined) continue;
            tally.scenariosCompared++;
            if (after !== before) expect(after, `${proof.output} proved equal, yet differs on ${JSON.stringify(scenario)}`).toBe(before);
          }
          tally.proofs++;
        }
      }
    }),
    { numRuns: mutationRuns, seed: 20261202 },
  );
  // The property must have checked something: mutations that compile, witnesses and proofs on many scenarios.
  expect(tally.mutations).toBeGreaterThan(0);
  expect(tally.witnesses).toBeGreaterThan(0);
  expect(tally.proofs).toBeGreaterThan(0);
  expect(tally.scenariosCompared).toBeGreaterThan(tally.proofs * 1000);
}, 900_000);

function compileOrFailQuietly(mutated: ReturnType<typeof policySources>) {
  try {
    return compileOrFail(mutated, notice);
  } catch {
    return undefined;
  }
}
