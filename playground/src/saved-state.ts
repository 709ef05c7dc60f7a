/**
 * The state a link or the local save carries: the policy's files that differ from the
 * published ones, and the scenario (whose `date` is the "as of" date). Links compress it
 * with lz-string into the URL's fragment, which no server sees.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from "lz-string";
import type { PolicyFile } from "./protocol.js";

export interface SavedState {
  /** path → text, only the files changed from the published policy */
  readonly files: { readonly [path: string]: string };
  readonly scenario: string;
}

const FRAGMENT_KEY = "state=";

export function stateOf(files: readonly PolicyFile[], published: readonly PolicyFile[], scenario: string): SavedState {
  const publishedText = new Map(published.map((file) => [file.path, file.text]));
  const changed = files.filter((file) => publishedText.get(file.path) !== file.text);
  return { files: Object.fromEntries(changed.map((file) => [file.path, file.text])), scenario };
}

/** The files of a saved state: the published ones, with the changed ones in their place. */
export function filesOf(state: SavedState, published: readonly PolicyFile[]): PolicyFile[] {
  return published.map((file) => ({ path: file.path, text: state.files[file.path] ?? file.text }));
}

export function linkFragment(state: SavedState): string {
  return `#${FRAGMENT_KEY}${compressToEncodedURIComponent(JSON.stringify(state))}`;
}

export type FragmentReading = { readonly kind: "none" } | { readonly kind: "state"; readonly state: SavedState } | { readonly kind: "malformed" };

export function readFragment(hash: string, published: readonly PolicyFile[]): FragmentReading {
  const fragment = hash.replace(/^#/u, "");
  if (fragment === "") return { kind: "none" };
  if (!fragment.startsWith(FRAGMENT_KEY)) return { kind: "malformed" };
  const json = decompressFromEncodedURIComponent(fragment.slice(FRAGMENT_KEY.length));
  const state = json === null || json === "" ? undefined : parseState(json, published);
  return state === undefined ? { kind: "malformed" } : { kind: "state", state };
}

/** A state read from a link or from storage, or undefined when it is not one this page wrote. */
export function parseState(json: string, published: readonly PolicyFile[]): SavedState | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const { files, scenario } = value as { files?: unknown; scenario?: unknown };
  if (typeof scenario !== "string" || typeof files !== "object" || files === null) return undefined;
  const known = new Set(published.map((file) => file.path));
  const entries = Object.entries(files);
  if (!entries.every(([path, text]) => known.has(path) && typeof text === "string")) return undefined;
  return { files: Object.fromEntries(entries) as { [path: string]: string }, scenario };
}

const STORAGE_KEY = "tiao-playground:lanzhou-2021-289";

export function loadLocal(published: readonly PolicyFile[]): SavedState | undefined {
  try {
    const json = localStorage.getItem(STORAGE_KEY);
    return json === null ? undefined : parseState(json, published);
  } catch {
    return undefined;
  }
}

export function saveLocal(state: SavedState): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Storage full or refused (private browsing): the page still works, only unsaved.
  }
}

export function clearLocal(): void {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing saved to clear
  }
}
