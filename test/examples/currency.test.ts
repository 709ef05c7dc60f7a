/**
 * A policy's own money: the OpenFisca template declares `currency EUR`, and everything that
 * speaks of its amounts says EUR — explanations in both languages, the JSON Schema, the
 * generated code — while a policy without the declaration keeps the yuan.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { emitJsonSchema } from "../../compiler/emit/schema.js";
import { emitTypeScript } from "../../compiler/emit/typescript.js";
import { explanationText } from "../../compiler/explain-text.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { readScenario } from "../../runtime/scenario.js";
import { examplePolicies } from "./load.js";

function compiled(name: string): ProgramIR {
  const example = examplePolicies().find((policy) => policy.name === name);
  if (example === undefined) throw new Error(`no example ${name}`);
  const { program, diagnostics } = compile(example.sources, example.options);
  if (program === undefined) throw new Error(diagnostics.map((d) => d.message).join("\n"));
  return program;
}

const scenario = {
  date: "2017-01-01",
  household: { members: [{ role: "adult" }], accommodation_size: { "2017-01": 40 }, housing_occupancy_status: { "2017-01": "tenant" } },
};

describe("the policy's money", () => {
  const program = compiled("openfisca-country-template");

  it("is the declared currency", () => {
    expect(program.policy.currency).toBe("EUR");
    expect(compiled("dibao").policy.currency).toBeUndefined();
  });

  it("is named in explanations, in English and in Chinese", () => {
    const read = readScenario(JSON.stringify(scenario), program.schema);
    if (!read.ok) throw new Error(JSON.stringify(read.errors));
    for (const language of ["en", "zh"] as const) {
      const result = evaluate(program, read.scenario, { explain: true, measures: ["housing_tax.housing_tax"], language });
      const text = explanationText(result, program);
      expect(text).toContain("400.00 EUR");
      expect(text).not.toMatch(/yuan|元/u);
    }
  });

  it("is the unit the checker suggests for a number without one", () => {
    const text = `policy p {\n  title "t"\n  document "d"\n  issuer "i"\n  issued 2021-11-05\n  version "1"\n  currency EUR\n}\n\nmeasure m {\n  output x: money = 5 cites §1 "q"\n}\n`;
    const { diagnostics } = compile([{ path: "p.tiao", text }]);
    expect(diagnostics.map((d) => [d.code, d.help])).toEqual([["T0305", "write `5 EUR`"]]);
  });

  it("is named in the JSON Schema and the generated code", () => {
    const { scenario: input, outputs } = emitJsonSchema(program);
    expect(JSON.stringify(input)).toContain("an amount in EUR, exact to the cent");
    expect(JSON.stringify(outputs)).toContain("an amount in EUR with exactly two decimals");
    const code = emitTypeScript(program, { runtimeImport: "tiao/runtime" });
    expect(code).toContain("100 cents = 1 EUR");
    expect(code).not.toMatch(/yuan|YUAN_/u);
  });
});
