/**
 * Text → AST of one file, with every lexing and parsing problem as a T01xx diagnostic in a
 * drafter's words. Never throws: whatever the text, the result is an AST of what could be
 * read and the diagnostics of the rest.
 *
 * A file is parsed one declaration at a time: the tokens are cut before each `policy`,
 * `enum`, `record`, `entity`, `parameter` and `measure` that starts a declaration, so that an
 * error inside one declaration cannot swallow the next, and text that no declaration can
 * start costs one diagnostic. Each piece is parsed once, so the whole stays linear.
 */
import { EOF, type IRecognitionException, type IToken, type TokenType } from "chevrotain";
import { ParserErrorMessages, TooManyErrors } from "../grammar/messages.js";
import { tiaoParser } from "../grammar/parser.js";
import {
  Colon,
  Computable,
  CurlyQuotedString,
  DateLiteral,
  Dot,
  DocumentKw,
  Entity,
  Enum,
  Exception,
  HanText,
  Identifier,
  Keyword,
  LBrace,
  Let,
  Measure,
  NumberLiteral,
  Output,
  Parameter,
  Policy,
  RBrace,
  RecordKw,
  RuleKw,
  StringLiteral,
  TimeLiteral,
  UnterminatedString,
  tiaoLexer,
} from "../grammar/tokens.js";
import type { Comment, Declaration, PolicyFile, SourceSpan } from "./ast.js";
import { expressionDepth, expressionsOf } from "./ast-walk.js";
import { commentFromToken, declarationsFromCst, suggestedName } from "./cst-to-ast.js";
import type { DiagnosticCode } from "./diagnostics/catalog.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { TextFile } from "./service/text.js";

export interface ParsedFile {
  readonly ast: PolicyFile;
  readonly diagnostics: Diagnostic[];
}

export function parseFile(path: string, text: string): ParsedFile {
  const lines = new TextFile(path, text);
  const diagnostics: Diagnostic[] = [];
  const lexed = tiaoLexer.tokenize(text);
  for (const error of lexed.errors) {
    diagnostics.push(unexpectedCharacters(lines, text.slice(error.offset, error.offset + error.length), error.offset));
  }
  const tokens = lexed.tokens.map((token) => checkToken(lines, token, diagnostics));
  const lexicalProblems = diagnostics.map((diagnostic) => diagnostic.span.start).sort((a, b) => a - b);

  const declarations: Declaration[] = [];
  const pieces = splitDeclarations(tokens);
  for (const [index, piece] of pieces.entries()) {
    const following = pieces[index + 1]?.[0];
    try {
      const cst = tiaoParser.parseDeclaration(piece);
      const syntaxErrors = tiaoParser.errors.map((error) => syntaxError(lines, error, piece, following));
      const converted = declarationsFromCst(path, cst);
      for (const declaration of converted.declarations) {
        const tooDeep = expressionsOf(declaration).filter((expr) => expressionDepth(expr) > MAX_EXPRESSION_DEPTH);
        if (tooDeep.length === 0) declarations.push(declaration);
        else diagnostics.push(...tooDeep.map((expr) => expressionTooDeep(expr.span)));
      }
      const syntaxProblems = syntaxErrors.map((diagnostic) => diagnostic.span.start).sort((a, b) => a - b);
      const hasProblem = (start: number, end: number) => hasOffsetIn(lexicalProblems, start, end) || hasOffsetIn(syntaxProblems, start, end);
      diagnostics.push(...syntaxErrors, ...withoutCascadingMissingCites(converted.diagnostics, hasProblem, piece));
    } catch (error) {
      // Text can stop the parse of a declaration in two ways: too many errors, or nesting
      // deeper than the recursive descent can follow (a stack overflow). Either costs the
      // declaration, not the file.
      if (error instanceof TooManyErrors) {
        diagnostics.push(...tiaoParser.errors.map((parseError) => syntaxError(lines, parseError, piece, following)));
        diagnostics.push(tooManyErrors(lines, piece));
      } else if (isStackOverflow(error)) diagnostics.push(tooDeeplyNested(lines, piece));
      else throw error;
    }
  }

  const comments: Comment[] = (lexed.groups["comments"] ?? []).map((token) => commentFromToken(path, token));
  return { ast: { file: path, declarations, comments }, diagnostics: withoutDuplicates(withoutEchoes(diagnostics, text)) };
}

