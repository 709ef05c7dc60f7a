/**
 * Bidirectional type checking of expressions, producing ExprIR. `checkExpr` is given the
 * type the context expects when there is one: bare enum members, `absent`, `{…}` and plain
 * numbers take their meaning from it, and lossless conversions (a whole number as a decimal,
 * an amount as an unrounded amount, a value as an optional value) become explicit `convert`
 * nodes. A failed subexpression gives `undefined` after reporting, and its parents stay
 * silent, so one mistake gives one diagnostic.
 */
import type { Expr, Identifier, MatchArm } from "../ast.js";
import type { ExprIR, SourceSpan, ValueType } from "../ir.js";
import { choiceOf, comparesWith, comparisonOf, findFunction, orderedKinds, roundingOf } from "../operations.js";
import { calendarFunctionNames, checkEvaluationDate, checkFunctionCall, checkYears, checkYearsOf, reportYearsByHand } from "./calendar.js";
import { checkDateLiteral, checkTimeLiteral } from "./dates.js";
import { convert, literal, pathText, unitlessNumberText } from "./ir-nodes.js";
import { decimalValue, integerValue, isWholeNumberText, moneyValue, percentValue, textValue } from "./literals.js";
import { readMeasureOutput, readMeasureOutputForMember } from "./measure-outputs.js";
import type { ArithmeticOperator } from "./operators.js";
import { arithmetic, reportIntegerIsNotDuration, reportMayBeAbsent, reportMissingUnit, requirePresent, unify } from "./operators.js";
import type { Reporter } from "./report.js";
import { amountText, listNames, reportError, reportWarning, suggestion } from "./report.js";
import type { DefinitionSignature, Expectation, ExprContext } from "./scope.js";
import { pathKey, presentWhen, withLocal, withPresent } from "./scope.js";
import { checkScaleApplication, reportScaleAsValue } from "./scales.js";
import { checkSeriesTotal, checkValueAt, readAtEvaluationDate } from "./series.js";
import { boolType, daysType, decimalType, describeType, integerType, monthsType, optionalOf, percentType, sameType, TEXT_SET, textSetType, textType, timeType, dateType, moneyType } from "./types.js";
import { definedProperties } from "../defined-properties.js";

export function checkExpr(expr: Expr, context: ExprContext, expected?: Expectation): ExprIR | undefined {
  return coerce(synthesize(expr, context, expected), context, expected);
}

function synthesize(expr: Expr, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const { reporter } = context;
  switch (expr.kind) {
    case "bool":
      return literal(expr.value, boolType, expr.span);
    case "number":
      return numberLiteral(expr.text, expr.span, context, expected);
    case "money":
      return literal(moneyValue(expr.text, expr.span, reporter), moneyType, expr.span);
    case "percent":
      return literal(percentValue(expr.text, expr.span, reporter), percentType, expr.span);
    case "duration":
      if (expr.unit === "years") return checkYears(expr.text, expr.span, context);
      return literal(integerValue(expr.text, expr.span, reporter), expr.unit === "months" ? monthsType : daysType, expr.span);
    case "evaluation_date":
      return checkEvaluationDate(expr.span, context);
    case "date":
      return literal(checkDateLiteral(expr, reporter), dateType, expr.span);
    case "time":
      return literal(checkTimeLiteral(expr.text, expr.span, reporter), timeType, expr.span);
    case "text":
      return literal(textValue(expr.value, expr.span, reporter), textType, expr.span);
    case "absent":
      return absentLiteral(expr.span, context, expected);
    case "name":
      return checkName(expr.name, context, expected);
    case "field": {
      // A series where a value is expected: the period of the evaluation date.
      const field = checkField(expr, context);
      return field === undefined || context.wantsSeries === true ? field : readAtEvaluationDate(field);
    }
    case "call":
      return checkCall(expr, context, expected);
    case "unary":
      return expr.operator === "not" ? checkNot(expr.operand, expr.span, context) : checkNegation(expr.operand, expr.span, context);
    case "binary":
      return checkBinary(expr, context, expected);
    case "in":
      return checkMembership(expr, context);
    case "is":
      return checkPresenceTest(expr, context);
    case "if":
      return checkIf(expr, context, expected);
    case "match":
      return checkMatch(expr, context, expected);
    case "set":
      return checkSetLiteral(expr.elements, expr.span, context, expected);
    case "aggregate":
      return checkAggregate(expr, context, expected);
    case "over":
      return checkSeriesTotal(expr, undefined, context, (series) => checkExpr(series, { ...context, wantsSeries: true }));
    case "paren":
      return synthesize(expr.inner, context, expected);
  }
}

// ---------------------------------------------------------------- conversions

/** Brings a checked expression to the expected type, with an explicit conversion where one is lossless. */
function coerce(expr: ExprIR | undefined, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  if (expr === undefined || expected === undefined) return expr;
  const have = expr.type;
  const want = expected.type;
  const { reporter } = context;
  if (sameType(have, want)) return expr;
  if (want.kind === "optional" && have.kind !== "optional") {
    const inner = coerce(expr, context, { ...expected, type: want.of });
    return inner === undefined ? undefined : convert("to_optional", inner, want);
  }
  if (have.kind === "optional" && sameType(have.of, want)) {
    reportMayBeAbsent(expr, reporter);
    return undefined;
  }
  if (have.kind === "integer" && want.kind === "decimal") return convert("integer_to_decimal", expr, want);
  if (have.kind === "money" && want.kind === "unrounded_money") return convert("money_to_unrounded", expr, want);
  if (have.kind === "unrounded_money" && want.kind === "money") {
    return reportError(reporter, "T0304", expr.span, "this amount must be rounded to the fen", {
      help: "wrap it in round(…) (half up), round_down(…) or round_up(…)",
    });
  }
  const number = unitlessNumberText(expr);
  if (number !== undefined && reportMissingUnit(expr, number, want, reporter)) return undefined;
  if (have.kind === "integer" && (want.kind === "months" || want.kind === "days")) {
    reportIntegerIsNotDuration(expr, want, reporter);
    return undefined;
  }
  return reportError(reporter, "T0302", expr.span, `expected ${describeType(want)}, found ${describeType(have)}`, {
    ...(expected.declaredAt === undefined ? {} : { labels: [{ span: expected.declaredAt, message: "the type is declared here" }] }),
    help: mismatchHelp(have, want),
  });
}

