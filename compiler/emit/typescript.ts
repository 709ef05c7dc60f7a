/**
 * The TypeScript emitter: a checked policy as one strict, readable module that depends only
 * on the runtime. It exports a type per enum, an interface per record and entity, the
 * parameters (an interface, and a function per parameter giving its value on a date), per
 * measure its facts and outputs interfaces and its evaluator, and tables for a generic
 * driver (`factSchema`, `policy`, `measures`).
 *
 * emitJavaScript prints the same module without types, and its declarations (.d.ts), so
 * that no TypeScript compiler is needed to run a policy.
 */
import type { LiteralValue, ParameterIR, ProgramIR, ValueType } from "../ir.js";
import type { EnumDecl, RecordDecl } from "../../runtime/types.js";
import { lastDayInForce, parameterHasNoValueMessage, evaluationLocation } from "../interpret.js";
import { parseDate, parseMoney, parsePercent, parseTime, toYearMonthDay } from "../../runtime/index.js";
import {
  dataLiteral,
  docComment,
  functionHead,
  indent,
  LINE_WIDTH,
  precedence,
  primary,
  propertyAccess,
  propertyName,
  throwEvaluationError,
  type Code,
  type Mode,
} from "./code.js";
import { MeasureEmitter, type HelperName, type ModuleContext } from "./measure.js";
import { camelCase, literalNamePart, NameTable, pascalCase } from "./names.js";
import { blockCommentText, lineComment, stringLiteral } from "./escape.js";

export interface EmitOptions {
  /** the module specifier generated code imports the runtime from, e.g. "../../runtime/index.js" */
  readonly runtimeImport: string;
}

export function emitTypeScript(program: ProgramIR, options: EmitOptions): string {
  return new ModulePrinter(program, options, "ts").print();
}

export function emitJavaScript(program: ProgramIR, options: EmitOptions): { js: string; dts: string } {
  return { js: new ModulePrinter(program, options, "js").print(), dts: new ModulePrinter(program, options, "dts").print() };
}

/** Runtime exports generated code may use: reserved so that no policy name hides them. */
const RUNTIME_VALUES = [
  "EvaluationError", "addDays", "addDecimal", "addMoney", "addMonths", "calendarDate", "ceilDecimal", "compareDecimal",
  "decimal", "decimalFromInteger", "decimalFromPercent", "fen", "floorDecimal", "formatDate", "lastDayOfTerm", "maxOf", "minOf",
  "moneyToDecimal", "multiplyDecimal", "multiplyMoney", "multiplyMoneyByDecimal", "multiplyMoneyByPercent",
  "multiplyMoneyByPercentExact", "negateDecimal", "percentFromMillionths", "roundDecimal", "roundToFen",
  "subtractDecimal", "subtractMoney", "timeOfDay", "evaluateScenarioJson",
];
const RUNTIME_TYPES = ["CalendarDate", "Decimal", "FactSchema", "Money", "Percent", "TimeOfDay", "ValueType", "JsonEvaluation", "JsonEvaluationOptions"];
const HELPERS: readonly HelperName[] = ["present", "smallerDecimal", "largerDecimal"];

/** `// ------ name`: the comment that opens a section of the module. */
function section(name: string): string {
  return lineComment(`${"-".repeat(64)} ${name}`);
}

class ModulePrinter implements ModuleContext {
  readonly names = new NameTable();
  readonly parametersType: string;
  readonly overridesType: string;
  private readonly compiledMeasureType: string;
  private readonly measuresTableType: string;
  private readonly usedValues = new Set<string>();
  private readonly usedTypes = new Set<string>();
  private readonly usedHelpers = new Set<HelperName>();
  /** module constants by literal: name and initialiser */
  private readonly constants = new Map<string, { readonly name: string; readonly initialiser: string }>();
  private readonly typeNames = new Map<string, string>();
  private readonly parameterFunctions = new Map<string, string>();
  private readonly measureEmitters: readonly MeasureEmitter[];

  constructor(
    readonly program: ProgramIR,
    private readonly options: EmitOptions,
    readonly mode: Mode,
  ) {
    for (const name of [...RUNTIME_VALUES, ...RUNTIME_TYPES, ...HELPERS, "factSchema", "policy", "measures", "evaluateJson"]) this.names.reserve(name);
    for (const declaration of [...program.schema.enums, ...program.schema.records]) {
      this.typeNames.set(declaration.name, this.names.take(pascalCase(declaration.name)));
    }
    this.parametersType = this.names.take("PolicyParameters");
    this.overridesType = this.names.take("ParameterOverrides");
    this.compiledMeasureType = this.names.take("CompiledMeasure");
    this.measuresTableType = this.names.take("Measures");
    for (const parameter of program.parameters) {
      this.parameterFunctions.set(parameter.name, this.names.take(`${camelCase(parameter.name)}On`));
    }
    this.measureEmitters = program.measures.map((measure) => new MeasureEmitter(this, measure));
  }

