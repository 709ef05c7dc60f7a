/**
 * The playground in real Chromium (Debian's, through playwright-core), driven as a drafter
 * drives it: through the form, the tabs and the links, with the editor's text set through
 * `window.tiaoPlayground` (typing into the editor would open its completion list).
 * Assertions are on what the page shows. The site is the one `npm run build` made.
 */
import { AxeBuilder } from "@axe-core/playwright";
import { cpSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, serveCopyOfSite, type StaticSite } from "../../bench/playground-site.js";
import { compile } from "../../compiler/compile.js";
import { emitTypeScript } from "../../compiler/emit/typescript.js";
import { scratchFolder, tiao } from "../e2e/tiao.js";
import "./page-api.js";

const POLICY = "policies/lanzhou-2021-289";
const M4 = `${POLICY}/m4.tiao`;
const publishedFiles = Object.fromEntries(
  readdirSync(POLICY)
    .filter((name) => name.endsWith(".tiao"))
    .map((name) => [`${POLICY}/${name}`, readFileSync(join(POLICY, name), "utf8")]),
);
const publishedM4 = publishedFiles[M4] ?? "";
const testCount = readdirSync(join(POLICY, "tests")).filter((name) => name.endsWith(".json")).length;

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

interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** console errors, failed and outside requests, uncaught errors: a healthy page has none */
  readonly troubles: string[];
}

/** A fresh profile (no local save), the page at `url`, loaded until the editor and the results show. */
async function open(url = site.url, beforeLoad?: (page: Page) => Promise<void>): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await beforeLoad?.(page);
  const troubles: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") troubles.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => troubles.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    if (!request.url().startsWith(site.url) && !request.url().startsWith("blob:")) troubles.push(`request outside the site: ${request.url()}`);
  });
  page.on("requestfailed", (request) => troubles.push(`failed: ${request.url()}`));
  await page.goto(url);
  await settled(page);
  await page.locator(".monaco-editor .view-lines").first().waitFor();
  return { page, context, troubles };
}

function settled(page: Page): Promise<void> {
  return page.waitForFunction(() => window.tiaoPlayground !== undefined).then(() => page.evaluate(() => window.tiaoPlayground.settled()));
}

function output(page: Page, measure: string, name: string) {
  return page.locator(`[data-measure="${measure}"] details[data-output="${name}"] [data-testid="output-value"]`);
}

