/**
 * A cache of compiled programs, so that `tiao run`, `tiao test` and `tiao compile` on a
 * policy that has not changed skip parsing and checking: loading the parser alone costs
 * many times what evaluating a scenario does.
 *
 * One entry per policy location (so the cache does not grow with each edit), used only when
 * the policy's files, its notice and the compiler itself are exactly those it was made
 * from. Only programs without errors are kept. Any failure to read or write the cache
 * just means compiling: it is never an error. `TIAO_CACHE=off` turns it off; it lives in
 * `$XDG_CACHE_HOME/tiao` (or `~/.cache/tiao`).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NoticeText } from "../compiler/compile.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { ProgramIR } from "../compiler/ir.js";
import type { SourceFile } from "./policy-files.js";

export interface CachedProgram {
  readonly program: ProgramIR;
  /** the warnings the program was compiled with */
  readonly diagnostics: readonly Diagnostic[];
}

interface CacheEntry extends CachedProgram {
  /** digest of the compiler and the policy's files */
  readonly key: string;
  /** digest of the notice's text, when the policy names one */
  readonly noticeDigest?: string;
}

export class ProgramCache {
  private constructor(
    private readonly folder: string,
    private readonly compilerFingerprint: string,
  ) {}

  /** The cache, unless turned off or the compiler's files cannot be found. */
  static open(): ProgramCache | undefined {
    if (process.env["TIAO_CACHE"] === "off") return undefined;
    const fingerprint = compilerFingerprint();
    return fingerprint === undefined ? undefined : new ProgramCache(cacheFolder(), fingerprint);
  }

  /**
   * The program of `files` compiled earlier, if the notice it named still has the same text
   * (`readNotice` reads it by its file name).
   */
  lookup(policy: string, files: readonly SourceFile[], readNotice: (fileName: string) => NoticeText): CachedProgram | undefined {
    const entry = this.readEntry(policy);
    if (entry === undefined || entry.key !== this.key(files)) return undefined;
    const noticeName = entry.program.policy.notice;
    if (noticeName !== undefined) {
      // a notice that can no longer be read is reported by compiling
      const notice = readNotice(noticeName);
      if (typeof notice !== "string" || entry.noticeDigest !== digest(notice)) return undefined;
    }
    return { program: entry.program, diagnostics: entry.diagnostics };
  }

  store(policy: string, files: readonly SourceFile[], compiled: CachedProgram, notice: string | undefined): void {
    const entry: CacheEntry = {
      key: this.key(files),
      ...(notice === undefined ? {} : { noticeDigest: digest(notice) }),
      ...compiled,
    };
    const path = this.entryPath(policy);
    const partial = `${path}.${process.pid}.partial`;
    try {
      mkdirSync(this.folder, { recursive: true });
      // Written aside and renamed, so that a concurrent reader never sees half an entry.
      writeFileSync(partial, JSON.stringify(entry));
      renameSync(partial, path);
    } catch {
      // A cache that cannot be written only costs the next command a compilation.
    }
  }

  private readEntry(policy: string): CacheEntry | undefined {
    try {
      const entry: unknown = JSON.parse(readFileSync(this.entryPath(policy), "utf8"));
      return isCacheEntry(entry) ? entry : undefined;
    } catch {
      return undefined;
    }
  }

  private entryPath(policy: string): string {
    return join(this.folder, `${digest(resolve(policy))}.json`);
  }

  private key(files: readonly SourceFile[]): string {
    return digest(JSON.stringify([this.compilerFingerprint, files.map((file) => [file.path, file.text])]));
  }
}

/** The shape of an entry; what it holds is trusted once its key matches. */
function isCacheEntry(value: unknown): value is CacheEntry {
  if (typeof value !== "object" || value === null) return false;
  const entry = value as Partial<Record<keyof CacheEntry, unknown>>;
  return typeof entry.key === "string" && typeof entry.program === "object" && entry.program !== null && Array.isArray(entry.diagnostics);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function cacheFolder(): string {
  const base = process.env["XDG_CACHE_HOME"] || join(homedir(), ".cache");
  return join(base, "tiao");
}

/**
 * Identifies the compiler that would compile the policy: the name, size and modification
 * time of each module of the built command (dist/cli/, the bundle of the CLI, the compiler
 * and the parser library). Rebuilding or upgrading changes it, and with it every key.
 */
function compilerFingerprint(): string | undefined {
  try {
    // this module is bundled into dist/cli/, beside every other module of the command
    const folder = fileURLToPath(new URL(".", import.meta.url));
    const modules = readdirSync(folder)
      .filter((name) => name.endsWith(".mjs"))
      .sort()
      .map((name) => join(folder, name));
    // run from elsewhere than the bundle, the compiler's files are unknown: no cache
    if (modules.length === 0) return undefined;
    return digest(
      modules
        .map((path) => {
          const stats = statSync(path);
          return `${path}:${stats.size}:${stats.mtimeMs}`;
        })
        .join("\n"),
    );
  } catch {
    return undefined;
  }
}
