/**
 * The `tiao` command run in this process, through the main function of the built command
 * (dist/cli/tiao.mjs, which bin/tiao.js runs; `npm test` builds it first): thousands of
 * command lines cost what a few spawned processes would. What it writes to standard output
 * and error is captured; the cache of compiled policies is off (TIAO_CACHE=off), as in the
 * end-to-end tests.
 */
import { pathToFileURL } from "node:url";
import { repositoryRoot } from "./policies.js";

type Main = (args: readonly string[]) => Promise<number>;

let loaded: Main | undefined;

async function mainOfBuiltCommand(): Promise<Main> {
  if (loaded !== undefined) return loaded;
  const module: unknown = await import(pathToFileURL(`${repositoryRoot}/dist/cli/tiao.mjs`).href);
  const main = typeof module === "object" && module !== null && "main" in module ? module.main : undefined;
  if (typeof main !== "function") throw new Error("dist/cli/tiao.mjs exports no main: run npm run build");
  loaded = main as Main;
  return loaded;
}

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

type Write = typeof process.stdout.write;

/** Runs one command line; commands are run one at a time (they share the process's standard streams). */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  const main = await mainOfBuiltCommand();
  const captured = { stdout: "", stderr: "" };
  const writeTo = (stream: "stdout" | "stderr"): Write =>
    ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown) => {
      captured[stream] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
      const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
      if (typeof done === "function") done();
      return true;
    }) as Write;
  const original = { stdout: process.stdout.write, stderr: process.stderr.write };
  const cache = process.env.TIAO_CACHE;
  // main adds a listener for errors of standard output on every call: remove it after
  const listeners = process.stdout.listeners("error");
  process.stdout.write = writeTo("stdout");
  process.stderr.write = writeTo("stderr");
  process.env.TIAO_CACHE = "off";
  try {
    const status = await main(args);
    return { status, ...captured };
  } finally {
    process.stdout.write = original.stdout;
    process.stderr.write = original.stderr;
    if (cache === undefined) delete process.env.TIAO_CACHE;
    else process.env.TIAO_CACHE = cache;
    for (const listener of process.stdout.listeners("error")) {
      if (!listeners.includes(listener)) process.stdout.removeListener("error", listener as (error: Error) => void);
    }
  }
}

/** What every command must avoid, whatever its input: the status of a bug (70), a stack trace, an internal error. */
export function crashOf(result: CliResult): string | undefined {
  if (result.status === 70) return "exit status 70";
  if (/internal error|\n\s+at .+:\d+:\d+/.test(result.stderr)) return "an internal error or a stack trace";
  if (![0, 1, 2, 3, 4].includes(result.status)) return `exit status ${result.status}`;
  return undefined;
}
