/**
 * Whatever passes `check` compiles and evaluates: random well-typed policies
 * (test/fuzz/policy-generator.ts: every construct, hostile names and texts) pass `check`,
 * have generated code of every target, format to a text that means the same (the same IR
 * without spans) and formats to itself; their generated code evaluates random scenarios as
 * the interpreter does, runs none of the code their texts try to inject, and their
 * generated TypeScript, with the declarations of their JavaScript, passes `tsc --strict`.
 *
 * tsc runs once for all the policies of a part (a project of thousands of modules checks in
 * seconds, one run per policy would take hours); an error names the seed of its policy.
 * The property's cases are split into parts, one test file each (well-typed-1.test.ts …),
 * that vitest's workers run side by side; each part draws its own policies.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, emitJavaScript, emitJsonSchema, emitTypeScript, evaluateScenario, renderDiagnostics, type ProgramIR } from "../../compiler/index.js";
import { repositoryRoot, typeCheck } from "../emit/compiled.js";
import { fuzzParameters, testTime } from "./budget.js";
import { jsonCorpus, policyCorpus } from "./corpus.js";
import { expectIdempotentFormat, meaningOf } from "./front-end.js";
import { printedOutcome } from "./outcome.js";
import { injectionMarker, wellTypedPolicy } from "./policy-generator.js";
import { scenarioJsonArbitrary } from "./scenario-json.js";

const path = "generated.tiao";

/** The property's cases in `npm test`, split over the parts. */
export const wellTypedCases = 10_000;

/** Random scenarios each policy is evaluated on, by the interpreter and by its generated code. */
const scenariosPerPolicy = 4;

/**
 * The folder every policy's generated code is written to, for one run of tsc over them all.
 * Under .tmp/native/, its JavaScript runs under Node's own loader with the built runtime
 * (vitest.config.ts): a transform per module would cost more than the rest of the test.
 */
