/**
 * The heart of the SQL target: on 10,000 seeded scenarios of the benchmark's workload (dates,
 * amounts and counts drawn around the policy's boundaries), the interpreter, the compiled
 * JavaScript, DuckDB and PostgreSQL write the same line for every scenario, byte for byte.
 * Each engine loads the scenarios once and answers in one query.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgramIR } from "../../compiler/ir.js";
import { scenarioText } from "../../bench/workload.js";
import { startPostgres, type LocalPostgres } from "../../bench/postgres-server.js";
import { compiledLines, duckdbLines, interpreterLine, lanzhouProgram, mismatches, postgresLines, temporaryFolder } from "./support.js";

const SCENARIOS = 10_000;
const SEED = 289;

describe("the SQL target agrees with the interpreter on the Lanzhou policy", () => {
  let program: ProgramIR;
  let texts: string[];
  let expected: string[];
  let postgres: LocalPostgres | undefined;
  const folder = temporaryFolder("differential");

  beforeAll(async () => {
    postgres = await startPostgres();
    program = await lanzhouProgram();
    texts = Array.from({ length: SCENARIOS }, (_, index) => scenarioText(SEED, index));
    expected = texts.map((text, index) => interpreterLine(program, text, index + 1));
  }, 120_000);
  afterAll(() => {
    postgres?.stop();
    folder.remove();
  });

  it("compiled JavaScript", async () => {
    expect(mismatches(texts, expected, await compiledLines(program, texts), "compiled JavaScript").slice(0, 5)).toEqual([]);
  });

  it("DuckDB", async () => {
    expect(mismatches(texts, expected, await duckdbLines(program, texts, folder.path), "DuckDB").slice(0, 5)).toEqual([]);
  }, 120_000);

  it("PostgreSQL", async () => {
    if (postgres === undefined) throw new Error("the PostgreSQL server did not start");
    expect(mismatches(texts, expected, await postgresLines(program, texts, folder.path, postgres), "PostgreSQL").slice(0, 5)).toEqual([]);
  }, 240_000);
});
