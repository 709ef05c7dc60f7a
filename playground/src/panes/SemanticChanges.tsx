/**
 * The semantic change list of the version comparison: what `tiao diff` reports from the
 * published policy to the one in the editor — the changes grouped by measure and
 * classified, for whom each may change outcomes, and per output a witness or what a
 * bounded search found. The engine is the CLI's (compiler/diff/), run in the compiler
 * worker without a solver (see the worker), which the list says plainly.
 */
import { useEffect, useState } from "react";
import type { Change, ChangeGroup, Classification, DiffReport, OutputVerdict } from "../../../compiler/diff/report.js";
import { useWords, type WordKey } from "../i18n.js";
import { publishedPolicy } from "../published.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";

/** The report, or why there is none yet. */
type Shown = { readonly kind: "report"; readonly report: DiffReport } | { readonly kind: "computing" } | { readonly kind: "not_compiled" };

const classificationWords: Record<Classification, WordKey> = {
  breaks_integrations: "breaksIntegrations",
  changes_outcomes: "changesOutcomes",
  editorial: "editorial",
};

const actionWords: Record<Change["action"], WordKey> = { added: "added", removed: "removed", changed: "changedAction", renamed: "renamed" };

export function SemanticChanges() {
  const t = useWords();
  // The worker sends the program again only when it changed: a change of the case, or of a
  // comment, keeps this one, and the diff is not asked again.
  const program = usePage((state) => state.analysis?.program);
  const analysed = usePage((state) => state.analysis !== undefined);
  const [shown, setShown] = useState<Shown>({ kind: "computing" });
  useEffect(() => {
    if (program === undefined) {
      setShown(analysed ? { kind: "not_compiled" } : { kind: "computing" });
      return;
    }
    let current = true;
    setShown({ kind: "computing" });
    store.compiler.request({ kind: "diff", published: publishedPolicy.files, notice: publishedPolicy.notice }).then(
      (answer) => {
        if (current && answer.kind === "diff") setShown(answer.report === undefined ? { kind: "not_compiled" } : { kind: "report", report: answer.report });
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [program, analysed]);

  return (
    // Scrolls on its own: focusable, so that a keyboard can scroll it too.
    <section className="semantic-changes" aria-label={t("semanticChanges")} data-testid="semantic-changes" tabIndex={0}>
      <h2>{t("semanticChanges")}</h2>
      <p className="diff-method">{t("diffInBrowser")}</p>
      {shown.kind === "computing" ? <p className="empty">{t("comparing")}</p> : null}
      {shown.kind === "not_compiled" ? <p className="empty">{t("diffNeedsProgram")}</p> : null}
      {shown.kind === "report" ? <Report report={shown.report} /> : null}
    </section>
  );
}

function Report({ report }: { report: DiffReport }) {
  const t = useWords();
  const { summary } = report;
  const total = summary.breaksIntegrations + summary.changesOutcomes + summary.editorial;
  if (total === 0) return <p className="diff-summary">{t("noSemanticChange")}</p>;
  return (
    <>
      <p className="diff-summary">{t("diffSummary", total, summary.breaksIntegrations, summary.changesOutcomes, summary.editorial)}</p>
      {report.groups.map((group) => (
        <Group key={group.measure ?? ""} group={group} />
      ))}
      {report.verdicts.length > 0 ? (
        <div className="diff-verdicts">
          <h3>{t("outputsThatMayChange")}</h3>
          <ul>
            {report.verdicts.map((verdict) => (
              <Verdict key={verdict.output} verdict={verdict} />
            ))}
          </ul>
        </div>
      ) : null}
    </>
  );
}

function Group({ group }: { group: ChangeGroup }) {
  const t = useWords();
  return (
    <div className="change-group" {...(group.measure === undefined ? {} : { "data-measure": group.measure })}>
      <h3>{group.measure === undefined ? t("wholePolicy") : `${group.measure} ${group.title ?? ""}`}</h3>
      <ul>
        {group.changes.map((change) => (
          <ChangeItem key={change.subject} change={change} />
        ))}
      </ul>
    </div>
  );
}

function ChangeItem({ change }: { change: Change }) {
  const t = useWords();
  return (
    <li className="change" data-subject={change.subject}>
      <p>
        <span className="subject">{change.subject}</span> {t(actionWords[change.action])}{" "}
        <span className={`classification ${change.classification}`}>{t(classificationWords[change.classification])}</span>
      </p>
      {change.aspects.map((aspect) =>
        aspect.before === undefined && aspect.after === undefined ? null : (
          <div key={aspect.aspect} className="aspect">
            <span className="aspect-name">{aspect.aspect}</span>
            <pre>
              {aspect.before === undefined ? null : <span className="before">{prefixed("- ", aspect.before)}</span>}
              {aspect.after === undefined ? null : <span className="after">{prefixed("+ ", aspect.after)}</span>}
            </pre>
          </div>
        ),
      )}
      {change.timeline === undefined ? null : (
        <div className="aspect">
          <span className="aspect-name">{t("valuesBeforeAfter")}</span>
          <pre>
            <span className="before">{prefixed("- ", change.timeline.before.map(timelineLine).join("\n"))}</span>
            <span className="after">{prefixed("+ ", change.timeline.after.map(timelineLine).join("\n"))}</span>
          </pre>
        </div>
      )}
      {(change.forWhom ?? []).map((whom) => (
        <div key={whom.output} className="for-whom">
          <span className="aspect-name">{t("forWhom", whom.output)}</span>
          <pre>{whom.condition}</pre>
        </div>
      ))}
    </li>
  );
}

function timelineLine(entry: { from: string; until?: string; value: string; source: string }): string {
  return `${entry.value} from ${entry.from}${entry.until === undefined ? "" : ` until ${entry.until}`}, source ${entry.source}`;
}

function prefixed(prefix: string, text: string): string {
  return `${text
    .split("\n")
    .map((line) => prefix + line)
    .join("\n")}\n`;
}

function Verdict({ verdict }: { verdict: OutputVerdict }) {
  const t = useWords();
  switch (verdict.verdict) {
    case "witness":
      return (
        <li className="verdict witness" data-output={verdict.output}>
          <span className="subject">{verdict.output}</span>: {t(verdict.method === "solver" ? "witnessBySolver" : "witnessBySearch")}{" "}
          <code>{JSON.stringify(verdict.before)}</code> → <code>{JSON.stringify(verdict.after)}</code>
          <details>
            <summary>{t("witnessScenario")}</summary>
            <pre>{JSON.stringify(verdict.scenario, null, 2)}</pre>
          </details>
        </li>
      );
    case "proved_equal":
      return (
        <li className="verdict proved" data-output={verdict.output}>
          <span className="subject">{verdict.output}</span>: {t("provedEqual")} ({verdict.scope})
        </li>
      );
    case "no_difference_found":
      return (
        <li className="verdict searched" data-output={verdict.output}>
          <span className="subject">{verdict.output}</span>: {t("noDifferenceFound")}
          <details>
            <summary>{t("whatWasSearched")}</summary>
            <p>{verdict.searched}</p>
            <p>{verdict.whyNotProved}</p>
          </details>
        </li>
      );
  }
}
