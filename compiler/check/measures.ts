/**
 * A measure: its definitions' signatures (names, types, parameters), their rules, its window
 * and citations, the dependency order of its definitions and what it reads.
 */
import type { Definition, Expr, MeasureDeclaration, NotComputable } from "../ast.js";
import type { DefinitionIR, MeasureIR, MembersIR, NotComputableIR, SourceSpan, ValueType } from "../ir.js";
import { citationIR } from "./citations.js";
import type { DefinitionNode } from "./cycles.js";
import { measureReads, orderDefinitions } from "./cycles.js";
import type { ProgramSymbols } from "./declarations.js";
import { isBuiltinName } from "./expressions.js";
import type { Reporter } from "./report.js";
import { reportError } from "./report.js";
import { checkRules } from "./rules.js";
import type { DefinitionSignature, ExprContext, MeasureOutputsTable } from "./scope.js";
import { rootContext, withLocal } from "./scope.js";
import { resolveType } from "./types.js";
import type { TypeNamespace } from "./types.js";
import { checkWindow } from "./windows.js";
import { definedProperties } from "../defined-properties.js";

/** A measure's definitions, each name once, with their signatures: what other measures see of it. */
export interface MeasureSignatures {
  readonly declaration: MeasureDeclaration;
  readonly unique: readonly Definition[];
  readonly signatures: ReadonlyMap<string, DefinitionSignature>;
}

export function measureSignatures(declaration: MeasureDeclaration, symbols: ProgramSymbols, reporter: Reporter): MeasureSignatures {
  const definitions = declaration.items.filter((item): item is Definition => item.kind === "definition");
  const unique = uniqueDefinitions(definitions, reporter);
  const namespace = typeNamespace(symbols);
  const signatures = new Map(unique.map((definition) => [definition.name.name, signature(definition, namespace, symbols, reporter)] as const));
  return { declaration, unique, signatures };
}

/** What every measure gives others to read: its outputs (`m4.x`); its `let`s, named only to say they are internal. */
export function measureOutputsTable(measures: readonly MeasureSignatures[]): MeasureOutputsTable {
  return new Map(
    measures.map(({ declaration, unique, signatures }) => {
      const outputs = new Map(unique.filter((d) => d.visibility === "output").flatMap((d) => {
        const found = signatures.get(d.name.name);
        return found === undefined ? [] : [[d.name.name, found] as const];
      }));
      const lets = new Set(unique.filter((d) => d.visibility === "let").map((d) => d.name.name));
      return [declaration.name.name, { outputs, lets }] as const;
    }),
  );
}

export function checkMeasure(
  { declaration, unique, signatures }: MeasureSignatures,
  symbols: ProgramSymbols,
  measureOutputs: MeasureOutputsTable,
  reporter: Reporter,
): MeasureIR | undefined {
  const context: ExprContext = { ...rootContext(symbols, "definition", reporter, signatures), measureOutputs, currentMeasure: declaration.name.name };
  const nodes = unique.flatMap((definition): DefinitionNode[] => {
    const checked = checkDefinition(definition, signatures.get(definition.name.name), context);
    return checked === undefined ? [] : [{ definition: checked, nameSpan: definition.name.span }];
  });
  const window = declaration.window === undefined ? undefined : checkWindow(declaration.window, symbols, signatures, reporter);
  const ordered = orderDefinitions(nodes, reporter);
  const { reads, parametersRead } = measureReads(ordered, window);
  if (nodes.length !== unique.length || (declaration.window !== undefined && window === undefined)) return undefined;
  return {
    name: declaration.name.name,
    ...definedProperties({ title: declaration.title?.value, english: declaration.english?.value }),
    ...(declaration.citation === undefined ? {} : { citation: citationIR(declaration.citation) }),
    ...(window === undefined ? {} : { window }),
    reads,
    parametersRead,
    definitions: ordered,
    outputs: unique.filter((d) => d.visibility === "output").map((d) => d.name.name),
    notComputable: declaration.items.filter((item): item is NotComputable => item.kind === "not_computable").map(notComputableIR),
    span: declaration.span,
  };
}

function typeNamespace(symbols: ProgramSymbols): TypeNamespace {
  const records = [...symbols.records.values()];
  return {
    enumNames: new Set(symbols.enums.keys()),
    enumMembers: new Map([...symbols.enums].map(([name, symbol]) => [name, symbol.members])),
    recordNames: new Set(records.filter((r) => !r.decl.entity).map((r) => r.decl.name)),
    entityNames: new Set(records.filter((r) => r.decl.entity).map((r) => r.decl.name)),
  };
}

function notComputableIR(item: NotComputable): NotComputableIR {
  return { citation: citationIR(item.citation), reason: item.reason.value, span: item.span };
}

/**
 * The definitions whose name is free: not taken by an earlier definition (T0204), not the
 * automatic `in_force` (T0221), not a built-in function (T0217).
 */
function uniqueDefinitions(definitions: readonly Definition[], reporter: Reporter): Definition[] {
  const first = new Map<string, Definition>();
  for (const definition of definitions) {
    const name = definition.name.name;
    const earlier = first.get(name);
    if (earlier !== undefined) {
      reportError(reporter, "T0204", definition.name.span, `\`${name}\` is defined twice in this measure`, {
        labels: [{ span: earlier.name.span, message: "first defined here" }],
        help: "rename one of them; to give a value in several cases, write one definition with rules and exceptions",
      });
    } else if (name === "in_force") {
      reportError(reporter, "T0221", definition.name.span, "`in_force` is an automatic output of every measure", {
        help: "choose another name; `in_force` already says whether the measure's window contains the date",
      });
    } else if (isBuiltinName(name)) {
      reportError(reporter, "T0217", definition.name.span, `\`${name}\` is the name of a built-in function`, {
        help: "choose another name",
      });
    } else {
      first.set(name, definition);
    }
  }
  return [...first.values()];
}

