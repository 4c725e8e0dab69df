// Problems of closed files: deploy-profile.ps1 shows its problem in the Problems panel (here:
// vscode.languages.getDiagnostics, what the panel lists) before anyone opens it; the open
// document's own problems replace them while it is open; turning the setting off clears them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, codeOf, openWorkspaceFile, setWorkspaceSetting, waitForDiagnostics, workspaceUri } from './helpers';

const RULE = 'crypto-suite-ignored-automatic';
const FILE = 'deploy-profile.ps1';
const hasRule = (all: vscode.Diagnostic[]): boolean => all.some((d) => codeOf(d) === RULE);
const isOpen = (uri: vscode.Uri): boolean => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString() && !d.isClosed);

suite('Problems of closed files', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test(`${FILE} shows its problem without being opened, on the line of the mistake`, async () => {
    const uri = workspaceUri(FILE);
    assert.ok(!isOpen(uri), `${FILE} is open: the test needs it closed`);
    // The list may have been published before this suite was loaded: what is there now counts (-1).
    const diagnostics = await waitForDiagnostics(uri, hasRule, `${RULE} in the closed ${FILE}`, -1);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    const line = text.split('\n').findIndex((l) => l.includes('<NativeProtocolType>Automatic</NativeProtocolType>'));
    assert.equal(diagnostics.find((d) => codeOf(d) === RULE)?.range.start.line, line);
    assert.ok(!isOpen(uri), 'reading its problems did not open it');
  });

  test('while it is open the editor’s text counts; closed without saving, the file’s problem comes back', async () => {
    const uri = workspaceUri(FILE);
    await waitForDiagnostics(uri, hasRule, `${RULE} in the closed ${FILE}`, -1);
    const editor = await openWorkspaceFile(FILE);
    const text = editor.document.getText();
    const start = editor.document.positionAt(text.indexOf('Automatic</NativeProtocolType>'));
    await editor.edit((edit) => edit.replace(new vscode.Range(start, start.translate(0, 'Automatic'.length)), 'IKEv2'));
    await waitForDiagnostics(uri, (all) => !hasRule(all), `${RULE} to go once the open script is corrected`);
    await closeAllEditors();
    await waitForDiagnostics(uri, hasRule, `${RULE} back from the file on disk`);
  });

  test('turned off, the closed files’ problems are cleared; turned on, they come back', async () => {
    const uri = workspaceUri(FILE);
    await waitForDiagnostics(uri, hasRule, `${RULE} in the closed ${FILE}`, -1);
    const restore = await setWorkspaceSetting('workspaceDiagnostics', 'off');
    try {
      await waitForDiagnostics(uri, (all) => all.length === 0, 'the closed file’s problems to be cleared');
    } finally {
      await restore();
    }
    await waitForDiagnostics(uri, hasRule, `${RULE} back with the setting at its default`);
  });
});
