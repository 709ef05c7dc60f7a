/**
 * Labels in English (`label en "…"`) for measures, facts and definitions: explanations in
 * English and doc comments generated with `language: "en"` use them; in Chinese, and by
 * default, the policy's own labels stay.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { emitTypeScript } from "../../compiler/emit/typescript.js";
import { explanationText } from "../../compiler/explain-text.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { run } from "../interpret/support.js";

const policy = `policy labels {
  title    "关于深入贯彻落实服务疫情防控工作十条措施的通知"
  document "兰人社发〔2021〕289号"
  issuer   "兰州市人力资源和社会保障局"
  issued   2021-11-05
  version  "1.0.0"
}

entity person "申领人" {
  insured_months: months "参保缴费月数" label en "months insured"
  label: bool "标记"
}

measure m4 "确保失业保险待遇及时足额发放" label en "Unemployment insurance benefits" {
  output short_insured: bool label en "insured less than a year"
    = person.insured_months < 12 months and not person.label
    cites §4 "对参保不满1年的失业农民工"
}
`;

function program(): ProgramIR {
  const result = compile([{ path: "policy.tiao", text: policy }]);
  expect(result.diagnostics).toEqual([]);
  if (result.program === undefined) throw new Error("the policy compiles");
  return result.program;
}

const scenario = { date: "2021-11-15", person: { insured_months: 8, label: false } };

describe("labels in English", () => {
  it("are read into the program; a field may still be named `label`", () => {
    const compiled = program();
    expect(compiled.measures[0]).toMatchObject({ title: "确保失业保险待遇及时足额发放", english: "Unemployment insurance benefits" });
    expect(compiled.measures[0]?.definitions[0]).toMatchObject({ name: "short_insured", english: "insured less than a year" });
    expect(compiled.schema.records[0]?.fields.map((f) => [f.name, f.label, f.english])).toEqual([
      ["insured_months", "参保缴费月数", "months insured"],
      ["label", "标记", undefined],
    ]);
  });

  it("name the measure, the output and the fact in an explanation in English", () => {
    const compiled = program();
    const text = explanationText(run(compiled, scenario, { explain: true, language: "en" }), compiled);
    expect(text).toContain("Measure m4 Unemployment insurance benefits\n");
    expect(text).toContain("  short_insured (insured less than a year) = true\n");
    expect(text).toContain("Fact person.insured_months (months insured) = 8 months");
  });

  it("leave an explanation in Chinese as it was", () => {
    const compiled = program();
    const text = explanationText(run(compiled, scenario, { explain: true, language: "zh" }), compiled);
    expect(text).toContain("措施 m4确保失业保险待遇及时足额发放\n");
    expect(text).toContain("  short_insured = true\n");
    expect(text).toContain("person.insured_months（参保缴费月数）");
    expect(text).not.toContain("insured less than a year");
  });

  it("are the doc comments of code generated in English, and only then", () => {
    const compiled = program();
    const english = emitTypeScript(compiled, { runtimeImport: "tiao/runtime", language: "en" });
    expect(english).toContain("measure m4 Unemployment insurance benefits");
    expect(english).toContain("short_insured (insured less than a year): ");
    expect(english).toContain("/** months insured */");
    const plain = emitTypeScript(compiled, { runtimeImport: "tiao/runtime" });
    expect(plain).not.toContain("insured less than a year");
    expect(plain).toContain("/** 参保缴费月数 */");
  });
});
