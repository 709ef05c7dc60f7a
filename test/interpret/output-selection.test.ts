/**
 * `--measure m.output`: only that output (and `in_force`) is evaluated, on demand, so a fact
 * only another output reads may be missing, and a parameter without a value on the date is
 * an error only when the output asked for reads it.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { evaluateScenario } from "../../compiler/evaluate-scenario.js";
import type { ProgramIR } from "../../compiler/ir.js";

const policy = `policy selection {
  title    "示例"
  document "示例〔2021〕1号"
  issuer   "示例局"
  issued   2021-11-05
  version  "1.0.0"
}

entity person "个人" {
  months_insured: months "参保月数"
  wage: money "工资"
}

parameter later_rate: percent "以后的比例" {
  value 10% from 2030-01-01 source "以后的文件"
}

measure m "示例措施" {
  output short: bool
    = person.months_insured < 12 months
    cites §1 "不满1年"

  output later: money
    = round(person.wage * later_rate)
    cites §1 "以后"
}
`;

function program(): ProgramIR {
  const result = compile([{ path: "policy.tiao", text: policy }]);
  if (result.program === undefined) throw new Error(JSON.stringify(result.diagnostics));
  return result.program;
}

describe("one output of a measure", () => {
  it("needs only the facts it reads", () => {
    const scenario = { date: "2021-11-15", person: { months_insured: 8 } };
    expect(evaluateScenario(program(), { scenario, measures: ["m.short"] })).toMatchObject({ kind: "evaluated", json: { m: { in_force: true, short: true } } });
    const whole = evaluateScenario(program(), { scenario, measures: ["m"] });
    expect(whole).toMatchObject({ kind: "bad_input", problems: [{ path: "person.wage" }] });
  });

  it("reads a parameter only when it is asked for: without a value on the date, it is an error then only", () => {
    const scenario = { date: "2021-11-15", person: { months_insured: 8, wage: "3000.00" } };
    expect(evaluateScenario(program(), { scenario, measures: ["m.short"] })).toMatchObject({ kind: "evaluated", json: { m: { in_force: true, short: true } } });
    const later = evaluateScenario(program(), { scenario, measures: ["m.later"] });
    expect(later.kind).toBe("evaluation_error");
    expect(later.kind === "evaluation_error" ? later.error.message : "").toContain("later_rate");
    expect(evaluateScenario(program(), { scenario: { ...scenario, date: "2030-01-01" }, measures: ["m.later"] })).toMatchObject({ kind: "evaluated", json: { m: { in_force: true, later: "300.00" } } });
  });

  it("is not a name the program lacks; an output it does not have is", () => {
    expect(() => evaluateScenario(program(), { scenario: { date: "2021-11-15", person: {} }, measures: ["m.nope"] })).toThrow(/m\.nope/u);
  });
});
