/**
 * Prints the code tree of compiler/emit/tree.ts. Every layout decision is made here:
 * parentheses from the operators' precedence, indentation, where a line too long for
 * LINE_WIDTH breaks (an `&&`, `||` or `+` chain one operand per line, a conditional's branches,
 * a call's arguments, an object's properties), `} else if (…) {`, blank lines between
 * statements, and which declarations each of TypeScript, JavaScript and .d.ts keeps.
 * Policy text is escaped here, by compiler/emit/escape.ts, and nowhere else.
 */
import { blockCommentText, lineComment, stringLiteral } from "./escape.js";
import type { BinaryOperator, Declaration, Expression, Member, Parameter, Property, Statement, TypeNode } from "./tree.js";

/** What is printed: TypeScript, JavaScript, or the declarations (.d.ts) of the JavaScript. */
export type Mode = "ts" | "js" | "dts";

/** Lines, indentation included, are broken beyond this width where the expression allows it. */
export const LINE_WIDTH = 120;

const UNIT = "  ";

/** JavaScript's precedence of the forms generated code uses, loosest first. */
const PRECEDENCE = {
  arrow: 1,
  conditional: 2,
  nullish: 3,
  or: 4,
  and: 5,
  equality: 9,
  relational: 10,
  additive: 12,
  multiplicative: 13,
  unary: 15,
  postfix: 18,
  primary: 20,
} as const;

const BINARY_PRECEDENCE: { readonly [operator in BinaryOperator]: number } = {
  "??": PRECEDENCE.nullish,
  "||": PRECEDENCE.or,
  "&&": PRECEDENCE.and,
  "===": PRECEDENCE.equality,
  "!==": PRECEDENCE.equality,
  "<": PRECEDENCE.relational,
  "<=": PRECEDENCE.relational,
  ">": PRECEDENCE.relational,
  ">=": PRECEDENCE.relational,
  "+": PRECEDENCE.additive,
  "-": PRECEDENCE.additive,
  "*": PRECEDENCE.multiplicative,
};

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A module: its statements in the mode's form, ending with a newline. */
export function printModule(statements: readonly Statement[], mode: Mode): string {
  return `${new Printer(mode).module(statements).join("\n")}\n`;
}

/** One expression on one line, as TypeScript. */
export function printExpression(expression: Expression): string {
  return new Printer("ts").expression(expression);
}

/**
 * A property name as written in an object literal or interface. `__proto__` is computed:
 * written plainly in an object literal it would set the object's prototype.
 */
function propertyName(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return IDENTIFIER.test(name) ? name : stringLiteral(name);
}

function precedenceOf(expression: Expression): number {
  switch (expression.kind) {
    case "binary":
      return BINARY_PRECEDENCE[expression.operator];
    case "conditional":
      return PRECEDENCE.conditional;
    case "arrow":
      return PRECEDENCE.arrow;
    case "unary":
      return PRECEDENCE.unary;
    case "number":
      return expression.value < 0 ? PRECEDENCE.unary : PRECEDENCE.primary;
    case "member":
    case "index":
    case "call":
    case "new":
      return PRECEDENCE.postfix;
    default:
      return PRECEDENCE.primary;
  }
}

function isLogical(operator: BinaryOperator): operator is "&&" | "||" | "??" {
  return operator === "&&" || operator === "||" || operator === "??";
}

/** Whether an operand of a binary operator is written in parentheses. */
function binaryOperandNeedsParentheses(operator: BinaryOperator, operand: Expression, side: "left" | "right"): boolean {
  const level = BINARY_PRECEDENCE[operator];
  const inner = precedenceOf(operand);
  if (operand.kind === "binary" && isLogical(operator) && isLogical(operand.operator) && operand.operator !== operator) {
    // `??` may not be mixed with `&&` or `||` unparenthesised; `a || b && c` is correct but easy to misread.
    return true;
  }
  // Left-associative: `a - b - c` is `(a - b) - c`, so an equal operator on the right is set off: `a - (b - c)`.
  return side === "left" ? inner < level : inner <= level;
}

