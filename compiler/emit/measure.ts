/**
 * One measure as a code tree: its facts and outputs interfaces, its outputs on demand,
 * `m4Outputs(facts, asOf, overrides)` (an object of functions, one per output, each
 * computing only what its output needs), and its evaluator `evaluateM4(facts, asOf,
 * overrides)`, which asks for every output in written order. Each definition is a local
 * function that computes its value when first called (a block of `if`s for rules and
 * exceptions, each under its citation) and keeps it. Parameterised definitions and
 * aggregates that sit inside larger expressions become module functions taking what they
 * read as arguments (definitions as their functions). An output of another measure is
 * read from that measure's outputs on demand for the same facts.
 *
 * The code does what compiler/interpret.ts does, in the same order, so that both throw
 * the same errors: sibling rules are decided in written order, each one's exceptions
 * first, and a conflict is checked as soon as a second sibling gives a value; window
 * dates are read before they are compared, operands left to right.
 */
import type { DefinitionIR, ExprIR, LiteralValue, MeasureIR, ProgramIR, RuleIR, SourceSpan, ValueType, WindowIR } from "../ir.js";
import { conflictMessage, conflictMessageParts, evaluationLocation, noRuleMessage, ruleName } from "../../runtime/messages.js";
import { ruleReference } from "../explain.js";
import { forEachChild, forEachRuleExpression, someChild, windowDates } from "../ir-walk.js";
import { decimalZero } from "../literals.js";
import { moneyWord } from "../currency.js";
import { emptyValue, isNullWhenEmpty } from "../../runtime/scenario.js";
import { additionOf, choiceOf, isRepresentationChange, operations, type OperationId } from "../operations.js";
import { averageRounding, seriesMissingLiteral, seriesReading, seriesTotalFunction, seriesTypeOf } from "../series-read.js";
import { camelCase, NameTable, pascalCase } from "./names.js";
import {
  binary,
  blank,
  call,
  chain,
  comment,
  conditional,
  data,
  FALSE,
  identifier,
  member,
  not,
  NULL,
  number,
  object,
  string,
  TRUE,
  typeReference,
  union,
  when,
  type Expression,
  type Member,
  type Parameter,
  type Statement,
  type TypeNode,
} from "./tree.js";
import { citedClause } from "../citation-text.js";
import { readPath, recordNameOf } from "../check/ir-nodes.js";
import { required } from "../internal-error.js";

/**
 * Up to this many sibling rules, each pair gets its own readable conflict check; more are
 * checked in one pass over a table, so that code grows linearly with their number.
 */
const PAIRWISE_SIBLINGS = 4;

/** Kinds whose values TypeScript gives literal types (`3`, `"red"`, `true`) and narrows by comparison. */
const GENERIC_RUNTIME_FUNCTIONS: ReadonlySet<string> = new Set(["minOf", "maxOf"]);

const LITERAL_TYPED_KINDS: ReadonlySet<ValueType["kind"]> = new Set(["bool", "integer", "months", "days", "enum", "text"]);

/** Module functions generated code may need beside the runtime's. */
export type HelperName = "present" | "declared";

/** What a measure's emitter asks of the module being built. */
export interface ModuleContext {
  readonly program: ProgramIR;
  /** a measure's title in the language of the doc comments */
  measureTitle(measure: MeasureIR): string | undefined;
  /** names at module level */
  readonly names: NameTable;
  /** the TypeScript type of values of a type */
  typeOf(type: ValueType): TypeNode;
  /** a literal: plain JavaScript, or a module constant for those that need converting (money, dates, …) */
  literal(value: LiteralValue, type: ValueType): Expression;
  helper(name: HelperName): Expression;
  /** the function giving a parameter's value on a date */
  parameterFunction(name: string): string;
  /** the module constant holding a scale's brackets */
  scaleConstant(name: string): string;
  /** the interface of a record or entity */
  recordType(name: string): string;
  /** the declared type of a field of a record or entity */
  fieldType(record: string, field: string): ValueType | undefined;
  /** the type of a scenario's parameter overrides */
  readonly overridesType: TypeNode;
  /** the function giving a measure's outputs on demand, and the type of what it gives */
  onDemand(measure: string): { readonly functionName: string; readonly typeName: string };
}

/**
 * Where code is being built: the definition it belongs to, which names the functions
 * lifted out of it, and the module-level statements those functions are added to.
 */
interface Site {
  readonly owner: string;
  readonly lifted: Statement[];
}

/** What an expression reads from outside itself: the arguments of a function lifted out of it. */
interface Needs {
  /** aggregate variables and definition parameters bound outside, with their types */
  readonly locals: Map<string, ValueType>;
  readonly entities: Set<string>;
  readonly definitions: Set<string>;
  /** measures whose outputs it reads */
  readonly measures: Set<string>;
  /** reads parameters or compares dates with the evaluation date: needs asOf and overrides */
  date: boolean;
}

function noNeeds(): Needs {
  return { locals: new Map(), entities: new Set(), definitions: new Set(), measures: new Set(), date: false };
}

/** A rule whose tree is decided: the test that it gives a value (absent: always), and its exceptions decided. */
interface DecidedRule {
  readonly rule: RuleIR;
  readonly test: Expression | undefined;
  readonly exceptions?: DecidedGroup;
}

/** Sibling rules decided: the statements computing their tests and throwing conflicts; for many, the chosen one's index. */
interface DecidedGroup {
  readonly statements: readonly Statement[];
  readonly rules: readonly DecidedRule[];
  readonly chosen?: Expression;
}

/** Among many siblings, the variable holding the index of the one that gives a value, and the table naming them. */
interface ChosenSibling {
  readonly index: ReturnType<typeof identifier>;
  readonly names: Expression;
}

/** Where the value of a rule goes: into a variable, or returned from a function. */
type Target = { readonly kind: "assign"; readonly variable: string } | { readonly kind: "return" };

type Aggregate = Extract<ExprIR, { op: "aggregate" }>;

const runtime = identifier;
const AS_OF = identifier("asOf");
const OVERRIDES = identifier("overrides");
const RECORDER = identifier("recorder");

/** `recorder?.method(args)`: told when evaluateJson explains, skipped otherwise. */
function record(method: "decided" | "window", args: readonly Expression[]): Statement {
  return { kind: "expression", expression: call({ kind: "member", object: RECORDER, name: method, optional: true }, args) };
}

export class MeasureEmitter {
  private readonly names: NameTable;
  private readonly definitions: ReadonlyMap<string, DefinitionIR>;
  /** per definition without parameters: its function, the variable keeping its value, and the local computing it */
  private readonly definitionNames = new Map<string, { readonly function: string; readonly cache: string; readonly value: string }>();
  /** per measure whose outputs this one reads: the local holding its outputs on demand */
  private readonly measureNames = new Map<string, string>();
  private readonly entityNames = new Map<string, string>();
  private readonly localNames = new Map<string, string>();
  private readonly functionNames = new Map<string, string>();
  private readonly definitionNeeds = new Map<string, Needs>();
  /**
   * References compared for equality or given a literal so far: TypeScript may have
   * narrowed their type there, and rejects an equality of two values it sees as distinct
   * literals (TS2367), such as `x === "blue"` where `x` is known to be `"red"`.
   */
  private readonly narrowable = new Set<string>();
  readonly functionName: string;
  readonly measureName: string;
  readonly onDemandName: string;
  readonly factsType: string;
  readonly outputsType: string;
  readonly onDemandType: string;

