/**
 * What the parser expected, in a drafter's words. Chevrotain asks this provider for the
 * message of every parse error; the message is the phrase "expected …" only, because
 * compiler/parse.ts adds where it happened and what was found instead.
 */
import { EOF, type IParserErrorMessageProvider, type TokenType } from "chevrotain";

const declarationStart = "a declaration (`policy`, `enum`, `record`, `entity`, `parameter` or `measure`)";

/** When a block cannot go on, say what may come inside it, not only its closing brace. */
const blockEnds: Readonly<Record<string, string>> = {
  policyHeader: "a header field (`title`, `document`, `issuer`, `issued`, `version` or `notice`) or a closing brace `}`",
  enumDeclaration: "a member name or a closing brace `}`",
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
  parameterValue: "a clause and its words such as `§3 \"…\"`, or the name of a document in quotes",
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

export const parserErrorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, ruleName }) {
    if (expected.name === "Identifier" && (ruleName === "ruleCase" || ruleName === "exceptionCase")) {
      return "expected a label such as `general`";
    }
    if (expected.name === "RBrace") {
      const inBlock = blockEnds[ruleName];
      if (inBlock !== undefined) return `expected ${inBlock}`;
    }
    return `expected ${describeTokenType(expected)}`;
  },
  buildNotAllInputParsedMessage() {
    return `expected ${declarationStart}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, ruleName }) {
    const known = expectationOfRule(ruleName);
    if (known !== undefined) return `expected ${known}`;
    return `expected ${listInWords(expectedPathsPerAlt.flatMap(firstTokens))}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, ruleName }) {
    if (ruleName === "definitionBody") return "expected `rule` or `exception`";
    return `expected ${listInWords(firstTokens(expectedIterationPaths))}`;
  },
};
