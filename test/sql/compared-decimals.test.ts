/**
 * The decimal facts the measures only compare (compiler/sql/compared-decimals.ts): a fact
 * compared with another decimal, directly, through a record passed to a definition, or in a
 * list's test, is one; the same fact read in any other way as well is not.
 */
import { describe, expect, it } from "vitest";
import { decimalFactsOnlyCompared } from "../../compiler/sql/compared-decimals.js";
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
