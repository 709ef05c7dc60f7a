/**
 * The `tiao` command: dispatches to one command module, loaded on demand so that
 * start-up only pays for what the command uses.
 */
import { readFileSync } from "node:fs";
import { closestName } from "../compiler/check/report.js";
import { languageVersion } from "../compiler/language.js";
import { CliError, ExitStatus, UsageError, type ExitCode } from "./exit.js";
import { printable } from "../compiler/diagnostics/printable.js";
import { describeFileError } from "./policy-files.js";
import { commandNames, commandUsage, isCommandName, mainUsage, type CommandName } from "./usage.js";

type Command = (args: readonly string[]) => Promise<ExitCode>;

const commands: Readonly<Record<CommandName, () => Promise<Command>>> = {
  check: async () => (await import("./commands/check.js")).check,
  compile: async () => (await import("./commands/compile.js")).compileCommand,
  run: async () => (await import("./commands/run.js")).run,
  explain: async () => (await import("./commands/explain.js")).explain,
  test: async () => (await import("./commands/test.js")).test,
  fmt: async () => (await import("./commands/fmt.js")).fmt,
  lsp: async () => (await import("./commands/lsp.js")).lsp,
};

/** Runs the command line `args` (without `node` and the script) and returns the exit status. */
export async function main(args: readonly string[]): Promise<ExitCode> {
  // A reader that stops early (`tiao run … | head`) closes the pipe: that is not a failure.
  // Any other failure to write (`> /dev/full`, a full disk) ends the command at once, since
  // its output is incomplete.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(ExitStatus.ok);
    process.stderr.write(`error: cannot write to standard output: ${describeFileError(error)}\n`);
    process.exit(ExitStatus.outputError);
  });
  try {
    return await dispatch(args);
  } catch (error) {
    return reportError(error);
  }
}

async function dispatch(args: readonly string[]): Promise<ExitCode> {
  const [first, ...rest] = args;
  if (first === undefined) throw new UsageError("missing command", mainUsage);
  if (first === "--help" || first === "-h") return printHelp(mainUsage);
  if (first === "help") return printHelp(rest[0] === undefined ? mainUsage : commandUsage[knownCommand(rest[0])]);
  if (first === "--version" || first === "-v") return printVersion();
  if (first.startsWith("-")) throw unknownName("option", first, ["--help", "--version"]);
  const command = knownCommand(first);
  if (rest.includes("--help") || rest.includes("-h")) return printHelp(commandUsage[command]);
  return (await commands[command]())(rest);
}

function knownCommand(name: string): CommandName {
  if (isCommandName(name)) return name;
  throw unknownName("command", name, commandNames);
}

/** An unknown command or top-level option, with the likely one when there is one. */
function unknownName(what: "command" | "option", name: string, known: readonly string[]): UsageError {
  const closest = closestName(name, known);
  const help = closest === undefined ? undefined : `did you mean '${closest}'? ('tiao --help' lists the commands)`;
  return new UsageError(`unknown ${what} '${name}'`, mainUsage, help);
}

function printHelp(text: string): ExitCode {
  process.stdout.write(`${text}\n`);
  return ExitStatus.ok;
}

function printVersion(): ExitCode {
  // dist/cli/tiao.mjs → package.json at the package root
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = typeof manifest === "object" && manifest !== null && "version" in manifest ? manifest.version : undefined;
  process.stdout.write(`tiao ${String(version)} (language ${languageVersion})\n`);
  return ExitStatus.ok;
}

function reportError(error: unknown): ExitCode {
  // Messages quote paths and arguments as given, which may hold any character.
  if (error instanceof UsageError) {
    const after = error.help === undefined ? `
${error.usage}` : `  = help: ${printable(error.help)}`;
    process.stderr.write(`error: ${printable(error.message)}
${after}
`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    process.stderr.write(`error: ${printable(error.message)}\n`);
    return error.exitCode;
  }
  // Anything else is a bug in tiao: say so plainly, without a stack trace.
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`internal error: ${printable(message)}\nplease report this as a bug in tiao\n`);
  return ExitStatus.internalError;
}
