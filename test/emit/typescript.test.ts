import { describe, expect, it } from "vitest";
import { m4Policy } from "../interpret/policy-m4.js";
import { everyOperationPolicy } from "./policies.js";
import { scratchFolder, typeCheck, writeGenerated } from "./compiled.js";

describe("generated TypeScript", () => {
  it("type-checks with --strict, and so do the declarations of the JavaScript", async () => {
    const folder = scratchFolder("typecheck");
    writeGenerated(folder, everyOperationPolicy);
    expect(await typeCheck(folder)).toBe("");
    const m4 = scratchFolder("typecheck-m4");
    writeGenerated(m4, m4Policy);
    expect(await typeCheck(m4)).toBe("");
  });
});
