/**
 * Quick fixes: edits that a diagnostic's own data proposes — the replacement of a misspelt
 * name ("did you mean `x`?"), or rounding an amount that must be rounded.
 */
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import type { QuickFix } from "./protocol.js";
import { rangeOfSpan } from "./text.js";

/** The rounding functions that make an unrounded amount an amount of money (T0304's help). */
const roundings: readonly { readonly name: string; readonly mode: string }[] = [
  { name: "round", mode: "half up" },
  { name: "round_down", mode: "toward zero" },
  { name: "round_up", mode: "away from zero" },
];

/** `written` is the text the diagnostic's span covers. */
export function quickFixesFor(diagnostic: Diagnostic, written: string): QuickFix[] {
  const range = rangeOfSpan(diagnostic.span);
  if (diagnostic.replacement !== undefined) {
    return [{ title: `replace \`${written}\` with \`${diagnostic.replacement}\``, diagnostic, edits: [{ range, newText: diagnostic.replacement }] }];
  }
  if (diagnostic.code === "T0304") {
    return roundings.map(({ name, mode }) => ({
      title: `round with \`${name}(…)\` (${mode})`,
      diagnostic,
      edits: [{ range, newText: `${name}(${written})` }],
    }));
  }
  return [];
}
