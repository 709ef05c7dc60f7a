/**
 * One measure as TypeScript (or JavaScript): its facts and outputs interfaces and its
 * evaluator, `evaluateM4(facts, asOf, overrides)`, with each definition a local constant
 * (or a block of `if`s for rules and exceptions, each under its citation), in the IR's
 * dependency order. Parameterised definitions and aggregates that sit inside larger
 * expressions become module functions taking what they read as arguments, so that no
 * closure is allocated per evaluation.
 *
 * The code does what compiler/interpret.ts does, in the same order, so that both throw
 * the same errors: every sibling rule's applicability is computed before conflicts are
 * checked, window dates are read before they are compared, operands left to right.
 */
import type { DefinitionIR, ExprIR, LiteralValue, MeasureIR, ProgramIR, RuleIR, SourceSpan, ValueType, WindowIR } from "../ir.js";
import { conflictMessage, conflictMessageParts, evaluationLocation, noRuleMessage, ruleName } from "../interpret.js";
import {
  binary,
  callCode,
  conditional,
  dataLiteral,
  docComment,
  functionHead,
  indent,
  isPlainReference,
  LINE_WIDTH,
  logical,
  not,
  nullish,
  operand,
  precedence,
  primary,
  propertyName,
  type Code,
  type Mode,
  throwEvaluationError,
  type ParameterCode,
} from "./code.js";
import { camelCase, NameTable, pascalCase } from "./names.js";
import { lineComment, stringLiteral } from "./escape.js";
import { forEachChild } from "../ir-walk.js";
import { additionOf, isRepresentationChange, operations, type OperationId } from "../operations.js";

/**
 * Up to this many sibling rules, each pair gets its own readable conflict check; more are
 * checked in one pass over a table, so that code grows linearly with their number.
 */
const PAIRWISE_SIBLINGS = 4;

/** Module functions generated code may need beside the runtime's. */
export type HelperName = "present" | "smallerDecimal" | "largerDecimal";

/** What a measure's emitter asks of the module being printed. */
export interface ModuleContext {
  readonly mode: Mode;
  readonly program: ProgramIR;
  /** names at module level */
  readonly names: NameTable;
  /** a runtime export, marked as imported */
  runtime(name: string): string;
  /** the TypeScript type of values of a type */
  typeOf(type: ValueType): string;
  /** a literal: plain JavaScript, or a module constant for those that need converting (money, dates, …) */
  literal(value: LiteralValue, type: ValueType): Code;
  helper(name: HelperName): string;
  /** the function giving a parameter's value on a date */
  parameterFunction(name: string): string;
  /** the interface of a record or entity */
  recordType(name: string): string;
  /** the declared type of a field of a record or entity */
  fieldType(record: string, field: string): ValueType | undefined;
  /** the type of a scenario's parameter overrides */
  readonly overridesType: string;
}

/** What an expression reads from outside itself: the arguments of a function lifted out of it. */
interface Needs {
  /** aggregate variables and definition parameters bound outside, with their types */
  readonly locals: Map<string, ValueType>;
  readonly entities: Set<string>;
  readonly definitions: Set<string>;
  /** reads parameters or compares dates with the evaluation date: needs asOf and overrides */
  date: boolean;
}

function noNeeds(): Needs {
  return { locals: new Map(), entities: new Set(), definitions: new Set(), date: false };
}

/** Where the value of a rule goes: into a variable, or returned from a function. */
type Target = { readonly kind: "assign"; readonly variable: string } | { readonly kind: "return" };

/** The declared type of a value, for those read from somewhere (facts, parameters, definitions). */
type DeclaredType = ValueType | undefined;

export class MeasureEmitter {
  private readonly names: NameTable;
  private readonly definitions: ReadonlyMap<string, DefinitionIR>;
  private readonly definitionNames = new Map<string, string>();
  private readonly entityNames = new Map<string, string>();
  private readonly localNames = new Map<string, string>();
  private readonly functionNames = new Map<string, string>();
  private readonly definitionNeeds = new Map<string, Needs>();
  /** module functions lifted out of the measure, in the order they were made */
  private readonly lifted: string[][] = [];
  /** the definition being printed, to name what is lifted out of it */
  private owner = "";
  readonly functionName: string;
  readonly factsType: string;
  readonly outputsType: string;

  constructor(
    private readonly module: ModuleContext,
    private readonly measure: MeasureIR,
  ) {
    const base = pascalCase(measure.name);
    this.functionName = module.names.take(`evaluate${base}`);
    this.factsType = module.names.take(`${base}Facts`);
    this.outputsType = module.names.take(`${base}Outputs`);
    this.names = new NameTable(module.names);
    for (const name of ["facts", "asOf", "overrides"]) this.names.reserve(name);
    this.definitions = new Map(measure.definitions.map((d) => [d.name, d]));
    for (const entity of this.entitiesRead()) this.entityNames.set(entity, this.names.take(camelCase(entity)));
    for (const definition of measure.definitions) {
      if (definition.parameters.length === 0) {
        this.definitionNames.set(definition.name, this.names.take(camelCase(definition.name)));
      } else {
        this.functionNames.set(definition.name, module.names.take(camelCase(`${measure.name}_${definition.name}`)));
      }
    }
  }

