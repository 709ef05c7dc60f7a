/**
 * Completion: what may be written at a position. The place is read from the tokens before
 * it, not from the syntax tree, because the text being typed is seldom a complete
 * expression; the names come from the policy's symbols (symbols.ts), read from every file
 * the parser could read.
 */
import type { IToken, TokenType } from "chevrotain";
import {
  AnyKw,
  All,
  Colon,
  Comma,
  Count,
  CurlyQuotedString,
  Dot,
  Entity,
  Enum,
  Equals,
  Exception,
  For,
  Identifier,
  In,
  Keyword,
  LBrace,
  Let,
  LParen,
  Match,
  Measure,
  NotEquals,
  NumberLiteral,
  Of,
  Optional,
  Output,
  Parameter,
  Policy,
  RBrace,
  RecordKw,
  RParen,
  RuleKw,
  SetKw,
  List,
  StringLiteral,
  Sum,
  To,
  UnterminatedString,
  Value,
  Where,
  keywords,
  tiaoLexer,
  unitWords,
} from "../../grammar/tokens.js";
import { isPrimitiveTypeName, type MeasureDeclaration } from "../ast.js";
import type { ValueType } from "../../runtime/types.js";
import type { CompletionItem } from "./protocol.js";
import {
  builtinFunctions,
  definitionKey,
  parametersNamespace,
  primitiveTypeNames,
  resolveTypeExpr,
  withoutOptional,
  type PolicyIndex,
} from "./symbols.js";
import { typeText } from "../check/types.js";

const declarationKeywords: ReadonlySet<TokenType> = new Set([Policy, Enum, RecordKw, Entity, Parameter, Measure]);
const itemKeywords: ReadonlySet<TokenType> = new Set([Let, Output]);
const aggregateKeywords: ReadonlySet<TokenType> = new Set([Count, Sum, AnyKw, All]);
const textTokens: ReadonlySet<TokenType> = new Set([StringLiteral, UnterminatedString, CurlyQuotedString]);

export function completionsAt(index: PolicyIndex, text: string, offset: number): CompletionItem[] {
  const lexed = tiaoLexer.tokenize(text);
  // Nothing to complete inside a text or a comment; a comment or an unclosed text runs on
  // to the end of its line, so the position right after it is still inside.
  const inside = (token: IToken): boolean => {
    const end = (token.endOffset ?? token.startOffset) + 1;
    const closed = token.tokenType === StringLiteral || token.tokenType === CurlyQuotedString;
    return token.startOffset < offset && (closed ? offset < end : offset <= end);
  };
  const texts = lexed.tokens.filter((token) => textTokens.has(token.tokenType));
  if ([...texts, ...(lexed.groups["comments"] ?? [])].some(inside)) return [];

  const before = lexed.tokens.filter((token) => (token.endOffset ?? token.startOffset) + 1 <= offset);
  const last = before[before.length - 1];
  // The word being typed is not part of the context.
  if (last !== undefined && isWord(last) && (last.endOffset ?? last.startOffset) + 1 === offset) before.pop();
  const context = new Context(index, before);
  return context.items();
}

function isWord(token: IToken): boolean {
  return token.tokenType === Identifier || token.tokenType.CATEGORIES?.includes(Identifier) === true || token.tokenType.CATEGORIES?.includes(Keyword) === true;
}

/** A name visible at the position, with its type when known. */
interface Local {
  readonly name: string;
  readonly type: ValueType | undefined;
  readonly detail: string;
}

/** What a path of names before a `.` denotes. */
type PathMeaning =
  | { readonly kind: "value"; readonly type: ValueType | undefined; readonly entity?: string }
  | { readonly kind: "enum"; readonly name: string }
  | { readonly kind: "parameters" };

class Context {
  private readonly declarationStart: number;
  private readonly measure: MeasureDeclaration | undefined;
  private readonly locals: Local[] = [];
  /** the declared type of the definition whose body the position is in */
  private definitionType: ValueType | undefined;

