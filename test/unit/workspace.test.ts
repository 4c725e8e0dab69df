import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { createLanguageService } from '../../server/src/service/languageService';
import type { Settings } from '../../server/src/service/settings';
import { applyTextEdits, CLEAN_PROFILE } from '../helpers/service';
import { parseProfileDocument } from '../../server/src/service/profilexml/document';
import { resolveSettings } from '../../server/src/service/settings';
import { silences } from '../../server/src/service/suppression';
import { alignEdits } from '../../server/src/service/workspace/align';
import { makeFacts, type FileFacts } from '../../server/src/service/workspace/facts';
import { profileFileFacts } from '../../server/src/service/workspace/profileFacts';
import { summarise } from '../../server/src/service/workspace/summary';
import { collectWorkspaceFindings } from '../../server/src/service/workspace/validate';

// The workspace index and the rules across files, driven through the language service as the
// server and the CLI drive them: other files go into `service.workspace`, the document being
// validated is passed to validate() with its current text. A service of its own, so that no
// other suite sees these files.

const service = createLanguageService({ wasm: nodeWasmSource() });
before(() => service.preparePowerShell());
beforeEach(() => service.workspace.clear());

let version = 0;
const SERVER_URI = 'file:///ws/server.ps1';
const CLIENT_URI = 'file:///ws/client.xml';

function languageOf(uri: string): string {
  return /\.(ps1|psm1)$/.test(uri) ? 'powershell' : 'xml';
}

/** Puts another file into the workspace index. */
function put(uri: string, text: string): void {
  service.workspace.setFile(uri, languageOf(uri), text, ++version);
}

function document(uri: string, text: string): TextDocument {
  return TextDocument.create(uri, languageOf(uri), ++version, text);
}

interface Found {
  code: string;
  text: string;
  severity: number | undefined;
  source: string | undefined;
  message: string;
  related: { uri: string; line: number; text: string; message: string }[];
  diagnostic: Diagnostic;
}

/** Findings of `ruleId` for a document with this text (other files from the index). */
function findings(uri: string, text: string, ruleId: string, settings?: Partial<Settings>): Found[] {
  const d = document(uri, text);
  return service
    .validate(d, settings)
    .filter((x) => x.code === ruleId)
    .map((x) => ({
      code: String(x.code),
      text: d.getText(x.range),
      severity: x.severity,
      source: x.source,
      message: typeof x.message === 'string' ? x.message : x.message.value,
      related: (x.relatedInformation ?? []).map((r) => ({
        uri: r.location.uri,
        line: r.location.range.start.line,
        text: relatedText(r.location.uri, r.location.range, uri === r.location.uri ? text : undefined),
        message: r.message,
      })),
      diagnostic: x,
    }));
}

function relatedText(uri: string, range: Diagnostic['range'], own?: string): string {
  const text = own ?? service.workspace.factsOf(uri)?.text ?? '';
  return TextDocument.create(uri, 'x', 0, text).getText(range);
}

/** The text after the preferred quick fix of the first finding of `ruleId`. */
function fixed(uri: string, text: string, ruleId: string): string {
  const d = document(uri, text);
  const diagnostic = service.validate(d).find((x) => x.code === ruleId);
  assert.ok(diagnostic, `no ${ruleId} to fix`);
  const action = service
    .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] })
    .find((a) => a.isPreferred && a.diagnostics?.some((x) => x.code === ruleId));
  assert.ok(action?.edit?.changes, `a preferred fix for ${ruleId}`);
  return applyTextEdits(text, action.edit.changes[uri]);
}

const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle));

// ---- texts -------------------------------------------------------------------------------

/** The minimum baseline on the server (Richard Hicks, "Always On VPN IKEv2 Security Configuration"). */
const BASELINE_SERVER =
  'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PFSgroup PFS2048 -SALifeTimeSeconds 28800 -MMSALifeTimeSeconds 86400 -SADataSizeForRenegotiationKilobytes 1024000\nRestart-Service RemoteAccess -PassThru\n';
/** The GCM variant (same article) in PowerShell spelling. */
const GCM_SERVER =
  '# enhanced policy\nSet-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup ECP256 -EncryptionMethod GCMAES128 -IntegrityCheckMethod SHA256 -PfsGroup ECP256\n';

/** CLEAN_PROFILE carries the baseline suite (ProfileXML spellings). */
const BASELINE_CLIENT = CLEAN_PROFILE;
const GCM_CLIENT = CLEAN_PROFILE.replace('<AuthenticationTransformConstants>SHA256128<', '<AuthenticationTransformConstants>GCMAES128<')
  .replace('<CipherTransformConstants>AES128<', '<CipherTransformConstants>GCMAES128<')
  .replace('<PfsGroup>PFS2048<', '<PfsGroup>ECP256<')
  .replace('<DHGroup>Group14<', '<DHGroup>ECP256<')
  .replace('<EncryptionMethod>AES128<', '<EncryptionMethod>AES_GCM_128<');
const SUITE_BLOCK = /\n {4}<CryptographySuite>[\s\S]*?<\/CryptographySuite>/;
const NO_SUITE_CLIENT = CLEAN_PROFILE.replace(SUITE_BLOCK, '');
const DEVICE = CLEAN_PROFILE.replace('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n');

const CLIENT_CMDLET = (values: string): string =>
  `Add-VpnConnection -Name 'Contoso VPN' -ServerAddress vpn.example.com -TunnelType Ikev2 -AuthenticationMethod MachineCertificate -Force\nSet-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN' ${values} -Force\n`;
const BASELINE_PS_VALUES =
  '-AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048';

// ---- the index -----------------------------------------------------------------------------

