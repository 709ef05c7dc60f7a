/**
 * From the Chevrotain CST (grammar/parser.ts) to the AST (ast.ts), with a span on every node.
 *
 * The CST may come from error recovery: any child may be missing, and tokens inserted by
 * recovery have no position. A node whose required parts are missing is left out (and so is
 * the node that needs it), so this never throws; the parse errors already say what is wrong.
 *
 * Two rules of the language are checked here because the grammar is lenient on purpose, to
 * give a precise message: a reserved word used as a declared name (T0108), and a rule
 * without `cites` (T0109).
 */
import type { CstElement, CstNode, IToken } from "chevrotain";
import type {
  BracketRepeal,
  BinaryOperator,
  Citation,
  ClauseRef,
  Comment,
  DateLiteral,
  Declaration,
  Definition,
  DefinitionBody,
  DefinitionParameter,
  DocumentDeclaration,
  DocumentNumbering,
  EffectiveWindow,
  EnumDeclaration,
  Expr,
  FieldDeclaration,
  HeaderField,
  Identifier,
  MatchArm,
  MeasureDeclaration,
  MeasureItem,
  NotComputable,
  Repeal,
  ParameterDeclaration,
  ParameterValue,
  RelativePeriods,
  ScaleBracket,
  ScaleDeclaration,
  BracketFigure,
  PolicyHeader,
  RecordDeclaration,
  RuleCase,
  SourceRef,
  SourceSpan,
  StringLiteral,
  TypeExpr,
} from "./ast.js";
import { isPrimitiveTypeName } from "./ast.js";
import type { DiagnosticCode } from "./diagnostics/catalog.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { keywords } from "../grammar/tokens.js";
import { definedProperties } from "./defined-properties.js";

export interface ConvertedDeclarations {
  readonly declarations: readonly Declaration[];
  readonly diagnostics: readonly Diagnostic[];
}

/** The declarations of one CST of rule `policyFile` (parse.ts parses a file one declaration at a time). */
export function declarationsFromCst(file: string, root: CstNode): ConvertedDeclarations {
  const converter = new Converter(file);
  return { declarations: converter.policyFile(root), diagnostics: converter.diagnostics };
}

/** A `#` comment token as kept in the AST. */
export function commentFromToken(file: string, token: IToken): Comment {
  return { text: token.image.trimEnd(), span: tokenSpan(file, token) };
}

function tokenSpan(file: string, token: IToken): SourceSpan {
  const line = token.startLine ?? 1;
  const column = token.startColumn ?? 1;
  return {
    file,
    line,
    column,
    endLine: token.endLine ?? line,
    endColumn: (token.endColumn ?? column - 1) + 1,
    start: token.startOffset,
    end: (token.endOffset ?? token.startOffset - 1) + 1,
  };
}

// ---------------------------------------------------------------- reading the CST
//
// These run for every node of every parse: they look children up without building arrays
// where one element is wanted.

function childNodes(node: CstNode, key: string): readonly CstNode[] {
  const children = node.children[key];
  if (children === undefined) return [];
  // a label may hold tokens beside nodes (`of` in typeExpression)
  return children.every(isNode) ? children : children.filter(isNode);
}

function childNode(node: CstNode, key: string): CstNode | undefined {
  const children = node.children[key];
  if (children === undefined) return undefined;
  for (const child of children) if (isNode(child)) return child;
  return undefined;
}

/** Tokens under `key`, without those inserted by error recovery (they have no text and no place). */
function childTokens(node: CstNode, key: string): IToken[] {
  const children = node.children[key];
  return children === undefined ? [] : children.filter(isRealToken);
}

function childToken(node: CstNode, key: string): IToken | undefined {
  const children = node.children[key];
  if (children === undefined) return undefined;
  for (const child of children) if (isRealToken(child)) return child;
  return undefined;
}

function isNode(element: CstElement): element is CstNode {
  return "children" in element;
}

function isRealToken(element: CstElement): element is IToken {
  return !isNode(element) && element.isInsertedInRecovery !== true && Number.isFinite(element.startOffset);
}

/** The first node among all the children, whatever its key (the alternative a rule took). */
function firstChildNode(node: CstNode): CstNode | undefined {
  for (const key in node.children) {
    const child = childNode(node, key);
    if (child !== undefined) return child;
  }
  return undefined;
}

/** The nodes converted, without those recovery left incomplete. */
function allConverted<T>(nodes: readonly CstNode[], convert: (node: CstNode) => T | undefined): T[] {
  const result: T[] = [];
  for (const node of nodes) {
    const converted = convert(node);
    if (converted !== undefined) result.push(converted);
  }
  return result;
}

function startOffsetOf(node: CstNode): number {
  return node.location?.startOffset ?? Number.NaN;
}

// ---------------------------------------------------------------- literals of the lexer

const escapes: Readonly<Record<string, string>> = { '"': '"', "\\": "\\", n: "\n" };

/** The value of a quoted text; an unknown escape keeps its character (parse.ts reports it). */
function unescapeString(image: string): string {
  const body = image.slice(1, image.length > 1 && image.endsWith('"') ? -1 : undefined);
  if (!body.includes("\\")) return body;
  return body.replace(/\\(.)/g, (_escape, character: string) => escapes[character] ?? character);
}

const clauseRefShape = /^§(\d+)(?:¶(\d+))?$/;

function parseClauseRef(image: string, span: SourceSpan): ClauseRef | undefined {
  if (image === "§preamble") return { text: image, part: "preamble", span };
  if (image === "§closing") return { text: image, part: "closing", span };
  const match = clauseRefShape.exec(image);
  if (match === null) return undefined;
  const measure = Number(match[1]);
  return match[2] === undefined ? { text: image, measure, span } : { text: image, measure, paragraph: Number(match[2]), span };
}

const textHeaderKeys = new Set(["title", "document", "issuer", "version", "notice", "amends"] as const);
type TextHeaderKey = typeof textHeaderKeys extends Set<infer K> ? K : never;

function isTextHeaderKey(key: string): key is TextHeaderKey {
  return (textHeaderKeys as ReadonlySet<string>).has(key);
}

const reservedWords: ReadonlySet<string> = new Set(keywords);

