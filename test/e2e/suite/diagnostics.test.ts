// Diagnostics in a real VS Code: published by the language server for saved and untitled
// documents, recognised by content, and updated while the user types.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  openAndValidate,
  openUntitled,
  profileDiagnostics,
  SOURCE,
  waitForCode,
  waitForNoCode,
  workspaceText,
} from './helpers';

suite('Diagnostics', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('a ProfileXML file from the workspace gets the rule id, severity and the value as range', async () => {
    const { editor } = await openAndValidate('user-tunnel.xml');
    const uri = editor.document.uri;
    const diagnostic = await waitForCode(uri, 'crypto-suite-ignored-automatic');
    assert.equal(diagnostic.source, SOURCE);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(editor.document.getText(diagnostic.range), 'Automatic');
    assert.equal(editor.document.lineAt(diagnostic.range.start.line).text.trim(), '<NativeProtocolType>Automatic</NativeProtocolType>');
    assert.match(diagnostic.message, /ignores the CryptographySuite/);
    assert.match(diagnostic.message, /error 800/);
    assert.deepEqual(profileDiagnostics(uri).map(codeOf), ['crypto-suite-ignored-automatic'], describeDiagnostics(profileDiagnostics(uri)));
  });

  test('the clean device tunnel gets no diagnostics', async () => {
    const { editor } = await openAndValidate('device-tunnel.xml');
    assert.deepEqual(profileDiagnostics(editor.document.uri), []);
  });

  test('a profile typed into an untitled editor is recognised by content and re-checked on every edit', async () => {
    const profile = (await workspaceText('device-tunnel.xml')).replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>PPTP<');
    const editor = await openUntitled(profile);
    const uri = editor.document.uri;
    assert.equal(uri.scheme, 'untitled');
    const diagnostic = await waitForCode(uri, 'insecure-protocol');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(editor.document.getText(diagnostic.range), 'PPTP');

    // The user types the fix by hand: the diagnostic goes away without saving anything.
    assert.ok(await editor.edit((builder) => builder.replace(diagnostic.range, 'IKEv2')));
    await waitForNoCode(uri, 'insecure-protocol');
    assert.deepEqual(profileDiagnostics(uri), [], describeDiagnostics(profileDiagnostics(uri)));
  });

  test('plain XML that is not ProfileXML gets no diagnostics from the extension', async () => {
    const { editor } = await openAndValidate('not-a-profile.xml');
    assert.equal(editor.document.languageId, 'xml');
    assert.deepEqual(profileDiagnostics(editor.document.uri), []);
  });
});
