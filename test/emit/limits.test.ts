/**
 * Large policies: `check`, the interpreter and generated code agree on what they accept.
 * An expression may nest 256 levels deep (a chain `a + b + c` counting a level per
 * operator); deeper, `check` reports it where it is written (T0110), so nothing that
 * passes `check` overflows a stack later. Many exceptions to one rule compile to code
 * that grows with their number, not with its square.
 */
import { describe, expect, it } from "vitest";
import { compile } from "../../compiler/compile.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { MAX_EXPRESSION_DEPTH } from "../../compiler/parse.js";
import { emitJavaScript } from "../../compiler/emit/typescript.js";
import { EvaluationError, formatValue, readScenario } from "../../runtime/index.js";
import { amountTooLargeMessage } from "../../runtime/messages.js";
import { importCompiled, scratchFolder, typeCheck, writeGenerated, type CompiledPolicy } from "./compiled.js";

const header = 'policy large { title "T" document "D" issuer "I" issued 2021-11-05 version "1" }\nentity person { age: integer }\n';

/** A measure whose outputs are a sum of `terms` terms, an `and` of `terms` comparisons and `branches` nested `if`s. */
function chains(terms: number, branches = 1): string {
  const sum = Array.from({ length: terms }, () => "person.age").join(" + ");
  const conditions = Array.from({ length: terms }, (_, i) => `person.age > ${i % 3}`).join(" and ");
  return `${header}measure m {
  cites §1 "Q"
  output total: integer = ${sum}
    cites §1 "Q"
  output all_hold: bool = ${conditions}
    cites §1 "Q"
  output branch: integer = ${"if person.age > 1 then 1 else ".repeat(branches)}0
    cites §1 "Q"
}
`;
}

function programOf(text: string): ProgramIR {
  const result = compile([{ path: "large.tiao", text }]);
  if (result.program === undefined) throw new Error(result.diagnostics.map((d) => `${d.code} ${d.span.line}:${d.span.column} ${d.message}`).join("\n"));
  return result.program;
}

const scenarioText = '{"date":"2021-11-15","person":{"age":3}}';

async function compiledOutputs(program: ProgramIR, name: string): Promise<unknown> {
  const files = writeGenerated(scratchFolder(name), program);
  expect(await typeCheck(files.folder)).toBe("");
  const module = await importCompiled(files.javascript);
  const read = readScenario(scenarioText, program.schema);
  if (!read.ok) throw new Error("the scenario is not read");
  const measure = module.measures["m"];
  if (measure === undefined) throw new Error("no measure m");
  const values = measure.evaluate(read.scenario.facts, read.scenario.date, read.scenario.parameters);
  return Object.fromEntries(Object.entries(measure.outputs).map(([output, type]) => [output, formatValue(values[output] ?? null, type)]));
}

describe("deeply nested expressions", () => {
  it.each([2_000, 10_000])("a chain of %i terms is reported by check where it is written", (terms) => {
    const result = compile([{ path: "large.tiao", text: chains(terms) }]);
    expect(result.program).toBeUndefined();
    const tooDeep = `this expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`;
    expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.column, d.message])).toEqual([
      ["T0110", 5, 27, tooDeep],
      ["T0110", 7, 27, tooDeep],
    ]);
  });

  it.each([300, 10_000])("a chain of %i terms inside `sum(… over …)` is reported by check, not followed", (terms) => {
    const series = Array.from({ length: terms }, () => "worker.wage").join(" + ");
    const text = `${header.replace("entity person { age: integer }", 'entity worker { wage: monthly money otherwise 0 yuan "w" }')}measure m {
  output total: money = sum(${series} over last 12 months) cites §1 "x"
}
`;
    const result = compile([{ path: "large.tiao", text }]);
    expect(result.program).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.code, d.span.line, d.span.column])).toEqual([["T0110", 4, 25]]);
  });

  it("up to the limit, the interpreter and type-checked generated code give the same results", async () => {
    // `person.age` is two levels (a field of a name): a sum of n terms nests n + 1 levels, an `and` of n comparisons n + 2, n `if`s n + 3.
    const program = programOf(chains(MAX_EXPRESSION_DEPTH - 2, MAX_EXPRESSION_DEPTH - 3));
    const read = readScenario(scenarioText, program.schema);
    if (!read.ok) throw new Error("the scenario is not read");
    const interpreted = evaluate(program, read.scenario).outputs["m"];
    expect(interpreted).toEqual({ in_force: true, total: 3 * (MAX_EXPRESSION_DEPTH - 2), all_hold: true, branch: 1 });
    expect(await compiledOutputs(program, "limits-depth")).toEqual({ ...interpreted });
  });
});