  constructor(
    private readonly index: PolicyIndex,
    private readonly tokens: readonly IToken[],
  ) {
    this.declarationStart = startOfDeclaration(tokens);
    const keyword = tokens[this.declarationStart];
    const name = tokens[this.declarationStart + 1];
    this.measure = keyword?.tokenType === Measure && name !== undefined ? index.measures.get(name.image) : undefined;
    if (keyword?.tokenType === Measure) this.readItem();
  }

  items(): CompletionItem[] {
    const previous = this.tokens[this.tokens.length - 1];
    const declaration = this.tokens[this.declarationStart]?.tokenType;
    if (previous === undefined || declaration === undefined || !declarationKeywords.has(declaration)) return this.keywordItems();
    if (previous.tokenType === Dot) return this.memberItems(this.tokens.length - 1);
    if (previous.tokenType === NumberLiteral) return unitItems();
    if (previous.tokenType === Colon || previous.tokenType === Optional) return this.typeItems(false);
    if (previous.tokenType === Of) return this.typeItems(true);
    if (declaration === Measure || (declaration === Parameter && this.afterKeyword(Value))) {
      return [...this.enumMembers(this.expectedType()), ...(declaration === Measure ? this.nameItems() : []), ...this.keywordItems()];
    }
    return this.keywordItems();
  }

  // ------------------------------------------------------------ where the position is

  private afterKeyword(keyword: TokenType): boolean {
    return this.tokens.slice(this.declarationStart).some((token) => token.tokenType === keyword);
  }

  /**
   * Reads the definition the position is in, from its `let`/`output` keyword on: its name,
   * type, parameters, and the variables of the aggregates still open at the position.
   */
  private readItem(): void {
    let start = -1;
    for (let at = this.tokens.length - 1; at > this.declarationStart; at--) {
      const token = this.tokens[at];
      if (token !== undefined && itemKeywords.has(token.tokenType) && this.tokens[at - 1]?.tokenType !== Dot) {
        start = at;
        break;
      }
    }
    if (start < 0) return;
    const name = this.tokens[start + 1];
    if (name === undefined) return;
    let at = start + 2;
    if (this.tokens[at]?.tokenType === LParen) {
      at++;
      while (at < this.tokens.length && this.tokens[at]?.tokenType !== RParen) {
        const parameter = this.tokens[at];
        if (parameter !== undefined && isWord(parameter) && this.tokens[at + 1]?.tokenType === Colon) {
          const typeName = this.tokens[at + 2]?.image ?? "";
          const type = this.namedType(typeName);
          this.locals.push({ name: parameter.image, type, detail: type === undefined ? "parameter" : typeText(type) });
          at += 3;
        } else at++;
      }
      at++;
    }
    const declared = this.measure === undefined ? undefined : this.index.symbols.get(definitionKey(this.measure.name.name, name.image));
    this.definitionType = declared?.type ?? (this.tokens[at]?.tokenType === Colon ? this.namedType(this.tokens[at + 1]?.image ?? "") : undefined);
    this.readAggregateVariables(at);
  }

  private namedType(name: string): ValueType | undefined {
    if (isPrimitiveTypeName(name)) return { kind: name };
    return resolveTypeExpr({ kind: "named", name: { name, span: noSpan }, span: noSpan }, this.index);
  }

