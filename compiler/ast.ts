/**
 * The abstract syntax tree of a tiao policy: what the drafter wrote, with a span on
 * every node. Produced by cst-to-ast.ts from the Chevrotain CST; consumed by the
 * checker (check/) and the formatter (format/).
 *
 * Discriminated unions on `kind`; every switch over them is exhaustive.
 */
import type { SourceSpan } from "../runtime/types.js";

export type { SourceSpan };

export interface Identifier {
  readonly name: string;
  readonly span: SourceSpan;
}

export interface StringLiteral {
  readonly value: string;
  readonly span: SourceSpan;
}

/** `§4`, `§3¶2`; `§preamble` and `§closing`, the words before the first numbered measure and after the last */
export type ClauseRef =
  | {
      /** as written, `§4` or `§3¶2`: the formatter prints it so, whatever the size of the numbers */
      readonly text: string;
      readonly measure: number;
      readonly paragraph?: number;
      readonly span: SourceSpan;
    }
  | { readonly text: "§preamble" | "§closing"; readonly part: "preamble" | "closing"; readonly span: SourceSpan };

/** `cites §4 "quoted words"`, or `cites hrss §9 "quoted words"` for a clause of a declared document */
export interface Citation {
  /** the declared document the clause is of; without it, the policy's notice */
  readonly document?: Identifier;
  readonly clause: ClauseRef;
  readonly quote: StringLiteral;
  readonly span: SourceSpan;
}

/** A parameter value's source: a clause of this document, or another document named in a string. */
export type SourceRef =
  | { readonly kind: "clause"; readonly citation: Citation; readonly span: SourceSpan }
  | { readonly kind: "document"; readonly text: StringLiteral; readonly span: SourceSpan };

// ---------------------------------------------------------------- types

export type TypeExpr =
  /** `signed`: written `signed money`, a fact that may be negative */
  | { readonly kind: "primitive"; readonly name: PrimitiveTypeName; readonly signed?: true; readonly span: SourceSpan }
  | { readonly kind: "named"; readonly name: Identifier; readonly span: SourceSpan }
  | { readonly kind: "set"; readonly of: Identifier; readonly span: SourceSpan }
  | { readonly kind: "list"; readonly of: Identifier; readonly span: SourceSpan }
  | { readonly kind: "optional"; readonly of: TypeExpr; readonly span: SourceSpan }
  /** `monthly money`, `yearly integer otherwise 0`: a fact given period by period, and the value of a period not given */
  | { readonly kind: "series"; readonly period: "month" | "year"; readonly of: TypeExpr; readonly missing?: Expr; readonly span: SourceSpan };

/** The types written as one word, in the order a help line lists them. */
export const primitiveTypeNames = ["bool", "integer", "decimal", "money", "percent", "date", "time", "text", "months", "days"] as const;
export type PrimitiveTypeName = (typeof primitiveTypeNames)[number];
const primitiveTypes: ReadonlySet<string> = new Set(primitiveTypeNames);

export function isPrimitiveTypeName(name: string): name is PrimitiveTypeName {
  return primitiveTypes.has(name);
}

// ---------------------------------------------------------------- declarations

export interface PolicyFile {
  readonly file: string;
  readonly declarations: readonly Declaration[];
  /** the file's `#` comments in source order, kept for the formatter; absent when the tree was not read from text */
  readonly comments?: readonly Comment[];
}

/** `# …` to the end of the line; `text` starts with `#` and has no trailing spaces */
export interface Comment {
  readonly text: string;
  readonly span: SourceSpan;
}

export type Declaration = PolicyHeader | EnumDeclaration | RecordDeclaration | ParameterDeclaration | ScaleDeclaration | MeasureDeclaration | Repeal | DocumentDeclaration;

/**
 * How a document numbers the parts a citation's `§N` names: `sections` 一、二、…,
 * `articles` 第一条、第二条…, `numbers` 1. 2. ….
 */
export type DocumentNumbering = "sections" | "articles" | "numbers";

