/**
 * The example policies together use every construct of the language (docs/language.md).
 * Their syntax trees are walked for every form of declaration, type, definition and
 * expression, their IR for every operation of the units table, and their scenario tests for
 * every kind of expectation. A construct that no example uses fails the test by name.
 *
 * The lists of members are written out against the unions of compiler/ast.ts and
 * compiler/ir.ts; `allOf` makes the compiler reject a list that misses a member.
 */
import { describe, expect, it } from "vitest";
import type {
  BinaryOperator,
  Declaration,
  Definition,
  EffectiveWindow,
  Expr,
  HeaderField,
  ParameterDeclaration,
  PrimitiveTypeName,
  RuleCase,
  TypeExpr,
} from "../../compiler/ast.js";
import { compile } from "../../compiler/compile.js";
import type { ArithmeticOp, Conversion, ExprIR, ExprNode, RuleIR, WindowIR } from "../../compiler/ir.js";
import { parseFile } from "../../compiler/parse.js";
import { examplePolicies, type ExamplePolicy } from "./load.js";

/** The members of a union of names, each listed once: a list that misses one does not compile. */
function allOf<T extends string>(members: { readonly [K in T]: true }): T[] {
  return Object.keys(members) as T[];
}

type AggregateOperator = Extract<Expr, { kind: "aggregate" }>["operator"];
type RoundingMode = Extract<ExprNode, { op: "round" }>["mode"];

const expressionForms = allOf<Expr["kind"]>({
  bool: true, number: true, money: true, percent: true, duration: true, date: true, time: true, text: true, absent: true,
  evaluation_date: true, name: true, field: true, call: true, unary: true, binary: true, in: true, is: true, if: true, match: true,
  set: true, aggregate: true, over: true, paren: true,
});
const binaryOperators = allOf<BinaryOperator>({
  "+": true, "-": true, "*": true, "/": true, "=": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
  and: true, or: true, otherwise: true,
});
const typeForms = allOf<TypeExpr["kind"]>({ primitive: true, named: true, set: true, list: true, optional: true, series: true });
const primitiveTypes = allOf<PrimitiveTypeName>({
  bool: true, integer: true, decimal: true, money: true, percent: true, date: true, time: true, text: true, months: true, days: true,
});
const headerKeys = allOf<HeaderField["key"]>({ title: true, document: true, issuer: true, issued: true, version: true, notice: true, amends: true, currency: true });
const aggregateOperators = allOf<AggregateOperator>({ count: true, sum: true, any: true, all: true, max: true, min: true });
const arithmeticOperations = allOf<ArithmeticOp>({
  money_add: true, money_sub: true, money_mul_integer: true, money_mul_months: true, money_mul_percent: true, money_mul_decimal: true,
  unrounded_add: true, unrounded_sub: true,
  integer_add: true, integer_sub: true, integer_mul: true, integer_mul_percent: true,
  decimal_add: true, decimal_sub: true, decimal_mul: true, decimal_mul_percent: true,
  months_add: true, months_sub: true, months_mul_integer: true,
  days_add: true, days_sub: true, days_mul_integer: true,
  date_add_months: true, date_sub_months: true, date_add_days: true, date_sub_days: true, date_diff: true,
  unrounded_mul_decimal: true, unrounded_mul_percent: true,
  money_div_integer: true, money_div_decimal: true, money_div_money: true, unrounded_div_decimal: true, decimal_div: true,
});
const conversions = allOf<Conversion>({
  integer_to_decimal: true, money_to_unrounded: true, to_optional: true, integer_to_months: true, integer_to_days: true,
});
const roundingModes = allOf<RoundingMode>({ half_up: true, down: true, up: true });
/** The built-in functions of the language reference. */
const builtins = [
  "min", "max", "round", "round_down", "round_up", "floor", "ceil", "months", "days", "years", "last_day_of_term",
  "completed_years", "completed_months", "year_of", "month_of", "first_day_of_month", "last_day_of_month",
  "first_day_of_year", "last_day_of_year", "marginal", "single_rate", "value_at", "starts_with",
];
/** The kinds `min` and `max` choose between, and those `sum` adds up (language reference, units table). */
const orderedKinds = ["money", "integer", "decimal", "months", "days", "date", "time", "percent"];
const summableKinds = ["money", "integer", "decimal", "months", "days"];

