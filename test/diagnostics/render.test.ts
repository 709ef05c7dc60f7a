import { describe, expect, it } from "vitest";
import type { SourceSpan } from "../../compiler/ast.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { displayWidth, renderDiagnostic, renderDiagnostics } from "../../compiler/diagnostics/render.js";

/** The span of the first occurrence of `part` in `text` (on one line), as the parser would give it. */
function spanOf(text: string, part: string, file = "policies/examples/m.tiao", occurrence = 0): SourceSpan {
  let start = -1;
  for (let index = 0; index <= occurrence; index++) start = text.indexOf(part, start + 1);
  if (start < 0) throw new Error(`${part} not in text`);
  const before = text.slice(0, start).split("\n");
  const line = before.length;
  const column = (before[before.length - 1] ?? "").length + 1;
  return { file, line, column, endLine: line, endColumn: column + part.length, start, end: start + part.length };
}

const source = [
  'measure m1 "期限" {',
  '  cites §1 "期限"',
  "",
  "  output term_end: date",
  "    = placement.start + 500 yuan",
  '    cites §1 "期限"',
  "}",
].join("\n");

function moneyOnDate(overrides: Partial<Diagnostic> = {}): Diagnostic {
  return {
    code: "T0301",
    severity: "error",
    message: "cannot add an amount of money to a date",
    span: spanOf(source, "placement.start + 500 yuan"),
    help: "add months with `+ 6 months`, or days with `+ 1 day`",
    ...overrides,
  };
}

describe("renderDiagnostic", () => {
  it("shows the code, the place, the line with the span underlined and the help", () => {
    expect(renderDiagnostic(moneyOnDate(), source)).toBe(
      [
        "error[T0301]: cannot add an amount of money to a date",
        " --> policies/examples/m.tiao:5:7",
        "  |",
        "5 |     = placement.start + 500 yuan",
        "  |       ^^^^^^^^^^^^^^^^^^^^^^^^^^",
        "  = help: add months with `+ 6 months`, or days with `+ 1 day`",
      ].join("\n"),
    );
  });

  it("underlines Chinese text by terminal columns, two per character", () => {
    const span = spanOf(source, '"期限"', undefined, 1);
    expect(renderDiagnostic(moneyOnDate({ code: "T0601", message: "quote not found in the notice", span, help: "copy the words from the notice" }), source)).toBe(
      [
        "error[T0601]: quote not found in the notice",
        " --> policies/examples/m.tiao:2:12",
        "  |",
        '2 |   cites §1 "期限"',
        "  |            ^^^^^^",
        "  = help: copy the words from the notice",
      ].join("\n"),
    );
  });

  it("shows labelled spans on other lines, with `...` for the lines between", () => {
    const diagnostic = moneyOnDate({
      span: spanOf(source, "500 yuan"),
      labels: [
        { span: spanOf(source, "placement.start"), message: "this is a date" },
        { span: spanOf(source, "m1"), message: "in this measure" },
      ],
    });
    expect(renderDiagnostic(diagnostic, source)).toBe(
      [
        "error[T0301]: cannot add an amount of money to a date",
        " --> policies/examples/m.tiao:5:25",
        "  |",
        '1 | measure m1 "期限" {',
        "  |         -- in this measure",
        "...",
        "5 |     = placement.start + 500 yuan",
        "  |                         ^^^^^^^^",
        "  |       --------------- this is a date",
        "  = help: add months with `+ 6 months`, or days with `+ 1 day`",
      ].join("\n"),
    );
  });

  it("widens the gutter for long line numbers", () => {
    const long = `${"\n".repeat(119)}  let x: bool = y`;
    const diagnostic: Diagnostic = { code: "T0201", severity: "warning", message: "unknown name `y`", span: spanOf(long, "y", "f.tiao") };
    expect(renderDiagnostic(diagnostic, long)).toBe(
      ["warning[T0201]: unknown name `y`", "   --> f.tiao:120:17", "    |", "120 |   let x: bool = y", "    |                 ^"].join("\n"),
    );
  });

  it("marks an empty span with one caret, where something is missing", () => {
    const text = "measure m {\n  let x: bool = true";
    const end = text.length;
    const span: SourceSpan = { file: "f.tiao", line: 2, column: 21, endLine: 2, endColumn: 21, start: end, end };
    const diagnostic: Diagnostic = { code: "T0107", severity: "error", message: "expected `}`", span, help: "close the measure" };
    expect(renderDiagnostic(diagnostic, text)).toBe(
      ["error[T0107]: expected `}`", " --> f.tiao:2:21", "  |", "2 |   let x: bool = true", "  |                     ^", "  = help: close the measure"].join("\n"),
    );
  });

  it("underlines a span over several lines to the end of its first line", () => {
    const span: SourceSpan = { ...spanOf(source, "output term_end: date"), endLine: 6, endColumn: 18 };
    const diagnostic: Diagnostic = { code: "T0402", severity: "error", message: "no rule applies", span };
    expect(renderDiagnostic(diagnostic, source)).toBe(
      ["error[T0402]: no rule applies", " --> policies/examples/m.tiao:4:3", "  |", "4 |   output term_end: date", "  |   ^^^^^^^^^^^^^^^^^^^^^"].join("\n"),
    );
  });

  it("shows tabs as four spaces, under the line and the marker alike", () => {
    const text = "\tlet x: bool = y";
    const diagnostic: Diagnostic = { code: "T0201", severity: "error", message: "unknown name `y`", span: spanOf(text, "y", "f.tiao") };
    expect(renderDiagnostic(diagnostic, text)).toBe(
      ["error[T0201]: unknown name `y`", " --> f.tiao:1:16", "  |", "1 |     let x: bool = y", "  |                   ^"].join("\n"),
    );
  });

  it("gives the place alone when the text is not known or the line is not in it", () => {
    expect(renderDiagnostic(moneyOnDate(), "")).toBe(
      [
        "error[T0301]: cannot add an amount of money to a date",
        " --> policies/examples/m.tiao:5:7",
        "  = help: add months with `+ 6 months`, or days with `+ 1 day`",
      ].join("\n"),
    );
  });
});