/** A replacement for a reserved word, to suggest in a help line. */
export function suggestedName(word: string): string {
  const suggestions: Readonly<Record<string, string>> = {
    months: "months_used",
    days: "days_used",
    month: "start_month",
    day: "start_day",
    date: "start_date",
    time: "start_time",
    money: "amount",
    value: "amount",
    percent: "rate",
  };
  return suggestions[word] ?? `${word}_value`;
}

const binaryOperators: ReadonlySet<string> = new Set(["otherwise", "or", "and", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/"]);

function isBinaryOperator(image: string): image is BinaryOperator {
  return binaryOperators.has(image);
}

// ---------------------------------------------------------------- the converter

class Converter implements ChainContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly file: string) {}

  // ------------------------------------------------ spans

  tokenSpan(token: IToken): SourceSpan {
    return tokenSpan(this.file, token);
  }

  /** The node's extent; undefined when recovery left it without any token. */
  private nodeSpan(node: CstNode): SourceSpan | undefined {
    const location = node.location;
    if (location === undefined) return undefined;
    const { startOffset, startLine, startColumn, endOffset, endLine, endColumn } = location;
    if (!Number.isFinite(startOffset) || endOffset === undefined || !Number.isFinite(endOffset)) return undefined;
    if (startLine === undefined || startColumn === undefined || endLine === undefined || endColumn === undefined) {
      return undefined;
    }
    if (!Number.isFinite(startLine + startColumn + endLine + endColumn)) return undefined;
    return {
      file: this.file,
      line: startLine,
      column: startColumn,
      endLine,
      endColumn: endColumn + 1,
      start: startOffset,
      end: endOffset + 1,
    };
  }

  joinSpans(first: SourceSpan, last: SourceSpan): SourceSpan {
    return {
      file: this.file,
      line: first.line,
      column: first.column,
      endLine: last.endLine,
      endColumn: last.endColumn,
      start: first.start,
      end: last.end,
    };
  }

  /** Reports an error; its result is the node left out for it (`return this.report(…)`). */
  private report(code: DiagnosticCode, message: string, span: SourceSpan, help: string): undefined {
    this.diagnostics.push({ code, severity: "error", message, span, help });
    return undefined;
  }

  // ------------------------------------------------ small pieces

  private identifier(token: IToken | undefined): Identifier | undefined {
    if (token === undefined) return undefined;
    return { name: token.image, span: this.tokenSpan(token) };
  }

  private string(token: IToken | undefined): StringLiteral | undefined {
    if (token === undefined) return undefined;
    return { value: unescapeString(token.image), span: this.tokenSpan(token) };
  }

  private date(token: IToken | undefined): DateLiteral | undefined {
    if (token === undefined) return undefined;
    return { kind: "date", text: token.image, span: this.tokenSpan(token) };
  }

  /** A field name: reserved words are allowed, as the scenario's JSON may use them. */
  private fieldName(node: CstNode | undefined): Identifier | undefined {
    if (node === undefined) return undefined;
    return this.identifier(childToken(node, "Identifier") ?? childToken(node, "Keyword"));
  }

  /** A declared name: a reserved word is reported, then accepted so that checking goes on. */
  private declaredName(node: CstNode | undefined): Identifier | undefined {
    const name = this.fieldName(node);
    if (name !== undefined && reservedWords.has(name.name)) {
      this.report(
        "T0108",
        `\`${name.name}\` is a reserved word`,
        name.span,
        `choose another name such as \`${suggestedName(name.name)}\``,
      );
    }
    return name;
  }

  private clauseRef(token: IToken | undefined): ClauseRef | undefined {
    if (token === undefined) return undefined;
    return parseClauseRef(token.image, this.tokenSpan(token));
  }

  private citation(node: CstNode | undefined): Citation | undefined {
    if (node === undefined) return undefined;
    const document = this.identifier(childToken(node, "document"));
    const clause = this.clauseRef(childToken(node, "ClauseRef"));
    const quote = this.string(childToken(node, "StringLiteral"));
    if (clause === undefined || quote === undefined) return undefined;
    return { ...(document === undefined ? {} : { document }), clause, quote, span: this.joinSpans(document?.span ?? clause.span, quote.span) };
  }

  private typeExpression(node: CstNode | undefined): TypeExpr | undefined {
    if (node === undefined) return undefined;
    const span = this.nodeSpan(node);
    if (span === undefined) return undefined;
    const signed = childToken(node, "signedType");
    const primitive = childToken(node, "PrimitiveType") ?? signed;
    if (primitive !== undefined) {
      if (!isPrimitiveTypeName(primitive.image)) return undefined;
      return primitive === signed ? { kind: "primitive", name: primitive.image, signed: true, span } : { kind: "primitive", name: primitive.image, span };
    }
    if (childToken(node, "Optional") !== undefined) {
      const of = this.typeExpression(childNode(node, "of"));
      return of === undefined ? undefined : { kind: "optional", of, span };
    }
    const series = childToken(node, "period");
    if (series !== undefined) {
      const of = this.typeExpression(childNode(node, "of"));
      const missingNode = childNode(node, "missing");
      const missing = missingNode === undefined ? undefined : this.parameterLiteral(missingNode);
      if (of === undefined || (missingNode !== undefined && missing === undefined)) return undefined;
      return { kind: "series", period: series.image === "monthly" ? "month" : "year", of, ...(missing === undefined ? {} : { missing }), span };
    }
    const of = this.identifier(childToken(node, "of"));
    if (childToken(node, "SetKw") !== undefined) return of === undefined ? undefined : { kind: "set", of, span };
    if (childToken(node, "List") !== undefined) return of === undefined ? undefined : { kind: "list", of, span };
    const named = this.identifier(childToken(node, "named"));
    return named === undefined ? undefined : { kind: "named", name: named, span };
  }

  // ------------------------------------------------ declarations

  policyFile(root: CstNode): Declaration[] {
    return allConverted(childNodes(root, "declaration"), (node) => this.declaration(node));
  }

  private declaration(node: CstNode): Declaration | undefined {
    const header = childNode(node, "policyHeader");
    if (header !== undefined) return this.policyHeader(header);
    const enumeration = childNode(node, "enumDeclaration");
    if (enumeration !== undefined) return this.enumDeclaration(enumeration);
    const record = childNode(node, "recordDeclaration");
    if (record !== undefined) return this.recordDeclaration(record);
    const parameter = childNode(node, "parameterDeclaration");
    if (parameter !== undefined) return this.parameterDeclaration(parameter);
    const measure = childNode(node, "measureDeclaration");
    if (measure !== undefined) return this.measureDeclaration(measure);
    const document = childNode(node, "documentDeclaration");
    if (document !== undefined) return this.documentDeclaration(document);
    const repeal = childNode(node, "repeal");
    return repeal === undefined ? undefined : this.repeal(repeal);
  }

  private documentDeclaration(node: CstNode): DocumentDeclaration | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const title = this.string(childToken(node, "title"));
    const span = this.nodeSpan(node);
    if (name === undefined || title === undefined || span === undefined) return undefined;
    let file: StringLiteral | undefined;
    let numbering: DocumentDeclaration["numbering"];
    for (const field of childNodes(node, "documentField")) {
      const key = childToken(field, "key");
      const text = this.string(childToken(field, "text"));
      const word = childToken(field, "word");
      if (key === undefined) continue;
      const keySpan = this.tokenSpan(key);
      if (key.image === "file" && text !== undefined) {
        file ??= text;
      } else if (key.image === "numbering" && word !== undefined && isNumbering(word.image)) {
        numbering ??= { value: word.image, span: this.tokenSpan(word) };
      } else if (key.image === "numbering") {
        this.report("T1155", `\`numbering\` is \`sections\`, \`articles\` or \`numbers\``, word === undefined ? keySpan : this.tokenSpan(word), "write `numbering sections` for 一、二、…, `numbering articles` for 第一条、第二条…, `numbering numbers` for 1. 2. …");
      } else if (key.image === "file") {
        this.report("T1155", "`file` is followed by the document's file name in quotes", keySpan, 'write `file "hrss-2021-29.txt"`, relative to the policy\'s folder');
      } else {
        this.report("T1155", `a document has no field \`${key.image}\``, keySpan, 'a document holds `file "…"` (its text, beside the policy) and `numbering sections`, `numbering articles` or `numbering numbers`');
      }
    }
    return { kind: "document", name, title, ...definedProperties({ file, numbering }), span };
  }

  private repeal(node: CstNode): Repeal | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    return name === undefined || span === undefined ? undefined : { kind: "repeal", name, span };
  }

  private policyHeader(node: CstNode): PolicyHeader | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    if (name === undefined || span === undefined) return undefined;
    const fields = allConverted(childNodes(node, "headerField"), (field) => this.headerField(field));
    return { kind: "policy", name, fields, span };
  }

  private headerField(node: CstNode): HeaderField | undefined {
    const span = this.nodeSpan(node);
    if (span === undefined) return undefined;
    const key = childToken(node, "HeaderTextKey");
    if (key !== undefined) {
      const value = this.string(childToken(node, "StringLiteral"));
      return value === undefined || !isTextHeaderKey(key.image) ? undefined : { key: key.image, value, span };
    }
    const currency = this.identifier(childToken(node, "currency"));
    if (currency !== undefined) return { key: "currency", value: currency, span };
    const issued = this.date(childToken(node, "DateLiteral"));
    return issued === undefined ? undefined : { key: "issued", value: issued, span };
  }

  private enumDeclaration(node: CstNode): EnumDeclaration | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    if (name === undefined || span === undefined) return undefined;
    const label = this.string(childToken(node, "label"));
    const members = childNodes(node, "enumMember").flatMap((member) => {
      const memberName = this.declaredName(childNode(member, "name"));
      const memberSpan = this.nodeSpan(member);
      if (memberName === undefined || memberSpan === undefined) return [];
      const memberLabel = this.string(childToken(member, "label"));
      return [{ name: memberName, ...(memberLabel === undefined ? {} : { label: memberLabel }), span: memberSpan }];
    });
    return { kind: "enum", name, ...(label === undefined ? {} : { label }), members, span };
  }

  private recordDeclaration(node: CstNode): RecordDeclaration | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    if (name === undefined || span === undefined) return undefined;
    const label = this.string(childToken(node, "label"));
    const fields = allConverted(childNodes(node, "fieldDeclaration"), (field) => this.fieldDeclaration(field));
    const entity = childToken(node, "Entity") !== undefined;
    return { kind: "record", entity, name, ...(label === undefined ? {} : { label }), fields, span };
  }

  private fieldDeclaration(node: CstNode): FieldDeclaration | undefined {
    const name = this.fieldName(childNode(node, "name"));
    const type = this.typeExpression(childNode(node, "typeExpression"));
    const span = this.nodeSpan(node);
    if (name === undefined || type === undefined || span === undefined) return undefined;
    const label = this.string(childToken(node, "label"));
    const english = this.otherLabel(childNode(node, "otherLabel"));
    const defaultNode = childNode(node, "default");
    const fallback = defaultNode === undefined ? undefined : this.parameterLiteral(defaultNode);
    if (defaultNode !== undefined && fallback === undefined) return undefined;
    return { name, type, ...definedProperties({ default: fallback, label, english }), span };
  }

  private parameterDeclaration(node: CstNode): ParameterDeclaration | ScaleDeclaration | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const type = this.typeExpression(childNode(node, "typeExpression"));
    const span = this.nodeSpan(node);
    if (name === undefined || type === undefined || span === undefined) return undefined;
    const label = this.string(childToken(node, "label"));
    const unit = this.string(childToken(node, "unit"));
    const valueNodes = childNodes(node, "parameterValue");
    const bracketNodes = childNodes(node, "scaleBracket");
    const isScale = type.kind === "named" && type.name.name === "scale";
    const misplaced = isScale ? valueNodes[0] : bracketNodes[0];
    const misplacedSpan = misplaced === undefined ? undefined : this.nodeSpan(misplaced);
    if (misplacedSpan !== undefined && isScale) {
      this.report("T1001", "a scale is given by brackets, not by values", misplacedSpan, "write `bracket name { threshold 0 yuan from … source … rate 3% from … source … }`, the threshold in the policy's money (`0 EUR` under `currency EUR`)");
    } else if (misplacedSpan !== undefined) {
      this.report("T1002", "only a scale has brackets", misplacedSpan, `declare the parameter as a scale: \`parameter ${name.name}: scale\``);
    }
    const repeals = childNodes(node, "bracketRepeal").flatMap((repeal) => this.bracketRepeal(repeal, isScale));
    if (isScale) {
      const brackets = allConverted(bracketNodes, (bracket) => this.scaleBracket(bracket));
      return {
        kind: "scale",
        name,
        typeSpan: type.span,
        ...definedProperties({ label, unit }),
        brackets,
        ...(repeals.length === 0 ? {} : { repeals }),
        span,
      };
    }
    const values = allConverted(valueNodes, (value) => this.parameterValue(value));
    return { kind: "parameter", name, type, ...definedProperties({ label, unit }), values, span };
  }

  /** `repeal bracket name`, in a scale only (T1002) */
  private bracketRepeal(node: CstNode, inScale: boolean): BracketRepeal[] {
    const keyword = this.identifier(childToken(node, "keyword"));
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    if (keyword === undefined || name === undefined || span === undefined) return [];
    if (keyword.name !== "bracket") {
      this.report("T1003", `a scale holds brackets, not \`${keyword.name}\``, keyword.span, `write \`repeal bracket ${name.name}\``);
      return [];
    }
    if (!inScale) {
      this.report("T1002", "only a scale has brackets", span, "a bracket is repealed in an amendment's scale of the same name");
      return [];
    }
    return [{ name, span }];
  }

  private scaleBracket(node: CstNode): ScaleBracket | undefined {
    const keyword = this.identifier(childToken(node, "keyword"));
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    if (keyword === undefined || name === undefined || span === undefined) return undefined;
    if (keyword.name !== "bracket") {
      this.report("T1003", `a scale holds brackets, not \`${keyword.name}\``, keyword.span, `write \`bracket ${name.name} { … }\``);
    }
    const figures = childNodes(node, "bracketValue").flatMap((figureNode): BracketFigure[] => {
      const word = this.identifier(childToken(figureNode, "figure"));
      const dated = childNode(figureNode, "datedFigure");
      const value = dated === undefined ? undefined : this.parameterValue(dated);
      if (word === undefined || value === undefined) return [];
      if (word.name !== "threshold" && word.name !== "rate") {
        this.report("T1003", `a bracket has a \`threshold\` and a \`rate\`, not \`${word.name}\``, word.span, "write `threshold 12000 yuan from … source …` (in the policy's money: `12000 EUR` under `currency EUR`) or `rate 10% from … source …`");
        return [];
      }
      return [{ figure: word.name, ...value, span: this.nodeSpan(figureNode) ?? value.span }];
    });
    return { name, figures, span };
  }

  /** A parameter's `value …` or a bracket's `threshold …`: what follows the word. */
  private parameterValue(node: CstNode): ParameterValue | undefined {
    const figure = childNode(node, "datedFigure");
    if (figure !== undefined) {
      const value = this.parameterValue(figure);
      const span = this.nodeSpan(node);
      return value === undefined || span === undefined ? undefined : { ...value, span };
    }
    const value = this.parameterLiteral(childNode(node, "parameterLiteral"));
    const fromToken = childToken(node, "from");
    const from = this.date(fromToken);
    const source = this.sourceRef(node);
    const span = this.nodeSpan(node);
    if (value === undefined || (fromToken !== undefined && from === undefined) || source === undefined || span === undefined) return undefined;
    const until = this.date(childToken(node, "until"));
    const note = this.string(childToken(node, "note"));
    return { value, ...definedProperties({ from, until }), source, ...(note === undefined ? {} : { note }), span };
  }

  private sourceRef(node: CstNode): SourceRef | undefined {
    const citation = this.citation(childNode(node, "citation"));
    if (citation !== undefined) return { kind: "clause", citation, span: citation.span };
    const text = this.string(childToken(node, "document"));
    return text === undefined ? undefined : { kind: "document", text, span: text.span };
  }

  private parameterLiteral(node: CstNode | undefined): Expr | undefined {
    if (node === undefined) return undefined;
    const negated = childNode(node, "negated");
    if (negated !== undefined) {
      const operand = this.quantity(negated);
      const span = this.nodeSpan(node);
      return operand === undefined || span === undefined ? undefined : { kind: "unary", operator: "-", operand, span };
    }
    const literal = childNode(node, "literal");
    if (literal !== undefined) return this.literal(literal);
    const member = childNode(node, "memberName");
    if (member !== undefined) return this.memberName(member);
    const set = childNode(node, "setLiteral");
    return set === undefined ? undefined : this.setLiteral(set);
  }

  /** `member` or `enum_name.member` */
  private memberName(node: CstNode): Expr | undefined {
    const [first, second] = childTokens(node, "names").map((token) => this.identifier(token));
    if (first === undefined) return undefined;
    const name: Expr = { kind: "name", name: first, span: first.span };
    if (second === undefined) return name;
    return { kind: "field", object: name, field: second, span: this.joinSpans(first.span, second.span) };
  }

  private measureDeclaration(node: CstNode): MeasureDeclaration | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const span = this.nodeSpan(node);
    if (name === undefined || span === undefined) return undefined;
    const title = this.string(childToken(node, "title"));
    const english = this.otherLabel(childNode(node, "otherLabel"));
    const citation = this.citation(childNode(node, "citation"));
    const window = this.effectiveWindow(childNode(node, "effectiveWindow"));
    const items = allConverted(childNodes(node, "measureItem"), (item) => this.measureItem(item));
    return { kind: "measure", name, ...definedProperties({ title, english, citation, window }), items, span };
  }

  private effectiveWindow(node: CstNode | undefined): EffectiveWindow | undefined {
    if (node === undefined) return undefined;
    const from = this.expression(childNode(node, "from"));
    const until = this.expression(childNode(node, "until"));
    const span = this.nodeSpan(node);
    if (span === undefined || (from === undefined && until === undefined)) return undefined;
    if (from === undefined) return until === undefined ? undefined : { until, span };
    return { from, ...(until === undefined ? {} : { until }), span };
  }

  private measureItem(node: CstNode): MeasureItem | undefined {
    const definition = childNode(node, "definition");
    if (definition !== undefined) return this.definition(definition);
    const notComputable = childNode(node, "notComputable");
    if (notComputable !== undefined) return this.notComputable(notComputable);
    const repeal = childNode(node, "repeal");
    return repeal === undefined ? undefined : this.repeal(repeal);
  }

  private notComputable(node: CstNode): NotComputable | undefined {
    const citation = this.citation(childNode(node, "citation"));
    const reason = this.string(childToken(node, "reason"));
    const span = this.nodeSpan(node);
    if (citation === undefined || reason === undefined || span === undefined) return undefined;
    return { kind: "not_computable", citation, reason, span };
  }

  private definition(node: CstNode): Definition | undefined {
    const name = this.declaredName(childNode(node, "name"));
    const type = this.typeExpression(childNode(node, "typeExpression"));
    const span = this.nodeSpan(node);
    if (name === undefined || type === undefined || span === undefined) return undefined;
    const bodyNode = childNode(node, "definitionBody");
    const body = bodyNode === undefined ? undefined : this.definitionBody(bodyNode, name);
    if (body === undefined) return undefined;
    const parametersNode = childNode(node, "definitionParameters");
    const parameters = parametersNode === undefined ? [] : this.definitionParameters(parametersNode);
    const visibility = childToken(node, "Output") !== undefined ? "output" : "let";
    const english = this.otherLabel(childNode(node, "otherLabel"));
    return { kind: "definition", visibility, name, parameters, type, ...(english === undefined ? {} : { english }), body, span };
  }

  /** `label en "…"`: the English label; another language or word is T1160. */
  private otherLabel(node: CstNode | undefined): StringLiteral | undefined {
    if (node === undefined) return undefined;
    const language = childToken(node, "language");
    const text = this.string(childToken(node, "StringLiteral"));
    if (language === undefined || text === undefined) return undefined;
    if (language.image !== "en") {
      return this.report("T1160", `labels are given in English only (\`label en "…"\`), not \`${language.image}\``, this.tokenSpan(language), 'write `label en "…"`; the label in the policy\'s own language is the one written after the name');
    }
    return text;
  }

  private definitionParameters(node: CstNode): DefinitionParameter[] {
    return childNodes(node, "definitionParameter").flatMap((parameter): DefinitionParameter[] => {
      const name = this.declaredName(childNode(parameter, "name"));
      const span = this.nodeSpan(parameter);
      const membersNode = childNode(parameter, "members");
      if (membersNode !== undefined) {
        const members = this.expression(membersNode);
        return name === undefined || members === undefined || span === undefined ? [] : [{ name, members, span }];
      }
      const type = this.typeExpression(childNode(parameter, "typeExpression"));
      return name === undefined || type === undefined || span === undefined ? [] : [{ name, type, span }];
    });
  }

  private definitionBody(node: CstNode, definitionName: Identifier): DefinitionBody | undefined {
    const span = this.nodeSpan(node);
    if (span === undefined) return undefined;
    if (childToken(node, "Equals") !== undefined) {
      const value = this.expression(childNode(node, "value"));
      if (value === undefined) return undefined;
      const rule = this.ruleCase("simple", node, value, span, definitionName, `\`${definitionName.name}\``);
      return { kind: "simple", rule, span };
    }
    const caseNodes = [...childNodes(node, "ruleCase"), ...childNodes(node, "exceptionCase")].sort(
      (a, b) => startOffsetOf(a) - startOffsetOf(b),
    );
    const cases = allConverted(caseNodes, (caseNode) => this.caseOfBlock(caseNode, definitionName));
    return { kind: "cases", cases, span };
  }

  private caseOfBlock(node: CstNode, definitionName: Identifier): RuleCase | undefined {
    const label = this.identifier(childToken(node, "label"));
    const value = this.expression(childNode(node, "value"));
    const span = this.nodeSpan(node);
    if (label === undefined || value === undefined || span === undefined) return undefined;
    const kind = node.name === "exceptionCase" ? "exception" : "rule";
    const described = `${kind} \`${label.name}\` of \`${definitionName.name}\``;
    return this.ruleCase(kind, node, value, span, label, described);
  }

  /**
   * The parts common to the three kinds of rule. `place` is where a missing `cites` is
   * reported (the definition's name or the rule's label), `described` how it is named.
   */
  private ruleCase(
    kind: RuleCase["kind"],
    node: CstNode,
    value: Expr,
    span: SourceSpan,
    place: Identifier,
    described: string,
  ): RuleCase {
    const tail = childNode(node, "caseTail");
    const citation = tail === undefined ? undefined : this.citation(childNode(tail, "citation"));
    const note = tail === undefined ? undefined : this.string(childToken(tail, "note"));
    const window = tail === undefined ? undefined : this.effectiveWindow(childNode(tail, "effectiveWindow"));
    const citesWritten = tail !== undefined && childToken(tail, "Cites") !== undefined;
    if (!citesWritten) {
      this.report(
        "T0109",
        `${described} has no \`cites\``,
        place.span,
        'add the clause and the words it encodes after the value, such as `cites §2 "…"`',
      );
    }
    const label = kind === "simple" ? undefined : place;
    const overrides = this.identifier(childToken(node, "overrides"));
    const condition = this.expression(childNode(node, "condition"));
    return { kind, ...definedProperties({ label, overrides, condition }), value, ...definedProperties({ citation, note, window }), span };
  }

  // ------------------------------------------------ expressions

  private expression(node: CstNode | undefined): Expr | undefined {
    if (node === undefined) return undefined;
    const ifNode = childNode(node, "ifExpression");
    if (ifNode !== undefined) return this.ifExpression(ifNode);
    const chain = childNode(node, "operatorChain");
    return chain === undefined ? undefined : this.operatorChain(chain);
  }

  private ifExpression(node: CstNode): Expr | undefined {
    const condition = this.expression(childNode(node, "condition"));
    const then = this.expression(childNode(node, "then"));
    const otherwise = this.expression(childNode(node, "else"));
    const span = this.nodeSpan(node);
    if (condition === undefined || then === undefined || otherwise === undefined || span === undefined) return undefined;
    return { kind: "if", condition, then, else: otherwise, span };
  }

  /** The operands and operators of the chain in written order, for `ChainBuilder`. */
  private operatorChain(node: CstNode): Expr | undefined {
    const operands = childNodes(node, "operands");
    const [only] = operands;
    // Most chains are one operand without `not`: it is its own value.
    if (operands.length === 1 && only !== undefined && isLoneOperand(node, only)) return this.operand(only);
    const items: ChainItem[] = [];
    for (const operandNode of operands) {
      const value = this.operand(operandNode);
      if (value === undefined) return undefined;
      items.push({ kind: "operand", nots: childTokens(operandNode, "Not"), value, start: startOffsetOf(operandNode) });
    }
    for (const token of childTokens(node, "BinaryOperator")) {
      const operator = token.image;
      if (operator !== "in" && !isBinaryOperator(operator)) return undefined;
      items.push({ kind: "binary", operator, token, start: token.startOffset });
    }
    const tests = [...childTokens(node, "Present"), ...childTokens(node, "Absent")].sort((a, b) => a.startOffset - b.startOffset);
    const isTokens = childTokens(node, "Is");
    if (tests.length !== isTokens.length) return undefined;
    for (const [index, token] of isTokens.entries()) {
      const test = tests[index];
      if (test === undefined) return undefined;
      items.push({ kind: "is", test: test.image === "present" ? "present" : "absent", token, end: test, start: token.startOffset });
    }
    items.sort((a, b) => a.start - b.start);
    return new ChainBuilder(items, this).build();
  }

  /** An operand with its `-` applied (they bind tighter than anything); its `not`s are the chain's. */
  private operand(node: CstNode): Expr | undefined {
    const primaryNode = childNode(node, "primary");
    let result = primaryNode === undefined ? undefined : this.primary(primaryNode);
    for (const fieldNode of childNodes(node, "fields")) {
      const field = this.fieldName(fieldNode);
      if (result === undefined || field === undefined) return undefined;
      result = { kind: "field", object: result, field, span: this.joinSpans(result.span, field.span) };
    }
    const memberArguments = childNode(node, "memberArguments");
    if (memberArguments !== undefined && result !== undefined) result = this.memberCall(result, memberArguments);
    for (const minus of childTokens(node, "Minus").reverse()) {
      if (result === undefined) return undefined;
      result = { kind: "unary", operator: "-", operand: result, span: this.joinSpans(this.tokenSpan(minus), result.span) };
    }
    return result;
  }

  /** `m.output(p)`: an output of measure `m` for one member; only a measure's output is called so */
  private memberCall(read: Expr, argumentsNode: CstNode): Expr | undefined {
    const args = this.expressions(childNodes(argumentsNode, "arguments"));
    const close = argumentsNode.children["RParen"]?.[0];
    if (args === undefined) return undefined;
    if (read.kind !== "field" || read.object.kind !== "name" || childNode(argumentsNode, "overPeriods") !== undefined || childNode(argumentsNode, "forItems") !== undefined || close === undefined || !("image" in close)) {
      return this.report("T0107", "only an output of a measure is read for one member this way", read.span, "write `measure.output(member)`, e.g. `income_tax.income_tax(p)`");
    }
    return { kind: "call", callee: read.field, args, measure: read.object.name, span: this.joinSpans(read.span, this.tokenSpan(close)) };
  }

  reportSyntax(message: string, span: SourceSpan, help: string): void {
    this.report("T0107", message, span, help);
  }

  private primary(node: CstNode): Expr | undefined {
    const child = firstChildNode(node);
    if (child === undefined) return undefined;
    switch (child.name) {
      case "literal":
        return this.literal(child);
      case "nameOrCall":
        return this.nameOrCall(child);
      case "conversionCall":
        return this.conversionCall(child);
      case "countAggregate":
      case "sumAggregate":
        return this.aggregate(child);
      case "setLiteral":
        return this.setLiteral(child);
      case "parenthesized":
        return this.parenthesized(child);
      case "matchExpression":
        return this.matchExpression(child);
      default:
        return undefined;
    }
  }

  private literal(node: CstNode): Expr | undefined {
    const quantity = childNode(node, "quantity");
    if (quantity !== undefined) return this.quantity(quantity);
    const date = this.date(childToken(node, "DateLiteral"));
    if (date !== undefined) return date;
    const time = childToken(node, "TimeLiteral");
    if (time !== undefined) return { kind: "time", text: time.image, span: this.tokenSpan(time) };
    const text = this.string(childToken(node, "StringLiteral"));
    if (text !== undefined) return { kind: "text", value: text.value, span: text.span };
    const truth = childToken(node, "True") ?? childToken(node, "False");
    if (truth !== undefined) return { kind: "bool", value: truth.image === "true", span: this.tokenSpan(truth) };
    const evaluationDate = childToken(node, "EvaluationDateWord");
    if (evaluationDate !== undefined) return { kind: "evaluation_date", span: this.tokenSpan(evaluationDate) };
    const absent = childToken(node, "Absent");
    return absent === undefined ? undefined : { kind: "absent", span: this.tokenSpan(absent) };
  }

  private quantity(node: CstNode): Expr | undefined {
    const number = childToken(node, "NumberLiteral");
    const span = this.nodeSpan(node);
    if (number === undefined || span === undefined) return undefined;
    const text = number.image;
    const money = childToken(node, "MoneyUnit");
    if (money !== undefined) return money.tokenType.name === "CurrencyCode" ? { kind: "money", text, unit: money.image, span } : { kind: "money", text, span };
    if (childToken(node, "Percent") !== undefined) return { kind: "percent", text, span };
    if (childToken(node, "MonthsUnit") !== undefined) return { kind: "duration", unit: "months", text, span };
    if (childToken(node, "DaysUnit") !== undefined) return { kind: "duration", unit: "days", text, span };
    if (childToken(node, "YearsUnit") !== undefined) return { kind: "duration", unit: "years", text, span };
    return { kind: "number", text, span: this.tokenSpan(number) };
  }

  private nameOrCall(node: CstNode): Expr | undefined {
    const name = this.identifier(childToken(node, "Identifier"));
    if (name === undefined) return undefined;
    const argumentsNode = childNode(node, "callArguments");
    if (argumentsNode === undefined) return { kind: "name", name, span: name.span };
    return this.call(name, argumentsNode, node);
  }

  private conversionCall(node: CstNode): Expr | undefined {
    const callee = this.identifier(childToken(node, "Months") ?? childToken(node, "Days") ?? childToken(node, "Years"));
    const argumentsNode = childNode(node, "callArguments");
    if (callee === undefined || argumentsNode === undefined) return undefined;
    return this.call(callee, argumentsNode, node);
  }

  private call(callee: Identifier, argumentsNode: CstNode, node: CstNode): Expr | undefined {
    const args = this.expressions(childNodes(argumentsNode, "arguments"));
    const span = this.nodeSpan(node);
    if (args === undefined || span === undefined) return undefined;
    const forNode = childNode(argumentsNode, "forItems");
    if (forNode !== undefined) return this.extremum(callee, args, forNode, span);
    const overNode = childNode(argumentsNode, "overPeriods");
    if (overNode === undefined) return { kind: "call", callee, args, span };
    const periods = this.overPeriods(overNode);
    const [series, ...others] = args;
    if (callee.name !== "average" || series === undefined || others.length > 0) {
      return this.report("T1008", `\`${callee.name}(… over …)\` is not a total of periods`, callee.span, "only `sum(series over …)` and `average(series over …)` take `over`, with one series");
    }
    return periods === undefined ? undefined : { kind: "over", operator: "average", series, periods, span };
  }

  /** `max(e for x in L where c)`, `min(…)`: the largest or smallest value of the items */
  private extremum(callee: Identifier, args: readonly Expr[], forNode: CstNode, span: SourceSpan): Expr | undefined {
    const [value, ...others] = args;
    if ((callee.name !== "max" && callee.name !== "min") || value === undefined || others.length > 0) {
      return this.report("T1013", `\`${callee.name}(… for …)\` is not an aggregate`, callee.span, "only `sum`, `max` and `min` take `for x in list`, with one value: `max(e for x in list)`");
    }
    const variable = this.identifier(childToken(forNode, "variable"));
    const list = this.expression(childNode(forNode, "list"));
    const filterNode = childNode(forNode, "filter");
    const filter = this.expression(filterNode);
    if (variable === undefined || list === undefined || (filterNode !== undefined && filter === undefined)) return undefined;
    return { kind: "aggregate", operator: callee.name, variable, list, value, ...(filter === undefined ? {} : { filter }), span };
  }

  /** `over last 12 months`, `over this year`, `over previous month` */
  private overPeriods(node: CstNode): RelativePeriods | undefined {
    const over = this.identifier(childToken(node, "over"));
    const relation = this.fieldName(childNode(node, "relation"));
    const unit = this.fieldName(childNode(node, "unit"));
    const countToken = childToken(node, "count");
    const span = this.nodeSpan(node);
    if (over === undefined || relation === undefined || unit === undefined || span === undefined) return undefined;
    const help = "write `over last 12 months`, `over last 2 years`, `over this month`, `over this year`, `over previous month` or `over previous year`";
    if (over.name !== "over") {
      return this.report("T1009", `expected \`for\` or \`over\`, found \`${over.name}\``, over.span, help);
    }
    const unitName = ({ month: "month", months: "month", year: "year", years: "year" } as const)[unit.name as "month"];
    const relationName = relation.name === "last" || relation.name === "this" || relation.name === "previous" ? relation.name : undefined;
    const countWanted = relationName === "last";
    if (relationName === undefined || unitName === undefined || (countToken !== undefined) !== countWanted || (countToken !== undefined && !/^[1-9][0-9]{0,3}$/.test(countToken.image))) {
      return this.report("T1009", "these are not periods a series can be totalled over", span, help);
    }
    return { relation: relationName, ...(countToken === undefined ? {} : { count: countToken.image }), unit: unitName, span };
  }

  /** All of them, or undefined when one is missing. */
  private expressions(nodes: readonly CstNode[]): Expr[] | undefined {
    const result: Expr[] = [];
    for (const node of nodes) {
      const expression = this.expression(node);
      if (expression === undefined) return undefined;
      result.push(expression);
    }
    return result;
  }

  private aggregate(node: CstNode): Expr | undefined {
    const overNode = childNode(node, "overPeriods");
    if (overNode !== undefined) {
      const series = this.expression(childNode(node, "value"));
      const periods = this.overPeriods(overNode);
      const span = this.nodeSpan(node);
      return series === undefined || periods === undefined || span === undefined ? undefined : { kind: "over", operator: "sum", series, periods, span };
    }
    const operatorToken = childToken(node, "Count") ?? childToken(node, "AnyKw") ?? childToken(node, "All") ?? childToken(node, "Sum");
    const variable = this.identifier(childToken(node, "variable"));
    const list = this.expression(childNode(node, "list"));
    const span = this.nodeSpan(node);
    if (operatorToken === undefined || variable === undefined || list === undefined || span === undefined) return undefined;
    const operator = operatorToken.image;
    if (operator !== "count" && operator !== "sum" && operator !== "any" && operator !== "all") return undefined;
    const filterNode = childNode(node, "filter");
    const filter = this.expression(filterNode);
    if (filterNode !== undefined && filter === undefined) return undefined;
    const value = operator === "sum" ? this.expression(childNode(node, "value")) : undefined;
    if (operator === "sum" && value === undefined) return undefined;
    return { kind: "aggregate", operator, variable, list, ...definedProperties({ value, filter }), span };
  }

  private setLiteral(node: CstNode): Expr | undefined {
    const elements = this.expressions(childNodes(node, "elements"));
    const span = this.nodeSpan(node);
    return elements === undefined || span === undefined ? undefined : { kind: "set", elements, span };
  }

  private parenthesized(node: CstNode): Expr | undefined {
    const inner = this.expression(childNode(node, "inner"));
    const span = this.nodeSpan(node);
    return inner === undefined || span === undefined ? undefined : { kind: "paren", inner, span };
  }

  private matchExpression(node: CstNode): Expr | undefined {
    const subject = this.expression(childNode(node, "subject"));
    const span = this.nodeSpan(node);
    if (subject === undefined || span === undefined) return undefined;
    const arms = allConverted(childNodes(node, "matchArm"), (arm) => this.matchArm(arm));
    return { kind: "match", subject, arms, span };
  }

  private matchArm(node: CstNode): MatchArm | undefined {
    const value = this.expression(childNode(node, "value"));
    const span = this.nodeSpan(node);
    if (value === undefined || span === undefined) return undefined;
    const isElse = childToken(node, "Else") !== undefined;
    const patterns = isElse ? [] : childTokens(node, "patterns").map((token) => ({ name: token.image, span: this.tokenSpan(token) }));
    if (!isElse && patterns.length === 0) return undefined;
    return { patterns, isElse, value, span };
  }
}

