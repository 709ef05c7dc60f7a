/**
 * The TypeScript emitter: a checked policy as one strict, readable module that depends only
 * on the runtime. It exports a type per enum, an interface per record and entity, the
 * parameters (an interface, and a function per parameter giving its value on a date), per
 * measure its facts and outputs interfaces and its evaluator, and tables for a generic
 * driver (`factSchema`, `policy`, `measures`) and for JSON (`evaluateJson`).
 *
 * The module is built once as a code tree (compiler/emit/tree.ts) and printed as
 * TypeScript, or as JavaScript and its declarations (.d.ts), so that no TypeScript
 * compiler is needed to run a policy.
 */
import type { DefinitionIR, LiteralValue, MeasureIR, ParameterIR, ParameterValueIR, ProgramIR, RuleIR, ScaleIR, ValueType } from "../ir.js";
import { minorUnitName, moneyWord } from "../currency.js";
import type { EnumDecl, RecordDecl } from "../../runtime/types.js";
import { parameterHasNoValueMessage, evaluationLocation } from "../../runtime/messages.js";
import { operations } from "../operations.js";
import { toYearMonthDay, type CalendarDate } from "../../runtime/index.js";
import { literalFigure } from "../literals.js";
import { MeasureEmitter, type HelperName, type ModuleContext } from "./measure.js";
import { camelCase, literalNamePart, NameTable, pascalCase } from "./names.js";
import { printModule } from "./printer.js";
import {
  binary,
  blank,
  call,
  comment,
  conditional,
  data,
  identifier,
  member,
  NULL,
  number,
  object,
  string,
  typeReference,
  union,
  when,
  type Declaration,
  type Expression,
  type Member,
  type Parameter,
  type Statement,
  type TypeNode,
} from "./tree.js";
import { citedClause } from "../citation-text.js";
import { required } from "../internal-error.js";

export interface EmitOptions {
  /** the module specifier generated code imports the runtime from, e.g. "../../runtime/index.js" */
  readonly runtimeImport: string;
  /** `en`: doc comments give the English labels (`label en "…"`) where the policy has them */
  readonly language?: "en";
}

export function emitTypeScript(program: ProgramIR, options: EmitOptions): string {
  return printModule(new ModuleBuilder(program, options).module(), "ts");
}

export function emitJavaScript(program: ProgramIR, options: EmitOptions): { js: string; dts: string } {
  const module = new ModuleBuilder(program, options).module();
  return { js: printModule(module, "js"), dts: printModule(module, "dts") };
}

/** Runtime exports generated code may use: reserved so that no policy name hides them. */
const RUNTIME_VALUES = [
  ...new Set([
    ...Object.values(operations).map((operation) => operation.runtime),
    "EvaluationError", "applyScale", "averageSeries", "calendarDate", "decimal", "evaluateScenarioJson", "fen", "formatDate", "located", "locatedError",
    "percentFromMillionths", "seriesValueAt", "sumDecimalSeries", "sumIntegerSeries", "sumMoneySeries", "timeOfDay",
  ]),
];
const RUNTIME_TYPES = [
  "CalendarDate", "Decimal", "FactSchema", "Money", "Percent", "TimeOfDay", "ValueType", "JsonEvaluation", "JsonEvaluationOptions",
  "DecisionRecorder", "RuleDecision", "ScaleData",
];
const HELPERS: readonly HelperName[] = ["present", "declared"];

const AS_OF = identifier("asOf");
const OVERRIDES = identifier("overrides");

class ModuleBuilder implements ModuleContext {
  readonly names = new NameTable();
  readonly overridesType: TypeNode;
  private readonly parametersType: string;
  private readonly compiledMeasureType: string;
  private readonly measuresTableType: string;
  private readonly usedHelpers = new Set<HelperName>();
  /** module constants by literal: name and initialiser */
  private readonly constants = new Map<string, { readonly name: string; readonly initialiser: Expression }>();
  private readonly typeNames = new Map<string, string>();
  private readonly parameterFunctions = new Map<string, string>();
  private readonly scaleConstants = new Map<string, string>();
  private readonly measureEmitters: readonly MeasureEmitter[];

