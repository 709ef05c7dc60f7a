/**
 * The printer of generated code decides the layout: parentheses, line breaks, `} else`,
 * comments, and what each of TypeScript, JavaScript and .d.ts keeps. Its parentheses are
 * checked by evaluating printed expressions against a direct evaluation of the tree, on one
 * line and broken over lines.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LINE_WIDTH, printExpression, printModule } from "../../compiler/emit/printer.js";
import {
  binary,
  call,
  comment,
  conditional,
  identifier,
  member,
  NULL,
  number,
  object,
  string,
  typeReference,
  union,
  when,
  type Expression,
  type Statement,
} from "../../compiler/emit/tree.js";

const [a, b, c, d] = ["a", "b", "c", "d"].map(identifier) as [Expression, Expression, Expression, Expression];

function longName(n: number): Expression {
  return identifier(`aRatherLongConditionNumber${n}ThatTakesSpace`);
}

describe("parentheses", () => {
  it("follow precedence and associativity", () => {
    expect(printExpression(binary(binary(a, "-", b), "-", c))).toBe("a - b - c");
    expect(printExpression(binary(a, "-", binary(b, "-", c)))).toBe("a - (b - c)");
    expect(printExpression(binary(binary(a, "+", b), "*", c))).toBe("(a + b) * c");
    expect(printExpression(binary(a, "+", binary(b, "*", c)))).toBe("a + b * c");
    expect(printExpression(binary(a, "-", number(-1)))).toBe("a - -1");
    expect(printExpression({ kind: "unary", operator: "-", operand: number(-1) })).toBe("-(-1)");
    expect(printExpression({ kind: "unary", operator: "!", operand: binary(a, "===", b) })).toBe("!(a === b)");
    expect(printExpression(member(binary(a, "+", b), "length"))).toBe("(a + b).length");
  });

  it("keep `&&` inside `||` and any mix with `??` explicit", () => {
    expect(printExpression(binary(a, "||", binary(b, "&&", c)))).toBe("a || (b && c)");
    expect(printExpression(binary(binary(a, "&&", b), "||", c))).toBe("(a && b) || c");
    expect(printExpression(binary(binary(a, "??", b), "||", c))).toBe("(a ?? b) || c");
    expect(printExpression(binary(a, "??", binary(b, "&&", c)))).toBe("a ?? (b && c)");
  });

  it("set off a conditional in the test or the middle, not as the alternative", () => {
    expect(printExpression(conditional(a, b, conditional(c, d, a)))).toBe("a ? b : c ? d : a");
    expect(printExpression(conditional(a, conditional(b, c, d), a))).toBe("a ? (b ? c : d) : a");
    expect(printExpression(conditional(conditional(a, b, c), d, a))).toBe("(a ? b : c) ? d : a");
  });

  it("write property names that are not identifiers, and __proto__, safely", () => {
    expect(printExpression(member(a, "x-y"))).toBe('a["x-y"]');
    expect(printExpression(object([{ name: "__proto__", value: number(1) }, { name: "b", value: b }]))).toBe('{ ["__proto__"]: 1, b }');
  });
});

describe("layout", () => {
  const conditions = [1, 2, 3, 4].map(longName);
  const test = binary(binary(binary(conditions[0]!, "&&", conditions[1]!), "&&", conditions[2]!), "||", conditions[3]!);

  it("breaks a long chain one operand a line, after `=`", () => {
    const code = printModule([{ kind: "const", name: "x", type: typeReference("boolean"), value: test }], "ts");
    expect(code).toBe(
      [
        "const x: boolean =",
        "  (aRatherLongConditionNumber1ThatTakesSpace &&",
        "    aRatherLongConditionNumber2ThatTakesSpace &&",
        "    aRatherLongConditionNumber3ThatTakesSpace) ||",
        "  aRatherLongConditionNumber4ThatTakesSpace;",
        "",
      ].join("\n"),
    );
    expect(code.split("\n").every((line) => line.length <= LINE_WIDTH)).toBe(true);
  });

  it("keeps what fits on one line", () => {
    expect(printModule([{ kind: "const", name: "x", value: binary(a, "&&", b) }], "ts")).toBe("const x = a && b;\n");
  });

  it("joins `} else if` and `} else`, and puts a short `if` on one line", () => {
    const statement: Statement = {
      kind: "if",
      test: a,
      then: [comment("first"), { kind: "return", value: number(1) }],
      else: [{ kind: "if", test: b, then: [{ kind: "return", value: number(2) }], else: [{ kind: "return", value: number(3) }] }],
    };
    expect(printModule([statement, when(c, { kind: "return", value: number(4) })], "js")).toBe(
      ["if (a) {", "  // first", "  return 1;", "} else if (b) {", "  return 2;", "} else {", "  return 3;", "}", "if (c) return 4;", ""].join("\n"),
    );
  });

  it("breaks a conditional before `?` and `:`, and a call's arguments one a line", () => {
    const value = conditional(a, call("someFunctionWithALongName", conditions), NULL);
    expect(printModule([{ kind: "return", value }], "js").split("\n")).toEqual([
      "return a",
      "  ? someFunctionWithALongName(",
      "      aRatherLongConditionNumber1ThatTakesSpace,",
      "      aRatherLongConditionNumber2ThatTakesSpace,",
      "      aRatherLongConditionNumber3ThatTakesSpace,",
      "      aRatherLongConditionNumber4ThatTakesSpace,",
      "    )",
      "  : null;",
      "",
    ]);
  });

  it("collapses blank lines and escapes comments", () => {
    const statements: Statement[] = [{ kind: "blank" }, comment("ends */ here\nand // more"), { kind: "blank" }, { kind: "blank" }, { kind: "doc", lines: ["a */ b", "", "c"] }, { kind: "blank" }];
    expect(printModule(statements, "ts")).toBe(["// ends */ here\\nand // more", "", "/**", " * a *\\/ b", " *", " * c", " */", ""].join("\n"));
  });
});

