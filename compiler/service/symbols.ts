/**
 * The symbols of a policy and every place a name refers to one, read from the syntax trees
 * of its files. The checker stops at the first error and keeps no record of what a name
 * meant; an editor needs both while the policy is still being written, so the names are
 * resolved here again, by the language's rules (docs/language.md, "Names"), on whatever
 * the parser could read. Types are inferred only as far as names need them: the record
 * a field is read from, and the enum a bare member belongs to.
 */
import { findFunction, functionOperation } from "../operations.js";
import type {
  Definition,
  DefinitionParameter,
  EffectiveWindow,
  EnumDeclaration,
  Expr,
  FieldDeclaration,
  Identifier,
  MeasureDeclaration,
  ParameterDeclaration,
  PolicyFile,
  RecordDeclaration,
  RuleCase,
  SourceSpan,
  TypeExpr,
} from "../ast.js";
import type { ValueType } from "../../runtime/types.js";
import { allTokens, PrimitiveType } from "../../grammar/tokens.js";

export type SymbolKind =
  | "enum"
  | "member"
  | "record"
  | "entity"
  | "field"
  | "parameter"
  | "measure"
  | "definition"
  | "definition-parameter"
  | "variable"
  | "rule";

export type SymbolNode =
  | { readonly kind: "enum"; readonly node: EnumDeclaration }
  | { readonly kind: "member"; readonly node: EnumDeclaration["members"][number]; readonly owner: EnumDeclaration }
  | { readonly kind: "record" | "entity"; readonly node: RecordDeclaration }
  | { readonly kind: "field"; readonly node: FieldDeclaration; readonly owner: RecordDeclaration }
  | { readonly kind: "parameter"; readonly node: ParameterDeclaration }
  | { readonly kind: "measure"; readonly node: MeasureDeclaration }
  | { readonly kind: "definition"; readonly node: Definition; readonly measure: MeasureDeclaration }
  | { readonly kind: "definition-parameter"; readonly node: DefinitionParameter; readonly definition: Definition }
  | { readonly kind: "variable"; readonly node: Identifier; readonly list: Expr }
  | { readonly kind: "rule"; readonly node: RuleCase; readonly definition: Definition; readonly measure: MeasureDeclaration };

export interface PolicySymbol {
  /** unique in the policy: `member:ui_status.expired`, `definition:m4.eligible`, … */
  readonly key: string;
  readonly name: string;
  /** the name where it is declared */
  readonly span: SourceSpan;
  readonly type?: ValueType;
  readonly declaration: SymbolNode;
}

export interface Occurrence {
  readonly symbol: PolicySymbol;
  /** the name as written here */
  readonly span: SourceSpan;
  readonly isDeclaration: boolean;
}

export interface PolicyIndex {
  readonly enums: ReadonlyMap<string, EnumDeclaration>;
  readonly records: ReadonlyMap<string, RecordDeclaration>;
  readonly parameters: ReadonlyMap<string, ParameterDeclaration>;
  readonly measures: ReadonlyMap<string, MeasureDeclaration>;
  readonly symbols: ReadonlyMap<string, PolicySymbol>;
  /** every occurrence, by file, in order of position */
  readonly occurrences: ReadonlyMap<string, readonly Occurrence[]>;
  /** every occurrence of each symbol, by key */
  readonly occurrencesOf: ReadonlyMap<string, readonly Occurrence[]>;
}

/** `bool`, `money`, …: the grammar's keywords of the category PrimitiveType */
export const primitiveTypeNames: readonly string[] = allTokens
  .filter((token) => token.CATEGORIES?.includes(PrimitiveType) === true)
  .map((token) => token.PATTERN as string);

/** The name that reads the parameters even where a definition has the same name. */
export const parametersNamespace = "parameters";