const itemKeywords: ReadonlySet<TokenType> = new Set([Let, Output, RuleKw, Exception, Computable]);

/**
 * Drops "has no `cites`" for a rule that text the parser could not read follows: after
 * `= person.age @ 30 cites §4 "…"`, the citation is there, only skipped.
 */
function withoutCascadingMissingCites(
  converted: readonly Diagnostic[],
  hasProblem: (start: number, end: number) => boolean,
  piece: readonly IToken[],
): Diagnostic[] {
  return converted.filter(
    (diagnostic) => diagnostic.code !== "T0109" || !hasProblem(diagnostic.span.start, endOfItem(piece, diagnostic.span.start)),
  );
}

/** Whether one of the sorted `offsets` is in [start, end). */
function hasOffsetIn(offsets: readonly number[], start: number, end: number): boolean {
  let low = 0;
  let high = offsets.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((offsets[middle] ?? Infinity) < start) low = middle + 1;
    else high = middle;
  }
  return (offsets[low] ?? Infinity) < end;
}

/** Where the definition or rule that has a token at `offset` ends: at the next one's keyword. */
function endOfItem(piece: readonly IToken[], offset: number): number {
  for (let index = indexOfOffset(piece, offset) + 1; index < piece.length; index++) {
    const token = piece[index];
    if (token !== undefined && itemKeywords.has(token.tokenType) && piece[index - 1]?.tokenType !== Dot) return token.startOffset;
  }
  const last = piece[piece.length - 1];
  return last === undefined ? offset : (last.endOffset ?? last.startOffset) + 1;
}

/**
 * Drops the parse error that text the lexer could not read causes on the token right after
 * it (`let 金额: money` would also give "expected a name, found `:`"): the first message
 * already says what is wrong.
 */
function withoutEchoes(diagnostics: readonly Diagnostic[], text: string): Diagnostic[] {
  const afterUnreadText = new Set(
    diagnostics.filter((diagnostic) => diagnostic.code === "T0101").map((diagnostic) => nextNonSpace(text, diagnostic.span.end)),
  );
  return diagnostics.filter((diagnostic) => diagnostic.code !== "T0107" || !afterUnreadText.has(diagnostic.span.start));
}

function nextNonSpace(text: string, offset: number): number {
  let position = offset;
  while (position < text.length && /\s/.test(text.charAt(position))) position++;
  return position;
}

// ---------------------------------------------------------------- positions

function tokenSpan(lines: TextFile, token: IToken): SourceSpan {
  return lines.span(token.startOffset, (token.endOffset ?? token.startOffset) + 1);
}

function error(code: DiagnosticCode, message: string, span: SourceSpan, help: string): Diagnostic {
  return { code, severity: "error", message, span, help };
}

function withoutDuplicates(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<number>();
  const unique: Diagnostic[] = [];
  for (const diagnostic of [...diagnostics].sort((a, b) => a.span.start - b.span.start)) {
    if (seen.has(diagnostic.span.start)) continue;
    seen.add(diagnostic.span.start);
    unique.push(diagnostic);
  }
  return unique;
}

// ---------------------------------------------------------------- lexical problems

/**
 * Symbols a Chinese input method types for ASCII ones, besides the full-width forms of ASCII
 * (U+FF01..U+FF5E: `，` `（` `＝` …), whose ASCII character is found by subtraction.
 */
const chinesePunctuation: Readonly<Record<string, string>> = {
  "。": ".",
  "、": ",",
  "“": '"',
  "”": '"',
};