describe("modes", () => {
  const module: Statement[] = [
    { kind: "import", values: ["used", "unused"], types: ["Money", "Unused"], from: "tiao/runtime" },
    { kind: "blank" },
    { kind: "interface", name: "Facts", members: [{ name: "amount", type: typeReference("Money"), doc: ["in fen"] }] },
    { kind: "const", name: "LOCAL", value: call("used", []) },
    {
      kind: "function",
      name: "evaluate",
      exported: true,
      typeParameters: ["T"],
      parameters: [
        { name: "facts", type: typeReference("Facts") },
        { name: "options", type: union(typeReference("T"), typeReference("null")), default: object([]) },
      ],
      returns: typeReference("Money"),
      body: [{ kind: "return", value: member(identifier("facts"), "amount") }],
    },
    { kind: "section", title: "types only", body: [{ kind: "type", name: "Kind", type: union({ kind: "string", value: "a" }, { kind: "string", value: "b" }) }] },
  ];

  it("TypeScript keeps everything and imports what is referred to", () => {
    const code = printModule(module, "ts");
    expect(code).toContain('import { used, type Money } from "tiao/runtime";');
    expect(code).toContain("export function evaluate<T>(facts: Facts, options: T | null = {}): Money {");
    expect(code).toContain('export type Kind = "a" | "b";');
    expect(code).toContain("  /** in fen */\n  readonly amount: Money;");
  });

  it("JavaScript drops the types, and a section left empty", () => {
    const code = printModule(module, "js");
    expect(code).toContain('import { used } from "tiao/runtime";');
    expect(code).toContain("export function evaluate(facts, options = {}) {");
    expect(code).not.toMatch(/interface|Money|Kind|types only/);
  });

  it("declarations keep what is exported, without bodies", () => {
    const code = printModule(module, "dts");
    expect(code).toContain('import type { Money } from "tiao/runtime";');
    expect(code).toContain("export declare function evaluate<T>(facts: Facts, options?: T | null): Money;");
    expect(code).not.toMatch(/LOCAL|return|used/);
  });
});

