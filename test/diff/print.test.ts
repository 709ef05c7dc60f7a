/**
 * Conditions and values in a diff are printed from the IR in the policy's syntax, as the
 * drafter wrote them: an output given for each member is read for one, and an `if` that is
 * the branch of another keeps its parentheses.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { layoutIR, printIR } from "../../compiler/format/ir-syntax.js";
import { noticeOf, policySources } from "./support.js";

const folder = "policies/examples/openfisca-country-template";

function program(): ProgramIR {
  const { program, diagnostics } = compile(policySources(folder), { notice: noticeOf(folder) });
  if (program === undefined) throw new Error(diagnostics.map((d) => d.message).join("\n"));
  return program;
}

function outputValue(compiled: ProgramIR, measure: string, output: string) {
  const rule = compiled.measures.find((m) => m.name === measure)?.definitions.find((d) => d.name === output)?.rules[0];
  if (rule === undefined) throw new Error(`no rule for ${measure}.${output}`);
  return rule.value;
}

describe("an IR expression printed for the diff", () => {
  const compiled = program();

  it("reads an output given for each member for one member, as written", () => {
    const total = outputValue(compiled, "total_benefits", "total_benefits");
    expect(printIR(total)).toBe("sum(basic_income.basic_income(p) for p in household.members) + housing_allowance.housing_allowance");
  });

  it("keeps an if that is the branch of another in parentheses, on one line and laid out", () => {
    const income = outputValue(compiled, "basic_income", "basic_income");
    const written = "(if of_age(p) and p.salary = 0.00 yuan then basic_income_amount else 0.00 yuan)";
    expect(printIR(income)).toContain(`then ${written} else`);
    expect(layoutIR(income, 4)).toContain(`    then ${written}`);
  });
});
