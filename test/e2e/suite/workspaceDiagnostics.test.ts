// Problems of closed files: a script nobody opened shows its problem in the Problems panel (here:
// vscode.languages.getDiagnostics, what the panel lists); turning the setting off clears it,
// deleting the file too; while a file is open the editor's text counts.
//
// VS Code keeps a document open for a while after its editor closes (the language server hears of
// the close later), so the closed-file checks use a script that no test ever opens, written into
// the workspace copy by this suite.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  openWorkspaceFile,
  setWorkspaceSetting,
  waitForDiagnostics,
  workspaceText,
  workspaceUri,
} from './helpers';

const RULE = 'crypto-suite-ignored-automatic';
const EXAMPLE = 'deploy-profile.ps1';
const NEVER_OPENED = 'never-opened.ps1';
// Only the language server's own diagnostics: the lint task's problem matcher (an earlier suite)
// leaves its snapshot of the same finding, source profilexml-lint, until the task runs again.
const fromServer = (d: vscode.Diagnostic): boolean => d.source === 'profilexml' || d.source === 'aovpn-powershell';
const hasRule = (all: vscode.Diagnostic[]): boolean => all.some((d) => fromServer(d) && codeOf(d) === RULE);
const isOpen = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());

suite('Problems of closed files', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('a script nobody opened shows its problem, on the line of the mistake', async () => {
    const uri = workspaceUri(NEVER_OPENED);
    const text = await workspaceText(EXAMPLE);
    // Created on disk, as another tool or a git pull would: the server's watcher reads it.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const diagnostics = await waitForDiagnostics(uri, hasRule, `${RULE} in the closed ${NEVER_OPENED}`, -1);
    const line = text.split('\n').findIndex((l) => l.includes('<NativeProtocolType>Automatic</NativeProtocolType>'));
    assert.equal(diagnostics.find((d) => codeOf(d) === RULE)?.range.start.line, line);
    assert.ok(!isOpen(uri), 'reading its problems did not open it');
  });

  test('turned off, the closed file’s problems are cleared; back at the default, they come back', async () => {
    const uri = workspaceUri(NEVER_OPENED);
    await waitForDiagnostics(uri, hasRule, `${RULE} in the closed ${NEVER_OPENED}`, -1);
    const restore = await setWorkspaceSetting('workspaceDiagnostics', 'off');
    try {
      await waitForDiagnostics(uri, (all) => !all.some(fromServer), 'the closed file’s problems to be cleared');
    } finally {
      await restore();
    }
    await waitForDiagnostics(uri, hasRule, `${RULE} back with the setting at its default`);
    assert.ok(!isOpen(uri));
  });

  test('deleted, its problems are cleared', async () => {
    const uri = workspaceUri(NEVER_OPENED);
    await waitForDiagnostics(uri, hasRule, `${RULE} in the closed ${NEVER_OPENED}`, -1);
    await vscode.workspace.fs.delete(uri);
    await waitForDiagnostics(uri, (all) => !all.some(fromServer), 'the deleted file’s problems to be cleared');
  });

  test(`${EXAMPLE}: while it is open the editor’s text counts; closed without saving, the file’s problem is back`, async () => {
    const uri = workspaceUri(EXAMPLE);
    await waitForDiagnostics(uri, hasRule, `${RULE} in ${EXAMPLE}`, -1);
    const editor = await openWorkspaceFile(EXAMPLE);
    const text = editor.document.getText();
    const start = editor.document.positionAt(text.indexOf('Automatic</NativeProtocolType>'));
    await editor.edit((edit) => edit.replace(new vscode.Range(start, start.translate(0, 'Automatic'.length)), 'IKEv2'));
    await waitForDiagnostics(uri, (all) => !hasRule(all), `${RULE} to go once the open script is corrected`);
    await closeAllEditors();
    await waitForDiagnostics(uri, hasRule, `${RULE} back from the file on disk`, -1);
  });
});