  constructor(
    private readonly module: ModuleContext,
    private readonly measure: MeasureIR,
  ) {
    const base = pascalCase(measure.name);
    this.measureName = measure.name;
    this.functionName = module.names.take(`evaluate${base}`);
    this.factsType = module.names.take(`${base}Facts`);
    this.outputsType = module.names.take(`${base}Outputs`);
    this.onDemandName = module.names.take(camelCase(`${measure.name}_outputs`));
    this.onDemandType = module.names.take(`${base}OnDemand`);
    this.names = new NameTable(module.names);
    for (const name of ["facts", "asOf", "overrides", "recorder", "outputs"]) this.names.reserve(name);
    this.definitions = new Map(measure.definitions.map((d) => [d.name, d]));
    for (const entity of this.entitiesRead()) this.entityNames.set(entity, this.names.take(camelCase(entity)));
    for (const other of measuresRead(measure)) this.measureNames.set(other, this.names.take(camelCase(other)));
    this.inForceName = this.names.take("inForce");
    for (const definition of measure.definitions) {
      if (definition.parameters.length === 0) {
        const name = camelCase(definition.name);
        this.definitionNames.set(definition.name, { function: this.names.take(name), cache: this.names.take(`${name}Cache`), value: this.names.take(`${name}Value`) });
      } else {
        this.functionNames.set(definition.name, module.names.take(camelCase(`${measure.name}_${definition.name}`)));
      }
    }
  }

  private readonly inForceName: string;

  /** Entities whose facts the measure reads, in the order of `reads` (sorted). */
  private entitiesRead(): string[] {
    return [...new Set(this.measure.reads.map((path) => path.slice(0, path.indexOf("."))))];
  }

  // ------------------------------------------------------------ declarations

  /** The facts and outputs interfaces. */
  interfaces(outputDoc: (definition: DefinitionIR) => readonly string[]): Statement[] {
    const facts: Member[] = [...this.entityNames.keys()].map((entity) => {
      const fields = this.measure.reads.filter((path) => path.startsWith(`${entity}.`)).map((path) => path.slice(entity.length + 1));
      return { name: entity, type: typeReference("Pick", typeReference(this.module.recordType(entity)), union(...fields.map((value) => ({ kind: "string", value }) as const))) };
    });
    const outputs: Member[] = [
      { name: "in_force", type: typeReference("boolean"), doc: [`whether measure ${this.measure.name} is in force on the date: yes or no`] },
      ...this.measure.outputs.map((name) => {
        const definition = this.definition(name);
        // an output for each member: one value per member, in the list's order
        const type = this.outputType(definition.type);
        return { name, type: definition.members === undefined ? type : typeReference("ReadonlyArray", type), doc: outputDoc(definition) };
      }),
    ];
    const key = "K";
    const memberOutputs = this.measure.definitions.filter((d) => d.members !== undefined && this.measure.outputs.includes(d.name));
    // An output for each member is asked for one member at a time.
    const onDemand: TypeNode =
      memberOutputs.length === 0
        ? {
            kind: "mapped",
            key,
            of: typeReference(this.outputsType),
            value: { kind: "function", parameters: [], returns: { kind: "indexed", object: typeReference(this.outputsType), index: typeReference(key) } },
          }
        : {
            kind: "object",
            members: ["in_force", ...this.measure.outputs].map((name) => {
              const definition = name === "in_force" ? undefined : this.definition(name);
              const members = definition?.members;
              if (definition === undefined || members === undefined) {
                return { name, type: { kind: "function", parameters: [], returns: { kind: "indexed", object: typeReference(this.outputsType), index: { kind: "string", value: name } } } };
              }
              return { name, type: { kind: "function", parameters: [{ name: "member", type: typeReference(this.module.recordType(members.record)) }], returns: this.outputType(definition.type) } };
            }),
          };
    return [
      { kind: "interface", name: this.factsType, members: facts, doc: [`The facts measure ${this.measure.name} reads (and those of the measures whose outputs it reads).`] },
      blank,
      {
        kind: "interface",
        name: this.outputsType,
        members: outputs,
        doc: [`The outputs of measure ${this.measure.name}; every one has its empty value when the measure is not in force.`],
      },
      blank,
      { kind: "type", name: this.onDemandType, type: onDemand, doc: [`The outputs of measure ${this.measure.name}, each computed when first asked for.`] },
    ];
  }

  /** An output's type: nullable where its empty value is null (dates, times, texts, enum members). */
  private outputType(type: ValueType): TypeNode {
    const node = this.module.typeOf(type);
    return isNullWhenEmpty(type) ? { kind: "union", members: [{ type: node }, { type: typeReference("null") }] } : node;
  }

  private definition(name: string): DefinitionIR {
    return required(this.definitions.get(name), `the definition ${name} of measure ${this.measure.name}`);
  }

  private evaluatorDoc(): string[] {
    const { policy } = this.module.program;
    const { measure } = this;
    const title = this.module.measureTitle(measure);
    const lines = [`Measure ${measure.name}${title === undefined ? "" : ` ${title}`}`];
    if (measure.citation !== undefined) lines.push("", `${citedClause(measure.citation)} "${measure.citation.quote}"`);
    lines.push("", `${policy.title} (${policy.document}), version ${policy.version}`);
    if (measure.notComputable.length > 0) {
      lines.push("", "Not computed:");
      for (const item of measure.notComputable) lines.push(`- ${citedClause(item.citation)} "${item.citation.quote}": ${item.reason}`);
    }
    return lines;
  }

  /** The functions lifted out of the measure, its outputs on demand, then its evaluator. */
  functions(): Statement[] {
    const lifted: Statement[] = [];
    const parameters: Parameter[] = [
      { name: "facts", type: typeReference(this.factsType) },
      { name: "asOf", type: this.module.typeOf({ kind: "date" }) },
      { name: "overrides", type: this.module.overridesType, default: object([]) },
      { name: "recorder", type: typeReference("DecisionRecorder"), optional: true },
    ];
    const onDemand: Statement = {
      kind: "function",
      name: this.onDemandName,
      exported: true,
      doc: [...this.evaluatorDoc(), "", "Each output is computed when its function is first called, with only what it needs."],
      parameters,
      returns: typeReference(this.onDemandType),
      body: this.onDemandBody(lifted),
    };
    const outputs = identifier("outputs");
    const evaluator: Statement = {
      kind: "function",
      name: this.functionName,
      exported: true,
      doc: this.evaluatorDoc(),
      parameters,
      returns: typeReference(this.outputsType),
      body: [
        { kind: "const", name: "outputs", value: call(this.onDemandName, parameters.map((p) => identifier(p.name))) },
        {
          kind: "return",
          value: object(["in_force", ...this.measure.outputs].map((name) => ({ name, value: this.evaluatedOutput(name, outputs) })), true),
        },
      ],
    };
    const parameterised = this.parameterisedFunctions(lifted);
    return [...parameterised, ...lifted, onDemand].flatMap((f) => [f, blank]).concat(evaluator);
  }

