/**
 * The solver's watchdog: a question the solver does not answer in time, or answers with an
 * error (a crashed worker thread), fails with its reason instead of waiting for ever; the
 * instance is not asked again, a fresh one is started for the next question, and the diff
 * falls back to its bounded search and says why.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffPrograms } from "../../compiler/diff/diff.js";
import type { SmtAnswer } from "../../compiler/diff/solver.js";
import { startZ3, watchdogSolver, type SolverInstance } from "../../bin/z3-solver.js";
import { repositoryRoot } from "../format/repository-files.js";
import { compileOrFail } from "./support.js";

/** An instance that never answers, as a z3 whose worker thread crashed. */
function silent(log: string[], name: string): SolverInstance {
  return {
    check: () => {
      log.push(`${name} asked`);
      return new Promise<SmtAnswer>(() => {});
    },
    discard: () => log.push(`${name} discarded`),
  };
}

function crashing(log: string[], name: string): SolverInstance {
  return {
    check: () => {
      log.push(`${name} asked`);
      return Promise.reject(Object.assign(new Error("memory access out of bounds"), { name: "RuntimeError" }));
    },
    discard: () => log.push(`${name} discarded`),
  };
}

function answering(log: string[], name: string, answer: SmtAnswer): SolverInstance {
  return {
    check: () => {
      log.push(`${name} asked`);
      return Promise.resolve(answer);
    },
    discard: () => log.push(`${name} discarded`),
  };
}

const script = "(declare-const x Int)\n(assert (> x 2))";

describe("watchdog", () => {
  it("a question without an answer fails after the bound, and the next question goes to a fresh instance", async () => {
    const log: string[] = [];
    const instances = [silent(log, "first"), answering(log, "second", { status: "unsat" })];
    const solver = watchdogSolver(() => Promise.resolve(instances.shift()), { limitMs: 50 });
    expect(await solver.check(script, ["x"])).toEqual({ status: "unknown", reason: "the solver did not answer within 50 ms" });
    expect(log).toEqual(["first asked", "first discarded"]);
    expect(await solver.check(script, ["x"])).toEqual({ status: "unsat" });
    expect(log).toEqual(["first asked", "first discarded", "second asked"]);
  });

  it("a crash fails the question with the error, and the crashed instance is not asked again", async () => {
    const log: string[] = [];
    const instances = [crashing(log, "first"), answering(log, "second", { status: "unsat" })];
    const solver = watchdogSolver(() => Promise.resolve(instances.shift()), { limitMs: 10_000 });
    expect(await solver.check(script, ["x"])).toEqual({ status: "unknown", reason: "the solver failed (RuntimeError: memory access out of bounds)" });
    expect(await solver.check(script, ["x"])).toEqual({ status: "unsat" });
    expect(await solver.check(script, ["x"])).toEqual({ status: "unsat" });
    expect(log).toEqual(["first asked", "first discarded", "second asked", "second asked"]);
  });

  it("after repeated failures no instance is started and every question fails at once", async () => {
    const log: string[] = [];
    let started = 0;
    const solver = watchdogSolver(() => Promise.resolve(silent(log, `instance ${++started}`)), { limitMs: 20, maxFailures: 2 });
    await solver.check(script, ["x"]);
    await solver.check(script, ["x"]);
    const answer = await solver.check(script, ["x"]);
    expect(answer).toEqual({ status: "unknown", reason: "the solver failed earlier in this diff (no answer within 20 ms)" });
    expect(started).toBe(2);
    expect(log).toEqual(["instance 1 asked", "instance 1 discarded", "instance 2 asked", "instance 2 discarded"]);
  });

  it("a diff whose solver never answers ends, with the bounded search's verdicts and the reason", async () => {
    const text = readFileSync(join(repositoryRoot, "test/e2e/fixtures/benefit/benefit.tiao"), "utf8");
    const changed = text.replace("= person.unemployed and person.ui_status in {expired, not_qualified}", "= person.ui_status in {not_qualified, expired} and person.unemployed");
    expect(changed).not.toBe(text);
    const log: string[] = [];
    const solver = watchdogSolver(() => Promise.resolve(silent(log, "z3")), { limitMs: 30 });
    const report = await diffPrograms(compileOrFail([{ path: "benefit.tiao", text }]), compileOrFail([{ path: "benefit.tiao", text: changed }]), { searchCases: 100, solver });
    expect(report.verdicts.map((v) => [v.output, v.verdict, v.verdict === "no_difference_found" ? v.whyNotProved : ""])).toEqual([
      ["m1.in_force", "no_difference_found", "the solver did not answer within 30 ms"],
      ["m1.eligible", "no_difference_found", "the solver did not answer within 30 ms"],
      ["m1.monthly", "no_difference_found", "the solver did not answer within 30 ms"],
    ]);
  });

  it("z3 itself: a fresh instance answers after another was discarded", async () => {
    const first = await startZ3();
    expect(first).toBeDefined();
    expect((await first?.check(script, ["|x|"]))?.status).toBe("sat");
    first?.discard();
    const second = await startZ3();
    const answer = await second?.check(`${script}\n(assert (< x 4))`, ["x"]);
    expect(answer).toEqual({ status: "sat", values: new Map([["x", "3"]]) });
    expect(await second?.check(`${script}\n(assert (< x 3))`, [])).toEqual({ status: "unsat" });
    second?.discard();
  });
});
