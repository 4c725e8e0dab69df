import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, beforeEach, describe, it } from 'node:test';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { CRYPTO } from '../../server/src/service/profilexml/crypto';
import { applyTextEdits, CLEAN_PROFILE, doc, powerShellReady, script, service } from '../helpers/service';

// Both directions of the IPsec policy: a CryptographySuite → the RRAS server script
// (PowerShell spellings), a server policy → a CryptographySuite (ProfileXML spellings), and the
// code lenses that compare the two sides through the workspace index. A generated pair can never
// give ipsec-policy-mismatch.

const SERVER_FIXTURE = readFileSync(join(__dirname, '..', 'fixtures', 'workspace', 'server.ps1'), 'utf8');
const MISMATCH = 'ipsec-policy-mismatch';

/** CLEAN_PROFILE with another CryptographySuite block. */
function withSuite(block: string): string {
  const start = CLEAN_PROFILE.indexOf('    <CryptographySuite>');
  const end = CLEAN_PROFILE.indexOf('</CryptographySuite>') + '</CryptographySuite>\n'.length;
  const indented = block
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return CLEAN_PROFILE.slice(0, start) + indented + '\n' + CLEAN_PROFILE.slice(end);
}

const GCM_SUITE = withSuite(
  ['<CryptographySuite>', ...CRYPTO.order.map((e) => `  <${e}>${CRYPTO.gcmBaseline[e]}</${e}>`), '</CryptographySuite>'].join('\n'),
);

function codesOf(document: TextDocument): string[] {
  return service.validate(document).map((d) => String(d.code));
}

async function serverScriptFor(profile: string, uri = 'file:///ws/client.xml'): Promise<{ text: string; notes: string[] }> {
  const result = await service.serverPolicyFromSuite(doc(profile, uri));
  if (!result.ok) throw new Error(result.message);
  assert.equal(result.language, 'powershell');
  return result;
}

describe('authoring: RRAS server policy from a CryptographySuite', () => {
  before(() => powerShellReady);
  beforeEach(() => service.workspace.clear());

  it('writes Set-VpnServerConfiguration -CustomPolicy with the six values in PowerShell spelling, fragmentation and the restart', async () => {
    const { text, notes } = await serverScriptFor(CLEAN_PROFILE);
    assert.equal(
      text,
      `# RRAS server: custom IKEv2 IPsec policy equal to the CryptographySuite of client.xml.
# Clients and server must offer the same six values, or IKEv2 finds no common proposal and
# connections fail with error 13868 (ERROR_IPSEC_IKE_POLICY_MATCH). Run elevated on every VPN server.
Set-VpnServerConfiguration -TunnelType IKEV2 -CustomPolicy \`
    -AuthenticationTransformConstants SHA256128 \`
    -CipherTransformConstants AES128 \`
    -DHGroup Group14 \`
    -EncryptionMethod AES128 \`
    -IntegrityCheckMethod SHA256 \`
    -PfsGroup PFS2048 \`
    -SALifeTimeSeconds 28800 -MMSALifeTimeSeconds 86400 -SADataSizeForRenegotiationKilobytes 1024000 -PassThru

# The profile authenticates with certificates: large IKE_AUTH messages are otherwise IP-fragmented
# and dropped by many firewalls (error 809). RRAS fragments at the IKE layer once this is 1.
New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name EnableServerFragmentation -PropertyType DWORD -Value 1 -Force

# RRAS applies the new settings when the Remote Access service restarts (connected clients are dropped).
Restart-Service RemoteAccess -PassThru
`,
    );
    assert.deepEqual(notes, []);
    assert.deepEqual(codesOf(script(text, 'file:///ws/server.ps1')), [], 'the script passes our PowerShell rules');
  });

  it('maps the ProfileXML spellings back (AES_GCM_128 → GCMAES128)', async () => {
    const { text } = await serverScriptFor(GCM_SUITE);
    assert.match(text, /^ {4}-EncryptionMethod GCMAES128 `$/m);
    assert.match(text, /^ {4}-AuthenticationTransformConstants GCMAES128 `$/m);
    assert.match(text, /^ {4}-PfsGroup ECP256 `$/m);
    assert.deepEqual(codesOf(script(text, 'file:///ws/server.ps1')), []);
  });

  it('gives a pair that ipsec-policy-mismatch accepts through the workspace index (and the mismatch is there before)', async () => {
    for (const profile of [CLEAN_PROFILE, GCM_SUITE]) {
      service.workspace.clear();
      const client = doc(profile, 'file:///ws/client.xml');
      service.workspace.setFile('file:///ws/server.ps1', 'powershell', SERVER_FIXTURE.replace('-DHGroup Group14', '-DHGroup ECP384'), 1);
      await service.workspace.ready();
      assert.ok(codesOf(client).includes(MISMATCH), 'a different server policy is reported');
      const { text } = await serverScriptFor(profile);
      service.workspace.setFile('file:///ws/server.ps1', 'powershell', text, 2);
      await service.workspace.ready();
      assert.deepEqual(codesOf(client), [], 'the generated server policy matches, and fragmentation is enabled');
    }
  });

  it('works on a profile embedded in a script, and explains a suite with missing values', async () => {
    const partial = CLEAN_PROFILE.replace('      <PfsGroup>PFS2048</PfsGroup>\n', '');
    const source = `$ProfileXml = @'\n${partial}'@\n`;
    const document = script(source, 'file:///ws/deploy.ps1');
    const result = await service.serverPolicyFromSuite(document, document.positionAt(source.indexOf('<DHGroup>')));
    assert.ok(result.ok, result.ok ? '' : result.message);
    assert.doesNotMatch(result.text, /PfsGroup/);
    assert.ok(result.notes.some((n) => n.includes('PfsGroup') && n.includes('ps-partial-custom-policy')));
    assert.deepEqual(codesOf(script(result.text, 'file:///ws/server.ps1')), ['ps-partial-custom-policy']);
  });

  it('refuses a profile without CryptographySuite, and says when the protocol ignores the suite', async () => {
    const none = await service.serverPolicyFromSuite(
      doc(CLEAN_PROFILE.replace(/ {4}<CryptographySuite>[\s\S]*<\/CryptographySuite>\n/, '')),
    );
    assert.match(none.ok ? '' : none.message, /no CryptographySuite/);
    const automatic = await service.serverPolicyFromSuite(doc(CLEAN_PROFILE.replace('IKEv2', 'Automatic')));
    assert.ok(automatic.ok && automatic.notes.some((n) => n.includes('Automatic')));
  });
});

describe('authoring: CryptographySuite from a server policy', () => {
  before(() => powerShellReady);
  beforeEach(() => service.workspace.clear());

  it('writes the six values in ProfileXML spelling and suite order', async () => {
    const result = await service.suiteFromServerPolicy(script(SERVER_FIXTURE, 'file:///ws/server.ps1'));
    assert.ok(result.ok);
    assert.equal(result.language, 'xml');
    assert.equal(
      result.text,
      `<CryptographySuite>
  <AuthenticationTransformConstants>GCMAES128</AuthenticationTransformConstants>
  <CipherTransformConstants>GCMAES128</CipherTransformConstants>
  <PfsGroup>ECP256</PfsGroup>
  <DHGroup>Group14</DHGroup>
  <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
  <EncryptionMethod>AES_GCM_128</EncryptionMethod>
</CryptographySuite>
`,
    );
    assert.deepEqual(result.notes, []);
  });

  it("reads values as PowerShell binds them: a hashtable piped as [PSCustomObject] (the baseline script of Richard Hicks' article on IKEv2 security configuration)", async () => {
    const hicks = `$Parameters = @{\n    AuthenticationTransformConstants = 'SHA256128'\n    CipherTransformConstants = 'AES128'\n    DHGroup = 'Group14'\n    EncryptionMethod = 'AES128'\n    IntegrityCheckMethod = 'SHA1'\n    PfsGroup = 'PFS2048'\n}\n[PSCustomObject]$Parameters | Set-VpnServerConfiguration -CustomPolicy\nRestart-Service RemoteAccess -PassThru\n`;
    const result = await service.suiteFromServerPolicy(script(hicks, 'file:///ws/hicks.ps1'));
    assert.ok(result.ok);
    assert.match(result.text, /<IntegrityCheckMethod>SHA196<\/IntegrityCheckMethod>/, 'SHA1 is SHA196 in ProfileXML');
  });

  it('gives a suite that ipsec-policy-mismatch accepts, and the edits that align the profiles of the workspace', async () => {
    service.workspace.setFile('file:///ws/server.ps1', 'powershell', SERVER_FIXTURE, 1);
    service.workspace.setFile('file:///ws/client.xml', 'xml', CLEAN_PROFILE, 1);
    await service.workspace.ready();
    const result = await service.suiteFromServerPolicy(script(SERVER_FIXTURE, 'file:///ws/server.ps1'));
    assert.ok(result.ok);
    const inserted = doc(withSuite(result.text), 'file:///ws/other.xml');
    assert.deepEqual(codesOf(inserted), []);
    // client.xml differs from the server: one target that aligns it.
    assert.deepEqual(
      result.targets?.map((t) => [t.uri, t.title]),
      [['file:///ws/client.xml', 'Align the CryptographySuite in client.xml']],
    );
    const aligned = applyTextEdits(CLEAN_PROFILE, result.targets![0].edits);
    assert.deepEqual(codesOf(doc(aligned, 'file:///ws/client.xml')), []);
  });

  it('leaves out what ProfileXML cannot carry or the script computes, and says so', async () => {
    const dynamic = `$g = Read-Host\nSet-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants None -DHGroup $g -EncryptionMethod AES128\n`;
    const result = await service.suiteFromServerPolicy(script(dynamic, 'file:///ws/dyn.ps1'));
    assert.ok(result.ok);
    assert.equal(
      result.text,
      '<CryptographySuite>\n  <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>\n  <EncryptionMethod>AES128</EncryptionMethod>\n</CryptographySuite>\n',
    );
    assert.equal(result.notes.length, 3);
    assert.match(result.notes[0], /CipherTransformConstants None has no ProfileXML equivalent/);
    assert.match(result.notes[1], /DHGroup at run time/);
    assert.match(result.notes[2], /PfsGroup, IntegrityCheckMethod/);
  });

  it('refuses a script without server policy', async () => {
    const result = await service.suiteFromServerPolicy(script('Restart-Service RemoteAccess -PassThru\n'));
    assert.match(result.ok ? '' : result.message, /no custom IPsec policy/);
  });
});

describe('authoring: code lenses on both sides of the IPsec policy', () => {
  before(() => powerShellReady);
  beforeEach(() => service.workspace.clear());

  const titles = (document: TextDocument): string[] => service.codeLenses(document).map((l) => l.command!.title);

  it('offers to create the other side when the workspace has none', () => {
    const client = doc(CLEAN_PROFILE, 'file:///ws/client.xml');
    const lenses = service.codeLenses(client);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command!.title, 'No server policy in the workspace — create one');
    assert.equal(lenses[0].command!.command, 'aovpn.createServerPolicy');
    assert.deepEqual(lenses[0].command!.arguments, ['file:///ws/client.xml', lenses[0].range.start]);
    assert.equal(client.getText(lenses[0].range), 'CryptographySuite');
    const server = script(SERVER_FIXTURE, 'file:///ws/server.ps1');
    assert.deepEqual(titles(server), ['No CryptographySuite in the workspace — create one']);
    assert.equal(service.codeLenses(server)[0].command!.command, 'aovpn.createCryptographySuite');
    assert.equal(server.getText(service.codeLenses(server)[0].range), 'Set-VpnServerConfiguration');
  });

  it('says where the sides differ and jumps to the other side', async () => {
    service.workspace.setFile('file:///ws/server.ps1', 'powershell', SERVER_FIXTURE, 1);
    service.workspace.setFile('file:///ws/client.xml', 'xml', CLEAN_PROFILE, 1);
    await service.workspace.ready();
    const client = doc(CLEAN_PROFILE, 'file:///ws/client.xml');
    const [lens] = service.codeLenses(client);
    assert.equal(
      lens.command!.title,
      'Differs from server policy in server.ps1 (AuthenticationTransformConstants, CipherTransformConstants, PfsGroup, EncryptionMethod)',
    );
    assert.equal(lens.command!.command, 'aovpn.showLocations');
    const line = SERVER_FIXTURE.split('\n').findIndex((l) => l.startsWith('Set-VpnServerConfiguration'));
    assert.deepEqual(lens.command!.arguments![2], [
      { uri: 'file:///ws/server.ps1', range: { start: { line, character: 0 }, end: { line, character: 26 } } },
    ]);
    const server = script(SERVER_FIXTURE, 'file:///ws/server.ps1');
    assert.deepEqual(titles(server), [
      'Differs from CryptographySuite in client.xml (AuthenticationTransformConstants, CipherTransformConstants, PfsGroup, EncryptionMethod)',
    ]);
  });

  it('says so when they match, on both sides, also for an embedded suite', async () => {
    const { text } = await serverScriptFor(CLEAN_PROFILE);
    service.workspace.setFile('file:///ws/server.ps1', 'powershell', text, 1);
    const embedded = `$ProfileXml = @'\n${CLEAN_PROFILE}'@\n`;
    service.workspace.setFile('file:///ws/deploy.ps1', 'powershell', embedded, 1);
    await service.workspace.ready();
    assert.deepEqual(titles(doc(CLEAN_PROFILE, 'file:///ws/client.xml')), ['Matches server policy in server.ps1']);
    const deploy = script(embedded, 'file:///ws/deploy.ps1');
    const lenses = service.codeLenses(deploy);
    assert.deepEqual(
      lenses.map((l) => l.command!.title),
      ['Matches server policy in server.ps1'],
    );
    assert.equal(deploy.getText(lenses[0].range), 'CryptographySuite');
    assert.deepEqual(titles(script(text, 'file:///ws/server.ps1')), ['Matches CryptographySuite in deploy.ps1']);
  });

  it('gives no lens to a profile without suite or a script without policy', () => {
    assert.deepEqual(titles(doc(CLEAN_PROFILE.replace(/ {4}<CryptographySuite>[\s\S]*<\/CryptographySuite>\n/, ''))), []);
    assert.deepEqual(titles(script('Restart-Service RemoteAccess -PassThru\n')), []);
  });
});
