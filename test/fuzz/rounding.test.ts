/**
 * Rounding is exact: every rounding of the language, in the interpreter (through the library
 * API, `evaluateScenario`) and in generated code (its `evaluateJson`), gives what a reference
 * written here with BigInt gives — amounts in fen, percentages in millionths, decimals as
 * coefficient and scale — including halves, negative amounts and amounts too large.
 */
import { pathToFileURL } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compile, evaluateScenario, type ProgramIR } from "../../compiler/index.js";
import { scratchFolder, writeGenerated } from "../emit/compiled.js";
import { fuzzParameters, testTime } from "./budget.js";

type Mode = "half_up" | "down" | "up";

const roundingFunction: Record<Mode, string> = { half_up: "round", down: "round_down", up: "round_up" };

/** Each rounding its own measure, so that an amount too large in one leaves the others' results. */
const measures: readonly { name: string; type: string; formula: string; reference: (claim: Claim) => bigint }[] = [
  ...(["half_up", "down", "up"] as const).flatMap((mode) => [
    { name: `rate_${mode}`, type: "money", formula: `${roundingFunction[mode]}(claim.amount * claim.rate)`, reference: (c: Claim) => divide(c.fen * c.millionths, 10n ** 6n, mode) },
    { name: `factor_${mode}`, type: "money", formula: `${roundingFunction[mode]}(claim.amount * claim.factor)`, reference: (c: Claim) => divide(c.fen * c.coefficient, 10n ** BigInt(c.scale), mode) },
    {
      name: `sum_${mode}`,
      type: "money",
      formula: `${roundingFunction[mode]}(claim.amount * claim.rate + claim.amount * claim.factor - claim.amount)`,
      // fen × (millionths / 10^6 + coefficient / 10^scale − 1), over the common denominator
      reference: (c: Claim) => divide(c.fen * (c.millionths * 10n ** BigInt(c.scale) + c.coefficient * 10n ** 6n - 10n ** BigInt(6 + c.scale)), 10n ** BigInt(6 + c.scale), mode),
    },
  ]),
  { name: "times", type: "money", formula: "claim.amount * claim.count", reference: (c) => c.fen * c.count },
  { name: "factor_round", type: "integer", formula: "round(claim.factor)", reference: (c) => divide(c.coefficient, 10n ** BigInt(c.scale), "half_up") },
  { name: "factor_floor", type: "integer", formula: "floor(claim.factor)", reference: (c) => floorDivide(c.coefficient, 10n ** BigInt(c.scale)) },
  { name: "factor_ceil", type: "integer", formula: "ceil(claim.factor)", reference: (c) => -floorDivide(-c.coefficient, 10n ** BigInt(c.scale)) },
];

const policyText = `policy rounding {
  title    "Rounding"
  document "D"
  issuer   "I"
  issued   2021-11-05
  version  "1.0.0"
}

entity claim "C" {
  amount: money "a"
  rate: percent "r"
  factor: decimal "f"
  count: integer "n"
}
${measures.map((m) => `\nmeasure ${m.name} "${m.name}" {\n  output result: ${m.type}\n    = ${m.formula}\n    cites §1 "q"\n}\n`).join("")}`;

/** n / d (d > 0) rounded as the language rounds: a half away from zero, down toward zero, up away from zero. */
function divide(n: bigint, d: bigint, mode: Mode): bigint {
  const quotient = n / d;
  const remainder = n % d;
  if (remainder === 0n || mode === "down") return quotient;
  const away = n < 0n ? quotient - 1n : quotient + 1n;
  if (mode === "up") return away;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  return twice >= d ? away : quotient;
}

function floorDivide(n: bigint, d: bigint): bigint {
  const quotient = n / d;
  return n % d !== 0n && n < 0n ? quotient - 1n : quotient;
}

interface Claim {
  readonly fen: bigint;
  readonly millionths: bigint;
  readonly coefficient: bigint;
  readonly scale: number;
  readonly count: bigint;
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);

const claim: fc.Arbitrary<Claim> = fc.record({
  fen: fc.oneof(fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.constantFrom(0n, 1n, 5n, 50n, 99n, 100n, 145_800n, maxSafe), fc.bigInt({ min: 0n, max: maxSafe })),
  millionths: fc.oneof(fc.bigInt({ min: 0n, max: 2_000_000n }), fc.constantFrom(0n, 1n, 5_000n, 500_000n, 333_333n, 999_999n, 1_000_000n), fc.bigInt({ min: 0n, max: 10n ** 12n })),
  coefficient: fc.oneof(fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }), fc.constantFrom(5n, -5n, 15n, -15n, 25n, 0n), fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n })),
  scale: fc.integer({ min: 0, max: 9 }),
  count: fc.oneof(fc.bigInt({ min: 0n, max: 1000n }), fc.bigInt({ min: 0n, max: maxSafe })),
});

function decimalText(coefficient: bigint, scale: number): string {
  const digits = (coefficient < 0n ? -coefficient : coefficient).toString().padStart(scale + 1, "0");
  const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
  return coefficient < 0n ? `-${text}` : text;
}

function scenarioOf(c: Claim): string {
  return JSON.stringify({
    date: "2022-01-01",
    claim: { amount: decimalText(c.fen, 2), rate: `${decimalText(c.millionths, 4)}%`, factor: decimalText(c.coefficient, c.scale), count: Number(c.count) },
  });
}

/** What `tiao run` prints for the measure: the formatted value, or the error "amount too large". */
function expected(measure: (typeof measures)[number], c: Claim): unknown {
  const value = measure.reference(c);
  if (value > maxSafe || value < -maxSafe) return "amount_too_large";
  return measure.type === "money" ? decimalText(value, 2) : Number(value);
}

type Outcome = { kind: "evaluated"; json: { [measure: string]: { [output: string]: unknown } | undefined } } | { kind: "bad_input" } | { kind: "evaluation_error"; error: { code: string } };

function outcomeValue(outcome: Outcome, measure: string): unknown {
  if (outcome.kind === "evaluated") return outcome.json[measure]?.result;
  if (outcome.kind === "evaluation_error") return outcome.error.code;
  return outcome;
}

function isEvaluateJson(value: unknown): value is (scenario: string, options: { measures: string[] }) => Outcome {
  return typeof value === "function";
}

describe("rounding matches a BigInt reference", () => {
  it(
    "in the interpreter and in generated code",
    async () => {
      const { program, diagnostics } = compile([{ path: "rounding.tiao", text: policyText }]);
      expect(diagnostics).toEqual([]);
      const compiled: ProgramIR = program as ProgramIR;
      const module: unknown = await import(pathToFileURL(writeGenerated(scratchFolder("fuzz-rounding"), compiled).javascript).href);
      const evaluateJson = typeof module === "object" && module !== null && "evaluateJson" in module ? module.evaluateJson : undefined;
      if (!isEvaluateJson(evaluateJson)) throw new Error("generated code exports no evaluateJson");
      fc.assert(
        fc.property(claim, (c) => {
          const scenario = scenarioOf(c);
          for (const measure of measures) {
            const want = expected(measure, c);
            const interpreted = evaluateScenario(compiled, { scenario, measures: [measure.name] }) as Outcome;
            expect(outcomeValue(interpreted, measure.name), `${measure.name} in the interpreter`).toEqual(want);
            expect(outcomeValue(evaluateJson(scenario, { measures: [measure.name] }), measure.name), `${measure.name} in generated code`).toEqual(want);
          }
        }),
        fuzzParameters("rounding", 10_000),
      );
    },
    testTime(120_000),
  );
});
