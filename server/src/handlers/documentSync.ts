// Open, change and close of documents: the notifications are checked before TextDocuments sees
// them, and each event reaches the index, the validation and the settings cache.
import { changeProblem, openProblem } from '../lspParams';
import type { HandlerContext } from './context';
import type { SettingsStore } from './settings';
import { CHANGE_DEBOUNCE_MS, type ValidationScheduler } from './validation';

export interface DocumentSyncDeps {
  validation: ValidationScheduler;
  settings: SettingsStore;
  /** After a document closed and its own diagnostics were cleared (the problems of closed files take it over). */
  afterClose(uri: string): void;
}

export function syncDocuments(ctx: HandlerContext, deps: DocumentSyncDeps): void {
  const { connection, documents } = ctx;
  const { validation } = deps;
  const justOpened = new Set<string>();

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
  });

  documents.onDidChangeContent(({ document }) => {
    const uri = document.uri;
    const opened = justOpened.delete(uri);
    // An opened document counts in the index at once (it overrides the file on disk). Edits
    // reach the index with their validation, after the debounce: a burst of keystrokes on a large
    // profile must not extract its facts once per keystroke.
    if (opened) validation.index(document);
    validation.schedule(uri, opened ? 0 : CHANGE_DEBOUNCE_MS);
  });

  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    validation.forget(uri);
    justOpened.delete(uri);
    deps.settings.forget(uri);
    // A closed document's own diagnostics go (validations still running see it closed); with the
    // problems of closed files on, the file's text on disk is checked again.
    void connection
      .sendDiagnostics({ uri, diagnostics: [] })
      .catch((error: unknown) => ctx.log.logError('clearing diagnostics', error, uri));
    ctx.log.guard('closing a document', () => ctx.host.closed(uri), undefined, uri);
    deps.afterClose(uri);
  });
}

/**
 * Document notifications reach TextDocuments only when well-formed: a didOpen without a URI or
 * text, or a change whose range is not made of whole numbers, would otherwise make a document
 * of `undefined` or corrupt its text. They are dropped with a note that names the problem.
 */
export function listenToDocumentNotifications(ctx: HandlerContext): void {
  const { connection } = ctx;
  ctx.documents.listen({
    onDidOpenTextDocument: (handler) =>
      connection.onDidOpenTextDocument((params) => {
        const problem = openProblem(params);
        if (problem) connection.console.warn(`textDocument/didOpen ignored: ${problem}.`);
        else return handler(params);
      }),
    onDidChangeTextDocument: (handler) =>
      connection.onDidChangeTextDocument((params) => {
        const problem = changeProblem(params);
        if (problem) connection.console.warn(`textDocument/didChange ignored: ${problem}.`);
        else return handler(params);
      }),
    onDidCloseTextDocument: (handler) =>
      connection.onDidCloseTextDocument((params) => {
        if (typeof params?.textDocument?.uri !== 'string')
          connection.console.warn('textDocument/didClose ignored: textDocument.uri must be a string.');
        else return handler(params);
      }),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
  });
}
