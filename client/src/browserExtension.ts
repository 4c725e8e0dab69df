// The web extension (VS Code for the Web, vscode.dev / github.dev): the same commands as the
// desktop extension, with the language server in a web worker (dist/browser/server.js) instead of
// a Node process. The worker fetches the PowerShell grammar (WebAssembly) from dist/, relative to itself.
import * as vscode from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/browser';
import { registerClientCommands } from './clientCommands';
import { NAME } from './name';

/** The browser's Worker constructor (the client compiles without the DOM library). */
declare const Worker: new (scriptUrl: string) => ServerOptions;

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
  registerClientCommands(context, languageClient);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
