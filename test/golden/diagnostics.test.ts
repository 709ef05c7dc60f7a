/**
 * Golden diagnostics: each broken policy in test/golden/diagnostics/<name>.tiao is compiled
 * (against the Lanzhou notice, so that its quotes are checked) and its diagnostics, rendered
 * as the CLI prints them, are compared with <name>.expected.txt. A broken amendment has the
 * policy it amends beside it, <name>.base.tiao.
 *
 * To accept new output after a deliberate change, run
 *   UPDATE_GOLDEN=1 npx vitest run test/golden
 * and review the diff of the .expected.txt files.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { renderDiagnostics } from "../../compiler/diagnostics/render.js";

const folder = "test/golden/diagnostics";
const notice = readFileSync("policies/lanzhou-2021-289/notice.txt", "utf8");
const update = process.env["UPDATE_GOLDEN"] === "1";
const names = readdirSync(folder)
  .filter((file) => file.endsWith(".tiao") && !file.endsWith(".base.tiao"))
  .map((file) => file.slice(0, -".tiao".length))
  .sort();

describe("golden diagnostics", () => {
  test("there are broken policies to compare", () => {
    expect(names.length).toBeGreaterThanOrEqual(15);
  });

  test.each(names)("%s", (name) => {
    const path = `${name}.tiao`;
    const text = readFileSync(`${folder}/${path}`, "utf8");
    const basePath = `${name}.base.tiao`;
    const baseText = existsSync(`${folder}/${basePath}`) ? readFileSync(`${folder}/${basePath}`, "utf8") : undefined;
    const amended = baseText === undefined ? {} : { amended: { files: [{ path: basePath, text: baseText }] } };
    const result = compile([{ path, text }], { notice, ...amended });
    expect(result.diagnostics.length, "a broken policy gives a diagnostic").toBeGreaterThan(0);
    const texts = new Map([[path, text], ...(baseText === undefined ? [] : [[basePath, baseText] as const])]);
    const rendered = `${renderDiagnostics(result.diagnostics, texts)}\n`;
    const expectedFile = `${folder}/${name}.expected.txt`;
    if (update) writeFileSync(expectedFile, rendered);
    expect(rendered).toBe(readFileSync(expectedFile, "utf8"));
  });
});