function mismatchHelp(have: ValueType, want: ValueType): string {
  if (want.kind === "bool") return "a condition is true or false: compare values with `=`, `<`, … or test them with `is present`";
  if (want.kind === "enum" && have.kind === "enum") return `write a member of \`${want.name}\``;
  if (want.kind === "text") return 'write a text in quotes, e.g. `"730000"`';
  return `give ${describeType(want)} here`;
}

function expectedValueType(expected: Expectation | undefined): ValueType | undefined {
  return expected?.type.kind === "optional" ? expected.type.of : expected?.type;
}

// ---------------------------------------------------------------- literals

function numberLiteral(text: string, span: SourceSpan, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const { reporter } = context;
  const wantsDecimal = expectedValueType(expected)?.kind === "decimal";
  if (isWholeNumberText(text) && !wantsDecimal) {
    return literal(integerValue(text, span, reporter), integerType, span);
  }
  return literal(decimalValue(text, span, reporter), decimalType, span);
}

function absentLiteral(span: SourceSpan, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  if (expected?.type.kind === "optional") return literal(null, expected.type, span);
  return reportError(context.reporter, "T0321", span, expected === undefined ? "`absent` cannot stand here" : `expected ${describeType(expected.type)}, found \`absent\``, {
    help: expected === undefined
      ? "test an optional value with `x is absent` or `x is present`"
      : "only a value declared `optional …` can be absent",
  });
}

function checkSetLiteral(elements: readonly Expr[], span: SourceSpan, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const want = expectedValueType(expected);
  if (want?.kind === "set" && want.of === TEXT_SET) return checkTextSetLiteral(elements, span, context);
  const elementExpectation: Expectation | undefined = want?.kind === "set" ? { type: { kind: "enum", name: want.of } } : undefined;
  const checked = elements.map((element) => checkExpr(element, context, elementExpectation));
  const members: string[] = [];
  let enumName = want?.kind === "set" ? want.of : undefined;
  for (const [index, element] of checked.entries()) {
    if (element === undefined) return undefined;
    if (element.op !== "literal" || element.type.kind !== "enum" || typeof element.value !== "string") {
      return reportError(context.reporter, "T0317", element.span, "a set is written with enum members only", {
        help: "write the members themselves, e.g. `{expired, not_qualified}`",
      });
    }
    enumName ??= element.type.name;
    if (element.type.name !== enumName) {
      const first = checked[0];
      return reportError(context.reporter, "T0302", element.span, `expected a member of \`${enumName}\`, found a member of \`${element.type.name}\``, {
        ...(index > 0 && first !== undefined ? { labels: [{ span: first.span, message: `a member of \`${enumName}\`` }] } : {}),
        help: "a set holds members of one enum",
      });
    }
    if (!members.includes(element.value)) members.push(element.value);
  }
  if (enumName === undefined) {
    return reportError(context.reporter, "T0322", span, "cannot tell which enum this empty set belongs to", {
      help: "use `{}` where a set of a known enum is expected, e.g. as the value of an output declared `set of …`",
    });
  }
  return literal(members.sort(), { kind: "set", of: enumName }, span);
}

/** `{"730000", "730010"}` after `in`, where the element is a text: texts written out. */
function checkTextSetLiteral(elements: readonly Expr[], span: SourceSpan, context: ExprContext): ExprIR | undefined {
  const texts: string[] = [];
  for (const element of elements) {
    const checked = checkExpr(element, context, { type: textType });
    if (checked === undefined) return undefined;
    if (checked.op !== "literal" || typeof checked.value !== "string") {
      return reportError(context.reporter, "T1122", checked.span, "a set of texts is written with texts in quotes only", {
        help: 'write the texts themselves, e.g. `{"730000", "730010"}`, or compare with `=`',
      });
    }
    if (!texts.includes(checked.value)) texts.push(checked.value);
  }
  return literal(texts.sort(), textSetType, span);
}

// ---------------------------------------------------------------- names

/** Whether a bare name denotes a value here (so that it is not an enum member). */
function isValueName(name: string, context: ExprContext): boolean {
  return context.locals.has(name) || context.definitions.has(name) || context.symbols.parameters.has(name);
}

/** Gives a path its narrowed type when a test has shown it present. */
function narrowed(expr: ExprIR, key: string | undefined, context: ExprContext): ExprIR {
  if (expr.type.kind === "optional" && key !== undefined && context.present.has(key)) return { ...expr, type: expr.type.of };
  return expr;
}

function checkName(name: Identifier, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const { locals, definitions, symbols } = context;
  if (locals.has(name.name)) {
    const type = locals.get(name.name);
    return type === undefined ? undefined : narrowed({ op: "local", name: name.name, type, span: name.span }, name.name, context);
  }
  const definition = definitions.get(name.name);
  const parameter = symbols.parameters.get(name.name);
  const ownNameOfParameter = name.name === context.currentDefinition && parameter !== undefined;
  if (definition !== undefined && !ownNameOfParameter) return readDefinition(name, definition, context);
  if (parameter !== undefined) return readParameter(name, context);
  if (symbols.scales.has(name.name) && definition === undefined) return reportScaleAsValue(name, context);
  return enumMember(name, context, expected);
}

function readParameter(name: Identifier, context: ExprContext): ExprIR | undefined {
  const parameter = context.symbols.parameters.get(name.name);
  if (parameter === undefined) {
    return reportError(context.reporter, "T0201", name.span, `unknown parameter \`${name.name}\``, {
      ...suggestion(name.name, context.symbols.parameters.keys(), "declare it with `parameter`"),
    });
  }
  return parameter.type === undefined ? undefined : narrowed({ op: "parameter", name: name.name, type: parameter.type, span: name.span }, name.name, context);
}

function readDefinition(name: Identifier, definition: DefinitionSignature, context: ExprContext): ExprIR | undefined {
  if (!allowedHere(name.span, context)) return undefined;
  if (definition.parameters.length > 0) {
    const parameters = definition.parameters.map((p) => p.name).join(", ");
    return reportError(context.reporter, "T0214", name.span, `\`${name.name}\` needs ${definition.parameters.length === 1 ? "an argument" : "arguments"}`, {
      labels: [{ span: definition.name.span, message: `declared with (${parameters})` }],
      help: `call it with a value for each parameter: \`${name.name}(${parameters})\`, e.g. inside \`count(${definition.parameters[0]?.name ?? "x"} in … where ${name.name}(${parameters}))\``,
    });
  }
  return definition.type === undefined ? undefined : narrowed({ op: "definition", name: name.name, type: definition.type, span: name.span }, name.name, context);
}

