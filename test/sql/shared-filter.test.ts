/**
 * Aggregates of a measure that filter a list by the same test, alone or followed by tests of
 * their own, read the items that pass it from one column computed once for the case
 * (DuckDB, ExpressionContext.filteredLists): the same values and errors as filtering in
 * each aggregate. DuckDB and PostgreSQL write the interpreter's line for every scenario.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { emitSql } from "../../compiler/sql/emit.js";
import { duckdbComparison, mismatches, personScenarios, postgresForTests, postgresLines } from "./support.js";

const text = `policy shared {
  title    "shared"
  document "d"
  issuer   "i"
  issued   2024-01-01
  version  "1"
}

record item {
  kind: integer
  months: months
  count: integer
  kept: bool
}

entity person {
  items: list of item
  factor: integer
  capped: bool
  level: integer
}

measure shared "shared" {
  let wide: bool
    = person.level > 2 or person.capped
    cites §1 "q"

  let chosen(i: item): bool {
    rule general
      = i.kept and (i.kind > 1 or wide)
      cites §1 "q"
    exception capped to general
      when person.capped
      = i.kept and (i.kind = 3)
      cites §1 "q"
  }

  output chosen_with_months: integer
    = count(i in person.items where chosen(i) and i.months > 0 months)
    cites §1 "q"

  output chosen_months: months
    = sum(min(i.months, 3 months) for i in person.items where chosen(i))
    cites §1 "q"

  output any_chosen_large: bool
    = any(x in person.items where chosen(x) and x.count * person.factor > 10 and x.kind != 2)
    cites §1 "q"

  output largest_chosen: optional integer
    = max(i.count * person.factor for i in person.items where chosen(i))
    cites §1 "q"

  output all_kept: bool
    = all(i in person.items where i.kept)
    cites §1 "q"
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "shared.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

function item(fields: Record<string, unknown>): Record<string, unknown> {
  return { kind: 2, months: 1, count: 4, kept: true, ...fields };
}

/** Items written out: an empty list, none chosen, each rule, terms that fail (too large) in an item chosen and in one that is not. */
const handWritten = [
  { items: [], factor: 2, capped: false, level: 0 },
  { items: [item({ kept: false }), item({ kind: 2, months: 0 }), item({ kind: 5, months: 1 }), item({ kind: 1 })], factor: 2, capped: false, level: 0 },
  { items: [item({ kind: 1 }), item({ kind: 3, months: 7 }), item({ kind: 2, months: 0 })], factor: 3, capped: true, level: 5 },
  { items: [item({ kind: 0, months: 2 }), item({ kind: 5, count: 2 ** 40 })], factor: 2 ** 20, capped: false, level: 3 },
  { items: [item({ count: 2 ** 40 }), item({ kind: 3, count: 1 })], factor: 2 ** 20, capped: true, level: 0 },
  { items: [item({ count: 2 ** 40 }), item({ kind: 3, count: 1 })], factor: 2 ** 20, capped: false, level: 0 },
];

describe("aggregates that filter a list by the same test in the SQL target", () => {
  let policy: ProgramIR;
  let texts: string[];
  let expected: string[];
  const { folder, server } = postgresForTests("shared");

  beforeAll(async () => {
    policy = program();
    ({ texts, expected } = personScenarios(policy, handWritten));
  }, 120_000);

  it("DuckDB filters the list once for the four aggregates that test chosen(…), and not for the one that does not", () => {
    const measureFile = emitSql(policy, { dialect: "duckdb" }).files.find((f) => f.name === "shared.sql")?.text ?? "";
    const filtered = `"shared person.items where chosen"`;
    expect(measureFile).toContain(`AS ${filtered}`);
    expect(measureFile.split(`s.${filtered}`).length - 1).toBe(4);
    expect(measureFile).toContain(`len(list_filter(s.${filtered}, `);
    expect(measureFile).toMatch(/list_filter\(s\."person\.items", item\d+ -> NOT item\d+\."kept"\)/);
    const postgresFile = emitSql(policy, { dialect: "postgres" }).files.find((f) => f.name === "shared.sql")?.text ?? "";
    expect(postgresFile).not.toContain(filtered);
  });

  it("the scenarios reach empty lists, items chosen by each rule, and errors inside items", () => {
    expect(expected[0]).toContain('"chosen_with_months":0,"chosen_months":0,"any_chosen_large":false,"largest_chosen":null');
    expect(expected[1]).toContain('"chosen_with_months":1,"chosen_months":1');
    expect(expected[2]).toContain('"chosen_with_months":1,"chosen_months":3');
    expect(expected[3]).toContain("evaluation_error");
    expect(expected[4]).toContain('"any_chosen_large":true,"largest_chosen":1048576');
    expect(expected[5]).toContain("evaluation_error");
    expect(expected.filter((line) => /"chosen_with_months":[1-9]/.test(line)).length).toBeGreaterThan(200);
    expect(expected.filter((line) => line.includes('"any_chosen_large":true')).length).toBeGreaterThan(100);
    expect(expected.filter((line) => line.includes("evaluation_error")).length).toBeGreaterThan(10);
  });

  it("DuckDB", async () => {
    const { mismatches: found, beyond } = await duckdbComparison(policy, texts, folder, expected);
    expect(beyond.filter((b) => b).length).toBe(0);
    expect(found.slice(0, 5)).toEqual([]);
  }, 120_000);

  it("PostgreSQL", async () => {
    expect(mismatches(texts, expected, await postgresLines(policy, texts, folder, server()), "PostgreSQL").slice(0, 5)).toEqual([]);
  }, 120_000);
});
