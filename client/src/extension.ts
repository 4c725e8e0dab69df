// The VS Code side: starts the language server and adds the commands (fix all, output, authoring). Everything about
// ProfileXML happens in the server; the client only connects it to the editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CANDIDATE_GLOB } from '../../server/src/host/workspaceFeedProtocol';
import { registerClientCommands } from './clientCommands';
import { registerConventions } from './conventions';
import { registerLintTask } from './lintTask';
import { NAME } from './name';
import { SERVER_NODE_OPTIONS } from './serverProcess';
import { createTraceChannel } from './trace';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_OPTIONS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_OPTIONS, '--nolazy', '--inspect=6009'] },
    },
  };
  // Profiles and scripts on disk feed the checks across files (server policy vs client suite).
  const watcher = vscode.workspace.createFileSystemWatcher(CANDIDATE_GLOB);
  context.subscriptions.push(watcher);
  const traceOutputChannel = createTraceChannel(`${NAME} (Trace)`);
  context.subscriptions.push(traceOutputChannel);
  const clientOptions: LanguageClientOptions = {
    // The server decides by content (root element VPNProfile), so every XML document is offered.
    documentSelector: [
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
      { scheme: 'file', language: 'powershell' },
      { scheme: 'untitled', language: 'powershell' },
    ],
    synchronize: { configurationSection: 'aovpn', fileEvents: watcher },
    traceOutputChannel,
  };
  const languageClient = new LanguageClient('aovpn', NAME, serverOptions, clientOptions);
  client = languageClient;

  registerClientCommands(context, languageClient);
  registerConventions(context, languageClient);
  registerLintTask(context);
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
