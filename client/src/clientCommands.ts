// The commands the desktop and the web extension both register once their language client
// exists: fix all, the server's output, authoring; and the switch of plain-text profiles to XML.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { registerAuthoringCommands } from './authoring';
import { fixAll } from './fixAll';
import { registerPlainTextDetection } from './plainTextProfiles';

export function registerClientCommands(context: vscode.ExtensionContext, languageClient: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('aovpn.fixAll', () => fixAll(languageClient)),
    vscode.commands.registerCommand('aovpn.showOutput', () => languageClient.outputChannel.show(true)),
  );
  registerAuthoringCommands(context, languageClient);
  registerPlainTextDetection(context);
}
