/**
 * What the parser expected, in a drafter's words. Chevrotain asks this provider for the
 * message of every parse error; the message is the phrase "expected …" only, because
 * compiler/parse.ts adds where it happened and what was found instead. The provider also
 * counts the errors, to stop a parse that has too many (see TooManyErrors).
 */
import { EOF, type IParserErrorMessageProvider, type TokenType } from "chevrotain";

const declarationStart = "a declaration (`policy`, `enum`, `record`, `entity`, `parameter` or `measure`)";

/** When a block cannot go on, say what may come inside it, not only its closing brace. */
const blockEnds: Readonly<Record<string, string>> = {
  policyHeader: "a header field (`title`, `document`, `issuer`, `issued`, `version`, `notice` or `amends`) or a closing brace `}`",
  enumDeclaration: "a member name or a closing brace `}`",
  documentDeclaration: "`file \"…\"`, `numbering …` or a closing brace `}`",
  recordDeclaration: "a field such as `name: type` or a closing brace `}`",
  parameterDeclaration: "`value` or a closing brace `}`",
  measureDeclaration: "`let`, `output`, `not computable` or a closing brace `}`",
  definitionBody: "`rule`, `exception` or a closing brace `}`",
  matchExpression: "a member name, `else` or a closing brace `}`",
  setLiteral: "`,` or a closing brace `}`",
};

/** What an alternative of each rule may start with, when listing its tokens would be too long. */
const ruleExpectations: Readonly<Record<string, string>> = {
  policyFile: declarationStart,
  declaration: declarationStart,
  measureItem: "`let`, `output` or `not computable`",
  definitionBody: "`=` or `{`",
  typeExpression: "a type such as `money`, `date`, `optional date`, `set of E` or `list of R`",
  parameterLiteral: "a value such as `500 yuan`, `60%`, `2021-10-20`, `absent` or a member name",
  datedFigure: "a clause and its words such as `§3 \"…\"`, or the name of a document in quotes",
  name: "a name",
};

/** Rules whose alternatives are ways to write a value: a failure there means "a value was expected". */
const expressionRules = new Set(["expression", "ifExpression", "operatorChain", "operand", "primary", "literal"]);

export function describeTokenType(type: TokenType): string {
  if (type === EOF) return "the end of the file";
  return type.LABEL ?? type.name;
}

/** "a, b or c" */
export function listInWords(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? "";
  return `${unique.slice(0, -1).join(", ")} or ${unique[unique.length - 1]}`;
}

function firstTokens(paths: readonly (readonly TokenType[])[]): string[] {
  return paths.flatMap((path) => (path[0] === undefined ? [] : [describeTokenType(path[0])]));
}

function expectationOfRule(ruleName: string): string | undefined {
  if (expressionRules.has(ruleName)) return "a value";
  return ruleExpectations[ruleName];
}

/**
 * Thrown when a declaration has more errors than `ParserErrorMessages.limit`: Chevrotain's
 * recovery looks ahead through the rest of the declaration for each error, so without a
 * limit a long declaration full of errors would take time quadratic in its length.
 */
export class TooManyErrors extends Error {
  constructor() {
    super("too many parse errors");
    this.name = "TooManyErrors";
  }
}

export class ParserErrorMessages implements IParserErrorMessageProvider {
  static readonly limit = 20;
  private count = 0;

  /** Before each parse: the limit counts the errors of one declaration. */
  reset(): void {
    this.count = 0;
  }

  private counted(message: string): string {
    this.count++;
    if (this.count > ParserErrorMessages.limit) throw new TooManyErrors();
    return message;
  }

  buildMismatchTokenMessage({ expected, ruleName }: { expected: TokenType; ruleName: string }): string {
    if (expected.name === "Identifier" && (ruleName === "ruleCase" || ruleName === "exceptionCase")) {
      return this.counted("expected a label such as `general`");
    }
    const inBlock = expected.name === "RBrace" ? blockEnds[ruleName] : undefined;
    return this.counted(`expected ${inBlock ?? describeTokenType(expected)}`);
  }

  buildNotAllInputParsedMessage(): string {
    return this.counted(`expected ${declarationStart}`);
  }

  buildNoViableAltMessage({ expectedPathsPerAlt, ruleName }: { expectedPathsPerAlt: TokenType[][][]; ruleName: string }): string {
    const known = expectationOfRule(ruleName);
    return this.counted(`expected ${known ?? listInWords(expectedPathsPerAlt.flatMap(firstTokens))}`);
  }

  buildEarlyExitMessage({ expectedIterationPaths, ruleName }: { expectedIterationPaths: TokenType[][]; ruleName: string }): string {
    if (ruleName === "definitionBody") return this.counted("expected `rule` or `exception`");
    return this.counted(`expected ${listInWords(firstTokens(expectedIterationPaths))}`);
  }
}
