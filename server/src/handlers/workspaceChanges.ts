// Facts across files changed (a server script was edited, a profile added …): re-validate the
// open documents, once the changes settle. Documents with a validation already scheduled keep it.
// When the only change is in one open document's facts (its own validation indexed them), that
// document is validated already: only the others are re-validated, and of those only the ones
// validated before the last change (after a burst of opened files, most were validated after it).
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import type { HandlerContext } from './context';
import type { ValidationScheduler } from './validation';

/** Open documents are re-validated this long after the last change of facts across files. */
export const WORKSPACE_DEBOUNCE_MS = 250;

/** Follows the workspace index; returns what stops the pending timers (at shutdown). */
export function followWorkspaceChanges(ctx: HandlerContext, validation: ValidationScheduler): { dispose(): void } {
  const { connection, documents } = ctx;
  let revalidateTimer: ReturnType<typeof setTimeout> | undefined;
  let lensRefreshTimer: ReturnType<typeof setTimeout> | undefined;
  const changedFacts = new Set<string>();
  ctx.service.workspace.onDidChange((uris) => {
    for (const uri of uris) changedFacts.add(uri);
    clearTimeout(revalidateTimer);
    revalidateTimer = setTimeout(() => {
      revalidateTimer = undefined;
      const only = changedFacts.size === 1 ? [...changedFacts][0] : undefined;
      changedFacts.clear();
      for (const document of documents.all()) {
        if (validation.isScheduled(document.uri) || document.uri === only || validation.sawLatestWorkspace(document.uri)) continue;
        validation.schedule(document.uri, 0);
      }
    }, WORKSPACE_DEBOUNCE_MS);
    // The lenses compare with other files: when their facts change, the client asks again.
    if (ctx.client.codeLensRefresh) {
      clearTimeout(lensRefreshTimer);
      lensRefreshTimer = setTimeout(() => {
        void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => ctx.log.logError('code lens refresh', error));
      }, WORKSPACE_DEBOUNCE_MS);
    }
  });
  return {
    dispose() {
      clearTimeout(revalidateTimer);
      clearTimeout(lensRefreshTimer);
    },
  };
}
