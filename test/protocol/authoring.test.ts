import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ROOT, TestLspClient } from './lspClient';

// The built server's authoring features over LSP, as VS Code uses them: textDocument/codeLens
// (served from the workspace index: the server script on disk, not open) and
// workspace/executeCommand for the generators.

interface Lens {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  command?: { title: string; command: string; arguments?: unknown[] };
}

interface Generated {
  ok: boolean;
  language?: string;
  text?: string;
  message?: string;
}

const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspace');

describe('language server: code lenses and authoring commands', { timeout: 60_000 }, () => {
  let folder: string;
  let client: TestLspClient;
  let clientUri: string;
  let serverUri: string;
  let clientText: string;
  let capabilities: Record<string, unknown>;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'aovpn-authoring-'));
    cpSync(FIXTURES, folder, { recursive: true });
    clientUri = pathToFileURL(join(folder, 'client.xml')).href;
    serverUri = pathToFileURL(join(folder, 'server.ps1')).href;
    clientText = readFileSync(join(folder, 'client.xml'), 'utf8');
    client = new TestLspClient();
    ({ capabilities } = await client.initialize(undefined, [pathToFileURL(folder).href]));
  });

  after(async () => {
    // Once the PowerShell grammar is loaded (server.ps1 is indexed), Node needs a few seconds to
    // exit (V8 finishes compiling the WebAssembly on exit): the child is killed after the wait.
    await client.dispose().catch((error: unknown) => {
      if (!/no answer within/.test(String(error))) throw error;
    });
    rmSync(folder, { recursive: true, force: true });
  });

  it('announces code lenses and the authoring commands', () => {
    assert.deepEqual(capabilities.codeLensProvider, { resolveProvider: false });
    assert.deepEqual(capabilities.executeCommandProvider, {
      commands: [
        'aovpn.server.newProfile',
        'aovpn.server.deploymentScript',
        'aovpn.server.serverPolicyFromSuite',
        'aovpn.server.suiteFromServerPolicy',
      ],
    });
  });

  it('puts a lens on the CryptographySuite that names the differences with the server script on disk and points at it', async () => {
    const published = client.nextDiagnostics(clientUri, () => true, 15_000);
    await client.open(clientUri, clientText);
    await published;
    const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: clientUri } });
    assert.equal(lenses.length, 1);
    const [lens] = lenses;
    const line = clientText.split('\n').findIndex((l) => l.includes('<CryptographySuite>'));
    assert.deepEqual(lens.range, { start: { line, character: 5 }, end: { line, character: 22 } });
    assert.equal(
      lens.command?.title,
      'Differs from server policy in server.ps1 (AuthenticationTransformConstants, CipherTransformConstants, PfsGroup, EncryptionMethod)',
    );
    assert.equal(lens.command?.command, 'aovpn.showLocations');
    const serverText = readFileSync(join(folder, 'server.ps1'), 'utf8');
    const serverLine = serverText.split('\n').findIndex((l) => l.startsWith('Set-VpnServerConfiguration'));
    assert.deepEqual(lens.command?.arguments, [
      clientUri,
      { line, character: 5 },
      [{ uri: serverUri, range: { start: { line: serverLine, character: 0 }, end: { line: serverLine, character: 26 } } }],
    ]);
  });

  it('generates the matching server policy; once it is in the workspace the lens says it matches', async () => {
    const generated = await client.request<Generated>('workspace/executeCommand', {
      command: 'aovpn.server.serverPolicyFromSuite',
      arguments: [clientUri],
    });
    assert.equal(generated.ok, true);
    assert.equal(generated.language, 'powershell');
    assert.match(generated.text!, /^Set-VpnServerConfiguration -TunnelType IKEV2 -CustomPolicy `$/m);
    // The generated script, opened as an untitled document, joins the workspace index.
    const untitled = 'untitled:Untitled-1';
    const validated = client.nextDiagnostics(untitled, () => true, 15_000);
    await client.open(untitled, generated.text!, 1, 'powershell');
    assert.deepEqual((await validated).diagnostics, [], 'the generated script passes the PowerShell rules');
    const lenses = await client.request<Lens[]>('textDocument/codeLens', { textDocument: { uri: clientUri } });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      ['Matches server policy in Untitled-1'],
    );
  });

  it('generates a new profile and a deployment script on request', async () => {
    const profile = await client.request<Generated>('workspace/executeCommand', {
      command: 'aovpn.server.newProfile',
      arguments: [{ tunnel: 'device', deployment: 'powershell', targetWindows: 'win11-22h2', server: 'vpn.contoso.com' }],
    });
    assert.equal(profile.ok, true);
    assert.match(profile.text!, /<DeviceTunnel>true<\/DeviceTunnel>/);
    const script = await client.request<Generated>('workspace/executeCommand', {
      command: 'aovpn.server.deploymentScript',
      arguments: [clientUri, { profileName: "Contoso's VPN" }],
    });
    assert.equal(script.ok, true);
    assert.match(script.text!, /^\$ProfileName = 'Contoso''s VPN'$/m);
    const closed = await client.request<Generated>('workspace/executeCommand', {
      command: 'aovpn.server.deploymentScript',
      arguments: ['file:///not/open.xml'],
    });
    assert.deepEqual(closed, { ok: false, message: 'The document is not open in the editor.' });
  });

  it('logged no errors', () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});