/** Facts and definitions are not visible in windows and parameter values; reports T0220 / T0507. */
function allowedHere(span: SourceSpan, context: ExprContext): boolean {
  if (context.place === "definition") return true;
  if (context.place === "window") {
    reportError(context.reporter, "T0220", span, "a window can only use dates and parameters", {
      help: "a measure is in force or not before any fact is read: write a date (`2021-10-20`) or a date parameter",
    });
  } else {
    reportError(context.reporter, "T0507", span, "a parameter value must be written out", {
      help: `write the figure itself: \`${amountText(context.reporter, "500")}\`, \`60%\`, \`6 months\`, \`2021-10-20\`, \`absent\``,
    });
  }
  return false;
}

function enumMember(name: Identifier, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const { symbols, reporter } = context;
  const want = expectedValueType(expected);
  if (want?.kind === "enum") {
    const enumSymbol = symbols.enums.get(want.name);
    if (enumSymbol?.members.has(name.name) === true) return literal(name.name, want, name.span);
    if (enumSymbol !== undefined && !symbols.records.has(name.name)) {
      reportNotAMember(name, want.name, [...enumSymbol.members], context);
      return undefined;
    }
  }
  if (reportNotAValue(name, context)) return undefined;
  const owners = [...symbols.enums.values()].filter((e) => e.members.has(name.name)).map((e) => e.decl.name);
  const [owner, ...others] = owners;
  if (owner !== undefined && others.length === 0) return literal(name.name, { kind: "enum", name: owner }, name.span);
  if (owner !== undefined) {
    return reportError(reporter, "T0215", name.span, `\`${name.name}\` is a member of several enums: ${listNames(owners)}`, {
      help: `say which one: ${owners.map((o) => `\`${o}.${name.name}\``).join(" or ")}`,
    });
  }
  return reportError(reporter, "T0201", name.span, `unknown name \`${name.name}\``, {
    ...suggestion(name.name, visibleNames(context, want), "declare it with `let` in this measure, or as a `parameter`"),
  });
}

function visibleNames(context: ExprContext, want: ValueType | undefined): string[] {
  const enumSymbol = want?.kind === "enum" ? context.symbols.enums.get(want.name) : undefined;
  return [
    ...context.locals.keys(),
    ...(context.place === "definition" ? context.definitions.keys() : []),
    ...context.symbols.parameters.keys(),
    ...(enumSymbol?.members ?? []),
  ];
}

function reportNotAMember(name: Identifier, enumName: string, members: readonly string[], context: ExprContext): void {
  reportError(context.reporter, "T0210", name.span, `\`${name.name}\` is not a member of \`${enumName}\``, {
    ...suggestion(name.name, members, `its members are ${listNames(members)}`),
  });
}

/** An entity, enum or record name written where a value is expected (T0216). */
function reportNotAValue(name: Identifier, context: ExprContext): boolean {
  const { symbols } = context;
  const record = symbols.records.get(name.name);
  if (record?.decl.entity === true) {
    const example = [...record.fields.keys()][0] ?? "fact";
    reportError(context.reporter, "T0216", name.span, `\`${name.name}\` is an entity, not a value`, { help: `read one of its facts, e.g. \`${name.name}.${example}\`` });
    return true;
  }
  if (record !== undefined) {
    reportError(context.reporter, "T0216", name.span, `\`${name.name}\` is a record type, not a value`, { help: "read a record through a fact or a list item, e.g. `enterprise.indicators`" });
    return true;
  }
  const enumSymbol = symbols.enums.get(name.name);
  if (enumSymbol !== undefined) {
    const example = [...enumSymbol.members][0] ?? "member";
    reportError(context.reporter, "T0216", name.span, `\`${name.name}\` is an enum, not a value`, { help: `write one of its members, e.g. \`${name.name}.${example}\`` });
    return true;
  }
  return false;
}

// ---------------------------------------------------------------- fields

/** `parameters.x` names parameter `x` even where a definition has the same name. */
const parametersNamespace = "parameters";

function checkField(expr: Extract<Expr, { kind: "field" }>, context: ExprContext): ExprIR | undefined {
  const object = expr.object.kind === "paren" ? undefined : expr.object;
  if (object?.kind === "name" && object.name.name === parametersNamespace && !context.locals.has(parametersNamespace)) {
    return readParameter(expr.field, context);
  }
  if (object?.kind === "name" && !isValueName(object.name.name, context)) {
    const owner = object.name.name;
    if (context.symbols.records.get(owner)?.decl.entity === true) return readFact(owner, expr.field, expr.span, context);
    const enumSymbol = context.symbols.enums.get(owner);
    if (enumSymbol !== undefined) {
      if (enumSymbol.members.has(expr.field.name)) return literal(expr.field.name, { kind: "enum", name: owner }, expr.span);
      reportNotAMember(expr.field, owner, [...enumSymbol.members], context);
      return undefined;
    }
    if (context.measureOutputs?.has(owner) === true) {
      const read = allowedHere(expr.span, context) ? readMeasureOutput(object.name, expr.field, expr.span, context) : undefined;
      return read === undefined ? undefined : narrowed(read, pathKey(expr), context);
    }
  }
  const checkedObject = checkExpr(expr.object, context);
  if (checkedObject === undefined) return undefined;
  const record = requirePresent(checkedObject, context.reporter);
  if (record === undefined) return undefined;
  if (record.type.kind !== "record") {
    return reportError(context.reporter, "T0312", expr.field.span, `${describeType(record.type)} has no fields`, {
      help: record.type.kind === "list"
        ? "go through the items of a list with `count(x in list where …)`, `sum(… for x in list)`, `any(…)` or `all(…)`"
        : "only entities and records have fields",
    });
  }
  const recordName = record.type.name;
  const fields = context.symbols.records.get(recordName)?.fields;
  if (fields === undefined || !fields.has(expr.field.name)) {
    reportUnknownField(recordName, "field", expr.field, [...(fields?.keys() ?? [])], context);
    return undefined;
  }
  const type = fields.get(expr.field.name);
  return type === undefined ? undefined : narrowed({ op: "field", object: record, field: expr.field.name, type, span: expr.span }, pathKey(expr), context);
}

