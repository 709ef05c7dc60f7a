/**
 * The `tiao` command: dispatches to one command module, loaded on demand so that
 * start-up only pays for what the command uses.
 */
import { readFileSync } from "node:fs";
import { CliError, ExitStatus, UsageError, type ExitCode } from "./exit.js";
import { printable } from "../compiler/diagnostics/printable.js";
import { describeFileError } from "./policy-files.js";
import { commandUsage, isCommandName, mainUsage, type CommandName } from "./usage.js";

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
  if (first === "--help" || first === "-h" || first === "help") return printHelp(mainUsage);
  if (first === "--version" || first === "-v") return printVersion();
  if (!isCommandName(first)) {
    const what = first.startsWith("-") ? "option" : "command";
    throw new UsageError(`unknown ${what} '${first}'`, mainUsage);
  }
  if (rest.includes("--help") || rest.includes("-h")) return printHelp(commandUsage[first]);
  const command = await commands[first]();
  return command(rest);
}

function printHelp(text: string): ExitCode {
  process.stdout.write(`${text}\n`);
  return ExitStatus.ok;
}

function printVersion(): ExitCode {
  // dist/cli/tiao.mjs → package.json at the package root
  const manifest: unknown = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
  const version = typeof manifest === "object" && manifest !== null && "version" in manifest ? manifest.version : undefined;
  process.stdout.write(`tiao ${String(version)}\n`);
  return ExitStatus.ok;
}

function reportError(error: unknown): ExitCode {
  // Messages quote paths and arguments as given, which may hold any character.
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${printable(error.message)}\n\n${error.usage}\n`);
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
