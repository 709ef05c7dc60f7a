/**
 * The IR: a checked policy as plain, JSON-serialisable data. Every name is resolved,
 * every expression typed, every operator resolved to the unit-correct operation and
 * every coercion explicit, so that the interpreter and the emitters are "dumb" and two
 * versions of a policy can be compared node by node. Every node keeps its span.
 */
import type { FactSchema, SourceSpan, ValueType } from "../runtime/types.js";
import type { RelativePeriods } from "../runtime/series.js";
import type { CalendarDate } from "../runtime/dates.js";
import type { LiteralValue } from "./literals.js";
import type { ArithmeticOperationId, ChoiceOperationId, ComparisonOperationId, ComparisonOperator, ConversionOperationId, FunctionOperationId, RoundingOperationId } from "./operations.js";

export type { FactSchema, LiteralValue, RelativePeriods, SourceSpan, ValueType };

export interface ProgramIR {
  readonly policy: PolicyInfo;
  readonly schema: FactSchema;
  readonly parameters: readonly ParameterIR[];
  readonly scales: readonly ScaleIR[];
  readonly measures: readonly MeasureIR[];
}

export interface PolicyInfo {
  readonly name: string;
  readonly title: string;
  readonly document: string;
  readonly issuer: string;
  /** YYYY-MM-DD */
  readonly issued: string;
  readonly version: string;
  /** file name of the document's text, relative to the policy folder */
  readonly notice?: string;
  /** for an amendment: the path of the policy it amends, as its header gives it */
  readonly amends?: string;
  /** `currency EUR`: the ISO 4217 code of the policy's money; absent, the yuan (compiler/currency.ts) */
  readonly currency?: string;
  readonly span: SourceSpan;
}

/** `§4 "quoted words"` */
export interface CitationIR {
  /** as written: "§4", "§3¶2", "§preamble", "§closing" */
  readonly clause: string;
  /** absent for the preamble and the closing paragraph */
  readonly measure?: number;
  readonly paragraph?: number;
  readonly quote: string;
  readonly span: SourceSpan;
}

export type SourceIR =
  | { readonly kind: "clause"; readonly citation: CitationIR }
  | { readonly kind: "document"; readonly text: string; readonly span: SourceSpan };

export interface ParameterValueIR {
  /** decoded, as every literal (compiler/literals.ts) */
  readonly value: LiteralValue;
  /** the first day in force */
  readonly from: CalendarDate;
  /** the last day in force (written, or the day before the next value's `from`); absent: in force forever */
  readonly until?: CalendarDate;
  readonly source: SourceIR;
  readonly note?: string;
  /** for a value an amendment gives (compiler/amend.ts): the amendment's policy name and version */
  readonly amendment?: string;
  readonly span: SourceSpan;
}

export interface ParameterIR {
  readonly name: string;
  readonly type: ValueType;
  readonly label?: string;
  readonly unit?: string;
  /** in date order, not overlapping (the checker guarantees it) */
  readonly values: readonly ParameterValueIR[];
  readonly span: SourceSpan;
}

/** A parameter of type `scale`: its brackets in written order (their thresholds rise on every date). */
export interface ScaleIR {
  readonly name: string;
  readonly label?: string;
  readonly unit?: string;
  readonly brackets: readonly ScaleBracketIR[];
  readonly span: SourceSpan;
}

/** A bracket is part of the scale on the dates its threshold (money) is in force; its rate (percent) must then be too. */
export interface ScaleBracketIR {
  readonly name: string;
  readonly thresholds: readonly ParameterValueIR[];
  readonly rates: readonly ParameterValueIR[];
  readonly span: SourceSpan;
}

export interface WindowIR {
  /** a date-typed expression */
  readonly from: ExprIR;
  /** a date or optional-date expression; absent (or evaluating to absent) means open; inclusive */
  readonly until?: ExprIR;
  readonly span: SourceSpan;
}

export interface MeasureIR {
  readonly name: string;
  readonly title?: string;
  readonly citation?: CitationIR;
  readonly window?: WindowIR;
  /**
   * Fact paths the measure reads, "entity.field", sorted; a list or record field is read whole.
   * The measure is evaluated for a scenario only when all are present.
   */
  readonly reads: readonly string[];
  /** Parameters the measure reads (directly or through its definitions), sorted */
  readonly parametersRead: readonly string[];
  /** All definitions in dependency order: a definition comes after everything it reads. */
  readonly definitions: readonly DefinitionIR[];
  /** Output names in written order (`in_force` is implicit and not listed). */
  readonly outputs: readonly string[];
  readonly notComputable: readonly NotComputableIR[];
  readonly span: SourceSpan;
}

export interface NotComputableIR {
  readonly citation: CitationIR;
  readonly reason: string;
  readonly span: SourceSpan;
}

export interface DefinitionIR {
  readonly name: string;
  readonly visibility: "output" | "let";
  /** record-typed parameters, for definitions used inside list aggregates */
  readonly parameters: readonly { readonly name: string; readonly type: ValueType }[];
  readonly type: ValueType;
  /**
   * for an output given for each member of a list of the facts (`tax(p in household.members)`):
   * that list; the definition's one parameter stands for each member, and the result holds
   * one value of `type` per member, in the list's order
   */
  readonly members?: MembersIR;
  /** the base rules (roots of the exception tree); a simple definition has one, of kind "simple" */
  readonly rules: readonly RuleIR[];
  readonly span: SourceSpan;
}

/** The list of the facts an output is given for each member of: `household.members` */
export interface MembersIR {
  readonly entity: string;
  readonly field: string;
  /** the record type of the list's items */
  readonly record: string;
}