function asciiOfFullWidth(character: string): string | undefined {
  const known = chinesePunctuation[character];
  if (known !== undefined) return known;
  const code = character.codePointAt(0) ?? 0;
  // U+FF01..U+FF5E are the full-width forms of U+0021..U+007E
  return code >= 0xff01 && code <= 0xff5e ? String.fromCodePoint(code - 0xfee0) : undefined;
}

const hanCharacter = /\p{Script=Han}/u;

/** Help for a character that has no place in tiao, by what the drafter most likely meant. */
const helpForCharacter: Readonly<Record<string, string>> = {
  "§": "write a clause as `§4` or `§3¶2`",
  "¶": "write a paragraph of a clause as `§3¶2`",
  "!": "write `!=` for “is not equal to”, or `not` to negate a condition",
  "/": "there is no division: multiply by a percent or a decimal, then round",
  ";": "statements need no `;`: remove it",
  "'": 'texts are written between double quotes `"…"`',
};

function unexpectedCharacters(lines: TextFile, characters: string, offset: number): Diagnostic {
  const span = lines.span(offset, offset + characters.length);
  const first = [...characters][0] ?? characters;
  const ascii = asciiOfFullWidth(first);
  if (ascii !== undefined) {
    const help = helpForCharacter[ascii] ?? `write the ASCII \`${ascii}\` instead`;
    return error("T0101", `\`${first}\` is a full-width character`, span, help);
  }
  if (hanCharacter.test(first)) return chineseOutsideQuotes(span, characters);
  if (characters.length === 1) {
    return error("T0101", `unexpected character \`${characters}\``, span, helpForCharacter[first] ?? "remove it");
  }
  return error("T0101", `unexpected characters \`${characters}\``, span, helpForCharacter[first] ?? "remove them");
}

function chineseOutsideQuotes(span: SourceSpan, text: string): Diagnostic {
  return error(
    "T0101",
    `\`${text}\` is Chinese text outside quotes`,
    span,
    'put Chinese in quotes `"…"` or after `#` as a comment; names are written with ASCII letters, digits and `_`',
  );
}

/** Reports what the lexer could only take the shape of, and turns broken texts into texts so parsing goes on. */
function checkToken(lines: TextFile, token: IToken, diagnostics: Diagnostic[]): IToken {
  const type = token.tokenType;
  if (type === StringLiteral || type === UnterminatedString || type === CurlyQuotedString) {
    checkInvisibleCharacters(lines, token, diagnostics);
  }
  if (type === UnterminatedString) {
    diagnostics.push(
      error("T0102", "this text has no closing quote", tokenSpan(lines, token), 'end the text with `"` on the same line'),
    );
    return asStringToken(token, `${token.image.replace(/\\$/, "")}"`);
  }
  if (type === CurlyQuotedString) {
    diagnostics.push(
      error("T0104", "text in curly quotes “…”", tokenSpan(lines, token), 'write straight quotes `"…"` around a text'),
    );
    return asStringToken(token, `"${token.image.slice(1, -1).replace(/["\\]/g, (character) => `\\${character}`)}"`);
  }
  if (type === HanText) diagnostics.push(chineseOutsideQuotes(tokenSpan(lines, token), token.image));
  else if (type === StringLiteral) checkEscapes(lines, token, diagnostics);
  else if (type === DateLiteral && !/^\d{4}-\d{2}-\d{2}$/.test(token.image)) {
    diagnostics.push(
      error(
        "T0105",
        `\`${token.image}\` is not a date written YYYY-MM-DD`,
        tokenSpan(lines, token),
        "write the year with four digits and the month and day with two, such as `2021-01-05`",
      ),
    );
  } else if (type === TimeLiteral && !/^\d{2}:\d{2}$/.test(token.image)) {
    diagnostics.push(
      error(
        "T0106",
        `\`${token.image}\` is not a time written HH:MM`,
        tokenSpan(lines, token),
        "write hours and minutes with two digits each, such as `09:00`",
      ),
    );
  }
  return token;
}

