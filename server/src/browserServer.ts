// The language server as a web worker (VS Code for the Web, or any page that speaks LSP over
// postMessage): the shared LSP glue (lspGlue.ts) and the same pure language service as
// server.ts, with browser-only hosts. No file system: the web extension reads the workspace's
// profiles and scripts through VS Code and sends them (host/workspaceFeedProtocol.ts), so the
// checks across files see closed files as well as open documents; the PowerShell grammar
// (WebAssembly) is fetched relative to this bundle (from dist/).
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { createClientFileIndex, readWorkspaceFilesParams } from './host/clientFiles';
import { WORKSPACE_FILES_NOTIFICATION } from './host/workspaceFeedProtocol';
import { CONNECTION_FEATURES, startServer } from './lspGlue';
import { describeError } from './host/errorReport';
import { createLanguageService } from './service/languageService';
import type { WasmSource } from './service/powershell/grammar';

/** The worker global, typed only as far as it is used (the project compiles without the DOM library). */
interface WorkerScope {
  location?: { href: string };
  fetch(input: string): Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
}
const scope = globalThis as unknown as WorkerScope;

/** Relative to the worker (dist/browser/server.js): the files the Node server also uses, in dist/ (shipped once). */
const WASM_FILES = { runtime: '../web-tree-sitter.wasm', grammar: '../tree-sitter-powershell.wasm' };

/**
 * The URL the WebAssembly files are resolved against: this worker script's own URL, or
 * `initializationOptions.wasmBaseUrl` (the script's URL as the extension knows it) when the client
 * gives it (VS Code for the Web may start workers from a blob: URL).
 */
let wasmBase: string | undefined = scope.location && !scope.location.href.startsWith('blob:') ? scope.location.href : undefined;

/** Fetches the two WebAssembly files relative to the worker. */
function fetchedWasm(): WasmSource {
  const load = async (file: string): Promise<Uint8Array> => {
    if (!wasmBase) throw new Error('the location of the PowerShell grammar is unknown (no worker URL, no wasmBaseUrl)');
    const url = new URL(file, wasmBase).toString();
    const response = await scope.fetch(url);
    if (!response.ok) throw new Error(`fetching ${file} failed with HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  };
  return { runtime: () => load(WASM_FILES.runtime), grammar: () => load(WASM_FILES.grammar) };
}

// The worker global is both the reader's and the writer's port.
const port = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(CONNECTION_FEATURES, new BrowserMessageReader(port), new BrowserMessageWriter(port));
// A bug met while answering degrades that answer and goes to the log (without document text).
const service = createLanguageService({
  wasm: fetchedWasm(),
  onInternalError: (where, error) => connection.console.error(`internal error in ${where}: ${describeError(error)}`),
});

// eslint-disable-next-line prefer-const -- assigned once below; the host's callbacks refer to it before `documents` exists to build it
let clientFiles: ReturnType<typeof createClientFileIndex> | undefined;

const { documents, guard } = startServer(connection, service, {
  name: 'aovpn-profilexml (web)',
  initialize(params) {
    const options = (params.initializationOptions ?? {}) as { wasmBaseUrl?: unknown; settings?: unknown };
    if (typeof options.wasmBaseUrl === 'string' && options.wasmBaseUrl) wasmBase = options.wasmBaseUrl;
    return options.settings;
  },
  // Closed: the file as the extension last read it counts again (or nothing, for an unsaved document).
  closed: (uri) => clientFiles?.closed(uri),
  readClosed: (uri) => Promise.resolve(clientFiles?.read(uri)),
});
clientFiles = createClientFileIndex(service.workspace, (uri) => documents.get(uri) !== undefined);

connection.onNotification(WORKSPACE_FILES_NOTIFICATION, (params: unknown) => {
  guard('workspace files from the extension', () => clientFiles?.apply(readWorkspaceFilesParams(params)), undefined);
});

connection.listen();