  // ------------------------------------------------------------ ModuleContext

  runtime(name: string): string {
    this.usedValues.add(name);
    return name;
  }

  private runtimeType(name: string): string {
    this.usedTypes.add(name);
    return name;
  }

  helper(name: HelperName): string {
    this.usedHelpers.add(name);
    if (name === "smallerDecimal" || name === "largerDecimal") {
      this.runtime("compareDecimal");
      this.runtimeType("Decimal");
    }
    return name;
  }

  typeOf(type: ValueType): string {
    switch (type.kind) {
      case "bool":
        return "boolean";
      case "integer":
      case "months":
      case "days":
        return "number";
      case "decimal":
      case "unrounded_money":
        return this.runtimeType("Decimal");
      case "money":
        return this.runtimeType("Money");
      case "percent":
        return this.runtimeType("Percent");
      case "date":
        return this.runtimeType("CalendarDate");
      case "time":
        return this.runtimeType("TimeOfDay");
      case "enum":
        return this.recordType(type.name);
      case "record":
        return this.recordType(type.name);
      case "set":
        return `readonly ${this.recordType(type.of)}[]`;
      case "list":
        return `readonly ${this.recordType(type.of)}[]`;
      case "optional":
        return `${this.typeOf(type.of)} | null`;
    }
  }

  recordType(name: string): string {
    const typeName = this.typeNames.get(name);
    if (typeName === undefined) throw new Error(`the policy declares no type ${name}`);
    return typeName;
  }

  fieldType(record: string, field: string): ValueType | undefined {
    return this.program.schema.records.find((r) => r.name === record)?.fields.find((f) => f.name === field)?.type;
  }

  parameterFunction(name: string): string {
    const fn = this.parameterFunctions.get(name);
    if (fn === undefined) throw new Error(`the policy has no parameter ${name}`);
    return fn;
  }

  literal(value: LiteralValue, type: ValueType): Code {
    if (value === null) return primary("null");
    switch (type.kind) {
      case "optional":
        return this.literal(value, type.of);
      case "bool":
      case "integer":
      case "months":
      case "days":
        return typeof value === "number" && value < 0 ? { text: String(value), precedence: precedence.unary } : primary(String(value));
      case "enum":
        return primary(stringLiteral(String(value)));
      case "set":
        return primary(`[${(Array.isArray(value) ? value : []).map((m) => stringLiteral(m)).join(", ")}]`);
      default:
        return primary(this.constant(String(value), type));
    }
  }

  /** Money, percentages, decimals, dates and times are converted once, into module constants. */
  private constant(text: string, type: ValueType): string {
    const key = `${type.kind}:${text}`;
    const known = this.constants.get(key);
    if (known !== undefined) return known.name;
    const { base, initialiser } = this.constantParts(text, type);
    const name = this.names.take(base);
    this.constants.set(key, { name, initialiser });
    return name;
  }

  private constantParts(text: string, type: ValueType): { base: string; initialiser: string } {
    switch (type.kind) {
      case "money": {
        const fen = parseMoney(text);
        if (fen === undefined) throw new Error(`not an amount: ${text}`);
        const yuan = fen % 100 === 0 ? String(fen / 100) : text;
        return { base: `YUAN_${literalNamePart(yuan)}`, initialiser: `${this.runtime("fen")}(${fen})` };
      }
      case "percent": {
        const millionths = parsePercent(text);
        if (millionths === undefined) throw new Error(`not a percentage: ${text}`);
        return { base: `PERCENT_${literalNamePart(text)}`, initialiser: `${this.runtime("percentFromMillionths")}(${millionths})` };
      }
      case "date": {
        const date = parseDate(text);
        if (date === undefined) throw new Error(`not a date: ${text}`);
        const { year, month, day } = toYearMonthDay(date);
        return { base: `DATE_${literalNamePart(text)}`, initialiser: `${this.runtime("calendarDate")}(${year}, ${month}, ${day})` };
      }
      case "time": {
        const time = parseTime(text);
        if (time === undefined) throw new Error(`not a time: ${text}`);
        return { base: `TIME_${literalNamePart(text)}`, initialiser: `${this.runtime("timeOfDay")}(${Math.floor(time / 60)}, ${time % 60})` };
      }
      case "decimal":
      case "unrounded_money":
        return { base: `DECIMAL_${literalNamePart(text)}`, initialiser: `${this.runtime("decimal")}(${stringLiteral(text)})` };
      default:
        throw new Error(`no constant for a ${type.kind} literal`);
    }
  }

