import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { ROOT, TestLspClient, type PublishedDiagnostics } from './lspClient';

// A repository is not to be trusted: a folder inside it can be a symbolic link out of it, a
// script can be a link to /proc/self/pagemap (size 0 to stat, endless to read). The server's
// workspace index reads only regular files that really lie below the workspace folders, and no
// more than its size limit of any of them, whatever the file watcher reports.

const FIXTURES = join(ROOT, 'test', 'fixtures', 'workspace');
const RULE = 'ipsec-policy-mismatch';
const mismatchOf = (p: PublishedDiagnostics): Diagnostic | undefined => p.diagnostics.find((d) => d.code === RULE);

/** Peak resident memory of a process in MB (VmHWM), from procfs. */
function peakMemoryMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
  return kb / 1024;
}

describe('language server: a hostile workspace (links out of it, procfs)', { timeout: 90_000 }, () => {
  let base: string;
  let ws: string;
  let client: TestLspClient;
  let clientUri: string;

  before(async () => {
    base = mkdtempSync(join(tmpdir(), 'aovpn-hostile-ws-'));
    ws = join(base, 'ws');
    const outside = join(base, 'outside');
    mkdirSync(ws);
    mkdirSync(outside);
    copyFileSync(join(FIXTURES, 'client.xml'), join(ws, 'client.xml'));
    // The server script whose policy the client does not match lives outside the workspace only.
    copyFileSync(join(FIXTURES, 'server.ps1'), join(outside, 'server.ps1'));
    symlinkSync(outside, join(ws, 'linked'));
    symlinkSync(join(outside, 'server.ps1'), join(ws, 'server-link.ps1'));
    symlinkSync('/proc/self/pagemap', join(ws, 'evil.ps1'));
    symlinkSync('/', join(ws, 'rootfs'));
    clientUri = pathToFileURL(join(ws, 'client.xml')).href;
    client = new TestLspClient();
    await client.initialize(undefined, [pathToFileURL(ws).href]);
  });

  after(async () => {
    await client.dispose();
    rmSync(base, { recursive: true, force: true });
  });

  it('indexes neither the linked folder, nor a linked script, nor /proc, at start-up or on watcher events; a real script is indexed', async () => {
    const opened = client.nextDiagnostics(clientUri, undefined, 20_000);
    await client.open(clientUri, readFileSync(join(ws, 'client.xml'), 'utf8'));
    assert.equal(mismatchOf(await opened), undefined, 'the scan at start-up followed a link');

    // The watcher reports the linked files as created: none of them may reach the index.
    await client.filesChanged([
      { uri: pathToFileURL(join(ws, 'linked', 'server.ps1')).href, type: 1 },
      { uri: pathToFileURL(join(ws, 'server-link.ps1')).href, type: 1 },
      { uri: pathToFileURL(join(ws, 'evil.ps1')).href, type: 1 },
      { uri: pathToFileURL(join(ws, 'rootfs', 'proc', 'self', 'pagemap.ps1')).href, type: 1 },
    ]);
    // A real server script in the workspace is indexed (the control: it is what a followed link would have done).
    copyFileSync(join(FIXTURES, 'server.ps1'), join(ws, 'server.ps1'));
    const mismatch = client.nextDiagnostics(clientUri, (p) => !!mismatchOf(p), 20_000);
    await client.filesChanged([{ uri: pathToFileURL(join(ws, 'server.ps1')).href, type: 1 }]);
    const related = mismatchOf(await mismatch)?.relatedInformation ?? [];
    assert.ok(related.length > 0);
    for (const r of related) assert.equal(r.location.uri, pathToFileURL(join(ws, 'server.ps1')).href, 'only the real script is compared');
  });

  it('stays small: the link to /proc/self/pagemap was never read', async () => {
    // Another request round trip, so that every event above has been handled.
    await client.request('textDocument/hover', { textDocument: { uri: clientUri }, position: { line: 0, character: 1 } });
    assert.ok(client.running);
    const peak = peakMemoryMb(client.pid!);
    assert.ok(peak < 400, `the server peaked at ${peak.toFixed(0)} MB`);
  });

  it('logged no errors', () => {
    assert.deepEqual(
      client.logs.filter((l) => l.type === 1),
      [],
    );
  });
});

describe('language server: multi-megabyte scripts in the workspace (never opened)', { timeout: 120_000 }, () => {
  let ws: string;
  let client: TestLspClient;

  before(async () => {
    ws = mkdtempSync(join(tmpdir(), 'aovpn-big-ws-'));
    // 2,093,056 bytes of "1\n", and 5 MB of statements around one VPN command.
    writeFileSync(join(ws, 'ones.ps1'), '1\n'.repeat(1_046_528));
    writeFileSync(join(ws, 'dense.ps1'), `Set-VpnServerConfiguration -CustomPolicy -DHGroup Group14\n${'$x = 1\n'.repeat(750_000)}`);
    copyFileSync(join(FIXTURES, 'client.xml'), join(ws, 'client.xml'));
    client = new TestLspClient();
    await client.initialize(undefined, [pathToFileURL(ws).href]);
  });

  after(async () => {
    await client.dispose();
    rmSync(ws, { recursive: true, force: true });
  });

  it('the open profile gets its diagnostics, and the server stays small and answering', async () => {
    const uri = pathToFileURL(join(ws, 'client.xml')).href;
    const published = client.nextDiagnostics(uri, undefined, 60_000);
    await client.open(uri, readFileSync(join(ws, 'client.xml'), 'utf8'));
    await published;
    await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.ok(client.running);
    const peak = peakMemoryMb(client.pid!);
    assert.ok(peak < 400, `the server peaked at ${peak.toFixed(0)} MB`);
  });

  it('says in its log why an open multi-megabyte script gets no findings', async () => {
    const uri = pathToFileURL(join(ws, 'dense.ps1')).href;
    const published = client.nextDiagnostics(uri, undefined, 60_000);
    await client.open(uri, readFileSync(join(ws, 'dense.ps1'), 'utf8'));
    assert.deepEqual((await published).diagnostics, []);
    const logged = await client.waitFor(
      () => client.logs.find((l) => l.message.includes('Not analysed: dense.ps1')),
      10_000,
      () => 'a log line about dense.ps1',
    );
    assert.match(logged.message, /more than 150,000 PowerShell tokens/);
  });
});