// ---------------------------------------------------------------- the syntax trees

/** What a walk knows of the policy around the node it is at. */
interface Surroundings {
  readonly found: Set<string>;
  readonly enums: ReadonlySet<string>;
  /** record types (not entities), to tell a nested record from an enum-typed field */
  readonly records: ReadonlySet<string>;
  readonly parameters: ReadonlyMap<string, ParameterDeclaration>;
  /** the parameterised definitions of the enclosing measure */
  readonly parameterised: ReadonlySet<string>;
  readonly inAggregate: boolean;
}

function surveyPolicy(example: ExamplePolicy, found: Set<string>, problems: string[]): void {
  const files = example.sources.map((source) => {
    const { ast, diagnostics } = parseFile(source.path, source.text);
    for (const diagnostic of diagnostics) problems.push(`${source.path}: ${diagnostic.message}`);
    return ast;
  });
  const declarations = files.flatMap((file) => file.declarations);
  const filesWithHeader = files.filter((file) => file.declarations.some((d) => d.kind === "policy"));
  if (files.length > 1 && filesWithHeader.length === 1) found.add("a policy over several files");
  const surroundings: Surroundings = {
    found,
    enums: new Set(declarations.flatMap((d) => (d.kind === "enum" ? [d.name.name] : []))),
    records: new Set(declarations.flatMap((d) => (d.kind === "record" && !d.entity ? [d.name.name] : []))),
    parameters: new Map(declarations.flatMap((d) => (d.kind === "parameter" ? [[d.name.name, d] as const] : []))),
    parameterised: new Set(),
    inAggregate: false,
  };
  for (const declaration of declarations) surveyDeclaration(declaration, surroundings);
}

function surveyDeclaration(declaration: Declaration, around: Surroundings): void {
  const { found } = around;
  switch (declaration.kind) {
    case "policy":
      for (const field of declaration.fields) found.add(`header ${field.key}`);
      return;
    case "enum":
      found.add("enum");
      return;
    case "record":
      found.add(declaration.entity ? "entity" : "record");
      for (const field of declaration.fields) {
        surveyType(field.type, around);
        if (field.type.kind === "named" && around.records.has(field.type.name.name)) found.add("nested record");
      }
      return;
    case "parameter":
      surveyParameter(declaration, around);
      return;
    case "measure": {
      found.add("measure");
      if (declaration.citation !== undefined) found.add("measure cites");
      if (declaration.window === undefined) found.add("measure without a window");
      else surveyWindow(declaration.window, "measure", around);
      const definitions = declaration.items.filter((item): item is Definition => item.kind === "definition");
      const parameterised = new Set(definitions.filter((d) => d.parameters.length > 0).map((d) => d.name.name));
      for (const item of declaration.items) {
        if (item.kind === "not_computable") found.add("not computable");
        else if (item.kind === "repeal") found.add("repeal in a measure");
        else surveyDefinition(item, { ...around, parameterised });
      }
      return;
    }
  }
}

function surveyParameter(parameter: ParameterDeclaration, around: Surroundings): void {
  const { found } = around;
  found.add("parameter");
  surveyType(parameter.type, around);
  if (parameter.unit !== undefined) found.add("parameter unit");
  if (parameter.values.length > 1) found.add("parameter with several dated values");
  for (const value of parameter.values) {
    if (value.until !== undefined) found.add("parameter value until a date");
    if (value.note !== undefined) found.add("parameter value note");
    found.add(value.source.kind === "clause" ? "parameter source: a clause" : "parameter source: another document");
    surveyExpr(value.value, around);
  }
}

function surveyType(type: TypeExpr, around: Surroundings): void {
  around.found.add(`type ${type.kind}`);
  if (type.kind === "primitive") around.found.add(`type ${type.name}`);
  if (type.kind === "optional") surveyType(type.of, around);
}

function surveyWindow(window: EffectiveWindow, owner: string, around: Surroundings): void {
  const { found } = around;
  found.add(`${owner} window`);
  if (window.from?.kind === "date" && window.until?.kind === "date") found.add(`${owner} window with fixed dates`);
  const until = window.until?.kind === "name" ? around.parameters.get(window.until.name.name) : undefined;
  if (window.from?.kind === "name" && until?.type.kind === "optional" && until.values.some((v) => v.value.kind === "absent")) {
    found.add(`${owner} window between parameters, open while the end is absent`);
  }
  if (window.from !== undefined) surveyExpr(window.from, around);
  if (window.until !== undefined) surveyExpr(window.until, around);
}

