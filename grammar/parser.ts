/**
 * The grammar of tiao as a Chevrotain CstParser (see docs/language.md).
 *
 * One instance is created for the whole program (`tiaoParser`): building a parser analyses
 * the grammar, which is far slower than parsing (the tests build one that also validates
 * it). Each parse goes through `parseDeclaration`, which sets `.input` and calls
 * `policyFile()`. Newlines are not significant; declarations and items end where the next
 * one begins.
 *
 * The choices (`OR`) met at every item and expression keep their alternatives in a field,
 * built once: an array of alternatives written inside a rule would be allocated at each
 * call. Choices met once per declaration are written inline, where they read best.
 *
 * Expression precedence, loosest first: `if … then … else`, `otherwise`, `or`, `and`, `not`,
 * comparisons (`= != < <= > >=`, `in`, `is present`, `is absent`; they do not chain), `+ -`,
 * `*`, unary `-`, `.field`, primaries. Between `if`s the grammar reads a flat chain of
 * operands and operators; cst-to-ast.ts applies the precedence.
 */
import { CstParser, EOF, tokenMatcher, type CstNode, type DSLMethodOpts, type IOrAlt, type IToken, type TokenType } from "chevrotain";
import {
  Absent,
  Repeal,
  All,
  AnyKw,
  Because,
  BinaryOperator,
  Cites,
  ClauseRef,
  Colon,
  Comma,
  Computable,
  Count,
  DateLiteral,
  Days,
  DaysUnit,
  DocumentKw,
  Dot,
  Else,
  Entity,
  Enum,
  Equals,
  EvaluationDateWord,
  Exception,
  False,
  FatArrow,
  For,
  Force,
  From,
  HeaderTextKey,
  Identifier,
  If,
  In,
  Is,
  Issued,
  Keyword,
  LBrace,
  Let,
  List,
  LParen,
  Match,
  Measure,
  Minus,
  MoneyUnit,
  Months,
  MonthsUnit,
  Not,
  Note,
  NumberLiteral,
  Otherwise,
  Of,
  Optional,
  Output,
  Parameter,
  Percent,
  Policy,
  Present,
  PrimitiveType,
  RBrace,
  RecordKw,
  RParen,
  RuleKw,
  SetKw,
  Source,
  StringLiteral,
  Sum,
  Then,
  TimeLiteral,
  To,
  True,
  Unit,
  Until,
  Value,
  When,
  Where,
  Years,
  YearsUnit,
  allTokens,
} from "./tokens.js";
import { ParserErrorMessages } from "./messages.js";

/**
 * Tokens after which the value of a `when … = value` can no longer be part of the
 * condition: they end the scan of `hasLaterTopLevelEquals`.
 */
const endOfConditionTokens: readonly TokenType[] = [
  Cites, Note, RuleKw, Exception, Let, Output, If, Force, Computable, Measure, Parameter, Enum, RecordKw, Entity, Policy,
];

export class TiaoParser extends CstParser {
  private readonly messages: ParserErrorMessages;

  /**
   * `validate` checks the grammar (ambiguities, left recursion) while analysing it: the
   * tests do, the program's parser does not, as that costs more than parsing a policy.
   */
  constructor(options: { readonly validate?: boolean } = {}) {
    const messages = new ParserErrorMessages();
    super([...allTokens], {
      recoveryEnabled: true,
      nodeLocationTracking: "full",
      errorMessageProvider: messages,
      skipValidations: options.validate !== true,
    });
    this.messages = messages;
    this.performSelfAnalysis();
  }

  /**
   * The CST of one declaration (or of text that is none); errors are in `.errors`. Throws
   * TooManyErrors when there are more than ParserErrorMessages.limit of them.
   */
  parseDeclaration(tokens: IToken[]): CstNode {
    this.messages.reset();
    this.input = tokens;
    return this.policyFile();
  }

  // ---------------------------------------------------------------- file and declarations

  policyFile = this.RULE("policyFile", () => {
    this.MANY(() => this.SUBRULE(this.declaration));
  });

