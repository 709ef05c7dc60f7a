/**
 * The symbols of a policy, gathered from all its files before anything is checked: enums,
 * records and entities (one namespace of types), parameters, measures and the one `policy`
 * header. Reports duplicates, unknown types and incomplete headers.
 */
import type { Declaration, EnumDeclaration, HeaderField, Identifier, MeasureDeclaration, ParameterDeclaration, PolicyFile, PolicyHeader, RecordDeclaration, ScaleDeclaration } from "../ast.js";
import type { FactSchema, PolicyInfo, ValueType } from "../ir.js";
import { currencyProblem } from "../currency.js";
import type { EnumDecl, FieldDecl, RecordDecl } from "../../runtime/types.js";
import { checkDateLiteral } from "./dates.js";
import type { Reporter } from "./report.js";
import { firstOfEachKey, reportError, startOfFile } from "./report.js";
import type { TypeNamespace } from "./types.js";
import { resolveType } from "./types.js";
import { definedProperties } from "../defined-properties.js";

export interface EnumSymbol {
  readonly decl: EnumDecl;
  readonly members: ReadonlySet<string>;
}

export interface RecordSymbol {
  readonly decl: RecordDecl;
  /** every declared field; the type is undefined when it could not be resolved (already reported) */
  readonly fields: ReadonlyMap<string, ValueType | undefined>;
}

export interface ParameterSymbol {
  readonly declaration: ParameterDeclaration;
  /** undefined when the declared type could not be resolved (already reported) */
  readonly type: ValueType | undefined;
}

export interface ProgramSymbols {
  readonly enums: ReadonlyMap<string, EnumSymbol>;
  /** records and entities */
  readonly records: ReadonlyMap<string, RecordSymbol>;
  readonly parameters: ReadonlyMap<string, ParameterSymbol>;
  /** parameters of type `scale`; they share the parameters' names */
  readonly scales: ReadonlyMap<string, ScaleDeclaration>;
  /** in written order, duplicates left out */
  readonly measures: readonly MeasureDeclaration[];
}

export interface Declarations {
  readonly symbols: ProgramSymbols;
  readonly policy: PolicyInfo | undefined;
  readonly schema: FactSchema;
}

export function collectDeclarations(files: readonly PolicyFile[], reporter: Reporter): Declarations {
  const declarations = files.flatMap((file) => file.declarations);
  const enums = declarations.filter((d): d is EnumDeclaration => d.kind === "enum");
  const records = declarations.filter((d): d is RecordDeclaration => d.kind === "record");
  const typeNames = uniqueNames(declarations.filter((d): d is EnumDeclaration | RecordDeclaration => d.kind === "enum" || d.kind === "record"), "type", reporter);
  const namespace: TypeNamespace = {
    enumNames: new Set(enums.filter((d) => typeNames.has(d)).map((d) => d.name.name)),
    enumMembers: new Map(enums.filter((d) => typeNames.has(d)).map((d) => [d.name.name, new Set(d.members.map((m) => m.name.name))])),
    recordNames: new Set(records.filter((d) => typeNames.has(d) && !d.entity).map((d) => d.name.name)),
    entityNames: new Set(records.filter((d) => typeNames.has(d) && d.entity).map((d) => d.name.name)),
  };
  const enumSymbols = new Map(enums.filter((d) => typeNames.has(d)).map((d) => [d.name.name, enumSymbol(d, reporter)] as const));
  const recordSymbols = new Map(records.filter((d) => typeNames.has(d)).map((d) => [d.name.name, recordSymbol(d, namespace, reporter)] as const));
  const figures = [...uniqueNames(declarations.filter((d): d is ParameterDeclaration | ScaleDeclaration => d.kind === "parameter" || d.kind === "scale"), "parameter", reporter)];
  const parameters = figures.filter((d): d is ParameterDeclaration => d.kind === "parameter");
  const parameterSymbols = new Map(parameters.map((d) => [d.name.name, parameterSymbol(d, namespace, reporter)] as const));
  const scales = new Map(figures.filter((d): d is ScaleDeclaration => d.kind === "scale").map((d) => [d.name.name, d] as const));
  const measures = [...uniqueNames(declarations.filter((d): d is MeasureDeclaration => d.kind === "measure"), "measure", reporter)];
  const symbols: ProgramSymbols = { enums: enumSymbols, records: recordSymbols, parameters: parameterSymbols, scales, measures };
  return {
    symbols,
    policy: policyInfo(files, declarations, reporter),
    schema: {
      enums: [...enumSymbols.values()].map((s) => s.decl),
      records: [...recordSymbols.values()].map((s) => s.decl),
      parameters: [...parameterSymbols.entries()].flatMap(([name, s]) => (s.type === undefined ? [] : [{ name, type: s.type }])),
    },
  };
}

/** The declarations whose name is not taken by an earlier one; reports the later ones (T0203). */
function uniqueNames<D extends { readonly name: Identifier }>(declarations: readonly D[], what: string, reporter: Reporter): Set<D> {
  const first = firstOfEachKey(declarations, (declaration) => declaration.name.name, (declaration, earlier) =>
    reportError(reporter, "T0203", declaration.name.span, `the ${what} \`${declaration.name.name}\` is declared twice`, {
      labels: [{ span: earlier.name.span, message: "first declared here" }],
      help: "rename one of them, or remove the repeated declaration",
    }),
  );
  return new Set(first.values());
}

