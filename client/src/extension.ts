// The VS Code side: starts the language server and adds two commands. Everything about
// ProfileXML happens in the server; the client only connects it to the editor.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionTriggerKind,
  LanguageClient,
  TransportKind,
  type CodeAction,
  type CodeActionParams,
  type Command,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

const NAME = 'Always On VPN ProfileXML';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  // Profiles and scripts on disk feed the checks across files (server policy vs client suite).
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{xml,ps1,psm1}');
  context.subscriptions.push(watcher);
  const clientOptions: LanguageClientOptions = {
    // The server decides by content (root element VPNProfile), so every XML document is offered.
    documentSelector: [
      { scheme: 'file', language: 'xml' },
      { scheme: 'untitled', language: 'xml' },
      { scheme: 'file', language: 'powershell' },
      { scheme: 'untitled', language: 'powershell' },
    ],
    synchronize: { configurationSection: 'aovpn', fileEvents: watcher },
  };
  const languageClient = new LanguageClient('aovpn', NAME, serverOptions, clientOptions);
  client = languageClient;

  context.subscriptions.push(
    vscode.commands.registerCommand('aovpn.fixAll', () => fixAll(languageClient)),
    vscode.commands.registerCommand('aovpn.showOutput', () => languageClient.outputChannel.show(true)),
  );
  await languageClient.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** Asks this extension's server (not every code action provider) for source.fixAll and applies it. */
async function fixAll(languageClient: LanguageClient): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'xml') {
    void vscode.window.showInformationMessage(`${NAME}: open a ProfileXML file to fix it.`);
    return;
  }
  const document = editor.document;
  const version = document.version;
  const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
  const params: CodeActionParams = {
    textDocument: { uri: languageClient.code2ProtocolConverter.asUri(document.uri) },
    range: languageClient.code2ProtocolConverter.asRange(whole),
    context: { diagnostics: [], only: [CodeActionKind.SourceFixAll], triggerKind: CodeActionTriggerKind.Invoked },
  };
  const actions: (Command | CodeAction)[] | null = await languageClient.sendRequest(CodeActionRequest.method, params);
  const action = actions?.find((a): a is CodeAction => 'kind' in a && a.kind === CodeActionKind.SourceFixAll && !!a.edit);
  if (!action?.edit) {
    vscode.window.setStatusBarMessage(`${NAME}: nothing to fix automatically.`, 4000);
    return;
  }
  // Edits computed for an older version would land in the wrong place.
  if (document.version !== version) {
    void vscode.window.showInformationMessage(`${NAME}: the document changed while fixing; run the command again.`);
    return;
  }
  const edit = await languageClient.protocol2CodeConverter.asWorkspaceEdit(action.edit);
  if (!(await vscode.workspace.applyEdit(edit))) void vscode.window.showWarningMessage(`${NAME}: the fixes could not be applied.`);
}
