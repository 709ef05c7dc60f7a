/**
 * What a drafter sees for common mistakes: the exact text of the diagnostics, as the CLI
 * prints them. A change here is a change to the product: review it as such.
 */
import { describe, expect, it } from "vitest";
import { renderDiagnostics } from "../../compiler/diagnostics/render.js";
import { parseFile } from "../../compiler/parse.js";

function rendered(text: string): string {
  const { diagnostics } = parseFile("policy.tiao", text);
  return renderDiagnostics(diagnostics, new Map([["policy.tiao", text]]));
}

const cases: readonly { name: string; text: string; expected: string }[] = [
  {
    name: "an unexpected character",
    text: `measure m4 {
  let x: bool = person.age @ 30 cites §4 "x"
}
`,
    expected: `error[T0101]: unexpected character \`@\`
 --> policy.tiao:2:28
  |
2 |   let x: bool = person.age @ 30 cites §4 "x"
  |                            ^
  = help: remove it`,
  },
  {
    name: "a text without its closing quote",
    text: `enum ui_status {
  receiving "正在领取
  expired
}
`,
    expected: `error[T0102]: this text has no closing quote
 --> policy.tiao:2:13
  |
2 |   receiving "正在领取
  |             ^^^^^^^^^
  = help: end the text with \`"\` on the same line`,
  },
  {
    name: "a definition without `=` or `{` after its type",
    text: `measure m2 {
  output refund: money
    cites §2 "对符合条件的大型企业、中小微企业分别按30%和60%的标准顶格返还"
}
`,
    expected: `error[T0107]: expected \`=\` or \`{\` after the type of \`refund\`, found \`cites\`
 --> policy.tiao:3:5
  |
3 |     cites §2 "对符合条件的大型企业、中小微企业分别按30%和60%的标准顶格返还"
  |     ^^^^^
  = help: write \`= value cites §N "…"\` for one value, or \`{ rule … }\` for rules and exceptions`,
  },
  {
    name: "a definition without `cites`",
    text: `measure m4 {
  output unemployment_subsidy_monthly: money
    = round(ui_benefit_standard * 80%)
}
`,
    expected: `error[T0109]: \`unemployment_subsidy_monthly\` has no \`cites\`
 --> policy.tiao:2:10
  |
2 |   output unemployment_subsidy_monthly: money
  |          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: add the clause and the words it encodes after the value, such as \`cites §2 "…"\``,
  },
  {
    name: "a reserved word as a name",
    text: `record trainee {
  months: months
}

measure m3 {
  let months: months = sum(t.months for t in enterprise.trainees) cites §3 "补贴期限为3个月"
}
`,
    expected: `error[T0108]: \`months\` is a reserved word
 --> policy.tiao:6:7
  |
6 |   let months: months = sum(t.months for t in enterprise.trainees) cites §3 "补贴期限为3个月"
  |       ^^^^^^
  = help: choose another name such as \`months_used\``,
  },
  {
    name: "full-width punctuation and curly quotes",
    text: `measure m4 {
  let x: bool = person.ui_status in {expired，not_qualified}
    cites §4 “对领取失业保险金期满仍未就业的失业人员”
}
`,
    expected: `error[T0101]: \`，\` is a full-width character
 --> policy.tiao:2:45
  |
2 |   let x: bool = person.ui_status in {expired，not_qualified}
  |                                             ^^
  = help: write the ASCII \`,\` instead

error[T0104]: text in curly quotes “…”
 --> policy.tiao:3:14
  |
3 |     cites §4 “对领取失业保险金期满仍未就业的失业人员”
  |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  = help: write straight quotes \`"…"\` around a text`,
  },
  {
    name: "a measure left open before the next one",
    text: `measure m1 {
  let a: bool = true cites §1 "x"

measure m2 {
  let b: bool = true cites §2 "y"
}
`,
    expected: `error[T0107]: expected \`let\`, \`output\`, \`not computable\` or a closing brace \`}\` in measure \`m1\`, found \`measure\`
 --> policy.tiao:4:1
  |
4 | measure m2 {
  | ^^^^^^^
  = help: the declaration before this one is not finished: look for a missing closing brace \`}\``,
  },
  {
    name: "a file that ends inside a measure",
    text: `measure m1 {
  output term_months: integer
    = min(placement.requested_months, 6)
    cites §1 "聘用期限最长不超过6个月"
`,
    expected: `error[T0107]: expected \`let\`, \`output\`, \`not computable\` or a closing brace \`}\` in measure \`m1\`, found the end of the file
 --> policy.tiao:4:28
  |
4 |     cites §1 "聘用期限最长不超过6个月"
  |                                       ^
  = help: the file ends too early: look for a missing closing brace \`}\` or an unfinished line`,
  },
  {
    name: "a malformed date and an unknown escape",
    text: `parameter p: money {
  value 500 yuan from 2021-10-1
    source "甘肃省\\t文件"
}
`,
    expected: `error[T0105]: \`2021-10-1\` is not a date written YYYY-MM-DD
 --> policy.tiao:2:23
  |
2 |   value 500 yuan from 2021-10-1
  |                       ^^^^^^^^^
  = help: write the year with four digits and the month and day with two, such as \`2021-01-05\`

error[T0103]: unknown escape \`\\t\` in a text
 --> policy.tiao:3:16
  |
3 |     source "甘肃省\\t文件"
  |                   ^^
  = help: the escapes are \`\\"\`, \`\\\\\` and \`\\n\`: write \`\\\\\` for a backslash`,
  },
  {
    name: "chained comparisons",
    text: `measure m9 {
  output within: bool = 1 day < person.delay < 30 days cites §9 "x"
}
`,
    expected: `error[T0107]: comparisons do not chain
 --> policy.tiao:2:46
  |
2 |   output within: bool = 1 day < person.delay < 30 days cites §9 "x"
  |                                              ^
  = help: join two comparisons with \`and\`, such as \`a < b and b < c\``,
  },
  {
    name: "an `if` without `else`",
    text: `measure m4 {
  output monthly: money
    = if eligible then 500 yuan
    cites §4 "按月发放"
}
`,
    expected: `error[T0107]: expected \`else\` in the definition of \`monthly\`, found \`cites\`
 --> policy.tiao:4:5
  |
4 |     cites §4 "按月发放"
  |     ^^^^^
  = help: an \`if\` has both branches: \`if c then a else b\``,
  },
  {
    name: "a rule without a label",
    text: `measure m2 {
  output rate: percent {
    rule when enterprise.size = large = 30% cites §2 "大型企业"
  }
}
`,
    expected: `error[T0107]: expected a label such as \`general\` in the definition of \`rate\`, found \`when\`
 --> policy.tiao:3:10
  |
3 |     rule when enterprise.size = large = 30% cites §2 "大型企业"
  |          ^^^^
  = help: every rule and exception has a label: \`rule general when … = …\``,
  },
  {
    name: "a Chinese name",
    text: `entity person "个人" {
  参保月数: months
}
`,
    expected: `error[T0101]: \`参保月数\` is Chinese text outside quotes
 --> policy.tiao:2:3
  |
2 |   参保月数: months
  |   ^^^^^^^^
  = help: put Chinese in quotes \`"…"\` or after \`#\` as a comment; names are written with ASCII letters, digits and \`_\``,
  },
];

describe("syntax errors as a drafter reads them", () => {
  for (const { name, text, expected } of cases) {
    it(name, () => {
      expect(rendered(text)).toBe(expected);
    });
  }
});
