import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyOfFixture, scratchFolder, tiao } from "./tiao.js";

const scenario = JSON.stringify({ date: "2021-11-15", enterprise: { ui_premiums_last_year: "100" } });

describe("the cache of compiled policies", () => {
  let cacheHome: ReturnType<typeof scratchFolder>;
  let policy: ReturnType<typeof copyOfFixture>;
  beforeEach(() => {
    cacheHome = scratchFolder();
    policy = copyOfFixture();
  });
  afterEach(() => {
    cacheHome.remove();
    policy.remove();
  });

  function run(env: Record<string, string> = {}) {
    const cacheEnv = { TIAO_CACHE: "on", XDG_CACHE_HOME: cacheHome.path, ...env };
    return tiao(["run", policy.path, "--scenario", "-"], { input: scenario, env: cacheEnv });
  }

  function editPolicy(from: string, to: string): void {
    const file = join(policy.path, "benefit.tiao");
    writeFileSync(file, readFileSync(file, "utf8").replace(from, to));
  }

  it("gives the same result from the cache as from compiling", () => {
    const compiled = run();
    expect(readdirSync(join(cacheHome.path, "tiao"))).toHaveLength(1);
    const cached = run();
    expect(cached).toEqual(compiled);
    expect(JSON.parse(cached.stdout)).toEqual({ m2: { in_force: true, refund: "60.00" } });
  });

  it("sees a change to the policy", () => {
    run();
    editPolicy("round(enterprise.ui_premiums_last_year * 60%)", "round(enterprise.ui_premiums_last_year * 30%)");
    expect(JSON.parse(run().stdout)).toEqual({ m2: { in_force: true, refund: "30.00" } });
  });

  it("sees a change to the notice that a quote no longer matches", () => {
    run();
    const notice = join(policy.path, "notice.txt");
    writeFileSync(notice, readFileSync(notice, "utf8").replace("按60%的标准返还", "按规定返还"));
    const result = run();
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("these words are not in the notice");
  });

  it("is not written with TIAO_CACHE=off", () => {
    expect(run({ TIAO_CACHE: "off" }).status).toBe(0);
    expect(readdirSync(cacheHome.path)).toEqual([]);
  });
});
