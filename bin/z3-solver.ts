/**
 * The diff's SMT solver in Node: z3, compiled to WebAssembly (the z3-solver package), behind
 * the engine's `SmtSolver` interface. Loaded only by `tiao diff`, which works without it.
 *
 * A question the solver does not answer within a bound is answered `unknown`, with the
 * reason, and the diff falls back to its bounded search for those outputs: z3's own
 * timeout is set on every query, and a watchdog gives up on an instance that still has not
 * answered a little later (a crashed worker thread never answers). An instance that failed
 * is never asked again: its threads are stopped and the next question starts a fresh one.
 * After a few failures the solver is not started again and every remaining question is
 * answered `unknown` at once.
 */
import type { SmtAnswer, SmtSolver } from "../compiler/diff/solver.js";
import type { Z3_lbool as Lbool } from "z3-solver";

/** One running solver: asked one question at a time, and discarded after a failure. */
export interface SolverInstance {
  check(script: string, constants: readonly string[]): Promise<SmtAnswer>;
  /** stops its threads; it is not asked again */
  discard(): void;
}

export interface WatchdogOptions {
  /** how long one question may take before the instance is given up on */
  readonly limitMs: number;
  /** failures (no answer in time, or an error) after which no new instance is started */
  readonly maxFailures?: number;
}

/** Questions to z3 take milliseconds on the policies we know; a minute means something is wrong. */
export const defaultSolverLimitMs = 60_000;

export async function loadZ3(options: Partial<WatchdogOptions> = {}): Promise<SmtSolver | undefined> {
  const limitMs = options.limitMs ?? defaultSolverLimitMs;
  const start = () => startZ3(limitMs);
  // The first instance is started now, so that a machine without z3 gives a diff without a solver.
  const first = await start();
  if (first === undefined) return undefined;
  return watchdogSolver(start, { limitMs: limitMs + 5_000, ...(options.maxFailures === undefined ? {} : { maxFailures: options.maxFailures }) }, first);
}

/**
 * A solver that answers every question within `limitMs` (plus the time to start an
 * instance): on a timeout or an error the instance is discarded and the answer is
 * `unknown` with the reason.
 */
export function watchdogSolver(start: () => Promise<SolverInstance | undefined>, options: WatchdogOptions, first?: SolverInstance): SmtSolver {
  const maxFailures = options.maxFailures ?? 2;
  let instance: SolverInstance | undefined = first;
  let failures = 0;
  let lastFailure = "";
  return {
    async check(script, constants) {
      if (failures >= maxFailures) return { status: "unknown", reason: `the solver failed earlier in this diff (${lastFailure})` };
      if (instance === undefined) {
        instance = await start().catch(() => undefined);
        if (instance === undefined) {
          failures = maxFailures;
          lastFailure = "it could not be started again";
          return { status: "unknown", reason: "the solver could not be started again" };
        }
      }
      const asked = instance;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), options.limitMs);
        // A solver that never answers must not keep the process alive on its own.
        timer.unref?.();
      });
      const outcome = await Promise.race([
        asked.check(script, constants).then(
          (answer) => ({ answer }),
          (error: unknown) => ({ error }),
        ),
        timeout,
      ]);
      clearTimeout(timer);
      if (outcome !== "timeout" && "answer" in outcome) return outcome.answer;
      failures += 1;
      instance = undefined;
      try {
        asked.discard();
      } catch {
        // a crashed instance may not stop cleanly; it is not used again either way
      }
      lastFailure = outcome === "timeout" ? `no answer within ${seconds(options.limitMs)}` : `it stopped with ${errorText(outcome.error)}`;
      return { status: "unknown", reason: outcome === "timeout" ? `the solver did not answer within ${seconds(options.limitMs)}` : `the solver failed (${errorText(outcome.error)})` };
    },
  };
}

function seconds(ms: number): string {
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The parts of the Emscripten module the watchdog needs: its worker threads. */
interface Z3Threads {
  readonly PThread?: {
    getNewWorker: () => { onerror: ((event: unknown) => void) | null } | undefined;
    terminateAllThreads: () => void;
  };
}

export async function startZ3(limitMs: number = defaultSolverLimitMs): Promise<SolverInstance | undefined> {
  let z3;
  let context;
  let Z3_lbool;
  try {
    const z3Package = await import("z3-solver");
    const { init } = z3Package;
    Z3_lbool = z3Package.Z3_lbool;
    // init() instantiates a new WebAssembly module each time: memory a crash corrupted is not reused.
    z3 = await init();
    context = z3.Context("tiao");
  } catch {
    return undefined;
  }
  const { Solver } = context;
  const { Z3 } = z3;
  const threads = z3.em as Z3Threads;
  const contextPointer = context.ptr;
  // A worker thread that crashes (an out-of-bounds access in the solver) makes Emscripten
  // throw from an event handler and leaves the pending question unanswered: the error is
  // taken here instead, and the question fails.
  let crashed: ((error: unknown) => void) | undefined;
  const pthreads = threads.PThread;
  if (pthreads !== undefined) {
    const getNewWorker = pthreads.getNewWorker.bind(pthreads);
    pthreads.getNewWorker = () => {
      const worker = getNewWorker();
      if (worker !== undefined) {
        worker.onerror = (event: unknown) => {
          const error = event instanceof Error ? event : new Error(String((event as { message?: unknown } | null)?.message ?? event));
          crashed?.(error);
        };
      }
      return worker;
    };
  }
  return {
    async check(script: string, constants: readonly string[]): Promise<SmtAnswer> {
      // z3's default solver hands a query to tactics with time limits, so that on a loaded
      // machine it may answer with another model; its plain SMT solver gives the same
      // witnesses on every run. The package types the constructor for a logic's name only.
      const solver = new Solver(Z3.mk_simple_solver(contextPointer) as unknown as string);
      solver.set("timeout", limitMs);
      solver.fromString(script);
      // The low-level call, not `solver.check()`: the package guards that one with a lock
      // shared by all its instances, which a crashed question would hold for ever.
      const result = await new Promise<Lbool>((resolve, reject) => {
        crashed = reject;
        Z3.solver_check(contextPointer, solver.ptr).then(resolve, reject);
      }).finally(() => {
        crashed = undefined;
      });
      if (result === Z3_lbool.Z3_L_FALSE) return { status: "unsat" };
      if (result !== Z3_lbool.Z3_L_TRUE) return { status: "unknown", reason: "the solver could not decide" };
      const model = solver.model();
      const byName = new Map(model.decls().map((declaration) => [String(declaration.name()), declaration]));
      const values = new Map<string, string>();
      for (const constant of constants) {
        const declaration = byName.get(constant.replace(/^\|(.*)\|$/su, "$1"));
        if (declaration !== undefined) values.set(constant, String(model.eval(declaration.call())));
      }
      return { status: "sat", values };
    },
    discard() {
      crashed = undefined;
      pthreads?.terminateAllThreads();
    },
  };
}
