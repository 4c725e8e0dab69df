// "Fix All Auto-Fixable Problems": the server's source.fixAll for the active ProfileXML document.
// Shared by the desktop and the web extension.
import * as vscode from 'vscode';
import {
  CodeActionKind,
  CodeActionRequest,
  CodeActionTriggerKind,
  type BaseLanguageClient,
  type CodeAction,
  type CodeActionParams,
  type Command,
} from 'vscode-languageclient';
import { NAME } from './name';

/** Asks this extension's server (not every code action provider) for source.fixAll and applies it. */
export async function fixAll(languageClient: BaseLanguageClient): Promise<void> {
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