  /** `outputs.x()`; for an output for each member, `facts.household.members.map((member) => outputs.x(member))` */
  private evaluatedOutput(name: string, outputs: Expression): Expression {
    const members = name === "in_force" ? undefined : this.definition(name).members;
    if (members === undefined) return call(member(outputs, name), []);
    const list = member(member(identifier("facts"), members.entity), members.field);
    const one = identifier("member");
    return call(member(list, "map"), [{ kind: "arrow", parameters: [{ name: "member", type: typeReference(this.module.recordType(members.record)) }], body: call(member(outputs, name), [one]) }]);
  }

  // ------------------------------------------------------------ outputs on demand

  private onDemandBody(lifted: Statement[]): Statement[] {
    const statements: Statement[] = [];
    const entities = [...this.entityNames].map(([property, name]) => ({ property, name }));
    if (entities.length > 0) statements.push({ kind: "destructure", properties: entities, value: identifier("facts") });
    for (const [other, name] of this.measureNames) {
      const read = call(this.module.onDemand(other).functionName, [identifier("facts"), AS_OF, OVERRIDES]);
      statements.push({ kind: "const", name, value: read });
    }
    const window = this.measure.window;
    if (window !== undefined) {
      const body = this.measureWindow(window, { owner: "in_force", lifted });
      statements.push(blank, ...this.memoised(this.inForceName, this.names.take(`${this.inForceName}Cache`), typeReference("boolean"), body));
    }
    for (const definition of this.measure.definitions) {
      if (definition.parameters.length > 0) continue;
      const names = this.namesOf(definition.name);
      const body = this.definitionStatements(definition, names.value, { owner: definition.name, lifted });
      const computed: Statement[] = [...body, { kind: "return", value: identifier(names.value) }];
      statements.push(blank, ...this.memoised(names.function, names.cache, this.module.typeOf(definition.type), computed, mayFailUnplaced(definition, (name) => this.definition(name)) ? definition.span : undefined));
    }
    const inForce = window === undefined ? undefined : call(this.inForceName, []);
    const outputs = this.measure.outputs.map((name) => {
      const members = this.definition(name).members;
      if (members !== undefined) return { name, value: this.memberOutput(this.definition(name), members.record, inForce) };
      const thunk = identifier(this.namesOf(name).function);
      const empty = this.emptyValue(this.definition(name).type);
      const value: Expression = inForce === undefined ? thunk : { kind: "arrow", body: conditional(inForce, call(thunk, []), empty) };
      return { name, value };
    });
    const inForceValue: Expression = window === undefined ? { kind: "arrow", body: TRUE } : identifier(this.inForceName);
    statements.push(blank, { kind: "return", value: object([{ name: "in_force", value: inForceValue }, ...outputs], true) });
    return statements;
  }

  /** `(member: Person) => inForce() ? tax(member, …) : 0`: an output for each member, for one member. */
  private memberOutput(definition: DefinitionIR, record: string, inForce: Expression | undefined): Expression {
    const parameter = this.names.take("member");
    const free = this.freeParameters(this.needsOfDefinition(definition)).map((p) => identifier(p.name));
    const computed = call(this.functionNames.get(definition.name) ?? definition.name, [identifier(parameter), ...free]);
    // an output for each member gives an error of arithmetic its place, as the interpreter does
    const value = mayFailUnplaced(definition, (name) => this.definition(name))
      ? call(runtime("located"), [data(evaluationLocation(definition.span)), { kind: "arrow", body: computed }, ...this.otherMoney()])
      : computed;
    return {
      kind: "arrow",
      parameters: [{ name: parameter, type: typeReference(this.module.recordType(record)) }],
      body: inForce === undefined ? value : conditional(inForce, value, this.emptyValue(definition.type)),
    };
  }

  /** The policy's money when it is not the yuan (`"EUR"`), for `located` to say an amount too large in it. */
  private otherMoney(): Expression[] {
    const word = moneyWord(this.module.program.policy);
    return word === "yuan" ? [] : [string(word)];
  }

  /**
   * `let cache; function name() { if (cache !== undefined) return cache; …; return value }`
   * with `cache = value` before each return of `body`: a value computed when first asked for, once.
   * With `location`, an error of arithmetic in `body` is given that place, as the interpreter gives
   * it the definition's (runtime `locatedError`).
   */
  private memoised(name: string, cache: string, type: TypeNode, body: readonly Statement[], location?: SourceSpan): Statement[] {
    const returned = body.map((statement) => (statement.kind === "return" && statement.value !== undefined ? [{ kind: "assign", target: cache, operator: "=", value: statement.value } as const, statement] : [statement])).flat();
    const error = identifier("error");
    const kept: readonly Statement[] =
      location === undefined
        ? returned
        : [{ kind: "try", body: returned, variable: "error", handler: [{ kind: "throw", value: call(runtime("locatedError"), [error, data(evaluationLocation(location)), ...this.otherMoney()]) }] }];
    return [
      { kind: "let", name: cache, type: union(type, typeReference("undefined")) },
      {
        kind: "function",
        name,
        parameters: [],
        returns: type,
        body: [when(binary(identifier(cache), "!==", identifier("undefined")), { kind: "return", value: identifier(cache) }), ...kept],
      },
    ];
  }

  /** `in_force`: whether the date is within the window, whose dates are told to the recorder. */
  private measureWindow(window: WindowIR, site: Site): Statement[] {
    const { setup, test, from, until } = this.windowTest(window, "inForce", "inside", site);
    const inForce = this.names.take("inForceValue");
    return [...setup, record("window", [from, until ?? NULL]), { kind: "const", name: inForce, value: test }, { kind: "return", value: identifier(inForce) }];
  }

  /** Per output, its rules, each with what an explanation says when it decides. */
  decisions(): Expression {
    const decisions = this.measure.outputs.map((name) => {
      const rules: unknown[] = [];
      const visit = (rule: RuleIR, overridden: readonly RuleIR[]): void => {
        rules.push({ decidedBy: ruleReference(rule), ...(overridden.length === 0 ? {} : { overrides: overridden.map(ruleReference) }) });
        for (const exception of rule.exceptions) visit(exception, [rule, ...overridden]);
      };
      for (const rule of this.definition(name).rules) visit(rule, []);
      return [name, rules] as const;
    });
    // From entries: an output named `__proto__` is then a property like any other.
    return data(Object.fromEntries(decisions));
  }

  /** The value of a series' period not given, or `undefined` (reading it is then an error). */
  private missingLiteral(type: Extract<ValueType, { kind: "series" }>): Expression {
    const missing = seriesMissingLiteral(type);
    if (missing === undefined) return identifier("undefined");
    return this.module.literal(missing, type.of.kind === "optional" ? type.of.of : type.of);
  }

