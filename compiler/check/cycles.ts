/**
 * The definitions of a measure in dependency order, and what a measure reads. A definition
 * depends on every definition it reads or calls; a cycle is an error naming its path.
 */
import type { DefinitionIR, ExprIR, SourceSpan, WindowIR } from "../ir.js";
import { forEachRuleExpression, windowDates } from "../ir-walk.js";
import { internalError, required } from "../internal-error.js";
import { collectNodes } from "./ir-nodes.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";

export interface DefinitionNode {
  readonly definition: DefinitionIR;
  /** the span of the definition's name */
  readonly nameSpan: SourceSpan;
}

/** Every node of a definition's rules, in the order of forEachRuleExpression. */
function allNodes(definition: DefinitionIR): ExprIR[] {
  const nodes: ExprIR[] = [];
  forEachRuleExpression(definition.rules, (expr) => collectNodes(expr, nodes));
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
    for (const dependency of dependenciesOf(name, edges)) visit(required(byName.get(dependency), `the definition ${dependency}`));
    ordered.push(node.definition);
  };
  nodes.forEach(visit);
  return ordered;
}

type Edges = ReadonlyMap<string, ReadonlyMap<string, SourceSpan>>;

/** The definitions `name` reads, among those of the measure (every definition has its entry). */
function dependenciesOf(name: string, edges: Edges): Iterable<string> {
  return required(edges.get(name), `the dependencies of ${name}`).keys();
}

/** Tarjan's algorithm, keeping only the components that hold a cycle (several names, or one that reads itself). */
function stronglyConnected(names: readonly string[], edges: Edges): string[][] {
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
    const lowLinkOf = (of: string) => required(lowLink.get(of), `the low link of ${of}`);
    for (const next of dependenciesOf(name, edges)) {
      if (!index.has(next)) {
        visit(next);
        lowLink.set(name, Math.min(lowLinkOf(name), lowLinkOf(next)));
      } else if (onStack.has(next)) {
        lowLink.set(name, Math.min(lowLinkOf(name), required(index.get(next), `the index of ${next}`)));
      }
    }
    if (lowLink.get(name) !== index.get(name)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = required(stack.pop(), `${name} on the stack`);
      onStack.delete(member);
      component.push(member);
    } while (member !== name);
    if (component.length > 1 || edges.get(name)?.has(name) === true) components.push(component);
  };
  for (const name of names) if (!index.has(name)) visit(name);
  const position = new Map(names.map((name, i) => [name, i]));
  const positionOf = (name: string) => required(position.get(name), `the position of ${name}`);
  return components.map((c) => c.sort((a, b) => positionOf(a) - positionOf(b)));
}

/** The shortest way from `start` back to itself inside a component, as the names along it. */
function cyclePath(start: string, component: ReadonlySet<string>, edges: Edges): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    for (const next of dependenciesOf(current, edges)) {
      if (!component.has(next)) continue;
      if (next === start) {
        const path = [current];
        for (let first = current; first !== start; ) {
          first = required(cameFrom.get(first), `the way to ${first}`);
          path.unshift(first);
        }
        return [...path, start];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, current);
        queue.push(next);
      }
    }
  }
  return internalError(`${start} is in a cycle that does not come back to it`);
}

function reportCycle(component: readonly string[], edges: Edges, byName: ReadonlyMap<string, DefinitionNode>, reporter: Reporter): void {
  const start = required(component[0], "the first definition of a cycle");
  const node = required(byName.get(start), `the definition ${start}`);
  const path = cyclePath(start, new Set(component), edges);
  const labels = path.slice(0, -1).map((from, i) => {
    const to = required(path[i + 1], `the definition after ${from} in a cycle`);
    const span = required(edges.get(from)?.get(to), `where ${from} reads ${to}`);
    return { span, message: `\`${from}\` reads \`${to}\` here` };
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
  const nodes = definitions.flatMap(allNodes);
  for (const date of windowDates(window)) collectNodes(date, nodes);
  const reads = new Set<string>();
  const parametersRead = new Set<string>();
  // an output for each member reads its list: the result has a value per member
  for (const definition of definitions) if (definition.members !== undefined) reads.add(`${definition.members.entity}.${definition.members.field}`);
  for (const node of nodes) {
    if (node.op === "fact") reads.add(`${node.entity}.${node.field}`);
    if (node.op === "parameter") parametersRead.add(node.name);
  }
  return { reads: [...reads].sort(), parametersRead: [...parametersRead].sort() };
}
