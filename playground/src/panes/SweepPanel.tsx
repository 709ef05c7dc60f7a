/**
 * What-if across a range: one numeric or date fact (or the "as of" date) takes each value
 * of a range, and every output of one measure is drawn as a step line; where an output
 * jumps between two neighbouring values, the jump is marked. Drafters look here for
 * unintended cliffs.
 */
import { useId, useState } from "react";
import { moneyWord } from "../../../compiler/currency.js";
import type { FactSchema, ValueType } from "../../../compiler/ir.js";
import type { OutputJson } from "../../../runtime/index.js";
import { useWords } from "../i18n.js";
import type { SweepPoint, SweepVariable } from "../protocol.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";
import { parseScenarioObject } from "./CasePanel.js";
import { dayNumber, isoOfDay } from "./dates.js";

type SweptType = Extract<SweepVariable, { kind: "fact" }>["type"];
const sweptTypes: readonly string[] = ["integer", "months", "days", "money", "percent", "decimal", "date"];

interface Choice {
  readonly key: string;
  readonly label: string;
  readonly variable: SweepVariable;
}

function choicesOf(schema: FactSchema, asOfLabel: string): Choice[] {
  const facts = schema.records
    .filter((record) => record.entity)
    .flatMap((record) =>
      record.fields.flatMap((field) => {
        const type: ValueType = field.type.kind === "optional" ? field.type.of : field.type;
        if (!sweptTypes.includes(type.kind)) return [];
        return [{ key: `${record.name}.${field.name}`, label: `${record.name}.${field.name}${field.label === undefined ? "" : ` (${field.label})`}`, variable: { kind: "fact", entity: record.name, field: field.name, type: type.kind as SweptType } as SweepVariable }];
      }),
    );
  return [{ key: "date", label: asOfLabel, variable: { kind: "date" } }, ...facts];
}

/** The values swept: whole steps for counts and dates, even steps for amounts; at most `points`. */
export function sweepValues(variable: SweepVariable, from: string, to: string, points: number): string[] {
  const type = variable.kind === "date" ? "date" : variable.type;
  if (type === "date") {
    const first = dayNumber(from);
    const last = dayNumber(to);
    if (!Number.isFinite(first) || !Number.isFinite(last) || last < first) return [];
    const step = Math.max(1, Math.ceil((last - first) / Math.max(1, points - 1)));
    return Array.from({ length: Math.floor((last - first) / step) + 1 }, (_, i) => isoOfDay(first + i * step));
  }
  const low = Number(from);
  const high = Number(to);
  if (!Number.isFinite(low) || !Number.isFinite(high) || high < low) return [];
  if (type === "integer" || type === "months" || type === "days") {
    const step = Math.max(1, Math.ceil((high - low) / Math.max(1, points - 1)));
    return Array.from({ length: Math.floor((high - low) / step) + 1 }, (_, i) => String(Math.round(low) + i * step));
  }
  const count = Math.max(2, points);
  // amounts in fen, so that every value is one a scenario accepts
  const lowFen = Math.round(low * 100);
  const highFen = Math.round(high * 100);
  const values = Array.from({ length: count }, (_, i) => Math.round(lowFen + ((highFen - lowFen) * i) / (count - 1)));
  const unique = [...new Set(values)];
  return unique.map((f) => (type === "percent" ? `${(f / 100).toFixed(2)}%` : (f / 100).toFixed(2)));
}

/** A plotted number for an output value: yuan for amounts, 1/0 for yes/no; undefined for what is not a number. */
function plotted(value: OutputJson | undefined): number | undefined {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "number") return value;
  if (typeof value === "string" && /^-?\d+(\.\d+)?%?$/u.test(value)) return Number(value.replace("%", ""));
  return undefined;
}

interface Jump {
  readonly output: string;
  readonly index: number;
  readonly before: OutputJson | undefined;
  readonly after: OutputJson | undefined;
}

