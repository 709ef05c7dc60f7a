/**
 * `window.tiaoPlayground`: the page driven by tests and scripts. Setters return a promise
 * that resolves once the compiler has analysed the change and the page shows it; getters
 * read what the page shows.
 */
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { RunOutputs } from "./protocol.js";
import { store } from "./store.js";

export interface TiaoPlayground {
  files(): { [path: string]: string };
  setFiles(files: { readonly [path: string]: string }): Promise<void>;
  source(): string;
  setSource(text: string): Promise<void>;
  setScenario(json: string | object): Promise<void>;
  setDate(iso: string): Promise<void>;
  diagnostics(): readonly Diagnostic[];
  /** the result as `tiao run` prints it; undefined while the policy has errors or the case cannot be evaluated */
  results(): RunOutputs | undefined;
  /** every answer seen is that of the latest change */
  settled(): Promise<void>;
}

/** Resolves after the page has drawn the state of the latest analysis. */
function settledAndDrawn(): Promise<void> {
  return store.settled().then(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
}

/** After a setter, the local save and the link hold the change too, as they do once typing pauses. */
function settledDrawnAndSaved(): Promise<void> {
  return settledAndDrawn().then(() => store.saveNow());
}

export const tiaoPlayground: TiaoPlayground = {
  files: () => Object.fromEntries(store.snapshot().files.map((file) => [file.path, file.text])),
  setFiles: (files) => {
    void store.setFiles(Object.entries(files).map(([path, text]) => ({ path, text })));
    return settledDrawnAndSaved();
  },
  source: () => store.snapshot().files.find((file) => file.path === store.snapshot().activePath)?.text ?? "",
  setSource: (text) => {
    void store.setFileText(store.snapshot().activePath, text);
    return settledDrawnAndSaved();
  },
  setScenario: (json) => {
    void store.setScenario(typeof json === "string" ? json : `${JSON.stringify(json, null, 2)}\n`);
    return settledDrawnAndSaved();
  },
  setDate: (iso) => {
    void store.setDate(iso);
    return settledDrawnAndSaved();
  },
  diagnostics: () => store.snapshot().analysis?.diagnostics ?? [],
  results: () => {
    const run = store.snapshot().analysis?.run;
    return run?.kind === "evaluated" ? run.outputs : undefined;
  },
  settled: settledAndDrawn,
};

declare global {
  interface Window {
    tiaoPlayground: TiaoPlayground;
  }
}
