/**
 * A strict JSON parser (RFC 8259) for scenarios. Unlike JSON.parse it keeps each number's
 * text, so that "1820.10" or a 30-digit indicator is read exactly, rejects duplicate keys
 * (the second would silently win), and reports the line and column of a mistake.
 * It never throws: nesting is bounded so that recursion cannot exhaust the stack.
 */

/** A JSON number as written; the reader of a value decides how to interpret it. */
export class JsonNumber {
  constructor(readonly text: string) {}
}

export type JsonValue =
  | null
  | boolean
  | string
  | JsonNumber
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

export type JsonParseResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/** Far deeper than any scenario, far shallower than the call stack. */
export const MAX_DEPTH = 512;

// Character codes the parser looks at.
const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;
const SPACE = 0x20;
const QUOTE = 0x22;
const PLUS = 0x2b;
const COMMA = 0x2c;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const COLON = 0x3a;
const UPPER_E = 0x45;
const OPEN_BRACKET = 0x5b;
const BACKSLASH = 0x5c;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const LOWER_U = 0x75;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const DELETE = 0x7f;
const BYTE_ORDER_MARK = 0xfeff;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const SIMPLE_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['"', '"'],
  ["\\", "\\"],
  ["/", "/"],
  ["b", "\b"],
  ["f", "\f"],
  ["n", "\n"],
  ["r", "\r"],
  ["t", "\t"],
]);

function isDigit(code: number): boolean {
  return code >= ZERO && code <= NINE;
}

function describeCharacter(text: string, offset: number): string {
  const code = text.charCodeAt(offset);
  if (code < SPACE || code === DELETE) return `control character U+${code.toString(16).padStart(4, "0").toUpperCase()}`;
  const character = String.fromCodePoint(text.codePointAt(offset) ?? code);
  return character === '"' ? `character '"'` : `character "${character}"`;
}

class Parser {
  private offset = 0;

  constructor(private readonly text: string) {}

  parseDocument(): JsonValue {
    // A byte-order mark is not JSON, but editors on some systems add one to every file.
    if (this.text.charCodeAt(0) === BYTE_ORDER_MARK) this.offset = 1;
    this.skipWhitespace();
    const value = this.parseValue(0);
    this.skipWhitespace();
    if (this.offset < this.text.length) {
      this.fail(`unexpected ${describeCharacter(this.text, this.offset)} after the end of the JSON value`);
    }
    return value;
  }

  private fail(message: string, offset = this.offset): never {
    throw new JsonSyntaxError(message, offset);
  }

  private skipWhitespace(): void {
    const text = this.text;
    let offset = this.offset;
    for (;;) {
      const code = text.charCodeAt(offset);
      if (code !== SPACE && code !== LINE_FEED && code !== CARRIAGE_RETURN && code !== TAB) break;
      offset++;
    }
    this.offset = offset;
  }

  private parseValue(depth: number): JsonValue {
    if (this.offset >= this.text.length) this.fail("unexpected end of text, expected a value");
    const code = this.text.charCodeAt(this.offset);
    switch (code) {
      case OPEN_BRACE:
        return this.parseObject(depth + 1);
      case OPEN_BRACKET:
        return this.parseArray(depth + 1);
      case QUOTE:
        return this.parseString();
      default:
        if (code === MINUS || isDigit(code)) return this.parseNumber();
        if (this.text.startsWith("true", this.offset)) return this.literal("true", true);
        if (this.text.startsWith("false", this.offset)) return this.literal("false", false);
        if (this.text.startsWith("null", this.offset)) return this.literal("null", null);
        return this.fail(`unexpected ${describeCharacter(this.text, this.offset)}, expected a value`);
    }
  }

  private literal<T extends JsonValue>(word: string, value: T): T {
    this.offset += word.length;
    return value;
  }

  private enter(depth: number): void {
    if (depth > MAX_DEPTH) this.fail(`too deeply nested: more than ${MAX_DEPTH} levels of lists and objects`);
    this.offset++;
    this.skipWhitespace();
  }

