/**
 * The TextMate grammar kept in editors/vscode/ is the one generated from the grammar's
 * tokens, and it colours the policies' words as the lexer reads them.
 * `UPDATE_GOLDEN=1 npx vitest run test/service/textmate.test.ts` writes it again.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { Keyword, keywords, PrimitiveType, tiaoLexer } from "../../grammar/tokens.js";
import { textMateGrammar } from "../../compiler/service/textmate.js";
import { lanzhou } from "./support.js";

const file = join(import.meta.dirname, "..", "..", "editors", "vscode", "syntaxes", "tiao.tmLanguage.json");
const generated = `${JSON.stringify(textMateGrammar(), null, 2)}\n`;
if (process.env["UPDATE_GOLDEN"] === "1") writeFileSync(file, generated);

interface Grammar {
  readonly scopeName: string;
  readonly patterns: readonly { readonly name: string; readonly match: string }[];
}

const grammar = JSON.parse(generated) as Grammar;
const patterns = grammar.patterns.map((pattern) => ({ name: pattern.name, regex: new RegExp(pattern.match, "uy") }));

/** The scope TextMate gives the text at `offset`: the first pattern that matches there. */
function scopeAt(text: string, offset: number): string | undefined {
  return patterns.find((pattern) => {
    pattern.regex.lastIndex = offset;
    return pattern.regex.test(text);
  })?.name;
}

describe("TextMate grammar", () => {
  test("the file in editors/vscode/ is the generated grammar", () => {
    expect(readFileSync(file, "utf8")).toBe(generated);
    expect(grammar.scopeName).toBe("source.tiao");
  });

  test("names every keyword of the grammar", () => {
    const wordScopes = patterns.filter((pattern) => /^(keyword|storage|constant\.language)\./.test(pattern.name));
    const named = keywords.filter((word) => wordScopes.some((pattern) => new RegExp(`^(?:${pattern.regex.source})$`, "u").test(word)));
    expect(named).toEqual([...keywords]);
  });

  test("colours the Lanzhou policy's tokens as the lexer reads them", () => {
    for (const source of lanzhou().sources) {
      const lexed = tiaoLexer.tokenize(source.text);
      for (const token of lexed.tokens) {
        const scope = scopeAt(source.text, token.startOffset);
        const categories = token.tokenType.CATEGORIES ?? [];
        // a keyword read as a field name (`t.months`) is coloured as the word it is
        if (categories.includes(PrimitiveType)) expect(scope).toBe("storage.type.tiao");
        else if (categories.includes(Keyword)) expect(scope).toMatch(/^(keyword|constant\.language|storage)\./);
        else if (token.tokenType.name === "StringLiteral") expect(scope).toBe("string.quoted.double.tiao");
        else if (token.tokenType.name === "ClauseRef") expect(scope).toBe("entity.name.section.clause.tiao");
        else if (token.tokenType.name === "DateLiteral") expect(scope).toBe("constant.numeric.date.tiao");
        else if (token.tokenType.name === "Identifier") expect(scope).toBeUndefined();
      }
      for (const comment of lexed.groups["comments"] ?? []) expect(scopeAt(source.text, comment.startOffset)).toBe("comment.line.number-sign.tiao");
    }
  });
});