function readFact(entity: string, field: Identifier, span: SourceSpan, context: ExprContext): ExprIR | undefined {
  if (!allowedHere(span, context)) return undefined;
  const fields = context.symbols.records.get(entity)?.fields;
  if (fields === undefined || !fields.has(field.name)) {
    reportUnknownField(entity, "fact", field, [...(fields?.keys() ?? [])], context);
    return undefined;
  }
  const type = fields.get(field.name);
  return type === undefined ? undefined : narrowed({ op: "fact", entity, field: field.name, type, span }, `${entity}.${field.name}`, context);
}

function reportUnknownField(owner: string, what: "fact" | "field", field: Identifier, known: readonly string[], context: ExprContext): void {
  const listing = known.length === 0 ? `\`${owner}\` declares no ${what}s yet` : known.length <= 8 ? `its ${what}s are ${listNames(known)}` : `declare it in \`${owner}\``;
  reportError(context.reporter, "T0202", field.span, `\`${owner}\` has no ${what} \`${field.name}\``, {
    ...suggestion(field.name, known, listing),
  });
}

// ---------------------------------------------------------------- calls

type CallExpr = Extract<Expr, { kind: "call" }>;

const builtinNames = ["min", "max", "round", "round_down", "round_up", "floor", "ceil", "months", "days", "years", "last_day_of_term", "marginal", "single_rate", "value_at"] as const;
type BuiltinName = (typeof builtinNames)[number];

export function isBuiltinName(name: string): name is BuiltinName {
  return (builtinNames as readonly string[]).includes(name);
}

function checkCall(expr: CallExpr, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  if (expr.measure !== undefined) return checkMemberRead(expr, expr.measure, context);
  const name = expr.callee.name;
  if (isBuiltinName(name)) return checkBuiltinCall(name, expr, context, expected);
  const builtin = findFunction(name);
  if (builtin !== undefined) {
    return checkFunctionCall(builtin, expr.callee, expr.args, expr.span, context, (argument, type) => checkExpr(argument, context, { type }));
  }
  const definition = context.definitions.get(name);
  if (definition !== undefined) return checkDefinitionCall(definition, expr, context);
  const checkedArguments = expr.args.map((argument) => checkExpr(argument, context));
  if (checkedArguments.includes(undefined)) return undefined;
  const callable = [...builtinNames, ...calendarFunctionNames, ...[...context.definitions.values()].filter((d) => d.parameters.length > 0).map((d) => d.name.name)];
  return reportError(context.reporter, "T0201", expr.callee.span, `unknown function \`${name}\``, {
    ...suggestion(name, callable, `the built-in functions are ${listNames([...builtinNames, ...calendarFunctionNames])}`),
  });
}

function reportArity(expr: CallExpr, expectedCount: number, usage: string, context: ExprContext, declaredAt?: SourceSpan): boolean {
  if (expr.args.length === expectedCount) return false;
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  reportError(context.reporter, "T0212", expr.span, `\`${expr.callee.name}\` takes ${plural(expectedCount, "argument")}, but ${expr.args.length === 1 ? "1 is" : `${expr.args.length} are`} given`, {
    ...(declaredAt === undefined ? {} : { labels: [{ span: declaredAt, message: "declared here" }] }),
    help: `write \`${usage}\``,
  });
  return true;
}

/** `m.output(p)`: an output of measure `m` given for each member, read for member `p` (T1015). */
function checkMemberRead(expr: CallExpr, measure: Identifier, context: ExprContext): ExprIR | undefined {
  if (!allowedHere(expr.callee.span, context)) return undefined;
  if (context.measureOutputs?.has(measure.name) !== true) {
    return reportError(context.reporter, "T1015", measure.span, `\`${measure.name}\` is not a measure`, {
      help: "an output given for each member is read from its measure for one member: `measure.output(p)`",
    });
  }
  const [argument, ...others] = expr.args;
  const member = argument === undefined || others.length > 0 ? undefined : checkExpr(argument, context);
  if ((argument === undefined || others.length > 0) && context.measureOutputs.get(measure.name)?.outputs.has(expr.callee.name) === true) {
    return reportError(context.reporter, "T1015", expr.span, `\`${measure.name}.${expr.callee.name}\` is read for one member at a time`, {
      help: `give the member: \`${measure.name}.${expr.callee.name}(p)\``,
    });
  }
  return readMeasureOutputForMember(measure, expr.callee, member, expr.span, context);
}

function checkDefinitionCall(definition: DefinitionSignature, expr: CallExpr, context: ExprContext): ExprIR | undefined {
  if (!allowedHere(expr.callee.span, context)) return undefined;
  const name = definition.name.name;
  if (definition.parameters.length === 0) {
    return reportError(context.reporter, "T0213", expr.span, `\`${name}\` takes no arguments`, {
      labels: [{ span: definition.name.span, message: "declared without parameters" }],
      help: `write \`${name}\` without parentheses`,
    });
  }
  if (reportArity(expr, definition.parameters.length, `${name}(${definition.parameters.map((p) => p.name).join(", ")})`, context, definition.name.span)) return undefined;
  const args = expr.args.map((argument, index) => {
    const parameter = definition.parameters[index];
    return checkExpr(argument, context, parameter?.type === undefined ? undefined : { type: parameter.type, declaredAt: parameter.span });
  });
  const checkedArgs = args.filter((a): a is ExprIR => a !== undefined);
  if (checkedArgs.length !== args.length || definition.type === undefined) return undefined;
  return { op: "call", definition: name, args: checkedArgs, type: definition.type, span: expr.span };
}

