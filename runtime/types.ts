/**
 * Value types shared by the compiler's IR, the runtime's scenario validation,
 * the emitters and the interpreter. Plain data: JSON-serialisable, comparable
 * between two versions of a policy.
 */
export type ValueType =
  | { readonly kind: "bool" }
  | { readonly kind: "integer" }
  | { readonly kind: "decimal" }
  /** `signed`: a fact that may be negative (`signed money`); other amounts may be negative whatever the type says */
  | { readonly kind: "money"; readonly signed?: true }
  /** money before rounding: the result of money × percent or money × decimal; must pass through round(...) */
  | { readonly kind: "unrounded_money" }
  | { readonly kind: "percent" }
  | { readonly kind: "date" }
  | { readonly kind: "time" }
  /** a short text that identifies something (a postal code, a register number): at most TEXT_MAX_LENGTH characters, no control characters (runtime/text.ts) */
  | { readonly kind: "text" }
  | { readonly kind: "months" }
  | { readonly kind: "days" }
  | { readonly kind: "enum"; readonly name: string }
  | { readonly kind: "set"; readonly of: string /* enum name */ }
  | { readonly kind: "list"; readonly of: string /* record name */ }
  | { readonly kind: "record"; readonly name: string }
  | { readonly kind: "optional"; readonly of: ValueType }
  /**
   * A fact given period by period (runtime/series.ts): `{"2017-01": "2400.00", …}` by month,
   * `{"2017": …}` by year. `missing` is the value of a period not given (a runtime value of
   * `of`), absent: reading such a period is an evaluation error.
   */
  | { readonly kind: "series"; readonly period: SeriesPeriod; readonly of: ValueType; readonly missing?: number | boolean | string }
  /**
   * The result of an output given for each member of a list (`tax(p in household.members)`):
   * one value of `of` per member, in the list's order. Only a result has this type.
   */
  | { readonly kind: "per_member"; readonly of: ValueType };

/** The periods of a series: calendar months or calendar years. */
export type SeriesPeriod = "month" | "year";

export interface SourceSpan {
  readonly file: string;
  /** 1-based line and column of the first character; end is exclusive, also 1-based */
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** 0-based UTF-16 offsets into the file text */
  readonly start: number;
  readonly end: number;
}

export interface EnumDecl {
  readonly name: string;
  readonly label?: string;
  readonly members: readonly { readonly name: string; readonly label?: string }[];
  readonly span: SourceSpan;
}

export interface FieldDecl {
  readonly name: string;
  readonly type: ValueType;
  /**
   * `otherwise <literal>`: the value of the fact when the scenario leaves it out, as a scenario
   * gives it (`"0.00"`, `3`, `"2021-10-20"`, `"60%"`, a member's name), read as if given
   */
  readonly default?: string | number | boolean;
  readonly label?: string;
  /** the label in English (`label en "…"`), for explanations and generated code in English */
  readonly english?: string;
  readonly span: SourceSpan;
}

/** An entity (top-level object of a scenario: person, enterprise...) or a record (item of a list, nested object). */
export interface RecordDecl {
  readonly name: string;
  readonly label?: string;
  readonly entity: boolean;
  readonly fields: readonly FieldDecl[];
  readonly span: SourceSpan;
}

/** Everything needed to validate a scenario and to type its facts and parameters. */
export interface FactSchema {
  readonly enums: readonly EnumDecl[];
  /** entities and records; entities are the top-level keys of a scenario */
  readonly records: readonly RecordDecl[];
  /** parameter names and types, for "parameters" overrides in a scenario */
  readonly parameters: readonly { readonly name: string; readonly type: ValueType }[];
}
