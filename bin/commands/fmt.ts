import { writeFileSync } from "node:fs";
import { formatSource } from "../../compiler/format/format.js";
import { parseCommandArgs } from "../args.js";
import { CliError, ExitStatus, type ExitCode } from "../exit.js";
import { describeFileError, readPolicy } from "../policy-files.js";
import { printDiagnostics } from "../print-diagnostics.js";
import { plural } from "../text.js";
import { commandUsage } from "../usage.js";

const options = { check: { type: "boolean" } } as const;

/**
 * `tiao fmt <policy> [--check]`: rewrites each file not in canonical form and lists it on
 * stdout; with --check, only lists them. A file that cannot be parsed is left as it is.
 */
export async function fmt(args: readonly string[]): Promise<ExitCode> {
  const { policy, values } = parseCommandArgs(args, options, commandUsage.fmt);
  const checkOnly = values.check === true;
  const { files } = readPolicy(policy);
  let unparsable = false;
  let unformatted = 0;
  for (const file of files) {
    const result = formatSource(file.path, file.text);
    if (result.kind === "unparsable") {
      unparsable = true;
      printDiagnostics(result.diagnostics, [file]);
      continue;
    }
    if (result.text === file.text) continue;
    unformatted++;
    if (!checkOnly) write(file.path, result.text);
    process.stdout.write(`${file.path}\n`);
  }
  if (unparsable) return ExitStatus.failed;
  if (!checkOnly || unformatted === 0) return ExitStatus.ok;
  process.stderr.write(`${plural(unformatted, "file")} not in canonical form: run \`tiao fmt ${policy}\` to rewrite them\n`);
  return ExitStatus.failed;
}

function write(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (error) {
    throw new CliError(`cannot write '${path}': ${describeFileError(error)}`, ExitStatus.outputError);
  }
}
