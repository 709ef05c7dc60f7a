/**
 * A name is only a name. Every property name of `Object.prototype` (`constructor`,
 * `__proto__`, `toString`…) and every reserved word of JavaScript and TypeScript that tiao
 * accepts as a name, put in every slot a name can fill, gives the same results as the same
 * policy with an innocent name, in the interpreter and in generated code, and the generated
 * TypeScript passes `tsc --strict`.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { keywords } from "../../grammar/tokens.js";
import { formatValue, readScenario, type Scenario } from "../../runtime/index.js";
import { importCompiled, scratchFolder, typeCheck, writeGenerated, type CompiledPolicy } from "./compiled.js";

const jsReservedWords = [
  "arguments", "async", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
  "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "get", "if", "implements",
  "import", "in", "instanceof", "interface", "let", "new", "null", "of", "package", "private", "protected", "public",
  "return", "set", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "undefined", "var", "void",
  "while", "with", "yield", "NaN", "Infinity", "globalThis", "Object", "Array", "Number", "String", "Error", "JSON",
  "Math", "Symbol", "Promise", "Function",
];
const tsReservedWords = [
  "abstract", "any", "as", "asserts", "bigint", "boolean", "declare", "infer", "is", "keyof", "module", "namespace",
  "never", "number", "object", "readonly", "require", "string", "symbol", "type", "unique", "unknown", "Partial",
  "Pick", "Readonly", "Record",
];
const tiaoKeywords = new Set(keywords);
const names = [...new Set([...Object.getOwnPropertyNames(Object.prototype), ...jsReservedWords, ...tsReservedWords])].filter(
  (name) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !tiaoKeywords.has(name),
);
const innocent = "innocent";

const header = 'policy names { title "T" document "D" issuer "I" issued 2021-11-05 version "1" }\n';

/** Policies that use the name N in every slot; each puts N where the others cannot (one namespace per policy). */
const variants: { readonly [variant: string]: { readonly policy: string; readonly scenarios: readonly string[] } } = {
  "measure, output, rule, parameter, fields, member, local names": {
    policy: `${header}
enum kind { N other }
record item { N: integer  weight: integer }
entity person { N: integer  kind: kind  items: list of item  age: integer }
parameter N: money { value 100 yuan from 2020-01-01 source "S" }

measure N {
  cites §1 "Q"
  output N: money {
    rule N
      = N * person.N
      cites §1 "Q"
    exception special to N
      when person.kind = kind.N
      = 1 yuan
      cites §1 "Q"
  }
  let doubled(N: item): integer = N.N * 2 + N.weight
    cites §1 "Q"
  output ages: integer = person.age + sum(doubled(N) for N in person.items)
    cites §1 "Q"
  output kinds: set of kind = {kind.N}
    cites §1 "Q"
  output chosen: kind = person.kind
    cites §1 "Q"
}
`,
    scenarios: [
      '{"date":"2021-11-15","person":{"N":3,"kind":"other","age":40,"items":[{"N":5,"weight":1},{"N":0,"weight":2}]}}',
      '{"date":"2021-11-15","person":{"N":3,"kind":"N","age":40,"items":[]}}',
      '{"date":"2021-11-15","person":{"N":2,"kind":"other","age":1,"items":[]},"parameters":{"N":"12.50"}}',
    ],
  },
  "enum and let": {
    policy: `${header}
enum N { first second }
record item { weight: integer }
entity person { level: N  items: list of item }

measure m {
  cites §1 "Q"
  let N: integer = count(x in person.items where x.weight > 1)
    cites §1 "Q"
  output high: bool = person.level = first and N > 0
    cites §1 "Q"
  output level: N = person.level
    cites §1 "Q"
}
`,
    scenarios: ['{"date":"2021-11-15","person":{"level":"first","items":[{"weight":2}]}}', '{"date":"2021-11-15","person":{"level":"second","items":[]}}'],
  },
  entity: {
    policy: `${header}
entity N { age: integer }

measure m {
  cites §1 "Q"
  output older: integer = N.age + 1
    cites §1 "Q"
}
`,
    scenarios: ['{"date":"2021-11-15","N":{"age":41}}'],
  },
  record: {
    policy: `${header}
record N { weight: integer }
entity person { items: list of N }

measure m {
  cites §1 "Q"
  output heaviest: bool = any(x in person.items where x.weight > 10)
    cites §1 "Q"
}
`,
    scenarios: ['{"date":"2021-11-15","person":{"items":[{"weight":12}]}}'],
  },
};