export interface RuleIR {
  readonly kind: "simple" | "rule" | "exception";
  /** for "simple", the definition's name */
  readonly label: string;
  /** absent: applies always */
  readonly condition?: ExprIR;
  readonly value: ExprIR;
  readonly citation?: CitationIR;
  readonly note?: string;
  readonly window?: WindowIR;
  /** the exceptions that override this rule */
  readonly exceptions: readonly RuleIR[];
  readonly span: SourceSpan;
}

/** Unit-resolved arithmetic: the operation's id in the operations table (compiler/operations.ts). */
export type ArithmeticOp = ArithmeticOperationId;

export type Conversion =
  | ConversionOperationId
  /** T → optional T */
  | "to_optional"
  | "integer_to_months"
  | "integer_to_days";

export type ComparisonOp = ComparisonOperator;

export type ExprIR = { readonly type: ValueType; readonly span: SourceSpan } & ExprNode;

export type ExprNode =
  | { readonly op: "literal"; readonly value: LiteralValue }
  /** a fact of a scenario entity: `person.insured` */
  | { readonly op: "fact"; readonly entity: string; readonly field: string }
  /** a field of a record value (list item, nested record, definition parameter) */
  | { readonly op: "field"; readonly object: ExprIR; readonly field: string }
  | { readonly op: "parameter"; readonly name: string }
  /** a definition (let / output) without parameters, of the same measure */
  | { readonly op: "definition"; readonly name: string }
  /**
   * an output of another measure (`in_force` included): its empty value when that measure is
   * not in force; for an output given for each member, its value for `member` (a record of the list)
   */
  | { readonly op: "measure_output"; readonly measure: string; readonly output: string; readonly member?: ExprIR }
  /** a parameterised definition of the same measure */
  | { readonly op: "call"; readonly definition: string; readonly args: readonly ExprIR[] }
  /** a definition parameter or an aggregate variable */
  | { readonly op: "local"; readonly name: string }
  | { readonly op: "not"; readonly operand: ExprIR }
  | { readonly op: "and" | "or"; readonly left: ExprIR; readonly right: ExprIR }
  /** `operandType` is the (common, non-optional) type of both sides, `operation` the table's comparison for it */
  | { readonly op: "compare"; readonly operator: ComparisonOp; readonly operation: ComparisonOperationId; readonly operandType: ValueType; readonly left: ExprIR; readonly right: ExprIR }
  | { readonly op: "arithmetic"; readonly operator: ArithmeticOp; readonly left: ExprIR; readonly right: ExprIR }
  | { readonly op: "negate"; readonly operand: ExprIR } // decimal only
  /** unrounded_money → money, or decimal → integer; `operation` is fused for `round(money × percent)` */
  | { readonly op: "round"; readonly operation: RoundingOperationId; readonly mode: "half_up" | "down" | "up"; readonly operand: ExprIR }
  /** decimal → integer */
  | { readonly op: "floor" | "ceil"; readonly operand: ExprIR }
  /** `operation` is the table's choice for the type of both sides (and of the result) */
  | { readonly op: "min" | "max"; readonly operation: ChoiceOperationId; readonly left: ExprIR; readonly right: ExprIR }
  /** the value of a series (a fact given period by period) for the period containing `at`, or the evaluation date */
  | { readonly op: "series_at"; readonly series: ExprIR; readonly at?: ExprIR }
  /**
   * the periods of a series relative to the evaluation date, added up, or averaged and
   * rounded at once (`rounding`, with `average` only)
   */
  | {
      readonly op: "series_total";
      readonly operator: "sum" | "average";
      readonly series: ExprIR;
      readonly periods: RelativePeriods;
      readonly rounding?: "half_up" | "down" | "up";
    }
  /** a scale applied to an amount on the evaluation date (runtime `applyScale`): an unrounded amount */
  | { readonly op: "scale"; readonly mode: "marginal" | "single_rate"; readonly scale: string; readonly base: ExprIR }
  /** the last day of a term of `months` months whose first day is `start` (the month rule of the language reference) */
  | { readonly op: "last_day_of_term"; readonly start: ExprIR; readonly months: ExprIR }
  /** a built-in function of the operations table (the calendar functions), applied to its operands in order */
  | { readonly op: "function"; readonly operation: FunctionOperationId; readonly args: readonly ExprIR[] }
  /** the date the case is evaluated on (the scenario's `date`) */
  | { readonly op: "evaluation_date" }
  | { readonly op: "convert"; readonly conversion: Conversion; readonly operand: ExprIR }
  | { readonly op: "if"; readonly condition: ExprIR; readonly then: ExprIR; readonly else: ExprIR }
  /** arms in written order; `otherwise` is the `else` arm (absent when the arms are exhaustive) */
  | { readonly op: "match"; readonly subject: ExprIR; readonly arms: readonly { readonly members: readonly string[]; readonly value: ExprIR }[]; readonly otherwise?: ExprIR }
  /** membership of an enum value in a set-typed expression */
  | { readonly op: "in"; readonly element: ExprIR; readonly set: ExprIR }
  | { readonly op: "is_present" | "is_absent"; readonly operand: ExprIR }
  /** left is optional T, right is T; result T */
  | { readonly op: "otherwise"; readonly left: ExprIR; readonly right: ExprIR }
  | {
      readonly op: "aggregate";
      /** `max` and `min` are optional: absent when no item is counted */
      readonly operator: "count" | "sum" | "any" | "all" | "max" | "min";
      readonly variable: string;
      readonly list: ExprIR;
      readonly value?: ExprIR;
      readonly filter?: ExprIR;
    };
