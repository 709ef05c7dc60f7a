/**
 * Printing helpers shared by the emitters: expressions with their precedence, comments,
 * indentation, and data literals laid out to be read.
 */
import { blockCommentText, stringLiteral } from "./escape.js";

/** What is printed: TypeScript, JavaScript, or the declarations (.d.ts) of the JavaScript. */
export type Mode = "ts" | "js" | "dts";

/** JavaScript operator precedence, loosest first, for the forms generated code uses. */
export const precedence = {
  conditional: 2,
  nullish: 3,
  or: 4,
  and: 5,
  equality: 9,
  relational: 10,
  additive: 12,
  multiplicative: 13,
  unary: 15,
  primary: 20,
} as const;

/** An expression's text and the precedence of its outermost operator. */
export interface Code {
  readonly text: string;
  readonly precedence: number;
}

export function primary(text: string): Code {
  return { text, precedence: precedence.primary };
}

/** The text, in parentheses when its operator binds more loosely than `minimum`. */
export function operand(code: Code, minimum: number): string {
  return code.precedence < minimum ? `(${code.text})` : code.text;
}

export function callCode(callee: string, args: readonly Code[]): Code {
  return primary(`${callee}(${args.map((a) => a.text).join(", ")})`);
}

/** A left-associative binary operation. */
export function binary(left: Code, operator: string, right: Code, level: number): Code {
  return { text: `${operand(left, level)} ${operator} ${operand(right, level + 1)}`, precedence: level };
}

/** `a && b`, `a || b`: `??` may not be mixed with them unparenthesised. */
export function logical(left: Code, operator: "&&" | "||", right: Code): Code {
  const level = operator === "&&" ? precedence.and : precedence.or;
  // `a || b && c` is correct but easy to misread: an `&&` inside an `||` gets parentheses.
  const clear = (code: Code) => code.precedence === precedence.nullish || (operator === "||" && code.precedence === precedence.and);
  const side = (code: Code, minimum: number) => (clear(code) ? `(${code.text})` : operand(code, minimum));
  return { text: `${side(left, level)} ${operator} ${side(right, level + 1)}`, precedence: level };
}

export function nullish(left: Code, right: Code): Code {
  // Operands of `??` may not be unparenthesised `&&` or `||`.
  return { text: `${operand(left, precedence.and + 1)} ?? ${operand(right, precedence.and + 1)}`, precedence: precedence.nullish };
}

export function conditional(test: Code, whenTrue: Code, whenFalse: Code): Code {
  return {
    // A conditional in the middle is parenthesised: `a ? (b ? c : d) : e` reads unambiguously.
    text: `${operand(test, precedence.nullish)} ? ${operand(whenTrue, precedence.nullish)} : ${operand(whenFalse, precedence.conditional)}`,
    precedence: precedence.conditional,
  };
}

export function not(code: Code): Code {
  return { text: `!${operand(code, precedence.unary)}`, precedence: precedence.unary };
}

/** An identifier or a chain of property reads: cheap and pure, so it may be repeated. */
export function isPlainReference(code: Code): boolean {
  return /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(code.text);
}

export function indent(lines: readonly string[], levels = 1): string[] {
  const pad = "  ".repeat(levels);
  return lines.map((line) => (line === "" ? line : pad + line));
}

/** A JSDoc block from its lines. */
export function docComment(lines: readonly string[]): string[] {
  if (lines.length === 1) return [`/** ${blockCommentText(lines[0] ?? "")} */`];
  return ["/**", ...lines.map((line) => (line === "" ? " *" : ` * ${blockCommentText(line)}`)), " */"];
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A property name as written in an object literal or interface. `__proto__` is computed:
 * written plainly in an object literal it would set the object's prototype.
 */
export function propertyName(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

/** `object.name`, or `object["name"]` for a name that is not an identifier. */
export function propertyAccess(object: string, name: string): string {
  return IDENTIFIER.test(name) ? `${object}.${name}` : `${object}[${stringLiteral(name)}]`;
}

/** Line width beyond which data literals and long conditions are broken over lines. */
export const LINE_WIDTH = 110;

/**
 * JSON-like data as a JavaScript literal: objects and arrays that fit on a line stay on
 * one, others get one entry per line.
 */
export function dataLiteral(value: unknown, currentIndent = ""): string {
  if (typeof value === "string") return stringLiteral(value);
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "undefined";
  const inner = currentIndent + "  ";
  const entries = Array.isArray(value)
    ? value.map((item: unknown) => dataLiteral(item, inner))
    : Object.entries(value).map(([key, item]: [string, unknown]) => `${propertyName(key)}: ${dataLiteral(item, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{ ", " }"];
  if (entries.length === 0) return Array.isArray(value) ? "[]" : "{}";
  const flat = `${open}${entries.join(", ")}${close}`;
  if (!flat.includes("\n") && currentIndent.length + flat.length <= LINE_WIDTH) return flat;
  return `${open.trim()}\n${entries.map((e) => `${inner}${e},`).join("\n")}\n${currentIndent}${close.trim()}`;
}

export interface ParameterCode {
  readonly name: string;
  readonly type: string;
  /** a default value makes the parameter optional */
  readonly default?: string;
}

/**
 * The first line of a function: `function f(a: A, b: B = {}): R {` in TypeScript,
 * `function f(a, b = {}) {` in JavaScript, or the whole `export declare function …;` of a .d.ts.
 */
export function functionHead(
  mode: Mode,
  head: { readonly exported: boolean; readonly name: string; readonly parameters: readonly ParameterCode[]; readonly returns: string; readonly typeParameters?: string },
): string {
  const exported = head.exported ? "export " : "";
  if (mode === "js") {
    const parameters = head.parameters.map((p) => (p.default === undefined ? p.name : `${p.name} = ${p.default}`));
    return `${exported}function ${head.name}(${parameters.join(", ")}) {`;
  }
  const typeParameters = head.typeParameters ?? "";
  if (mode === "dts") {
    const parameters = head.parameters.map((p) => `${p.name}${p.default === undefined ? "" : "?"}: ${p.type}`);
    return `export declare function ${head.name}${typeParameters}(${parameters.join(", ")}): ${head.returns};`;
  }
  const parameters = head.parameters.map((p) => `${p.name}: ${p.type}${p.default === undefined ? "" : ` = ${p.default}`}`);
  return `${exported}function ${head.name}${typeParameters}(${parameters.join(", ")}): ${head.returns} {`;
}

/**
 * `throw new EvaluationError(code, message, location);`, over several lines when long.
 * `message` is JavaScript code (a string literal, or a concatenation).
 */
export function throwEvaluationError(
  errorClass: string,
  code: string,
  message: string,
  location: { readonly file: string; readonly line: number; readonly column: number },
): string[] {
  const place = `{ file: ${stringLiteral(location.file)}, line: ${location.line}, column: ${location.column} }`;
  const flat = `throw new ${errorClass}("${code}", ${message}, ${place});`;
  if (flat.length <= LINE_WIDTH) return [flat];
  return [`throw new ${errorClass}(`, `  "${code}",`, `  ${message},`, `  ${place},`, ");"];
}
