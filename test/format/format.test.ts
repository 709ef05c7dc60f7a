import { describe, expect, it } from "vitest";
import type { Expr, PolicyFile, SourceSpan } from "../../compiler/ast.js";
import { formatPolicy } from "../../compiler/format/format.js";
import { parseFile } from "../../compiler/parse.js";

function format(text: string): string {
  const { ast, diagnostics } = parseFile("format.tiao", text);
  expect(diagnostics).toEqual([]);
  return formatPolicy(ast);
}

function lines(...content: string[]): string {
  return `${content.join("\n")}\n`;
}

describe("the canonical form", () => {
  it("puts each part of a declaration on its own line, aligned and indented by two", () => {
    const text = `policy demo { title "示例" issued 2021-11-05 version "1.0.0" }
enum size "规模" { large "大型" medium "中型" micro }
record trainee { months: months "月数" target_group: optional target_group }
entity enterprise { trainees: list of trainee  sizes: set of size }
parameter rate: percent "比例" { unit "%" value 60% from 2021-10-20 source §2¶1 "按60%" note "n" value -1.5 from 2022-01-01 until 2022-12-31 source "另一文件" }`;
    expect(format(text)).toBe(
      lines(
        "policy demo {",
        '  title    "示例"',
        "  issued   2021-11-05",
        '  version  "1.0.0"',
        "}",
        "",
        'enum size "规模" {',
        '  large  "大型"',
        '  medium "中型"',
        "  micro",
        "}",
        "",
        "record trainee {",
        '  months: months "月数"',
        "  target_group: optional target_group",
        "}",
        "",
        "entity enterprise {",
        "  trainees: list of trainee",
        "  sizes: set of size",
        "}",
        "",
        'parameter rate: percent "比例" {',
        '  unit "%"',
        "  value 60% from 2021-10-20",
        '    source §2¶1 "按60%"',
        '    note "n"',
        "  value -1.5 from 2022-01-01 until 2022-12-31",
        '    source "另一文件"',
        "}",
      ),
    );
  });

  it("writes measures with a blank line between items, rules one part per line, units in words", () => {
    const text = `measure m2 "稳岗返还" { cites §2 "稳岗返还" in force from start until end
  let refund(t: trainee): money = if eligible then round(enterprise.premiums * rate) else 0元 cites §2 "顶格返还" in force from 2021-10-20
  output rate: percent = match enterprise.size { large => 30% medium, micro => 60% else => 0% } cites §2 "分别按30%和60%"
  output x: bool { rule general when a = b = 3个月 > 1 天 cites §2 "x" exception special to general when c = false cites §2 "y" note "特别" }
  not computable §2 "不来即享" because "办理方式"
  not computable §2 "一对一" because "工作要求" }
measure empty {}`;
    expect(format(text)).toBe(
      lines(
        'measure m2 "稳岗返还" {',
        '  cites §2 "稳岗返还"',
        "  in force from start until end",
        "",
        "  let refund(t: trainee): money",
        "    = if eligible then round(enterprise.premiums * rate) else 0 yuan",
        '    cites §2 "顶格返还"',
        "    in force from 2021-10-20",
        "",
        "  output rate: percent",
        "    = match enterprise.size {",
        "        large => 30%",
        "        medium, micro => 60%",
        "        else => 0%",
        "      }",
        '    cites §2 "分别按30%和60%"',
        "",
        "  output x: bool {",
        "    rule general",
        "      when a = b",
        "      = 3 months > 1 day",
        '      cites §2 "x"',
        "    exception special to general",
        "      when c",
        "      = false",
        '      cites §2 "y"',
        '      note "特别"',
        "  }",
        "",
        '  not computable §2 "不来即享"',
        '    because "办理方式"',
        '  not computable §2 "一对一"',
        '    because "工作要求"',
        "}",
        "",
        "measure empty {}",
      ),
    );
  });

  it("writes texts between straight quotes with their escapes", () => {
    expect(format('enum e "弯引号" { a "say \\"hi\\"\\\\\\n" }')).toBe(
      lines('enum e "弯引号" {', '  a "say \\"hi\\"\\\\\\n"', "}"),
    );
  });

  it("formats nothing as nothing", () => {
    expect(format("")).toBe("");
  });
});

