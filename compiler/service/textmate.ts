/**
 * The TextMate grammar of tiao (for VS Code and the editors that read TextMate grammars),
 * generated from the grammar's own token definitions (grammar/tokens.ts) like the Monaco
 * tokenizer: the lexer's patterns, its keyword list and its unit words.
 * editors/vscode/syntaxes/tiao.tmLanguage.json is this grammar, written out by the test
 * that checks it (test/service/textmate.test.ts).
 */
import type { TokenType } from "chevrotain";
import {
  allTokens,
  ClauseRef,
  Comment,
  CurlyQuotedString,
  DateLiteral,
  HanText,
  Keyword,
  NumberLiteral,
  PrimitiveType,
  StringLiteral,
  TimeLiteral,
  UnterminatedString,
  keywords,
  unitWords,
} from "../../grammar/tokens.js";

function source(token: TokenType): string {
  const pattern = token.PATTERN;
  if (pattern instanceof RegExp) return pattern.source;
  if (typeof pattern === "string") return escaped(pattern);
  throw new Error(`token ${token.name} has no pattern of its own`);
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/** `\b(?:a|b)\b` for ASCII words (longest first), or the alternatives alone for Chinese ones. */
function words(list: readonly string[]): string {
  const sorted = [...list].sort((a, b) => b.length - a.length).map(escaped);
  return `\\b(?:${sorted.join("|")})\\b`;
}

const isAscii = (word: string): boolean => /^[A-Za-z_]+$/.test(word);

/** The grammar as JSON-able data, in TextMate's format. */
export function textMateGrammar(): object {
  const typeWords = allTokens.filter((token) => token.CATEGORIES?.includes(PrimitiveType) === true).map((token) => token.PATTERN as string);
  const units = unitWords.filter(isAscii).filter((word) => !typeWords.includes(word));
  const chineseUnits = unitWords.filter((word) => !isAscii(word));
  const otherKeywords = keywords.filter((word) => !typeWords.includes(word) && !units.includes(word));
  const operators = allTokens
    .filter((token) => token.CATEGORIES?.includes(Keyword) !== true && typeof token.PATTERN === "string" && /^[=!<>+\-*%]+$/.test(token.PATTERN))
    .map((token) => source(token));
  return {
    name: "tiao",
    scopeName: "source.tiao",
    fileTypes: ["tiao"],
    patterns: [
      { name: "comment.line.number-sign.tiao", match: source(Comment) },
      { name: "string.quoted.double.tiao", match: source(StringLiteral) },
      { name: "invalid.illegal.unterminated-string.tiao", match: source(UnterminatedString) },
      { name: "string.quoted.other.tiao", match: source(CurlyQuotedString) },
      { name: "entity.name.section.clause.tiao", match: source(ClauseRef) },
      { name: "constant.numeric.date.tiao", match: source(DateLiteral) },
      { name: "constant.numeric.time.tiao", match: source(TimeLiteral) },
      { name: "constant.numeric.tiao", match: source(NumberLiteral) },
      { name: "keyword.other.unit.tiao", match: `(?:${chineseUnits.map(escaped).join("|")})` },
      { name: "storage.type.tiao", match: words(typeWords) },
      { name: "keyword.other.unit.tiao", match: words(units) },
      { name: "constant.language.tiao", match: words(otherKeywords.filter((word) => word === "true" || word === "false" || word === "absent")) },
      { name: "keyword.control.tiao", match: words(otherKeywords.filter((word) => word !== "true" && word !== "false" && word !== "absent")) },
      { name: "keyword.operator.tiao", match: `(?:${operators.join("|")})` },
      { name: "invalid.illegal.chinese-name.tiao", match: source(HanText) },
    ],
  };
}
