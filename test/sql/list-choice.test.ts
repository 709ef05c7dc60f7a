/**
 * `max(… for x in L)` and `min(… for x in L)` in the SQL target: the largest or smallest term
 * of a list's items that pass the `where`, absent for an empty list or when none passes,
 * every item evaluated (an error in any item's term is the case's error), of every kind that
 * has an order. DuckDB and PostgreSQL write the interpreter's line for every scenario.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { duckdbComparison, mismatches, personScenarios, postgresForTests, postgresLines } from "./support.js";

const text = `policy choices {
  title    "choices"
  document "d"
  issuer   "i"
  issued   2024-01-01
  version  "1"
}

record item {
  amount: money
  share: decimal
  day: date
  at: time
  count: integer
  months: months
  rate: percent
  kept: bool
}

entity person {
  items: list of item
  factor: integer
}

measure choices "choices" {
  output largest_amount: optional money
    = max(i.amount for i in person.items)
    cites §1 "q"

  output smallest_kept_share: optional decimal
    = min(i.share for i in person.items where i.kept)
    cites §1 "q"

  output largest_share_times: optional decimal
    = max(i.share * i.rate for i in person.items where not i.kept)
    cites §1 "q"

  output latest_day: optional date
    = max(i.day for i in person.items)
    cites §1 "q"

  output earliest_kept_time: optional time
    = min(i.at for i in person.items where i.kept)
    cites §1 "q"

  output smallest_rate: optional percent
    = min(i.rate for i in person.items)
    cites §1 "q"

  output largest_product: optional integer
    = max(i.count * person.factor for i in person.items where i.kept)
    cites §1 "q"

  output latest_end: optional date
    = max(i.day + i.months for i in person.items)
    cites §1 "q"

  output smallest_months: optional months
    = min(i.months for i in person.items where i.count > 3)
    cites §1 "q"
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "choices.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

/** Items written out: ties, an empty list, none kept, and terms that fail (too large, a date beyond 9999). */
const handWritten = [
  { items: [], factor: 2 },
  { items: [item({ kept: false }), item({ kept: false, amount: "3.00" })], factor: 2 },
  { items: [item({ share: "-1.5" }), item({ share: "-1.50", amount: "9.99" }), item({ share: "2", kept: false })], factor: 3 },
  { items: [item({ count: 2 ** 40 }), item({ count: 5 })], factor: 2 ** 20 },
  { items: [item({ months: 100_000 }), item({})], factor: 1 },
  { items: [item({ day: "2024-02-29", months: 12 }), item({ day: "2025-02-28", months: 0, at: "00:00" })], factor: 0 },
];

function item(fields: Record<string, unknown>): Record<string, unknown> {
  return { amount: "1.00", share: "0.5", day: "2024-01-31", at: "08:30", count: 4, months: 1, rate: "60%", kept: true, ...fields };
}

describe("max and min over a list's items in the SQL target", () => {
  let policy: ProgramIR;
  let texts: string[];
  let expected: string[];
  const { folder, server } = postgresForTests("choice");

  beforeAll(async () => {
    policy = program();
    ({ texts, expected } = personScenarios(policy, handWritten));
  }, 120_000);

  it("the scenarios reach empty lists, ties, and errors inside items", () => {
    expect(expected[0]).toContain('"largest_amount":null');
    expect(expected[1]).toContain('"smallest_kept_share":null');
    expect(expected[2]).toContain('"smallest_kept_share":"-1.5"');
    expect(expected[3]).toContain("evaluation_error");
    expect(expected[4]).toContain("evaluation_error");
    expect(expected[5]).toContain('"latest_end":"2025-02-28"');
    expect(expected.filter((line) => line.includes('"largest_amount":null')).length).toBeGreaterThan(50);
    expect(expected.filter((line) => line.includes('"smallest_kept_share":"')).length).toBeGreaterThan(300);
    expect(expected.filter((line) => line.includes("evaluation_error")).length).toBeGreaterThan(20);
  });

  it("DuckDB", async () => {
    const { mismatches: found, beyond } = await duckdbComparison(policy, texts, folder, expected);
    expect(beyond.filter((b) => b).length).toBeLessThan(texts.length / 2);
    expect(found.slice(0, 5)).toEqual([]);
  }, 120_000);

  it("PostgreSQL", async () => {
    expect(mismatches(texts, expected, await postgresLines(policy, texts, folder, server()), "PostgreSQL").slice(0, 5)).toEqual([]);
  }, 120_000);
});
