import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fixturePolicy, scratchFolder, tiao } from "./tiao.js";

describe("tiao compile", () => {
  let scratch: ReturnType<typeof scratchFolder> | undefined;
  afterEach(() => scratch?.remove());

  function outFolder(): string {
    scratch = scratchFolder();
    return join(scratch.path, "out");
  }

  it("writes TypeScript named after the policy, importing the runtime from tiao/runtime", () => {
    const out = outFolder();
    const result = tiao(["compile", fixturePolicy, "--target", "ts", "--out", out]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(readdirSync(out)).toEqual(["benefit_demo.ts"]);
    expect(result.stdout).toBe(`${join(out, "benefit_demo.ts")}\n`);
    const code = readFileSync(join(out, "benefit_demo.ts"), "utf8");
    expect(code).toContain('"tiao/runtime"');
  });

  it("takes the runtime import from --runtime", () => {
    const out = outFolder();
    tiao(["compile", fixturePolicy, "--out", out, "--runtime", "@example/tiao-runtime"]);
    expect(readFileSync(join(out, "benefit_demo.ts"), "utf8")).toContain('"@example/tiao-runtime"');
  });

  it("writes the English labels into the doc comments with --lang en, and refuses another language", () => {
    const out = outFolder();
    const result = tiao(["compile", "policies/lanzhou-2021-289", "--out", out, "--lang", "en"]);
    expect(result.stderr).toBe("");
    const code = readFileSync(join(out, "lanzhou_2021_289.ts"), "utf8");
    expect(code).toContain("measure m2 Unemployment insurance refunds for keeping jobs");
    expect(code).toContain("refund (refund of unemployment insurance premiums): ");
    const refused = tiao(["compile", "policies/lanzhou-2021-289", "--out", outFolder(), "--lang", "fr"]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('--lang expects en (doc comments with the policy\'s English labels), got "fr"');
  });

  it("writes JavaScript with its declarations", () => {
    const out = outFolder();
    const result = tiao(["compile", fixturePolicy, "--target", "js", "--out", out]);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["benefit_demo.d.ts", "benefit_demo.js"]);
  });

  it("writes the JSON Schemas of scenarios and outputs", () => {
    const out = outFolder();
    const result = tiao(["compile", fixturePolicy, "--target", "schema", "--out", out]);
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(["benefit_demo.outputs.schema.json", "benefit_demo.scenario.schema.json"]);
    const scenarioSchema = JSON.parse(readFileSync(join(out, "benefit_demo.scenario.schema.json"), "utf8"));
    expect(JSON.stringify(scenarioSchema)).toContain("insured_months");
  });

  it("writes nothing for a bad policy, and exits 1 with its diagnostics", () => {
    const out = outFolder();
    const result = tiao(["compile", "test/e2e/fixtures/broken", "--out", out]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/broken\.tiao:\d+:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it("rejects an unknown target and a missing --out", () => {
    const unknown = tiao(["compile", fixturePolicy, "--target", "wasm", "--out", "x"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown --target 'wasm'");
    const missing = tiao(["compile", fixturePolicy]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("missing --out");
  });
});
