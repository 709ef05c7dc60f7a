import { parseArgs, type ParseArgsConfig } from "node:util";
import { closestName } from "../compiler/check/report.js";
import { UsageError } from "./exit.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

type ParsedValues<T extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>
>["values"];

export interface CommandArgs<T extends OptionsConfig> {
  readonly policy: string;
  readonly values: ParsedValues<T>;
}

/**
 * Parses a command's arguments: exactly one positional (the policy) and the given options.
 * Unknown options and missing values become usage errors in the CLI's own words.
 */
export function parseCommandArgs<T extends OptionsConfig>(args: readonly string[], options: T, usage: string): CommandArgs<T> {
  const parsed = parseOrExplain(args, options, usage);
  const [policy, ...extra] = parsed.positionals;
  if (policy === undefined) {
    throw new UsageError("missing <policy>: a .tiao file or a folder of .tiao files", usage);
  }
  if (extra.length > 0) {
    throw new UsageError(`unexpected argument '${extra[0]}'`, usage);
  }
  return { policy, values: parsed.values };
}

function parseOrExplain<T extends OptionsConfig>(args: readonly string[], options: T, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw describeParseError(error, Object.keys(options), usage);
  }
}

function describeParseError(error: unknown, optionNames: readonly string[], usage: string): UsageError {
  if (!(error instanceof Error)) return new UsageError(String(error), usage);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
    const option = /'([^']+)'/.exec(error.message)?.[1];
    if (option === undefined) return new UsageError("unknown option", usage);
    const closest = closestName(option, [...optionNames.map((name) => `--${name}`), "--help"]);
    const command = /^usage: (tiao \w+)/.exec(usage)?.[1] ?? "tiao";
    const help = closest === undefined ? undefined : `did you mean '${closest}'? ('${command} --help' lists its options)`;
    return new UsageError(`unknown option '${option}'`, usage, help);
  }
  // Node's own message, in the CLI's style: first line, lowercase, no final period.
  const firstLine = (error.message.split("\n")[0] ?? "").replace(/\.$/, "");
  return new UsageError(firstLine.charAt(0).toLowerCase() + firstLine.slice(1), usage);
}