/** Reports a name repeated inside one declaration (T0205): enum members, fields, brackets. */
export function reportRepeatedNames(names: readonly Identifier[], what: string, reporter: Reporter): void {
  firstOfEachKey(names, (name) => name.name, (name, earlier) =>
    reportError(reporter, "T0205", name.span, `the ${what} \`${name.name}\` is given twice`, {
      labels: [{ span: earlier.span, message: "first given here" }],
      help: "remove one of them",
    }),
  );
}

function enumSymbol(declaration: EnumDeclaration, reporter: Reporter): EnumSymbol {
  reportRepeatedNames(declaration.members.map((m) => m.name), "member", reporter);
  const members = [...new Map(declaration.members.map((m) => [m.name.name, m] as const)).values()];
  return {
    decl: {
      name: declaration.name.name,
      ...(declaration.label === undefined ? {} : { label: declaration.label.value }),
      members: members.map((m) => ({ name: m.name.name, ...(m.label === undefined ? {} : { label: m.label.value }) })),
      span: declaration.span,
    },
    members: new Set(members.map((m) => m.name.name)),
  };
}

function recordSymbol(declaration: RecordDeclaration, namespace: TypeNamespace, reporter: Reporter): RecordSymbol {
  reportRepeatedNames(declaration.fields.map((f) => f.name), "field", reporter);
  const fields = new Map<string, ValueType | undefined>();
  const resolved: FieldDecl[] = [];
  for (const field of declaration.fields) {
    if (fields.has(field.name.name)) continue;
    const type = resolveType(field.type, namespace, reporter, "fact");
    fields.set(field.name.name, type);
    if (type !== undefined) {
      resolved.push({
        name: field.name.name,
        type,
        ...definedProperties({ label: field.label?.value, english: field.english?.value }),
        span: field.span,
      });
    }
  }
  return {
    decl: {
      name: declaration.name.name,
      ...(declaration.label === undefined ? {} : { label: declaration.label.value }),
      entity: declaration.entity,
      fields: resolved,
      span: declaration.span,
    },
    fields,
  };
}

function parameterSymbol(declaration: ParameterDeclaration, namespace: TypeNamespace, reporter: Reporter): ParameterSymbol {
  const type = resolveType(declaration.type, namespace, reporter);
  const held = type?.kind === "optional" ? type.of : type;
  if (held?.kind === "list" || held?.kind === "record") {
    reportError(reporter, "T0218", declaration.type.span, `a parameter cannot hold ${held.kind === "list" ? "a list" : "a record"}`, {
      help: "a parameter is one figure (an amount, a rate, a date, …); describe lists and records as facts of an entity",
    });
    return { declaration, type: undefined };
  }
  return { declaration, type };
}

const requiredHeaderFields = ["title", "document", "issuer", "issued", "version"] as const;

function policyInfo(files: readonly PolicyFile[], declarations: readonly Declaration[], reporter: Reporter): PolicyInfo | undefined {
  const headers = declarations.filter((d): d is PolicyHeader => d.kind === "policy");
  const [header, ...extra] = headers;
  if (header === undefined) {
    return reportError(reporter, "T0206", startOfFile(files[0]?.file ?? ""), "this policy has no `policy` header", {
      help: 'start one file with `policy name { title "…" document "…" issuer "…" issued 2021-11-05 version "1.0.0" }`',
    });
  }
  for (const repeated of extra) {
    reportError(reporter, "T0207", repeated.name.span, "a policy has only one `policy` header", {
      labels: [{ span: header.name.span, message: "the header is here" }],
      help: "remove this header, or move the files of the other policy to their own folder",
    });
  }
  reportRepeatedNames(header.fields.map((field) => ({ name: field.key, span: field.span })), "header field", reporter);
  const strings = new Map<string, string>();
  let issued: string | undefined;
  let currency: string | undefined;
  for (const field of header.fields) {
    if (field.key === "issued") {
      issued ??= checkDateLiteral(field.value, reporter) === undefined ? undefined : field.value.text;
    } else if (field.key === "currency") {
      const problem = currencyProblem(field.value.name);
      if (problem !== undefined) reportError(reporter, "T1101", field.value.span, problem.message, { help: problem.help });
      else currency ??= field.value.name;
    } else if (!strings.has(field.key)) {
      strings.set(field.key, field.value.value);
    }
  }
  const missing = requiredHeaderFields.filter((key) => !header.fields.some((field: HeaderField) => field.key === key));
  if (missing.length > 0) {
    reportError(reporter, "T0208", header.name.span, `the policy header has no ${missing.map((key) => `\`${key}\``).join(", ")}`, {
      help: `add ${missing.map(headerExample).join(", ")}`,
    });
  }
  const title = strings.get("title");
  const document = strings.get("document");
  const issuer = strings.get("issuer");
  const version = strings.get("version");
  const notice = strings.get("notice");
  const amends = strings.get("amends");
  if (title === undefined || document === undefined || issuer === undefined || version === undefined || issued === undefined) return undefined;
  return { name: header.name.name, title, document, issuer, issued, version, ...definedProperties({ notice, amends, currency }), span: header.span };
}

function headerExample(key: (typeof requiredHeaderFields)[number]): string {
  return key === "issued" ? "`issued 2021-11-05`" : key === "version" ? '`version "1.0.0"`' : `\`${key} "…"\``;
}
