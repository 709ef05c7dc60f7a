/**
 * Monaco, bundled with the page (no CDN): the editor core with its features, the
 * TypeScript tokenizer for the generated-code tab, and the editor's own worker built by
 * Vite. @monaco-editor/react is given this instance instead of loading one.
 */
import { loader } from "@monaco-editor/react";
import * as monaco from "monaco-editor/editor/editor.api";
// The editor's features the page uses, rather than all of them (features/register.all): the others
// (colour pickers, inlay hints, inline completions, sticky scroll, links…) were an eighth of the
// editor's bytes, which a first load parses before the editor shows.
import "monaco-editor/features/bracketMatching/register";
import "monaco-editor/features/caretOperations/register";
import "monaco-editor/features/clipboard/register";
import "monaco-editor/features/codeAction/register";
import "monaco-editor/features/codeEditor/register";
import "monaco-editor/features/codicon/register";
import "monaco-editor/features/comment/register";
import "monaco-editor/features/contextmenu/register";
import "monaco-editor/features/cursorUndo/register";
import "monaco-editor/features/diffEditor/register";
import "monaco-editor/features/find/register";
import "monaco-editor/features/folding/register";
import "monaco-editor/features/format/register";
import "monaco-editor/features/gotoError/register";
import "monaco-editor/features/gotoLine/register";
import "monaco-editor/features/gotoSymbol/register";
import "monaco-editor/features/hover/register";
import "monaco-editor/features/indentation/register";
import "monaco-editor/features/lineSelection/register";
import "monaco-editor/features/linesOperations/register";
import "monaco-editor/features/multicursor/register";
import "monaco-editor/features/quickCommand/register";
import "monaco-editor/features/readOnlyMessage/register";
import "monaco-editor/features/referenceSearch/register";
import "monaco-editor/features/rename/register";
import "monaco-editor/features/smartSelect/register";
import "monaco-editor/features/snippet/register";
import "monaco-editor/features/suggest/register";
// the completion list itself, which register.all brings in through inline completions
import "monaco-editor/editor/contrib/suggest/browser/suggestController";
import "monaco-editor/features/toggleTabFocusMode/register";
import "monaco-editor/features/tokenization/register";
import "monaco-editor/features/wordHighlighter/register";
import "monaco-editor/features/wordOperations/register";
import "monaco-editor/features/wordPartOperations/register";
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
