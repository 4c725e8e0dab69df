import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ROOT, TestLspClient, type PublishedDiagnostics } from './lspClient';
import { workspace } from '../../bench/inputs';
import { WORKSPACE_DEBOUNCE_MS } from '../../server/src/handlers/workspaceChanges';

// The built server started on a workspace folder (a temporary copy of test/fixtures/workspace:
// a server script whose custom IPsec policy the client profile does not match). The checks
// across files must follow the server script wherever its text comes from: disk at start-up,
// the editor while it is open, disk again (file watcher) once it is closed.

const RULE = 'ipsec-policy-mismatch';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspace');

const mismatchOf = (p: PublishedDiagnostics): Diagnostic | undefined => p.diagnostics.find((d) => d.code === RULE);
const hasMismatch = (p: PublishedDiagnostics): boolean => !!mismatchOf(p);

describe('language server: checks across the files of a workspace folder', { timeout: 60_000 }, () => {
  let folder: string;
  let client: TestLspClient;
  let clientUri: string;
  let serverUri: string;
  let clientText: string;
  let serverText: string;
  /** The server script's text with the client's (baseline) policy: GCM values replaced. */
  let matchingServerText: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'aovpn-workspace-'));
    cpSync(FIXTURES, folder, { recursive: true });
    clientUri = pathToFileURL(join(folder, 'client.xml')).href;
    serverUri = pathToFileURL(join(folder, 'server.ps1')).href;
    clientText = readFileSync(join(folder, 'client.xml'), 'utf8');
    serverText = readFileSync(join(folder, 'server.ps1'), 'utf8');
    matchingServerText = serverText
      .replace('-AuthenticationTransformConstants GCMAES128', '-AuthenticationTransformConstants SHA256128')
      .replace('-CipherTransformConstants GCMAES128', '-CipherTransformConstants AES128')
      .replace('-EncryptionMethod GCMAES128', '-EncryptionMethod AES128')
      .replace('-PfsGroup ECP256', '-PfsGroup PFS2048');
    assert.notEqual(matchingServerText, serverText);
    client = new TestLspClient();
    await client.initialize(undefined, [pathToFileURL(folder).href]);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports the mismatch on the client profile, with the server script (not open) as related information', async () => {
    const published = client.nextDiagnostics(clientUri, hasMismatch, 15_000);
    await client.open(clientUri, clientText);
    const diagnostic = mismatchOf(await published)!;
    assert.equal(diagnostic.severity, 1);
    assert.equal(diagnostic.source, 'profilexml');
    const line = clientText.split('\n').findIndex((l) => l.includes('<CryptographySuite>'));
    const character = clientText.split('\n')[line].indexOf('CryptographySuite');
    assert.deepEqual(diagnostic.range, { start: { line, character }, end: { line, character: character + 'CryptographySuite'.length } });
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    assert.match(message, /13868/);
    assert.match(message, /EncryptionMethod is AES128 here but AES_GCM_128 on the server/);
    const related = diagnostic.relatedInformation?.[0];
    assert.ok(related, 'relatedInformation points at the server policy');
    assert.equal(related.location.uri, serverUri);
    const serverLine = serverText.split('\n').findIndex((l) => l.startsWith('Set-VpnServerConfiguration'));
    assert.deepEqual(related.location.range, {
      start: { line: serverLine, character: 0 },
      end: { line: serverLine, character: 'Set-VpnServerConfiguration'.length },
    });
  });

  it('clears the mismatch on the client when the open server script is edited to match, without touching the client', async () => {
    const opened = client.nextDiagnostics(serverUri, () => true, 15_000);
    await client.open(serverUri, serverText, 1, 'powershell');
    await opened;
    const cleared = client.nextDiagnostics(clientUri, (p) => !hasMismatch(p), 15_000);
    await client.change(serverUri, matchingServerText, 2);
    const p = await cleared;
    assert.equal(p.version, 1, 'the client document itself did not change');
  });

  it('brings it back when the edit is undone in the editor', async () => {
    const back = client.nextDiagnostics(clientUri, hasMismatch, 15_000);
    await client.change(serverUri, serverText, 3);
    await back;
  });

  it('uses the file on disk again once the server script is closed, and follows disk changes reported by the watcher', async () => {
    // Closing the editor's (mismatching) version: disk still has the mismatching policy.
    const matching = client.nextDiagnostics(clientUri, (p) => !hasMismatch(p), 15_000);
    await client.change(serverUri, matchingServerText, 4);
    await matching;
    const stillThere = client.nextDiagnostics(clientUri, hasMismatch, 15_000);
    await client.close(serverUri);
    await stillThere;

    // Now the file on disk changes, and the client's watcher says so.
    writeFileSync(join(folder, 'server.ps1'), matchingServerText);
    const cleared = client.nextDiagnostics(clientUri, (p) => !hasMismatch(p), 15_000);
    await client.filesChanged([{ uri: serverUri, type: 2 }]);
    await cleared;

    // And deleting the server script leaves no server policy to compare with.
    writeFileSync(join(folder, 'server.ps1'), serverText);
    const again = client.nextDiagnostics(clientUri, hasMismatch, 15_000);
    await client.filesChanged([{ uri: serverUri, type: 2 }]);
    await again;
    rmSync(join(folder, 'server.ps1'));
    const gone = client.nextDiagnostics(clientUri, (p) => !hasMismatch(p), 15_000);
    await client.filesChanged([{ uri: serverUri, type: 3 }]);
    await gone;
  });

  it('follows workspace folders that are removed and added again', async () => {
    writeFileSync(join(folder, 'server.ps1'), serverText);
    const created = client.nextDiagnostics(clientUri, hasMismatch, 15_000);
    await client.filesChanged([{ uri: serverUri, type: 1 }]);
    await created;

    const folderUri = pathToFileURL(folder).href;
    const removed = client.nextDiagnostics(clientUri, (p) => !hasMismatch(p), 15_000);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [], removed: [{ uri: folderUri, name: 'ws' }] },
    });
    await removed;
    const added = client.nextDiagnostics(clientUri, hasMismatch, 15_000);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: folderUri, name: 'ws' }], removed: [] },
    });
    await added;
  });

  it('narrows the range to the value when only one value differs (the server script open in the editor)', async () => {
    const oneDifference = matchingServerText.replace('-DHGroup Group14', '-DHGroup ECP384');
    assert.notEqual(oneDifference, matchingServerText);
    const line = clientText.split('\n').findIndex((l) => l.includes('<DHGroup>'));
    const character = clientText.split('\n')[line].indexOf('Group14');
    const narrowed = client.nextDiagnostics(clientUri, (p) => mismatchOf(p)?.range.start.line === line, 15_000);
    await client.open(serverUri, oneDifference, 10, 'powershell');
    const diagnostic = mismatchOf(await narrowed)!;
    assert.deepEqual(diagnostic.range, { start: { line, character }, end: { line, character: character + 'Group14'.length } });
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    assert.match(message, /DHGroup is Group14 here but ECP384 on the server/);
    assert.equal(diagnostic.relatedInformation?.[0]?.location.uri, serverUri, 'related information stays at the server');
    await client.close(serverUri);
  });

  it('logged no errors', () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});