  /** An output's empty value (the runtime's `emptyValue`), which is also the zero a sum starts from. */
  private emptyValue(type: ValueType): Expression {
    if (type.kind === "list") return { kind: "array", elements: [] };
    if (type.kind === "decimal" || type.kind === "unrounded_money") return this.module.literal(decimalZero, type);
    return this.module.literal(emptyValue(type) as LiteralValue, type);
  }

  /**
   * The test that the evaluation date is within a window (or outside it). Both dates are
   * read first (into constants unless they are literals), as the interpreter does.
   */
  private windowTest(
    window: WindowIR,
    base: string,
    sense: "inside" | "outside",
    site: Site,
  ): { setup: Statement[]; test: Expression; from: Expression; until: Expression | undefined } {
    const setup: Statement[] = [];
    const bound = (expr: ExprIR, suffix: string): Expression => {
      const value = this.expression(expr, site);
      if (expr.op === "literal") return value;
      const name = this.names.take(`${base}${suffix}`);
      setup.push({ kind: "const", name, type: this.module.typeOf(expr.type), value });
      return identifier(name);
    };
    const from = bound(window.from, "From");
    const until = window.until === undefined ? undefined : bound(window.until, "Until");
    const inside = sense === "inside";
    const tests = [binary(AS_OF, inside ? ">=" : "<", from)];
    if (until !== undefined) {
      const end = binary(AS_OF, inside ? "<=" : ">", until);
      const open = window.until?.type.kind === "optional";
      tests.push(!open ? end : binary(binary(until, inside ? "===" : "!==", NULL), inside ? "||" : "&&", end));
    }
    return { setup, test: chain(inside ? "&&" : "||", tests) ?? TRUE, from, until };
  }

  // ------------------------------------------------------------ definitions

  private definitionStatements(definition: DefinitionIR, name: string, site: Site): Statement[] {
    const [only] = definition.rules;
    const type = this.module.typeOf(definition.type);
    if (only !== undefined && definition.rules.length === 1 && isSimple(only)) {
      const comments = this.ruleComments(only, undefined);
      const value = only.value;
      if (value.op === "aggregate" && this.aggregateExpression(value, site) === undefined) {
        return [...comments, ...this.aggregateLoop(value, name, site)];
      }
      const expression = this.expression(value, site);
      this.assigned(name, expression, definition.type);
      return [...comments, { kind: "const", name, type, value: expression }];
    }
    return [{ kind: "let", name, type }, ...this.ruleGroup(definition, definition.rules, { kind: "assign", variable: name }, site)];
  }

  private ruleComments(rule: RuleIR, parent: RuleIR | undefined): Statement[] {
    const cited = rule.citation === undefined ? "" : `${citedClause(rule.citation)} "${rule.citation.quote}"`;
    const comments: Statement[] = [];
    if (rule.kind === "simple") {
      if (cited !== "") comments.push(comment(cited));
    } else {
      const to = rule.kind === "exception" && parent !== undefined ? ` to ${parent.label}` : "";
      comments.push(comment(`${rule.kind} ${rule.label}${to}${cited === "" ? "" : `: ${cited}`}`));
    }
    if (rule.note !== undefined) comments.push(comment(`note: ${rule.note}`));
    return comments;
  }

  /**
   * A group of sibling rules: the one that applies gives the value (after its own
   * exceptions); two that apply are a conflict; none: the fallback (the overridden rule's
   * value), or for base rules an error.
   */
  private ruleGroup(definition: DefinitionIR, rules: readonly RuleIR[], target: Target, site: Site): Statement[] {
    const group = this.decideGroup(definition, rules, "rule", site);
    const otherwise = [this.throwStatement("no_rule_applies", string(noRuleMessage(definition)), definition.span)];
    return [...group.statements, ...this.chosenValue(definition, group, target, undefined, otherwise, site)];
  }

  /**
   * The statements deciding which sibling's tree gives a value, in the order of
   * compiler/interpret.ts `resolve`: each sibling's tree in written order, depth first (its
   * exceptions, and their conflicts, before its own condition), and after each sibling the
   * check that no earlier one gives a value too. So both report the same conflict.
   */
  private decideGroup(definition: DefinitionIR, rules: readonly RuleIR[], role: "rule" | "exception", site: Site, parentReads = false): DecidedGroup {
    const statements: Statement[] = [];
    const decided: DecidedRule[] = [];
    const chosen = rules.length > PAIRWISE_SIBLINGS ? this.chosenSibling(definition, rules, statements, site) : undefined;
    for (const rule of rules) {
      const tree = this.decideTree(definition, rule, role, site);
      statements.push(...tree.setup);
      let test = tree.test;
      // A test read again (by a conflict check or by the parent's test, then to choose the value) is computed once, into a constant.
      if (test !== undefined && test.kind !== "identifier" && chosen === undefined && (rules.length > 1 || parentReads)) {
        const name = this.names.take(`${camelCase(rule.label)}${role === "rule" ? "Applies" : "Decides"}`);
        // Typed: TypeScript narrows facts through an unannotated constant condition, and would then refuse a later comparison (TS2367).
        statements.push({ kind: "const", name, type: typeReference("boolean"), value: test });
        test = identifier(name);
      }
      const second = { rule, test, exceptions: tree.exceptions };
      statements.push(...(chosen === undefined ? this.pairConflicts(definition, decided, second) : this.conflictWithChosen(definition, chosen, decided.length, second)));
      decided.push(second);
    }
    return { statements, rules: decided, chosen: chosen?.index };
  }

  /** A sibling's tree: the setup deciding its exceptions, and the test that it gives a value (absent: always). */
  private decideTree(
    definition: DefinitionIR,
    rule: RuleIR,
    role: "rule" | "exception",
    site: Site,
  ): { setup: Statement[]; test: Expression | undefined; exceptions?: DecidedGroup } {
    const own = this.applicability(rule, site);
    if (rule.exceptions.length === 0) return own;
    const exceptions = this.decideGroup(definition, rule.exceptions, "exception", site, own.test !== undefined);
    const byException = exceptions.chosen === undefined ? exceptions.rules.map((exception) => exception.test) : [binary(exceptions.chosen, "!==", number(-1))];
    const decided = byException.includes(undefined) ? undefined : chain("||", byException.filter((t): t is Expression => t !== undefined));
    if (decided === undefined || own.test === undefined) return { setup: [...exceptions.statements], test: undefined, exceptions };
    if (own.setup.length === 0) return { setup: [...exceptions.statements], test: binary(decided, "||", own.test), exceptions };
    // The rule's own window dates are read only when no exception decides, as the interpreter reads them.
    const name = this.names.take(`${camelCase(rule.label)}${role === "rule" ? "Applies" : "Decides"}`);
    const readOwn: Statement = { kind: "if", test: not(identifier(name)), then: [...own.setup, { kind: "assign", target: name, operator: "=", value: own.test }] };
    return { setup: [...exceptions.statements, { kind: "let", name, type: typeReference("boolean"), value: decided }, readOwn], test: identifier(name), exceptions };
  }

