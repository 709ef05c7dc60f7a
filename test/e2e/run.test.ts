import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePolicy, scratchFolder, tiao } from "./tiao.js";

const expiredPerson = { unemployed: true, insured_months: 30, ui_status: "expired", migrant_worker: false };
const fullScenario = {
  date: "2021-11-15",
  person: expiredPerson,
  enterprise: { ui_premiums_last_year: "12345.67" },
};

/** `tiao run` on the fixture policy, with the scenario on standard input. */
function run(scenario: unknown, ...flags: string[]) {
  const input = typeof scenario === "string" ? scenario : JSON.stringify(scenario);
  return tiao(["run", fixturePolicy, "--scenario", "-", ...flags], { input });
}

describe("tiao run", () => {
  it("prints the outputs of each measure as 2-space indented JSON, m1 before m2", () => {
    const result = run(fullScenario);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      m1: { in_force: true, eligible: true, monthly: "1166.40" },
      m2: { in_force: true, refund: "7407.40" },
    });
    expect(result.stdout).toBe(`${JSON.stringify(JSON.parse(result.stdout), null, 2)}\n`);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(["m1", "m2"]);
  });

  it("reads the scenario from a file", () => {
    const scratch = scratchFolder();
    try {
      const file = join(scratch.path, "case.json");
      writeFileSync(file, JSON.stringify(fullScenario));
      const result = tiao(["run", fixturePolicy, "--scenario", file]);
      expect(result.status).toBe(0);
      expect(JSON.parse(result.stdout)).toHaveProperty("m2.refund", "7407.40");
    } finally {
      scratch.remove();
    }
  });

  it("leaves out a measure whose facts the scenario does not give", () => {
    const result = run({ date: "2021-11-15", enterprise: { ui_premiums_last_year: 1000 } });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ m2: { in_force: true, refund: "600.00" } });
  });

  it("limits the result to the measures asked for with --measure", () => {
    const result = run(fullScenario, "--measure", "m2");
    expect(result.status).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout))).toEqual(["m2"]);
  });

  it("applies a parameter given by the scenario", () => {
    const result = run({ date: "2021-11-15", parameters: { ui_benefit_standard: "1638.00" }, person: expiredPerson });
    expect(JSON.parse(result.stdout)).toHaveProperty("m1.monthly", "1310.40");
  });

  it("adds explanations under a separate key with --explain, leaving the outputs as they are", () => {
    const plain = JSON.parse(run(fullScenario).stdout);
    const result = run({ ...fullScenario, person: { ...expiredPerson, migrant_worker: true, insured_months: 6 } }, "--explain");
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["m1", "m2", "explain"]);
    expect(json.m2).toEqual(plain.m2);
    const eligible = json.explain.m1.eligible;
    expect(eligible.value).toBe(false);
    expect(eligible.decidedBy).toMatchObject({ kind: "exception", label: "migrant", citation: { clause: "§1" } });
    expect(eligible.overrides).toEqual([expect.objectContaining({ label: "general" })]);
    expect(json.explain.m2.refund.read.facts).toEqual([
      expect.objectContaining({ path: "enterprise.ui_premiums_last_year", value: "12345.67" }),
    ]);
  });
});

describe("tiao run --explain --lang", () => {
  const migrant = { ...fullScenario, person: { ...expiredPerson, migrant_worker: true, insured_months: 6 } };

  it("gives the summaries in Chinese for a Chinese policy, in English with --lang en, the keys in English either way", () => {
    const chinese = JSON.parse(run(migrant, "--explain").stdout);
    const english = JSON.parse(run(migrant, "--explain", "--lang", "en").stdout);
    expect(chinese.explain.m1.eligible.summary).toMatch(/^eligible = false：例外“migrant”（§1 “.+”），优先于规则“general”$/u);
    expect(english.explain.m1.eligible.summary).toMatch(/^eligible = false: exception "migrant" \(§1 “.+”\) overrides rule "general"$/u);
    expect(Object.keys(chinese.explain.m1.eligible)).toEqual(Object.keys(english.explain.m1.eligible));
    const { explain: _chineseExplanations, ...chineseOutputs } = chinese;
    const { explain: _englishExplanations, ...englishOutputs } = english;
    expect(chineseOutputs).toEqual(englishOutputs);
  });

  it("exits 2 for --lang without --explain, or a language it does not speak", () => {
    for (const flags of [["--lang", "en"], ["--explain", "--lang", "de"]]) {
      const result = run(fullScenario, ...flags);
      expect(result.status).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr).toMatch(/^error: --lang /u);
    }
  });
});