function asStringToken(token: IToken, image: string): IToken {
  return { ...token, image, tokenType: StringLiteral, tokenTypeIdx: StringLiteral.tokenTypeIdx ?? token.tokenTypeIdx };
}

/**
 * Characters a reader cannot see, or that end a line or reorder what is shown (U+2028,
 * U+2029, control characters, bidirectional and zero-width characters, lone surrogates):
 * a quote holding one does not read as it looks. A tab is allowed.
 */
const invisibleCharacter = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;

function checkInvisibleCharacters(lines: TextFile, token: IToken, diagnostics: Diagnostic[]): void {
  for (const match of token.image.matchAll(invisibleCharacter)) {
    const character = match[0];
    if (character === "\t") continue;
    const start = token.startOffset + (match.index ?? 0);
    const code = `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    diagnostics.push(
      error(
        "T0112",
        `invisible character ${code} in a text`,
        lines.span(start, start + character.length),
        "remove it; write `\\n` for a line break",
      ),
    );
  }
}

function checkEscapes(lines: TextFile, token: IToken, diagnostics: Diagnostic[]): void {
  if (!token.image.includes("\\")) return;
  for (const match of token.image.matchAll(/\\(.)/g)) {
    const escaped = match[1] ?? "";
    if (escaped === '"' || escaped === "\\" || escaped === "n") continue;
    const start = token.startOffset + (match.index ?? 0);
    diagnostics.push(
      error(
        "T0103",
        `unknown escape \`\\${escaped}\` in a text`,
        lines.span(start, start + match[0].length),
        'the escapes are `\\"`, `\\\\` and `\\n`: write `\\\\` for a backslash',
      ),
    );
  }
}

// ---------------------------------------------------------------- one declaration at a time

const declarationKeywords: ReadonlySet<TokenType> = new Set([Policy, Enum, RecordKw, Entity, Parameter, Measure]);

/**
 * Cuts the tokens before each keyword that starts a declaration: one outside any braces, or
 * one at the start of a line (a declaration whose `}` is missing still ends there). A field
 * may be named `measure` (`x.measure`, `measure: bool`): a keyword after `.` or before `:` is a
 * field name.
 */
function splitDeclarations(tokens: readonly IToken[]): IToken[][] {
  const pieces: IToken[][] = [];
  let start = 0;
  let depth = 0;
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    if (token === undefined) continue;
    const type = token.tokenType;
    if (type === LBrace) depth++;
    else if (type === RBrace) depth = Math.max(0, depth - 1);
    else if (
      // `document hrss "…" {` declares a document; `document "…"` in a header is a field
      (declarationKeywords.has(type) || (type === DocumentKw && depth === 0 && tokens[index + 1]?.tokenType === Identifier)) &&
      (depth === 0 || token.startColumn === 1) &&
      tokens[index - 1]?.tokenType !== Dot &&
      tokens[index + 1]?.tokenType !== Colon
    ) {
      if (index > start) pieces.push(tokens.slice(start, index));
      start = index;
      depth = 0;
    }
  }
  if (start < tokens.length) pieces.push(tokens.slice(start));
  return pieces;
}

function tooManyErrors(lines: TextFile, piece: readonly IToken[]): Diagnostic {
  const first = piece[0];
  const span = first === undefined ? lines.span(0, 0) : tokenSpan(lines, first);
  return error(
    "T0111",
    `this declaration has more than ${ParserErrorMessages.limit} syntax errors: the rest of it was not read`,
    span,
    "correct the first errors, then check again",
  );
}

/**
 * How deeply an expression may nest, a chain `a + b + c` counting a level per operator:
 * the checker, the interpreter and the emitters follow expressions by recursion, and the
 * generated code nests as deeply; this bound keeps all of them within their stacks, so
 * that `check`, `run` and `compile` agree. Policies need far less: long sums and
 * conditions read better as several `let` definitions.
 */