describe("renderDiagnostics", () => {
  const other = 'parameter rate: percent {\n  value 80% from 2021-10-20 source "x"\n}';

  it("renders each diagnostic with its own file's text, separated by a blank line", () => {
    const sources = new Map([
      ["policies/examples/m.tiao", source],
      ["policies/examples/parameters.tiao", other],
    ]);
    const second: Diagnostic = {
      code: "T0503",
      severity: "warning",
      message: "value before the document's date",
      span: spanOf(other, "2021-10-20", "policies/examples/parameters.tiao"),
    };
    expect(renderDiagnostics([moneyOnDate(), second], sources)).toBe(
      [
        renderDiagnostic(moneyOnDate(), source),
        "",
        "warning[T0503]: value before the document's date",
        " --> policies/examples/parameters.tiao:2:18",
        "  |",
        '2 |   value 80% from 2021-10-20 source "x"',
        "  |                  ^^^^^^^^^^",
      ].join("\n"),
    );
  });

  it("shows a label in another file under `:::`", () => {
    const sources = new Map([
      ["policies/examples/m.tiao", source],
      ["policies/examples/parameters.tiao", other],
    ]);
    const diagnostic = moneyOnDate({
      labels: [{ span: spanOf(other, "rate", "policies/examples/parameters.tiao"), message: "declared here" }],
    });
    expect(renderDiagnostics([diagnostic], sources)).toBe(
      [
        "error[T0301]: cannot add an amount of money to a date",
        " --> policies/examples/m.tiao:5:7",
        "  |",
        "5 |     = placement.start + 500 yuan",
        "  |       ^^^^^^^^^^^^^^^^^^^^^^^^^^",
        " ::: policies/examples/parameters.tiao:1:11",
        "  |",
        "1 | parameter rate: percent {",
        "  |           ---- declared here",
        "  = help: add months with `+ 6 months`, or days with `+ 1 day`",
      ].join("\n"),
    );
  });

  it("renders nothing for no diagnostics", () => {
    expect(renderDiagnostics([], new Map())).toBe("");
  });
});

