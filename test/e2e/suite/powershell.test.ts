// ProfileXML embedded in a PowerShell deployment script (a here-string assigned to $ProfileXML)
// is checked as ProfileXML, with diagnostics and fixes placed in the script itself.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyQuickFix,
  closeAllEditors,
  codeOf,
  describeDiagnostics,
  openAndValidate,
  waitForDiagnostics,
} from './helpers';

const RULE = 'crypto-suite-ignored-automatic';
const isRule = (d: vscode.Diagnostic): boolean => codeOf(d) === RULE && (d.source === 'profilexml' || d.source === 'aovpn-powershell');

suite('PowerShell scripts with embedded ProfileXML', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('the here-string profile in deploy-profile.ps1 gets its diagnostic on the script line', async () => {
    const { editor } = await openAndValidate('deploy-profile.ps1');
    const { document } = editor;
    assert.equal(document.languageId, 'powershell');
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some(isRule), `a ${RULE} diagnostic inside the here-string`);
    const diagnostic = diagnostics.find(isRule)!;
    assert.equal(document.getText(diagnostic.range), 'Automatic', describeDiagnostics(diagnostics));
    assert.equal(document.lineAt(diagnostic.range.start.line).text.trim(), '<NativeProtocolType>Automatic</NativeProtocolType>');
  });

  test('its quick fix edits the profile inside the script', async () => {
    const { editor } = await openAndValidate('deploy-profile.ps1');
    const { document } = editor;
    const before = document.getText();
    const diagnostics = await waitForDiagnostics(document.uri, (all) => all.some(isRule), `a ${RULE} diagnostic inside the here-string`);
    await applyQuickFix(document.uri, diagnostics.find(isRule)!.range, 'Set NativeProtocolType to IKEv2');
    assert.equal(
      document.getText(),
      before.replace('<NativeProtocolType>Automatic</NativeProtocolType>', '<NativeProtocolType>IKEv2</NativeProtocolType>'),
    );
    await waitForDiagnostics(document.uri, (all) => !all.some(isRule), `${RULE} to disappear`);
  });
});
