/**
 * The notice beside the rules: every sentence of Lanzhou's notice, where it is, its
 * coverage and what cites it, from the same data as the coverage check.
 */
import { describe, expect, test } from "vitest";
import { compile } from "../../compiler/compile.js";
import { noticeCoverage } from "../../compiler/coverage.js";
import { noticeSentences } from "../../compiler/service/index.js";
import { lanzhou, textOf } from "./support.js";

const policy = lanzhou();
const program = compile(policy.sources, { notice: policy.notice }).program;
if (program === undefined) throw new Error("the Lanzhou policy does not compile");
const sentences = noticeSentences(program, policy.notice);

function offsetOf(position: { readonly line: number; readonly column: number }): number {
  const lines = policy.notice.split("\n").slice(0, position.line - 1);
  return lines.reduce((total, line) => total + line.length + 1, 0) + position.column - 1;
}

describe("notice sentences", () => {
  test("are the coverage check's sentences, each at its place in the notice", () => {
    expect(sentences.map((sentence) => sentence.text)).toEqual(noticeCoverage(program, policy.notice).flatMap((section) => section.sentences.map((s) => s.text)));
    for (const sentence of sentences) {
      expect(policy.notice.slice(sentence.startOffset, sentence.endOffset).replace(/\s+/gu, "")).toBe(sentence.text);
      expect(offsetOf(sentence.start)).toBe(sentence.startOffset);
      expect(offsetOf(sentence.end)).toBe(sentence.endOffset);
    }
    expect(new Set(sentences.map((sentence) => sentence.section))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
  });

  test("every sentence of the ten measures is encoded or marked not computable, with the reason", () => {
    expect(sentences.filter((sentence) => sentence.coverage === "unaccounted")).toEqual([]);
    const notComputable = sentences.filter((sentence) => sentence.coverage === "not_computable");
    expect(notComputable.length).toBeGreaterThan(0);
    for (const sentence of notComputable) {
      expect(sentence.citedBy.every((item) => item.kind === "not_computable" && item.reason !== undefined && item.reason.length > 0)).toBe(true);
    }
    const encoded = sentences.find((sentence) => sentence.text.includes("对参保不满1年的失业农民工"));
    expect(encoded?.coverage).toBe("encoded");
    expect(encoded?.citedBy.map((item) => item.name)).toContain("m4.unemployment_subsidy_eligible / migrant");
  });

  test("each citing item's range is its citation in the policy", () => {
    for (const item of sentences.flatMap((sentence) => sentence.citedBy)) {
      const line = textOf(policy, item.range.file).split("\n")[item.range.start.line - 1] ?? "";
      expect(line.slice(item.range.start.column - 1)).toMatch(new RegExp(`^${item.clause}\\s+"`, "u"));
    }
  });

  test("a sentence nothing cites is not accounted for (a policy without measure m7)", () => {
    const withoutM7 = policy.sources.filter((source) => !source.path.endsWith("/m7.tiao"));
    const partial = compile(withoutM7, { notice: policy.notice }).program;
    if (partial === undefined) throw new Error("the policy without m7 does not compile");
    const section7 = noticeSentences(partial, policy.notice).filter((sentence) => sentence.section === 7);
    expect(section7.length).toBeGreaterThan(0);
    expect(section7.some((sentence) => sentence.coverage === "unaccounted" && sentence.citedBy.length === 0)).toBe(true);
  });
});
