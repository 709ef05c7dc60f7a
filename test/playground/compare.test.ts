/**
 * The version comparison in Chromium: the example draft put in the editor in place of the
 * published policy, the compare view lists what `tiao diff` lists — the same changes and
 * their classification, §3's subsidy among them with for whom it changes outcomes — and a
 * witness for each output that differs, found by the bounded search the page says it ran.
 */
import { readFileSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import "./page-api.js";
import { launchChromium, serveCopyOfSite, type StaticSite } from "../../bench/playground-site.js";
import { fullDraft } from "../diff/lanzhou-draft.js";
import { repositoryRoot } from "../format/repository-files.js";

const POLICY = "policies/lanzhou-2021-289";
/**
 * The draft as a whole new version, under the published policy's paths: the page compares
 * its files with the published ones. (policies/lanzhou-2021-289-draft/ states the same
 * changes as an amendment, which the page does not read: test/diff/draft.test.ts checks the
 * two are the same program.)
 */
const draftFiles = Object.fromEntries([...fullDraft(repositoryRoot)].map(([name, text]) => [`${POLICY}/${name}`, text]));

let site: StaticSite;
let browser: Browser;

beforeAll(async () => {
  site = await serveCopyOfSite();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

it("lists the draft's semantic changes in the compare view, §3's subsidy among them", async () => {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const troubles: string[] = [];
  page.on("pageerror", (error) => troubles.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") troubles.push(`console: ${message.text()}`);
  });
  await page.goto(site.url);
  await page.waitForFunction(() => window.tiaoPlayground !== undefined);
  await page.evaluate((files) => window.tiaoPlayground.setFiles(files), draftFiles);
  expect(await page.evaluate(() => window.tiaoPlayground.diagnostics().filter((d) => d.severity === "error"))).toEqual([]);

  await page.getByRole("tab", { name: "版本对比" }).click();
  const list = page.getByTestId("semantic-changes");
  const subsidy = list.locator('[data-measure="m3"] [data-subject="parameter work_training_subsidy_monthly"]');
  await subsidy.waitFor({ timeout: 60_000 });
  // the same summary as `tiao diff` (test/diff/golden/published-vs-draft.txt)
  expect(await list.locator(".diff-summary").textContent()).toBe("6 项变化：0 项影响集成，4 项改变结果，2 项仅为文字");
  const subsidyText = (await subsidy.textContent()) ?? "";
  expect(subsidyText).toContain("改变结果");
  expect(subsidyText).toContain("- 500.00 yuan from 2021-10-01");
  expect(subsidyText).toContain("+ 600.00 yuan from 2021-10-01");
  expect(subsidyText).toContain("m3.monthly_standard, m3.subsidy 可能不同的情形：date >= 2021-10-01");
  const months = list.locator('[data-measure="m3"] [data-subject="m3 output subsidised_person_months"]');
  expect(await months.textContent()).toContain("+ sum(min(t.months, 6 months) for t in enterprise.trainees where subsidisable(t))");
  // a witness, found by the search and checked by running both versions; no proof is claimed
  const standard = list.locator('[data-output="m3.monthly_standard"]');
  expect(await standard.textContent()).toContain('有界搜索找到的案例');
  expect(await standard.textContent()).toContain('"500.00" → "600.00"');
  expect(await list.locator(".diff-method").textContent()).toContain("不是证明");
  expect(await list.locator(".verdict.proved").count()).toBe(0);
  expect(await list.locator('[data-output="m3.in_force"]').textContent()).toContain("有界搜索未发现差异");

  // the published policy itself, reformatted: no change at all
  const reformatted = Object.fromEntries(Object.keys(draftFiles).map((path) => [path, `# reformatted\n${readFileSync(path, "utf8").replaceAll("\n\n", "\n\n\n")}`]));
  await page.evaluate((files) => window.tiaoPlayground.setFiles(files), reformatted);
  await list.locator(".diff-summary", { hasText: "没有语义变化" }).waitFor({ timeout: 60_000 });
  expect(troubles).toEqual([]);
  await context.close();
}, 120_000);
