/**
 * Small builders for hand-made IR in tests: a checked program without the parser and the
 * checker. Each node gets a span on its own line, so that locations in messages differ.
 */
import type {
  ArithmeticOp,
  CitationIR,
  ComparisonOp,
  DefinitionIR,
  ExprIR,
  LiteralValue,
  MeasureIR,
  ParameterIR,
  ScaleIR,
  ParameterValueIR,
  ProgramIR,
  RuleIR,
  SourceSpan,
  ValueType,
  WindowIR,
} from "../../compiler/ir.js";
import type { EnumDecl, FieldDecl, RecordDecl } from "../../runtime/types.js";
import { choiceOf, comparisonOf, roundingOf } from "../../compiler/operations.js";
import { decimalLiteral } from "../../compiler/literals.js";
import { parseDate, parseDecimal, parseMoney, parsePercent, parseTime, type CalendarDate } from "../../runtime/index.js";

let nextLine = 1;

export function span(line = nextLine++): SourceSpan {
  return { file: "test.tiao", line, column: 3, endLine: line, endColumn: 10, start: 0, end: 7 };
}

export const t = {
  bool: { kind: "bool" },
  integer: { kind: "integer" },
  decimal: { kind: "decimal" },
  money: { kind: "money" },
  unrounded: { kind: "unrounded_money" },
  percent: { kind: "percent" },
  date: { kind: "date" },
  time: { kind: "time" },
  text: { kind: "text" },
  months: { kind: "months" },
  days: { kind: "days" },
  enum: (name: string): ValueType => ({ kind: "enum", name }),
  set: (of: string): ValueType => ({ kind: "set", of }),
  list: (of: string): ValueType => ({ kind: "list", of }),
  record: (name: string): ValueType => ({ kind: "record", name }),
  optional: (of: ValueType): ValueType => ({ kind: "optional", of }),
} as const satisfies { readonly [name: string]: ValueType | ((name: never) => ValueType) };

type Expr = ExprIR;
type Unspanned = ExprIR extends infer X ? (X extends unknown ? Omit<X, "span"> : never) : never;

function node(fields: Unspanned): Expr {
  return { ...fields, span: span() };
}

