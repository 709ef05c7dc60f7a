/**
 * The diff's SMT solver in Node: z3, compiled to WebAssembly (the z3-solver package), behind
 * the engine's `SmtSolver` interface. Loaded only by `tiao diff`, which works without it.
 */
import type { SmtAnswer, SmtSolver } from "../compiler/diff/solver.js";

export async function loadZ3(): Promise<SmtSolver | undefined> {
  let context;
  try {
    const { init } = await import("z3-solver");
    const z3 = await init();
    context = z3.Context("tiao");
  } catch {
    return undefined;
  }
  const { Solver } = context;
  return {
    async check(script: string, constants: readonly string[]): Promise<SmtAnswer> {
      const solver = new Solver();
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
