/**
 * A scale of the IR as the runtime applies it (runtime/scale.ts): the interpreter builds it
 * once per evaluation, generated code holds it as a module constant.
 */
import type { ParameterValueIR, ScaleIR } from "./ir.js";
import type { DatedFigure, ScaleData } from "../runtime/scale.js";
import { evaluationLocation } from "../runtime/messages.js";
import type { Money, Percent } from "../runtime/money.js";

export function scaleData(scale: ScaleIR): ScaleData {
  return {
    name: scale.name,
    brackets: scale.brackets.map((bracket) => ({
      name: bracket.name,
      thresholds: bracket.thresholds.map((figure) => datedFigure<Money>(figure)),
      rates: bracket.rates.map((figure) => datedFigure<Percent>(figure)),
    })),
    location: evaluationLocation(scale.span),
  };
}

function datedFigure<T extends number>(figure: ParameterValueIR): DatedFigure<T> {
  return { from: figure.from, until: figure.until ?? null, value: figure.value as T };
}