/** Expressions; the type of the result comes last where it cannot be inferred. */
export const e = {
  literal: (value: LiteralValue, type: ValueType): Expr => node({ op: "literal", value, type }),
  bool: (value: boolean): Expr => node({ op: "literal", value, type: t.bool }),
  int: (value: number): Expr => node({ op: "literal", value, type: t.integer }),
  months: (value: number): Expr => node({ op: "literal", value, type: t.months }),
  days: (value: number): Expr => node({ op: "literal", value, type: t.days }),
  money: (text: string): Expr => node({ op: "literal", value: decoded(text, t.money), type: t.money }),
  percent: (text: string): Expr => node({ op: "literal", value: decoded(text, t.percent), type: t.percent }),
  decimal: (text: string): Expr => node({ op: "literal", value: decoded(text, t.decimal), type: t.decimal }),
  date: (text: string): Expr => node({ op: "literal", value: decoded(text, t.date), type: t.date }),
  time: (text: string): Expr => node({ op: "literal", value: decoded(text, t.time), type: t.time }),
  member: (enumName: string, member: string): Expr => node({ op: "literal", value: member, type: t.enum(enumName) }),
  members: (enumName: string, members: readonly string[]): Expr =>
    node({ op: "literal", value: [...members].sort(), type: t.set(enumName) }),
  absent: (of: ValueType): Expr => node({ op: "literal", value: null, type: t.optional(of) }),
  fact: (entity: string, field: string, type: ValueType): Expr => node({ op: "fact", entity, field, type }),
  field: (object: Expr, field: string, type: ValueType): Expr => node({ op: "field", object, field, type }),
  parameter: (name: string, type: ValueType): Expr => node({ op: "parameter", name, type }),
  definition: (name: string, type: ValueType): Expr => node({ op: "definition", name, type }),
  call: (definition: string, args: readonly Expr[], type: ValueType): Expr => node({ op: "call", definition, args, type }),
  local: (name: string, type: ValueType): Expr => node({ op: "local", name, type }),
  not: (operand: Expr): Expr => node({ op: "not", operand, type: t.bool }),
  and: (left: Expr, right: Expr): Expr => node({ op: "and", left, right, type: t.bool }),
  or: (left: Expr, right: Expr): Expr => node({ op: "or", left, right, type: t.bool }),
  compare: (operator: ComparisonOp, left: Expr, right: Expr): Expr => {
    const operandType = left.type.kind === "optional" ? left.type.of : left.type;
    return node({ op: "compare", operator, operation: defined(comparisonOf(operandType.kind)), operandType, left, right, type: t.bool });
  },
  arithmetic: (operator: ArithmeticOp, left: Expr, right: Expr, type: ValueType): Expr =>
    node({ op: "arithmetic", operator, left, right, type }),
  negate: (operand: Expr): Expr => node({ op: "negate", operand, type: t.decimal }),
  round: (operand: Expr, mode: "half_up" | "down" | "up" = "half_up"): Expr =>
    node({ op: "round", operation: roundingOf(operand), mode, operand, type: operand.type.kind === "unrounded_money" ? t.money : t.integer }),
  floor: (operand: Expr): Expr => node({ op: "floor", operand, type: t.integer }),
  ceil: (operand: Expr): Expr => node({ op: "ceil", operand, type: t.integer }),
  min: (left: Expr, right: Expr): Expr => node({ op: "min", operation: defined(choiceOf("min", left.type.kind)), left, right, type: left.type }),
  max: (left: Expr, right: Expr): Expr => node({ op: "max", operation: defined(choiceOf("max", left.type.kind)), left, right, type: left.type }),
  convert: (conversion: Extract<ExprIR, { op: "convert" }>["conversion"], operand: Expr, type: ValueType): Expr =>
    node({ op: "convert", conversion, operand, type }),
  if: (condition: Expr, then: Expr, otherwise: Expr): Expr => node({ op: "if", condition, then, else: otherwise, type: then.type }),
  match: (
    subject: Expr,
    arms: readonly (readonly [readonly string[], Expr])[],
    otherwise?: Expr,
  ): Expr => {
    const [first] = arms;
    const type = first?.[1].type ?? otherwise?.type ?? t.bool;
    const written = arms.map(([members, value]) => ({ members, value }));
    return node(otherwise === undefined ? { op: "match", subject, arms: written, type } : { op: "match", subject, arms: written, otherwise, type });
  },
  in: (element: Expr, set: Expr): Expr => node({ op: "in", element, set, type: t.bool }),
  isPresent: (operand: Expr): Expr => node({ op: "is_present", operand, type: t.bool }),
  isAbsent: (operand: Expr): Expr => node({ op: "is_absent", operand, type: t.bool }),
  otherwise: (left: Expr, right: Expr): Expr => node({ op: "otherwise", left, right, type: right.type }),
  count: (variable: string, list: Expr, filter?: Expr): Expr =>
    node({ op: "aggregate", operator: "count", variable, list, ...(filter === undefined ? {} : { filter }), type: t.integer }),
  any: (variable: string, list: Expr, filter?: Expr): Expr =>
    node({ op: "aggregate", operator: "any", variable, list, ...(filter === undefined ? {} : { filter }), type: t.bool }),
  all: (variable: string, list: Expr, filter?: Expr): Expr =>
    node({ op: "aggregate", operator: "all", variable, list, ...(filter === undefined ? {} : { filter }), type: t.bool }),
  sum: (value: Expr, variable: string, list: Expr, filter?: Expr): Expr =>
    node({ op: "aggregate", operator: "sum", variable, list, value, ...(filter === undefined ? {} : { filter }), type: value.type }),
};

export function cites(clause: string, quote: string): CitationIR {
  const match = /^§(\d+)(?:¶(\d+))?$/.exec(clause);
  if (match === null) throw new Error(`bad clause ${clause}`);
  const paragraph = match[2] === undefined ? {} : { paragraph: Number(match[2]) };
  return { clause, measure: Number(match[1]), ...paragraph, quote, span: span() };
}

export function window(from: Expr, until?: Expr): WindowIR {
  return { from, ...(until === undefined ? {} : { until }), span: span() };
}

