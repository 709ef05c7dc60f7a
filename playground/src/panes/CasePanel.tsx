/**
 * The case: the "as of" date, example scenarios, a form generated from the policy's fact
 * declarations, the same scenario as JSON (the CLI's format, both ways), parameter
 * overrides, and the exports.
 */
import { memo, useEffect, useId, useMemo, useState } from "react";
import type { FactSchema, ParameterIR, ValueType } from "../../../compiler/ir.js";
import type { ProgramOutline } from "../protocol.js";
import type { EnumDecl, FieldDecl } from "../../../runtime/types.js";
import { TEXT_MAX_LENGTH } from "../../../runtime/text.js";
import { useWords } from "../i18n.js";
import { exampleScenarios } from "../published.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";
import { literalFigure } from "../../../compiler/literals.js";
import { dayNumber } from "./dates.js";
import { download } from "./download.js";
import { Results } from "./Results.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

export function parseScenarioObject(text: string): JsonObject | undefined {
  try {
    const value = JSON.parse(text) as Json;
    return typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function writeScenario(scenario: JsonObject): void {
  void store.setScenario(`${JSON.stringify(scenario, null, 2)}\n`);
}

export function CasePanel() {
  const t = useWords();
  const scenarioText = usePage((state) => state.scenario);
  const program = usePage((state) => state.analysis?.program);
  const [mode, setMode] = useState<"form" | "json">("form");
  const scenario = useMemo(() => parseScenarioObject(scenarioText), [scenarioText]);
  const date = typeof scenario?.["date"] === "string" ? scenario["date"] : "";
  const examples = exampleScenarios();
  const exampleId = useId();
  const dateId = useId();

  return (
    <div className="case-panel">
      <div className="case-input">
        <div className="case-toolbar">
          <label htmlFor={dateId}>{t("asOf")}</label>
          <input id={dateId} type="date" value={date} data-testid="as-of" onChange={(e) => e.target.value !== "" && void store.setDate(e.target.value)} />
          <label htmlFor={exampleId}>{t("example")}</label>
          <select
            id={exampleId}
            value=""
            onChange={(e) => {
              const example = examples[Number(e.target.value)];
              if (example !== undefined) void store.setScenario(example.text);
            }}
          >
            <option value="">{t("chooseExample")}</option>
            {examples.map((example, i) => (
              <option key={example.label} value={i}>
                {example.label}
              </option>
            ))}
          </select>
        </div>
        <div className="view-tabs" role="tablist" aria-label={t("scenarioJson")}>
          <button type="button" role="tab" aria-selected={mode === "form"} aria-controls="case-view" id="case-form-tab" onClick={() => setMode("form")}>
            {t("form")}
          </button>
          <button type="button" role="tab" aria-selected={mode === "json"} aria-controls="case-view" id="case-json-tab" onClick={() => setMode("json")}>
            {t("json")}
          </button>
        </div>
        <div id="case-view" role="tabpanel" aria-labelledby={mode === "form" ? "case-form-tab" : "case-json-tab"}>
          {mode === "json" || scenario === undefined || program === undefined ? (
            <JsonView text={scenarioText} />
          ) : (
            <>
              <FactForm schema={program.schema} scenario={scenario} scenarioText={scenarioText} />
              <ParameterOverrides program={program} scenario={scenario} scenarioText={scenarioText} date={date} />
            </>
          )}
        </div>
        <div className="exports">
          <button type="button" onClick={() => download("scenario.json", scenarioText)}>
            {t("exportScenario")}
          </button>
          <button type="button" onClick={() => exportResults()}>{t("exportResults")}</button>
          <button type="button" onClick={() => saveAsTest(scenarioText)}>{t("saveAsTest")}</button>
        </div>
      </div>
      <Results />
    </div>
  );
}

function exportResults(): void {
  const run = store.snapshot().analysis?.run;
  if (run?.kind !== "evaluated") return;
  download("results.json", `${JSON.stringify(run.outputs, null, 2)}\n`);
}

/** The current case and its results as a test file `tiao test` reads. */
function saveAsTest(scenarioText: string): void {
  const run = store.snapshot().analysis?.run;
  const scenario = parseScenarioObject(scenarioText);
  if (run?.kind !== "evaluated" || scenario === undefined) return;
  const date = typeof scenario["date"] === "string" ? scenario["date"] : "";
  const test = { name: `case of ${date}`, scenario, expected: run.outputs };
  download(`case-${date}.json`, `${JSON.stringify(test, null, 2)}\n`);
}

function JsonView({ text }: { text: string }) {
  const t = useWords();
  const [draft, setDraft] = useState(text);
  const [invalid, setInvalid] = useState(false);
  const id = useId();
  useEffect(() => setDraft(text), [text]);
  return (
    <div className="json-view">
      <label htmlFor={id}>{t("scenarioJson")}</label>
      <textarea
        id={id}
        data-testid="scenario-json"
        spellCheck={false}
        value={draft}
        aria-invalid={invalid}
        onChange={(e) => {
          setDraft(e.target.value);
          const valid = parseScenarioObject(e.target.value) !== undefined;
          setInvalid(!valid);
          if (valid) void store.setScenario(e.target.value);
        }}
      />
      {invalid ? <p className="field-error" role="alert">{t("jsonInvalid")}</p> : null}
    </div>
  );
}

/**
 * The form and the overrides are drawn again only when the case or what they show of the
 * program changes: each analysis brings a new copy of the program, mostly the same.
 */
function sameForm(a: { scenarioText: string; schema: FactSchema }, b: { scenarioText: string; schema: FactSchema }): boolean {
  return a.scenarioText === b.scenarioText && (a.schema === b.schema || JSON.stringify(a.schema) === JSON.stringify(b.schema));
}

const FactForm = memo(function FactForm({ schema, scenario }: { schema: FactSchema; scenario: JsonObject; scenarioText: string }) {
  const entities = schema.records.filter((record) => record.entity);
  return (
    <div className="fact-form" data-testid="fact-form">
      {entities.map((entity) => {
        const value = scenario[entity.name];
        const record = typeof value === "object" && value !== null && !Array.isArray(value) ? value : undefined;
        return (
          <details key={entity.name} open={record !== undefined}>
            <summary>
              {entity.label ?? entity.name} <code>{entity.name}</code>
            </summary>
            <RecordFields
              schema={schema}
              fields={entity.fields}
              value={record ?? {}}
              idPrefix={`fact-${entity.name}`}
              onChange={(next) => {
                const { [entity.name]: _, ...rest } = scenario;
                writeScenario(Object.keys(next).length === 0 ? rest : { ...scenario, [entity.name]: next });
              }}
            />
          </details>
        );
      })}
    </div>
  );
}, sameForm);

function RecordFields({ schema, fields, value, idPrefix, onChange }: { schema: FactSchema; fields: readonly FieldDecl[]; value: JsonObject; idPrefix: string; onChange: (next: JsonObject) => void }) {
  return (
    <div className="record-fields">
      {fields.map((field) => (
        <FieldInput
          key={field.name}
          schema={schema}
          field={field}
          id={`${idPrefix}-${field.name}`}
          value={value[field.name]}
          onChange={(next) => {
            const { [field.name]: _, ...rest } = value;
            onChange(next === undefined ? rest : { ...value, [field.name]: next });
          }}
        />
      ))}
    </div>
  );
}

function FieldInput({ schema, field, id, value, onChange }: { schema: FactSchema; field: FieldDecl; id: string; value: Json | undefined; onChange: (next: Json | undefined) => void }) {
  const label = (
    <label htmlFor={id}>
      {field.label ?? field.name} <code>{field.name}</code>
    </label>
  );
  const type = field.type.kind === "optional" ? field.type.of : field.type;
  if (type.kind === "list") {
    const record = schema.records.find((r) => r.name === type.of);
    return (
      <fieldset className="list-field" id={id}>
        <legend>
          {field.label ?? field.name} <code>{field.name}</code>
        </legend>
        <ListEditor schema={schema} fields={record?.fields ?? []} items={Array.isArray(value) ? value : []} idPrefix={id} onChange={onChange} />
      </fieldset>
    );
  }
  if (type.kind === "record") {
    const record = schema.records.find((r) => r.name === type.name);
    const object = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
    return (
      <fieldset className="record-field" id={id}>
        <legend>
          {field.label ?? field.name} <code>{field.name}</code>
        </legend>
        <RecordFields schema={schema} fields={record?.fields ?? []} value={object} idPrefix={id} onChange={(next) => onChange(Object.keys(next).length === 0 ? undefined : next)} />
      </fieldset>
    );
  }
  if (type.kind === "series") {
    const periods = typeof value === "object" && value !== null && !Array.isArray(value) ? value : {};
    return (
      <fieldset className="series-field" id={id}>
        <legend>
          {field.label ?? field.name} <code>{field.name}</code>
        </legend>
        <SeriesEditor schema={schema} type={type} periods={periods} idPrefix={id} label={field.label ?? field.name} onChange={onChange} />
      </fieldset>
    );
  }
  if (type.kind === "set") {
    const decl = schema.enums.find((e) => e.name === type.of);
    const chosen = Array.isArray(value) ? value : [];
    return (
      <fieldset className="set-field" id={id}>
        <legend>
          {field.label ?? field.name} <code>{field.name}</code>
        </legend>
        {decl?.members.map((member) => (
          <label key={member.name} className="check">
            <input
              type="checkbox"
              checked={chosen.includes(member.name)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, member.name] : chosen.filter((m) => m !== member.name))}
            />
            {member.label ?? member.name}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <div className="field">
      {label}
      <ScalarInput schema={schema} type={type} id={id} value={value} onChange={onChange} {...(field.default === undefined ? {} : { placeholder: String(field.default) })} />
    </div>
  );
}

/** A fact given period by period: one row per month ("2017-01") or year ("2017"), each with its value. */
function SeriesEditor({ schema, type, periods, idPrefix, label, onChange }: { schema: FactSchema; type: Extract<ValueType, { kind: "series" }>; periods: { readonly [period: string]: Json }; idPrefix: string; label: string; onChange: (next: Json | undefined) => void }) {
  const t = useWords();
  const entries = Object.entries(periods);
  const write = (next: [string, Json][]) => onChange(next.length === 0 ? undefined : Object.fromEntries(next));
  const nextPeriod = (): string => {
    const last = entries[entries.length - 1]?.[0];
    if (type.period === "year") return String(last === undefined ? new Date().getFullYear() : Number(last) + 1);
    if (last === undefined) return new Date().toISOString().slice(0, 7);
    const [year, month] = last.split("-").map(Number);
    return month === 12 ? `${(year ?? 0) + 1}-01` : `${year}-${String((month ?? 0) + 1).padStart(2, "0")}`;
  };
  return (
    <div className="series-editor">
      {entries.map(([period, item], i) => (
        <div className="series-period" key={i}>
          <input
            aria-label={t("periodOf", label)}
            type={type.period === "month" ? "month" : "text"}
            value={period}
            onChange={(e) => write(entries.map(([p, v], j): [string, Json] => [j === i ? e.target.value : p, v]))}
          />
          <ScalarInput
            schema={schema}
            type={type.of.kind === "optional" ? type.of.of : type.of}
            id={`${idPrefix}-${i}`}
            value={item}
            onChange={(next) => write(entries.map(([p, v], j): [string, Json] => [p, j === i ? (next ?? null) : v]))}
          />
          <button type="button" onClick={() => write(entries.filter((_, j) => j !== i))}>
            {t("removePeriod")}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => write([...entries, [nextPeriod(), null]])}>
        {t("addPeriod")}
      </button>
    </div>
  );
}

function ListEditor({ schema, fields, items, idPrefix, onChange }: { schema: FactSchema; fields: readonly FieldDecl[]; items: Json[]; idPrefix: string; onChange: (next: Json | undefined) => void }) {
  const t = useWords();
  return (
    <div className="list-editor">
      {items.map((item, i) => (
        <div className="list-item" key={i}>
          <p className="list-item-heading">
            {t("item", i + 1)}
            <button type="button" onClick={() => onChange(items.filter((_, j) => j !== i))}>
              {t("removeItem")}
            </button>
          </p>
          <RecordFields
            schema={schema}
            fields={fields}
            value={typeof item === "object" && item !== null && !Array.isArray(item) ? item : {}}
            idPrefix={`${idPrefix}-${i}`}
            onChange={(next) => onChange(items.map((old, j) => (j === i ? next : old)))}
          />
        </div>
      ))}
      <button type="button" onClick={() => onChange([...items, {}])}>
        {t("addItem")}
      </button>
    </div>
  );
}

/** What a text field accepts, and how its text becomes the scenario's JSON value. */
function textRule(type: ValueType): { pattern: RegExp; toJson: (text: string) => Json; message: "invalidMoney" | "invalidPercent" | "invalidInteger" | "invalidNumber" } | undefined {
  switch (type.kind) {
    case "money":
      return { pattern: type.signed === true ? /^-?\d+(\.\d{1,2})?$/u : /^\d+(\.\d{1,2})?$/u, toJson: (text) => text, message: "invalidMoney" };
    case "percent":
      return { pattern: /^\d+(\.\d{1,4})?%?$/u, toJson: (text) => (text.endsWith("%") ? text : `${text}%`), message: "invalidPercent" };
    case "integer":
    case "months":
    case "days":
      return { pattern: /^\d+$/u, toJson: (text) => Number(text), message: "invalidInteger" };
    case "decimal":
      return { pattern: /^-?\d+(\.\d+)?$/u, toJson: (text) => Number(text), message: "invalidNumber" };
    default:
      return undefined;
  }
}

/** `placeholder`: the fact's default (`otherwise`), shown while the scenario leaves the fact out. */
function ScalarInput({ schema, type, id, value, onChange, placeholder }: { schema: FactSchema; type: ValueType; id: string; value: Json | undefined; onChange: (next: Json | undefined) => void; placeholder?: string }) {
  const t = useWords();
  if (type.kind === "bool") {
    return (
      <select id={id} value={value === true ? "true" : value === false ? "false" : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value === "true")}>
        <option value="">{placeholder === undefined ? t("absent") : placeholder === "true" ? t("yes") : placeholder === "false" ? t("no") : placeholder}</option>
        <option value="true">{t("yes")}</option>
        <option value="false">{t("no")}</option>
      </select>
    );
  }
  if (type.kind === "enum") {
    const decl: EnumDecl | undefined = schema.enums.find((e) => e.name === type.name);
    return (
      <select id={id} value={typeof value === "string" ? value : ""} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}>
        <option value="">{placeholder ?? t("absent")}</option>
        {decl?.members.map((member) => (
          <option key={member.name} value={member.name}>
            {member.label === undefined ? member.name : `${member.label} (${member.name})`}
          </option>
        ))}
      </select>
    );
  }
  if (type.kind === "text") {
    // an empty field leaves the fact out, as every other input of the form does
    return <input id={id} type="text" maxLength={TEXT_MAX_LENGTH} value={typeof value === "string" ? value : ""} placeholder={placeholder} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />;
  }
  if (type.kind === "date" || type.kind === "time") {
    return <input id={id} type={type.kind} value={typeof value === "string" ? value : ""} placeholder={placeholder} onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)} />;
  }
  const rule = textRule(type);
  if (rule === undefined) return <input id={id} readOnly value={JSON.stringify(value ?? null)} />;
  return <ValidatedText id={id} value={value} pattern={rule.pattern} message={t(rule.message)} toJson={rule.toJson} onChange={onChange} placeholder={placeholder} />;
}

/** A text field that changes the scenario only with a valid value, and says what it expects otherwise. */
function ValidatedText({ id, value, pattern, message, toJson, onChange, placeholder }: { id: string; value: Json | undefined; pattern: RegExp; message: string; toJson: (text: string) => Json; onChange: (next: Json | undefined) => void; placeholder?: string | undefined }) {
  const shown = value === undefined || value === null ? "" : String(value);
  const [text, setText] = useState(shown);
  useEffect(() => setText(shown), [shown]);
  const valid = text.trim() === "" || pattern.test(text.trim());
  const errorId = `${id}-error`;
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        placeholder={placeholder}
        aria-invalid={!valid}
        aria-describedby={valid ? undefined : errorId}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          const trimmed = next.trim();
          if (trimmed === "") onChange(undefined);
          else if (pattern.test(trimmed)) onChange(toJson(trimmed));
        }}
      />
      {valid ? null : (
        <span className="field-error" id={errorId}>
          {message}
        </span>
      )}
    </>
  );
}

