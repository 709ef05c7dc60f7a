/**
 * Measures that read each other: `m4.x` reads output `x` of measure `m4` (its empty value
 * when `m4` is not in force), evaluated for the same case. The measures a measure reads
 * must not read it back, directly or through others (T0901); a measure evaluated needs
 * the facts of every measure it reads, so its `reads` and `parametersRead` include theirs.
 */
import type { Identifier } from "../ast.js";
import type { ExprIR, MeasureIR, SourceSpan, ValueType } from "../ir.js";
import { internalError, required } from "../internal-error.js";
import { isNullWhenEmpty } from "../../runtime/scenario.js";
import { collectNodes } from "./ir-nodes.js";
import { forEachRuleExpression } from "../ir-walk.js";
import type { Reporter } from "./report.js";
import { listNames, reportError, suggestion } from "./report.js";
import { describeType } from "./types.js";
import type { ExprContext } from "./scope.js";

/** `measure.output` where `measure` names a measure: the read, or undefined after a diagnostic. */
export function readMeasureOutput(measure: Identifier, output: Identifier, span: SourceSpan, context: ExprContext): ExprIR | undefined {
  const table = required(context.measureOutputs?.get(measure.name), `the outputs of measure ${measure.name}`);
  if (measure.name === context.currentMeasure) {
    return reportError(context.reporter, "T0902", span, `\`${measure.name}.${output.name}\` is this measure's own definition`, {
      help: `write \`${output.name}\`: a measure reads its own definitions by their names`,
      replacement: output.name,
    });
  }
  if (output.name === "in_force") return { op: "measure_output", measure: measure.name, output: "in_force", type: { kind: "bool" }, span };
  const signature = table.outputs.get(output.name);
  if (signature === undefined) {
    const outputs = ["in_force", ...table.outputs.keys()];
    const help = table.lets.has(output.name)
      ? { help: `\`${output.name}\` is a \`let\` of \`${measure.name}\`, internal to it: make it an \`output\` there to read it here` }
      : suggestion(output.name, outputs, `its outputs are ${listNames(outputs)}`);
    return reportError(context.reporter, "T0903", output.span, `\`${measure.name}\` has no output \`${output.name}\``, help);
  }
  if (signature.type === undefined) return undefined;
  if (signature.members !== undefined) {
    return reportError(context.reporter, "T1015", span, `\`${measure.name}.${output.name}\` has a value for each member of \`${signature.members.entity}.${signature.members.field}\``, {
      help: `read it for one member: \`${measure.name}.${output.name}(p)\`, inside \`sum(… for p in ${signature.members.entity}.${signature.members.field})\` or an output for each member`,
    });
  }
  return { op: "measure_output", measure: measure.name, output: output.name, type: readType(signature.type), span };
}

/**
 * `measure.output(member)`: an output given for each member, read for one; `member` is the
 * checked argument (undefined after a diagnostic).
 */
export function readMeasureOutputForMember(measure: Identifier, output: Identifier, member: ExprIR | undefined, span: SourceSpan, context: ExprContext): ExprIR | undefined {
  const table = required(context.measureOutputs?.get(measure.name), `the outputs of measure ${measure.name}`);
  if (measure.name === context.currentMeasure) {
    return reportError(context.reporter, "T0902", span, `\`${measure.name}.${output.name}\` is this measure's own definition`, {
      help: `write \`${output.name}(…)\`: a measure reads its own definitions by their names`,
    });
  }
  const signature = table.outputs.get(output.name);
  if (signature === undefined) return readMeasureOutput(measure, output, span, context);
  if (signature.members === undefined) {
    return reportError(context.reporter, "T1015", span, `\`${measure.name}.${output.name}\` has one value, not one for each member`, {
      help: `read it without a member: \`${measure.name}.${output.name}\``,
    });
  }
  if (member === undefined || signature.type === undefined) return undefined;
  const record = signature.members.record;
  if (member.type.kind !== "record" || member.type.name !== record) {
    return reportError(context.reporter, "T1015", member.span, `expected a ${record} (a member of \`${signature.members.entity}.${signature.members.field}\`), found ${describeType(member.type)}`, {
      help: `give one of the members, e.g. \`p\` of \`sum(${measure.name}.${output.name}(p) for p in ${signature.members.entity}.${signature.members.field})\``,
    });
  }
  return { op: "measure_output", measure: measure.name, output: output.name, member, type: readType(signature.type), span };
}

