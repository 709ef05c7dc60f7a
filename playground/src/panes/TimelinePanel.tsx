/**
 * What was in force when: every measure's window and every parameter's dated values on a
 * line of time around the "as of" date, which is marked.
 */
import type { ExprIR, ParameterIR } from "../../../compiler/ir.js";
import type { ProgramOutline } from "../protocol.js";
import { useWords } from "../i18n.js";
import { usePage } from "../use-page.js";
import { parseScenarioObject } from "./CasePanel.js";
import { dayNumber, isoOfDay } from "./dates.js";
import { literalFigure } from "../../../compiler/literals.js";

const ROW = 22;
const LABEL = 230;
const WIDTH = 900;

/** The date a window bound names on `asOf`: a date written in the policy, or a date parameter's value then. */
function boundDate(program: ProgramOutline, bound: ExprIR | undefined, asOf: string): string | null | undefined {
  if (bound === undefined) return null;
  if (bound.op === "literal") return typeof bound.value === "number" ? isoOfDay(bound.value) : null;
  if (bound.op === "convert") return boundDate(program, bound.operand, asOf);
  if (bound.op === "parameter") {
    const parameter = program.parameters.find((p) => p.name === bound.name);
    const day = dayNumber(asOf);
    const value = parameter?.values.find((v) => v.from <= day && (v.until === undefined || day <= v.until))?.value;
    return typeof value === "number" ? isoOfDay(value) : null;
  }
  return undefined;
}

export function TimelinePanel() {
  const t = useWords();
  const analysed = usePage((state) => state.analysis !== undefined);
  const program = usePage((state) => state.analysis?.program);
  const scenarioText = usePage((state) => state.scenario);
  if (program === undefined) return <p>{analysed ? t("policyHasErrors") : t("compiling")}</p>;
  const scenario = parseScenarioObject(scenarioText);
  const asOf = typeof scenario?.["date"] === "string" ? scenario["date"] : program.policy.issued;
  const start = dayNumber(asOf) - 730;
  const end = dayNumber(asOf) + 730;
  const x = (day: number) => LABEL + ((Math.min(Math.max(day, start), end) - start) / (end - start)) * (WIDTH - LABEL - 10);
  const parameters = program.parameters.filter((p) => p.values.some((v) => v.from <= end && (v.until === undefined || v.until >= start)));
  const rows = program.measures.length + parameters.length + 2;
  const height = rows * ROW + 30;
  const years = Array.from({ length: 5 }, (_, i) => Number(asOf.slice(0, 4)) - 2 + i).filter((year) => dayNumber(`${year}-01-01`) >= start && dayNumber(`${year}-01-01`) <= end);
  return (
    <figure className="timeline">
      <svg viewBox={`0 0 ${WIDTH} ${height}`} width="100%" role="img" aria-label={`${t("tabTimeline")} ${asOf}`}>
        {years.map((year) => (
          <g key={year}>
            <line x1={x(dayNumber(`${year}-01-01`))} x2={x(dayNumber(`${year}-01-01`))} y1={0} y2={height - 20} className="grid" />
            <text x={x(dayNumber(`${year}-01-01`))} y={height - 6} className="axis-label" textAnchor="middle">
              {year}
            </text>
          </g>
        ))}
        <text x={4} y={ROW - 6} className="row-heading">
          {t("timelineMeasures")}
        </text>
        {program.measures.map((measure, i) => {
          const y = (i + 1) * ROW;
          const from = measure.window === undefined ? undefined : boundDate(program, measure.window.from, asOf);
          const until = measure.window === undefined ? null : boundDate(program, measure.window.until, asOf);
          const left = from === undefined || from === null ? start : dayNumber(from);
          const right = until === undefined || until === null ? end : dayNumber(until);
          return (
            <g key={measure.name} data-measure={measure.name}>
              <text x={4} y={y + 14} className="row-label">
                {measure.name} {measure.citation?.clause ?? ""}
              </text>
              <rect x={x(left)} y={y + 3} width={Math.max(1, x(right) - x(left))} height={ROW - 6} className="window">
                <title>
                  {measure.name}: {from ?? "…"} — {until ?? t("openEnded")}
                </title>
              </rect>
            </g>
          );
        })}
        <text x={4} y={(program.measures.length + 2) * ROW - 6} className="row-heading">
          {t("timelineParameters")}
        </text>
        {parameters.map((parameter, i) => (
          <ParameterRow key={parameter.name} parameter={parameter} y={(program.measures.length + 2 + i) * ROW} x={x} start={start} end={end} />
        ))}
        <line x1={x(dayNumber(asOf))} x2={x(dayNumber(asOf))} y1={0} y2={height - 20} className="as-of" />
        <text x={x(dayNumber(asOf)) + 3} y={12} className="as-of-label">
          {t("asOf")} {asOf}
        </text>
      </svg>
      <figcaption>
        {t("tabTimeline")}: {isoOfDay(start)} — {isoOfDay(end)}
      </figcaption>
    </figure>
  );
}

function ParameterRow({ parameter, y, x, start, end }: { parameter: ParameterIR; y: number; x: (day: number) => number; start: number; end: number }) {
  return (
    <g data-parameter={parameter.name}>
      <text x={4} y={y + 14} className="row-label">
        {parameter.name.length > 30 ? `${parameter.name.slice(0, 29)}…` : parameter.name}
        <title>{parameter.label ?? parameter.name}</title>
      </text>
      {parameter.values.map((value, i) => {
        const left = Math.max(start, value.from);
        const right = value.until === undefined ? end : Math.min(end, value.until);
        if (right < start || left > end) return null;
        const text = value.value === null ? "—" : Array.isArray(value.value) ? value.value.join(", ") : literalFigure(value.value, parameter.type);
        return (
          <g key={i}>
            <rect x={x(left)} y={y + 3} width={Math.max(1, x(right) - x(left))} height={ROW - 6} className={`value value-${i % 2}`}>
              <title>
                {parameter.name} = {text} ({isoOfDay(value.from)} — {value.until === undefined ? "…" : isoOfDay(value.until)})
              </title>
            </rect>
            <text x={x(left) + 3} y={y + 15} className="value-label">
              {text}
            </text>
          </g>
        );
      })}
    </g>
  );
}
