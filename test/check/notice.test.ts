/**
 * The notice a policy's header names, read during the one compilation (`readNotice`): its
 * quotes are checked exactly as when the notice's text is given, and only for a policy
 * that has no other error.
 */
import { describe, expect, test } from "vitest";
import { compile, type CompileOptions } from "../../compiler/compile.js";

function policy(quote: string, value = "true"): string {
  return `policy p {
  title    "测试"
  document "测试〔2021〕1号"
  issuer   "测试局"
  issued   2021-11-05
  version  "1.0.0"
  notice   "notice.txt"
}

measure m {
  output x: bool = ${value} cites §1 "${quote}"
}
`;
}

const noticeText = "一、对领取失业保险金期满仍未就业的失业人员按月发放失业补助金。";

function compileWith(text: string, options: CompileOptions) {
  return compile([{ path: "p.tiao", text }], options);
}

/** A `readNotice` that records the file names it is asked for. */
function recordingReader(text: string | undefined): { readonly read: (fileName: string) => string | undefined; readonly names: string[] } {
  const names: string[] = [];
  const read = (fileName: string): string | undefined => {
    names.push(fileName);
    return text;
  };
  return { read, names };
}

describe("reading the named notice while compiling", () => {
  test("reads the file the header names, once, and checks the quotes against it", () => {
    const reader = recordingReader(noticeText);
    const result = compileWith(policy("期满仍未就业的失业人员"), { readNotice: reader.read });
    expect(reader.names).toEqual(["notice.txt"]);
    expect(result.program?.policy.notice).toBe("notice.txt");
    expect(result.diagnostics).toEqual([]);
  });

  test("reports a quote that is not in it, as when the notice's text is given", () => {
    const text = policy("期满后继续就业的人员");
    const read = compileWith(text, { readNotice: recordingReader(noticeText).read });
    const given = compileWith(text, { notice: noticeText });
    expect(read.diagnostics.map((d) => d.code)).toEqual(["T0602"]);
    expect(read).toEqual(given);
  });

  test("does not read it for a policy with another error", () => {
    const reader = recordingReader(noticeText);
    const result = compileWith(policy("期满后继续就业的人员", "1 yuan"), { readNotice: reader.read });
    expect(reader.names).toEqual([]);
    expect(result.diagnostics.map((d) => d.code)).toEqual(["T0302"]);
  });

  test("leaves the quotes unchecked when the notice cannot be given", () => {
    const result = compileWith(policy("期满后继续就业的人员"), { readNotice: recordingReader(undefined).read });
    expect(result.diagnostics).toEqual([]);
    expect(result.program).toBeDefined();
  });

  test("prefers the notice's text when it is given", () => {
    const reader = recordingReader("");
    const result = compileWith(policy("期满仍未就业的失业人员"), { notice: noticeText, readNotice: reader.read });
    expect(reader.names).toEqual([]);
    expect(result.diagnostics).toEqual([]);
  });
});

describe("a notice that cannot be used", () => {
  test("is an error at the header's notice, with the reason and the help the reader gives", () => {
    const text = policy("期满仍未就业的失业人员");
    const result = compileWith(text, { readNotice: () => ({ refused: "it is outside the policy's folder", help: "put it inside" }) });
    expect(result.program).toBeUndefined();
    expect(result.diagnostics).toMatchObject([
      {
        code: "T0603",
        severity: "error",
        message: 'cannot use the notice "notice.txt": it is outside the policy\'s folder',
        help: "put it inside",
        span: { file: "p.tiao", line: 7, column: 12, start: text.indexOf('"notice.txt"') },
      },
    ]);
  });
});

describe("clause numbers in the document's own numbering", () => {
  function citing(clause: string, quote: string): string {
    return policy(quote).replace(`cites §1 "${quote}"`, `cites ${clause} "${quote}"`);
  }
  const articles = "第八条 用人单位应当按时足额支付工资。\n第九条 停工停产在一个工资支付周期内的，按照劳动合同规定的标准支付工资。\n";

  test("a quote cited from a part it is not in names the part where the words are (一、 headings)", () => {
    const notice = "一、对领取失业保险金期满仍未就业的失业人员按月发放失业补助金。\n九、企业停工停产期间支付生活费。\n";
    const result = compileWith(citing("§9", "按月发放失业补助金"), { notice });
    expect(result.diagnostics.map((d) => [d.code, d.message, d.labels?.[0]?.message])).toEqual([
      ["T0604", "these words are not in §9", "they are in §1"],
    ]);
  });

  test("articles numbered 第N条 are the parts: a quote of 第八条 cited as §9 is an error naming §8", () => {
    const result = compileWith(citing("§9", "用人单位应当按时足额支付工资"), { notice: articles });
    expect(result.diagnostics.map((d) => [d.code, d.message, d.labels?.[0]?.message, d.help])).toEqual([
      ["T0604", "these words are not in §9", "they are in §8", 'cite them as `§8 "…"`'],
    ]);
    expect(compileWith(citing("§9", "按照劳动合同规定的标准支付工资"), { notice: articles }).diagnostics).toEqual([]);
  });

  test("articles numbered in Chinese numerals beyond ten, and in Arabic numerals", () => {
    const notice = "第一千二百五十九条 民法所称的“以上”、“以下”、“以内”、“届满”，包括本数。\n第一千二百六十条 本法自2021年1月1日起施行。\n";
    expect(compileWith(citing("§1259", "包括本数"), { notice }).diagnostics).toEqual([]);
    expect(compileWith(citing("§1260", "包括本数"), { notice }).diagnostics.map((d) => d.code)).toEqual(["T0604"]);
    const arabic = "1. 适用范围。\n2. 补贴标准为每月500元。\n";
    expect(compileWith(citing("§2", "补贴标准为每月500元"), { notice: arabic }).diagnostics).toEqual([]);
    expect(compileWith(citing("§1", "补贴标准为每月500元"), { notice: arabic }).diagnostics.map((d) => d.code)).toEqual(["T0604"]);
  });

  test("a notice without numbered parts says that clause numbers are not checked", () => {
    const result = compileWith(citing("§9", "按月发放失业补助金"), { notice: "对失业人员按月发放失业补助金。" });
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([["T0805", "warning"]]);
  });
});
