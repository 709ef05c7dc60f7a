/**
 * fast-check arbitraries of policy ASTs: every kind of declaration and expression, with
 * names, numbers, dates and texts in the shapes the lexer reads. Trees need not carry the
 * parentheses their structure requires: the formatter adds them (format/parentheses.ts).
 * Spans are all the same placeholder; compare trees with `withoutSpans`.
 */
import fc from "fast-check";
import type {
  Citation,
  Declaration,
  Definition,
  DefinitionBody,
  EffectiveWindow,
  Expr,
  HeaderField,
  Identifier,
  MatchArm,
  MeasureItem,
  ParameterValue,
  PolicyFile,
  RuleCase,
  SourceSpan,
  StringLiteral,
  TypeExpr,
} from "../../compiler/ast.js";
import { keywords } from "../../grammar/tokens.js";

const span: SourceSpan = { file: "generated.tiao", line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };

const reserved = new Set(keywords);

const identifierText = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/).filter((name) => !reserved.has(name));

/** A name that may be declared or referred to bare. */
export const identifier: fc.Arbitrary<Identifier> = identifierText.map((name) => ({ name, span }));

/** A field name: reserved words too, as `t.months`. */
const fieldName: fc.Arbitrary<Identifier> = fc
  .oneof(identifierText, fc.constantFrom(...keywords))
  .map((name) => ({ name, span }));

/**
 * Any text a text can hold: line breaks (written `\n`) and tabs, but no other invisible or
 * control character (T0112).
 */
const text: fc.Arbitrary<StringLiteral> = fc
  .string({ unit: fc.oneof(fc.constantFrom('"', "\\", "\n", "\t", "“", "§", "个月", "元", "#"), fc.string({ unit: "binary", maxLength: 1 })), maxLength: 12 })
  .filter((value) => !/[^\P{Cc}\n\t]|[\p{Cf}\p{Zl}\p{Zp}]/u.test(value))
  .map((value) => ({ value, span }));

const numberText = fc.stringMatching(/^\d{1,7}(\.\d{1,3})?$/);
const integerText = fc.stringMatching(/^\d{1,4}$/);
const dateText = fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/);

/** Clause numbers as written, small ones and ones beyond the exact integers of a double. */
const clauseNumber = fc.oneof(fc.stringMatching(/^[1-9]\d?$/), fc.stringMatching(/^\d{1,30}$/));

const citation: fc.Arbitrary<Citation> = fc
  .record({ document: fc.option(identifier, { nil: undefined }), measure: clauseNumber, paragraph: fc.option(clauseNumber, { nil: undefined }), quote: text })
  .map(({ document, measure, paragraph, quote }) => ({
    ...withOptional("document", document),
    clause:
      paragraph === undefined
        ? { text: `§${measure}`, measure: Number(measure), span }
        : { text: `§${measure}¶${paragraph}`, measure: Number(measure), paragraph: Number(paragraph), span },
    quote,
    span,
  }));

const typeExpression: fc.Arbitrary<TypeExpr> = fc.letrec<{ type: TypeExpr }>((tie) => ({
  type: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc
      .constantFrom("bool", "integer", "decimal", "money", "percent", "date", "time", "months", "days" as const)
      .map((name): TypeExpr => ({ kind: "primitive", name, span })),
    identifier.map((name): TypeExpr => ({ kind: "named", name, span })),
    identifier.map((of): TypeExpr => ({ kind: "set", of, span })),
    identifier.map((of): TypeExpr => ({ kind: "list", of, span })),
    tie("type").map((of): TypeExpr => ({ kind: "optional", of, span })),
  ),
})).type;

// ---------------------------------------------------------------- expressions

const literal: fc.Arbitrary<Expr> = fc.oneof(
  fc.boolean().map((value): Expr => ({ kind: "bool", value, span })),
  numberText.map((value): Expr => ({ kind: "number", text: value, span })),
  numberText.map((value): Expr => ({ kind: "money", text: value, span })),
  numberText.map((value): Expr => ({ kind: "percent", text: value, span })),
  fc
    .record({ unit: fc.constantFrom("months" as const, "days" as const), value: integerText })
    .map(({ unit, value }): Expr => ({ kind: "duration", unit, text: value, span })),
  dateText.map((value): Expr => ({ kind: "date", text: value, span })),
  fc.stringMatching(/^\d{2}:\d{2}$/).map((value): Expr => ({ kind: "time", text: value, span })),
  fc.constant<Expr>({ kind: "absent", span }),
);

const binaryOperators = ["+", "-", "*", "=", "!=", "<", "<=", ">", ">=", "and", "or", "otherwise"] as const;

