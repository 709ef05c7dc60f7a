/**
 * The diff's SMT solver in Node: z3, compiled to WebAssembly (the z3-solver package), behind
 * the engine's `SmtSolver` interface. Loaded only by `tiao diff`, which works without it.
 */
import type { SmtAnswer, SmtSolver } from "../compiler/diff/solver.js";

export async function loadZ3(): Promise<SmtSolver | undefined> {
  let z3;
  let context;
  try {
    const { init } = await import("z3-solver");
    z3 = await init();
    context = z3.Context("tiao");
  } catch {
    return undefined;
  }
  const { Solver } = context;
  const { Z3 } = z3;
  const contextPointer = context.ptr;
  return {
    async check(script: string, constants: readonly string[]): Promise<SmtAnswer> {
      // z3's default solver hands a query to tactics with time limits, so that on a loaded
      // machine it may answer with another model; its plain SMT solver gives the same
      // witnesses on every run. The package types the constructor for a logic's name only.
      const solver = new Solver(Z3.mk_simple_solver(contextPointer) as unknown as string);
      solver.fromString(script);
      const status = await solver.check();
      if (status !== "sat") return { status };
      const model = solver.model();
      const byName = new Map(model.decls().map((declaration) => [String(declaration.name()), declaration]));
      const values = new Map<string, string>();
      for (const constant of constants) {
        const declaration = byName.get(constant.replace(/^\|(.*)\|$/su, "$1"));
        if (declaration !== undefined) values.set(constant, String(model.eval(declaration.call())));
      }
      return { status: "sat", values };
    },
  };
}
