// The language server as a web worker (VS Code for the Web, or any page that speaks LSP over
// postMessage): the same pure language service as server.ts, with browser-only hosts. No file
// system: the workspace index holds the open documents (checks across files compare them), and
// the PowerShell grammar (WebAssembly) is fetched relative to this bundle (from dist/).
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/browser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { executeAuthoringCommand, SERVER_COMMAND_IDS } from './service/authoring/commands';
import { createLanguageService } from './service/languageService';
import type { WasmSource } from './service/powershell/grammar';
import type { Settings } from './service/settings';

/** The worker global, typed only as far as it is used (the project compiles without the DOM library). */
interface WorkerScope {
  location?: { href: string };
  fetch(input: string): Promise<{ ok: boolean; status: number; arrayBuffer(): Promise<ArrayBuffer> }>;
}
const scope = globalThis as unknown as WorkerScope;

const SECTION = 'aovpn';
const CHANGE_DEBOUNCE_MS = 150;
const WORKSPACE_DEBOUNCE_MS = 250;
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
const connection = createConnection(new BrowserMessageReader(port), new BrowserMessageWriter(port));
const documents = new TextDocuments(TextDocument);
const service = createLanguageService({ wasm: fetchedWasm() });

let pullConfiguration = false;
let registerConfigurationChange = false;
let codeLensRefreshSupported = false;
let pushedSettings: Partial<Settings> = {};
const settingsByUri = new Map<string, Promise<Partial<Settings>>>();
const timers = new Map<string, ReturnType<typeof setTimeout>>();
const runs = new Map<string, number>();
let revalidateTimer: ReturnType<typeof setTimeout> | undefined;
let lensTimer: ReturnType<typeof setTimeout> | undefined;

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  pullConfiguration = !!workspace?.configuration;
  registerConfigurationChange = !!workspace?.didChangeConfiguration?.dynamicRegistration;
  codeLensRefreshSupported = !!workspace?.codeLens?.refreshSupport;
  const options = (params.initializationOptions ?? {}) as { wasmBaseUrl?: unknown; settings?: unknown };
  if (typeof options.wasmBaseUrl === 'string' && options.wasmBaseUrl) wasmBase = options.wasmBaseUrl;
  pushedSettings = asSettings(options.settings);
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['<', '/', '>'], resolveProvider: false },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      codeLensProvider: { resolveProvider: false },
      executeCommandProvider: { commands: [...SERVER_COMMAND_IDS] },
    },
    serverInfo: { name: 'aovpn-profilexml (web)' },
  };
});

connection.onInitialized(() => {
  if (pullConfiguration && registerConfigurationChange) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch(() => undefined);
  }
});

function asSettings(value: unknown): Partial<Settings> {
  const section = value && typeof value === 'object' && SECTION in value ? (value as Record<string, unknown>)[SECTION] : value;
  return section && typeof section === 'object' ? (section as Partial<Settings>) : {};
}

function settingsFor(uri: string | undefined): Promise<Partial<Settings>> {
  if (!pullConfiguration) return Promise.resolve(pushedSettings);
  const key = uri ?? '';
  let settings = settingsByUri.get(key);
  if (!settings) {
    settings = connection.workspace.getConfiguration(uri ? { scopeUri: uri, section: SECTION } : { section: SECTION }).then(asSettings, () => pushedSettings);
    settingsByUri.set(key, settings);
  }
  return settings;
}

connection.onDidChangeConfiguration((params) => {
  if (!pullConfiguration) pushedSettings = asSettings(params.settings);
  settingsByUri.clear();
  for (const document of documents.all()) schedule(document.uri, 0);
});

// ---- documents: the workspace index is the set of open documents ----------------------------------

documents.onDidChangeContent(({ document }) => {
  service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version);
  schedule(document.uri, document.version <= 1 ? 0 : CHANGE_DEBOUNCE_MS);
});

