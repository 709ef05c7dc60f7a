import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonWriter, outputsWriter } from "../../bin/output-json.js";
import { normaliseDecimal } from "../../runtime/decimal.js";
import { calendarDate, type FactSchema, type RuntimeValue, type ValueType } from "../../runtime/index.js";
import { formatValue } from "../../runtime/scenario.js";

const span = { file: "test.tiao", line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };
const schema: FactSchema = {
  enums: [{ name: "status", members: [{ name: "expired" }, { name: "receiving" }, { name: "失业" }], span }],
  records: [
    {
      name: "trainee",
      entity: false,
      fields: [
        { name: "months", type: { kind: "months" }, span },
        { name: "paid", type: { kind: "optional", of: { kind: "money" } }, span },
      ],
      span,
    },
  ],
  parameters: [],
};

const member = fc.constantFrom("expired", "receiving", "失业");
const safeInteger = fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER });
const date = fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => calendarDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));
const decimal = fc.record({ coefficient: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), scale: fc.integer({ min: 0, max: 30 }) })
  .map(({ coefficient, scale }) => normaliseDecimal(coefficient, scale));
const trainee = fc.record({ months: fc.nat(), paid: fc.option(fc.nat(), { nil: null }) });

/** Each type of output, with values of it. */
const cases: readonly { readonly type: ValueType; readonly values: fc.Arbitrary<RuntimeValue> }[] = [
  { type: { kind: "bool" }, values: fc.boolean() },
  { type: { kind: "integer" }, values: safeInteger },
  { type: { kind: "months" }, values: fc.nat() },
  { type: { kind: "days" }, values: safeInteger },
  { type: { kind: "money" }, values: safeInteger },
  { type: { kind: "percent" }, values: fc.integer({ min: -1e12, max: 1e12 }) },
  { type: { kind: "decimal" }, values: decimal },
  { type: { kind: "unrounded_money" }, values: decimal },
  { type: { kind: "date" }, values: date },
  { type: { kind: "time" }, values: fc.integer({ min: 0, max: 24 * 60 - 1 }) },
  { type: { kind: "enum", name: "status" }, values: member },
  { type: { kind: "set", of: "status" }, values: fc.uniqueArray(member) },
  { type: { kind: "list", of: "trainee" }, values: fc.array(trainee, { maxLength: 3 }) },
  { type: { kind: "record", name: "trainee" }, values: trainee },
  { type: { kind: "optional", of: { kind: "date" } }, values: fc.option(date, { nil: null }) },
  { type: { kind: "optional", of: { kind: "bool" } }, values: fc.option(fc.boolean(), { nil: null }) },
];

describe("output values as JSON text", () => {
  it.each(cases.map((c) => ({ ...c, kind: c.type.kind === "optional" ? `optional ${c.type.of.kind}` : c.type.kind })))(
    "is the JSON of formatValue, for $kind values and null",
    ({ type, values }) => {
      const write = jsonWriter(type, schema);
      fc.assert(
        fc.property(fc.option(values, { nil: null }), (value) => {
          expect(write(value)).toBe(JSON.stringify(formatValue(value, type, schema)));
        }),
      );
    },
  );

  it("writes a measure's outputs in the order of their types", () => {
    const write = outputsWriter({ in_force: { kind: "bool" }, refund: { kind: "money" }, status: { kind: "enum", name: "status" } }, schema);
    expect(write({ status: "失业", refund: 740740, in_force: true })).toBe('{"in_force":true,"refund":"7407.40","status":"失业"}');
  });
});
