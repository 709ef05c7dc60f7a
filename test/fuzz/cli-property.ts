/**
 * Every command of `tiao` (bin/usage.ts: check, compile with each target, run with one
 * scenario and with a file of them, explain, test, fmt, diff) on the real policies mutated,
 * and on hostile scenarios: never exit status 70, never a stack trace, and what `check`
 * accepts the other commands take: `compile` succeeds exactly when `check` does, and `run`,
 * `explain` and `test` report a policy error (status 1) exactly when `check` does. Run in
 * this process through the built command's main function (test/fuzz/cli.ts); the spawned
 * command is tested by environment.test.ts. The property's cases are split into parts, one
 * test file each (cli-1.test.ts …), that vitest's workers run side by side.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/index.js";
import { scratchFolder } from "../e2e/tiao.js";
import { fuzzParameters, testTime } from "./budget.js";
import { crashOf, runCli, type CliResult } from "./cli.js";
import { jsonCorpus } from "./corpus.js";
import { hostileScenario } from "./hostile.js";
import { applyMutation, mutation, type Mutation } from "./inputs.js";
import { programOf, repositoryPolicies, repositoryRoot, type RepositoryPolicy } from "./policies.js";
import { scenarioJsonArbitrary } from "./scenario-json.js";

/** The property's command lines in `npm test`, split over the parts. */
export const cliCases = 10_000;

/** The policies a command line is cheap enough to run on thousands of times: all but those with 100 tests or more. */
const policies = repositoryPolicies.filter((policy) => policy.folder !== "policies/lanzhou-2021-289");

interface Workspace {
  readonly policy: RepositoryPolicy;
  /** a copy of the policy's folder (its files, notice and tests), changed by each case and put back after */
  readonly folder: string;
  /** an unchanged copy, the old side of `tiao diff` */
  readonly original: string;
  readonly scenario: string;
  readonly scenarios: string;
}

function workspacesIn(scratch: ReturnType<typeof scratchFolder>): readonly Workspace[] {
  return policies.map((policy, index) => {
    // each copy lays the policy out as the repository does, so that an amendment finds the
    // policy it amends by its relative path (`amends "../.."` from a folder inside it too)
    const copy = (root: string): string => {
      const amendedFile = policy.amended?.files[0]?.path;
      if (amendedFile !== undefined) cpSync(join(repositoryRoot, dirname(amendedFile)), join(root, dirname(amendedFile)), { recursive: true });
      cpSync(join(repositoryRoot, policy.folder), join(root, policy.folder), { recursive: true });
      return join(root, policy.folder);
    };
    const folder = copy(join(scratch.path, `p${index}`, "policy"));
    const original = copy(join(scratch.path, `p${index}`, "original"));
    const program = programOf(policy);
    const samples = fc.sample(hostileScenario(scenarioJsonArbitrary(program, { maxListLength: 2 })), { numRuns: 40, seed: index });
    const valid = fc.sample(scenarioJsonArbitrary(program, { maxListLength: 2 }), { numRuns: 40, seed: index });
    const scenario = join(scratch.path, `p${index}`, "scenario.json");
    const scenarios = join(scratch.path, `p${index}`, "scenarios.ndjson");
    writeFileSync(scenario, valid[0] ?? "{}");
    writeFileSync(scenarios, [...valid, ...samples].map((line) => line.replace(/[\r\n\u2028\u2029]/g, " ")).join("\n"));
    return { policy, folder, original, scenario, scenarios };
  });
}

const commands = ["check", "compile-ts", "compile-js", "compile-schema", "run", "run-scenarios", "explain", "test", "fmt-check", "fmt", "diff"] as const;
type Command = (typeof commands)[number];

function commandLine(command: Command, workspace: Workspace, out: string): string[] {
  const { folder } = workspace;
  switch (command) {
    case "check":
      return ["check", folder];
    case "compile-ts":
    case "compile-js":
    case "compile-schema":
      return ["compile", folder, "--out", out, "--target", command.slice("compile-".length)];
    case "run":
      return ["run", folder, "--scenario", workspace.scenario];
    case "run-scenarios":
      return ["run", folder, "--scenarios", workspace.scenarios, "--out", join(out, "results.ndjson")];
    case "explain":
      return ["explain", folder, "--scenario", workspace.scenario];
    case "test":
      return ["test", folder];
    case "fmt-check":
      return ["fmt", folder, "--check"];
    case "fmt":
      return ["fmt", folder];
    case "diff":
      return ["diff", workspace.original, folder, "--format", "json"];
  }
}