/** `document hrss "人社部发〔2021〕29号" { file "hrss-2021-29.txt" numbering articles }` */
export interface DocumentDeclaration {
  readonly kind: "document";
  readonly name: Identifier;
  readonly title: StringLiteral;
  readonly file?: StringLiteral;
  readonly numbering?: { readonly value: DocumentNumbering; readonly span: SourceSpan };
  readonly span: SourceSpan;
}

/**
 * `repeal name`, in an amendment only: a declaration of the policy it amends (at the top
 * level), or a definition of the measure it amends (in a measure), taken out.
 */
export interface Repeal {
  readonly kind: "repeal";
  readonly name: Identifier;
  readonly span: SourceSpan;
}

export interface PolicyHeader {
  readonly kind: "policy";
  readonly name: Identifier;
  /** `title "…"`, `document "…"`, `issuer "…"`, `issued 2021-11-05`, `version "…"`, `notice "…"`, `amends "…"` in written order */
  readonly fields: readonly HeaderField[];
  readonly span: SourceSpan;
}

export type HeaderField =
  | { readonly key: "title" | "document" | "issuer" | "version" | "notice" | "amends"; readonly value: StringLiteral; readonly span: SourceSpan }
  | { readonly key: "issued"; readonly value: DateLiteral; readonly span: SourceSpan }
  /** `currency EUR`: the policy's money, an ISO 4217 code; without it, yuan */
  | { readonly key: "currency"; readonly value: Identifier; readonly span: SourceSpan };

/** The field `key` of the policy's header, in whichever file the header is. */
export function headerField<K extends HeaderField["key"]>(files: readonly PolicyFile[], key: K): (HeaderField & { readonly key: K }) | undefined {
  for (const file of files) {
    for (const declaration of file.declarations) {
      const field = declaration.kind === "policy" ? declaration.fields.find((f): f is HeaderField & { readonly key: K } => f.key === key) : undefined;
      if (field !== undefined) return field;
    }
  }
  return undefined;
}

export interface EnumDeclaration {
  readonly kind: "enum";
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly members: readonly { readonly name: Identifier; readonly label?: StringLiteral; readonly span: SourceSpan }[];
  readonly span: SourceSpan;
}

/** `record` (list item / nested object) or `entity` (top-level object of a scenario) */
export interface RecordDeclaration {
  readonly kind: "record";
  readonly entity: boolean;
  readonly name: Identifier;
  readonly label?: StringLiteral;
  readonly fields: readonly FieldDeclaration[];
  readonly span: SourceSpan;
}

export interface FieldDeclaration {
  readonly name: Identifier;
  readonly type: TypeExpr;
  /** `otherwise <literal>`: the value of the fact when the scenario leaves it out */
  readonly default?: Expr;
  readonly label?: StringLiteral;
  /** `label en "…"` */
  readonly english?: StringLiteral;
  readonly span: SourceSpan;
}

export interface ParameterDeclaration {
  readonly kind: "parameter";
  readonly name: Identifier;
  readonly type: TypeExpr;
  readonly label?: StringLiteral;
  readonly unit?: StringLiteral;
  readonly values: readonly ParameterValue[];
  readonly span: SourceSpan;
}

export interface ParameterValue {
  /** a literal expression (money, percent, date, time, months, integer, bool, enum member, `absent`) */
  readonly value: Expr;
  /** absent: in force from the earliest date there is, whatever the evaluation date before `until` */
  readonly from?: DateLiteral;
  readonly until?: DateLiteral;
  readonly source: SourceRef;
  readonly note?: StringLiteral;
  readonly span: SourceSpan;
}

/**
 * `parameter name: scale "label" { bracket b { threshold … from … source … rate … } … }`:
 * brackets in written order, each with its dated thresholds and rates.
 */
export interface ScaleDeclaration {
  readonly kind: "scale";
  readonly name: Identifier;
  /** where `scale` is written */
  readonly typeSpan: SourceSpan;
  readonly label?: StringLiteral;
  readonly unit?: StringLiteral;
  readonly brackets: readonly ScaleBracket[];
  /** `repeal bracket name`, in an amendment: brackets of the amended scale taken out */
  readonly repeals?: readonly BracketRepeal[];
  readonly span: SourceSpan;
}