  /** the word of the policy's money: `yuan`, `EUR` */
  private readonly unit: string;

  constructor(
    readonly program: ProgramIR,
    private readonly options: EmitOptions,
  ) {
    this.unit = moneyWord(program.policy);
    for (const name of [...RUNTIME_VALUES, ...RUNTIME_TYPES, ...HELPERS, "factSchema", "policy", "measures", "evaluateJson"]) this.names.reserve(name);
    for (const declaration of [...program.schema.enums, ...program.schema.records]) {
      this.typeNames.set(declaration.name, this.names.take(pascalCase(declaration.name)));
    }
    this.parametersType = this.names.take("PolicyParameters");
    this.overridesType = typeReference(this.names.take("ParameterOverrides"));
    this.compiledMeasureType = this.names.take("CompiledMeasure");
    this.measuresTableType = this.names.take("Measures");
    for (const parameter of program.parameters) {
      this.parameterFunctions.set(parameter.name, this.names.take(`${camelCase(parameter.name)}On`));
    }
    for (const scale of program.scales) this.scaleConstants.set(scale.name, this.names.take(`${camelCase(scale.name)}Scale`));
    this.measureEmitters = program.measures.map((measure) => new MeasureEmitter(this, measure));
  }

  // ------------------------------------------------------------ ModuleContext

  onDemand(measure: string): { readonly functionName: string; readonly typeName: string } {
    const emitter = required(this.measureEmitters.find((candidate) => candidate.measureName === measure), `the measure ${measure}`);
    return { functionName: emitter.onDemandName, typeName: emitter.onDemandType };
  }

  helper(name: HelperName): Expression {
    this.usedHelpers.add(name);
    return identifier(name);
  }

  typeOf(type: ValueType): TypeNode {
    switch (type.kind) {
      case "bool":
        return typeReference("boolean");
      case "integer":
      case "months":
      case "days":
        return typeReference("number");
      case "decimal":
      case "unrounded_money":
        return typeReference("Decimal");
      case "money":
        return typeReference("Money");
      case "percent":
        return typeReference("Percent");
      case "date":
        return typeReference("CalendarDate");
      case "time":
        return typeReference("TimeOfDay");
      case "text":
        return typeReference("string");
      case "enum":
      case "record":
        return typeReference(this.recordType(type.name));
      case "set":
        // a set of texts has `of: "text"`, a reserved word no enum can be named
        return { kind: "array", element: typeReference(type.of === "text" ? "string" : this.recordType(type.of)) };
      case "list":
        return { kind: "array", element: typeReference(this.recordType(type.of)) };
      case "optional":
        return union(this.typeOf(type.of), typeReference("null"));
      case "series":
        return typeReference("Readonly", typeReference("Record", typeReference("string"), this.typeOf(type.of)));
      case "per_member":
        return typeReference("ReadonlyArray", this.typeOf(type.of));
    }
  }

  recordType(name: string): string {
    return required(this.typeNames.get(name), `the type ${name}`);
  }

  fieldType(record: string, field: string): ValueType | undefined {
    return this.program.schema.records.find((r) => r.name === record)?.fields.find((f) => f.name === field)?.type;
  }

  parameterFunction(name: string): string {
    return required(this.parameterFunctions.get(name), `the parameter ${name}`);
  }

  scaleConstant(name: string): string {
    return required(this.scaleConstants.get(name), `the scale ${name}`);
  }