  // ------------------------------------------------------------ the module

  print(): string {
    // Sections first: printing them records the runtime exports and constants they use.
    const types = this.typeDeclarations();
    const parameters = this.parameterSection();
    const measures = this.measureEmitters.flatMap((emitter, i) => this.measureSection(emitter, i));
    const tables = this.tables();
    const helpers = this.mode === "dts" ? [] : this.helperFunctions();
    const constants = this.mode === "dts" ? [] : this.constantDeclarations();
    const parts = [this.header(), this.imports(), constants, helpers, types, parameters, measures, tables];
    return `${parts.filter((p) => p.length > 0).map((p) => p.join("\n")).join("\n\n")}\n`;
  }

  private header(): string[] {
    const { policy } = this.program;
    return docComment([
      policy.title,
      `${policy.document} — ${policy.issuer}, issued ${policy.issued}`,
      `policy ${policy.name}, version ${policy.version}`,
      "",
      "generated by tiao — do not edit",
    ]);
  }

  private imports(): string[] {
    const values = [...this.usedValues].sort();
    const types = [...this.usedTypes].sort();
    const from = stringLiteral(this.options.runtimeImport);
    const names =
      this.mode === "js" ? values : this.mode === "dts" ? types : [...values, ...types.map((t) => `type ${t}`)];
    if (names.length === 0) return [];
    const keyword = this.mode === "dts" ? "import type" : "import";
    const line = `${keyword} { ${names.join(", ")} } from ${from};`;
    if (line.length <= LINE_WIDTH) return [line];
    return [`${keyword} {`, ...names.map((n) => `  ${n},`), `} from ${from};`];
  }

  private constantDeclarations(): string[] {
    if (this.constants.size === 0) return [];
    const sorted = [...this.constants.values()].sort((a, b) => a.name.localeCompare(b.name));
    return ["// Amounts, percentages, dates and times of the policy, converted once.", ...sorted.map((c) => `const ${c.name} = ${c.initialiser};`)];
  }

  private helperFunctions(): string[] {
    const ts = this.mode === "ts";
    const blocks: string[][] = [];
    for (const helper of HELPERS) {
      if (!this.usedHelpers.has(helper)) continue;
      switch (helper) {
        case "present":
          blocks.push([
            ...docComment(["A value the policy tested to be present before this use (the checker makes sure of it)."]),
            functionHead(this.mode, { exported: false, name: "present", typeParameters: ts ? "<T>" : "", parameters: [{ name: "value", type: "T | null" }], returns: "T" }),
            '  if (value === null) throw new Error("a value tested to be present is absent");',
            "  return value;",
            "}",
          ]);
          break;
        case "smallerDecimal":
        case "largerDecimal": {
          const smaller = helper === "smallerDecimal";
          blocks.push([
            functionHead(this.mode, {
              exported: false,
              name: helper,
              parameters: [{ name: "a", type: "Decimal" }, { name: "b", type: "Decimal" }],
              returns: "Decimal",
            }),
            `  return compareDecimal(a, b) ${smaller ? "<=" : ">="} 0 ? a : b;`,
            "}",
          ]);
          break;
        }
      }
    }
    return blocks.flatMap((block, i) => (i === 0 ? block : ["", ...block]));
  }

  // ------------------------------------------------------------ types

  private typeDeclarations(): string[] {
    if (this.mode === "js") return [];
    const { enums, records } = this.program.schema;
    const blocks = [...enums.map((e) => this.enumType(e)), ...records.map((r) => this.recordInterface(r))];
    if (blocks.length === 0) return [];
    return [section("facts"), "", ...blocks.flatMap((block, i) => (i === 0 ? block : ["", ...block]))];
  }

  private enumType(declaration: EnumDecl): string[] {
    const name = this.recordType(declaration.name);
    const doc = declaration.label === undefined ? [] : docComment([declaration.label]);
    const labelled = declaration.members.some((m) => m.label !== undefined);
    const members = declaration.members.map((m) => stringLiteral(m.name));
    const flat = `export type ${name} = ${members.join(" | ")};`;
    if (!labelled && flat.length <= LINE_WIDTH) return [...doc, flat];
    const lines = declaration.members.flatMap((m) => [
      ...(m.label === undefined ? [] : [`  /** ${blockCommentText(m.label)} */`]),
      `  | ${stringLiteral(m.name)}`,
    ]);
    lines[lines.length - 1] += ";";
    return [...doc, `export type ${name} =`, ...lines];
  }

