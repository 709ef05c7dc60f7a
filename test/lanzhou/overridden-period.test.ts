/**
 * The notice's own figures hold whenever their measure is in force, whatever epidemic period
 * a scenario sets: overriding `epidemic_period_start` or `_end`, earlier or later, moves the
 * measures' windows and never leaves a measure in force without its figures (an evaluation
 * error, `run`'s exit 3). Checked on every measure, on every day around the period's bounds.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../bin/load-program.js";
import { readPolicy } from "../../bin/policy-files.js";
import { evaluate } from "../../compiler/interpret.js";
import type { ProgramIR } from "../../compiler/ir.js";
import { addDays, formatDate, parseDate, type CalendarDate } from "../../runtime/dates.js";
import { readScenario } from "../../runtime/scenario.js";
import { repositoryRoot } from "../emit/compiled.js";

const folder = join(repositoryRoot, "policies", "lanzhou-2021-289");
const compiled = await compilePolicy(readPolicy(folder));
if (compiled.program === undefined) throw new Error("the Lanzhou policy does not compile");
const program: ProgramIR = compiled.program;

/** The facts of every measure, from the acceptance case that carries them all. */
const allFacts = (JSON.parse(readFileSync(join(folder, "tests", "all-01-one-case-all-measures.json"), "utf8")) as { scenario: Record<string, unknown> }).scenario;

function day(text: string): CalendarDate {
  const date = parseDate(text);
  if (date === undefined) throw new Error(`bad date ${text}`);
  return date;
}

function outputsOn(date: CalendarDate, parameters: Record<string, string>): Record<string, Record<string, unknown>> {
  const read = readScenario(JSON.stringify({ ...allFacts, date: formatDate(date), parameters }), program.schema);
  if (!read.ok) throw new Error(JSON.stringify(read.errors));
  return evaluate(program, read.scenario).outputs;
}

/** The notice's figures, as the outputs that show them when a measure is in force. */
const figures: readonly [string, string, unknown][] = [
  ["m1", "funding_source", "employment_subsidy_fund"],
  ["m2", "rate", "60%"],
  ["m2", "refund", "5333.33"],
  ["m3", "monthly_standard", "500.00"],
  ["m4", "living_subsidy_monthly", "846.00"],
  ["m4", "living_subsidy_months", 3],
  ["m5", "transport_subsidy", "600.00"],
  ["m5", "agency_reward", "200.00"],
  ["m6", "max_additional_internship_posts", 4],
  ["m6", "job_seeking_subsidy", "1000.00"],
  ["m9", "minimum_payment", "1456.00"],
  ["m10", "by_mail", true],
];

const overrides: readonly { name: string; parameters: Record<string, string>; from: string; until?: string }[] = [
  { name: "start earlier, 2021-10-10", parameters: { epidemic_period_start: "2021-10-10" }, from: "2021-10-10" },
  { name: "start much earlier, 2021-09-01", parameters: { epidemic_period_start: "2021-09-01" }, from: "2021-09-01" },
  { name: "start later, 2021-11-10", parameters: { epidemic_period_start: "2021-11-10" }, from: "2021-11-10" },
  { name: "end earlier, 2021-10-25", parameters: { epidemic_period_end: "2021-10-25" }, from: "2021-10-20", until: "2021-10-25" },
  { name: "end later, 2021-12-31", parameters: { epidemic_period_end: "2021-12-31" }, from: "2021-10-20", until: "2021-12-31" },
  {
    name: "both moved earlier, 2021-09-15..2021-10-15",
    parameters: { epidemic_period_start: "2021-09-15", epidemic_period_end: "2021-10-15" },
    from: "2021-09-15",
    until: "2021-10-15",
  },
];

describe("the Lanzhou policy under an overridden epidemic period", () => {
  it.each(overrides)("keeps the notice's figures on every day its measures are in force: $name", ({ parameters, from, until }) => {
    const first = day(from);
    const last = until === undefined ? undefined : day(until);
    let inForceDays = 0;
    for (let date = addDays(first, -3); date <= addDays(last ?? day("2021-11-20"), 3); date = addDays(date, 1)) {
      const outputs = outputsOn(date, parameters);
      const inPeriod = date >= first && (last === undefined || date <= last);
      for (const measure of ["m1", "m2", "m4", "m5", "m6", "m7", "m8", "m9", "m10"]) {
        expect(outputs[measure]?.["in_force"], `${measure} on ${formatDate(date)}`).toBe(inPeriod);
      }
      expect(outputs["m3"]?.["in_force"], `m3 on ${formatDate(date)}`).toBe(date >= day("2021-10-01"));
      for (const [measure, output, value] of figures) {
        if (outputs[measure]?.["in_force"] === true) expect(outputs[measure]?.[output], `${measure}.${output} on ${formatDate(date)}`).toEqual(value);
      }
      if (outputs["m10"]?.["in_force"] === true) {
        const afterNotice = date >= day("2021-11-05");
        expect(outputs["m10"]?.["hotline_staffed_until"]).toBe(afterNotice ? "22:00" : "18:00");
        expect(outputs["m10"]?.["report_deadline"]).toBe(afterNotice ? "15:00" : null);
      }
      if (inPeriod) inForceDays++;
    }
    expect(inForceDays, "the period has days in force to check").toBeGreaterThan(0);
  });
});
