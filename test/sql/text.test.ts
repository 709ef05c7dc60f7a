/**
 * Texts in the SQL target: the example policy that places a household by its postal code
 * (a set of texts, a prefix, a text output), on scenarios whose texts try to leave an SQL
 * string literal or a JSON string (quotes, backslashes, `'; --`, `${`, `</script>`, characters
 * beyond U+FFFF). DuckDB and PostgreSQL write the interpreter's line for every scenario.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { startPostgres, type LocalPostgres } from "../../bench/postgres-server.js";
import { examplePolicies } from "../examples/load.js";
import { sampleTexts } from "../support/arbitraries.js";
import { duckdbLines, interpreterLine, mismatches, postgresLines, temporaryFolder } from "./support.js";

const postalCodes = [...sampleTexts, "730105", "730300", "730400", "7301", "730", "a'b", "\\", "😀".repeat(200), "7".repeat(200)];
const prefixes = [undefined, "7304", "", "'", "%", "_", "7301%"];
const assistance = ["subsistence", "extreme_poverty", "none"];

/** Every postal code with each prefix override, persons and assistance varied, on a date in force. */
function scenarioTexts(): string[] {
  return postalCodes.flatMap((postal_code, index) =>
    prefixes.map((prefix, turn) =>
      JSON.stringify({
        date: "2024-12-01",
        ...(prefix === undefined ? {} : { parameters: { district_prefix: prefix } }),
        household: { assistance: assistance[(index + turn) % assistance.length], persons: (index + turn) % 5, postal_code },
      }),
    ),
  );
}

describe("texts in the SQL target, on the heating subsidy example", () => {
  let program: ProgramIR;
  let texts: string[];
  let expected: string[];
  let postgres: LocalPostgres | undefined;
  const folder = temporaryFolder("text");

  beforeAll(async () => {
    const example = examplePolicies().find((candidate) => candidate.name === "heating-subsidy");
    if (example === undefined) throw new Error("no heating-subsidy example");
    const compiled = compile(example.sources, example.options);
    if (compiled.program === undefined) throw new Error("the heating-subsidy example does not compile");
    program = compiled.program;
    texts = scenarioTexts();
    expected = texts.map((text, index) => interpreterLine(program, text, index + 1));
    postgres = await startPostgres();
  }, 120_000);
  afterAll(() => {
    postgres?.stop();
    folder.remove();
  });

  it("the scenarios exercise the texts: in a set, with a prefix, not, and text outputs with quotes", () => {
    expect(expected.filter((line) => line.includes('"mountain_area":true')).length).toBeGreaterThan(5);
    expect(expected.filter((line) => line.includes('"in_district":true')).length).toBeGreaterThan(10);
    expect(expected.filter((line) => line.includes('"in_district":false')).length).toBeGreaterThan(10);
    expect(expected.filter((line) => line.includes('"paid_by":"示例区民政局"')).length).toBeGreaterThan(10);
  });

  it("DuckDB", async () => {
    expect(mismatches(texts, expected, await duckdbLines(program, texts, folder.path), "DuckDB").slice(0, 5)).toEqual([]);
  }, 120_000);

  it("PostgreSQL", async () => {
    if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
    expect(mismatches(texts, expected, await postgresLines(program, texts, folder.path, postgres), "PostgreSQL").slice(0, 5)).toEqual([]);
  }, 120_000);
});
