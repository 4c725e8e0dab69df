/**
 * Completion and hover in VPN cmdlet commands (server/src/service/powershell/cmdlet-*.ts):
 * parameter names after `-` in half-typed lines, enumeration values after a parameter (weak
 * ones tagged deprecated and sorted last), hovers for cmdlets, parameters (also abbreviated,
 * aliased or splatted) and values.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CompletionItemTag, type CompletionItem, type MarkupContent, type TextEdit } from 'vscode-languageserver-types';
import { applyTextEdits, powerShellReady, script, service } from '../helpers/service';

before(() => powerShellReady);

/** Completion at the `|` of the text. */
function complete(withCursor: string): { text: string; items: CompletionItem[] } {
  const at = withCursor.indexOf('|');
  const text = withCursor.slice(0, at) + withCursor.slice(at + 1);
  const d = script(text);
  return { text, items: service.complete(d, d.positionAt(at)).items };
}

function labels(items: CompletionItem[]): string[] {
  return [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map((i) => i.label);
}

function accept(text: string, item: CompletionItem | undefined): string {
  assert.ok(item, 'no such completion item');
  assert.ok(item.textEdit && 'range' in item.textEdit);
  return applyTextEdits(text, [item.textEdit as TextEdit]);
}

function docOf(item: CompletionItem | undefined): string {
  assert.ok(item);
  return (item.documentation as MarkupContent).value;
}

/** Hover at the `|` of the text: markdown and the text of the hovered range. */
function hover(withCursor: string): { markdown: string; range: string } | null {
  const at = withCursor.indexOf('|');
  const text = withCursor.slice(0, at) + withCursor.slice(at + 1);
  const d = script(text);
  const h = service.hover(d, d.positionAt(at));
  if (!h || !h.range) return null;
  return { markdown: (h.contents as MarkupContent).value, range: d.getText(h.range) };
}

describe('completion of parameters', () => {
  it('offers the parameters of a VPN cmdlet after a half-typed -DH, replacing the typed word', () => {
    const { text, items } = complete('Set-VpnServerConfiguration -DH|');
    const dh = items.find((i) => i.label === '-DHGroup');
    assert.ok(dh);
    assert.match(String(dh.detail), /DHGroup/);
    assert.match(String(dh.detail), /CustomPolicy/);
    assert.match(docOf(dh), /Group14/);
    assert.match(docOf(dh), /CryptographySuite\/DHGroup/);
    assert.equal(accept(text, dh), 'Set-VpnServerConfiguration -DHGroup');
    // Declared parameters come before the common ones.
    const order = labels(items);
    assert.ok(order.indexOf('-DHGroup') < order.indexOf('-Verbose'));
  });

  it('leaves out parameters already given and those of other parameter sets', () => {
    const { items } = complete('Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14 -|');
    const names = items.map((i) => i.label);
    for (const absent of ['-DHGroup', '-CustomPolicy', '-EncryptionType', '-RevertToDefault']) assert.ok(!names.includes(absent), absent);
    for (const present of ['-PfsGroup', '-EncryptionMethod', '-SALifeTimeSeconds', '-PassThru'])
      assert.ok(names.includes(present), present);
  });

  it('ranks the mandatory parameters of the chosen set first', () => {
    const { items } = complete('Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -DHGroup Group14 -|');
    const first = labels(items).slice(0, 5);
    assert.deepEqual([...first].sort(), [
      '-AuthenticationTransformConstants',
      '-CipherTransformConstants',
      '-EncryptionMethod',
      '-IntegrityCheckMethod',
      '-PfsGroup',
    ]);
  });

  it('works on a continuation line of a multi-line command', () => {
    const { items } = complete('Set-VpnServerConfiguration -CustomPolicy `\n    -AuthenticationTransformConstants SHA256128 `\n    -Pf|');
    assert.ok(items.some((i) => i.label === '-PfsGroup'));
    assert.ok(!items.some((i) => i.label === '-AuthenticationTransformConstants'));
  });

  it('offers nothing in ordinary commands, strings or comments', () => {
    assert.deepEqual(complete('Get-ChildItem -|').items, []);
    assert.deepEqual(complete("Write-Host 'Set-VpnServerConfiguration -|'").items, []);
    assert.deepEqual(complete('# Set-VpnServerConfiguration -|').items, []);
  });
});

describe('completion of values', () => {
  it('offers the documented values after -DHGroup with nothing after it; weak ones deprecated and last', () => {
    const { text, items } = complete('Set-VpnServerConfiguration -CustomPolicy -DHGroup |');
    assert.deepEqual(labels(items), ['Group14', 'ECP256', 'ECP384', 'None', 'Group1', 'Group2', 'Group24']);
    const weak = items.filter((i) => i.tags?.includes(CompletionItemTag.Deprecated)).map((i) => i.label);
    assert.deepEqual(weak.sort(), ['Group1', 'Group2', 'Group24', 'None']);
    for (const item of items) assert.ok(docOf(item).length > 20, `${item.label} is documented`);
    const group14 = items.find((i) => i.label === 'Group14');
    assert.match(String(group14?.detail), /security baseline/);
    assert.equal(accept(text, group14), 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14');
  });

  it('replaces a half-typed value, inside quotes too', () => {
    const typed = complete('Set-VpnServerConfiguration -CustomPolicy -EncryptionMethod GCM|');
    assert.equal(
      accept(
        typed.text,
        typed.items.find((i) => i.label === 'GCMAES128'),
      ),
      'Set-VpnServerConfiguration -CustomPolicy -EncryptionMethod GCMAES128',
    );
    const quoted = complete("Set-VpnConnection -Name VPN -TunnelType 'Ik|'");
    assert.equal(
      accept(
        quoted.text,
        quoted.items.find((i) => i.label === 'Ikev2'),
      ),
      "Set-VpnConnection -Name VPN -TunnelType 'Ikev2'",
    );
  });

  it('documents the ProfileXML spelling of a value', () => {
    const { items } = complete('Set-VpnServerConfiguration -CustomPolicy -EncryptionMethod |');
    const gcm = items.find((i) => i.label === 'GCMAES128');
    assert.match(String(gcm?.detail), /ProfileXML: AES_GCM_128/);
    assert.match(docOf(gcm), /AES_GCM_128/);
  });

  it('continues a list of values and offers $true / $false for Booleans and -Switch:', () => {
    assert.ok(complete('Add-VpnConnection -Name VPN -AuthenticationMethod Eap, |').items.some((i) => i.label === 'MachineCertificate'));
    assert.deepEqual(labels(complete('Set-VpnConnection -Name VPN -SplitTunneling |').items), ['$true', '$false']);
    const colon = complete('Add-VpnConnection -Name VPN -SplitTunneling:|');
    assert.deepEqual(labels(colon.items), ['$true', '$false']);
    assert.equal(
      accept(
        colon.text,
        colon.items.find((i) => i.label === '$false'),
      ),
      'Add-VpnConnection -Name VPN -SplitTunneling:$false',
    );
  });

  it('after a switch written with a space offers parameters, not values', () => {
    const { items } = complete('Set-VpnServerConfiguration -CustomPolicy |');
    assert.ok(items.some((i) => i.label === '-DHGroup'));
    assert.ok(!items.some((i) => i.label === '$true'));
  });
});

describe('hover', () => {
  it('explains a VPN cmdlet: module, parameter sets, documentation link', () => {
    const h = hover('Set-VpnServer|Configuration -CustomPolicy');
    assert.ok(h);
    assert.equal(h.range, 'Set-VpnServerConfiguration');
    assert.match(h.markdown, /RemoteAccess module/);
    assert.match(h.markdown, /`CustomPolicy`/);
    assert.match(h.markdown, /learn\.microsoft\.com\/powershell\/module\/remoteaccess\/set-vpnserverconfiguration/);
    assert.doesNotMatch(h.markdown, /ref:/);
    // Sources by name, never by internal tag.
    assert.match(h.markdown, /Sources: \[RemoteAccess module\]\(https:\/\/learn\.microsoft\.com\/powershell\/module\/remoteaccess\/\)/);
    assert.match(
      h.markdown,
      /\[Always On VPN IKEv2 Security Configuration\]\(https:\/\/directaccess\.richardhicks\.com\/[^)]+\) \(Richard M\. Hicks, 2018\)/,
    );
    assert.doesNotMatch(h.markdown, /seed|MS-PS-RA|AOVPN\b|hicks-ikev2-security/);
  });

  it('names the cmdlet an older alias runs', () => {
    const h = hover('Get-VpnServerIPsec|Configuration');
    assert.match(String(h?.markdown), /`Get-VpnServerIPsecConfiguration` is the older name of \*\*Get-VpnServerConfiguration\*\*/);
  });

  it('explains a parameter written as an abbreviation or an alias', () => {
    const abbreviated = hover('Set-VpnServerConfiguration -CustomPolicy -Pf|s PFS2048');
    assert.ok(abbreviated);
    assert.equal(abbreviated.range, '-Pfs');
    assert.match(abbreviated.markdown, /\*\*-PfsGroup\*\*/);
    assert.match(abbreviated.markdown, /abbreviation/);
    assert.match(abbreviated.markdown, /CryptographySuite\/PfsGroup/);
    const alias = hover('Set-VpnServerConfiguration -CustomPolicy -Encry|ption AES128');
    assert.match(String(alias?.markdown), /alias of `-EncryptionMethod`/);
    assert.match(String(alias?.markdown), /`GCMAES128` → `AES_GCM_128`/);
  });

  it('explains Boolean parameters and switches differently', () => {
    assert.match(String(hover('Set-VpnConnection -Name VPN -Split|Tunneling $true')?.markdown), /Boolean, not a switch/);
    assert.match(String(hover('Add-VpnConnection -Name VPN -ServerAddress x -Split|Tunneling')?.markdown), /Switch: present means on/);
  });

  it('explains a value: meaning, weakness, ProfileXML spelling', () => {
    const weak = hover('Set-VpnServerConfiguration -CustomPolicy -DHGroup Gro|up2');
    assert.ok(weak);
    assert.equal(weak.range, 'Group2');
    assert.match(weak.markdown, /Weak/);
    const gcm = hover("Set-VpnServerConfiguration -CustomPolicy -EncryptionMethod 'GCM|AES128'");
    assert.equal(gcm?.range, "'GCMAES128'");
    assert.match(String(gcm?.markdown), /AES_GCM_128/);
  });

  it('explains a splatted hashtable key as the parameter it binds', () => {
    const h = hover("$p = @{ DHG|roup = 'Group14' }\nSet-VpnServerConfiguration -CustomPolicy @p\n");
    assert.ok(h);
    assert.equal(h.range, 'DHGroup');
    assert.match(h.markdown, /\*\*-DHGroup\*\*/);
  });

  it('says when a parameter does not exist', () => {
    const h = hover('Set-VpnServerConfiguration -CustomPolicy -DHGr|op Group14');
    assert.match(String(h?.markdown), /not a parameter of \*\*Set-VpnServerConfiguration\*\*.*-DHGroup/);
  });

  it('still answers in a line the parser could not read', () => {
    const h = hover('Set-VpnConnection -Name VPN -Tunnel|Type ');
    assert.ok(h);
    assert.match(h.markdown, /\*\*-TunnelType\*\*/);
  });

  it('is silent on ordinary commands', () => {
    assert.equal(hover('Get-Child|Item -Path C:\\'), null);
  });
});