function jumpsOf(points: readonly SweepPoint[], outputs: readonly string[]): Jump[] {
  return outputs.flatMap((output) =>
    points.flatMap((point, index) => {
      if (index === 0) return [];
      const before = points[index - 1]?.outputs?.[output];
      const after = point.outputs?.[output];
      return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ output, index, before, after }];
    }),
  );
}

export function SweepPanel() {
  const t = useWords();
  const analysed = usePage((state) => state.analysis !== undefined);
  const program = usePage((state) => state.analysis?.program);
  const [measure, setMeasure] = useState("m4");
  const [variableKey, setVariableKey] = useState("person.insured_months");
  const [from, setFrom] = useState("0");
  const [to, setTo] = useState("24");
  const [points, setPoints] = useState("25");
  const [result, setResult] = useState<{ points: SweepPoint[]; label: string; milliseconds: number; money: readonly string[]; run: number } | undefined>();
  const ids = { measure: useId(), variable: useId(), from: useId(), to: useId(), points: useId() };
  if (program === undefined) return <p>{analysed ? t("policyHasErrors") : t("compiling")}</p>;
  const choices = choicesOf(program.schema, t("sweepAsOf"));
  const choice = choices.find((c) => c.key === variableKey) ?? choices[0];
  const isDate = choice?.variable.kind === "date" || (choice?.variable.kind === "fact" && choice.variable.type === "date");

  const draw = async () => {
    if (choice === undefined) return;
    const values = sweepValues(choice.variable, from, to, Math.min(1000, Math.max(2, Number(points) || 2)));
    const started = performance.now();
    const answer = await store.compiler.request({ kind: "sweep", scenario: store.snapshot().scenario, measure, variable: choice.variable, values });
    if (answer.kind !== "sweep") return;
    const measureIR = program.measures.find((m) => m.name === measure);
    const money = measureIR?.definitions.filter((d) => d.visibility === "output" && d.type.kind === "money").map((d) => d.name) ?? [];
    setResult({ points: [...answer.points], label: choice.key, milliseconds: performance.now() - started, money, run: (result?.run ?? 0) + 1 });
  };

  return (
    <div className="sweep-panel">
      <form
        className="sweep-controls"
        onSubmit={(e) => {
          e.preventDefault();
          void draw();
        }}
      >
        <label htmlFor={ids.measure}>{t("sweepMeasure")}</label>
        <select id={ids.measure} value={measure} onChange={(e) => setMeasure(e.target.value)}>
          {program.measures.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name} {m.title ?? ""}
            </option>
          ))}
        </select>
        <label htmlFor={ids.variable}>{t("sweepVariable")}</label>
        <select id={ids.variable} value={choice?.key} onChange={(e) => setVariableKey(e.target.value)}>
          {choices.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.from}>{t("sweepFrom")}</label>
        <input id={ids.from} type={isDate ? "date" : "text"} value={from} onChange={(e) => setFrom(e.target.value)} />
        <label htmlFor={ids.to}>{t("sweepTo")}</label>
        <input id={ids.to} type={isDate ? "date" : "text"} value={to} onChange={(e) => setTo(e.target.value)} />
        <label htmlFor={ids.points}>{t("sweepPoints")}</label>
        <input id={ids.points} type="number" min={2} max={1000} value={points} onChange={(e) => setPoints(e.target.value)} />
        <button type="submit">{t("sweepRun")}</button>
      </form>
      {result === undefined ? null : <SweepCharts {...result} />}
    </div>
  );
}

const CHART_WIDTH = 720;
const CHART_HEIGHT = 110;
const MARGIN = { left: 70, right: 12, top: 10, bottom: 22 };

