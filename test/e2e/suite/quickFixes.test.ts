// The headline quick fixes, asked for and applied the way the light bulb does it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyQuickFix,
  closeAllEditors,
  describeDiagnostics,
  openAndValidate,
  openUntitled,
  profileDiagnostics,
  quickFixesAt,
  waitForCode,
  waitForNoCode,
  workspaceText,
} from './helpers';

const SUITE_BLOCK = / {4}<CryptographySuite>[\s\S]*?<\/CryptographySuite>\n/;

suite('Quick fixes', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('"Set NativeProtocolType to IKEv2" fixes crypto-suite-ignored-automatic in a workspace file', async () => {
    const { editor } = await openAndValidate('user-tunnel.xml');
    const { document } = editor;
    const before = document.getText();
    const diagnostic = await waitForCode(document.uri, 'crypto-suite-ignored-automatic');

    const titles = (await quickFixesAt(document.uri, diagnostic.range)).map((a) => a.title);
    assert.ok(titles.includes('Set NativeProtocolType to IKEv2'), titles.join(' | '));
    await applyQuickFix(document.uri, diagnostic.range, 'Set NativeProtocolType to IKEv2');

    const expected = before.replace('<NativeProtocolType>Automatic</NativeProtocolType>', '<NativeProtocolType>IKEv2</NativeProtocolType>');
    assert.notEqual(expected, before);
    assert.equal(document.getText(), expected);
    await waitForNoCode(document.uri, 'crypto-suite-ignored-automatic');
    assert.deepEqual(profileDiagnostics(document.uri), [], describeDiagnostics(profileDiagnostics(document.uri)));
  });

  test('"Insert the baseline CryptographySuite" fixes ikev2-default-crypto where the suite belongs', async () => {
    const clean = await workspaceText('device-tunnel.xml');
    const withoutSuite = clean.replace(SUITE_BLOCK, '');
    assert.notEqual(withoutSuite, clean);
    const { document } = await openUntitled(withoutSuite);
    const diagnostic = await waitForCode(document.uri, 'ikev2-default-crypto');
    assert.equal(document.getText(diagnostic.range), 'IKEv2');

    await applyQuickFix(document.uri, diagnostic.range, 'Insert the baseline CryptographySuite');
    // The inserted suite is exactly the one the clean example has, in the same place and indentation.
    assert.equal(document.getText(), clean);
    await waitForNoCode(document.uri, 'ikev2-default-crypto');
    assert.deepEqual(profileDiagnostics(document.uri), [], describeDiagnostics(profileDiagnostics(document.uri)));
  });

  test('"Fix All Auto-Fixable Problems" applies every preferred fix at once', async () => {
    const broken = (await workspaceText('device-tunnel.xml'))
      .replace(SUITE_BLOCK, '')
      .replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>ikev2<');
    const editor = await openUntitled(broken);
    const { document } = editor;
    await waitForCode(document.uri, 'ikev2-default-crypto');
    await waitForCode(document.uri, 'non-canonical-value');

    await vscode.commands.executeCommand('aovpn.fixAll');
    assert.equal(document.getText(), await workspaceText('device-tunnel.xml'));
    await waitForNoCode(document.uri, 'ikev2-default-crypto');
    await waitForNoCode(document.uri, 'non-canonical-value');
  });

  test('fix-all in the light bulb comes without edits and VS Code resolves them when it is picked', async () => {
    const broken = (await workspaceText('device-tunnel.xml'))
      .replace(SUITE_BLOCK, '')
      .replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>ikev2<');
    const { document } = await openUntitled(broken);
    const diagnostic = await waitForCode(document.uri, 'non-canonical-value');
    const fixAllOf = (actions: (vscode.CodeAction | vscode.Command)[] | undefined): vscode.CodeAction | undefined =>
      (actions ?? []).find((a): a is vscode.CodeAction => 'kind' in a && !!a.kind && vscode.CodeActionKind.SourceFixAll.contains(a.kind));
    // Asked as the light bulb asks (every kind), without resolving: the server defers the edits.
    const unresolved = fixAllOf(await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range));
    assert.ok(unresolved, 'fix-all is offered in the light bulb');
    assert.equal(unresolved.edit, undefined, 'its edits are not computed until it is picked');
    // Resolved as VS Code does when the user picks it (itemResolveCount).
    const resolved = fixAllOf(
      await vscode.commands.executeCommand('vscode.executeCodeActionProvider', document.uri, diagnostic.range, undefined, 50),
    );
    assert.ok(resolved?.edit, 'VS Code resolved the edits through codeAction/resolve');
    assert.equal(await vscode.workspace.applyEdit(resolved.edit), true);
    assert.equal(document.getText(), await workspaceText('device-tunnel.xml'));
  });
});