  /** `count(t in L …`, `sum(… for t in L …`: the variables of the brackets still open. */
  private readAggregateVariables(from: number): void {
    const open: { aggregate: boolean; variables: Local[] }[] = [];
    for (let at = from; at < this.tokens.length; at++) {
      const token = this.tokens[at];
      if (token === undefined) continue;
      if (token.tokenType === LParen) {
        const previous = this.tokens[at - 1];
        open.push({ aggregate: previous !== undefined && aggregateKeywords.has(previous.tokenType), variables: [] });
        const variable = this.tokens[at + 1];
        if (open[open.length - 1]?.aggregate === true && previous?.tokenType !== Sum && variable !== undefined && this.tokens[at + 2]?.tokenType === In) {
          open[open.length - 1]?.variables.push(this.variable(variable.image, at + 3));
        }
      } else if (token.tokenType === RParen) open.pop();
      else if (token.tokenType === For && open[open.length - 1]?.aggregate === true) {
        const variable = this.tokens[at + 1];
        if (variable !== undefined && this.tokens[at + 2]?.tokenType === In) open[open.length - 1]?.variables.push(this.variable(variable.image, at + 3));
      }
    }
    for (const frame of open) this.locals.push(...frame.variables);
  }

  /** An aggregate's variable: an item of the list whose path starts at token `listStart`. */
  private variable(name: string, listStart: number): Local {
    let end = listStart;
    while (end < this.tokens.length && this.tokens[end]?.tokenType !== Where && this.tokens[end]?.tokenType !== RParen) end++;
    const meaning = this.pathMeaning(this.tokens.slice(listStart, end).filter((token) => token.tokenType !== Dot).map((token) => token.image));
    const list = meaning?.kind === "value" ? withoutOptional(meaning.type) : undefined;
    if (list?.kind !== "list") return { name, type: undefined, detail: "item" };
    return { name, type: { kind: "record", name: list.of }, detail: `item of list of ${list.of}` };
  }

  /** The names of a path ending just before token `end`: `enterprise . indicators` → [enterprise, indicators]. */
  private pathBefore(end: number): { names: string[]; start: number } {
    const names: string[] = [];
    let at = end - 1;
    while (at >= 0) {
      const token = this.tokens[at];
      if (token === undefined || !isWord(token)) break;
      names.unshift(token.image);
      if (this.tokens[at - 1]?.tokenType !== Dot) break;
      at -= 2;
    }
    return { names, start: at };
  }

  private pathMeaning(names: readonly string[]): PathMeaning | undefined {
    const [first, ...rest] = names;
    if (first === undefined) return undefined;
    let meaning = this.rootMeaning(first);
    for (const field of rest) {
      if (meaning === undefined) return undefined;
      if (meaning.kind === "parameters") meaning = { kind: "value", type: this.index.symbols.get(`parameter:${field}`)?.type };
      else if (meaning.kind === "enum") meaning = { kind: "value", type: { kind: "enum", name: meaning.name } };
      else {
        const record = withoutOptional(meaning.type);
        meaning = record?.kind === "record" ? { kind: "value", type: this.index.symbols.get(`field:${record.name}.${field}`)?.type } : undefined;
      }
    }
    return meaning;
  }

  private rootMeaning(name: string): PathMeaning | undefined {
    const local = [...this.locals].reverse().find((candidate) => candidate.name === name);
    if (local !== undefined) return { kind: "value", type: local.type };
    const definition = this.measure === undefined ? undefined : this.index.symbols.get(definitionKey(this.measure.name.name, name));
    if (definition !== undefined) return { kind: "value", type: definition.type };
    const parameter = this.index.symbols.get(`parameter:${name}`);
    if (parameter !== undefined) return { kind: "value", type: parameter.type };
    if (name === parametersNamespace) return { kind: "parameters" };
    const record = this.index.records.get(name);
    if (record?.entity === true) return { kind: "value", type: { kind: "record", name }, entity: name };
    if (this.index.enums.has(name)) return { kind: "enum", name };
    return undefined;
  }

