/**
 * The SQL target's files: golden for the §4 fixture in both dialects (after a deliberate
 * change, `npx vitest run test/sql/emit.test.ts -u` rewrites them, and the diff is reviewed
 * like code), and the diagnostic T0701 for what the target refuses to lay out.
 */
import { describe, expect, it } from "vitest";
import { catalog } from "../../compiler/diagnostics/catalog.js";
import { emitSql } from "../../compiler/sql/emit.js";
import { m4Policy } from "../interpret/policy-m4.js";
import { e, entityDecl, field, measure, program, recordDecl, simple, t } from "../support/ir-builders.js";

describe("SQL files of the §4 fixture", () => {
  for (const dialect of ["duckdb", "postgres"] as const) {
    it(dialect, async () => {
      const { files, diagnostics } = emitSql(m4Policy, { dialect });
      expect(diagnostics).toEqual([]);
      expect(files.map((f) => f.name)).toEqual(["tiao-setup.sql", ...m4Policy.measures.map((m) => `${m.name}.sql`), "tiao-results.sql"]);
      for (const file of files) await expect(file.text).toMatchFileSnapshot(`golden/m4.${dialect}/${file.name}`);
    });
  }

  it("cites each rule above its expression", () => {
    const measureFile = emitSql(m4Policy, { dialect: "duckdb" }).files.find((f) => f.name === `${m4Policy.measures[0]!.name}.sql`);
    const citation = m4Policy.measures[0]!.definitions.flatMap((d) => d.rules).find((r) => r.citation !== undefined)?.citation;
    expect(citation).toBeDefined();
    expect(measureFile?.text).toContain(`-- ${citation!.clause} "${citation!.quote}"`);
  });
});

describe("T0701: what the SQL target cannot lay out", () => {
  const nested = program({
    records: [
      recordDecl("child", [field("age", t.integer)]),
      recordDecl("member", [field("children", t.list("child"))]),
      entityDecl("household", [field("members", t.list("member")), field("size", t.integer)]),
    ],
    measures: [measure("m", [simple("size", t.integer, e.fact("household", "size", t.integer))])],
  });

  it("refuses a list inside a list item, at the field, and writes no file", () => {
    const { files, diagnostics } = emitSql(nested, { dialect: "duckdb" });
    expect(files).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
      ["T0701", "error", "the SQL target cannot lay out `children`, a list inside a list item"],
    ]);
    const member = nested.schema.records.find((r) => r.name === "member");
    expect(diagnostics[0]?.span).toEqual(member?.fields[0]?.span);
    expect(diagnostics[0]?.help).toBeDefined();
  });

  it("refuses an optional record", () => {
    const optional = program({
      records: [recordDecl("address", [field("city", t.integer)]), entityDecl("person", [field("address", t.optional(t.record("address")))])],
      measures: [measure("m", [simple("one", t.integer, e.int(1))])],
    });
    expect(emitSql(optional, { dialect: "postgres" }).diagnostics.map((d) => d.message)).toEqual([
      "the SQL target cannot lay out `person.address`, an optional record",
    ]);
  });

  it("is in the catalog", () => {
    expect(catalog.T0701.title).toBe("construct the SQL target cannot express");
  });
});