interface RuleOptions {
  readonly when?: Expr;
  readonly cites?: CitationIR;
  readonly note?: string;
  readonly window?: WindowIR;
  readonly exceptions?: readonly RuleIR[];
}

function ruleOf(kind: RuleIR["kind"], label: string, value: Expr, options: RuleOptions): RuleIR {
  return {
    kind,
    label,
    value,
    ...(options.when === undefined ? {} : { condition: options.when }),
    citation: options.cites ?? cites("§1", `quote of ${label}`),
    ...(options.note === undefined ? {} : { note: options.note }),
    ...(options.window === undefined ? {} : { window: options.window }),
    exceptions: options.exceptions ?? [],
    span: span(),
  };
}

export function rule(label: string, value: Expr, options: RuleOptions = {}): RuleIR {
  return ruleOf("rule", label, value, options);
}

export function exception(label: string, value: Expr, options: RuleOptions = {}): RuleIR {
  return ruleOf("exception", label, value, options);
}

interface DefinitionOptions {
  readonly visibility?: "output" | "let";
  readonly parameters?: readonly { readonly name: string; readonly type: ValueType }[];
  readonly cites?: CitationIR;
  readonly note?: string;
}

/** `output name: type = value cites …` */
export function simple(name: string, type: ValueType, value: Expr, options: DefinitionOptions = {}): DefinitionIR {
  const rule: RuleIR = {
    kind: "simple",
    label: name,
    value,
    citation: options.cites ?? cites("§1", `quote of ${name}`),
    ...(options.note === undefined ? {} : { note: options.note }),
    exceptions: [],
    span: span(),
  };
  return { name, visibility: options.visibility ?? "output", parameters: options.parameters ?? [], type, rules: [rule], span: span() };
}

/** `output name: type { rule … exception … }` */
export function cases(name: string, type: ValueType, rules: readonly RuleIR[], options: DefinitionOptions = {}): DefinitionIR {
  return { name, visibility: options.visibility ?? "output", parameters: options.parameters ?? [], type, rules, span: span() };
}

/**
 * A literal written as the IR's tests write it (`"1458.00"` yuan, `"60"` percent,
 * `"2021-10-20"`, `"12.5"`), decoded as the checker decodes it.
 */
export function decoded(written: string | boolean | number | null | readonly string[], type: ValueType): LiteralValue {
  if (typeof written !== "string") return written;
  const parsed = (() => {
    switch (type.kind === "optional" ? type.of.kind : type.kind) {
      case "money":
        return parseMoney(written);
      case "percent":
        return parsePercent(written);
      case "date":
        return parseDate(written);
      case "time":
        return parseTime(written);
      case "decimal":
      case "unrounded_money": {
        const value = parseDecimal(written);
        return value === undefined ? undefined : decimalLiteral(value);
      }
      default:
        return written;
    }
  })();
  if (parsed === undefined) throw new Error(`${written} is not a literal of type ${type.kind}`);
  return parsed;
}

/** A parameter value as written; `parameter` decodes it by the parameter's type. */
export interface WrittenValue {
  readonly literal: string | boolean | number | null | readonly string[];
  readonly from: string;
  readonly until?: string;
  readonly source?: string;
  readonly note?: string;
}

export function value(literal: WrittenValue["literal"], from: string, options: { until?: string; source?: string; note?: string } = {}): WrittenValue {
  return { literal, from, ...options };
}

function dateOf(text: string): CalendarDate {
  const date = parseDate(text);
  if (date === undefined) throw new Error(`${text} is not a date`);
  return date;
}

/** A value of a parameter, in force until its `until`, or else the day before the next value's `from`. */
function parameterValue(written: WrittenValue, type: ValueType, next: WrittenValue | undefined): ParameterValueIR {
  const until = written.until !== undefined ? dateOf(written.until) : next === undefined ? undefined : ((dateOf(next.from) - 1) as CalendarDate);
  return {
    value: decoded(written.literal, type),
    from: dateOf(written.from),
    ...(until === undefined ? {} : { until }),
    source: written.source === undefined ? { kind: "clause", citation: cites("§1", "figure") } : { kind: "document", text: written.source, span: span() },
    ...(written.note === undefined ? {} : { note: written.note }),
    span: span(),
  };
}

