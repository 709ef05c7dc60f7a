/**
 * The emitters take the meaning of the language from the operations table and the runtime's
 * messages, never from the interpreter: the generated code and the interpreter agree because
 * they share one definition, not because one copies the other.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "./compiled.js";

const emitFolder = join(repositoryRoot, "compiler", "emit");

function importsOf(file: string): string[] {
  const text = readFileSync(join(emitFolder, file), "utf8");
  return [...text.matchAll(/^import\s[^;]*?from\s+"([^"]+)";/gms)].map((match) => match[1] ?? "");
}

describe("the emitters", () => {
  const files = readdirSync(emitFolder).filter((name) => name.endsWith(".ts"));

  it("take the operations from the operations table", () => {
    expect(files).toEqual(expect.arrayContaining(["measure.ts", "typescript.ts", "printer.ts", "tree.ts"]));
    expect(files.flatMap(importsOf)).toContain("../operations.js");
  });

  it("never import the interpreter", () => {
    for (const file of files) expect(importsOf(file), file).not.toContain("../interpret.js");
  });
});
