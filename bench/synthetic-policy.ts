/**
 * Synthetic but valid policies of any size, for timing the compiler on large inputs: a
 * header, facts and dated parameters, then as many measures as the size asks for, each
 * with the constructs of a real one (a window, lets and outputs, money × percent rounded,
 * the month rule, a match, a list aggregate, a rule with an exception, citations, notes).
 * The text is split into files of about a thousand lines, as a large policy would be.
 */
import type { Source } from "../compiler/compile.js";

const HEADER = `policy synthetic {
  title    "合成政策"
  document "基准〔2021〕1号"
  issuer   "基准测试"
  issued   2021-11-05
  version  "1.0.0"
}

enum grade "等级" {
  low    "低"
  medium "中"
  high   "高"
}

record item "明细" {
  grade: grade "等级"
  amount: money "金额"
  months: months "月数"
}

entity subject "对象" {
  eligible: bool "符合条件"
  insured: bool "参保"
  months: months "月数"
  amount: money "金额"
  start: date "起始日"
  grade: grade "等级"
  items: list of item "明细"
}

parameter period_start: date "起始日" {
  value 2021-10-20 from 2021-01-01 source §1 "起始日"
}

parameter period_end: optional date "终止日" {
  value absent from 2021-01-01 source §1 "终止日"
}
`;

function parameters(index: number): string {
  return `
parameter rate_${index}: percent "比例${index}" {
  unit "百分比"
  value ${(index % 9) + 1}0% from 2021-01-01 source §1 "比例"
    note "起始"
  value ${(index % 7) + 2}5% from 2022-07-01 source §1 "比例调整"
}
`;
}

/** One measure: 46 lines. */
function measure(index: number): string {
  const p = `rate_${index % 16}`;
  return `
measure s${index} "合成措施${index}" {
  cites §1 "措施"
  in force from period_start until period_end

  let qualifies: bool
    = subject.eligible and subject.insured and subject.months >= ${(index % 12) + 1} months
    cites §1 "符合条件"
    note "“以上”含本数"

  let counted(i: item): bool
    = i.grade != low and i.months >= 3 months
    cites §1 "明细"

  output amount: money
    = if qualifies then round(subject.amount * ${p}) else 0 yuan
    cites §1 "金额"

  output items_total: money
    = sum(i.amount for i in subject.items where counted(i))
    cites §1 "合计"

  output term_end: optional date
    = if qualifies then last_day_of_term(subject.start, ${(index % 6) + 1} months) else absent
    cites §1 "期限"

  output level: grade
    = match subject.grade {
        low => medium
        medium, high => high
      }
    cites §1 "等级"

  output granted: bool {
    rule general
      = qualifies
      cites §1 "一般规定"
    exception short to general
      when subject.months < 3 months
      = false
      cites §1 "特别规定"
      note "特别规定优先"
  }
}
`;
}

const LINES_PER_FILE = 1000;

/** A policy of about `lines` lines (never fewer), in files of about a thousand lines. */
export function syntheticPolicy(lines: number): { readonly sources: Source[]; readonly lines: number } {
  const blocks = [HEADER];
  for (let i = 0; i < 16; i++) blocks.push(parameters(i));
  let count = blocks.join("").split("\n").length;
  for (let i = 0; count < lines; i++) {
    const block = measure(i);
    blocks.push(block);
    count += block.split("\n").length - 1;
  }
  const sources: Source[] = [];
  let text = "";
  for (const block of blocks) {
    text += block;
    if (text.split("\n").length >= LINES_PER_FILE) {
      sources.push({ path: `synthetic/part-${String(sources.length + 1).padStart(3, "0")}.tiao`, text });
      text = "";
    }
  }
  if (text !== "") sources.push({ path: `synthetic/part-${String(sources.length + 1).padStart(3, "0")}.tiao`, text });
  return { sources, lines: sources.reduce((total, source) => total + source.text.split("\n").length - 1, 0) };
}
