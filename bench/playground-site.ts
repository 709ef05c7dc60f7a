/**
 * The built playground (playground/dist/, made by `npm run build`) served by a tiny static
 * server on a free localhost port, and Debian's Chromium driven by playwright-core: the
 * benchmark, the browser tests and the documentation's screenshot use both. Never a
 * downloaded browser.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { REPO_ROOT } from "./policy.js";

export const SITE = join(REPO_ROOT, "playground/dist");

const TYPES: { readonly [extension: string]: string } = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".ttf": "font/ttf",
  ".json": "application/json",
};

export interface StaticSite {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves `root` as static files, as any static host would: no rewriting, no headers of its own. */
export async function serveSite(root = SITE): Promise<StaticSite> {
  if (!existsSync(join(root, "index.html"))) throw new Error(`${root}/index.html is missing: run npm run build first`);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    let body: Buffer | undefined;
    try {
      body = file.startsWith(root) && existsSync(file) && statSync(file).isFile() ? readFileSync(file) : undefined;
    } catch {
      // a file removed between the check and the read is missing too
    }
    if (body === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}

/**
 * Serves a copy of the site taken now. The browser tests load the editor's icon font and
 * workers long after the page: served from playground/dist/ itself, a build that empties and
 * rewrites it meanwhile (`npm run build`, or `npm ci`, whose `prepare` script builds, in the
 * same checkout) answers those requests with 404s and a page that never starts.
 */
export async function serveCopyOfSite(): Promise<StaticSite> {
  if (!existsSync(join(SITE, "index.html"))) throw new Error(`${SITE}/index.html is missing: run npm run build first`);
  const copy = mkdtempSync(join(tmpdir(), "tiao-playground-"));
  try {
    cpSync(SITE, copy, { recursive: true });
    const site = await serveSite(copy);
    return { url: site.url, close: () => site.close().finally(() => rmSync(copy, { recursive: true, force: true })) };
  } catch (error) {
    rmSync(copy, { recursive: true, force: true });
    throw error;
  }
}

export const CHROMIUM = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}