export const builtinFunctions: readonly { readonly name: string; readonly signature: string; readonly documentation: string }[] = [
  { name: "round", signature: "round(amount)", documentation: "an unrounded amount to the fen, half up; a decimal to an integer" },
  { name: "round_down", signature: "round_down(amount)", documentation: "an unrounded amount to the fen, toward zero" },
  { name: "round_up", signature: "round_up(amount)", documentation: "an unrounded amount to the fen, away from zero" },
  { name: "floor", signature: "floor(decimal)", documentation: "the integer at or below a decimal" },
  { name: "ceil", signature: "ceil(decimal)", documentation: "the integer at or above a decimal" },
  { name: "min", signature: "min(a, b)", documentation: "the smaller of two values of the same type" },
  { name: "max", signature: "max(a, b)", documentation: "the larger of two values of the same type" },
  { name: "months", signature: "months(n)", documentation: "a number of months from an integer" },
  { name: "days", signature: "days(n)", documentation: "a number of days from an integer" },
  { name: "years", signature: "years(n)", documentation: "a number of months, twelve for each of n years" },
  { name: "last_day_of_term", signature: "last_day_of_term(start, n months)", documentation: "the last day of a term of n months whose first day is start" },
  { name: "completed_years", signature: "completed_years(from, to)", documentation: "the whole years from one date to a later one: an age is `completed_years(person.birth_date, evaluation_date)`" },
  { name: "completed_months", signature: "completed_months(from, to)", documentation: "the whole months from one date to a later one, the anniversary day included" },
  { name: "year_of", signature: "year_of(date)", documentation: "the year of a date, an integer" },
  { name: "month_of", signature: "month_of(date)", documentation: "the month of a date, 1 to 12" },
  { name: "first_day_of_month", signature: "first_day_of_month(date)", documentation: "the first day of the date's month" },
  { name: "last_day_of_month", signature: "last_day_of_month(date)", documentation: "the last day of the date's month" },
  { name: "first_day_of_year", signature: "first_day_of_year(date)", documentation: "1 January of the date's year" },
  { name: "last_day_of_year", signature: "last_day_of_year(date)", documentation: "31 December of the date's year" },
  { name: "starts_with", signature: "starts_with(text, prefix)", documentation: "whether a text begins with another: a district by its postal prefix, `starts_with(household.postal_code, \"7301\")`" },
];

const builtinNames: ReadonlySet<string> = new Set(builtinFunctions.map((builtin) => builtin.name));

export function definitionKey(measure: string, definition: string): string {
  return `definition:${measure}.${definition}`;
}

/** Reads the declarations of every file, then resolves every name in them. */
export function indexPolicy(files: readonly PolicyFile[]): PolicyIndex {
  const builder = new IndexBuilder();
  for (const file of files) for (const declaration of file.declarations) builder.declare(declaration);
  for (const file of files) for (const declaration of file.declarations) builder.name(declaration);
  for (const file of files) for (const declaration of file.declarations) builder.resolve(declaration);
  return builder.finish();
}

/** The type a type expression names, when every name in it is declared. */
export function resolveTypeExpr(type: TypeExpr, index: Pick<PolicyIndex, "enums" | "records">): ValueType | undefined {
  switch (type.kind) {
    case "primitive":
      return { kind: type.name };
    case "named":
      if (index.enums.has(type.name.name)) return { kind: "enum", name: type.name.name };
      if (index.records.has(type.name.name)) return { kind: "record", name: type.name.name };
      return undefined;
    case "set":
      return index.enums.has(type.of.name) ? { kind: "set", of: type.of.name } : undefined;
    case "list":
      return index.records.has(type.of.name) ? { kind: "list", of: type.of.name } : undefined;
    case "optional": {
      const inner = resolveTypeExpr(type.of, index);
      return inner === undefined ? undefined : { kind: "optional", of: inner };
    }
  }
}

export function withoutOptional(type: ValueType | undefined): ValueType | undefined {
  return type?.kind === "optional" ? type.of : type;
}

/** What a name refers to inside a measure, by the language's order. */
interface Scope {
  readonly measure?: MeasureDeclaration;
  readonly definitions: ReadonlyMap<string, PolicySymbol>;
  /** the definition being read: its own name names the parameter of that name when there is one */
  readonly current?: string;
  readonly locals: ReadonlyMap<string, PolicySymbol>;
}

const emptyScope: Scope = { definitions: new Map(), locals: new Map() };

class IndexBuilder {
  readonly enums = new Map<string, EnumDeclaration>();
  readonly records = new Map<string, RecordDeclaration>();
  private readonly parameters = new Map<string, ParameterDeclaration>();
  private readonly measures = new Map<string, MeasureDeclaration>();
  private readonly symbols = new Map<string, PolicySymbol>();
  private readonly occurrences = new Map<string, Occurrence[]>();

