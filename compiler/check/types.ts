/**
 * Value types: resolving what the drafter wrote (`optional date`, `list of trainee`) and
 * naming types in a drafter's words for diagnostics.
 */
import { primitiveTypeNames, type Identifier, type TypeExpr } from "../ast.js";
import type { ValueType } from "../ir.js";
import type { Reporter } from "./report.js";
import { reportError, suggestion } from "./report.js";
import { reportSeriesNotAllowed, seriesType } from "./series.js";

export const boolType: ValueType = { kind: "bool" };
export const integerType: ValueType = { kind: "integer" };
export const decimalType: ValueType = { kind: "decimal" };
export const moneyType: ValueType = { kind: "money" };
export const unroundedType: ValueType = { kind: "unrounded_money" };
export const percentType: ValueType = { kind: "percent" };
export const dateType: ValueType = { kind: "date" };
export const timeType: ValueType = { kind: "time" };
export const textType: ValueType = { kind: "text" };
/** The `of` of a set of texts (`{"730000", "730010"}`): `text` is reserved, so no enum has that name. */
export const TEXT_SET = "text";
export const textSetType: ValueType = { kind: "set", of: TEXT_SET };
export const monthsType: ValueType = { kind: "months" };
export const daysType: ValueType = { kind: "days" };

export function optionalOf(type: ValueType): ValueType {
  return type.kind === "optional" ? type : { kind: "optional", of: type };
}

export function sameType(a: ValueType, b: ValueType): boolean {
  switch (a.kind) {
    case "enum":
    case "record":
      return b.kind === a.kind && b.name === a.name;
    case "set":
    case "list":
      return b.kind === a.kind && b.of === a.of;
    case "optional":
      return b.kind === "optional" && sameType(a.of, b.of);
    case "series":
      return b.kind === "series" && b.period === a.period && sameType(a.of, b.of);
    case "per_member":
      return b.kind === "per_member" && sameType(a.of, b.of);
    default:
      return a.kind === b.kind;
  }
}

/** A type as the policy writes it: `optional date`, `list of trainee`, `signed money`, `unrounded amount`. */
export function typeText(type: ValueType): string {
  switch (type.kind) {
    case "series":
      return `${type.period === "month" ? "monthly" : "yearly"} ${typeText(type.of)}`;
    case "enum":
    case "record":
      return type.name;
    case "set":
      return `set of ${type.of}`;
    case "list":
      return `list of ${type.of}`;
    case "optional":
      return `optional ${typeText(type.of)}`;
    case "unrounded_money":
      return "unrounded amount";
    case "money":
      return type.signed === true ? "signed money" : "money";
    default:
      return type.kind;
  }
}

/** The type in a drafter's words, with its article: "an amount of money", "a date that may be absent". */
export function describeType(type: ValueType): string {
  switch (type.kind) {
    case "bool":
      return "a yes/no value";
    case "integer":
      return "a whole number";
    case "decimal":
      return "a decimal number";
    case "money":
      return type.signed === true ? "an amount of money that may be negative" : "an amount of money";
    case "unrounded_money":
      return "an unrounded amount";
    case "percent":
      return "a percentage";
    case "date":
      return "a date";
    case "time":
      return "a time of day";
    case "text":
      return "a text";
    case "months":
      return "a number of months";
    case "days":
      return "a number of days";
    case "enum":
      return `a value of \`${type.name}\``;
    case "set":
      return type.of === TEXT_SET ? "a set of texts" : `a set of \`${type.of}\``;
    case "list":
      return `a list of \`${type.of}\``;
    case "record":
      return `a \`${type.name}\` record`;
    case "optional":
      return `${describeType(type.of)} that may be absent`;
    case "series":
      return `${describeType(type.of)} given ${type.period} by ${type.period}`;
    case "per_member":
      return `${describeType(type.of)} for each member`;
  }
}

/** What a type expression may name: enums and records (entities are scenario objects, not types). */
export interface TypeNamespace {
  readonly enumNames: ReadonlySet<string>;
  /** the members of each enum, for the value of a series' periods not given */
  readonly enumMembers: ReadonlyMap<string, ReadonlySet<string>>;
  readonly recordNames: ReadonlySet<string>;
  readonly entityNames: ReadonlySet<string>;
}

/** `place` "fact": a field of an entity or record, the only place a series may be declared. */
export function resolveType(expr: TypeExpr, names: TypeNamespace, reporter: Reporter, place: "fact" | "other" = "other", signedAllowed = place === "fact"): ValueType | undefined {
  switch (expr.kind) {
    case "primitive":
      if (expr.signed !== true) return { kind: expr.name };
      if (expr.name !== "money" || !signedAllowed) {
        return reportError(reporter, "T1106", expr.span, expr.name !== "money" ? `only an amount of money is written \`signed\`, not ${expr.name}` : "only a fact is `signed money`", {
          help:
            expr.name !== "money"
              ? "a decimal may be negative already; whole numbers, months and days of a fact are never negative"
              : "an amount computed (a difference, an output) may be negative whatever its type: write `money`",
        });
      }
      return { kind: "money", signed: true };
    case "named":
      return resolveNamedType(expr.name, names, reporter);
    case "set":
      if (names.enumNames.has(expr.of.name)) return { kind: "set", of: expr.of.name };
      reportNotA(expr.of, "an enum", [...names.enumNames], "`set of` takes an enum", names, reporter);
      return undefined;
    case "list":
      if (names.recordNames.has(expr.of.name)) return { kind: "list", of: expr.of.name };
      reportNotA(expr.of, "a record", [...names.recordNames], "`list of` takes a record", names, reporter);
      return undefined;
    case "optional": {
      const inner = resolveType(expr.of, names, reporter, "other", signedAllowed);
      return inner === undefined ? undefined : optionalOf(inner);
    }
    case "series": {
      if (place !== "fact") return reportSeriesNotAllowed(expr.span, reporter);
      const of = resolveType(expr.of, names, reporter, "other", signedAllowed);
      return of === undefined ? undefined : seriesType(expr, of, names.enumMembers, reporter);
    }
  }
}

function resolveNamedType(name: Identifier, names: TypeNamespace, reporter: Reporter): ValueType | undefined {
  if (names.enumNames.has(name.name)) return { kind: "enum", name: name.name };
  if (names.recordNames.has(name.name)) return { kind: "record", name: name.name };
  if (names.entityNames.has(name.name)) {
    return reportError(reporter, "T0211", name.span, `\`${name.name}\` is an entity, not a type`, {
      help: `an entity is a top-level object of a scenario; declare \`record ${name.name}_details { … }\` for a nested object`,
    });
  }
  return reportError(reporter, "T0209", name.span, `unknown type \`${name.name}\``, {
    ...suggestion(name.name, [...primitiveTypeNames, ...names.enumNames, ...names.recordNames], `declare it with \`enum\` or \`record\`, or use one of ${primitiveTypeNames.join(", ")}`),
  });
}

function reportNotA(name: Identifier, what: string, candidates: readonly string[], rule: string, names: TypeNamespace, reporter: Reporter): void {
  const known = names.enumNames.has(name.name) || names.recordNames.has(name.name) || names.entityNames.has(name.name);
  if (known) {
    reportError(reporter, "T0211", name.span, `\`${name.name}\` is not ${what}`, { help: rule });
    return;
  }
  reportError(reporter, "T0209", name.span, `unknown type \`${name.name}\``, {
    ...suggestion(name.name, candidates, rule),
  });
}