/** The operands of a chain of one operator: `a && b && c` → a, b, c. */
function chainOperands(expression: Extract<Expression, { kind: "binary" }>): Expression[] {
  const { left, operator, right } = expression;
  return [...(left.kind === "binary" && left.operator === operator ? chainOperands(left) : [left]), right];
}

interface ConditionalPart {
  readonly expression: Expression;
  readonly parenthesised: boolean;
}

class Printer {
  /** identifiers and type names the printed code refers to, for its imports */
  private readonly referenced = new Set<string>();

  constructor(private readonly mode: Mode) {}

  // ------------------------------------------------------------ modules and statements

  module(statements: readonly Statement[]): string[] {
    // The imports name only what the rest of the module refers to: found by printing it first.
    this.block(statements.filter((s) => s.kind !== "import"), "");
    return this.block(statements, "");
  }

  private importLines(node: Extract<Declaration, { kind: "import" }>): string[] {
    const values = node.values.filter((name) => this.referenced.has(name)).sort();
    const types = node.types.filter((name) => this.referenced.has(name)).sort();
    const names = this.mode === "js" ? values : this.mode === "dts" ? types : [...values, ...types.map((t) => `type ${t}`)];
    if (names.length === 0) return [];
    const keyword = this.mode === "dts" ? "import type" : "import";
    const from = stringLiteral(node.from);
    const line = `${keyword} { ${names.join(", ")} } from ${from};`;
    if (line.length <= LINE_WIDTH) return [line];
    return [`${keyword} {`, ...names.map((n) => `${UNIT}${n},`), `} from ${from};`];
  }

  /** Statements one after the other, with the blank lines asked for between them. */
  private block(statements: readonly Statement[], indent: string): string[] {
    const lines: string[] = [];
    let blankBefore = false;
    for (const statement of statements) {
      if (statement.kind === "blank") {
        blankBefore = lines.length > 0;
        continue;
      }
      const printed = this.statement(statement, indent);
      if (printed.length === 0) continue;
      if (blankBefore) lines.push("");
      blankBefore = false;
      lines.push(...printed);
    }
    return lines;
  }

  private statement(statement: Statement, indent: string): string[] {
    const declarations = this.mode === "dts";
    switch (statement.kind) {
      case "const":
      case "let":
        return this.variable(statement, indent);
      case "destructure": {
        if (declarations) return [];
        const names = statement.properties.map((p) => (p.property === p.name ? p.name : `${propertyName(p.property)}: ${p.name}`));
        return this.valueLines(indent, `const { ${names.join(", ")} }`, statement.value);
      }
      case "assign":
        return statement.operator === "="
          ? this.valueLines(indent, statement.target, statement.value)
          : this.layout(statement.value, indent, `${statement.target} ${statement.operator} `, ";");
      case "expression":
        return this.layout(statement.expression, indent, "", ";");
      case "return":
        return statement.value === undefined ? [`${indent}return;`] : this.layout(statement.value, indent, "return ", ";");
      case "throw":
        return this.layout(statement.value, indent, "throw ", ";");
      case "break":
        return [`${indent}break;`];
      case "try":
        return [
          `${indent}try {`,
          ...this.block(statement.body, indent + UNIT),
          `${indent}} catch (${statement.variable}) {`,
          ...this.block(statement.handler, indent + UNIT),
          `${indent}}`,
        ];
      case "comment":
        return declarations ? [] : [indent + lineComment(statement.text)];
      case "doc":
        return this.doc(statement.lines, indent);
      case "blank":
        return [];
      case "if":
        return this.ifStatement(statement, indent);
      case "for of":
        return [
          ...this.head(indent, `for (const ${statement.variable} of `, statement.iterable, ") {"),
          ...this.block(statement.body, indent + UNIT),
          `${indent}}`,
        ];
      case "switch":
        return [
          ...this.head(indent, "switch (", statement.subject, ") {"),
          ...statement.cases.flatMap((c) => [
            c.test === undefined ? `${indent}${UNIT}default: {` : `${indent}${UNIT}case ${this.expression(c.test)}: {`,
            ...this.block(c.body, indent + UNIT + UNIT),
            `${indent}${UNIT}}`,
          ]),
          `${indent}}`,
        ];
      case "function":
        return this.functionDeclaration(statement, indent);
      case "interface": {
        if (this.mode === "js") return [];
        const typeParameters = statement.typeParameters === undefined ? "" : `<${statement.typeParameters.join(", ")}>`;
        return [
          ...this.doc(statement.doc, indent),
          `${indent}export interface ${statement.name}${typeParameters} {`,
          ...statement.members.flatMap((m) => this.member(m, indent + UNIT)),
          `${indent}}`,
        ];
      }
      case "type":
        return this.mode === "js" ? [] : [...this.doc(statement.doc, indent), ...this.typeAlias(statement.name, statement.type, indent)];
      case "section": {
        const body = this.block(statement.body, indent);
        return body.length === 0 ? [] : [indent + lineComment(`${"-".repeat(64)} ${statement.title}`), "", ...body];
      }
      case "import":
        return this.importLines(statement);
    }
  }

