// The problems of closed files (workspaceDiagnostics.ts), wired to the glue's settings and
// documents; only where the host can read closed files.
import { startWorkspaceDiagnostics, type WorkspaceDiagnostics } from '../workspaceDiagnostics';
import type { HandlerContext } from './context';
import type { SettingsStore } from './settings';

/** Starts the problems of closed files; undefined when the host cannot read them. */
export function startClosedFileDiagnostics(ctx: HandlerContext, settings: SettingsStore): WorkspaceDiagnostics | undefined {
  const { host } = ctx;
  const readClosed = host.readClosed?.bind(host);
  if (!readClosed) return undefined;
  return startWorkspaceDiagnostics({
    connection: ctx.connection,
    service: ctx.service,
    isOpen: (uri) => ctx.documents.get(uri) !== undefined,
    read: readClosed,
    settingsFor: settings.settingsFor,
    prefetchSettings: settings.prefetchSettings,
    workspaceSection: settings.workspaceSettings,
    indexed: () => host.indexing?.() ?? Promise.resolve(),
    logError: ctx.log.logError,
  });
}
