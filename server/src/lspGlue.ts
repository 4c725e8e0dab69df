// The LSP glue both language servers share: server.ts (Node, stdio, files on disk) and
// browserServer.ts (a web worker, open documents only) create the connection and configure this
// with what differs (initialization options, the workspace scan, what a closed document leaves
// in the index). Every handler translates LSP params into a service call and the answer back; no
// ProfileXML logic lives here (docs/architecture.md).
//
// Resilience: params of the wrong shape are answered with InvalidParams, positions beyond the
// end are clamped, requests on documents that are not open get an empty answer, cancelled
// requests RequestCancelled; a failing handler is logged and answered with its empty result.
// Nothing here logs document text: failures are described by describeError, and the console
// redacts what the JSON-RPC library would quote of the messages it received.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  CompletionRequest,
  DidChangeConfigurationNotification,
  ErrorCodes,
  LSPErrorCodes,
  MessageType,
  ProposedFeatures,
  RAL,
  ResponseError,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type Connection,
  type Features,
  type InitializeParams,
  type InitializeResult,
  type RemoteConsole,
  type ServerCapabilities,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { changeProblem, clamped, clampedRange, contextShape, documentUriOf, openProblem, positionShape, rangeShape } from './lspParams';
import { describeError, redactLibraryLog, type ErrorDescriptionOptions } from './host/errorReport';
import { settingsProblems } from './host/settingsCheck';
import { executeAuthoringCommand, SERVER_COMMAND_IDS } from './service/authoring/commands';
import type { LanguageService } from './service/languageService';
import { analysisSkipReason } from './service/powershell/analysisBudget';
import { fileLabel } from './service/workspace/places';
import type { Settings } from './service/settings';
import { startWorkspaceDiagnostics, type ClosedFile, type WorkspaceDiagnostics } from './workspaceDiagnostics';

export const SECTION = 'aovpn';
/** Typing pauses shorter than this do not trigger a new validation. */
export const CHANGE_DEBOUNCE_MS = 150;
/** Open documents are re-validated this long after the last change of facts across files. */
export const WORKSPACE_DEBOUNCE_MS = 250;
/** How long a validation waits for the workspace index (then it goes ahead; the index re-validates when done). */
export const INDEXING_WAIT_MS = 3000;

/** Documents per workspace/configuration request when the settings of many closed files are fetched. */
const SETTINGS_CHUNK = 200;

/** Characters that open completion in ProfileXML: a tag, an end tag, the end of a start tag (its value). */
export const XML_TRIGGER_CHARACTERS = ['<', '/', '>'] as const;
/**
 * In scripts also `-` (parameter names) and a space (the values of the parameter before it). In
 * XML they are text: typing them there must not ask, or VS Code would keep an open suggestion
 * list after a space. Hence one registration per language where the client allows it.
 */
export const SCRIPT_TRIGGER_CHARACTERS = [...XML_TRIGGER_CHARACTERS, '-', ' '] as const;

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

export interface ServerGlue {
  readonly documents: TextDocuments<TextDocument>;
  /** Logs a failure without document text (see describeError). */
  logError(what: string, error: unknown, uri?: string, options?: ErrorDescriptionOptions): void;
  /** Runs a handler; a failure is logged and answered with `fallback` instead of killing the server. */
  guard<T>(what: string, body: () => T, fallback: T, uri?: string): T;
}

