/**
 * Policy text never runs as code. A policy whose every text (titles, labels, notes,
 * sources, quotes, reasons) tries to end the string or comment it is printed in compiles
 * to TypeScript that passes `tsc --strict` and to JavaScript whose import runs nothing but
 * declarations; raw line separators and other invisible characters in a text are errors.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { calendarDate, fen, type RuntimeValue } from "../../runtime/index.js";
import { importCompiled, scratchFolder, typeCheck, writeGenerated } from "./compiled.js";

/** Set by any payload that runs. */
const ranFlag = "policyTextRan";

/** Texts as written in a tiao string (`\n` is a line break), each trying to leave its context. */
const payloads = [
  String.raw`M\nglobalThis.${ranFlag} = \"title\";//`,
  String.raw`*/ globalThis.${ranFlag} = \"doc\"; /*`,
  String.raw`\" + (globalThis.${ranFlag} = \"string\") + \"`,
  String.raw`\\\n globalThis.${ranFlag} = \"backslash\"; //`,
  "` + (globalThis." + ranFlag + ' = \\"template\\") + ${1} `',
];

function policyText(payload: (slot: number) => string): string {
  let slot = 0;
  const text = () => `"${payload(slot++)}"`;
  return `policy hostile {
  title    ${text()}
  document ${text()}
  issuer   ${text()}
  issued   2021-11-05
  version  ${text()}
}

enum kind ${text()} {
  alpha ${text()}
  beta ${text()}
}

record item ${text()} {
  weight: integer ${text()}
}

entity person ${text()} {
  age: integer ${text()}
  kind: kind
  items: list of item
}

parameter rate: money ${text()} {
  unit ${text()}
  value 100 yuan from 2020-01-01 until 2020-12-31
    source ${text()}
    note ${text()}
  value 200 yuan from 2021-01-01
    source §1 ${text()}
}

measure m1 ${text()} {
  cites §1 ${text()}

  let bonus: integer = person.age + 1
    cites §1 ${text()}
    note ${text()}

  output amount: money {
    rule general
      = rate * bonus
      cites §1 ${text()}
      note ${text()}
    exception special to general
      when person.kind = alpha
      = 1 yuan
      cites §1 ${text()}
      note ${text()}
  }

  output total: integer = sum(x.weight for x in person.items)
    cites §1 ${text()}

  not computable §1 ${text()} because ${text()}
}
`;
}

function compiled(text: string): ProgramIR {
  const result = compile([{ path: "hostile.tiao", text }]);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (result.program === undefined) throw new Error(errors.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return result.program;
}

const facts: { [entity: string]: { [field: string]: RuntimeValue } } = {
  person: { age: 41, kind: "beta", items: [{ weight: 2 }, { weight: 5 }] },
};

describe("policy text in generated code", () => {
  it.each(payloads.map((payload, index) => [index, payload] as const))("payload %i in every text slot runs nothing", async (index, payload) => {
    const program = compiled(policyText(() => payload));
    const generated = writeGenerated(scratchFolder(`policy-text-${index}`), program);
    expect(await typeCheck(generated.folder)).toBe("");
    const module = await importCompiled(generated.javascript);
    expect(Object.hasOwn(globalThis, ranFlag)).toBe(false);
    const outputs = module.measures["m1"]?.evaluate(facts, calendarDate(2021, 6, 1), {});
    expect(outputs).toEqual({ in_force: true, amount: fen(8400_00), total: 7 });
    expect(Object.hasOwn(globalThis, ranFlag)).toBe(false);
  });

  it("texts that hold line separators and control characters reach no generated line raw", async () => {
    // The checker refuses them in policy files (T0112); a program built another way is printed safely all the same.
    const program = compiled(policyText(() => "x"));
    const hostile = `a\u2028globalThis.${ranFlag} = "u2028";//\u2029b\r\u0085\u202e*/`;
    const withHostileTexts = JSON.parse(JSON.stringify(program), (key: string, value: unknown) =>
      ["title", "note", "quote", "text", "label", "unit", "reason", "document", "issuer"].includes(key) && typeof value === "string" ? hostile : value,
    ) as ProgramIR;
    const generated = writeGenerated(scratchFolder("policy-text-separators"), withHostileTexts);
    expect(await typeCheck(generated.folder)).toBe("");
    await importCompiled(generated.javascript);
    expect(Object.hasOwn(globalThis, ranFlag)).toBe(false);
  });

  it.each([
    ["a line separator in a rule's note", 21, "\u2028"],
    ["a paragraph separator in a quote", 17, "\u2029"],
    ["a right-to-left override in a measure's title", 16, "\u202e"],
    ["a zero-width space in a quote", 25, "\u200b"],
  ])("%s is an error located at the character", (_what, target, character) => {
    const text = policyText((slot) => (slot === target ? `Q${character}Q` : "x"));
    const result = compile([{ path: "hostile.tiao", text }]);
    expect(result.program).toBeUndefined();
    const offset = text.indexOf(character);
    const line = text.slice(0, offset).split("\n").length;
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        code: "T0112",
        message: `invisible character U+${character.charCodeAt(0).toString(16).toUpperCase()} in a text`,
        help: "remove it; write `\\n` for a line break",
        span: expect.objectContaining({ line, start: offset, end: offset + 1 }),
      }),
    );
  });
});
