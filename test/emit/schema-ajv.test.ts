/**
 * The JSON Schemas as other systems use them: compiled by Ajv (JSON Schema 2020-12, strict
 * mode) and compared with the runtime's reader on thousands of generated scenarios, valid
 * and invalid. They must agree on every one, except where docs/integrate.md says JSON
 * Schema cannot follow the reader (duplicate keys, numbers judged by their text); the
 * generators keep to what a schema can see, and the last tests show each documented
 * difference, so that the list stays true.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluateScenario } from "../../compiler/evaluate-scenario.js";
import { emitJsonSchema } from "../../compiler/emit/schema.js";
import type { ProgramIR, ValueType } from "../../compiler/ir.js";
import { readScenario } from "../../runtime/index.js";
import { compilePolicyText, POLICY_FOLDER, readPolicyText } from "../../bench/policy.js";
import { scenarioText as workloadScenarioText } from "../../bench/workload.js";
import { tiao } from "../e2e/tiao.js";
import { textArbitrary } from "../support/arbitraries.js";
import { entityDecl, enumDecl, field, program, recordDecl, t } from "../support/ir-builders.js";

/** Every type of the language, in entities, records, lists and parameters, optional or not. */
const everyType: ProgramIR = program({
  enums: [enumDecl("size", ["large", "medium", "small", "micro"]), enumDecl("status", ["receiving", "expired", "not_qualified"])],
  records: [
    recordDecl("trainee", [field("months", t.months), field("wage", t.money), field("start", t.optional(t.date)), field("statuses", t.set("status"))]),
    recordDecl("indicator", [field("current", t.decimal), field("growth", t.optional(t.percent))]),
    entityDecl("person", [
      field("unemployed", t.bool),
      field("age", t.integer),
      field("insured_months", t.months),
      field("stoppage_days", t.days),
      field("wage", t.money),
      field("loan", t.optional(t.money)),
      field("rate", t.percent),
      field("ratio", t.decimal),
      field("unrounded", { kind: "unrounded_money" }),
      field("born", t.date),
      field("left_on", t.optional(t.date)),
      field("call", t.time),
      field("postal_code", t.text),
      field("district", t.optional(t.text)),
      field("size", t.enum("size")),
      field("statuses", t.set("status")),
    ]),
    entityDecl("enterprise", [field("trainees", t.list("trainee")), field("revenue", t.record("indicator")), field("closes", t.optional(t.record("indicator")))]),
  ],
  parameters: [],
  measures: [],
});

/** The Lanzhou policy, compiled. */
const lanzhou: ProgramIR = await compilePolicyText(readPolicyText(POLICY_FOLDER));

// Multiples of 0.01 and 0.0001 tested in binary floating point need a tolerance: without one,
// Ajv refuses 0.07 (0.07 / 0.01 = 7.000000000000001). docs/integrate.md gives the same advice.
const ajv = new Ajv2020({ strict: true, allErrors: true, multipleOfPrecision: 3 });

function validator(schema: object): (json: unknown) => boolean {
  const validate = ajv.compile(schema);
  return (json) => validate(json);
}

// ---------------------------------------------------------------------------------------
// Scenario JSON as text, valid or not, written only in forms a schema sees as the reader
// does: numbers whose text is the value JSON.parse gives, and no key twice.

const pad = (n: number, length: number): string => String(n).padStart(length, "0");
const digits = (minLength: number, maxLength: number): fc.Arbitrary<string> => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength });

/** n / 10^places written exactly, without trailing zeros: 123450 → "1234.5" for two places. */
function scaled(n: bigint, places: number): string {
  const negative = n < 0n;
  const text = (negative ? -n : n).toString().padStart(places + 1, "0");
  const whole = text.slice(0, text.length - places);
  const fraction = text.slice(text.length - places).replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction === "" ? "" : `.${fraction}`}`;
}

/** Whole numbers around the edges of the safe range, and others. */
const integerText: fc.Arbitrary<string> = fc.oneof(
  fc.nat(1_000_000).map(String),
  fc.maxSafeNat().map(String),
  fc.constantFrom("0", "-0", "9007199254740991", "9007199254740992", "1e3", "-1", "1.5", "-7", "1e300", "12.000001", "1e-3"),
);

/**
 * Amounts (places 2) and percentages (places 4) as JSON numbers, of at most 10^11 fen or
 * millionths: there, the quotient a validator computes for multipleOf is within its
 * tolerance of a whole number exactly when the amount has no more decimals than allowed.
 */
const SCALED_NUMBER_LIMIT = 10n ** 11n;
const scaledNumberText = (places: number): fc.Arbitrary<string> =>
  fc.oneof(
    fc.bigInt({ min: 0n, max: SCALED_NUMBER_LIMIT }).map((n) => scaled(n, places)),
    fc.bigInt({ min: -(10n ** 8n), max: SCALED_NUMBER_LIMIT * 10n }).map((n) => scaled(n, places + 1)),
    fc.bigInt({ min: 0n, max: SCALED_NUMBER_LIMIT * 100n }).map((n) => scaled(n, places + 2)),
  );

/** Amounts and percentages as strings: any digits, up to one decimal too many, a sign, a suffix; the edges of the safe range. */
const scaledStringText = (places: number, suffixes: readonly string[], edges: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(digits(1, 17), fc.option(digits(0, places + 1).map((d) => `.${d}`), { nil: "" }), fc.constantFrom("", ...suffixes)).map((parts) => parts.join("")),
    fc.constantFrom(...edges, "-5", "1e3", "1 820", " 1820", "1820.", "", "-0", "0x10", "+1", "1,5"),
  );

const moneyEdges = ["90071992547409.91", "90071992547409.92", "90071992547409.9", "0090071992547409.91", "90071992547410", "90071992547408.99", "0", "00.01"];
const percentEdges = ["900719925474.0991", "900719925474.0992", "900719925474.099", "900719925474.1", "900719925473.9999%", "0%", "60%", "60", "12.5%%"];

const dateText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 28, max: 31 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`),
  fc.tuple(fc.integer({ min: 0, max: 99 }), fc.constantFrom("00", "04", "96", "01", "50")).map(([century, year]) => `${pad(century, 2)}${year}-02-29`),
  fc.constantFrom("2021-2-3", "2021-11-15T00:00", "20211115", "2021/11/15", " 2021-11-15", "٢٠٢١-١١-١٥"),
);

const timeText: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`),
  fc.constantFrom("9:30", "09:3", "0930", "12:00:00", "24:00"),
);

const decimalStringText: fc.Arbitrary<string> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.tuple(fc.constantFrom("", "-"), digits(1, 30), fc.option(digits(1, 30).map((d) => `.${d}`), { nil: "" }), fc.option(fc.integer({ min: -50, max: 50 }).map((e) => `e${e}`), { nil: "" })).map((parts) => parts.join("")),
  fc.constantFrom("1.", ".5", "+1", "- 1", "1e", "0x10", "Infinity", "01", "-0", "1E+2"),
);

/**
 * Any JSON value of another kind. Not a number: the generators above write numbers, and
 * an arbitrary one (5e-324 as an amount) may differ from whole fen by less than a
 * validator's tolerance for multipleOf.
 */
const otherJson: fc.Arbitrary<string> = fc
  .jsonValue({ maxDepth: 1 })
  .filter((value) => typeof value !== "number")
  .map((value) => JSON.stringify(value));

/** `right`, except in `wrongness` percent of the draws, `wrong`. */
function mostly<T>(wrongness: number, right: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return wrongness === 0 ? right : fc.oneof({ weight: 100 - wrongness, arbitrary: right }, { weight: wrongness, arbitrary: wrong });
}

const validInteger: fc.Arbitrary<string> = fc.oneof(fc.nat(1_000_000).map(String), fc.maxSafeNat().map(String), fc.constantFrom("0", "-0", "9007199254740991", "1e3", "30.0"));
const validScaledNumber = (places: number): fc.Arbitrary<string> => fc.bigInt({ min: 0n, max: SCALED_NUMBER_LIMIT }).map((n) => scaled(n, places));
const validScaledString = (places: number, limit: bigint, suffix: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.tuple(fc.oneof(fc.bigInt({ min: 0n, max: 10n ** BigInt(6 + places) }), fc.bigInt({ min: 0n, max: limit })), fc.constantFrom("", "", "00"), suffix).map(([n, zeros, end]) => `${zeros}${scaled(n, places)}${end}`);
const validDate: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }))
  .filter(([y, m, d]) => d <= new Date(Date.UTC(2000, m, 0)).getUTCDate() && (m !== 2 || d !== 29 || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const validTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`);