/**
 * An output as others read it: a date, time, text or enum member is absent when its measure is
 * not in force (its empty value), so it is read as optional and tested before use.
 */
function readType(type: ValueType): ValueType {
  return isNullWhenEmpty(type) ? { kind: "optional", of: type } : type;
}

/** Each measure's reads of other measures' outputs, with the place of the first read of each. */
function measureEdges(measures: readonly MeasureIR[]): Map<string, Map<string, SourceSpan>> {
  return new Map(
    measures.map((measure) => {
      const nodes: ExprIR[] = [];
      for (const definition of measure.definitions) forEachRuleExpression(definition.rules, (expr) => collectNodes(expr, nodes));
      const uses = new Map<string, SourceSpan>();
      for (const node of nodes) if (node.op === "measure_output" && !uses.has(node.measure)) uses.set(node.measure, node.span);
      return [measure.name, uses] as const;
    }),
  );
}

/**
 * Reports every circle of measures reading each other (T0901), and gives each measure the
 * facts and parameters of the measures it reads. Undefined when there is a circle.
 */
export function linkMeasures(measures: readonly MeasureIR[], reporter: Reporter): MeasureIR[] | undefined {
  const edges = measureEdges(measures);
  const byName = new Map(measures.map((measure) => [measure.name, measure]));
  const state = new Map<string, "visiting" | "done">();
  const linked = new Map<string, MeasureIR>();
  let circular = false;
  const visit = (name: string, path: readonly string[]): MeasureIR | undefined => {
    const done = linked.get(name);
    if (done !== undefined) return done;
    if (state.get(name) === "visiting") {
      reportCircle([...path.slice(path.indexOf(name)), name], edges, reporter);
      circular = true;
      return undefined;
    }
    if (state.get(name) === "done") return undefined;
    state.set(name, "visiting");
    const measure = required(byName.get(name), `the measure ${name}`);
    const reads = new Set(measure.reads);
    const parametersRead = new Set(measure.parametersRead);
    for (const other of required(edges.get(name), `the reads of ${name}`).keys()) {
      const read = byName.has(other) ? visit(other, [...path, name]) : undefined;
      for (const path of read?.reads ?? []) reads.add(path);
      for (const parameter of read?.parametersRead ?? []) parametersRead.add(parameter);
    }
    state.set(name, "done");
    const result = { ...measure, reads: [...reads].sort(), parametersRead: [...parametersRead].sort() };
    linked.set(name, result);
    return result;
  };
  for (const measure of measures) visit(measure.name, []);
  if (circular) return undefined;
  return measures.map((measure) => required(linked.get(measure.name), `the measure ${measure.name}`));
}

/** `path` starts and ends with the same measure. */
function reportCircle(path: readonly string[], edges: ReadonlyMap<string, ReadonlyMap<string, SourceSpan>>, reporter: Reporter): void {
  const spanOf = (from: string, to: string) => required(edges.get(from)?.get(to), `where ${from} reads ${to}`);
  const [first, second] = path;
  if (first === undefined || second === undefined) return internalError("a circle of measures of fewer than two steps");
  const labels = path.slice(1, -1).map((from, i) => {
    const to = required(path[i + 2], `the measure after ${from}`);
    return { span: spanOf(from, to), message: `\`${from}\` reads an output of \`${to}\` here` };
  });
  reportError(reporter, "T0901", spanOf(first, second), `measure \`${first}\` reads its own outputs through others: ${path.join(" → ")}`, {
    labels,
    help: "a measure cannot depend on itself: compute the shared part in one of them, or in a third measure both read",
  });
}
