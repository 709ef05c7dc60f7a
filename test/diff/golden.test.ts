/**
 * The diff a reviewer reads, golden in its three formats: the published policy against the
 * example draft, through the built command. The search is seeded and the report has no
 * timings, so the output is the same on every run. After a deliberate change,
 * `UPDATE_GOLDEN=1 npx vitest run test/diff/golden.test.ts` rewrites the files; review the diff.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tiao } from "../e2e/tiao.js";

const update = process.env["UPDATE_GOLDEN"] === "1";
const published = "policies/lanzhou-2021-289";
const draft = "policies/lanzhou-2021-289-draft";

describe("tiao diff of the published policy and the draft", () => {
  for (const [format, extension] of [
    ["text", "txt"],
    ["markdown", "md"],
    ["json", "json"],
  ] as const) {
    it(`is golden as ${format}`, () => {
      const result = tiao(["diff", published, draft, "--format", format]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const file = join(import.meta.dirname, "golden", `published-vs-draft.${extension}`);
      if (update) writeFileSync(file, result.stdout);
      expect(result.stdout).toBe(readFileSync(file, "utf8"));
    });
  }
});

it("docs/diff.md shows the real output of the diff", () => {
  const doc = readFileSync(join(import.meta.dirname, "..", "..", "docs", "diff.md"), "utf8");
  const golden = readFileSync(join(import.meta.dirname, "golden", "published-vs-draft.txt"), "utf8");
  expect(doc).toContain(`\`\`\`text\n${golden}\`\`\``);
});
