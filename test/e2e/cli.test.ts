import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePolicy, repositoryRoot, tiao } from "./tiao.js";

describe("tiao", () => {
  it("prints its usage with --help", () => {
    const result = tiao(["--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: tiao <command>/);
    for (const command of ["check", "compile", "run", "test", "fmt", "lsp"]) expect(result.stdout).toContain(`  ${command} `);
  });

  it("prints a command's usage with <command> --help", () => {
    const result = tiao(["run", "--help"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: tiao run <policy> --scenario <file\.json>/);
  });

  it("prints the package's version with --version", () => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as { version: string };
    const result = tiao(["--version"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`tiao ${manifest.version}\n`);
  });

  it("exits 2 with the usage on an unknown command", () => {
    const result = tiao(["chek", fixturePolicy]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: unknown command 'chek'\n\nusage: tiao/);
  });

  it("exits 2 with the usage without a command", () => {
    const result = tiao([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("usage: tiao <command>");
  });

  it("exits 2 with the command's usage on an unknown option", () => {
    const result = tiao(["check", fixturePolicy, "--strict"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error: unknown option '--strict'\n\nusage: tiao check/);
  });

  it("exits 2 when the policy is missing or does not exist", () => {
    expect(tiao(["check"]).stderr).toMatch(/^error: missing <policy>/);
    const result = tiao(["check", "no/such/policy"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("error: cannot find policy 'no/such/policy': no such file or folder\n");
  });

  it("exits 2 for a folder without .tiao files", () => {
    const result = tiao(["check", "test/e2e/fixtures/benefit/tests"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("no .tiao files in folder");
  });
});
