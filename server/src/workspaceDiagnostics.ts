// Problems of closed files (aovpn.workspaceDiagnostics): the server publishes diagnostics for the
// workspace's profiles and scripts that are not open, so that the Problems panel lists the script
// whose policy differs before anyone opens it. Push (textDocument/publishDiagnostics for indexed
// files), not the pull model's workspace/diagnostic: open documents are already pushed, and the
// pull model would move them to pull as well and keep a request open per client.
//
// When: every indexed file once the index is built; a file again when its text changes (on disk,
// or when its editor closes and the disk's text counts again); files holding facts across files
// when such facts change anywhere (their cross-file findings may change); every file when the
// settings change. Passes run in the background, one file per turn of the event loop, after a
// pause in the changes. A file that is opened gets the open document's diagnostics (the editor's
// validation publishes them); deleted files, files that left the workspace and every closed file
// when the setting is turned off get an empty list.
import { RAL, type Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { WORKSPACE_DIAGNOSTICS_AUTO_LIMIT, workspaceDiagnosticsMode } from './host/workspaceDiagnosticsSetting';
import type { LanguageService } from './service/languageService';
import type { Settings } from './service/settings';

/** A closed file's text as the host knows it (disk, or what the web extension sent). */
export interface ClosedFile {
  languageId: string;
  text: string;
}

export interface WorkspaceDiagnosticsDeps {
  connection: Connection;
  service: LanguageService;
  isOpen(uri: string): boolean;
  /** The text of a closed file of the workspace, or undefined when it is gone or not part of it. */
  read(uri: string): Promise<ClosedFile | undefined>;
  /** Settings for a file (rule severities may differ per folder). */
  settingsFor(uri: string): Promise<Partial<Settings>>;
  /** Fetches the settings of many files at once (one request instead of one per file). */
  prefetchSettings(uris: readonly string[]): Promise<void>;
  /** The `aovpn` section without a scope: the mode is a window setting. */
  workspaceSection(): Promise<unknown>;
  /** Resolves when the workspace index is built (the first pass waits for it). */
  indexed(): Promise<void>;
  logError(what: string, error: unknown, uri?: string): void;
}

export interface WorkspaceDiagnostics {
  /** A document was closed: the file's text on disk counts again. */
  closed(uri: string): void;
  /** Settings changed: the mode may have, and severities. */
  configurationChanged(): void;
  /** For tests and logs: the closed files whose diagnostics are shown now. */
  readonly shown: ReadonlySet<string>;
  dispose(): void;
}

/** Pause after the last change before a pass starts (typing in an open suite changes facts on every validation). */
export const WORKSPACE_DIAGNOSTICS_DEBOUNCE_MS = 500;

export function startWorkspaceDiagnostics(deps: WorkspaceDiagnosticsDeps): WorkspaceDiagnostics {
  const { connection, service } = deps;
  /** Closed files whose published list is not empty (they need an empty one to clear). */
  const shown = new Set<string>();
  /** Files to (re)validate in the next pass; `all` stands for every indexed file. */
  const dirty = new Set<string>();
  let all = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let disposed = false;
  /** Why the last pass showed nothing (logged once per reason). */
  let lastNote: string | undefined;

  const published = publisher(deps, shown);
  const { clear } = published;

  const schedule = (): void => {
    if (disposed) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) {
        // The pass in progress reschedules when it ends.
        return;
      }
      running = pass()
        .catch((error: unknown) => deps.logError('workspace diagnostics', error))
        .finally(() => {
          running = undefined;
          if (all || dirty.size > 0) schedule();
        });
    }, WORKSPACE_DIAGNOSTICS_DEBOUNCE_MS);
  };

  const pass = async (): Promise<void> => {
    await deps.indexed();
    const state = await enabled(deps);
    if (state.note !== lastNote) {
      lastNote = state.note;
      if (state.note) connection.console.info(state.note);
    }
    if (!state.on) {
      all = false;
      dirty.clear();
      for (const uri of [...shown]) await clear(uri);
      return;
    }
    const indexed = new Set(service.workspace.uris());
    const batch = all ? [...indexed] : [...dirty];
    all = false;
    dirty.clear();
    // Files shown before that are no longer indexed (deleted, moved out, folder removed).
    for (const uri of [...shown]) if (!indexed.has(uri)) await clear(uri);
    const closed = batch.filter((uri) => !deps.isOpen(uri));
    await deps.prefetchSettings(closed.filter((uri) => indexed.has(uri)));
    for (const uri of closed) {
      if (disposed) return;
      // One file per turn of the event loop: requests and edits are answered in between.
      await nextTurn();
      await check(deps, published, uri, indexed.has(uri));
    }
  };

  const unsubscribeFiles = service.workspace.onDidChangeFile((uri, removed) => {
    if (deps.isOpen(uri)) return;
    if (removed) {
      dirty.delete(uri);
      void clear(uri).catch((error: unknown) => deps.logError('clearing the diagnostics of a removed file', error, uri));
      return;
    }
    dirty.add(uri);
    schedule();
  });
  const unsubscribeFacts = service.workspace.onDidChange(() => {
    // Findings across files live on files that hold facts; the others cannot change.
    for (const uri of service.workspace.uris()) if (service.workspace.factsOf(uri) && !deps.isOpen(uri)) dirty.add(uri);
    schedule();
  });

  all = true;
  schedule();

  return {
    closed(uri) {
      dirty.add(uri);
      schedule();
    },
    configurationChanged() {
      all = true;
      schedule();
    },
    shown,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      unsubscribeFiles();
      unsubscribeFacts();
    },
  };
}

