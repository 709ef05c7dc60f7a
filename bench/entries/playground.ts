/**
 * The playground in real Chromium (Debian's, through playwright-core), on the site
 * `npm run build` made in playground/dist/, served from localhost:
 * - first load: from navigation to an interactive editor showing the results of the
 *   example scenario, in a fresh browser profile each time;
 * - a keystroke in the editor (typed through the keyboard into m4.tiao of the ten-measure
 *   policy) until the markers and the results shown are those of the new text: the page
 *   notes the time of the key's event, and the time once it has drawn the worker's answer;
 * - a sweep of 1,000 points drawn;
 * - the size of each file of the site, compressed with gzip as a server would send it.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { Page } from "playwright-core";
import type { BenchContext } from "../context.js";
import { launchChromium, serveSite, SITE } from "../playground-site.js";
import { messageOf } from "../policy.js";
import { spreadOf } from "../report.js";
import { summarise } from "../timing.js";

const GROUP = "Playground in Chromium (built site, localhost)";

declare const window: {
  readonly tiaoPlayground: { settled(): Promise<void>; results(): object | undefined };
  __keyDownAt?: number;
};
declare const document: { addEventListener(type: string, listener: () => void, capture: boolean): void };
declare function requestAnimationFrame(callback: () => void): void;

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function firstLoad(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.tiaoPlayground !== undefined && window.tiaoPlayground.results() !== undefined, null, { polling: "raf", timeout: 60_000 });
  await page.locator(".monaco-editor .view-lines").first().waitFor();
  return Date.now() - started;
}

/** One key typed into the editor; the milliseconds from its keydown event to the page showing the answer. */
async function keystroke(page: Page, key: string): Promise<number> {
  await page.evaluate(() => {
    window.__keyDownAt = undefined;
  });
  await page.keyboard.type(key);
  return page.evaluate(async () => {
    await window.tiaoPlayground.settled();
    await new Promise<void>((resolve) => requestAnimationFrame(resolve));
    return performance.now() - (window.__keyDownAt ?? performance.now());
  });
}

export async function playground(context: BenchContext): Promise<void> {
  const { report, options } = context;
  let site;
  let browser;
  try {
    site = await serveSite();
    browser = await launchChromium();
  } catch (error) {
    report.skip("playground", messageOf(error));
    await site?.close();
    return;
  }
  try {
    const loads: number[] = [];
    for (let i = 0; i < (options.quick ? 3 : 7); i++) {
      const browserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      loads.push(await firstLoad(await browserContext.newPage(), site.url));
      await browserContext.close();
    }
    const load = summarise(loads);
    report.figure({
      id: "playground.first_load",
      group: GROUP,
      label: "first load: navigation to the editor with the results of the example scenario",
      value: load.median,
      unit: "ms",
      spread: spreadOf(load),
      note: `median of ${load.repetitions} loads, each in a fresh browser profile`,
    });

    const browserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await browserContext.newPage();
    await firstLoad(page, site.url);
    await page.evaluate(() => {
      document.addEventListener("keydown", () => {
        window.__keyDownAt ??= performance.now();
      }, true);
    });
    // the end of m4.tiao, on a comment line of its own: typing there opens no completion list
    await page.locator(".monaco-editor .view-lines").first().click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n# ");
    await page.evaluate(() => window.tiaoPlayground.settled());
    const keys = options.quick ? 30 : 100;
    const latencies: number[] = [];
    for (let i = 0; i < keys + 5; i++) {
      const latency = await keystroke(page, "abcdefghij"[i % 10] ?? "a");
      if (i >= 5) latencies.push(latency);
    }
    // the worker's own time for each analysis (compile, notice coverage, evaluation with explanations), as the page measured it
    const workerTimes = await page.evaluate(() => performance.getEntriesByName("tiao:worker-analysis").map((entry) => entry.duration));
    const keystrokes = summarise(latencies);
    report.figure({
      id: "playground.keystroke.p95",
      group: GROUP,
      label: "keystroke in the ten-measure policy → markers and results shown, 95th percentile",
      value: percentile(latencies, 95),
      unit: "ms",
      spread: spreadOf(keystrokes),
      note: `${keys} keys typed one at a time, after 5 untimed; median ${keystrokes.median.toFixed(1)} ms`,
    });

    const worker = summarise(workerTimes.slice(-keys));
    report.figure({
      id: "playground.keystroke.worker_analysis.p95",
      group: GROUP,
      label: "of which the compiler worker's analysis (compile, coverage, evaluation), 95th percentile",
      value: percentile(workerTimes.slice(-keys), 95),
      unit: "ms",
      spread: spreadOf(worker),
      note: `the worker's own time per analysis, measured in the worker; median ${worker.median.toFixed(1)} ms`,
    });

    await page.getByRole("tab", { name: "扫描" }).click();
    await page.getByLabel("点数").fill("1000");
    await page.getByLabel("到", { exact: true }).fill("999");
    const sweeps: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      await page.getByRole("button", { name: "绘制" }).click();
      await page.locator(`[data-testid=sweep-result][data-points="1000"][data-run="${i + 1}"]`).waitFor({ timeout: 60_000 });
      sweeps.push(Date.now() - started);
    }
    const sweep = summarise(sweeps);
    report.figure({
      id: "playground.sweep_1000",
      group: GROUP,
      label: "sweep of §4 over 1,000 values of person.insured_months, evaluated and drawn",
      value: sweep.median,
      unit: "ms",
      spread: spreadOf(sweep),
      note: `median of ${sweep.repetitions}, from the click to the drawn chart`,
    });
    await browserContext.close();

    const assets = join(SITE, "assets");
    for (const name of readdirSync(assets).filter((file) => /\.(js|css|ttf)$/u.test(file)).sort()) {
      const bytes = readFileSync(join(assets, name));
      report.figure({
        id: `playground.size.${name.replace(/-[\w-]{8}\./u, ".")}`,
        group: GROUP,
        label: `size of ${name.replace(/-[\w-]{8}\./u, ".")}, gzip`,
        value: Math.round(gzipSync(bytes, { level: 9 }).length / 102.4) / 10,
        unit: "kB",
        note: `${Math.round(statSync(join(assets, name)).size / 1024)} kB uncompressed`,
      });
    }
  } finally {
    await browser.close();
    await site.close();
  }
}
