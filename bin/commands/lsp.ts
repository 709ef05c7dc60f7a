/**
 * `tiao lsp`: a Language Server over standard input and output, for editors other than the
 * playground. Every answer comes from the language service (compiler/service/), as in the
 * playground; this module only translates between the protocol and the service, and
 * reads from disk what no editor has open.
 *
 * A policy is a folder of .tiao files: a document belongs to the policy of its folder, whose
 * other files are read from disk unless the editor has them open, and whose notice is the
 * one its header names, read as `tiao check` reads it.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  CodeActionKind,
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  LSPErrorCodes,
  MarkupKind,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic as ProtocolDiagnostic,
  type Location,
  type Range as ProtocolRange,
  type TextEdit as ProtocolTextEdit,
  type WorkspaceEdit,
} from "vscode-languageserver/node";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import {
  createLanguageService,
  type CompletionKind,
  type LanguageService,
  type Position,
  type Range,
  type TextEdit,
} from "../../compiler/service/index.js";
import { rangeOfSpan } from "../../compiler/service/text.js";
import { ExitStatus, UsageError, type ExitCode } from "../exit.js";
import { readNoticeFile } from "../notice-file.js";
import { commandUsage } from "../usage.js";
import { definedProperties } from "../../compiler/defined-properties.js";

export async function lsp(args: readonly string[]): Promise<ExitCode> {
  // `--stdio` is what editors' clients pass; standard input and output are the only transport
  const unexpected = args.find((arg) => arg !== "--stdio");
  if (unexpected !== undefined) throw new UsageError(`unexpected argument '${unexpected}'`, commandUsage.lsp);
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  const server = new PolicyServer(connection);
  server.listen();
  return new Promise((resolve) => {
    connection.onExit(() => resolve(server.shutDown ? ExitStatus.ok : ExitStatus.failed));
  });
}

const completionKinds: Readonly<Record<CompletionKind, CompletionItemKind>> = {
  keyword: CompletionItemKind.Keyword,
  fact: CompletionItemKind.Field,
  field: CompletionItemKind.Field,
  parameter: CompletionItemKind.Constant,
  output: CompletionItemKind.Property,
  definition: CompletionItemKind.Variable,
  measure: CompletionItemKind.Module,
  "enum-member": CompletionItemKind.EnumMember,
  function: CompletionItemKind.Function,
  unit: CompletionItemKind.Unit,
  type: CompletionItemKind.TypeParameter,
};

/** The policy of one folder: its service and the files last given to it. */
interface Policy {
  readonly folder: string;
  readonly service: LanguageService;
  /** the paths that were given diagnostics, to clear those that have none any more */
  published: ReadonlySet<string>;
}

class PolicyServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly policies = new Map<string, Policy>();
  shutDown = false;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize(() => ({
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: ["."] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: true,
        documentFormattingProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: "tiao" },
    }));
    connection.onShutdown(() => {
      this.shutDown = true;
    });
    documents.onDidChangeContent((change) => this.update(change.document.uri));
    documents.onDidClose((change) => this.update(change.document.uri));

    connection.onCompletion(({ textDocument, position }) =>
      this.at(textDocument.uri, position, (service, path, at) =>
        service.completions(path, at).map((item) => ({
          label: item.label,
          kind: completionKinds[item.kind],
          ...definedProperties({ detail: item.detail, documentation: item.documentation, insertText: item.insertText }),
        })),
      ) ?? [],
    );
    connection.onHover(({ textDocument, position }) =>
      this.at(textDocument.uri, position, (service, path, at) => {
        const hover = service.hover(path, at);
        return hover === undefined ? null : { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: protocolRange(hover.range) };
      }) ?? null,
    );
    connection.onDefinition(({ textDocument, position }) =>
      this.at(textDocument.uri, position, (service, path, at) => service.definition(path, at).map(location)) ?? [],
    );
    connection.onReferences(({ textDocument, position, context }) =>
      this.at(textDocument.uri, position, (service, path, at) =>
        service.references(path, at, { includeDeclaration: context.includeDeclaration }).map(location),
      ) ?? [],
    );
    connection.onRenameRequest(({ textDocument, position, newName }) => {
      const edits = this.at(textDocument.uri, position, (service, path, at) => service.rename(path, at, newName));
      if (edits === undefined) return null;
      if (!Array.isArray(edits)) return new ResponseError(LSPErrorCodes.RequestFailed, "error" in edits ? edits.error : "cannot rename");
      return workspaceEdit(edits);
    });
    connection.onDocumentFormatting(({ textDocument }) => {
      const path = pathOf(textDocument.uri);
      return path === undefined ? [] : this.policyOf(path).service.format(path).map(protocolEdit);
    });
    connection.onCodeAction(({ textDocument, range }) => {
      const path = pathOf(textDocument.uri);
      if (path === undefined) return [];
      const fixes = this.policyOf(path).service.quickFixes(path, { file: path, start: servicePosition(range.start), end: servicePosition(range.end) });
      return fixes.map((fix) => ({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [protocolDiagnostic(fix.diagnostic)],
        edit: workspaceEdit(fix.edits),
      }));
    });
    documents.listen(connection);
    connection.listen();
  }

  /** Runs a request at a position of a document of a policy; undefined for a document that is not a file. */
  private at<T>(uri: string, position: { line: number; character: number }, answer: (service: LanguageService, path: string, at: Position) => T): T | undefined {
    const path = pathOf(uri);
    return path === undefined ? undefined : answer(this.policyOf(path).service, path, servicePosition(position));
  }

  private policyOf(path: string): Policy {
    const folder = dirname(path);
    let policy = this.policies.get(folder);
    if (policy === undefined) {
      policy = { folder, service: createLanguageService(), published: new Set() };
      this.policies.set(folder, policy);
      this.compile(policy);
    }
    return policy;
  }

  private update(uri: string): void {
    const path = pathOf(uri);
    if (path === undefined) return;
    const policy = this.policyOf(path);
    this.compile(policy);
    this.publish(policy);
  }

  /** The policy's files, as open in the editor or else as on disk, compiled as `tiao check` compiles them. */
  private compile(policy: Policy): void {
    const open = new Map(
      this.documents
        .all()
        .map((document) => [pathOf(document.uri), document.getText()] as const)
        .filter(([path]) => path !== undefined && dirname(path) === policy.folder),
    );
    const onDisk = tiaoFilesIn(policy.folder);
    const paths = [...new Set([...onDisk, ...[...open.keys()].filter((path): path is string => path !== undefined)])].sort();
    const sources = paths.flatMap((path) => {
      const text = open.get(path) ?? readIfPossible(path);
      return text === undefined ? [] : [{ path, text }];
    });
    policy.service.setFiles(sources, { readNotice: (fileName) => readNoticeFile(policy.folder, fileName) });
  }

  private publish(policy: Policy): void {
    const byFile = new Map<string, ProtocolDiagnostic[]>();
    for (const diagnostic of policy.service.diagnostics()) {
      const list = byFile.get(diagnostic.span.file) ?? [];
      list.push(protocolDiagnostic(diagnostic));
      byFile.set(diagnostic.span.file, list);
    }
    const open = this.documents.all().map((document) => pathOf(document.uri)).filter((path): path is string => path !== undefined && dirname(path) === policy.folder);
    for (const path of new Set([...policy.published, ...byFile.keys(), ...open])) {
      void this.connection.sendDiagnostics({ uri: pathToFileURL(path).href, diagnostics: byFile.get(path) ?? [] });
    }
    policy.published = new Set(byFile.keys());
  }
}

function tiaoFilesIn(folder: string): string[] {
  try {
    return readdirSync(folder)
      .filter((name) => name.endsWith(".tiao"))
      .map((name) => join(folder, name));
  } catch {
    return [];
  }
}

function readIfPossible(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function pathOf(uri: string): string | undefined {
  return uri.startsWith("file:") ? fileURLToPath(uri) : undefined;
}

/** The protocol counts lines and characters (UTF-16 units) from 0; the service from 1. */
function servicePosition(position: { readonly line: number; readonly character: number }): Position {
  return { line: position.line + 1, column: position.character + 1 };
}

function protocolRange(range: Range): ProtocolRange {
  return {
    start: { line: range.start.line - 1, character: range.start.column - 1 },
    end: { line: range.end.line - 1, character: range.end.column - 1 },
  };
}

function location(range: Range): Location {
  return { uri: pathToFileURL(range.file).href, range: protocolRange(range) };
}

function protocolEdit(edit: TextEdit): ProtocolTextEdit {
  return { range: protocolRange(edit.range), newText: edit.newText };
}

function workspaceEdit(edits: readonly TextEdit[]): WorkspaceEdit {
  const changes: Record<string, ProtocolTextEdit[]> = {};
  for (const edit of edits) (changes[pathToFileURL(edit.range.file).href] ??= []).push(protocolEdit(edit));
  return { changes };
}

function protocolDiagnostic(diagnostic: Diagnostic): ProtocolDiagnostic {
  return {
    range: protocolRange(rangeOfSpan(diagnostic.span)),
    severity: diagnostic.severity === "error" ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    code: diagnostic.code,
    source: "tiao",
    message: diagnostic.help === undefined ? diagnostic.message : `${diagnostic.message}\nhelp: ${diagnostic.help}`,
    ...(diagnostic.labels === undefined
      ? {}
      : {
          relatedInformation: diagnostic.labels.map((label) => ({
            location: location(rangeOfSpan(label.span)),
            message: label.message,
          })),
        }),
  };
}