  literal(value: LiteralValue, type: ValueType): Expression {
    if (value === null) return NULL;
    switch (type.kind) {
      case "optional":
        return this.literal(value, type.of);
      case "bool":
        return { kind: "boolean", value: value === true };
      case "integer":
      case "months":
      case "days":
        return number(Number(value));
      case "enum":
      case "text":
        return string(String(value));
      case "set":
        return { kind: "array", elements: (Array.isArray(value) ? value : []).map((m) => string(m)) };
      default:
        return identifier(this.constant(value, type));
    }
  }

  /** Money, percentages, decimals, dates and times are made once, into module constants named by their figure. */
  private constant(value: LiteralValue, type: ValueType): string {
    const figure = literalFigure(value, type);
    const key = `${type.kind}:${figure}`;
    const known = this.constants.get(key);
    if (known !== undefined) return known.name;
    const { base, initialiser } = constantParts(value, figure, type, this.unit);
    const name = this.names.take(base);
    this.constants.set(key, { name, initialiser });
    return name;
  }

  // ------------------------------------------------------------ the module

  module(): Statement[] {
    // Built in order: building finds the constants and helpers the code uses.
    const types = this.typeDeclarations();
    const parameters = this.parameterSection();
    const measures = this.measureEmitters.map((emitter, i) => this.measureSection(emitter, i));
    const tables = this.tables();
    const constants = [...this.constants.values()].sort((a, b) => a.name.localeCompare(b.name));
    return [
      this.header(),
      blank,
      { kind: "import", values: RUNTIME_VALUES, types: RUNTIME_TYPES, from: this.options.runtimeImport },
      blank,
      ...(constants.length === 0 ? [] : [comment("Amounts, percentages, dates and times of the policy, converted once.")]),
      ...constants.map((c): Statement => ({ kind: "const", name: c.name, value: c.initialiser })),
      blank,
      ...this.helperFunctions().flatMap((f) => [f, blank]),
      types,
      blank,
      parameters,
      blank,
      ...measures.flatMap((m) => [m, blank]),
      tables,
    ];
  }

  /** The module's doc comment: what it is, and that it is generated. */
  private header(): Statement {
    const { policy } = this.program;
    return {
      kind: "doc",
      lines: [
        policy.title,
        `${policy.document} — ${policy.issuer}, issued ${policy.issued}`,
        `policy ${policy.name}, version ${policy.version}`,
        "",
        "generated by tiao — do not edit",
      ],
    };
  }

  private helperFunctions(): Statement[] {
    const value = identifier("value");
    return HELPERS.filter((helper) => this.usedHelpers.has(helper)).map((helper): Statement => {
      switch (helper) {
        case "present":
          return {
            kind: "function",
            name: "present",
            doc: ["A value the policy tested to be present before this use (the checker makes sure of it)."],
            typeParameters: ["T"],
            parameters: [{ name: "value", type: union(typeReference("T"), typeReference("null")) }],
            returns: typeReference("T"),
            body: [
              when(binary(value, "===", NULL), { kind: "throw", value: { kind: "new", callee: identifier("Error"), args: [string("a value tested to be present is absent")] } }),
              { kind: "return", value },
            ],
          };
        case "declared":
          return {
            kind: "function",
            name: "declared",
            doc: [
              "A value seen with its declared type `T`, where TypeScript knows a narrower one: comparing two values it",
              "knows to be distinct literals (`3 === 4`, or a fact already compared) would be a type error.",
            ],
            typeParameters: ["T"],
            parameters: [{ name: "value", type: typeReference("T") }],
            returns: typeReference("T"),
            body: [{ kind: "return", value }],
          };
      }
    });
  }

  // ------------------------------------------------------------ types

  private typeDeclarations(): Statement {
    const { enums, records } = this.program.schema;
    const declarations = [...enums.map((e) => this.enumType(e)), ...records.map((r) => this.recordInterface(r))];
    return { kind: "section", title: "facts", body: declarations.flatMap((d) => [d, blank]) };
  }

