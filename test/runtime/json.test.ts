import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isJsonArray, isJsonObject, JsonNumber, type JsonValue, parseJson } from "../../runtime/json.js";

/** The value JSON.parse would give: numbers as doubles, plain objects. */
function toPlain(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.text);
  if (isJsonArray(value)) return value.map(toPlain);
  if (isJsonObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

function parsed(text: string): JsonValue {
  const result = parseJson(text);
  if (!result.ok) throw new Error(`unexpected failure: ${result.message}`);
  return result.value;
}

function failure(text: string): { message: string; line: number; column: number } {
  const result = parseJson(text);
  if (result.ok) throw new Error(`unexpected success on ${text}`);
  return { message: result.message, line: result.line, column: result.column };
}

describe("parseJson", () => {
  it("reads every kind of value", () => {
    expect(toPlain(parsed('{"a": [1, -2.5e3, true, false, null, "x"], "b": {}, "c": []}'))).toEqual({
      a: [1, -2500, true, false, null, "x"],
      b: {},
      c: [],
    });
  });

  it("keeps the text of numbers", () => {
    expect(parsed("1820.10")).toEqual(new JsonNumber("1820.10"));
    expect(parsed("[123456789012345678901234567890.125, -0, 1E-7]")).toEqual([
      new JsonNumber("123456789012345678901234567890.125"),
      new JsonNumber("-0"),
      new JsonNumber("1E-7"),
    ]);
  });

  it("decodes escapes, including surrogate pairs and lone surrogates", () => {
    expect(parsed(String.raw`"a\"b\\c\/d\b\f\n\r\t\u4e2d\uD83D\uDE00\uDC00"`)).toBe('a"b\\c/d\b\f\n\r\t中😀\uDC00');
    expect(parsed('"兰州 😀"')).toBe("兰州 😀");
  });

  it("treats keys such as __proto__ as ordinary keys", () => {
    const value = parsed('{"__proto__": 1, "constructor": 2}');
    expect(isJsonObject(value) && Object.keys(value)).toEqual(["__proto__", "constructor"]);
    expect(isJsonObject(value) && value["__proto__"]).toEqual(new JsonNumber("1"));
  });

  it("skips a byte-order mark and surrounding whitespace", () => {
    expect(parsed("\uFEFF \n\t{\"a\": 1}\r\n")).toEqual({ a: new JsonNumber("1") });
  });

  it.each<[string, string, number, number]>([
    ["", "unexpected end of text, expected a value", 1, 1],
    ['{"a": 1,}', 'unexpected character "}", expected a key in double quotes', 1, 9],
    ['{"a": 1, "a": 2}', 'duplicate key "a"', 1, 10],
    ['{\n  "date": "2021-11-15"\n  "person": {}\n}', `unexpected character '"', expected "," or "}" after a value in an object`, 3, 3],
    ["[1, 2", 'unexpected end of text, expected "," or "]" after a value in a list', 1, 6],
    ['{"a" 1}', 'unexpected character "1", expected ":" after the key "a"', 1, 6],
    ["01", "invalid number: a number cannot start with 0 followed by digits", 1, 1],
    ["1.", 'invalid number: expected a digit after "."', 1, 1],
    ["-", "invalid number: expected a digit", 1, 1],
    ["1e+", "invalid number: expected a digit in the exponent", 1, 1],
    ["NaN", 'unexpected character "N", expected a value', 1, 1],
    ["'a'", "unexpected character \"'\", expected a value", 1, 1],
    ["tru", 'unexpected character "t", expected a value', 1, 1],
    ['"abc', "unterminated string: the closing quote is missing", 1, 1],
    ['"a\tb"', "control character U+0009 inside a string, write it as an escape such as \\n", 1, 3],
    [String.raw`"\x"`, 'invalid escape "\\x" in a string', 1, 2],
    [String.raw`"\u12G4"`, "invalid escape in a string: \\u must be followed by four hexadecimal digits", 1, 2],
    ["{} {}", 'unexpected character "{" after the end of the JSON value', 1, 4],
    ["[1]\n\n  x", 'unexpected character "x" after the end of the JSON value', 3, 3],
    ["[\u0001]", "unexpected control character U+0001, expected a value", 1, 2],
  ])("reports %j: %s at %i:%i", (text, message, line, column) => {
    expect(failure(text)).toEqual({ message, line, column });
  });

  it("refuses nesting deeper than 512 levels without exhausting the stack", () => {
    expect(parseJson("[".repeat(512) + "]".repeat(512)).ok).toBe(true);
    expect(failure("[".repeat(513) + "]".repeat(513)).message).toBe("too deeply nested: more than 512 levels of lists and objects");
    expect(failure("[{\"a\":".repeat(100_000)).message).toMatch(/^too deeply nested/);
  });
});

describe("property: parseJson", () => {
  it("never throws, whatever the text", () => {
    const jsonish = fc.stringMatching(/^[\s{}[\]",:0-9eE.+\-tfnrulasx\\]*$/);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), jsonish), (text) => {
        const result = parseJson(text);
        if (!result.ok) {
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.column).toBeGreaterThanOrEqual(1);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("never throws on valid JSON with one character changed", () => {
    const mutated = fc
      .tuple(fc.jsonValue(), fc.nat(), fc.constantFrom("", "{", "}", "[", "]", '"', ",", ":", "\\", "-", "0", "e", " "))
      .map(([value, position, replacement]) => {
        const text = JSON.stringify(value);
        const at = position % (text.length + 1);
        return text.slice(0, at) + replacement + text.slice(at + 1);
      });
    fc.assert(
      fc.property(mutated, (text) => {
        expect(() => parseJson(text)).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  it("reads what JSON.stringify writes as JSON.parse does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, "\t"), (value, indentation) => {
        const text = JSON.stringify(value, null, indentation);
        expect(toPlain(parsed(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it("refuses a repeated key anywhere", () => {
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), fc.jsonValue(), (key, first, second) => {
        const text = `{"wrap": {${JSON.stringify(key)}: ${JSON.stringify(first)}, ${JSON.stringify(key)}: ${JSON.stringify(second)}}}`;
        expect(failure(text).message).toBe(`duplicate key ${JSON.stringify(key)}`);
      }),
    );
  });
});
