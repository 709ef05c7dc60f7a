import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot, tiao } from "./tiao.js";

const published = "policies/lanzhou-2021-289";
const draft = "policies/lanzhou-2021-289-draft";

describe("tiao diff", () => {
  // test/diff/golden.test.ts checks that a diff that ran exits 0, whatever it found.
  it("exits 4 with --exit-code when outcomes change, 0 when they do not", () => {
    expect(tiao(["diff", published, draft, "--exit-code"]).status).toBe(4);
    const same = tiao(["diff", published, published, "--exit-code"]);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain("no semantic change");
  });

  it("exits 1 with diagnostics when a version has an error", () => {
    const folder = mkdtempSync(join(tmpdir(), "tiao-diff-"));
    try {
      cpSync(join(repositoryRoot, published), folder, { recursive: true });
      const file = join(folder, "m4.tiao");
      writeFileSync(file, readFileSync(file, "utf8").replace("person.insured_months < 1 year", "person.insured_months < 1 yuan"));
      const result = tiao(["diff", published, folder]);
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("m4.tiao:");
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("exits 2 on bad arguments", () => {
    expect(tiao(["diff", published]).status).toBe(2);
    expect(tiao(["diff", published, draft, "--format", "html"]).stderr).toContain("--format expects text, markdown or json");
    expect(tiao(["diff", published, "no/such/policy"]).status).toBe(2);
  });
});

describe("tiao diff with git: sides", () => {
  let repository = "";
  const git = (...args: string[]) => {
    const result = spawnSync("git", args, { cwd: repository, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  };
  const tiaoIn = (...args: string[]) =>
    spawnSync(process.execPath, [join(repositoryRoot, "bin", "tiao.js"), ...args], { cwd: repository, encoding: "utf8", env: { ...process.env, TIAO_CACHE: "off" } });

  beforeAll(() => {
    repository = mkdtempSync(join(tmpdir(), "tiao-diff-git-"));
    git("init", "-q");
    git("config", "user.email", "reviewer@example.org");
    git("config", "user.name", "Reviewer");
    // The published policy, then the draft beside it: an amendment of the published one.
    cpSync(join(repositoryRoot, published), join(repository, published), { recursive: true });
    git("add", ".");
    git("commit", "-q", "-m", "published");
    cpSync(join(repositoryRoot, draft), join(repository, draft), { recursive: true });
    git("add", "-A");
    git("commit", "-q", "-m", "draft");
    git("rm", "-q", "-r", published);
    git("commit", "-q", "-m", "published policy removed");
    // The working copy moves on: git sides must read the history, not the files on disk.
    rmSync(join(repository, "policies"), { recursive: true });
  });
  afterAll(() => rmSync(repository, { recursive: true, force: true }));

  // Two whole diffs, each waiting on the solver's thread, which a loaded machine starves.
  it("reads both versions from the history without checking them out", () => {
    // the draft's amended policy is read from the same revision as the draft
    const fromGit = tiaoIn("diff", `git:HEAD~2:${published}`, `git:HEAD~1:${draft}`, "--format", "json");
    expect(fromGit.stderr).toBe("");
    expect(fromGit.status).toBe(0);
    const fromDisk = tiao(["diff", published, draft, "--format", "json"]);
    expect(JSON.parse(fromGit.stdout)).toEqual(JSON.parse(fromDisk.stdout));
  }, 180_000);

  it("reads one file of a version", () => {
    const result = tiaoIn("diff", `git:HEAD~2:${published}/m4.tiao`, `git:HEAD~2:${published}/m4.tiao`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`git:HEAD~2:${published}/m4.tiao`);
  });

  it("says when the policy an amendment amends is not in its revision", () => {
    const result = tiaoIn("diff", `git:HEAD~2:${published}`, `git:HEAD:${draft}`);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('error[T0904]: cannot amend "../lanzhou-2021-289": there is no policy at "../lanzhou-2021-289" in HEAD');
  });

  it("says which revision or path it cannot read", () => {
    const result = tiaoIn("diff", `git:no-such-rev:${published}`, `git:HEAD~1:${draft}`);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`cannot read 'git:no-such-rev:${published}' from git`);
  });
});