const validDecimal: fc.Arbitrary<string> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.tuple(fc.constantFrom("", "-"), fc.oneof(fc.constant("0"), fc.tuple(fc.constantFrom(..."123456789"), digits(0, 30)).map(([a, b]) => a + b)), fc.option(digits(1, 30).map((d) => `.${d}`), { nil: "" })).map((parts) => parts.join("")),
);

function membersOf(program: ProgramIR, enumName: string): readonly string[] {
  return program.schema.enums.find((declaration) => declaration.name === enumName)?.members.map((member) => member.name) ?? [];
}

/** A value of the type as JSON text, as the format allows it, or in `wrongness` percent of the choices, anything near that or beyond. */
function valueText(program: ProgramIR, type: ValueType, depth: number, wrongness: number): fc.Arbitrary<string> {
  const string = (texts: fc.Arbitrary<string>) => texts.map((text) => JSON.stringify(text));
  const choose = (right: fc.Arbitrary<string>, wrong: fc.Arbitrary<string>) => mostly(wrongness, right, wrong);
  const meant = ((): fc.Arbitrary<string> => {
    switch (type.kind) {
      case "bool":
        return fc.constantFrom("true", "false");
      case "integer":
      case "months":
      case "days":
        return choose(validInteger, fc.oneof(integerText, string(integerText)));
      case "money":
        return fc.oneof(
          choose(validScaledNumber(2), scaledNumberText(2)),
          string(choose(validScaledString(2, 9007199254740991n, fc.constant("")), scaledStringText(2, ["%"], moneyEdges))),
        );
      case "percent":
        return fc.oneof(
          choose(validScaledNumber(4), scaledNumberText(4)),
          string(choose(validScaledString(4, 9007199254740991n, fc.constantFrom("", "%")), scaledStringText(4, ["%", "%%"], percentEdges))),
        );
      case "decimal":
      case "unrounded_money":
        return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)), string(choose(validDecimal, decimalStringText)));
      case "date":
        return string(choose(validDate, dateText));
      case "time":
        return string(choose(validTime, timeText));
      case "text":
        // too long, control characters, line separators, unpaired surrogates
        return string(choose(textArbitrary(), fc.oneof(fc.string({ minLength: 199, maxLength: 202 }), fc.string({ maxLength: 6, unit: "binary" }))));
      case "enum":
        return string(choose(fc.constantFrom(...membersOf(program, type.name)), fc.string({ maxLength: 6 })));
      case "set": {
        const members = membersOf(program, type.of);
        const any = fc.array(fc.oneof(fc.constantFrom(...members), fc.string({ maxLength: 4 })), { maxLength: 4 });
        return mostly(wrongness, fc.shuffledSubarray([...members]), any).map((items) => JSON.stringify(items));
      }
      case "list":
        return depth <= 0 ? fc.constant("[]") : fc.array(recordText(program, type.of, false, depth - 1, wrongness), { maxLength: 3 }).map((items) => `[${items.join(",")}]`);
      case "record":
        return recordText(program, type.name, false, depth - 1, wrongness);
      case "optional":
        return fc.oneof(fc.constant("null"), valueText(program, type.of, depth, wrongness));
      case "per_member":
        throw new Error("a fact cannot be a result for each member");
      case "series": {
        const key = type.period === "month" ? fc.tuple(validDate, fc.boolean()).map(([d, wrongMonth]) => (wrongMonth ? `${d.slice(0, 4)}-13` : d.slice(0, 7))) : validDate.map((d) => d.slice(0, 4));
        const entry = fc.tuple(mostly(wrongness, key, fc.string({ maxLength: 8 })), valueText(program, type.of, depth, wrongness));
        return fc.array(entry, { maxLength: 3 }).map((entries) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(",")}}`);
      }
    }
  })();
  return mostly(wrongness, meant, otherJson);
}

/** An object's members as text; in `wrongness` percent of the objects, with a key the schema does not know. */
function objectText(entries: fc.Arbitrary<(readonly [string, string] | undefined)[]>, wrongness: number): fc.Arbitrary<string> {
  return fc.tuple(entries, mostly(wrongness, fc.constant(undefined), fc.string({ maxLength: 5 }))).map(([list, extra]) => {
    const members = list.filter((entry) => entry !== undefined);
    if (extra !== undefined && !members.some(([key]) => key === extra)) members.push([extra, "1"]);
    return `{${members.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(",")}}`;
  });
}

/** A record's fields: each of an entity, and the optional ones of a record, may be left out; a required one only wrongly. */
function recordText(program: ProgramIR, name: string, entity: boolean, depth: number, wrongness: number): fc.Arbitrary<string> {
  const declaration = program.schema.records.find((record) => record.name === name);
  if (declaration === undefined) throw new Error(`no record ${name}`);
  const fields = declaration.fields.map((f) => {
    const entry = fc.tuple(fc.constant(f.name), valueText(program, f.type, depth, wrongness));
    if (entity || f.type.kind === "optional") return fc.option(entry, { nil: undefined, freq: 3 });
    return mostly(wrongness, entry, fc.constant(undefined));
  });
  return objectText(fc.tuple(...fields), wrongness);
}

function scenarioText(program: ProgramIR, wrongness: number): fc.Arbitrary<string> {
  const parameters = objectText(
    fc.tuple(...program.schema.parameters.map((p) => fc.option(fc.tuple(fc.constant(p.name), valueText(program, p.type, 1, wrongness)), { nil: undefined, freq: 2 }))),
    wrongness,
  );
  const entities = program.schema.records
    .filter((record) => record.entity)
    .map((entity) => fc.option(fc.tuple(fc.constant(entity.name), recordText(program, entity.name, true, 3, wrongness)), { nil: undefined, freq: 4 }));
  const date = mostly(wrongness, fc.tuple(fc.constant("date"), string(mostly(wrongness, validDate, dateText))), fc.constant(undefined));
  const root = objectText(fc.tuple(date, fc.option(fc.tuple(fc.constant("parameters"), parameters), { nil: undefined, freq: 3 }), ...entities), wrongness);
  return mostly(wrongness, root, otherJson);
}

function string(texts: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return texts.map((text) => JSON.stringify(text));
}

/**
 * The schema and the reader agree on each scenario, valid ones (wrongness 0) and ones with
 * a few wrong choices; both answers occur often enough to matter.
 */
function expectAgreement(program: ProgramIR, runs: number, seed: number): void {
  const validate = validator(emitJsonSchema(program).scenario);
  const answers = { accepted: 0, refused: 0 };
  fc.assert(
    fc.property(fc.constantFrom(0, 1, 3, 10).chain((wrongness) => scenarioText(program, wrongness)), (text) => {
      const read = readScenario(text, program.schema);
      const problems = read.ok ? "" : read.errors.map((error) => `${error.path}: ${error.message}`).join("; ");
      expect(validate(JSON.parse(text)), `${text}\nreader: ${read.ok ? "accepted" : problems}`).toBe(read.ok);
      answers[read.ok ? "accepted" : "refused"]++;
    }),
    { numRuns: runs, seed },
  );
  expect(answers.accepted).toBeGreaterThan(runs / 5);
  expect(answers.refused).toBeGreaterThan(runs / 5);
}

describe("the JSON Schema of scenarios, compiled by Ajv", () => {
  it("accepts exactly what the reader accepts, for every type of the language", { timeout: 300_000 }, () => {
    expectAgreement(everyType, 3000, 20261202);
  });

  it("accepts exactly what the reader accepts, for the Lanzhou policy", { timeout: 300_000 }, () => {
    expectAgreement(lanzhou, 1000, 289);
  });

  it("accepts every scenario of the benchmark's workload", () => {
    const validate = validator(emitJsonSchema(lanzhou).scenario);
    for (let index = 0; index < 200; index++) {
      const text = workloadScenarioText(12, index);
      expect(readScenario(text, lanzhou.schema).ok).toBe(true);
      expect(validate(JSON.parse(text)), text).toBe(true);
    }
  });

  it("refuses the values of the reader's edge cases exactly as the reader does", () => {
    const validate = validator(emitJsonSchema(everyType).scenario);
    const cases: { readonly [key: string]: unknown }[] = [
      { born: "2021-02-30" }, { born: "2023-02-29" }, { born: "2024-02-29" }, { born: "1900-02-29" }, { born: "2000-02-29" }, { born: "0000-01-01" },
      { wage: "12345.675" }, { wage: 12345.675 }, { wage: "12345.67" }, { wage: 12345.67 }, { wage: 0.07 }, { wage: "90071992547409.92" },
      { age: 1e300 }, { age: 9007199254740991 }, { age: 9007199254740992 }, { age: 2.5 },
      { rate: "12.34567" }, { rate: 12.3456 }, { rate: 12.34567 },
    ];
    for (const person of cases) {
      const text = JSON.stringify({ date: "2021-11-15", person });
      expect(validate(JSON.parse(text)), text).toBe(readScenario(text, everyType.schema).ok);
    }
  });
});

describe("what JSON Schema cannot state (docs/integrate.md)", () => {
  const validate = validator(emitJsonSchema(everyType).scenario);

  it("a key written twice: refused by the reader, while a validator sees the last value", () => {
    const text = '{"date": "2021-11-15", "date": "2021-11-16"}';
    expect(readScenario(text, everyType.schema).ok).toBe(false);
    expect(validate(JSON.parse(text))).toBe(true);
  });

  it("numbers judged by their text: digits a binary number cannot hold", () => {
    const cases = ['{"date": "2021-11-15", "person": {"age": 9007199254740991.4}}', '{"date": "2021-11-15", "person": {"wage": 0.070000000000000001}}'];
    for (const text of cases) {
      expect(readScenario(text, everyType.schema).ok, text).toBe(false);
      expect(validate(JSON.parse(text)), text).toBe(true);
    }
    const beyondDoubles = '{"date": "2021-11-15", "person": {"ratio": 1e400}}';
    expect(readScenario(beyondDoubles, everyType.schema).ok).toBe(true);
    expect(validate(JSON.parse(beyondDoubles))).toBe(false);
  });

  it("a decimal of more than 1000 digits before or after the point", () => {
    const text = `{"date": "2021-11-15", "person": {"ratio": "0.${"1".repeat(1001)}"}}`;
    expect(readScenario(text, everyType.schema).ok).toBe(false);
    expect(validate(JSON.parse(text))).toBe(true);
  });

  it("an amount as a number, within the validator's tolerance of whole fen", () => {
    const text = '{"date": "2021-11-15", "person": {"wage": 12.0000001}}';
    expect(readScenario(text, everyType.schema).ok).toBe(false);
    expect(validate(JSON.parse(text))).toBe(true);
  });
});

describe("the JSON Schema of results, compiled by Ajv", () => {
  it("accepts what tiao run prints, with and without --explain, and the result of every test scenario of the Lanzhou policy", () => {
    const validate = validator(emitJsonSchema(lanzhou).outputs);
    const scenario = join(POLICY_FOLDER, "scenarios", "migrant-worker.json");
    for (const options of [[], ["--explain"]]) {
      const printed = tiao(["run", POLICY_FOLDER, "--scenario", scenario, ...options]);
      expect(printed.status).toBe(0);
      expect(validate(JSON.parse(printed.stdout)), printed.stdout).toBe(true);
    }
    const testFolder = join(POLICY_FOLDER, "tests");
    let evaluated = 0;
    for (const name of readdirSync(testFolder).filter((file) => file.endsWith(".json"))) {
      const test = JSON.parse(readFileSync(join(testFolder, name), "utf8")) as { scenario: object; measures?: string[] };
      const outcome = evaluateScenario(lanzhou, { scenario: test.scenario, ...(test.measures === undefined ? {} : { measures: test.measures }) });
      if (outcome.kind !== "evaluated") continue;
      evaluated++;
      expect(validate(outcome.json), `${name}: ${JSON.stringify(outcome.json)}`).toBe(true);
    }
    expect(evaluated).toBeGreaterThan(50);
  });

  it("accepts what tiao run prints for the benchmark's scenarios, explanations included", () => {
    const validate = validator(emitJsonSchema(lanzhou).outputs);
    for (let index = 0; index < 300; index++) {
      const outcome = evaluateScenario(lanzhou, { scenario: workloadScenarioText(12, index), explain: index % 10 === 0 });
      if (outcome.kind !== "evaluated") continue;
      expect(validate(outcome.json), JSON.stringify(outcome.json)).toBe(true);
    }
  });
});
