/**
 * The example draft is the published policy plus exactly its listed edits: re-made from the
 * published policy on every run, and compared with the folder in the repository.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { repositoryRoot } from "../format/repository-files.js";
import { draftFolder, makeDraft } from "./lanzhou-draft.js";

const update = process.env["UPDATE_GOLDEN"] === "1";

it("the draft folder is the published policy with the draft's edits", () => {
  const expected = makeDraft(repositoryRoot);
  const folder = join(repositoryRoot, draftFolder);
  if (update) {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    for (const [name, text] of expected) writeFileSync(join(folder, name), text);
  }
  const actual = new Map(readdirSync(folder).sort().map((name) => [name, readFileSync(join(folder, name), "utf8")]));
  expect([...actual.keys()]).toEqual([...expected.keys()].sort());
  for (const [name, text] of expected) expect(actual.get(name), `${draftFolder}/${name} (UPDATE_GOLDEN=1 re-creates it)`).toBe(text);
});
