/**
 * Generated code decides rules in the interpreter's order, so both report the same conflict
 * and the same error: siblings in written order, each one's exceptions (and their conflicts)
 * before its own condition, a rule's window read only when no exception decides; and its
 * comparisons pass `tsc --strict` whatever constants a policy compares.
 */
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { evaluateScenario, type ProgramIR } from "../../compiler/index.js";
import { compileText } from "../interpret/policy-m4.js";
import { printedOutcome } from "../fuzz/outcome.js";
import { scratchFolder, typeCheck, writeGenerated } from "./compiled.js";

const corpus = new URL("../fuzz/corpus/well-typed-policies/", import.meta.url);

const header = `policy rule_order {
  title    "t"
  document "d"
  issuer   "i"
  issued   2021-01-01
  version  "1"
}

entity person "p" {
  a: bool "a"
  b: bool "b"
}

parameter ends: date "e" {
  value 2030-01-01 from 2025-01-01 source §1 "w"
}
`;

/** Both outcomes of a scenario: the interpreter's and generated code's `evaluateJson`. */
async function outcomes(name: string, program: ProgramIR, scenario: object): Promise<{ interpreted: unknown; generated: unknown }> {
  const module: unknown = await import(pathToFileURL(writeGenerated(scratchFolder(name), program).javascript).href);
  if (typeof module !== "object" || module === null || !("evaluateJson" in module) || typeof module.evaluateJson !== "function") throw new Error("no evaluateJson");
  return { interpreted: printedOutcome(evaluateScenario(program, { scenario })), generated: printedOutcome(module.evaluateJson(scenario)) };
}

const scenario = { date: "2022-01-01", person: { a: false, b: true } };

describe("the order rules are decided in", () => {
  it("reports a conflict of exceptions met while deciding a rule before one of that rule with its siblings", async () => {
    const program = compileText(readFileSync(new URL("conflict-order-nested-exceptions.tiao", corpus), "utf8"), "policy.tiao");
    const { interpreted, generated } = await outcomes("rule-order-nested", program, scenario);
    expect(generated).toEqual(interpreted);
    expect(interpreted).toMatchObject({ kind: "evaluation_error", code: "conflicting_rules", message: expect.stringContaining("exception `one` (policy.tiao:23) and exception `two` (policy.tiao:26)") });
  });

  it("does the same among more siblings than get a check per pair", async () => {
    const siblings = [2001, 2002, 2003, 2004]
      // each under a condition: rules that apply always in windows that overlap `first` are refused by check (T1103)
      .map((year) => `    rule in_${year}\n      when not person.b\n      = 0 cites §1 "w"\n      in force from ${year}-01-01 until ${year}-12-31`)
      .join("\n");
    const program = compileText(`${header}
measure m "m" {
  output x: integer {
    rule first
      = 1 cites §1 "w"
${siblings}
    rule second
      when person.a
      = 2 cites §1 "w"
    exception one to second
      when person.b
      = 3 cites §1 "w"
    exception two to second
      when not person.a
      = 4 cites §1 "w"
  }
}
`);
    const { interpreted, generated } = await outcomes("rule-order-many", program, scenario);
    expect(generated).toEqual(interpreted);
    expect(interpreted).toMatchObject({ code: "conflicting_rules", message: expect.stringContaining("exception `one`") });
  });

  it("reads a rule's window only when none of its exceptions decides", async () => {
    const program = compileText(`${header}
measure m "m" {
  output x: integer {
    rule first
      when person.b
      = 1 cites §1 "w"
    rule second
      when person.a
      = 2 cites §1 "w"
      in force from 2020-01-01 until ends
    exception one to second
      when person.b
      = 3 cites §1 "w"
  }
}
`);
    // `ends` has no value on 2022-01-01: reading it would be an error; the conflict of first and second is the outcome.
    const { interpreted, generated } = await outcomes("rule-order-window", program, scenario);
    expect(generated).toEqual(interpreted);
    expect(interpreted).toMatchObject({ code: "conflicting_rules", message: expect.stringContaining("rule `first` (test.tiao:20) and rule `second` (test.tiao:23)") });
  });
});

describe("comparisons of constants and of values already compared", () => {
  it("pass tsc --strict", async () => {
    const program = compileText(readFileSync(new URL("ts2367-literal-comparisons.tiao", corpus), "utf8"), "policy.tiao");
    const folder = scratchFolder("literal-comparisons");
    writeGenerated(folder, program);
    expect(await typeCheck(folder)).toBe("");
  });
});