  /**
   * The enum a value written here must belong to: the other side of `=` or `!=`, the element
   * of `in {…}`, the subject of `match`, or the type of the definition or parameter.
   */
  private expectedType(): ValueType | undefined {
    const end = this.tokens.length;
    const previous = this.tokens[end - 1];
    if (previous === undefined) return undefined;
    if (previous.tokenType === Equals || previous.tokenType === NotEquals) {
      const path = this.pathBefore(end - 1);
      const introducer = this.tokens[path.start]?.tokenType;
      const isValue = path.names.length === 0 || introducer === Colon || introducer === RuleKw || introducer === Exception || introducer === To;
      if (isValue && previous.tokenType === Equals) return this.definitionType;
      const meaning = this.pathMeaning(path.names);
      return meaning?.kind === "value" ? withoutOptional(meaning.type) : undefined;
    }
    if (previous.tokenType === Value && this.tokens[this.declarationStart]?.tokenType === Parameter) {
      const name = this.tokens[this.declarationStart + 1]?.image ?? "";
      return withoutOptional(this.index.symbols.get(`parameter:${name}`)?.type);
    }
    if (previous.tokenType === LBrace || previous.tokenType === Comma) {
      // the brace of `in {` or of `match subject {`, skipping the members already written
      let brace = end - 1;
      while (brace >= 0 && this.tokens[brace]?.tokenType !== LBrace) {
        const token = this.tokens[brace];
        if (token === undefined || !(isWord(token) || token.tokenType === Comma)) return undefined;
        brace--;
      }
      if (this.tokens[brace - 1]?.tokenType === In) {
        const meaning = this.pathMeaning(this.pathBefore(brace - 1).names);
        return meaning?.kind === "value" ? withoutOptional(meaning.type) : undefined;
      }
      const subject = this.pathBefore(brace);
      if (this.tokens[subject.start]?.tokenType === Match) {
        const meaning = this.pathMeaning(subject.names);
        return meaning?.kind === "value" ? withoutOptional(meaning.type) : undefined;
      }
    }
    return undefined;
  }

  // ------------------------------------------------------------ items

  private keywordItems(): CompletionItem[] {
    return keywords.map((word) => ({ label: word, kind: "keyword" }));
  }

  private memberItems(dot: number): CompletionItem[] {
    const meaning = this.pathMeaning(this.pathBefore(dot).names);
    if (meaning === undefined) return [];
    if (meaning.kind === "parameters") return [...this.index.parameters.keys()].map((name) => this.parameterItem(name));
    if (meaning.kind === "enum") return this.membersOf(meaning.name, false);
    const record = withoutOptional(meaning.type);
    if (record?.kind !== "record") return [];
    const declaration = this.index.records.get(record.name);
    return (declaration?.fields ?? []).map((field) => {
      const type = this.index.symbols.get(`field:${record.name}.${field.name.name}`)?.type;
      return {
        label: field.name.name,
        kind: meaning.entity === undefined ? "field" : "fact",
        detail: type === undefined ? record.name : typeText(type),
        ...(field.label === undefined ? {} : { documentation: field.label.value }),
      };
    });
  }

  private parameterItem(name: string): CompletionItem {
    const declaration = this.index.parameters.get(name);
    const type = this.index.symbols.get(`parameter:${name}`)?.type;
    return {
      label: name,
      kind: "parameter",
      detail: `parameter${type === undefined ? "" : `: ${typeText(type)}`}`,
      ...(declaration?.label === undefined ? {} : { documentation: declaration.label.value }),
    };
  }

  private membersOf(enumName: string, qualified: boolean): CompletionItem[] {
    const declaration = this.index.enums.get(enumName);
    return (declaration?.members ?? []).map((member) => ({
      label: qualified ? `${enumName}.${member.name.name}` : member.name.name,
      kind: "enum-member",
      detail: enumName,
      ...(member.label === undefined ? {} : { documentation: member.label.value }),
    }));
  }

