// Settings take effect without a reload: the server re-validates open documents on change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  openAndValidate,
  setWorkspaceSetting,
  SOURCE,
  waitForCode,
  waitForDiagnostics,
  waitForNoCode,
} from './helpers';

suite('Settings', () => {
  let restore: (() => Promise<void>) | undefined;
  suiteSetup(activateExtension);
  teardown(async () => {
    await restore?.();
    restore = undefined;
    await closeAllEditors();
  });

  test('aovpn.rules "off" removes the diagnostic, and removing the setting brings it back', async () => {
    const { editor } = await openAndValidate('user-tunnel.xml');
    const uri = editor.document.uri;
    await waitForCode(uri, 'crypto-suite-ignored-automatic');

    restore = await setWorkspaceSetting('rules', { 'crypto-suite-ignored-automatic': 'off' });
    await waitForNoCode(uri, 'crypto-suite-ignored-automatic');

    await restore();
    restore = undefined;
    await waitForCode(uri, 'crypto-suite-ignored-automatic');
  });

  test('aovpn.rules can raise a rule to error', async () => {
    const { editor } = await openAndValidate('user-tunnel.xml');
    const uri = editor.document.uri;
    await waitForCode(uri, 'crypto-suite-ignored-automatic');

    restore = await setWorkspaceSetting('rules', { 'crypto-suite-ignored-automatic': 'error' });
    await waitForDiagnostics(
      uri,
      (all) =>
        all.some(
          (d) => d.source === SOURCE && codeOf(d) === 'crypto-suite-ignored-automatic' && d.severity === vscode.DiagnosticSeverity.Error,
        ),
      'crypto-suite-ignored-automatic as an error',
    );
  });

  test('aovpn.deployment "intune" turns on the Intune rules', async () => {
    const { editor } = await openAndValidate('user-tunnel.xml');
    const uri = editor.document.uri;
    await waitForCode(uri, 'crypto-suite-ignored-automatic');
    assert.ok(!vscode.languages.getDiagnostics(uri).some((d) => codeOf(d) === 'intune-machine-method-missing'));

    restore = await setWorkspaceSetting('deployment', 'intune');
    const diagnostic = await waitForCode(uri, 'intune-machine-method-missing');
    assert.equal(editor.document.getText(diagnostic.range), 'UserMethod');

    await restore();
    restore = undefined;
    await waitForNoCode(uri, 'intune-machine-method-missing');
  });
});
