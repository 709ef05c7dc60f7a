/**
 * The editor's language features — completion, hover, go to definition, references, quick
 * fixes, rename, formatting — answered by the language service (compiler/service/) in the
 * compiler worker, once the worker has the text the editor shows.
 */
import type { CompletionKind, Range as ServiceRange, TextEdit } from "../../../compiler/service/index.js";
import type { ServiceCall, ServiceResult } from "../protocol.js";
import { store } from "../store.js";
import { modelUri, monaco } from "./monaco-setup.js";

async function ask<M extends ServiceCall["method"]>(call: Extract<ServiceCall, { method: M }>): Promise<ServiceResult<M> | undefined> {
  await store.settled();
  const answer = await store.compiler.request({ kind: "service", call });
  return answer.kind === "service" ? (answer.result as ServiceResult<M>) : undefined;
}

function pathOf(model: monaco.editor.ITextModel): string {
  return model.uri.path.slice(1);
}

function rangeOf(range: ServiceRange): monaco.IRange {
  return { startLineNumber: range.start.line, startColumn: range.start.column, endLineNumber: range.end.line, endColumn: range.end.column };
}

function positionOf(position: monaco.Position): { line: number; column: number } {
  return { line: position.lineNumber, column: position.column };
}

function textEdits(edits: readonly TextEdit[]): monaco.languages.IWorkspaceTextEdit[] {
  return edits.map((edit) => ({ resource: modelUri(edit.range.file), textEdit: { range: rangeOf(edit.range), text: edit.newText }, versionId: undefined }));
}

const completionKinds: { readonly [kind in CompletionKind]: monaco.languages.CompletionItemKind } = {
  keyword: monaco.languages.CompletionItemKind.Keyword,
  fact: monaco.languages.CompletionItemKind.Field,
  field: monaco.languages.CompletionItemKind.Field,
  parameter: monaco.languages.CompletionItemKind.Constant,
  output: monaco.languages.CompletionItemKind.Variable,
  definition: monaco.languages.CompletionItemKind.Variable,
  measure: monaco.languages.CompletionItemKind.Module,
  "enum-member": monaco.languages.CompletionItemKind.EnumMember,
  function: monaco.languages.CompletionItemKind.Function,
  unit: monaco.languages.CompletionItemKind.Unit,
  type: monaco.languages.CompletionItemKind.TypeParameter,
};

export function registerLanguageFeatures(): void {
  monaco.languages.registerCompletionItemProvider("tiao", {
    triggerCharacters: ["."],
    provideCompletionItems: async (model, position) => {
      const items = (await ask({ method: "completions", file: pathOf(model), position: positionOf(position) })) ?? [];
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, startColumn: word.startColumn, endLineNumber: position.lineNumber, endColumn: position.column };
      return {
        suggestions: items.map((item) => ({
          label: item.label,
          kind: completionKinds[item.kind],
          insertText: item.insertText ?? item.label,
          range,
          ...(item.detail === undefined ? {} : { detail: item.detail }),
          ...(item.documentation === undefined ? {} : { documentation: { value: item.documentation } }),
        })),
      };
    },
  });
  monaco.languages.registerHoverProvider("tiao", {
    provideHover: async (model, position) => {
      const hover = await ask({ method: "hover", file: pathOf(model), position: positionOf(position) });
      return hover === undefined || hover === null ? null : { range: rangeOf(hover.range), contents: [{ value: hover.markdown }] };
    },
  });
  monaco.languages.registerDefinitionProvider("tiao", {
    provideDefinition: async (model, position) => {
      const ranges = (await ask({ method: "definition", file: pathOf(model), position: positionOf(position) })) ?? [];
      return ranges.map((range) => ({ uri: modelUri(range.file), range: rangeOf(range) }));
    },
  });
  monaco.languages.registerReferenceProvider("tiao", {
    provideReferences: async (model, position, context) => {
      const ranges = (await ask({ method: "references", file: pathOf(model), position: positionOf(position), includeDeclaration: context.includeDeclaration })) ?? [];
      return ranges.map((range) => ({ uri: modelUri(range.file), range: rangeOf(range) }));
    },
  });
  monaco.languages.registerCodeActionProvider("tiao", {
    provideCodeActions: async (model, range) => {
      const file = pathOf(model);
      const fixes = (await ask({ method: "quickFixes", file, range: { file, start: { line: range.startLineNumber, column: range.startColumn }, end: { line: range.endLineNumber, column: range.endColumn } } })) ?? [];
      const markers = monaco.editor.getModelMarkers({ resource: model.uri, owner: "tiao" });
      return {
        actions: fixes.map((fix) => ({
          title: fix.title,
          kind: "quickfix",
          isPreferred: fixes.length === 1,
          diagnostics: markers.filter((marker) => marker.code === fix.diagnostic.code && marker.startLineNumber === fix.diagnostic.span.line && marker.startColumn === fix.diagnostic.span.column),
          edit: { edits: textEdits(fix.edits) },
        })),
        dispose: () => {},
      };
    },
  });
  monaco.languages.registerRenameProvider("tiao", {
    provideRenameEdits: async (model, position, newName) => {
      const result = await ask({ method: "rename", file: pathOf(model), position: positionOf(position), newName });
      if (result === undefined) return { edits: [] };
      if ("error" in result) return { edits: [], rejectReason: result.error };
      return { edits: textEdits(result) };
    },
  });
  monaco.languages.registerDocumentFormattingEditProvider("tiao", {
    provideDocumentFormattingEdits: async (model) => {
      const edits = (await ask({ method: "format", file: pathOf(model) })) ?? [];
      return edits.map((edit) => ({ range: rangeOf(edit.range), text: edit.newText }));
    },
  });
  // Go to definition in another file of the policy opens that file in the page's editor.
  monaco.editor.registerEditorOpener({
    openCodeEditor: (_source, resource, selection) => {
      const line = selection === undefined ? 1 : "startLineNumber" in selection ? selection.startLineNumber : selection.lineNumber;
      const column = selection === undefined ? 1 : "startColumn" in selection ? selection.startColumn : selection.column;
      store.reveal(resource.path.slice(1), line, column);
      return true;
    },
  });
}
