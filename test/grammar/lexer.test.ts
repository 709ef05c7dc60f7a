import { describe, expect, it } from "vitest";
import { allTokens, keywords, PrimitiveType, tiaoLexer, unitWords } from "../../grammar/tokens.js";
import { primitiveTypeNames } from "../../compiler/ast.js";

/** `TokenName:image` for each token, to compare at a glance. */
function lex(text: string): string[] {
  const result = tiaoLexer.tokenize(text);
  expect(result.errors).toEqual([]);
  return result.tokens.map((token) => `${token.tokenType.name}:${token.image}`);
}

describe("lexer", () => {
  it("has a type keyword for each of the AST's primitive type names", () => {
    const typeWords = allTokens.filter((token) => token.CATEGORIES?.includes(PrimitiveType) === true).map((token) => String(token.PATTERN));
    expect(typeWords.sort()).toEqual([...primitiveTypeNames].sort());
  });

  it("keeps names that start with a keyword whole", () => {
    expect(lex("months_used insured inner notes day_of_birth yuan_total")).toEqual([
      "Identifier:months_used",
      "Identifier:insured",
      "Identifier:inner",
      "Identifier:notes",
      "Identifier:day_of_birth",
      "Identifier:yuan_total",
    ]);
  });

  it("reads a currency code after a number only, and the same letters elsewhere as a name", () => {
    expect(lex("500 EUR 12.50EUR EUR m4 EUR 2021-10-20 USD 18:00 GBP 7 EURO")).toEqual([
      "NumberLiteral:500",
      "CurrencyCode:EUR",
      "NumberLiteral:12.50",
      "CurrencyCode:EUR",
      "Identifier:EUR",
      "Identifier:m4",
      "Identifier:EUR",
      "DateLiteral:2021-10-20",
      "Identifier:USD",
      "TimeLiteral:18:00",
      "Identifier:GBP",
      "NumberLiteral:7",
      "Identifier:EURO",
    ]);
  });

  it("reads three capitals after a number as a name where a name starts what follows: a match arm, a field", () => {
    expect(lex("LOW => 0  MID => 1  TOP, MAX => 2 EUR  USD, GBP => max(3 EUR, x)")).toEqual([
      "Identifier:LOW",
      "FatArrow:=>",
      "NumberLiteral:0",
      "Identifier:MID",
      "FatArrow:=>",
      "NumberLiteral:1",
      "Identifier:TOP",
      "Comma:,",
      "Identifier:MAX",
      "FatArrow:=>",
      "NumberLiteral:2",
      "CurrencyCode:EUR",
      "Identifier:USD",
      "Comma:,",
      "Identifier:GBP",
      "FatArrow:=>",
      "Identifier:max",
      "LParen:(",
      "NumberLiteral:3",
      "CurrencyCode:EUR",
      "Comma:,",
      "Identifier:x",
      "RParen:)",
    ]);
    expect(lex("size: integer otherwise 0 ABC: bool")).toContain("Identifier:ABC");
  });

  it("reads a unit right after its number", () => {
    expect(lex("6months 500元 3个月 1day 30天 12.5% 1458.00yuan")).toEqual([
      "NumberLiteral:6",
      "Months:months",
      "NumberLiteral:500",
      "YuanSign:元",
      "NumberLiteral:3",
      "MonthsWordZh:个月",
      "NumberLiteral:1",
      "Day:day",
      "NumberLiteral:30",
      "DaysWordZh:天",
      "NumberLiteral:12.5",
      "Percent:%",
      "NumberLiteral:1458.00",
      "Yuan:yuan",
    ]);
  });

  it("reads `days` as one word, not `day` and a name", () => {
    expect(lex("days day months month")).toEqual(["Days:days", "Day:day", "Months:months", "Month:month"]);
  });

  it("keeps any Unicode and unit words inside a text", () => {
    expect(lex('"3个月及以上" "参保不满1年 (6 months)" "a \\"quoted\\" word\\n"')).toEqual([
      'StringLiteral:"3个月及以上"',
      'StringLiteral:"参保不满1年 (6 months)"',
      'StringLiteral:"a \\"quoted\\" word\\n"',
    ]);
  });

  it("reads dates, times and clauses", () => {
    expect(lex("2021-10-20 18:00 §4 §3¶2 §preamble §closing")).toEqual([
      "DateLiteral:2021-10-20",
      "TimeLiteral:18:00",
      "ClauseRef:§4",
      "ClauseRef:§3¶2",
      "ClauseRef:§preamble",
      "ClauseRef:§closing",
    ]);
  });

  it("takes the shape of a malformed date or time, to report it precisely", () => {
    expect(lex("2021-1-5 9:00")).toEqual(["DateLiteral:2021-1-5", "TimeLiteral:9:00"]);
  });

  it("reads subtraction with spaces as subtraction", () => {
    expect(lex("2021 - 10 - 20")).toEqual([
      "NumberLiteral:2021",
      "Minus:-",
      "NumberLiteral:10",
      "Minus:-",
      "NumberLiteral:20",
    ]);
  });

  it("reads two-character operators before one-character ones", () => {
    expect(lex("a => b != c <= d >= e < f > g = h")).toEqual([
      "Identifier:a",
      "FatArrow:=>",
      "Identifier:b",
      "NotEquals:!=",
      "Identifier:c",
      "LessEquals:<=",
      "Identifier:d",
      "GreaterEquals:>=",
      "Identifier:e",
      "Less:<",
      "Identifier:f",
      "Greater:>",
      "Identifier:g",
      "Equals:=",
      "Identifier:h",
    ]);
  });

  it("skips full-width spaces and keeps comments apart", () => {
    const result = tiaoLexer.tokenize("let\u3000x # 依据民法典第1259条\n\u3000= 1");
    expect(result.errors).toEqual([]);
    expect(result.tokens.map((token) => token.image)).toEqual(["let", "x", "=", "1"]);
    expect(result.groups["comments"]?.map((token) => token.image)).toEqual(["# 依据民法典第1259条"]);
  });

  it("tracks lines and columns in UTF-16 units", () => {
    const [, second] = tiaoLexer.tokenize('"兰州"\n  元').tokens;
    expect(second).toMatchObject({ image: "元", startLine: 2, startColumn: 3, startOffset: 7 });
  });

  it("reads an unclosed text to the end of its line, and curly-quoted text, as tokens of their own", () => {
    expect(lex('"open\n“弯引号” x')).toEqual(['UnterminatedString:"open', "CurlyQuotedString:“弯引号”", "Identifier:x"]);
  });

  it("reports characters it cannot read, once per run", () => {
    const result = tiaoLexer.tokenize("a @@ b ¤ c");
    expect(result.errors.map((error) => [error.offset, error.length])).toEqual([
      [2, 2],
      [7, 1],
    ]);
    expect(result.tokens.map((token) => token.image)).toEqual(["a", "b", "c"]);
  });

  it("reads Chinese words outside quotes as one token, after the Chinese unit words", () => {
    expect(lex("参保月数 3个月及以上")).toEqual(["HanText:参保月数", "NumberLiteral:3", "MonthsWordZh:个月", "HanText:及以上"]);
  });
});

describe("token vocabulary", () => {
  it("gives every token a label a drafter can read", () => {
    for (const token of allTokens) expect(token.LABEL, token.name).toBeTruthy();
  });

  it("lists the reserved words of the language reference", () => {
    expect(keywords).toEqual(expect.arrayContaining(["policy", "measure", "cites", "otherwise", "months", "month", "day", "yuan"]));
    expect(new Set(keywords).size).toBe(keywords.length);
    for (const word of keywords) expect(lex(word)).toHaveLength(1);
  });

  it("reads years and the evaluation date, in English and in Chinese", () => {
    expect(lex("18years 1年 evaluation_date 评估日 评估日期")).toEqual([
      "NumberLiteral:18",
      "Years:years",
      "NumberLiteral:1",
      "YearsWordZh:年",
      "EvaluationDate:evaluation_date",
      "EvaluationDateZh:评估日",
      "HanText:评估日期",
    ]);
  });

  it("lists the unit words", () => {
    expect(unitWords).toEqual(["yuan", "元", "months", "month", "个月", "days", "day", "天", "years", "year", "年"]);
  });
});
