/**
 * The formatter's two promises, on generated trees and on every .tiao file of the
 * repository: reading the formatted text gives back the tree (modulo spans), and formatting
 * formatted text changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PolicyFile } from "../../compiler/ast.js";
import { formatPolicy } from "../../compiler/format/format.js";
import { parenthesize } from "../../compiler/format/parentheses.js";
import { parseFile } from "../../compiler/parse.js";
import { policyFile, withoutSpans } from "./ast-arbitraries.js";
import { repositoryTiaoFiles } from "./repository-files.js";
import { fuzzParameters } from "../fuzz/budget.js";

function declarationsOf(file: PolicyFile): unknown {
  return withoutSpans(file.declarations);
}

describe("formatting generated trees", () => {
  it("reads back as the same tree, with the parentheses its structure needs", () => {
    fc.assert(
      fc.property(policyFile, (ast) => {
        const formatted = formatPolicy(ast);
        const parsed = parseFile(ast.file, formatted);
        expect(parsed.diagnostics).toEqual([]);
        expect(declarationsOf(parsed.ast)).toEqual(declarationsOf(parenthesize(ast)));
      }),
      fuzzParameters("formatting generated trees reads back", 400),
    );
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(policyFile, (ast) => {
        const formatted = formatPolicy(ast);
        expect(formatPolicy(parseFile(ast.file, formatted).ast)).toBe(formatted);
      }),
      fuzzParameters("formatting generated trees is idempotent", 400),
    );
  });
});

describe("formatting the repository's .tiao files", () => {
  const files = repositoryTiaoFiles().filter((file) => parseFile(file.path, file.text).diagnostics.length === 0);

  it("finds files to format", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    describe(file.path, () => {
      const parsed = parseFile(file.path, file.text);
      const formatted = formatPolicy(parsed.ast);
      const reparsed = parseFile(file.path, formatted);

      it("reads back as the same tree and the same comments", () => {
        expect(reparsed.diagnostics).toEqual([]);
        expect(declarationsOf(reparsed.ast)).toEqual(declarationsOf(parsed.ast));
        expect(reparsed.ast.comments?.map((comment) => comment.text)).toEqual(parsed.ast.comments?.map((comment) => comment.text));
      });

      it("is idempotent", () => {
        expect(formatPolicy(reparsed.ast)).toBe(formatted);
      });

      it("needs no parentheses beyond those written", () => {
        expect(parenthesize(parsed.ast)).toEqual(parsed.ast);
      });

      // The policies are written as `tiao fmt` writes them (test fixtures may be laid out otherwise).
      if (file.path.startsWith("policies/")) {
        it("is in canonical form", () => {
          expect(file.text).toBe(formatted);
        });
      }
    });
  }
});