  declaration = this.RULE("declaration", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.policyHeader) },
      { ALT: () => this.SUBRULE(this.enumDeclaration) },
      { ALT: () => this.SUBRULE(this.recordDeclaration) },
      { ALT: () => this.SUBRULE(this.parameterDeclaration) },
      { ALT: () => this.SUBRULE(this.measureDeclaration) },
      { ALT: () => this.SUBRULE(this.repeal) },
      { ALT: () => this.SUBRULE(this.documentDeclaration) },
    ]);
  });

  /**
   * `document hrss "人社部发〔2021〕29号" { file "hrss-2021-29.txt" numbering articles }`: a
   * further source document citations may name. `file` and `numbering` are plain words
   * here; cst-to-ast.ts checks them.
   */
  documentDeclaration = this.RULE("documentDeclaration", () => {
    this.CONSUME(DocumentKw);
    this.SUBRULE(this.name);
    this.CONSUME1(StringLiteral, { LABEL: "title" });
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.documentField));
    this.CONSUME(RBrace);
  });

  /** `file "…"` or `numbering articles` */
  documentField = this.RULE("documentField", () => {
    this.CONSUME1(Identifier, { LABEL: "key" });
    this.OR([{ ALT: () => this.CONSUME(StringLiteral, { LABEL: "text" }) }, { ALT: () => this.CONSUME2(Identifier, { LABEL: "word" }) }]);
  });

  /** `repeal name`: in an amendment, a declaration (or, in a measure, a definition) of the policy it amends taken out */
  repeal = this.RULE("repeal", () => {
    this.CONSUME(Repeal);
    this.SUBRULE(this.name);
  });

  /**
   * A declared name, or a field name. Reserved words are accepted here so that the parse
   * goes on; cst-to-ast.ts reports them where a reserved word may not be used.
   */
  name = this.RULE("name", () => {
    this.OR(this.nameAlternatives);
  });

  private readonly nameAlternatives: IOrAlt<unknown>[] = [{ ALT: () => this.CONSUME(Identifier) }, { ALT: () => this.CONSUME(Keyword) }];

  policyHeader = this.RULE("policyHeader", () => {
    this.CONSUME(Policy);
    this.SUBRULE(this.name);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.headerField));
    this.CONSUME(RBrace);
  });

  headerField = this.RULE("headerField", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(HeaderTextKey);
          this.CONSUME(StringLiteral);
        },
      },
      {
        ALT: () => {
          this.CONSUME(Issued);
          this.CONSUME(DateLiteral);
        },
      },
      {
        // `currency EUR`: the policy's money (`currency` is not reserved)
        GATE: () => this.LA(1).image === "currency",
        ALT: () => {
          this.CONSUME(Identifier, { LABEL: "currencyKey" });
          this.CONSUME2(Identifier, { LABEL: "currency" });
        },
      },
    ]);
  });

  enumDeclaration = this.RULE("enumDeclaration", () => {
    this.CONSUME(Enum);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(StringLiteral, { LABEL: "label" }));
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.enumMember));
    this.CONSUME(RBrace);
  });

  enumMember = this.RULE("enumMember", () => {
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(StringLiteral, { LABEL: "label" }));
  });

  recordDeclaration = this.RULE("recordDeclaration", () => {
    this.OR([{ ALT: () => this.CONSUME(RecordKw) }, { ALT: () => this.CONSUME(Entity) }]);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(StringLiteral, { LABEL: "label" }));
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.fieldDeclaration));
    this.CONSUME(RBrace);
  });

  /** `name: type [otherwise literal] ["label"]`: with `otherwise`, the value of a fact the scenario leaves out */
  fieldDeclaration = this.RULE("fieldDeclaration", () => {
    this.SUBRULE(this.name);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpression);
    this.OPTION2({
      // a field may be named `otherwise` (`otherwise: bool` on the next line): no default then
      GATE: () => this.LA(2).tokenType !== Colon,
      DEF: () => {
        this.CONSUME(Otherwise);
        this.SUBRULE(this.parameterLiteral, { LABEL: "default" });
      },
    });
    this.OPTION(() => this.CONSUME(StringLiteral, { LABEL: "label" }));
    this.OPTION3({ GATE: this.startsLabel, DEF: () => this.SUBRULE(this.otherLabel) });
  });

  typeExpression = this.RULE("typeExpression", () => {
    this.OR([
      { ALT: () => this.CONSUME(PrimitiveType) },
      {
        // `signed money`: an amount a fact may give below zero (`signed` is not reserved)
        GATE: () => this.LA(1).image === "signed" && tokenMatcher(this.LA(2), PrimitiveType) && this.LA(3).tokenType !== Colon,
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          this.CONSUME5(Identifier, { LABEL: "signed" });
          this.CONSUME2(PrimitiveType, { LABEL: "signedType" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(SetKw);
          this.CONSUME1(Of);
          this.CONSUME1(Identifier, { LABEL: "of" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(List);
          this.CONSUME2(Of);
          this.CONSUME2(Identifier, { LABEL: "of" });
        },
      },
      {
        ALT: () => {
          this.CONSUME(Optional);
          this.SUBRULE1(this.typeExpression, { LABEL: "of" });
        },
      },
      {
        // `monthly money otherwise 0 yuan`: a series, and the value of a period not given.
        // `monthly` and `yearly` are not reserved (an enum may have a member `monthly`): they
        // start a series where a type follows them, and not a field's name (`monthly: …`).
        GATE: () => this.startsSeries(),
        IGNORE_AMBIGUITIES: true,
        ALT: () => {
          this.CONSUME4(Identifier, { LABEL: "period" });
          this.SUBRULE2(this.typeExpression, { LABEL: "of" });
          this.OPTION(() => {
            this.CONSUME(Otherwise);
            this.SUBRULE(this.parameterLiteral, { LABEL: "missing" });
          });
        },
      },
      { ALT: () => this.CONSUME3(Identifier, { LABEL: "named" }) },
    ]);
  });

  parameterDeclaration = this.RULE("parameterDeclaration", () => {
    this.CONSUME(Parameter);
    this.SUBRULE(this.name);
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpression);
    this.OPTION(() => this.CONSUME1(StringLiteral, { LABEL: "label" }));
    this.CONSUME(LBrace);
    this.OPTION2(() => {
      this.CONSUME(Unit);
      this.CONSUME2(StringLiteral, { LABEL: "unit" });
    });
    this.AT_LEAST_ONE(() => this.OR(this.parameterItemAlternatives));
    this.CONSUME(RBrace);
  });

  /** A parameter's dated values, or a scale's brackets (`bracket` is a word of the scale, not reserved). */
  private readonly parameterItemAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.parameterValue) },
    { ALT: () => this.SUBRULE(this.scaleBracket) },
    { ALT: () => this.SUBRULE(this.bracketRepeal) },
  ];

  /** `repeal bracket name`: in an amendment's scale, a bracket of the scale it amends taken out */
  bracketRepeal = this.RULE("bracketRepeal", () => {
    this.CONSUME(Repeal);
    this.CONSUME(Identifier, { LABEL: "keyword" });
    this.SUBRULE(this.name);
  });

  parameterValue = this.RULE("parameterValue", () => {
    this.CONSUME(Value);
    this.SUBRULE(this.datedFigure);
  });

  /**
   * `bracket name { threshold … rate … }`: `bracket`, `threshold` and `rate` are read as
   * names (cst-to-ast.ts checks the words), so that policies keep them for their own names.
   */
  scaleBracket = this.RULE("scaleBracket", () => {
    this.CONSUME1(Identifier, { LABEL: "keyword" });
    this.SUBRULE(this.name);
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.bracketValue));
    this.CONSUME(RBrace);
  });

  bracketValue = this.RULE("bracketValue", () => {
    this.CONSUME(Identifier, { LABEL: "figure" });
    this.SUBRULE(this.datedFigure);
  });

  /** `<literal> [from <date>] [until <date>] source … [note "…"]`: without `from`, in force from the earliest date */
  datedFigure = this.RULE("datedFigure", () => {
    this.SUBRULE(this.parameterLiteral);
    this.OPTION3(() => {
      this.CONSUME(From);
      this.CONSUME1(DateLiteral, { LABEL: "from" });
    });
    this.OPTION(() => {
      this.CONSUME(Until);
      this.CONSUME2(DateLiteral, { LABEL: "until" });
    });
    this.CONSUME(Source);
    this.OR([
      { ALT: () => this.SUBRULE(this.citation) },
      { ALT: () => this.CONSUME1(StringLiteral, { LABEL: "document" }) },
    ]);
    this.OPTION2(() => {
      this.CONSUME(Note);
      this.CONSUME2(StringLiteral, { LABEL: "note" });
    });
  });

  /** The value of a parameter: a literal, a negative number, an enum member or a set of members. */
  parameterLiteral = this.RULE("parameterLiteral", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Minus);
          this.SUBRULE(this.quantity, { LABEL: "negated" });
        },
      },
      { ALT: () => this.SUBRULE(this.literal) },
      { ALT: () => this.SUBRULE(this.memberName) },
      { ALT: () => this.SUBRULE(this.setLiteral) },
    ]);
  });

  /** `member` or `enum_name.member` */
  memberName = this.RULE("memberName", () => {
    this.CONSUME1(Identifier, { LABEL: "names" });
    this.OPTION(() => {
      this.CONSUME(Dot);
      this.CONSUME2(Identifier, { LABEL: "names" });
    });
  });

  /** `§4 "quoted words"`, or `hrss §9 "quoted words"` for a clause of a declared document */
  citation = this.RULE("citation", () => {
    this.OPTION(() => this.CONSUME(Identifier, { LABEL: "document" }));
    this.CONSUME(ClauseRef);
    this.CONSUME(StringLiteral);
  });

  measureDeclaration = this.RULE("measureDeclaration", () => {
    this.CONSUME(Measure);
    this.SUBRULE(this.name);
    this.OPTION(() => this.CONSUME(StringLiteral, { LABEL: "title" }));
    this.OPTION4({ GATE: this.startsLabel, DEF: () => this.SUBRULE(this.otherLabel) });
    this.CONSUME(LBrace);
    this.OPTION2(() => {
      this.CONSUME(Cites);
      this.SUBRULE(this.citation);
    });
    this.OPTION3(() => this.SUBRULE(this.effectiveWindow));
    this.MANY(() => this.SUBRULE(this.measureItem));
    this.CONSUME(RBrace);
  });

  /** `in force from <expr> [until <expr>]`, or `in force until <expr>` (in force on every date up to its end) */
  effectiveWindow = this.RULE("effectiveWindow", () => {
    this.CONSUME(In);
    this.CONSUME(Force);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(From);
          this.SUBRULE1(this.expression, { LABEL: "from" });
          this.OPTION(() => {
            this.CONSUME1(Until);
            this.SUBRULE2(this.expression, { LABEL: "until" });
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME2(Until);
          this.SUBRULE3(this.expression, { LABEL: "until" });
        },
      },
    ]);
  });

  measureItem = this.RULE("measureItem", () => {
    this.OR(this.measureItemAlternatives);
  });

  private readonly measureItemAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.definition) },
    { ALT: () => this.SUBRULE(this.notComputable) },
    { ALT: () => this.SUBRULE(this.repeal) },
  ];

  notComputable = this.RULE("notComputable", () => {
    this.CONSUME(Not);
    this.CONSUME(Computable);
    this.SUBRULE(this.citation);
    this.CONSUME(Because);
    this.CONSUME(StringLiteral, { LABEL: "reason" });
  });

  definition = this.RULE("definition", () => {
    this.OR(this.visibilityAlternatives);
    this.SUBRULE(this.name);
    this.OPTION(() => this.SUBRULE(this.definitionParameters));
    this.CONSUME(Colon);
    this.SUBRULE(this.typeExpression);
    this.OPTION2({ GATE: this.startsLabel, DEF: () => this.SUBRULE(this.otherLabel) });
    this.SUBRULE(this.definitionBody);
  });

  /**
   * `label en "…"`: a label in another language. `label` and the language are plain words,
   * so that `label` stays free as a name (a field `label: text` is not a label).
   */
  otherLabel = this.RULE("otherLabel", () => {
    this.CONSUME1(Identifier, { LABEL: "keyword" });
    this.CONSUME2(Identifier, { LABEL: "language" });
    this.CONSUME(StringLiteral);
  });

  private readonly startsLabel = (): boolean =>
    this.LA(1).image === "label" && tokenMatcher(this.LA(2), Identifier) && tokenMatcher(this.LA(3), StringLiteral);

  private readonly visibilityAlternatives: IOrAlt<unknown>[] = [{ ALT: () => this.CONSUME(Let) }, { ALT: () => this.CONSUME(Output) }];

  definitionParameters = this.RULE("definitionParameters", () => {
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.definitionParameter) });
    this.CONSUME(RParen);
  });

  /** `p: person`, or `p in household.members`: an output given for each member of a list */
  definitionParameter = this.RULE("definitionParameter", () => {
    this.SUBRULE(this.name);
    this.OR([
      {
        ALT: () => {
          this.CONSUME(Colon);
          this.SUBRULE(this.typeExpression);
        },
      },
      {
        ALT: () => {
          this.CONSUME(In);
          this.SUBRULE(this.expression, { LABEL: "members" });
        },
      },
    ]);
  });

  definitionBody = this.RULE("definitionBody", () => {
    this.OR(this.definitionBodyAlternatives);
  });

  private readonly definitionBodyAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.CONSUME(Equals);
        this.SUBRULE(this.expression, { LABEL: "value" });
        this.SUBRULE(this.caseTail);
      },
    },
    {
      ALT: () => {
        this.CONSUME(LBrace);
        this.AT_LEAST_ONE(() => this.OR2(this.caseAlternatives));
        this.CONSUME(RBrace);
      },
    },
  ];

  private readonly caseAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.ruleCase) },
    { ALT: () => this.SUBRULE(this.exceptionCase) },
  ];

  /** What follows the value of a rule: `[cites …] [note "…"] [in force from … until …]` */
  caseTail = this.RULE("caseTail", () => {
    this.OPTION(() => {
      this.CONSUME(Cites);
      this.SUBRULE(this.citation);
    });
    this.OPTION2(() => {
      this.CONSUME(Note);
      this.CONSUME(StringLiteral, { LABEL: "note" });
    });
    this.OPTION3(() => this.SUBRULE(this.effectiveWindow));
  });

  ruleCase = this.RULE("ruleCase", () => {
    this.CONSUME(RuleKw);
    this.CONSUME(Identifier, { LABEL: "label" });
    this.OPTION(() => {
      this.CONSUME(When);
      this.SUBRULE1(this.expression, { LABEL: "condition", ARGS: [true] });
    });
    this.CONSUME(Equals);
    this.SUBRULE2(this.expression, { LABEL: "value" });
    this.SUBRULE(this.caseTail);
  });

  exceptionCase = this.RULE("exceptionCase", () => {
    this.CONSUME(Exception);
    this.CONSUME1(Identifier, { LABEL: "label" });
    this.OPTION(() => {
      this.CONSUME(To);
      this.CONSUME2(Identifier, { LABEL: "overrides" });
    });
    this.CONSUME(When);
    this.SUBRULE1(this.expression, { LABEL: "condition", ARGS: [true] });
    this.CONSUME(Equals);
    this.SUBRULE2(this.expression, { LABEL: "value" });
    this.SUBRULE(this.caseTail);
  });

  // ---------------------------------------------------------------- expressions
  //
  // `inWhen` is true for the top level of a `when` condition, which is followed by
  // `= value`: there, a `=` is read as a comparison only when another `=` follows it
  // (see hasLaterTopLevelEquals), so `when short_insured_migrant = false` has the
  // condition `short_insured_migrant` and the value `false`.

  expression = this.RULE("expression", (inWhen?: boolean) => {
    this.OR(inWhen === true ? this.whenConditionAlternatives : this.expressionAlternatives);
  });

  private readonly expressionAlternatives = this.expressionAlternativesFor(false);
  private readonly whenConditionAlternatives = this.expressionAlternativesFor(true);

  private expressionAlternativesFor(inWhen: boolean): IOrAlt<unknown>[] {
    const options: { ARGS: [boolean] } = { ARGS: [inWhen] };
    return [{ ALT: () => this.SUBRULE(this.ifExpression, options) }, { ALT: () => this.SUBRULE(this.operatorChain, options) }];
  }

  ifExpression = this.RULE("ifExpression", (inWhen?: boolean) => {
    this.CONSUME(If);
    this.SUBRULE1(this.expression, { LABEL: "condition" });
    this.CONSUME(Then);
    this.SUBRULE2(this.expression, { LABEL: "then" });
    this.CONSUME(Else);
    this.SUBRULE3(this.expression, { LABEL: "else", ARGS: [inWhen] });
  });

  /**
   * Operands and the operators between them, in a flat list: cst-to-ast.ts builds the tree
   * by precedence (and reports chained comparisons). A flat list keeps the tree of rule
   * calls shallow, which is most of the cost of parsing.
   */
  operatorChain = this.RULE("operatorChain", (inWhen?: boolean) => {
    this.SUBRULE1(this.operand, { LABEL: "operands" });
    this.MANY(inWhen === true ? this.whenConditionLinks : this.chainLinks);
  });

  /** The rest of a chain: operators and their operands, or `is present` / `is absent`. */
  private chainLinksFor(inWhen: boolean): DSLMethodOpts<unknown> {
    return { GATE: () => this.chainContinues(inWhen), DEF: () => this.OR(this.chainLinkAlternatives) };
  }

  private readonly chainLinks = this.chainLinksFor(false);
  private readonly whenConditionLinks = this.chainLinksFor(true);

  private readonly chainLinkAlternatives: IOrAlt<unknown>[] = [
    {
      ALT: () => {
        this.CONSUME(BinaryOperator);
        this.SUBRULE2(this.operand, { LABEL: "operands" });
      },
    },
    {
      ALT: () => {
        this.CONSUME(Is);
        this.OR2(this.presenceAlternatives);
      },
    },
  ];

  private readonly presenceAlternatives: IOrAlt<unknown>[] = [{ ALT: () => this.CONSUME(Present) }, { ALT: () => this.CONSUME(Absent) }];

  /** `not` and `-` in front of a primary and its `.field`s */
  operand = this.RULE("operand", () => {
    this.MANY1(() => this.CONSUME(Not));
    this.MANY2(() => this.CONSUME(Minus));
    this.SUBRULE(this.primary);
    this.MANY3(() => {
      this.CONSUME(Dot);
      this.SUBRULE(this.name, { LABEL: "fields" });
    });
    // `m.output(p)`: another measure's output for one member
    this.OPTION(() => this.SUBRULE(this.callArguments, { LABEL: "memberArguments" }));
  });

  primary = this.RULE("primary", () => {
    this.OR(this.primaryAlternatives);
  });

  private readonly primaryAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.literal) },
    { ALT: () => this.SUBRULE(this.nameOrCall) },
    { ALT: () => this.SUBRULE(this.conversionCall) },
    { ALT: () => this.SUBRULE(this.countAggregate) },
    { ALT: () => this.SUBRULE(this.sumAggregate) },
    { ALT: () => this.SUBRULE(this.setLiteral) },
    { ALT: () => this.SUBRULE(this.parenthesized) },
    { ALT: () => this.SUBRULE(this.matchExpression) },
  ];

  literal = this.RULE("literal", () => {
    this.OR(this.literalAlternatives);
  });

  private readonly literalAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.SUBRULE(this.quantity) },
    { ALT: () => this.CONSUME(DateLiteral) },
    { ALT: () => this.CONSUME(TimeLiteral) },
    // a text, `"730000"`: the same token as a label or a quote
    { ALT: () => this.CONSUME(StringLiteral) },
    { ALT: () => this.CONSUME(True) },
    { ALT: () => this.CONSUME(False) },
    { ALT: () => this.CONSUME(Absent) },
    { ALT: () => this.CONSUME(EvaluationDateWord) },
  ];

  /**
   * A number and its unit, if any: `6`, `500 yuan`, `60%`, `3个月`, `1 day`. The unit is on the
   * number's line: a field named `months` after a default (`size: decimal otherwise 0.0`, then
   * `months: months`) is the next field, not the default's unit.
   */
  quantity = this.RULE("quantity", () => {
    const number = this.CONSUME(NumberLiteral);
    this.OPTION({ GATE: () => this.LA(1).startLine === number.endLine, DEF: () => this.OR(this.unitAlternatives) });
  });

  private readonly unitAlternatives: IOrAlt<unknown>[] = [
    { ALT: () => this.CONSUME(MoneyUnit) },
    { ALT: () => this.CONSUME(Percent) },
    { ALT: () => this.CONSUME(MonthsUnit) },
    { ALT: () => this.CONSUME(DaysUnit) },
    { ALT: () => this.CONSUME(YearsUnit) },
  ];

  /** `name` or `name(arguments)` */
  nameOrCall = this.RULE("nameOrCall", () => {
    this.CONSUME(Identifier);
    this.OPTION(() => this.SUBRULE(this.callArguments));
  });

  /** `months(n)`, `days(n)`, `years(n)`: the unit words are reserved, so these calls have their own rule */
  conversionCall = this.RULE("conversionCall", () => {
    this.OR([{ ALT: () => this.CONSUME(Months) }, { ALT: () => this.CONSUME(Days) }, { ALT: () => this.CONSUME(Years) }]);
    this.SUBRULE(this.callArguments);
  });

  callArguments = this.RULE("callArguments", () => {
    this.CONSUME(LParen);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: "arguments" }) });
    this.OPTION(() => this.OR([
      { ALT: () => this.SUBRULE(this.overPeriods) },
      { ALT: () => this.SUBRULE(this.forItems) },
    ]));
    this.CONSUME(RParen);
  });

  /** `for x in L where c`: the items of `max(e for x in L where c)` and `min(…)` */
  forItems = this.RULE("forItems", () => {
    this.CONSUME(For);
    this.listItems();
  });

  /**
   * `x in L where c`, in the three rules that read a list's items: a method, not a rule, so that
   * they stay children of the caller's node (`SUBRULE1` is left to the caller).
   */
  private listItems(): void {
    this.CONSUME(Identifier, { LABEL: "variable" });
    this.CONSUME(In);
    this.SUBRULE2(this.expression, { LABEL: "list" });
    this.OPTION(() => {
      this.CONSUME(Where);
      this.SUBRULE3(this.expression, { LABEL: "filter" });
    });
  }

  /**
   * `over last 12 months`, `over this year`, `over previous year`: the periods of a series
   * summed or averaged. The words are names here (cst-to-ast.ts checks them), not reserved.
   */
  overPeriods = this.RULE("overPeriods", () => {
    this.CONSUME(Identifier, { LABEL: "over" });
    this.SUBRULE1(this.name, { LABEL: "relation" });
    this.OPTION(() => this.CONSUME(NumberLiteral, { LABEL: "count" }));
    this.SUBRULE2(this.name, { LABEL: "unit" });
  });

  /** `count(x in L where c)`, `any(…)`, `all(…)` */
  countAggregate = this.RULE("countAggregate", () => {
    this.OR([{ ALT: () => this.CONSUME(Count) }, { ALT: () => this.CONSUME(AnyKw) }, { ALT: () => this.CONSUME(All) }]);
    this.CONSUME(LParen);
    this.listItems();
    this.CONSUME(RParen);
  });

  /** `sum(e for x in L where c)`, or `sum(series over …)` */
  sumAggregate = this.RULE("sumAggregate", () => {
    this.CONSUME(Sum);
    this.CONSUME(LParen);
    this.SUBRULE1(this.expression, { LABEL: "value" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(For);
          this.listItems();
        },
      },
      { ALT: () => this.SUBRULE(this.overPeriods) },
    ]);
    this.CONSUME(RParen);
  });

  /** `{a, b}`, `{}` */
  setLiteral = this.RULE("setLiteral", () => {
    this.CONSUME(LBrace);
    this.MANY_SEP({ SEP: Comma, DEF: () => this.SUBRULE(this.expression, { LABEL: "elements" }) });
    this.CONSUME(RBrace);
  });

  parenthesized = this.RULE("parenthesized", () => {
    this.CONSUME(LParen);
    this.SUBRULE(this.expression, { LABEL: "inner" });
    this.CONSUME(RParen);
  });

  matchExpression = this.RULE("matchExpression", () => {
    this.CONSUME(Match);
    this.SUBRULE(this.expression, { LABEL: "subject" });
    this.CONSUME(LBrace);
    this.MANY(() => this.SUBRULE(this.matchArm));
    this.CONSUME(RBrace);
  });

  /** `a, b => value` or `else => value` */
  matchArm = this.RULE("matchArm", () => {
    this.OR([
      { ALT: () => this.CONSUME(Else) },
      { ALT: () => this.AT_LEAST_ONE_SEP({ SEP: Comma, DEF: () => this.CONSUME(Identifier, { LABEL: "patterns" }) }) },
    ]);
    this.CONSUME(FatArrow);
    this.SUBRULE(this.expression, { LABEL: "value" });
  });

  // ---------------------------------------------------------------- gates

  /** `monthly T` / `yearly T`: the word, then a type, and not the name of the next field. */
  private startsSeries(): boolean {
    const word = this.LA(1);
    if (!tokenMatcher(word, Identifier) || (word.image !== "monthly" && word.image !== "yearly")) return false;
    const next = this.LA(2);
    const typeStarts = [PrimitiveType, Optional, SetKw, List, Identifier].some((type) => tokenMatcher(next, type));
    return typeStarts && this.LA(3).tokenType !== Colon;
  }

  /** Whether the operator after the current operand belongs to the chain. */
  private chainContinues(inWhen: boolean): boolean {
    const next = this.LA(1).tokenType;
    // `x in force from …` opens an effective window; it is not `x in <set>`
    if (next === In) return this.LA(2).tokenType !== Force;
    if (next === Equals && inWhen) return this.hasLaterTopLevelEquals();
    return true;
  }

  /**
   * In `when c = v`, the last `=` outside brackets separates the condition from the value:
   * `when size = large = 30%` compares `size` with `large`. Looks ahead from the `=` at
   * LA(1) for another `=` before anything that ends the rule. The subject of a `match` counts
   * as bracketed, from `match` to the `}` that closes its arms.
   */
  private hasLaterTopLevelEquals(): boolean {
    const open: ("match" | "bracket")[] = [];
    for (let distance = 2; ; distance++) {
      const type = this.LA(distance).tokenType;
      if (type === EOF) return false;
      // a field name may be any word, `.if` and `.cites` included
      if (this.LA(distance - 1).tokenType === Dot) continue;
      if (type === Match) open.push("match");
      else if (type === LBrace && open[open.length - 1] === "match") open[open.length - 1] = "bracket";
      else if (type === LParen || type === LBrace) open.push("bracket");
      else if (type === RParen || type === RBrace) {
        if (open.pop() === undefined) return false;
      } else if (open.length === 0) {
        if (type === Equals) return true;
        if (endOfConditionTokens.includes(type)) return false;
      }
    }
  }
}

/** The one parser of the program; see the module comment. */
export const tiaoParser = new TiaoParser();
