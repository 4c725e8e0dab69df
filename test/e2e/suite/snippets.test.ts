// Whole-block snippets: contributed in package.json, offered by completion, insertable by name.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  describeDiagnostics,
  openUntitled,
  profileDiagnostics,
  waitForCode,
  waitForNoCode,
  workspaceText,
} from './helpers';

interface SnippetContribution {
  language: string;
  path: string;
}
interface Snippet {
  prefix: string;
  body: string[];
  description?: string;
}

async function contributedSnippets(): Promise<Map<string, { name: string; snippet: Snippet }>> {
  const extension = await activateExtension();
  const contributions = (extension.packageJSON as { contributes?: { snippets?: SnippetContribution[] } }).contributes?.snippets ?? [];
  const xml = contributions.find((c) => c.language === 'xml');
  assert.ok(xml, 'package.json contributes no snippets for xml');
  const file = vscode.Uri.joinPath(extension.extensionUri, xml.path);
  const snippets = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(file))) as Record<string, Snippet>;
  return new Map(Object.entries(snippets).map(([name, snippet]) => [snippet.prefix, { name, snippet }]));
}

const SUITE_BLOCK = /    <CryptographySuite>[\s\S]*?<\/CryptographySuite>\n/;

suite('Snippets', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('the extension contributes the whole-block snippets, aovpn-crypto-baseline among them', async () => {
    const byPrefix = await contributedSnippets();
    for (const prefix of ['aovpn-user-tunnel', 'aovpn-device-tunnel', 'aovpn-crypto-baseline', 'aovpn-crypto-gcm', 'aovpn-route']) {
      assert.ok(byPrefix.has(prefix), `no snippet ${prefix} among: ${[...byPrefix.keys()].join(', ')}`);
    }
    const baseline = byPrefix.get('aovpn-crypto-baseline')!.snippet.body.join('\n');
    assert.match(baseline, /<DHGroup>\$\{\d+:Group14\}<\/DHGroup>/);
  });

  test('completion offers aovpn-crypto-baseline where a suite can go', async () => {
    const text = (await workspaceText('device-tunnel.xml')).replace(SUITE_BLOCK, '    aovpn-cry\n');
    const { document } = await openUntitled(text);
    const line = document.getText().split('\n').findIndex((l) => l.trim() === 'aovpn-cry');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(line, '    aovpn-cry'.length));
    const labels = (list?.items ?? []).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('aovpn-crypto-baseline'), labels.join(', '));
  });

  test('inserting the snippet by name gives a suite that clears ikev2-default-crypto', async () => {
    const byPrefix = await contributedSnippets();
    const { name } = byPrefix.get('aovpn-crypto-baseline')!;
    const text = (await workspaceText('device-tunnel.xml')).replace(SUITE_BLOCK, '    \n');
    const editor = await openUntitled(text);
    const { document } = editor;
    await waitForCode(document.uri, 'ikev2-default-crypto');

    const line = document.getText().split('\n').findIndex((l) => l === '    ');
    editor.selection = new vscode.Selection(line, 4, line, 4);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'xml', name });
    // Leave snippet mode (the placeholders stay at their defaults).
    await vscode.commands.executeCommand('leaveSnippet');

    const inserted = document.getText();
    assert.match(inserted, /\n    <CryptographySuite>\n      <AuthenticationTransformConstants>SHA256128<\/AuthenticationTransformConstants>\n/);
    assert.match(inserted, /<DHGroup>Group14<\/DHGroup>/);
    await waitForNoCode(document.uri, 'ikev2-default-crypto');
    assert.deepEqual(profileDiagnostics(document.uri), [], describeDiagnostics(profileDiagnostics(document.uri)));
  });
});
