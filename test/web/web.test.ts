import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startWebTestServer, type WebTestServer } from './serve';

// The web build in a real browser: Debian's Chromium (headless, through playwright-core) loads a
// page on 127.0.0.1 that starts dist/browser/server.js as a web worker and speaks LSP to it over
// postMessage (test/web/page.ts). Proves that the language service runs without Node: XML rules,
// the PowerShell grammar fetched as WebAssembly relative to the worker, and the authoring commands.

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.AOVPN_E2E_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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

interface Published {
  uri: string;
  diagnostics: { code?: string | number; source?: string; message: string }[];
}

/** The page's harness (test/web/page.ts), as seen from page.evaluate. */
interface Harness {
  request(method: string, params: unknown): Promise<unknown>;
  notify(method: string, params: unknown): Promise<void>;
  diagnostics(uri: string, timeoutMs: number, code?: string): Promise<Published>;
}

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
        capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
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
      const lenses = (await h.request('textDocument/codeLens', { textDocument: { uri: 'memfs:/auto.xml' } })) as { command: { title: string } }[];
      return { created, lenses: lenses.map((l) => l.command.title) };
    })) as { created: { ok: boolean; text: string }; lenses: string[] };
    assert.equal(answer.created.ok, true);
    assert.match(answer.created.text, /<DeviceTunnel>true<\/DeviceTunnel>/);
    // server.ps1 (open) sets DHGroup Group2; auto.xml's suite has Group14.
    assert.deepEqual(answer.lenses, ['Differs from server policy in server.ps1 (DHGroup)']);
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
          await h.notify('textDocument/didOpen', { textDocument: { uri: 'memfs:/server.ps1', languageId: 'powershell', version: 1, text } });
          return h.diagnostics('memfs:/server.ps1', 30_000, 'ps-weak-crypto');
        },
        { text: WEAK_SERVER, base: `${server.url}/dist/browser/server.js` },
      );
      assert.ok(published.diagnostics.some((d) => d.code === 'ps-weak-crypto'), console.join('\n'));
    } finally {
      await blobPage.close();
    }
  });
});
