// Completion and hover through VS Code's own provider commands, as the editor asks for them.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeAllEditors,
  markdownOf,
  openUntitled,
  openWorkspaceFile,
  positionAfter,
  positionIn,
  workspaceText,
} from './helpers';

function labelOf(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionsAt(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list?.items ?? [];
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return (hovers ?? []).flatMap((h) => h.contents.map(markdownOf)).join('\n---\n');
}

suite('Completion and hover', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('inside <NativeProtocolType> it offers the protocols, IKEv2 among them, documented', async () => {
    const text = (await workspaceText('device-tunnel.xml')).replace(
      '<NativeProtocolType>IKEv2</NativeProtocolType>',
      '<NativeProtocolType></NativeProtocolType>',
    );
    const { document } = await openUntitled(text);
    const items = await completionsAt(document, positionAfter(document, '<NativeProtocolType>'));
    const labels = items.map(labelOf);
    for (const value of ['IKEv2', 'SSTP', 'Automatic']) assert.ok(labels.includes(value), `${value} missing from: ${labels.join(', ')}`);
    const ikev2 = items.find((i) => labelOf(i) === 'IKEv2')!;
    const documentation = ikev2.documentation === undefined ? '' : markdownOf(ikev2.documentation);
    assert.match(documentation, /IKEv2/, 'the IKEv2 item explains itself');
  });

  test('after < inside NativeProfile it offers the elements still allowed there', async () => {
    const text = (await workspaceText('device-tunnel.xml')).replace('    <Authentication>', '    <\n    <Authentication>');
    const { document } = await openUntitled(text);
    const labels = (
      await completionsAt(
        document,
        positionAfter(
          document,
          '<RoutingPolicyType>SplitTunnel</RoutingPolicyType>\n    <NativeProtocolType>IKEv2</NativeProtocolType>\n    <',
        ),
      )
    ).map(labelOf);
    assert.ok(labels.includes('ProtocolList'), labels.join(', '));
    // Servers occurs once and is already there.
    assert.ok(!labels.includes('Servers'), `Servers offered twice: ${labels.join(', ')}`);
  });

  test('inside a suppression comment it offers the rule ids, explained', async () => {
    const marker = '<!-- profilexml-disable-next-line crypto';
    const text = (await workspaceText('user-tunnel.xml')).replace('<NativeProtocolType>', `${marker} -->\n    <NativeProtocolType>`);
    const { document } = await openUntitled(text);
    const items = await completionsAt(document, positionAfter(document, marker));
    const item = items.find((i) => labelOf(i) === 'crypto-suite-ignored-automatic');
    assert.ok(item, `rule id missing from: ${items.map(labelOf).slice(0, 10).join(', ')}`);
    assert.match(item.documentation === undefined ? '' : markdownOf(item.documentation), /error 800/);
  });

  test('hover over an element name explains it: values, default, Windows version', async () => {
    const { document } = await openWorkspaceFile('user-tunnel.xml');
    const markdown = await hoverText(document, positionIn(document, '<NativeProtocolType>', 3));
    assert.match(markdown, /\*\*NativeProtocolType\*\*/);
    assert.match(markdown, /IKEv2/);
    assert.match(markdown, /Minimum Windows/);
  });

  test('hover over a value explains the value', async () => {
    const { document } = await openWorkspaceFile('user-tunnel.xml');
    const markdown = await hoverText(document, positionIn(document, '>Group14<', 3));
    assert.match(markdown, /\*\*Group14\*\*/);
    assert.match(markdown, /Diffie-Hellman/);
  });
});
