// What every handler of the LSP glue shares (lspGlue.ts wires them): the connection, the service,
// the entry point's host, the open documents, the error log and what the client said it can do.
import type { Connection, InitializeParams, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeError, type ErrorDescriptionOptions } from '../host/errorReport';
import type { LanguageService } from '../service/languageService';
import type { ClosedFile } from '../workspaceDiagnostics';

/** What the entry point adds to the shared glue. */
export interface ServerHost {
  /** `serverInfo.name`. */
  name: string;
  /** Capabilities beyond the shared ones (the Node server: workspace folder changes). */
  capabilities?: Partial<ServerCapabilities>;
  /** Reads what the host needs from `initialize`; returns the settings the client pushed there (the `aovpn` section, or an object holding it). */
  initialize(params: InitializeParams): unknown;
  /** After `initialized` (the Node server starts its workspace scan). */
  initialized?(): void;
  /** Resolves when the workspace files are indexed; validations, lenses and commands wait for it up to INDEXING_WAIT_MS. */
  indexing?(): Promise<void>;
  /** A document was closed: the index gets what counts for its URI now (the file on disk, or nothing). */
  closed(uri: string): void;
  /**
   * The text of a closed file of the workspace (the disk, or what the web extension sent), for the
   * problems of closed files (workspaceDiagnostics.ts); without it only open documents get any.
   */
  readClosed?(uri: string): Promise<ClosedFile | undefined>;
}

export interface ErrorLog {
  /** Logs a failure without document text (see describeError). */
  logError(what: string, error: unknown, uri?: string, options?: ErrorDescriptionOptions): void;
  /** Runs a handler; a failure is logged and answered with `fallback` instead of killing the server. */
  guard<T>(what: string, body: () => T, fallback: T, uri?: string): T;
}

export function createErrorLog(connection: Connection): ErrorLog {
  function logError(what: string, error: unknown, uri?: string, options?: ErrorDescriptionOptions): void {
    const where = uri ? ` for ${uri}` : '';
    connection.console.error(`${what} failed${where}: ${describeError(error, options)}`);
  }
  function guard<T>(what: string, body: () => T, fallback: T, uri?: string): T {
    try {
      return body();
    } catch (error) {
      logError(what, error, uri);
      return fallback;
    }
  }
  return { logError, guard };
}

/** What the client can do, from its `initialize` capabilities; all off until then. */
export interface ClientSupport {
  /** The server may ask for settings (workspace/configuration). */
  pullConfiguration: boolean;
  registerConfigurationChange: boolean;
  /** The client re-asks for code lenses when told (workspace/codeLens/refresh). */
  codeLensRefresh: boolean;
  /** The client resolves code actions' edits on demand (VS Code does): fix-all is then computed only when picked. */
  codeActionEditResolved: boolean;
  /** The client takes completion registrations per document selector: XML and scripts get their own trigger characters. */
  completionPerLanguage: boolean;
}

/** Before `initialize`: nothing. */
export function noClientSupport(): ClientSupport {
  return {
    pullConfiguration: false,
    registerConfigurationChange: false,
    codeLensRefresh: false,
    codeActionEditResolved: false,
    completionPerLanguage: false,
  };
}

export function clientSupportOf(params: InitializeParams): ClientSupport {
  const workspace = params.capabilities?.workspace;
  const resolvable = params.capabilities?.textDocument?.codeAction?.resolveSupport?.properties;
  return {
    pullConfiguration: !!workspace?.configuration,
    registerConfigurationChange: !!workspace?.didChangeConfiguration?.dynamicRegistration,
    codeLensRefresh: !!workspace?.codeLens?.refreshSupport,
    codeActionEditResolved: Array.isArray(resolvable) && resolvable.includes('edit'),
    completionPerLanguage: !!params.capabilities?.textDocument?.completion?.dynamicRegistration,
  };
}

export interface HandlerContext {
  readonly connection: Connection;
  readonly service: LanguageService;
  readonly host: ServerHost;
  readonly documents: TextDocuments<TextDocument>;
  readonly log: ErrorLog;
  /** Filled in by `initialize` (handlers are registered before it, and read this when they run). */
  readonly client: ClientSupport;
}
