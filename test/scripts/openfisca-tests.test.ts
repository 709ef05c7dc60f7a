/**
 * The converter of the OpenFisca country template's YAML tests (scripts/openfisca-tests.mjs),
 * on small tests written here in the template's format: periods, entities, inputs by period,
 * a year spread over its months, an age given as an input, figures written as expressions,
 * reforms, and what it refuses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { convert } from "../../scripts/openfisca-tests.mjs";

const folder = mkdtempSync(join(tmpdir(), "openfisca-tests-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function testsOf(files: Record<string, string>): ReturnType<typeof convert> {
  const root = mkdtempSync(join(folder, "case-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(root, name, ".."), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  return convert(root);
}

describe("the OpenFisca test converter", () => {
  it("gives one test per output period, dated the first day of that period", () => {
    const tests = testsOf({
      "ages.yaml": "- name: Two months\n  period: 2020-05\n  input:\n    birth: 1990-03-10\n  output:\n    age:\n      2020-02: 29\n      2020-03: 30\n",
    });
    expect(tests.map((t) => [t.file, t.test.scenario.date, t.test.expected])).toEqual([
      ["ages-1-2020-02.json", "2020-02-01", { age: { age: [29] } }],
      ["ages-1-2020-03.json", "2020-03-01", { age: { age: [30] } }],
    ]);
    expect(tests[0]?.test.scenario.household).toEqual({ members: [{ role: "adult", birth: "1990-03-10" }] });
  });

  it("puts a lone person's inputs on an adult member, and the household's on the household", () => {
    const [test] = testsOf({ "one.yaml": "- name: Alone\n  period: 2019-06\n  input:\n    salary: 1200\n    rent: 300\n    age: 40\n  output:\n    disposable_income: 600 - 200 / 12\n" });
    expect(test?.test.scenario).toEqual({
      date: "2019-06-01",
      household: { members: [{ role: "adult", salary: { "2019-06": "1200.00" }, birth: "1979-06-01" }], rent: { "2019-06": "300.00" } },
    });
    expect(test?.test.expected).toEqual({ disposable_income: { disposable_income: "583.33" } });
  });

  it("lists adults then children, each person's outputs in that order, and spreads a year's salary over its months", () => {
    const [test] = testsOf({
      "family.yaml": [
        "- name: Family",
        "  period: 2017-01",
        "  input:",
        "    household:",
        "      adults: [ Ana ]",
        "      children: [ Bo ]",
        "      accommodation_size: 80",
        "    persons:",
        "      Bo:",
        "        salary:",
        "          2016: 1200",
        "      Ana:",
        "        birth: 1980-01-15",
        "  output:",
        "    persons:",
        "      Bo:",
        "        income_tax: 0",
        "      Ana:",
        "        income_tax: 12.345",
        "",
      ].join("\n"),
    });
    const months = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`2016-${String(i + 1).padStart(2, "0")}`, "100.00"]));
    expect(test?.test.scenario.household).toEqual({
      members: [{ role: "adult", birth: "1980-01-15" }, { role: "child", salary: months }],
      accommodation_size: { "2017-01": 80 },
    });
    expect(test?.test.expected).toEqual({ income_tax: { income_tax: ["12.35", "0.00"] } });
  });

  it("sends a reform's cases to the amendment that encodes it", () => {
    const [test] = testsOf({
      "reforms/tax.yaml": "- name: Reformed\n  reforms: openfisca_country_template.reforms.add_new_tax.add_new_tax\n  period: 2017-01\n  input:\n    has_car: true\n  output:\n    new_tax: 400\n",
    });
    expect([test?.folder, test?.file]).toEqual(["reforms/add-new-tax", "reforms-tax-1.json"]);
  });

  it("refuses what it cannot convert faithfully", () => {
    expect(() => testsOf({ "a.yaml": "- name: A\n  period: 2017-01\n  input:\n    salary:\n      2016: 100\n  output:\n    income_tax: 0\n" })).toThrow("does not divide into whole cents");
    expect(() => testsOf({ "b.yaml": "- name: B\n  period: 2017-01\n  input:\n    rent:\n      2016: 1200\n  output:\n    housing_allowance: 0\n" })).toThrow("rent cannot be given for the year 2016");
    expect(() => testsOf({ "c.yaml": "- name: C\n  period: 2017-01\n  input:\n    wages: 1\n  output:\n    income_tax: 0\n" })).toThrow("unknown input wages");
    expect(() => testsOf({ "d.yaml": "- name: D\n  reforms: elsewhere.reform\n  period: 2017-01\n  output:\n    income_tax: 0\n" })).toThrow("unknown reform");
  });
});
