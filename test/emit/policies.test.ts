/**
 * Every policy of the repository (the Lanzhou notice and each example) through both back
 * ends: its generated TypeScript type-checks, its generated JavaScript agrees with the
 * interpreter on random scenarios, and both give the outputs its acceptance cases expect.
 */
import { amendedPolicyOf } from "../examples/load.js";
import { readdirSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { readTestFile } from "../../bin/test-file.js";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { readScenario } from "../../runtime/index.js";
import { checkAgreement, compiledOutcomes, interpreterOutcomes, type MeasureOutcome } from "./agreement.js";
import { importCompiled, repositoryRoot, scratchFolder, typeCheck, writeGenerated } from "./compiled.js";

function policyTargets(): string[] {
  const examples = join(repositoryRoot, "policies", "examples");
  const entries = readdirSync(examples, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() || entry.name.endsWith(".tiao"))
    .map((entry) => join("policies", "examples", entry.name));
  return [join("policies", "lanzhou-2021-289"), ...entries.sort()];
}

/** Compiles a policy folder or file, with the notice its header names (checked as the CLI does). */
function programOf(target: string): ProgramIR {
  const path = join(repositoryRoot, target);
  const folder = target.endsWith(".tiao") ? dirname(path) : path;
  const names = target.endsWith(".tiao") ? [basename(path)] : readdirSync(path).filter((name) => name.endsWith(".tiao")).sort();
  const sources = names.map((name) => ({ path: join(target.endsWith(".tiao") ? dirname(target) : target, name), text: readFileSync(join(folder, name), "utf8") }));
  const amended = target.endsWith(".tiao") ? undefined : amendedPolicyOf(target, sources);
  const withAmended = amended === undefined ? {} : { amended };
  const first = compile(sources, withAmended);
  const notice = first.program?.policy.notice;
  const result = notice === undefined ? first : compile(sources, { notice: readFileSync(join(folder, notice), "utf8"), ...withAmended });
  if (result.program === undefined) {
    throw new Error(`${target} does not compile:\n${result.diagnostics.map((d) => `${d.span.file}:${d.span.line} ${d.message}`).join("\n")}`);
  }
  return result.program;
}

function testFiles(target: string): string[] {
  const folder = join(repositoryRoot, target, "tests");
  try {
    return readdirSync(folder).filter((name) => name.endsWith(".json")).sort().map((name) => join(folder, name));
  } catch {
    return [];
  }
}

function scratchName(target: string): string {
  return target.replace(/[^A-Za-z0-9]+/g, "-");
}

describe.each(policyTargets())("%s", (target) => {
  const program = programOf(target);

  it("has generated TypeScript that type-checks with --strict", async () => {
    const folder = scratchFolder(`${scratchName(target)}-types`);
    writeGenerated(folder, program);
    expect(await typeCheck(folder)).toBe("");
  });

  it("has generated code that agrees with the interpreter on random scenarios", async () => {
    await checkAgreement(program, { name: `${scratchName(target)}-agreement`, runs: 500 });
  });

  it("gives the outputs its acceptance cases expect, in the interpreter and in generated code", async () => {
    const compiled = await importCompiled(writeGenerated(scratchFolder(`${scratchName(target)}-cases`), program).javascript);
    for (const file of testFiles(target)) {
      const read = readTestFile(readFileSync(file, "utf8"), program);
      if (!read.ok) throw new Error(`${file}: ${JSON.stringify(read.problems)}`);
      const { test } = read;
      const scenario = readScenario(test.scenarioText, program.schema);
      if (!scenario.ok) {
        // Bad input: the CLI's concern; the case must say so.
        expect(test.expectation, file).toMatchObject({ kind: "error", exit: 2 });
        continue;
      }
      const fromInterpreter = interpreterOutcomes(program, scenario.scenario);
      const fromCode = compiledOutcomes(program, compiled, scenario.scenario);
      expect(JSON.parse(JSON.stringify(fromCode)), file).toEqual(JSON.parse(JSON.stringify(fromInterpreter)));
      const asked = test.measures ?? program.measures.map((m) => m.name);
      const outcomes = asked.map((measure) => [measure, fromInterpreter[measure]] as const);
      if (test.expectation.kind === "error") {
        if (test.expectation.exit === 2) {
          expect(outcomes.some(([, outcome]) => outcome !== undefined && "skipped" in outcome), file).toBe(true);
        } else {
          expect(outcomes.some(([, outcome]) => outcome !== undefined && "error" in outcome), file).toBe(true);
        }
        continue;
      }
      for (const [measure, expected] of test.expectation.outputs) {
        const outcome: MeasureOutcome | undefined = fromInterpreter[measure];
        expect(outcome !== undefined && "outputs" in outcome ? outcome.outputs : outcome, `${file} ${measure}`).toMatchObject(Object.fromEntries(expected));
      }
    }
  });
});
