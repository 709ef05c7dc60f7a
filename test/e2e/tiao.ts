/**
 * Runs the built `tiao` command as a user would: `node bin/tiao.js …` from the repository
 * root, so that paths in messages are repository-relative. Build first (`npm run build`).
 */
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

export interface TiaoResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TiaoOptions {
  /** standard input */
  readonly input?: string;
  /** environment variables added to this process's */
  readonly env?: Readonly<Record<string, string>>;
  /** how long the command may take (50 s by default): more for a run that opens an embedded database */
  readonly timeoutMs?: number;
}

export function tiao(args: readonly string[], options: TiaoOptions = {}): TiaoResult {
  const result = spawnSync(process.execPath, [join(repositoryRoot, "bin", "tiao.js"), ...args], {
    cwd: repositoryRoot,
    encoding: "utf8",
    // The cache of compiled policies is off unless a test turns it on (cache.test.ts):
    // scratch copies of policies would otherwise leave entries in the user's cache.
    env: { ...process.env, TIAO_CACHE: "off", ...options.env },
    // a command that hangs fails its test instead of holding the run
    timeout: options.timeoutMs ?? 50_000,
    ...(options.input === undefined ? {} : { input: options.input }),
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The fixture policy of these tests, relative to the repository root. */
export const fixturePolicy = "test/e2e/fixtures/benefit";

/** A scratch folder, removed by the returned function. */
export function scratchFolder(): { readonly path: string; readonly remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), "tiao-e2e-"));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** A copy of the fixture policy (with its notice and tests) in a scratch folder, to modify. */
export function copyOfFixture(): { readonly path: string; readonly remove: () => void } {
  const scratch = scratchFolder();
  const path = join(scratch.path, "benefit");
  cpSync(join(repositoryRoot, fixturePolicy), path, { recursive: true });
  return { path, remove: scratch.remove };
}