  /** A conflict check of a sibling with each one before it: readable for a few. */
  private pairConflicts(definition: DefinitionIR, before: readonly DecidedRule[], second: DecidedRule): Statement[] {
    return before.map((first) => {
      const error = this.throwStatement("conflicting_rules", string(conflictMessage(definition, first.rule, second.rule)), second.rule.span);
      const both = chain("&&", [first.test, second.test].filter((t): t is Expression => t !== undefined));
      return both === undefined ? error : { kind: "if", test: both, then: [error] };
    });
  }

  /**
   * For many siblings, the index of the one that gives a value, kept in a variable, with a
   * table naming the siblings: code in proportion to their number, where pairs would grow
   * as its square.
   */
  private chosenSibling(definition: DefinitionIR, rules: readonly RuleIR[], statements: Statement[], site: Site): ChosenSibling {
    const base = camelCase(`${definition.name}_${rules[0]?.label ?? "rule"}`);
    const index = identifier(this.names.take(`${base}Chosen`));
    const names = identifier(this.module.names.take(`${camelCase(`${this.measure.name}_${base}`)}RuleNames`));
    site.lifted.push({
      kind: "const",
      name: names.name,
      value: data(rules.map(ruleName)),
      doc: [`How conflicts name the siblings of ${rules[0]?.label ?? "a rule"} in \`${definition.name}\`.`],
    });
    statements.push({ kind: "let", name: index.name, type: typeReference("number"), value: number(-1) });
    return { index, names };
  }

  /** The sibling at `position` gives a value: a conflict if one before it did, else it is the chosen one. */
  private conflictWithChosen(definition: DefinitionIR, chosen: ChosenSibling, position: number, sibling: DecidedRule): Statement[] {
    const { before, between, after } = conflictMessageParts(definition);
    const message = [{ kind: "index", object: chosen.names, index: chosen.index } satisfies Expression, string(`${between}${ruleName(sibling.rule)}${after}`)].reduce(
      (left: Expression, right) => binary(left, "+", right),
      string(before),
    );
    const choose: Statement = { kind: "assign", target: chosen.index.name, operator: "=", value: number(position) };
    const body = position === 0 ? [choose] : [when(binary(chosen.index, "!==", number(-1)), this.throwStatement("conflicting_rules", message, sibling.rule.span)), choose];
    return sibling.test === undefined ? body : [{ kind: "if", test: sibling.test, then: body }];
  }

  /** The value of the sibling that gives one (conflicts are already thrown), or `otherwise`. */
  private chosenValue(definition: DefinitionIR, group: DecidedGroup, target: Target, parent: RuleIR | undefined, otherwise: readonly Statement[], site: Site): Statement[] {
    if (group.chosen !== undefined) {
      // A `switch` stays flat where thousands of `else if`s would nest deeper than a JavaScript parser follows.
      const end: Statement[] = target.kind === "assign" ? [{ kind: "break" }] : [];
      const cases = group.rules.map((rule, index) => ({ test: number(index), body: [...this.ruleValue(definition, rule, target, parent, site), ...end] }));
      return [{ kind: "switch", subject: group.chosen, cases: [...cases, { body: otherwise }] }];
    }
    // Rules after one that always applies are never chosen.
    const always = group.rules.findIndex((rule) => rule.test === undefined);
    const reached = always === -1 ? group.rules : group.rules.slice(0, always + 1);
    const values = reached.map((rule) => this.ruleValue(definition, rule, target, parent, site));
    let chosen: readonly Statement[] = always === -1 ? otherwise : (values.pop() ?? []);
    for (let i = values.length - 1; i >= 0; i--) {
      chosen = [{ kind: "if", test: reached[i]?.test ?? TRUE, then: values[i] ?? [], else: chosen }];
    }
    return [...chosen];
  }

  /** The rule's value, under its citation, unless one of its exceptions gives one. */
  private ruleValue(definition: DefinitionIR, decided: DecidedRule, target: Target, parent: RuleIR | undefined, site: Site): Statement[] {
    const { rule } = decided;
    const value = this.expression(rule.value, site);
    const valued = [...this.ruleComments(rule, parent)];
    if (target.kind === "return") {
      valued.push({ kind: "return", value });
    } else {
      this.assigned(target.variable, value, definition.type);
      valued.push({ kind: "assign", target: target.variable, operator: "=", value });
      if (definition.visibility === "output") valued.push(record("decided", [string(definition.name), string(rule.label)]));
    }
    if (decided.exceptions === undefined) return valued;
    return this.chosenValue(definition, decided.exceptions, target, rule, valued, site);
  }

  /** Setup statements (window dates) and the test that a rule applies; no test: it always does. */
  private applicability(rule: RuleIR, site: Site): { setup: Statement[]; test: Expression | undefined } {
    const tests: Expression[] = [];
    let setup: Statement[] = [];
    if (rule.window !== undefined) {
      const window = this.windowTest(rule.window, camelCase(rule.label), "inside", site);
      setup = window.setup;
      tests.push(window.test);
    }
    if (rule.condition !== undefined) tests.push(this.expression(rule.condition, site));
    return { setup, test: chain("&&", tests) };
  }

  private throwStatement(code: string, message: Expression, span: SourceSpan): Statement {
    return { kind: "throw", value: { kind: "new", callee: runtime("EvaluationError"), args: [string(code), message, data(evaluationLocation(span))] } };
  }

  // ------------------------------------------------------------ parameterised definitions

  private parameterisedFunctions(lifted: Statement[]): Statement[] {
    return this.measure.definitions
      .filter((d) => d.parameters.length > 0)
      .map((definition) => {
        const own = definition.parameters.map((p) => ({ name: this.localName(p.name), type: this.module.typeOf(p.type) }));
        const signature = `${definition.name}(${definition.parameters.map((p) => p.name).join(", ")})`;
        return {
          kind: "function",
          name: this.functionNames.get(definition.name) ?? definition.name,
          doc: [`${signature} of measure ${this.measure.name}`],
          parameters: [...own, ...this.freeParameters(this.needsOfDefinition(definition))],
          returns: this.module.typeOf(definition.type),
          body: this.ruleGroup(definition, definition.rules, { kind: "return" }, { owner: definition.name, lifted }),
        };
      });
  }

  private needsOfDefinition(definition: DefinitionIR): Needs {
    const known = this.definitionNeeds.get(definition.name);
    if (known !== undefined) return known;
    const needs = noNeeds();
    const bound = new Set(definition.parameters.map((p) => p.name));
    const visit = (rule: RuleIR): void => {
      // window dates are compared with the evaluation date
      if (rule.window !== undefined) needs.date = true;
      for (const date of windowDates(rule.window)) this.collectNeeds(date, bound, needs);
      if (rule.condition !== undefined) this.collectNeeds(rule.condition, bound, needs);
      this.collectNeeds(rule.value, bound, needs);
      rule.exceptions.forEach(visit);
    };
    definition.rules.forEach(visit);
    this.definitionNeeds.set(definition.name, needs);
    return needs;
  }