/** Whether a chain is its one operand alone: no operator, no `is` test, no `not`. */
function isLoneOperand(chain: CstNode, operand: CstNode): boolean {
  return chain.children["BinaryOperator"] === undefined && chain.children["Is"] === undefined && operand.children["Not"] === undefined;
}

// ---------------------------------------------------------------- operator precedence

type ChainItem =
  | { readonly kind: "operand"; readonly nots: readonly IToken[]; readonly value: Expr; readonly start: number }
  | { readonly kind: "binary"; readonly operator: BinaryOperator | "in"; readonly token: IToken; readonly start: number }
  /** `token` is `is`, `end` the `present` or `absent` after it */
  | { readonly kind: "is"; readonly test: "present" | "absent"; readonly token: IToken; readonly end: IToken; readonly start: number };

/** What ChainBuilder needs from the converter. */
interface ChainContext {
  tokenSpan(token: IToken): SourceSpan;
  joinSpans(first: SourceSpan, last: SourceSpan): SourceSpan;
  reportSyntax(message: string, span: SourceSpan, help: string): void;
}

/** How tightly an operator holds its left and right operands (higher is tighter). */
interface BindingPower {
  readonly left: number;
  readonly right: number;
}

const notPower = 4;
const comparisonPower: BindingPower = { left: 5, right: 6 };