  /** The members of the expected enum, or of every enum (qualified where a name is in several). */
  private enumMembers(expected: ValueType | undefined): CompletionItem[] {
    if (expected?.kind === "enum") return this.membersOf(expected.name, false);
    if (expected?.kind === "set") return this.membersOf(expected.of, false);
    const owners = new Map<string, number>();
    for (const declaration of this.index.enums.values()) for (const member of declaration.members) owners.set(member.name.name, (owners.get(member.name.name) ?? 0) + 1);
    return [...this.index.enums.keys()].flatMap((enumName) =>
      this.membersOf(enumName, false).map((item) => ((owners.get(item.label) ?? 0) > 1 ? { ...item, label: `${enumName}.${item.label}` } : item)),
    );
  }

  /** The values and functions a name in a measure may refer to. */
  private nameItems(): CompletionItem[] {
    const items: CompletionItem[] = this.locals.map((local) => ({ label: local.name, kind: "parameter", detail: local.detail }));
    const shadowed = new Set(this.locals.map((local) => local.name));
    for (const item of this.measure?.items ?? []) {
      if (item.kind !== "definition" || shadowed.has(item.name.name)) continue;
      shadowed.add(item.name.name);
      const type = this.index.symbols.get(definitionKey(this.measure?.name.name ?? "", item.name.name))?.type;
      const detail = `${item.visibility}${type === undefined ? "" : `: ${typeText(type)}`}`;
      if (item.parameters.length > 0) {
        const parameters = item.parameters.map((parameter) => parameter.name.name).join(", ");
        items.push({ label: item.name.name, kind: "function", detail: `${item.visibility} ${item.name.name}(${parameters})`, insertText: `${item.name.name}(` });
      } else items.push({ label: item.name.name, kind: item.visibility === "output" ? "output" : "definition", detail });
    }
    for (const name of this.index.parameters.keys()) {
      items.push(shadowed.has(name) ? { ...this.parameterItem(name), label: `${parametersNamespace}.${name}` } : this.parameterItem(name));
    }
    for (const record of this.index.records.values()) {
      if (record.entity) items.push({ label: record.name.name, kind: "fact", detail: "entity", ...(record.label === undefined ? {} : { documentation: record.label.value }) });
    }
    for (const builtin of builtinFunctions) items.push({ label: builtin.name, kind: "function", detail: builtin.signature, documentation: builtin.documentation, insertText: `${builtin.name}(` });
    return items;
  }

  private typeItems(namedOnly: boolean): CompletionItem[] {
    const named: CompletionItem[] = [
      ...[...this.index.enums.values()].map((declaration): CompletionItem => ({ label: declaration.name.name, kind: "type", detail: "enum", ...(declaration.label === undefined ? {} : { documentation: declaration.label.value }) })),
      ...[...this.index.records.values()].filter((declaration) => !declaration.entity).map((declaration): CompletionItem => ({ label: declaration.name.name, kind: "type", detail: "record", ...(declaration.label === undefined ? {} : { documentation: declaration.label.value }) })),
    ];
    if (namedOnly) return named;
    const words = [...primitiveTypeNames, ...[Optional, List, SetKw].map((token) => token.PATTERN as string)];
    return [...words.map((word): CompletionItem => ({ label: word, kind: "type" })), ...named];
  }
}

function unitItems(): CompletionItem[] {
  return [...unitWords, "%"].map((word) => ({ label: word, kind: "unit" }));
}

/** Where the declaration holding the position starts: the parser's rule for cutting a file into declarations. */
function startOfDeclaration(tokens: readonly IToken[]): number {
  let start = -1;
  let depth = 0;
  for (let at = 0; at < tokens.length; at++) {
    const token = tokens[at];
    if (token === undefined) continue;
    if (token.tokenType === LBrace) depth++;
    else if (token.tokenType === RBrace) depth = Math.max(0, depth - 1);
    else if (
      declarationKeywords.has(token.tokenType) &&
      (depth === 0 || token.startColumn === 1) &&
      tokens[at - 1]?.tokenType !== Dot &&
      tokens[at + 1]?.tokenType !== Colon
    ) {
      start = at;
      depth = 0;
    }
  }
  return start;
}

const noSpan = { file: "", line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };
