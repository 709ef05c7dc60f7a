import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { POLICY_FOLDER, compilePolicyText, readPolicyText } from "../../bench/policy.js";
import { scenarioText as workloadText } from "../../bench/workload.js";
import { readScenario, readScenarioFromTree } from "../../runtime/scenario.js";
import { readValidScenario } from "../../runtime/scenario-reader.js";
import type { FactSchema, FieldDecl, RecordDecl, SourceSpan, ValueType } from "../../runtime/types.js";
import { textArbitrary } from "../support/arbitraries.js";

const span: SourceSpan = { file: "test.tiao", line: 1, column: 1, endLine: 1, endColumn: 2, start: 0, end: 1 };
const field = (name: string, type: ValueType): FieldDecl => ({ name, type, span });
const optional = (of: ValueType): ValueType => ({ kind: "optional", of });
const record = (name: string, entity: boolean, fields: readonly FieldDecl[]): RecordDecl => ({ name, entity, fields, span });

/**
 * Every type, optional or not, nested records and lists, a record that contains itself
 * (to reach the nesting limit), an entity of more than 31 fields, enum members that need
 * escapes in JSON, and names that are properties of every object in JavaScript.
 */
const schema: FactSchema = {
  enums: [
    { name: "size", members: ["large", "medium", "small", "micro"].map((name) => ({ name })), span },
    { name: "group", members: ["poor", "graduate", "none"].map((name) => ({ name })), span },
    { name: "odd", members: ['say "hi"', "back\\slash", "中文", "tab\there", "constructor"].map((name) => ({ name })), span },
  ],
  records: [
    record("person", true, [
      field("unemployed", { kind: "bool" }),
      field("insured_months", { kind: "months" }),
      field("age", { kind: "integer" }),
      field("stoppage_days", { kind: "days" }),
      field("post_end", optional({ kind: "date" })),
      field("hotline_call", { kind: "time" }),
      field("postal_code", { kind: "text" }),
      field("district", optional({ kind: "text" })),
      field("wage", { kind: "money" }),
      field("loan", optional({ kind: "money" })),
      field("rate", { kind: "percent" }),
      field("size", { kind: "enum", name: "size" }),
      field("groups", { kind: "set", of: "group" }),
      field("odd", optional({ kind: "enum", name: "odd" })),
      field("odds", { kind: "set", of: "odd" }),
      field("__proto__", { kind: "integer" }),
      field("constructor", optional({ kind: "bool" })),
    ]),
    record("enterprise", true, [
      field("revenue", { kind: "decimal" }),
      field("unrounded", { kind: "unrounded_money" }),
      field("trainees", { kind: "list", of: "trainee" }),
      field("indicators", optional({ kind: "record", name: "indicators" })),
    ]),
    record("trainee", false, [
      field("group", { kind: "enum", name: "group" }),
      field("newly_absorbed", { kind: "bool" }),
      field("left_on", optional({ kind: "date" })),
      field("children", { kind: "list", of: "trainee" }),
    ]),
    record("indicators", false, [field("profit", { kind: "decimal" }), field("growth", optional({ kind: "percent" }))]),
    record("wide", true, Array.from({ length: 40 }, (_, i) => field(`f${i}`, i % 2 === 0 ? { kind: "bool" } : optional({ kind: "integer" })))),
    record("__proto__", true, [field("toString", optional({ kind: "time" }))]),
  ],
  parameters: [
    { name: "standard", type: { kind: "money" } },
    { name: "period_end", type: optional({ kind: "date" }) },
    { name: "rate", type: { kind: "percent" } },
    { name: "__proto__", type: { kind: "integer" } },
    { name: "groups", type: { kind: "set", of: "group" } },
  ],
};

/**
 * A value written out with all that could tell two readings apart: prototypes, the order
 * and attributes of keys, bigints, -0.
 */
function exactly(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null || value === undefined || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map(exactly).join(",")}]`;
  if (typeof value !== "object") throw new Error(`unexpected ${typeof value}`);
  const prototype = Object.getPrototypeOf(value);
  const kind = prototype === Object.prototype ? "" : prototype === null ? "(no prototype)" : "(other prototype)";
  const properties = Reflect.ownKeys(value).map((key) => {
    const descriptor = Object.getOwnPropertyDescriptor(value, key)!;
    const attributes = `${descriptor.enumerable === true ? "e" : ""}${descriptor.writable === true ? "w" : ""}${descriptor.configurable === true ? "c" : ""}`;
    return `${String(key)}/${attributes}:${"value" in descriptor ? exactly(descriptor.value) : "accessor"}`;
  });
  return `${kind}{${properties.join(",")}}`;
}

/** The one-pass reader reads exactly what the reference reads, and gives up on exactly what it refuses. */
function expectAgreement(text: string, on: FactSchema = schema): void {
  const reference = readScenarioFromTree(text, on);
  const fast = readValidScenario(text, on);
  if (reference.ok) {
    expect(fast, `accepted by the reference, not by the one-pass reader: ${text}`).toBeDefined();
    expect(exactly(fast)).toBe(exactly(reference.scenario));
  } else {
    expect(fast, `refused by the reference (${JSON.stringify(reference.errors)}), accepted by the one-pass reader: ${text}`).toBeUndefined();
  }
  expect(exactly(readScenario(text, on))).toBe(exactly(reference));
}

// ---------------------------------------------------------------------------------------
// JSON text, written with the freedom a user has: any number form, escapes, whitespace.
// The generators write only what the scenario format accepts, in every way it may be
// written, except in a given share of their choices, where they write something wrong.

/** A JSON document before layout: raw tokens, objects of (written key, value), lists. */
type Doc = { readonly raw: string } | { readonly entries: readonly (readonly [string, Doc])[] } | { readonly items: readonly Doc[] };

function layout(doc: Doc, space: string): string {
  if ("raw" in doc) return doc.raw;
  if ("items" in doc) return `[${space}${doc.items.map((item) => layout(item, space)).join(`${space},${space}`)}${space}]`;
  const members = doc.entries.map(([key, value]) => `${key}${space}:${space}${layout(value, space)}`);
  return `{${space}${members.join(`${space},${space}`)}${space}}`;
}

const raw = (text: string): Doc => ({ raw: text });

function hex4(code: number): string {
  return code.toString(16).padStart(4, "0");
}

/** A string as JSON text: plain, every character escaped as \uXXXX, or with the other escapes JSON allows. */
function stringText(value: string): fc.Arbitrary<string> {
  return fc.constantFrom("plain", "plain", "unicode", "first", "upper").map((style) => {
    switch (style) {
      case "plain":
        return JSON.stringify(value);
      case "unicode":
        return `"${Array.from({ length: value.length }, (_, i) => `\\u${hex4(value.charCodeAt(i))}`).join("")}"`;
      case "first":
        return value === "" ? '""' : `"\\u${hex4(value.charCodeAt(0))}${JSON.stringify(value.slice(1)).slice(1)}`;
      default:
        return JSON.stringify(value).replaceAll("/", "\\/").replace(/\\u([0-9a-f]{4})/g, (_, code: string) => `\\u${code.toUpperCase()}`);
    }
  });
}

const stringDoc = (values: fc.Arbitrary<string>): fc.Arbitrary<Doc> => values.chain(stringText).map(raw);

const digits = (minLength: number, maxLength: number): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(..."0123456789"), minLength, maxLength });

const pad = (n: number, length: number): string => String(n).padStart(length, "0");

/** Any JSON number, in any form. */
const jsonNumber: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom("", "", "-"),
    fc.oneof(fc.constant("0"), fc.tuple(fc.constantFrom(..."123456789"), digits(0, 20)).map(([a, b]) => a + b)),
    fc.option(digits(1, 20).map((d) => `.${d}`), { nil: "" }),
    fc.option(fc.tuple(fc.constantFrom("e", "E"), fc.constantFrom("", "+", "-"), digits(1, 2)).map((p) => p.join("")), { nil: "" }),
  )
  .map((parts) => parts.join(""));

/** Numbers at the edges of what the types accept, and text that is not a JSON number. */
const oddNumber = fc.constantFrom(
  "0", "-0", "-0.0", "1.0", "1820.500", "1e2", "6e1", "1E-7", "12.5", "60", "-1", "0.00001", "1e400", "1e-400", "1e9999999",
  "9007199254740991", "9007199254740993", "90071992547409.91", "900719925474099.1", "999999999999999", "9999999999999999",
  "99999999999999.99", "999999999999.9999", "100000000000000000000", "01", "1.", ".5", "+1", "- 1", "1e", "0x10", "Infinity",
);

/** A whole number n ≥ 0 written as JSON may write it: 30, 30.0, 3e1, 300e-1. */
const wholeNumber: fc.Arbitrary<string> = fc
  .tuple(fc.nat(1_000_000), fc.constantFrom("", "", "", ".0", ".000", "e0", "00e-2", "E+0"))
  .map(([n, form]) => (n === 0 && form === "00e-2" ? "-0" : `${n}${form}`));

/** A number ≥ 0 with at most `places` decimals, as text: "1820", "1820.5", "0.05". */
const decimalText = (places: number): fc.Arbitrary<string> =>
  fc.tuple(fc.nat(10_000_000), fc.nat(10 ** places - 1)).map(([whole, fraction]) => {
    const decimals = pad(fraction, places).replace(/0+$/, "");
    return decimals === "" ? `${whole}` : `${whole}.${decimals}`;
  });

/** The same as a JSON number, which may also have trailing zeros or an exponent: 1820.50, 18205e-1. */
const scaledNumber = (places: number): fc.Arbitrary<string> =>
  fc.tuple(decimalText(places), fc.constantFrom("as is", "as is", "trailing zero", "exponent")).map(([text, form]) => {
    if (form === "trailing zero") return text.includes(".") ? `${text}0` : `${text}.00`;
    if (form === "exponent") {
      const [whole = "", decimals = ""] = text.split(".");
      return `${BigInt(whole + decimals)}e-${decimals.length}`;
    }
    return text;
  });

const validDate: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
  .map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);

const anyDate: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(
    ([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`,
  ),
  fc.constantFrom("2024-02-29", "2023-02-29", "2021-2-3", "2021-11-15T00:00", "20211115", "2021/11/15", "0000-01-01", "9999-12-31"),
);

const validTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`);

const anyTime: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 })).map(([h, m]) => `${pad(h, 2)}:${pad(m, 2)}`),
  fc.constantFrom("9:30", "09:3", "0930", "12:00:00", "24:00"),
);

/** Text for an amount of money or a percentage: digits with up to `places` decimals, and what is nearly that. */
const amountText = (places: number, suffixes: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    fc.tuple(digits(1, 17), fc.option(digits(0, places + 1).map((d) => `.${d}`), { nil: "" }), fc.constantFrom(...suffixes, " %")).map((p) => p.join("")),
    fc.constantFrom("-5.00", "1e3", "1 820", " 1820", "1820.", "", "-0"),
  );

/** A value of the wrong kind altogether. */
const anyJson: fc.Arbitrary<Doc> = fc.jsonValue({ maxDepth: 1 }).map((value) => raw(JSON.stringify(value)));

/** `right`, except in `wrongness` percent of the draws, `wrong`. */
function mostly<T>(wrongness: number, right: fc.Arbitrary<T>, wrong: fc.Arbitrary<T>): fc.Arbitrary<T> {
  return wrongness === 0 ? right : fc.oneof({ weight: 100 - wrongness, arbitrary: right }, { weight: wrongness, arbitrary: wrong });
}

