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
 *
 * An entry is a line of JSON (its key, the digest of its notice and the digest of the rest)
 * and the program as JSON. What is read is used only when its digest is that of what was
 * written: a file edited, truncated or mixed with another is compiled afresh, never trusted.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { NoticeText } from "../compiler/compile.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { ProgramIR } from "../compiler/ir.js";
import { makeFolder, type SourceFile } from "./policy-files.js";

export interface CachedProgram {
  readonly program: ProgramIR;
  /** the warnings the program was compiled with */
  readonly diagnostics: readonly Diagnostic[];
}

/** Which entry of the cache a program is: the digest of what was written, which the program's generated code is kept under. */
export type CacheVersion = string;

/** The first line of an entry. */
interface EntryHeader {
  /** digest of the compiler and the policy's files */
  readonly key: string;
  /** digest of the notice's text, when the policy names one */
  readonly noticeDigest?: string;
  /** digest of the key, the notice's digest and the rest of the file: what was written */
  readonly contentDigest: string;
}

interface CacheEntry extends CachedProgram, Pick<EntryHeader, "key" | "noticeDigest"> {
  readonly version: CacheVersion;
}

export class ProgramCache {
  private constructor(
    private readonly folder: string,
    private readonly compilerFingerprint: string,
  ) {}

  /** The cache, unless turned off, without a home, or the compiler's files cannot be found. */
  static open(): ProgramCache | undefined {
    if (process.env["TIAO_CACHE"] === "off") return undefined;
    const folder = cacheFolder();
    const fingerprint = compilerFingerprint();
    return folder === undefined || fingerprint === undefined ? undefined : new ProgramCache(folder, fingerprint);
  }

  /**
   * The program of `files` compiled earlier, if the notice it named still has the same text
   * (`readNotice` reads it by its file name).
   */
  lookup(policy: string, files: readonly SourceFile[], readNotice: (fileName: string) => NoticeText): (CachedProgram & { readonly version: CacheVersion }) | undefined {
    const entry = this.readEntry(policy);
    if (entry === undefined || entry.key !== this.key(files)) return undefined;
    const noticeName = entry.program.policy.notice;
    if (noticeName !== undefined) {
      // a notice that can no longer be read is reported by compiling
      const notice = readNotice(noticeName);
      if (typeof notice !== "string" || entry.noticeDigest !== digest(notice)) return undefined;
    }
    return { program: entry.program, diagnostics: entry.diagnostics, version: entry.version };
  }

  /** Stores a program; the version it is stored as, unless it could not be written. */
  store(policy: string, files: readonly SourceFile[], compiled: CachedProgram, notice: string | undefined): CacheVersion | undefined {
    const key = this.key(files);
    const noticeDigest = notice === undefined ? undefined : digest(notice);
    const content = JSON.stringify({ program: compiled.program, diagnostics: compiled.diagnostics });
    // JSON leaves out a notice digest that is undefined
    const header: EntryHeader = { key, noticeDigest, contentDigest: contentDigest(key, noticeDigest, content) };
    const path = this.entryPath(policy);
    const partial = `${path}.${process.pid}.partial`;
    try {
      makeFolder(this.folder);
      // Written aside and renamed, so that a concurrent reader never sees half an entry.
      writeFileSync(partial, `${JSON.stringify(header)}\n${content}`);
      renameSync(partial, path);
      return header.contentDigest;
    } catch {
      // A cache that cannot be written only costs the next command a compilation.
      return undefined;
    }
  }

  /**
   * The generated JavaScript of the program stored as `version`, kept beside it: the first
   * line is the digest of the version and the code, so that code of another version, or
   * edited, or cut short, is emitted afresh.
   */
  lookupJavaScript(policy: string, version: CacheVersion): string | undefined {
    try {
      const text = readFileSync(this.javascriptPath(policy), "utf8");
      const newline = text.indexOf("\n");
      const javascript = text.slice(newline + 1);
      return newline !== -1 && text.slice(0, newline) === digest(`${version}\n${javascript}`) ? javascript : undefined;
    } catch {
      return undefined;
    }
  }

  storeJavaScript(policy: string, version: CacheVersion, javascript: string): void {
    const path = this.javascriptPath(policy);
    const partial = `${path}.${process.pid}.partial`;
    try {
      writeFileSync(partial, `${digest(`${version}\n${javascript}`)}\n${javascript}`);
      renameSync(partial, path);
    } catch {
      // emitted again next time
    }
  }

  private javascriptPath(policy: string): string {
    return join(this.folder, `${digest(resolve(policy))}.js`);
  }

  private readEntry(policy: string): CacheEntry | undefined {
    try {
      const text = readFileSync(this.entryPath(policy), "utf8");
      const newline = text.indexOf("\n");
      if (newline === -1) return undefined;
      const header: unknown = JSON.parse(text.slice(0, newline));
      const content = text.slice(newline + 1);
      if (!isEntryHeader(header) || header.contentDigest !== contentDigest(header.key, header.noticeDigest, content)) return undefined;
      const compiled: unknown = JSON.parse(content);
      if (!isCachedProgram(compiled)) return undefined;
      return { key: header.key, ...(header.noticeDigest === undefined ? {} : { noticeDigest: header.noticeDigest }), version: header.contentDigest, ...compiled };
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

function contentDigest(key: string, noticeDigest: string | undefined, content: string): string {
  return digest(`${key}\n${noticeDigest ?? ""}\n${content}`);
}

function isEntryHeader(value: unknown): value is EntryHeader {
  if (!isObject(value)) return false;
  const { key, noticeDigest, contentDigest } = value;
  return typeof key === "string" && typeof contentDigest === "string" && (noticeDigest === undefined || typeof noticeDigest === "string");
}

/**
 * The outline of a program and its warnings. The digest already tells an entry that is not
 * what was written; this tells one written by another version of the format.
 */
function isCachedProgram(value: unknown): value is CachedProgram {
  if (!isObject(value) || !Array.isArray(value["diagnostics"])) return false;
  const program = value["program"];
  if (!isObject(program) || !isObject(program["policy"]) || !isObject(program["schema"])) return false;
  const { policy, schema, parameters, measures } = program;
  return (
    typeof policy["name"] === "string" &&
    ["enums", "records", "parameters"].every((list) => Array.isArray(schema[list])) &&
    Array.isArray(parameters) &&
    Array.isArray(measures) &&
    measures.every((measure) => isObject(measure) && typeof measure["name"] === "string" && Array.isArray(measure["outputs"]))
  );
}

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * `$XDG_CACHE_HOME/tiao`, or `~/.cache/tiao`. As the XDG Base Directory specification
 * says, a relative `XDG_CACHE_HOME` is ignored (it would put a cache in whatever folder
 * the command is run from); without an absolute home there is no cache.
 */
function cacheFolder(): string | undefined {
  const configured = process.env["XDG_CACHE_HOME"];
  if (configured !== undefined && isAbsolute(configured)) return join(configured, "tiao");
  const home = homedir();
  return isAbsolute(home) ? join(home, ".cache", "tiao") : undefined;
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