describe("long expressions", () => {
  const measure = (value: string) => format(`measure m { let x: bool = ${value} cites §1 "x" }`);

  it("break at `and` and `or`, the operator first, inside parentheses under the first operand", () => {
    expect(
      measure(
        "enterprise.size in {medium, small, micro} and (declined(enterprise.indicators.electricity) or declined(enterprise.indicators.revenue) or declined(enterprise.indicators.energy))",
      ),
    ).toBe(
      lines(
        "measure m {",
        "  let x: bool",
        "    = enterprise.size in {medium, small, micro}",
        "      and (declined(enterprise.indicators.electricity)",
        "           or declined(enterprise.indicators.revenue)",
        "           or declined(enterprise.indicators.energy))",
        '    cites §1 "x"',
        "}",
      ),
    );
  });

  it("break `else if` chains one branch per line", () => {
    expect(
      measure(
        "if not platform_approved then use_approved_platform else if not training.includes_epidemic_knowledge then add_knowledge else claim_subsidy",
      ),
    ).toBe(
      lines(
        "measure m {",
        "  let x: bool",
        "    = if not platform_approved then use_approved_platform",
        "      else if not training.includes_epidemic_knowledge then add_knowledge",
        "      else claim_subsidy",
        '    cites §1 "x"',
        "}",
      ),
    );
  });

  it("fill sets line by line, under their first member", () => {
    expect(
      measure(
        "service.item in {employment_registration, unemployment_registration, employment_entrepreneurship_certificate, enterprise_social_insurance_account}",
      ),
    ).toBe(
      lines(
        "measure m {",
        "  let x: bool",
        "    = service.item in {employment_registration, unemployment_registration,",
        "                       employment_entrepreneurship_certificate, enterprise_social_insurance_account}",
        '    cites §1 "x"',
        "}",
      ),
    );
  });
});

describe("long aggregates", () => {
  const measure = (value: string) => format(`measure m { let x: money = ${value} cites §1 "x" }`);

  it("break before `for` when the value and the list do not fit on one line, with or without `where`", () => {
    const value = "round(member.monthly_salary_before_deductions * household_parameters.contribution_rate)";
    expect(measure(`sum(${value} for member in household.members)`)).toBe(
      lines(
        "measure m {",
        "  let x: money",
        `    = sum(${value}`,
        "          for member in household.members)",
        '    cites §1 "x"',
        "}",
      ),
    );
    expect(measure(`sum(${value} for member in household.members where member.age > 18)`)).toBe(
      lines(
        "measure m {",
        "  let x: money",
        `    = sum(${value}`,
        "          for member in household.members",
        "          where member.age > 18)",
        '    cites §1 "x"',
        "}",
      ),
    );
  });

  it("break a long value or list inside, under the aggregate's first part", () => {
    expect(
      measure(
        "max(member.monthly_salary_before_deductions + member.monthly_capital_returns_before_taxes + member.pension_paid for member in household.members)",
      ),
    ).toBe(
      lines(
        "measure m {",
        "  let x: money",
        "    = max(member.monthly_salary_before_deductions",
        "          + member.monthly_capital_returns_before_taxes",
        "          + member.pension_paid",
        "          for member in household.members)",
        '    cites §1 "x"',
        "}",
      ),
    );
    expect(
      measure(
        "count(member in combined_members_of_the_household_and_the_relatives(household.members_living_in_the_accommodation, household.relatives))",
      ),
    ).toBe(
      lines(
        "measure m {",
        "  let x: money",
        "    = count(member in combined_members_of_the_household_and_the_relatives(household.members_living_in_the_accommodation,",
        "                                                                          household.relatives))",
        '    cites §1 "x"',
        "}",
      ),
    );
  });

  it("stay on one line when they fit, and format once", () => {
    expect(measure("sum(p.salary for p in household.members)")).toBe(lines("measure m {", "  let x: money", "    = sum(p.salary for p in household.members)", '    cites §1 "x"', "}"));
    const broken = measure(`sum(${"p.salary + ".repeat(8)}p.rent for p in household.members)`);
    expect(format(broken)).toBe(broken);
  });
});