  /** Entities whose facts the measure reads, in the order of `reads` (sorted). */
  private entitiesRead(): string[] {
    return [...new Set(this.measure.reads.map((path) => path.slice(0, path.indexOf("."))))];
  }

  private get mode(): Mode {
    return this.module.mode;
  }

  private annotation(type: string): string {
    return this.mode === "ts" ? `: ${type}` : "";
  }

  // ------------------------------------------------------------ declarations

  /** The facts and outputs interfaces (TypeScript and .d.ts only). */
  interfaces(): string[] {
    const byEntity = new Map<string, string[]>();
    for (const path of this.measure.reads) {
      const dot = path.indexOf(".");
      const entity = path.slice(0, dot);
      byEntity.set(entity, [...(byEntity.get(entity) ?? []), path.slice(dot + 1)]);
    }
    const factLines = [...byEntity].map(([entity, fields]) => {
      const picked = fields.map((f) => stringLiteral(f)).join(" | ");
      return `  readonly ${propertyName(entity)}: Pick<${this.module.recordType(entity)}, ${picked}>;`;
    });
    const outputLines = [
      "  readonly in_force: boolean;",
      ...this.measure.outputs.map((name) => `  readonly ${propertyName(name)}: ${this.outputType(this.definition(name).type)};`),
    ];
    return [
      ...docComment([`The facts measure ${this.measure.name} reads.`]),
      `export interface ${this.factsType} {`,
      ...factLines,
      "}",
      "",
      ...docComment([`The outputs of measure ${this.measure.name}; every one has its empty value when the measure is not in force.`]),
      `export interface ${this.outputsType} {`,
      ...outputLines,
      "}",
    ];
  }

  /** An output's type: nullable where its empty value is null (dates, times, enum members). */
  private outputType(type: ValueType): string {
    const text = this.module.typeOf(type);
    return type.kind === "date" || type.kind === "time" || type.kind === "enum" ? `${text} | null` : text;
  }

  private definition(name: string): DefinitionIR {
    const definition = this.definitions.get(name);
    if (definition === undefined) throw new Error(`measure ${this.measure.name} has no definition ${name}`);
    return definition;
  }

  private evaluatorHead(): string {
    return functionHead(this.mode, {
      exported: true,
      name: this.functionName,
      parameters: [
        { name: "facts", type: this.factsType },
        { name: "asOf", type: this.module.typeOf({ kind: "date" }) },
        { name: "overrides", type: this.module.overridesType, default: "{}" },
      ],
      returns: this.outputsType,
    });
  }

  private evaluatorDoc(): string[] {
    const { policy } = this.module.program;
    const { measure } = this;
    const lines = [`Measure ${measure.name}${measure.title === undefined ? "" : ` ${measure.title}`}`];
    if (measure.citation !== undefined) lines.push("", `${measure.citation.clause} "${measure.citation.quote}"`);
    lines.push("", `${policy.title} (${policy.document}), version ${policy.version}`);
    if (measure.notComputable.length > 0) {
      lines.push("", "Not computed:");
      for (const item of measure.notComputable) lines.push(`- ${item.citation.clause} "${item.citation.quote}": ${item.reason}`);
    }
    return docComment(lines);
  }

  /** The `export declare function` of the evaluator, for a .d.ts. */
  declaration(): string[] {
    return [...this.evaluatorDoc(), this.evaluatorHead()];
  }

  /** The lifted functions and the evaluator (TypeScript and JavaScript). */
  implementation(): string[] {
    const body = this.evaluatorBody();
    const functions = this.parameterisedFunctions();
    return [...[...functions, ...this.lifted].flatMap((f) => [...f, ""]), ...this.evaluatorDoc(), this.evaluatorHead(), ...indent(body), "}"];
  }

  // ------------------------------------------------------------ the evaluator

  private evaluatorBody(): string[] {
    const lines: string[] = [];
    const entities = [...this.entityNames].map(([entity, name]) => (entity === name ? name : `${entity}: ${name}`));
    if (entities.length > 0) lines.push(`const { ${entities.join(", ")} } = facts;`);
    if (this.measure.window !== undefined) lines.push(...this.measureWindow(this.measure.window));
    for (const definition of this.measure.definitions) {
      if (definition.parameters.length > 0) continue;
      this.owner = definition.name;
      lines.push("", ...this.definitionStatements(definition));
    }
    const outputs = this.measure.outputs.map((name) => {
      const variable = this.definitionNames.get(name) ?? name;
      return variable === name && propertyName(name) === name ? `  ${name},` : `  ${propertyName(name)}: ${variable},`;
    });
    lines.push("", "return {", "  in_force: true,", ...outputs, "};");
    return lines;
  }

