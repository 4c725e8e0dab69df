// The language server: LSP glue around the pure language service (see DESIGN.md). Every handler
// translates LSP params into a service call and the answer back; no ProfileXML logic lives here.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  FileChangeType,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { settingsProblems } from './host/settingsCheck';
import { nodeWasmSource } from './host/wasm';
import { isIndexedPath, readWorkspaceFile, scanWorkspace, uriToPath } from './host/workspaceFiles';
import { executeAuthoringCommand, SERVER_COMMAND_IDS } from './service/authoring/commands';
import { createLanguageService } from './service/languageService';
import type { Settings } from './service/settings';

const SECTION = 'aovpn';
/** Typing pauses shorter than this do not trigger a new validation. */
const CHANGE_DEBOUNCE_MS = 150;
/** Open documents are re-validated this long after the last change of facts across files. */
const WORKSPACE_DEBOUNCE_MS = 250;
/** How long a validation waits for the initial scan of the workspace folders (then it goes ahead; the scan re-validates when done). */
const INDEXING_WAIT_MS = 3000;
/** Version given to file contents read from disk (open documents have their editor version). */
const DISK_VERSION = 0;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createLanguageService({ wasm: nodeWasmSource() });

let pullConfiguration = false;
let registerConfigurationChange = false;
/** Settings pushed by the client (initializationOptions or didChangeConfiguration) when it cannot be asked. */
let pushedSettings: unknown = undefined;
const settingsByUri = new Map<string, Promise<Partial<Settings>>>();
const timers = new Map<string, NodeJS.Timeout>();
/** Increases with every validation run of a URI; only the latest run may publish. */
const runs = new Map<string, number>();
const justOpened = new Set<string>();
const reportedProblems = new Set<string>();
/** Workspace folders as file system paths (their ProfileXML and scripts feed the workspace index). */
let workspaceFolders: string[] = [];
let initialIndexing: Promise<void> = Promise.resolve();
let folderChangesSupported = false;
let revalidateTimer: NodeJS.Timeout | undefined;
/** The client re-asks for code lenses when told (workspace/codeLens/refresh). */
let codeLensRefreshSupported = false;

connection.onInitialize((params): InitializeResult => {
  const workspace = params.capabilities.workspace;
  pullConfiguration = !!workspace?.configuration;
  registerConfigurationChange = !!workspace?.didChangeConfiguration?.dynamicRegistration;
  folderChangesSupported = !!workspace?.workspaceFolders;
  codeLensRefreshSupported = !!workspace?.codeLens?.refreshSupport;
  pushedSettings = sectionOf(params.initializationOptions);
  const folderUris = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : [];
  workspaceFolders = folderUris.map(uriToPath).filter((p): p is string => !!p);
  if (workspaceFolders.length === 0 && params.rootPath) workspaceFolders = [params.rootPath];
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
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'aovpn-profilexml' },
  };
});

connection.onInitialized(() => {
  if (pullConfiguration && registerConfigurationChange) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((error: unknown) => logError('register for configuration changes', error));
  }
  initialIndexing = indexWorkspace(workspaceFolders);
  if (folderChangesSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      void changeFolders(event.added.map((f) => f.uri), event.removed.map((f) => f.uri)).catch((error: unknown) => logError('workspace folder change', error));
    });
  }
});

// ---- the workspace index: files on disk, overridden by open documents -----------------------

/**
 * Reads every ProfileXML and script below the workspace folders into the service's workspace
 * index (open documents keep their editor text). The PowerShell grammar is only loaded when a
 * script is among them (the index asks for it).
 */
async function indexWorkspace(folders: readonly string[]): Promise<void> {
  if (folders.length === 0) return;
  try {
    const { files, truncated } = await scanWorkspace(folders);
    for (const file of files) {
      if (documents.get(file.uri)) continue; // open documents win over disk
      service.workspace.setFile(file.uri, file.languageId, file.text, DISK_VERSION);
    }
    if (truncated) connection.console.info(`Workspace: only the first ${files.length} ProfileXML and PowerShell files are compared across files.`);
    await service.workspace.ready();
  } catch (error) {
    logError('indexing the workspace', error);
  }
}

/** Folders added to or removed from the workspace: drop what left it, read what came in. */
async function changeFolders(addedUris: string[], removedUris: string[]): Promise<void> {
  const removed = new Set(removedUris.map(uriToPath).filter((p): p is string => !!p));
  const added = addedUris.map(uriToPath).filter((p): p is string => !!p && !workspaceFolders.includes(p));
  workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...added];
  for (const uri of service.workspace.uris()) {
    if (documents.get(uri)) continue;
    const path = uriToPath(uri);
    if (!path || !isIndexedPath(path, workspaceFolders)) service.workspace.removeFile(uri);
  }
  await indexWorkspace(added);
}

