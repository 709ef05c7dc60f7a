/**
 * A small policy in the shape of the notice's §4, built by hand: a general rule with an
 * exception, a let, money × percent rounded, a dated parameter and a measure window.
 * Shared by the interpreter, explanation and emitter tests.
 */
import type { ProgramIR } from "../../compiler/ir.js";
import {
  cases,
  cites,
  e,
  entityDecl,
  enumDecl,
  exception,
  field,
  measure,
  parameter,
  program,
  rule,
  simple,
  t,
  value,
  window,
} from "../support/ir-builders.js";

const status = t.enum("ui_status");

export const m4Policy: ProgramIR = program({
  enums: [enumDecl("ui_status", ["receiving", "expired", "not_qualified"], "失业保险金领取状态")],
  records: [
    entityDecl(
      "person",
      [
        field("unemployed", t.bool, "已登记失业"),
        field("insured", t.bool),
        field("insured_months", t.months, "参保月数"),
        field("ui_status", status),
        field("migrant_worker", t.bool, "农民工"),
        field("subsidy_months_received", t.months),
      ],
      "个人",
    ),
  ],
  parameters: [
    parameter("epidemic_period_start", t.date, [value("2021-10-20", "2021-01-01")]),
    parameter("epidemic_period_end", t.optional(t.date), [value(null, "2021-01-01")]),
    parameter(
      "ui_benefit_standard",
      t.money,
      [
        value("1458.00", "2020-02-01", { source: "甘肃日报 2022-07-20 所载调整前标准", note: "起始日期不详" }),
        value("1638.00", "2022-07-01", { source: "甘肃省人社厅、财政厅《关于调整提高失业保险金发放标准的通知》" }),
      ],
      "兰州市失业保险金标准（一类区）",
    ),
    parameter("unemployment_subsidy_rate", t.percent, [value("80", "2021-10-20")]),
  ],
  measures: [
    measure(
      "m4",
      [
        simple(
          "short_insured_migrant",
          t.bool,
          e.and(e.fact("person", "migrant_worker", t.bool), e.compare("<", e.fact("person", "insured_months", t.months), e.months(12))),
          { visibility: "let", cites: cites("§4", "对参保不满1年的失业农民工"), note: "“不满”不含本数" },
        ),
        cases("unemployment_subsidy_eligible", t.bool, [
          rule(
            "general",
            e.and(
              e.and(e.fact("person", "unemployed", t.bool), e.fact("person", "insured", t.bool)),
              e.in(e.fact("person", "ui_status", status), e.members("ui_status", ["expired", "not_qualified"])),
            ),
            {
              cites: cites("§4", "对领取失业保险金期满仍未就业的失业人员、不符合领取失业保险金条件的参保失业人员按月发放不超过6个月的失业补助金"),
              exceptions: [
                exception("migrant", e.bool(false), {
                  when: e.definition("short_insured_migrant", t.bool),
                  cites: cites("§4", "对参保不满1年的失业农民工，参照兰州市城市低保标准，按月发放3个月的临时生活补助"),
                  note: "特别规定优先于一般规定",
                }),
              ],
            },
          ),
        ]),
        simple(
          "unemployment_subsidy_monthly",
          t.money,
          e.if(
            e.definition("unemployment_subsidy_eligible", t.bool),
            e.round(e.arithmetic("money_mul_percent", e.parameter("ui_benefit_standard", t.money), e.parameter("unemployment_subsidy_rate", t.percent), t.unrounded)),
            e.money("0.00"),
          ),
          { cites: cites("§4", "失业补助金标准按照兰州市失业保险金的80%确定") },
        ),
        simple(
          "unemployment_subsidy_months",
          t.months,
          e.if(
            e.definition("unemployment_subsidy_eligible", t.bool),
            e.max(e.months(0), e.arithmetic("months_sub", e.months(6), e.fact("person", "subsidy_months_received", t.months), t.months)),
            e.months(0),
          ),
          { cites: cites("§4", "按月发放不超过6个月的失业补助金") },
        ),
      ],
      {
        title: "确保失业保险待遇及时足额发放",
        cites: cites("§4", "确保失业保险待遇及时足额发放"),
        window: window(e.parameter("epidemic_period_start", t.date), e.parameter("epidemic_period_end", t.optional(t.date))),
      },
    ),
  ],
});

export const eligiblePerson = {
  unemployed: true,
  insured: true,
  insured_months: 30,
  ui_status: "expired",
  migrant_worker: false,
  subsidy_months_received: 2,
};
