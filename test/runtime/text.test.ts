/** What a text may hold (runtime/text.ts): the scenario readers, the checker and the SQL readers all ask it. */
import { describe, expect, it } from "vitest";
import { startsWith, TEXT_MAX_LENGTH, textProblem } from "../../runtime/text.js";

describe("textProblem", () => {
  it("takes postal codes, the empty text, quotes, backslashes and Chinese", () => {
    for (const text of ["730000", "", 'a"b\\c', "${x}", "</script>", "北京市朝阳区", "\u00a0"]) expect(textProblem(text), text).toBeUndefined();
  });

  it("counts characters, not UTF-16 units: 200 characters beyond U+FFFF are a text, 201 are not", () => {
    expect(TEXT_MAX_LENGTH).toBe(200);
    expect(textProblem("😀".repeat(200))).toBeUndefined();
    expect(textProblem("😀".repeat(201))).toMatch(/at most 200 characters/u);
    expect(textProblem("7".repeat(200))).toBeUndefined();
    expect(textProblem("7".repeat(201))).toMatch(/at most 200 characters/u);
  });

  it("refuses control characters (C0, DEL, C1), line and paragraph separators and unpaired surrogates", () => {
    for (const text of ["7300\u0000", "a\tb", "a\nb", "\u007f", "\u0085", "\u009f", "\u2028", "\u2029", "\ud800", "a\udc00", "\udc00\ud800"]) {
      expect(textProblem(text), JSON.stringify(text)).toMatch(/control characters/u);
    }
  });
});

describe("startsWith", () => {
  it("compares the beginning as written: every text begins with the empty text, a prefix longer than the text never", () => {
    expect(startsWith("730105", "7301")).toBe(true);
    expect(startsWith("730105", "")).toBe(true);
    expect(startsWith("7301", "730105")).toBe(false);
    expect(startsWith("730105", "7302")).toBe(false);
    expect(startsWith("%730", "%")).toBe(true);
  });
});
