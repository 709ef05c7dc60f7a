/**
 * Results per measure, in the shape `tiao run` prints, each output expanding into its
 * explanation: the rule that decided, the cited words, what it overrode, and the facts
 * and dated parameters it read.
 */
import { memo, useState } from "react";
import type { Explanation, RuleReference } from "../../../compiler/explain.js";
import type { OutputJson } from "../../../runtime/index.js";
import { useWords } from "../i18n.js";
import type { MeasureOutline, RunOutcome } from "../protocol.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";

function valueText(value: OutputJson | undefined): string {
  if (value === undefined) return "—";
  // an output for each member of a list: its values in the list's order
  if (Array.isArray(value) && value.some((item) => item === null || typeof item !== "string")) return `[${value.map((item) => valueText(item)).join(", ")}]`;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** "m4.tiao:12" → a button that shows the place in the editor. */
function PolicyPlace({ location }: { location: string }) {
  const match = /^(.*):(\d+)$/u.exec(location);
  if (match === null) return <span>{location}</span>;
  const [, file = "", line = "1"] = match;
  return (
    <button type="button" className="link" onClick={() => store.reveal(file, Number(line), 1)}>
      {location}
    </button>
  );
}

function Rule({ rule }: { rule: RuleReference }) {
  return (
    <>
      {rule.kind} <code>{rule.label}</code>
      {rule.citation === undefined ? null : (
        <>
          {" "}
          {rule.citation.clause} <q className="quote">{rule.citation.quote}</q>
        </>
      )}{" "}
      (<PolicyPlace location={rule.location} />){rule.note === undefined ? null : <span className="note"> — {rule.note}</span>}
    </>
  );
}

function ExplanationView({ explanation }: { explanation: Explanation }) {
  const t = useWords();
  const read = explanation.read;
  return (
    <div className="explanation">
      <p className="summary">{explanation.summary}</p>
      <dl>
        {explanation.decidedBy === undefined ? null : (
          <>
            <dt>{t("decidedBy")}</dt>
            <dd>
              <Rule rule={explanation.decidedBy} />
            </dd>
          </>
        )}
        {explanation.condition === undefined ? null : (
          <>
            <dt>{t("condition")}</dt>
            <dd>
              <code>{explanation.condition}</code>
            </dd>
          </>
        )}
        {explanation.formula === undefined ? null : (
          <>
            <dt>{t("formula")}</dt>
            <dd>
              <code>{explanation.formula}</code>
            </dd>
          </>
        )}
        {explanation.overrides === undefined || explanation.overrides.length === 0 ? null : (
          <>
            <dt>{t("overrides")}</dt>
            {explanation.overrides.map((rule, i) => (
              <dd key={i}>
                <Rule rule={rule} />
              </dd>
            ))}
          </>
        )}
        {explanation.notApplied === undefined || explanation.notApplied.length === 0 ? null : (
          <>
            <dt>{t("notApplied")}</dt>
            {explanation.notApplied.map((rule, i) => (
              <dd key={i}>
                <Rule rule={rule} />: {rule.reason}
              </dd>
            ))}
          </>
        )}
        {explanation.window === undefined ? null : (
          <>
            <dt>{t("window")}</dt>
            <dd>
              {explanation.window.from ?? "—"} … {explanation.window.until ?? t("openEnded")} ({explanation.window.inForce ? t("inForce") : t("notInForce")} {explanation.window.date})
            </dd>
          </>
        )}
        {read?.facts === undefined ? null : (
          <>
            <dt>{t("factsRead")}</dt>
            {read.facts.map((fact) => (
              <dd key={fact.path}>
                <code>{fact.path}</code>
                {fact.label === undefined ? "" : ` (${fact.label})`} = {fact.items === undefined ? valueText(fact.value) : `${fact.items} items`}
              </dd>
            ))}
          </>
        )}
        {read?.parameters === undefined ? null : (
          <>
            <dt>{t("parametersRead")}</dt>
            {read.parameters.map((parameter) => (
              <dd key={parameter.name}>
                <code>{parameter.name}</code>
                {parameter.label === undefined ? "" : ` (${parameter.label})`} = {valueText(parameter.value)}
                {parameter.overridden === true ? ` — ${t("givenByScenario")}` : ` — ${parameter.from ?? ""}${parameter.until === undefined ? "" : ` … ${parameter.until}`}`}
                {parameter.source === undefined ? null : "document" in parameter.source ? ` — ${parameter.source.document}` : ` — ${parameter.source.clause} “${parameter.source.quote}”`}
              </dd>
            ))}
          </>
        )}
        {read?.definitions === undefined ? null : (
          <>
            <dt>{t("definitionsRead")}</dt>
            {read.definitions.map((definition) => (
              <dd key={definition.name}>
                <code>{definition.name}</code> = {valueText(definition.value)}
                {definition.explanation === undefined ? null : <span className="nested"> — {definition.explanation.summary}</span>}
              </dd>
            ))}
          </>
        )}
        {explanation.members === undefined ? null : (
          <>
            <dt>{t("eachMember")}</dt>
            {explanation.members.map((member, index) => (
              <dd key={index}>
                <ExplanationView explanation={member} />
              </dd>
            ))}
          </>
        )}
      </dl>
    </div>
  );
}

function MeasureResult({ outputs, explanations }: { outputs: { readonly [output: string]: OutputJson }; explanations: { readonly [output: string]: Explanation } | undefined }) {
  return (
    <>
      {Object.entries(outputs).map(([output, value]) => (
        <OutputRow key={output} output={output} value={value} inForce={outputs["in_force"] === true} explanation={explanations?.[output]} />
      ))}
    </>
  );
}

/** One output; its explanation is drawn only while it is open, so that a keystroke redraws little. */
function OutputRow({ output, value, inForce, explanation }: { output: string; value: OutputJson; inForce: boolean; explanation: Explanation | undefined }) {
  const t = useWords();
  const [open, setOpen] = useState(false);
  return (
    <details className="output" data-output={output} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>
        <code>{output}</code> = <span className="value" data-testid="output-value">{valueText(value)}</span>
        {output === "in_force" ? <span className={inForce ? "badge on" : "badge off"}>{inForce ? t("inForce") : t("notInForce")}</span> : null}
      </summary>
      {open && explanation !== undefined ? <ExplanationView explanation={explanation} /> : null}
    </details>
  );
}

export function Results() {
  const t = useWords();
  const run = usePage((state) => state.analysis?.run);
  const measures = usePage((state) => state.analysis?.program?.measures);
  const workerProblem = usePage((state) => state.workerProblem);
  const stale = usePage((state) => state.analyzedRevision !== state.revision);
  return (
    <section className="results" aria-labelledby="results-heading" aria-busy={stale} data-testid="results">
      <h2 id="results-heading">{t("results")}</h2>
      {workerProblem === undefined ? null : (
        <p className="warning-text" role="alert">
          {t("workerProblem")}: {workerProblem}
        </p>
      )}
      {run === undefined ? <p>{t("compiling")}</p> : <RunResults run={run} measures={measures ?? noMeasures} />}
    </section>
  );
}

const noMeasures: readonly MeasureOutline[] = [];

/** Drawn again only when the outcome or the measures change: a keystroke that changes neither leaves it alone. */
const RunResults = memo(function RunResults({ run, measures }: { run: RunOutcome; measures: readonly MeasureOutline[] }) {
  const t = useWords();
  if (run.kind === "not_compiled") return <p className="warning-text" role="status">{t("policyHasErrors")}</p>;
  if (run.kind === "bad_input") {
    return (
      <div role="status">
        <p className="warning-text">{t("badScenario")}</p>
        <ul className="scenario-problems">
          {run.problems.map((problem, i) => (
            <li key={i}>
              <code>{problem.path}</code>: {problem.message}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  if (run.kind === "evaluation_error") {
    return (
      <p className="warning-text" role="status">
        {t("evaluationError")}: {run.message} {run.location === undefined ? null : <code>{run.location}</code>}
      </p>
    );
  }
  const { outputs, explain, skipped } = run;
  return (
    <>
      {Object.entries(outputs).map(([name, measureOutputs]) => {
        const measure = measures.find((m) => m.name === name);
        return (
          <section key={name} className="measure-result" data-measure={name} aria-labelledby={`result-${name}`}>
            <h3 id={`result-${name}`}>
              {name} {measure?.citation?.clause ?? ""} {measure?.title ?? ""}
            </h3>
            <MeasureResult outputs={measureOutputs} explanations={explain[name]} />
          </section>
        );
      })}
      {skipped.length === 0 ? null : (
        <details className="skipped">
          <summary>
            {t("skipped")}: {skipped.map((s) => s.measure).join(", ")}
          </summary>
          <ul>
            {skipped.map((s) => (
              <li key={s.measure}>
                {s.measure}: {s.missing.join(", ")}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
});
