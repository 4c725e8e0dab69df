// The language server on Node (stdio): the shared LSP glue (lspGlue.ts) around the pure language
// service (see docs/architecture.md), plus what only Node has: the files of the workspace folders on disk,
// read at start-up and kept current from the client's file watcher.
import { createConnection, FileChangeType } from 'vscode-languageserver/node';
import { describeError } from './host/errorReport';
import { nodeWasmSource } from './host/wasm';
import { isIndexedPath, readIndexedFile, scanWorkspace, uriToPath } from './host/workspaceFiles';
import { CONNECTION_FEATURES, startServer } from './lspGlue';
import { createLanguageService } from './service/languageService';

/** Version given to file contents read from disk (open documents have their editor version). */
const DISK_VERSION = 0;

const connection = createConnection(CONNECTION_FEATURES);
// A bug met while answering degrades that answer and goes to the log (without document text).
const service = createLanguageService({
  wasm: nodeWasmSource(),
  onInternalError: (where, error) => connection.console.error(`internal error in ${where}: ${describeError(error)}`),
});

/** Workspace folders as file system paths (their ProfileXML and scripts feed the workspace index). */
let workspaceFolders: string[] = [];
let initialIndexing: Promise<void> = Promise.resolve();
let folderChangesSupported = false;

const { documents, logError, guard } = startServer(connection, service, {
  name: 'aovpn-profilexml',
  capabilities: { workspace: { workspaceFolders: { supported: true, changeNotifications: true } } },
  initialize(params) {
    folderChangesSupported = !!params.capabilities?.workspace?.workspaceFolders;
    const folderUris: unknown[] = params.workspaceFolders?.length ? params.workspaceFolders.map((f) => f?.uri) : [params.rootUri];
    workspaceFolders = folderUris.map((uri) => (typeof uri === 'string' ? uriToPath(uri) : undefined)).filter((p): p is string => !!p);
    if (workspaceFolders.length === 0 && typeof params.rootPath === 'string' && params.rootPath) workspaceFolders = [params.rootPath];
    return params.initializationOptions;
  },
  initialized() {
    initialIndexing = indexWorkspace(workspaceFolders);
    if (folderChangesSupported) {
      connection.workspace.onDidChangeWorkspaceFolders((event) => {
        void changeFolders(
          event.added.map((f) => f.uri),
          event.removed.map((f) => f.uri),
        ).catch((error: unknown) => logError('workspace folder change', error));
      });
    }
  },
  indexing: () => initialIndexing,
  closed(uri) {
    // Closed: the file on disk counts again (or nothing, for an unsaved or outside document).
    void reindexFromDisk(uri).catch((error: unknown) => logError('reading a closed file', error, uri));
  },
  // The problems of closed files read them again from disk: the index keeps facts, not texts.
  async readClosed(uri) {
    const path = uriToPath(uri);
    const file = path ? await readIndexedFile(path, workspaceFolders) : undefined;
    return file && { languageId: file.languageId, text: file.text };
  },
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
    if (truncated)
      connection.console.info(`Workspace: only the first ${files.length} ProfileXML and PowerShell files are compared across files.`);
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
  const file = path ? await readIndexedFile(path, workspaceFolders) : undefined;
  if (documents.get(uri)) return; // opened while reading
  if (file) service.workspace.setFile(file.uri, file.languageId, file.text, DISK_VERSION);
  else service.workspace.removeFile(uri);
}

connection.onDidChangeWatchedFiles((params) => {
  guard(
    'watched file changes',
    () => {
      const changes: unknown = params?.changes;
      if (!Array.isArray(changes)) return;
      for (const change of changes as { uri?: unknown; type?: unknown }[]) {
        const uri = change && typeof change.uri === 'string' ? change.uri : undefined;
        if (!uri) continue;
        const path = uriToPath(uri);
        if (!path || !isIndexedPath(path, workspaceFolders) || documents.get(uri)) continue;
        if (change.type === FileChangeType.Deleted) service.workspace.removeFile(uri);
        else void reindexFromDisk(uri).catch((error: unknown) => logError('reading a changed file', error, uri));
      }
    },
    undefined,
  );
});

// Last line of defence: an unexpected failure outside a handler is logged, never fatal.
// When the client is gone (its pipe closed), there is nobody to log to: leave.
const clientGone = (error: unknown): boolean =>
  ['EPIPE', 'ERR_STREAM_DESTROYED', 'ERR_STREAM_WRITE_AFTER_END'].includes((error as NodeJS.ErrnoException)?.code ?? '');
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

connection.listen();
