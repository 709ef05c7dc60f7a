/**
 * A small policy in the shape of the notice's §4, compiled from tiao text: a general rule
 * with an exception, a let, money × percent rounded, dated parameters and a measure window.
 * Shared by the interpreter, explanation and emitter tests.
 */
import { compile } from "../../compiler/compile.js";
import type { ProgramIR } from "../../compiler/ir.js";

export const m4Text = `policy test_policy {
  title    "测试政策"
  document "测试〔2021〕1号"
  issuer   "测试局"
  issued   2021-11-05
  version  "1.0.0"
}

enum ui_status "失业保险金领取状态" {
  receiving     "正在领取失业保险金"
  expired       "领取期满仍未就业"
  not_qualified "不符合领取条件"
}

entity person "个人" {
  unemployed: bool "已登记失业"
  insured: bool
  insured_months: months "参保月数"
  ui_status: ui_status
  migrant_worker: bool "农民工"
  subsidy_months_received: months
}

parameter epidemic_period_start: date {
  value 2021-10-20 from 0001-01-01 source §1 "疫情期间是指2021年10月20日以后"
}

parameter epidemic_period_end: optional date {
  value absent from 0001-01-01 source §1 "疫情期间是指2021年10月20日以后"
}

parameter ui_benefit_standard: money "兰州市失业保险金标准（一类区）" {
  unit "元/月"
  value 1458.00 yuan from 2020-02-01
    source "甘肃日报 2022-07-20 所载调整前标准"
    note "起始日期不详"
  value 1638.00 yuan from 2022-07-01
    source "甘肃省人社厅、财政厅《关于调整提高失业保险金发放标准的通知》"
}

parameter unemployment_subsidy_rate: percent {
  value 80% from 2021-10-20 source §4 "失业补助金标准按照兰州市失业保险金的80%确定"
}

measure m4 "确保失业保险待遇及时足额发放" {
  cites §4 "确保失业保险待遇及时足额发放"
  in force from epidemic_period_start until epidemic_period_end

  let short_insured_migrant: bool
    = person.migrant_worker and person.insured_months < 12 months
    cites §4 "对参保不满1年的失业农民工"
    note "“不满”不含本数"

  output unemployment_subsidy_eligible: bool {
    rule general
      = person.unemployed and person.insured and person.ui_status in {expired, not_qualified}
      cites §4 "对领取失业保险金期满仍未就业的失业人员、不符合领取失业保险金条件的参保失业人员按月发放不超过6个月的失业补助金"
    exception migrant to general
      when short_insured_migrant
      = false
      cites §4 "对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助"
      note "特别规定优先于一般规定"
  }

  output unemployment_subsidy_monthly: money
    = if unemployment_subsidy_eligible then round(ui_benefit_standard * unemployment_subsidy_rate) else 0 yuan
    cites §4 "失业补助金标准按照兰州市失业保险金的80%确定"

  output unemployment_subsidy_months: months
    = if unemployment_subsidy_eligible then max(0 months, 6 months - person.subsidy_months_received) else 0 months
    cites §4 "按月发放不超过6个月的失业补助金"
}
`;

/** Compiles policy text that must have no error. */
export function compileText(text: string, path = "test.tiao"): ProgramIR {
  const { program, diagnostics } = compile([{ path, text }]);
  if (program === undefined) {
    throw new Error(diagnostics.map((d) => `${d.span.file}:${d.span.line}:${d.span.column}: ${d.message}`).join("\n"));
  }
  return program;
}

export const m4Policy: ProgramIR = compileText(m4Text, "m4.tiao");

export const eligiblePerson = {
  unemployed: true,
  insured: true,
  insured_months: 30,
  ui_status: "expired",
  migrant_worker: false,
  subsidy_months_received: 2,
};
