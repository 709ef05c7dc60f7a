/**
 * The notice beside the rules: every sentence coloured by its coverage (the data of the
 * policy's coverage check, compiler/coverage.ts), the words cited by the rule at the
 * editor's cursor highlighted, and for a chosen sentence the items that cite it.
 */
import { useState, type ReactNode } from "react";
import type { CitingItem, SentenceCoverage } from "../../../compiler/coverage.js";
import type { ProgramIR } from "../../../compiler/ir.js";
import { useWords } from "../i18n.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";
import { citationsAt, passagesOf, spanOf } from "./policy-places.js";

type Status = "encoded" | "not-computable" | "uncovered";

function statusOf(sentence: SentenceCoverage): Status {
  if (sentence.citedBy.some((item) => item.kind !== "not_computable")) return "encoded";
  return sentence.citedBy.length > 0 ? "not-computable" : "uncovered";
}

/** The reasons of the notes of what is not computable that quote a sentence. */
function reasonsFor(program: ProgramIR, sentence: string): string[] {
  return program.measures.flatMap((measure) =>
    measure.notComputable.filter((note) => passagesOf(note.citation.quote).some((p) => sentence.includes(p) || p.includes(sentence.replace(/[。；，]$/u, "")))).map((note) => note.reason),
  );
}

/** The sentence with the passages cited by the rule at the cursor marked. */
function highlighted(sentence: string, passages: readonly string[]): ReactNode {
  const bare = sentence.replace(/[。；，]$/u, "");
  if (passages.some((p) => p.includes(bare))) return <mark>{sentence}</mark>;
  const passage = passages.find((p) => sentence.includes(p));
  if (passage === undefined) return sentence;
  const at = sentence.indexOf(passage);
  return (
    <>
      {sentence.slice(0, at)}
      <mark>{passage}</mark>
      {sentence.slice(at + passage.length)}
    </>
  );
}

export function NoticePanel() {
  const t = useWords();
  const page = usePage();
  const [chosen, setChosen] = useState<{ section: number; index: number } | undefined>();
  const program = page.analysis?.program;
  const coverage = page.analysis?.coverage;
  if (program === undefined || coverage === undefined) return <p>{page.analysis === undefined ? t("compiling") : t("policyHasErrors")}</p>;
  const cited = page.cursor === undefined ? [] : citationsAt(program, page.cursor.file, page.cursor.offset).flatMap((c) => passagesOf(c.quote));
  const jump = (item: CitingItem) => {
    const span = spanOf(program, item);
    if (span !== undefined) store.reveal(span.file, span.line, span.column);
  };
  return (
    <div className="notice-panel">
      <p className="legend">
        {t("noticeCoverage")}: <span className="sentence encoded">{t("encoded")}</span> <span className="sentence not-computable">{t("notComputable")}</span>{" "}
        <span className="sentence uncovered">{t("notAccounted")}</span>
        {cited.length > 0 ? <span className="cursor-hint"> · {t("selectedRule")}</span> : null}
      </p>
      {coverage.map((section) => (
        <section key={section.number} className="notice-section" aria-labelledby={`notice-${section.number}`}>
          <h3 id={`notice-${section.number}`} className="visually-hidden">
            §{section.number} {section.heading}
          </h3>
          <p>
            {section.sentences.map((sentence, index) => {
              const status = statusOf(sentence);
              const reasons = status === "not-computable" ? reasonsFor(program, sentence.text) : [];
              const isChosen = chosen?.section === section.number && chosen.index === index;
              return (
                <button
                  type="button"
                  key={index}
                  className={`sentence ${status}${index === 0 ? " heading" : ""}`}
                  data-status={status}
                  aria-pressed={isChosen}
                  title={reasons.length > 0 ? reasons.join("\n") : undefined}
                  onClick={() => setChosen(isChosen ? undefined : { section: section.number, index })}
                >
                  {highlighted(sentence.text, cited)}
                </button>
              );
            })}
          </p>
          {chosen?.section === section.number ? <CitingList items={section.sentences[chosen.index]?.citedBy ?? []} reasons={reasonsFor(program, section.sentences[chosen.index]?.text ?? "")} onJump={jump} /> : null}
        </section>
      ))}
    </div>
  );
}

function CitingList({ items, reasons, onJump }: { items: readonly CitingItem[]; reasons: readonly string[]; onJump: (item: CitingItem) => void }) {
  const t = useWords();
  return (
    <div className="citing" role="region" aria-label={t("citedBy")} data-testid="citing">
      <h4>{t("citedBy")}</h4>
      {items.length === 0 ? <p>{t("noCitation")}</p> : null}
      <ul>
        {items.map((item, i) => (
          <li key={i}>
            <button type="button" className="link" onClick={() => onJump(item)}>
              {item.kind} <code>{item.name}</code> {item.clause}
            </button>
          </li>
        ))}
      </ul>
      {reasons.map((reason, i) => (
        <p key={i} className="reason">
          {reason}
        </p>
      ))}
    </div>
  );
}