function surveyDefinition(definition: Definition, around: Surroundings): void {
  const { found } = around;
  found.add(definition.visibility);
  surveyType(definition.type, around);
  if (definition.parameters.some((parameter) => parameter.members !== undefined)) found.add("output for each member");
  else if (definition.parameters.length > 0) found.add("parameterised definition");
  for (const parameter of definition.parameters) {
    if (parameter.type !== undefined) surveyType(parameter.type, around);
    else surveyExpr(parameter.members, around);
  }
  if (definition.body.kind === "simple") {
    found.add("simple definition");
    surveyCase(definition.body.rule, [], around);
  } else {
    found.add("rules and exceptions");
    for (const c of definition.body.cases) surveyCase(c, definition.body.cases, around);
  }
}

function surveyCase(rule: RuleCase, siblings: readonly RuleCase[], around: Surroundings): void {
  const { found } = around;
  if (rule.note !== undefined) found.add("note");
  if (rule.kind === "rule") {
    found.add("rule");
    if (rule.condition !== undefined) found.add("rule with when");
  }
  if (rule.kind === "exception") {
    const target = siblings.find((sibling) => sibling.label?.name === rule.overrides?.name);
    found.add(rule.overrides === undefined ? "exception to the only rule" : `exception to ${target?.kind === "exception" ? "an exception" : "a rule"}`);
  }
  if (rule.window !== undefined) surveyWindow(rule.window, rule.kind, around);
  if (rule.condition !== undefined) surveyExpr(rule.condition, around);
  surveyExpr(rule.value, around);
}

function withoutParentheses(expr: Expr): Expr {
  return expr.kind === "paren" ? withoutParentheses(expr.inner) : expr;
}

function isTest(expr: Expr, test: "present" | "absent"): boolean {
  const bare = withoutParentheses(expr);
  return bare.kind === "is" && bare.test === test;
}

function surveyExpr(expr: Expr, around: Surroundings): void {
  const { found } = around;
  found.add(`expression ${expr.kind}`);
  switch (expr.kind) {
    case "bool":
      found.add(`literal ${expr.value}`);
      break;
    case "duration":
      found.add(`duration in ${expr.unit}`);
      break;
    case "unary":
      found.add(`unary ${expr.operator}`);
      break;
    case "binary":
      found.add(`operator ${expr.operator}`);
      if (expr.operator === "and" && isTest(expr.left, "present")) found.add("`is present and …` narrows");
      if (expr.operator === "or" && isTest(expr.left, "absent")) found.add("`is absent or …` narrows");
      break;
    case "in":
      found.add(withoutParentheses(expr.set).kind === "set" ? "in a set literal" : "in a set-typed value");
      break;
    case "is":
      found.add(`is ${expr.test}`);
      break;
    case "if":
      if (withoutParentheses(expr.else).kind === "if") found.add("else if");
      if (isTest(expr.condition, "present")) found.add("`if … is present then …` narrows");
      break;
    case "match":
      if (expr.arms.some((arm) => arm.patterns.length > 1)) found.add("match arm with several members");
      found.add(expr.arms.some((arm) => arm.isElse) ? "match with else" : "match covering every member");
      break;
    case "set":
      if (expr.elements.length === 0) found.add("empty set {}");
      break;
    case "aggregate":
      found.add(`${expr.operator}(…)`);
      if (expr.filter !== undefined) found.add(`${expr.operator}(… where …)`);
      break;
    case "call":
      if (expr.measure !== undefined) found.add("output for each member read by another measure");
      else if (builtins.includes(expr.callee.name)) found.add(`${expr.callee.name}(…)`);
      if (around.inAggregate && around.parameterised.has(expr.callee.name)) found.add("parameterised definition used in an aggregate");
      break;
    case "field":
      if (expr.object.kind === "name" && around.enums.has(expr.object.name.name)) found.add("qualified enum member");
      break;
    default:
      break;
  }
  const inner = expr.kind === "aggregate" ? { ...around, inAggregate: true } : around;
  for (const child of childExpressions(expr)) surveyExpr(child, inner);
}

