/**
 * The page's state outside React: the policy's files, the scenario, the last analysis by
 * the compiler worker. React panes subscribe to it; `window.tiaoPlayground` drives it.
 * Every change schedules one analysis; while one runs, changes made meanwhile are
 * gathered into the next, so the page never queues stale compilations.
 */
import type { Analysis, AnalysisUpdate, PolicyFile, WorkerAnswer } from "./protocol.js";
import { publishedPolicy } from "./published.js";
import { clearLocal, filesOf, linkFragment, loadLocal, readFragment, saveLocal, stateOf, type SavedState } from "./saved-state.js";
import { CompilerClient, WorkerRestarted } from "./worker/client.js";

export type Language = "zh" | "en";

export interface PageState {
  readonly files: readonly PolicyFile[];
  readonly activePath: string;
  readonly scenario: string;
  /** the analysis of `analyzedRevision`, which may lag behind `revision` while the worker works */
  readonly analysis?: Analysis;
  readonly revision: number;
  readonly analyzedRevision: number;
  /** a failure of the worker itself, shown above the results */
  readonly workerProblem?: string;
  /** why the page did not open what the link carried */
  readonly linkProblem?: boolean;
  readonly restoredFromLocal?: boolean;
  readonly language: Language;
  /** a place in the policy to show, set by the notice panel and the error list */
  readonly reveal?: { readonly file: string; readonly line: number; readonly column: number; readonly serial: number };
  /** where the editor's cursor is: the notice panel highlights what the rule there cites */
  readonly cursor?: { readonly file: string; readonly offset: number };
}

const LANGUAGE_KEY = "tiao-playground:language";
const SAVE_PAUSE_MILLISECONDS = 300;
const defaultScenario = publishedPolicy.scenarios[0]?.text ?? '{\n  "date": "2021-11-15"\n}\n';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === "en" ? "en" : "zh";
  } catch {
    return "zh";
  }
}

function initialState(): PageState {
  const published = publishedPolicy.files;
  const link = readFragment(location.hash, published);
  const local = link.kind === "none" ? loadLocal(published) : undefined;
  const saved: SavedState | undefined = link.kind === "state" ? link.state : local;
  const files = saved === undefined ? published : filesOf(saved, published);
  return {
    files,
    activePath: files.find((file) => file.path.endsWith("/m4.tiao"))?.path ?? files[0]?.path ?? "",
    scenario: saved?.scenario ?? defaultScenario,
    revision: 1,
    analyzedRevision: 0,
    language: initialLanguage(),
    ...(link.kind === "malformed" ? { linkProblem: true } : {}),
    ...(local !== undefined && link.kind === "none" ? { restoredFromLocal: true } : {}),
  };
}

export class PageStore {
  private state: PageState = initialState();
  private readonly listeners = new Set<() => void>();
  private readonly settledWaiters: { revision: number; resolve: () => void }[] = [];
  private analyzing = false;
  private revealSerial = 0;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly client = new CompilerClient();

  constructor() {
    if (this.state.linkProblem === true) history.replaceState(null, "", location.pathname + location.search);
    addEventListener("pagehide", () => this.saveNow());
    this.analyze();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): PageState => this.state;

  get compiler(): CompilerClient {
    return this.client;
  }

  private update(change: Partial<PageState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }

  /** A change of the policy or the scenario: analysed at once, saved locally and put in the link soon after. */
  private edit(change: Partial<PageState>): Promise<void> {
    this.update({ ...change, revision: this.state.revision + 1 });
    this.analyze();
    this.scheduleSave();
    return this.settled();
  }