  private collectNeeds(expr: ExprIR, bound: ReadonlySet<string>, needs: Needs): void {
    switch (expr.op) {
      case "fact":
        needs.entities.add(expr.entity);
        break;
      case "parameter":
      case "evaluation_date":
      case "scale":
      case "series_at":
      case "series_total":
        // read on (or counted back from) the evaluation date
        needs.date = true;
        break;
      case "definition":
        needs.definitions.add(expr.name);
        break;
      case "measure_output":
        needs.measures.add(expr.measure);
        break;
      case "local":
        if (!bound.has(expr.name)) needs.locals.set(expr.name, expr.type);
        break;
      case "call": {
        const callee = this.needsOfDefinition(this.definition(expr.definition));
        callee.entities.forEach((e) => needs.entities.add(e));
        callee.definitions.forEach((d) => needs.definitions.add(d));
        callee.measures.forEach((m) => needs.measures.add(m));
        needs.date ||= callee.date;
        break;
      }
      case "aggregate": {
        // the variable is bound in the value and the filter, not in the list
        this.collectNeeds(expr.list, bound, needs);
        const inner = new Set([...bound, expr.variable]);
        if (expr.value !== undefined) this.collectNeeds(expr.value, inner, needs);
        if (expr.filter !== undefined) this.collectNeeds(expr.filter, inner, needs);
        return;
      }
      default:
        break;
    }
    forEachChild(expr, (child) => this.collectNeeds(child, bound, needs));
  }

  /** The arguments a lifted function takes, named as they are where it is called. */
  private freeParameters(needs: Needs): Parameter[] {
    const parameters: Parameter[] = [];
    for (const [local, type] of needs.locals) parameters.push({ name: this.localName(local), type: this.module.typeOf(type) });
    for (const entity of [...needs.entities].sort()) {
      parameters.push({ name: this.entityName(entity), type: { kind: "indexed", object: typeReference(this.factsType), index: { kind: "string", value: entity } } });
    }
    for (const definition of this.measure.definitions) {
      if (!needs.definitions.has(definition.name)) continue;
      parameters.push({ name: this.namesOf(definition.name).function, type: { kind: "function", parameters: [], returns: this.module.typeOf(definition.type) } });
    }
    for (const [measure, name] of this.measureNames) {
      if (needs.measures.has(measure)) parameters.push({ name, type: typeReference(this.module.onDemand(measure).typeName) });
    }
    if (needs.date) {
      parameters.push({ name: "asOf", type: this.module.typeOf({ kind: "date" }) }, { name: "overrides", type: this.module.overridesType });
    }
    return parameters;
  }

  private localName(name: string): string {
    const known = this.localNames.get(name);
    if (known !== undefined) return known;
    const fresh = this.names.take(camelCase(name));
    this.localNames.set(name, fresh);
    return fresh;
  }

  private measureVariable(measure: string): string {
    return required(this.measureNames.get(measure), `the measure ${measure} among those measure ${this.measure.name} reads`);
  }

  private entityName(entity: string): string {
    return required(this.entityNames.get(entity), `the entity ${entity} among the facts measure ${this.measure.name} reads`);
  }

  /** A definition's function giving its value, the variable keeping it, and the local computing it. */
  private namesOf(definition: string): { readonly function: string; readonly cache: string; readonly value: string } {
    return required(this.definitionNames.get(definition), `the value of ${definition} (a definition with parameters is called, not read)`);
  }

  // ------------------------------------------------------------ aggregates

  /** The aggregates that are plain expressions: a count or test without a condition. */
  private aggregateExpression(expr: Aggregate, site: Site): Expression | undefined {
    if (expr.filter !== undefined) return undefined;
    switch (expr.operator) {
      case "count":
        return member(this.expression(expr.list, site), "length");
      case "any":
        return binary(member(this.expression(expr.list, site), "length"), ">", number(0));
      case "all":
        return TRUE;
      case "sum":
      case "max":
      case "min":
        return undefined;
    }
  }

  /** `let total = 0; for (const t of list) { … }` */
  private aggregateLoop(expr: Aggregate, accumulator: string, site: Site): Statement[] {
    const item = this.localName(expr.variable);
    const iterable = this.expression(expr.list, site);
    const filter = expr.filter === undefined ? undefined : this.expression(expr.filter, site);
    const loop = (...body: Statement[]): Statement => ({ kind: "for of", variable: item, iterable, body });
    const filtered = (step: Statement): Statement => (filter === undefined ? step : when(filter, step));
    const total = identifier(accumulator);
    switch (expr.operator) {
      case "count":
        return [{ kind: "let", name: accumulator, value: number(0) }, loop(filtered({ kind: "assign", target: accumulator, operator: "+=", value: number(1) }))];
      case "any":
      case "all": {
        const found = expr.operator === "any";
        const test = filter === undefined ? { kind: "boolean", value: found } as const : found ? filter : not(filter);
        return [
          { kind: "let", name: accumulator, value: { kind: "boolean", value: !found } },
          loop(when(test, { kind: "assign", target: accumulator, operator: "=", value: { kind: "boolean", value: found } }, { kind: "break" })),
        ];
      }
      case "sum": {
        if (expr.value === undefined) throw new Error("a sum without a value");
        const added = operation(additionOf(expr.type.kind), [total, this.expression(expr.value, site)]);
        return [{ kind: "let", name: accumulator, value: this.emptyValue(expr.type) }, loop(filtered({ kind: "assign", target: accumulator, operator: "=", value: added }))];
      }
      case "max":
      case "min": {
        // the largest (smallest) term, the first of equal ones, as the interpreter chooses
        if (expr.value === undefined) throw new Error(`a ${expr.operator} without a value`);
        // `chosen ?? term`: the first term is chosen against itself, and no narrowing of `chosen` is needed
        const term = this.names.take("term");
        const termValue = identifier(term);
        const choice = choiceOf(expr.operator, expr.value.type.kind);
        if (choice === undefined) throw new Error(`no ${expr.operator} of values of kind ${expr.value.type.kind}`);
        const chooses = operations[choice].runtime;
        const typeArguments = GENERIC_RUNTIME_FUNCTIONS.has(chooses) ? [this.module.typeOf(expr.value.type)] : undefined;
        const chosen = call(runtime(chooses), [binary(total, "??", termValue), termValue], typeArguments);
        const step: Statement[] = [{ kind: "const", name: term, value: this.expression(expr.value, site) }, { kind: "assign", target: accumulator, operator: "=", value: chosen }];
        const body: Statement[] = filter === undefined ? step : [{ kind: "if", test: filter, then: step }];
        return [{ kind: "let", name: accumulator, type: this.module.typeOf(expr.type), value: NULL }, loop(...body)];
      }
    }
  }

