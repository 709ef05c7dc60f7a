/**
 * The rules: the policy's files, the editor (Monaco, one model per file), the problems the
 * compiler reports — as markers and as a list with the CLI's codes and help — and the
 * other views of the same files: the comparison with the published version and the
 * generated TypeScript.
 */
import Editor, { DiffEditor, type OnMount } from "@monaco-editor/react";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Diagnostic } from "../../../compiler/diagnostics/diagnostic.js";
import { modelUri, monaco } from "../editor/monaco-setup.js";
import { useWords } from "../i18n.js";
import { publishedPolicy } from "../published.js";
import { store } from "../store.js";
import { usePage } from "../use-page.js";
import { download } from "./download.js";
import { SemanticChanges } from "./SemanticChanges.js";

type View = "rules" | "compare" | "typescript";

function fileName(path: string): string {
  return path.split("/").pop() ?? path;
}

/** Keeps one model per file in step with the store, and the markers of each from the diagnostics. */
function useModels(): void {
  const files = usePage((state) => state.files);
  const diagnostics = usePage((state) => state.analysis?.diagnostics);
  // the text each model was last given or typed: a keystroke compares one file's text, not every model's whole value
  const synced = useRef(new Map<string, string>());
  useEffect(() => {
    for (const file of files) {
      if (synced.current.get(file.path) === file.text) continue;
      const uri = modelUri(file.path);
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(file.text, "tiao", uri);
      if (!synced.current.has(file.path)) {
        // Every change of a file reaches the store: typed, or made in a file the editor does not show (a rename, a quick fix).
        model.onDidChangeContent(() => {
          const text = model.getValue();
          if (store.snapshot().files.find((each) => each.path === file.path)?.text !== text) void store.setFileText(file.path, text);
        });
      }
      if (model.getValue() !== file.text) model.setValue(file.text);
      synced.current.set(file.path, file.text);
    }
  }, [files]);
  useEffect(() => {
    for (const file of files) {
      const model = monaco.editor.getModel(modelUri(file.path));
      if (model === null) continue;
      monaco.editor.setModelMarkers(model, "tiao", (diagnostics ?? []).filter((d) => d.span.file === file.path).map(markerOf));
    }
  }, [diagnostics]);
}

function markerOf(diagnostic: Diagnostic): monaco.editor.IMarkerData {
  return {
    severity: diagnostic.severity === "error" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
    code: diagnostic.code,
    message: diagnostic.help === undefined ? diagnostic.message : `${diagnostic.message}\nhelp: ${diagnostic.help}`,
    startLineNumber: diagnostic.span.line,
    startColumn: diagnostic.span.column,
    endLineNumber: diagnostic.span.endLine,
    // an empty span still gets a visible squiggle
    endColumn: diagnostic.span.endLine === diagnostic.span.line && diagnostic.span.endColumn <= diagnostic.span.column ? diagnostic.span.column + 1 : diagnostic.span.endColumn,
  };
}

const publishedText = new Map(publishedPolicy.files.map((file) => [file.path, file.text]));