  /** `in_force`: outside the window, every output has its empty value. */
  private measureWindow(window: WindowIR): string[] {
    this.owner = "in_force";
    const { setup, test } = this.windowTest(window, "inForce", "outside");
    const empties = this.measure.outputs.map((name) => `    ${propertyName(name)}: ${this.emptyValue(this.definition(name).type)},`);
    return [
      ...setup,
      `if (${test}) {`,
      "  return {",
      "    in_force: false,",
      ...empties,
      "  };",
      "}",
    ];
  }

  private emptyValue(type: ValueType): string {
    switch (type.kind) {
      case "bool":
        return "false";
      case "integer":
      case "months":
      case "days":
        return "0";
      case "money":
        return this.module.literal("0.00", type).text;
      case "percent":
      case "decimal":
      case "unrounded_money":
        return this.module.literal("0", type).text;
      case "set":
      case "list":
        return "[]";
      case "date":
      case "time":
      case "enum":
      case "optional":
        return "null";
      case "record":
        throw new Error("a record cannot be an output");
    }
  }

  /**
   * The test that the evaluation date is within a window (or outside it). Both dates are
   * read first (into constants unless they are literals), as the interpreter does.
   */
  private windowTest(window: WindowIR, base: string, sense: "inside" | "outside" = "inside"): { setup: string[]; test: string } {
    const setup: string[] = [];
    const bound = (expr: ExprIR, suffix: string): Code => {
      const code = this.expression(expr);
      if (expr.op === "literal") return code;
      const name = this.names.take(`${base}${suffix}`);
      setup.push(`const ${name}${this.annotation(this.module.typeOf(expr.type))} = ${code.text};`);
      return primary(name);
    };
    const from = bound(window.from, "From");
    const until = window.until === undefined ? undefined : bound(window.until, "Until");
    const inside = sense === "inside";
    const asOf = primary("asOf");
    const tests = [binary(asOf, inside ? ">=" : "<", from, precedence.relational)];
    if (until !== undefined) {
      const end = binary(asOf, inside ? "<=" : ">", until, precedence.relational);
      const open = window.until?.type.kind === "optional";
      const hasEnd = binary(until, inside ? "===" : "!==", primary("null"), precedence.equality);
      tests.push(!open ? end : logical(hasEnd, inside ? "||" : "&&", end));
    }
    return { setup, test: tests.reduce((a, b) => logical(a, inside ? "&&" : "||", b)).text };
  }

  // ------------------------------------------------------------ definitions

  private definitionStatements(definition: DefinitionIR): string[] {
    const name = this.definitionNames.get(definition.name);
    if (name === undefined) throw new Error(`${definition.name} is not a constant`);
    const [only] = definition.rules;
    const type = this.module.typeOf(definition.type);
    if (only !== undefined && definition.rules.length === 1 && isSimple(only)) {
      const comments = this.ruleComments(only, undefined);
      const value = only.value;
      if (value.op === "aggregate" && this.aggregateExpression(value) === undefined) {
        return [...comments, ...this.aggregateLoop(value, name)];
      }
      return [...comments, ...this.assignment(`const ${name}${this.annotation(type)}`, this.expression(value))];
    }
    return [`let ${name}${this.annotation(type)};`, ...this.ruleGroup(definition, definition.rules, { kind: "assign", variable: name }, undefined, undefined)];
  }

  /** `const x = value;`, with a long `&&`/`||` chain or conditional broken over lines. */
  private assignment(head: string, value: Code): string[] {
    const line = `${head} = ${value.text};`;
    if (line.length <= LINE_WIDTH) return [line];
    return [`${head} =`, ...indent(breakLines(value)).map((l, i, all) => (i === all.length - 1 ? `${l};` : l))];
  }

  private statement(prefix: string, value: Code): string[] {
    const line = `${prefix}${value.text};`;
    if (line.length <= LINE_WIDTH) return [line];
    const broken = breakLines(value);
    return [`${prefix}${broken[0] ?? ""}`, ...indent(broken.slice(1))].map((l, i, all) => (i === all.length - 1 ? `${l};` : l));
  }

  private ruleComments(rule: RuleIR, parent: RuleIR | undefined): string[] {
    const cited = rule.citation === undefined ? "" : `${rule.citation.clause} "${rule.citation.quote}"`;
    const lines: string[] = [];
    if (rule.kind === "simple") {
      if (cited !== "") lines.push(lineComment(cited));
    } else {
      const to = rule.kind === "exception" && parent !== undefined ? ` to ${parent.label}` : "";
      lines.push(lineComment(`${rule.kind} ${rule.label}${to}${cited === "" ? "" : `: ${cited}`}`));
    }
    if (rule.note !== undefined) lines.push(lineComment(`note: ${rule.note}`));
    return lines;
  }

