// Validation of open documents: scheduled after a pause in the edits, run once the settings, the
// grammar and the workspace index are ready, and published only when still current.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analysisSkipReason } from '../service/powershell/analysisBudget';
import { fileLabel } from '../service/workspace/places';
import type { HandlerContext } from './context';
import { indexed, scriptSupportReady } from './readiness';
import type { SettingsStore } from './settings';

/** Typing pauses shorter than this do not trigger a new validation. */
export const CHANGE_DEBOUNCE_MS = 150;

export interface ValidationScheduler {
  /** Validates the document `delay` ms from now (a later call for the same URI replaces this one). */
  schedule(uri: string, delay: number): void;
  /** Whether a validation of the URI is waiting for its timer. */
  isScheduled(uri: string): boolean;
  /** Whether the document's last validation ran after the last change of facts across files (its findings across files are current). */
  sawLatestWorkspace(uri: string): boolean;
  /** Gives the index the open document's text (it overrides the file on disk). */
  index(document: TextDocument): void;
  /** A document closed: its pending validation is dropped and a running one will not publish. */
  forget(uri: string): void;
  dispose(): void;
}

export function createValidationScheduler(ctx: HandlerContext, settings: SettingsStore): ValidationScheduler {
  const { connection, service, documents } = ctx;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest validation run of each URI; only it may publish. Run numbers are never reused (a close and reopen does not revive a stale run). */
  const runs = new Map<string, number>();
  let lastRun = 0;
  /** Scripts already named in the log as not analysed (once per document, not per keystroke). */
  const unanalysed = new Set<string>();
  /**
   * Changes of facts across files so far, and how many of them each document's last validation
   * had seen. After a burst of opened files every document would otherwise be validated and
   * published a second time (workspaceChanges.ts), for the same diagnostics.
   */
  let workspaceChanges = 0;
  service.workspace.onDidChange(() => workspaceChanges++);
  const validatedAt = new Map<string, number>();

  function index(document: TextDocument): void {
    ctx.log.guard(
      'indexing an open document',
      () => service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version),
      undefined,
      document.uri,
    );
  }

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
    const run = ++lastRun;
    runs.set(uri, run);
    try {
      const document = documents.get(uri);
      if (!document) return;
      const version = document.version;
      const documentSettings = await settings.settingsFor(uri);
      if (!(await scriptSupportReady(ctx, document))) return;
      await indexed(ctx);
      // A newer edit, a newer run or a close while settings were fetched makes this result stale.
      const current = documents.get(uri);
      if (!current || current.version !== version || runs.get(uri) !== run) return;
      index(current);
      const seen = workspaceChanges;
      // Other documents get an empty list, which also clears what an earlier version had.
      const diagnostics = service.kind(current) === 'none' ? [] : service.validate(current, documentSettings);
      noteUnanalysedScript(current);
      await connection.sendDiagnostics({ uri, version, diagnostics });
      validatedAt.set(uri, seen);
    } catch (error) {
      ctx.log.logError('validation', error, uri);
    }
  }

  /** Says in the log why an open script gets no findings when it is too large to analyse. */
  function noteUnanalysedScript(document: TextDocument): void {
    const reason = service.kind(document) === 'powershell' ? analysisSkipReason(document.getText()) : undefined;
    if (!reason) {
      unanalysed.delete(document.uri);
      return;
    }
    if (unanalysed.has(document.uri)) return;
    unanalysed.add(document.uri);
    connection.console.info(`Not analysed: ${fileLabel(document.uri)}: ${reason}.`);
  }

  return {
    schedule,
    isScheduled: (uri) => timers.has(uri),
    sawLatestWorkspace: (uri) => validatedAt.get(uri) === workspaceChanges,
    index,
    forget(uri) {
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      runs.delete(uri);
      validatedAt.delete(uri);
    },
    dispose() {
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
    },
  };
}
