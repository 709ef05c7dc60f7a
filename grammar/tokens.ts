/**
 * The tokens of tiao (Chevrotain 11).
 *
 * Every token has a LABEL written for a policy drafter: parse errors are built from them
 * ("expected a date such as 2021-10-20, found …"). The token list is exported so that the
 * playground's Monaco tokenizer is generated from it and keywords cannot drift.
 */
import { createToken, Lexer, type TokenType } from "chevrotain";

// ---------------------------------------------------------------- categories

/** Every reserved word. A field name may still be a reserved word (see parser.ts). */
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA, label: "a keyword" });
/** `bool integer decimal money percent date time text months days` */
export const PrimitiveType = createToken({ name: "PrimitiveType", pattern: Lexer.NA, label: "a type such as `money`" });
/** `yuan`, `元` */
export const MoneyUnit = createToken({ name: "MoneyUnit", pattern: Lexer.NA, label: "`yuan`" });
/** `months`, `month`, `个月` */
export const MonthsUnit = createToken({ name: "MonthsUnit", pattern: Lexer.NA, label: "`months`" });
/** `years`, `year`, `年`: twelve months each */
export const YearsUnit = createToken({ name: "YearsUnit", pattern: Lexer.NA, label: "`years`" });
/** `evaluation_date`, `评估日`: the date a case is evaluated on */
export const EvaluationDateWord = createToken({ name: "EvaluationDateWord", pattern: Lexer.NA, label: "`evaluation_date`" });
/** `days`, `day`, `天` */
export const DaysUnit = createToken({ name: "DaysUnit", pattern: Lexer.NA, label: "`days`" });
/** Every operator between two operands: `otherwise or and = != < <= > >= in + - * /` */
export const BinaryOperator = createToken({ name: "BinaryOperator", pattern: Lexer.NA, label: "an operator" });
/** The keys of the policy header whose value is a text: `title document issuer version notice` */
export const HeaderTextKey = createToken({ name: "HeaderTextKey", pattern: Lexer.NA, label: "a header field such as `title`" });

// ---------------------------------------------------------------- trivia

export const WhiteSpace = createToken({
  name: "WhiteSpace",
  // U+3000 is the full-width space of Chinese input methods; U+00A0 and U+FEFF come with pasted text
  pattern: /[ \t\r\n\u3000\u00A0\uFEFF]+/,
  group: Lexer.SKIPPED,
  line_breaks: true,
  label: "a space",
});

export const Comment = createToken({
  name: "Comment",
  pattern: /#[^\r\n]*/,
  group: "comments",
  label: "a comment",
});

// ---------------------------------------------------------------- literals

export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  label: "a name",
});

/**
 * Chinese words outside quotes, most often a name written in Chinese. Reported by parse.ts;
 * read as a name meanwhile, so that one mistake gives one diagnostic.
 */
export const HanText = createToken({
  name: "HanText",
  pattern: /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+/,
  label: "Chinese text",
  categories: [Identifier],
});

export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\r\n]|\\.)*"/,
  label: 'a text in quotes such as "…"',
});

/** A text whose closing quote is missing: lexed to the end of the line so that one diagnostic covers it. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\r\n]|\\.)*\\?/,
  label: "a text without its closing quote",
});

/** A text between Chinese quotes “…”, as input methods type them: reported, then read as a text. */
export const CurlyQuotedString = createToken({
  name: "CurlyQuotedString",
  pattern: /“[^”\r\n]*”/,
  label: "a text in curly quotes “…”",
});

/** `§4`, `§3¶2`; `§preamble` and `§closing`, the words before the first measure and after the last */
export const ClauseRef = createToken({
  name: "ClauseRef",
  pattern: /§(?:\d+(?:¶\d+)?|preamble|closing)/,
  label: "a clause such as §4",
});

/** The shape of a date; `YYYY-MM-DD` with two-digit month and day is checked in parse.ts, validity by the checker. */
export const DateLiteral = createToken({
  name: "DateLiteral",
  pattern: /\d+-\d+-\d+/,
  label: "a date such as 2021-10-20",
});

