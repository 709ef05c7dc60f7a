import { describe, it } from "vitest";
import { m4Policy } from "../interpret/policy-m4.js";
import { checkAgreement } from "./agreement.js";
import { everyOperationPolicy } from "./policies.js";

describe("generated code agrees with the interpreter on random scenarios", () => {
  it("for a policy in the shape of §4", async () => {
    await checkAgreement(m4Policy, { name: "agree-m4" });
  });

  it("for a policy using every operation", async () => {
    await checkAgreement(everyOperationPolicy, { name: "agree-every-operation", runs: 1000 });
  });
});
