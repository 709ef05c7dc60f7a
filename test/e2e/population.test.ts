import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateScenario, problemLine, resultJson } from "../../compiler/evaluate-scenario.js";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { scenarioText } from "../../bench/workload.js";
import { fixturePolicy, scratchFolder, tiao } from "./tiao.js";

/** A one-measure policy where no rule applies at exactly 30 years of age. */
const ageBands = "test/e2e/fixtures/no-rule.tiao";
const SUMMARY = /^(\d+) scenarios?, (\d+) with errors, \d+\.\d s\n$/;

const ageLines = [
  '{"date":"2021-11-15","person":{"age":31}}',
  '{"date":"2021-11-15","person":{"age":18}}',
  "",
  '{"date":"2021-11-15","person":{"age":30}}',
  '{"date":"2021-11-15","person":{"age":"thirty"}}',
  '{"date":"2021-11-15"}',
  '{"date":"2021-02-30","person":{"age":40}}',
  "not a scenario",
  '{"date":"2021-11-15","person":{"age":45}}\r',
  '{"date":"2021-11-15","person":{"age":0}}',
];

let scratch: ReturnType<typeof scratchFolder>;
beforeAll(() => {
  scratch = scratchFolder();
});
afterAll(() => scratch.remove());

/** Writes a scratch file and returns its path. */
function scratchFile(name: string, text: string): string {
  const path = join(scratch.path, name);
  writeFileSync(path, text);
  return path;
}

/** What `tiao run --scenario` prints on stderr for one scenario: its problems, or its evaluation error's message. */
function runOne(policy: string, scenario: string): { status: number | null; lines: string[] } {
  const result = tiao(["run", policy, "--scenario", "-"], { input: scenario });
  return { status: result.status, lines: result.stderr.trimEnd().split("\n") };
}