function childExpressions(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case "bool":
    case "number":
    case "money":
    case "percent":
    case "duration":
    case "date":
    case "time":
    case "text":
    case "absent":
    case "evaluation_date":
    case "name":
      return [];
    case "field":
      return [expr.object];
    case "call":
      return expr.args;
    case "unary":
      return [expr.operand];
    case "binary":
      return [expr.left, expr.right];
    case "in":
      return [expr.element, expr.set];
    case "is":
      return [expr.operand];
    case "if":
      return [expr.condition, expr.then, expr.else];
    case "match":
      return [expr.subject, ...expr.arms.map((arm) => arm.value)];
    case "set":
      return expr.elements;
    case "aggregate":
      return [expr.list, ...(expr.value === undefined ? [] : [expr.value]), ...(expr.filter === undefined ? [] : [expr.filter])];
    case "over":
      return [expr.series];
    case "paren":
      return [expr.inner];
  }
}

// ---------------------------------------------------------------- the IR

function surveyProgram(example: ExamplePolicy, found: Set<string>, problems: string[]): void {
  const { program } = compile(example.sources, example.options);
  if (program === undefined) problems.push(`${example.name} does not compile`);
  for (const measure of program?.measures ?? []) {
    if (measure.window !== undefined) surveyWindowIR(measure.window, found);
    for (const definition of measure.definitions) for (const rule of definition.rules) surveyRuleIR(rule, found);
  }
}

function surveyWindowIR(window: WindowIR, found: Set<string>): void {
  surveyExprIR(window.from, found);
  if (window.until !== undefined) surveyExprIR(window.until, found);
}

function surveyRuleIR(rule: RuleIR, found: Set<string>): void {
  if (rule.condition !== undefined) surveyExprIR(rule.condition, found);
  surveyExprIR(rule.value, found);
  if (rule.window !== undefined) surveyWindowIR(rule.window, found);
  for (const exception of rule.exceptions) surveyRuleIR(exception, found);
}

function surveyExprIR(expr: ExprIR, found: Set<string>): void {
  switch (expr.op) {
    case "arithmetic":
      found.add(`arithmetic ${expr.operator}`);
      break;
    case "convert":
      found.add(`conversion ${expr.conversion}`);
      break;
    case "round":
      found.add(`rounding ${expr.mode}`);
      break;
    case "min":
    case "max":
      found.add(`min or max of ${expr.type.kind}`);
      break;
    case "aggregate":
      if (expr.operator === "sum") found.add(`sum of ${expr.type.kind}`);
      break;
    default:
      break;
  }
  for (const child of childExpressionsIR(expr)) surveyExprIR(child, found);
}

function childExpressionsIR(expr: ExprIR): readonly ExprIR[] {
  switch (expr.op) {
    case "literal":
    case "fact":
    case "parameter":
    case "definition":
    case "measure_output":
    case "local":
    case "evaluation_date":
      return [];
    case "field":
      return [expr.object];
    case "call":
    case "function":
      return expr.args;
    case "not":
    case "negate":
    case "round":
    case "floor":
    case "ceil":
    case "convert":
    case "is_present":
    case "is_absent":
      return [expr.operand];
    case "and":
    case "or":
    case "compare":
    case "arithmetic":
    case "min":
    case "max":
    case "otherwise":
      return [expr.left, expr.right];
    case "last_day_of_term":
      return [expr.start, expr.months];
    case "scale":
      return [expr.base];
    case "series_at":
      return [expr.series, ...(expr.at === undefined ? [] : [expr.at])];
    case "series_total":
      return [expr.series];
    case "if":
      return [expr.condition, expr.then, expr.else];
    case "match":
      return [expr.subject, ...expr.arms.map((arm) => arm.value), ...(expr.otherwise === undefined ? [] : [expr.otherwise])];
    case "in":
      return [expr.element, expr.set];
    case "aggregate":
      return [expr.list, ...(expr.value === undefined ? [] : [expr.value]), ...(expr.filter === undefined ? [] : [expr.filter])];
  }
}

// ---------------------------------------------------------------- the scenario tests

