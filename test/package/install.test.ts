/**
 * The package as users get it: `npm pack` (of the built repository, as `npm publish` would
 * pack it) installed into an empty project, offline, then used as the README says — the
 * `tiao` command through npx, the library API from JavaScript and in a browser bundle made
 * by Vite, and generated TypeScript type-checked against the installed `tiao/runtime`.
 *
 * The install is offline: the dependencies come from npm's cache, which `npm ci` filled.
 * npm needs a registry's metadata to resolve a version it has no lock entry for, so the
 * project starts with a lock file holding the entries of tiao's dependencies, taken from
 * the repository's own lock file.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot, tiao } from "../e2e/tiao.js";

const policy = join(repositoryRoot, "policies", "lanzhou-2021-289");
const scenario = join(policy, "scenarios", "migrant-worker.json");

interface Manifest {
  readonly version: string;
  readonly dependencies: { readonly [name: string]: string };
  readonly bin: { readonly [name: string]: string };
}

interface LockEntry {
  readonly dependencies?: { readonly [name: string]: string };
  readonly [key: string]: unknown;
}

function run(command: string, args: readonly string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, TIAO_CACHE: "off" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${String(result.status)}:\n${result.stderr}`);
  return result.stdout;
}

/** The lock entries of the package's dependencies and of theirs, as the repository's lock file has them. */
function dependencyLockEntries(manifest: Manifest): { [path: string]: LockEntry } {
  const lock = JSON.parse(readFileSync(join(repositoryRoot, "package-lock.json"), "utf8")) as { packages: { [path: string]: LockEntry } };
  const entries: { [path: string]: LockEntry } = {};
  const pending = Object.keys(manifest.dependencies);
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    const path = `node_modules/${name}`;
    if (entries[path] !== undefined) continue;
    const entry = lock.packages[path];
    if (entry === undefined) throw new Error(`the lock file has no ${path}`);
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...runtimeEntry } = entry;
    entries[path] = runtimeEntry;
    pending.push(...Object.keys(entry.dependencies ?? {}));
  }
  return entries;
}

