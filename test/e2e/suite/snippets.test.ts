// Whole-block snippets come from the language server's completion, only where their block may go
// and only in ProfileXML: not contributed to every XML file any more.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  describeDiagnostics,
  openUntitled,
  openWorkspaceFile,
  positionAfter,
  profileDiagnostics,
  waitForCode,
  waitForNoCode,
  workspaceText,
} from './helpers';

const SUITE_BLOCK = / {4}<CryptographySuite>[\s\S]*?<\/CryptographySuite>\n/;

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list?.items ?? [];
}

/** Snippet items named aovpn-… (VS Code's word-based suggestions may offer the typed word itself). */
const aovpnLabels = (items: vscode.CompletionItem[]): string[] =>
  items
    .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
    .map(labelOf)
    .filter((l) => l.startsWith('aovpn-'))
    .sort();

suite('Snippets', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('the extension contributes no snippet file to every XML document any more', async () => {
    const extension = await activateExtension();
    const contributions = (extension.packageJSON as { contributes?: { snippets?: { language: string }[] } }).contributes?.snippets ?? [];
    assert.deepEqual(
      contributions.filter((c) => c.language === 'xml'),
      [],
    );
  });

  test('directly under VPNProfile: the blocks of the root, no aovpn-crypto-baseline', async () => {
    const text = (await workspaceText('device-tunnel.xml')).replace('<VPNProfile>\n', '<VPNProfile>\n  \n');
    const { document } = await openUntitled(text);
    const labels = aovpnLabels(await completionsAt(document, positionAfter(document, '<VPNProfile>\n  ')));
    assert.ok(!labels.includes('aovpn-crypto-baseline'), labels.join(', '));
    assert.ok(labels.includes('aovpn-route'), labels.join(', '));
    assert.ok(labels.includes('aovpn-dns'), labels.join(', '));
  });

  test('inside a NativeProfile without a suite: aovpn-crypto-baseline, and accepting it clears ikev2-default-crypto', async () => {
    const text = (await workspaceText('device-tunnel.xml')).replace(SUITE_BLOCK, '    aovpn-cry\n');
    const editor = await openUntitled(text);
    const { document } = editor;
    await waitForCode(document.uri, 'ikev2-default-crypto');
    const items = await completionsAt(document, positionAfter(document, '    aovpn-cry'));
    assert.deepEqual(aovpnLabels(items), ['aovpn-crypto-baseline', 'aovpn-crypto-gcm']);

    // Accept it as the suggestion list does: the snippet replaces the typed word.
    const item = items.find((i) => labelOf(i) === 'aovpn-crypto-baseline')!;
    assert.ok(item.insertText instanceof vscode.SnippetString, 'the item inserts a snippet');
    const range = item.range instanceof vscode.Range ? item.range : item.range?.replacing;
    assert.ok(range, 'the item says what it replaces');
    assert.equal(document.getText(range), 'aovpn-cry');
    assert.ok(await editor.insertSnippet(item.insertText, range), 'VS Code inserted the snippet');
    // Leave snippet mode (the placeholders stay at their defaults).
    await vscode.commands.executeCommand('leaveSnippet');

    const inserted = document.getText();
    assert.match(
      inserted,
      /\n {4}<CryptographySuite>\n {6}<AuthenticationTransformConstants>SHA256128<\/AuthenticationTransformConstants>\n/,
    );
    assert.match(inserted, /<DHGroup>Group14<\/DHGroup>/);
    await waitForNoCode(document.uri, 'ikev2-default-crypto');
    assert.deepEqual(profileDiagnostics(document.uri), [], describeDiagnostics(profileDiagnostics(document.uri)));
  });

  test('none in an XML file that is not a profile, nor in an empty profile slot that is taken', async () => {
    const { document } = await openWorkspaceFile('not-a-profile.xml');
    const lines = document.getText().split('\n');
    // At the end of every line: content of the document's elements, nothing of ours.
    for (let line = 0; line < lines.length; line++) {
      const labels = aovpnLabels(await completionsAt(document, new vscode.Position(line, lines[line].length)));
      assert.deepEqual(labels, [], `line ${line + 1} of not-a-profile.xml offers ${labels.join(', ')}`);
    }
    const suite = await openUntitled(
      (await workspaceText('device-tunnel.xml')).replace(
        '    <DisableClassBasedDefaultRoute>',
        '    aovpn-\n    <DisableClassBasedDefaultRoute>',
      ),
    );
    const labels = aovpnLabels(await completionsAt(suite.document, positionAfter(suite.document, '    aovpn-')));
    assert.ok(!labels.includes('aovpn-crypto-baseline'), `a second CryptographySuite offered: ${labels.join(', ')}`);
  });

  test('an empty XML document offers the whole profiles', async () => {
    const { document } = await openUntitled('');
    assert.deepEqual(aovpnLabels(await completionsAt(document, new vscode.Position(0, 0))), ['aovpn-device-tunnel', 'aovpn-user-tunnel']);
  });
});