function surveyTests(example: ExamplePolicy, found: Set<string>): void {
  for (const test of example.tests) {
    const json: unknown = JSON.parse(test.text);
    if (typeof json !== "object" || json === null) continue;
    if ("scenario" in json && typeof json.scenario === "object" && json.scenario !== null && "parameters" in json.scenario) {
      found.add("a scenario overriding a parameter");
    }
    if ("measures" in json) found.add("a test asking for measures by name");
    if ("expected_error" in json && typeof json.expected_error === "object" && json.expected_error !== null && "exit" in json.expected_error) {
      found.add(`a test expecting exit ${String(json.expected_error.exit)}`);
    }
  }
}

// ---------------------------------------------------------------- the checks

const found = new Set<string>();
/** Parse and compile errors: a policy that does not compile cannot show its constructs. */
const problems: string[] = [];
for (const example of examplePolicies()) {
  surveyPolicy(example, found, problems);
  surveyProgram(example, found, problems);
  surveyTests(example, found);
}

function notUsed(constructs: readonly string[]): string[] {
  return constructs.filter((construct) => !found.has(construct));
}

it("every example policy parses and compiles", () => {
  expect(problems).toEqual([]);
});

describe("the example policies together use", () => {
  it("every declaration and every field of the policy header", () => {
    expect(notUsed([
      "a policy over several files",
      ...headerKeys.map((key) => `header ${key}`),
      "enum", "record", "entity", "nested record", "parameter", "measure",
    ])).toEqual([]);
  });

  it("every type", () => {
    expect(notUsed([...typeForms.map((form) => `type ${form}`), ...primitiveTypes.map((name) => `type ${name}`)])).toEqual([]);
  });

  it("parameters with dated values, units, sources and notes", () => {
    expect(notUsed([
      "parameter with several dated values", "parameter value until a date", "parameter unit",
      "parameter source: a clause", "parameter source: another document", "parameter value note",
    ])).toEqual([]);
  });

  it("every kind of window", () => {
    expect(notUsed([
      "measure window with fixed dates",
      "measure window between parameters, open while the end is absent",
      "measure without a window",
      "rule window",
    ])).toEqual([]);
  });

  it("every kind of definition, rule and exception", () => {
    expect(notUsed([
      "measure cites", "let", "output", "simple definition", "rules and exceptions", "rule", "rule with when",
      "exception to a rule", "exception to an exception", "exception to the only rule", "note",
      "parameterised definition", "parameterised definition used in an aggregate", "not computable",
      "output for each member", "output for each member read by another measure",
    ])).toEqual([]);
  });

  it("every expression form", () => {
    expect(notUsed([
      ...expressionForms.map((kind) => `expression ${kind}`),
      "literal true", "literal false", "duration in months", "duration in days", "duration in years", "unary not", "unary -",
      "is present", "is absent", "in a set literal", "in a set-typed value", "else if", "empty set {}",
      "match arm with several members", "match with else", "match covering every member", "qualified enum member",
      "`is present and …` narrows", "`is absent or …` narrows", "`if … is present then …` narrows",
    ])).toEqual([]);
  });

  it("every operator", () => {
    expect(notUsed(binaryOperators.map((operator) => `operator ${operator}`))).toEqual([]);
  });

  it("every built-in function and every aggregate, with and without where", () => {
    expect(notUsed([
      ...builtins.map((name) => `${name}(…)`),
      ...aggregateOperators.flatMap((operator) => [`${operator}(…)`, `${operator}(… where …)`]),
    ])).toEqual([]);
  });

  it("every combination of the units table, every rounding and every conversion", () => {
    expect(notUsed([
      ...arithmeticOperations.map((operation) => `arithmetic ${operation}`),
      ...roundingModes.map((mode) => `rounding ${mode}`),
      ...conversions.map((conversion) => `conversion ${conversion}`),
      ...orderedKinds.map((kind) => `min or max of ${kind}`),
      ...summableKinds.map((kind) => `sum of ${kind}`),
    ])).toEqual([]);
  });

  it("every kind of scenario test", () => {
    expect(notUsed([
      "a scenario overriding a parameter", "a test asking for measures by name",
      "a test expecting exit 2", "a test expecting exit 3",
    ])).toEqual([]);
  });
});
