import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { renderDiagnostics } from "../compiler/diagnostics/render.js";
import type { SourceFile } from "./policy-files.js";

/** Writes diagnostics to stderr as text with code frames from the files they are in. */
export function printDiagnostics(diagnostics: readonly Diagnostic[], files: readonly SourceFile[]): void {
  if (diagnostics.length === 0) return;
  const text = renderDiagnostics(diagnostics, new Map(files.map((file) => [file.path, file.text])));
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}
