import { useEffect, useState } from "react";
import { monaco } from "./editor/monaco-setup.js";
import { useWords, type WordKey } from "./i18n.js";
import { CasePanel } from "./panes/CasePanel.js";
import { EditorPane } from "./panes/EditorPane.js";
import { NoticePanel } from "./panes/NoticePanel.js";
import { SweepPanel } from "./panes/SweepPanel.js";
import { TestsPanel } from "./panes/TestsPanel.js";
import { TimelinePanel } from "./panes/TimelinePanel.js";
import { publishedPolicy } from "./published.js";
import { store } from "./store.js";
import { usePage } from "./use-page.js";

type Tab = "case" | "notice" | "tests" | "timeline" | "sweep";
const tabs: readonly [Tab, WordKey][] = [["case", "tabCase"], ["notice", "tabNotice"], ["tests", "tabTests"], ["timeline", "tabTimeline"], ["sweep", "tabSweep"]];

/** Highlighting of tiao, generated from the grammar's token definitions by the language service in the worker, which holds the grammar. */
function useTiaoHighlighting(): void {
  useEffect(() => {
    void store.compiler.request({ kind: "language" }).then((answer) => {
      if (answer.kind === "language") monaco.languages.setMonarchTokensProvider("tiao", answer.monarch as monaco.languages.IMonarchLanguage);
    });
  }, []);
}

export function App() {
  const t = useWords();
  const language = usePage((state) => state.language);
  const linkProblem = usePage((state) => state.linkProblem);
  const restoredFromLocal = usePage((state) => state.restoredFromLocal);
  const [tab, setTab] = useState<Tab>("case");
  const [copied, setCopied] = useState(false);
  useTiaoHighlighting();
  useEffect(() => {
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
    document.title = `tiao · ${t("title")}`;
  }, [language]);

  const moveTab = (event: React.KeyboardEvent, index: number) => {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (next === undefined) return;
    setTab(next[0]);
    document.getElementById(`tab-${next[0]}`)?.focus();
  };

  return (
    <>
      <header className="page-header">
        <h1>
          tiao · {t("title")} <span className="policy-title">{publishedPolicy.files.length > 0 ? "兰人社发〔2021〕289号" : ""}</span>
        </h1>
        <div className="header-actions">
          <button
            type="button"
            onClick={() => {
              const link = store.shareLink();
              void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false));
            }}
          >
            {copied ? t("shareCopied") : t("share")}
          </button>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t("confirmDiscard"))) void store.backToPublished();
            }}
          >
            {t("backToPublished")}
          </button>
          <button type="button" lang={language === "zh" ? "en" : "zh-CN"} aria-label={t("languageLabel")} onClick={() => store.setLanguage(language === "zh" ? "en" : "zh")}>
            {t("language")}
          </button>
        </div>
      </header>
      {linkProblem === true ? (
        <div className="banner" role="alert" data-testid="link-problem">
          {t("linkProblem")}{" "}
          <button type="button" onClick={() => store.dismissLinkProblem()}>
            {t("dismiss")}
          </button>
        </div>
      ) : null}
      {restoredFromLocal === true ? (
        <p className="banner info" role="status">
          {t("restored")}
        </p>
      ) : null}
      <main className="layout" aria-label={t("mainLabel")}>
        <EditorPane />
        <section className="side" aria-label={t(tabs.find(([key]) => key === tab)?.[1] ?? "tabCase")}>
          <div className="view-tabs main-tabs" role="tablist" aria-label={t("mainLabel")}>
            {tabs.map(([key, word], index) => (
              <button
                key={key}
                id={`tab-${key}`}
                type="button"
                role="tab"
                aria-selected={tab === key}
                aria-controls={`panel-${key}`}
                tabIndex={tab === key ? 0 : -1}
                onKeyDown={(event) => moveTab(event, index)}
                onClick={() => setTab(key)}
              >
                {t(word)}
              </button>
            ))}
          </div>
          <div className="tab-panel" id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
            {tab === "case" ? <CasePanel /> : null}
            {tab === "notice" ? <NoticePanel /> : null}
            {tab === "tests" ? <TestsPanel /> : null}
            {tab === "timeline" ? <TimelinePanel /> : null}
            {tab === "sweep" ? <SweepPanel /> : null}
          </div>
        </section>
      </main>
    </>
  );
}
