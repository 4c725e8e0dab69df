// The web extension (VS Code for the Web, vscode.dev / github.dev): the same commands as the
// desktop extension, with the language server in a web worker (dist/browser/server.js) instead of
// a Node process. The worker fetches the PowerShell grammar (WebAssembly) from dist/, relative to itself.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { registerAuthoringCommands } from './authoring';
import { fixAll } from './fixAll';

/** The browser's Worker constructor (the client compiles without the DOM library). */
declare const Worker: new (scriptUrl: string) => ServerOptions;

const NAME = 'Always On VPN ProfileXML';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const clientOptions: LanguageClientOptions = {
    // Every scheme: web workspaces are virtual (vscode-vfs://, memfs:, …).
    documentSelector: [{ language: 'xml' }, { language: 'powershell' }],
    synchronize: { configurationSection: 'aovpn' },
    // Workers may start from a blob: URL: the server resolves its WebAssembly files against this one.
    initializationOptions: { wasmBaseUrl: serverMain.toString() },
  };
  const worker = new Worker(serverMain.toString(true));
  const languageClient = new LanguageClient('aovpn', NAME, clientOptions, worker);
  client = languageClient;
  context.subscriptions.push(
    vscode.commands.registerCommand('aovpn.fixAll', () => fixAll(languageClient)),
    vscode.commands.registerCommand('aovpn.showOutput', () => languageClient.outputChannel.show(true)),
  );
  registerAuthoringCommands(context, languageClient);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
