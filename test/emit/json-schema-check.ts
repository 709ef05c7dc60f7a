/**
 * A validator for the keywords of JSON Schema 2020-12 that compiler/emit/schema.ts uses
 * ($ref to $defs, type, properties, required, additionalProperties: false, enum, anyOf,
 * items, uniqueItems, pattern, minimum), so that tests can check documents against the
 * emitted schemas. It refuses any other keyword, so that the emitter cannot silently rely
 * on one it does not check.
 */
type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const KNOWN = new Set([
  "$schema", "$defs", "$ref", "title", "description", "type", "properties", "required",
  "additionalProperties", "enum", "anyOf", "items", "uniqueItems", "pattern", "minimum",
]);

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

/** The problems of `value` against `schema` (empty: valid), each with its JSON path. */
export function validate(schema: object, value: unknown): string[] {
  const root = schema;
  const problems: string[] = [];
  const check = (node: unknown, data: unknown, path: string): boolean => {
    if (!isObject(node)) throw new Error(`schema at ${path} is not an object`);
    for (const keyword of Object.keys(node)) if (!KNOWN.has(keyword)) throw new Error(`unsupported keyword ${keyword}`);
    const before = problems.length;
    const fail = (message: string) => problems.push(`${path || "(root)"}: ${message}`);
    if (typeof node["$ref"] === "string") {
      const name = node["$ref"].replace("#/$defs/", "");
      const definitions = isObject(root) ? root["$defs"] : undefined;
      const target = isObject(definitions) ? definitions[name] : undefined;
      if (target === undefined) throw new Error(`no definition ${name}`);
      check(target, data, path);
    }
    if (typeof node["type"] === "string") {
      const actual = typeOf(data);
      const ok = actual === node["type"] || (node["type"] === "number" && actual === "integer");
      if (!ok) fail(`expected ${node["type"]}, got ${actual}`);
    }
    if (Array.isArray(node["enum"]) && !node["enum"].includes(data)) fail(`${JSON.stringify(data)} is not one of the members`);
    if (typeof node["pattern"] === "string" && typeof data === "string" && !new RegExp(node["pattern"], "u").test(data)) {
      fail(`${JSON.stringify(data)} does not match ${node["pattern"]}`);
    }
    if (typeof node["minimum"] === "number" && typeof data === "number" && data < node["minimum"]) fail(`below ${node["minimum"]}`);
    if (Array.isArray(node["anyOf"])) {
      const branches = node["anyOf"].map((branch) => {
        const saved = problems.length;
        const ok = check(branch, data, path);
        problems.length = saved;
        return ok;
      });
      if (!branches.some(Boolean)) fail(`matches none of the allowed forms: ${JSON.stringify(data)}`);
    }
    if (isObject(data)) {
      const properties = isObject(node["properties"]) ? node["properties"] : {};
      for (const [key, item] of Object.entries(data)) {
        const property = properties[key];
        if (property !== undefined) check(property, item, path === "" ? key : `${path}.${key}`);
        else if (node["additionalProperties"] === false) fail(`unknown key ${key}`);
      }
      if (Array.isArray(node["required"])) {
        for (const key of node["required"]) if (typeof key === "string" && !Object.hasOwn(data, key)) fail(`missing ${key}`);
      }
    }
    if (Array.isArray(data)) {
      if (node["items"] !== undefined) data.forEach((item: unknown, i) => check(node["items"], item, `${path}[${i}]`));
      if (node["uniqueItems"] === true && new Set(data.map((d: unknown) => JSON.stringify(d))).size !== data.length) fail("items repeat");
    }
    return problems.length === before;
  };
  check(schema, value, "");
  return problems;
}

export type { Json };
