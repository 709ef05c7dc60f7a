/**
 * Results never depend on the machine's time zone or language: `tiao run --scenarios` on
 * thousands of scenarios, and `tiao run --explain`, print the same bytes under UTC, three
 * time zones at the edges of the day (UTC+8, UTC−8/−7, UTC+14) and a Turkish locale, whose
 * case mappings (dotted and dotless i) break careless lower- and upper-casing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { scenarioText } from "../../bench/workload.js";
import { scratchFolder, tiao, type TiaoResult } from "../e2e/tiao.js";
import { caseCount, fuzzParameters, testTime } from "./budget.js";
import { programOf, repositoryPolicies } from "./policies.js";
import { scenarioJsonArbitrary } from "./scenario-json.js";

const environments: readonly Readonly<Record<string, string>>[] = [
  { TZ: "UTC", LANG: "C.UTF-8" },
  { TZ: "Asia/Shanghai", LANG: "zh_CN.UTF-8" },
  { TZ: "America/Los_Angeles", LANG: "en_US.UTF-8" },
  { TZ: "Pacific/Kiritimati", LANG: "C.UTF-8" },
  { TZ: "UTC", LANG: "tr_TR.UTF-8", LC_ALL: "tr_TR.UTF-8" },
];

const scratch = scratchFolder();
afterAll(() => scratch.remove());

/**
 * The command under every environment: the same status, output and messages as under the
 * first. `--out` names a file of its own per environment, whose bytes are compared too.
 */
function expectSameEverywhere(args: readonly string[]): TiaoResult {
  const outAt = args.indexOf("--out") + 1;
  const [first, ...others] = environments.map((env, index) => {
    const withOut = outAt === 0 ? args : args.map((arg, at) => (at === outAt ? `${arg}.${index}` : arg));
    const result = tiao(withOut, { env: { ...env, LANGUAGE: "" } });
    // the summary line's elapsed time is the one thing allowed to differ
    const stderr = result.stderr.replace(/, [\d.]+ s$/m, ", (time) s");
    return { env, result: { ...result, stderr, stdout: outAt === 0 ? result.stdout : readFileSync(withOut[outAt] ?? "", "utf8") } };
  });
  if (first === undefined) throw new Error("no environment");
  // 3: some scenarios cannot be evaluated (no rule applies, an amount too large), which is an outcome like the others
  expect([0, 3], `${args.join(" ")}: status ${first.result.status}\n${first.result.stderr}`).toContain(first.result.status);
  for (const { env, result } of others) {
    expect({ env, status: result.status, stderr: result.stderr }).toEqual({ env, status: first.result.status, stderr: first.result.stderr });
    // compared as a whole, not line by line: a difference prints as a diff of the first lines that differ
    expect(result.stdout === first.result.stdout, `stdout under ${JSON.stringify(env)} differs from ${JSON.stringify(first.env)}`).toBe(true);
  }
  return first.result;
}

describe("results are byte-identical under every time zone and locale", () => {
  it(
    "for the Lanzhou policy on the benchmark's workload, and with explanations",
    () => {
      const count = caseCount(3_000);
      const scenarios = join(scratch.path, "lanzhou.ndjson");
      writeFileSync(scenarios, Array.from({ length: count }, (_, index) => scenarioText(289, index)).join("\n"));
      const result = expectSameEverywhere(["run", "policies/lanzhou-2021-289", "--scenarios", scenarios, "--out", join(scratch.path, "lanzhou.out")]);
      expect(result.stdout.trimEnd().split("\n")).toHaveLength(count);
      const one = join(scratch.path, "one.json");
      writeFileSync(one, scenarioText(289, 7));
      expectSameEverywhere(["run", "policies/lanzhou-2021-289", "--scenario", one, "--explain"]);
      expectSameEverywhere(["explain", "policies/lanzhou-2021-289", "--scenario", one, "--lang", "en"]);
    },
    testTime(120_000),
  );

  it.each(repositoryPolicies.filter((policy) => policy.folder !== "policies/lanzhou-2021-289").map((policy) => policy.folder))(
    "for %s on random scenarios",
    (folder) => {
      const policy = repositoryPolicies.find((candidate) => candidate.folder === folder);
      if (policy === undefined) throw new Error(`no policy ${folder}`);
      const count = caseCount(1_000);
      const lines = fc.sample(scenarioJsonArbitrary(programOf(policy)), { numRuns: count, seed: fuzzParameters(`environment-${folder}`, 1).seed });
      const scenarios = join(scratch.path, `${folder.replace(/[^A-Za-z0-9]+/g, "-")}.ndjson`);
      writeFileSync(scenarios, lines.join("\n"));
      const result = expectSameEverywhere(["run", folder, "--scenarios", scenarios, "--out", `${scenarios}.out`]);
      expect(result.stdout.trimEnd().split("\n")).toHaveLength(count);
    },
    testTime(120_000),
  );
});