  private enumType(declaration: EnumDecl): Declaration {
    return {
      kind: "type",
      name: this.recordType(declaration.name),
      type: { kind: "union", members: declaration.members.map((m) => ({ type: { kind: "string", value: m.name }, ...(m.label === undefined ? {} : { doc: m.label }) })) },
      ...(declaration.label === undefined ? {} : { doc: [declaration.label] }),
    };
  }

  private recordInterface(declaration: RecordDecl): Declaration {
    const what = declaration.entity ? `entity ${declaration.name}` : `record ${declaration.name}`;
    return {
      kind: "interface",
      name: this.recordType(declaration.name),
      doc: [declaration.label === undefined ? what : `${declaration.label} (${what})`],
      members: declaration.fields.map((field) => {
        const label = this.options.language === "en" ? (field.english ?? field.label) : field.label;
        return { name: field.name, type: this.typeOf(field.type), ...(label === undefined ? {} : { doc: [label] }) };
      }),
    };
  }

  // ------------------------------------------------------------ parameters

  private parameterSection(): Statement {
    const { parameters } = this.program;
    const members: Member[] = parameters.map((p) => ({
      name: p.name,
      type: this.typeOf(p.type),
      ...(p.label === undefined && p.unit === undefined ? {} : { doc: [describeParameter(p)] }),
    }));
    return {
      kind: "section",
      title: "parameters",
      body: [
        {
          kind: "interface",
          name: this.parametersType,
          doc: ["The figures of the policy. Each has dated values; a scenario may override any of them, whatever the date."],
          members,
        },
        blank,
        { kind: "type", name: referenceName(this.overridesType), type: typeReference("Partial", typeReference(this.parametersType)) },
        ...parameters.flatMap((parameter) => [blank, this.parameterValueFunction(parameter)]),
        ...this.program.scales.flatMap((scale) => [blank, this.scaleStatement(scale)]),
      ],
    };
  }

  /** A scale's brackets, each figure with its dates, as `applyScale` takes them. */
  private scaleStatement(scale: ScaleIR): Statement {
    const figures = (values: readonly ParameterValueIR[], type: ValueType): Expression => ({
      kind: "array",
      elements: values.map((value) =>
        object([
          { name: "from", value: identifier(this.constant(value.from, { kind: "date" })) },
          { name: "until", value: value.until === undefined ? NULL : identifier(this.constant(value.until, { kind: "date" })) },
          { name: "value", value: this.literal(value.value, type) },
        ]),
      ),
    });
    const brackets = scale.brackets.map((bracket) =>
      object(
        [
          { name: "name", value: string(bracket.name) },
          { name: "thresholds", value: figures(bracket.thresholds, { kind: "money" }) },
          { name: "rates", value: figures(bracket.rates, { kind: "percent" }) },
        ],
        true,
      ),
    );
    return {
      kind: "const",
      name: this.scaleConstant(scale.name),
      exported: true,
      type: typeReference("ScaleData"),
      doc: [`${describeParameter(scale)}: its brackets, each threshold and rate with its dates.`],
      value: object(
        [
          { name: "name", value: string(scale.name) },
          { name: "brackets", value: { kind: "array", elements: brackets } },
          { name: "location", value: data(evaluationLocation(scale.span)) },
        ],
        true,
      ),
    };
  }