  private variable(statement: Extract<Statement, { kind: "const" | "let" }>, indent: string): string[] {
    const exported = statement.exported === true ? "export " : "";
    if (this.mode === "dts") {
      const type = statement.type ?? statement.declaredType;
      if (statement.exported !== true) return [];
      if (type === undefined) throw new Error(`the declaration of ${statement.name} needs its type`);
      return [...this.doc(statement.doc, indent), `${indent}export declare const ${statement.name}: ${this.type(type)};`];
    }
    const head = `${exported}${statement.kind} ${statement.name}${this.annotation(statement.type)}`;
    const doc = this.doc(statement.doc, indent);
    if (statement.value === undefined) return [...doc, `${indent}${head};`];
    return [...doc, ...this.valueLines(indent, head, statement.value)];
  }

  /**
   * `head = value;`: a chain too long for one line goes on the next lines, one operand a
   * line; anything else breaks after `head = `.
   */
  private valueLines(indent: string, head: string, value: Expression): string[] {
    const line = `${indent}${head} = ${this.expression(value)};`;
    if (line.length <= LINE_WIDTH && !this.forcesBreak(value)) return [line];
    const inner = indent + UNIT;
    if (value.kind === "binary" && (value.operator === "&&" || value.operator === "||")) {
      return [`${indent}${head} =`, ...this.chainLines(value, inner, "", ";", inner)];
    }
    const broken = this.layout(value, indent, `${head} = `, ";");
    // A conditional whose test does not fit after `head =` starts on the next line.
    if (value.kind === "conditional" && broken.length > 0 && (broken[1] ?? "").trimStart().startsWith("?") === false) {
      return [`${indent}${head} =`, ...this.layout(value, inner, "", ";")];
    }
    return broken;
  }

  /** `if (test) {`, or a test too long for the line as a chain over lines. */
  private head(indent: string, open: string, test: Expression, close: string): string[] {
    const line = `${indent}${open}${this.expression(test)}${close}`;
    if (line.length <= LINE_WIDTH || test.kind !== "binary" || (test.operator !== "&&" && test.operator !== "||")) return [line];
    return [`${indent}${open.trimEnd()}`, ...this.chainLines(test, indent + UNIT, "", "", indent + UNIT), `${indent}${close.trimStart()}`];
  }

  private ifStatement(statement: Extract<Statement, { kind: "if" }>, indent: string): string[] {
    const [only] = statement.then;
    if (statement.else === undefined && statement.then.length === 1 && only !== undefined && isSimpleStatement(only)) {
      // `if (test) return x;` on one line, when it fits.
      const [line, ...more] = this.statement(only, "");
      const flat = `${indent}if (${this.expression(statement.test)}) ${line ?? ""}`;
      if (more.length === 0 && flat.length <= LINE_WIDTH) return [flat];
    }
    const lines = [...this.head(indent, "if (", statement.test, ") {"), ...this.block(statement.then, indent + UNIT)];
    let rest = statement.else;
    while (rest !== undefined) {
      const [elseIf] = rest;
      if (rest.length === 1 && elseIf?.kind === "if") {
        lines.push(...this.head(indent, "} else if (", elseIf.test, ") {"), ...this.block(elseIf.then, indent + UNIT));
        rest = elseIf.else;
      } else {
        lines.push(`${indent}} else {`, ...this.block(rest, indent + UNIT));
        rest = undefined;
      }
    }
    return [...lines, `${indent}}`];
  }

