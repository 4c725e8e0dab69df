// The web extension's side of the workspace feed (server/src/host/workspaceFeedProtocol.ts): lists
// and reads the workspace's profiles and scripts and sends their text to the web-worker server,
// which has no file system of its own. Written against a small source interface instead of the
// vscode API, so the same code runs in the extension and in the web test's page.
import { decodeBytes } from '../../server/src/host/encoding';
import {
  candidateLanguage,
  inSkippedFolder,
  WORKSPACE_FILE_LIMITS,
  type WorkspaceFilesParams,
} from '../../server/src/host/workspaceFeedProtocol';

/** Where the files come from (vscode.workspace.findFiles and vscode.workspace.fs in the extension). */
export interface FeedSource {
  /** URIs of candidate files, at most `limit` of them. */
  list(limit: number): Promise<string[]>;
  /** The file's size in bytes, or undefined when it is gone or not a file. */
  size(uri: string): Promise<number | undefined>;
  read(uri: string): Promise<Uint8Array>;
  /** The path inside its workspace folder ('/'-separated), or undefined for a file outside the workspace. */
  relativePath(uri: string): string | undefined;
}

export interface WorkspaceFeed {
  /**
   * Reads every candidate file and sends them, with the removal of files an earlier scan sent that
   * are no longer there (at start, and when workspace folders change). Says how many files were
   * sent and whether the file limit cut the list.
   */
  scan(): Promise<{ sent: number; truncated: boolean }>;
  /** A file was created or changed. */
  changed(uri: string): Promise<void>;
  deleted(uri: string): Promise<void>;
}

export interface FeedLimits {
  /** Files read at most. */
  maxFiles: number;
  /** Larger files are skipped. */
  maxBytes: number;
  /** Text sent per notification, roughly: a large workspace goes in several messages. */
  batchChars: number;
  /** Files read at the same time during a scan. */
  parallelReads: number;
}

const DEFAULT_FEED_LIMITS: FeedLimits = { ...WORKSPACE_FILE_LIMITS, batchChars: 4 * 1024 * 1024, parallelReads: 8 };

export function createWorkspaceFeed(
  source: FeedSource,
  send: (params: WorkspaceFilesParams) => Promise<void>,
  limits: FeedLimits = DEFAULT_FEED_LIMITS,
): WorkspaceFeed {
  /** The text to send for a file, or undefined when it is too large, unreadable, not text, or XML that cannot be a profile. */
  const textOf = async (uri: string): Promise<string | undefined> => {
    const language = candidateLanguage(uri);
    if (!language) return undefined;
    try {
      const size = await source.size(uri);
      if (size === undefined || size > limits.maxBytes) return undefined;
      const text = decodeBytes(await source.read(uri));
      // Most XML in a repository is not ProfileXML: keep it off the wire (the server checks the root element).
      if (text === undefined || (language === 'xml' && !text.includes('VPNProfile'))) return undefined;
      return text;
    } catch (error) {
      // Gone between listing and reading, or unreadable (a FileSystemError, which has a code): not part of the workspace.
      if (typeof (error as { code?: unknown } | undefined)?.code === 'string') return undefined;
      throw error;
    }
  };

  /** Watchers report every matching file; the workspace leaves out files outside its folders and in node_modules or dot folders. */
  const inWorkspace = (uri: string): boolean => {
    const relative = source.relativePath(uri);
    return relative !== undefined && !inSkippedFolder(relative);
  };

  /** Files the server holds from this feed: a new scan tells it which are gone. */
  const held = new Set<string>();

  return {
    async scan() {
      const uris = await source.list(limits.maxFiles + 1);
      const truncated = uris.length > limits.maxFiles;
      const found = new Set<string>();
      const gone = () => [...held].filter((uri) => !found.has(uri));
      let batch: WorkspaceFilesParams['changed'] = [];
      let batchChars = 0;
      const candidates = uris.slice(0, limits.maxFiles).filter(inWorkspace);
      // A few reads at a time: on the web each one is a request (a GitHub repository's files are fetched).
      for (let start = 0; start < candidates.length; start += limits.parallelReads) {
        const window = candidates.slice(start, start + limits.parallelReads);
        const texts = await Promise.all(window.map(textOf));
        for (let i = 0; i < window.length; i++) {
          const text = texts[i];
          if (text === undefined) continue;
          batch.push({ uri: window[i], text });
          found.add(window[i]);
          batchChars += text.length;
          if (batchChars >= limits.batchChars) {
            await send({ changed: batch, removed: [] });
            batch = [];
            batchChars = 0;
          }
        }
      }
      const removed = gone();
      if (batch.length > 0 || removed.length > 0) await send({ changed: batch, removed });
      held.clear();
      for (const uri of found) held.add(uri);
      return { sent: found.size, truncated };
    },
    async changed(uri) {
      if (!candidateLanguage(uri) || !inWorkspace(uri)) return;
      const text = await textOf(uri);
      if (text === undefined) held.delete(uri);
      else held.add(uri);
      await send(text === undefined ? { changed: [], removed: [uri] } : { changed: [{ uri, text }], removed: [] });
    },
    async deleted(uri) {
      if (!candidateLanguage(uri) || !inWorkspace(uri)) return;
      held.delete(uri);
      await send({ changed: [], removed: [uri] });
    },
  };
}
