/**
 * No name generated code exports shadows a global of JavaScript or TypeScript: an
 * application that imports `Date`, `Event` or `Parameters` from a policy's module would
 * lose the global in that file. Policies whose enums, records, entities, parameters and
 * measures are named after globals get other names, and still type-check.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { emitJavaScript } from "../../compiler/emit/typescript.js";
import { GLOBAL_NAMES, pascalCase } from "../../compiler/emit/names.js";
import { keywords } from "../../grammar/tokens.js";
import { repositoryRoot, scratchFolder, typeCheck, writeGenerated } from "./compiled.js";

const globals = new Set(GLOBAL_NAMES);

/** The names a module's declarations export. */
function exportedNames(declarations: string): string[] {
  return [...declarations.matchAll(/^export (?:declare )?(?:function|const|interface|type) ([\w$]+)/gm)].map((match) => match[1] ?? "");
}

/** Globals a policy's name can become (generated types are in PascalCase: `event` → `Event`), tiao's keywords aside. */
const tiaoKeywords = new Set(keywords);
const reachable = GLOBAL_NAMES.filter((name) => pascalCase(name.toLowerCase()) === name && !tiaoKeywords.has(name.toLowerCase()));

function policyNamedAfter(names: readonly string[]): ProgramIR {
  const snake = names.map((name) => name.toLowerCase());
  const [enumName = "node", recordName = "map", entityName = "event", parameterName = "range", measureName = "promise"] = snake;
  const text = `policy globals { title "T" document "D" issuer "I" issued 2021-11-05 version "1" }
enum ${enumName} { first second }
record ${recordName} { weight: integer }
entity ${entityName} { kind: ${enumName}  items: list of ${recordName} }
parameter ${parameterName}: integer { value 3 from 2020-01-01 source "S" }

measure ${measureName} {
  cites §1 "Q"
  output heavy: integer = count(x in ${entityName}.items where x.weight > ${parameterName})
    cites §1 "Q"
  output kind: ${enumName} = ${entityName}.kind
    cites §1 "Q"
}
`;
  const result = compile([{ path: "globals.tiao", text }]);
  if (result.program === undefined) throw new Error(result.diagnostics.map((d) => d.message).join("\n"));
  return result.program;
}

describe("exported names of generated code", () => {
  it("are kept clear of every global of Node's globalThis", () => {
    const nodeGlobals = Object.getOwnPropertyNames(globalThis).filter((name) => /^[A-Z]/.test(name));
    expect(nodeGlobals.filter((name) => !globals.has(name))).toEqual([]);
  });

  it("shadow no global in the policies of the repository", async () => {
    const folders = [join("policies", "lanzhou-2021-289"), ...readdirSync(join(repositoryRoot, "policies", "examples")).map((name) => join("policies", "examples", name))];
    for (const folder of folders) {
      const { program } = await compilePolicy(readPolicy(folder));
      if (program === undefined) throw new Error(`${folder} does not compile`);
      const names = exportedNames(emitJavaScript(program, { runtimeImport: "tiao/runtime" }).dts);
      expect(names.length, folder).toBeGreaterThan(10);
      expect(names.filter((name) => globals.has(name)), folder).toEqual([]);
    }
  });

  it("shadow no global when the policy's own names are those of globals, and the code type-checks", async () => {
    expect(reachable).toEqual(expect.arrayContaining(["Map", "Event", "Promise", "Parameters", "Node", "Headers", "Response"]));
    const folder = scratchFolder("globals");
    const groups: string[][] = [];
    for (let i = 0; i < reachable.length; i += 5) groups.push(reachable.slice(i, i + 5));
    const programs = groups.map(policyNamedAfter);
    for (const program of programs) {
      const names = exportedNames(emitJavaScript(program, { runtimeImport: "tiao/runtime" }).dts);
      expect(names.filter((name) => globals.has(name))).toEqual([]);
    }
    programs.forEach((program, index) => writeGenerated(folder, program, `globals${index}-`));
    expect(await typeCheck(folder)).toBe("");
  });
});