describe("comments", () => {
  it("stay at the end of their line, or on their own line before what followed them", () => {
    const text = `# about the file

# about m
measure m { # opening
  let a: bool = x   # after the value
    cites §1 "a"
  # before b

  let b: bool = y
    and z # inside the expression
    cites §1 "b"
  # at the end of the measure
} # closing
# last`;
    expect(format(text)).toBe(
      lines(
        "# about the file",
        "",
        "# about m",
        "measure m {  # opening",
        "  let a: bool",
        "    = x  # after the value",
        '    cites §1 "a"',
        "",
        "  # before b",
        "",
        "  let b: bool",
        "    = y and z",
        "    # inside the expression",
        '    cites §1 "b"',
        "  # at the end of the measure",
        "}  # closing",
        "# last",
      ),
    );
  });

  it("are kept by formatting again", () => {
    const text = 'measure m {\n  # one\n  # two\n\n  # three\n  let a: bool = x cites §1 "a" # four\n}\n# five';
    const once = format(text);
    expect(format(once)).toBe(once);
    expect(once.match(/#/g)).toHaveLength(5);
  });
});

describe("parentheses", () => {
  const span: SourceSpan = { file: "built.tiao", line: 1, column: 1, endLine: 1, endColumn: 1, start: 0, end: 0 };
  const name = (text: string): Expr => ({ kind: "name", name: { name: text, span }, span });
  const binary = (operator: "+" | "*" | "=" | "and", left: Expr, right: Expr): Expr => ({ kind: "binary", operator, left, right, span });

  function built(value: Expr, condition?: Expr): PolicyFile {
    const rule = {
      kind: "rule" as const,
      label: { name: "r", span },
      ...(condition === undefined ? {} : { condition }),
      value,
      citation: { clause: { text: "§1", measure: 1, span }, quote: { value: "q", span }, span },
      span,
    };
    return {
      file: "built.tiao",
      declarations: [
        {
          kind: "measure",
          name: { name: "m", span },
          items: [
            {
              kind: "definition",
              visibility: "output",
              name: { name: "x", span },
              parameters: [],
              type: { kind: "primitive", name: "bool", span },
              body: { kind: "cases", cases: [rule], span },
              span,
            },
          ],
          span,
        },
      ],
    };
  }

  /** The value and condition lines of the one rule. */
  function ruleLines(ast: PolicyFile): string[] {
    return formatPolicy(ast)
      .split("\n")
      .filter((line) => /^\s+(when|=) /.test(line))
      .map((line) => line.trim());
  }

  it("are added where a tree built by a program needs them", () => {
    expect(ruleLines(built(binary("*", binary("+", name("a"), name("b")), name("c"))))).toEqual(["= (a + b) * c"]);
    expect(ruleLines(built(binary("+", name("a"), binary("+", name("b"), name("c")))))).toEqual(["= a + (b + c)"]);
    expect(ruleLines(built(binary("=", binary("=", name("a"), name("b")), name("c"))))).toEqual(["= (a = b) = c"]);
    expect(ruleLines(built({ kind: "unary", operator: "-", operand: { kind: "unary", operator: "not", operand: name("a"), span }, span }))).toEqual([
      "= -(not a)",
    ]);
    expect(ruleLines(built(binary("and", { kind: "if", condition: name("a"), then: name("b"), else: name("c"), span }, name("d"))))).toEqual([
      "= (if a then b else c) and d",
    ]);
  });

  it("are added around a value with `=` after a `when` condition", () => {
    expect(ruleLines(built(binary("=", name("a"), name("b")), name("c")))).toEqual(["when c", "= (a = b)"]);
    const withParentheses = parseFile("built.tiao", formatPolicy(built(binary("=", name("a"), name("b")), name("c"))));
    expect(withParentheses.diagnostics).toEqual([]);
  });

  it("are added around a `match` subject holding a set, whose `{` would be read as the arms' after a `when`", () => {
    const set: Expr = { kind: "set", elements: [], span };
    const subject: Expr = { kind: "if", condition: name("a"), then: binary("=", set, name("b")), else: name("c"), span };
    const value: Expr = { kind: "unary", operator: "not", operand: { kind: "match", subject, arms: [], span }, span };
    expect(ruleLines(built(value, name("d")))).toEqual(["when d", "= not match (if a then {} = b else c) {}"]);
    expect(parseFile("built.tiao", formatPolicy(built(value, name("d")))).diagnostics).toEqual([]);
    expect(ruleLines(built({ kind: "match", subject: name("a"), arms: [], span }, name("d")))).toEqual(["when d", "= match a {}"]);
  });

  it("are not added where the tree does not need them", () => {
    expect(ruleLines(built(binary("+", binary("*", name("a"), name("b")), name("c"))))).toEqual(["= a * b + c"]);
    expect(ruleLines(built(binary("=", name("a"), name("b")), binary("=", name("c"), name("d"))))).toEqual(["when c = d", "= (a = b)"]);
  });
});

describe("numbers as written", () => {
  it("keeps a clause number beyond the exact integers of a double, so that the result still parses", () => {
    const text = lines(
      "measure m1 {",
      '  output amount: bool = true cites §199999999999999999999999¶123456789012345678901 "Q"',
      "}",
    );
    const formatted = format(text);
    expect(formatted).toContain('cites §199999999999999999999999¶123456789012345678901 "Q"');
    expect(format(formatted)).toBe(formatted);
  });
});
