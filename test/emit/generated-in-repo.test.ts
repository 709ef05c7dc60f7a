/**
 * The generated TypeScript of every policy of the repository is kept beside it, in
 * `<policy>/generated/<name>.ts`, for developers who integrate the rules (and as the
 * golden file of the emitter: `tsc -p tsconfig.json` in `npm test` type-checks it, and
 * `examples/` imports the Lanzhou one). This test regenerates each and compares.
 * After a deliberate change to the emitter or a policy, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run test/emit/generated-in-repo.test.ts` and review the diff.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import { emitTypeScript } from "../../compiler/emit/typescript.js";
import { repositoryRoot } from "./compiled.js";

const update = process.env["UPDATE_GOLDEN"] === "1";

function policyFolders(): string[] {
  const examples = join("policies", "examples");
  const exampleFolders = readdirSync(join(repositoryRoot, examples), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(examples, entry.name))
    .sort();
  return [join("policies", "lanzhou-2021-289"), ...exampleFolders];
}

describe.each(policyFolders())("%s", (folder) => {
  it("keeps its generated TypeScript up to date in generated/", async () => {
    // repository-relative paths (vitest runs from the repository's root): they are written into the code
    const compiled = await compilePolicy(readPolicy(folder));
    const program = compiled.program;
    if (program === undefined) throw new Error(`${folder} does not compile`);
    const generatedFolder = join(repositoryRoot, folder, "generated");
    // as `tiao compile` writes it; in the repository, the package's name refers to itself
    const generated = emitTypeScript(program, { runtimeImport: "tiao/runtime" });
    const file = join(generatedFolder, `${program.policy.name}.ts`);
    if (update) {
      mkdirSync(generatedFolder, { recursive: true });
      writeFileSync(file, generated);
    }
    expect(existsSync(file), `${relative(repositoryRoot, file)} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
    expect(generated).toBe(readFileSync(file, "utf8"));
  });
});