  /**
   * A group of sibling rules: the one that applies gives the value (after its own
   * exceptions); two that apply are a conflict; none: the fallback (the overridden rule's
   * value), or for base rules an error.
   */
  private ruleGroup(definition: DefinitionIR, rules: readonly RuleIR[], target: Target, parent: RuleIR | undefined, fallback: string[] | undefined): string[] {
    const otherwise = fallback ?? this.throwStatement("no_rule_applies", stringLiteral(noRuleMessage(definition)), definition.span);
    const lines: string[] = [];
    const tests: (string | undefined)[] = [];
    for (const rule of rules) {
      const { setup, test } = this.decision(rule);
      lines.push(...setup);
      if (test === undefined || rules.length === 1) {
        tests.push(test);
      } else {
        const name = this.names.take(`${camelCase(rule.label)}Applies`);
        lines.push(`const ${name} = ${test};`);
        tests.push(name);
      }
    }
    if (rules.length > PAIRWISE_SIBLINGS) {
      const search = this.conflictSearch(definition, rules, tests);
      return [...lines, ...search.lines, ...this.siblingSwitch(definition, rules, search.first, target, parent, otherwise)];
    }
    lines.push(...this.pairwiseConflicts(definition, rules, tests));
    let closed = false;
    rules.forEach((rule, i) => {
      if (closed) return;
      const body = this.ruleValue(definition, rule, target, parent);
      const test = tests[i];
      if (test === undefined) {
        lines.push(...(i === 0 ? body : ["else {", ...indent(body), "}"]));
        closed = true;
        return;
      }
      lines.push(`${i === 0 ? "if" : "else if"} (${test}) {`, ...indent(body), "}");
    });
    if (!closed) lines.push("else {", ...indent(otherwise), "}");
    return joinElse(lines);
  }

  /** A conflict check for each pair of siblings, in the interpreter's order: readable for a few. */
  private pairwiseConflicts(definition: DefinitionIR, rules: readonly RuleIR[], tests: readonly (string | undefined)[]): string[] {
    const lines: string[] = [];
    rules.forEach((first, i) => {
      rules.forEach((second, j) => {
        if (j <= i) return;
        const both = [tests[i], tests[j]].filter((t): t is string => t !== undefined);
        const error = this.throwStatement("conflicting_rules", stringLiteral(conflictMessage(definition, first, second)), second.span);
        lines.push(...(both.length === 0 ? error : [`if (${both.join(" && ")}) {`, ...indent(error), "}"]));
      });
    });
    return lines;
  }

  /**
   * The first two siblings that apply, found in one pass over a table of the siblings'
   * tests: code in proportion to the number of siblings, where pairs would grow as its square.
   */
  private conflictSearch(definition: DefinitionIR, rules: readonly RuleIR[], tests: readonly (string | undefined)[]): { lines: string[]; first: string } {
    const base = camelCase(`${definition.name}_${rules[0]?.label ?? "rule"}`);
    const applies = this.names.take(`${base}Siblings`);
    const first = this.names.take(`${base}First`);
    const second = this.names.take(`${base}Second`);
    const siblingNames = this.module.names.take(`${camelCase(`${this.measure.name}_${base}`)}RuleNames`);
    const siblingPlaces = this.module.names.take(`${camelCase(`${this.measure.name}_${base}`)}RulePlaces`);
    this.lifted.push([
      ...docComment([`How conflicts name the siblings of ${rules[0]?.label ?? "a rule"} in \`${definition.name}\`, and where they are written.`]),
      `const ${siblingNames} = ${dataLiteral(rules.map(ruleName))};`,
      `const ${siblingPlaces} = ${dataLiteral(rules.map((rule) => evaluationLocation(rule.span)))};`,
    ]);
    const { before, between, after } = conflictMessageParts(definition);
    const message = `${stringLiteral(before)} + ${siblingNames}[${first}] + ${stringLiteral(between)} + ${siblingNames}[${second}] + ${stringLiteral(after)}`;
    const lines = [
      `const ${applies} = [${tests.map((test) => test ?? "true").join(", ")}];`,
      `const ${first} = ${applies}.indexOf(true);`,
      `const ${second} = ${first} === -1 ? -1 : ${applies}.indexOf(true, ${first} + 1);`,
      `if (${second} !== -1) {`,
      ...indent([`throw new ${this.module.runtime("EvaluationError")}("conflicting_rules", ${message}, ${siblingPlaces}[${second}]);`]),
      "}",
    ];
    return { lines, first };
  }

