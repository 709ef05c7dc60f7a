/**
 * The texts DuckDB writes for percentages, amounts and times of a day (tiao_percent_text,
 * tiao_money_text, tiao_time_text: read from lists of texts made once for the query where the
 * value is among the common ones, formatted otherwise) against runtime/money.ts and
 * runtime/dates.ts, on both sides of every such list's edges and on values far beyond them.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import { describe, expect, it } from "vitest";
import { runtimeFunctions } from "../../compiler/sql/dialect.js";
import { formatMoney, formatPercent, type Money, type Percent } from "../../runtime/money.js";
import { formatTime, type TimeOfDay } from "../../runtime/dates.js";

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

function percents(): number[] {
  const chosen = [0, 1, 9, 10, 99, 100, 5000, 9999, 10001, 125000, 995000, 999999, 1000001, 1005000, 1010000, 1500000, 12345678, MAX_SAFE, -1, -10000, -50000, -125000, -1000000, -1010000, -MAX_SAFE];
  // every whole percentage from -5% to 105%
  for (let p = -5; p <= 105; p++) chosen.push(p * 10000);
  return chosen;
}

async function texts(macro: string, values: readonly number[]): Promise<(string | null)[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    await connection.run(runtimeFunctions("duckdb"));
    await connection.run("CREATE TABLE v (i INTEGER, v BIGINT)");
    await connection.run(`INSERT INTO v VALUES ${values.map((value, i) => `(${i}, ${value})`).join(", ")}`);
    const rows = (await connection.runAndReadAll(`SELECT ${macro}(v) FROM v ORDER BY i`)).getRows();
    return rows.map(([text]) => (text === null ? null : String(text)));
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe("values written as text in DuckDB, as the runtime writes them", () => {
  it("percentages: every whole one around 0% and 100%, fractions, negatives, the largest", async () => {
    const values = percents();
    const got = await texts("tiao_percent_text", values);
    expect(got).toEqual(values.map((p) => formatPercent(p as Percent)));
  });

  it("amounts in fen: zero, fen, yuan, negatives, the largest", async () => {
    const values = [0, 1, 9, 10, 99, 100, 101, 182000, 7407_40, 123456789, MAX_SAFE, -1, -99, -100, -250_50, -MAX_SAFE];
    const got = await texts("tiao_money_text", values);
    expect(got).toEqual(values.map((m) => formatMoney(m as Money)));
  });

  it("times of a day: every minute of the day", async () => {
    const values = Array.from({ length: 1440 }, (_, minute) => minute);
    const got = await texts("tiao_time_text", values);
    expect(got).toEqual(values.map((t) => formatTime(t as TimeOfDay)));
  });
});
