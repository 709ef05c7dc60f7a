/**
 * examples/evaluate-case.ts imports the generated TypeScript of the Lanzhou policy as an
 * application would (type-checked by `tsc -p tsconfig.json` in `npm test`); built by
 * `npm run build`, it runs as plain JavaScript.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../emit/compiled.js";

describe("the example program", () => {
  it("evaluates §4 for a migrant worker through the generated module, with and without an override", () => {
    const output = execFileSync(process.execPath, [join(repositoryRoot, "dist", "examples", "evaluate-case.js")], { encoding: "utf8" });
    expect(output).toBe(
      "Lanzhou (five districts): temporary living subsidy 846.00 yuan × 3 months = 2538.00 yuan\n" +
        "a county (override): temporary living subsidy 636.00 yuan × 3 months = 1908.00 yuan\n",
    );
  });
});
