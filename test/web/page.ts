// The page of the web test: starts the built web-worker language server (dist/browser/server.js)
// and exposes a JSON-RPC client over postMessage to the test (driven through Playwright). It is a
// harness only; the assertions are in web.test.ts.
import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection } from 'vscode-jsonrpc/browser';
import { createWorkspaceFeed, type WorkspaceFeed } from '../../client/src/workspaceFeed';
import { WORKSPACE_FILES_NOTIFICATION } from '../../server/src/host/workspaceFeedProtocol';

/** Browser globals, typed as far as used (the project compiles without the DOM library). */
declare const Worker: new (url: string) => ConstructorParameters<typeof BrowserMessageReader>[0];
declare const Blob: new (parts: string[], options: { type: string }) => unknown;
declare const URL: { createObjectURL(blob: unknown): string };
declare const location: { origin: string; search: string };
/** A textDocument/publishDiagnostics the page received (as far as the tests read it). */
export interface Published {
  uri: string;
  version?: number;
  diagnostics: { code?: string | number; source?: string; message: string; relatedInformation?: { location: { uri: string } }[] }[];
}
/** What the page offers the test as `globalThis.aovpn` (web.test.ts imports this type only). */
export interface Harness {
  published: Published[];
  logs: string[];
  request(method: string, params: unknown): Promise<unknown>;
  notify(method: string, params: unknown): Promise<void>;
  diagnostics(uri: string, timeoutMs: number, code?: string): Promise<Published>;
  /** How many publications there have been so far (for `publishedSince`). */
  mark(): number;
  /** The first publication for `uri` after `since` that has (or, with `lacks`, has not) the code. */
  publishedSince(uri: string, since: number, want: { has?: string; lacks?: string }, timeoutMs: number): Promise<Published>;
  /**
   * The web extension's workspace feed (client/src/workspaceFeed.ts) over an in-memory file
   * system standing in for vscode.workspace.fs: `files` maps URIs below memfs:/ws/ to their bytes.
   */
  feed: { files: Map<string, Uint8Array>; of(): WorkspaceFeed };
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

const WORKSPACE_FOLDER = 'memfs:/ws/';
const memoryFiles = new Map<string, Uint8Array>();
const feed = createWorkspaceFeed(
  {
    list: async (limit) => [...memoryFiles.keys()].sort().slice(0, limit),
    size: async (uri) => memoryFiles.get(uri)?.length,
    read: async (uri) => {
      const bytes = memoryFiles.get(uri);
      if (!bytes) throw new Error(`${uri} does not exist`);
      return bytes;
    },
    relativePath: (uri) => (uri.startsWith(WORKSPACE_FOLDER) ? uri.slice(WORKSPACE_FOLDER.length) : undefined),
  },
  (params) => connection.sendNotification(WORKSPACE_FILES_NOTIFICATION, params),
);

function publishedSince(uri: string, since: number, want: { has?: string; lacks?: string }, timeoutMs: number): Promise<Published> {
  const fits = (p: Published, index: number): boolean =>
    index >= since &&
    p.uri === uri &&
    (!want.has || p.diagnostics.some((d) => d.code === want.has)) &&
    (!want.lacks || !p.diagnostics.some((d) => d.code === want.lacks));
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const hit = published.find(fits);
      if (!hit) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(hit);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      const seen = published.slice(since).map((p) => ({ uri: p.uri, codes: p.diagnostics.map((d) => d.code) }));
      reject(
        new Error(
          `no publication for ${uri} with ${JSON.stringify(want)} within ${timeoutMs} ms; published since: ${JSON.stringify(seen)}; server log: ${logs.join(' | ')}`,
        ),
      );
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

const harness: Harness = {
  published,
  logs,
  request: (method, params) => connection.sendRequest(method, params),
  notify: (method, params) => connection.sendNotification(method, params),
  mark: () => published.length,
  publishedSince,
  feed: { files: memoryFiles, of: () => feed },
  diagnostics: (uri, timeoutMs, code) => publishedSince(uri, 0, { has: code }, timeoutMs),
};
(globalThis as unknown as { aovpn: Harness }).aovpn = harness;
