/**
 * A measure or an output named like a property of every object is in every result: `run`
 * with one scenario (the interpreter) and with a file of scenarios (generated code) alike.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scratchFolder, tiao } from "./tiao.js";

const scratch = scratchFolder();
afterAll(() => scratch.remove());

function policy(measure: string, output: string): string {
  return `policy names { title "T" document "D" issuer "I" issued 2021-11-05 version "1" }

entity person { age: integer }
parameter rate: money { value 100 yuan from 2020-01-01 source "S" }

measure ${measure} {
  cites §1 "Q"
  output ${output}: money = rate * person.age
    cites §1 "Q"
}
`;
}

describe.each([
  ["__proto__", "amount"],
  ["m1", "__proto__"],
  ["m1", "constructor"],
  ["toString", "valueOf"],
])("measure %s, output %s", (measure, output) => {
  const folder = join(scratch.path, `${measure}-${output}`);
  const file = `${folder}.tiao`;
  writeFileSync(file, policy(measure, output));
  const scenario = '{"date":"2021-11-15","person":{"age":3}}';
  const expected = { [measure]: { in_force: true, [output]: "300.00" } };

  it("is in the result of one scenario", () => {
    const scenarioFile = `${folder}.json`;
    writeFileSync(scenarioFile, scenario);
    const result = tiao(["run", file, "--scenario", scenarioFile]);
    expect(result.stderr).toBe("");
    expect(JSON.parse(result.stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(result.stdout).toContain(`"${output}": "300.00"`);
    expect(result.stdout).toContain(`"${measure}": {`);
  });

  it("is in the results of a file of scenarios", () => {
    const scenarios = `${folder}.ndjson`;
    const out = `${folder}.out.ndjson`;
    writeFileSync(scenarios, `${scenario}\n`);
    const result = tiao(["run", file, "--scenarios", scenarios, "--out", out]);
    expect(result.status).toBe(0);
    expect(readFileSync(out, "utf8").trim()).toBe(`{"${measure}":{"in_force":true,"${output}":"300.00"}}`);
  });
});
