import { looksLikeProfileXml } from '../service/profilexml/document';
import type { WorkspaceIndex } from '../service/workspace/index';
import { candidateLanguage, type WorkspaceFilesParams } from './workspaceFeedProtocol';

/**
 * The server's side of the workspace feed (workspaceFeedProtocol.ts): the web worker has no file
 * system, so the web extension reads the workspace's profiles and scripts and sends their text;
 * this keeps it and hands it to the workspace index. No Node APIs here.
 */

/** The well-formed part of a notification's params (it comes from the client as JSON; anything else is dropped). */
export function readWorkspaceFilesParams(raw: unknown): WorkspaceFilesParams {
  const params = raw && typeof raw === 'object' ? (raw as { changed?: unknown; removed?: unknown }) : {};
  const changed = Array.isArray(params.changed)
    ? params.changed.filter(
        (f): f is { uri: string; text: string } =>
          !!f &&
          typeof f === 'object' &&
          typeof (f as { uri?: unknown }).uri === 'string' &&
          typeof (f as { text?: unknown }).text === 'string',
      )
    : [];
  const removed = Array.isArray(params.removed) ? params.removed.filter((u): u is string => typeof u === 'string') : [];
  return { changed: changed.map((f) => ({ uri: f.uri, text: f.text })), removed };
}

/** Version given to file contents the client read (open documents have their editor version). */
const READ_VERSION = 0;

export interface ClientFileIndex {
  /** Applies a notification: files the editor has open keep their editor text. */
  apply(params: WorkspaceFilesParams): void;
  /** A document was closed: the file as last read counts again (or nothing, for a file never read). */
  closed(uri: string): void;
  /** The file as the client last read it (the problems of closed files), or undefined. */
  read(uri: string): { languageId: 'xml' | 'powershell'; text: string } | undefined;
  /** Files read by the client and kept (for tests and logs). */
  readonly size: number;
}

/**
 * Keeps the last text the client read of each candidate file and feeds the workspace index
 * with it whenever the editor does not hold the file open.
 */
export function createClientFileIndex(index: WorkspaceIndex, isOpen: (uri: string) => boolean): ClientFileIndex {
  const read = new Map<string, { languageId: 'xml' | 'powershell'; text: string }>();
  const drop = (uri: string): void => {
    read.delete(uri);
    if (!isOpen(uri)) index.removeFile(uri);
  };
  return {
    apply({ changed, removed }) {
      for (const uri of removed) drop(uri);
      for (const { uri, text } of changed) {
        const languageId = candidateLanguage(uri);
        // XML that is not ProfileXML plays no part across files, like on the desktop.
        if (!languageId || (languageId === 'xml' && !looksLikeProfileXml(text))) {
          drop(uri);
          continue;
        }
        read.set(uri, { languageId, text });
        if (!isOpen(uri)) index.setFile(uri, languageId, text, READ_VERSION);
      }
    },
    closed(uri) {
      const file = read.get(uri);
      if (file) index.setFile(uri, file.languageId, file.text, READ_VERSION);
      else index.removeFile(uri);
    },
    read: (uri) => read.get(uri),
    get size() {
      return read.size;
    },
  };
}