export const MAX_EXPRESSION_DEPTH = 256;

function expressionTooDeep(span: SourceSpan): Diagnostic {
  return error(
    "T0110",
    `this expression nests more than ${MAX_EXPRESSION_DEPTH} levels deep`,
    span,
    "give parts of the expression their own `let` definitions, e.g. a sum of ten terms each",
  );
}

/** The engine's stack ran out (V8's RangeError); any other RangeError is a defect, not the text's. */
function isStackOverflow(error: unknown): boolean {
  return error instanceof RangeError && /call stack/i.test(error.message);
}

function tooDeeplyNested(lines: TextFile, piece: readonly IToken[]): Diagnostic {
  const first = piece[0];
  const span = first === undefined ? lines.span(0, 0) : tokenSpan(lines, first);
  return error(
    "T0110",
    "this declaration is nested too deeply to be read",
    span,
    "give parts of the expression their own `let` definitions",
  );
}

// ---------------------------------------------------------------- parse errors

/** Rules of the grammar that belong to a named construct, and the keywords that start it. */
const constructs: readonly { readonly rules: ReadonlySet<string>; readonly keywords: ReadonlySet<string> }[] = [
  {
    rules: new Set(["definition", "definitionParameters", "definitionParameter", "definitionBody", "caseTail", "ruleCase", "exceptionCase"]),
    keywords: new Set(["let", "output"]),
  },
  { rules: new Set(["measureDeclaration", "measureItem", "notComputable", "effectiveWindow"]), keywords: new Set(["measure"]) },
  { rules: new Set(["parameterDeclaration", "parameterValue", "scaleBracket", "bracketValue", "datedFigure", "parameterLiteral", "memberName"]), keywords: new Set(["parameter"]) },
  { rules: new Set(["enumDeclaration", "enumMember"]), keywords: new Set(["enum"]) },
  { rules: new Set(["recordDeclaration", "fieldDeclaration"]), keywords: new Set(["record", "entity"]) },
  { rules: new Set(["policyHeader", "headerField"]), keywords: new Set(["policy"]) },
];

/** How a construct is named in a message, by its keyword. */
const constructNouns: Readonly<Record<string, string>> = { let: "the definition of", output: "the definition of" };

/** How far back to look for the name of the construct an error is in. */
const nameSearchLimit = 2000;

/**
 * `following` is the first token of the next declaration: when a piece ends too early, the
 * parser saw the end of its input, but the drafter sees that next declaration.
 */
function syntaxError(lines: TextFile, exception: IRecognitionException, piece: readonly IToken[], following: IToken | undefined): Diagnostic {
  const atEndOfPiece = exception.token.tokenType === EOF || !Number.isFinite(exception.token.startOffset);
  const found = atEndOfPiece ? following : exception.token;
  const index = atEndOfPiece ? piece.length : indexOfToken(piece, exception.token);
  const span = found === undefined ? afterLastToken(lines, piece) : tokenSpan(lines, found);
  const where = placeOfError(exception, piece, index);
  const message = `${exception.message}${where}, found ${found === undefined ? "the end of the file" : describeFound(found)}`;
  return error("T0107", message, span, helpForSyntaxError(exception, found, atEndOfPiece));
}

/** The end of the text's last token: where something is missing when the file ends too early. */
function afterLastToken(lines: TextFile, piece: readonly IToken[]): SourceSpan {
  const last = piece[piece.length - 1];
  const end = last === undefined ? lines.text.length : (last.endOffset ?? last.startOffset) + 1;
  return lines.span(end, end);
}

function indexOfToken(piece: readonly IToken[], token: IToken): number {
  return indexOfOffset(piece, token.startOffset);
}