  private functionDeclaration(node: Extract<Declaration, { kind: "function" }>, indent: string): string[] {
    if (this.mode === "dts" && node.exported !== true) return [];
    const exported = node.exported === true ? (this.mode === "dts" ? "export declare " : "export ") : "";
    const typeParameters = this.mode === "js" || node.typeParameters === undefined ? "" : `<${node.typeParameters.join(", ")}>`;
    const open = `${indent}${exported}function ${node.name}${typeParameters}(`;
    const close = `)${this.annotation(node.returns)}${this.mode === "dts" ? ";" : " {"}`;
    const parameters = node.parameters.map((p) => this.parameter(p));
    const flat = `${open}${parameters.join(", ")}${close}`;
    const head = flat.length <= LINE_WIDTH ? [flat] : [open, ...parameters.map((p) => `${indent}${UNIT}${p},`), `${indent}${close}`];
    const doc = this.doc(node.doc, indent);
    if (this.mode === "dts") return [...doc, ...head];
    return [...doc, ...head, ...this.block(node.body, indent + UNIT), `${indent}}`];
  }

  private arrowParameters(parameters: readonly Parameter[] | undefined): string {
    return `(${(parameters ?? []).map((p) => this.parameter(p)).join(", ")})`;
  }

  private parameter(parameter: Parameter): string {
    const optional = parameter.optional === true || (this.mode === "dts" && parameter.default !== undefined);
    const name = `${parameter.name}${optional && this.mode !== "js" ? "?" : ""}`;
    const value = parameter.default === undefined || this.mode === "dts" ? "" : ` = ${this.expression(parameter.default)}`;
    return `${name}${this.annotation(parameter.type)}${value}`;
  }

  private member(member: Member, indent: string): string[] {
    return [...this.doc(member.doc, indent), `${indent}readonly ${propertyName(member.name)}: ${this.type(member.type)};`];
  }

  private typeAlias(name: string, type: TypeNode, indent: string): string[] {
    const flat = `${indent}export type ${name} = ${this.type(type)};`;
    const documented = type.kind === "union" && type.members.some((m) => m.doc !== undefined);
    if (type.kind !== "union" || (!documented && flat.length <= LINE_WIDTH)) return [flat];
    const lines = type.members.flatMap((m) => [...this.doc(m.doc === undefined ? undefined : [m.doc], indent + UNIT), `${indent}${UNIT}| ${this.type(m.type)}`]);
    lines[lines.length - 1] += ";";
    return [`${indent}export type ${name} =`, ...lines];
  }

  private doc(lines: readonly string[] | undefined, indent: string): string[] {
    if (lines === undefined) return [];
    if (lines.length === 1) return [`${indent}/** ${blockCommentText(lines[0] ?? "")} */`];
    return [`${indent}/**`, ...lines.map((line) => (line === "" ? `${indent} *` : `${indent} * ${blockCommentText(line)}`)), `${indent} */`];
  }

  private annotation(type: TypeNode | undefined): string {
    return this.mode === "js" || type === undefined ? "" : `: ${this.type(type)}`;
  }

  // ------------------------------------------------------------ types

  private type(type: TypeNode): string {
    switch (type.kind) {
      case "reference":
        this.referenced.add(type.name);
        return type.arguments === undefined ? type.name : `${type.name}<${type.arguments.map((t) => this.type(t)).join(", ")}>`;
      case "string":
        return stringLiteral(type.value);
      case "union":
        return type.members.map((m) => this.type(m.type)).join(" | ");
      case "array":
        return `readonly ${type.element.kind === "union" || type.element.kind === "function" ? `(${this.type(type.element)})` : this.type(type.element)}[]`;
      case "indexed":
        return `${this.type(type.object)}[${this.type(type.index)}]`;
      case "object":
        return `{ ${type.members.map((m) => `readonly ${propertyName(m.name)}: ${this.type(m.type)};`).join(" ")} }`;
      case "mapped":
        return `{ readonly [${type.key} in keyof ${this.type(type.of)}]${type.optional === true ? "?" : ""}: ${this.type(type.value)} }`;
      case "function":
        return `(${type.parameters.map((p) => this.parameter(p)).join(", ")}) => ${this.type(type.returns)}`;
    }
  }