  /**
   * Compressing the state into the link and writing the local save cost a few milliseconds
   * each: they wait for a pause in the typing, off the way from a keystroke to its results.
   * Leaving the page saves at once (`pagehide`), so a reload loses nothing.
   */
  private scheduleSave(): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => this.saveNow(), SAVE_PAUSE_MILLISECONDS);
  }

  /** Writes the local save and the link now, if a change is waiting to be saved. */
  saveNow(): void {
    if (this.saveTimer === undefined) return;
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    const saved = stateOf(this.state.files, publishedPolicy.files, this.state.scenario);
    saveLocal(saved);
    history.replaceState(null, "", linkFragment(saved));
  }

  setFileText(path: string, text: string): Promise<void> {
    const files = this.state.files.map((file) => (file.path === path ? { path, text } : file));
    return this.edit({ files });
  }

  setFiles(files: readonly PolicyFile[]): Promise<void> {
    const activePath = files.some((file) => file.path === this.state.activePath) ? this.state.activePath : (files[0]?.path ?? "");
    return this.edit({ files, activePath });
  }

  setScenario(text: string): Promise<void> {
    return this.edit({ scenario: text });
  }

  /** Sets the "as of" date: the scenario's `date`. */
  setDate(iso: string): Promise<void> {
    return this.setScenario(scenarioWithDate(this.state.scenario, iso));
  }

  setActivePath(path: string): void {
    this.update({ activePath: path });
  }

  setCursor(file: string, offset: number): void {
    this.update({ cursor: { file, offset } });
  }

  reveal(file: string, line: number, column: number): void {
    this.revealSerial++;
    this.update({ activePath: file, reveal: { file, line, column, serial: this.revealSerial } });
  }

  setLanguage(language: Language): void {
    try {
      localStorage.setItem(LANGUAGE_KEY, language);
    } catch {
      // the choice holds for this visit only
    }
    document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
    this.update({ language });
  }

  dismissLinkProblem(): void {
    this.update({ linkProblem: false });
  }

  /** Back to the published policy and its example scenario, forgetting the local save. */
  backToPublished(): Promise<void> {
    const result = this.edit({ files: publishedPolicy.files, scenario: defaultScenario, restoredFromLocal: false });
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    clearLocal();
    history.replaceState(null, "", location.pathname + location.search);
    return result;
  }

  shareLink(): string {
    return location.origin + location.pathname + location.search + linkFragment(stateOf(this.state.files, publishedPolicy.files, this.state.scenario));
  }

  /** Resolves once the analysis shown is that of the latest change. */
  settled(): Promise<void> {
    if (this.state.analyzedRevision === this.state.revision) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push({ revision: this.state.revision, resolve }));
  }

  private analyze(): void {
    if (this.analyzing) return;
    this.analyzing = true;
    const revision = this.state.revision;
    const { files, scenario } = this.state;
    const requested = performance.now();
    this.client
      .request({ kind: "analyze", files, notice: publishedPolicy.notice, scenario })
      .then((answer: WorkerAnswer) => {
        if (answer.kind === "analyze") {
          // the worker's own time and the whole round trip, for profiles and the benchmark
          performance.measure("tiao:worker-analysis", { start: requested, duration: answer.milliseconds });
          performance.measure("tiao:analysis-round-trip", { start: requested, end: performance.now() });
          this.update({ analysis: withUpdate(this.state.analysis, answer.analysis), analyzedRevision: revision, workerProblem: undefined });
        } else if (answer.kind === "failed") {
          this.update({ analyzedRevision: revision, workerProblem: answer.message });
        }
      })
      .catch((error: unknown) => {
        // A restarted worker lost the request: ask the new one (the loop below does).
        if (!(error instanceof WorkerRestarted)) throw error;
        this.update({ workerProblem: error.message });
      })
      .finally(() => {
        this.analyzing = false;
        if (this.state.analyzedRevision !== this.state.revision) {
          this.analyze();
          return;
        }
        for (const waiter of this.settledWaiters.splice(0)) waiter.resolve();
      });
  }
}

/** The analysis with the parts the worker sent, the others kept (and so kept identical, for the panes that compare them). */
function withUpdate(previous: Analysis | undefined, update: AnalysisUpdate): Analysis {
  const part = <K extends keyof Analysis>(key: K): Analysis[K] => {
    const value = update[key];
    if (value !== "unchanged") return value as Analysis[K];
    if (previous === undefined) throw new Error(`internal error: the compiler sent no ${key} before`);
    return previous[key];
  };
  const program = part("program");
  const notice = part("notice");
  return { diagnostics: part("diagnostics"), run: part("run"), ...(program === undefined ? {} : { program }), ...(notice === undefined ? {} : { notice }) };
}

/** The scenario's text with another `date`, or a scenario of that date alone when the text is not an object. */
export function scenarioWithDate(scenario: string, iso: string): string {
  try {
    const value = JSON.parse(scenario) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      return `${JSON.stringify({ ...(value as object), date: iso }, null, 2)}\n`;
    }
  } catch {
    // not JSON: start again from the date
  }
  return `${JSON.stringify({ date: iso }, null, 2)}\n`;
}

export const store = new PageStore();
