import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyOfFixture, repositoryRoot, scratchFolder, tiao } from "./tiao.js";

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

  /** The cache's files: one entry per policy (`.json`), and the generated code of its program (`.js`). */
  const cacheFiles = (folder = join(cacheHome.path, "tiao")): string[] => readdirSync(folder).map((name) => name.slice(name.lastIndexOf("."))).sort();

  it("gives the same result from the cache as from compiling", () => {
    const compiled = run();
    expect(cacheFiles()).toEqual([".js", ".json"]);
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

  /** The one entry of the cache: its path, its first line (parsed) and the program's JSON after it. */
  function entry(): { path: string; header: { key: string; noticeDigest?: string; contentDigest: string }; content: string } {
    const name = readdirSync(join(cacheHome.path, "tiao")).find((file) => file.endsWith(".json"));
    const path = join(cacheHome.path, "tiao", name!);
    const text = readFileSync(path, "utf8");
    const newline = text.indexOf("\n");
    return { path, header: JSON.parse(text.slice(0, newline)) as ReturnType<typeof entry>["header"], content: text.slice(newline + 1) };
  }

  const refund = (result: ReturnType<typeof run>) => (JSON.parse(result.stdout) as { m2: { refund: string } }).m2.refund;

  it("never trusts an entry whose content was edited: the policy is compiled afresh", () => {
    expect(refund(run())).toBe("60.00");
    const { path, header, content } = entry();
    expect(content).toContain('"value":600000');
    writeFileSync(path, `${JSON.stringify(header)}\n${content.replace('"value":600000', '"value":700000')}`);
    const result = run();
    expect(result.status).toBe(0);
    expect(refund(result)).toBe("60.00");
  });

  it("never runs generated code that was edited, or made for another program: it is emitted afresh", () => {
    expect(refund(run())).toBe("60.00");
    const name = readdirSync(join(cacheHome.path, "tiao")).find((file) => file.endsWith(".js"));
    const path = join(cacheHome.path, "tiao", name!);
    const text = readFileSync(path, "utf8");
    expect(text).toContain("600000");
    writeFileSync(path, text.replace("600000", "700000"));
    expect(refund(run())).toBe("60.00");
    // the code of the program before an edit is not that of the program after it
    editPolicy("round(enterprise.ui_premiums_last_year * 60%)", "round(enterprise.ui_premiums_last_year * 30%)");
    expect(refund(run())).toBe("30.00");
  });

  it("never trusts the shape of an entry, even with a digest that matches its content", () => {
    run();
    const { path, header } = entry();
    const content = '{"program":{},"diagnostics":[]}';
    const contentDigest = createHash("sha256").update(`${header.key}\n${header.noticeDigest ?? ""}\n${content}`).digest("hex");
    for (const forged of [{ ...header }, { ...header, contentDigest }]) {
      writeFileSync(path, `${JSON.stringify(forged)}\n${content}`);
      const result = run();
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(refund(result)).toBe("60.00");
    }
  });

  it("is skipped, within a bounded time, where it cannot be used", () => {
    for (const unusable of ["/proc/self", "/dev/null", join(policy.path, "benefit.tiao")]) {
      const result = run({ XDG_CACHE_HOME: unusable });
      expect(result.status, unusable).toBe(0);
      expect(refund(result)).toBe("60.00");
    }
  });

  it("ignores a relative XDG_CACHE_HOME, as the XDG specification says, and uses ~/.cache", () => {
    const home = scratchFolder();
    try {
      expect(run({ XDG_CACHE_HOME: "relative-cache", HOME: home.path }).status).toBe(0);
      expect(existsSync(join(repositoryRoot, "relative-cache"))).toBe(false);
      expect(cacheFiles(join(home.path, ".cache", "tiao"))).toEqual([".js", ".json"]);
    } finally {
      home.remove();
    }
  });

  it("is not written with TIAO_CACHE=off", () => {
    expect(run({ TIAO_CACHE: "off" }).status).toBe(0);
    expect(readdirSync(cacheHome.path)).toEqual([]);
  });
});
