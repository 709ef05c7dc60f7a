/**
 * `compile` is total: whatever the text, it returns diagnostics and never throws.
 * Random strings exercise the parser's recovery; mutations of the Lanzhou policy give
 * trees that parse but break names, types, units, dates and rules in random places.
 */
import { readFileSync, readdirSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import type { Source } from "../../compiler/compile.js";
import { compile } from "../../compiler/compile.js";

const policyFolder = "policies/lanzhou-2021-289";
const policy: readonly Source[] = readdirSync(policyFolder)
  .filter((name) => name.endsWith(".tiao"))
  .sort()
  .map((name) => ({ path: `${policyFolder}/${name}`, text: readFileSync(`${policyFolder}/${name}`, "utf8") }));
const notice = readFileSync(`${policyFolder}/notice.txt`, "utf8");

/** Pieces of tiao that keep a mutated text close to the language. */
const vocabulary = [
  "person.start", "person.insured_months", "enterprise.trainees", "t.months", "standard", "absent", "expired", "none",
  "6 months", "1 day", "500 yuan", "60%", "0.5", "12", "2021-02-30", "2021-10-20", "18:00", "25:00", "{}", "{expired}",
  "+", "-", "*", "=", "<", ">=", "and", "or", "not", "otherwise", "is present", "is absent", "in", "if", "then", "else",
  "match", "=>", "round(", "min(", "months(", "count(", "sum(", "for", "where", ")", "(", ",", ".", ":",
  "rule", "exception", "to", "when", "let", "output", "cites §1 \"疫情\"", "note \"n\"", "optional", "list of", "set of",
  "money", "date", "bool", "integer", "decimal", "in force from 2021-12-01 until 2021-01-01", "value 1 yuan from 2021-01-01 source \"s\"",
];

type Mutation = { readonly file: number; readonly at: number; readonly remove: number; readonly insert: string };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  file: fc.nat({ max: policy.length - 1 }),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.nat({ max: 40 }),
  insert: fc.oneof(fc.constantFrom(...vocabulary), fc.string({ maxLength: 8 }), fc.constant("")),
});

function mutate(sources: readonly Source[], mutations: readonly Mutation[]): Source[] {
  const texts = sources.map((source) => source.text);
  for (const { file, at, remove, insert } of mutations) {
    const text = texts[file] ?? "";
    const start = Math.floor(at * text.length);
    texts[file] = `${text.slice(0, start)} ${insert} ${text.slice(start + remove)}`;
  }
  return sources.map((source, index) => ({ path: source.path, text: texts[index] ?? "" }));
}

describe("compile never throws", () => {
  test("the Lanzhou policy itself compiles without diagnostics", () => {
    const result = compile(policy, { notice });
    expect(result.diagnostics).toEqual([]);
    expect(result.program?.measures).toHaveLength(10);
  });

  test("on arbitrary text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        const result = compile([{ path: "random.tiao", text }], { notice: text });
        expect(result.program === undefined || result.diagnostics.every((d) => d.severity === "warning")).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  test("on mutations of a valid policy", () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const result = compile(mutate(policy, mutations), { notice });
        for (const diagnostic of result.diagnostics) {
          expect(diagnostic.message.length).toBeGreaterThan(0);
          expect(diagnostic.span.line).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 200, seed: 20211105 },
    );
  });

  test("on mutations of a valid policy that keep it parsable", () => {
    const tokens = fc.constantFrom(...vocabulary.filter((piece) => /^[a-z_.0-9 %-]+$/.test(piece)));
    let checked = 0;
    fc.assert(
      fc.property(fc.nat({ max: policy.length - 1 }), fc.double({ min: 0, max: 1, noNaN: true }), tokens, (file, at, word) => {
        const sources = policy.map((source, index) => (index === file ? replaceWordAt(source, at, word) : source));
        const result = compile(sources, { notice });
        if (!result.diagnostics.some((d) => d.code.startsWith("T01"))) checked++;
        expect(result.diagnostics.filter((d) => !d.code.startsWith("T01")).every((d) => d.help !== undefined && d.help.length > 0)).toBe(true);
      }),
      { numRuns: 200, seed: 289 },
    );
    expect(checked, "some mutations reach the checker").toBeGreaterThan(30);
  });
});

/** Replaces the identifier (or number) nearest to a relative position with `word`. */
function replaceWordAt(source: Source, at: number, word: string): Source {
  const words = [...source.text.matchAll(/\b[a-z_][a-z_0-9]*\b|\b\d+(?:\.\d+)?\b/g)];
  const target = words[Math.floor(at * words.length)];
  if (target === undefined) return source;
  const start = target.index;
  return { path: source.path, text: source.text.slice(0, start) + word + source.text.slice(start + target[0].length) };
}
