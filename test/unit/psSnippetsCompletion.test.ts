/**
 * The PowerShell snippets (snippets/powershell.json) come from completion where a statement
 * starts, never among a command's parameters or values, in strings or in comments; typed `-`
 * and space ask only for parameters and values (server/src/service/powershell/snippets.ts,
 * features.ts, cmdletComplete.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CompletionItemKind, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { SCRIPT_SNIPPETS } from '../../server/src/service/powershell/snippets';
import { applyTextEdits, codes, powerShellReady, script, service } from '../helpers/service';
import { expandSnippetBody, snippetsOf } from '../helpers/snippets';

before(() => powerShellReady);

function complete(withCursor: string, triggerCharacter?: string): { text: string; items: CompletionItem[] } {
  const at = withCursor.indexOf('|');
  const text = withCursor.slice(0, at) + withCursor.slice(at + 1);
  const d = script(text);
  return { text, items: service.complete(d, d.positionAt(at), undefined, { triggerCharacter }).items };
}

const snippetLabels = (withCursor: string, trigger?: string): string[] =>
  complete(withCursor, trigger)
    .items.filter((i) => i.kind === CompletionItemKind.Snippet)
    .map((i) => i.label)
    .sort();

const ALL = SCRIPT_SNIPPETS.map((s) => s.prefix).sort();

describe('PowerShell snippets in completion', () => {
  it('are the entries of snippets/powershell.json', () => {
    assert.deepEqual(
      ALL,
      Object.values(snippetsOf('powershell'))
        .map((s) => s.prefix)
        .sort(),
    );
  });

  it('are offered where a statement starts: an empty script, an empty line, a word alone on its line', () => {
    assert.deepEqual(snippetLabels('|'), ALL);
    assert.deepEqual(snippetLabels('Restart-Service RemoteAccess\n|\n'), ALL);
    assert.deepEqual(snippetLabels('Restart-Service RemoteAccess\n    aovpn-ser|'), ALL);
  });

  it('not among parameters or values, after a continuation, in strings or comments', () => {
    assert.deepEqual(snippetLabels('Set-VpnConnection -Name Contoso |'), []);
    assert.deepEqual(snippetLabels('Set-VpnConnectionIPsecConfiguration -ConnectionName Contoso -DHGroup |'), []);
    assert.deepEqual(snippetLabels('Set-VpnConnection -Name Contoso `\n    |'), []);
    assert.deepEqual(snippetLabels('Get-VpnConnection |\n    |'), []);
    assert.deepEqual(snippetLabels("$text = @'\n|\n'@\n"), []);
    assert.deepEqual(snippetLabels("$text = @'\n|"), [], 'an unterminated here-string');
    assert.deepEqual(snippetLabels('<#\n|\n#>\n'), []);
    assert.deepEqual(snippetLabels('# aovpn-|'), []);
  });

  it('not after a typed - or space', () => {
    assert.deepEqual(snippetLabels('|', '-'), []);
    assert.deepEqual(snippetLabels('Restart-Service RemoteAccess\n|', ' '), []);
  });

  it('replace the typed word with the statement, and what they insert is what the snippet file holds', () => {
    const { text, items } = complete('Restart-Service RemoteAccess\naovpn-cli|');
    const item = items.find((i) => i.label === 'aovpn-client-baseline');
    assert.ok(item);
    assert.equal(item.insertTextFormat, InsertTextFormat.Snippet);
    const edit = item.textEdit as TextEdit;
    const body = Object.values(snippetsOf('powershell'))
      .find((s) => s.prefix === 'aovpn-client-baseline')!
      .body.join('\n');
    assert.equal(
      edit.newText.replace(/^( {4})+/gm, (spaces) => '\t'.repeat(spaces.length / 4)),
      body,
    );
    const inserted = applyTextEdits(text, [{ range: edit.range, newText: expandSnippetBody(edit.newText).text }]);
    assert.ok(inserted.startsWith('Restart-Service RemoteAccess\n'), inserted);
    assert.ok(!inserted.includes('aovpn-cli\n'), 'the typed word is replaced');
    assert.deepEqual(
      codes(inserted).filter((c) => c.startsWith('ps-') && c !== 'ps-restart-required'),
      [],
    );
  });
});

describe('typed - and space in scripts', () => {
  it('- after a VPN cmdlet: parameter names only', () => {
    const { items } = complete('Set-VpnServerConfiguration -|', '-');
    assert.ok(items.length > 5);
    assert.ok(items.every((i) => i.label.startsWith('-')));
  });

  it('- in a value or after an ordinary command: nothing', () => {
    assert.deepEqual(complete('Set-VpnConnection -Name vpn-|', '-').items, []);
    assert.deepEqual(complete('Get-ChildItem -|', '-').items, []);
  });

  it('space after a parameter with values: its values; after one without, after the cmdlet or a value: nothing', () => {
    assert.ok(complete('Set-VpnServerConfiguration -TunnelType |', ' ').items.some((i) => i.label === 'IKEV2'));
    assert.deepEqual(complete('Set-VpnServerConfiguration |', ' ').items, []);
    assert.deepEqual(complete('Set-VpnConnection -Name |', ' ').items, []);
    assert.deepEqual(complete('Set-VpnServerConfiguration -TunnelType IKEV2 |', ' ').items, []);
  });

  it('- inside a suppression comment still completes rule ids (the list stays open while an id is typed)', () => {
    const { items } = complete('# aovpn-disable-next-line ps-|\nSet-VpnConnection -Name Contoso', '-');
    assert.ok(
      items.some((i) => i.label === 'ps-weak-crypto'),
      items.map((i) => i.label).join(', '),
    );
  });
});
