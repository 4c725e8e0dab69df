// What the problems of closed files (aovpn.workspaceDiagnostics) cost: the built server started on
// a folder of N files (4 profiles of about 8 KB to 1 deployment script of 400 lines with an
// embedded profile, as site folders hold them, plus the RRAS script whose policy every client
// differs from), measured with the setting on and off:
//   - the first pass: from `initialized` until every file's list is published;
//   - a change of facts across files (the server script edited on disk): until every list is again;
//   - the server's resident memory after the first pass (on) and after indexing (off);
//   - hover on an open profile while the passes run: the slowest answer (a pass yields after each
//     file; the scan at start-up, which is the same with the setting off, is not counted).
// Both passes include the pause of WORKSPACE_DIAGNOSTICS_DEBOUNCE_MS after the last change.
// Run: npm run bench:workspace [-- 100 250 500 1000 2000]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { SERVER_NODE_OPTIONS } from '../client/src/serverProcess';
import { deploymentScript, workspace } from './inputs';
import { SERVER } from './lsp';

const SERVER_POLICY =
  'Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\nRestart-Service RemoteAccess\n';

interface Folder {
  dir: string;
  uris: string[];
  serverPath: string;
  chars: number;
}

function makeFolder(count: number): Folder {
  const dir = mkdtempSync(path.join(tmpdir(), 'aovpn-bench-ws-'));
  mkdirSync(path.join(dir, 'sites'));
  const scripts = Math.floor(count / 5);
  const profiles = workspace(count - scripts - 1);
  const uris: string[] = [];
  let chars = 0;
  for (const p of profiles) {
    const file = path.join(dir, 'sites', path.basename(p.uri));
    writeFileSync(file, p.text);
    uris.push(pathToFileURL(file).href);
    chars += p.text.length;
  }
  for (let i = 0; i < scripts; i++) {
    const file = path.join(dir, 'sites', `deploy-${String(i).padStart(4, '0')}.ps1`);
    const text = deploymentScript(400, 100 + i);
    writeFileSync(file, text);
    uris.push(pathToFileURL(file).href);
    chars += text.length;
  }
  const serverPath = path.join(dir, 'rras.ps1');
  writeFileSync(serverPath, SERVER_POLICY);
  chars += SERVER_POLICY.length;
  return { dir, uris, serverPath, chars };
}

interface Run {
  /** From `initialized` to the first closed file's list: the scan, the index and the pause. */
  firstListMs?: number;
  firstPassMs?: number;
  factsPassMs?: number;
  rssMB: number;
  worstHoverMs?: number;
  published: number;
}

async function run(folder: Folder, mode: 'on' | 'off'): Promise<Run> {
  const child = spawn(process.execPath, [...SERVER_NODE_OPTIONS, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map<string, number>();
  let onPublish: (() => void) | undefined;
  let firstList: (() => void) | undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
    if (p.version === undefined && p.diagnostics.length > 0) {
      published.set(p.uri, (published.get(p.uri) ?? 0) + 1);
      firstList?.();
      firstList = undefined;
    }
    onPublish?.();
  });
  connection.onNotification('window/logMessage', () => undefined);
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) =>
    params.items.map(() => ({ workspaceDiagnostics: mode })),
  );
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const rss = (): number => Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
  const allPublished = (round: number, timeoutMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(new Error(`only ${[...published.values()].filter((n) => n >= round).length} of ${folder.uris.length} files published`)),
        timeoutMs,
      );
      onPublish = () => {
        if (folder.uris.every((u) => (published.get(u) ?? 0) >= round)) {
          clearTimeout(timer);
          onPublish = undefined;
          resolve();
        }
      };
    });
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder.dir).href,
      workspaceFolders: [{ uri: pathToFileURL(folder.dir).href, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true, relatedInformation: true } },
      },
    });
    const t0 = performance.now();
    const first = mode === 'on' ? allPublished(1, 600_000) : undefined;
    const listed = new Promise<number>((resolve) => (firstList = () => resolve(performance.now() - t0)));
    await connection.sendNotification('initialized', {});
    // An open profile to hover while the passes run.
    const openUri = pathToFileURL(path.join(folder.dir, 'open.xml')).href;
    const openText = workspace(1)[0].text;
    await connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri: openUri, languageId: 'xml', version: 1, text: openText },
    });
    const hoverLine = openText.split('\n').findIndex((l) => l.includes('<DHGroup>'));
    let worstHover = 0;
    let hovering = true;
    const hoverLoop = (async () => {
      // From the first closed file's list on: the passes, not the scan.
      if (mode === 'on') await listed;
      while (hovering) {
        const h0 = performance.now();
        await connection.sendRequest('textDocument/hover', { textDocument: { uri: openUri }, position: { line: hoverLine, character: 8 } });
        worstHover = Math.max(worstHover, performance.now() - h0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const out: Run = { rssMB: 0, published: 0 };
    if (first) {
      await first;
      out.firstPassMs = performance.now() - t0;
      out.firstListMs = await listed;
      const t1 = performance.now();
      const again = allPublished(2, 600_000);
      writeFileSync(folder.serverPath, SERVER_POLICY.replace('-DHGroup Group14', '-DHGroup ECP384'));
      await connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [{ uri: pathToFileURL(folder.serverPath).href, type: 2 }],
      });
      await again;
      out.factsPassMs = performance.now() - t1;
      writeFileSync(folder.serverPath, SERVER_POLICY);
    } else {
      // No event marks the end of the scan with the setting off: wait well past it.
      await new Promise((r) => setTimeout(r, Math.max(3000, folder.uris.length * 4)));
    }
    hovering = false;
    await hoverLoop;
    out.worstHoverMs = worstHover;
    (globalThis as { gc?: () => void }).gc?.();
    out.rssMB = rss();
    out.published = published.size;
    return out;
  } finally {
    // A server that is gone already cannot be shut down: say so and go on to the next size.
    const note = (what: string) => (error: unknown) => console.error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]).catch(note('shutdown'));
    await connection.sendNotification('exit').catch(note('exit'));
    setTimeout(() => child.kill(), 3000).unref();
    connection.dispose();
  }
}

async function main(): Promise<void> {
  const sizes = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  for (const count of sizes.length ? sizes : [100, 250, 500, 1000, 2000]) {
    const folder = makeFolder(count);
    try {
      const off = await run(folder, 'off');
      const on = await run(folder, 'on');
      console.log(
        `${count} files (${(folder.chars / 1e6).toFixed(1)} MB): every list after ${on.firstPassMs?.toFixed(0)} ms (the first after ${on.firstListMs?.toFixed(0)} ms), ` +
          `again after a server policy change ${on.factsPassMs?.toFixed(0)} ms; RSS ${on.rssMB.toFixed(0)} MB (off: ${off.rssMB.toFixed(0)} MB); slowest hover during the passes ${on.worstHoverMs?.toFixed(0)} ms`,
      );
    } finally {
      rmSync(folder.dir, { recursive: true, force: true });
    }
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