describe("tiao run with bad input", () => {
  /** Bad input: exit status 2, nothing on stdout, one stderr line per problem. */
  function expectBadInput(result: ReturnType<typeof run>, ...lineStarts: string[]) {
    expect(result.stdout).toBe("");
    expect(result.status).toBe(2);
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(lineStarts.length);
    lineStarts.forEach((start, i) => expect(lines[i]).toMatch(new RegExp(`^${escapeRegExp(start)}`)));
  }

  it("rejects malformed JSON", () => {
    expectBadInput(run('{ "date": "2021-11-15", '), "(json): line 1, column");
  });

  it("rejects a value of the wrong type, naming its path", () => {
    const result = run({ date: "2021-11-15", person: { ...expiredPerson, insured_months: "abc" } });
    expectBadInput(result, 'person.insured_months: expected a non-negative integer, got "abc"');
  });

  it("rejects a text that is a number, too long, or holds a control character or a line separator, naming its path", () => {
    const household = (postal_code: unknown) => ({ date: "2024-12-01", household: { assistance: "subsistence", persons: 2, postal_code } });
    const runHeating = (scenario: unknown) => tiao(["run", "policies/examples/heating-subsidy", "--scenario", "-"], { input: JSON.stringify(scenario) });
    expectBadInput(runHeating(household(730105)), 'household.postal_code: expected a text in quotes such as "730000", got 730105');
    expectBadInput(runHeating(household({ code: "730105" })), "household.postal_code: expected a text in quotes such as \"730000\", got an object");
    expectBadInput(runHeating(household("7".repeat(201))), "household.postal_code: a text has at most 200 characters");
    expectBadInput(runHeating(household("7301\u0000")), "household.postal_code: a text has no control characters");
    expectBadInput(runHeating(household("7301\u2028")), "household.postal_code: a text has no control characters");
    // 200 characters beyond U+FFFF are 400 UTF-16 units and still a text
    expect(runHeating(household("😀".repeat(200))).status).toBe(0);
  });

  it("rejects an impossible date", () => {
    expectBadInput(run({ ...fullScenario, date: "2021-02-30" }), "date: expected a real calendar date");
  });

  it("rejects an unknown field", () => {
    expectBadInput(run({ date: "2021-11-15", person: { ...expiredPerson, unemploid: true } }), "person.unemploid: ");
  });

  it("rejects an unknown parameter", () => {
    expectBadInput(run({ ...fullScenario, parameters: { ui_benefit: "1638.00" } }), "parameters.ui_benefit: ");
  });

  it("rejects a missing fact of a measure asked for by name", () => {
    const { insured_months: _left_out, ...person } = expiredPerson;
    const result = run({ date: "2021-11-15", person }, "--measure", "m1");
    expectBadInput(result, "person.insured_months: missing: measure m1 needs this fact");
  });

  it("rejects a negative amount", () => {
    const result = run({ date: "2021-11-15", enterprise: { ui_premiums_last_year: -5 } });
    expectBadInput(result, "enterprise.ui_premiums_last_year: expected an amount that is not negative");
  });

  it("reports every problem, one per line", () => {
    const result = run({ date: "2021-13-01", person: { unemployed: "yes" }, enterprise: { ui_premiums_last_year: "1.234" } });
    expectBadInput(result, "date: ", "person.unemployed: ", "enterprise.ui_premiums_last_year: ");
  });

  it("rejects an unknown --measure name", () => {
    expectBadInput(run(fullScenario, "--measure", "m9"), 'error: --measure: the policy has no measure "m9" (it has m1, m2)');
    expectBadInput(run(fullScenario, "--measure", "M2"), 'error: --measure: the policy has no measure "M2" (it has m1, m2)', '  = help: did you mean "m2"?');
  });

  it("gives one output of a measure with --measure m1.monthly, and names the outputs of a measure for an unknown one", () => {
    const result = run(fullScenario, "--measure", "m1.monthly");
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual({ m1: { in_force: true, monthly: "1166.40" } });
    expectBadInput(run(fullScenario, "--measure", "m1.montly"), 'error: --measure: the measure m1 has no output "montly" (it has in_force, eligible, monthly)', '  = help: did you mean "m1.monthly"?');
    const batch = tiao(["run", fixturePolicy, "--scenarios", "-", "--out", "-", "--measure", "m1.monthly"], { input: JSON.stringify(fullScenario) });
    expect(batch.status).toBe(2);
    expect(batch.stderr).toContain("error: --measure m1.monthly names one output, which goes with --scenario: with --scenarios, name whole measures (--measure m1)");
  });

  it("rejects a scenario file that does not exist", () => {
    const result = tiao(["run", fixturePolicy, "--scenario", "no-such-scenario.json"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("no-such-scenario.json");
  });

  it("requires --scenario", () => {
    const result = tiao(["run", fixturePolicy]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("missing --scenario");
  });
});

describe("tiao run with a policy that cannot give a result", () => {
  it("exits 1 with the diagnostics of a bad policy, and nothing on stdout", () => {
    const result = tiao(["run", "test/e2e/fixtures/broken", "--scenario", "-"], { input: '{ "date": "2021-11-15" }' });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/error\[T\d{4}\]/);
    expect(result.stderr).toMatch(/--> test\/e2e\/fixtures\/broken\/broken\.tiao:\d+:\d+/);
  });

  it("exits 3 when no rule applies, naming the place in the policy", () => {
    const result = tiao(["run", "test/e2e/fixtures/no-rule.tiao", "--scenario", "-"], {
      input: JSON.stringify({ date: "2021-11-15", person: { age: 30 } }),
    });
    expect(result.status).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: .+\n {2}--> test\/e2e\/fixtures\/no-rule\.tiao:\d+:\d+\n$/);
  });

  it("evaluates the same one-file policy where a rule applies", () => {
    const result = tiao(["run", "test/e2e/fixtures/no-rule.tiao", "--scenario", "-"], {
      input: JSON.stringify({ date: "2021-11-15", person: { age: 31 } }),
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ m1: { in_force: true, band: 2 } });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
