/**
 * Policy text in generated code: whatever the text, a string literal evaluates to it and a
 * comment stays one comment that gives the text back, so no text can become code.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { blockCommentText, lineComment, stringLiteral } from "../../compiler/emit/escape.js";
import { printModule } from "../../compiler/emit/printer.js";

/** Pieces that end strings and comments, or hide in them. */
const hostilePieces = [
  "\n", "\r", "\r\n", "\u2028", "\u2029", "\u0085", "\u000b", "\f", "\t", "\u0000",
  "\ud800", "\udbff", "\udc00", "\udfff", "\ud83d\ude00",
  "*/", "/*", "/**", "//", "*", "/", "\\", "\\n", "\\u2028", "`", "${", "}", '"', "'",
  "\u202e", "\u2066", "\u200b", "\ufeff",
  "return 0;", "globalThis.ran = true;", "# sourceMappingURL=x", "@ts-nocheck", "兰州",
];

const hostileText = fc.array(fc.constantFrom(...hostilePieces), { maxLength: 12 }).map((pieces) => pieces.join(""));
const anyText = fc.oneof(fc.string({ unit: "binary" }), hostileText, fc.string({ unit: fc.constantFrom(...hostilePieces) }));

/** The inverse of the comment escapes: a reference reading of a comment's text. */
function unescapeComment(body: string): string {
  return body.replace(/\\(u[0-9a-f]{4}|n|r|t|\\|\/)/g, (_escape, escaped: string) => {
    if (escaped.startsWith("u")) return String.fromCharCode(Number.parseInt(escaped.slice(1), 16));
    return { n: "\n", r: "\r", t: "\t", "\\": "\\", "/": "/" }[escaped] ?? escaped;
  });
}

const lineTerminator = /[\n\r\u2028\u2029]/;
/** Half of a surrogate pair: not writable in UTF-8. */
const loneSurrogate = /\p{Cs}/u;

/** Runs code as a function body; it must return 42 if the comment in it is only a comment. */
function run(body: string): unknown {
  return new Function(`"use strict";\n${body}`)();
}

describe("escaping policy text for generated code", () => {
  it("a string literal evaluates to the text, on one line and in well-formed UTF-16", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const literal = stringLiteral(text);
        expect(literal).not.toMatch(lineTerminator);
        expect(literal).not.toMatch(loneSurrogate);
        expect(run(`return ${literal};`)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it("a `//` comment stays one line and gives the text back", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const comment = lineComment(text);
        expect(comment).not.toMatch(lineTerminator);
        expect(comment).not.toMatch(loneSurrogate);
        expect(comment.startsWith("// ")).toBe(true);
        expect(unescapeComment(comment.slice(3))).toBe(text);
        expect(run(`${comment}\nreturn 42;`)).toBe(42);
      }),
      { numRuns: 3000 },
    );
  });

  it("a doc comment cannot be closed by the text and gives it back", () => {
    fc.assert(
      fc.property(anyText, anyText, (first, second) => {
        const single = `/** ${blockCommentText(first)} */`;
        expect(single.slice(3, -2)).not.toContain("*/");
        expect(unescapeComment(blockCommentText(first))).toBe(first);
        expect(run(`${single}\nreturn 42;`)).toBe(42);
        const block = printModule([{ kind: "doc", lines: [first, "", second] }], "ts").trimEnd().split("\n");
        expect(block.join("\n")).not.toMatch(loneSurrogate);
        expect(block.every((line) => !lineTerminator.test(line))).toBe(true);
        expect(run(`${block.join("\n")}\nreturn 42;`)).toBe(42);
      }),
      { numRuns: 3000 },
    );
  });

  it("ordinary text stays as written", () => {
    expect(lineComment("§4 \"按月发放不超过6个月的失业补助金\"")).toBe("// §4 \"按月发放不超过6个月的失业补助金\"");
    expect(blockCommentText("失业保险金标准 (元/月)")).toBe("失业保险金标准 (元/月)");
    expect(stringLiteral("兰州")).toBe('"兰州"');
  });

  it("what ends a comment is written as an escape", () => {
    expect(lineComment("M\nconsole.log('PWNED')")).toBe("// M\\nconsole.log('PWNED')");
    expect(lineComment("x\u2028process.exit()")).toBe("// x\\u2028process.exit()");
    expect(blockCommentText("a */ b")).toBe("a *\\/ b");
    expect(stringLiteral("a\u2029b")).toBe('"a\\u2029b"');
  });
});