  /** An aggregate inside a larger expression: a module function of what it reads, named after the definition it is in. */
  private liftAggregate(expr: Aggregate, site: Site): Expression {
    const needs = noNeeds();
    this.collectNeeds(expr, new Set(), needs);
    const parameters = this.freeParameters(needs);
    const name = this.module.names.take(camelCase(`${this.measure.name}_${site.owner}_${expr.operator}`));
    const scope = new NameTable(this.module.names);
    for (const p of parameters) scope.reserve(p.name);
    scope.reserve(this.localName(expr.variable));
    const accumulator = scope.take(expr.operator === "sum" ? "total" : expr.operator === "count" ? "count" : expr.operator === "max" || expr.operator === "min" ? "chosen" : "found");
    site.lifted.push({
      kind: "function",
      name,
      doc: [`${expr.operator} over ${readPath(expr.list, (root) => (root.op === "local" ? root.name : undefined)) ?? "a list"}, for ${site.owner} of measure ${this.measure.name}`],
      parameters,
      returns: this.module.typeOf(expr.type),
      body: [...this.aggregateLoop(expr, accumulator, site), { kind: "return", value: identifier(accumulator) }],
    });
    return call(name, parameters.map((p) => identifier(p.name)));
  }

  // ------------------------------------------------------------ expressions

  private expression(expr: ExprIR, site: Site): Expression {
    const value = this.bareExpression(expr, site);
    const declared = this.declaredType(expr);
    // The checker narrowed an optional value to present (`x is present and …`): say so to TypeScript.
    if (declared?.kind === "optional" && expr.type.kind !== "optional") return call(this.module.helper("present"), [value]);
    return value;
  }

  private declaredType(expr: ExprIR): ValueType | undefined {
    switch (expr.op) {
      case "fact":
        return this.module.fieldType(expr.entity, expr.field);
      case "field": {
        const record = recordNameOf(expr.object.type);
        return record === undefined ? undefined : this.module.fieldType(record, expr.field);
      }
      case "parameter":
        return this.module.program.parameters.find((p) => p.name === expr.name)?.type;
      case "definition":
      case "call":
        return this.definitions.get(expr.op === "call" ? expr.definition : expr.name)?.type;
      case "measure_output": {
        // What the other measure's outputs give: null where its empty value is.
        if (expr.output === "in_force") return undefined;
        const type = this.module.program.measures.find((m) => m.name === expr.measure)?.definitions.find((d) => d.name === expr.output)?.type;
        return type !== undefined && isNullWhenEmpty(type) ? { kind: "optional", of: type } : type;
      }
      default:
        return undefined;
    }
  }

  private bareExpression(expr: ExprIR, site: Site): Expression {
    const operand = (e: ExprIR) => this.expression(e, site);
    switch (expr.op) {
      case "literal":
        return this.module.literal(expr.value, expr.type);
      case "fact":
        return member(identifier(this.entityName(expr.entity)), expr.field);
      case "field":
        return member(operand(expr.object), expr.field);
      case "parameter":
        return call(this.module.parameterFunction(expr.name), [AS_OF, OVERRIDES]);
      case "definition":
        return call(this.namesOf(expr.name).function, []);
      case "measure_output":
        return call(member(identifier(this.measureVariable(expr.measure)), expr.output), expr.member === undefined ? [] : [operand(expr.member)]);
      case "call": {
        const callee = this.definition(expr.definition);
        const name = this.functionNames.get(expr.definition) ?? expr.definition;
        const free = this.freeParameters(this.needsOfDefinition(callee)).map((p) => identifier(p.name));
        return call(name, [...expr.args.map(operand), ...free]);
      }
      case "local":
        return identifier(this.localName(expr.name));
      case "not":
        return not(operand(expr.operand));
      case "and":
        return binary(operand(expr.left), "&&", operand(expr.right));
      case "or":
        return binary(operand(expr.left), "||", operand(expr.right));
      case "compare":
        return this.comparison(expr, site);
      case "arithmetic":
        return operation(expr.operator, [operand(expr.left), operand(expr.right)]);
      case "negate":
      case "floor":
      case "ceil":
        return operation(expr.op, [operand(expr.operand)]);
      case "round": {
        // round(money × percent) is one fused operation of the product's operands.
        const inner = expr.operand;
        const operands = expr.operation === "round_money_times_percent" && inner.op === "arithmetic" ? [inner.left, inner.right] : [inner];
        return operation(expr.operation, [...operands.map(operand), string(expr.mode)]);
      }
      case "min":
      case "max":
        return operation(expr.operation, [operand(expr.left), operand(expr.right)]);
      case "series_at": {
        const type = seriesTypeOf(expr);
        const { period } = type;
        const at = expr.at === undefined ? AS_OF : operand(expr.at);
        return call(runtime("seriesValueAt"), [operand(expr.series), string(period), at, this.missingLiteral(type), data(seriesReading(expr))]);
      }
      case "series_total": {
        const type = seriesTypeOf(expr);
        const { period } = type;
        const args = [operand(expr.series), string(period), AS_OF, data(expr.periods), this.missingLiteral(type), data(seriesReading(expr))];
        const name = seriesTotalFunction(expr);
        return call(runtime(name), name === "averageSeries" ? [...args, string(averageRounding(expr))] : args);
      }
      case "scale":
        return call(runtime("applyScale"), [identifier(this.module.scaleConstant(expr.scale)), operand(expr.base), AS_OF, string(expr.mode)]);
      case "last_day_of_term":
        return operation("last_day_of_term", [operand(expr.start), operand(expr.months)]);
      case "function":
        return operation(expr.operation, expr.args.map(operand));
      case "evaluation_date":
        return AS_OF;
      case "convert": {
        const value = operand(expr.operand);
        return isRepresentationChange(expr.conversion) ? operation(expr.conversion, [value]) : value;
      }
      case "if":
        return conditional(operand(expr.condition), operand(expr.then), operand(expr.else));
      case "match":
        return this.match(expr, site);
      case "in":
        return this.membership(expr, site);
      case "is_present":
        return binary(operand(expr.operand), "!==", NULL);
      case "is_absent":
        return binary(operand(expr.operand), "===", NULL);
      case "otherwise":
        return binary(operand(expr.left), "??", operand(expr.right));
      case "aggregate":
        return this.aggregateExpression(expr, site) ?? this.liftAggregate(expr, site);
    }
  }

  private comparison(expr: Extract<ExprIR, { op: "compare" }>, site: Site): Expression {
    const left = this.expression(expr.left, site);
    const right = this.expression(expr.right, site);
    const operator = expr.operator === "=" ? "===" : expr.operator === "!=" ? "!==" : expr.operator;
    // `compare(a, b) op 0`, or `a op b` where JavaScript's operator gives the same answer
    if (operations[expr.operation].native !== true) return binary(operation(expr.operation, [left, right]), operator, number(0));
    return binary(operator === "===" || operator === "!==" ? this.equalityOperand(left, right, expr.operandType) : left, operator, right);
  }

