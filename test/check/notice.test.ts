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
