/**
 * The decimal facts the measures only compare (compiler/sql/compared-decimals.ts): a fact
 * compared with another decimal, directly, through a record passed to a definition, or in a
 * list's test, is one; the same fact read in any other way as well is not. DuckDB reads such a
 * fact from a Parquet DECIMAL(18,2) column as it is, and gives the Node engine's results.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decimalFactsOnlyCompared } from "../../compiler/sql/compared-decimals.js";
import { flatInputSql } from "../../node/sql/flat-files.js";
import { scratchFolder, tiao } from "../e2e/tiao.js";
import { compileText } from "../interpret/policy-m4.js";

/** A policy whose measure compares `firm.level`, `firm.other` and `firm.readings.*`, with `more` lines in its measure. */
function policy(more: string): string {
  return `policy firms {
  title "firms" document "d" issuer "i" issued 2021-01-01 version "1"
}
record reading "reading" {
  now: decimal "now"
  before: decimal "before"
}
record item "item" {
  size: decimal "size"
}
entity firm "firm" {
  level: decimal "level"
  other: decimal "other"
  maybe: optional decimal "maybe"
  readings: reading "readings"
  items: list of item "items"
}
measure m "m" {
  let fell(r: reading): bool
    = r.now < r.before or r.now = r.before
    cites §1 "q"

  output compared: bool
    = firm.level >= 1.005 and firm.level != firm.other and fell(firm.readings)
    cites §1 "q"

  output smaller: integer
    = count(i in firm.items where i.size < firm.level)
    cites §1 "q"
${more}
}
`;
}

// \`firm.maybe\` is read nowhere: nothing keeps it out
const all = ["firm.level", "firm.other", "firm.maybe", "firm.readings.now", "firm.readings.before"];

function onlyCompared(more = ""): string[] {
  return [...decimalFactsOnlyCompared(compileText(policy(more)))].sort();
}

describe("the decimal facts the measures only compare", () => {
  it("are those compared with a decimal, directly, through a record passed to a definition, or in a list's test", () => {
    expect(onlyCompared()).toEqual([...all].sort());
  });

  it("leave out a fact also added, given as an output, taken the least of, compared with a quotient, or defaulted", () => {
    const uses: [string, string[]][] = [
      ["output added: decimal = firm.level + 1.5 cites §1 \"q\"", ["firm.level"]],
      ["output shown: decimal = firm.level cites §1 \"q\"", ["firm.level"]],
      ["output least: decimal = min(firm.level, 2.5) cites §1 \"q\"", ["firm.level"]],
      // a comparison with a quotient is made in wide decimals: both sides leave
      ["output third: bool = firm.other < firm.level / 3 cites §1 \"q\"", ["firm.level", "firm.other"]],
      ["output counted: decimal = sum(firm.level for i in firm.items) cites §1 \"q\"", ["firm.level"]],
      ["output defaulted: decimal = firm.maybe otherwise firm.level cites §1 \"q\"", ["firm.maybe", "firm.level"]],
      ["output whole: integer = round(firm.level) cites §1 \"q\"", ["firm.level"]],
    ];
    for (const [use, left] of uses) {
      expect(onlyCompared(`\n  ${use}\n`), use).toEqual(all.filter((path) => !left.includes(path)).sort());
    }
  });

  it("leave out the fields of a record whose definition does more than compare them", () => {
    const more = `
  let change(r: reading): decimal
    = r.now - r.before
    cites §1 "q"

  output grew: bool
    = change(firm.readings) > 0
    cites §1 "q"
`;
    expect(onlyCompared(more)).toEqual(["firm.level", "firm.maybe", "firm.other"]);
  });
});