/** A rule with `count` exceptions; exception i applies at the age 1000 + i % period, so that a shorter period makes two apply. */
function exceptions(count: number, period = count): string {
  const cases = Array.from(
    { length: count },
    (_, i) => {
      // Written two ways, so that the checker does not take them for one condition written twice.
      const age = 1000 + (i % period);
      const condition = i < period ? `person.age = ${age}` : `person.age >= ${age} and person.age <= ${age}`;
      return `    exception e${i} to general\n      when ${condition}\n      = ${i} yuan\n      cites §1 "Q"`;
    },
  );
  return `${header}measure m {
  cites §1 "Q"
  output amount: money {
    rule general
      = 1 yuan
      cites §1 "Q"
${cases.join("\n")}
  }
}
`;
}

/** The measure's outputs, or its evaluation error, as the interpreter and as generated code give them. */
function outcomes(program: ProgramIR, module: CompiledPolicy, age: number): { interpreted: unknown; compiled: unknown } {
  const read = readScenario(`{"date":"2021-11-15","person":{"age":${age}}}`, program.schema);
  if (!read.ok) throw new Error("the scenario is not read");
  const { scenario } = read;
  const outcome = (run: () => unknown): unknown => {
    try {
      return run();
    } catch (error) {
      if (error instanceof EvaluationError) return { code: error.code, message: error.message, location: error.location };
      throw error;
    }
  };
  const measure = module.measures["m"];
  if (measure === undefined) throw new Error("no measure m");
  return {
    interpreted: outcome(() => evaluate(program, scenario).outputs["m"]),
    compiled: outcome(() => {
      const values = measure.evaluate(scenario.facts, scenario.date, scenario.parameters);
      return Object.fromEntries(Object.entries(measure.outputs).map(([output, type]) => [output, formatValue(values[output] ?? null, type)]));
    }),
  };
}

describe("many exceptions to one rule", () => {
  it("compile to code that grows linearly", () => {
    const small = emitJavaScript(programOf(exceptions(100)), { runtimeImport: "tiao/runtime" }).js.length;
    const large = emitJavaScript(programOf(exceptions(1_000)), { runtimeImport: "tiao/runtime" }).js.length;
    expect(large / small).toBeLessThan(12);
  });

  it("give the interpreter's values and conflicts in type-checked generated code", async () => {
    const program = programOf(exceptions(200, 150));
    const files = writeGenerated(scratchFolder("limits-exceptions"), program);
    expect(await typeCheck(files.folder)).toBe("");
    const module = await importCompiled(files.javascript);
    expect(outcomes(program, module, 3)).toEqual({ interpreted: { in_force: true, amount: "1.00" }, compiled: { in_force: true, amount: "1.00" } });
    expect(outcomes(program, module, 1100).compiled).toEqual({ in_force: true, amount: "100.00" });
    const conflict = outcomes(program, module, 1003);
    expect(conflict.interpreted).toMatchObject({ code: "conflicting_rules", message: expect.stringContaining("exception `e3` (large.tiao:") });
    expect(conflict.compiled).toEqual(conflict.interpreted);
    for (const age of [1000, 1049, 1050, 1149, 1150]) {
      const { interpreted, compiled } = outcomes(program, module, age);
      expect(compiled, String(age)).toEqual(interpreted);
    }
  });
});

describe("an amount too large to compute exactly", () => {
  const text = `${header}measure m {
  cites §1 "Q"
  let base: money = 90000000000 yuan * person.age
    cites §1 "Q"
  output total: money = base + 1 yuan
    cites §1 "Q"
  output doubled: money = 2 * total
    cites §1 "Q"
}
`;

  it("is the same error, at the same place, from the interpreter and from generated code", async () => {
    const program = programOf(text);
    const files = writeGenerated(scratchFolder("limits-too-large"), program);
    expect(await typeCheck(files.folder)).toBe("");
    const module = await importCompiled(files.javascript);
    expect(outcomes(program, module, 3)).toEqual({
      interpreted: { in_force: true, total: "270000000001.00", doubled: "540000000002.00" },
      compiled: { in_force: true, total: "270000000001.00", doubled: "540000000002.00" },
    });
    // 90 000 000 000 yuan × 1001 is more than 90 trillion yuan: the error of `base`, where `base` is written
    const { interpreted, compiled } = outcomes(program, module, 1001);
    expect(interpreted).toEqual({ code: "amount_too_large", message: amountTooLargeMessage(), location: { file: "large.tiao", line: 5, column: 3 } });
    expect(compiled).toEqual(interpreted);
  });

  it("is said in the policy's money, by the interpreter and by generated code alike", async () => {
    const euros = text.replace('version "1" }', 'version "1" currency EUR }').replaceAll(" yuan", " EUR");
    const program = programOf(euros);
    const files = writeGenerated(scratchFolder("limits-too-large-eur"), program);
    expect(await typeCheck(files.folder)).toBe("");
    const module = await importCompiled(files.javascript);
    const { interpreted, compiled } = outcomes(program, module, 1001);
    expect(interpreted).toEqual({
      code: "amount_too_large",
      message: "the amount is too large to compute exactly (more than 90 trillion EUR)",
      location: { file: "large.tiao", line: 5, column: 3 },
    });
    expect(compiled).toEqual(interpreted);
  });
});