function SweepCharts({ points, label, milliseconds, money, run }: { points: SweepPoint[]; label: string; milliseconds: number; money: readonly string[]; run: number }) {
  const t = useWords();
  const outputs = [...new Set(points.flatMap((point) => Object.keys(point.outputs ?? {})))];
  const jumps = jumpsOf(points, outputs);
  const errors = points.filter((point) => point.error !== undefined);
  return (
    <div className="sweep-result" data-testid="sweep-result" data-points={points.length} data-run={run} data-milliseconds={Math.round(milliseconds)}>
      <p>
        {label}: {points[0]?.x} … {points[points.length - 1]?.x} · {points.length} · {Math.round(milliseconds)} ms
      </p>
      {errors.length > 0 ? <p className="warning-text">{errors[0]?.x}: {errors[0]?.error}</p> : null}
      {outputs.map((output) => (
        <StepChart key={output} output={output} points={points} jumps={jumps.filter((jump) => jump.output === output)} isMoney={money.includes(output)} />
      ))}
      <h3>{t("cliffs")}</h3>
      {jumps.length === 0 ? (
        <p>{t("noCliffs")}</p>
      ) : (
        <ul className="jumps">
          {jumps.map((jump, i) => (
            <li key={i} data-output={jump.output} data-x={points[jump.index]?.x}>
              {label} = {points[jump.index]?.x}: <code>{jump.output}</code> {JSON.stringify(jump.before)} → {JSON.stringify(jump.after)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function StepChart({ output, points, jumps, isMoney }: { output: string; points: readonly SweepPoint[]; jumps: readonly Jump[]; isMoney: boolean }) {
  const t = useWords();
  const policy = usePage((state) => state.analysis?.program?.policy);
  const values = points.map((point) => plotted(point.outputs?.[output]));
  const numbers = values.filter((v): v is number => v !== undefined);
  if (numbers.length === 0) return null;
  const low = Math.min(0, ...numbers);
  const high = Math.max(...numbers, low + 1);
  const plotWidth = CHART_WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = CHART_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (index: number) => MARGIN.left + (points.length <= 1 ? 0 : (index / (points.length - 1)) * plotWidth);
  const y = (value: number) => MARGIN.top + plotHeight - ((value - low) / (high - low)) * plotHeight;
  let path = "";
  values.forEach((value, index) => {
    if (value === undefined) return;
    path += path === "" ? `M${x(index).toFixed(1)},${y(value).toFixed(1)}` : `H${x(index).toFixed(1)}V${y(value).toFixed(1)}`;
  });
  const word = moneyWord(policy);
  const unit = isMoney ? ` (${word === "yuan" ? t("yuan") : word})` : "";
  return (
    <figure className="step-chart" data-output={output}>
      <svg viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`} width="100%" role="img" aria-label={`${output}${unit}`}>
        <line x1={MARGIN.left} x2={MARGIN.left} y1={MARGIN.top} y2={MARGIN.top + plotHeight} className="axis" />
        <line x1={MARGIN.left} x2={MARGIN.left + plotWidth} y1={MARGIN.top + plotHeight} y2={MARGIN.top + plotHeight} className="axis" />
        <text x={MARGIN.left - 4} y={y(high) + 4} textAnchor="end" className="axis-label">
          {isMoney ? high.toFixed(2) : String(high)}
        </text>
        <text x={MARGIN.left - 4} y={y(low) + 4} textAnchor="end" className="axis-label">
          {isMoney ? low.toFixed(2) : String(low)}
        </text>
        <text x={MARGIN.left} y={CHART_HEIGHT - 6} className="axis-label">
          {points[0]?.x}
        </text>
        <text x={MARGIN.left + plotWidth} y={CHART_HEIGHT - 6} textAnchor="end" className="axis-label">
          {points[points.length - 1]?.x}
        </text>
        {jumps.map((jump) => (
          <g key={jump.index} className="cliff" data-x={points[jump.index]?.x}>
            <line x1={x(jump.index)} x2={x(jump.index)} y1={MARGIN.top} y2={MARGIN.top + plotHeight} />
            <text x={x(jump.index) + 3} y={MARGIN.top + 10} className="cliff-label">
              {points[jump.index]?.x}
            </text>
          </g>
        ))}
        <path d={path} className="step-line" />
      </svg>
      <figcaption>
        <code>{output}</code>
        {unit}
      </figcaption>
    </figure>
  );
}