function checkBuiltinCall(name: BuiltinName, expr: CallExpr, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  switch (name) {
    case "min":
    case "max":
      return checkMinMax(name, expr, context, expected);
    case "round":
    case "round_down":
    case "round_up":
    case "floor":
    case "ceil":
      return checkRounding(name, expr, context);
    case "months":
    case "days": {
      if (reportArity(expr, 1, `${name}(n)`, context)) return undefined;
      const [argument] = expr.args;
      const count = argument === undefined ? undefined : checkExpr(argument, context, { type: integerType });
      if (count === undefined) return undefined;
      return name === "months" ? convert("integer_to_months", count, monthsType) : convert("integer_to_days", count, daysType);
    }
    case "years":
      return checkYearsOf(expr.args, expr.span, context, (argument) => checkExpr(argument, context, { type: integerType }));
    case "last_day_of_term":
      return checkLastDayOfTerm(expr, context);
    case "value_at":
      if (reportArity(expr, 2, "value_at(series, date)", context)) return undefined;
      return checkValueAt(expr.args, expr.span, context, (argument, type) =>
        checkExpr(argument, type === undefined ? { ...context, wantsSeries: true } : context, type === undefined ? undefined : { type }),
      );
    case "marginal":
    case "single_rate":
      if (reportArity(expr, 2, `${name}(scale, base)`, context)) return undefined;
      return checkScaleApplication(name, expr.args, expr.span, context, (base) => checkExpr(base, context, { type: moneyType }));
  }
}

/** `last_day_of_term(start, n months)`: the month rule of a term, stated by the language (runtime `lastDayOfTerm`). */
function checkLastDayOfTerm(expr: CallExpr, context: ExprContext): ExprIR | undefined {
  if (reportArity(expr, 2, "last_day_of_term(start, 6 months)", context)) return undefined;
  const [startArgument, monthsArgument] = expr.args;
  const start = startArgument === undefined ? undefined : checkExpr(startArgument, context, { type: dateType });
  const months = monthsArgument === undefined ? undefined : checkExpr(monthsArgument, context, { type: monthsType });
  if (start === undefined || months === undefined) return undefined;
  return { op: "last_day_of_term", start, months, type: dateType, span: expr.span };
}

/** The value of `max(e for x in L)` or `min(…)`: of a kind with an order (T1013). */
function checkExtremumValue(expr: Extract<Expr, { kind: "aggregate" }>, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  if (expr.value === undefined) return undefined;
  const want = expectedValueType(expected);
  const wanted = want?.kind === "optional" ? want.of : want;
  const checked = checkExpr(expr.value, context, wanted !== undefined && orderedKinds.has(wanted.kind) && wanted.kind !== "unrounded_money" ? { type: wanted } : undefined);
  const value = checked === undefined ? undefined : requirePresent(checked, context.reporter);
  if (value === undefined) return undefined;
  if (!orderedKinds.has(value.type.kind) || value.type.kind === "unrounded_money") {
    const hint = value.type.kind === "unrounded_money" ? "round the amount first: `max(round(…) for …)`" : "max and min take amounts, numbers, percentages, months, days, dates or times";
    return reportError(context.reporter, "T1013", value.span, `\`${expr.operator}\` cannot choose among values of this kind (${describeType(value.type)})`, { help: hint });
  }
  return value;
}

function checkMinMax(name: "min" | "max", expr: CallExpr, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  if (reportArity(expr, 2, `${name}(a, b)`, context)) return undefined;
  const want = expectedValueType(expected);
  const hint = want !== undefined && orderedKinds.has(want.kind) ? { type: want } : undefined;
  const [first, second] = expr.args.map((argument) => checkExpr(argument, context, hint));
  if (first === undefined || second === undefined) return undefined;
  const both = unify(first, second, "choose", context.reporter);
  if (both === undefined) return undefined;
  const operation = choiceOf(name, both.type.kind);
  if (operation === undefined) {
    return reportError(context.reporter, "T0309", expr.span, `\`${name}\` cannot choose between two values of this kind (${describeType(both.type)})`, {
      help: "min and max take amounts, numbers, percentages, months, days, dates or times",
    });
  }
  return { op: name, operation, left: both.left, right: both.right, type: both.type, span: expr.span };
}

function checkRounding(name: "round" | "round_down" | "round_up" | "floor" | "ceil", expr: CallExpr, context: ExprContext): ExprIR | undefined {
  if (reportArity(expr, 1, `${name}(x)`, context)) return undefined;
  const [argument] = expr.args;
  const average = argument === undefined ? undefined : averageIn(argument);
  if (average !== undefined && name !== "floor" && name !== "ceil") {
    const mode = name === "round" ? "half_up" : name === "round_down" ? "down" : "up";
    const total = checkSeriesTotal(average, mode, context, (series) => checkExpr(series, { ...context, wantsSeries: true }));
    return total === undefined ? undefined : { ...total, span: expr.span };
  }
  const checked = argument === undefined ? undefined : checkExpr(argument, context);
  const operand = checked === undefined ? undefined : requirePresent(checked, context.reporter);
  if (operand === undefined) return undefined;
  const roundsMoney = operand.type.kind === "unrounded_money" && name !== "floor" && name !== "ceil";
  if (roundsMoney || operand.type.kind === "decimal") {
    const type = roundsMoney ? moneyType : integerType;
    if (name === "floor" || name === "ceil") return { op: name, operand, type, span: expr.span };
    const mode = name === "round" ? "half_up" : name === "round_down" ? "down" : "up";
    return { op: "round", operation: roundingOf(operand), mode, operand, type, span: expr.span };
  }
  const accepted = name === "floor" || name === "ceil" ? "a decimal number" : "an unrounded amount or a decimal number";
  return reportError(context.reporter, "T0309", operand.span, `\`${name}\` needs ${accepted}, found ${describeType(operand.type)}`, {
    help: operand.type.kind === "money" ? "an amount of money is already whole fen: remove the rounding"
      : operand.type.kind === "integer" ? "a whole number needs no rounding: remove it"
      : operand.type.kind === "unrounded_money" ? "round an amount with `round(…)`, `round_down(…)` or `round_up(…)`"
      : `\`${name}\` applies to \`amount * rate\` (an unrounded amount) or to a decimal number`,
  });
}

/** `average(… over …)`, perhaps in brackets: rounded together with its division. */
function averageIn(expr: Expr): Extract<Expr, { kind: "over" }> | undefined {
  if (expr.kind === "paren") return averageIn(expr.inner);
  return expr.kind === "over" && expr.operator === "average" ? expr : undefined;
}

// ---------------------------------------------------------------- operators

