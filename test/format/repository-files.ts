/** Every .tiao file of the repository (policies, examples, test fixtures), with its text. */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../..", import.meta.url));

const skippedFolders = new Set(["node_modules", "dist", ".git", ".tmp"]);

function tiaoFilesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return skippedFolders.has(entry.name) ? [] : tiaoFilesUnder(path);
    return entry.name.endsWith(".tiao") ? [path] : [];
  });
}

export interface SourceFile {
  /** relative to the repository root, with `/` */
  readonly path: string;
  readonly text: string;
}

export function repositoryTiaoFiles(under = ""): SourceFile[] {
  return tiaoFilesUnder(join(repositoryRoot, under))
    .sort()
    .map((path) => ({ path: relative(repositoryRoot, path).split("\\").join("/"), text: readFileSync(path, "utf8") }));
}
