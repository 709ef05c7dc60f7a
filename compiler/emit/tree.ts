/**
 * The code tree the emitters build and compiler/emit/printer.ts prints: the few statement,
 * expression and type forms generated code uses. Nodes hold no layout and no escaping —
 * text (strings, comments, property names) is kept as it is and escaped by the printer,
 * and parentheses, line breaks and indentation are the printer's decisions. One tree is
 * printed as TypeScript, as JavaScript (types dropped) or as declarations (.d.ts).
 */

export type Expression =
  | { readonly kind: "identifier"; readonly name: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "null" }
  /** `object.name`, or `object["name"]` for a name that is not an identifier; `object?.name` when optional */
  | { readonly kind: "member"; readonly object: Expression; readonly name: string; readonly optional?: boolean }
  | { readonly kind: "index"; readonly object: Expression; readonly index: Expression }
  | { readonly kind: "call"; readonly callee: Expression; readonly args: readonly Expression[]; readonly typeArguments?: readonly TypeNode[] }
  | { readonly kind: "new"; readonly callee: Expression; readonly args: readonly Expression[] }
  | { readonly kind: "unary"; readonly operator: "!" | "-"; readonly operand: Expression }
  | { readonly kind: "binary"; readonly operator: BinaryOperator; readonly left: Expression; readonly right: Expression }
  | { readonly kind: "conditional"; readonly test: Expression; readonly then: Expression; readonly else: Expression }
  | { readonly kind: "array"; readonly elements: readonly Expression[] }
  /** `() => body`, `(member: Person) => body` */
  | { readonly kind: "arrow"; readonly parameters?: readonly Parameter[]; readonly body: Expression }
  /** `multiline`: one property per line even when they would fit on one */
  | { readonly kind: "object"; readonly properties: readonly Property[]; readonly multiline?: boolean };

export type BinaryOperator = "+" | "-" | "*" | "<" | "<=" | ">" | ">=" | "===" | "!==" | "&&" | "||" | "??";

/** `name: value`; written `name` alone when the value is the identifier `name`. */
export interface Property {
  readonly name: string;
  readonly value: Expression;
}

export type TypeNode =
  | { readonly kind: "reference"; readonly name: string; readonly arguments?: readonly TypeNode[] }
  | { readonly kind: "string"; readonly value: string }
  /** members with a doc comment are printed one per line */
  | { readonly kind: "union"; readonly members: readonly { readonly type: TypeNode; readonly doc?: string }[] }
  /** `readonly T[]` */
  | { readonly kind: "array"; readonly element: TypeNode }
  | { readonly kind: "indexed"; readonly object: TypeNode; readonly index: TypeNode }
  | { readonly kind: "object"; readonly members: readonly Member[] }
  /** `{ readonly [key in keyof of]: value }`, or `]?:` when optional */
  | { readonly kind: "mapped"; readonly key: string; readonly of: TypeNode; readonly value: TypeNode; readonly optional?: boolean }
  | { readonly kind: "function"; readonly parameters: readonly Parameter[]; readonly returns: TypeNode };

/** A read-only property of an interface or object type. */
export interface Member {
  readonly name: string;
  readonly type: TypeNode;
  readonly doc?: readonly string[];
}

/** A function's parameter; one with a default value is optional in declarations. */
export interface Parameter {
  readonly name: string;
  readonly type: TypeNode;
  readonly default?: Expression;
  /** in a function type: may be left out */
  readonly optional?: boolean;
}

export type Statement =
  | {
      readonly kind: "const" | "let";
      readonly name: string;
      readonly type?: TypeNode;
      readonly value?: Expression;
      readonly exported?: boolean;
      readonly doc?: readonly string[];
      /** the type declarations give a constant whose type TypeScript infers from its value */
      readonly declaredType?: TypeNode;
    }
  /** `const { entity, other: name } = value;` */
  | { readonly kind: "destructure"; readonly properties: readonly { readonly property: string; readonly name: string }[]; readonly value: Expression }
  | { readonly kind: "assign"; readonly target: string; readonly operator: "=" | "+="; readonly value: Expression }
  | { readonly kind: "expression"; readonly expression: Expression }
  | { readonly kind: "return"; readonly value?: Expression }
  | { readonly kind: "throw"; readonly value: Expression }
  /** an `else` holding only an `if` is printed `else if` */
  | { readonly kind: "if"; readonly test: Expression; readonly then: readonly Statement[]; readonly else?: readonly Statement[] }
  | { readonly kind: "for of"; readonly variable: string; readonly iterable: Expression; readonly body: readonly Statement[] }
  /** each case a block; `test` absent: `default` */
  | { readonly kind: "switch"; readonly subject: Expression; readonly cases: readonly { readonly test?: Expression; readonly body: readonly Statement[] }[] }
  | { readonly kind: "break" }
  /** `try { body } catch (variable) { handler }` */
  | { readonly kind: "try"; readonly body: readonly Statement[]; readonly variable: string; readonly handler: readonly Statement[] }
  | { readonly kind: "comment"; readonly text: string }
  /** a doc comment of its own: the module's header */
  | { readonly kind: "doc"; readonly lines: readonly string[] }
  /** a blank line; runs of them, and those at the start or end of a block, are not printed */
  | { readonly kind: "blank" }
  | Declaration;

