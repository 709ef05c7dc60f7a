/**
 * The guard of an error (compiler/sql/error-guard.ts): TRUE wherever the error is not NULL,
 * so that the guarded error is the error on every row, checked in DuckDB on every
 * combination of TRUE, FALSE and NULL conditions, errors and values.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorGuard, guardedError } from "../../compiler/sql/error-guard.js";

const booleans = ["TRUE", "FALSE", "NULL"];
const texts = ["NULL", `'"e"'`];

// the shapes the emitter writes (compiler/sql/expression.ts): firstError, errorWhen, failsWhenNull, siblings' conflicts, a rule's exceptions
const errors: readonly string[] = [
  `COALESCE(s."x#error", CASE WHEN NOT s."p given" THEN '"parameter \`p\` has no value on ' || CAST(s.d AS VARCHAR) || '"' END, CASE WHEN s.v IS NULL THEN '"too large"' END)`,
  `CASE WHEN s.a THEN COALESCE(CASE WHEN NOT s."p given" THEN '"no p"' END, CASE WHEN s.v IS NULL THEN '"too large"' END) ELSE NULL END`,
  `COALESCE(CASE WHEN (s.a AND s.b) THEN '"x: a, b"' END, CASE WHEN NOT (s.a OR s.b) THEN '"x: no rule"' END, CASE WHEN s.a THEN NULL WHEN s.b THEN s."x#error" END, CASE WHEN (s.a AND s.b) THEN '"y: a, b"' END, CASE WHEN NOT (s.a OR s.b) THEN '"y: no rule"' END, CASE WHEN s.a THEN CASE WHEN s.c THEN NULL ELSE CASE WHEN s.v IS NULL THEN '"too large"' END END WHEN s.b THEN COALESCE(s."y#error", CASE WHEN s.w IS NULL THEN '"too large"' END) END)`,
  `CASE WHEN s.a THEN CASE WHEN s.b THEN s."x#error" ELSE CASE WHEN s.v IS NULL THEN '"too large"' END END END`,
  `COALESCE(CASE WHEN CASE WHEN s.b THEN s."x#error" END IS NOT NULL THEN CASE WHEN s.b THEN s."x#error" END WHEN (s.a AND s.c) THEN '"a, c"' END, CASE WHEN NOT s.a THEN CASE WHEN s.c THEN '"c"' END END)`,
  `COALESCE(CASE WHEN s.c THEN '"c"' END, CASE WHEN s.b THEN s."y#error" ELSE s."x#error" END, list_filter([s."x#error", s."y#error"], e -> e IS NOT NULL)[1])`,
  `COALESCE(CASE WHEN s.c THEN '"c"' END, (SELECT e FROM (VALUES (s."y#error"), (s."x#error")) AS t(e) WHERE e IS NOT NULL LIMIT 1))`,
];

let connection: Awaited<ReturnType<DuckDBInstance["connect"]>>;

beforeAll(async () => {
  connection = await (await DuckDBInstance.create(":memory:")).connect();
  const columns = { a: booleans, b: booleans, c: booleans, '"p given"': booleans, '"x#error"': texts, '"y#error"': texts, v: ["NULL", "1"], w: ["NULL", "2"] };
  const sources = Object.entries(columns).map(([name, values]) => `(VALUES ${values.map((v) => `(${v})`).join(", ")}) AS ${name.replaceAll('"', "").replace(/[^a-z]/g, "_")}(${name})`);
  await connection.run(`CREATE TABLE s AS SELECT *, DATE '2024-01-01' AS d FROM ${sources.join(" CROSS JOIN ")}`);
});

afterAll(() => connection?.closeSync());

async function count(sql: string): Promise<number> {
  const rows = (await connection.runAndReadAll(sql)).getRows();
  return Number(rows[0]![0]);
}

describe("the guard of an error", () => {
  it.each(errors.map((error, index) => [index, error] as const))("error %i: the guarded error is the error on every row", async (_index, error) => {
    const guard = errorGuard(error);
    expect(guard).toBeDefined();
    const rows = await count(`SELECT count(*) FROM s`);
    expect(rows).toBe(3 ** 4 * 2 ** 4);
    expect(await count(`SELECT count(*) FROM s WHERE (${error}) IS NOT NULL AND (${guard}) IS NOT TRUE`)).toBe(0);
    expect(await count(`SELECT count(*) FROM s WHERE (${guardedError(error)}) IS DISTINCT FROM (${error})`)).toBe(0);
    // and the guard leaves out rows: it is not TRUE everywhere
    expect(await count(`SELECT count(*) FROM s WHERE (${guard}) IS NOT TRUE`)).toBeGreaterThan(0);
  });

  it("names each condition once: the siblings of several outputs conflict under the same conditions", () => {
    const conflicts = (output: string): string => `CASE WHEN (s.a AND s.b) THEN '"${output}: a, b"' WHEN (s.a AND s.c) THEN '"${output}: a, c"' END`;
    const guard = errorGuard(`COALESCE(${conflicts("x")}, ${conflicts("y")}, ${conflicts("z")})`);
    expect(guard).toBe("(s.a AND s.b) OR (s.a AND s.c)");
  });

  it("leaves an error that is one test already, or that may be one on any row, as it is", () => {
    for (const error of [`s."x#error"`, `CASE WHEN s.v IS NULL THEN '"too large"' END`, `'"always"'`, `COALESCE(s."x#error", '"always"')`, `CASE WHEN s.a THEN NULL ELSE '"not a"' END`, `CASE WHEN (s.a AND s.b) THEN '"a, b"' WHEN (s.a AND s.c) THEN '"a, c"' END`]) {
      expect(errorGuard(error)).toBeUndefined();
      expect(guardedError(error)).toBe(error);
    }
  });

  it("reads quoted names and texts with brackets, commas and keywords in them", () => {
    const error = `COALESCE(s."a, (b) END", CASE WHEN s."c CASE" THEN '"it''s (END, WHEN"' END)`;
    expect(errorGuard(error)).toBe(`s."a, (b) END" IS NOT NULL OR s."c CASE"`);
  });
});