export const expression: fc.Arbitrary<Expr> = fc.letrec<{ expression: Expr; arm: MatchArm }>((tie) => {
  const sub = tie("expression");
  const list = (maxLength: number) => fc.array(sub, { maxLength });
  return {
    expression: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      literal,
      identifier.map((name): Expr => ({ kind: "name", name, span })),
      fc.record({ object: sub, field: fieldName }).map(({ object, field }): Expr => ({ kind: "field", object, field, span })),
      fc
        .record({ callee: fc.oneof(identifier, fc.constantFrom("months", "days").map((name) => ({ name, span }))), args: list(3) })
        .map(({ callee, args }): Expr => ({ kind: "call", callee, args, span })),
      fc
        .record({ operator: fc.constantFrom("not" as const, "-" as const), operand: sub })
        .map(({ operator, operand }): Expr => ({ kind: "unary", operator, operand, span })),
      fc
        .record({ operator: fc.constantFrom(...binaryOperators), left: sub, right: sub })
        .map(({ operator, left, right }): Expr => ({ kind: "binary", operator, left, right, span })),
      fc.record({ element: sub, set: sub }).map(({ element, set }): Expr => ({ kind: "in", element, set, span })),
      fc
        .record({ operand: sub, test: fc.constantFrom("present" as const, "absent" as const) })
        .map(({ operand, test }): Expr => ({ kind: "is", operand, test, span })),
      fc.record({ condition: sub, then: sub, otherwise: sub }).map(({ condition, then, otherwise }): Expr => ({
        kind: "if",
        condition,
        then,
        else: otherwise,
        span,
      })),
      fc
        .record({ subject: sub, arms: fc.array(tie("arm"), { maxLength: 3 }) })
        .map(({ subject, arms }): Expr => ({ kind: "match", subject, arms, span })),
      list(3).map((elements): Expr => ({ kind: "set", elements, span })),
      fc
        .record({
          operator: fc.constantFrom("count" as const, "sum" as const, "any" as const, "all" as const),
          variable: identifier,
          list: sub,
          value: sub,
          filter: fc.option(sub, { nil: undefined }),
        })
        .map(({ operator, variable, list: items, value, filter }): Expr => ({
          kind: "aggregate",
          operator,
          variable,
          list: items,
          ...(operator === "sum" ? { value } : {}),
          ...(filter === undefined ? {} : { filter }),
          span,
        })),
      sub.map((inner): Expr => ({ kind: "paren", inner, span })),
    ),
    arm: fc.oneof(
      fc.record({ patterns: fc.array(identifier, { minLength: 1, maxLength: 3 }), value: sub }).map(({ patterns, value }) => ({
        patterns,
        isElse: false,
        value,
        span,
      })),
      sub.map((value) => ({ patterns: [], isElse: true, value, span })),
    ),
  };
}).expression;

// ---------------------------------------------------------------- declarations

const optionalText = fc.option(text, { nil: undefined });

function withOptional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

const window: fc.Arbitrary<EffectiveWindow> = fc
  .record({ from: expression, until: fc.option(expression, { nil: undefined }) })
  .map(({ from, until }) => ({ from, ...withOptional("until", until), span }));

const headerField: fc.Arbitrary<HeaderField> = fc.oneof(
  fc
    .record({ key: fc.constantFrom("title" as const, "document" as const, "issuer" as const, "version" as const, "notice" as const), value: text })
    .map(({ key, value }): HeaderField => ({ key, value, span })),
  dateText.map((value): HeaderField => ({ key: "issued", value: { kind: "date", text: value, span }, span })),
);

/** What a parameter's `value` may be: a figure, a negative figure, a member or a set of members. */
const parameterLiteral: fc.Arbitrary<Expr> = fc.oneof(
  literal,
  fc
    .constantFrom("number" as const, "money" as const, "percent" as const)
    .chain((kind) => numberText.map((value): Expr => ({ kind: "unary", operator: "-", operand: { kind, text: value, span }, span }))),
  identifier.map((name): Expr => ({ kind: "name", name, span })),
  fc.tuple(identifier, identifier).map(([object, field]): Expr => ({ kind: "field", object: { kind: "name", name: object, span }, field, span })),
  fc
    .array(identifier, { maxLength: 3 })
    .map((names): Expr => ({ kind: "set", elements: names.map((name): Expr => ({ kind: "name", name, span })), span })),
);

const parameterValue: fc.Arbitrary<ParameterValue> = fc
  .record({
    value: parameterLiteral,
    from: dateText,
    until: fc.option(dateText, { nil: undefined }),
    source: fc.oneof(
      citation.map((cited) => ({ kind: "clause" as const, citation: cited, span })),
      text.map((document) => ({ kind: "document" as const, text: document, span })),
    ),
    note: optionalText,
  })
  .map(({ value, from, until, source, note }) => ({
    value,
    from: { kind: "date", text: from, span },
    ...withOptional("until", until === undefined ? undefined : { kind: "date" as const, text: until, span }),
    source,
    ...withOptional("note", note),
    span,
  }));

