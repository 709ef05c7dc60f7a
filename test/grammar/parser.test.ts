import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Declaration, Definition, MeasureDeclaration, PolicyFile, RuleCase } from "../../compiler/ast.js";
import { parseFile } from "../../compiler/parse.js";
import { repositoryRoot, repositoryTiaoFiles } from "../format/repository-files.js";
import { sExpression } from "./s-expression.js";

function parseClean(text: string, path = "test.tiao"): PolicyFile {
  const result = parseFile(path, text);
  expect(result.diagnostics).toEqual([]);
  return result.ast;
}

function only<T>(items: readonly T[]): T {
  expect(items).toHaveLength(1);
  return items[0] as T;
}

function measureOf(ast: PolicyFile): MeasureDeclaration {
  const declaration = only(ast.declarations);
  if (declaration.kind !== "measure") throw new Error(`expected a measure, got ${declaration.kind}`);
  return declaration;
}

function definitionsOf(text: string): Definition[] {
  return measureOf(parseClean(`measure m {\n${text}\n}`)).items.flatMap((item) => (item.kind === "definition" ? [item] : []));
}

function casesOf(definition: Definition): readonly RuleCase[] {
  return definition.body.kind === "simple" ? [definition.body.rule] : definition.body.cases;
}

/** The tree of one expression, as the value of a definition. */
function tree(expression: string): string {
  const definition = only(definitionsOf(`let x: bool = ${expression} cites §1 "x"`));
  return sExpression(only(casesOf(definition)).value);
}

function declarationKinds(declarations: readonly Declaration[]): string[] {
  return declarations.map((declaration) => `${declaration.kind} ${declaration.name.name}`);
}

