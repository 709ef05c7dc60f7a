/**
 * The command as an attacker or a careless user would run it: names that are properties of
 * every JavaScript object, results written over their own scenarios, a notice path that
 * leaves the policy, inputs without end, bytes that are not text (docs/security.md).
 */
import { spawnSync } from "node:child_process";
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot, scratchFolder, tiao, type TiaoResult } from "./tiao.js";

let scratch: ReturnType<typeof scratchFolder>;
beforeAll(() => {
  scratch = scratchFolder();
});
afterAll(() => scratch.remove());

function scratchFile(name: string, content: string | Uint8Array): string {
  const path = join(scratch.path, name);
  writeFileSync(path, content);
  return path;
}

/** Runs the command with its standard input and output open on the given files (`<`, and `>` or `>>`, in a shell). */
function tiaoWithFiles(args: readonly string[], files: { readonly stdin?: string; readonly stdout?: string; readonly appendStdout?: string }): TiaoResult {
  const stdin = files.stdin === undefined ? "pipe" : openSync(files.stdin, "r");
  const stdout = files.appendStdout !== undefined ? openSync(files.appendStdout, "a") : files.stdout !== undefined ? openSync(files.stdout, "w") : "pipe";
  try {
    const result = spawnSync(process.execPath, [join(repositoryRoot, "bin", "tiao.js"), ...args], {
      cwd: repositoryRoot,
      encoding: "utf8",
      env: { ...process.env, TIAO_CACHE: "off" },
      stdio: [stdin, stdout, "pipe"],
      timeout: 30_000,
    });
    return { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr };
  } finally {
    if (typeof stdin === "number") closeSync(stdin);
    if (typeof stdout === "number") closeSync(stdout);
  }
}

/** A policy whose one parameter is named `name`, read by a rule unless an exception applies. */
function policyWithParameter(name: string): string {
  return `policy names {
  title    "T"
  document "D"
  issuer   "I"
  issued   2021-11-05
  version  "1.0.0"
}

enum kind_enum "K" {
  alpha "A"
  other_member "O"
}

entity person "P" {
  age: integer "age"
  kind: kind_enum
}

parameter ${name}: money "rate" {
  value 100 yuan from 2020-01-01
    source "S"
}

measure m1 "M" {
  output amount: money {
    rule general
      = ${name} * (person.age + 1)
      cites §1 "Q"
    exception special to general
      when person.kind = alpha
      = 1 yuan
      cites §1 "Q"
  }
}
`;
}

const scenarioLines = [
  '{"date":"2021-11-15","person":{"age":2,"kind":"alpha"}}',
  '{"date":"2021-11-15","person":{"age":2,"kind":"other_member"}}',
  '{"date":"2021-11-15","person":{"age":2,"kind":"other_member"},"parameters":{"NAME":"7"}}',
];

