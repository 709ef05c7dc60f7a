import { describe, expect, it } from "vitest";
import { fixturePolicy, tiao } from "./tiao.js";

describe("tiao check", () => {
  it("reports no problems in a good policy", () => {
    const result = tiao(["check", fixturePolicy]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("no problems found in 1 file\n");
  });

  it("accepts a single .tiao file", () => {
    const result = tiao(["check", "test/e2e/fixtures/no-rule.tiao"]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe("no problems found in 1 file\n");
  });

  it("exits 1 with rustc-style diagnostics and a count for a bad policy", () => {
    const result = tiao(["check", "test/e2e/fixtures/broken"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error\[T03\d\d\]: /m);
    expect(result.stderr).toMatch(/--> test\/e2e\/fixtures\/broken\/broken\.tiao:18:7/);
    expect(result.stderr).toMatch(/= help: /);
    expect(result.stderr).toMatch(/\n1 error\n$/);
  });
});