function ruleCase(kind: RuleCase["kind"]): fc.Arbitrary<RuleCase> {
  return fc
    .record({
      label: identifier,
      overrides: fc.option(identifier, { nil: undefined }),
      condition: fc.option(expression, { nil: undefined }),
      value: expression,
      citation,
      note: optionalText,
      window: fc.option(window, { nil: undefined }),
    })
    .map(({ label, overrides, condition, value, citation: cited, note, window: ruleWindow }) => {
      const when = kind === "exception" ? (condition ?? { kind: "bool" as const, value: true, span }) : kind === "rule" ? condition : undefined;
      return {
        kind,
        ...withOptional("label", kind === "simple" ? undefined : label),
        ...withOptional("overrides", kind === "exception" ? overrides : undefined),
        ...withOptional("condition", when),
        value,
        citation: cited,
        ...withOptional("note", note),
        ...withOptional("window", ruleWindow),
        span,
      };
    });
}

const definitionBody: fc.Arbitrary<DefinitionBody> = fc.oneof(
  ruleCase("simple").map((rule): DefinitionBody => ({ kind: "simple", rule, span })),
  fc
    .array(fc.oneof(ruleCase("rule"), ruleCase("exception")), { minLength: 1, maxLength: 3 })
    .map((cases): DefinitionBody => ({ kind: "cases", cases, span })),
);

const definition: fc.Arbitrary<Definition> = fc
  .record({
    visibility: fc.constantFrom("output" as const, "let" as const),
    name: identifier,
    parameters: fc.array(fc.record({ name: identifier, type: typeExpression }).map((parameter) => ({ ...parameter, span })), { maxLength: 2 }),
    type: typeExpression,
    english: optionalText,
    body: definitionBody,
  })
  .map(({ english, ...fields }) => ({ kind: "definition", ...fields, ...withOptional("english", english), span }));

const measureItem: fc.Arbitrary<MeasureItem> = fc.oneof(
  { weight: 3, arbitrary: definition },
  { weight: 1, arbitrary: fc.record({ citation, reason: text }).map(({ citation: cited, reason }): MeasureItem => ({ kind: "not_computable", citation: cited, reason, span })) },
);

export const declaration: fc.Arbitrary<Declaration> = fc.oneof(
  fc.record({ name: identifier, fields: fc.array(headerField, { maxLength: 6 }) }).map(({ name, fields }): Declaration => ({ kind: "policy", name, fields, span })),
  fc
    .record({
      name: identifier,
      label: optionalText,
      members: fc.array(fc.record({ name: identifier, label: optionalText }), { maxLength: 4 }),
    })
    .map(({ name, label, members }): Declaration => ({
      kind: "enum",
      name,
      ...withOptional("label", label),
      members: members.map((member) => ({ name: member.name, ...withOptional("label", member.label), span })),
      span,
    })),
  fc
    .record({
      entity: fc.boolean(),
      name: identifier,
      label: optionalText,
      fields: fc.array(fc.record({ name: fieldName, type: typeExpression, label: optionalText, english: optionalText }), { maxLength: 4 }),
    })
    .map(({ entity, name, label, fields }): Declaration => ({
      kind: "record",
      entity,
      name,
      ...withOptional("label", label),
      fields: fields.map((field) => ({ name: field.name, type: field.type, ...withOptional("label", field.label), ...withOptional("english", field.english), span })),
      span,
    })),
  fc
    .record({
      name: identifier,
      type: typeExpression,
      label: optionalText,
      unit: optionalText,
      values: fc.array(parameterValue, { minLength: 1, maxLength: 3 }),
    })
    .map(({ name, type, label, unit, values }): Declaration => ({
      kind: "parameter",
      name,
      type,
      ...withOptional("label", label),
      ...withOptional("unit", unit),
      values,
      span,
    })),
  fc
    .record({
      name: identifier,
      title: text,
      file: optionalText,
      numbering: fc.option(fc.constantFrom("sections", "articles", "numbers" as const), { nil: undefined }),
    })
    .map(({ name, title, file, numbering }): Declaration => ({
      kind: "document",
      name,
      title,
      ...withOptional("file", file),
      ...withOptional("numbering", numbering === undefined ? undefined : { value: numbering, span }),
      span,
    })),
  fc
    .record({
      name: identifier,
      title: optionalText,
      english: optionalText,
      citation: fc.option(citation, { nil: undefined }),
      window: fc.option(window, { nil: undefined }),
      items: fc.array(measureItem, { maxLength: 3 }),
    })
    .map(({ name, title, english, citation: cited, window: measureWindow, items }): Declaration => ({
      kind: "measure",
      name,
      ...withOptional("title", title),
      ...withOptional("english", english),
      ...withOptional("citation", cited),
      ...withOptional("window", measureWindow),
      items,
      span,
    })),
);

export const policyFile: fc.Arbitrary<PolicyFile> = fc
  .array(declaration, { maxLength: 4 })
  .map((declarations) => ({ file: "generated.tiao", declarations }));

/** A copy without `span` properties, to compare trees that differ only in where they were read. */
export function withoutSpans(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSpans);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => key !== "span").map(([key, inner]) => [key, withoutSpans(inner)]));
}