export type Declaration =
  | {
      readonly kind: "function";
      readonly name: string;
      readonly exported?: boolean;
      readonly doc?: readonly string[];
      readonly typeParameters?: readonly string[];
      readonly parameters: readonly Parameter[];
      readonly returns: TypeNode;
      readonly body: readonly Statement[];
    }
  | { readonly kind: "interface"; readonly name: string; readonly typeParameters?: readonly string[]; readonly members: readonly Member[]; readonly doc?: readonly string[] }
  | { readonly kind: "type"; readonly name: string; readonly type: TypeNode; readonly doc?: readonly string[] }
  /**
   * A part of a module under a `// ----- title` line; printed only when something in it is
   * (JavaScript has no types, declarations no implementations).
   */
  | { readonly kind: "section"; readonly title: string; readonly body: readonly Statement[] }
  /**
   * The module's imports from one specifier: only the names the printed code refers to,
   * values and types (`import type` in declarations).
   */
  | { readonly kind: "import"; readonly values: readonly string[]; readonly types: readonly string[]; readonly from: string };

// ------------------------------------------------------------ building

export function identifier(name: string): Extract<Expression, { kind: "identifier" }> {
  return { kind: "identifier", name };
}

export function number(value: number): Expression {
  return { kind: "number", value };
}

export function string(value: string): Expression {
  return { kind: "string", value };
}

export const NULL: Expression = { kind: "null" };
export const TRUE: Expression = { kind: "boolean", value: true };
export const FALSE: Expression = { kind: "boolean", value: false };

export function member(object: Expression, name: string): Expression {
  return { kind: "member", object, name };
}

export function call(callee: Expression | string, args: readonly Expression[], typeArguments?: readonly TypeNode[]): Expression {
  return { kind: "call", callee: typeof callee === "string" ? identifier(callee) : callee, args, ...(typeArguments === undefined ? {} : { typeArguments }) };
}

export function binary(left: Expression, operator: BinaryOperator, right: Expression): Expression {
  return { kind: "binary", operator, left, right };
}

/** `a && b && c` (or `||`) from its operands; `undefined` for none. */
export function chain(operator: "&&" | "||", operands: readonly Expression[]): Expression | undefined {
  const [first, ...rest] = operands;
  return first === undefined ? undefined : rest.reduce((left, right) => binary(left, operator, right), first);
}

export function not(operand: Expression): Expression {
  return { kind: "unary", operator: "!", operand };
}

export function conditional(test: Expression, then: Expression, otherwise: Expression): Expression {
  return { kind: "conditional", test, then, else: otherwise };
}

export function object(properties: readonly Property[], multiline = false): Expression {
  return { kind: "object", properties, ...(multiline ? { multiline } : {}) };
}

/** JSON-like data (strings, numbers, booleans, null, arrays, plain objects) as an expression. */
export function data(value: unknown): Expression {
  if (typeof value === "string") return string(value);
  if (typeof value === "number") return number(value);
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (value === null) return NULL;
  if (Array.isArray(value)) return { kind: "array", elements: value.map(data) };
  if (typeof value === "object") return object(Object.entries(value).map(([name, item]: [string, unknown]) => ({ name, value: data(item) })));
  throw new Error(`no literal for ${typeof value}`);
}

export function typeReference(name: string, ...args: readonly TypeNode[]): TypeNode {
  return args.length === 0 ? { kind: "reference", name } : { kind: "reference", name, arguments: args };
}

export function union(...members: readonly TypeNode[]): TypeNode {
  return { kind: "union", members: members.map((type) => ({ type })) };
}

export const blank: Statement = { kind: "blank" };

export function comment(text: string): Statement {
  return { kind: "comment", text };
}

/** `if (test) { then }`, without else */
export function when(test: Expression, ...then: readonly Statement[]): Statement {
  return { kind: "if", test, then };
}
