/**
 * The example draft is an amendment of the published policy that states exactly its listed
 * edits: compiled with the published policy, it is the same program as the published
 * policy's files with those edits (test/diff/lanzhou-draft.ts), so `tiao diff` gives the same
 * change list either way; and its README says so.
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import type { ProgramIR } from "../../compiler/ir.js";
import { repositoryRoot } from "../format/repository-files.js";
import { draftEdits, draftFolder, draftReadme, fullDraft, publishedFolder } from "./lanzhou-draft.js";
import { compileOrFail, noticeOf, programOf } from "./support.js";

const update = process.env["UPDATE_GOLDEN"] === "1";

/** The program without what says where it was written: spans, the amendment's marks on its values, its `amends`. */
function meaning(program: ProgramIR): unknown {
  return JSON.parse(
    JSON.stringify(program, (key, value: unknown) => (key === "span" || key === "amendment" || key === "amends" ? undefined : value)),
  );
}

it("the draft, an amendment, compiles to the published policy with the draft's edits", () => {
  const whole = [...fullDraft(repositoryRoot)].map(([name, text]) => ({ path: `${draftFolder}/${name}`, text }));
  const expected = compileOrFail(whole, noticeOf(publishedFolder));
  const amendment = programOf(draftFolder);
  expect(amendment.policy.amends).toBe("../lanzhou-2021-289");
  expect(meaning(amendment)).toEqual(meaning(expected));
});

it("states only what it changes: a file for each edited file, each marked as an example draft", () => {
  const folder = join(repositoryRoot, draftFolder);
  const tiaoFiles = readdirSync(folder).filter((name) => name.endsWith(".tiao")).sort();
  expect(tiaoFiles).toEqual([...new Set(draftEdits.map((edit) => edit.file))].sort());
  for (const name of tiaoFiles) expect(readFileSync(join(folder, name), "utf8")).toMatch(/^# 示例草案（example draft, not law）/u);
  expect(readdirSync(folder).filter((name) => !name.endsWith(".tiao"))).toEqual(["README.md"]);
});

it("its README lists the draft's changes", () => {
  const file = join(repositoryRoot, draftFolder, "README.md");
  if (update) writeFileSync(file, draftReadme);
  expect(readFileSync(file, "utf8"), `${draftFolder}/README.md (UPDATE_GOLDEN=1 rewrites it)`).toBe(draftReadme);
});
