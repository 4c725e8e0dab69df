import { hasFacts, type FileFacts } from './facts';
import { summarise, type WorkspaceSummary } from './summary';
import { withInternalErrorHook, type InternalErrorHook } from '../core/internalErrors';

/**
 * The workspace index: for every file the front door knows about (open documents, files on
 * disk, files named on the command line) the facts that matter across files. Pure: text in,
 * facts out, no file system. Facts are extracted once per file version and re-extracted only
 * for files whose text changed.
 *
 * Scripts need the PowerShell grammar (WebAssembly, loaded asynchronously). `setFile` stays
 * synchronous: a script given before the grammar is loaded is queued, the grammar load is
 * started, and the script is indexed as soon as it is there (listeners are told). `ready()`
 * resolves once every queued script is indexed — the CLI awaits it before validating.
 */
export interface WorkspaceIndex {
  /** Adds or replaces a file. The same uri, version and text again is a no-op. */
  setFile(uri: string, languageId: string, text: string, version: number): void;
  removeFile(uri: string): void;
  clear(): void;
  has(uri: string): boolean;
  /** Indexed files' URIs, sorted. */
  uris(): string[];
  /** The facts of a file (undefined when it has none, while a script waits for the grammar, or when unknown). */
  factsOf(uri: string): FileFacts | undefined;
  /** Facts of every indexed file, sorted by URI. */
  files(): FileFacts[];
  /** The files by what the rules across files look up, built once per change (summary.ts). */
  summary(): WorkspaceSummary;
  /** Scripts waiting for the PowerShell grammar. */
  readonly pending: number;
  /** Resolves when no script waits for the grammar any more (rejects when it cannot be loaded). */
  ready(): Promise<void>;
  /** Called with the URIs whose cross-file facts changed (added, changed, removed). Returns an unsubscribe function. */
  onDidChange(listener: (uris: string[]) => void): () => void;
  /**
   * Called with a file whose text changed (added or replaced by another text) or that was removed,
   * whatever its facts: its own findings may have changed. Returns an unsubscribe function.
   */
  onDidChangeFile(listener: (uri: string, removed: boolean) => void): () => void;
}

export interface WorkspaceHooks {
  /** Facts of a text; undefined when it is a script and the grammar is not loaded yet. */
  extract(uri: string, languageId: string, text: string, version: number): FileFacts | undefined;
  /** Starts loading the grammar; undefined when this service has none (scripts then stay queued). */
  loadGrammar(): Promise<void> | undefined;
  /** Where internal errors met while indexing go (the service's hook). */
  report: InternalErrorHook;
}

interface Entry {
  uri: string;
  languageId: string;
  /** Kept while the file has facts or waits for the grammar; other files keep only a hash. */
  text?: string;
  hash: string;
  version: number;
  /** Only facts that say something are kept. */
  facts?: FileFacts;
  /** A script waiting for the grammar. */
  pending: boolean;
}

/** Length and FNV-1a of the text: enough to tell "same text again" for files without facts. */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return `${text.length}:${(h >>> 0).toString(16)}`;
}

/** Listeners of one kind of change; a listener that throws is reported and the others still hear it. */
function listenerSet<Args extends unknown[]>(
  report: InternalErrorHook,
): { add(listener: (...args: Args) => void): () => void; emit(...args: Args): void } {
  const listeners = new Set<(...args: Args) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(...args) {
      for (const listener of [...listeners]) {
        try {
          listener(...args);
        } catch (error) {
          // A failing listener must not break indexing.
          report('a listener of the workspace index', error);
        }
      }
    },
  };
}

/** Sets the entry's facts, or marks it pending; a file whose extraction fails has no facts. */
function extractInto(entry: Entry, hooks: WorkspaceHooks): void {
  const text = entry.text ?? '';
  try {
    const facts = withInternalErrorHook(hooks.report, () => hooks.extract(entry.uri, entry.languageId, text, entry.version));
    entry.pending = !facts;
    entry.facts = facts && hasFacts(facts) ? facts : undefined;
  } catch (error) {
    // A file whose facts cannot be read is left out of the checks across files, and reported.
    entry.facts = undefined;
    entry.pending = false;
    hooks.report(`indexing ${entry.uri.split('/').pop() ?? entry.uri}`, error);
  }
  // A large workspace is mostly scripts without VPN commands: do not hold their text.
  if (!entry.pending && !entry.facts) entry.text = undefined;
}

