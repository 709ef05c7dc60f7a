/**
 * The Node-only part of the library API, `import { loadPolicy } from "tiao/node"`: reading a
 * policy from disk as the `tiao` command does. Everything else is in "tiao", which runs in
 * browsers too.
 */
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { renderDiagnostics } from "../compiler/diagnostics/render.js";
import type { ProgramIR } from "../compiler/ir.js";
import { compilePolicy } from "../bin/load-program.js";
import { readPolicy, type SourceFile } from "../bin/policy-files.js";

export interface LoadedPolicy {
  /** the folder holding the policy (its notice and tests/): the folder given, or the folder of the file given */
  readonly folder: string;
  /** the policy's .tiao files, in the order they are compiled */
  readonly files: readonly SourceFile[];
  /** errors and warnings, sorted by file, line and column */
  readonly diagnostics: readonly Diagnostic[];
  /** present when the policy has no error */
  readonly program?: ProgramIR;
}

/**
 * Reads and compiles a policy given as a `.tiao` file or a folder of them (not recursive),
 * checking its quotes against the notice its header names, as `tiao check` does. A missing
 * or unreadable file throws an Error whose message names it.
 */
export async function loadPolicy(target: string): Promise<LoadedPolicy> {
  const { sources, diagnostics, program } = await compilePolicy(readPolicy(target));
  return { folder: sources.folder, files: sources.files, diagnostics, ...(program === undefined ? {} : { program }) };
}

/** The policy's diagnostics as `tiao check` prints them, with code frames; empty when there are none. */
export function diagnosticsText(policy: LoadedPolicy): string {
  return renderDiagnostics(policy.diagnostics, new Map(policy.files.map((file) => [file.path, file.text])));
}

export type { SourceFile };