/** Re-reads a file from disk into the index (or drops it) unless it is open in the editor. */
async function reindexFromDisk(uri: string): Promise<void> {
  if (documents.get(uri)) return;
  const path = uriToPath(uri);
  const file = path && isIndexedPath(path, workspaceFolders) ? await readWorkspaceFile(path) : undefined;
  if (documents.get(uri)) return; // opened while reading
  if (file) service.workspace.setFile(file.uri, file.languageId, file.text, DISK_VERSION);
  else service.workspace.removeFile(uri);
}

connection.onDidChangeWatchedFiles((params) => {
  guard('watched file changes', () => {
    for (const change of params.changes) {
      const path = uriToPath(change.uri);
      if (!path || !isIndexedPath(path, workspaceFolders) || documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) service.workspace.removeFile(change.uri);
      else void reindexFromDisk(change.uri).catch((error: unknown) => logError('reading a changed file', error, change.uri));
    }
  });
});

// Facts across files changed (a server script was edited, a profile added …): re-validate the
// open documents, once the changes settle. Documents with a validation already scheduled keep it.
// When the only change is in one open document's facts (typing in it), that document is already
// being validated for its edit: only the others are re-validated.
const changedFacts = new Set<string>();
service.workspace.onDidChange((uris) => {
  for (const uri of uris) changedFacts.add(uri);
  clearTimeout(revalidateTimer);
  revalidateTimer = setTimeout(() => {
    revalidateTimer = undefined;
    const only = changedFacts.size === 1 ? [...changedFacts][0] : undefined;
    changedFacts.clear();
    for (const document of documents.all()) {
      if (timers.has(document.uri) || document.uri === only) continue;
      schedule(document.uri, 0);
    }
  }, WORKSPACE_DEBOUNCE_MS);
});

connection.onDidChangeConfiguration((params) => {
  guard('configuration change', () => {
    if (!pullConfiguration) {
      const pushed = sectionOf(params.settings);
      if (pushed !== undefined) pushedSettings = pushed;
    }
    settingsByUri.clear();
    for (const document of documents.all()) schedule(document.uri, 0);
  });
});

/** Accepts `{ aovpn: {...} }` (what VS Code pushes) or the section itself. */
function sectionOf(value: unknown): unknown {
  if (value && typeof value === 'object' && SECTION in value) return (value as Record<string, unknown>)[SECTION];
  return value ?? undefined;
}

function settingsFor(uri: string): Promise<Partial<Settings>> {
  if (!pullConfiguration) return Promise.resolve(checked(pushedSettings));
  let settings = settingsByUri.get(uri);
  if (!settings) {
    settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
      (value: unknown) => checked(value),
      (error: unknown) => {
        logError('workspace/configuration', error);
        return checked(pushedSettings);
      },
    );
    settingsByUri.set(uri, settings);
  }
  return settings;
}