  private parameterValueFunction(parameter: ParameterIR): Statement {
    const override = identifier("override");
    const body: Statement[] = [
      // Only the overrides' own properties: a parameter may be named like a property every object has (`constructor`).
      {
        kind: "const",
        name: "override",
        value: conditional(call(member(identifier("Object"), "hasOwn"), [OVERRIDES, string(parameter.name)]), member(OVERRIDES, parameter.name), identifier("undefined")),
      },
      when(binary(override, "!==", identifier("undefined")), { kind: "return", value: override }),
    ];
    parameter.values.forEach((value) => {
      const source = value.source.kind === "clause" ? `${citedClause(value.source.citation)} "${value.source.citation.quote}"` : value.source.text;
      body.push(comment(source));
      if (value.note !== undefined) body.push(comment(`note: ${value.note}`));
      const from = binary(AS_OF, ">=", identifier(this.constant(value.from, { kind: "date" })));
      const range = value.until === undefined ? from : binary(from, "&&", binary(AS_OF, "<=", identifier(this.constant(value.until, { kind: "date" }))));
      body.push(when(range, { kind: "return", value: this.literal(value.value, parameter.type) }));
    });
    const message = binary(string(parameterHasNoValueMessage(parameter)), "+", call(identifier("formatDate"), [AS_OF]));
    body.push({
      kind: "throw",
      value: { kind: "new", callee: identifier("EvaluationError"), args: [string("parameter_has_no_value"), message, data(evaluationLocation(parameter.span))] },
    });
    return {
      kind: "function",
      name: this.parameterFunction(parameter.name),
      exported: true,
      doc: [`${describeParameter(parameter)}: the value in force on a date, or the scenario's override.`],
      parameters: [
        { name: "asOf", type: this.typeOf({ kind: "date" }) },
        { name: "overrides", type: this.overridesType, default: object([]) },
      ],
      returns: this.typeOf(parameter.type),
      body,
    };
  }

  // ------------------------------------------------------------ measures

  private measureSection(emitter: MeasureEmitter, index: number): Statement {
    const measure = required(this.program.measures[index], "the measure of an emitter");
    return {
      kind: "section",
      title: `measure ${measure.name}${this.measureTitle(measure) === undefined ? "" : ` ${this.measureTitle(measure)}`}`,
      body: [...emitter.interfaces((definition) => this.outputDoc(definition)), blank, ...emitter.functions()],
    };
  }

  /** A measure's title in the doc comments' language. */
  measureTitle(measure: MeasureIR): string | undefined {
    return this.options.language === "en" ? (measure.english ?? measure.title) : measure.title;
  }

  /** An output's doc comment: what its value is, and the clauses that decide it. */
  private outputDoc(definition: DefinitionIR): string[] {
    const citations: string[] = [];
    const cite = (rule: RuleIR, parent: RuleIR | undefined): void => {
      const cited = rule.citation === undefined ? "not cited" : `${citedClause(rule.citation)} "${rule.citation.quote}"`;
      if (rule.kind === "simple") citations.push(cited);
      else citations.push(`${rule.kind} ${rule.label}${parent === undefined ? "" : ` to ${parent.label}`}: ${cited}`);
      for (const exception of rule.exceptions) cite(exception, rule);
    };
    for (const rule of definition.rules) cite(rule, undefined);
    const english = this.options.language === "en" ? definition.english : undefined;
    return [`${definition.name}${english === undefined ? "" : ` (${english})`}: ${this.unitInWords(definition.type)}`, "", ...citations];
  }

  /** What a value of a type is, in words, as an integrator reads it from the typed API. */
  private unitInWords(type: ValueType): string {
    switch (type.kind) {
      case "bool":
        return "yes or no";
      case "integer":
        return "a whole number";
      case "months":
        return "a number of months";
      case "days":
        return "a number of days";
      case "money":
        return this.unit === "yuan" ? "an amount in fen (integer; 100 fen = 1 yuan)" : `an amount in cents (integer; 100 cents = 1 ${this.unit})`;
      case "unrounded_money":
        return `an exact amount in ${this.unit} (a decimal)`;
      case "percent":
        return "a percent, in millionths (60% = 600000)";
      case "decimal":
        return "an exact decimal";
      case "date":
        return "a date (days since 1970-01-01), or null when the measure is not in force";
      case "time":
        return "a time of day (minutes since midnight), or null when the measure is not in force";
      case "text":
        return "a text, or null when the measure is not in force";
      case "enum":
        return `one of ${this.recordType(type.name)}, or null when the measure is not in force`;
      case "set":
        return type.of === "text" ? "a set of texts" : `a set of ${this.recordType(type.of)}`;
      case "list":
        return `a list of ${this.recordType(type.of)}`;
      case "record":
        return `a ${this.recordType(type.name)}`;
      case "optional":
        return `${this.unitInWords(type.of).replace(/, or null when the measure is not in force$/, "")}, or null when absent`;
      case "series":
        return `by ${type.period} ("2017-01" or "2017"): ${this.unitInWords(type.of)}`;
      case "per_member":
        return `one for each member, in the list's order: ${this.unitInWords(type.of)}`;
    }
  }

