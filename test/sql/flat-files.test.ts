/**
 * How the cases' view reads a Parquet list of records: as the file holds it when its items
 * already have the types of `tiao_cases` (a row that can be read then holds the values as
 * they are), else rebuilt item by item. Results of both: test/sql/cli.test.ts.
 */
import { describe, expect, it } from "vitest";
import { flatInputSql } from "../../node/sql/flat-files.js";
import { compileText } from "../interpret/policy-m4.js";

const program = compileText(`policy things {
  title "things" document "d" issuer "i" issued 2021-01-01 version "1"
}
record item "item" {
  count: integer "count"
  flag: bool "flag"
  label: text "label"
}
entity thing "thing" {
  items: list of item "items"
}
measure m "m" {
  output n: integer
    = count(i in thing.items where i.flag)
    cites §1 "q"
}
`);

function casesView(itemsType: string): string {
  const columnTypes = new Map([
    ["date", "DATE"],
    ["thing.items", itemsType],
  ]);
  return flatInputSql(program, "things.parquet", "parquet", columnTypes).casesView(true);
}

describe("a Parquet list of records", () => {
  it("is read as the file holds it when its items have the types of tiao_cases", () => {
    expect(casesView("STRUCT(count BIGINT, flag BOOLEAN, label VARCHAR)[]")).toContain(`src."thing.items" AS "thing.items"`);
  });

  it("is rebuilt item by item when a field has another type, another place, or is missing", () => {
    for (const type of ["STRUCT(count INTEGER, flag BOOLEAN, label VARCHAR)[]", "STRUCT(flag BOOLEAN, count BIGINT, label VARCHAR)[]", "STRUCT(count BIGINT, flag BOOLEAN)[]"]) {
      const view = casesView(type);
      expect(view).not.toContain(`src."thing.items" AS "thing.items"`);
      expect(view).toContain("list_transform(src.\"thing.items\", x -> struct_pack(");
    }
  });
});