  /**
   * The value of the sibling that applies, chosen by its index: a `switch` stays flat where
   * thousands of `else if`s would nest deeper than a JavaScript parser follows.
   */
  private siblingSwitch(definition: DefinitionIR, rules: readonly RuleIR[], first: string, target: Target, parent: RuleIR | undefined, otherwise: readonly string[]): string[] {
    // After an assignment the case ends with `break`; a returned value ends it already.
    const end = target.kind === "assign" ? ["break;"] : [];
    return [
      `switch (${first}) {`,
      ...rules.flatMap((rule, index) => [`  case ${index}: {`, ...indent([...this.ruleValue(definition, rule, target, parent), ...end], 2), "  }"]),
      "  default: {",
      ...indent([...otherwise], 2),
      "  }",
      "}",
    ];
  }

  /** The rule's value, under its citation, unless one of its exceptions applies. */
  private ruleValue(definition: DefinitionIR, rule: RuleIR, target: Target, parent: RuleIR | undefined): string[] {
    const assigned = target.kind === "assign"
      ? this.statement(`${target.variable} = `, this.expression(rule.value))
      : this.statement("return ", this.expression(rule.value));
    const value = [...this.ruleComments(rule, parent), ...assigned];
    if (rule.exceptions.length === 0) return value;
    return this.ruleGroup(definition, rule.exceptions, target, rule, value);
  }

  /**
   * Setup statements and the test that a rule's tree gives a value: one of its exceptions
   * does (each computed first, as the interpreter does), or the rule itself applies.
   * No test: it always does.
   */
  private decision(rule: RuleIR): { setup: string[]; test: string | undefined } {
    const own = this.applicability(rule);
    if (rule.exceptions.length === 0 || own.test === undefined) return own;
    const setup: string[] = [];
    const tests: string[] = [];
    for (const exception of rule.exceptions) {
      const decided = this.decision(exception);
      setup.push(...decided.setup);
      if (decided.test === undefined) return { setup: [...setup, ...own.setup], test: undefined };
      const name = this.names.take(`${camelCase(exception.label)}Decides`);
      setup.push(`const ${name} = ${decided.test};`);
      tests.push(name);
    }
    return { setup: [...setup, ...own.setup], test: [...tests, `(${own.test})`].join(" || ") };
  }

  /** Setup statements (window dates) and the test that a rule applies; no test: it always does. */
  private applicability(rule: RuleIR): { setup: string[]; test: string | undefined } {
    const tests: Code[] = [];
    let setup: string[] = [];
    if (rule.window !== undefined) {
      const window = this.windowTest(rule.window, camelCase(rule.label));
      setup = window.setup;
      tests.push({ text: window.test, precedence: precedence.and });
    }
    if (rule.condition !== undefined) tests.push(this.expression(rule.condition));
    if (tests.length === 0) return { setup, test: undefined };
    return { setup, test: tests.reduce((a, b) => logical(a, "&&", b)).text };
  }

  private throwStatement(code: string, message: string, span: SourceSpan): string[] {
    return throwEvaluationError(this.module.runtime("EvaluationError"), code, message, evaluationLocation(span));
  }

  // ------------------------------------------------------------ parameterised definitions

  private parameterisedFunctions(): string[][] {
    return this.measure.definitions
      .filter((d) => d.parameters.length > 0)
      .map((definition) => {
        this.owner = definition.name;
        const name = this.functionNames.get(definition.name) ?? definition.name;
        const own = definition.parameters.map((p) => ({ name: this.localName(p.name), type: this.module.typeOf(p.type) }));
        const head = functionHead(this.mode, {
          exported: false,
          name,
          parameters: [...own, ...this.freeParameters(this.needsOfDefinition(definition))],
          returns: this.module.typeOf(definition.type),
        });
        const signature = `${definition.name}(${definition.parameters.map((p) => p.name).join(", ")})`;
        const body = this.ruleGroup(definition, definition.rules, { kind: "return" }, undefined, undefined);
        return [...docComment([`${signature} of measure ${this.measure.name}`]), head, ...indent(body), "}"];
      });
  }

  private needsOfDefinition(definition: DefinitionIR): Needs {
    const known = this.definitionNeeds.get(definition.name);
    if (known !== undefined) return known;
    const needs = noNeeds();
    const bound = new Set(definition.parameters.map((p) => p.name));
    const visit = (rule: RuleIR): void => {
      if (rule.window !== undefined) {
        needs.date = true;
        this.collectNeeds(rule.window.from, bound, needs);
        if (rule.window.until !== undefined) this.collectNeeds(rule.window.until, bound, needs);
      }
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
        return;
      case "parameter":
        needs.date = true;
        return;
      case "definition":
        needs.definitions.add(expr.name);
        return;
      case "local":
        if (!bound.has(expr.name)) needs.locals.set(expr.name, expr.type);
        return;
      case "call": {
        const callee = this.needsOfDefinition(this.definition(expr.definition));
        callee.entities.forEach((e) => needs.entities.add(e));
        callee.definitions.forEach((d) => needs.definitions.add(d));
        needs.date ||= callee.date;
        for (const arg of expr.args) this.collectNeeds(arg, bound, needs);
        return;
      }
      case "aggregate": {
        this.collectNeeds(expr.list, bound, needs);
        const inner = new Set([...bound, expr.variable]);
        if (expr.value !== undefined) this.collectNeeds(expr.value, inner, needs);
        if (expr.filter !== undefined) this.collectNeeds(expr.filter, inner, needs);
        return;
      }
      default:
        forEachChild(expr, (child) => this.collectNeeds(child, bound, needs));
    }
  }