describe("a parameter named after a property of every object", () => {
  const innocent = "innocent_rate";
  function results(name: string): { run: string[]; population: string } {
    const policy = scratchFile(`${name}.tiao`, policyWithParameter(name));
    const lines = scenarioLines.map((line) => line.replace("NAME", name));
    const run = lines.map((line) => {
      const result = tiao(["run", policy, "--scenario", "-"], { input: line });
      expect(result.stderr).toBe("");
      return result.stdout;
    });
    const population = tiao(["run", policy, "--scenarios", "-", "--out", "-"], { input: lines.join("\n") });
    expect(population.status).toBe(0);
    return { run, population: population.stdout };
  }

  it("gives what the same policy gives under an innocent name, with and without an override", () => {
    const expected = results(innocent);
    expect(expected.run[1]).toContain('"amount": "300.00"');
    expect(expected.run[2]).toContain('"amount": "21.00"');
    for (const name of ["constructor", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf"]) {
      expect(results(name), name).toEqual(expected);
    }
  });
});

describe("results written over their own scenarios", () => {
  const policy = "test/e2e/fixtures/no-rule.tiao";
  const lines = '{"date":"2021-11-15","person":{"age":31}}\n{"date":"2021-11-15","person":{"age":18}}\n';

  it("are refused when standard input is redirected from the results file, which is kept", () => {
    const input = scratchFile("stdin.ndjson", lines);
    const result = tiaoWithFiles(["run", policy, "--scenarios", "-", "--out", input], { stdin: input });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`error: --out '${input}' is the file of --scenarios (standard input)`);
    expect(readFileSync(input, "utf8")).toBe(lines);
  });

  it("are refused when --out names the scenarios file by another path (a link)", () => {
    const input = scratchFile("linked.ndjson", lines);
    const link = join(scratch.path, "link-to-linked.ndjson");
    symlinkSync(input, link);
    const result = tiao(["run", policy, "--scenarios", input, "--out", link]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("is the file of --scenarios");
    expect(readFileSync(input, "utf8")).toBe(lines);
  });

  it("are refused when standard output is appended to the scenarios file", () => {
    const input = scratchFile("appended.ndjson", lines);
    const result = tiaoWithFiles(["run", policy, "--scenarios", input, "--out", "-"], { appendStdout: input });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: standard output is the file of --scenarios");
    expect(readFileSync(input, "utf8")).toBe(lines);
  });

  it("still go to another file when standard input is a file", () => {
    const input = scratchFile("other-stdin.ndjson", lines);
    const out = join(scratch.path, "other-results.ndjson");
    const result = tiaoWithFiles(["run", policy, "--scenarios", "-", "--out", out], { stdin: input });
    expect(result.stderr).toMatch(/^2 scenarios, 0 with errors/);
    expect(readFileSync(out, "utf8")).toBe('{"m1":{"in_force":true,"band":2}}\n{"m1":{"in_force":true,"band":1}}\n');
  });
});

describe("the notice the header names", () => {
  const secret = "TOP-SECRET-LINE-0001";

  /** A policy folder inside the scratch folder, with a file beside the folder that must stay unread. */
  function policyNamingNotice(folderName: string, notice: string): string {
    const folder = join(scratch.path, folderName);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(scratch.path, "secret.txt"), `root:${secret}\n`);
    const text = readFileSync(join(repositoryRoot, "test/e2e/fixtures/no-rule.tiao"), "utf8").replace(
      '  version  "1.0.0"\n',
      `  version  "1.0.0"\n  notice   ${JSON.stringify(notice)}\n`,
    );
    writeFileSync(join(folder, "p.tiao"), text.replace('cites §1 "三十岁以下"', `cites §1 "root:${secret.slice(0, 10)}"`));
    return folder;
  }

  function expectRefusedAtNoticeField(folder: string, reason: string): void {
    for (const command of [["check", folder], ["run", folder, "--scenario", "-"]]) {
      const result = tiao(command, { input: '{"date":"2021-11-15","person":{"age":3}}' });
      expect(result.status).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain("error[T0603]: cannot use the notice");
      expect(result.stderr).toContain(reason);
      expect(result.stderr).toContain(`--> ${join(folder, "p.tiao")}:8:12`);
      expect(result.stderr).toMatch(/= help: /);
      expect(result.stderr).not.toContain(secret);
    }
  }

  it("may not leave the policy's folder with ..", () => {
    expectRefusedAtNoticeField(policyNamingNotice("dots", "../secret.txt"), "it is outside the policy's folder");
  });

  it("may not be an absolute path", () => {
    expectRefusedAtNoticeField(policyNamingNotice("absolute", join(scratch.path, "secret.txt")), "a notice is named by its path from the policy's folder");
  });

  it("may not be a link inside the folder to a file outside it", () => {
    const folder = policyNamingNotice("linked", "notice.txt");
    symlinkSync(join(scratch.path, "secret.txt"), join(folder, "notice.txt"));
    expectRefusedAtNoticeField(folder, "it is outside the policy's folder");
  });

  it("may not be a device, even through a link inside the folder", () => {
    const folder = policyNamingNotice("device", "zero.txt");
    symlinkSync("/dev/zero", join(folder, "zero.txt"));
    expectRefusedAtNoticeField(folder, "it is outside the policy's folder");
    const inside = policyNamingNotice("device-dots", "../../../../../../../../dev/zero");
    expectRefusedAtNoticeField(inside, "it is outside the policy's folder");
  });

  it("may not be a folder, nor larger than 4 MB", () => {
    const folder = policyNamingNotice("folder", "sub");
    mkdirSync(join(folder, "sub"));
    expectRefusedAtNoticeField(folder, "it is a folder");
    const large = policyNamingNotice("large", "notice.txt");
    writeFileSync(join(large, "notice.txt"), "三十岁以下".repeat(300_000));
    expectRefusedAtNoticeField(large, "it is larger than 4 MB");
  });

  it("that is missing is an error at the header's notice, with help", () => {
    expectRefusedAtNoticeField(policyNamingNotice("missing", "notice.txt"), "no such file");
  });

  it("is read from a subfolder of the policy's folder", () => {
    const folder = policyNamingNotice("subfolder", "docs/../docs/notice.txt");
    mkdirSync(join(folder, "docs"));
    copyFileSync(join(repositoryRoot, "test/e2e/fixtures/no-rule.tiao"), join(folder, "docs", "notice.txt"));
    const result = tiao(["check", folder]);
    // the quote made from the secret is not in this notice, and its help shows the notice, not the secret
    expect(result.stderr).toContain("error[T0602]");
    expect(result.stderr).not.toContain(secret);
  });
});