function checkNot(operand: Expr, span: SourceSpan, context: ExprContext): ExprIR | undefined {
  const checked = checkExpr(operand, context, { type: boolType });
  return checked === undefined ? undefined : { op: "not", operand: checked, type: boolType, span };
}

function checkNegation(operand: Expr, span: SourceSpan, context: ExprContext): ExprIR | undefined {
  const checked = checkExpr(operand, context);
  const value = checked === undefined ? undefined : requirePresent(checked, context.reporter);
  if (value === undefined) return undefined;
  if (value.type.kind === "decimal") return { op: "negate", operand: value, type: decimalType, span };
  if (value.type.kind === "integer") return { op: "negate", operand: convert("integer_to_decimal", value, decimalType), type: decimalType, span };
  return reportError(context.reporter, "T0315", span, `only a decimal number can be negative, not ${describeType(value.type)}`, {
    help: "subtract instead: `a - b`",
  });
}

type BinaryExpr = Extract<Expr, { kind: "binary" }>;

function checkBinary(expr: BinaryExpr, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  switch (expr.operator) {
    case "and":
    case "or": {
      const left = checkExpr(expr.left, context, { type: boolType });
      const rightContext = withPresent(context, presentWhen(expr.left, expr.operator === "and"));
      const right = checkExpr(expr.right, rightContext, { type: boolType });
      return left === undefined || right === undefined ? undefined : { op: expr.operator, left, right, type: boolType, span: expr.span };
    }
    case "otherwise":
      return checkOtherwise(expr, context, expected);
    case "+":
    case "-":
    case "*":
    case "/":
      return checkArithmetic(expr.operator, expr, context);
    case "=":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return checkComparison(expr.operator, expr, context);
  }
}

function checkArithmetic(operator: ArithmeticOperator, expr: BinaryExpr, context: ExprContext): ExprIR | undefined {
  const left = checkExpr(expr.left, context);
  const right = checkExpr(expr.right, context);
  const presentLeft = left === undefined ? undefined : requirePresent(left, context.reporter);
  const presentRight = right === undefined ? undefined : requirePresent(right, context.reporter);
  if (presentLeft === undefined || presentRight === undefined) return undefined;
  const result = arithmetic(operator, presentLeft, presentRight, expr.span, context.reporter);
  if (result !== undefined) reportYearsByHand(result, context);
  if (result !== undefined && isTermEndByHand(result)) {
    reportWarning(context.reporter, "T0508", result.span, "`start + N months - 1 day` is not always the last day of a term of N months", {
      help: "write `last_day_of_term(start, N months)`: from 2021-10-31, a term of 6 months ends on 2022-04-30, but 2021-10-31 + 6 months - 1 day is 2022-04-29",
    });
  }
  return result;
}

/** `d + n months - 1 day`: a term's end computed by hand, a day short when month n has no day like d's. */
function isTermEndByHand(expr: ExprIR): boolean {
  return expr.op === "arithmetic" && expr.operator === "date_sub_days"
    && expr.left.op === "arithmetic" && expr.left.operator === "date_add_months"
    && expr.right.op === "literal" && expr.right.value === 1;
}

/** Expressions whose type comes from the other side: `{…}`, `absent`, a bare enum member. */
function needsContext(expr: Expr, context: ExprContext): boolean {
  if (expr.kind === "paren") return needsContext(expr.inner, context);
  return expr.kind === "set" || expr.kind === "absent" || (expr.kind === "name" && !isValueName(expr.name.name, context));
}

function checkComparison(operator: "=" | "!=" | "<" | "<=" | ">" | ">=", expr: BinaryExpr, context: ExprContext): ExprIR | undefined {
  const absentSide = [expr.left, expr.right].find((side) => side.kind === "absent");
  if (absentSide !== undefined) {
    return reportError(context.reporter, "T0321", absentSide.span, "`absent` cannot be compared", {
      help: "test an optional value with `x is absent` or `x is present`",
    });
  }
  const rightFirst = needsContext(expr.left, context) && !needsContext(expr.right, context);
  const [firstExpr, secondExpr] = rightFirst ? [expr.right, expr.left] : [expr.left, expr.right];
  const first = checkExpr(firstExpr, context);
  const second = checkExpr(secondExpr, context, first !== undefined && needsContext(secondExpr, context) ? { type: first.type } : undefined);
  if (first === undefined || second === undefined) return undefined;
  const [left, right] = rightFirst ? [second, first] : [first, second];
  const both = unify(left, right, "compare", context.reporter);
  if (both === undefined) return undefined;
  const operation = comparisonOf(both.type.kind);
  if (operation === undefined || !comparesWith(operation, operator)) {
    const ordering = operator !== "=" && operator !== "!=";
    if (ordering && both.type.kind === "text") {
      return reportError(context.reporter, "T1121", expr.span, `texts have no order: \`${operator}\` does not apply to them`, {
        help: 'compare texts with `=` or `!=`, test the beginning with `starts_with(postal_code, "7300")`, or list the texts: `in {"730000", "730010"}`',
      });
    }
    return reportError(context.reporter, "T0311", expr.span, `\`${operator}\` does not apply to ${describeType(both.type)}`, {
      help: ordering ? "only numbers, amounts, percentages, months, days, dates and times are ordered: use `=` or `!=`" : "compare their fields one by one",
    });
  }
  return { op: "compare", operator, operation, operandType: both.type, left: both.left, right: both.right, type: boolType, span: expr.span };
}

/** `a otherwise b otherwise c`, written as a left-nested chain, as its operands in order. */
function otherwiseOperands(expr: Expr): Expr[] {
  return expr.kind === "binary" && expr.operator === "otherwise" ? [...otherwiseOperands(expr.left), expr.right] : [expr];
}

/**
 * A chain of fallbacks: every operand but the last is an optional T, the last a T. The IR nests
 * it to the right (`a otherwise (b otherwise c)`), so each node has an optional left and a
 * certain right.
 */
function checkOtherwise(expr: BinaryExpr, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const operands = otherwiseOperands(expr);
  const checked = operands.slice(0, -1).map((operand) => checkExpr(operand, context));
  const first = checked[0];
  const valueType = first?.type.kind === "optional" ? first.type.of : expectedValueType(expected);
  const last = operands[operands.length - 1];
  const fallback = last === undefined ? undefined : checkExpr(last, context, valueType === undefined ? undefined : { type: valueType });
  const optionals = checked.map((operand) => (operand === undefined || valueType === undefined ? undefined : optionalOperand(operand, valueType, context)));
  if (fallback === undefined || !allDefined(optionals)) return undefined;
  return optionals.reduceRight<ExprIR>((right, left) => ({ op: "otherwise", left, right, type: right.type, span: spanFrom(left.span, expr.span) }), fallback);
}