export function parameter(name: string, type: ValueType, values: readonly WrittenValue[], label?: string): ParameterIR {
  const decodedValues = values.map((written, index) => parameterValue(written, type, values[index + 1]));
  return { name, type, ...(label === undefined ? {} : { label }), values: decodedValues, span: span() };
}

function expressionsOf(definition: DefinitionIR): ExprIR[] {
  const all: ExprIR[] = [];
  const visit = (rule: RuleIR): void => {
    if (rule.condition !== undefined) all.push(rule.condition);
    all.push(rule.value);
    if (rule.window !== undefined) all.push(rule.window.from, ...(rule.window.until === undefined ? [] : [rule.window.until]));
    rule.exceptions.forEach(visit);
  };
  definition.rules.forEach(visit);
  return all;
}

function* nodes(expr: ExprIR): Generator<ExprIR> {
  yield expr;
  for (const child of Object.values(expr)) {
    if (Array.isArray(child)) {
      for (const item of child) {
        if (isExpr(item)) yield* nodes(item);
        else if (typeof item === "object" && item !== null && "value" in item && isExpr(item.value)) yield* nodes(item.value);
      }
    } else if (isExpr(child)) yield* nodes(child);
  }
}

function isExpr(value: unknown): value is ExprIR {
  return typeof value === "object" && value !== null && "op" in value && "span" in value;
}

/** A measure; `reads` and `parametersRead` are found from its expressions as the checker would. */
export function measure(
  name: string,
  definitions: readonly DefinitionIR[],
  options: { title?: string; window?: WindowIR; outputs?: readonly string[]; cites?: CitationIR } = {},
): MeasureIR {
  const expressions = definitions.flatMap(expressionsOf);
  if (options.window !== undefined) {
    expressions.push(options.window.from, ...(options.window.until === undefined ? [] : [options.window.until]));
  }
  const all = expressions.flatMap((x) => [...nodes(x)]);
  const reads = new Set<string>();
  const parametersRead = new Set<string>();
  for (const x of all) {
    if (x.op === "fact") reads.add(`${x.entity}.${x.field}`);
    if (x.op === "parameter") parametersRead.add(x.name);
  }
  return {
    name,
    ...(options.title === undefined ? {} : { title: options.title }),
    ...(options.cites === undefined ? {} : { citation: options.cites }),
    ...(options.window === undefined ? {} : { window: options.window }),
    reads: [...reads].sort(),
    parametersRead: [...parametersRead].sort(),
    definitions,
    outputs: options.outputs ?? definitions.filter((d) => d.visibility === "output").map((d) => d.name),
    notComputable: [],
    span: span(),
  };
}

export function enumDecl(name: string, members: readonly string[], label?: string): EnumDecl {
  return { name, ...(label === undefined ? {} : { label }), members: members.map((m) => ({ name: m })), span: span() };
}

export function field(name: string, type: ValueType, label?: string): FieldDecl {
  return { name, type, ...(label === undefined ? {} : { label }), span: span() };
}

export function recordDecl(name: string, fields: readonly FieldDecl[], options: { entity?: boolean; label?: string } = {}): RecordDecl {
  return { name, entity: options.entity ?? false, ...(options.label === undefined ? {} : { label: options.label }), fields, span: span() };
}

export function entityDecl(name: string, fields: readonly FieldDecl[], label?: string): RecordDecl {
  return recordDecl(name, fields, { entity: true, ...(label === undefined ? {} : { label }) });
}

export function program(parts: {
  enums?: readonly EnumDecl[];
  records: readonly RecordDecl[];
  parameters?: readonly ParameterIR[];
  scales?: readonly ScaleIR[];
  measures: readonly MeasureIR[];
}): ProgramIR {
  const parameters = parts.parameters ?? [];
  return {
    policy: {
      name: "test_policy",
      title: "测试政策",
      document: "测试〔2021〕1号",
      issuer: "测试局",
      issued: "2021-11-05",
      version: "1.0.0",
      span: span(),
    },
    schema: { enums: parts.enums ?? [], records: parts.records, parameters: parameters.map((p) => ({ name: p.name, type: p.type })) },
    parameters,
    scales: parts.scales ?? [],
    measures: parts.measures,
  };
}

function defined<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("no operation of the table for these operands");
  return value;
}
