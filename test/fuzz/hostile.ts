/**
 * Hostile scenarios, as an attacker or a careless user writes them: a valid scenario's JSON
 * with keys that are names of Object.prototype, nesting thousands deep, numbers beyond any
 * range, escapes of lone surrogates and control characters, a byte-order mark, repeated
 * keys, or cut short anywhere; and any text at all.
 */
import fc from "fast-check";

const prototypeKeys = ["__proto__", "constructor", "toString", "valueOf", "hasOwnProperty", "prototype", "__defineGetter__"];

const hostileValues = [
  "1e400", "-1e400", "1e-400", "-0", "1E+2", "123456789012345678901234567890.123456789", "9007199254740993", "0.1e1",
  '"\\ud800"', '"\\udc00\\ud800"', '"\\u0000"', '"a\\nb"', '"\u2028"', '"60.00001%"', '"-1"', '"1,000.00"', "null", "true", "[]", "{}",
  '{"__proto__": {"polluted": true}}', '"2021-02-29"', '"0000-01-01"', '"24:00"', '"NaN"', '"Infinity"',
  // texts one character too long, with a C1 control character, with DEL
  JSON.stringify("7".repeat(201)), '"7300\u0085"', '"\u007f"',
];

function nested(depth: number, open: string, close: string, inner = "0"): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

/** Offsets of the places a value starts in a JSON text: after a `:` or a `[` or a `,`. */
function valuePlaces(text: string): number[] {
  const places: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const character = text[index];
    if (character === ":" || character === "[" || (character === "," && text[index + 1] !== '"')) places.push(index + 1);
  }
  return places;
}

/** The value that starts at `start` replaced: the text from there to the next `,`, `}` or `]` at the same depth. */
function replaceValueAt(text: string, start: number, replacement: string): string {
  let depth = 0;
  let inString = false;
  let end = start;
  for (; end < text.length; end++) {
    const character = text[end];
    if (inString) {
      if (character === "\\") end++;
      else if (character === '"') inString = false;
      continue;
    }
    if (character === '"') inString = true;
    else if (character === "{" || character === "[") depth++;
    else if (character === "}" || character === "]") {
      if (depth === 0) break;
      depth--;
    } else if (character === "," && depth === 0) break;
  }
  return text.slice(0, start) + replacement + text.slice(end);
}

type Attack =
  | { readonly kind: "prototype-key"; readonly at: number; readonly key: string; readonly value: string }
  | { readonly kind: "value"; readonly at: number; readonly value: string }
  | { readonly kind: "deep"; readonly at: number; readonly depth: number; readonly array: boolean }
  | { readonly kind: "truncate"; readonly at: number }
  | { readonly kind: "bom" }
  | { readonly kind: "repeat-key"; readonly at: number };

const place = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

const attack: fc.Arbitrary<Attack> = fc.oneof(
  fc.record({ kind: fc.constant("prototype-key" as const), at: place, key: fc.constantFrom(...prototypeKeys), value: fc.constantFrom(...hostileValues) }),
  fc.record({ kind: fc.constant("value" as const), at: place, value: fc.constantFrom(...hostileValues) }),
  fc.record({ kind: fc.constant("deep" as const), at: place, depth: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.constantFrom(511, 512, 513, 100_000)), array: fc.boolean() }),
  fc.record({ kind: fc.constant("truncate" as const), at: place }),
  fc.constant({ kind: "bom" as const }),
  fc.record({ kind: fc.constant("repeat-key" as const), at: place }),
);

function applyAttack(text: string, change: Attack): string {
  switch (change.kind) {
    case "prototype-key": {
      const opens = [...text.matchAll(/\{/g)].map((match) => match.index + 1);
      const at = opens[Math.floor(change.at * opens.length)];
      if (at === undefined) return text;
      const separator = text[at] === "}" ? "" : ",";
      return `${text.slice(0, at)}${JSON.stringify(change.key)}:${change.value}${separator}${text.slice(at)}`;
    }
    case "value":
    case "deep": {
      const places = valuePlaces(text);
      const at = places[Math.floor(change.at * places.length)];
      if (at === undefined) return text;
      const value = change.kind === "value" ? change.value : change.array ? nested(change.depth, "[", "]") : nested(change.depth, '{"a":', "}");
      return replaceValueAt(text, at, value);
    }
    case "truncate":
      return text.slice(0, Math.floor(change.at * text.length));
    case "bom":
      return `\ufeff${text}`;
    case "repeat-key": {
      const keys = [...text.matchAll(/"([^"\\]*)":/g)];
      const key = keys[Math.floor(change.at * keys.length)];
      if (key === undefined) return text;
      const at = key.index;
      return `${text.slice(0, at)}${key[0]}0,${text.slice(at)}`;
    }
  }
}

/** A scenario's JSON attacked one to three times, or any text. */
export function hostileScenario(valid: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 8, arbitrary: fc.tuple(valid, fc.array(attack, { minLength: 1, maxLength: 3 })).map(([text, attacks]) => attacks.reduce(applyAttack, text)) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    { weight: 1, arbitrary: fc.json() },
  );
}
