/**
 * One side of `tiao diff`: a policy on disk (a .tiao file or a folder), or a policy in the
 * history of a git repository, `git:<rev>:<path>`, read with `git ls-tree` and `git show`
 * without checking anything out.
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { isAbsolute, join, posix } from "node:path";
import type { NoticeText } from "../compiler/compile.js";
import { CliError } from "./exit.js";
import { allPolicyFiles, amendedOption, amendedPathOf, naturalOrder, pathKind, policyFolder, readPolicy, readText, type SourceFile } from "./policy-files.js";
import { readNoticeOf } from "./load-program.js";

export interface PolicySide {
  /** as given on the command line */
  readonly label: string;
  readonly files: readonly SourceFile[];
  /** for an amendment (on disk or in git): the policy it amends (the compile option), and every file diagnostics may point into */
  readonly amended?: ReturnType<typeof amendedOption>["amended"];
  readonly allFiles?: readonly SourceFile[];
  /** a file beside the policy (its tests), by path relative to the policy's folder; undefined when there is none */
  readonly readBeside: (relativePath: string) => string | undefined;
  /** the notice the policy's header names, read as `tiao check` reads it: only from inside the policy's folder */
  readonly readNotice: (fileName: string) => NoticeText;
  /** the names of the files of a folder beside the policy (`tests`), sorted; empty when there is none */
  readonly listBeside: (relativeFolder: string) => readonly string[];
}

export function readPolicySide(argument: string): PolicySide {
  return argument.startsWith("git:") ? readGitSide(argument) : readDiskSide(argument);
}

function readDiskSide(target: string): PolicySide {
  const sources = readPolicy(target);
  const folder = policyFolder(target);
  return {
    label: target,
    files: sources.files,
    ...amendedOption(sources),
    allFiles: allPolicyFiles(sources),
    readBeside: (path) => (pathKind(join(folder, path)) === "file" ? readText(join(folder, path), "file") : undefined),
    readNotice: (fileName) => readNoticeOf(sources, fileName),
    listBeside: (path) => (pathKind(join(folder, path)) === "folder" ? readdirSync(join(folder, path)).sort() : []),
  };
}

function readGitSide(argument: string): PolicySide {
  const match = /^git:([^:]+):(.+)$/u.exec(argument);
  if (match === null) throw new CliError(`'${argument}' is not a policy in git: write git:<rev>:<path>, e.g. git:HEAD~1:policies/lanzhou-2021-289`);
  const [, rev = "", rawPath = ""] = match;
  const path = rawPath.replace(/\/+$/u, "");
  // `./` makes the path relative to the current folder, as on disk, not to the repository's root.
  const object = (relative: string) => `${rev}:./${relative}`;
  const kind = git(["cat-file", "-t", object(path)], argument);
  const show = (relative: string) => git(["show", object(relative)], argument);
  const optionalShow = (relative: string) => (gitSucceeds(["cat-file", "-e", object(relative)]) ? show(relative) : undefined);
  const list = (folder: string): string[] =>
    gitSucceeds(["cat-file", "-e", object(folder)]) ? git(["ls-tree", "--name-only", "-z", `${rev}`, "--", `${folder}/`], argument).split("\0").filter((name) => name !== "").map((name) => name.slice(name.lastIndexOf("/") + 1)).sort() : [];
  if (kind.trim() === "blob") {
    const folder = path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".";
    return {
      label: argument,
      files: [{ path: `git:${rev}:${path}`, text: show(path) }],
      readBeside: (relative) => optionalShow(`${folder}/${relative}`),
      readNotice: (fileName) => gitNotice(fileName, (name) => optionalShow(`${folder}/${name}`)),
      listBeside: (relative) => list(`${folder}/${relative}`),
    };
  }
  const filesOf = (folder: string): SourceFile[] =>
    list(folder)
      .filter((name) => name.endsWith(".tiao"))
      .sort(naturalOrder)
      .map((name) => ({ path: `git:${rev}:${folder}/${name}`, text: show(`${folder}/${name}`) }));
  const files = filesOf(path);
  if (files.length === 0) throw new CliError(`no .tiao files in '${argument}'`);
  // An amendment in the history: the policy it amends is read from the same revision.
  const amends = amendedPathOf(files);
  const baseFolder = amends === undefined ? undefined : posix.normalize(posix.join(path, amends));
  const baseFiles = baseFolder === undefined || baseFolder.startsWith("../") || isAbsolute(amends ?? "") ? [] : filesOf(baseFolder);
  const amended =
    amends === undefined
      ? {}
      : baseFiles.length === 0
        ? { amended: { refused: `there is no policy at ${JSON.stringify(amends)} in ${rev}`, help: "give the path of the policy it amends from this policy's folder, as it is in that revision" } }
        : { amended: { files: baseFiles, readNotice: (fileName: string) => gitNotice(fileName, (name) => optionalShow(`${baseFolder}/${name}`)) }, allFiles: [...baseFiles, ...files] };
  return {
    label: argument,
    files,
    ...amended,
    readBeside: (relative) => optionalShow(`${path}/${relative}`),
    readNotice: (fileName) => gitNotice(fileName, (name) => optionalShow(`${path}/${name}`)),
    listBeside: (relative) => list(`${path}/${relative}`),
  };
}

/** A notice from the history, under the rule for notices on disk: named by a path inside the policy's folder. */
function gitNotice(fileName: string, show: (name: string) => string | undefined): NoticeText {
  const help = `put the notice's text in a file inside the policy's folder and name it by its path from there, such as \`notice "notice.txt"\``;
  const parts = fileName.split(/[\\/]/u);
  if (fileName === "" || isAbsolute(fileName) || parts.includes("..")) return { refused: "a notice is named by its path from the policy's folder", help };
  const text = show(parts.filter((part) => part !== "." && part !== "").join("/"));
  return text === undefined ? { refused: "no such file in that revision", help } : text;
}

function git(args: readonly string[], argument: string): string {
  try {
    return execFileSync("git", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim().split("\n")[0];
    throw new CliError(`cannot read '${argument}' from git: ${stderr === undefined || stderr === "" ? String(error) : stderr}`);
  }
}

function gitSucceeds(args: readonly string[]): boolean {
  try {
    execFileSync("git", args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