/** An operand before `otherwise`: a value of the chain's type that may be absent. */
function optionalOperand(operand: ExprIR, valueType: ValueType, context: ExprContext): ExprIR | undefined {
  if (operand.type.kind !== "optional") {
    const path = pathText(operand);
    return reportError(context.reporter, "T0308", operand.span, `${path === undefined ? "this value" : `\`${path}\``} is never absent here, so \`otherwise\` has no use`, {
      help: "remove `otherwise …`; it gives a fallback for a value declared `optional …`",
    });
  }
  return coerce(operand, context, { type: optionalOf(valueType) });
}

/** The span from the start of `start` to the end of `whole`. */
function spanFrom(start: SourceSpan, whole: SourceSpan): SourceSpan {
  return { ...whole, line: start.line, column: start.column, start: start.start };
}

function checkMembership(expr: Extract<Expr, { kind: "in" }>, context: ExprContext): ExprIR | undefined {
  const checked = checkExpr(expr.element, context);
  const element = checked === undefined ? undefined : requirePresent(checked, context.reporter);
  if (element !== undefined && element.type.kind !== "enum" && element.type.kind !== "text") {
    return reportError(context.reporter, "T0316", element.span, `\`in\` tests a member of an enum or a text, not ${describeType(element.type)}`, {
      help: "compare other values with `=`, `<`, `>`, …",
    });
  }
  const setType: ValueType | undefined = element?.type.kind === "enum" ? { kind: "set", of: element.type.name } : element?.type.kind === "text" ? textSetType : undefined;
  const set = checkExpr(expr.set, context, setType === undefined ? undefined : { type: setType });
  if (element === undefined || set === undefined) return undefined;
  return { op: "in", element, set, type: boolType, span: expr.span };
}

function checkPresenceTest(expr: Extract<Expr, { kind: "is" }>, context: ExprContext): ExprIR | undefined {
  const operand = checkExpr(expr.operand, context);
  if (operand === undefined) return undefined;
  if (operand.type.kind !== "optional") {
    const path = pathText(operand);
    return reportError(context.reporter, "T0318", operand.span, `${path === undefined ? "this value" : `\`${path}\``} is never absent here`, {
      help: "only a value declared `optional …` can be absent: remove the test",
    });
  }
  return { op: expr.test === "present" ? "is_present" : "is_absent", operand, type: boolType, span: expr.span };
}

// ---------------------------------------------------------------- choices

interface Branch {
  readonly expr: Expr;
  readonly context: ExprContext;
}

/**
 * The values of an `if` or a `match`: all checked against the expected type when there is one;
 * otherwise brought to a common type (a whole number and a decimal give a decimal, an amount
 * and an unrounded amount give an unrounded amount, `absent` makes it optional).
 */
function checkBranches(branches: readonly Branch[], expected: Expectation | undefined, reporter: Reporter): { values: (ExprIR | undefined)[]; type: ValueType | undefined } {
  if (expected !== undefined) {
    return { values: branches.map((b) => checkExpr(b.expr, b.context, expected)), type: expected.type };
  }
  const deferred = branches.map((b) => needsContext(b.expr, b.context));
  const anyDirect = deferred.includes(false);
  const synthesized = branches.map((b, index) => (anyDirect && deferred[index] === true ? undefined : checkExpr(b.expr, b.context)));
  const common = commonType(synthesized, reporter);
  if (common === undefined) return { values: synthesized.map(() => undefined), type: undefined };
  const type = branches.some((b) => b.expr.kind === "absent") ? optionalOf(common) : common;
  const values = branches.map((b, index) => {
    const value = synthesized[index];
    return value === undefined ? checkExpr(b.expr, b.context, { type }) : coerce(value, b.context, { type });
  });
  return { values, type };
}

/** The type all values can be brought to; undefined (after reporting a mismatch) when there is none. */
function commonType(values: readonly (ExprIR | undefined)[], reporter: Reporter): ValueType | undefined {
  let common: ExprIR | undefined;
  let type: ValueType | undefined;
  for (const value of values) {
    if (value === undefined) continue;
    if (common === undefined || type === undefined) {
      common = value;
      type = value.type;
      continue;
    }
    const joined = joinTypes(type, value.type);
    if (joined === undefined) {
      return reportError(reporter, "T0302", value.span, `this branch gives ${describeType(value.type)}, but an earlier one gives ${describeType(type)}`, {
        labels: [{ span: common.span, message: describeType(type) }],
        help: "every branch must give the same kind of value",
      });
    }
    type = joined;
  }
  return type;
}

function joinTypes(a: ValueType, b: ValueType): ValueType | undefined {
  if (sameType(a, b)) return a;
  if (a.kind === "optional" || b.kind === "optional") {
    const inner = joinTypes(a.kind === "optional" ? a.of : a, b.kind === "optional" ? b.of : b);
    return inner === undefined ? undefined : optionalOf(inner);
  }
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has("integer") && kinds.has("decimal")) return decimalType;
  if (kinds.has("money") && kinds.has("unrounded_money")) return { kind: "unrounded_money" };
  return undefined;
}

function allDefined(values: readonly (ExprIR | undefined)[]): values is ExprIR[] {
  return values.every((value) => value !== undefined);
}

function checkIf(expr: Extract<Expr, { kind: "if" }>, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const condition = checkExpr(expr.condition, context, { type: boolType });
  const { values, type } = checkBranches([
    { expr: expr.then, context: withPresent(context, presentWhen(expr.condition, true)) },
    { expr: expr.else, context: withPresent(context, presentWhen(expr.condition, false)) },
  ], expected, context.reporter);
  const [then, otherwise] = values;
  if (condition === undefined || then === undefined || otherwise === undefined || type === undefined) return undefined;
  return { op: "if", condition, then, else: otherwise, type, span: expr.span };
}

function checkMatch(expr: Extract<Expr, { kind: "match" }>, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const checkedSubject = checkExpr(expr.subject, context);
  const subject = checkedSubject === undefined ? undefined : requirePresent(checkedSubject, context.reporter);
  const branches = expr.arms.map((arm) => ({ expr: arm.value, context }));
  const { values, type } = checkBranches(branches, expected, context.reporter);
  if (subject === undefined) return undefined;
  if (subject.type.kind !== "enum") {
    return reportError(context.reporter, "T0316", subject.span, `\`match\` chooses by a member of an enum, not by ${describeType(subject.type)}`, {
      help: "use `if … then … else …` for other conditions",
    });
  }
  const members = [...(context.symbols.enums.get(subject.type.name)?.members ?? [])];
  const armsValid = checkArms(expr, subject.type.name, members, context);
  if (!armsValid || !allDefined(values) || type === undefined) return undefined;
  const arms = expr.arms.flatMap((arm, index) => {
    const value = values[index];
    return arm.isElse || value === undefined ? [] : [{ members: arm.patterns.map((p) => p.name), value }];
  });
  const elseIndex = expr.arms.findIndex((arm) => arm.isElse);
  const otherwise = elseIndex < 0 ? undefined : values[elseIndex];
  return { op: "match", subject, arms, ...(otherwise === undefined ? {} : { otherwise }), type, span: expr.span };
}