/** Left-associative operators hold their right operand one step tighter; comparisons do not chain. */
const bindingPowers: Readonly<Record<BinaryOperator | "in", BindingPower>> = {
  otherwise: { left: 1, right: 2 },
  or: { left: 2, right: 3 },
  and: { left: 3, right: 4 },
  "=": comparisonPower,
  "!=": comparisonPower,
  "<": comparisonPower,
  "<=": comparisonPower,
  ">": comparisonPower,
  ">=": comparisonPower,
  in: comparisonPower,
  "+": { left: 6, right: 7 },
  "-": { left: 6, right: 7 },
  "*": { left: 7, right: 8 },
  "/": { left: 7, right: 8 },
};

/**
 * Builds the tree of an operator chain by precedence climbing. `not` binds looser than a
 * comparison (`not a = b` is `not (a = b)`), so it is an operator of the chain rather than
 * of its operand; where a tighter operator needs its operand (`a = not b`), it must be
 * written in parentheses. Returns undefined when recovery left the chain incomplete.
 */
class ChainBuilder {
  private index = 0;
  /** how many of the current operand's `not`s have been applied */
  private notsApplied = 0;

  constructor(
    private readonly items: readonly ChainItem[],
    private readonly context: ChainContext,
  ) {}

  build(): Expr | undefined {
    const result = this.expression(0);
    return this.index === this.items.length ? result : undefined;
  }