describe("the package installed from its tarball into an empty project", () => {
  let scratch = "";
  let project = "";
  let tarballFiles: string[] = [];

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), "tiao-package-"));
    project = join(scratch, "app");
    mkdirSync(project);
    // `npm test` has just built dist/: packing without scripts keeps the build of the other tests in place.
    const [packed] = JSON.parse(run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], repositoryRoot)) as { filename: string; files: { path: string }[] }[];
    if (packed === undefined) throw new Error("npm pack made no tarball");
    tarballFiles = packed.files.map((file) => file.path).sort();
    const tarball = `file:../${packed.filename}`;

    const manifest = JSON.parse(readFileSync(join(repositoryRoot, "package.json"), "utf8")) as Manifest;
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "app", private: true, type: "module", dependencies: { tiao: tarball } }, null, 2));
    const packages = {
      "": { name: "app", dependencies: { tiao: tarball } },
      "node_modules/tiao": { version: manifest.version, resolved: tarball, dependencies: manifest.dependencies, bin: manifest.bin },
      ...dependencyLockEntries(manifest),
    };
    writeFileSync(join(project, "package-lock.json"), JSON.stringify({ name: "app", lockfileVersion: 3, requires: true, packages }, null, 2));
    run("npm", ["install", "--offline", "--no-audit", "--no-fund", join(scratch, packed.filename)], project);
  }, 300_000);

  afterAll(() => {
    if (scratch !== "") rmSync(scratch, { recursive: true, force: true });
  });

  it("holds the command, the built modules with their types, the README and the manifest, and nothing else", () => {
    const allowed = /^(package\.json|README\.md|LICENSE|bin\/tiao\.js|dist\/(cli|compiler|grammar|runtime|node|bin)\/.+\.(m?js|d\.ts))$/u;
    expect(tarballFiles.filter((path) => !allowed.test(path))).toEqual([]);
    for (const entry of ["bin/tiao.js", "dist/cli/tiao.mjs", "dist/compiler/index.js", "dist/compiler/index.d.ts", "dist/node/index.js", "dist/runtime/index.js", "dist/runtime/index.d.ts"]) {
      expect(tarballFiles).toContain(entry);
    }
  });

  it("runs `npx tiao` as the repository's own command does", () => {
    expect(run("npx", ["--offline", "tiao", "--version"], project)).toMatch(/^tiao \d+\.\d+\.\d+/u);
    const installed = run("npx", ["--offline", "tiao", "run", policy, "--scenario", scenario], project);
    const own = tiao(["run", policy, "--scenario", scenario]);
    expect(own.status).toBe(0);
    expect(installed).toBe(own.stdout);
    expect(JSON.parse(installed)).toMatchObject({ m2: { refund: "7407.40" }, m4: { total: "2538.00" }, m9: { shortfall: "56.00" } });
  });

  it("gives the CLI's result through the library API: tiao, tiao/node and tiao/runtime", () => {
    writeFileSync(
      join(project, "evaluate.mjs"),
      [
        'import { readFileSync } from "node:fs";',
        'import { evaluateScenario, explanationText } from "tiao";',
        'import { loadPolicy } from "tiao/node";',
        'import { fen, formatMoney } from "tiao/runtime";',
        "const [policyPath, scenarioPath] = process.argv.slice(2);",
        "const policy = await loadPolicy(policyPath);",
        'const outcome = evaluateScenario(policy.program, { scenario: readFileSync(scenarioPath, "utf8"), explain: true });',
        "const { explain, ...outputs } = outcome.json;",
        "console.log(JSON.stringify({ outputs, report: explanationText(outcome.result, policy.program), amount: formatMoney(fen(740740)) }));",
      ].join("\n"),
    );
    const printed = JSON.parse(run("node", ["evaluate.mjs", policy, scenario], project)) as { outputs: unknown; report: string; amount: string };
    expect(printed.outputs).toEqual(JSON.parse(tiao(["run", policy, "--scenario", scenario]).stdout));
    expect(printed.report).toBe(tiao(["explain", policy, "--scenario", scenario]).stdout);
    expect(printed.amount).toBe("7407.40");
  });

  it("prints the CLI's result through the evaluateJson of generated JavaScript, in the program of docs/integrate.md", () => {
    const documentation = readFileSync(join(repositoryRoot, "docs", "integrate.md"), "utf8");
    const program = /```js\n(import \{ readFileSync \} from "node:fs";\nimport \{ evaluateJson \}[\s\S]*?\n)```\n/u.exec(documentation)?.[1];
    if (program === undefined) throw new Error("docs/integrate.md has no program using evaluateJson");
    run("npx", ["--offline", "tiao", "compile", policy, "--target", "js", "--out", "generated"], project);
    writeFileSync(join(project, "evaluate-json.mjs"), program);
    expect(run("node", ["evaluate-json.mjs", scenario], project)).toBe(tiao(["run", policy, "--scenario", scenario]).stdout);
  });

  it("bundles for the browser with Vite, without configuration, and compiles and evaluates a policy in Chromium", async () => {
    const web = join(project, "web");
    mkdirSync(web);
    writeFileSync(join(web, "index.html"), '<!doctype html><html><body><pre id="out"></pre><script type="module" src="./main.js"></script></body></html>\n');
    const policyText = [
      'policy demo { title "t" document "d" issuer "i" issued 2021-11-05 version "1.0.0" }',
      "entity person { wage: money }",
      'measure m1 "m" { output doubled: money = person.wage * 2 cites §1 "two" }',
    ].join("\n");
    writeFileSync(
      join(web, "main.js"),
      [
        'import { compile, evaluateScenario, renderDiagnostics } from "tiao";',
        `const sources = [{ path: "demo.tiao", text: ${JSON.stringify(policyText)} }];`,
        "const { program, diagnostics } = compile(sources);",
        'document.getElementById("out").textContent = program === undefined',
        "  ? renderDiagnostics(diagnostics, new Map(sources.map((s) => [s.path, s.text])))",
        '  : JSON.stringify(evaluateScenario(program, { scenario: { date: "2021-11-15", person: { wage: "1234.56" } } }).json);',
      ].join("\n"),
    );
    const output = await build({ root: web, logLevel: "silent", configFile: false, build: { outDir: join(project, "web-dist"), write: false } });
    const chunks = (Array.isArray(output) ? output : [output]).flatMap((result) => ("output" in result ? result.output : []));
    const scripts = chunks.flatMap((chunk) => (chunk.type === "chunk" ? [chunk.code] : []));
    expect(scripts).toHaveLength(1);
    expect(scripts[0]).not.toMatch(/from\s*["']node:/u);

    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
    try {
      const page = await browser.newPage();
      await page.setContent('<pre id="out"></pre>');
      await page.addScriptTag({ content: scripts[0]!, type: "module" });
      await page.waitForFunction('document.getElementById("out").textContent !== ""');
      expect(JSON.parse((await page.textContent("#out")) ?? "")).toEqual({ m1: { in_force: true, doubled: "2469.12" } });
    } finally {
      await browser.close();
    }
  });

  it("type-checks generated TypeScript and typed uses of the API against the installed package", () => {
    run("npx", ["--offline", "tiao", "compile", policy, "--target", "ts", "--out", "generated"], project);
    writeFileSync(
      join(project, "app.ts"),
      [
        'import { compile, evaluateScenario, type ScenarioOutcome } from "tiao";',
        'import { loadPolicy, type LoadedPolicy } from "tiao/node";',
        'import { calendarDate, fen, formatMoney, type Money } from "tiao/runtime";',
        'import { evaluateM4, type M4Outputs } from "./generated/lanzhou_2021_289.js";',
        "",
        'const compiled = compile([{ path: "p.tiao", text: "" }]);',
        "export const errors: number = compiled.diagnostics.length;",
        "export async function outcome(path: string): Promise<ScenarioOutcome | undefined> {",
        "  const policy: LoadedPolicy = await loadPolicy(path);",
        '  return policy.program && evaluateScenario(policy.program, { scenario: { date: "2021-11-15" } });',
        "}",
        "const outputs: M4Outputs = evaluateM4(",
        '  { person: { unemployed: true, insured: true, insured_months: 8, ui_status: "not_qualified", migrant_worker: true, subsidy_months_received: 0 } },',
        "  calendarDate(2021, 11, 15),",
        "  { urban_subsistence_allowance: fen(63600) },",
        ");",
        "const total: Money = outputs.total;",
        "export const text: string = formatMoney(total);",
      ].join("\n"),
    );
    const compilerOptions = { module: "nodenext", moduleResolution: "nodenext", target: "es2022", strict: true, noEmit: true, types: [] };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, include: ["app.ts", "generated"] }));
    const tsc = spawnSync(join(repositoryRoot, "node_modules", ".bin", "tsc"), ["-p", "."], { cwd: project, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);
  });
});