  finish(): PolicyIndex {
    const occurrencesOf = new Map<string, Occurrence[]>();
    for (const list of this.occurrences.values()) {
      list.sort((a, b) => a.span.start - b.span.start);
      for (const occurrence of list) {
        const same = occurrencesOf.get(occurrence.symbol.key);
        if (same === undefined) occurrencesOf.set(occurrence.symbol.key, [occurrence]);
        else same.push(occurrence);
      }
    }
    return {
      occurrencesOf,
      enums: this.enums,
      records: this.records,
      parameters: this.parameters,
      measures: this.measures,
      symbols: this.symbols,
      occurrences: this.occurrences,
    };
  }

  // ------------------------------------------------------------ declarations

  declare(declaration: PolicyFile["declarations"][number]): void {
    switch (declaration.kind) {
      case "policy":
        return;
      case "enum":
        if (!this.enums.has(declaration.name.name)) this.enums.set(declaration.name.name, declaration);
        return;
      case "record":
        if (!this.records.has(declaration.name.name)) this.records.set(declaration.name.name, declaration);
        return;
      case "parameter":
        if (!this.parameters.has(declaration.name.name)) this.parameters.set(declaration.name.name, declaration);
        return;
      case "measure":
        if (!this.measures.has(declaration.name.name)) this.measures.set(declaration.name.name, declaration);
        return;
    }
  }

  /** The symbol of a declaration, created at its first declaration; later ones are occurrences of it. */
  private symbol(key: string, name: Identifier, declaration: SymbolNode, type?: ValueType): PolicySymbol {
    let symbol = this.symbols.get(key);
    if (symbol === undefined) {
      symbol = { key, name: name.name, span: name.span, declaration, ...(type === undefined ? {} : { type }) };
      this.symbols.set(key, symbol);
    }
    this.occur(symbol, name.span, true);
    return symbol;
  }

  private occur(symbol: PolicySymbol, span: SourceSpan, isDeclaration = false): void {
    let list = this.occurrences.get(span.file);
    if (list === undefined) {
      list = [];
      this.occurrences.set(span.file, list);
    }
    list.push({ symbol, span, isDeclaration });
  }

  private typeOf(type: TypeExpr): ValueType | undefined {
    return resolveTypeExpr(type, this);
  }

  /** A definition parameter's type: as written, or the record of the list it ranges over (`p in household.members`). */
  private parameterType(parameter: DefinitionParameter): ValueType | undefined {
    if (parameter.type !== undefined) return this.typeOf(parameter.type);
    const list = parameter.members;
    if (list.kind !== "field" || list.object.kind !== "name") return undefined;
    const type = this.symbols.get(`field:${list.object.name.name}.${list.field.name}`)?.type;
    return type?.kind === "list" ? { kind: "record", name: type.of } : undefined;
  }

  /** Records the enum and record names a type expression mentions. */
  private resolveTypeNames(type: TypeExpr): void {
    switch (type.kind) {
      case "primitive":
        return;
      case "named":
      case "set":
      case "list": {
        const name = type.kind === "named" ? type.name : type.of;
        const symbol = this.symbols.get(`enum:${name.name}`) ?? this.symbols.get(`record:${name.name}`);
        if (symbol !== undefined) this.occur(symbol, name.span);
        return;
      }
      case "optional":
        this.resolveTypeNames(type.of);
    }
  }

  /** Creates the symbols of a declaration and of what it declares inside. */
  name(declaration: PolicyFile["declarations"][number]): void {
    switch (declaration.kind) {
      case "policy":
        return;
      case "enum": {
        this.symbol(`enum:${declaration.name.name}`, declaration.name, { kind: "enum", node: declaration });
        const owner = this.enums.get(declaration.name.name) ?? declaration;
        const type: ValueType = { kind: "enum", name: owner.name.name };
        for (const member of declaration.members) {
          this.symbol(`member:${owner.name.name}.${member.name.name}`, member.name, { kind: "member", node: member, owner }, type);
        }
        return;
      }
      case "record": {
        const owner = this.records.get(declaration.name.name) ?? declaration;
        const kind = declaration.entity ? "entity" : "record";
        this.symbol(`record:${declaration.name.name}`, declaration.name, { kind, node: declaration }, { kind: "record", name: owner.name.name });
        for (const field of declaration.fields) {
          this.symbol(`field:${owner.name.name}.${field.name.name}`, field.name, { kind: "field", node: field, owner }, this.typeOf(field.type));
        }
        return;
      }
      case "parameter":
        this.symbol(`parameter:${declaration.name.name}`, declaration.name, { kind: "parameter", node: declaration }, this.typeOf(declaration.type));
        return;
      case "measure":
        return this.nameMeasure(declaration);
    }
  }