function withName(text: string, name: string): string {
  return text.replace(/\bN\b/g, name);
}

function programOf(text: string): ProgramIR {
  const result = compile([{ path: "names.tiao", text }]);
  if (result.program === undefined) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return result.program;
}

function scenarioOf(program: ProgramIR, text: string): Scenario {
  const read = readScenario(text, program.schema);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return read.scenario;
}

/** Results as entries (no object keyed by a policy name), with the name written as `N`. */
type Results = [string, [string, unknown][]][];

function interpreted(program: ProgramIR, scenario: Scenario, name: string): Results {
  const { outputs } = evaluate(program, scenario);
  return Object.entries(outputs).map(([measure, values]) => [rename(measure, name), Object.entries(values).map(([output, value]) => [rename(output, name), renameValue(value, name)])]);
}

function compiled(module: CompiledPolicy, scenario: Scenario, name: string): Results {
  return Object.entries(module.measures).map(([measure, compiledMeasure]) => {
    const values = compiledMeasure.evaluate(scenario.facts, scenario.date, scenario.parameters);
    expect(Object.keys(values)).toEqual(Object.keys(compiledMeasure.outputs));
    return [rename(measure, name), Object.entries(compiledMeasure.outputs).map(([output, type]) => [rename(output, name), renameValue(formatValue(values[output] ?? null, type), name)])];
  });
}

function rename(key: string, name: string): string {
  return key === name ? "N" : key;
}

/** An output's value with the name (an enum member) written as `N`. */
function renameValue(value: unknown, name: string): unknown {
  if (typeof value === "string") return rename(value, name);
  return Array.isArray(value) ? value.map((item: unknown) => renameValue(item, name)) : value;
}

interface Case {
  readonly name: string;
  readonly variant: string;
  readonly program: ProgramIR;
  readonly scenarios: readonly Scenario[];
}

function casesFor(name: string): Case[] {
  return Object.entries(variants).map(([variant, { policy, scenarios }]) => {
    const program = programOf(withName(policy, name));
    return { name, variant, program, scenarios: scenarios.map((text) => scenarioOf(program, withName(text, name))) };
  });
}

describe("names of Object.prototype and reserved words", () => {
  it("include the names the reports were about", () => {
    expect(names).toEqual(expect.arrayContaining(["constructor", "__proto__", "toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "__defineGetter__", "class", "delete", "function", "this", "new", "Object"]));
  });

  it("give the interpreter the results of an innocent name", () => {
    const reference = casesFor(innocent);
    for (const name of names) {
      casesFor(name).forEach((testCase, index) => {
        const expected = reference[index];
        if (expected === undefined) throw new Error("a variant without its reference");
        testCase.scenarios.forEach((scenario, s) => {
          const innocentScenario = expected.scenarios[s];
          if (innocentScenario === undefined) throw new Error("a scenario without its reference");
          expect(interpreted(testCase.program, scenario, name), `${name}: ${testCase.variant}`).toEqual(interpreted(expected.program, innocentScenario, innocent));
        });
      });
    }
  });

  it("give generated code the results of an innocent name, and its TypeScript passes tsc --strict", async () => {
    const folder = scratchFolder("names");
    const reference = casesFor(innocent);
    const all = names.flatMap((name) => casesFor(name));
    const modules = all.map((testCase, index) => ({ testCase, files: writeGenerated(folder, testCase.program, `case${index}-`) }));
    for (const { testCase, files } of modules) {
      const module = await importCompiled(files.javascript);
      const expected = reference.find((r) => r.variant === testCase.variant);
      if (expected === undefined) throw new Error("a variant without its reference");
      testCase.scenarios.forEach((scenario, s) => {
        const innocentScenario = expected.scenarios[s];
        if (innocentScenario === undefined) throw new Error("a scenario without its reference");
        expect(compiled(module, scenario, testCase.name), `${testCase.name}: ${testCase.variant}`).toEqual(interpreted(expected.program, innocentScenario, innocent));
      });
    }
    expect(await typeCheck(folder)).toBe("");
  }, 120_000);
});
