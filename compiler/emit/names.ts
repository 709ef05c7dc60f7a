/**
 * Identifiers of generated code: policy names (snake_case) in TypeScript's conventions,
 * kept unique within a scope and clear of reserved words and of the runtime's exports.
 */

/** Words a generated identifier may not be: JavaScript's reserved words, globals the code uses, and TypeScript's `Parameters`, which an exported type would shadow for users. */
const RESERVED = new Set([
  "arguments", "await", "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
  "do", "else", "enum", "eval", "export", "extends", "false", "finally", "for", "function", "if", "implements",
  "import", "in", "instanceof", "interface", "let", "new", "null", "package", "private", "protected", "public",
  "return", "static", "super", "switch", "this", "throw", "true", "try", "typeof", "undefined", "var", "void",
  "while", "with", "yield", "any", "boolean", "number", "string", "symbol", "never", "unknown", "object", "type",
  "Array", "Error", "Infinity", "JSON", "Math", "NaN", "Number", "Object", "Parameters", "Partial", "Pick", "String", "Readonly",
]);

function words(name: string): string[] {
  return name.split("_").filter((word) => word !== "");
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `ui_benefit_standard` → `uiBenefitStandard` */
export function camelCase(name: string): string {
  const [first = "value", ...rest] = words(name);
  return first + rest.map(capitalise).join("");
}

/** `ui_status` → `UiStatus`, `m4` → `M4` */
export function pascalCase(name: string): string {
  const parts = words(name);
  return parts.length === 0 ? "Value" : parts.map(capitalise).join("");
}

/** `2021-10-20` → `2021_10_20`, `-12.5` → `MINUS_12_5`: a literal's text as part of a constant's name. */
export function literalNamePart(text: string): string {
  return text.replace(/^-/, "MINUS_").replace(/[^A-Za-z0-9]+/g, "_");
}

/** The names taken in one scope; a name asked for twice gets a number. */
export class NameTable {
  private readonly taken = new Set<string>(RESERVED);

  constructor(private readonly parent?: NameTable) {}

  has(name: string): boolean {
    return this.taken.has(name) || (this.parent?.has(name) ?? false);
  }

  /** Marks a name as used, for names that must keep their spelling (runtime exports). */
  reserve(name: string): void {
    this.taken.add(name);
  }

  /** A fresh name as close to `base` as possible. */
  take(base: string): string {
    let name = base;
    for (let n = 2; this.has(name); n++) name = `${base}${n}`;
    this.taken.add(name);
    return name;
  }
}
