// extension.js - the BDL extension: starts `bdl lsp` for .bdl documents through
// vscode-languageclient; every feature comes from the server (docs/editors.md).
'use strict';
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function start() {
  const config = vscode.workspace.getConfiguration('bdl');
  const server = { command: config.get('path', 'bdl'), args: ['lsp'] };
  client = new LanguageClient('bdl', 'BDL', { run: server, debug: server }, {
    documentSelector: [{ language: 'bdl' }],
    initializationOptions: {
      maxErrors: config.get('maxErrors', 50),
      allowOutside: config.get('allowOutside', false),
    },
    // an imported file changed on disk: the server compiles the open documents again
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.bdl') },
  });
  return client.start();
}

async function restart() {
  if (client) {
    await client.stop();
  }
  await start();
}

exports.activate = function (context) {
  context.subscriptions.push(vscode.commands.registerCommand('bdl.restartServer', restart));
  context.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('bdl')) {
      restart();
    }
  }));
  return start();
};

exports.deactivate = function () {
  return client ? client.stop() : undefined;
};