export function EditorPane() {
  const t = useWords();
  const files = usePage((state) => state.files);
  const activePath = usePage((state) => state.activePath);
  const diagnostics = usePage((state) => state.analysis?.diagnostics);
  const [view, setView] = useState<View>("rules");
  useModels();
  const active = files.find((file) => file.path === activePath);
  const views: [View, string][] = [["rules", t("viewRules")], ["compare", t("viewCompare")], ["typescript", t("viewTypeScript")]];

  return (
    <section className="editor-pane" aria-label={t("editorLabel")}>
      <nav className="file-list" aria-label={t("files")}>
        <ul>
          {files.map((file) => {
            const errors = diagnostics?.filter((d) => d.span.file === file.path && d.severity === "error").length ?? 0;
            const changed = publishedText.get(file.path) !== file.text;
            return (
              <li key={file.path}>
                <button
                  type="button"
                  className="file"
                  aria-current={file.path === activePath ? "page" : undefined}
                  onClick={() => store.setActivePath(file.path)}
                >
                  {fileName(file.path)}
                  {changed ? <span className="changed" title={t("changed")}> ●<span className="visually-hidden">{t("changed")}</span></span> : null}
                  {errors > 0 ? <span className="error-count"> ({errors})</span> : null}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="view-tabs" role="tablist" aria-label={t("editorLabel")}>
        {views.map(([key, label]) => (
          <button key={key} type="button" role="tab" id={`view-${key}`} aria-selected={view === key} aria-controls="editor-view" onClick={() => setView(key)}>
            {label}
          </button>
        ))}
      </div>
      <div className="editor-view" id="editor-view" role="tabpanel" aria-labelledby={`view-${view}`}>
        {view === "rules" ? <RulesEditor /> : null}
        {view === "compare" && active !== undefined ? <CompareView path={active.path} published={publishedText.get(active.path) ?? ""} current={active.text} /> : null}
        {view === "typescript" ? <GeneratedTypeScript /> : null}
      </div>
      <ProblemList diagnostics={diagnostics} />
    </section>
  );
}

/** The editor's options, one object for the page's life: a new object would make the editor apply them again on every drawing. */
const rulesEditorOptions: monaco.editor.IStandaloneEditorConstructionOptions = {
  minimap: { enabled: false },
  fontSize: 13,
  wordWrap: "on",
  automaticLayout: true,
  fixedOverflowWidgets: true,
  unicodeHighlight: { ambiguousCharacters: false },
  // Shift+F12 on a name whose only other occurrence is its declaration goes there, instead of doing nothing
  gotoLocation: { alternativeReferenceCommand: "editor.action.revealDefinition" },
};

function RulesEditor() {
  const reveal = usePage((state) => state.reveal);
  const activePath = usePage((state) => state.activePath);
  const t = useWords();
  const label = t("editorLabel");
  const options = useMemo(() => ({ ...rulesEditorOptions, ariaLabel: label }), [label]);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onMount: OnMount = (editor) => {
    performance.mark("tiao:editor-mounted");
    editorRef.current = editor;
    editor.onDidChangeCursorPosition((event) => {
      const model = editor.getModel();
      if (model !== null) store.setCursor(model.uri.path.slice(1), model.getOffsetAt(event.position));
    });
  };
  useEffect(() => {
    const editor = editorRef.current;
    if (editor === null || reveal === undefined) return;
    const model = monaco.editor.getModel(modelUri(reveal.file));
    if (model !== null && editor.getModel() !== model) editor.setModel(model);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.revealPositionInCenter({ lineNumber: reveal.line, column: reveal.column });
    editor.focus();
  }, [reveal]);
  return (
    <Editor
      path={modelUri(activePath).toString()}
      defaultLanguage="tiao"
      defaultValue={store.snapshot().files.find((file) => file.path === activePath)?.text ?? ""}
      keepCurrentModel
      onMount={onMount}
      theme="tiao-light"
      options={options}
    />
  );
}

function CompareView({ path, published, current }: { path: string; published: string; current: string }) {
  const t = useWords();
  return (
    <div className="compare">
      <p className="compare-heading">
        <span>{t("published")}</span>
        <span>{t("current")} — {fileName(path)}</span>
      </p>
      <div className="compare-editor">
        <DiffEditor
          original={published}
          modified={current}
          language="tiao"
          theme="tiao-light"
          originalModelPath={`compare-published:///${path}`}
          modifiedModelPath={`compare-current:///${path}`}
          options={{ readOnly: true, renderSideBySide: true, minimap: { enabled: false }, automaticLayout: true }}
        />
      </div>
      <SemanticChanges />
    </div>
  );
}

/** The name `tiao compile --target ts` gives the policy's module. */
const GENERATED_FILE = "lanzhou_2021_289.ts";

function GeneratedTypeScript() {
  const t = useWords();
  const analysis = usePage((state) => state.analysis);
  const [typescript, setTypescript] = useState<string | undefined>();
  useEffect(() => {
    let current = true;
    if (analysis?.program === undefined) {
      setTypescript(undefined);
      return;
    }
    store.compiler.request({ kind: "emit" }).then((answer) => {
      if (current && answer.kind === "emit") setTypescript(answer.typescript);
    }, () => undefined);
    return () => {
      current = false;
    };
  }, [analysis]);
  if (typescript === undefined) return <p className="empty">{analysis?.program === undefined ? t("noProgram") : t("compiling")}</p>;
  return (
    <div className="generated">
      <p className="generated-toolbar">
        <button type="button" onClick={() => download(GENERATED_FILE, typescript, "text/plain")}>
          {t("download")} {GENERATED_FILE}
        </button>
      </p>
      <div className="generated-editor">
        <Editor
          path={`generated:///${GENERATED_FILE}`}
          language="typescript"
          value={typescript}
          theme="tiao-light"
          options={{ readOnly: true, minimap: { enabled: false }, fontSize: 13, automaticLayout: true, ariaLabel: t("viewTypeScript") }}
        />
      </div>
    </div>
  );
}

function ProblemList({ diagnostics }: { diagnostics: readonly Diagnostic[] | undefined }) {
  const t = useWords();
  if (diagnostics === undefined) return <section className="problems" aria-label={t("problems")}><p>{t("compiling")}</p></section>;
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.length - errors;
  return (
    <section className="problems" aria-label={t("problems")} data-testid="problems">
      <h2>
        {t("problems")}: {errors} {t("errors")}, {warnings} {t("warnings")}
      </h2>
      {diagnostics.length === 0 ? (
        <p className="no-problems">{t("noProblems")}</p>
      ) : (
        <ul>
          {diagnostics.map((d, i) => (
            <li key={i} className={`problem ${d.severity}`}>
              <button type="button" onClick={() => store.reveal(d.span.file, d.span.line, d.span.column)}>
                <span className="code">{d.severity}[{d.code}]</span>: {d.message}{" "}
                <span className="where">
                  {d.span.file}:{d.span.line}:{d.span.column}
                </span>
              </button>
              {d.help === undefined ? null : (
                <p className="help">
                  = {t("help")}: {d.help}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
