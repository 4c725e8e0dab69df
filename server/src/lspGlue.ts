// The LSP glue both language servers share: server.ts (Node, stdio, files on disk) and
// browserServer.ts (a web worker, open documents only) create the connection and configure this
// with what differs (initialization options, the workspace scan, what a closed document leaves
// in the index). startServer wires the handlers of handlers/, one module per concern; every
// handler translates LSP params into a service call and the answer back; no ProfileXML logic
// lives here (docs/architecture.md).
//
// Resilience: params of the wrong shape are answered with InvalidParams, positions beyond the
// end are clamped, requests on documents that are not open get an empty answer, cancelled
// requests RequestCancelled; a failing handler is logged and answered with its empty result.
// Nothing here logs document text: failures are described by describeError, and the console
// redacts what the JSON-RPC library would quote of the messages it received.
import { ProposedFeatures, TextDocuments, type Connection, type Features, type RemoteConsole } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { redactLibraryLog, type ErrorDescriptionOptions } from './host/errorReport';
import type { LanguageService } from './service/languageService';
import type { WorkspaceDiagnostics } from './workspaceDiagnostics';
import { startClosedFileDiagnostics } from './handlers/closedFiles';
import { handleCodeActions } from './handlers/codeActions';
import { handleCommands } from './handlers/commands';
import { handleCompletion } from './handlers/completion';
import { createErrorLog, noClientSupport, type HandlerContext, type ServerHost } from './handlers/context';
import { handleDocumentFeatures } from './handlers/documentFeatures';
import { documentRequests } from './handlers/documentRequests';
import { listenToDocumentNotifications, syncDocuments } from './handlers/documentSync';
import { handleInitialize } from './handlers/initialize';
import { createSettingsStore } from './handlers/settings';
import { createValidationScheduler } from './handlers/validation';
import { followWorkspaceChanges } from './handlers/workspaceChanges';

export type { ServerHost } from './handlers/context';

/**
 * The connection's console with the JSON-RPC library's quotes of received messages removed
 * (an undispatchable message is dumped whole; it may carry a document). Both entry points pass
 * these features to `createConnection`.
 */
export const CONNECTION_FEATURES: Features = {
  ...ProposedFeatures.all,
  console: (Base: new () => RemoteConsole) =>
    class RedactingConsole extends Base {
      error(message: string): void {
        super.error(redactLibraryLog(message));
      }
      warn(message: string): void {
        super.warn(redactLibraryLog(message));
      }
      info(message: string): void {
        super.info(redactLibraryLog(message));
      }
      log(message: string): void {
        super.log(redactLibraryLog(message));
      }
      debug(message: string): void {
        super.debug(redactLibraryLog(message));
      }
    },
};

export interface ServerGlue {
  readonly documents: TextDocuments<TextDocument>;
  /** Logs a failure without document text (see describeError). */
  logError(what: string, error: unknown, uri?: string, options?: ErrorDescriptionOptions): void;
  /** Runs a handler; a failure is logged and answered with `fallback` instead of killing the server. */
  guard<T>(what: string, body: () => T, fallback: T, uri?: string): T;
}

export function startServer(connection: Connection, service: LanguageService, host: ServerHost): ServerGlue {
  const documents = new TextDocuments(TextDocument);
  const ctx: HandlerContext = { connection, service, host, documents, log: createErrorLog(connection), client: noClientSupport() };
  /** Problems of closed files; started once the client is initialized (it answers settings requests then). */
  let closedFiles: WorkspaceDiagnostics | undefined;

  const settings = createSettingsStore(ctx);
  handleInitialize(ctx, settings, () => {
    closedFiles = startClosedFileDiagnostics(ctx, settings);
  });
  const validation = createValidationScheduler(ctx, settings);
  settings.onDidChange(() => {
    for (const document of documents.all()) validation.schedule(document.uri, 0);
    closedFiles?.configurationChanged();
  });
  syncDocuments(ctx, { validation, settings, afterClose: (uri) => closedFiles?.closed(uri) });
  const workspaceChanges = followWorkspaceChanges(ctx, validation);

  const requests = documentRequests(ctx, settings);
  handleCompletion(ctx, requests);
  handleDocumentFeatures(ctx, requests);
  handleCodeActions(ctx, requests, settings);
  handleCommands(ctx, settings);
  listenToDocumentNotifications(ctx);

  connection.onShutdown(() => {
    closedFiles?.dispose();
    validation.dispose();
    workspaceChanges.dispose();
  });

  return { documents, logError: ctx.log.logError, guard: ctx.log.guard };
}