function membersOf(enumName: string): readonly string[] {
  return schema.enums.find((e) => e.name === enumName)?.members.map((m) => m.name) ?? [];
}

function memberDoc(enumName: string, wrongness: number): fc.Arbitrary<Doc> {
  return stringDoc(mostly(wrongness, fc.constantFrom(...membersOf(enumName)), fc.string({ maxLength: 6 })));
}

/** A value for the type, as the format allows it, or in `wrongness` percent of the draws, anything near that or beyond. */
function valueDoc(type: ValueType, depth: number, wrongness: number): fc.Arbitrary<Doc> {
  const choose = (right: fc.Arbitrary<string>, wrong: fc.Arbitrary<string>): fc.Arbitrary<string> => mostly(wrongness, right, wrong);
  const anyNumber = fc.oneof(jsonNumber, oddNumber);
  const meant = ((): fc.Arbitrary<Doc> => {
    switch (type.kind) {
      case "bool":
        return fc.constantFrom("true", "false").map(raw);
      case "integer":
      case "months":
      case "days":
        return choose(wholeNumber, anyNumber).map(raw);
      case "money":
        return fc.oneof(choose(scaledNumber(2), anyNumber).map(raw), stringDoc(choose(decimalText(2), amountText(2, ["", "%"]))));
      case "decimal":
      case "unrounded_money":
        return fc.oneof(choose(jsonNumber, oddNumber).map(raw), stringDoc(choose(jsonNumber, oddNumber)));
      case "percent": {
        const text = fc.tuple(decimalText(4), fc.constantFrom("", "%")).map(([t, sign]) => t + sign);
        return fc.oneof(choose(scaledNumber(4), anyNumber).map(raw), stringDoc(choose(text, amountText(4, ["", "%", "%%"]))));
      }
      case "date":
        return stringDoc(choose(validDate, anyDate));
      case "time":
        return stringDoc(choose(validTime, anyTime));
      case "text":
        // too long, control characters, line separators, unpaired surrogates
        return stringDoc(choose(textArbitrary(), fc.oneof(fc.string({ minLength: 199, maxLength: 202 }), fc.string({ maxLength: 6, unit: "binary" }))));
      case "enum":
        return memberDoc(type.name, wrongness);
      case "set": {
        const distinct = fc.shuffledSubarray([...membersOf(type.of)]).chain((names) => fc.tuple(...names.map((name) => stringDoc(fc.constant(name)))));
        return mostly(wrongness, distinct, fc.array(memberDoc(type.of, wrongness), { maxLength: 4 })).map((items) => ({ items }));
      }
      case "list":
        return depth <= 0
          ? fc.constant({ items: [] })
          : fc.array(recordDoc(type.of, false, depth - 1, wrongness), { maxLength: 3 }).map((items) => ({ items }));
      case "record":
        return recordDoc(type.name, false, depth - 1, wrongness);
      case "optional":
        return fc.oneof(fc.constant(raw("null")), valueDoc(type.of, depth, wrongness));
      case "per_member":
        throw new Error("a fact cannot be a result for each member");
      case "series": {
        const key = type.period === "month" ? fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 })).map(([y, m]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}`) : fc.integer({ min: 0, max: 9999 }).map((y) => String(y).padStart(4, "0"));
        const entry = fc.tuple(key.map((k) => JSON.stringify(k)), valueDoc(type.of, depth, wrongness));
        return objectDoc(fc.array(entry, { maxLength: 3 }), wrongness);
      }
    }
  })();
  return mostly(wrongness, meant, anyJson);
}

type Entry = readonly [string, Doc];

/** The fields of a record: each of an entity, and the optional ones of a record, may be left out. */
function recordDoc(name: string, entity: boolean, depth: number, wrongness: number): fc.Arbitrary<Doc> {
  const declaration = schema.records.find((r) => r.name === name)!;
  const fields = declaration.fields.map((f) => {
    const entry = fc.tuple(stringText(f.name), valueDoc(f.type, depth, wrongness));
    if (entity || f.type.kind === "optional") return fc.option(entry, { nil: undefined, freq: entity ? 4 : 20 });
    return mostly(wrongness, entry, fc.constant(undefined));
  });
  return objectDoc(fc.tuple(...fields).map(present), wrongness);
}

function present(entries: readonly (Entry | undefined)[]): Entry[] {
  return entries.filter((entry) => entry !== undefined);
}

/** An object of the entries, as written or in another order; or wrongly, with an unknown key or a key twice. */
function objectDoc(entries: fc.Arbitrary<Entry[]>, wrongness: number): fc.Arbitrary<Doc> {
  const change = mostly(wrongness, fc.constantFrom("as written", "as written", "shuffled"), fc.constantFrom("extra key", "key twice"));
  return fc.tuple(entries, change, fc.nat(), fc.string({ maxLength: 4 })).map(([list, how, n, extra]) => {
    const result = [...list];
    if (how === "shuffled") result.sort((a, b) => ((a[0].length * 31 + n) % 7) - ((b[0].length * 31 + n) % 7));
    if (how === "extra key") result.splice(n % (result.length + 1), 0, [JSON.stringify(extra), raw("1")]);
    if (how === "key twice" && result.length > 0) result.push(result[n % result.length]!);
    return { entries: result };
  });
}

const entityNames = schema.records.filter((r) => r.entity).map((r) => r.name);

/**
 * A whole scenario as JSON text, with some layout of whitespace and perhaps a byte-order
 * mark, where `wrongness` percent of the choices go wrong: 0 for a valid scenario.
 */
function scenarioText(wrongness: number): fc.Arbitrary<string> {
  const parameters = objectDoc(
    fc.tuple(...schema.parameters.map((p) => fc.option(fc.tuple(stringText(p.name), valueDoc(p.type, 1, wrongness)), { nil: undefined, freq: 2 }))).map(present),
    wrongness,
  );
  const entities = entityNames.map((name) => fc.option(fc.tuple(stringText(name), recordDoc(name, true, 3, wrongness)), { nil: undefined, freq: 3 }));
  const date = fc.tuple(stringText("date"), mostly(wrongness, stringDoc(mostly(wrongness, validDate, anyDate)), anyJson));
  const root = objectDoc(
    fc.tuple(mostly(wrongness, date, fc.constant(undefined)), fc.option(fc.tuple(stringText("parameters"), parameters), { nil: undefined, freq: 2 }), ...entities).map(present),
    wrongness,
  );
  return fc
    .tuple(root, fc.constantFrom("", "", " ", "\n  ", "\t", "\r\n"), fc.constantFrom("", "", "", "\uFEFF", " ", "\n"))
    .map(([doc, space, around]) => `${around}${layout(doc, space)}${around === "\uFEFF" ? "" : around}`);
}

/** A valid scenario with a few characters changed, inserted or removed. */
const mutatedScenario: fc.Arbitrary<string> = fc
  .tuple(
    scenarioText(0),
    fc.array(
      fc.tuple(fc.nat(), fc.constantFrom("replace", "insert", "delete"), fc.constantFrom(..."{}[]\",:\\-+.0159eEtfnul \n\u0001中")),
      { minLength: 1, maxLength: 3 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((current, [position, edit, character]) => {
      const at = position % (current.length + 1);
      if (edit === "insert") return current.slice(0, at) + character + current.slice(at);
      return current.slice(0, at) + (edit === "replace" ? character : "") + current.slice(at + 1);
    }, text),
  );

// ---------------------------------------------------------------------------------------

describe("property: the one-pass reader agrees with the reader through the JSON tree", () => {
  it("on valid scenarios, written in every way the format allows", () => {
    fc.assert(fc.property(scenarioText(0), (text) => expectAgreement(text)), { numRuns: 2000 });
  });

  it("on scenarios with a problem or two", () => {
    fc.assert(fc.property(scenarioText(2), (text) => expectAgreement(text)), { numRuns: 4000 });
  });

  it("on scenarios where anything may be wrong", () => {
    fc.assert(fc.property(scenarioText(40), (text) => expectAgreement(text)), { numRuns: 1000 });
  });

  it("on valid scenarios with characters changed", () => {
    fc.assert(fc.property(mutatedScenario, (text) => expectAgreement(text)), { numRuns: 3000 });
  });

  it("on any text", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (text) => expectAgreement(text)), { numRuns: 1000 });
  });

  it("reads nearly all valid scenarios itself, so that the agreement is not only in giving up", () => {
    const texts = fc.sample(scenarioText(0), { numRuns: 1000, seed: 289 });
    const read = texts.filter((text) => readValidScenario(text, schema) !== undefined);
    expect(read.length).toBeGreaterThan(900);
  });
});

describe("the one-pass reader", () => {
  it("reads the Lanzhou policy's benchmark scenarios as the reference does", async () => {
    const program = await compilePolicyText(readPolicyText(POLICY_FOLDER));
    for (let index = 0; index < 200; index++) {
      const text = workloadText(289, index);
      expect(readValidScenario(text, program.schema)).toBeDefined();
      expectAgreement(text, program.schema);
    }
  });

  it("keeps a key __proto__ as an ordinary field, of a record, of the facts and of the parameters", () => {
    const json = `{"date":"2021-11-15","person":{"__proto__":3},"parameters":{"__proto__":4},"__proto__":{"toString":"10:00"}}`;
    expectAgreement(json);
    const scenario = readValidScenario(json, schema)!;
    expect(Object.getPrototypeOf(scenario.facts["person"])).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(scenario.facts["person"], "__proto__")?.value).toBe(3);
    expect(Object.getOwnPropertyDescriptor(scenario.parameters, "__proto__")?.value).toBe(4);
    expect(Object.getOwnPropertyDescriptor(scenario.facts, "__proto__")?.value).toEqual({ toString: 600 });
  });

  it("refuses a key twice beyond the 31st field of a record", () => {
    for (const name of ["f1", "f30", "f31", "f39"]) {
      const text = `{"date":"2021-11-15","wide":{"f0":true,"${name}":1,"f35":null,"${name}":2}}`;
      expect(readValidScenario(text, schema)).toBeUndefined();
      expectAgreement(text);
    }
    expectAgreement(`{"date":"2021-11-15","wide":{"f39":2,"f38":true,"f37":null}}`);
  });

  it("gives up at the nesting limit where the JSON parser stops", () => {
    const nested = (levels: number): string =>
      `{"date":"2021-11-15","enterprise":{"trainees":[${'{"group":"poor","newly_absorbed":true,"children":['.repeat(levels)}${"]}".repeat(levels)}]}}`;
    // below the root, the enterprise and the trainees list, 254 trainees and their lists reach 511 levels, 255 reach 513
    for (const levels of [1, 253, 254, 255, 256, 2000]) expectAgreement(nested(levels));
    expect(readValidScenario(nested(254), schema)).toBeDefined();
    expect(readValidScenario(nested(255), schema)).toBeUndefined();
  });

  it("reads escapes and leaves out what the reference leaves out", () => {
    for (const text of [
      String.raw`{"d\u0061te":"2021\u002d11-15","person":{"odd":"say \"hi\"","odds":["back\\slash","\u4e2d\u6587","tab\there"],"size":"sm\u0061ll"}}`,
      String.raw`{"date":"2021-11-15","person":{"odd":"\ud800"}}`,
      String.raw`{"date":"2021-11-15","person":{"odd":"\x"}}`,
      `{"date":"2021-11-15","person":{"odd":"tab\there"}}`,
      `{"date":"2021-11-15","person":{"odds":["中文","中文"]}}`,
      `{"date":"2021-11-15","person":{"size":"small"}} x`,
      `{"date":"2021-11-15","person":{"size":"small"}`,
      `{"date":"2021-11-15","date":"2021-11-15"}`,
      `{"date":"2021-11-15","wide":{},"wide":{}}`,
      `{"date":"2021-11-15","parameters":{"rate":60,"rate":60}}`,
      `{"person":{"size":"small"}}`,
      `{"date":"2021-11-15","enterprise":{"trainees":[{"group":"poor","newly_absorbed":true}]}}`,
      `{"date":"2021-11-15","enterprise":{"indicators":{"profit":-0.50}}}`,
    ]) {
      expectAgreement(text);
    }
  });

  it.each<[string, readonly string[]]>([
    ["wage", ['"1820."', '"1820.5%"', '"01820.50"', '"1820.505"', '"-0"', '" 1820"', '"1e3"', '"9999999999999.99"', '"99999999999999.99"', '"90071992547409.91"', '"90071992547409.92"']],
    ["wage", ["1820.500", "1820.505", "1e3", "-0", "-0.001", "99999999999999.99", "90071992547409.91", "90071992547409.92", "9007199254740993"]],
    ["rate", ['"60%%"', '"60.%"', '"%"', '"12.34567%"', '"12.3456%"', '"99999999999.9999%"', '"999999999999.9999%"', '"60 "']],
    ["rate", ["12.3456", "12.34567", "-0", "1e-4", "1e-5", "90071992547.4099"]],
    ["insured_months", ["1.0", "1e2", "-0", "1.5", "-1", "9007199254740991", "9007199254740992", "9007199254740991.0", "1E+2", "10e-1"]],
    ["hotline_call", ['"23:60"', '"24:00"', '"00:00"', '"23:59"', '"2a:00"', '"1:00"', '"12:00 "']],
    ["post_end", ['"2021-02-29"', '"2024-02-29"', '"0000-01-01"', '"0001-01-01"', '"9999-12-31"', '"10000-01-01"', '"2021-1a-01"', "null"]],
    ["size", ['"small"', '"smal"', '"smalll"', '"Small"', '"small\u0000"', "null"]],
  ])("agrees on %s given each of %j in an otherwise valid scenario", (name, values) => {
    for (const value of values) expectAgreement(`{"date":"2021-11-15","person":{"${name}":${value}}}`);
  });

  it("refuses any value of a type the schema does not declare, as the reference does", () => {
    const ghostly: FactSchema = {
      ...schema,
      records: [
        ...schema.records,
        record("haunted", true, [
          field("ghost", optional({ kind: "enum", name: "ghost" })),
          field("ghosts", optional({ kind: "set", of: "ghost" })),
          field("phantoms", optional({ kind: "list", of: "phantom" })),
          field("phantom", optional({ kind: "record", name: "phantom" })),
        ]),
      ],
    };
    for (const value of ['{"ghost":"boo"}', '{"ghosts":[]}', '{"phantoms":[]}', '{"phantom":{}}', '{"ghost":null,"phantoms":null}', "{}"]) {
      expectAgreement(`{"date":"2021-11-15","haunted":${value}}`, ghostly);
    }
    expect(readValidScenario('{"date":"2021-11-15","haunted":{"ghost":null}}', ghostly)).toBeDefined();
  });

  it("leaves a schema that repeats a name to the reference", () => {
    const repeated: FactSchema = { ...schema, records: [...schema.records, record("person", true, [field("x", { kind: "bool" })])] };
    expect(readValidScenario(`{"date":"2021-11-15"}`, repeated)).toBeUndefined();
    expect(readScenario(`{"date":"2021-11-15"}`, repeated)).toEqual(readScenarioFromTree(`{"date":"2021-11-15"}`, repeated));
  });
});