  // ------------------------------------------------------------ tables for generic drivers

  private tables(): Statement {
    const { policy } = this.program;
    const info = { name: policy.name, title: policy.title, document: policy.document, issuer: policy.issuer, issued: policy.issued, version: policy.version };
    const measuresTable = typeReference(this.measuresTableType);
    const entries = this.measureEmitters.map((emitter, i) => {
      const measure = required(this.program.measures[i], "the measure of an emitter");
      // From entries: an output named `__proto__` is then a property like any other.
      const outputs: { [output: string]: ValueType } = Object.fromEntries([
        ["in_force", { kind: "bool" }],
        ...measure.outputs.flatMap((name) =>
          measure.definitions.filter((d) => d.name === name).map((d): [string, ValueType] => [name, d.members === undefined ? d.type : { kind: "per_member", of: d.type }]),
        ),
      ]);
      return {
        name: measure.name,
        value: object(
          [
            { name: "title", value: string(measure.title ?? measure.name) },
            { name: "reads", value: data(measure.reads) },
            { name: "outputs", value: data(outputs) },
            { name: "decisions", value: emitter.decisions() },
            { name: "evaluate", value: identifier(emitter.functionName) },
            { name: "outputsOnDemand", value: identifier(emitter.onDemandName) },
          ],
          true,
        ),
      };
    });
    return {
      kind: "section",
      title: "for generic drivers",
      body: [
        {
          kind: "const",
          name: "policy",
          exported: true,
          value: data(info),
          declaredType: { kind: "object", members: Object.keys(info).map((name) => ({ name, type: typeReference("string") })) },
        },
        blank,
        { kind: "const", name: "factSchema", exported: true, type: typeReference("FactSchema"), value: data(this.program.schema) },
        blank,
        this.compiledMeasureInterface(),
        blank,
        this.measuresTableInterface(),
        blank,
        { kind: "const", name: "measures", exported: true, type: measuresTable, value: object(entries, true) },
        blank,
        this.jsonEntryPoint(),
      ],
    };
  }

  /** `evaluateJson`: scenario JSON in, the result `tiao run` prints out, read and checked as `tiao run` does. */
  private jsonEntryPoint(): Statement {
    return {
      kind: "function",
      name: "evaluateJson",
      exported: true,
      doc: [
        "A scenario's JSON (its text, or the value JSON.parse gives) → the outputs `tiao run` prints,",
        "per measure the scenario gives the facts for (or those of `options.measures`). Read and checked",
        `as \`tiao run\` reads it: amounts in ${this.unit} (\`12345.67\` or \`"12345.67"\`), never in ${minorUnitName(this.unit)}. With`,
        "`{ explain: true }`, also under `explain`: for each output the rule that decided it, with its",
        "citation, and the measure's window, as `tiao run --explain` gives them.",
      ],
      parameters: [
        { name: "scenario", type: union(typeReference("string"), typeReference("object")) },
        { name: "options", type: typeReference("JsonEvaluationOptions"), default: object([]) },
      ],
      returns: typeReference("JsonEvaluation"),
      body: [
        {
          kind: "return",
          value: call(identifier("evaluateScenarioJson"), [object([{ name: "factSchema", value: identifier("factSchema") }, { name: "measures", value: identifier("measures") }]), identifier("scenario"), identifier("options")]),
        },
      ],
    };
  }

