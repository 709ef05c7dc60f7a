import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyOfFixture, fixturePolicy, repositoryRoot, scratchFolder, tiao } from "./tiao.js";

describe("tiao test", () => {
  let copy: ReturnType<typeof copyOfFixture> | undefined;
  afterEach(() => copy?.remove());

  /** A copy of the fixture policy with one more test file. */
  function withTestFile(name: string, content: unknown): string {
    copy = copyOfFixture();
    writeFileSync(join(copy.path, "tests", name), typeof content === "string" ? content : JSON.stringify(content, null, 2));
    return copy.path;
  }

  it("reports each passing test and the summary", () => {
    const result = tiao(["test", fixturePolicy]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines.slice(0, -1).every((line) => line.startsWith("✓ "))).toBe(true);
    expect(lines).toContain("✓ m2: 60% of last year's premiums, half-up to the fen");
    expect(lines.at(-1)).toBe("6 passed, 0 failed");
  });

  it("passes the test file of docs/cli.md, on the Lanzhou policy", () => {
    const documentation = readFileSync(join(repositoryRoot, "docs", "cli.md"), "utf8");
    const example = /A test file:\n\n```json\n([^`]+)```/u.exec(documentation)?.[1];
    if (example === undefined) throw new Error("docs/cli.md has no test file example");
    const scratch = scratchFolder();
    copy = scratch;
    const policy = join(scratch.path, "lanzhou");
    const source = join(repositoryRoot, "policies", "lanzhou-2021-289");
    cpSync(source, policy, { recursive: true, filter: (path) => relative(source, path).split(sep)[0] !== "tests" });
    mkdirSync(join(policy, "tests"));
    writeFileSync(join(policy, "tests", "example.json"), example);
    const result = tiao(["test", policy]);
    expect(result.stdout).toBe("✓ m4: migrant worker insured 8 months gets the living subsidy\n1 passed, 0 failed\n");
    expect(result.status).toBe(0);
  });

  it("reports a wrong output with the measure, the values and the test file, and exits 1", () => {
    const policy = withTestFile("wrong.json", {
      name: "a wrong expectation",
      scenario: { date: "2021-11-15", enterprise: { ui_premiums_last_year: "100" } },
      expected: { m2: { refund: "61.00" } },
    });
    const result = tiao(["test", policy]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(
      `✗ a wrong expectation\n    ${join(policy, "tests", "wrong.json")}\n    m2.refund: expected "61.00", got "60.00"\n`,
    );
    expect(result.stdout).toMatch(/\n6 passed, 1 failed\n$/);
  });

  it("fails a test whose measure was left out, naming the missing facts", () => {
    const policy = withTestFile("skipped.json", {
      name: "facts left out",
      scenario: { date: "2021-11-15", person: { unemployed: true } },
      expected: { m1: { eligible: true } },
    });
    const result = tiao(["test", policy]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/m1 was not evaluated: the scenario does not give person\.\w+/);
  });

  it("fails a test expecting an error when the scenario is evaluated", () => {
    const policy = withTestFile("no-error.json", {
      name: "expects an error in vain",
      scenario: { date: "2021-11-15", enterprise: { ui_premiums_last_year: "100" } },
      expected_error: { exit: 2, paths: ["enterprise.ui_premiums_last_year"] },
    });
    const result = tiao(["test", policy]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("expected the scenario to be rejected (exit status 2), but the scenario was evaluated");
  });

  it("reports a malformed test file as a failed test naming the file and the JSON path", () => {
    const policy = withTestFile("typo.json", {
      name: "a typo in a key",
      scenario: { date: "2021-11-15" },
      expect: { m2: { refund: "0.00" } },
    });
    const result = tiao(["test", policy]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`✗ a typo in a key\n    ${join(policy, "tests", "typo.json")}\n    the test file is not valid:\n`);
    expect(result.stdout).toContain("      expect: unknown key");
    expect(result.stdout).toMatch(/\n6 passed, 1 failed\n$/);
  });

  it("reports a test file that is not JSON as a failed test", () => {
    const policy = withTestFile("broken.json", '{ "name": "broken", ');
    const result = tiao(["test", policy]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(`✗ ${join(policy, "tests", "broken.json")}\n`);
    expect(result.stdout).toContain("(json): line 1, column");
  });

  it("exits 1 with the diagnostics of a bad policy, running no test", () => {
    const result = tiao(["test", "test/e2e/fixtures/broken/broken.tiao"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/error\[T\d{4}\]/);
  });

  it("exits 2 when the policy has no tests folder", () => {
    const result = tiao(["test", "test/e2e/fixtures/no-rule.tiao"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: no tests: there is no folder 'test/e2e/fixtures/tests' beside the policy\n");
  });
});