  private nameMeasure(measure: MeasureDeclaration): void {
    this.symbol(`measure:${measure.name.name}`, measure.name, { kind: "measure", node: measure });
    for (const item of measure.items) {
      if (item.kind !== "definition") continue;
      const prefix = `${measure.name.name}.${item.name.name}`;
      this.symbol(definitionKey(measure.name.name, item.name.name), item.name, { kind: "definition", node: item, measure }, this.typeOf(item.type));
      for (const parameter of item.parameters) {
        this.symbol(`definition-parameter:${prefix}.${parameter.name.name}`, parameter.name, { kind: "definition-parameter", node: parameter, definition: item }, this.parameterType(parameter));
      }
      const cases = item.body.kind === "simple" ? [] : item.body.cases;
      for (const rule of cases) {
        if (rule.label !== undefined) this.symbol(`rule:${prefix}.${rule.label.name}`, rule.label, { kind: "rule", node: rule, definition: item, measure });
      }
    }
  }

  /** Resolves the names used in a declaration, once every declaration of the policy has its symbol. */
  resolve(declaration: PolicyFile["declarations"][number]): void {
    switch (declaration.kind) {
      case "policy":
      case "enum":
        return;
      case "record":
        for (const field of declaration.fields) this.resolveTypeNames(field.type);
        return;
      case "parameter": {
        this.resolveTypeNames(declaration.type);
        const type = this.symbols.get(`parameter:${declaration.name.name}`)?.type;
        for (const value of declaration.values) this.expression(value.value, emptyScope, type);
        return;
      }
      case "measure":
        return this.resolveMeasure(declaration);
    }
  }

  private resolveMeasure(measure: MeasureDeclaration): void {
    const dateType: ValueType = { kind: "date" };
    const resolveWindow = (window: EffectiveWindow | undefined): void => {
      if (window === undefined) return;
      if (window.from !== undefined) this.expression(window.from, emptyScope, dateType);
      if (window.until !== undefined) this.expression(window.until, emptyScope, dateType);
    };
    resolveWindow(measure.window);
    const definitions = new Map<string, PolicySymbol>();
    for (const item of measure.items) {
      const symbol = item.kind === "definition" ? this.symbols.get(definitionKey(measure.name.name, item.name.name)) : undefined;
      if (item.kind === "definition" && symbol !== undefined && !definitions.has(item.name.name)) definitions.set(item.name.name, symbol);
    }
    for (const item of measure.items) {
      if (item.kind !== "definition") continue;
      const prefix = `${measure.name.name}.${item.name.name}`;
      const locals = new Map<string, PolicySymbol>();
      for (const parameter of item.parameters) {
        if (parameter.type !== undefined) this.resolveTypeNames(parameter.type);
        else this.expression(parameter.members, { measure, definitions, current: item.name.name, locals: new Map() });
        const symbol = this.symbols.get(`definition-parameter:${prefix}.${parameter.name.name}`);
        if (symbol !== undefined && !locals.has(parameter.name.name)) locals.set(parameter.name.name, symbol);
      }
      this.resolveTypeNames(item.type);
      const scope: Scope = { measure, definitions, current: item.name.name, locals };
      const type = this.symbols.get(definitionKey(measure.name.name, item.name.name))?.type;
      const cases = item.body.kind === "simple" ? [item.body.rule] : item.body.cases;
      for (const rule of cases) {
        const overridden = rule.overrides === undefined ? undefined : this.symbols.get(`rule:${prefix}.${rule.overrides.name}`);
        if (rule.overrides !== undefined && overridden !== undefined) this.occur(overridden, rule.overrides.span);
        if (rule.condition !== undefined) this.expression(rule.condition, scope, { kind: "bool" });
        this.expression(rule.value, scope, type);
        resolveWindow(rule.window);
      }
    }
  }

  // ------------------------------------------------------------ expressions