  // ------------------------------------------------------------ expressions

  /** An expression on one line. */
  expression(expression: Expression): string {
    switch (expression.kind) {
      case "identifier":
        this.referenced.add(expression.name);
        return expression.name;
      case "number":
        return String(expression.value);
      case "string":
        return stringLiteral(expression.value);
      case "boolean":
        return String(expression.value);
      case "null":
        return "null";
      case "member": {
        const dot = expression.optional === true ? "?." : ".";
        return IDENTIFIER.test(expression.name)
          ? `${this.postfixObject(expression.object)}${dot}${expression.name}`
          : `${this.postfixObject(expression.object)}${expression.optional === true ? "?." : ""}[${stringLiteral(expression.name)}]`;
      }
      case "index":
        return `${this.postfixObject(expression.object)}[${this.expression(expression.index)}]`;
      case "call":
        return `${this.callee(expression)}(${expression.args.map((a) => this.expression(a)).join(", ")})`;
      case "new":
        return `new ${this.postfixObject(expression.callee)}(${expression.args.map((a) => this.expression(a)).join(", ")})`;
      case "unary": {
        const operand = this.expression(expression.operand);
        // `-(-x)`: `--x` would be a decrement.
        const parenthesised = precedenceOf(expression.operand) < PRECEDENCE.unary || (expression.operator === "-" && operand.startsWith("-"));
        return `${expression.operator}${parenthesised ? `(${operand})` : operand}`;
      }
      case "binary": {
        const left = this.operand(expression.left, binaryOperandNeedsParentheses(expression.operator, expression.left, "left"));
        const right = this.operand(expression.right, binaryOperandNeedsParentheses(expression.operator, expression.right, "right"));
        return `${left} ${expression.operator} ${right}`;
      }
      case "conditional": {
        const [test, then, otherwise] = this.conditionalParts(expression);
        return `${this.operand(test.expression, test.parenthesised)} ? ${this.operand(then.expression, then.parenthesised)} : ${this.operand(otherwise.expression, otherwise.parenthesised)}`;
      }
      case "array":
        return `[${expression.elements.map((e) => this.expression(e)).join(", ")}]`;
      case "arrow":
        return `${this.arrowParameters(expression.parameters)} => ${this.operand(expression.body, expression.body.kind === "object")}`;
      case "object":
        return expression.properties.length === 0 ? "{}" : `{ ${expression.properties.map((p) => this.property(p)).join(", ")} }`;
    }
  }

  private operand(expression: Expression, parenthesised: boolean): string {
    const text = this.expression(expression);
    return parenthesised ? `(${text})` : text;
  }

  /** The object of a member access or call: parenthesised unless it is itself postfix or primary. */
  private postfixObject(expression: Expression): string {
    return this.operand(expression, precedenceOf(expression) < PRECEDENCE.postfix || expression.kind === "number");
  }

  private callee(call: Extract<Expression, { kind: "call" }>): string {
    const typeArguments = this.mode === "js" || call.typeArguments === undefined ? "" : `<${call.typeArguments.map((t) => this.type(t)).join(", ")}>`;
    return `${this.postfixObject(call.callee)}${typeArguments}`;
  }

  /**
   * A conditional's test, branch and alternative, with whether each is parenthesised: a
   * conditional as test or in the middle is (`a ? (b ? c : d) : e` reads unambiguously),
   * one as the alternative is not (`a ? b : c ? d : e` reads as a list of cases).
   */
  private conditionalParts(expression: Extract<Expression, { kind: "conditional" }>): [ConditionalPart, ConditionalPart, ConditionalPart] {
    return [
      { expression: expression.test, parenthesised: precedenceOf(expression.test) < PRECEDENCE.nullish },
      { expression: expression.then, parenthesised: precedenceOf(expression.then) < PRECEDENCE.nullish },
      { expression: expression.else, parenthesised: precedenceOf(expression.else) < PRECEDENCE.conditional },
    ];
  }

  private property(property: Property): string {
    if (property.value.kind === "identifier" && property.value.name === property.name && property.name !== "__proto__") {
      this.referenced.add(property.name);
      return property.name;
    }
    return `${propertyName(property.name)}: ${this.expression(property.value)}`;
  }