  private compiledMeasureInterface(): Declaration {
    const [facts, outputs] = [typeReference("Facts"), typeReference("Outputs")];
    // what `evaluate` and `outputsOnDemand` take
    const parameters: Parameter[] = [
      { name: "facts", type: facts },
      { name: "asOf", type: this.typeOf({ kind: "date" }) },
      { name: "overrides", type: this.overridesType, optional: true },
      { name: "recorder", type: typeReference("DecisionRecorder"), optional: true },
    ];
    return {
      kind: "interface",
      name: this.compiledMeasureType,
      typeParameters: ["Facts", "Outputs", "OnDemand"],
      doc: ["What a generic driver needs to run a measure."],
      members: [
        { name: "title", type: typeReference("string") },
        { name: "reads", type: { kind: "array", element: typeReference("string") }, doc: ["the fact paths it reads: it is evaluated only when a scenario gives them all"] },
        // Keyed by the outputs' names: an index signature would not type an output named `constructor`.
        { name: "outputs", type: { kind: "mapped", key: "Output", of: outputs, value: typeReference("ValueType") }, doc: ["`in_force` first, then the outputs in written order, with their types"] },
        {
          name: "decisions",
          // Keyed by the outputs' names, as `outputs` is; the rules in a list, labels being any names too.
          type: { kind: "mapped", key: "Output", of: outputs, value: { kind: "array", element: typeReference("RuleDecision") }, optional: true },
          doc: ["per output but `in_force`, its rules (or its one expression), each with what an explanation cites when it decides"],
        },
        {
          name: "evaluate",
          type: {
            kind: "function",
            parameters,
            returns: outputs,
          },
        },
        {
          name: "outputsOnDemand",
          doc: ["each output a function that computes it when first called, with only what it needs"],
          type: {
            kind: "function",
            parameters,
            returns: typeReference("OnDemand"),
          },
        },
      ],
    };
  }

  private measuresTableInterface(): Declaration {
    return {
      kind: "interface",
      name: this.measuresTableType,
      members: this.measureEmitters.map((emitter, i) => ({
        name: this.program.measures[i]?.name ?? "",
        type: typeReference(this.compiledMeasureType, typeReference(emitter.factsType), typeReference(emitter.outputsType), typeReference(emitter.onDemandType)),
      })),
    };
  }
}

function referenceName(type: TypeNode): string {
  if (type.kind !== "reference") throw new Error("a named type was expected");
  return type.name;
}

function constantParts(value: LiteralValue, figure: string, type: ValueType, unit: string): { base: string; initialiser: Expression } {
  const amount = typeof value === "number" ? value : Number.NaN;
  switch (type.kind) {
    case "money": {
      const yuan = amount % 100 === 0 ? String(amount / 100) : figure;
      return { base: `${unit.toUpperCase()}_${literalNamePart(yuan)}`, initialiser: call("fen", [number(amount)]) };
    }
    case "percent":
      return { base: `PERCENT_${literalNamePart(figure)}`, initialiser: call("percentFromMillionths", [number(amount)]) };
    case "date": {
      const { year, month, day } = toYearMonthDay(amount as CalendarDate);
      return { base: `DATE_${literalNamePart(figure)}`, initialiser: call("calendarDate", [number(year), number(month), number(day)]) };
    }
    case "time":
      return { base: `TIME_${literalNamePart(figure)}`, initialiser: call("timeOfDay", [number(Math.floor(amount / 60)), number(amount % 60)]) };
    case "decimal":
    case "unrounded_money":
      return { base: `DECIMAL_${literalNamePart(figure)}`, initialiser: call("decimal", [string(figure)]) };
    default:
      throw new Error(`no constant for a ${type.kind} literal`);
  }
}

function describeParameter(parameter: ParameterIR | ScaleIR): string {
  const label = parameter.label ?? parameter.name;
  return parameter.unit === undefined ? label : `${label} (${parameter.unit})`;
}