  private recordInterface(declaration: RecordDecl): string[] {
    const name = this.recordType(declaration.name);
    const what = declaration.entity ? `entity ${declaration.name}` : `record ${declaration.name}`;
    const doc = docComment([declaration.label === undefined ? what : `${declaration.label} (${what})`]);
    const fields = declaration.fields.flatMap((field) => [
      ...(field.label === undefined ? [] : [`  /** ${blockCommentText(field.label)} */`]),
      `  readonly ${propertyName(field.name)}: ${this.typeOf(field.type)};`,
    ]);
    return [...doc, `export interface ${name} {`, ...fields, "}"];
  }

  // ------------------------------------------------------------ parameters

  private parameterSection(): string[] {
    const { parameters } = this.program;
    const lines: string[] = [section("parameters"), ""];
    if (this.mode !== "js") {
      const fields = parameters.flatMap((p) => [
        ...(p.label === undefined && p.unit === undefined ? [] : [`  /** ${blockCommentText(describeParameter(p))} */`]),
        `  readonly ${propertyName(p.name)}: ${this.typeOf(p.type)};`,
      ]);
      lines.push(
        ...docComment(["The figures of the policy. Each has dated values; a scenario may override any of them, whatever the date."]),
        `export interface ${this.parametersType} {`,
        ...fields,
        "}",
        "",
        `export type ${this.overridesType} = Partial<${this.parametersType}>;`,
      );
    }
    for (const parameter of parameters) lines.push("", ...this.parameterValueFunction(parameter));
    return lines;
  }

  private parameterValueFunction(parameter: ParameterIR): string[] {
    const name = this.parameterFunction(parameter.name);
    const doc = docComment([`${describeParameter(parameter)}: the value in force on a date, or the scenario's override.`]);
    const head = functionHead(this.mode, {
      exported: true,
      name,
      parameters: [
        { name: "asOf", type: this.typeOf({ kind: "date" }) },
        { name: "overrides", type: this.overridesType, default: "{}" },
      ],
      returns: this.typeOf(parameter.type),
    });
    if (this.mode === "dts") return [...doc, head];
    // Only the overrides' own properties: a parameter may be named like a property every object has (`constructor`).
    const override = `Object.hasOwn(overrides, ${stringLiteral(parameter.name)}) ? ${propertyAccess("overrides", parameter.name)} : undefined`;
    const body: string[] = [
      `const override = ${override};`,
      "if (override !== undefined) return override;",
    ];
    parameter.values.forEach((value, index) => {
      const source = value.source.kind === "clause" ? `${value.source.citation.clause} "${value.source.citation.quote}"` : value.source.text;
      body.push(lineComment(source));
      if (value.note !== undefined) body.push(lineComment(`note: ${value.note}`));
      const from = `asOf >= ${this.constant(value.from, { kind: "date" })}`;
      const lastDay = lastDayInForce(parameter, index);
      const range = lastDay === undefined ? from : `${from} && asOf <= ${this.constant(lastDay, { kind: "date" })}`;
      body.push(`if (${range}) return ${this.literal(value.value, parameter.type).text};`);
    });
    const message = `${stringLiteral(parameterHasNoValueMessage(parameter))} + ${this.runtime("formatDate")}(asOf)`;
    body.push(...throwEvaluationError(this.runtime("EvaluationError"), "parameter_has_no_value", message, evaluationLocation(parameter.span)));
    return [...doc, head, ...indent(body), "}"];
  }

  // ------------------------------------------------------------ measures

  private measureSection(emitter: MeasureEmitter, index: number): string[] {
    const measure = this.program.measures[index];
    if (measure === undefined) return [];
    const title = section(`measure ${measure.name}${measure.title === undefined ? "" : ` ${measure.title}`}`);
    const interfaces = this.mode === "js" ? [] : [...emitter.interfaces(), ""];
    const code = this.mode === "dts" ? emitter.declaration() : emitter.implementation();
    return [...(index === 0 ? [] : [""]), title, "", ...interfaces, ...code];
  }

  // ------------------------------------------------------------ tables for generic drivers

