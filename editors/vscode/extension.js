// The client of `tiao lsp`: starts the language server of the tiao command for .tiao files.
const { workspace } = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const [command, ...args] = workspace.getConfiguration("tiao").get("command") ?? ["npx", "tiao"];
  client = new LanguageClient(
    "tiao",
    "tiao",
    { command, args: [...args, "lsp", "--stdio"] },
    { documentSelector: [{ scheme: "file", language: "tiao" }] },
  );
  return client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