  private parseObject(depth: number): JsonValue {
    this.enter(depth);
    // No prototype, so that a key such as "__proto__" or "constructor" is an ordinary key.
    const object = Object.create(null) as { [key: string]: JsonValue };
    if (this.text.charCodeAt(this.offset) === CLOSE_BRACE) {
      this.offset++;
      return object;
    }
    for (;;) {
      if (this.text.charCodeAt(this.offset) !== QUOTE) this.failExpecting("a key in double quotes");
      const keyOffset = this.offset;
      const key = this.parseString();
      if (Object.hasOwn(object, key)) this.fail(`duplicate key ${quotedKey(key)}`, keyOffset);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.offset) !== COLON) this.failExpecting(`":" after the key ${quotedKey(key)}`);
      this.offset++;
      this.skipWhitespace();
      object[key] = this.parseValue(depth);
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.offset);
      if (next === CLOSE_BRACE) {
        this.offset++;
        return object;
      }
      if (next !== COMMA) this.failExpecting('"," or "}" after a value in an object');
      this.offset++;
      this.skipWhitespace();
    }
  }

  private parseArray(depth: number): JsonValue {
    this.enter(depth);
    const array: JsonValue[] = [];
    if (this.text.charCodeAt(this.offset) === CLOSE_BRACKET) {
      this.offset++;
      return array;
    }
    for (;;) {
      array.push(this.parseValue(depth));
      this.skipWhitespace();
      const next = this.text.charCodeAt(this.offset);
      if (next === CLOSE_BRACKET) {
        this.offset++;
        return array;
      }
      if (next !== COMMA) this.failExpecting('"," or "]" after a value in a list');
      this.offset++;
      this.skipWhitespace();
    }
  }

  private failExpecting(expected: string): never {
    if (this.offset >= this.text.length) return this.fail(`unexpected end of text, expected ${expected}`);
    return this.fail(`unexpected ${describeCharacter(this.text, this.offset)}, expected ${expected}`);
  }

  /** At an opening quote; reads up to and past the closing one. */
  private parseString(): string {
    const text = this.text;
    const opening = this.offset;
    let offset = opening + 1;
    let chunkStart = offset;
    let result = "";
    for (;;) {
      if (offset >= text.length) this.fail("unterminated string: the closing quote is missing", opening);
      const code = text.charCodeAt(offset);
      if (code === QUOTE) break;
      if (code < SPACE) {
        this.fail(`${describeCharacter(text, offset)} inside a string, write it as an escape such as \\n`, offset);
      }
      if (code !== BACKSLASH) {
        offset++;
        continue;
      }
      const decoded = this.decodeEscape(offset);
      result += text.slice(chunkStart, offset) + decoded;
      offset += text.charCodeAt(offset + 1) === LOWER_U ? 6 : 2;
      chunkStart = offset;
    }
    this.offset = offset + 1;
    return result + text.slice(chunkStart, offset);
  }

  /** The character an escape at a backslash stands for. */
  private decodeEscape(backslash: number): string {
    const letter = this.text.charAt(backslash + 1);
    const simple = SIMPLE_ESCAPES.get(letter);
    if (simple !== undefined) return simple;
    if (letter === "u") {
      const hex = this.text.slice(backslash + 2, backslash + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) return String.fromCharCode(parseInt(hex, 16));
      return this.fail("invalid escape in a string: \\u must be followed by four hexadecimal digits", backslash);
    }
    if (letter === "") return this.fail("unterminated string: the closing quote is missing", backslash);
    return this.fail(`invalid escape "\\${letter}" in a string`, backslash);
  }

  private parseNumber(): JsonNumber {
    const text = this.text;
    const start = this.offset;
    let offset = start;
    if (text.charCodeAt(offset) === MINUS) offset++;
    if (text.charCodeAt(offset) === ZERO) {
      offset++;
      if (isDigit(text.charCodeAt(offset))) this.fail("invalid number: a number cannot start with 0 followed by digits", start);
    } else {
      offset = this.digits(offset, start, "a digit");
    }
    if (text.charCodeAt(offset) === DOT) offset = this.digits(offset + 1, start, 'a digit after "."');
    const exponentMark = text.charCodeAt(offset);
    if (exponentMark === LOWER_E || exponentMark === UPPER_E) {
      offset++;
      const sign = text.charCodeAt(offset);
      if (sign === PLUS || sign === MINUS) offset++;
      offset = this.digits(offset, start, "a digit in the exponent");
    }
    this.offset = offset;
    return new JsonNumber(text.slice(start, offset));
  }

  /** One or more digits from offset; returns the offset after them. */
  private digits(offset: number, numberStart: number, expected: string): number {
    if (!isDigit(this.text.charCodeAt(offset))) this.fail(`invalid number: expected ${expected}`, numberStart);
    let end = offset + 1;
    while (isDigit(this.text.charCodeAt(end))) end++;
    return end;
  }
}

/** A key as messages quote it: no more than its first 80 characters, with its length when longer. */
function quotedKey(key: string): string {
  return key.length <= MAX_QUOTED_KEY ? JSON.stringify(key) : `${JSON.stringify(key.slice(0, MAX_QUOTED_KEY))}… (${key.length} characters)`;
}

const MAX_QUOTED_KEY = 80;

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === LINE_FEED) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

export function parseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: new Parser(text).parseDocument() };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ok: false, message: error.message, ...lineAndColumn(text, error.offset) };
  }
}

export function isJsonArray(value: JsonValue): value is readonly JsonValue[] {
  return Array.isArray(value);
}

export function isJsonObject(value: JsonValue): value is { readonly [key: string]: JsonValue } {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}
