/**
 * parseFile reads anything: it never throws, and what it returns is usable (spans inside
 * the text, diagnostics that render, a tree that formats). Text is random, made of the
 * language's own words, or a real policy with tokens deleted, inserted and duplicated.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import { renderDiagnostic } from "../../compiler/diagnostics/render.js";
import { formatPolicy } from "../../compiler/format/format.js";
import { parseFile } from "../../compiler/parse.js";
import { keywords, tiaoLexer } from "../../grammar/tokens.js";
import { repositoryTiaoFiles } from "../format/repository-files.js";

function expectUsable(text: string): Diagnostic[] {
  const { ast, diagnostics } = parseFile("fuzz.tiao", text);
  const starts = new Set<number>();
  for (const diagnostic of diagnostics) {
    const { span } = diagnostic;
    expect(span.start).toBeGreaterThanOrEqual(0);
    expect(span.end).toBeGreaterThanOrEqual(span.start);
    expect(span.end).toBeLessThanOrEqual(text.length);
    expect(span.line).toBeGreaterThanOrEqual(1);
    expect(span.column).toBeGreaterThanOrEqual(1);
    expect(diagnostic.message).toMatch(/^[^A-Z]/u);
    expect(diagnostic.help).toBeTruthy();
    expect(starts.has(span.start)).toBe(false);
    starts.add(span.start);
    expect(renderDiagnostic(diagnostic, text)).toContain(`[${diagnostic.code}]`);
  }
  expect(typeof formatPolicy(ast)).toBe("string");
  return diagnostics;
}

const vocabulary = [
  ...keywords,
  ...["{", "}", "(", ")", ",", ":", ".", "=>", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "%", "元", "个月", "天"],
  ...["x", "person", "t", "m4", "500", "12.5", "2021-10-20", "18:00", "§4", "§3¶2", '"引文"', '"open', "“弯”", "# note\n", "\n", "@", "，"],
];

const wordSoup = fc.array(fc.constantFrom(...vocabulary), { maxLength: 80 }).map((words) => words.join(" "));

describe("parseFile on any text", () => {
  it("never throws on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "binary", maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 300 })), (text) => {
        expectUsable(text);
      }),
      { numRuns: 500 },
    );
  });

  it("never throws on the language's own words in any order", () => {
    fc.assert(
      fc.property(wordSoup, (text) => {
        expectUsable(text);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("parseFile on a real policy, mutated", () => {
  const [policy] = repositoryTiaoFiles("policies").filter((file) => file.path === "policies/lanzhou-2021-289/m3.tiao");
  const text = policy?.text ?? "";
  const tokens = tiaoLexer.tokenize(text).tokens.map((token) => ({ start: token.startOffset, end: (token.endOffset ?? token.startOffset) + 1 }));

  it("starts from a policy without diagnostics", () => {
    expect(tokens.length).toBeGreaterThan(100);
    expect(parseFile("m3.tiao", text).diagnostics).toEqual([]);
  });

  type Mutation = { kind: "delete"; at: number } | { kind: "duplicate"; at: number } | { kind: "insert"; at: number; word: string };

  const position = fc.nat({ max: tokens.length - 1 });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: position }),
    fc.record({ kind: fc.constant("duplicate" as const), at: position }),
    fc.record({ kind: fc.constant("insert" as const), at: position, word: fc.constantFrom(...vocabulary) }),
  );

  /** Applies the mutations from the end of the text backwards, so that offsets stay valid. */
  function mutate(mutations: readonly Mutation[]): string {
    let result = text;
    for (const change of [...mutations].sort((a, b) => b.at - a.at)) {
      const token = tokens[change.at];
      if (token === undefined) continue;
      const image = result.slice(token.start, token.end);
      const replacement =
        change.kind === "delete" ? "" : change.kind === "duplicate" ? `${image} ${image}` : `${change.word} ${image}`;
      result = `${result.slice(0, token.start)}${replacement}${result.slice(token.end)}`;
    }
    return result;
  }

  it("never throws, and reports where the text was changed", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 5 }), (mutations) => {
        expectUsable(mutate(mutations));
      }),
      { numRuns: 500 },
    );
  });

  it("reports a deleted closing brace and keeps the measure", () => {
    const lastBrace = text.lastIndexOf("}");
    const result = parseFile("m3.tiao", text.slice(0, lastBrace));
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["T0107"]);
    expect(result.ast.declarations.map((declaration) => declaration.name.name)).toEqual(["m3"]);
  });
});

describe("parseFile on a declaration full of errors", () => {
  it("stops reading it after 20 errors, and reads the next declaration", () => {
    const broken = `measure m {\n${'  let a: bool = x cites §1 "x" 1\n'.repeat(40)}}\nenum kept { a }`;
    const result = parseFile("broken.tiao", broken);
    const codes = result.diagnostics.map((diagnostic) => diagnostic.code);
    expect(codes.filter((code) => code === "T0107")).toHaveLength(20);
    expect(codes.filter((code) => code === "T0111")).toHaveLength(1);
    expect(result.ast.declarations.map((declaration) => declaration.name.name)).toEqual(["kept"]);
  });
});

describe("parseFile on deeply nested text", () => {
  it("reports nesting it cannot follow, and reads the next file normally", () => {
    const depth = 20_000;
    const deep = `measure deep {\n  let x: bool = ${"(".repeat(depth)}a${")".repeat(depth)} cites §1 "x"\n}\nenum kept { a }`;
    const result = parseFile("deep.tiao", deep);
    expect(result.diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.span.line])).toEqual([["T0110", 1]]);
    expect(result.ast.declarations.map((declaration) => declaration.name.name)).toEqual(["kept"]);
    expect(parseFile("next.tiao", 'measure m { let x: bool = ((a)) cites §1 "x" }').diagnostics).toEqual([]);
  });

  it("reads the nesting a policy may need", () => {
    const nested = `measure m {\n  let x: bool = ${"(".repeat(40)}a${")".repeat(40)} cites §1 "x"\n}`;
    expect(parseFile("nested.tiao", nested).diagnostics).toEqual([]);
  });
});
