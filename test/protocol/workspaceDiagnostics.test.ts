import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { WORKSPACE_DIAGNOSTICS_AUTO_LIMIT } from '../../server/src/host/workspaceDiagnosticsSetting';
import { ROOT, TestLspClient, type PublishedDiagnostics } from './lspClient';

// Problems of closed files (aovpn.workspaceDiagnostics): the server publishes diagnostics for the
// workspace's profiles and scripts nobody has opened, replaces them with the open document's while
// it is open, and clears them when the file is deleted or the setting is turned off.

const RULE = 'ipsec-policy-mismatch';
const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspace');
const hasMismatch = (p: PublishedDiagnostics): boolean => p.diagnostics.some((d) => d.code === RULE);
/** Published by the problems of closed files: no version (open documents' lists carry theirs). */
const closedList = (p: PublishedDiagnostics): boolean => p.version === undefined;

describe('language server: problems of closed files', { timeout: 90_000 }, () => {
  let folder: string;
  let client: TestLspClient;
  let clientUri: string;
  let brokenUri: string;
  let lastUri: string;
  let clientText: string;

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'aovpn-closed-'));
    cpSync(FIXTURES, folder, { recursive: true });
    // A second closed profile with a problem of its own (no cross-file facts needed).
    const broken = readFileSync(join(FIXTURES, 'client.xml'), 'utf8').replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>yes</AlwaysOn>');
    writeFileSync(join(folder, 'broken.xml'), broken);
    // Last in a pass (passes go by URI): once its list is published, the pass has been everywhere.
    writeFileSync(join(folder, 'zz-last.xml'), broken);
    lastUri = pathToFileURL(join(folder, 'zz-last.xml')).href;
    clientUri = pathToFileURL(join(folder, 'client.xml')).href;
    brokenUri = pathToFileURL(join(folder, 'broken.xml')).href;
    clientText = readFileSync(join(folder, 'client.xml'), 'utf8');
    client = new TestLspClient();
    client.settings = {};
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('publishes the problems of files nobody opened, across files too: the closed client profile differs from the closed server script', async () => {
    const mismatch = client.nextDiagnostics(clientUri, (p) => closedList(p) && hasMismatch(p), 15_000);
    const invalid = client.nextDiagnostics(
      brokenUri,
      (p) => closedList(p) && p.diagnostics.some((d) => d.code === 'invalid-value'),
      15_000,
    );
    await client.initialize(undefined, [pathToFileURL(folder).href]);
    const published = await mismatch;
    assert.equal(
      published.diagnostics.find((d) => d.code === RULE)?.relatedInformation?.[0]?.location.uri,
      pathToFileURL(join(folder, 'server.ps1')).href,
    );
    await invalid;
  });

  it('asks for the settings of each closed file (rule severities may differ per folder)', () => {
    const scoped = client.configurationRequests.filter((r) => r.scopeUri === clientUri);
    assert.ok(scoped.length >= 1, JSON.stringify(client.configurationRequests));
  });

  it('the open document’s diagnostics replace them while it is open, and the file’s come back once it is closed', async () => {
    const edited = clientText.replace('<AlwaysOn>true</AlwaysOn>', '<AlwaysOn>maybe</AlwaysOn>');
    const open = client.nextDiagnostics(clientUri, (p) => p.version === 5 && p.diagnostics.some((d) => d.code === 'invalid-value'), 15_000);
    await client.open(clientUri, edited, 5);
    await open;
    // A pass over every closed file (a settings change) leaves the open document alone.
    const from = client.published.length;
    const pass = client.nextDiagnostics(lastUri, closedList, 15_000);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await pass;
    assert.deepEqual(
      client.published.slice(from).filter((p) => p.uri === clientUri && closedList(p)),
      [],
      'no closed-file list for the open document',
    );
    // Closed without saving: the text on disk (no invalid value, the mismatch) counts again.
    const back = client.nextDiagnostics(
      clientUri,
      (p) => closedList(p) && hasMismatch(p) && !p.diagnostics.some((d) => d.code === 'invalid-value'),
      15_000,
    );
    await client.close(clientUri);
    await back;
  });

  it('follows changes on disk: the server script made to match clears the closed client’s mismatch', async () => {
    const serverPath = join(folder, 'server.ps1');
    const serverText = readFileSync(serverPath, 'utf8');
    const matching = serverText
      .replace('-AuthenticationTransformConstants GCMAES128', '-AuthenticationTransformConstants SHA256128')
      .replace('-CipherTransformConstants GCMAES128', '-CipherTransformConstants AES128')
      .replace('-EncryptionMethod GCMAES128', '-EncryptionMethod AES128')
      .replace('-PfsGroup ECP256', '-PfsGroup PFS2048');
    writeFileSync(serverPath, matching);
    const cleared = client.nextDiagnostics(clientUri, (p) => closedList(p) && !hasMismatch(p), 15_000);
    await client.filesChanged([{ uri: pathToFileURL(serverPath).href, type: 2 }]);
    await cleared;
    writeFileSync(serverPath, serverText);
    const again = client.nextDiagnostics(clientUri, (p) => closedList(p) && hasMismatch(p), 15_000);
    await client.filesChanged([{ uri: pathToFileURL(serverPath).href, type: 2 }]);
    await again;
  });

  it('clears the list of a deleted file', async () => {
    rmSync(join(folder, 'broken.xml'));
    const cleared = client.nextDiagnostics(brokenUri, (p) => p.diagnostics.length === 0, 15_000);
    await client.filesChanged([{ uri: brokenUri, type: 3 }]);
    await cleared;
  });

  it('clears every closed file’s list when the setting is turned off, and shows them again when it is turned on', async () => {
    const off = client.nextDiagnostics(clientUri, (p) => p.diagnostics.length === 0, 15_000);
    client.settings = { workspaceDiagnostics: 'off' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await off;
    const on = client.nextDiagnostics(clientUri, (p) => closedList(p) && hasMismatch(p), 15_000);
    client.settings = { workspaceDiagnostics: 'on' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await on;
  });

  it('reports a misspelled value of the setting and treats it as auto', async () => {
    const shown = client.waitFor(
      () => client.shown.find((m) => /workspaceDiagnostics "sometimes"/.test(m.message)),
      15_000,
      () => 'a message about the setting',
    );
    client.settings = { workspaceDiagnostics: 'sometimes' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await shown;
  });

  it('logged no errors', () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});

describe('language server: problems of closed files in a large workspace', { timeout: 90_000 }, () => {
  let folder: string;
  let client: TestLspClient;
  let clientUri: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'aovpn-large-'));
    cpSync(FIXTURES, folder, { recursive: true });
    // More scripts than `auto` shows problems for (ordinary ones: cheap to index).
    mkdirSync(join(folder, 'tools'));
    for (let i = 0; i < WORKSPACE_DIAGNOSTICS_AUTO_LIMIT; i++) writeFileSync(join(folder, 'tools', `task-${i}.ps1`), `Write-Output ${i}\n`);
    clientUri = pathToFileURL(join(folder, 'client.xml')).href;
  });

  after(async () => {
    await client.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('auto shows none above the limit and says why in the log; on shows them', async () => {
    client = new TestLspClient();
    client.settings = {};
    await client.initialize(undefined, [pathToFileURL(folder).href]);
    await client.waitFor(
      () => client.logs.find((l) => /Problems of closed files are not shown: the workspace holds \d+ profiles and scripts/.test(l.message)),
      30_000,
      () => 'the log line saying why',
    );
    assert.deepEqual(
      client.published.filter((p) => p.uri === clientUri),
      [],
    );
    const shown = client.nextDiagnostics(clientUri, (p) => closedList(p) && hasMismatch(p), 30_000);
    client.settings = { workspaceDiagnostics: 'on' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await shown;
  });
});