const signature = (facts: FileFacts | undefined): string => facts?.signature ?? '';

/**
 * The scripts that wait for the PowerShell grammar: `start()` loads it (once at a time) and then
 * indexes them, one at a time — between two scripts the parse trees that left the parse cache
 * are freed (they are freed once the current call is over), so a folder of large scripts never
 * holds all their trees at once.
 */
function grammarQueue(
  hooks: WorkspaceHooks,
  pendingEntries: () => Entry[],
  extract: (entry: Entry) => void,
  changed: (uris: string[]) => void,
): { start(): Promise<void> | undefined } {
  let loading: Promise<void> | undefined;
  const flush = async (): Promise<void> => {
    const uris: string[] = [];
    for (const entry of pendingEntries()) {
      extract(entry);
      if (signature(entry.facts) !== '') uris.push(entry.uri);
      await Promise.resolve();
    }
    if (uris.length > 0) changed(uris);
  };
  return {
    start() {
      if (loading) return loading;
      const load = hooks.loadGrammar();
      if (!load) return undefined;
      loading = load.then(
        async () => {
          await flush();
          loading = undefined;
        },
        (error: unknown) => {
          loading = undefined; // a later setFile may try again
          throw error;
        },
      );
      // Nobody may be waiting: a failed load must not become an unhandled rejection.
      loading.catch(() => undefined);
      return loading;
    },
  };
}

export function createWorkspaceIndex(hooks: WorkspaceHooks): WorkspaceIndex {
  const entries = new Map<string, Entry>();
  const changes = listenerSet<[uris: string[]]>(hooks.report);
  const fileChanges = listenerSet<[uri: string, removed: boolean]>(hooks.report);
  /** Built on demand and dropped on every change: a CLI run validates thousands of files against one index. */
  let sorted: FileFacts[] | undefined;
  let summarised: WorkspaceSummary | undefined;
  const changedEntries = (): void => {
    sorted = undefined;
    summarised = undefined;
  };
  const emit = (uris: string[]): void => {
    if (uris.length > 0) changes.emit(uris);
  };
  const extract = (entry: Entry): void => {
    changedEntries();
    extractInto(entry, hooks);
  };
  const pendingEntries = (): Entry[] => [...entries.values()].filter((e) => e.pending);
  const grammar = grammarQueue(hooks, pendingEntries, extract, emit);

  return {
    setFile(uri, languageId, text, version) {
      const old = entries.get(uri);
      const hash = hashOf(text);
      if (old && old.languageId === languageId && (old.text !== undefined ? old.text === text : old.hash === hash)) {
        old.version = version;
        return;
      }
      const entry: Entry = { uri, languageId, text, hash, version, pending: false };
      extract(entry);
      entries.set(uri, entry);
      changedEntries();
      if (entry.pending) grammar.start();
      fileChanges.emit(uri, false);
      if (signature(old?.facts) !== signature(entry.facts)) emit([uri]);
    },
    removeFile(uri) {
      const old = entries.get(uri);
      if (!old) return;
      entries.delete(uri);
      changedEntries();
      fileChanges.emit(uri, true);
      if (signature(old.facts) !== '') emit([uri]);
    },
    clear() {
      const all = [...entries.keys()];
      const had = [...entries.values()].filter((e) => signature(e.facts) !== '').map((e) => e.uri);
      entries.clear();
      changedEntries();
      for (const uri of all) fileChanges.emit(uri, true);
      emit(had);
    },
    has: (uri) => entries.has(uri),
    uris: () => [...entries.keys()].sort(),
    factsOf: (uri) => entries.get(uri)?.facts,
    files() {
      sorted ??= [...entries.values()]
        .map((e) => e.facts)
        .filter((f): f is FileFacts => !!f)
        .sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
      return [...sorted];
    },
    summary() {
      summarised ??= summarise(this.files());
      return summarised;
    },
    get pending() {
      return pendingEntries().length;
    },
    async ready() {
      // Twice at most: a script queued while the first load finished waits for one more round.
      for (let round = 0; round < 2 && pendingEntries().length > 0; round++) {
        const load = grammar.start();
        if (!load) throw new Error('scripts are waiting for the PowerShell grammar, but this language service has none');
        await load;
      }
    },
    onDidChange: (listener) => changes.add(listener),
    onDidChangeFile: (listener) => fileChanges.add(listener),
  };
}
