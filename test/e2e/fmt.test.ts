import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { copyOfFixture, fixturePolicy, tiao } from "./tiao.js";

describe("tiao fmt", () => {
  let copy: ReturnType<typeof copyOfFixture> | undefined;
  afterEach(() => copy?.remove());

  it("finds the fixture policy in canonical form", () => {
    const result = tiao(["fmt", fixturePolicy, "--check"]);
    expect(result.stdout).toBe("");
    expect(result.status).toBe(0);
  });

  it("lists a file not in canonical form with --check, changing nothing, and exits 1", () => {
    copy = copyOfFixture();
    const file = join(copy.path, "benefit.tiao");
    const untidy = readFileSync(file, "utf8").replace("  title    ", "title ");
    writeFileSync(file, untidy);
    const result = tiao(["fmt", copy.path, "--check"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(`${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(untidy);
  });

  it("rewrites a file in canonical form", () => {
    copy = copyOfFixture();
    const file = join(copy.path, "benefit.tiao");
    const canonical = readFileSync(file, "utf8");
    writeFileSync(file, canonical.replace("  title    ", "title "));
    const result = tiao(["fmt", copy.path]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(canonical);
    expect(tiao(["fmt", copy.path, "--check"]).status).toBe(0);
  });

  it("exits 1 with diagnostics for a file that cannot be parsed", () => {
    copy = copyOfFixture();
    const file = join(copy.path, "benefit.tiao");
    writeFileSync(file, readFileSync(file, "utf8").replace("measure m2", "measure m2 {{"));
    const result = tiao(["fmt", copy.path]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/error\[T01\d\d\]/);
  });
});