  /** Records what every name in `expr` refers to; gives the expression's type as far as it is known. */
  private expression(expr: Expr, scope: Scope, expected?: ValueType): ValueType | undefined {
    switch (expr.kind) {
      case "bool":
      case "money":
      case "percent":
      case "date":
      case "time":
      case "text":
        return { kind: expr.kind };
      case "number":
        return expr.text.includes(".") ? { kind: "decimal" } : { kind: "integer" };
      case "duration":
        return { kind: expr.unit === "years" ? "months" : expr.unit };
      case "evaluation_date":
        return { kind: "date" };
      case "absent":
        return expected;
      case "name":
        return this.bareName(expr.name, scope, expected);
      case "field":
        return this.field(expr, scope);
      case "call":
        return this.call(expr, scope, expected);
      case "unary":
        return this.expression(expr.operand, scope, expr.operator === "not" ? { kind: "bool" } : expected);
      case "binary":
        return this.binary(expr, scope, expected);
      case "in": {
        const element = withoutOptional(this.expression(expr.element, scope));
        this.expression(expr.set, scope, element?.kind === "enum" ? { kind: "set", of: element.name } : element?.kind === "text" ? { kind: "set", of: "text" } : undefined);
        return { kind: "bool" };
      }
      case "is":
        this.expression(expr.operand, scope);
        return { kind: "bool" };
      case "if": {
        this.expression(expr.condition, scope, { kind: "bool" });
        const then = this.expression(expr.then, scope, expected);
        return this.expression(expr.else, scope, expected ?? then) ?? then;
      }
      case "match": {
        const subject = withoutOptional(this.expression(expr.subject, scope));
        let result: ValueType | undefined;
        for (const arm of expr.arms) {
          for (const pattern of arm.patterns) {
            const member = subject?.kind === "enum" ? this.symbols.get(`member:${subject.name}.${pattern.name}`) : undefined;
            if (member !== undefined) this.occur(member, pattern.span);
          }
          result = this.expression(arm.value, scope, expected ?? result) ?? result;
        }
        return result;
      }
      case "set": {
        const want = withoutOptional(expected);
        const element: ValueType | undefined = want?.kind === "set" ? { kind: "enum", name: want.of } : undefined;
        let found: ValueType | undefined;
        for (const item of expr.elements) found = this.expression(item, scope, element ?? found) ?? found;
        return want ?? (found?.kind === "enum" ? { kind: "set", of: found.name } : undefined);
      }
      case "aggregate":
        return this.aggregate(expr, scope, expected);
      case "paren":
        return this.expression(expr.inner, scope, expected);
    }
  }

  private bareName(name: Identifier, scope: Scope, expected: ValueType | undefined): ValueType | undefined {
    const local = scope.locals.get(name.name);
    if (local !== undefined) return this.read(local, name.span);
    const definition = scope.definitions.get(name.name);
    const parameter = this.symbols.get(`parameter:${name.name}`);
    const ownNameOfParameter = name.name === scope.current && parameter !== undefined;
    if (definition !== undefined && !ownNameOfParameter) return this.read(definition, name.span);
    if (parameter !== undefined) return this.read(parameter, name.span);
    const want = withoutOptional(expected);
    const member =
      (want?.kind === "enum" ? this.symbols.get(`member:${want.name}.${name.name}`) : undefined) ?? this.onlyMemberNamed(name.name);
    return member === undefined ? undefined : this.read(member, name.span);
  }

  private read(symbol: PolicySymbol, span: SourceSpan): ValueType | undefined {
    this.occur(symbol, span);
    return symbol.type;
  }

  /** The member of that name when exactly one enum has one. */
  private onlyMemberNamed(name: string): PolicySymbol | undefined {
    const owners = [...this.enums.keys()].filter((enumName) => this.symbols.has(`member:${enumName}.${name}`));
    return owners.length === 1 ? this.symbols.get(`member:${owners[0]}.${name}`) : undefined;
  }

  private isValueName(name: string, scope: Scope): boolean {
    return scope.locals.has(name) || scope.definitions.has(name) || this.parameters.has(name);
  }

  private field(expr: Extract<Expr, { kind: "field" }>, scope: Scope): ValueType | undefined {
    const object = expr.object;
    if (object.kind === "name" && !this.isValueName(object.name.name, scope)) {
      const owner = object.name.name;
      if (owner === parametersNamespace) {
        const parameter = this.symbols.get(`parameter:${expr.field.name}`);
        return parameter === undefined ? undefined : this.read(parameter, expr.field.span);
      }
      const entity = this.records.get(owner)?.entity === true ? this.symbols.get(`record:${owner}`) : undefined;
      if (entity !== undefined) {
        this.occur(entity, object.name.span);
        const fact = this.symbols.get(`field:${owner}.${expr.field.name}`);
        return fact === undefined ? undefined : this.read(fact, expr.field.span);
      }
      const enumSymbol = this.symbols.get(`enum:${owner}`);
      if (enumSymbol !== undefined) {
        this.occur(enumSymbol, object.name.span);
        const member = this.symbols.get(`member:${owner}.${expr.field.name}`);
        return member === undefined ? undefined : this.read(member, expr.field.span);
      }
    }
    const type = withoutOptional(this.expression(object, scope));
    if (type?.kind !== "record") return undefined;
    const field = this.symbols.get(`field:${type.name}.${expr.field.name}`);
    return field === undefined ? undefined : this.read(field, expr.field.span);
  }