describe("tiao run --scenarios", () => {
  it("writes one line per scenario in order, the line number of each bad one, and goes on", () => {
    const input = scratchFile("ages.ndjson", ageLines.join("\n"));
    const out = join(scratch.path, "ages-results.ndjson");
    const result = tiao(["run", ageBands, "--scenarios", input, "--out", out]);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(SUMMARY);
    expect(SUMMARY.exec(result.stderr)?.slice(1, 3)).toEqual(["9", "4"]);
    // a bad line wins over an evaluation error
    expect(result.status).toBe(2);

    const noRule = runOne(ageBands, ageLines[3]!);
    expect(noRule.status).toBe(3);
    const problems = (line: number) => runOne(ageBands, ageLines[line - 1]!).lines;
    expect(readFileSync(out, "utf8")).toBe(
      [
        { m1: { in_force: true, band: 2 } },
        { m1: { in_force: true, band: 1 } },
        { line: 4, evaluation_error: noRule.lines[0]!.replace(/^error: /, "") },
        { line: 5, errors: ['person.age: expected a non-negative integer, got "thirty"'] },
        {},
        { line: 7, errors: problems(7) },
        { line: 8, errors: problems(8) },
        { m1: { in_force: true, band: 2 } },
        { m1: { in_force: true, band: 1 } },
      ]
        .map((line) => `${JSON.stringify(line)}\n`)
        .join(""),
    );
    expect(problems(7)).toEqual([expect.stringMatching(/^date: /)]);
    expect(problems(8)).toEqual([expect.stringMatching(/^\(json\): /)]);
  });

  it("writes the same lines from worker threads", () => {
    const input = ageLines.join("\n");
    const inThisThread = tiao(["run", ageBands, "--scenarios", "-", "--out", "-", "--jobs", "1"], { input });
    const inWorkers = tiao(["run", ageBands, "--scenarios", "-", "--out", "-", "--jobs", "2"], { input });
    expect(inWorkers.status).toBe(2);
    expect(inWorkers.stdout).toBe(inThisThread.stdout);
    expect(inWorkers.stdout.split("\n")).toHaveLength(10);
  });

  it("exits 3 when a scenario cannot be evaluated and none is bad", () => {
    const result = tiao(["run", ageBands, "--scenarios", "-", "--out", "-"], { input: `${ageLines[0]}\n${ageLines[3]}\n` });
    expect(result.status).toBe(3);
    expect(result.stdout.split("\n")[1]).toMatch(/^\{"line":2,"evaluation_error":"no rule gives `band` a value/);
  });

  it("exits 0 when every scenario is evaluated, with the results on standard output for --out -", () => {
    const result = tiao(["run", ageBands, "--scenarios", "-", "--out", "-"], { input: `${ageLines[0]}\n\n${ageLines[1]}` });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{"m1":{"in_force":true,"band":2}}\n{"m1":{"in_force":true,"band":1}}\n');
    expect(result.stderr).toMatch(/^2 scenarios, 0 with errors, \d+\.\d s\n$/);
  });

  it("writes nothing for an empty file, and draws no progress bar when stderr is not a terminal", () => {
    const result = tiao(["run", ageBands, "--scenarios", "-", "--out", "-"], { input: "\n\n" });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^0 scenarios, 0 with errors, \d+\.\d s\n$/);
  });

  it("limits the results to the measures of --measure, whose missing facts make a line bad", () => {
    const lines = [
      { date: "2021-11-15", person: { unemployed: true, insured_months: 30, ui_status: "expired", migrant_worker: false }, enterprise: { ui_premiums_last_year: "12345.67" } },
      { date: "2021-11-15", person: { unemployed: true, insured_months: 30, ui_status: "expired", migrant_worker: false } },
    ].map((scenario) => JSON.stringify(scenario));
    const result = tiao(["run", fixturePolicy, "--scenarios", "-", "--out", "-", "--measure", "m2"], { input: lines.join("\n") });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe(
      '{"m2":{"in_force":true,"refund":"7407.40"}}\n{"line":2,"errors":["enterprise.ui_premiums_last_year: missing: measure m2 needs this fact"]}\n',
    );
    const one = tiao(["run", fixturePolicy, "--scenario", "-", "--measure", "m2"], { input: lines[1]! });
    expect(one.stderr).toBe("enterprise.ui_premiums_last_year: missing: measure m2 needs this fact\n");
  });
});

describe("tiao run --scenarios refuses", () => {
  /** Exit status 2, nothing on stdout, the results file not created, and the message on stderr. */
  function expectRefused(args: readonly string[], message: string, policy = ageBands): void {
    const input = scratchFile("refused.ndjson", `${ageLines[0]}\n`);
    const out = join(scratch.path, "refused-results.ndjson");
    const result = tiao(["run", policy, ...args.map((arg) => (arg === "<in>" ? input : arg === "<out>" ? out : arg))]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(message);
    expect(existsSync(out)).toBe(false);
  }

  it("--explain", () => {
    expectRefused(["--scenarios", "<in>", "--out", "<out>", "--explain"], "error: --explain cannot be used with --scenarios");
  });

  it("--scenario with --scenarios", () => {
    expectRefused(["--scenarios", "<in>", "--scenario", "<in>", "--out", "<out>"], "error: --scenario and --scenarios cannot be used together");
  });

  it("--scenarios without --out, and --out without --scenarios", () => {
    expectRefused(["--scenarios", "<in>"], "error: missing --out <file.ndjson>");
    expectRefused(["--scenario", "<in>", "--out", "<out>"], "error: --out goes with --scenarios");
  });

  it("--jobs that is not a number of threads, or without --scenarios", () => {
    const range = `error: --jobs expects a number of threads from 1 to ${4 * availableParallelism()} (4 per processor)`;
    expectRefused(["--scenarios", "<in>", "--out", "<out>", "--jobs", "0"], `${range}, got "0"`);
    expectRefused(["--scenarios", "<in>", "--out", "<out>", "--jobs", "two"], `${range}, got "two"`);
    expectRefused(["--scenarios", "<in>", "--out", "<out>", "--jobs", "1000"], `${range}, got "1000"`);
    expectRefused(["--scenarios", "<in>", "--out", "<out>", "--jobs", String(4 * availableParallelism() + 1)], range);
    expectRefused(["--scenario", "<in>", "--jobs", "2"], "error: --jobs goes with --scenarios");
  });

  it("a --measure the policy does not have", () => {
    expectRefused(["--scenarios", "<in>", "--out", "<out>", "--measure", "m9"], 'error: --measure: the policy has no measure "m9" (it has m1)');
  });

  it("a file of scenarios that does not exist", () => {
    expectRefused(["--scenarios", "no-such-file.ndjson", "--out", "<out>"], "error: cannot read scenarios 'no-such-file.ndjson': no such file");
  });

  it("results written over the scenarios", () => {
    expectRefused(["--scenarios", "<in>", "--out", "<in>", "--jobs", "2"], "is the file of --scenarios");
    expect(readFileSync(join(scratch.path, "refused.ndjson"), "utf8")).toBe(`${ageLines[0]}\n`);
  });

  it("a policy with errors, with exit status 1 and nothing written", () => {
    const input = scratchFile("broken.ndjson", '{ "date": "2021-11-15" }\n');
    const out = join(scratch.path, "broken-results.ndjson");
    const result = tiao(["run", "test/e2e/fixtures/broken", "--scenarios", input, "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/error\[T\d{4}\]/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("tiao run --scenarios on the Lanzhou policy", () => {
  const policy = "policies/lanzhou-2021-289";
  let program: ProgramIR;
  beforeAll(async () => {
    const compiled = await compilePolicy(readPolicy(policy));
    if (compiled.program === undefined) throw new Error("the Lanzhou policy does not compile");
    program = compiled.program;
  });

  /**
   * 200 scenarios of the benchmark's workload, every tenth with an entity left out, a fact
   * left out or a fact made bad, so that measures are left out and lines are bad.
   */
  function population(): string[] {
    return Array.from({ length: 200 }, (_, index) => {
      const scenario = JSON.parse(scenarioText(289, index)) as { [key: string]: { [field: string]: unknown } };
      const entities = Object.keys(scenario).filter((key) => key !== "date" && key !== "parameters");
      const entity = entities[index % entities.length]!;
      const record = scenario[entity]!;
      const field = Object.keys(record)[index % Object.keys(record).length]!;
      if (index % 10 === 1) delete scenario[entity];
      if (index % 10 === 2) delete record[field];
      if (index % 10 === 3) record[field] = "not a value";
      return JSON.stringify(scenario);
    });
  }

  /** The line `tiao run --scenario` would give for each scenario, from the interpreter. */
  function expectedLines(lines: readonly string[], measures?: readonly string[]): string[] {
    return lines.map((text, index) => {
      const outcome = evaluateScenario(program, { scenario: text, ...(measures === undefined ? {} : { measures }) });
      switch (outcome.kind) {
        case "evaluated":
          return JSON.stringify(resultJson(outcome.result));
        case "bad_input":
          return JSON.stringify({ line: index + 1, errors: outcome.problems.map(problemLine) });
        case "evaluation_error":
          return JSON.stringify({ line: index + 1, evaluation_error: outcome.error.message });
      }
    });
  }

  it.each([
    { name: "all measures, in one thread", measures: undefined, jobs: 1 },
    { name: "--measure m4 --measure m2, in one thread", measures: ["m4", "m2"], jobs: 1 },
    { name: "all measures, in three worker threads", measures: undefined, jobs: 3 },
  ])("gives the interpreter's results for each line: $name", ({ measures, jobs }) => {
    const lines = population();
    const input = scratchFile("lanzhou.ndjson", `${lines.join("\n")}\n`);
    const flags = [...(measures ?? []).flatMap((name) => ["--measure", name]), "--jobs", String(jobs)];
    const result = tiao(["run", policy, "--scenarios", input, "--out", "-", ...flags]);
    const expected = expectedLines(lines, measures);
    expect(result.stdout.split("\n").slice(0, -1)).toEqual(expected);
    const bad = expected.filter((line) => line.startsWith('{"line":')).length;
    expect(bad).toBeGreaterThan(0);
    expect(bad).toBeLessThan(expected.length / 2);
    expect(result.stderr).toMatch(new RegExp(`^200 scenarios, ${bad} with errors, `));
  });
});