/** Members of the enum, each covered once, all covered unless there is an `else` arm (T0210, T0310, T0307). */
function checkArms(expr: Extract<Expr, { kind: "match" }>, enumName: string, members: readonly string[], context: ExprContext): boolean {
  const { reporter } = context;
  let valid = true;
  const covered = new Map<string, Identifier>();
  let elseArm: MatchArm | undefined;
  for (const arm of expr.arms) {
    if (arm.isElse) {
      if (elseArm !== undefined) {
        reportError(reporter, "T0310", arm.span, "this match already has an `else` arm", { labels: [{ span: elseArm.span, message: "the first `else` arm" }], help: "keep one `else` arm, last" });
        valid = false;
      }
      elseArm ??= arm;
      continue;
    }
    for (const pattern of arm.patterns) {
      const earlier = covered.get(pattern.name);
      if (!members.includes(pattern.name)) {
        reportNotAMember(pattern, enumName, members, context);
        valid = false;
      } else if (earlier !== undefined) {
        reportError(reporter, "T0310", pattern.span, `\`${pattern.name}\` is already covered by an earlier arm`, { labels: [{ span: earlier.span, message: "covered here" }], help: "remove it from one of the arms" });
        valid = false;
      } else {
        covered.set(pattern.name, pattern);
      }
    }
  }
  const missing = members.filter((member) => !covered.has(member));
  if (missing.length > 0 && elseArm === undefined) {
    reportError(reporter, "T0307", expr.subject.span, `this match does not cover ${listNames(missing)}`, {
      help: `add ${missing.length === 1 ? "an arm for it" : "arms for them"}, or an \`else\` arm`,
    });
    valid = false;
  }
  return valid;
}

// ---------------------------------------------------------------- aggregates

const summableKinds: ReadonlySet<ValueType["kind"]> = new Set(["money", "integer", "decimal", "months", "days"]);

function checkAggregate(expr: Extract<Expr, { kind: "aggregate" }>, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  const { reporter } = context;
  const checkedList = checkExpr(expr.list, context);
  const list = checkedList === undefined ? undefined : requirePresent(checkedList, reporter);
  if (list !== undefined && list.type.kind !== "list") {
    return reportError(reporter, "T0313", list.span, `\`${expr.operator}\` goes through a list, not ${describeType(list.type)}`, {
      help: `write \`${expr.operator}(${expr.variable.name} in some_list …)\` with a fact declared \`list of …\``,
    });
  }
  const itemType: ValueType | undefined = list?.type.kind === "list" ? { kind: "record", name: list.type.of } : undefined;
  const inner = withLocal(context, expr.variable.name, itemType);
  const filter = expr.filter === undefined ? undefined : checkExpr(expr.filter, inner, { type: boolType });
  const valueContext = expr.filter === undefined ? inner : withPresent(inner, presentWhen(expr.filter, true));
  const value = checkAggregateValue(expr, valueContext, expected);
  if (list === undefined || (expr.filter !== undefined && filter === undefined) || (expr.operator === "sum" && value === undefined)) return undefined;
  if ((expr.operator === "max" || expr.operator === "min") && value === undefined) return undefined;
  const type = aggregateType(expr.operator, value?.type);
  if (type === undefined) return undefined;
  return {
    op: "aggregate",
    operator: expr.operator,
    variable: expr.variable.name,
    list,
    ...definedProperties({ value, filter }),
    type,
    span: expr.span,
  };
}

/** `count` a whole number, `any` and `all` yes or no, `sum` its terms' type; `max` and `min` are absent when no item is counted. */
function aggregateType(operator: Extract<Expr, { kind: "aggregate" }>["operator"], valueType: ValueType | undefined): ValueType | undefined {
  switch (operator) {
    case "count":
      return integerType;
    case "any":
    case "all":
      return boolType;
    case "sum":
      return valueType;
    case "max":
    case "min":
      return valueType === undefined ? undefined : optionalOf(valueType);
  }
}

function checkAggregateValue(expr: Extract<Expr, { kind: "aggregate" }>, context: ExprContext, expected: Expectation | undefined): ExprIR | undefined {
  if (expr.operator === "max" || expr.operator === "min") return checkExtremumValue(expr, context, expected);
  if (expr.operator !== "sum") return undefined;
  if (expr.value === undefined) {
    return reportError(context.reporter, "T0314", expr.span, "`sum` needs the value to add up", { help: `write \`sum(value for ${expr.variable.name} in list)\`` });
  }
  const want = expectedValueType(expected);
  const value = checkExpr(expr.value, context, want !== undefined && summableKinds.has(want.kind) ? { type: want } : undefined);
  if (value === undefined) return undefined;
  const present = requirePresent(value, context.reporter);
  if (present !== undefined && !summableKinds.has(present.type.kind)) {
    return reportError(context.reporter, "T0314", present.span, `cannot add up ${describeType(present.type)}`, {
      help: "`sum` adds amounts, whole or decimal numbers, months or days",
    });
  }
  return present;
}
