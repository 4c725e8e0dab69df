// The commands the desktop and the web extension both register once their language client
// exists: fix all, the server's output, authoring.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerAuthoringCommands } from './authoring';
import { fixAll } from './fixAll';

export function registerClientCommands(context: vscode.ExtensionContext, languageClient: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('aovpn.fixAll', () => fixAll(languageClient)),
    vscode.commands.registerCommand('aovpn.showOutput', () => languageClient.outputChannel.show(true)),
  );
  registerAuthoringCommands(context, languageClient);
}