// ------------------------------------------------------------ printed = evaluated

type Typed = { readonly tree: Expression; readonly value: number | boolean | null };

const numbers = fc.letrec<{ number: Typed; boolean: Typed; nullable: Typed }>((tie) => ({
  number: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: -50, max: 50 }).map((n) => ({ tree: number(n), value: n })),
    tie("number").map((x): Typed => ({ tree: { kind: "unary", operator: "-", operand: x.tree }, value: -(x.value as number) })),
    fc.tuple(tie("number"), fc.constantFrom("+", "-", "*") as fc.Arbitrary<"+" | "-" | "*">, tie("number")).map(([l, op, r]) => {
      const [x, y] = [l.value as number, r.value as number];
      return { tree: binary(l.tree, op, r.tree), value: op === "+" ? x + y : op === "-" ? x - y : x * y };
    }),
    fc.tuple(tie("boolean"), tie("number"), tie("number")).map(([t, x, y]) => ({ tree: conditional(t.tree, x.tree, y.tree), value: t.value === true ? x.value : y.value })),
    fc.tuple(tie("nullable"), tie("number")).map(([x, y]) => ({ tree: binary(x.tree, "??", y.tree), value: x.value ?? y.value })),
  ),
  nullable: fc.oneof(fc.constant({ tree: NULL, value: null }), tie("number")),
  boolean: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.boolean().map((v): Typed => ({ tree: { kind: "boolean", value: v }, value: v })),
    tie("boolean").map((x): Typed => ({ tree: { kind: "unary", operator: "!", operand: x.tree }, value: x.value !== true })),
    fc.tuple(tie("boolean"), fc.constantFrom("&&", "||") as fc.Arbitrary<"&&" | "||">, tie("boolean")).map(([l, op, r]) => ({
      tree: binary(l.tree, op, r.tree),
      value: op === "&&" ? l.value === true && r.value === true : l.value === true || r.value === true,
    })),
    fc.tuple(tie("number"), fc.constantFrom("<", "<=", ">", ">=", "===", "!==") as fc.Arbitrary<"<" | "<=" | ">" | ">=" | "===" | "!==">, tie("number")).map(([l, op, r]) => {
      const [x, y] = [l.value as number, r.value as number];
      const value = { "<": x < y, "<=": x <= y, ">": x > y, ">=": x >= y, "===": x === y, "!==": x !== y }[op];
      return { tree: binary(l.tree, op, r.tree), value };
    }),
    fc.tuple(tie("boolean"), tie("boolean"), tie("boolean")).map(([t, x, y]) => ({ tree: conditional(t.tree, x.tree, y.tree), value: t.value === true ? x.value : y.value })),
  ),
}));

const anyExpression = fc.oneof(numbers.number, numbers.boolean);

describe("printed expressions mean what the tree means", () => {
  it("on one line", () => {
    fc.assert(
      fc.property(anyExpression, ({ tree, value }) => {
        expect(new Function(`return ${printExpression(tree)};`)()).toBe(value);
      }),
      { numRuns: 3000, seed: 8 },
    );
  });

  it("broken over lines, in a `return`, a `const` and a call", () => {
    let broken = 0;
    fc.assert(
      fc.property(anyExpression, ({ tree, value }) => {
        const padded = object([{ name: "value", value: tree }, { name: "padding", value: string("x".repeat(LINE_WIDTH)) }]);
        const body = printModule(
          [
            { kind: "const", name: "x", value: tree },
            { kind: "const", name: "y", value: call("identity", [tree, string("x".repeat(LINE_WIDTH))]) },
            { kind: "return", value: conditional(binary(identifier("x"), "===", identifier("y")), member(padded, "value"), string("differ")) },
          ],
          "js",
        );
        if (body.split("\n").length > 8) broken++;
        expect(new Function(`const identity = (v) => v;\n${body}`)()).toBe(value);
      }),
      { numRuns: 2000, seed: 12 },
    );
    // Most cases are laid out over lines, so that breaking is what is tested.
    expect(broken).toBeGreaterThan(1000);
  });
});