describe("a Parquet DECIMAL(18,2) column of a fact the measures only compare", () => {
  let scratch: ReturnType<typeof scratchFolder>;
  beforeAll(() => {
    scratch = scratchFolder();
  });
  afterAll(() => scratch.remove());

  // `firm.other` is also added to: read as DECIMAL(38,10); the others only compared
  const text = policy(`
  output raised: decimal
    = firm.other + 0.005
    cites §1 "q"
`);
  const program = compileText(text);
  const decimalColumns = ["firm.level", "firm.other", "firm.maybe", "firm.readings.now", "firm.readings.before"];
  const columnTypes = (decimal: string): Map<string, string> =>
    new Map([["date", "DATE"], ...decimalColumns.map((name) => [name, decimal] as const), ["firm.readings", "BOOLEAN"], ["firm.items", "STRUCT(size DECIMAL(18,2))[]"]]);

  it("is read as it is, where a wider column, or a fact read otherwise, is widened to DECIMAL(38,10)", () => {
    const narrow = flatInputSql(program, "firms.parquet", "parquet", columnTypes("DECIMAL(18,2)")).casesView(true);
    for (const name of ["firm.level", "firm.maybe", "firm.readings.now", "firm.readings.before"]) expect(narrow).toContain(`src."${name}" AS "${name}"`);
    expect(narrow).toContain(`CAST(src."firm.other" AS DECIMAL(38,10)) AS "firm.other"`);
    const wide = flatInputSql(program, "firms.parquet", "parquet", columnTypes("DECIMAL(20,2)")).casesView(true);
    for (const name of decimalColumns) expect(wide).toContain(`CAST(src."${name}" AS DECIMAL(38,10)) AS "${name}"`);
  });

  it("gives the Node engine's results, compared with literals of more decimals and with facts of other types", async () => {
    const values = ["-1.01", "0", "1", "1.01", "99999999999999.99"];
    const scenarios: { level: string; other: string; now: string; before: string; maybe: string | undefined; sizes: string[] }[] = [];
    let n = 0;
    for (const level of values)
      for (const other of values)
        for (const now of values)
          for (const before of values) {
            n++;
            scenarios.push({ level, other, now, before, maybe: n % 3 === 0 ? undefined : values[n % values.length], sizes: n % 2 === 0 ? [] : [values[n % values.length]!, "0.5"] });
          }
    const ndjson = join(scratch.path, "firms.ndjson");
    writeFileSync(
      ndjson,
      scenarios
        .map((s) =>
          JSON.stringify({
            date: "2024-06-01",
            firm: { level: s.level, other: s.other, ...(s.maybe === undefined ? {} : { maybe: s.maybe }), readings: { now: s.now, before: s.before }, items: s.sizes.map((size) => ({ size })) },
          }),
        )
        .map((line) => `${line}\n`)
        .join(""),
    );
    const parquet = join(scratch.path, "firms.parquet");
    const decimal = (value: string | undefined): string => (value === undefined ? "CAST(NULL AS DECIMAL(18,2))" : `CAST('${value}' AS DECIMAL(18,2))`);
    const rows = scenarios.map(
      (s, index) =>
        `(${index}, DATE '2024-06-01', ${decimal(s.level)}, ${decimal(s.other)}, ${decimal(s.maybe)}, TRUE, ${decimal(s.now)}, ${decimal(s.before)}, [${s.sizes.map((size) => `{'size': ${decimal(size)}}`).join(", ")}])`,
    );
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    try {
      await connection.run(
        `COPY (SELECT * EXCLUDE (n) FROM (VALUES ${rows.join(", ")}) AS t(n, "date", "firm.level", "firm.other", "firm.maybe", "firm.readings", "firm.readings.now", "firm.readings.before", "firm.items") ORDER BY n) TO '${parquet}' (FORMAT parquet)`,
      );
      const described = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${parquet}')`)).getRows().map((row) => [String(row[0]), String(row[1])] as const);
      expect(new Map(described)).toEqual(columnTypes("DECIMAL(18,2)"));
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
    const policyFile = join(scratch.path, "firms.tiao");
    writeFileSync(policyFile, text);
    const node = tiao(["run", policyFile, "--scenarios", ndjson, "--out", join(scratch.path, "node.ndjson")]);
    expect(node.stderr).toMatch(/^625 scenarios, 0 with errors/);
    const duckdb = tiao(["run", policyFile, "--scenarios", parquet, "--out", join(scratch.path, "duckdb.ndjson"), "--engine", "duckdb"], { timeoutMs: 120_000 });
    expect(duckdb.stderr).toMatch(/^625 scenarios, 0 with errors/);
    const expected = readFileSync(join(scratch.path, "node.ndjson"), "utf8");
    // both kinds of outcome are among the lines
    expect(expected).toContain('"compared":true');
    expect(expected).toContain('"compared":false');
    expect(readFileSync(join(scratch.path, "duckdb.ndjson"), "utf8")).toBe(expected);
  }, 120_000);
});