export interface BracketRepeal {
  readonly name: Identifier;
  readonly span: SourceSpan;
}

export interface ScaleBracket {
  readonly name: Identifier;
  /** thresholds and rates in written order */
  readonly figures: readonly BracketFigure[];
  readonly span: SourceSpan;
}

/** `threshold 12000 yuan from …` or `rate 10% from …` */
export interface BracketFigure extends ParameterValue {
  readonly figure: "threshold" | "rate";
}

export interface MeasureDeclaration {
  readonly kind: "measure";
  readonly name: Identifier;
  readonly title?: StringLiteral;
  /** `label en "…"`: the title in English */
  readonly english?: StringLiteral;
  readonly citation?: Citation;
  readonly window?: EffectiveWindow;
  readonly items: readonly MeasureItem[];
  readonly span: SourceSpan;
}

/**
 * `in force from <expr> [until <expr>]`, or `in force until <expr>`: without `from`, in force
 * on every date up to `until` (inclusive); one of the two is always written.
 */
export type EffectiveWindow =
  | { readonly from: Expr; readonly until?: Expr; readonly span: SourceSpan }
  | { readonly from?: undefined; readonly until: Expr; readonly span: SourceSpan };

export type MeasureItem = Definition | NotComputable | Repeal;

export interface NotComputable {
  readonly kind: "not_computable";
  readonly citation: Citation;
  readonly reason: StringLiteral;
  readonly span: SourceSpan;
}

/**
 * `p: person`, a record of the type written; or `p in household.members`, each member of a
 * list of the facts, for an output given for each member (the record type is the list's)
 */
export type DefinitionParameter =
  | { readonly name: Identifier; readonly type: TypeExpr; readonly members?: undefined; readonly span: SourceSpan }
  | { readonly name: Identifier; readonly type?: undefined; readonly members: Expr; readonly span: SourceSpan };

export interface Definition {
  readonly kind: "definition";
  /** `output` is part of the measure's result; `let` is internal */
  readonly visibility: "output" | "let";
  readonly name: Identifier;
  readonly parameters: readonly DefinitionParameter[];
  readonly type: TypeExpr;
  /** `label en "…"` */
  readonly english?: StringLiteral;
  readonly body: DefinitionBody;
  readonly span: SourceSpan;
}

export type DefinitionBody =
  /** `= expr cites … [note …]` */
  | { readonly kind: "simple"; readonly rule: RuleCase; readonly span: SourceSpan }
  /** `{ rule … exception … }` */
  | { readonly kind: "cases"; readonly cases: readonly RuleCase[]; readonly span: SourceSpan };

export interface RuleCase {
  /** `simple` for the one-expression form (its label is the definition's name) */
  readonly kind: "rule" | "exception" | "simple";
  readonly label?: Identifier;
  /** `exception L to T`: the label it overrides */
  readonly overrides?: Identifier;
  readonly condition?: Expr;
  readonly value: Expr;
  readonly citation?: Citation;
  readonly note?: StringLiteral;
  readonly window?: EffectiveWindow;
  readonly span: SourceSpan;
}

// ---------------------------------------------------------------- expressions

export interface DateLiteral {
  readonly kind: "date";
  /** as written, `YYYY-MM-DD` (validity is checked by the checker, not the parser) */
  readonly text: string;
  readonly span: SourceSpan;
}

/** `max` and `min` of the items' values are absent when no item is counted */
export type AggregateOperator = "count" | "sum" | "any" | "all" | "max" | "min";

export type BinaryOperator = "+" | "-" | "*" | "/" | "=" | "!=" | "<" | "<=" | ">" | ">=" | "and" | "or" | "otherwise";