export function startServer(connection: Connection, service: LanguageService, host: ServerHost): ServerGlue {
  const documents = new TextDocuments(TextDocument);

  let pullConfiguration = false;
  let registerConfigurationChange = false;
  /** The client re-asks for code lenses when told (workspace/codeLens/refresh). */
  let codeLensRefreshSupported = false;
  /** The client resolves code actions' edits on demand (VS Code does): fix-all is then computed only when picked. */
  let codeActionEditResolved = false;
  /** The client takes completion registrations per document selector: XML and scripts get their own trigger characters. */
  let completionPerLanguage = false;
  /** Settings pushed by the client (initializationOptions or didChangeConfiguration) when it cannot be asked. */
  let pushedSettings: unknown = undefined;
  const settingsByUri = new Map<string, Promise<Partial<Settings>>>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The latest validation run of each URI; only it may publish. Run numbers are never reused (a close and reopen does not revive a stale run). */
  const runs = new Map<string, number>();
  let lastRun = 0;
  const justOpened = new Set<string>();
  const reportedProblems = new Set<string>();
  let revalidateTimer: ReturnType<typeof setTimeout> | undefined;
  let lensRefreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** Problems of closed files; started once the client is initialized (it answers settings requests then). */
  let workspaceDiagnostics: WorkspaceDiagnostics | undefined;

  // ---- logging ------------------------------------------------------------------------------

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

  // ---- initialization -----------------------------------------------------------------------

  connection.onInitialize((params): InitializeResult => {
    const workspace = params.capabilities?.workspace;
    pullConfiguration = !!workspace?.configuration;
    registerConfigurationChange = !!workspace?.didChangeConfiguration?.dynamicRegistration;
    codeLensRefreshSupported = !!workspace?.codeLens?.refreshSupport;
    const resolvable = params.capabilities?.textDocument?.codeAction?.resolveSupport?.properties;
    codeActionEditResolved = Array.isArray(resolvable) && resolvable.includes('edit');
    completionPerLanguage = !!params.capabilities?.textDocument?.completion?.dynamicRegistration;
    pushedSettings = sectionOf(host.initialize(params));
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        // Registered per language after `initialized` when the client can (never both: items would come twice).
        ...(completionPerLanguage ? {} : { completionProvider: { triggerCharacters: [...SCRIPT_TRIGGER_CHARACTERS], resolveProvider: false } }),
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: codeActionEditResolved },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [...SERVER_COMMAND_IDS] },
        ...host.capabilities,
      },
      serverInfo: { name: host.name },
    };
  });

  connection.onInitialized(() => {
    if (pullConfiguration && registerConfigurationChange) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((error: unknown) => logError('register for configuration changes', error));
    }
    if (completionPerLanguage) {
      for (const [language, triggerCharacters] of [
        ['xml', XML_TRIGGER_CHARACTERS],
        ['powershell', SCRIPT_TRIGGER_CHARACTERS],
      ] as const) {
        void connection.client
          .register(CompletionRequest.type, { documentSelector: [{ language }], triggerCharacters: [...triggerCharacters], resolveProvider: false })
          .catch((error: unknown) => logError(`register completion for ${language}`, error));
      }
    }
    host.initialized?.();
    const readClosed = host.readClosed?.bind(host);
    if (readClosed) {
      workspaceDiagnostics = startWorkspaceDiagnostics({
        connection,
        service,
        isOpen: (uri) => documents.get(uri) !== undefined,
        read: readClosed,
        settingsFor,
        prefetchSettings,
        workspaceSection: workspaceSettings,
        indexed: () => host.indexing?.() ?? Promise.resolve(),
        logError,
      });
    }
  });

  const indexed = (): Promise<void> => settled(host.indexing?.() ?? Promise.resolve(), INDEXING_WAIT_MS);

  // ---- settings -----------------------------------------------------------------------------

  connection.onDidChangeConfiguration((params) => {
    guard(
      'configuration change',
      () => {
        if (!pullConfiguration) {
          const pushed = sectionOf(params?.settings);
          if (pushed !== undefined) pushedSettings = pushed;
        }
        settingsByUri.clear();
        for (const document of documents.all()) schedule(document.uri, 0);
        workspaceDiagnostics?.configurationChanged();
      },
      undefined,
    );
  });

  function settingsFor(uri: string): Promise<Partial<Settings>> {
    if (!pullConfiguration) return Promise.resolve(checked(pushedSettings));
    let settings = settingsByUri.get(uri);
    if (!settings) {
      settings = connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }).then(
        (value: unknown) => checked(value),
        (error: unknown) => {
          logError('workspace/configuration', error);
          return checked(pushedSettings);
        },
      );
      settingsByUri.set(uri, settings);
    }
    return settings;
  }

  /** Settings of many documents in one workspace/configuration request per chunk (the problems of closed files). */
  async function prefetchSettings(uris: readonly string[]): Promise<void> {
    if (!pullConfiguration) return;
    const missing = uris.filter((uri) => !settingsByUri.has(uri));
    for (let start = 0; start < missing.length; start += SETTINGS_CHUNK) {
      const chunk = missing.slice(start, start + SETTINGS_CHUNK);
      const answer = connection.workspace.getConfiguration(chunk.map((scopeUri) => ({ scopeUri, section: SECTION }))).then(
        (values: unknown[]) => values,
        (error: unknown) => {
          logError('workspace/configuration', error);
          return chunk.map(() => pushedSettings);
        },
      );
      chunk.forEach((uri, i) => settingsByUri.set(uri, answer.then((values) => checked(Array.isArray(values) ? values[i] : undefined))));
      await answer;
    }
  }

  /** Settings not tied to a document (the new-profile command). */
  function workspaceSettings(): Promise<Partial<Settings>> {
    if (!pullConfiguration) return Promise.resolve(checked(pushedSettings));
    return connection.workspace.getConfiguration({ section: SECTION }).then(
      (value: unknown) => checked(value),
      () => checked(pushedSettings),
    );
  }

  /** Bad settings are reported once, visibly, instead of silently falling back to defaults. */
  function checked(value: unknown): Partial<Settings> {
    for (const problem of settingsProblems(value)) {
      if (reportedProblems.has(problem)) continue;
      reportedProblems.add(problem);
      connection.console.warn(`Settings: ${problem}`);
      void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `Always On VPN ProfileXML settings: ${problem}.` });
    }
    return value && typeof value === 'object' ? (value as Partial<Settings>) : {};
  }

  // ---- documents and validation ---------------------------------------------------------------

  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
  });

  documents.onDidChangeContent(({ document }) => {
    const uri = document.uri;
    const opened = justOpened.delete(uri);
    // An opened document counts in the index at once (it overrides the file on disk). Edits
    // reach the index with their validation, after the debounce: a burst of keystrokes on a large
    // profile must not extract its facts once per keystroke.
    if (opened) index(document);
    schedule(uri, opened ? 0 : CHANGE_DEBOUNCE_MS);
  });

  documents.onDidClose(({ document }) => {
    const uri = document.uri;
    clearTimeout(timers.get(uri));
    timers.delete(uri);
    runs.delete(uri);
    justOpened.delete(uri);
    settingsByUri.delete(uri);
    // A closed document's own diagnostics go (validations still running see it closed); with the
    // problems of closed files on, the file's text on disk is checked again.
    void connection.sendDiagnostics({ uri, diagnostics: [] }).catch((error: unknown) => logError('clearing diagnostics', error, uri));
    guard('closing a document', () => host.closed(uri), undefined, uri);
    workspaceDiagnostics?.closed(uri);
  });

  function index(document: TextDocument): void {
    guard('indexing an open document', () => service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version), undefined, document.uri);
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
      const settings = await settingsFor(uri);
      if (!(await scriptSupportReady(document))) return;
      await indexed();
      // A newer edit, a newer run or a close while settings were fetched makes this result stale.
      const current = documents.get(uri);
      if (!current || current.version !== version || runs.get(uri) !== run) return;
      index(current);
      // Other documents get an empty list, which also clears what an earlier version had.
      const diagnostics = service.kind(current) === 'none' ? [] : service.validate(current, settings);
      noteUnanalysedScript(current);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      logError('validation', error, uri);
    }
  }

  /** Scripts already named in the log as not analysed (once per document, not per keystroke). */
  const unanalysed = new Set<string>();
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

  /** Loads the PowerShell grammar the first time a script needs it; false when it cannot be loaded. */
  async function scriptSupportReady(document: TextDocument): Promise<boolean> {
    // Also when loaded: after the grammar's instance aborted, a fresh one may still be on its way.
    if (service.kind(document) !== 'powershell') return true;
    try {
      await service.preparePowerShell();
      return true;
    } catch (error) {
      // Loading reads the grammar's files, never a document: its message (a file, a URL, HTTP status) is kept.
      logError('loading the PowerShell grammar', error, document.uri, { message: true });
      return false;
    }
  }

  // Facts across files changed (a server script was edited, a profile added …): re-validate the
  // open documents, once the changes settle. Documents with a validation already scheduled keep it.
  // When the only change is in one open document's facts (its own validation indexed them), that
  // document is validated already: only the others are re-validated.
  const changedFacts = new Set<string>();
  service.workspace.onDidChange((uris) => {
    for (const uri of uris) changedFacts.add(uri);
    clearTimeout(revalidateTimer);
    revalidateTimer = setTimeout(() => {
      revalidateTimer = undefined;
      const only = changedFacts.size === 1 ? [...changedFacts][0] : undefined;
      changedFacts.clear();
      for (const document of documents.all()) {
        if (timers.has(document.uri) || document.uri === only) continue;
        schedule(document.uri, 0);
      }
    }, WORKSPACE_DEBOUNCE_MS);
    // The lenses compare with other files: when their facts change, the client asks again.
    if (codeLensRefreshSupported) {
      clearTimeout(lensRefreshTimer);
      lensRefreshTimer = setTimeout(() => {
        void connection.sendRequest(CodeLensRefreshRequest.type).catch((error: unknown) => logError('code lens refresh', error));
      }, WORKSPACE_DEBOUNCE_MS);
    }
  });

  // ---- requests on a document ------------------------------------------------------------------

  interface RequestOptions {
    /** Settings are fetched first (and passed to the body). */
    settings?: boolean;
    /** Waits for the workspace index (answers compare with other files). */
    workspace?: boolean;
  }

  /**
   * A request on an open document: the params' shape is checked first (InvalidParams), a document
   * that is not open gets `fallback`, settings and grammar are made ready, then the request is
   * answered unless it was cancelled meanwhile (RequestCancelled) or the document was closed.
   */
  function onDocument<P, R>(
    method: string,
    fallback: R,
    options: RequestOptions,
    parse: (params: Record<string, unknown>) => P,
    body: (document: TextDocument, params: P, settings: Partial<Settings>) => R,
  ): (params: unknown, token: CancellationToken) => Promise<R> {
    return async (params, token) => {
      const uri = documentUriOf(method, params);
      const parsed = parse(params as Record<string, unknown>);
      if (!documents.get(uri)) return fallback;
      const settings = options.settings ? await settingsFor(uri) : {};
      const document = documents.get(uri);
      if (!document || !(await scriptSupportReady(document))) return fallback;
      if (options.workspace) await indexed();
      // Let the messages that arrived meanwhile in (a cancellation, an edit, a close).
      await yieldToEventLoop();
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled`);
      const current = documents.get(uri);
      if (!current) return fallback;
      return guard(method, () => body(current, parsed, settings), fallback, uri);
    };
  }

  const none = (): undefined => undefined;
  const position = (method: string) => (p: Record<string, unknown>) => positionShape(method, p.position);
  connection.onCompletion(
    onDocument(
      'completion',
      null,
      { settings: true },
      (p) => ({ position: positionShape('completion', p.position), triggerCharacter: triggerCharacterOf(p.context) }),
      (d, p, s) => service.complete(d, clamped(d, p.position), s, { triggerCharacter: p.triggerCharacter }),
    ),
  );
  connection.onHover(onDocument('hover', null, { settings: true }, position('hover'), (d, p, s) => service.hover(d, clamped(d, p), s)));
  connection.onCodeAction(
    onDocument(
      'code actions',
      [],
      { settings: true },
      (p) => ({ range: rangeShape('code actions', p.range), context: contextShape('code actions', p.context) }),
      (d, p, s) => service.codeActions(d, clampedRange(d, p.range), p.context, s, { deferFixAll: codeActionEditResolved }),
    ),
  );
  connection.onCodeActionResolve(async (params: unknown, token: CancellationToken): Promise<CodeAction> => {
    if (!params || typeof params !== 'object' || typeof (params as { title?: unknown }).title !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'codeAction/resolve: expected a code action');
    }
    const action = params as CodeAction;
    // Only the deferred fix-all comes back here; it names its document in `data`.
    const data = action.data as { aovpnFixAll?: { uri?: unknown } } | undefined;
    const uri = data?.aovpnFixAll?.uri;
    if (typeof uri !== 'string' || !documents.get(uri)) return action;
    const settings = await settingsFor(uri);
    await yieldToEventLoop();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'codeAction/resolve was cancelled');
    const document = documents.get(uri);
    if (!document) return action;
    return guard('resolving a code action', () => service.resolveCodeAction(document, action, settings), action, uri);
  });
  connection.onDocumentSymbol(onDocument('document symbols', [], {}, none, (d) => service.documentSymbols(d)));
  connection.onFoldingRanges(onDocument('folding ranges', [], {}, none, (d) => service.foldingRanges(d)));
  connection.onCodeLens(onDocument('code lenses', [], { workspace: true }, none, (d) => service.codeLenses(d)));

  // ---- authoring commands --------------------------------------------------------------------

  connection.onExecuteCommand(async (params: unknown) => {
    const record = params && typeof params === 'object' ? (params as Record<string, unknown>) : undefined;
    const command = record?.command;
    const args = record?.arguments ?? [];
    if (typeof command !== 'string') throw new ResponseError(ErrorCodes.InvalidParams, 'workspace/executeCommand: command must be a string');
    if (!Array.isArray(args)) throw new ResponseError(ErrorCodes.InvalidParams, 'workspace/executeCommand: arguments must be an array');
    try {
      await indexed();
      return await executeAuthoringCommand(
        { service, document: (uri) => documents.get(uri), settings: (uri) => (uri ? settingsFor(uri) : workspaceSettings()) },
        command,
        args as unknown[],
      );
    } catch (error) {
      logError(`command ${SERVER_COMMAND_IDS.includes(command) ? command : '(unknown)'}`, error);
      return { ok: false, message: 'The command failed; see the output of the language server.' };
    }
  });

  // Document notifications reach TextDocuments only when well-formed: a didOpen without a URI or
  // text, or a change whose range is not made of whole numbers, would otherwise make a document
  // of `undefined` or corrupt its text. They are dropped with a note that names the problem.
  documents.listen({
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
        if (typeof params?.textDocument?.uri !== 'string') connection.console.warn('textDocument/didClose ignored: textDocument.uri must be a string.');
        else return handler(params);
      }),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
  });

  connection.onShutdown(() => {
    workspaceDiagnostics?.dispose();
    for (const timer of timers.values()) clearTimeout(timer);
    timers.clear();
    clearTimeout(revalidateTimer);
    clearTimeout(lensRefreshTimer);
  });

  return { documents, logError, guard };
}

// ---- params -------------------------------------------------------------------------------------

/** The character that triggered a completion request (CompletionContext), when the client says so. */
function triggerCharacterOf(context: unknown): string | undefined {
  const character = context && typeof context === 'object' ? (context as { triggerCharacter?: unknown }).triggerCharacter : undefined;
  return typeof character === 'string' ? character : undefined;
}

/** Accepts `{ aovpn: {...} }` (what VS Code pushes) or the section itself. */
export function sectionOf(value: unknown): unknown {
  if (value && typeof value === 'object' && SECTION in value) return (value as Record<string, unknown>)[SECTION];
  return value ?? undefined;
}

// ---- time -----------------------------------------------------------------------------------------

/** Waits for a promise, but no longer than `ms` (never rejects). */
export function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** One turn of the event loop: messages already received (a $/cancelRequest) are read first. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => void RAL().timer.setImmediate(resolve));
}
