// The page of the web test: starts the built web-worker language server (dist/browser/server.js)
// and exposes a JSON-RPC client over postMessage to the test (driven through Playwright). It is a
// harness only; the assertions are in web.test.ts.
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection } from 'vscode-jsonrpc/browser';

/** Browser globals, typed as far as used (the project compiles without the DOM library). */
declare const Worker: new (url: string) => ConstructorParameters<typeof BrowserMessageReader>[0];
declare const Blob: new (parts: string[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };
declare const location: { origin: string; search: string };
interface Published {
  uri: string;
  version?: number;
  diagnostics: { code?: string | number; source?: string; message: string }[];
}
interface Harness {
  published: Published[];
  logs: string[];
  request(method: string, params: unknown): Promise<unknown>;
  notify(method: string, params: unknown): Promise<void>;
  diagnostics(uri: string, timeoutMs: number, code?: string): Promise<Published>;
}

// `?blob`: start the worker from a blob: URL that imports the server, as VS Code for the Web does
// (the worker then cannot resolve files against its own URL and needs initializationOptions.wasmBaseUrl).
const serverUrl = `${location.origin}/dist/browser/server.js`;
const worker = location.search.includes('blob')
  ? new Worker(URL.createObjectURL(new Blob([`importScripts(${JSON.stringify(serverUrl)});`], { type: 'text/javascript' })))
  : new Worker(serverUrl);
const connection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
const published: Published[] = [];
const logs: string[] = [];
const waiters = new Set<() => void>();
connection.onNotification('textDocument/publishDiagnostics', (params: Published) => {
  published.push(params);
  for (const w of [...waiters]) w();
});
connection.onNotification('window/logMessage', (params: { message: string }) => {
  logs.push(params.message);
});
connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.onRequest('workspace/codeLens/refresh', () => null);
connection.listen();

const harness: Harness = {
  published,
  logs,
  request: (method, params) => connection.sendRequest(method, params),
  notify: (method, params) => connection.sendNotification(method, params),
  diagnostics(uri, timeoutMs, code) {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = published.find((p) => p.uri === uri && (!code || p.diagnostics.some((d) => d.code === code)));
        if (!hit) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no diagnostics${code ? ` with ${code}` : ''} for ${uri} within ${timeoutMs} ms; published: ${JSON.stringify(published.map((p) => ({ uri: p.uri, codes: p.diagnostics.map((d) => d.code) })))}; server log: ${logs.join(' | ')}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  },
};
(globalThis as unknown as { aovpn: Harness }).aovpn = harness;