describe("the playground in Chromium", () => {
  it("shows the published policy without errors and the results of its example scenario", async () => {
    const { page, context, troubles } = await open();
    await expect(page.locator("[data-testid=problems] .no-problems").isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => window.tiaoPlayground.diagnostics().filter((d) => d.severity === "error"))).toEqual([]);
    expect(await page.evaluate(() => window.tiaoPlayground.files())).toEqual(publishedFiles);
    // §4 for a migrant worker insured 8 months: the temporary living subsidy, at the urban minimum (policies' scenario)
    expect(await output(page, "m4", "living_subsidy_eligible").textContent()).toBe("true");
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("846.00");
    expect(await output(page, "m2", "refund").textContent()).toBe("7407.40");
    const results = await page.evaluate(() => window.tiaoPlayground.results());
    expect(results?.["m9"]?.["shortfall"]).toBe("56.00");
    // the editor highlights with the grammar's keywords
    await page.locator(".monaco-editor .mtk1").first().waitFor();
    // Monaco writes spaces as no-break spaces
    expect((await page.locator(".monaco-editor .view-lines").textContent())?.replaceAll("\u00a0", " ")).toContain("measure m4");
    expect(troubles).toEqual([]);
    await context.close();
  });

  it("marks an error in the editor and the error list, and brings the results back once it is fixed", async () => {
    const { page, context, troubles } = await open();
    await page.evaluate((text) => window.tiaoPlayground.setSource(text), publishedM4.replace("person.insured_months < 1 year", "person.insured_monthz < 1 year"));
    const errors = await page.evaluate(() => window.tiaoPlayground.diagnostics().filter((d) => d.severity === "error"));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]?.span.file).toBe(M4);
    const problem = page.locator("[data-testid=problems] .problem.error").first();
    expect(await problem.textContent()).toContain(`error[${errors[0]?.code}]`);
    expect(await problem.textContent()).toContain(`${M4}:${errors[0]?.span.line}:`);
    if (errors[0]?.help !== undefined) expect(await problem.locator(".help").textContent()).toContain(errors[0].help);
    await page.locator(".monaco-editor .squiggly-error").first().waitFor();
    expect(await page.locator("[data-testid=results]").textContent()).toMatch(/政策有错误/u);
    expect(await page.evaluate(() => window.tiaoPlayground.results())).toBeUndefined();

    await page.evaluate((text) => window.tiaoPlayground.setSource(text), publishedM4);
    await page.locator("[data-testid=problems] .no-problems").waitFor();
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("846.00");
    expect(await page.locator(".monaco-editor .squiggly-error").count()).toBe(0);
    // the wavy underline is drawn, not blocked by the page's content-security policy
    expect(troubles).toEqual([]);
    await context.close();
  });

  it("offers the language service's quick fix, completion, hover and go to definition in the editor", async () => {
    const { page, context } = await open();
    const misspelt = publishedM4.replace("person.insured_months < 1 year", "person.insured_month < 1 year");
    await page.evaluate((text) => window.tiaoPlayground.setSource(text), misspelt);
    const [diagnostic] = await page.evaluate(() => window.tiaoPlayground.diagnostics());
    expect(diagnostic?.help).toBe("did you mean `insured_months`?");
    // the quick fix, from the keyboard: the problem in the list puts the cursor on it, then Ctrl+. and Enter
    await page.locator("[data-testid=problems] .problem.error button").first().click();
    await page.keyboard.press("Control+.");
    const fix = page.getByText("replace `insured_month` with `insured_months`");
    await fix.waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => window.tiaoPlayground.source())).toBe(publishedM4);
    await settled(page);

    // completion of a fact's fields after `person.`
    await page.evaluate((text) => window.tiaoPlayground.setSource(text), publishedM4.replace("= person.unemployed and person.insured\n", "= person.unemployed and person.insured and person.\n"));
    await page.locator(".monaco-editor .view-line", { hasText: "and person.insured and person." }).click();
    await page.keyboard.press("End");
    await page.keyboard.press("Control+Space");
    const suggestions = page.locator(".suggest-widget .monaco-list-row");
    await suggestions.first().waitFor();
    expect(await page.locator(".suggest-widget").textContent()).toContain("insured_months");
    await page.keyboard.press("Escape");
    await page.evaluate((text) => window.tiaoPlayground.setSource(text), publishedM4);

    // hover on a parameter (Ctrl+K Ctrl+I at the cursor): its dated values; the cursor put there with the editor's find
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Control+F");
    // typing in the find box selects the first match
    await page.keyboard.type("ui_benefit_standard");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Control+K");
    await page.keyboard.press("Control+I");
    await page.locator(".monaco-hover-content", { hasText: "1638.00" }).first().waitFor();
    await page.keyboard.press("Escape");
    // go to definition, in another file
    await page.keyboard.press("F12");
    await expect.poll(() => page.locator('.file-list [aria-current="page"]').textContent()).toBe("parameters.tiao");

    // the references of a parameter every measure's window uses, across the policy's files, in the editor's peek view
    await page.locator(".file-list button", { hasText: "m4.tiao" }).click();
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Control+F");
    await page.keyboard.type("epidemic_period_start");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Shift+F12");
    const references = page.locator(".peekview-widget .ref-tree .monaco-list-row");
    await references.first().waitFor();
    const listed = (await references.allTextContents()).join("\n");
    for (const file of ["m1.tiao", "m10.tiao", "parameters.tiao"]) expect(listed).toContain(file);
    await page.keyboard.press("Escape");
    // a parameter used once: Shift+F12 goes to its declaration, as the editor does when the only other reference is it
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Control+F");
    await page.keyboard.type("ui_benefit_standard");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Shift+F12");
    await expect.poll(() => page.locator('.file-list [aria-current="page"]').textContent()).toBe("parameters.tiao");

    // F2 renames the parameter in every file, the ones the editor does not show included
    await page.locator(".file-list button", { hasText: "m4.tiao" }).click();
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+Home");
    await page.keyboard.press("Control+F");
    await page.keyboard.type("ui_benefit_standard");
    await page.keyboard.press("Escape");
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("F2");
    // the rename box opens with the name selected: typing replaces it
    await page.locator(".rename-box input:focus").waitFor();
    await page.keyboard.type("unemployment_benefit_standard");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => window.tiaoPlayground.files()[`policies/lanzhou-2021-289/m4.tiao`] ?? "")).toContain("round(unemployment_benefit_standard *");
    await settled(page);
    expect(await page.evaluate(() => window.tiaoPlayground.files()[`policies/lanzhou-2021-289/parameters.tiao`] ?? "")).toContain("parameter unemployment_benefit_standard:");
    expect(await page.evaluate(() => window.tiaoPlayground.diagnostics().filter((d) => d.severity === "error"))).toEqual([]);
    await context.close();
  });

  it("changes a result when a fact changes in the form", async () => {
    const { page, context } = await open();
    expect(await output(page, "m4", "living_subsidy_eligible").textContent()).toBe("true");
    // insured 12 months is no longer "不满1年": the 12-month boundary of §4
    await page.locator("#fact-person-insured_months").fill("12");
    await settled(page);
    expect(await output(page, "m4", "living_subsidy_eligible").textContent()).toBe("false");
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("0.00");
    // a money field takes only an amount: a third decimal is refused and said so
    const premiums = page.locator("#fact-enterprise-ui_premiums_last_year");
    await premiums.fill("12345.678");
    expect(await premiums.getAttribute("aria-invalid")).toBe("true");
    await settled(page);
    expect(await output(page, "m2", "refund").textContent()).toBe("7407.40");
    await premiums.fill("20000");
    await settled(page);
    expect(await output(page, "m2", "refund").textContent()).toBe("12000.00");
    // the JSON view shows the same scenario, and an edit there reaches the form
    await page.getByRole("tab", { name: "JSON" }).click();
    const json = page.locator("[data-testid=scenario-json]");
    const scenario = JSON.parse(await json.inputValue()) as { person: { insured_months: number }; enterprise: { ui_premiums_last_year: string } };
    expect(scenario.person.insured_months).toBe(12);
    expect(scenario.enterprise.ui_premiums_last_year).toBe("20000");
    await json.fill(JSON.stringify({ ...scenario, person: { ...scenario.person, insured_months: 3 } }, null, 2));
    await settled(page);
    expect(await output(page, "m4", "living_subsidy_eligible").textContent()).toBe("true");
    await context.close();
  });

  it("shows a measure not in force on a date outside its window, with its explanation", async () => {
    const { page, context } = await open();
    // §4 is in force from the epidemic period's start, 2021-10-20
    await page.locator("[data-testid=as-of]").fill("2021-10-19");
    await settled(page);
    expect(await output(page, "m4", "in_force").textContent()).toBe("false");
    expect(await page.locator('[data-measure="m4"] .badge.off').textContent()).toBe("未生效");
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("0.00");
    await page.locator('[data-measure="m4"] details[data-output="in_force"] summary').click();
    expect(await page.locator('[data-measure="m4"] details[data-output="in_force"] .explanation').textContent()).toContain("2021-10-20");
    await page.evaluate(() => window.tiaoPlayground.setDate("2021-10-20"));
    expect(await output(page, "m4", "in_force").textContent()).toBe("true");
    await context.close();
  });

  it("opens a shared link in the same state, in another browser profile", async () => {
    const first = await open();
    const edited = publishedM4.replace("# §4 Unemployment", "# §4 (draft) Unemployment");
    await first.page.evaluate((text) => window.tiaoPlayground.setSource(text), edited);
    await first.page.locator("#fact-person-insured_months").fill("20");
    await first.page.evaluate(() => window.tiaoPlayground.setDate("2021-12-01"));
    const link = first.page.url();
    expect(link).toContain("#state=");
    const sourceBefore = await first.page.evaluate(() => window.tiaoPlayground.files());
    const resultsBefore = await first.page.evaluate(() => window.tiaoPlayground.results());
    await first.context.close();

    const second = await open(link);
    expect(await second.page.evaluate(() => window.tiaoPlayground.files())).toEqual(sourceBefore);
    expect(await second.page.evaluate(() => window.tiaoPlayground.results())).toEqual(resultsBefore);
    expect(await second.page.locator("[data-testid=as-of]").inputValue()).toBe("2021-12-01");
    expect(await second.page.locator("#fact-person-insured_months").inputValue()).toBe("20");
    expect(second.troubles).toEqual([]);
    await second.context.close();
  });

  it("opens the published policy with a visible notice when a link is malformed", async () => {
    const { page, context } = await open(`${site.url}#state=this-is-not-a-compressed-state`);
    expect(await page.locator("[data-testid=link-problem]").textContent()).toContain("链接无法读取");
    expect(await page.evaluate(() => window.tiaoPlayground.files())).toEqual(publishedFiles);
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("846.00");
    await context.close();
  });

  it("keeps an edit across a reload, and goes back to the published version when asked", async () => {
    const { page, context } = await open();
    const edited = `${publishedM4}\n# a drafter's note\n`;
    await page.evaluate((text) => window.tiaoPlayground.setSource(text), edited);
    await page.locator("#fact-person-insured_months").fill("5");
    await settled(page);
    // a reload of the page's own address without the link: the local save restores the work
    await page.goto(site.url);
    await settled(page);
    expect(await page.evaluate(() => window.tiaoPlayground.source())).toBe(edited);
    expect(await page.locator("#fact-person-insured_months").inputValue()).toBe("5");
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "恢复发布版本" }).click();
    expect(await page.evaluate(() => window.tiaoPlayground.source())).toBe(edited);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "恢复发布版本" }).click();
    await settled(page);
    expect(await page.evaluate(() => window.tiaoPlayground.files())).toEqual(publishedFiles);
    await context.close();
  });

  it("draws a sweep of §4 over the months insured and marks the 12-month cliff", async () => {
    const { page, context } = await open();
    await page.getByRole("tab", { name: "扫描" }).click();
    await page.getByRole("button", { name: "绘制" }).click();
    const result = page.locator("[data-testid=sweep-result]");
    await result.waitFor();
    expect(await result.getAttribute("data-points")).toBe("25");
    const chart = page.locator('.step-chart[data-output="living_subsidy_monthly"]');
    expect(await chart.locator("path.step-line").getAttribute("d")).toMatch(/^M/u);
    expect(await chart.locator(".cliff").getAttribute("data-x")).toBe("12");
    expect(await page.locator('.jumps li[data-output="living_subsidy_eligible"]').getAttribute("data-x")).toBe("12");
    // a thousand points draw at once
    await page.getByLabel("点数").fill("1000");
    await page.getByLabel("到", { exact: true }).fill("999");
    await page.getByRole("button", { name: "绘制" }).click();
    await page.locator('[data-testid=sweep-result][data-points="1000"]').waitFor();
    expect(await page.locator('.step-chart[data-output="living_subsidy_monthly"] .cliff').first().getAttribute("data-x")).toBe("12");
    await context.close();
  });

  it("runs the policy's tests, colours the notice by coverage and draws the timeline", async () => {
    const { page, context } = await open();
    await page.getByRole("tab", { name: "测试" }).click();
    await page.getByRole("button", { name: "运行全部测试" }).click();
    expect(await page.locator("[data-testid=test-summary]").textContent()).toBe(`${testCount} 通过, 0 失败`);

    await page.getByRole("tab", { name: "通知原文" }).click();
    expect(await page.locator('button.sentence[data-status="encoded"]').count()).toBeGreaterThan(20);
    expect(await page.locator('button.sentence[data-status="not-computable"]').count()).toBeGreaterThan(0);
    const migrant = page.locator("button.sentence", { hasText: "对参保不满1年的失业农民工" }).first();
    await migrant.click();
    expect(await page.locator("[data-testid=citing]").textContent()).toContain("m4.unemployment_subsidy_eligible / migrant");

    await page.getByRole("tab", { name: "时间线" }).click();
    // §4 runs from the epidemic period's start, a date parameter: its value on the "as of" date
    expect(await page.locator('.timeline [data-measure="m4"] title').textContent()).toContain("m4: 2021-10-20 —");
    await context.close();
  });

  it("restarts a compiler worker that stops answering, and shows the results of the latest change", async () => {
    // the page's timers under the test's hand, to reach the watchdog's 20 seconds at once
    const { page, context } = await open(site.url, (page) => page.clock.install());
    const compilerWorkers = () => page.workers().filter((worker) => worker.url().includes("compiler-worker"));
    const [stuck] = compilerWorkers();
    if (stuck === undefined) throw new Error("no compiler worker");
    // the compiler's thread busy for ever, as in a compilation that never ends
    void stuck.evaluate(() => {
      for (;;);
    }).catch(() => undefined);
    // the worker's debugger answers in order: once a second question goes unanswered, the loop runs
    const probe = await Promise.race([stuck.evaluate(() => "answering").catch(() => "closed"), new Promise((resolve) => setTimeout(() => resolve("looping"), 2000))]);
    expect(probe).toBe("looping");
    const change = page.evaluate(() => window.tiaoPlayground.setDate("2021-10-19"));
    await page.clock.fastForward(21_000);
    await change;
    // a new worker answered for the change the stuck one held
    expect(compilerWorkers().filter((worker) => worker !== stuck)).toHaveLength(1);
    expect(await output(page, "m4", "in_force").textContent()).toBe("false");
    expect(await page.locator("[data-testid=results] [role=alert]").count()).toBe(0);
    await context.close();
  });

  it("shows the generated TypeScript of the current policy in a read-only tab, and downloads it", async () => {
    const { page, context } = await open();
    await page.getByRole("tab", { name: "生成的 TypeScript" }).click();
    await page.locator("#editor-view .monaco-editor .view-lines", { hasText: "generated by tiao" }).waitFor();
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 lanzhou_2021_289.ts" }).click()]);
    expect(download.suggestedFilename()).toBe("lanzhou_2021_289.ts");
    // the files in the page's order, which is the command's: m1, m2, … m10
    const { program } = compile(await page.evaluate(() => Object.entries(window.tiaoPlayground.files()).map(([path, text]) => ({ path, text }))));
    if (program === undefined) throw new Error("the published policy does not compile");
    expect(readFileSync(await download.path(), "utf8")).toBe(emitTypeScript(program, { runtimeImport: "tiao/runtime" }));
    // an edit reaches the generated code: §4's title
    await page.evaluate((text) => window.tiaoPlayground.setSource(text), publishedM4.replace('measure m4 "', 'measure m4 "(draft) '));
    const [again] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "下载 lanzhou_2021_289.ts" }).click()]);
    expect(readFileSync(await again.path(), "utf8")).toContain("(draft) ");
    await context.close();
  });

  it("switches the interface to English, and keeps the choice on a reload", async () => {
    const { page, context } = await open();
    await page.getByRole("button", { name: "切换到英文界面" }).click();
    await page.getByRole("tab", { name: "Case and results" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator('[data-measure="m4"] .badge').textContent()).toBe("in force");
    expect(await page.locator("[data-testid=problems] h2").textContent()).toBe("Problems: 0 errors, 0 warnings");
    await page.reload();
    await settled(page);
    await page.getByRole("tab", { name: "Case and results" }).waitFor();
    await page.getByRole("button", { name: "Switch to Chinese" }).click();
    await page.getByRole("tab", { name: "案例与结果" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("zh-CN");
    await context.close();
  });

  it("exports the case and the results as JSON, and saves the case as a test file that tiao test passes", async () => {
    const { page, context } = await open();
    await page.locator("#fact-person-insured_months").fill("12");
    await settled(page);
    const saved = async (button: string) => {
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
      return { name: download.suggestedFilename(), text: readFileSync(await download.path(), "utf8") };
    };
    const scenario = await saved("导出案例 JSON");
    expect(scenario.name).toBe("scenario.json");
    expect((JSON.parse(scenario.text) as { person: { insured_months: number } }).person.insured_months).toBe(12);
    const results = await saved("导出结果 JSON");
    expect(JSON.parse(results.text)).toEqual(await page.evaluate(() => window.tiaoPlayground.results()));
    expect((JSON.parse(results.text) as { m4: { living_subsidy_eligible: boolean } }).m4.living_subsidy_eligible).toBe(false);
    const test = await saved("保存为测试文件");
    expect(test.name).toBe("case-2021-11-15.json");
    expect(JSON.parse(test.text)).toMatchObject({ scenario: JSON.parse(scenario.text), expected: JSON.parse(results.text) });
    // the saved file, put in a copy of the policy's tests, is one more test `tiao test` runs and passes
    const scratch = scratchFolder();
    try {
      const copy = join(scratch.path, "policy");
      cpSync(POLICY, copy, { recursive: true });
      writeFileSync(join(copy, "tests", test.name), test.text);
      const run = tiao(["test", copy]);
      expect(run.stderr).toBe("");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`${testCount + 1} passed, 0 failed`);
    } finally {
      scratch.remove();
    }
    await context.close();
  });

  it("evaluates with a parameter overridden in the form, as a scenario's parameters do", async () => {
    const { page, context } = await open();
    await page.locator(".parameter-overrides summary").click();
    const allowance = page.locator("#parameter-urban_subsistence_allowance");
    await allowance.fill("900");
    await settled(page);
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("900.00");
    // three months of the living subsidy (policies' example: 3 × 846.00 = 2538.00)
    expect(await output(page, "m4", "total").textContent()).toBe("2700.00");
    await page.locator('[data-measure="m4"] details[data-output="living_subsidy_monthly"] summary').click();
    expect(await page.locator('[data-measure="m4"] details[data-output="living_subsidy_monthly"] .explanation').textContent()).toContain("urban_subsistence_allowance");
    expect(await page.locator('[data-measure="m4"] details[data-output="living_subsidy_monthly"] .explanation').textContent()).toContain("案例给定");
    await page.getByRole("tab", { name: "JSON" }).click();
    expect((JSON.parse(await page.locator("[data-testid=scenario-json]").inputValue()) as { parameters: unknown }).parameters).toEqual({ urban_subsistence_allowance: "900" });
    await page.getByRole("tab", { name: "表单" }).click();
    await page.locator("#parameter-urban_subsistence_allowance").fill("");
    await settled(page);
    expect(await output(page, "m4", "living_subsidy_monthly").textContent()).toBe("846.00");
    await context.close();
  });

  it("is usable by keyboard: the tabs move with the arrow keys, and Tab leaves the editor after Ctrl+M", async () => {
    const { page, context } = await open();
    await page.getByRole("tab", { name: "案例与结果" }).focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.getByRole("tab", { name: "通知原文" }).getAttribute("aria-selected")).toBe("true");
    expect(await page.locator(":focus").getAttribute("id")).toBe("tab-notice");
    await page.keyboard.press("ArrowLeft");
    expect(await page.locator(":focus").getAttribute("id")).toBe("tab-case");
    // a file of the list opens with Enter
    await page.locator(".file-list button", { hasText: "parameters.tiao" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator('.file-list [aria-current="page"]').textContent()).toBe("parameters.tiao");
    // in the editor, Tab indents; after Ctrl+M it moves the focus on, and the text stays as it was
    await page.locator(".monaco-editor .view-lines").first().click();
    const before = await page.evaluate(() => window.tiaoPlayground.source());
    await page.keyboard.press("Control+M");
    await page.keyboard.press("Tab");
    expect(await page.locator(".monaco-editor :focus").count()).toBe(0);
    expect(await page.evaluate(() => window.tiaoPlayground.source())).toBe(before);
    await context.close();
  });

  it("lists the failing tests with their differences, and draws each parameter's dated values on the timeline", async () => {
    const { page, context } = await open();
    const parameters = `${POLICY}/parameters.tiao`;
    await page.evaluate((files) => window.tiaoPlayground.setFiles(files), { ...publishedFiles, [parameters]: (publishedFiles[parameters] ?? "").replace("value 846.00 yuan from 2021-01-01", "value 850.00 yuan from 2021-01-01") });
    await page.getByRole("tab", { name: "测试" }).click();
    await page.getByRole("button", { name: "运行全部测试" }).click();
    const summary = await page.locator("[data-testid=test-summary]").textContent();
    const failed = Number(/(\d+) 失败/u.exec(summary ?? "")?.[1]);
    expect(failed).toBeGreaterThan(0);
    expect(await page.locator(".test-list li.fail").count()).toBe(failed);
    expect((await page.locator(".test-list li.fail .differences").allTextContents()).join("\n")).toContain('m4.living_subsidy_monthly: expected "846.00", got "850.00"');

    await page.getByRole("tab", { name: "时间线" }).click();
    const benefit = page.locator('.timeline [data-parameter="ui_benefit_standard"] title');
    expect(await benefit.allTextContents()).toContain("ui_benefit_standard = 1638.00 (2022-07-01 — …)");
    expect(await page.locator(".timeline .as-of-label").textContent()).toBe("评估日期 2021-11-15");
    await page.evaluate(() => window.tiaoPlayground.setDate("2019-06-01"));
    expect(await page.locator(".timeline .as-of-label").textContent()).toBe("评估日期 2019-06-01");
    // two years either side of the date: the 2022 value is out of sight
    expect(await benefit.allTextContents()).not.toContain("ui_benefit_standard = 1638.00 (2022-07-01 — …)");
    await context.close();
  });

  it("has no serious or critical accessibility violations on the main view", async () => {
    const { page, context } = await open();
    const report = await new AxeBuilder({ page }).analyze();
    const serious = report.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    expect(serious).toEqual([]);
    await context.close();
  });
});
