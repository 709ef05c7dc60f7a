/**
 * The Monarch tokenizer of tiao, built from the grammar's own lists of keywords and unit
 * words (grammar/tokens.ts), so that highlighting cannot drift from the language.
 */
import { keywords, unitWords } from "../../../grammar/tokens.js";

export function tiaoMonarch(): object {
  const typeWords = ["bool", "integer", "decimal", "money", "percent", "date", "time", "months", "days"];
  return {
    defaultToken: "",
    keywords: keywords.filter((word) => !typeWords.includes(word) && !unitWords.includes(word)),
    typeKeywords: keywords.filter((word) => typeWords.includes(word)),
    unitWords: unitWords.filter((word) => /^[a-z]/u.test(word)),
    tokenizer: {
      root: [
        [/#.*$/u, "comment"],
        [/"([^"\\]|\\.)*"/u, "string"],
        [/“[^”]*”/u, "string"],
        [/§\d+(¶\d+)?/u, "annotation"],
        [/\d{4}-\d{2}-\d{2}/u, "number.date"],
        [/\d{1,2}:\d{2}/u, "number.time"],
        [/\d[\d,]*(\.\d+)?%?/u, "number"],
        [/元|个月|天/u, "keyword.unit"],
        [/[a-zA-Z_][\w]*/u, { cases: { "@keywords": "keyword", "@typeKeywords": "type", "@unitWords": "keyword.unit", "@default": "identifier" } }],
        [/[{}()]/u, "@brackets"],
        [/=>|!=|<=|>=|[<>=+\-*]/u, "operator"],
      ],
    },
  };
}