const ParameterOverrides = memo(
  function ParameterOverrides({ program, scenario, date }: { program: ProgramOutline; scenario: JsonObject; scenarioText: string; date: string }) {
  const t = useWords();
  const overrides = typeof scenario["parameters"] === "object" && scenario["parameters"] !== null && !Array.isArray(scenario["parameters"]) ? scenario["parameters"] : {};
  const setOverride = (name: string, next: Json | undefined) => {
    const { [name]: _, ...rest } = overrides;
    const parameters = next === undefined ? rest : { ...overrides, [name]: next };
    const { parameters: __, ...withoutParameters } = scenario;
    writeScenario(Object.keys(parameters).length === 0 ? withoutParameters : { ...scenario, parameters });
  };
  return (
    <details className="parameter-overrides" open={Object.keys(overrides).length > 0}>
      <summary>{t("parameters")}</summary>
      {program.parameters.map((parameter) => (
        <ParameterOverride key={parameter.name} schema={program.schema} parameter={parameter} date={date} value={overrides[parameter.name]} onChange={(next) => setOverride(parameter.name, next)} />
      ))}
    </details>
  );
},
  (a, b) => a.scenarioText === b.scenarioText && a.date === b.date && JSON.stringify(a.program.parameters) === JSON.stringify(b.program.parameters),
);

function ParameterOverride({ schema, parameter, date, value, onChange }: { schema: FactSchema; parameter: ParameterIR; date: string; value: Json | undefined; onChange: (next: Json | undefined) => void }) {
  const t = useWords();
  const day = dayNumber(date);
  const inForce = parameter.values.find((v) => v.from <= day && (v.until === undefined || day <= v.until));
  const id = `parameter-${parameter.name}`;
  return (
    <div className="field parameter">
      <label htmlFor={id}>
        {parameter.label ?? parameter.name} <code>{parameter.name}</code>
        <span className="published-value">
          {" "}
          ({t("publishedValue")}: {inForce === undefined || inForce.value === null ? "—" : literalFigure(inForce.value, parameter.type)}
          {parameter.unit === undefined ? "" : ` ${parameter.unit}`})
        </span>
      </label>
      <ScalarInput schema={schema} type={parameter.type.kind === "optional" ? parameter.type.of : parameter.type} id={id} value={value} onChange={onChange} />
    </div>
  );
}
