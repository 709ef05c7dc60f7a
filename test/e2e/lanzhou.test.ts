import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot, tiao } from "./tiao.js";

const policy = "policies/lanzhou-2021-289";
const testCount = readdirSync(join(repositoryRoot, policy, "tests")).filter((name) => name.endsWith(".json")).length;

/** The scenario of the acceptance case that carries every fact of the ten measures. */
function scenarioWithEveryFact(): string {
  const test = JSON.parse(readFileSync(join(repositoryRoot, policy, "tests", "all-01-one-case-all-measures.json"), "utf8"));
  return JSON.stringify(test.scenario);
}

describe("the Lanzhou policy (兰人社发〔2021〕289号) through the command line", () => {
  it("checks without an error", () => {
    const result = tiao(["check", policy]);
    expect(result.status).toBe(0);
    expect(result.stderr).not.toMatch(/^error/m);
  });

  it("passes its acceptance tests", () => {
    const result = tiao(["test", policy]);
    expect(result.status).toBe(0);
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(`${testCount} passed, 0 failed`);
  });

  it("is in canonical form", () => {
    const result = tiao(["fmt", policy, "--check"]);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("prints m1 … m10 in order for a scenario with every fact", () => {
    const result = tiao(["run", policy, "--scenario", "-"], { input: scenarioWithEveryFact() });
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"]);
    expect(json.m2).toMatchObject({ in_force: true, channel: "online" });
  });

  it("gives the same outputs with --explain, and explains each of them", () => {
    const plain = JSON.parse(tiao(["run", policy, "--scenario", "-"], { input: scenarioWithEveryFact() }).stdout);
    const result = tiao(["run", policy, "--scenario", "-", "--explain"], { input: scenarioWithEveryFact() });
    expect(result.status).toBe(0);
    const { explain, ...outputs } = JSON.parse(result.stdout);
    expect(outputs).toEqual(plain);
    for (const [measure, measureOutputs] of Object.entries(plain)) {
      expect(Object.keys(explain[measure])).toEqual(Object.keys(measureOutputs as object));
    }
  });

  it("names the JSON path of a bad fact", () => {
    const scenario = { date: "2021-11-15", person: { insured_months: "abc" } };
    const result = tiao(["run", policy, "--scenario", "-", "--measure", "m4"], { input: JSON.stringify(scenario) });
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.split("\n")).toContain('person.insured_months: expected a non-negative integer, got "abc"');
  });
});
