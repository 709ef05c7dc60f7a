/**
 * The notice beside the rules: the notice's text with every sentence coloured by its
 * coverage (the language service's `noticeSentences`, from the data of the policy's
 * coverage check), the sentences cited by the rule at the editor's cursor highlighted,
 * and for a chosen sentence the items that cite it, each a link to its place.
 */
import { useState, type ReactNode } from "react";
import type { NoticeSentence, SentenceCitation } from "../../../compiler/service/index.js";
import { useWords } from "../i18n.js";
import { publishedPolicy } from "../published.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";
import { citationsAt, passagesOf } from "./policy-places.js";

const statusClass = { encoded: "encoded", not_computable: "not-computable", unaccounted: "uncovered" } as const;

/** The sentence as written in the notice, the passages cited by the rule at the cursor marked. */
function highlighted(written: string, sentence: NoticeSentence, passages: readonly string[]): ReactNode {
  const bare = sentence.text.replace(/[。；，]$/u, "");
  if (passages.some((p) => p.includes(bare))) return <mark>{written}</mark>;
  const passage = passages.find((p) => sentence.text.includes(p));
  if (passage === undefined) return written;
  const at = written.indexOf(passage);
  // a passage broken by a line of the notice: the whole sentence is marked
  if (at < 0) return <mark>{written}</mark>;
  return (
    <>
      {written.slice(0, at)}
      <mark>{passage}</mark>
      {written.slice(at + passage.length)}
    </>
  );
}

export function NoticePanel() {
  const t = useWords();
  const analysed = usePage((state) => state.analysis !== undefined);
  const program = usePage((state) => state.analysis?.program);
  const sentences = usePage((state) => state.analysis?.notice);
  const cursor = usePage((state) => state.cursor);
  const [chosen, setChosen] = useState<number | undefined>();
  if (program === undefined || sentences === undefined) return <p>{analysed ? t("policyHasErrors") : t("compiling")}</p>;
  const notice = publishedPolicy.notice;
  const cited = cursor === undefined ? [] : citationsAt(program, cursor.file, cursor.offset).flatMap((c) => passagesOf(c.quote));
  const parts: ReactNode[] = [];
  let from = 0;
  sentences.forEach((sentence, index) => {
    if (sentence.startOffset > from) parts.push(notice.slice(from, sentence.startOffset));
    const written = notice.slice(sentence.startOffset, sentence.endOffset);
    const reasons = sentence.citedBy.flatMap((item) => (item.reason === undefined ? [] : [item.reason]));
    parts.push(
      <button
        type="button"
        key={index}
        className={`sentence ${statusClass[sentence.coverage]}`}
        data-status={statusClass[sentence.coverage]}
        aria-pressed={chosen === index}
        aria-describedby={chosen === index ? "citing-list" : undefined}
        title={reasons.length > 0 ? reasons.join("\n") : undefined}
        onClick={() => setChosen(chosen === index ? undefined : index)}
      >
        {highlighted(written, sentence, cited)}
      </button>,
    );
    if (chosen === index) parts.push(<CitingList key={`citing-${index}`} items={sentence.citedBy} />);
    from = sentence.endOffset;
  });
  parts.push(notice.slice(from));
  return (
    <div className="notice-panel">
      <p className="legend">
        {t("noticeCoverage")}: <span className="sentence encoded">{t("encoded")}</span> <span className="sentence not-computable">{t("notComputable")}</span>{" "}
        <span className="sentence uncovered">{t("notAccounted")}</span>
        {cited.length > 0 ? <span className="cursor-hint"> · {t("selectedRule")}</span> : null}
      </p>
      <div className="notice-text" lang="zh-CN">
        {parts}
      </div>
    </div>
  );
}

function CitingList({ items }: { items: readonly SentenceCitation[] }) {
  const t = useWords();
  return (
    <span className="citing" role="region" aria-label={t("citedBy")} id="citing-list" data-testid="citing">
      <strong>{t("citedBy")}</strong>
      {items.length === 0 ? <span> {t("noCitation")}</span> : null}
      {items.map((item, i) => (
        <span key={i} className="citing-item">
          <button type="button" className="link" onClick={() => store.reveal(item.range.file, item.range.start.line, item.range.start.column)}>
            {item.kind} <code>{item.name}</code> {item.clause}
          </button>
          {item.reason === undefined ? null : <span className="reason"> — {item.reason}</span>}
        </span>
      ))}
    </span>
  );
}
