/**
 * What integrators read is golden: the generated code and schemas of the §4 fixture, kept
 * beside this test. After a deliberate change, `npx vitest run test/emit/golden.test.ts -u`
 * rewrites them, and the diff is reviewed like code.
 */
import { describe, expect, it } from "vitest";
import { emitJsonSchema } from "../../compiler/emit/schema.js";
import { emitJavaScript, emitTypeScript } from "../../compiler/emit/typescript.js";
import { m4Policy } from "../interpret/policy-m4.js";

const options = { runtimeImport: "../runtime/index.js" };

describe("generated files of the §4 fixture", () => {
  it("TypeScript", async () => {
    await expect(emitTypeScript(m4Policy, options)).toMatchFileSnapshot("golden/m4.ts.golden");
  });

  it("JavaScript and its declarations", async () => {
    const { js, dts } = emitJavaScript(m4Policy, options);
    await expect(js).toMatchFileSnapshot("golden/m4.js.golden");
    await expect(dts).toMatchFileSnapshot("golden/m4.d.ts.golden");
  });

  it("JSON Schemas", async () => {
    const { scenario, outputs } = emitJsonSchema(m4Policy);
    await expect(`${JSON.stringify(scenario, null, 2)}\n`).toMatchFileSnapshot("golden/m4.scenario.schema.json");
    await expect(`${JSON.stringify(outputs, null, 2)}\n`).toMatchFileSnapshot("golden/m4.outputs.schema.json");
  });
});
