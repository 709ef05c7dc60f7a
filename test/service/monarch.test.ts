/**
 * The Monaco tokenizer is the grammar's: run with Monarch's rules (first rule matching at
 * the position wins; a name is a keyword when it is one), it cuts every file of the
 * policies where the lexer does, and calls keywords what the lexer calls keywords.
 */
import { describe, expect, test } from "vitest";
import { Keyword, keywords, PrimitiveType, tiaoLexer } from "../../grammar/tokens.js";
import { monarchLanguage } from "../../compiler/service/index.js";
import { exampleFolders, lanzhouFolder, readPolicy } from "./support.js";

interface MonarchDefinition {
  readonly keywords: readonly string[];
  readonly typeKeywords: readonly string[];
  readonly tokenizer: { readonly root: readonly [string, string | { cases: Record<string, string> }][] };
}

const language = JSON.parse(JSON.stringify(monarchLanguage())) as MonarchDefinition;
const rules = language.tokenizer.root.map(([source, action]) => ({ pattern: new RegExp(source, "uy"), action }));

function monarchTokens(text: string): { start: number; text: string; token: string }[] {
  const tokens: { start: number; text: string; token: string }[] = [];
  let position = 0;
  while (position < text.length) {
    const rule = rules.find((candidate) => {
      candidate.pattern.lastIndex = position;
      return candidate.pattern.test(text);
    });
    if (rule === undefined) throw new Error(`no rule matches at ${position}: ${text.slice(position, position + 20)}`);
    const end = rule.pattern.lastIndex;
    const word = text.slice(position, end);
    const token =
      typeof rule.action === "string"
        ? rule.action
        : language.typeKeywords.includes(word) ? "type" : language.keywords.includes(word) ? "keyword" : "identifier";
    if (token !== "white") tokens.push({ start: position, text: word, token });
    position = end;
  }
  return tokens;
}

describe("monarch tokenizer", () => {
  test("is plain data, with the grammar's keywords", () => {
    expect([...language.keywords, ...language.typeKeywords].sort()).toEqual([...keywords].sort());
  });

  test.each([lanzhouFolder, ...exampleFolders()])("cuts the files of %s where the lexer does", (folder) => {
    for (const source of readPolicy(folder).sources) {
      const lexed = tiaoLexer.tokenize(source.text);
      const expected = [...lexed.tokens, ...(lexed.groups["comments"] ?? [])]
        .sort((a, b) => a.startOffset - b.startOffset)
        .map((token) => ({
          start: token.startOffset,
          text: token.image,
          token: token.tokenType.CATEGORIES?.includes(PrimitiveType) === true ? "type" : token.tokenType.CATEGORIES?.includes(Keyword) === true ? "keyword" : undefined,
        }));
      const found = monarchTokens(source.text);
      expect(found.map(({ start, text }) => ({ start, text }))).toEqual(expected.map(({ start, text }) => ({ start, text })));
      for (const [position, token] of expected.entries()) {
        if (token.token !== undefined) expect(found[position]?.token).toBe(token.token);
        else expect(["keyword", "type"]).not.toContain(found[position]?.token);
      }
    }
  });
});
