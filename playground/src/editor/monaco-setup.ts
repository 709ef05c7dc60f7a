/**
 * Monaco, bundled with the page (no CDN): the editor core with its features, the
 * TypeScript tokenizer for the generated-code tab, and the editor's own worker built by
 * Vite. @monaco-editor/react is given this instance instead of loading one.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor/editor.api";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";

(self as unknown as { MonacoEnvironment: { getWorker: () => Worker } }).MonacoEnvironment = {
  getWorker: () => new EditorWorker(),
};

monaco.languages.register({ id: "tiao", extensions: [".tiao"] });
monaco.languages.setLanguageConfiguration("tiao", {
  comments: { lineComment: "#" },
  brackets: [["{", "}"], ["(", ")"]],
  autoClosingPairs: [{ open: "{", close: "}" }, { open: "(", close: ")" }, { open: '"', close: '"' }],
});

// Colours with a contrast of at least 4.5:1 on white, for every token the tokenizer gives.
monaco.editor.defineTheme("tiao-light", {
  base: "vs",
  inherit: true,
  rules: [
    { token: "comment", foreground: "4d6b2f" },
    { token: "string", foreground: "a31515" },
    { token: "tag", foreground: "6f2da8" },
    { token: "delimiter", foreground: "1f2328" },
    { token: "invalid", foreground: "b31d28" },
    { token: "number", foreground: "0b5e3c" },
    { token: "keyword", foreground: "0000d6" },
    { token: "type", foreground: "0b5c75" },
    { token: "operator", foreground: "1f2328" },
    { token: "identifier", foreground: "1f2328" },
  ],
  colors: { "editorLineNumber.foreground": "#57606a" },
});

loader.config({ monaco });

export { monaco };

/** The model of a policy file: one per path, kept for the page's life. */
export function modelUri(path: string): monaco.Uri {
  return monaco.Uri.parse(`file:///${path}`);
}
