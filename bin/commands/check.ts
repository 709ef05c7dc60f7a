import { parseCommandArgs } from "../args.js";
import { ExitStatus, type ExitCode } from "../exit.js";
import { compilePolicy } from "../load-program.js";
import { allPolicyFiles, readPolicy } from "../policy-files.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { commandUsage } from "../usage.js";
import { hasErrors, type Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { plural } from "../text.js";

/** `tiao check <policy>`: every problem of the policy, then a summary line. */
export async function check(args: readonly string[]): Promise<ExitCode> {
  const { policy } = parseCommandArgs(args, {}, commandUsage.check);
  const compiled = await compilePolicy(readPolicy(policy));
  printDiagnostics(compiled.diagnostics, allPolicyFiles(compiled.sources));
  process.stderr.write(`${summary(compiled.diagnostics, compiled.sources.files.length)}\n`);
  return hasErrors(compiled.diagnostics) ? ExitStatus.failed : ExitStatus.ok;
}

/** "no problems found in 12 files", "2 errors, 1 warning" */
export function summary(diagnostics: readonly Diagnostic[], fileCount: number): string {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return `no problems found in ${plural(fileCount, "file")}`;
  const parts = [errors > 0 ? plural(errors, "error") : "", warnings > 0 ? plural(warnings, "warning") : ""];
  return parts.filter((part) => part !== "").join(", ");
}