describe("displayWidth", () => {
  it.each([
    ["abc", 3],
    ["期限", 4],
    ["“期限”", 6],
    ["，", 2],
    ["\u3000", 2],
    ["e\u0301", 1],
    ["\t", 4],
    ["𠀀", 2],
  ])("%s takes %i columns", (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe("text of the policy that a terminal would obey", () => {
  it("is shown as visible symbols in the code frame, the underline in its column, and escaped in the message and help", () => {
    const text = 'measure m1 "a\u001b[2Jb" {\n  output x: bool = nothing\u2028 cites §1 "q"\n}';
    const rendered = renderDiagnostic(
      {
        code: "T0201",
        severity: "error",
        message: "unknown name `nothing\u001b[31m`",
        help: "the notice reads “line one\nerror[T0000]: forged”",
        span: spanOf(text, "nothing"),
        labels: [{ span: spanOf(text, "a\u001b[2Jb"), message: "title \u009b2J here" }],
      },
      text,
    );
    expect(rendered).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028]/);
    expect(rendered.split("\n")).toEqual([
      "error[T0201]: unknown name `nothing\\u001b[31m`",
      " --> policies/examples/m.tiao:2:20",
      "  |",
      '1 | measure m1 "a\u241b[2Jb" {',
      "  |             ------ title \\u009b2J here",
      '2 |   output x: bool = nothing\ufffd cites §1 "q"',
      "  |                    ^^^^^^^",
      "  = help: the notice reads “line one\\nerror[T0000]: forged”",
    ]);
  });

  it("cuts each file into lines once, whatever the number of its diagnostics", () => {
    const lines = Array.from({ length: 2000 }, (_, index) => `  output o${index}: bool = nothing${index}`);
    const text = lines.join("\n");
    let splits = 0;
    const originalSplit = String.prototype.split;
    const diagnostics: Diagnostic[] = lines.map((_, index) => ({
      code: "T0201",
      severity: "error",
      message: "unknown name",
      span: spanOf(text, `nothing${index}`, "big.tiao"),
    }));
    // counts the splits of the whole file's text
    String.prototype.split = function (this: string, ...args: Parameters<typeof originalSplit>) {
      if (this.length === text.length) splits++;
      return originalSplit.apply(this, args);
    } as typeof originalSplit;
    try {
      renderDiagnostics(diagnostics, new Map([["big.tiao", text]]));
    } finally {
      String.prototype.split = originalSplit;
    }
    expect(splits).toBe(1);
  });
});

describe("a line of source too long to show whole", () => {
  it("is shown around its span, cut with …, the underline still under the span", () => {
    const text = `measure m1 { output x: bool = ${"a + ".repeat(100_000)}nothing + ${"b + ".repeat(100_000)}c }`;
    const rendered = renderDiagnostic(
      { code: "T0201", severity: "error", message: "unknown name `nothing`", span: spanOf(text, "nothing") },
      text,
    );
    expect(rendered.length).toBeLessThan(1000);
    const [, , , sourceLine, underlineLine] = rendered.split("\n");
    expect(sourceLine).toMatch(/^1 \| …(a \+ )+nothing( \+ b)+ ?…$/);
    const caret = underlineLine!.indexOf("^");
    expect(sourceLine!.slice(caret, caret + "nothing".length)).toBe("nothing");
    expect(underlineLine!.slice(caret)).toBe("^".repeat("nothing".length));
  });
});