/** The index of the first token that starts at or after `offset`. */
function indexOfOffset(piece: readonly IToken[], offset: number): number {
  let low = 0;
  let high = piece.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((piece[middle]?.startOffset ?? Infinity) < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** " after the type of `refund`", " in measure `m4`", or nothing when outside any declaration. */
function placeOfError(exception: IRecognitionException, piece: readonly IToken[], index: number): string {
  const ruleStack = exception.context.ruleStack;
  for (let depth = ruleStack.length - 1; depth >= 0; depth--) {
    const rule = ruleStack[depth] ?? "";
    const construct = constructs.find((candidate) => candidate.rules.has(rule));
    if (construct === undefined) continue;
    const named = nameBefore(piece, index, construct.keywords);
    if (named === undefined) return "";
    const innermost = depth === ruleStack.length - 1;
    if (innermost && rule === "definitionBody" && exception.name === "NoViableAltException") return ` after the type of \`${named.name}\``;
    return ` in ${constructNouns[named.keyword] ?? named.keyword} \`${named.name}\``;
  }
  return "";
}

/** The nearest preceding keyword among `keywords`, with the name that follows it. */
function nameBefore(
  piece: readonly IToken[],
  index: number,
  keywords: ReadonlySet<string>,
): { keyword: string; name: string } | undefined {
  for (let position = Math.min(index, piece.length) - 1; position >= Math.max(0, index - nameSearchLimit); position--) {
    const token = piece[position];
    if (token === undefined || !keywords.has(token.image) || token.tokenType === Identifier) continue;
    if (piece[position - 1]?.tokenType === Dot) continue;
    const name = piece[position + 1];
    return name === undefined || !isNameToken(name) ? undefined : { keyword: token.image, name: name.image };
  }
  return undefined;
}

function isNameToken(token: IToken): boolean {
  return token.tokenType === Identifier || isKeyword(token);
}

function isKeyword(token: IToken): boolean {
  return token.tokenType.CATEGORIES?.includes(Keyword) ?? false;
}

function describeFound(token: IToken): string {
  const type = token.tokenType;
  if (type === EOF || !Number.isFinite(token.startOffset)) return "the end of the file";
  if (type === Identifier) return `the name \`${token.image}\``;
  if (type === HanText) return `the Chinese text \`${token.image}\``;
  if (type === StringLiteral) return `the text ${shortened(token.image)}`;
  if (type === NumberLiteral) return `the number \`${token.image}\``;
  if (type === DateLiteral) return `the date \`${token.image}\``;
  return `\`${token.image}\``;
}

function shortened(image: string): string {
  const characters = [...image];
  return characters.length <= 24 ? image : `${characters.slice(0, 20).join("")}…"`;
}

function helpForSyntaxError(exception: IRecognitionException, found: IToken | undefined, atEndOfPiece: boolean): string {
  if (atEndOfPiece) {
    return found === undefined
      ? "the file ends too early: look for a missing closing brace `}` or an unfinished line"
      : "the declaration before this one is not finished: look for a missing closing brace `}`";
  }
  if (found !== undefined && exception.message === "expected a name" && isKeyword(found)) {
    return `\`${found.image}\` is a reserved word: choose another name such as \`${suggestedName(found.image)}\``;
  }
  if (exception.message === "expected `=` or `{`") {
    return 'write `= value cites §N "…"` for one value, or `{ rule … }` for rules and exceptions';
  }
  if (exception.message === "expected a value") {
    return "a value is a name, a number, an amount in the policy's money such as `500 yuan` (`500 EUR` under `currency EUR`), a date, `true`, a call such as `round(x)` or an expression in parentheses";
  }
  if (exception.message === "expected `else`" || exception.message === "expected `then`") {
    return "an `if` has both branches: `if c then a else b`";
  }
  if (exception.message === "expected a label such as `general`") {
    return "every rule and exception has a label: `rule general when … = …`";
  }
  return "compare with the forms in docs/language.md; one mistake may cause several errors";
}