function partFolder(part: number): string {
  const folder = join(repositoryRoot, ".tmp", "native", `fuzz-well-typed-${part}`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  return folder;
}

/** Where a part writes its policies' code, and what it wrote. */
interface Part {
  readonly folder: string;
  /** Generated TypeScript imports the runtime's sources (for tsc), generated JavaScript the built runtime (to run). */
  readonly runtimeImports: { readonly typescript: string; readonly javascript: string };
  /** The policies written to `folder`, by the prefix of their files: their text, to show with an error. */
  readonly written: Map<string, string>;
}

/** A policy's text, checked: it must have no error. */
function checked(name: string, text: string): ProgramIR {
  const { program, diagnostics } = compile([{ path, text }]);
  if (program === undefined) throw new Error(`policy ${name} does not pass check:\n${renderDiagnostics(diagnostics, new Map([[path, text]]))}\n--- policy\n${text}`);
  return program;
}

/** The `evaluateJson` of a program's generated JavaScript, written beside its TypeScript for tsc. */
async function generatedEvaluateJson(part: Part, name: string, text: string, program: ProgramIR): Promise<(scenario: string) => unknown> {
  const { folder, runtimeImports, written } = part;
  const prefix = `${name}-`;
  written.set(prefix, text);
  writeFileSync(join(folder, `${prefix}policy.ts`), emitTypeScript(program, { runtimeImport: runtimeImports.typescript }));
  const { js, dts } = emitJavaScript(program, { runtimeImport: runtimeImports.javascript });
  const javascript = join(folder, `${prefix}compiled.js`);
  writeFileSync(javascript, js);
  writeFileSync(join(folder, `${prefix}compiled.d.ts`), dts);
  const module: unknown = await import(pathToFileURL(javascript).href);
  const evaluateJson = typeof module === "object" && module !== null && "evaluateJson" in module ? module.evaluateJson : undefined;
  if (typeof evaluateJson !== "function") throw new Error(`the generated code of ${name} exports no evaluateJson`);
  return (scenario) => evaluateJson(scenario) as unknown;
}

/** Everything the property asks of one policy, and the interpreter = generated code on its scenarios. */
async function expectWellTyped(part: Part, name: string, text: string, scenarios: readonly string[], randomSeed: number): Promise<void> {
  const program = checked(name, text);
  // TypeScript, JavaScript and declarations are written (and imported, type-checked) below.
  expect(JSON.stringify(emitJsonSchema(program)).length).toBeGreaterThan(0);
  const formatted = expectIdempotentFormat({ path, text });
  expect(formatted, "a policy that checks parses").toBeDefined();
  const again = compile([{ path, text: formatted ?? "" }]);
  expect(again.program === undefined ? again.diagnostics : meaningOf(again.program), `formatted policy ${name}`).toEqual(meaningOf(program));

  const evaluateJson = await generatedEvaluateJson(part, name, text, program);
  const random = fc.sample(scenarioJsonArbitrary(program, { maxListLength: 2 }), { numRuns: scenariosPerPolicy, seed: randomSeed });
  for (const scenario of [...scenarios, ...random]) {
    const interpreted = printedOutcome(evaluateScenario(program, { scenario }));
    expect(printedOutcome(evaluateJson(scenario)), `policy ${name} on ${scenario}\n--- policy\n${text}`).toEqual(interpreted);
  }
  expect((globalThis as Record<string, unknown>)[injectionMarker], `the generated code of ${name} ran code its texts hold`).toBeUndefined();
}

/** tsc's messages, per policy: the prefix of the files they are about. */
function messagesByPolicy(written: ReadonlyMap<string, string>, messages: string): Map<string, string[]> {
  const byPolicy = new Map<string, string[]>();
  for (const line of messages.split("\n").filter((l) => l.trim() !== "")) {
    const prefix = [...written.keys()].find((candidate) => line.includes(`/${candidate}`)) ?? "(no policy)";
    byPolicy.set(prefix, [...(byPolicy.get(prefix) ?? []), line]);
  }
  return byPolicy;
}

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/**
 * Part `part` (1 to `parts`) of the property: its share of the cases, from a seed of its own;
 * the first part replays the corpus.
 */
export function wellTypedSuite(part: number, parts: number): void {
  const folder = partFolder(part);
  const written = new Map<string, string>();
  const state: Part = {
    folder,
    written,
    runtimeImports: {
      typescript: relative(folder, join(repositoryRoot, "runtime", "index.js")),
      javascript: relative(folder, join(repositoryRoot, "dist", "runtime", "index.js")),
    },
  };
  describe(`random well-typed policies (part ${part} of ${parts})`, () => {
    it(
      "pass check, have code of every target, format to text that means the same, and evaluate as the interpreter does",
      async () => {
        if (part === 1) {
          for (const kept of policyCorpus("well-typed-policies")) {
            await expectWellTyped(state, `corpus-${kept.name}`, kept.text, kept.scenarios.map((scenario) => JSON.stringify(scenario)), 0);
          }
        }
        await fc.assert(
          fc.asyncProperty(seed, async (policySeed) => {
            await expectWellTyped(state, `seed-${policySeed}`, wellTypedPolicy(policySeed), [], policySeed);
          }),
          fuzzParameters(part === 1 ? "well-typed-check" : `well-typed-check-${part}`, Math.ceil(wellTypedCases / parts), part === 1 ? jsonCorpus<number>("well-typed-check") : []),
        );
      },
      testTime(1_200_000),
    );

    it(
      "have generated TypeScript and declarations that pass tsc --strict",
      async () => {
        expect(written.size, "policies written by the test before").toBeGreaterThan(0);
        const failures = [...messagesByPolicy(written, await typeCheck(folder))].map(([prefix, lines]) => {
          const name = prefix.slice(0, -1);
          return `${name}:\n${lines.join("\n")}\n--- policy ${name}\n${written.get(prefix) ?? ""}`;
        });
        expect(failures).toEqual([]);
      },
      testTime(600_000),
    );
  });
}
