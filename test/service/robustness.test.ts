/**
 * Whatever the text and the position, the language service answers without throwing: an
 * editor asks at every keystroke, in text that is mostly broken.
 */
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createLanguageService } from "../../compiler/service/index.js";
import { lanzhou, lanzhouFolder, positionAtOffset, textOf } from "./support.js";

const m4 = `${lanzhouFolder}/m4.tiao`;
const policy = lanzhou();
const original = textOf(policy, m4);
const service = createLanguageService();

/** Pieces of tiao that make half-written text likelier than random characters alone. */
const fragment = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom("person.", "parameters.", "ui_status.", " = ", " in {", "match ", "(", ")", "{", "}", "let x: ", "rule r = ", "count(t in ", "§4 \"", "\"", "#", "12 ", "元", "exception e to ", "\n"),
);

describe("the language service on broken text", () => {
  test("never throws, whatever is typed where, and wherever it is asked", () => {
    fc.assert(
      fc.property(fc.nat(original.length), fc.array(fragment, { maxLength: 4 }), fc.nat(original.length + 20), fc.string({ maxLength: 8 }), (at, typed, askedAt, newName) => {
        const text = original.slice(0, at) + typed.join("") + original.slice(at);
        service.setFiles(policy.sources.map((source) => (source.path === m4 ? { path: m4, text } : source)), { notice: policy.notice });
        const position = positionAtOffset(text, Math.min(askedAt, text.length));
        expect(Array.isArray(service.completions(m4, position))).toBe(true);
        service.hover(m4, position);
        service.definition(m4, position);
        service.references(m4, position);
        service.rename(m4, position, newName);
        service.quickFixes(m4, { file: m4, start: position, end: position });
        service.format(m4);
      }),
      { numRuns: 100 },
    );
  });
});