/**
 * The name, type and parameters of a definition (T0219 parameter types, T0222 outputs with
 * parameters, T0223 record outputs, T0205 repeated parameters, T1014 outputs for each member).
 */
function signature(definition: Definition, namespace: TypeNamespace, symbols: ProgramSymbols, reporter: Reporter): DefinitionSignature {
  const memberParameter = definition.parameters.find((parameter) => parameter.members !== undefined);
  if (memberParameter?.members !== undefined) return memberOutputSignature(definition, memberParameter.name.name, memberParameter.members, memberParameter.span, namespace, symbols, reporter);
  if (definition.visibility === "output" && definition.parameters.length > 0) {
    reportError(reporter, "T0222", definition.name.span, "an output cannot take parameters", {
      help: `make it a \`let\` and use it inside an aggregate, e.g. \`count(x in list where ${definition.name.name}(x))\`, or give it for each member of a list: \`output ${definition.name.name}(x in entity.list)\``,
    });
  }
  const seen = new Set<string>();
  const parameters = definition.parameters.map((parameter) => {
    if (seen.has(parameter.name.name)) {
      reportError(reporter, "T0205", parameter.name.span, `the parameter \`${parameter.name.name}\` is given twice`, { help: "give each parameter its own name" });
    }
    seen.add(parameter.name.name);
    const type = parameter.type === undefined ? undefined : resolveType(parameter.type, namespace, reporter);
    if (parameter.type !== undefined && type !== undefined && type.kind !== "record") {
      reportError(reporter, "T0219", parameter.type.span, "a definition's parameter must be a record", {
        help: "parameters stand for the items of a list: declare it with the record type of the list's items",
      });
      return { name: parameter.name.name, type: undefined, span: parameter.type.span };
    }
    return { name: parameter.name.name, type, span: parameter.span };
  });
  const type = resolveType(definition.type, namespace, reporter);
  // A result holds values a scenario's reader and every back end can print, and empty
  // values for a measure not in force: a record has neither (a list of records has both).
  if (definition.visibility === "output" && type?.kind === "record") {
    reportError(reporter, "T0223", definition.type.span, `an output cannot be a record (\`${type.name}\`)`, {
      help: "output each field the result needs on its own, or make it a `let`",
    });
  }
  return { name: definition.name, type, parameters };
}

/**
 * `output tax(p in household.members): money`: an output given for each member of a list
 * of the facts. Only an output (a `let` with a record parameter already is one per record),
 * with that one parameter, over a field of an entity declared `list of R` (T1014).
 */
function memberOutputSignature(
  definition: Definition,
  parameterName: string,
  list: Expr,
  span: SourceSpan,
  namespace: TypeNamespace,
  symbols: ProgramSymbols,
  reporter: Reporter,
): DefinitionSignature {
  const type = resolveType(definition.type, namespace, reporter);
  const failed: DefinitionSignature = { name: definition.name, type, parameters: [{ name: parameterName, type: undefined, span }] };
  if (definition.visibility !== "output") {
    reportError(reporter, "T1014", span, "only an output is given for each member of a list", {
      help: `make it an \`output\`, or give the parameter its record type: \`${parameterName}: …\``,
    });
    return failed;
  }
  if (definition.parameters.length > 1) {
    reportError(reporter, "T1014", definition.name.span, "an output for each member has one parameter, the member", {
      help: `write \`output ${definition.name.name}(${parameterName} in …)\` and read the other values inside it`,
    });
    return failed;
  }
  const entity = list.kind === "field" && list.object.kind === "name" ? symbols.records.get(list.object.name.name) : undefined;
  const field = list.kind === "field" && entity?.decl.entity === true ? entity.fields.get(list.field.name) : undefined;
  if (list.kind !== "field" || entity === undefined || entity.decl.entity !== true || field?.kind !== "list") {
    reportError(reporter, "T1014", list.span, "an output is given for each member of a list field of an entity", {
      help: "name the list as a scenario gives it, e.g. `p in household.members`, a field declared `list of person`",
    });
    return failed;
  }
  if (type?.kind === "record" || type?.kind === "list") {
    reportError(reporter, "T0223", definition.type.span, `an output cannot be a ${type.kind === "record" ? "record" : "list"} for each member`, {
      help: "output each value the result needs on its own, or make it a `let`",
    });
  }
  const members: MembersIR = { entity: entity.decl.name, field: list.field.name, record: field.of };
  return { name: definition.name, type, parameters: [{ name: parameterName, type: { kind: "record", name: field.of }, span }], members };
}

function checkDefinition(definition: Definition, signature: DefinitionSignature | undefined, measureContext: ExprContext): DefinitionIR | undefined {
  if (signature === undefined) return undefined;
  const ownContext: ExprContext = { ...measureContext, currentDefinition: definition.name.name };
  const context = signature.parameters.reduce((scope, parameter) => withLocal(scope, parameter.name, parameter.type), ownContext);
  const rules = checkRules(definition, signature, context);
  const parameters = signature.parameters.flatMap((p): { name: string; type: ValueType }[] => (p.type === undefined ? [] : [{ name: p.name, type: p.type }]));
  if (rules === undefined || signature.type === undefined || parameters.length !== signature.parameters.length) return undefined;
  return {
    name: definition.name.name,
    visibility: definition.visibility,
    parameters,
    type: signature.type,
    ...definedProperties({ english: definition.english?.value, members: signature.members }),
    rules,
    span: definition.span,
  };
}