  private forcesBreak(expression: Expression): boolean {
    return expression.kind === "object" && expression.multiline === true && expression.properties.length > 0;
  }

  /**
   * An expression over as many lines as it needs: the first continues `lead` (text already
   * on the line at `indent`), the last ends with `trail`.
   */
  private layout(expression: Expression, indent: string, lead: string, trail: string): string[] {
    const line = `${indent}${lead}${this.expression(expression)}${trail}`;
    if (line.length <= LINE_WIDTH && !this.forcesBreak(expression)) return [line];
    const inner = indent + UNIT;
    switch (expression.kind) {
      case "binary":
        // A chain of `&&`, `||` or `+` (a message put together): one operand a line.
        if (expression.operator === "&&" || expression.operator === "||" || expression.operator === "+") return this.chainLines(expression, indent, lead, trail, inner);
        break;
      case "conditional": {
        const [test, then, otherwise] = this.conditionalParts(expression);
        return [
          ...this.operandLayout(test.expression, test.parenthesised, indent, lead, ""),
          ...this.branchLayout("? ", then, inner, ""),
          ...this.branchLayout(": ", otherwise, inner, trail),
        ];
      }
      case "arrow":
        return this.operandLayout(expression.body, expression.body.kind === "object", indent, `${lead}${this.arrowParameters(expression.parameters)} => `, trail);
      case "call":
      case "new": {
        if (expression.args.length === 0) break;
        const callee = expression.kind === "call" ? this.callee(expression) : `new ${this.postfixObject(expression.callee)}`;
        return [`${indent}${lead}${callee}(`, ...expression.args.flatMap((a) => this.layout(a, inner, "", ",")), `${indent})${trail}`];
      }
      case "array":
        if (expression.elements.length === 0) break;
        return [`${indent}${lead}[`, ...expression.elements.flatMap((e) => this.layout(e, inner, "", ",")), `${indent}]${trail}`];
      case "object":
        if (expression.properties.length === 0) break;
        return [
          `${indent}${lead}{`,
          ...expression.properties.flatMap((p) => {
            const short = this.property(p);
            return short === p.name ? [`${inner}${short},`] : this.layout(p.value, inner, `${propertyName(p.name)}: `, ",");
          }),
          `${indent}}${trail}`,
        ];
      default:
        break;
    }
    return [line];
  }

  /**
   * `? value` or `: value` at `indent`, what the value breaks into indented from the value's
   * first column (the marker is as wide as one level).
   */
  private branchLayout(marker: "? " | ": ", part: ConditionalPart, indent: string, trail: string): string[] {
    // `: test` / `? value` / `: value`: a list of cases goes down at one level.
    if (part.expression.kind === "conditional" && !part.parenthesised) return this.layout(part.expression, indent, marker, trail);
    const [first = "", ...rest] = this.operandLayout(part.expression, part.parenthesised, indent + UNIT, "", trail);
    return [indent + marker + first.slice(indent.length + UNIT.length), ...rest];
  }

  private operandLayout(expression: Expression, parenthesised: boolean, indent: string, lead: string, trail: string): string[] {
    return parenthesised ? this.layout(expression, indent, `${lead}(`, `)${trail}`) : this.layout(expression, indent, lead, trail);
  }

  /** `a &&` / `b &&` / `c`: the first operand after `lead`, the others at `restIndent`. */
  private chainLines(expression: Extract<Expression, { kind: "binary" }>, indent: string, lead: string, trail: string, restIndent: string): string[] {
    const { operator } = expression;
    const operands = chainOperands(expression);
    return operands.flatMap((operand, i) => {
      const parenthesised = binaryOperandNeedsParentheses(operator, operand, i === 0 ? "left" : "right");
      const end = i === operands.length - 1 ? trail : ` ${operator}`;
      return this.operandLayout(operand, parenthesised, i === 0 ? indent : restIndent, i === 0 ? lead : "", end);
    });
  }
}

/** A statement that may follow `if (…)` on the same line. */
function isSimpleStatement(statement: Statement): boolean {
  return statement.kind === "return" || statement.kind === "throw" || statement.kind === "assign" || statement.kind === "expression" || statement.kind === "break";
}