documents.onDidClose(({ document }) => {
  const uri = document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  runs.delete(uri);
  settingsByUri.delete(uri);
  service.workspace.removeFile(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
});

const changedFacts = new Set<string>();
service.workspace.onDidChange((uris) => {
  for (const uri of uris) changedFacts.add(uri);
  clearTimeout(revalidateTimer);
  revalidateTimer = setTimeout(() => {
    const only = changedFacts.size === 1 ? [...changedFacts][0] : undefined;
    changedFacts.clear();
    for (const document of documents.all()) if (!timers.has(document.uri) && document.uri !== only) schedule(document.uri, 0);
  }, WORKSPACE_DEBOUNCE_MS);
  if (codeLensRefreshSupported) {
    clearTimeout(lensTimer);
    lensTimer = setTimeout(() => void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined), WORKSPACE_DEBOUNCE_MS);
  }
});

function schedule(uri: string, delay: number): void {
  clearTimeout(timers.get(uri));
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void validate(uri);
    }, delay),
  );
}

async function validate(uri: string): Promise<void> {
  const run = (runs.get(uri) ?? 0) + 1;
  runs.set(uri, run);
  try {
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await settingsFor(uri);
    if (!(await ready(document))) return;
    const current = documents.get(uri);
    if (!current || current.version !== version || runs.get(uri) !== run) return;
    const diagnostics = service.kind(current) === 'none' ? [] : service.validate(current, settings);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    log('validation', error, uri);
  }
}

/** Loads the PowerShell grammar before the first request on a script; false when it cannot be loaded. */
async function ready(document: TextDocument): Promise<boolean> {
  if (service.kind(document) !== 'powershell' || service.powerShellReady) return true;
  try {
    await service.preparePowerShell();
    return true;
  } catch (error) {
    // This message names a URL or a WebAssembly problem, never document text.
    connection.console.error(`loading the PowerShell grammar failed: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** A request on an open document: settings and grammar first; failures are logged and answered with `fallback`. */
function onDocument<P extends { textDocument: { uri: string } }, R>(what: string, fallback: R, body: (document: TextDocument, settings: Partial<Settings>, params: P) => R): (params: P) => Promise<R> {
  return async (params) => {
    const document = documents.get(params.textDocument.uri);
    if (!document) return fallback;
    try {
      const settings = await settingsFor(document.uri);
      if (!(await ready(document))) return fallback;
      return body(document, settings, params);
    } catch (error) {
      log(what, error, document.uri);
      return fallback;
    }
  };
}

connection.onCompletion(onDocument('completion', null, (d, s, p) => service.complete(d, p.position, s)));
connection.onHover(onDocument('hover', null, (d, s, p) => service.hover(d, p.position, s)));
connection.onCodeAction(onDocument('code actions', [], (d, s, p) => service.codeActions(d, p.range, p.context, s)));
connection.onDocumentSymbol(onDocument('document symbols', [], (d) => service.documentSymbols(d)));
connection.onFoldingRanges(onDocument('folding ranges', [], (d) => service.foldingRanges(d)));
connection.onCodeLens(onDocument('code lenses', [], (d) => service.codeLenses(d)));

connection.onExecuteCommand(async (params) => {
  try {
    return await executeAuthoringCommand({ service, document: (uri) => documents.get(uri), settings: settingsFor }, params.command, params.arguments ?? []);
  } catch (error) {
    log(`command ${params.command}`, error);
    return { ok: false, message: 'The command failed; see the output of the language server.' };
  }
});

connection.onShutdown(() => {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  clearTimeout(revalidateTimer);
  clearTimeout(lensTimer);
});

/** Logs where a failure happened, without document text (as server.ts does). */
function log(what: string, error: unknown, uri?: string): void {
  const where = uri ? ` for ${uri}` : '';
  const detail = error instanceof Error ? `${error.name}${error instanceof TypeError || error instanceof RangeError ? `: ${error.message}` : ''}` : typeof error;
  connection.console.error(`${what} failed${where}: ${detail}`);
}

documents.listen(connection);
connection.listen();