describe('workspace index', () => {
  it('extracts the facts of ProfileXML files and scripts once per change', () => {
    put(SERVER_URI, GCM_SERVER);
    put(CLIENT_URI, BASELINE_CLIENT);
    assert.deepEqual(service.workspace.uris(), [CLIENT_URI, SERVER_URI]);
    const server = service.workspace.factsOf(SERVER_URI)!;
    assert.equal(server.serverPolicies.length, 1);
    assert.deepEqual(server.serverPolicies[0].values, {
      AuthenticationTransformConstants: 'GCMAES128',
      CipherTransformConstants: 'GCMAES128',
      PfsGroup: 'ECP256',
      DHGroup: 'ECP256',
      IntegrityCheckMethod: 'SHA256',
      EncryptionMethod: 'GCMAES128',
    });
    assert.equal(GCM_SERVER.slice(server.serverPolicies[0].span.start, server.serverPolicies[0].span.end), 'Set-VpnServerConfiguration');
    const client = service.workspace.factsOf(CLIENT_URI)!;
    assert.equal(client.clients.length, 1);
    assert.equal(client.clients[0].values?.EncryptionMethod, 'AES128');
    assert.equal(client.profiles[0].tunnel, 'user');
    assert.equal(client.profiles[0].ikev2Certificate, true);

    // Same text, new version: nothing is extracted again.
    service.workspace.setFile(SERVER_URI, 'powershell', GCM_SERVER, ++version);
    assert.equal(service.workspace.factsOf(SERVER_URI), server);
    // New text: new facts; the other file keeps its own.
    put(SERVER_URI, BASELINE_SERVER);
    assert.notEqual(service.workspace.factsOf(SERVER_URI), server);
    assert.equal(service.workspace.factsOf(CLIENT_URI), client);
  });

  it('tells listeners only when facts that other files see change', () => {
    const changes: string[][] = [];
    const stop = service.workspace.onDidChange((uris) => changes.push(uris));
    try {
      put(SERVER_URI, GCM_SERVER);
      assert.deepEqual(changes, [[SERVER_URI]]);
      put(SERVER_URI, `${GCM_SERVER}# a comment at the end changes nothing another file sees\n`);
      assert.equal(changes.length, 1);
      put(SERVER_URI, GCM_SERVER.replace('-DHGroup ECP256', '-DHGroup ECP384'));
      assert.equal(changes.length, 2);
      put('file:///ws/readme.xml', '<configuration/>');
      assert.equal(changes.length, 2, 'a file without facts is no change');
      service.workspace.removeFile(SERVER_URI);
      assert.deepEqual(changes.at(-1), [SERVER_URI]);
      assert.equal(service.workspace.factsOf(SERVER_URI), undefined);
    } finally {
      stop();
    }
  });

  it('tells file listeners of every text that changes, facts or not, and of removals (the problems of closed files)', () => {
    const events: [string, boolean][] = [];
    const stop = service.workspace.onDidChangeFile((uri, removed) => events.push([uri, removed]));
    try {
      put(SERVER_URI, GCM_SERVER);
      put(SERVER_URI, `${GCM_SERVER}# a comment changes no fact, but the file's own findings may\n`);
      service.workspace.setFile(
        SERVER_URI,
        'powershell',
        `${GCM_SERVER}# a comment changes no fact, but the file's own findings may\n`,
        ++version,
      );
      put('file:///ws/readme.xml', '<configuration/>');
      service.workspace.removeFile(SERVER_URI);
      service.workspace.removeFile(SERVER_URI);
      assert.deepEqual(events, [
        [SERVER_URI, false],
        [SERVER_URI, false],
        ['file:///ws/readme.xml', false],
        [SERVER_URI, true],
      ]);
    } finally {
      stop();
    }
  });

  it('drops the facts of a file that stops being ProfileXML', () => {
    put(CLIENT_URI, BASELINE_CLIENT);
    assert.ok(service.workspace.factsOf(CLIENT_URI));
    put(CLIENT_URI, BASELINE_CLIENT.replace(/VPNProfile>/g, 'Settings>'));
    assert.equal(service.workspace.factsOf(CLIENT_URI), undefined);
    assert.deepEqual(service.workspace.files(), []);
    assert.ok(service.workspace.has(CLIENT_URI), 'still known, so that the same text again costs nothing');
  });

  it('queues scripts given before the PowerShell grammar is loaded, and indexes them once it is', async () => {
    const fresh = createLanguageService({ wasm: nodeWasmSource() });
    assert.equal(fresh.powerShellReady, false);
    const changed: string[][] = [];
    fresh.workspace.onDidChange((uris) => changed.push(uris));
    fresh.workspace.setFile(SERVER_URI, 'powershell', GCM_SERVER, 1);
    fresh.workspace.setFile(CLIENT_URI, 'xml', BASELINE_CLIENT, 1);
    assert.equal(fresh.workspace.pending, 1);
    assert.equal(fresh.workspace.factsOf(SERVER_URI), undefined);
    assert.ok(fresh.workspace.factsOf(CLIENT_URI), 'ProfileXML does not wait');
    await fresh.workspace.ready();
    assert.equal(fresh.workspace.pending, 0);
    assert.equal(fresh.powerShellReady, true, 'the index loaded the grammar');
    assert.equal(fresh.workspace.factsOf(SERVER_URI)?.serverPolicies.length, 1);
    assert.ok(changed.some((uris) => uris.includes(SERVER_URI)));
    const d = TextDocument.create(CLIENT_URI, 'xml', 2, BASELINE_CLIENT);
    assert.ok(fresh.validate(d).some((x) => x.code === 'ipsec-policy-mismatch'));
  });

  it('without a grammar source scripts stay queued, and ready() says why', async () => {
    const bare = createLanguageService();
    bare.workspace.setFile(SERVER_URI, 'powershell', GCM_SERVER, 1);
    assert.equal(bare.workspace.pending, 1);
    await assert.rejects(bare.workspace.ready(), /PowerShell grammar/);
  });

  it('keeps plain facts: data only, and the edits that align indexed files still work after their parse is long gone', () => {
    // More files than the service keeps parses of; the first file's parse is evicted by the others.
    const first = 'file:///ws/first.xml';
    put(first, BASELINE_CLIENT);
    const embedded = 'file:///ws/embedded.ps1';
    put(embedded, `$ProfileXML = @'\n${BASELINE_CLIENT}'@\n`);
    for (let i = 0; i < 60; i++) put(`file:///ws/other-${i}.xml`, BASELINE_CLIENT.replace('<ProfileName>', `<ProfileName>${i}`));
    const serverValues = service.workspace.factsOf(SERVER_URI)?.serverPolicies[0]?.values ?? {
      EncryptionMethod: 'GCMAES256',
      CipherTransformConstants: 'GCMAES256',
    };
    for (const uri of [first, embedded]) {
      const facts = service.workspace.factsOf(uri)!;
      // Plain data: nothing but plain objects, arrays, strings, numbers and booleans (no functions, no parse trees).
      assert.deepEqual(notPlainData(facts), [], uri);
      const edits = alignEdits(facts.clients[0], { ...serverValues, EncryptionMethod: 'GCMAES256', CipherTransformConstants: 'GCMAES256' });
      assert.ok(edits && edits.length > 0, uri);
      let text = facts.text;
      for (const edit of [...edits].sort((a, b) => b.start - a.start))
        text = text.slice(0, edit.start) + edit.newText + text.slice(edit.end);
      assert.match(text, /<EncryptionMethod>AES_GCM_256<\/EncryptionMethod>/, uri);
      assert.equal(silences(facts.profiles[0].xmlSuppressed, 'ipsec-policy-mismatch'), false, uri);
    }
    // Suppression comments are read when the file is indexed, into the facts.
    put(
      first,
      BASELINE_CLIENT.replace(
        '    <CryptographySuite>',
        '    <!-- profilexml-disable-next-line ipsec-policy-mismatch -->\n    <CryptographySuite>',
      ),
    );
    for (let i = 0; i < 30; i++) put(`file:///ws/more-${i}.xml`, BASELINE_CLIENT.replace('<ProfileName>', `<ProfileName>m${i}`));
    const client = service.workspace.factsOf(first)!.clients[0];
    assert.equal(silences(client.xmlSuppressed, 'ipsec-policy-mismatch'), true);
    assert.equal(silences(client.xmlSuppressed, 'weak-crypto'), false);
  });
});