describe("input without end", () => {
  const policy = "test/e2e/fixtures/no-rule.tiao";

  it("--scenario /dev/zero is refused at the scenario size limit", () => {
    const result = tiao(["run", policy, "--scenario", "/dev/zero"]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr).toBe("error: cannot read scenario '/dev/zero': it is larger than 64 MB: a scenario is one case, a few kilobytes of JSON\n");
  });

  it("an endless standard input is refused at the same limit", () => {
    const result = tiaoWithFiles(["explain", policy, "--scenario", "-"], { stdin: "/dev/zero" });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error: cannot read the scenario from standard input: it is larger than 64 MB");
  });
});

describe("bytes that are not UTF-8", () => {
  const policy = "test/e2e/fixtures/no-rule.tiao";
  const bad = Buffer.concat([Buffer.from('{"date":"2021-11-15",\n "person":{"age":3, "x'), Buffer.from([0xff]), Buffer.from('":1}}')]);

  it("in a scenario are refused with their line and column", () => {
    const result = tiao(["run", policy, "--scenario", scratchFile("latin1.json", bad)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("(json): line 2, column 23: byte 0xFF is not UTF-8: a scenario is UTF-8 text\n");
  });

  it("in a line of --scenarios make that line bad, as does a byte-order mark after the first line", () => {
    const lines = Buffer.concat([
      Buffer.from('\uFEFF{"date":"2021-11-15","person":{"age":31}}\n'),
      Buffer.from('{"date":"2021-11-15","person":{"age":18, "\u4e2d'),
      Buffer.from([0xe4, 0xb8]),
      Buffer.from('":1}}\n\uFEFF{"date":"2021-11-15","person":{"age":31}}\n{"date":"2021-11-15","person":{"age":18}}\n'),
    ]);
    const result = tiao(["run", policy, "--scenarios", scratchFile("mixed.ndjson", lines), "--out", "-"]);
    expect(result.status).toBe(2);
    expect(result.stdout.trimEnd().split("\n")).toEqual([
      '{"m1":{"in_force":true,"band":2}}',
      '{"line":2,"errors":["(json): line 1, column 44: byte 0xE4 is not UTF-8: a scenario is UTF-8 text"]}',
      '{"line":3,"errors":["(json): line 1, column 1: the line starts with a byte-order mark (U+FEFF): only the first line of the file may"]}',
      '{"m1":{"in_force":true,"band":1}}',
    ]);
  });
});

describe("a full standard output", () => {
  const policy = "test/e2e/fixtures/no-rule.tiao";
  const scenario = scratchFileLater('{"date":"2021-11-15","person":{"age":3}}');

  it("ends the command with one line on stderr and exit status 74", () => {
    for (const args of [
      ["run", policy, "--scenario", scenario()],
      ["explain", policy, "--scenario", scenario()],
      ["run", policy, "--scenarios", scenario(), "--out", "-"],
    ]) {
      const result = tiaoWithFiles(args, { stdout: "/dev/full" });
      expect(result.status, args.join(" ")).toBe(74);
      expect(result.stderr).toBe("error: cannot write to standard output: no space left on the device\n");
    }
  });
});

/** A scratch file written when first asked for (the scratch folder exists only once the tests run). */
function scratchFileLater(content: string): () => string {
  let path: string | undefined;
  return () => (path ??= scratchFile(`later-${content.length}.json`, content));
}

describe("text a user gave, echoed on a terminal", () => {
  const policy = "test/e2e/fixtures/no-rule.tiao";

  it("an unknown scenario key with a line break and escape codes is one escaped problem line", () => {
    const key = "a\nperson.age: forged problem\u001b[2J\u009b";
    const result = tiao(["run", policy, "--scenario", "-"], { input: JSON.stringify({ date: "2021-11-15", person: { age: 3, [key]: 1 } }) });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe("person.a\\nperson.age: forged problem\\u001b[2J\\u009b: unknown field of person\n");
  });

  it("a --measure name is escaped too", () => {
    const result = tiao(["run", policy, "--scenario", "-", "--measure", "m2\n\u001b[31m"], { input: '{"date":"2021-11-15"}' });
    expect(result.stderr).toBe('error: --measure: the policy has no measure "m2\\n\\u001b[31m" (it has m1)\n');
  });

  it("a scenario key of 60 MB costs little and is not echoed whole", () => {
    const key = "k".repeat(60_000_000);
    const result = tiao(["run", policy, "--scenario", "-"], { input: `{"date":"2021-11-15","person":{"age":3,"${key}":1}}` });
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(`person.${"k".repeat(80)}… (60000000 characters): unknown field of person\n`);
  }, 120_000);
});

describe("tiao test on a tests/ folder that is not all test files", () => {
  it("reports each entry that is not a regular file as a failed test, escapes test names, and runs the others", () => {
    const folder = join(scratch.path, "odd-tests");
    mkdirSync(join(folder, "tests"), { recursive: true });
    copyFileSync(join(repositoryRoot, "test/e2e/fixtures/no-rule.tiao"), join(folder, "p.tiao"));
    const passing = { scenario: { date: "2021-11-15", person: { age: 31 } }, expected: { m1: { band: 2 } } };
    writeFileSync(join(folder, "tests", "a-good.json"), JSON.stringify({ name: "good\n✓ forged\u001b[2J", ...passing }));
    symlinkSync("b-loop.json", join(folder, "tests", "b-loop.json"));
    mkdirSync(join(folder, "tests", "c-folder.json"));
    symlinkSync("/dev/zero", join(folder, "tests", "d-zero.json"));
    writeFileSync(join(folder, "tests", "e-latin1.json"), Buffer.from([0x7b, 0xe9, 0x7d]));
    const result = tiao(["test", folder]);
    expect(result.status).toBe(1);
    const tests = join(folder, "tests");
    expect(result.stdout.split("\n")).toEqual([
      "✓ good\\n✓ forged\\u001b[2J",
      `✗ ${join(tests, "b-loop.json")}`,
      `    ${join(tests, "b-loop.json")}`,
      "    cannot read the test file: too many levels of links (a link that leads back to itself)",
      `✗ ${join(tests, "c-folder.json")}`,
      `    ${join(tests, "c-folder.json")}`,
      "    cannot read the test file: it is a folder",
      `✗ ${join(tests, "d-zero.json")}`,
      `    ${join(tests, "d-zero.json")}`,
      "    cannot read the test file: it is not a regular file",
      `✗ ${join(tests, "e-latin1.json")}`,
      `    ${join(tests, "e-latin1.json")}`,
      "    cannot read the test file: it is not UTF-8 text (line 1, column 2)",
      "1 passed, 4 failed",
      "",
    ]);
  });
});