  /**
   * The left operand of an equality: seen with its declared type where TypeScript could see
   * both operands as distinct literals — two literals (`3 = 4`), a choice between literals,
   * or a reference it may have narrowed — so that a comparison a policy may write is never a
   * type error.
   */
  private equalityOperand(left: Expression, right: Expression, type: ValueType): Expression {
    const widen = LITERAL_TYPED_KINDS.has(type.kind) && this.mayBeNarrowed(left) && this.mayBeNarrowed(right);
    for (const operand of [left, right]) this.mayNarrow(operand);
    return widen ? this.declared(left, type) : left;
  }

  /** `declared<T>(value)`: the value with its declared type. */
  private declared(value: Expression, type: ValueType): Expression {
    return call(this.module.helper("declared"), [value], [this.module.typeOf(type)]);
  }

  /** Whether TypeScript may give an expression a type narrower than its declared one (a literal's, say). */
  private mayBeNarrowed(expression: Expression): boolean {
    switch (expression.kind) {
      case "identifier":
      case "member":
        return this.narrowable.has(referenceKey(expression) ?? "");
      case "call":
        // minOf and maxOf are generic: of two literals, TypeScript types the result as either literal.
        return expression.callee.kind === "identifier" && GENERIC_RUNTIME_FUNCTIONS.has(expression.callee.name) && expression.args.some((arg) => this.mayBeNarrowed(arg));
      case "new":
      case "index":
        return false;
      case "conditional":
        return this.mayBeNarrowed(expression.then) || this.mayBeNarrowed(expression.else);
      case "binary":
        return (expression.operator === "??" || expression.operator === "&&" || expression.operator === "||") && (this.mayBeNarrowed(expression.left) || this.mayBeNarrowed(expression.right));
      default:
        return true;
    }
  }

  /**
   * Notes a definition's variable given a value: TypeScript narrows a variable whose type is
   * a union (an enum, `boolean`) to the type of the value assigned, unless that is a call's
   * result or a reference seen with its declared type.
   */
  private assigned(variable: string, value: Expression, type: ValueType): void {
    if (type.kind !== "enum" && type.kind !== "bool") return;
    const key = referenceKey(value);
    const declared = value.kind === "call" || (key !== undefined && !this.narrowable.has(key));
    if (!declared) this.narrowable.add(variable);
  }

  /** Notes that TypeScript may narrow a reference from here on. */
  private mayNarrow(expression: Expression): void {
    const key = referenceKey(expression);
    if (key !== undefined) this.narrowable.add(key);
  }

  /** `s === "a" ? x : s === "b" || s === "c" ? y : z`; the subject is pure, so it may be read again. */
  private match(expr: Extract<ExprIR, { op: "match" }>, site: Site): Expression {
    const written = this.expression(expr.subject, site);
    const subject = this.equalityOperand(written, string(expr.arms[0]?.members[0] ?? ""), expr.subject.type);
    const arms = expr.arms.map((arm) => ({ test: oneOf(subject, arm.members), value: this.expression(arm.value, site) }));
    const last = arms[arms.length - 1];
    let result: Expression;
    let rest: typeof arms;
    if (expr.otherwise !== undefined) {
      result = this.expression(expr.otherwise, site);
      rest = arms;
    } else {
      if (last === undefined) throw new Error("a match without arms");
      result = last.value;
      rest = arms.slice(0, -1);
      // One arm for every member: the subject is still evaluated, as the interpreter does, for the errors it may give.
      if (rest.length === 0 && !isPlainReference(subject)) return conditional(last.test, last.value, last.value);
    }
    for (const arm of [...rest].reverse()) result = conditional(arm.test, arm.value, result);
    return result;
  }

  private membership(expr: Extract<ExprIR, { op: "in" }>, site: Site): Expression {
    const element = this.expression(expr.element, site);
    const literal = expr.set.op === "literal" && Array.isArray(expr.set.value) ? expr.set.value : undefined;
    if (literal !== undefined && isPlainReference(element)) return oneOf(this.equalityOperand(element, string(literal[0] ?? ""), expr.element.type), literal);
    // A set TypeScript types by its members (`[]` is `never[]`) is searched with its declared type.
    const set = this.expression(expr.set, site);
    const declared = (set.kind === "array" && set.elements.length > 0) || !this.mayBeNarrowed(set);
    return call(member(declared ? set : this.declared(set, expr.set.type), "includes"), [element]);
  }
}

/**
 * Whether computing a definition may raise an error of arithmetic, which has no place of its
 * own (an amount too large, a date out of range, a period of a series not given): the nodes
 * that call the runtime, here or in a parameterised definition called. Parameters, rules and
 * definitions without parameters give their own places.
 */
function mayFailUnplaced(definition: DefinitionIR, definitionNamed: (name: string) => DefinitionIR): boolean {
  const seen = new Set<string>([definition.name]);
  const fails = (expr: ExprIR): boolean => {
    switch (expr.op) {
      case "arithmetic":
      case "round":
      case "floor":
      case "ceil":
      case "negate":
      case "scale":
      case "series_at":
      case "series_total":
      case "last_day_of_term":
      case "function":
        return true;
      case "call":
        if (!seen.has(expr.definition)) {
          seen.add(expr.definition);
          if (rulesFail(definitionNamed(expr.definition).rules)) return true;
        }
        break;
      case "aggregate":
        if (expr.operator === "sum") return true;
        break;
      default:
        break;
    }
    return someChild(expr, fails);
  };
  function rulesFail(rules: readonly RuleIR[]): boolean {
    let found = false;
    forEachRuleExpression(rules, (expr) => {
      found ||= fails(expr);
    });
    return found;
  }
  return rulesFail(definition.rules);
}

/** An operation of compiler/operations.ts: a call of the runtime function the table names. */
function operation(id: OperationId, operands: readonly Expression[]): Expression {
  return call(runtime(operations[id].runtime), operands);
}

function oneOf(element: Expression, members: readonly string[]): Expression {
  return chain("||", members.map((m) => binary(element, "===", string(m)))) ?? FALSE;
}

/** `person.color`: the text of an identifier or a chain of property reads, which TypeScript narrows. */
function referenceKey(expression: Expression): string | undefined {
  if (expression.kind === "identifier") return expression.name;
  if (expression.kind !== "member" || expression.optional === true) return undefined;
  const object = referenceKey(expression.object);
  return object === undefined ? undefined : `${object}.${expression.name}`;
}

/** An identifier or a chain of property reads: cheap and pure, so it may be repeated. */
function isPlainReference(expression: Expression): boolean {
  return expression.kind === "identifier" || (expression.kind === "member" && isPlainReference(expression.object));
}

/** The measures whose outputs a measure reads, in the order of their first read. */
function measuresRead(measure: MeasureIR): string[] {
  const found = new Set<string>();
  const visit = (expr: ExprIR): void => {
    if (expr.op === "measure_output") found.add(expr.measure);
    forEachChild(expr, visit);
  };
  for (const definition of measure.definitions) forEachRuleExpression(definition.rules, visit);
  return [...found];
}

function isSimple(rule: RuleIR): boolean {
  return rule.condition === undefined && rule.window === undefined && rule.exceptions.length === 0;
}