  /** The arguments a lifted function takes, named as they are where it is called. */
  private freeParameters(needs: Needs): ParameterCode[] {
    const parameters: ParameterCode[] = [];
    for (const [local, type] of needs.locals) parameters.push({ name: this.localName(local), type: this.module.typeOf(type) });
    for (const entity of [...needs.entities].sort()) {
      parameters.push({ name: this.entityName(entity), type: `${this.factsType}[${stringLiteral(entity)}]` });
    }
    for (const definition of this.measure.definitions) {
      if (!needs.definitions.has(definition.name)) continue;
      parameters.push({ name: this.definitionName(definition.name), type: this.module.typeOf(definition.type) });
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

  private entityName(entity: string): string {
    const name = this.entityNames.get(entity);
    if (name === undefined) throw new Error(`measure ${this.measure.name} does not list ${entity} among the facts it reads`);
    return name;
  }

  private definitionName(definition: string): string {
    const name = this.definitionNames.get(definition);
    if (name === undefined) throw new Error(`${definition} has parameters: it is called, not read`);
    return name;
  }

  // ------------------------------------------------------------ aggregates

  /** The aggregates that are plain expressions: a count or test without a condition. */
  private aggregateExpression(expr: Extract<ExprIR, { op: "aggregate" }>): Code | undefined {
    if (expr.filter !== undefined) return undefined;
    switch (expr.operator) {
      case "count":
        return primary(`${operand(this.expression(expr.list), precedence.primary)}.length`);
      case "any":
        return binary(primary(`${operand(this.expression(expr.list), precedence.primary)}.length`), ">", primary("0"), precedence.relational);
      case "all":
        return primary("true");
      case "sum":
        return undefined;
    }
  }

  /** `let total = 0; for (const t of list) { … }` */
  private aggregateLoop(expr: Extract<ExprIR, { op: "aggregate" }>, accumulator: string): string[] {
    const item = this.localName(expr.variable);
    const list = this.expression(expr.list).text;
    const filter = expr.filter === undefined ? undefined : this.expression(expr.filter);
    const loop = (body: string[]): string[] => [`for (const ${item} of ${list}) {`, ...indent(body), "}"];
    switch (expr.operator) {
      case "count":
        return [`let ${accumulator} = 0;`, ...loop([filter === undefined ? `${accumulator} += 1;` : `if (${filter.text}) ${accumulator} += 1;`])];
      case "any":
      case "all": {
        const found = expr.operator === "any";
        const test = filter === undefined ? primary(String(found)) : found ? filter : not(filter);
        return [`let ${accumulator} = ${!found};`, ...loop([`if (${test.text}) {`, `  ${accumulator} = ${found};`, "  break;", "}"])];
      }
      case "sum": {
        if (expr.value === undefined) throw new Error("a sum without a value");
        const added = this.operation(additionOf(expr.type.kind), [primary(accumulator), this.expression(expr.value)]);
        const step = `${accumulator} = ${added.text};`;
        return [`let ${accumulator} = ${this.zero(expr.type)};`, ...loop([filter === undefined ? step : `if (${filter.text}) ${step}`])];
      }
    }
  }

  private zero(type: ValueType): string {
    switch (type.kind) {
      case "money":
        return this.module.literal("0.00", type).text;
      case "decimal":
      case "unrounded_money":
        return this.module.literal("0", type).text;
      default:
        return "0";
    }
  }

  /** An aggregate inside a larger expression: a module function of what it reads. */
  private liftAggregate(expr: Extract<ExprIR, { op: "aggregate" }>): Code {
    const needs = noNeeds();
    this.collectNeeds(expr, new Set(), needs);
    const parameters = this.freeParameters(needs);
    const name = this.module.names.take(camelCase(`${this.measure.name}_${this.owner}_${expr.operator}`));
    const scope = new NameTable(this.module.names);
    for (const p of parameters) scope.reserve(p.name);
    scope.reserve(this.localName(expr.variable));
    const accumulator = scope.take(expr.operator === "sum" ? "total" : expr.operator === "count" ? "count" : "found");
    const head = functionHead(this.mode, { exported: false, name, parameters, returns: this.module.typeOf(expr.type) });
    const list = pathText(expr.list);
    const doc = docComment([`${expr.operator} over ${list ?? "a list"}, for ${this.owner} of measure ${this.measure.name}`]);
    this.lifted.push([...doc, head, ...indent([...this.aggregateLoop(expr, accumulator), `return ${accumulator};`]), "}"]);
    return callCode(name, parameters.map((p) => primary(p.name)));
  }

  // ------------------------------------------------------------ expressions

  private expression(expr: ExprIR): Code {
    const code = this.bareExpression(expr);
    const declared = this.declaredType(expr);
    // The checker narrowed an optional value to present (`x is present and …`): say so to TypeScript.
    if (declared?.kind === "optional" && expr.type.kind !== "optional") return callCode(this.module.helper("present"), [code]);
    return code;
  }

  private declaredType(expr: ExprIR): DeclaredType {
    switch (expr.op) {
      case "fact":
        return this.module.fieldType(expr.entity, expr.field);
      case "field": {
        const record = recordName(expr.object.type);
        return record === undefined ? undefined : this.module.fieldType(record, expr.field);
      }
      case "parameter":
        return this.module.program.parameters.find((p) => p.name === expr.name)?.type;
      case "definition":
      case "call":
        return this.definitions.get(expr.op === "call" ? expr.definition : expr.name)?.type;
      default:
        return undefined;
    }
  }

  private bareExpression(expr: ExprIR): Code {
    switch (expr.op) {
      case "literal":
        return this.module.literal(expr.value, expr.type);
      case "fact":
        return primary(`${this.entityName(expr.entity)}.${expr.field}`);
      case "field":
        return primary(`${operand(this.expression(expr.object), precedence.primary)}.${expr.field}`);
      case "parameter":
        return callCode(this.module.parameterFunction(expr.name), [primary("asOf"), primary("overrides")]);
      case "definition":
        return primary(this.definitionName(expr.name));
      case "call": {
        const callee = this.definition(expr.definition);
        const name = this.functionNames.get(expr.definition) ?? expr.definition;
        const free = this.freeParameters(this.needsOfDefinition(callee)).map((p) => primary(p.name));
        return callCode(name, [...expr.args.map((a) => this.expression(a)), ...free]);
      }
      case "local":
        return primary(this.localName(expr.name));
      case "not":
        return not(this.expression(expr.operand));
      case "and":
        return logical(this.expression(expr.left), "&&", this.expression(expr.right));
      case "or":
        return logical(this.expression(expr.left), "||", this.expression(expr.right));
      case "compare":
        return this.comparison(expr);
      case "arithmetic":
        return this.operation(expr.operator, [this.expression(expr.left), this.expression(expr.right)]);
      case "negate":
      case "floor":
      case "ceil":
        return this.operation(expr.op, [this.expression(expr.operand)]);
      case "round":
        return this.rounding(expr);
      case "min":
      case "max": {
        const args = [this.expression(expr.left), this.expression(expr.right)];
        if (expr.type.kind === "decimal" || expr.type.kind === "unrounded_money") {
          return callCode(this.module.helper(expr.op === "min" ? "smallerDecimal" : "largerDecimal"), args);
        }
        return callCode(this.module.runtime(expr.op === "min" ? "minOf" : "maxOf"), args);
      }
      case "last_day_of_term":
        return this.operation("last_day_of_term", [this.expression(expr.start), this.expression(expr.months)]);
      case "convert": {
        const operand = this.expression(expr.operand);
        return isRepresentationChange(expr.conversion) ? this.operation(expr.conversion, [operand]) : operand;
      }
      case "if":
        return conditional(this.expression(expr.condition), this.expression(expr.then), this.expression(expr.else));
      case "match":
        return this.match(expr);
      case "in":
        return this.membership(expr);
      case "is_present":
        return binary(this.expression(expr.operand), "!==", primary("null"), precedence.equality);
      case "is_absent":
        return binary(this.expression(expr.operand), "===", primary("null"), precedence.equality);
      case "otherwise":
        return nullish(this.expression(expr.left), this.expression(expr.right));
      case "aggregate":
        return this.aggregateExpression(expr) ?? this.liftAggregate(expr);
    }
  }

  private comparison(expr: Extract<ExprIR, { op: "compare" }>): Code {
    const left = this.expression(expr.left);
    const right = this.expression(expr.right);
    const operator = expr.operator === "=" ? "===" : expr.operator === "!=" ? "!==" : expr.operator;
    const level = operator === "===" || operator === "!==" ? precedence.equality : precedence.relational;
    switch (expr.operandType.kind) {
      case "decimal":
      case "unrounded_money": {
        const compared = callCode(this.module.runtime("compareDecimal"), [left, right]);
        return binary(compared, operator, primary("0"), level);
      }
      case "set": {
        // Sets are sorted and their members are identifiers: equal sets have equal joined text.
        const join = (code: Code) => primary(`${operand(code, precedence.primary)}.join()`);
        return binary(join(left), operator, join(right), level);
      }
      default:
        return binary(left, operator, right, level);
    }
  }

  /** An operation of compiler/operations.ts: a call of the runtime function it names. */
  private operation(id: OperationId, operands: readonly Code[]): Code {
    return callCode(this.module.runtime(operations[id].runtime), operands);
  }

  private rounding(expr: Extract<ExprIR, { op: "round" }>): Code {
    const { operand } = expr;
    const operands = expr.operation === "round_money_times_percent" && operand.op === "arithmetic" ? [operand.left, operand.right] : [operand];
    return this.operation(expr.operation, [...operands.map((o) => this.expression(o)), primary(stringLiteral(expr.mode))]);
  }

  /** `s === "a" ? x : s === "b" || s === "c" ? y : z`; the subject is pure, so it may be read again. */
  private match(expr: Extract<ExprIR, { op: "match" }>): Code {
    const subject = this.expression(expr.subject);
    const arms = expr.arms.map((arm) => ({ test: this.oneOf(subject, arm.members), value: this.expression(arm.value) }));
    const last = arms[arms.length - 1];
    let result: Code;
    let rest: typeof arms;
    if (expr.otherwise !== undefined) {
      result = this.expression(expr.otherwise);
      rest = arms;
    } else {
      if (last === undefined) throw new Error("a match without arms");
      result = last.value;
      rest = arms.slice(0, -1);
    }
    for (const arm of [...rest].reverse()) result = conditional(arm.test, arm.value, result);
    return result;
  }

  private oneOf(element: Code, members: readonly string[]): Code {
    const tests = members.map((m) => binary(element, "===", primary(stringLiteral(m)), precedence.equality));
    const [first] = tests;
    if (first === undefined) return primary("false");
    return tests.slice(1).reduce((a, b) => logical(a, "||", b), first);
  }

  private membership(expr: Extract<ExprIR, { op: "in" }>): Code {
    const element = this.expression(expr.element);
    if (expr.set.op === "literal" && Array.isArray(expr.set.value) && isPlainReference(element)) {
      return this.oneOf(element, expr.set.value);
    }
    const set = this.expression(expr.set);
    // Arrays cannot hold a `readonly` union and be searched for a wider string: declare the element type.
    const searched = expr.set.op === "literal" && Array.isArray(expr.set.value) && expr.set.value.length === 0
      ? primary(`Array.of${this.mode === "ts" ? "<string>" : ""}()`)
      : set;
    return callCode(`${operand(searched, precedence.primary)}.includes`, [element]);
  }
}

function isSimple(rule: RuleIR): boolean {
  return rule.condition === undefined && rule.window === undefined && rule.exceptions.length === 0;
}

function recordName(type: ValueType): string | undefined {
  if (type.kind === "record") return type.name;
  if (type.kind === "optional") return recordName(type.of);
  return undefined;
}

/** `enterprise.trainees`: the path an expression reads, for comments. */
function pathText(expr: ExprIR): string | undefined {
  switch (expr.op) {
    case "fact":
      return `${expr.entity}.${expr.field}`;
    case "local":
      return expr.name;
    case "field": {
      const object = pathText(expr.object);
      return object === undefined ? undefined : `${object}.${expr.field}`;
    }
    default:
      return undefined;
  }
}

/** A long expression over lines: `&&`/`||` operands one per line, or a conditional's branches. */
function breakLines(code: Code): string[] {
  if (code.precedence === precedence.and || code.precedence === precedence.or) {
    const operator = code.precedence === precedence.and ? " && " : " || ";
    const parts = splitTopLevel(code.text, operator);
    if (parts.length > 1) return parts.map((part, i) => (i === parts.length - 1 ? part : `${part} ${operator.trim()}`));
  }
  if (code.precedence === precedence.conditional) {
    const question = topLevelIndex(code.text, " ? ");
    const colon = question === -1 ? -1 : topLevelIndex(code.text, " : ", question + 3);
    if (question !== -1 && colon !== -1) {
      return [code.text.slice(0, question), `  ? ${code.text.slice(question + 3, colon)}`, `  : ${code.text.slice(colon + 3)}`];
    }
  }
  return [code.text];
}

/** Splits at occurrences of `separator` outside parentheses, brackets and strings. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let index = topLevelIndex(text, separator); index !== -1; index = topLevelIndex(text, separator, start)) {
    parts.push(text.slice(start, index));
    start = index + separator.length;
  }
  parts.push(text.slice(start));
  return parts;
}

function topLevelIndex(text: string, needle: string, from = 0): number {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && i >= from && text.startsWith(needle, i)) return i;
  }
  return -1;
}

/** `}` followed by `else …` on the next line becomes `} else …`. */
function joinElse(lines: readonly string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    const previous = joined[joined.length - 1];
    if (previous !== undefined && previous.trimEnd().endsWith("}") && /^else\b/.test(line) && previous.trim() === "}") {
      joined[joined.length - 1] = `${previous} ${line}`;
    } else {
      joined.push(line);
    }
  }
  return joined;
}
