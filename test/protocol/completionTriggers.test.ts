import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { TestLspClient } from './lspClient';

/**
 * Typing `-` after a VPN cmdlet opens its parameter names, and a space after a parameter that
 * takes values opens the values: in scripts only. In XML both are text. A client that registers
 * completion per document selector (VS Code) gets the two characters for PowerShell only.
 */

const SCRIPT_URI = 'untitled:triggers.ps1';
const PROFILE_URI = 'untitled:triggers.xml';
const SCRIPT = [
  'Set-VpnConnectionIPsecConfiguration -ConnectionName Contoso -',
  'Set-VpnConnectionIPsecConfiguration -ConnectionName Contoso -DHGroup ',
  'Set-VpnConnectionIPsecConfiguration ',
  '',
  "$x = @'",
  'Set-VpnConnectionIPsecConfiguration -',
  "'@",
].join('\n');
const PROFILE = '<VPNProfile>\n  <DnsSuffix>corp-</DnsSuffix>\n  \n</VPNProfile>\n';

const TRIGGER = 2;
const INVOKED = 1;
type Items = CompletionItem[];

async function complete(client: TestLspClient, uri: string, line: number, character: number, triggerCharacter?: string): Promise<Items> {
  const context = triggerCharacter ? { triggerKind: TRIGGER, triggerCharacter } : { triggerKind: INVOKED };
  const result = await client.request<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri },
    position: { line, character },
    context,
  });
  return Array.isArray(result) ? result : (result?.items ?? []);
}

const labels = (items: Items): string[] => items.map((i) => i.label);
const lineEnd = (text: string, line: number): number => text.split('\n')[line].length;

describe('completion trigger characters, client without per-language registration', () => {
  let client: TestLspClient;

  before(async () => {
    client = new TestLspClient();
    const { capabilities } = await client.initialize();
    assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['<', '/', '>', '-', ' '], resolveProvider: false });
    await client.open(SCRIPT_URI, SCRIPT, 1, 'powershell');
    await client.open(PROFILE_URI, PROFILE, 1, 'xml');
  });

  after(async () => {
    await client.dispose();
  });

  it('a typed - after a VPN cmdlet lists its parameters, the set-specific and mandatory ones first', async () => {
    const items = await complete(client, SCRIPT_URI, 0, lineEnd(SCRIPT, 0), '-');
    assert.ok(labels(items).includes('-DHGroup'), labels(items).join(', '));
    assert.ok(!labels(items).includes('-ConnectionName'), 'a parameter already given is not offered again');
    assert.ok(
      items.every((i) => i.label.startsWith('-')),
      'parameter names only, no snippets',
    );
  });

  it('a typed space after -DHGroup lists its values, the baseline preselected, and nothing else', async () => {
    const items = await complete(client, SCRIPT_URI, 1, lineEnd(SCRIPT, 1), ' ');
    assert.ok(labels(items).includes('Group14'), labels(items).join(', '));
    assert.ok(
      items.every((i) => !i.label.startsWith('aovpn-') && !i.label.startsWith('-')),
      labels(items).join(', '),
    );
    assert.equal(items.find((i) => i.preselect)?.label, 'Group14');
  });

  it('a typed space after the cmdlet name, or anywhere without a value to offer, opens nothing', async () => {
    assert.deepEqual(await complete(client, SCRIPT_URI, 2, lineEnd(SCRIPT, 2), ' '), []);
  });

  it('in a here-string a typed - is text', async () => {
    assert.deepEqual(await complete(client, SCRIPT_URI, 5, lineEnd(SCRIPT, 5), '-'), []);
  });

  it('Ctrl+Space after -DHGroup offers the values first, without the statement snippets', async () => {
    const items = await complete(client, SCRIPT_URI, 1, lineEnd(SCRIPT, 1));
    assert.ok(labels(items).includes('Group14'));
    assert.ok(!labels(items).some((l) => l.startsWith('aovpn-')), labels(items).join(', '));
  });

  it('Ctrl+Space on an empty line of a script offers the statement snippets', async () => {
    const items = await complete(client, SCRIPT_URI, 3, 0);
    assert.ok(labels(items).includes('aovpn-server-baseline'), labels(items).join(', '));
    assert.ok(labels(items).includes('aovpn-mdm-deploy'));
  });

  it('in XML a typed - or space opens nothing, where Ctrl+Space offers the elements', async () => {
    assert.deepEqual(await complete(client, PROFILE_URI, 1, '  <DnsSuffix>corp-'.length, '-'), []);
    assert.deepEqual(await complete(client, PROFILE_URI, 2, 2, ' '), []);
    assert.ok(labels(await complete(client, PROFILE_URI, 2, 2)).includes('NativeProfile'));
  });
});

describe('completion trigger characters, client that registers per language (VS Code)', () => {
  let client: TestLspClient;

  before(async () => {
    client = new TestLspClient();
    client.registersCompletion = true;
    const { capabilities } = await client.initialize();
    assert.equal(capabilities.completionProvider, undefined, 'no static completion provider besides the registered ones');
  });

  after(async () => {
    await client.dispose();
  });

  it('registers XML with < / > and PowerShell with - and space as well', async () => {
    const completion = await client.waitFor(
      () => {
        const found = client.registrations.filter((r) => r.method === 'textDocument/completion');
        return found.length >= 2 ? found : undefined;
      },
      5000,
      () => `two completion registrations; got ${JSON.stringify(client.registrations)}`,
    );
    const byLanguage = Object.fromEntries(
      completion.map((r) => {
        const options = r.registerOptions as { documentSelector: { language: string }[]; triggerCharacters: string[] };
        return [options.documentSelector.map((s) => s.language).join(','), options.triggerCharacters];
      }),
    );
    assert.deepEqual(byLanguage, { xml: ['<', '/', '>'], powershell: ['<', '/', '>', '-', ' '] });
  });
});