  private tables(): string[] {
    const { policy } = this.program;
    const info = { name: policy.name, title: policy.title, document: policy.document, issuer: policy.issuer, issued: policy.issued, version: policy.version };
    const lines = [section("for generic drivers"), ""];
    if (this.mode === "dts") {
      lines.push(
        `export declare const policy: { ${Object.keys(info).map((k) => `readonly ${k}: string;`).join(" ")} };`,
        "",
        `export declare const factSchema: ${this.runtimeType("FactSchema")};`,
      );
    } else {
      lines.push(`export const policy = ${dataLiteral(info)};`, "", `export const factSchema${this.annotation(this.runtimeType("FactSchema"))} = ${dataLiteral(this.program.schema)};`);
    }
    if (this.mode !== "js") lines.push("", ...this.compiledMeasureInterface(), "", ...this.measuresTableInterface());
    const entries = this.measureEmitters.map((emitter, i) => {
      const measure = this.program.measures[i];
      if (measure === undefined) throw new Error("a measure without an emitter");
      // From entries: an output named `__proto__` is then a property like any other.
      const outputs: { [output: string]: ValueType } = Object.fromEntries([
        ["in_force", { kind: "bool" }],
        ...measure.outputs.flatMap((name) => measure.definitions.filter((d) => d.name === name).map((d) => [name, d.type] as const)),
      ]);
      const body = [
        `title: ${stringLiteral(measure.title ?? measure.name)},`,
        `reads: ${dataLiteral(measure.reads, "    ")},`,
        `outputs: ${dataLiteral(outputs, "    ")},`,
        `evaluate: ${emitter.functionName},`,
      ];
      return [`  ${propertyName(measure.name)}: {`, ...indent(body, 2), "  },"];
    });
    if (this.mode === "dts") {
      lines.push("", `export declare const measures: ${this.measuresTableType};`);
    } else {
      lines.push("", `export const measures${this.annotation(this.measuresTableType)} = {`, ...entries.flat(), "};");
    }
    return [...lines, "", ...this.jsonEntryPoint()];
  }

  /** `evaluateJson`: scenario JSON in, the result `tiao run` prints out, read and checked as `tiao run` does. */
  private jsonEntryPoint(): string[] {
    const doc = docComment([
      "A scenario's JSON (its text, or the value JSON.parse gives) → the outputs `tiao run` prints,",
      "per measure the scenario gives the facts for (or those of `options.measures`). Read and checked",
      'as `tiao run` reads it: amounts in yuan (`12345.67` or `"12345.67"`), never in fen.',
    ]);
    const evaluation = this.runtimeType("JsonEvaluation");
    const options = this.runtimeType("JsonEvaluationOptions");
    if (this.mode === "dts") return [...doc, `export declare function evaluateJson(scenario: string | object, options?: ${options}): ${evaluation};`];
    const run = this.runtime("evaluateScenarioJson");
    const head = this.mode === "ts" ? `export function evaluateJson(scenario: string | object, options: ${options} = {}): ${evaluation} {` : "export function evaluateJson(scenario, options = {}) {";
    return [...doc, head, `  return ${run}({ factSchema, measures }, scenario, options);`, "}"];
  }

  private annotation(type: string): string {
    return this.mode === "ts" ? `: ${type}` : "";
  }

  private compiledMeasureInterface(): string[] {
    const date = this.typeOf({ kind: "date" });
    const valueType = this.runtimeType("ValueType");
    return [
      ...docComment(["What a generic driver needs to run a measure."]),
      `export interface ${this.compiledMeasureType}<Facts, Outputs> {`,
      "  readonly title: string;",
      "  /** the fact paths it reads: it is evaluated only when a scenario gives them all */",
      "  readonly reads: readonly string[];",
      "  /** `in_force` first, then the outputs in written order, with their types */",
      // Keyed by the outputs' names: an index signature would not type an output named `constructor`.
      `  readonly outputs: { readonly [Output in keyof Outputs]: ${valueType} };`,
      `  readonly evaluate: (facts: Facts, asOf: ${date}, overrides?: ${this.overridesType}) => Outputs;`,
      "}",
    ];
  }

  private measuresTableInterface(): string[] {
    const entries = this.measureEmitters.map((emitter, i) => {
      const name = this.program.measures[i]?.name ?? "";
      return `  readonly ${propertyName(name)}: ${this.compiledMeasureType}<${emitter.factsType}, ${emitter.outputsType}>;`;
    });
    return [`export interface ${this.measuresTableType} {`, ...entries, "}"];
  }
}

function describeParameter(parameter: ParameterIR): string {
  const label = parameter.label ?? parameter.name;
  return parameter.unit === undefined ? label : `${label} (${parameter.unit})`;
}
