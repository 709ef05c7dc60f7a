import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { languageVersion } from "../../compiler/language.js";
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
    expect(result.stdout).toBe(`tiao ${manifest.version} (language ${languageVersion})\n`);
  });

  it("prints a command's usage with help <command>, as with <command> --help", () => {
    for (const command of ["check", "compile", "run", "explain", "test", "fmt"]) {
      const result = tiao(["help", command]);
      expect(result.status).toBe(0);
      expect(result.stdout).toBe(tiao([command, "--help"]).stdout);
      expect(result.stdout).toMatch(new RegExp(`^usage: tiao ${command} `));
    }
    expect(tiao(["help"]).stdout).toBe(tiao(["--help"]).stdout);
  });

  it("exits 2 with the usage on an unknown command", () => {
    const result = tiao(["frobnicate", fixturePolicy]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toMatch(/^error: unknown command 'frobnicate'\n\nusage: tiao/);
  });

  it("suggests the command or option meant by a typo, instead of the whole usage", () => {
    const command = tiao(["chek", fixturePolicy]);
    expect(command.status).toBe(2);
    expect(command.stderr).toBe("error: unknown command 'chek'\n  = help: did you mean 'check'? ('tiao --help' lists the commands)\n");
    expect(tiao(["help", "rnu"]).stderr).toBe("error: unknown command 'rnu'\n  = help: did you mean 'run'? ('tiao --help' lists the commands)\n");
    expect(tiao(["--verison"]).stderr).toBe("error: unknown option '--verison'\n  = help: did you mean '--version'? ('tiao --help' lists the commands)\n");
    const option = tiao(["run", fixturePolicy, "--sceanrio", "case.json"]);
    expect(option.status).toBe(2);
    expect(option.stderr).toBe("error: unknown option '--sceanrio'\n  = help: did you mean '--scenario'? ('tiao run --help' lists its options)\n");
    expect(tiao(["fmt", fixturePolicy, "--chek"]).stderr).toBe("error: unknown option '--chek'\n  = help: did you mean '--check'? ('tiao fmt --help' lists its options)\n");
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