  private call(expr: Extract<Expr, { kind: "call" }>, scope: Scope, expected: ValueType | undefined): ValueType | undefined {
    const name = expr.callee.name;
    if (expr.measure !== undefined) {
      // `m.output(p)`: another measure's output for one member
      for (const argument of expr.args) this.expression(argument, scope);
      const output = this.symbols.get(definitionKey(expr.measure.name, name));
      if (output === undefined) return undefined;
      this.occur(output, expr.callee.span);
      return output.type;
    }
    if (builtinNames.has(name)) {
      let first: ValueType | undefined;
      for (const argument of expr.args) first = this.expression(argument, scope, first ?? (name === "min" || name === "max" ? expected : undefined)) ?? first;
      if (name === "months" || name === "days") return { kind: name };
      if (name === "years") return { kind: "months" };
      if (name === "min" || name === "max") return first;
      const operation = findFunction(name);
      if (operation !== undefined) return { kind: functionOperation(operation).result } as ValueType;
      return name === "round" || name === "round_down" || name === "round_up" ? (first?.kind === "decimal" ? { kind: "integer" } : { kind: "money" }) : { kind: "integer" };
    }
    const definition = scope.definitions.get(name);
    if (definition === undefined) {
      for (const argument of expr.args) this.expression(argument, scope);
      return undefined;
    }
    this.occur(definition, expr.callee.span);
    const parameters = definition.declaration.kind === "definition" ? definition.declaration.node.parameters : [];
    for (const [index, argument] of expr.args.entries()) {
      const parameter = parameters[index];
      this.expression(argument, scope, parameter === undefined ? undefined : this.parameterType(parameter));
    }
    return definition.type;
  }

  private binary(expr: Extract<Expr, { kind: "binary" }>, scope: Scope, expected: ValueType | undefined): ValueType | undefined {
    switch (expr.operator) {
      case "and":
      case "or":
        this.expression(expr.left, scope, { kind: "bool" });
        this.expression(expr.right, scope, { kind: "bool" });
        return { kind: "bool" };
      case "=":
      case "!=":
      case "<":
      case "<=":
      case ">":
      case ">=": {
        const left = this.expression(expr.left, scope);
        this.expression(expr.right, scope, withoutOptional(left));
        return { kind: "bool" };
      }
      case "otherwise": {
        const left = this.expression(expr.left, scope, expected === undefined ? undefined : { kind: "optional", of: expected });
        return this.expression(expr.right, scope, withoutOptional(left) ?? expected) ?? withoutOptional(left);
      }
      case "+":
      case "-":
      case "*":
      case "/": {
        const left = this.expression(expr.left, scope);
        const right = this.expression(expr.right, scope);
        return expr.operator === "*" || expr.operator === "/" ? undefined : (left ?? right);
      }
    }
  }

  private aggregate(expr: Extract<Expr, { kind: "aggregate" }>, scope: Scope, expected: ValueType | undefined): ValueType | undefined {
    const list = withoutOptional(this.expression(expr.list, scope));
    const itemType: ValueType | undefined = list?.kind === "list" ? { kind: "record", name: list.of } : undefined;
    const key = `variable:${expr.variable.span.file}:${expr.variable.span.start}`;
    const variable = this.symbol(key, expr.variable, { kind: "variable", node: expr.variable, list: expr.list }, itemType);
    const locals = new Map(scope.locals);
    locals.set(expr.variable.name, variable);
    const inner: Scope = { ...scope, locals };
    if (expr.filter !== undefined) this.expression(expr.filter, inner, { kind: "bool" });
    if (expr.operator === "count") return { kind: "integer" };
    if (expr.operator === "any" || expr.operator === "all") return { kind: "bool" };
    return expr.value === undefined ? undefined : this.expression(expr.value, inner, expected);
  }
}