/** Bad settings are reported once, visibly, instead of silently falling back to defaults. */
function checked(value: unknown): Partial<Settings> {
  for (const problem of settingsProblems(value)) {
    if (reportedProblems.has(problem)) continue;
    reportedProblems.add(problem);
    connection.console.warn(`Settings: ${problem}`);
    void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Always On VPN ProfileXML settings: ${problem}.` });
  }
  return value && typeof value === 'object' ? (value as Partial<Settings>) : {};
}

documents.onDidOpen((event) => {
  justOpened.add(event.document.uri);
});

documents.onDidChangeContent((event) => {
  const { document } = event;
  const uri = document.uri;
  guard('indexing an open document', () => service.workspace.setFile(uri, document.languageId, document.getText(), document.version), undefined, uri);
  schedule(uri, justOpened.delete(uri) ? 0 : CHANGE_DEBOUNCE_MS);
});

documents.onDidClose((event) => {
  const uri = event.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  runs.delete(uri);
  justOpened.delete(uri);
  settingsByUri.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: [] });
  // Closed: the file on disk counts again (or nothing, for an unsaved or outside document).
  void reindexFromDisk(uri).catch((error: unknown) => logError('reading a closed file', error, uri));
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
    if (service.kind(document) === 'powershell') await service.preparePowerShell();
    await settled(initialIndexing, INDEXING_WAIT_MS);
    // A newer edit, a newer run or a close while settings were fetched makes this result stale.
    const current = documents.get(uri);
    if (!current || current.version !== version || runs.get(uri) !== run) return;
    // Other documents get an empty list, which also clears what an earlier version had.
    const diagnostics = service.kind(current) === 'none' ? [] : service.validate(current, settings);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    logError('validation', error, uri);
  }
}

connection.onCompletion(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const settings = await settingsFor(document.uri);
  if (!(await scriptSupportReady(document))) return null;
  return guard('completion', () => service.complete(document, params.position, settings), null, document.uri);
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const settings = await settingsFor(document.uri);
  if (!(await scriptSupportReady(document))) return null;
  return guard('hover', () => service.hover(document, params.position, settings), null, document.uri);
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const settings = await settingsFor(document.uri);
  if (!(await scriptSupportReady(document))) return [];
  return guard('code actions', () => service.codeActions(document, params.range, params.context, settings), [], document.uri);
});

/** Loads the PowerShell grammar the first time a script needs it; false when it cannot be loaded. */
async function scriptSupportReady(document: TextDocument): Promise<boolean> {
  if (service.kind(document) !== 'powershell' || service.powerShellReady) return true;
  try {
    await service.preparePowerShell();
    return true;
  } catch (error) {
    logError('loading the PowerShell grammar', error, document.uri);
    return false;
  }
}

connection.onDocumentSymbol((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  return guard('document symbols', () => service.documentSymbols(document), [], document.uri);
});

connection.onFoldingRanges((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  return guard('folding ranges', () => service.foldingRanges(document), [], document.uri);
});

// ---- authoring: code lenses on both sides of the IPsec policy, and the generators ----------------

connection.onCodeLens(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  if (!(await scriptSupportReady(document))) return [];
  await settled(initialIndexing, INDEXING_WAIT_MS);
  return guard('code lenses', () => service.codeLenses(document), [], document.uri);
});

// The lenses compare with other files: when their facts change, the client asks again.
let lensRefreshTimer: NodeJS.Timeout | undefined;
service.workspace.onDidChange(() => {
  if (!codeLensRefreshSupported) return;
  clearTimeout(lensRefreshTimer);
  lensRefreshTimer = setTimeout(() => {
    void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => logError('code lens refresh', error));
  }, WORKSPACE_DEBOUNCE_MS);
});

connection.onExecuteCommand(async (params) => {
  try {
    await settled(initialIndexing, INDEXING_WAIT_MS);
    return await executeAuthoringCommand(
      { service, document: (uri) => documents.get(uri), settings: (uri) => (uri ? settingsFor(uri) : workspaceSettings()) },
      params.command,
      params.arguments ?? [],
    );
  } catch (error) {
    logError(`command ${params.command}`, error);
    return { ok: false, message: 'The command failed; see the output of the language server.' };
  }
});

/** Settings not tied to a document (the new-profile command). */
function workspaceSettings(): Promise<Partial<Settings>> {
  if (!pullConfiguration) return Promise.resolve(checked(pushedSettings));
  return connection.workspace.getConfiguration({ section: SECTION }).then(
    (value: unknown) => checked(value),
    () => checked(pushedSettings),
  );
}

connection.onShutdown(() => {
  for (const timer of timers.values()) clearTimeout(timer);
  timers.clear();
  clearTimeout(revalidateTimer);
  clearTimeout(lensRefreshTimer);
});

/** Waits for a promise, but no longer than `ms` (never rejects). */
function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** Runs a handler; a failure is logged and answered with `fallback` instead of killing the server. */
function guard<T>(what: string, body: () => T, fallback: T, uri?: string): T;
function guard(what: string, body: () => void): void;
function guard<T>(what: string, body: () => T, fallback?: T, uri?: string): T | undefined {
  try {
    return body();
  } catch (error) {
    logError(what, error, uri);
    return fallback;
  }
}

/**
 * Logs where a failure happened without the document's text: the URI, the error type, the code
 * location (stack frames), and the message only for engine errors (which name properties, not
 * content). Messages of other errors may quote the document.
 */
function logError(what: string, error: unknown, uri?: string): void {
  const where = uri ? ` for ${uri}` : '';
  if (!(error instanceof Error)) {
    connection.console.error(`${what} failed${where}: ${typeof error}`);
    return;
  }
  const engineError = error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .join('\n');
  connection.console.error(`${what} failed${where}: ${error.name}${engineError ? `: ${error.message}` : ''}${frames ? `\n${frames}` : ''}`);
}

// Last line of defence: an unexpected failure outside a handler is logged, never fatal.
// When the client is gone (its pipe closed), there is nobody to log to: leave.
const clientGone = (error: unknown): boolean => ['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END'].includes((error as NodeJS.ErrnoException)?.code ?? '');
const lastResort = (what: string, error: unknown): void => {
  if (clientGone(error)) process.exit(1);
  try {
    logError(what, error);
  } catch {
    process.exit(1);
  }
};
process.on('uncaughtException', (error) => lastResort('server', error));
process.on('unhandledRejection', (reason) => lastResort('server (promise)', reason));

documents.listen(connection);
connection.listen();