export type Expr =
  | { readonly kind: "bool"; readonly value: boolean; readonly span: SourceSpan }
  /** plain number as written: `6`, `0.5` */
  | { readonly kind: "number"; readonly text: string; readonly span: SourceSpan }
  /** `500 yuan`, `1458.00 元`, `500 EUR`: the number as written; `unit` is the currency code written, absent for `yuan` and `元` */
  | { readonly kind: "money"; readonly text: string; readonly unit?: string; readonly span: SourceSpan }
  /** `60%`: the number as written, without `%` */
  | { readonly kind: "percent"; readonly text: string; readonly span: SourceSpan }
  /** `6 months`, `1 day`, `18 years` (a number of months, twelve a year) */
  | { readonly kind: "duration"; readonly unit: "months" | "days" | "years"; readonly text: string; readonly span: SourceSpan }
  /** `evaluation_date`: the date the case is evaluated on */
  | { readonly kind: "evaluation_date"; readonly span: SourceSpan }
  | DateLiteral
  /** `18:00` as written */
  | { readonly kind: "time"; readonly text: string; readonly span: SourceSpan }
  /** `"730000"`: a text, its escapes decoded (`value` is the text itself) */
  | { readonly kind: "text"; readonly value: string; readonly span: SourceSpan }
  | { readonly kind: "absent"; readonly span: SourceSpan }
  /** a bare name */
  | { readonly kind: "name"; readonly name: Identifier; readonly span: SourceSpan }
  /** `e.field` */
  | { readonly kind: "field"; readonly object: Expr; readonly field: Identifier; readonly span: SourceSpan }
  /** `f(args)`; `m.f(member)` (with `measure`): an output of measure `m` given for each member, read for one */
  | { readonly kind: "call"; readonly callee: Identifier; readonly args: readonly Expr[]; readonly measure?: Identifier; readonly span: SourceSpan }
  | { readonly kind: "unary"; readonly operator: "not" | "-"; readonly operand: Expr; readonly span: SourceSpan }
  | { readonly kind: "binary"; readonly operator: BinaryOperator; readonly left: Expr; readonly right: Expr; readonly span: SourceSpan }
  /** `a in {x, y}` or `a in s` */
  | { readonly kind: "in"; readonly element: Expr; readonly set: Expr; readonly span: SourceSpan }
  /** `a is present` / `a is absent` */
  | { readonly kind: "is"; readonly operand: Expr; readonly test: "present" | "absent"; readonly span: SourceSpan }
  | { readonly kind: "if"; readonly condition: Expr; readonly then: Expr; readonly else: Expr; readonly span: SourceSpan }
  | { readonly kind: "match"; readonly subject: Expr; readonly arms: readonly MatchArm[]; readonly span: SourceSpan }
  /** `{a, b}` (may be empty: `{}`) */
  | { readonly kind: "set"; readonly elements: readonly Expr[]; readonly span: SourceSpan }
  /**
   * `count(x in L where c)`, `any(…)`, `all(…)`: `value` absent;
   * `sum(e for x in L where c)`, `max(…)`, `min(…)`: `value` is e. `where` is optional everywhere.
   */
  | {
      readonly kind: "aggregate";
      readonly operator: AggregateOperator;
      readonly variable: Identifier;
      readonly list: Expr;
      readonly value?: Expr;
      readonly filter?: Expr;
      readonly span: SourceSpan;
    }
  /** `sum(series over last 12 months)`, `average(series over previous year)` */
  | { readonly kind: "over"; readonly operator: "sum" | "average"; readonly series: Expr; readonly periods: RelativePeriods; readonly span: SourceSpan }
  /** `( e )`, kept so the formatter can print what was written */
  | { readonly kind: "paren"; readonly inner: Expr; readonly span: SourceSpan };

/** `last 12 months`, `this year`, `previous month`: periods relative to the evaluation date */
export interface RelativePeriods {
  readonly relation: "last" | "this" | "previous";
  /** with `last` only: how many months or years, as written */
  readonly count?: string;
  readonly unit: "month" | "year";
  readonly span: SourceSpan;
}

export interface MatchArm {
  /** enum members; empty for the `else` arm */
  readonly patterns: readonly Identifier[];
  readonly isElse: boolean;
  readonly value: Expr;
  readonly span: SourceSpan;
}
