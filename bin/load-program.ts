import { hasErrors, type Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import type { ProgramIR } from "../compiler/ir.js";
import { readNoticeFile } from "./notice-file.js";
import { allPolicyFiles, amendedOption, readPolicy, type PolicySources } from "./policy-files.js";
import { printDiagnostics } from "./print-diagnostics.js";
import { ProgramCache, type CacheVersion } from "./program-cache.js";
import { emitGeneratedModule, importGeneratedModule, type GeneratedModule } from "./compiled-policy.js";
import { definedProperties } from "../compiler/defined-properties.js";

export interface CompiledPolicy {
  readonly sources: PolicySources;
  readonly diagnostics: readonly Diagnostic[];
  /** present when the policy has no error */
  readonly program?: ProgramIR;
  /** the text of the notice the header names */
  readonly notice?: string;
  /** whether the quotes were checked against further documents besides the notice */
  readonly readDocuments?: boolean;
}

/**
 * Reads and compiles a policy. The policy's header may name the text of its notice
 * (`notice "notice.txt"`, beside the policy); its quotes are then checked against that text.
 */
export async function compilePolicy(sources: PolicySources): Promise<CompiledPolicy> {
  // Loaded here, not at the top: a program found in the cache needs no parser.
  const { compile } = await import("../compiler/compile.js");
  // the notice, and the further documents the policy cites (`document … { file "…" }`)
  const texts = new Map<string, string>();
  const result = compile(sources.files, {
    readNotice: (fileName) => {
      const read = readNoticeOf(sources, fileName);
      if (typeof read === "string") texts.set(fileName, read);
      return read;
    },
    ...amendedOption(sources),
  });
  const noticeName = result.program?.policy.notice;
  const notice = noticeName === undefined ? undefined : texts.get(noticeName);
  if (noticeName !== undefined) texts.delete(noticeName);
  return { sources, diagnostics: result.diagnostics, ...definedProperties({ program: result.program, notice }), readDocuments: texts.size > 0 };
}

/**
 * Compiles a policy for a command that needs a program (through the cache of compiled
 * programs): prints the diagnostics to stderr (warnings too, unless told not to), and
 * returns the program only when there is no error.
 */
export async function loadProgram(target: string, options: { readonly warnings: boolean }): Promise<ProgramIR | undefined> {
  const compiled = await compileWithCache(target);
  const failed = hasErrors(compiled.diagnostics);
  if (failed || options.warnings) printDiagnostics(compiled.diagnostics, allPolicyFiles(compiled.sources));
  return failed ? undefined : compiled.program;
}

/** The programs loaded through the cache, with where their generated code is kept. */
const cachedPrograms = new WeakMap<ProgramIR, { readonly cache: ProgramCache; readonly target: string; readonly version: CacheVersion }>();

async function compileWithCache(target: string): Promise<CompiledPolicy> {
  const sources = readPolicy(target);
  const cache = ProgramCache.open();
  // An amendment's program depends on the files of the policy it amends too.
  const files = allPolicyFiles(sources);
  const cached = cache?.lookup(target, files, (fileName) => readNoticeOf(sources, fileName));
  if (cache !== undefined && cached !== undefined) {
    cachedPrograms.set(cached.program, { cache, target, version: cached.version });
    return { sources, program: cached.program, diagnostics: cached.diagnostics };
  }
  const compiled = await compilePolicy(sources);
  // The cache knows the notice's text only: a policy that cites further documents is
  // compiled each time, so that a change to one of their texts is checked.
  if (compiled.program !== undefined && compiled.readDocuments !== true) {
    const version = cache?.store(target, files, { program: compiled.program, diagnostics: compiled.diagnostics }, compiled.notice);
    if (cache !== undefined && version !== undefined) cachedPrograms.set(compiled.program, { cache, target, version });
  }
  return compiled;
}

/** A program's generated JavaScript: kept in the cache beside the program, when it came through the cache. */
export async function generatedJavaScript(program: ProgramIR): Promise<string> {
  const place = cachedPrograms.get(program);
  const kept = place?.cache.lookupJavaScript(place.target, place.version);
  if (kept !== undefined) return kept;
  const javascript = await emitGeneratedModule(program);
  place?.cache.storeJavaScript(place.target, place.version, javascript);
  return javascript;
}

/** The notice the header names, from the policy's folder (an amended policy's is read from its own: `amendedOption`). */
export function readNoticeOf(sources: PolicySources, fileName: string): ReturnType<typeof readNoticeFile> {
  return readNoticeFile(sources.folder, fileName);
}

/** The policy's compiled evaluator (bin/compiled-policy.ts): its generated JavaScript, imported. */
export async function compiledEvaluator(program: ProgramIR): Promise<GeneratedModule> {
  return importGeneratedModule(await generatedJavaScript(program));
}
