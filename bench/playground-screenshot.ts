/**
 * The screenshot of the playground in the documentation (docs/playground.png, shown in the
 * README): the built site in Debian's Chromium, the rules of §4 beside the case and its
 * results. `npm run playground:screenshot`.
 */
import { join } from "node:path";
import { launchChromium, serveSite } from "./playground-site.js";
import { REPO_ROOT } from "./policy.js";

declare const window: { readonly tiaoPlayground: { settled(): Promise<void> } };

const site = await serveSite();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await page.goto(site.url);
  await page.waitForFunction(() => window.tiaoPlayground !== undefined);
  await page.evaluate(() => window.tiaoPlayground.settled());
  await page.locator(".monaco-editor .view-lines").first().waitFor();
  await page.locator('[data-measure="m4"] details[data-output="living_subsidy_eligible"] summary').click();
  await page.waitForTimeout(300);
  const file = join(REPO_ROOT, "docs/playground.png");
  await page.screenshot({ path: file });
  process.stdout.write(`written: ${file}\n`);
} finally {
  await browser.close();
  await site.close();
}