/** Paths of everything in a value that is not plain data. */
function notPlainData(value: unknown, path = 'facts'): string[] {
  if (value === null || value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => notPlainData(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.entries(value).flatMap(([k, v]) => notPlainData(v, `${path}.${k}`));
  return [`${path}: ${typeof value}`];
}

describe('workspace facts of scripts', () => {
  const policyOf = (text: string): Record<string, string> | undefined => {
    put(SERVER_URI, text);
    return service.workspace.factsOf(SERVER_URI)!.serverPolicies[0]?.values;
  };

  it('reads a server policy from a splatted hashtable, explicit parameters winning', () => {
    const text =
      "$p = @{\n  AuthenticationTransformConstants = 'SHA256128'\n  CipherTransformConstants = 'AES128'\n  DHGroup = 'Group2'\n  EncryptionMethod = 'AES128'\n  IntegrityCheckMethod = 'SHA256'\n  PfsGroup = 'PFS2048'\n}\nSet-VpnServerConfiguration @p -CustomPolicy -DHGroup Group14\n";
    assert.deepEqual(policyOf(text), {
      AuthenticationTransformConstants: 'SHA256128',
      CipherTransformConstants: 'AES128',
      PfsGroup: 'PFS2048',
      DHGroup: 'Group14',
      IntegrityCheckMethod: 'SHA256',
      EncryptionMethod: 'AES128',
    });
  });

  it('reads a [PSCustomObject] piped into the old cmdlet name, and abbreviated or aliased parameters', () => {
    const text =
      "$Parameters = @{ AuthenticationTransformConstants = 'GCMAES256'; CipherTransformConstants = 'GCMAES256'; DHGroup = 'ECP384'; EncryptionMethod = 'GCMAES256'; IntegrityCheckMethod = 'SHA384'; PfsGroup = 'ECP384' }\n[PSCustomObject]$Parameters | Set-VpnServerIPsecConfiguration -CustomPolicy\n";
    assert.equal(policyOf(text)?.EncryptionMethod, 'GCMAES256');
    assert.equal(
      policyOf('Set-VpnServerConfiguration -CustomPolicy -DHG Group14 -Encryption AES128 -PfsGroupId PFS2048\n')?.DHGroup,
      'Group14',
    );
    assert.equal(
      policyOf('Set-VpnServerConfiguration -CustomPolicy -DHG Group14 -Encryption AES128 -PfsGroupId PFS2048\n')?.PfsGroup,
      'PFS2048',
    );
  });

  it('has no policy for -RevertToDefault, an L2TP-only policy, or the EncryptionType mode', () => {
    assert.equal(policyOf('Set-VpnServerConfiguration -RevertToDefault\n'), undefined);
    assert.equal(policyOf('Set-VpnServerConfiguration -TunnelType L2TP -CustomPolicy -DHGroup Group14\n'), undefined);
    assert.equal(policyOf('Set-VpnServerConfiguration -EncryptionType RequireEncryption\n'), undefined);
    assert.equal(policyOf('Set-VpnServerConfiguration -TunnelType IKEv2 -CustomPolicy -DHGroup Group14\n')?.DHGroup, 'Group14');
  });

  it('reads registry writes from New-ItemProperty (splatted), Set-ItemProperty (positional) and reg.exe', () => {
    put(
      SERVER_URI,
      "$Parameters = @{ Path = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\'; Name = 'EnableServerFragmentation'; PropertyType = 'DWORD'; Value = 1 }\nNew-ItemProperty @Parameters -Force\n" +
        'Set-ItemProperty HKLM:SYSTEM\\CurrentControlSet\\Services\\IKEEXT\\Parameters IkeNumEstablishedForInitialQuery 50000\n' +
        'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2 /f /v CertAuthFlags /t REG_DWORD /d "4"\n',
    );
    const writes = service.workspace.factsOf(SERVER_URI)!.registryWrites.map((w) => `${w.name}=${w.value}`);
    assert.deepEqual(writes, ['EnableServerFragmentation=1', 'IkeNumEstablishedForInitialQuery=50000', 'CertAuthFlags=4']);
  });
});

// ---- ipsec-policy-mismatch -------------------------------------------------------------------

describe('ipsec-policy-mismatch', () => {
  it('reports a ProfileXML suite that differs from the server policy, in ProfileXML spellings, with the server as related information', () => {
    put(SERVER_URI, GCM_SERVER);
    const [finding, ...rest] = findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'CryptographySuite');
    assert.equal(finding.severity, 1);
    assert.equal(finding.source, 'profilexml');
    assert.match(finding.message, /EncryptionMethod is AES128 here but AES_GCM_128 on the server/);
    assert.match(finding.message, /DHGroup is Group14 here but ECP256 on the server/);
    assert.match(finding.message, /PfsGroup is PFS2048 here but ECP256 on the server/);
    assert.doesNotMatch(finding.message, /IntegrityCheckMethod/, 'equal values are not listed');
    assert.match(finding.message, /error 13868/);
    assert.match(finding.message, /Richard Hicks, "Always On VPN IKEv2 Policy Mismatch Error"/);
    assert.doesNotMatch(finding.message, /seed/, 'no internal source ids in what users read');
    assert.match(finding.message, /server\.ps1, line 2/);
    assert.deepEqual(
      finding.related.map((r) => [r.uri, r.line, r.text]),
      [[SERVER_URI, 1, 'Set-VpnServerConfiguration']],
    );
  });

  it('treats the PowerShell and ProfileXML spellings as equal (GCMAES128 = AES_GCM_128, SHA1 = SHA196), case-insensitively', () => {
    put(SERVER_URI, GCM_SERVER);
    assert.deepEqual(findings(CLIENT_URI, GCM_CLIENT, 'ipsec-policy-mismatch'), []);
    put(
      SERVER_URI,
      GCM_SERVER.replace('-IntegrityCheckMethod SHA256', '-IntegrityCheckMethod sha1').replace(
        '-EncryptionMethod GCMAES128',
        "-EncryptionMethod 'gcmaes128'",
      ),
    );
    const client = GCM_CLIENT.replace('<IntegrityCheckMethod>SHA256<', '<IntegrityCheckMethod>SHA196<');
    assert.deepEqual(findings(CLIENT_URI, client, 'ipsec-policy-mismatch'), []);
    // SHA196 is only the IntegrityCheckMethod spelling of SHA1: as an ESP transform it is itself.
    const [finding] = findings(
      CLIENT_URI,
      client.replace('<AuthenticationTransformConstants>GCMAES128<', '<AuthenticationTransformConstants>SHA196<'),
      'ipsec-policy-mismatch',
    );
    assert.match(finding.message, /AuthenticationTransformConstants is SHA196 here but GCMAES128 on the server/);
    assert.match(finding.message, /first ESP/);
  });

  it('compares only what both sides set: a partial server policy is not a mismatch for the values it omits', () => {
    put(SERVER_URI, 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14 -EncryptionMethod AES128\n');
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch'), []);
    put(SERVER_URI, 'Set-VpnServerConfiguration -CustomPolicy -DHGroup $dh -EncryptionMethod AES128\n');
    assert.deepEqual(
      findings(CLIENT_URI, BASELINE_CLIENT.replace('<DHGroup>Group14<', '<DHGroup>ECP384<'), 'ipsec-policy-mismatch'),
      [],
      'a computed server value is unknown, not different',
    );
  });

  describe('range: the value when one value differs, the suite when several do', () => {
    const DH_SERVER = BASELINE_SERVER.replace('-DHGroup Group14', '-DHGroup ECP384');

    it("ProfileXML: on the differing element's value, with the server command as related information; the fix changes that value", () => {
      put(SERVER_URI, DH_SERVER);
      const [finding, ...rest] = findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch');
      assert.equal(rest.length, 0);
      assert.equal(finding.text, 'Group14');
      assert.equal(finding.diagnostic.range.start.line, lineOf(BASELINE_CLIENT, '<DHGroup>'));
      assert.equal(
        finding.diagnostic.range.start.character,
        BASELINE_CLIENT.split('\n')[lineOf(BASELINE_CLIENT, '<DHGroup>')].indexOf('Group14'),
      );
      assert.match(finding.message, /DHGroup is Group14 here but ECP384 on the server/);
      assert.deepEqual(
        finding.related.map((r) => [r.uri, r.line, r.text]),
        [[SERVER_URI, 0, 'Set-VpnServerConfiguration']],
      );
      assert.equal(
        fixed(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch'),
        BASELINE_CLIENT.replace('<DHGroup>Group14<', '<DHGroup>ECP384<'),
      );
    });

    it('PowerShell: on the differing argument (quotes included), also when it comes from a splatted hashtable', () => {
      put(SERVER_URI, DH_SERVER);
      const uri = 'file:///ws/client.ps1';
      const quoted = CLIENT_CMDLET(BASELINE_PS_VALUES.replace('-DHGroup Group14', "-DHGroup 'Group14'"));
      const [finding] = findings(uri, quoted, 'ipsec-policy-mismatch');
      assert.equal(finding.text, "'Group14'");
      assert.equal(finding.source, 'aovpn-powershell');
      assert.equal(fixed(uri, quoted, 'ipsec-policy-mismatch'), quoted.replace("'Group14'", "'ECP384'"));
      const splat =
        "$p = @{\n  ConnectionName = 'Contoso VPN'\n  AuthenticationTransformConstants = 'SHA256128'\n  CipherTransformConstants = 'AES128'\n  DHGroup = 'Group14'\n  EncryptionMethod = 'AES128'\n  IntegrityCheckMethod = 'SHA256'\n  PfsGroup = 'PFS2048'\n}\nSet-VpnConnectionIPsecConfiguration @p -Force\n";
      const [splatted] = findings(uri, splat, 'ipsec-policy-mismatch');
      assert.equal(splatted.text, "'Group14'");
      assert.equal(splatted.diagnostic.range.start.line, 4);
    });

    it("several differences: the suite's name (ProfileXML) or the command's name (PowerShell), as before", () => {
      put(SERVER_URI, DH_SERVER.replace('-PFSgroup PFS2048', '-PFSgroup ECP384'));
      assert.equal(findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch')[0].text, 'CryptographySuite');
      assert.equal(
        findings('file:///ws/client.ps1', CLIENT_CMDLET(BASELINE_PS_VALUES), 'ipsec-policy-mismatch')[0].text,
        'Set-VpnConnectionIPsecConfiguration',
      );
    });

    it('a profile embedded in a script: on the value inside the string', () => {
      put(SERVER_URI, DH_SERVER);
      const uri = 'file:///ws/deploy.ps1';
      const text = `$ProfileXML = @'\n${BASELINE_CLIENT}'@\n`;
      const [finding] = findings(uri, text, 'ipsec-policy-mismatch');
      assert.equal(finding.text, 'Group14');
      assert.equal(finding.diagnostic.range.start.line, lineOf(text, '<DHGroup>'));
    });

    it('suppression: a comment above the value or above the suite (ProfileXML), above the command (PowerShell, value on a continuation line); "disable for this line" works', () => {
      put(SERVER_URI, DH_SERVER);
      const aboveValue = BASELINE_CLIENT.replace(
        '      <DHGroup>',
        '      <!-- profilexml-disable-next-line ipsec-policy-mismatch -->\n      <DHGroup>',
      );
      assert.deepEqual(findings(CLIENT_URI, aboveValue, 'ipsec-policy-mismatch'), []);
      const aboveSuite = BASELINE_CLIENT.replace(
        '    <CryptographySuite>',
        '    <!-- profilexml-disable-next-line ipsec-policy-mismatch -->\n    <CryptographySuite>',
      );
      assert.deepEqual(
        findings(CLIENT_URI, aboveSuite, 'ipsec-policy-mismatch'),
        [],
        'written when the finding was on the suite: still honoured',
      );
      const uri = 'file:///ws/client.ps1';
      const multiLine =
        "Set-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN' `\n  -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 `\n  -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n";
      assert.equal(findings(uri, multiLine, 'ipsec-policy-mismatch')[0].diagnostic.range.start.line, 2);
      assert.deepEqual(findings(uri, `# aovpn-disable-next-line ipsec-policy-mismatch\n${multiLine}`, 'ipsec-policy-mismatch'), []);
      // A comment line cannot go between continuation lines: there the comment above the command is the way.
      for (const [u, text] of [
        [CLIENT_URI, BASELINE_CLIENT],
        [uri, multiLine.replace(/ `\n {2}/g, ' ')],
      ] as const) {
        const d = document(u, text);
        const diagnostic = service.validate(d).find((x) => x.code === 'ipsec-policy-mismatch');
        assert.ok(diagnostic, u);
        const disable = service
          .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] })
          .find((a) => a.title === 'Disable ipsec-policy-mismatch for this line');
        assert.ok(disable?.edit?.changes, u);
        assert.deepEqual(findings(u, applyTextEdits(text, disable.edit.changes[u]), 'ipsec-policy-mismatch'), [], u);
      }
    });
  });

  it('says when only the PFS group differs', () => {
    put(SERVER_URI, BASELINE_SERVER.replace('-PFSgroup PFS2048', '-PFSgroup ECP256'));
    const [finding] = findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch');
    assert.match(finding.message, /Only the PFS group differs/);
  });

  it("counts PFSMM as the policy's own DH group", () => {
    put(SERVER_URI, BASELINE_SERVER.replace('-PFSgroup PFS2048', '-PFSgroup PFSMM'));
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch'), []);
  });

  it('aligns the ProfileXML suite with the server (exact text), after which the mismatch is gone', () => {
    put(SERVER_URI, GCM_SERVER);
    const result = fixed(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch');
    assert.equal(result, GCM_CLIENT);
    assert.deepEqual(findings(CLIENT_URI, result, 'ipsec-policy-mismatch'), []);
    // Fix all does the same.
    const d = document(CLIENT_URI, BASELINE_CLIENT);
    assert.equal(applyTextEdits(BASELINE_CLIENT, service.fixAll(d)), GCM_CLIENT);
  });

  it('reports a client without CryptographySuite facing a server that requires another DH group, and inserts the server suite', () => {
    put(SERVER_URI, GCM_SERVER);
    const [finding] = findings(CLIENT_URI, NO_SUITE_CLIENT, 'ipsec-policy-mismatch');
    assert.equal(finding.text, 'IKEv2');
    assert.match(finding.message, /no CryptographySuite/);
    assert.match(finding.message, /Diffie-Hellman group 2/);
    assert.match(finding.message, /requires DHGroup ECP256/);
    assert.match(finding.message, /13868/);
    assert.equal(fixed(CLIENT_URI, NO_SUITE_CLIENT, 'ipsec-policy-mismatch'), GCM_CLIENT);
    // Fix all prefers the server's suite over the single-file baseline insertion (ikev2-default-crypto).
    const d = document(CLIENT_URI, NO_SUITE_CLIENT);
    assert.equal(applyTextEdits(NO_SUITE_CLIENT, service.fixAll(d)), GCM_CLIENT);
  });

  it('does not report a client without suite when a server policy may accept the built-in proposals (DH group 2 or unknown)', () => {
    put(SERVER_URI, BASELINE_SERVER.replace('-DHGroup Group14', '-DHGroup Group2'));
    assert.deepEqual(findings(CLIENT_URI, NO_SUITE_CLIENT, 'ipsec-policy-mismatch'), []);
    put(SERVER_URI, BASELINE_SERVER.replace('-DHGroup Group14 ', ''));
    assert.deepEqual(findings(CLIENT_URI, NO_SUITE_CLIENT, 'ipsec-policy-mismatch'), []);
  });

  it('says nothing without a server policy, and nothing for a protocol that does not use IPsec', () => {
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch'), []);
    put(SERVER_URI, GCM_SERVER);
    assert.deepEqual(
      findings(CLIENT_URI, NO_SUITE_CLIENT.replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>SSTP<'), 'ipsec-policy-mismatch'),
      [],
    );
  });

  it('with several different server policies: fine when the client matches one, otherwise compared with the closest and says so', () => {
    put(SERVER_URI, GCM_SERVER);
    put('file:///ws/other-server.ps1', BASELINE_SERVER);
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch'), []);
    assert.deepEqual(findings(CLIENT_URI, GCM_CLIENT, 'ipsec-policy-mismatch'), []);
    const client = BASELINE_CLIENT.replace('<DHGroup>Group14<', '<DHGroup>ECP384<');
    const [finding] = findings(CLIENT_URI, client, 'ipsec-policy-mismatch');
    assert.match(finding.message, /2 different server policies/);
    assert.match(finding.message, /DHGroup is ECP384 here but Group14 on the server/, 'compared with the closest (the baseline)');
    assert.deepEqual(
      finding.related.map((r) => r.uri),
      ['file:///ws/other-server.ps1', SERVER_URI],
    );
    assert.equal(fixed(CLIENT_URI, client, 'ipsec-policy-mismatch'), BASELINE_CLIENT);
  });

  it('reports Set-VpnConnectionIPsecConfiguration in PowerShell spellings and fixes its arguments', () => {
    put(SERVER_URI, GCM_SERVER);
    const uri = 'file:///ws/client.ps1';
    const text = CLIENT_CMDLET(BASELINE_PS_VALUES.replace('-EncryptionMethod AES128', "-EncryptionMethod 'AES128'"));
    const [finding, ...rest] = findings(uri, text, 'ipsec-policy-mismatch');
    assert.equal(rest.length, 0, 'the Add-VpnConnection gets its policy from the cmdlet below it');
    assert.equal(finding.text, 'Set-VpnConnectionIPsecConfiguration');
    assert.equal(finding.source, 'aovpn-powershell');
    assert.match(finding.message, /EncryptionMethod is AES128 here but GCMAES128 on the server/);
    const expected = CLIENT_CMDLET(
      "-AuthenticationTransformConstants GCMAES128 -CipherTransformConstants GCMAES128 -DHGroup ECP256 -EncryptionMethod 'GCMAES128' -IntegrityCheckMethod SHA256 -PfsGroup ECP256",
    );
    assert.equal(fixed(uri, text, 'ipsec-policy-mismatch'), expected);
    assert.deepEqual(findings(uri, expected, 'ipsec-policy-mismatch'), []);
  });

  it('reports Add-VpnConnection without any custom policy and adds Set-VpnConnectionIPsecConfiguration after it', () => {
    put(SERVER_URI, BASELINE_SERVER);
    const uri = 'file:///ws/client.ps1';
    const text =
      "  Add-VpnConnection -Name 'Contoso VPN' -ServerAddress vpn.example.com -TunnelType Ikev2 -AllUserConnection -Force\r\nWrite-Output done\r\n";
    const [finding] = findings(uri, text, 'ipsec-policy-mismatch');
    assert.equal(finding.text, 'Add-VpnConnection');
    assert.match(finding.message, /no Set-VpnConnectionIPsecConfiguration/);
    assert.equal(
      fixed(uri, text, 'ipsec-policy-mismatch'),
      "  Add-VpnConnection -Name 'Contoso VPN' -ServerAddress vpn.example.com -TunnelType Ikev2 -AllUserConnection -Force\r\n" +
        "  Set-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN' -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -AllUserConnection -Force\r\n" +
        'Write-Output done\r\n',
    );
    // An SSTP connection does not negotiate IPsec.
    assert.deepEqual(findings(uri, text.replace('Ikev2', 'Sstp'), 'ipsec-policy-mismatch'), []);
  });

  it('reports a profile embedded in a script and fixes it inside the string', () => {
    put(SERVER_URI, GCM_SERVER);
    const uri = 'file:///ws/deploy.ps1';
    const text = `$ProfileXML = @'\n${BASELINE_CLIENT}'@\n$Session = New-CimSession\n`;
    const [finding] = findings(uri, text, 'ipsec-policy-mismatch');
    assert.equal(finding.text, 'CryptographySuite');
    assert.equal(finding.source, 'profilexml');
    assert.equal(lineOf(text, '<CryptographySuite>'), finding.diagnostic.range.start.line);
    assert.equal(fixed(uri, text, 'ipsec-policy-mismatch'), `$ProfileXML = @'\n${GCM_CLIENT}'@\n$Session = New-CimSession\n`);
  });

  it('compares a server policy and a client in the same script', () => {
    const uri = 'file:///ws/lab.ps1';
    const [finding] = findings(uri, GCM_SERVER + CLIENT_CMDLET(BASELINE_PS_VALUES), 'ipsec-policy-mismatch');
    assert.match(finding.message, /line 2 of this file/);
    assert.deepEqual(
      finding.related.map((r) => [r.uri, r.text]),
      [[uri, 'Set-VpnServerConfiguration']],
    );
  });

  it('follows the validated text, not the indexed one, for the document itself', () => {
    put(CLIENT_URI, BASELINE_CLIENT);
    put(SERVER_URI, GCM_SERVER);
    // The editor's current text of the client already matches.
    assert.deepEqual(findings(CLIENT_URI, GCM_CLIENT, 'ipsec-policy-mismatch'), []);
    // The server script's current text is what counts when it is validated itself: no finding there anyway.
    assert.deepEqual(findings(SERVER_URI, BASELINE_SERVER, 'ipsec-policy-mismatch'), []);
  });

  it('respects severity settings and suppression comments', () => {
    put(SERVER_URI, GCM_SERVER);
    assert.equal(
      findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch', { rules: { 'ipsec-policy-mismatch': 'warning' } })[0].severity,
      2,
    );
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'ipsec-policy-mismatch', { rules: { 'ipsec-policy-mismatch': 'off' } }), []);
    const suppressed = BASELINE_CLIENT.replace(
      '    <CryptographySuite>',
      '    <!-- profilexml-disable-next-line ipsec-policy-mismatch -->\n    <CryptographySuite>',
    );
    assert.deepEqual(findings(CLIENT_URI, suppressed, 'ipsec-policy-mismatch'), []);
    const script = `# aovpn-disable-next-line ipsec-policy-mismatch\nSet-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN' ${BASELINE_PS_VALUES} -Force\n`;
    assert.deepEqual(findings('file:///ws/client.ps1', script, 'ipsec-policy-mismatch'), []);
    assert.equal(findings('file:///ws/client.ps1', script.replace(/^# .*\n/, ''), 'ipsec-policy-mismatch').length, 1);
  });
});

describe('validation in two steps (the CLI: one parse per file)', () => {
  it("gives validate()'s diagnostics, the findings across files against the index as it is at the second step", () => {
    const client = document(CLIENT_URI, BASELINE_CLIENT);
    const suppressedScript = document(
      'file:///ws/client.ps1',
      `# aovpn-disable-next-line ipsec-policy-mismatch\nSet-VpnConnectionIPsecConfiguration -ConnectionName 'Contoso VPN' ${BASELINE_PS_VALUES} -Force\n`,
    );
    const script = document('file:///ws/other.ps1', CLIENT_CMDLET(BASELINE_PS_VALUES));
    const laters = [client, suppressedScript, script].map((d) => service.validateInTwoSteps(d));
    // The server is indexed only after the first steps: the second steps see it.
    put(SERVER_URI, GCM_SERVER);
    const twoSteps = laters.map((later) => later());
    assert.deepEqual(
      twoSteps,
      [client, suppressedScript, script].map((d) => service.validate(d)),
    );
    const mismatches = twoSteps.map((diagnostics) => diagnostics.filter((d) => d.code === 'ipsec-policy-mismatch').length);
    assert.deepEqual(mismatches, [1, 0, 1], 'the client and the unsuppressed script mismatch the server indexed later');
  });
});

describe('quick fixes of findings across files', () => {
  it('adds no Set-VpnConnectionIPsecConfiguration where an earlier unclosed string would swallow it', () => {
    // Found by the safe-edit property test: `+=ativeProfile>'` opens a string (a redirection
    // target) that PowerShell's tokenizer carries on to the end of the script.
    put(SERVER_URI, GCM_SERVER);
    const lines = [
      "$ProfileXml = ''",
      "$ProfileXml += '<VPNProfile><NativeProfile>'",
      "$ProfileXml +=ativeProfile>'",
      "$ProfileXml += '  <AlwaysOn>true</AlwaysOn>'",
      "$ProfileXml += '</VPNProfile>'",
      "Add-VpnConnection -Name 'AOVPN' -ServerAddress vpn.example.com -EapConfigXmlStream $ProfileXml",
      '',
    ];
    const offered = (text: string): string[] => {
      const d = document('file:///ws/swallowed.ps1', text);
      const found = service.validate(d).find((x) => x.code === 'ipsec-policy-mismatch' && d.getText(x.range) === 'Add-VpnConnection');
      assert.ok(found, text);
      return service.codeActions(d, found.range, { diagnostics: [found], only: ['quickfix'] }).map((a) => a.title);
    };
    assert.ok(!offered(lines.join('\n')).some((t) => t.startsWith('Add Set-VpnConnectionIPsecConfiguration')));
    const balanced = lines.map((l) => l.replace("+=ativeProfile>'", "+= '</NativeProfile>'")).join('\n');
    assert.ok(
      offered(balanced).some((t) => t.startsWith('Add Set-VpnConnectionIPsecConfiguration')),
      'offered when the script reads cleanly',
    );
  });

  it('does not "align" an argument that is an unterminated quote swallowing the lines after it (found by the fix round-trip test)', () => {
    put(SERVER_URI, GCM_SERVER);
    // The quote opened after Contoso never closes on its line: PowerShell reads the next line into it.
    const text =
      "Set-VpnConnectionIPsecConfiguration -ConnectionName 'Corp -ConnectionName 'Contoso VPN'  -Force\n$ProfileXML = '<VPNProfile/>'\n";
    const d = document('file:///ws/swallow.ps1', text);
    const found = service.validate(d).find((x) => x.code === 'ipsec-policy-mismatch');
    assert.ok(found, 'the mismatch is still reported');
    const titles = service.codeActions(d, found.range, { diagnostics: [found], only: ['quickfix'] }).map((a) => a.title);
    assert.ok(!titles.some((t) => t.startsWith('Align')), titles.join('; '));
    // The same values on one line each are aligned.
    const clean = CLIENT_CMDLET(
      '-AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048',
    );
    assert.match(fixed('file:///ws/clean.ps1', clean, 'ipsec-policy-mismatch'), /-CipherTransformConstants GCMAES128/);
  });

  it('offers "disable for this line", which silences the finding (profile, embedded profile, script)', () => {
    put(SERVER_URI, GCM_SERVER);
    const cases: [string, string][] = [
      [CLIENT_URI, BASELINE_CLIENT],
      ['file:///ws/deploy.ps1', `$ProfileXML = @'\n${BASELINE_CLIENT}'@\n`],
      ['file:///ws/client.ps1', CLIENT_CMDLET(BASELINE_PS_VALUES)],
    ];
    for (const [uri, text] of cases) {
      const d = document(uri, text);
      const diagnostic = service.validate(d).find((x) => x.code === 'ipsec-policy-mismatch');
      assert.ok(diagnostic, uri);
      const actions = service.codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] });
      assert.ok(
        actions.some((a) => a.isPreferred && /Align the client IPsec policy with the server \(server\.ps1\)/.test(a.title)),
        uri,
      );
      const disable = actions.find((a) => a.title === 'Disable ipsec-policy-mismatch for this line');
      assert.ok(disable?.edit?.changes, uri);
      const silenced = applyTextEdits(text, disable.edit.changes[uri]);
      assert.deepEqual(findings(uri, silenced, 'ipsec-policy-mismatch'), [], uri);
    }
  });
});

// ---- server-fragmentation-not-enabled ----------------------------------------------------------

describe('server-fragmentation-not-enabled', () => {
  const FRAGMENTATION =
    "New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name EnableServerFragmentation -PropertyType DWORD -Value 1 -Force\n";

  it('reports an IKEv2 certificate profile when the workspace configures the server without fragmentation', () => {
    put(SERVER_URI, BASELINE_SERVER);
    const [finding, ...rest] = findings(CLIENT_URI, BASELINE_CLIENT, 'server-fragmentation-not-enabled');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'IKEv2');
    assert.equal(finding.severity, 3);
    assert.match(finding.message, /error 809/);
    assert.match(finding.message, /EnableServerFragmentation to 1/);
    assert.match(finding.message, /server\.ps1, line 1/);
    assert.deepEqual(
      finding.related.map((r) => [r.uri, r.text]),
      [[SERVER_URI, 'Set-VpnServerConfiguration']],
    );
  });

  it('counts any RRAS server script: registry values and RemoteAccess cmdlets too', () => {
    put(
      SERVER_URI,
      "New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name EnableServerFragmentation -PropertyType DWORD -Value 0 -Force\n",
    );
    assert.equal(
      findings(CLIENT_URI, BASELINE_CLIENT, 'server-fragmentation-not-enabled').length,
      1,
      'a value other than 1 does not enable it',
    );
    put(SERVER_URI, 'Set-VpnAuthProtocol -UserAuthProtocolAccepted Certificate, EAP -RootCertificateNameToAccept $RootCACert -PassThru\n');
    assert.equal(findings(CLIENT_URI, BASELINE_CLIENT, 'server-fragmentation-not-enabled').length, 1);
  });

  it('does not fire once a server script enables fragmentation (New-ItemProperty or reg.exe)', () => {
    put(SERVER_URI, BASELINE_SERVER);
    put('file:///ws/fragmentation.ps1', FRAGMENTATION);
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'server-fragmentation-not-enabled'), []);
    put(
      'file:///ws/fragmentation.ps1',
      'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2 /v EnableServerFragmentation /t REG_DWORD /d 1 /f\n',
    );
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'server-fragmentation-not-enabled'), []);
  });

  it('does not fire without any server script, or for a profile that cannot use IKEv2', () => {
    put('file:///ws/client.ps1', CLIENT_CMDLET(BASELINE_PS_VALUES));
    assert.deepEqual(findings(CLIENT_URI, BASELINE_CLIENT, 'server-fragmentation-not-enabled'), []);
    put(SERVER_URI, BASELINE_SERVER);
    assert.deepEqual(
      findings(
        CLIENT_URI,
        NO_SUITE_CLIENT.replace('<NativeProtocolType>IKEv2<', '<NativeProtocolType>SSTP<'),
        'server-fragmentation-not-enabled',
      ),
      [],
    );
  });
});

// ---- register-dns-both-tunnels ----------------------------------------------------------------

describe('register-dns-both-tunnels', () => {
  const withRegisterDns = (profile: string): string => profile.replace('  <DnsSuffix>', '  <RegisterDNS>true</RegisterDNS>\n  <DnsSuffix>');
  const USER_URI = 'file:///ws/user.xml';
  const DEVICE_URI = 'file:///ws/device.xml';

  it('reports RegisterDNS on both a device and a user tunnel, each pointing at the other', () => {
    put(DEVICE_URI, withRegisterDns(DEVICE));
    const [finding, ...rest] = findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'true');
    assert.equal(finding.severity, 3);
    assert.match(
      finding.message,
      /user tunnel profile and also on a device tunnel profile of the same deployment \(device\.xml, line 4, which uses the same VPN server vpn\.example\.com\)/,
    );
    // Hicks' two samples, quoted as they are (not merged into one rule of his).
    assert.match(finding.message, /sample user tunnel profile says to use this setting "on one connection or the other, not both"/);
    assert.match(finding.message, /sample device tunnel profile says it "should only be defined on the device tunnel"/);
    assert.match(finding.message, /Remove it here \(or set it to false\) and keep it on the device tunnel\.$/);
    assert.deepEqual(
      finding.related.map((r) => [r.uri, r.line, r.text]),
      [[DEVICE_URI, 3, 'true']],
    );
    put(USER_URI, withRegisterDns(BASELINE_CLIENT));
    const [onDevice] = findings(DEVICE_URI, withRegisterDns(DEVICE), 'register-dns-both-tunnels');
    assert.match(onDevice.message, /Keep it on this device tunnel/);
    assert.deepEqual(
      onDevice.related.map((r) => r.uri),
      [USER_URI],
    );
  });

  it('names the first three counterparts and how many more in the message, and relates every one', () => {
    for (let i = 1; i <= 6; i++) put(`file:///ws/device-${i}.xml`, withRegisterDns(DEVICE));
    const [finding] = findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels');
    assert.match(
      finding.message,
      /\(device-1\.xml, line 4; device-2\.xml, line 4; device-3\.xml, line 4; and 3 more; each shares a VPN server or DNS suffix with this profile\)/,
    );
    assert.equal(finding.related.length, 6);
    // Four fit without "and 1 more", which would save nothing.
    for (let i = 5; i <= 6; i++) put(`file:///ws/device-${i}.xml`, DEVICE);
    const [four] = findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels');
    assert.match(four.message, /device-3\.xml, line 4; device-4\.xml, line 4; each shares/);
  });

  it("pairs only profiles of one deployment: another organisation's device tunnel in the same run is not a counterpart", () => {
    const other = withRegisterDns(DEVICE)
      .replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>corp.fabrikam.org<')
      .replace('vpn.example.com;vpn.example.com', 'vpn.fabrikam.org;vpn.fabrikam.org');
    put(DEVICE_URI, other);
    assert.deepEqual(findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels'), []);
    assert.deepEqual(findings(DEVICE_URI, other, 'register-dns-both-tunnels'), []);
  });

  it("pairs by a shared DNS suffix alone (Hicks' own sample pair uses two server names and one suffix), and by a server written in another case or with a friendly name", () => {
    const bySuffix = withRegisterDns(DEVICE)
      .replace('vpn.example.com;vpn.example.com', 'dt.example.com;dt.example.com')
      .replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>lab.example.com,Corp.Example.com<');
    put(DEVICE_URI, bySuffix);
    const [finding] = findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels');
    assert.match(finding.message, /which uses the same DNS suffix corp\.example\.com/);
    assert.match(finding.related[0].message, /shares the DNS suffix corp\.example\.com/);
    const byServer = withRegisterDns(DEVICE)
      .replace('vpn.example.com;vpn.example.com', 'VPN.Example.com;Contoso device tunnel,backup.example.com')
      .replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>other.example.org<');
    put(DEVICE_URI, byServer);
    assert.match(
      findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels')[0].message,
      /same VPN server vpn\.example\.com/,
    );
    // A friendly name is not a server: the same text after the semicolon ties nothing.
    put(DEVICE_URI, byServer.replace('VPN.Example.com;Contoso device tunnel', 'dt.example.org;vpn.example.com'));
    assert.deepEqual(findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels'), []);
  });

  it('counts a profile embedded in a script as a counterpart', () => {
    put('file:///ws/deploy-device.ps1', `$ProfileXML = @'\n${withRegisterDns(DEVICE)}'@\n`);
    const [finding] = findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels');
    assert.match(finding.message, /deploy-device\.ps1, line 5/);
  });

  it('does not fire when only one tunnel registers, or for two user tunnels', () => {
    put(DEVICE_URI, DEVICE);
    assert.deepEqual(findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels'), []);
    put(DEVICE_URI, withRegisterDns(DEVICE).replace('<RegisterDNS>true<', '<RegisterDNS>false<'));
    assert.deepEqual(findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels'), []);
    put('file:///ws/other-user.xml', withRegisterDns(BASELINE_CLIENT));
    assert.deepEqual(findings(USER_URI, withRegisterDns(BASELINE_CLIENT), 'register-dns-both-tunnels'), []);
  });
});

// ---- nrpt-on-device-tunnel ----------------------------------------------------------------------

describe('nrpt-on-device-tunnel', () => {
  const NRPT =
    '  <DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <DnsServers>10.0.0.10</DnsServers>\n  </DomainNameInformation>\n';
  const withNrpt = (profile: string, rules = NRPT): string => profile.replace('</VPNProfile>', `${rules}</VPNProfile>`);
  const USER_URI = 'file:///ws/user.xml';
  const DEVICE_URI = 'file:///ws/device.xml';

  it('warns on NRPT rules of a device tunnel when the workspace has a user tunnel of the same deployment (Microsoft\'s device tunnel page: "only on the User Tunnel")', () => {
    put(USER_URI, BASELINE_CLIENT);
    const device = withNrpt(DEVICE);
    const [finding, ...rest] = findings(DEVICE_URI, device, 'nrpt-on-device-tunnel');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'DomainNameInformation');
    assert.equal(finding.diagnostic.range.start.line, lineOf(device, '<DomainNameInformation>'));
    assert.equal(finding.severity, 2);
    assert.equal(finding.source, 'profilexml');
    assert.match(finding.message, /This device tunnel profile has an NRPT rule \(DomainNameInformation\)/);
    assert.match(
      finding.message,
      /a user tunnel profile of the same deployment \(user\.xml, line 1, which uses the same VPN server vpn\.example\.com\)/,
    );
    assert.match(finding.message, /Microsoft's device tunnel page \("Configure VPN device tunnels in Windows client"\)/);
    assert.match(finding.message, /"only on the User Tunnel"/);
    assert.deepEqual(
      finding.related.map((r) => [r.uri, r.line, r.text]),
      [[USER_URI, 0, 'VPNProfile']],
    );
    assert.match(finding.related[0].message, /user tunnel profile of the same deployment \(it shares the VPN server vpn\.example\.com\)/);
  });

  it('reports once per device tunnel, counting its rules; a user tunnel in the same script counts', () => {
    const device = withNrpt(DEVICE, NRPT + NRPT.replace('.corp.example.com', '.lab.example.com'));
    put(USER_URI, BASELINE_CLIENT);
    const found = findings(DEVICE_URI, device, 'nrpt-on-device-tunnel');
    assert.equal(found.length, 1);
    assert.match(found[0].message, /has 2 NRPT rules/);
    service.workspace.clear();
    const uri = 'file:///ws/deploy.ps1';
    const text = `$Device = @'\n${withNrpt(DEVICE)}'@\n$User = @'\n${BASELINE_CLIENT}'@\n`;
    const [inScript] = findings(uri, text, 'nrpt-on-device-tunnel');
    assert.equal(inScript.text, 'DomainNameInformation');
    assert.equal(inScript.diagnostic.range.start.line, lineOf(text, '<DomainNameInformation>'));
    assert.match(inScript.message, /line \d+ of this file/);
    const userLine = text.split('\n').findIndex((l, i) => i > lineOf(text, '$User') && l.includes('<VPNProfile>'));
    assert.deepEqual(
      inScript.related.map((r) => [r.uri, r.line, r.text]),
      [[uri, userLine, 'VPNProfile']],
    );
  });

  it("is silent without a user tunnel of the same deployment, on a user tunnel's own NRPT, and on a device tunnel without NRPT", () => {
    assert.deepEqual(findings(DEVICE_URI, withNrpt(DEVICE), 'nrpt-on-device-tunnel'), [], 'a device tunnel alone may use the NRPT');
    put(
      USER_URI,
      BASELINE_CLIENT.replace('<DnsSuffix>corp.example.com<', '<DnsSuffix>corp.fabrikam.org<').replace(
        'vpn.example.com;vpn.example.com',
        'vpn.fabrikam.org',
      ),
    );
    assert.deepEqual(findings(DEVICE_URI, withNrpt(DEVICE), 'nrpt-on-device-tunnel'), [], "another organisation's user tunnel");
    put(USER_URI, BASELINE_CLIENT);
    assert.deepEqual(findings(DEVICE_URI, DEVICE, 'nrpt-on-device-tunnel'), []);
    put(DEVICE_URI, DEVICE);
    assert.deepEqual(findings(USER_URI, withNrpt(BASELINE_CLIENT), 'nrpt-on-device-tunnel'), [], 'NRPT belongs on the user tunnel');
  });

  it('honours a suppression comment above the rule, and the severity setting', () => {
    put(USER_URI, BASELINE_CLIENT);
    const suppressed = withNrpt(DEVICE, `  <!-- profilexml-disable-next-line nrpt-on-device-tunnel -->\n${NRPT}`);
    assert.deepEqual(findings(DEVICE_URI, suppressed, 'nrpt-on-device-tunnel'), []);
    assert.deepEqual(findings(DEVICE_URI, withNrpt(DEVICE), 'nrpt-on-device-tunnel', { rules: { 'nrpt-on-device-tunnel': 'off' } }), []);
  });
});

// ---- ps-crl-check-without-root ----------------------------------------------------------------

describe('ps-crl-check-without-root', () => {
  const CRL =
    "New-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2\\' -Name CertAuthFlags -PropertyTYpe DWORD -Value 4 -Force\nRestart-Service RemoteAccess -PassThru\n";

  it('warns on CertAuthFlags 4 when no script restricts the root certificate', () => {
    const [finding, ...rest] = findings(SERVER_URI, CRL, 'ps-crl-check-without-root');
    assert.equal(rest.length, 0);
    assert.equal(finding.text, 'CertAuthFlags');
    assert.equal(finding.severity, 2);
    assert.equal(finding.source, 'aovpn-powershell');
    assert.match(finding.message, /RootCertificateNameToAccept/);
    assert.match(finding.message, /any CA in its Trusted Root store/);
  });

  it('also for reg.exe and a splatted New-ItemProperty', () => {
    const reg =
      'reg add HKLM\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2 /f /v CertAuthFlags /t REG_DWORD /d "4"\n';
    assert.equal(findings(SERVER_URI, reg, 'ps-crl-check-without-root')[0].text, 'CertAuthFlags');
    const splat =
      "$p = @{ Path = 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\RemoteAccess\\Parameters\\Ikev2'; Name = 'CertAuthFlags'; PropertyType = 'DWORD'; Value = '4' }\nNew-ItemProperty @p -Force\n";
    assert.equal(findings(SERVER_URI, splat, 'ps-crl-check-without-root')[0].text, "'CertAuthFlags'");
  });

  it('is satisfied by Set-VpnAuthProtocol -RootCertificateNameToAccept anywhere in the workspace', () => {
    put(
      'file:///ws/root.ps1',
      '$RootCACert = Get-ChildItem -Path Cert:\\LocalMachine\\Root | Where-Object Thumbprint -eq $Thumbprint\nSet-VpnAuthProtocol -RootCertificateNameToAccept $RootCACert -PassThru\n',
    );
    assert.deepEqual(findings(SERVER_URI, CRL, 'ps-crl-check-without-root'), []);
    assert.deepEqual(
      findings(SERVER_URI, `Set-VpnAuthProtocol -RootCert $RootCACert\n${CRL}`, 'ps-crl-check-without-root'),
      [],
      'or in the same script (abbreviated)',
    );
  });

  it('does not count -RootCertificateNameToAccept $null, and ignores other CertAuthFlags values', () => {
    put('file:///ws/root.ps1', 'Set-VpnAuthProtocol -RootCertificateNameToAccept $null\n');
    assert.equal(findings(SERVER_URI, CRL, 'ps-crl-check-without-root').length, 1);
    assert.deepEqual(findings(SERVER_URI, CRL.replace('-Value 4', '-Value 2'), 'ps-crl-check-without-root'), []);
  });

  it('honours # aovpn-disable-next-line', () => {
    assert.deepEqual(findings(SERVER_URI, `# aovpn-disable-next-line ps-crl-check-without-root\n${CRL}`, 'ps-crl-check-without-root'), []);
  });
});

after(() => service.workspace.clear());

// Regressions found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
describe('ipsec-policy-mismatch: no statement written into a command the parser reads on', () => {
  const preferred = (uri: string, text: string): string[] => {
    const d = document(uri, text);
    const diagnostic = service.validate(d).find((x) => x.code === 'ipsec-policy-mismatch');
    assert.ok(diagnostic, 'the connection is reported');
    return service
      .codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] })
      .filter((a) => !a.title.startsWith('Disable '))
      .map((a) => a.title);
  };
  it('offers no Set-VpnConnectionIPsecConfiguration after an unclosed hashtable (the line would land inside it, again on every fix-all pass)', () => {
    put(SERVER_URI, BASELINE_SERVER);
    assert.deepEqual(preferred('file:///ws/client.ps1', "Add-VpnConnection -Name 'Contoso VPN' -Foo @{ A = 1\nWrite-Output done\n"), []);
  });
  it('offers none after a line that ends in a lone operator (the parser joins the next line to the command)', () => {
    put(SERVER_URI, BASELINE_SERVER);
    assert.deepEqual(preferred('file:///ws/client.ps1', "Add-VpnConnection 'Contoso VPN' -\n$ProfileXML = 'x'\n"), []);
  });
});

describe('checks across files look up what they relate to (a CLI run over thousands of profiles stays linear)', () => {
  it('validating one file reads no fact of unrelated files: the summary is built once per change of the index', () => {
    const files: FileFacts[] = [];
    const reads = new Map<string, number>();
    const counted = (facts: FileFacts): FileFacts =>
      new Proxy(facts, {
        get(target, key, receiver) {
          reads.set(target.uri, (reads.get(target.uri) ?? 0) + 1);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
    const profile = (i: number): string =>
      CLEAN_PROFILE.replace('<DnsSuffix>corp.example.com<', `<DnsSuffix>corp${i}.example.com<`)
        .replace('vpn.example.com;vpn.example.com', `vpn${i}.example.com`)
        .replace('<TrustedNetworkDetection>corp.example.com<', `<TrustedNetworkDetection>corp${i}.example.com<`)
        .replace('</VPNProfile>', '  <RegisterDNS>true</RegisterDNS>\n</VPNProfile>');
    for (let i = 0; i < 2000; i++) {
      const uri = `file:///many/p${String(i).padStart(4, '0')}.xml`;
      const text = profile(i);
      files.push(counted(makeFacts(uri, 'profilexml', 1, text, profileFileFacts(parseProfileDocument(text)))));
    }
    const summary = summarise(files);
    reads.clear();
    const selfText = profile(7).replace('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n');
    const self = makeFacts('file:///many/device.xml', 'profilexml', 1, selfText, profileFileFacts(parseProfileDocument(selfText)));
    const found = collectWorkspaceFindings(self, summary, resolveSettings({}));
    // The user tunnel of the same deployment (p0007) is found, and it is the only file read.
    assert.deepEqual(
      found.map((f) => f.ruleId),
      ['register-dns-both-tunnels'],
    );
    assert.deepEqual([...reads.keys()], ['file:///many/p0007.xml']);
  });
});
