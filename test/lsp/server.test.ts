/**
 * `tiao lsp` driven as an editor drives it: JSON-RPC over standard input and output, on the
 * Lanzhou policy (read from disk, with one file open and edited in the editor). Build first.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { repositoryRoot } from "../e2e/tiao.js";
import { LanguageClient } from "./client.js";

const folder = join(repositoryRoot, "policies", "lanzhou-2021-289");
const m4 = pathToFileURL(join(folder, "m4.tiao")).href;
const parameters = pathToFileURL(join(folder, "parameters.tiao")).href;
const m4Text = readFileSync(join(folder, "m4.tiao"), "utf8");

/** The protocol's position (0-based) of `needle` in `text`, `shift` units into it. */
function at(text: string, needle: string, shift = 0): { line: number; character: number } {
  const offset = text.indexOf(needle);
  if (offset < 0) throw new Error(`\`${needle}\` not found`);
  const before = text.slice(0, offset + shift).split("\n");
  return { line: before.length - 1, character: before[before.length - 1]?.length ?? 0 };
}

interface PublishedDiagnostics {
  readonly uri: string;
  readonly diagnostics: readonly { readonly code: string; readonly message: string; readonly range: unknown }[];
}

const client = new LanguageClient();
afterAll(() => client.kill());

function diagnosticsOf(uri: string): Promise<PublishedDiagnostics> {
  return client.notification((message) => message.method === "textDocument/publishDiagnostics" && (message.params as PublishedDiagnostics).uri === uri).then((message) => message.params as PublishedDiagnostics);
}

describe("tiao lsp", { timeout: 30_000 }, () => {
  test("initializes with the features of the language service", async () => {
    const response = await client.request("initialize", { processId: null, rootUri: pathToFileURL(repositoryRoot).href, capabilities: {} });
    const capabilities = (response.result as { capabilities: Record<string, unknown> }).capabilities;
    expect(capabilities).toMatchObject({
      completionProvider: { triggerCharacters: ["."] },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: true,
      documentFormattingProvider: true,
      codeActionProvider: { codeActionKinds: ["quickfix"] },
    });
    client.notify("initialized", {});
  });

  test("publishes no diagnostics for the policy as it is, then the CLI's diagnostic after an edit", async () => {
    client.notify("textDocument/didOpen", { textDocument: { uri: m4, languageId: "tiao", version: 1, text: m4Text } });
    expect((await diagnosticsOf(m4)).diagnostics).toEqual([]);
    const position = at(m4Text, "ui_benefit_standard");
    client.notify("textDocument/didChange", {
      textDocument: { uri: m4, version: 2 },
      contentChanges: [{ range: { start: position, end: { line: position.line, character: position.character + "ui_benefit_standard".length } }, text: "ui_benefit_standrd" }],
    });
    const published = await diagnosticsOf(m4);
    expect(published.diagnostics).toEqual([
      {
        range: { start: position, end: { line: position.line, character: position.character + "ui_benefit_standrd".length } },
        severity: 1,
        code: "T0201",
        source: "tiao",
        message: "unknown name `ui_benefit_standrd`\nhelp: did you mean `ui_benefit_standard`?",
      },
    ]);
  });

  test("offers the quick fix of the diagnostic, as an edit of the document", async () => {
    const position = at(m4Text, "ui_benefit_standard", 2);
    const response = await client.request("textDocument/codeAction", { textDocument: { uri: m4 }, range: { start: position, end: position }, context: { diagnostics: [] } });
    const [action] = response.result as { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } }[];
    expect(action?.title).toBe("replace `ui_benefit_standrd` with `ui_benefit_standard`");
    expect(action?.kind).toBe("quickfix");
    expect(action?.edit.changes[m4]?.map((edit) => edit.newText)).toEqual(["ui_benefit_standard"]);
  });

  test("completes the facts after `person.`, in the edited text", async () => {
    const response = await client.request("textDocument/completion", { textDocument: { uri: m4 }, position: at(m4Text, "person.insured_months", "person.".length) });
    const items = response.result as { label: string; kind: number; detail?: string }[];
    expect(items.map((item) => item.label)).toEqual(expect.arrayContaining(["insured_months", "ui_status", "migrant_worker"]));
    expect(items.find((item) => item.label === "insured_months")).toMatchObject({ kind: 5, detail: "months" });
  });

  test("hovers, goes to the definition in another file and finds references", async () => {
    const position = at(m4Text, "unemployment_subsidy_rate");
    const hover = (await client.request("textDocument/hover", { textDocument: { uri: m4 }, position })).result as { contents: { kind: string; value: string } };
    expect(hover.contents.kind).toBe("markdown");
    expect(hover.contents.value).toContain("**parameter** `unemployment_subsidy_rate: percent`");
    const definition = (await client.request("textDocument/definition", { textDocument: { uri: m4 }, position })).result as { uri: string }[];
    expect(definition.map((each) => each.uri)).toEqual([parameters]);
    const references = (await client.request("textDocument/references", { textDocument: { uri: m4 }, position, context: { includeDeclaration: true } })).result as { uri: string }[];
    expect(new Set(references.map((each) => each.uri))).toEqual(new Set([m4, parameters]));
  });

  test("renames across files, and refuses a reserved word with the reason", async () => {
    const position = at(m4Text, "unemployment_subsidy_rate");
    const rename = (await client.request("textDocument/rename", { textDocument: { uri: m4 }, position, newName: "subsidy_rate" })).result as { changes: Record<string, { newText: string }[]> };
    expect(Object.keys(rename.changes).sort()).toEqual([m4, parameters].sort());
    expect(Object.values(rename.changes).flat().every((edit) => edit.newText === "subsidy_rate")).toBe(true);
    const refused = await client.request("textDocument/rename", { textDocument: { uri: m4 }, position, newName: "when" });
    expect(refused.error?.message).toBe("`when` is a reserved word: choose another name");
  });

  test("formats a document out of layout, and clears the diagnostics when the text is right again", async () => {
    client.notify("textDocument/didChange", { textDocument: { uri: m4, version: 3 }, contentChanges: [{ text: m4Text.replace("  let insured_unemployed: bool\n    = person", "let insured_unemployed: bool =   person") }] });
    expect((await diagnosticsOf(m4)).diagnostics).toEqual([]);
    const edits = (await client.request("textDocument/formatting", { textDocument: { uri: m4 }, options: { tabSize: 2, insertSpaces: true } })).result as { newText: string }[];
    expect(edits.map((edit) => edit.newText)).toEqual([m4Text]);
  });

  test("shuts down and exits with status 0", async () => {
    expect((await client.request("shutdown", null)).error).toBeUndefined();
    client.notify("exit", null);
    expect(await client.exited).toBe(0);
  });
});
