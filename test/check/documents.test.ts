/**
 * Further source documents: a policy declares the Civil Code beside its notice and cites its
 * articles; the quotes are checked against the Code's text in its own numbering, and
 * explanations and generated code name the document with the clause.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { emitTypeScript } from "../../compiler/emit/typescript.js";
import { explanationText } from "../../compiler/explain-text.js";
import { formatSource } from "../../compiler/format/format.js";
import { run } from "../interpret/support.js";

const civilCode = readFileSync("test/golden/diagnostics/documents/civil-code-excerpt.txt", "utf8");
const notice = readFileSync("policies/lanzhou-2021-289/notice.txt", "utf8");

const policy = `policy documents {
  title    "关于深入贯彻落实服务疫情防控工作十条措施的通知"
  document "兰人社发〔2021〕289号"
  issuer   "兰州市人力资源和社会保障局"
  issued   2021-11-05
  version  "1.0.0"
}

document civil_code "中华人民共和国民法典" {
  file      "civil-code.txt"
  numbering articles
}

entity person "申领人" {
  insured_months: months "参保缴费月数"
}

measure m4 "失业保险待遇" {
  output short_insured: bool
    = person.insured_months < 12 months
    cites civil_code §1259 "所称的“不满”、“超过”、“以外”，不包括本数"
}
`;

function compiled(text: string, texts: Record<string, string>) {
  const read: string[] = [];
  const result = compile([{ path: "policy.tiao", text }], {
    notice,
    readNotice: (file) => {
      read.push(file);
      return texts[file] ?? { refused: "there is no such file", help: "check the file name" };
    },
  });
  return { result, read };
}

describe("a second document", () => {
  it("is read from its file and its quotes are checked in its own numbering", () => {
    const { result, read } = compiled(policy, { "civil-code.txt": civilCode });
    expect(result.diagnostics).toEqual([]);
    expect(read).toEqual(["civil-code.txt"]);
    const citation = result.program?.measures[0]?.definitions[0]?.rules[0]?.citation;
    expect(citation).toMatchObject({ document: { name: "civil_code", title: "中华人民共和国民法典" }, clause: "§1259", measure: 1259 });
  });

  it("whose text changed no longer holds the quote: T1152", () => {
    const { result } = compiled(policy, { "civil-code.txt": civilCode.replace("不包括本数", "包括本数") });
    expect(result.diagnostics.map((d) => [d.code, d.message])).toEqual([["T1152", "these words are not in 中华人民共和国民法典"]]);
    expect(result.program).toBeUndefined();
  });

  it("that cannot be read: T1153 at its file", () => {
    const { result } = compiled(policy, {});
    expect(result.diagnostics.map((d) => [d.code, d.span.line])).toEqual([["T1153", 10]]);
  });

  it("is named by explanations and by generated code", () => {
    const program = compiled(policy, { "civil-code.txt": civilCode }).result.program;
    if (program === undefined) throw new Error("the policy compiles");
    const result = run(program, { date: "2021-11-15", person: { insured_months: 12 } }, { explain: true });
    expect(explanationText(result, program)).toContain("中华人民共和国民法典 §1259");
    expect(emitTypeScript(program, { runtimeImport: "tiao/runtime" })).toContain('中华人民共和国民法典 §1259 "所称的“不满”、“超过”、“以外”，不包括本数"');
  });

  it("is printed by the formatter as written", () => {
    expect(formatSource("policy.tiao", policy)).toEqual({ kind: "formatted", text: policy });
  });
});
