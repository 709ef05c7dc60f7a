import { it } from "vitest";
import { compileOrFail, policySources, publishedPolicy } from "./support.js";
it("x", () => {
  const a = compileOrFail(policySources(publishedPolicy));
  const m = a.measures.find((m) => m.name === "m2")!;
  console.log(JSON.stringify(m.window, (k, v) => (k === "span" ? undefined : v)));
});
