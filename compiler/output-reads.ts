/**
 * The facts some outputs of a measure read: through the definitions they read or call, the
 * measure's window, and the outputs of other measures they read (with those measures'
 * windows). `tiao run --measure m4.total` needs only these facts, as evaluation on demand
 * computes only what the outputs asked for read.
 */
import type { DefinitionIR, ExprIR, MeasureIR, ProgramIR } from "./ir.js";
import { forEachChild, forEachRuleExpression, windowDates } from "./ir-walk.js";

export function factsReadByOutputs(program: ProgramIR, measure: MeasureIR, outputs: readonly string[]): string[] {
  const reads = new Set<string>();
  const visited = new Set<string>();
  const windows = new Set<string>();
  const pending: { measure: MeasureIR; definition: string }[] = outputs.map((definition) => ({ measure, definition }));
  const expression = (owner: MeasureIR, expr: ExprIR): void => {
    if (expr.op === "fact") reads.add(`${expr.entity}.${expr.field}`);
    else if (expr.op === "definition") pending.push({ measure: owner, definition: expr.name });
    else if (expr.op === "call") pending.push({ measure: owner, definition: expr.definition });
    else if (expr.op === "measure_output") {
      const other = program.measures.find((m) => m.name === expr.measure);
      if (other !== undefined) pending.push({ measure: other, definition: expr.output });
    }
    forEachChild(expr, (child) => expression(owner, child));
  };
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { measure: owner, definition: name } = next;
    if (!windows.has(owner.name)) {
      windows.add(owner.name);
      for (const date of windowDates(owner.window)) expression(owner, date);
    }
    const key = `${owner.name}.${name}`;
    if (visited.has(key)) continue;
    visited.add(key);
    const definition: DefinitionIR | undefined = owner.definitions.find((d) => d.name === name);
    forEachRuleExpression(definition?.rules ?? [], (expr) => expression(owner, expr));
  }
  return [...reads].sort();
}
