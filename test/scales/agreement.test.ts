/**
 * A policy with a scale through every back end: generated code and the interpreter both
 * apply it through the runtime's `applyScale` and agree on random scenarios, around every
 * date a threshold or rate changes (before the first bracket too, where both fail alike);
 * the SQL target compiles it; `tiao fmt` keeps it as it is.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { formatSource } from "../../compiler/format/format.js";
import { emitSql } from "../../compiler/sql/emit.js";
import { checkAgreement } from "../emit/agreement.js";

const text = `policy scales {
  title    "scales"
  document "d"
  issuer   "i"
  issued   2021-11-05
  version  "1"
}

entity person {
  salary: money
  bonus: money
}

parameter contribution: scale {
  bracket low {
    threshold 0 yuan from 2013-01-01
      source "law"
    rate 3% from 2013-01-01
      source "law"
    rate 4% from 2015-01-01
      source "law"
  }
  bracket middle {
    threshold 1200 yuan from 2013-01-01
      source "law"
    threshold 600.50 yuan from 2017-01-01
      source "law"
    rate 10% from 2013-01-01
      source "law"
    rate 12.5% from 2015-01-01
      source "law"
  }
  bracket high {
    threshold 2400 yuan from 2017-01-01 until 2019-12-31
      source "law"
    rate 40% from 2017-01-01
      source "law"
  }
}

measure m {
  output marginal_part: money
    = round(marginal(contribution, person.salary))
    cites §1 "q"

  output single_part: money
    = round_down(single_rate(contribution, person.salary + person.bonus))
    cites §1 "q"

  output difference: money
    = round_up(single_rate(contribution, person.salary) - marginal(contribution, person.salary))
    cites §1 "q"
}
`;

function program(): ProgramIR {
  const { program, diagnostics } = compile([{ path: "scales.tiao", text }]);
  if (program === undefined) throw new Error(diagnostics.map((d) => `${d.code} ${d.message}`).join("\n"));
  return program;
}

describe("scales", () => {
  it("generated code agrees with the interpreter", async () => {
    await checkAgreement(program(), { name: "agree-scales", runs: 500 });
  });

  it("the SQL target applies the scale (test/sql/series-scale.test.ts compares its results)", () => {
    for (const dialect of ["duckdb", "postgres"] as const) {
      const { files, diagnostics } = emitSql(program(), { dialect });
      expect(diagnostics).toEqual([]);
      expect(files.find((f) => f.name === "m.sql")?.text).toContain("tiao_scale_yuan(");
    }
  });

  it("is in the canonical layout of tiao fmt", () => {
    expect(formatSource("scales.tiao", text)).toEqual({ kind: "formatted", text });
  });
});
