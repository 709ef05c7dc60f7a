/**
 * The definitions of a measure in dependency order, and what a measure reads. A definition
 * depends on every definition it reads or calls; a cycle is an error naming its path.
 */
import type { DefinitionIR, ExprIR, RuleIR, SourceSpan, WindowIR } from "../ir.js";
import { collectNodes } from "./ir-nodes.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";

export interface DefinitionNode {
  readonly definition: DefinitionIR;
  /** the span of the definition's name */
  readonly nameSpan: SourceSpan;
}

/** Every node of a rule's condition, value and window, then of its exceptions, in that order. */
function collectRuleNodes(rule: RuleIR, nodes: ExprIR[]): void {
  if (rule.condition !== undefined) collectNodes(rule.condition, nodes);
  collectNodes(rule.value, nodes);
  if (rule.window !== undefined) collectWindowNodes(rule.window, nodes);
  for (const exception of rule.exceptions) collectRuleNodes(exception, nodes);
}

function collectWindowNodes(window: WindowIR, nodes: ExprIR[]): void {
  collectNodes(window.from, nodes);
  if (window.until !== undefined) collectNodes(window.until, nodes);
}

function allNodes(definition: DefinitionIR): ExprIR[] {
  const nodes: ExprIR[] = [];
  for (const rule of definition.rules) collectRuleNodes(rule, nodes);
  return nodes;
}

/** The definitions a definition reads or calls, each with the place of its first use. */
function dependencies(definition: DefinitionIR): Map<string, SourceSpan> {
  const uses = new Map<string, SourceSpan>();
  for (const node of allNodes(definition)) {
    const name = node.op === "definition" ? node.name : node.op === "call" ? node.definition : undefined;
    if (name !== undefined && !uses.has(name)) uses.set(name, node.span);
  }
  return uses;
}

/**
 * The definitions in dependency order: each after the definitions it uses, otherwise in
 * written order. Reports every cycle (T0601).
 */
export function orderDefinitions(nodes: readonly DefinitionNode[], reporter: Reporter): DefinitionIR[] {
  const byName = new Map(nodes.map((node) => [node.definition.name, node]));
  const edges = new Map(nodes.map((node) => [node.definition.name, new Map([...dependencies(node.definition)].filter(([name]) => byName.has(name)))]));
  for (const component of stronglyConnected(nodes.map((n) => n.definition.name), edges)) {
    reportCycle(component, edges, byName, reporter);
  }
  const ordered: DefinitionIR[] = [];
  const visited = new Set<string>();
  const visit = (node: DefinitionNode): void => {
    const name = node.definition.name;
    if (visited.has(name)) return;
    visited.add(name);
    for (const dependency of edges.get(name)?.keys() ?? []) {
      const next = byName.get(dependency);
      if (next !== undefined) visit(next);
    }
    ordered.push(node.definition);
  };
  nodes.forEach(visit);
  return ordered;
}

/** Tarjan's algorithm, keeping only the components that hold a cycle (several names, or one that reads itself). */
function stronglyConnected(names: readonly string[], edges: ReadonlyMap<string, ReadonlyMap<string, SourceSpan>>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const lowLink = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (name: string): void => {
    index.set(name, counter);
    lowLink.set(name, counter);
    counter++;
    stack.push(name);
    onStack.add(name);
    for (const next of edges.get(name)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(name, Math.min(lowLink.get(name) ?? 0, lowLink.get(next) ?? 0));
      } else if (onStack.has(next)) {
        lowLink.set(name, Math.min(lowLink.get(name) ?? 0, index.get(next) ?? 0));
      }
    }
    if (lowLink.get(name) !== index.get(name)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop();
      if (member === undefined) break;
      onStack.delete(member);
      component.push(member);
    } while (member !== name);
    if (component.length > 1 || edges.get(name)?.has(name) === true) components.push(component);
  };
  for (const name of names) if (!index.has(name)) visit(name);
  const position = new Map(names.map((name, i) => [name, i]));
  return components.map((c) => c.sort((a, b) => (position.get(a) ?? 0) - (position.get(b) ?? 0)));
}

/** The shortest way from `start` back to itself inside a component, as the names along it. */
function cyclePath(start: string, component: ReadonlySet<string>, edges: ReadonlyMap<string, ReadonlyMap<string, SourceSpan>>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const current = queue.shift() ?? start;
    for (const next of edges.get(current)?.keys() ?? []) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [current];
        while (path[0] !== start) path.unshift(cameFrom.get(path[0] ?? start) ?? start);
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return [start, start];
}

function reportCycle(component: readonly string[], edges: ReadonlyMap<string, ReadonlyMap<string, SourceSpan>>, byName: ReadonlyMap<string, DefinitionNode>, reporter: Reporter): void {
  const start = component[0];
  const node = start === undefined ? undefined : byName.get(start);
  if (start === undefined || node === undefined) return;
  const path = cyclePath(start, new Set(component), edges);
  const labels = path.slice(0, -1).flatMap((from, i) => {
    const to = path[i + 1];
    const span = to === undefined ? undefined : edges.get(from)?.get(to);
    return span === undefined || to === undefined ? [] : [{ span, message: `\`${from}\` reads \`${to}\` here` }];
  });
  reportError(reporter, "T0601", node.nameSpan, `\`${start}\` depends on itself: ${path.join(" → ")}`, {
    labels,
    help: "a definition cannot use its own value, directly or through others: compute the shared part in a separate `let`",
  });
}

export interface MeasureReads {
  /** fact paths, "entity.field", sorted */
  readonly reads: string[];
  /** parameter names, sorted */
  readonly parametersRead: string[];
}

/** What a measure reads: every fact and parameter its window and definitions use. */
export function measureReads(definitions: readonly DefinitionIR[], window: WindowIR | undefined): MeasureReads {
  const nodes: ExprIR[] = [];
  for (const definition of definitions) for (const rule of definition.rules) collectRuleNodes(rule, nodes);
  if (window !== undefined) collectWindowNodes(window, nodes);
  const reads = new Set<string>();
  const parametersRead = new Set<string>();
  for (const node of nodes) {
    if (node.op === "fact") reads.add(`${node.entity}.${node.field}`);
    if (node.op === "parameter") parametersRead.add(node.name);
  }
  return { reads: [...reads].sort(), parametersRead: [...parametersRead].sort() };
}
