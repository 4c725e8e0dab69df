import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Harness } from './page';
import { startWebTestServer, type WebTestServer } from './serve';

// The web build in a real browser: Debian's Chromium (headless, through playwright-core) loads a
// page on 127.0.0.1 that starts dist/browser/server.js as a web worker and speaks LSP to it over
// postMessage (test/web/page.ts). Proves that the language service runs without Node: XML rules,
// the PowerShell grammar fetched as WebAssembly relative to the worker, and the authoring commands.

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.AOVPN_E2E_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const AUTOMATIC_WITH_SUITE = `<VPNProfile>
  <NativeProfile>
    <Servers>vpn.example.com</Servers>
    <RoutingPolicyType>ForceTunnel</RoutingPolicyType>
    <NativeProtocolType>Automatic</NativeProtocolType>
    <Authentication>
      <MachineMethod>Certificate</MachineMethod>
    </Authentication>
    <CryptographySuite>
      <AuthenticationTransformConstants>SHA256128</AuthenticationTransformConstants>
      <CipherTransformConstants>AES128</CipherTransformConstants>
      <PfsGroup>PFS2048</PfsGroup>
      <DHGroup>Group14</DHGroup>
      <IntegrityCheckMethod>SHA256</IntegrityCheckMethod>
      <EncryptionMethod>AES128</EncryptionMethod>
    </CryptographySuite>
  </NativeProfile>
</VPNProfile>
`;