/** The statuses a command may end with, given whether the policy passes `check`. */
function allowedStatuses(command: Command, clean: boolean): readonly number[] {
  if (command === "fmt" || command === "fmt-check") return [0, 1];
  if (!clean) return [1];
  switch (command) {
    case "check":
    case "compile-ts":
    case "compile-js":
    case "compile-schema":
      return [0];
    case "run":
    case "run-scenarios":
    case "explain":
      return [0, 2, 3];
    case "test":
      // 2: a test file the policy cannot read (or no tests/ folder at all)
      return [0, 1, 2];
    case "diff":
      return [0];
  }
}

interface CliCase {
  readonly policy: number;
  readonly file: number;
  readonly mutations: readonly Mutation[];
  readonly command: Command;
}

const cliCase: fc.Arbitrary<CliCase> = fc.record({
  policy: fc.nat({ max: policies.length - 1 }),
  file: fc.nat({ max: 63 }),
  mutations: fc.array(mutation, { maxLength: 3 }),
  // the diff searches and proves: a hundred times the cost of another command
  command: fc.oneof({ weight: 60, arbitrary: fc.constantFrom(...commands.filter((c) => c !== "diff")) }, { weight: 1, arbitrary: fc.constant("diff" as const) }),
});

/** Part `part` (1 to `parts`) of the property: its share of the command lines, from a seed of its own; the first part replays the corpus. */
export function cliSuite(part: number, parts: number): void {
  const scratch = scratchFolder();
  afterAll(() => scratch.remove());
  const workspaces = workspacesIn(scratch);
  describe(`every command on mutated policies (part ${part} of ${parts})`, () => {
    it(
      "never exits 70, never prints a stack trace, and agrees with check",
      async () => {
        let cases = 0;
        await fc.assert(
          fc.asyncProperty(cliCase, async (input) => {
            const workspace = workspaces[input.policy % workspaces.length];
            if (workspace === undefined) throw new Error("no workspace");
            const { sources, notice, amended } = workspace.policy;
            const index = input.file % sources.length;
            const source = sources[index];
            if (source === undefined) throw new Error("no file");
            const text = input.mutations.reduce(applyMutation, source.text);
            const file = join(workspace.folder, source.path.slice(workspace.policy.folder.length + 1));
            const changed = sources.map((s, at) => (at === index ? { path: s.path, text } : s));
            const withNotice = notice === undefined ? {} : { notice };
            const clean = compile(changed, amended === undefined ? withNotice : { ...withNotice, amended }).program !== undefined;
            const out = join(scratch.path, "out");
            mkdirSync(out, { recursive: true });
            writeFileSync(file, text);
            let result: CliResult;
            try {
              result = await runCli(commandLine(input.command, workspace, out));
            } finally {
              writeFileSync(file, source.text);
            }
            const described = `tiao ${commandLine(input.command, workspace, out).join(" ")}: status ${result.status}\n${result.stderr.slice(0, 1000)}`;
            expect(crashOf(result), described).toBeUndefined();
            expect(allowedStatuses(input.command, clean), described).toContain(result.status);
            cases++;
          }),
          fuzzParameters(part === 1 ? "cli-mutation" : `cli-mutation-${part}`, Math.ceil(cliCases / parts), part === 1 ? jsonCorpus<CliCase>("cli-mutation") : []),
        );
        expect(cases).toBeGreaterThan(0);
      },
      testTime(1_200_000),
    );

    if (part !== 1) return;
    it(
      "tiao run --scenarios writes one line per scenario, whatever the scenarios hold",
      async () => {
        for (const workspace of workspaces) {
          const out = join(scratch.path, "lines.ndjson");
          const result = await runCli(["run", workspace.folder, "--scenarios", workspace.scenarios, "--out", out]);
          expect(crashOf(result), result.stderr.slice(0, 2000)).toBeUndefined();
          expect([0, 2, 3]).toContain(result.status);
          const lines = readFileSync(workspace.scenarios, "utf8").split("\n").filter((line) => line.trim() !== "");
          expect(readFileSync(out, "utf8").trimEnd().split("\n")).toHaveLength(lines.length);
        }
      },
      testTime(120_000),
    );
  });
}