describe("the examples of docs/language.md", () => {
  const reference = readFileSync(join(repositoryRoot, "docs/language.md"), "utf8");
  const blocks = [...reference.matchAll(/```tiao\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

  it("are found", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(7);
  });

  for (const [index, block] of blocks.entries()) {
    it(`parse without diagnostics: block ${index + 1}`, () => {
      // definitions shown on their own are items of a measure
      const text = /^\s*(let|output|not computable)\b/.test(block) ? `measure example {\n${block}\n}` : block;
      expect(parseClean(text).declarations.length).toBeGreaterThan(0);
    });
  }
});

describe("the policies of the repository", () => {
  const files = repositoryTiaoFiles("policies");

  it("are found", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(`parse without diagnostics: ${file.path}`, () => {
      expect(parseClean(file.text, file.path).declarations.length).toBeGreaterThan(0);
    });
  }
});

describe("expression precedence", () => {
  it.each([
    ["a or b and c", "(or a (and b c))"],
    ["a and b or c", "(or (and a b) c)"],
    ["not a and b", "(and (not a) b)"],
    ["not a = b", "(not (= a b))"],
    ["not not a", "(not (not a))"],
    ["a + b * c", "(+ a (* b c))"],
    ["a - b - c", "(- (- a b) c)"],
    ["a * b * c", "(* (* a b) c)"],
    ["a + b < c * d", "(< (+ a b) (* c d))"],
    ["-a.b", "(- (. a b))"],
    ["- -a", "(- (- a))"],
    ["a otherwise b or c", "(otherwise a (or b c))"],
    ["a otherwise b otherwise c", "(otherwise (otherwise a b) c)"],
    ["if a then b else c or d", "(if a b (or c d))"],
    ["if a then b else if c then d else e", "(if a b (if c d e))"],
    ["x in {a, b} and y is present", "(and (in x {a b}) (is-present y))"],
    ["x is absent or x > 1", "(or (is-absent x) (> x 1))"],
    ["x in s", "(in x s)"],
    ["f(a, b).c", "(. (call f a b) c)"],
    ["person.ui_status.code", "(. (. person ui_status) code)"],
    ["(a or b) and c", "(and (paren (or a b)) c)"],
    ["round(x * 80%)", "(call round (* x 80%))"],
    ["months(n) + days(2)", "(+ (call months n) (call days 2))"],
    ["{}", "{}"],
    ["{a, channel.online}", "{a (. channel online)}"],
    ["min(a, b)", "(call min a b)"],
    ["f()", "(call f)"],
  ])("%s", (expression, expected) => {
    expect(tree(expression)).toBe(expected);
  });
});

describe("operator chains", () => {
  function messages(expression: string): string[] {
    const text = `measure m {\n  let x: bool = ${expression} cites §1 "x"\n}`;
    return parseFile("chain.tiao", text).diagnostics.map((diagnostic) => `${diagnostic.code} ${diagnostic.span.column}: ${diagnostic.message}`);
  }

  it("report comparisons that chain, at the second operator", () => {
    expect(messages("a < b < c")).toEqual(["T0107 23: comparisons do not chain"]);
    expect(messages("a = b is present")).toEqual(["T0107 23: comparisons do not chain"]);
    expect(messages("a in s = true")).toEqual(["T0107 24: comparisons do not chain"]);
  });

  it("report `not` where a tighter operator needs its operand", () => {
    expect(messages("a = not b")).toEqual(["T0107 21: `not` needs parentheses here"]);
    expect(messages("a + not b")).toEqual(["T0107 21: `not` needs parentheses here"]);
    expect(messages("a and not b = c")).toEqual([]);
  });

  it("accept comparisons joined by `and`, and `not` in parentheses", () => {
    expect(messages("a < b and b < c")).toEqual([]);
    expect(messages("a = (not b)")).toEqual([]);
  });
});

describe("literals", () => {
  it.each([
    ["500 yuan", "500yuan"],
    ["200000元", "200000yuan"],
    ["1458.00 元", "1458.00yuan"],
    ["60%", "60%"],
    ["12.5%", "12.5%"],
    ["6 months", "6months"],
    ["1 month", "1months"],
    ["3个月", "3months"],
    ["1 day", "1days"],
    ["30 天", "30days"],
    ["6", "6"],
    ["0.5", "0.5"],
    ["2021-10-20", "2021-10-20"],
    ["18:00", "18:00"],
    ["true", "true"],
    ["absent", "absent"],
  ])("%s", (expression, expected) => {
    expect(tree(expression)).toBe(expected);
  });
});

describe("aggregates and match", () => {
  it.each([
    ["count(t in enterprise.trainees where t.newly_absorbed)", "(count t (. enterprise trainees) (where (. t newly_absorbed)))"],
    ["count(t in L)", "(count t L)"],
    ["any(p in L where p.x > 1)", "(any p L (where (> (. p x) 1)))"],
    ["all(p in L where p.ok)", "(all p L (where (. p ok)))"],
    ["sum(min(t.months, 3) for t in L where ok(t))", "(sum (call min (. t months) 3) t L (where (call ok t)))"],
    ["match size { large => 30%  medium, small, micro => 60% }", "(match size (large 30%) (medium,small,micro 60%))"],
    ["match size { large => a else => b }", "(match size (large a) (else b))"],
    ["match a { x => if c then 1 else 2 else => 3 }", "(match a (x (if c 1 2)) (else 3))"],
  ])("%s", (expression, expected) => {
    expect(tree(expression)).toBe(expected);
  });
});

describe("rules with `when`", () => {
  function firstCase(text: string): string {
    const definition = only(definitionsOf(text));
    const [rule] = casesOf(definition);
    if (rule === undefined) throw new Error("no rule");
    return `${rule.condition === undefined ? "-" : sExpression(rule.condition)} => ${sExpression(rule.value)}`;
  }

  it("reads the value after a lone `=`", () => {
    expect(firstCase('output x: bool { exception e when short_insured_migrant\n = false cites §4 "x" }')).toBe(
      "short_insured_migrant => false",
    );
  });

  it("reads the value after the last `=` outside brackets", () => {
    expect(firstCase('output x: percent { rule r when size = large = 30% cites §2 "x" }')).toBe("(= size large) => 30%");
    expect(firstCase('output x: bool { rule r when a and b != c = true cites §2 "x" }')).toBe("(and a (!= b c)) => true");
    expect(firstCase('output x: bool { rule r when c = (a = b) cites §2 "x" }')).toBe("c => (paren (= a b))");
    expect(firstCase('output x: bool { rule r when f(a = b) = if p then q = r else s cites §2 "x" }')).toBe(
      "(call f (= a b)) => (if p (= q r) s)",
    );
  });

  it("reads `in force` after a value as a window, not as membership", () => {
    const [definition] = definitionsOf('let x: bool = a in s cites §1 "x" in force from d until e');
    const rule = only(casesOf(definition as Definition));
    expect(sExpression(rule.value)).toBe("(in a s)");
    expect(rule.window?.from && sExpression(rule.window.from)).toBe("d");
  });

  it("reads a field named \`otherwise\` after a field without a default", () => {
    const { ast, diagnostics } = parseFile("f.tiao", "record r {\n  a: bool\n  otherwise: bool\n  b: integer otherwise 0\n}\n");
    expect(diagnostics).toEqual([]);
    const [record] = ast.declarations;
    expect(record?.kind === "record" ? record.fields.map((f) => [f.name.name, f.default?.kind]) : []).toEqual([["a", undefined], ["otherwise", undefined], ["b", "number"]]);
  });

  it("reads a window with only its end", () => {
    const [definition] = definitionsOf('let x: bool = true cites §1 "x" in force until e');
    const rule = only(casesOf(definition as Definition));
    expect(rule.window?.from).toBeUndefined();
    expect(rule.window?.until && sExpression(rule.window.until)).toBe("e");
  });
});

describe("declarations", () => {
  it("reads the policy header in written order", () => {
    const [header] = parseClean(`policy lanzhou_2021_289 {
      title "关于…的通知"  issued 2021-11-05  version "1.0.0"  notice "notice.txt"
    }`).declarations;
    expect(header?.kind === "policy" && header.fields.map((field) => field.key)).toEqual(["title", "issued", "version", "notice"]);
  });

  it("reads enums, records and entities, with reserved words as field names", () => {
    const ast = parseClean(`
      enum ui_status "失业保险金领取状态" { receiving "正在领取" expired not_qualified "不符合" }
      record trainee "以工代训人员" { months: months "参训月数"  target_group: target_group }
      entity person { public_welfare_post_end: optional date  trainees: list of trainee  kinds: set of ui_status }`);
    expect(declarationKinds(ast.declarations)).toEqual(["enum ui_status", "record trainee", "record person"]);
    const [statuses, trainee, person] = ast.declarations;
    expect(statuses?.kind === "enum" && statuses.members.map((member) => [member.name.name, member.label?.value])).toEqual([
      ["receiving", "正在领取"],
      ["expired", undefined],
      ["not_qualified", "不符合"],
    ]);
    expect(trainee?.kind === "record" && trainee.fields[0]).toMatchObject({ name: { name: "months" }, type: { kind: "primitive", name: "months" } });
    expect(person?.kind === "record" && person.entity).toBe(true);
    expect(person?.kind === "record" && person.fields.map((field) => field.type.kind)).toEqual(["optional", "list", "set"]);
  });

  it("reads parameters with dated values, sources and notes", () => {
    const [parameter] = parseClean(`parameter rate: percent "比例" {
      unit "%"
      value 80% from 2021-10-20 until 2022-12-31 source §4¶2 "按照80%确定" note "n"
      value -1.5 from 2023-01-01 source "another document"
      value {a, b} from 2024-01-01 source "x"
      value size.large from 2025-01-01 source "x"
      value absent from 2026-01-01 source "x"
    }`).declarations;
    if (parameter?.kind !== "parameter") throw new Error("expected a parameter");
    expect(parameter.unit?.value).toBe("%");
    expect(parameter.values.map((value) => sExpression(value.value))).toEqual(["80%", "(- 1.5)", "{a b}", "(. size large)", "absent"]);
    const [first, second] = parameter.values;
    expect(first).toMatchObject({ from: { text: "2021-10-20" }, until: { text: "2022-12-31" }, note: { value: "n" } });
    expect(first?.source).toMatchObject({ kind: "clause", citation: { clause: { measure: 4, paragraph: 2 }, quote: { value: "按照80%确定" } } });
    expect(second?.source).toMatchObject({ kind: "document", text: { value: "another document" } });
  });

  it("reads a measure's citation, window, definitions and sentences not computed", () => {
    const measure = measureOf(
      parseClean(`measure m4 "确保…" {
        cites §4 "确保失业保险待遇及时足额发放"
        in force from epidemic_period_start until epidemic_period_end
        let subsidisable(t: trainee, p: person): bool = t.ok cites §3 "a" note "b" in force from 2021-10-01
        output y: money { rule general = 1 yuan cites §4 "c"  exception special to general when z = 2 yuan cites §4 "d" }
        not computable §4 "各县区…不得以任何理由" because "对县区的工作要求"
      }`),
    );
    expect(measure).toMatchObject({ title: { value: "确保…" }, citation: { clause: { measure: 4 } } });
    expect(measure.window?.from && sExpression(measure.window.from)).toBe("epidemic_period_start");
    const [letItem, outputItem, notComputable] = measure.items;
    expect(letItem).toMatchObject({ kind: "definition", visibility: "let", name: { name: "subsidisable" } });
    expect(letItem?.kind === "definition" && letItem.parameters.map((parameter) => parameter.name.name)).toEqual(["t", "p"]);
    expect(letItem?.kind === "definition" && casesOf(letItem)[0]).toMatchObject({ kind: "simple", note: { value: "b" }, window: { from: { kind: "date" } } });
    expect(outputItem?.kind === "definition" && casesOf(outputItem).map((rule) => [rule.kind, rule.label?.name, rule.overrides?.name])).toEqual([
      ["rule", "general", undefined],
      ["exception", "special", "general"],
    ]);
    expect(notComputable).toMatchObject({ kind: "not_computable", reason: { value: "对县区的工作要求" } });
  });

  it("unescapes texts", () => {
    const [enumeration] = parseClean('enum e "a \\"b\\" \\\\ c\\nd" { x }').declarations;
    expect(enumeration?.kind === "enum" && enumeration.label?.value).toBe('a "b" \\ c\nd');
  });

  it("keeps comments in order, without trailing spaces", () => {
    const ast = parseClean("# first  \nenum e { a # second\n}\n# third");
    expect(ast.comments?.map((comment) => [comment.text, comment.span.line])).toEqual([
      ["# first", 1],
      ["# second", 2],
      ["# third", 4],
    ]);
  });

  it("reads an empty file as no declarations", () => {
    expect(parseClean("").declarations).toEqual([]);
    expect(parseClean("  # only a comment\n").declarations).toEqual([]);
  });
});

describe("spans", () => {
  const text = 'measure m {\n  let 额 = 1\n}\nmeasure m2 {\n  output x: money = 500 元 + y cites §1 "引文"\n}';

  it("are 1-based, end-exclusive, in UTF-16 units, on every node", () => {
    const measure = parseFile("s.tiao", text).ast.declarations.find((declaration) => declaration.name.name === "m2");
    if (measure?.kind !== "measure") throw new Error("expected measure m2");
    const definition = measure.items[0];
    if (definition?.kind !== "definition" || definition.body.kind !== "simple") throw new Error("expected a simple definition");
    const value = definition.body.rule.value;
    expect(measure.span).toMatchObject({ file: "s.tiao", line: 4, column: 1, endLine: 6, endColumn: 2 });
    expect(definition.name.span).toMatchObject({ line: 5, column: 10, endLine: 5, endColumn: 11 });
    expect(value.span).toMatchObject({ line: 5, column: 21, endColumn: 30 });
    expect(text.slice(value.span.start, value.span.end)).toBe("500 元 + y");
    expect(value.kind === "binary" && text.slice(value.left.span.start, value.left.span.end)).toBe("500 元");
    const citation = definition.body.rule.citation;
    expect(citation && text.slice(citation.span.start, citation.span.end)).toBe('§1 "引文"');
  });
});

describe("reading a file one declaration at a time", () => {
  it("goes on after a broken declaration", () => {
    const result = parseFile("t.tiao", 'measure broken {\n  let x: = 1\n\nenum kept { a }\nmeasure also_kept { }');
    expect(declarationKinds(result.ast.declarations)).toEqual(["measure broken", "enum kept", "measure also_kept"]);
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });

  it("does not cut at a field named like a declaration keyword", () => {
    const ast = parseClean("record r {\nmeasure: bool\n}\nmeasure m { let x: bool = r.measure cites §1 \"x\" }");
    expect(declarationKinds(ast.declarations)).toEqual(["record r", "measure m"]);
  });

  it("skips text that no declaration can start, with one diagnostic", () => {
    const result = parseFile("t.tiao", "stray words here 1 2 3\nenum e { a }");
    expect(declarationKinds(result.ast.declarations)).toEqual(["enum e"]);
    expect(result.diagnostics.map((diagnostic) => diagnostic.code)).toEqual(["T0107"]);
  });
});
