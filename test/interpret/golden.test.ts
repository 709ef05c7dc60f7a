/**
 * Explanations are read by people: the explanation of the §4 fixture for a migrant worker
 * (an exception overriding the general rule) is golden. After a deliberate change,
 * `npx vitest run test/interpret/golden.test.ts -u` rewrites it; review the diff.
 */
import { expect, it } from "vitest";
import { eligiblePerson, m4Policy } from "./policy-m4.js";
import { run } from "./support.js";

it("explains the outputs of §4 for a migrant worker insured three months", async () => {
  const person = { ...eligiblePerson, migrant_worker: true, insured_months: 3 };
  const result = run(m4Policy, { date: "2021-11-15", person }, { explain: true });
  await expect(`${JSON.stringify({ ...result.outputs, explain: result.explain }, null, 2)}\n`).toMatchFileSnapshot("golden/m4-migrant.json");
});