// A device tunnel and a user tunnel of one deployment on disk (Microsoft's device tunnel page: with
// both, the NRPT only on the user tunnel): the device tunnel, opened, is told about the user
// tunnel that only the disk has, and forgets it once that file is gone.
describe('language server: a device tunnel and a user tunnel of one deployment', { timeout: 60_000 }, () => {
  const NRPT_RULE = 'nrpt-on-device-tunnel';
  let folder: string;
  let client: TestLspClient;
  let deviceUri: string;
  let userUri: string;
  let deviceText: string;
  const nrptOf = (p: PublishedDiagnostics): Diagnostic | undefined => p.diagnostics.find((d) => d.code === NRPT_RULE);

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'aovpn-tunnels-'));
    const user = readFileSync(join(FIXTURES, 'client.xml'), 'utf8');
    deviceText = user
      .replace('<AlwaysOn>true</AlwaysOn>\n', '<AlwaysOn>true</AlwaysOn>\n  <DeviceTunnel>true</DeviceTunnel>\n')
      .replace(
        '</VPNProfile>',
        '  <DomainNameInformation>\n    <DomainName>.corp.example.com</DomainName>\n    <DnsServers>10.0.0.10</DnsServers>\n  </DomainNameInformation>\n</VPNProfile>',
      );
    writeFileSync(join(folder, 'user.xml'), user);
    writeFileSync(join(folder, 'device.xml'), deviceText);
    userUri = pathToFileURL(join(folder, 'user.xml')).href;
    deviceUri = pathToFileURL(join(folder, 'device.xml')).href;
    client = new TestLspClient();
    await client.initialize(undefined, [pathToFileURL(folder).href]);
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('reports NRPT on the device tunnel, at DomainNameInformation, with the user tunnel on disk as related information', async () => {
    const published = client.nextDiagnostics(deviceUri, (p) => !!nrptOf(p), 15_000);
    await client.open(deviceUri, deviceText);
    const diagnostic = nrptOf(await published)!;
    assert.equal(diagnostic.severity, 2);
    assert.equal(diagnostic.source, 'profilexml');
    const line = deviceText.split('\n').findIndex((l) => l.includes('<DomainNameInformation>'));
    const character = deviceText.split('\n')[line].indexOf('DomainNameInformation');
    assert.deepEqual(diagnostic.range, {
      start: { line, character },
      end: { line, character: character + 'DomainNameInformation'.length },
    });
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    assert.match(message, /"only on the User Tunnel"/);
    assert.match(message, /user\.xml, line 1, which uses the same VPN server vpn\.example\.com/);
    assert.deepEqual(
      diagnostic.relatedInformation?.map((r) => [r.location.uri, r.location.range]),
      [[userUri, { start: { line: 0, character: 1 }, end: { line: 0, character: 11 } }]],
    );
  });

  it('drops it when the user tunnel is deleted from disk', async () => {
    rmSync(join(folder, 'user.xml'));
    const gone = client.nextDiagnostics(deviceUri, (p) => !nrptOf(p), 15_000);
    await client.filesChanged([{ uri: userUri, type: 3 }]);
    await gone;
  });

  it('logged no errors', () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});

