/**
 * The Monaco (Monarch) tokenizer of tiao, generated from the grammar's own token
 * definitions (grammar/tokens.ts), so that highlighting cannot drift from the lexer: the
 * same patterns in the lexer's order, keywords from its keyword list. Plain JSON-able data
 * (patterns as regular-expression source strings).
 */
import type { TokenType } from "chevrotain";
import {
  allTokens,
  BinaryOperator,
  ClauseRef,
  Comma,
  Colon,
  Comment,
  CurlyQuotedString,
  DateLiteral,
  DaysUnit,
  Dot,
  FatArrow,
  HanText,
  Identifier,
  Keyword,
  LBrace,
  LParen,
  MoneyUnit,
  MonthsUnit,
  NumberLiteral,
  Percent,
  PrimitiveType,
  RBrace,
  RParen,
  StringLiteral,
  TimeLiteral,
  UnterminatedString,
  WhiteSpace,
  keywords,
} from "../../grammar/tokens.js";

/** Monarch token classes, which Monaco's themes colour. */
function tokenClass(token: TokenType): string | undefined {
  const categories = token.CATEGORIES ?? [];
  if (token === WhiteSpace) return "white";
  if (token === Comment) return "comment";
  if (token === StringLiteral || token === CurlyQuotedString) return "string";
  if (token === UnterminatedString) return "string.invalid";
  if (token === ClauseRef) return "tag";
  if (token === DateLiteral || token === TimeLiteral || token === NumberLiteral) return "number";
  if (token === LBrace || token === RBrace || token === LParen || token === RParen) return "@brackets";
  if (token === Comma || token === Colon || token === Dot) return "delimiter";
  if (token === FatArrow || token === Percent || categories.includes(BinaryOperator)) return "operator";
  if (token === HanText) return "identifier";
  if (categories.includes(MoneyUnit) || categories.includes(MonthsUnit) || categories.includes(DaysUnit)) return "keyword";
  return undefined;
}

function patternSource(token: TokenType): string | undefined {
  const pattern = token.PATTERN;
  if (typeof pattern === "string") return pattern.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return pattern instanceof RegExp ? pattern.source : undefined;
}

/** The tokenizer definition for `monaco.languages.setMonarchTokensProvider`. */
export function monarchLanguage(): object {
  const rules: unknown[] = [];
  for (const token of allTokens) {
    const source = patternSource(token);
    if (source === undefined) continue;
    if (token === Identifier) {
      rules.push([source, { cases: { "@typeKeywords": "type", "@keywords": "keyword", "@default": "identifier" } }]);
      continue;
    }
    // keywords are matched as names, so that `insured` is one name and not `in` + `sured`
    if (token.CATEGORIES?.includes(Keyword) === true) continue;
    const action = tokenClass(token);
    if (action !== undefined) rules.push([source, action]);
  }
  const typeKeywords = allTokens.filter((token) => token.CATEGORIES?.includes(PrimitiveType) === true).map((token) => token.PATTERN as string);
  return {
    defaultToken: "invalid",
    tokenPostfix: ".tiao",
    keywords: keywords.filter((word) => !typeKeywords.includes(word)),
    typeKeywords,
    brackets: [
      { open: "{", close: "}", token: "delimiter.curly" },
      { open: "(", close: ")", token: "delimiter.parenthesis" },
    ],
    tokenizer: { root: rules },
  };
}