interface Publisher {
  publish(uri: string, diagnostics: Awaited<ReturnType<LanguageService['validate']>>): Promise<void>;
  /** Clears a closed file's list (an open document's belongs to its own validation). */
  clear(uri: string): Promise<void>;
}

/** Publishes the lists of closed files, keeping `shown` current; an empty list only where one is shown. */
function publisher(deps: WorkspaceDiagnosticsDeps, shown: Set<string>): Publisher {
  const publish = async (uri: string, diagnostics: Awaited<ReturnType<LanguageService['validate']>>): Promise<void> => {
    if (diagnostics.length === 0 && !shown.has(uri)) return;
    if (diagnostics.length > 0) shown.add(uri);
    else shown.delete(uri);
    await deps.connection.sendDiagnostics({ uri, diagnostics });
  };

  const clear = async (uri: string): Promise<void> => {
    if (!shown.has(uri) || deps.isOpen(uri)) {
      // An open document's list belongs to its own validation.
      shown.delete(uri);
      return;
    }
    await publish(uri, []);
  };
  return { publish, clear };
}

/** Whether closed files get diagnostics now, with the reason when not. */
async function enabled(deps: WorkspaceDiagnosticsDeps): Promise<{ on: boolean; note?: string }> {
  const mode = workspaceDiagnosticsMode(await deps.workspaceSection());
  if (mode === 'off') return { on: false };
  if (mode === 'on') return { on: true };
  const count = deps.service.workspace.uris().length;
  if (count <= WORKSPACE_DIAGNOSTICS_AUTO_LIMIT) return { on: true };
  return {
    on: false,
    note: `Problems of closed files are not shown: the workspace holds ${count} profiles and scripts, more than ${WORKSPACE_DIAGNOSTICS_AUTO_LIMIT} (set aovpn.workspaceDiagnostics to "on" to show them anyway).`,
  };
}

/** Validates one closed file and publishes its list (or clears it when the file is gone, open or not ours). */
async function check(deps: WorkspaceDiagnosticsDeps, { publish, clear }: Publisher, uri: string, isIndexed: boolean): Promise<void> {
  const { service } = deps;
  if (deps.isOpen(uri)) return;
  const file = isIndexed ? await deps.read(uri) : undefined;
  if (!file || deps.isOpen(uri)) {
    await clear(uri);
    return;
  }
  const settings = await deps.settingsFor(uri);
  const document = TextDocument.create(uri, file.languageId, 0, file.text);
  if (service.kind(document) === 'none') {
    await clear(uri);
    return;
  }
  if (service.kind(document) === 'powershell') {
    try {
      await service.preparePowerShell();
    } catch (error) {
      // Logged where the grammar is loaded for open scripts too; closed scripts then get nothing.
      deps.logError('loading the PowerShell grammar for a closed script', error, uri);
      return;
    }
  }
  // Opened meanwhile (reading and settings are asynchronous): the editor's validation publishes.
  if (deps.isOpen(uri)) return;
  await publish(uri, service.validate(document, settings));
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => void RAL().timer.setImmediate(resolve));
}