const WEAK_SERVER = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group2 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048
Restart-Service RemoteAccess -PassThru
`;

// The workspace of test/protocol/workspace.test.ts: a client profile whose suite the server script's custom policy does not match.
const FIXTURES = join(__dirname, '..', 'fixtures', 'workspace');
const CLIENT_PROFILE = readFileSync(join(FIXTURES, 'client.xml'), 'utf8');
const SERVER_SCRIPT = readFileSync(join(FIXTURES, 'server.ps1'), 'utf8');
/** The server script with the client's policy. */
const MATCHING_SERVER_SCRIPT = SERVER_SCRIPT.replace(
  '-AuthenticationTransformConstants GCMAES128',
  '-AuthenticationTransformConstants SHA256128',
)
  .replace('-CipherTransformConstants GCMAES128', '-CipherTransformConstants AES128')
  .replace('-EncryptionMethod GCMAES128', '-EncryptionMethod AES128')
  .replace('-PfsGroup ECP256', '-PfsGroup PFS2048');
/** The bytes MakeProfile.ps1 and PowerShell 5 write: UTF-16LE with a byte order mark. */
const utf16le = (text: string): number[] => [0xff, 0xfe, ...[...Buffer.from(text, 'utf16le')]];
const utf8 = (text: string): number[] => [...Buffer.from(text, 'utf8')];

describe('web extension: the language server as a web worker in Chromium', { timeout: 120_000 }, () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;
  const console: string[] = [];

  before(async () => {
    server = await startWebTestServer(ROOT);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
    page = await browser.newPage();
    page.on('console', (m) => console.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => console.push(`[pageerror] ${e.message}`));
    await page.goto(`${server.url}/`);
    await page.waitForFunction(() => 'aovpn' in globalThis);
    await page.evaluate(async () => {
      const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
      await h.request('initialize', {
        processId: null,
        rootUri: null,
        capabilities: {
          workspace: { configuration: true, codeLens: { refreshSupport: true } },
          textDocument: { publishDiagnostics: { versionSupport: true } },
        },
      });
      await h.notify('initialized', {});
    });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('publishes diagnostics for a ProfileXML document: crypto-suite-ignored-automatic', async () => {
    const published = await page.evaluate(async (text) => {
      const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
      await h.notify('textDocument/didOpen', { textDocument: { uri: 'memfs:/auto.xml', languageId: 'xml', version: 1, text } });
      return h.diagnostics('memfs:/auto.xml', 20_000, 'crypto-suite-ignored-automatic');
    }, AUTOMATIC_WITH_SUITE);
    const finding = published.diagnostics.find((d) => d.code === 'crypto-suite-ignored-automatic');
    assert.ok(finding, console.join('\n'));
    assert.equal(finding.source, 'profilexml');
    assert.match(finding.message, /800/);
  });

  it('loads the PowerShell grammar (WebAssembly fetched relative to the worker) and checks a script', async () => {
    const published = await page.evaluate(async (text) => {
      const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
      await h.notify('textDocument/didOpen', { textDocument: { uri: 'memfs:/server.ps1', languageId: 'powershell', version: 1, text } });
      return h.diagnostics('memfs:/server.ps1', 30_000, 'ps-weak-crypto');
    }, WEAK_SERVER);
    const weak = published.diagnostics.filter((d) => d.code === 'ps-weak-crypto');
    assert.equal(weak.length, 1, console.join('\n'));
    assert.equal(weak[0].source, 'aovpn-powershell');
    assert.match(weak[0].message, /Group2/);
  });

  it('runs the authoring commands and code lenses in the worker', async () => {
    const answer = (await page.evaluate(async () => {
      const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
      const created = (await h.request('workspace/executeCommand', {
        command: 'aovpn.server.newProfile',
        arguments: [{ tunnel: 'device', deployment: 'any', targetWindows: 'win11-22h2', server: 'vpn.contoso.com' }],
      })) as { ok: boolean; text: string };
      const lenses = (await h.request('textDocument/codeLens', { textDocument: { uri: 'memfs:/auto.xml' } })) as {
        command: { title: string };
      }[];
      return { created, lenses: lenses.map((l) => l.command.title) };
    })) as { created: { ok: boolean; text: string }; lenses: string[] };
    assert.equal(answer.created.ok, true);
    assert.match(answer.created.text, /<DeviceTunnel>true<\/DeviceTunnel>/);
    // server.ps1 (open) sets DHGroup Group2; auto.xml's suite has Group14.
    assert.deepEqual(answer.lenses, ['Differs from server policy in server.ps1 (DHGroup)']);
  });

  it('compares an open profile with a closed server script the extension read for it (the worker has no file system)', async () => {
    assert.notEqual(MATCHING_SERVER_SCRIPT, SERVER_SCRIPT);
    const feedPage = await browser.newPage();
    feedPage.on('console', (m) => console.push(`[feed ${m.type()}] ${m.text()}`));
    try {
      await feedPage.goto(`${server.url}/`);
      await feedPage.waitForFunction(() => 'aovpn' in globalThis);
      await feedPage.evaluate(async () => {
        const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
        await h.request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
        await h.notify('initialized', {});
      });

      // The extension lists and reads the workspace: the server script (UTF-16LE), XML that is not
      // a profile, and candidates in folders the workspace leaves out.
      const started = await feedPage.evaluate(
        async (files) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          for (const [uri, bytes] of Object.entries(files)) h.feed.files.set(uri, new Uint8Array(bytes));
          return h.feed.of().scan();
        },
        {
          'memfs:/ws/server.ps1': utf16le(SERVER_SCRIPT),
          'memfs:/ws/notes.xml': utf8('<notes>not a profile</notes>'),
          'memfs:/ws/node_modules/tool/server.ps1': utf8(MATCHING_SERVER_SCRIPT),
          'memfs:/ws/.history/server.ps1': utf8(MATCHING_SERVER_SCRIPT),
        },
      );
      assert.deepEqual(started, { sent: 1, truncated: false }, 'only the server script is sent');

      const CLIENT = 'memfs:/ws/client.xml';
      const SERVER = 'memfs:/ws/server.ps1';
      const RULE = 'ipsec-policy-mismatch';
      const opened = await feedPage.evaluate(
        async ({ uri, text, rule }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          const since = h.mark();
          await h.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version: 1, text } });
          return h.publishedSince(uri, since, { has: rule }, 30_000);
        },
        { uri: CLIENT, text: CLIENT_PROFILE, rule: RULE },
      );
      const mismatch = opened.diagnostics.find((d) => d.code === RULE);
      assert.ok(mismatch, console.join('\n'));
      assert.match(mismatch.message, /13868/);
      assert.equal(mismatch.relatedInformation?.[0]?.location.uri, SERVER, 'the finding points at the closed server script');

      // Deleted: nothing to compare with any more.
      await feedPage.evaluate(
        async ({ client, server, rule }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          const since = h.mark();
          h.feed.files.delete(server);
          await h.feed.of().deleted(server);
          return h.publishedSince(client, since, { lacks: rule }, 30_000);
        },
        { client: CLIENT, server: SERVER, rule: RULE },
      );

      // Created again (now UTF-8): the mismatch is back.
      await feedPage.evaluate(
        async ({ client, server, rule, bytes }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          const since = h.mark();
          h.feed.files.set(server, new Uint8Array(bytes));
          await h.feed.of().changed(server);
          return h.publishedSince(client, since, { has: rule }, 30_000);
        },
        { client: CLIENT, server: SERVER, rule: RULE, bytes: utf8(SERVER_SCRIPT) },
      );

      // Opened and edited to match: the editor's text wins over the file read ...
      await feedPage.evaluate(
        async ({ client, server, rule, text }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          const since = h.mark();
          await h.notify('textDocument/didOpen', { textDocument: { uri: server, languageId: 'powershell', version: 1, text } });
          return h.publishedSince(client, since, { lacks: rule }, 30_000);
        },
        { client: CLIENT, server: SERVER, rule: RULE, text: MATCHING_SERVER_SCRIPT },
      );

      // ... and closed without saving: the file as read counts again.
      await feedPage.evaluate(
        async ({ client, server, rule }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          const since = h.mark();
          await h.notify('textDocument/didClose', { textDocument: { uri: server } });
          return h.publishedSince(client, since, { has: rule }, 30_000);
        },
        { client: CLIENT, server: SERVER, rule: RULE },
      );
    } finally {
      await feedPage.close();
    }
  });

  it('publishes the problems of closed files the extension read (problems of closed files in the worker), and clears those of a deleted one', async () => {
    const closedPage = await browser.newPage();
    closedPage.on('console', (m) => console.push(`[closed ${m.type()}] ${m.text()}`));
    try {
      await closedPage.goto(`${server.url}/`);
      await closedPage.waitForFunction(() => 'aovpn' in globalThis);
      const CLIENT = 'memfs:/ws/client.xml';
      const SERVER = 'memfs:/ws/server.ps1';
      const RULE = 'ipsec-policy-mismatch';
      const published = await closedPage.evaluate(
        async ({ files, client, rule }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          await h.request('initialize', { processId: null, rootUri: null, capabilities: { workspace: { configuration: true } } });
          await h.notify('initialized', {});
          const since = h.mark();
          for (const [uri, bytes] of Object.entries(files)) h.feed.files.set(uri, new Uint8Array(bytes));
          await h.feed.of().scan();
          // Nobody opens the client profile.
          return h.publishedSince(client, since, { has: rule }, 30_000);
        },
        { files: { [CLIENT]: utf8(CLIENT_PROFILE), [SERVER]: utf8(SERVER_SCRIPT) }, client: CLIENT, rule: RULE },
      );
      assert.ok(
        published.diagnostics.some((d) => d.code === RULE),
        console.join('\n'),
      );
      const cleared = await closedPage.evaluate(
        async ({ client }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          const since = h.mark();
          h.feed.files.delete(client);
          await h.feed.of().deleted(client);
          return h.publishedSince(client, since, { lacks: 'ipsec-policy-mismatch' }, 30_000);
        },
        { client: CLIENT },
      );
      assert.deepEqual(cleared.diagnostics, []);
    } finally {
      await closedPage.close();
    }
  });

  it('finds the WebAssembly through initializationOptions.wasmBaseUrl when the worker starts from a blob: URL (as in VS Code for the Web)', async () => {
    const blobPage = await browser.newPage();
    blobPage.on('console', (m) => console.push(`[blob ${m.type()}] ${m.text()}`));
    try {
      await blobPage.goto(`${server.url}/?blob`);
      await blobPage.waitForFunction(() => 'aovpn' in globalThis);
      const published = await blobPage.evaluate(
        async ({ text, base }) => {
          const h = (globalThis as unknown as { aovpn: Harness }).aovpn;
          await h.request('initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { wasmBaseUrl: base } });
          await h.notify('initialized', {});
          await h.notify('textDocument/didOpen', {
            textDocument: { uri: 'memfs:/server.ps1', languageId: 'powershell', version: 1, text },
          });
          return h.diagnostics('memfs:/server.ps1', 30_000, 'ps-weak-crypto');
        },
        { text: WEAK_SERVER, base: `${server.url}/dist/browser/server.js` },
      );
      assert.ok(
        published.diagnostics.some((d) => d.code === 'ps-weak-crypto'),
        console.join('\n'),
      );
    } finally {
      await blobPage.close();
    }
  });
});
