/**
 * An output whose type is a list of records: what `check` accepts, every command that
 * evaluates prints, and one scenario run alone gives what it gives in a file of scenarios.
 */
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyOfFixture, tiao } from "./tiao.js";

const measure = `
record trainee "以工代训人员" {
  months: months "月数"
  wage: money "工资"
}

entity training "培训" {
  trainees: list of trainee "以工代训人员"
}

measure m3 "名单" {
  cites §2 "按60%的标准返还"

  output listed: list of trainee
    = training.trainees
    cites §2 "按60%的标准返还"
}
`;

const scenario = { date: "2021-11-15", training: { trainees: [{ months: 3, wage: "1820.50" }, { months: 5, wage: 2000 }] } };
const expected = { m3: { in_force: true, listed: [{ months: 3, wage: "1820.50" }, { months: 5, wage: "2000.00" }] } };

describe("an output that is a list of records", () => {
  let policy: { readonly path: string; readonly remove: () => void };

  beforeAll(() => {
    policy = copyOfFixture();
    appendFileSync(join(policy.path, "benefit.tiao"), measure);
    mkdirSync(join(policy.path, "tests"), { recursive: true });
    writeFileSync(join(policy.path, "tests", "m3-listed.json"), JSON.stringify({ name: "m3: the trainees as given", scenario, expected }));
  });

  afterAll(() => policy.remove());

  it("passes check", () => {
    const result = tiao(["check", policy.path]);
    expect(result.stderr).toBe("no problems found in 1 file\n");
    expect(result.status).toBe(0);
  });

  it("is printed by run, in the same form as by run --scenarios", () => {
    const single = tiao(["run", policy.path, "--scenario", "-", "--measure", "m3"], { input: JSON.stringify(scenario) });
    expect(single.stderr).toBe("");
    expect(single.status).toBe(0);
    expect(JSON.parse(single.stdout)).toEqual(expected);
    const population = tiao(["run", policy.path, "--scenarios", "-", "--out", "-", "--measure", "m3"], { input: `${JSON.stringify(scenario)}\n` });
    expect(population.status).toBe(0);
    expect(JSON.parse(population.stdout)).toEqual(JSON.parse(single.stdout));
  });

  it("is explained by explain", () => {
    const result = tiao(["explain", policy.path, "--scenario", "-", "--measure", "m3"], { input: JSON.stringify(scenario) });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("listed");
  });

  it("is compared with the expected result by test", () => {
    const result = tiao(["test", policy.path]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("m3: the trainees as given");
  });
});