  private expression(minimum: number): Expr | undefined {
    let left = this.prefixed(minimum);
    let comparedHere = false;
    while (left !== undefined) {
      const next = this.items[this.index];
      if (next === undefined || next.kind === "operand") break;
      const power = next.kind === "is" ? comparisonPower : bindingPowers[next.operator];
      if (power.left < minimum) break;
      const comparison = power.left === comparisonPower.left;
      if (comparison && comparedHere) {
        this.context.reportSyntax(
          "comparisons do not chain",
          this.context.tokenSpan(next.token),
          "join two comparisons with `and`, such as `a < b and b < c`",
        );
      }
      this.index++;
      left = next.kind === "is" ? this.isTest(left, next.test, next.end) : this.binary(left, next.operator, power);
      comparedHere = comparison;
    }
    return left;
  }

  /** The operand at the cursor, with its `not`s applied to as much of the chain as they hold. */
  private prefixed(minimum: number): Expr | undefined {
    const item = this.items[this.index];
    if (item?.kind !== "operand") return undefined;
    const not = item.nots[this.notsApplied];
    if (not === undefined) {
      this.index++;
      this.notsApplied = 0;
      return item.value;
    }
    if (minimum > notPower && this.notsApplied === 0) {
      this.context.reportSyntax(
        "`not` needs parentheses here",
        this.context.tokenSpan(not),
        "`not` applies to a whole comparison: write it in parentheses, such as `a = (not b)`",
      );
    }
    this.notsApplied++;
    const operand = this.expression(notPower);
    if (operand === undefined) return undefined;
    return { kind: "unary", operator: "not", operand, span: this.context.joinSpans(this.context.tokenSpan(not), operand.span) };
  }

  private binary(left: Expr, operator: BinaryOperator | "in", power: BindingPower): Expr | undefined {
    const right = this.expression(power.right);
    if (right === undefined) return undefined;
    const span = this.context.joinSpans(left.span, right.span);
    return operator === "in" ? { kind: "in", element: left, set: right, span } : { kind: "binary", operator, left, right, span };
  }

  private isTest(operand: Expr, test: "present" | "absent", token: IToken): Expr {
    return { kind: "is", operand, test, span: this.context.joinSpans(operand.span, this.context.tokenSpan(token)) };
  }
}

const numberings: ReadonlySet<string> = new Set<DocumentNumbering>(["sections", "articles", "numbers"]);

function isNumbering(word: string): word is DocumentNumbering {
  return numberings.has(word);
}