// Opening files changes the facts across files: documents validated before the change are
// validated again (their findings across files may differ), documents validated after all of it
// are not published a second time for the same diagnostics.
describe('language server: validation again after files are opened', { timeout: 60_000 }, () => {
  let client: TestLspClient;
  const [a, b, c] = workspace(3);

  before(async () => {
    client = new TestLspClient();
    await client.initialize();
  });

  after(async () => {
    await client.dispose();
  });

  it('validates an earlier document again, and the ones opened together only once', async () => {
    const firstOfA = client.nextDiagnostics(a.uri);
    await client.open(a.uri, a.text);
    await firstOfA;
    const from = client.published.length;
    const againOfA = client.nextDiagnostics(a.uri, () => true, 15_000);
    const ofB = client.nextDiagnostics(b.uri, () => true, 15_000);
    const ofC = client.nextDiagnostics(c.uri, () => true, 15_000);
    await Promise.all([client.open(b.uri, b.text), client.open(c.uri, c.text)]);
    await Promise.all([againOfA, ofB, ofC]);
    // Past the debounce of the workspace changes, with time for a second publication to arrive.
    await new Promise((resolve) => setTimeout(resolve, WORKSPACE_DEBOUNCE_MS + 1000));
    const count = (uri: string): number => client.published.slice(from).filter((p) => p.uri === uri).length;
    assert.deepEqual([count(a.uri), count(b.uri), count(c.uri)], [1, 1, 1]);
  });
});
