/**
 * `window.tiaoPlayground` as seen from the tests, whose functions run in the page through
 * `page.evaluate` (the tests are compiled without the browser's types).
 */
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { OutputJson } from "../../runtime/index.js";

export interface PlaygroundApi {
  files(): { [path: string]: string };
  setFiles(files: { readonly [path: string]: string }): Promise<void>;
  source(): string;
  setSource(text: string): Promise<void>;
  setScenario(json: string | object): Promise<void>;
  setDate(iso: string): Promise<void>;
  diagnostics(): readonly Diagnostic[];
  results(): { readonly [measure: string]: { readonly [output: string]: OutputJson } } | undefined;
  settled(): Promise<void>;
}

declare global {
  // the page's global object, inside functions given to page.evaluate
  var window: { readonly tiaoPlayground: PlaygroundApi };
}