/** The shape of a time of day; `HH:MM` is checked in parse.ts. */
export const TimeLiteral = createToken({
  name: "TimeLiteral",
  pattern: /\d+:\d+/,
  label: "a time such as 18:00",
});

export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /\d+(?:\.\d+)?/,
  label: "a number",
});

/**
 * A currency code right after a number, `500 EUR`: three capital letters, the word of a
 * policy that declares `currency EUR`. Anywhere else the same letters are a name, and so they
 * are after a number where a name starts what follows, which an amount's unit never does: the
 * members of a match arm after the previous arm's value (`LOW => 0  MID => 1`,
 * `LOW => 0  MID, TOP => 1`) and a field after a default (`size: integer otherwise 0  ABC: bool`).
 */
const currencyCodeAfterNumber = /[A-Z]{3}(?![A-Za-z0-9_])(?!\s*(?::|=>|(?:,\s*[A-Za-z_][A-Za-z0-9_]*\s*)+=>))/y;

export const CurrencyCode = createToken({
  name: "CurrencyCode",
  pattern: {
    exec(text: string, offset: number): RegExpExecArray | null {
      let before = offset - 1;
      while (before >= 0 && /[ \t\u3000\u00A0]/.test(text[before] ?? "")) before--;
      if (before < 0 || !/[0-9]/.test(text[before] ?? "")) return null;
      // the digits must be a number's, not the end of a name (`m4`), a date or a time
      while (before >= 0 && /[0-9.]/.test(text[before] ?? "")) before--;
      if (before >= 0 && /[A-Za-z_\-:\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/.test(text[before] ?? "")) return null;
      currencyCodeAfterNumber.lastIndex = offset;
      return currencyCodeAfterNumber.exec(text);
    },
  },
  line_breaks: false,
  start_chars_hint: [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ"],
  label: "a currency code such as `EUR`",
  categories: [MoneyUnit],
});

// ---------------------------------------------------------------- punctuation

export const LBrace = createToken({ name: "LBrace", pattern: "{", label: "an opening brace `{`" });
export const RBrace = createToken({ name: "RBrace", pattern: "}", label: "a closing brace `}`" });
export const LParen = createToken({ name: "LParen", pattern: "(", label: "`(`" });
export const RParen = createToken({ name: "RParen", pattern: ")", label: "a closing parenthesis `)`" });
export const Comma = createToken({ name: "Comma", pattern: ",", label: "`,`" });
export const Colon = createToken({ name: "Colon", pattern: ":", label: "`:`" });
export const Dot = createToken({ name: "Dot", pattern: ".", label: "`.`" });
export const FatArrow = createToken({ name: "FatArrow", pattern: "=>", label: "`=>`" });
export const NotEquals = createToken({ name: "NotEquals", pattern: "!=", label: "`!=`", categories: [BinaryOperator] });
export const LessEquals = createToken({ name: "LessEquals", pattern: "<=", label: "`<=`", categories: [BinaryOperator] });
export const GreaterEquals = createToken({ name: "GreaterEquals", pattern: ">=", label: "`>=`", categories: [BinaryOperator] });
export const Less = createToken({ name: "Less", pattern: "<", label: "`<`", categories: [BinaryOperator] });
export const Greater = createToken({ name: "Greater", pattern: ">", label: "`>`", categories: [BinaryOperator] });
export const Equals = createToken({ name: "Equals", pattern: "=", label: "`=`", categories: [BinaryOperator] });
export const Plus = createToken({ name: "Plus", pattern: "+", label: "`+`", categories: [BinaryOperator] });
export const Minus = createToken({ name: "Minus", pattern: "-", label: "`-`", categories: [BinaryOperator] });
export const Star = createToken({ name: "Star", pattern: "*", label: "`*`", categories: [BinaryOperator] });
export const Slash = createToken({ name: "Slash", pattern: "/", label: "`/`", categories: [BinaryOperator] });
export const Percent = createToken({ name: "Percent", pattern: "%", label: "`%`" });

// ---------------------------------------------------------------- unit words in Chinese

export const YuanSign = createToken({ name: "YuanSign", pattern: "元", label: "`元`", categories: [MoneyUnit] });
export const MonthsWordZh = createToken({ name: "MonthsWordZh", pattern: "个月", label: "`个月`", categories: [MonthsUnit] });
export const DaysWordZh = createToken({ name: "DaysWordZh", pattern: "天", label: "`天`", categories: [DaysUnit] });
export const YearsWordZh = createToken({ name: "YearsWordZh", pattern: "年", label: "`年`", categories: [YearsUnit] });

// ---------------------------------------------------------------- keywords

function keyword(word: string, name: string, categories: TokenType[] = []): TokenType {
  return createToken({
    name,
    pattern: word,
    label: `\`${word}\``,
    // so that `insured` or `months_used` stay one name instead of `in` + `sured`
    longer_alt: Identifier,
    categories: [Keyword, ...categories],
  });
}

export const Policy = keyword("policy", "Policy");
export const Title = keyword("title", "Title", [HeaderTextKey]);
export const DocumentKw = keyword("document", "DocumentKw", [HeaderTextKey]);
export const Issuer = keyword("issuer", "Issuer", [HeaderTextKey]);
export const Issued = keyword("issued", "Issued");
export const Version = keyword("version", "Version", [HeaderTextKey]);
export const Notice = keyword("notice", "Notice", [HeaderTextKey]);
/** `amends "../base"`: the policy states only what it changes in another (compiler/amend.ts) */
export const Amends = keyword("amends", "Amends", [HeaderTextKey]);
export const Repeal = keyword("repeal", "Repeal");
export const Enum = keyword("enum", "Enum");
export const RecordKw = keyword("record", "RecordKw");
export const Entity = keyword("entity", "Entity");
export const Parameter = keyword("parameter", "Parameter");
export const Unit = keyword("unit", "Unit");
export const Value = keyword("value", "Value");
export const From = keyword("from", "From");
export const Until = keyword("until", "Until");
export const Source = keyword("source", "Source");
export const Note = keyword("note", "Note");
export const Measure = keyword("measure", "Measure");
export const In = keyword("in", "In", [BinaryOperator]);
export const Force = keyword("force", "Force");
export const Let = keyword("let", "Let");
export const Output = keyword("output", "Output");
export const RuleKw = keyword("rule", "RuleKw");
export const Exception = keyword("exception", "Exception");
export const To = keyword("to", "To");
export const When = keyword("when", "When");
export const Cites = keyword("cites", "Cites");
export const Not = keyword("not", "Not");
export const Computable = keyword("computable", "Computable");
export const Because = keyword("because", "Because");
export const If = keyword("if", "If");
export const Then = keyword("then", "Then");
export const Else = keyword("else", "Else");
export const Match = keyword("match", "Match");
export const And = keyword("and", "And", [BinaryOperator]);
export const Or = keyword("or", "Or", [BinaryOperator]);
export const True = keyword("true", "True");
export const False = keyword("false", "False");
export const Absent = keyword("absent", "Absent");
export const Is = keyword("is", "Is");
export const Present = keyword("present", "Present");
export const Otherwise = keyword("otherwise", "Otherwise", [BinaryOperator]);
export const For = keyword("for", "For");
export const Where = keyword("where", "Where");
export const Count = keyword("count", "Count");
export const Sum = keyword("sum", "Sum");
export const AnyKw = keyword("any", "AnyKw");
export const All = keyword("all", "All");
export const Optional = keyword("optional", "Optional");
export const List = keyword("list", "List");
export const SetKw = keyword("set", "SetKw");
export const Of = keyword("of", "Of");
export const Bool = keyword("bool", "Bool", [PrimitiveType]);
export const Integer = keyword("integer", "Integer", [PrimitiveType]);
export const DecimalKw = keyword("decimal", "DecimalKw", [PrimitiveType]);
export const MoneyKw = keyword("money", "MoneyKw", [PrimitiveType]);
export const PercentKw = keyword("percent", "PercentKw", [PrimitiveType]);
export const DateKw = keyword("date", "DateKw", [PrimitiveType]);
export const TimeKw = keyword("time", "TimeKw", [PrimitiveType]);
export const TextKw = keyword("text", "TextKw", [PrimitiveType]);
export const Months = keyword("months", "Months", [PrimitiveType, MonthsUnit]);
export const Days = keyword("days", "Days", [PrimitiveType, DaysUnit]);
export const Month = keyword("month", "Month", [MonthsUnit]);
export const Day = keyword("day", "Day", [DaysUnit]);
export const Yuan = keyword("yuan", "Yuan", [MoneyUnit]);
export const Years = keyword("years", "Years", [YearsUnit]);
export const Year = keyword("year", "Year", [YearsUnit]);
export const EvaluationDate = keyword("evaluation_date", "EvaluationDate", [EvaluationDateWord]);
/** `评估日`, the same word in Chinese; a longer run of Chinese text stays one (reported) name */
export const EvaluationDateZh = createToken({
  name: "EvaluationDateZh",
  pattern: "评估日",
  label: "`评估日`",
  longer_alt: HanText,
  categories: [EvaluationDateWord],
});

const keywordTokens: readonly TokenType[] = [
  Policy, Title, DocumentKw, Issuer, Issued, Version, Notice, Amends, Repeal, Enum, RecordKw, Entity, Parameter, Unit, Value,
  From, Until, Source, Note, Measure, In, Force, Let, Output, RuleKw, Exception, To, When, Cites, Not, Computable,
  Because, If, Then, Else, Match, And, Or, True, False, Absent, Is, Present, Otherwise, For, Where, Count, Sum,
  AnyKw, All, Optional, List, SetKw, Of, Bool, Integer, DecimalKw, MoneyKw, PercentKw, DateKw, TimeKw, TextKw, Months,
  Days, Month, Day, Yuan, Years, Year, EvaluationDate,
];

/** The reserved words, as written. */
export const keywords: readonly string[] = keywordTokens.map((token) => token.PATTERN as string);

/** The words that may follow a number as its unit. */
export const unitWords: readonly string[] = ["yuan", "元", "months", "month", "个月", "days", "day", "天", "years", "year", "年"];

/**
 * Every token type, in the order the lexer tries them. Longer patterns come first where two
 * could match at the same place (`=>` before `=`, `days` before `day`, a date before a number).
 */
export const allTokens: readonly TokenType[] = [
  WhiteSpace,
  Comment,
  StringLiteral,
  UnterminatedString,
  CurlyQuotedString,
  ClauseRef,
  DateLiteral,
  TimeLiteral,
  NumberLiteral,
  FatArrow,
  NotEquals,
  LessEquals,
  GreaterEquals,
  Less,
  Greater,
  Equals,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  LBrace,
  RBrace,
  LParen,
  RParen,
  Comma,
  Colon,
  Dot,
  YuanSign,
  CurrencyCode,
  MonthsWordZh,
  DaysWordZh,
  YearsWordZh,
  EvaluationDateZh,
  HanText,
  ...[...keywordTokens].sort((a, b) => (b.PATTERN as string).length - (a.PATTERN as string).length),
  Identifier,
  Keyword,
  PrimitiveType,
  MoneyUnit,
  MonthsUnit,
  DaysUnit,
  YearsUnit,
  EvaluationDateWord,
  BinaryOperator,
  HeaderTextKey,
];

/**
 * A lexer of tiao. Building one analyses every pattern; its validations (patterns that
 * match nothing or are never reached, line breaks) cost more than lexing a whole policy,
 * so the program's lexer skips them and the tests build one that runs them.
 */
export function createLexer(options: { readonly validate: boolean }): Lexer {
  return new Lexer([...allTokens], {
    positionTracking: "full",
    ensureOptimizations: true,
    skipValidations: !options.validate,
  });
}

/** The one lexer of the program, created once. */
export const tiaoLexer = createLexer({ validate: false });
