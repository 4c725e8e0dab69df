// The language service: a thin facade over one module per feature (features/): the parse caches
// and facts (documents.ts), findings (findings.ts), diagnostics, completion, hover, symbols, code
// actions, fix-all and the authoring requests. It builds what they share, and runs each
// synchronous request with this service's internal-error hook (docs/architecture.md).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type {
  CodeAction,
  CodeActionContext,
  CodeLens,
  CompletionList,
  Diagnostic,
  DocumentSymbol,
  FoldingRange,
  Hover,
  Position,
  Range,
  TextEdit,
} from 'vscode-languageserver-types';
import { looksLikeProfileXml } from './profilexml/document';
import type { FixPassesResult } from './fixPasses';
import { schemaIndex } from './profilexml/schema';
import type { Settings } from './settings';
import { changedSpan } from './changedSpan';
import type { WasmSource } from './powershell/grammar';
import { createWorkspaceIndex, type WorkspaceIndex } from './workspace/index';
import { THROW_INTERNAL_ERRORS, withInternalErrorHook, type InternalErrorHook } from './core/internalErrors';
import type { NewProfileAnswers } from './authoring/newProfile';
import type { AuthoringResult } from './authoring/requests';
import { createAuthoring } from './features/authoring';
import { codeActions, resolveCodeAction } from './features/codeActions';
import { complete } from './features/completion';
import type { FeatureContext } from './features/context';
import { validate, validateInTwoSteps } from './features/diagnostics';
import { documentKind, type DocumentKind } from './features/documentKind';
import { createServiceDocuments } from './features/documents';
import { createFindings } from './features/findings';
import { fixAll, fixAllReport } from './features/fixAll';
import { hover } from './features/hover';
import { documentSymbols, foldingRanges } from './features/symbols';

export { DIAGNOSTIC_SOURCE, POWERSHELL_SOURCE, ruleDocUrl } from './features/diagnostics';
export { documentKind, kindOf, type DocumentKind } from './features/documentKind';
export { fixAllText } from './features/fixAll';

export interface LanguageServiceOptions {
  /** Where the PowerShell grammar comes from; without it scripts are not analysed. */
  wasm?: WasmSource;
  /**
   * Receives internal errors (a bug met while answering; the feature degrades instead of
   * failing). Without it they throw, as tests and the fuzzer want (internalErrors.ts).
   */
  onInternalError?: InternalErrorHook;
}

/**
 * The ProfileXML language service: pure functions of text and settings, no connection, no
 * file system. The LSP server, the CLI and the tests all call this.
 */
export interface LanguageService {
  isProfileXml(document: TextDocument): boolean;
  kind(document: TextDocument): DocumentKind;
  /**
   * Loads the PowerShell grammar (WebAssembly, once per process). Must be awaited before any
   * request on a script; ProfileXML requests never need it.
   */
  preparePowerShell(): Promise<void>;
  readonly powerShellReady: boolean;
  /**
   * The files around the documents: open documents, files on disk, files named on the command
   * line. Findings across files (ipsec-policy-mismatch, …) compare a document with them; the
   * document itself is always taken as the text passed to the request, not as indexed.
   */
  readonly workspace: WorkspaceIndex;
  validate(document: TextDocument, settings?: Partial<Settings>): Diagnostic[];
  /**
   * validate() in two steps, for a run that indexes every file before it validates any (the CLI):
   * call it right after indexing the document, while its parse is still cached, and call the
   * function returned once every file is indexed. The result is validate()'s at that moment, with
   * each file parsed once instead of twice. The document must not change in between.
   */
  validateInTwoSteps(document: TextDocument, settings?: Partial<Settings>): () => Diagnostic[];
  /**
   * Completion at the position. `context.triggerCharacter` is the character whose typing asked
   * (LSP CompletionContext): `-` and space only mean something in scripts (a parameter, its value).
   */
  complete(
    document: TextDocument,
    position: Position,
    settings?: Partial<Settings>,
    context?: { triggerCharacter?: string },
  ): CompletionList;
  hover(document: TextDocument, position: Position, settings?: Partial<Settings>): Hover | null;
  /**
   * Quick fixes at the range, and the document's fix-all. With `deferFixAll`, a request that did
   * not ask for fix-all by kind (the light bulb asks for everything) gets the fix-all action
   * without its edits, to be filled in by `resolveCodeAction` if the user picks it: computing it
   * costs several validations, too much for every cursor move in a large profile.
   */
  codeActions(
    document: TextDocument,
    range: Range,
    context: CodeActionContext,
    settings?: Partial<Settings>,
    options?: { deferFixAll?: boolean },
  ): CodeAction[];
  /** Fills in the edits of an action returned without them (the deferred fix-all); other actions come back as they are. */
  resolveCodeAction(document: TextDocument, action: CodeAction, settings?: Partial<Settings>): CodeAction;
  /** Edits that apply every preferred fix, repeated until nothing changes. */
  fixAll(document: TextDocument, settings?: Partial<Settings>): TextEdit[];
  /**
   * What fixAll does, told: the fixed text (equal to the document's when nothing applies) and each
   * fix applied, with its rule, its title and where its finding was (offsets in the document and
   * in the fixed text). The command line lists them, so that no change is made without a word.
   */
  fixAllReport(document: TextDocument, settings?: Partial<Settings>): FixPassesResult;
  documentSymbols(document: TextDocument): DocumentSymbol[];
  foldingRanges(document: TextDocument): FoldingRange[];

  // ---- authoring (service/authoring): generated documents, never edits of their own ----
  /**
   * Lenses above each CryptographySuite and `Set-VpnServerConfiguration -CustomPolicy`: does the
   * other side of the workspace match (click: go there), or is there none (click: create it).
   * Scripts get none until the PowerShell grammar is loaded.
   */
  codeLenses(document: TextDocument): CodeLens[];
  /** A new ProfileXML for the answers (its CryptographySuite matches the workspace's server policy, if any). */
  newProfile(answers: NewProfileAnswers, settings?: Partial<Settings>): AuthoringResult;
  /** A script deploying the document's profile (or the embedded one at `position`) through the MDM WMI bridge. */
  deploymentScript(document: TextDocument, options?: { profileName?: string; position?: Position }): Promise<AuthoringResult>;
  /** `Set-VpnServerConfiguration -CustomPolicy` + restart, equal to the CryptographySuite of the profile (at `position`). */
  serverPolicyFromSuite(document: TextDocument, position?: Position): Promise<AuthoringResult>;
  /** A CryptographySuite block equal to the script's server policy (at `position`), and the profiles it could be applied to. */
  suiteFromServerPolicy(document: TextDocument, position?: Position): Promise<AuthoringResult>;
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const schema = schemaIndex();
  const documents = createServiceDocuments(options.wasm);
  const onInternalError = options.onInternalError ?? THROW_INTERNAL_ERRORS;
  const workspace = createWorkspaceIndex({
    extract: documents.factsAt,
    loadGrammar: () => (options.wasm ? documents.preparePowerShell() : undefined),
    report: onInternalError,
  });
  const ctx: FeatureContext = { schema, documents, workspace, findings: createFindings(documents, workspace, schema) };
  const authoring = createAuthoring(ctx, onInternalError, (document, settings) => service.validate(document, settings));
  // Fix-all inside other requests goes through the service, with its hook.
  const serviceFixAll = (document: TextDocument, partial: Partial<Settings> | undefined): TextEdit[] => service.fixAll(document, partial);

  const service: LanguageService = {
    isProfileXml: (document) => looksLikeProfileXml(document.getText()),
    kind: documentKind,
    get powerShellReady() {
      return !!documents.powerShellParser;
    },
    preparePowerShell: documents.preparePowerShell,
    workspace,
    validate: (document, partial) => validate(ctx, document, partial),
    validateInTwoSteps: (document, partial) => {
      const later = withInternalErrorHook(onInternalError, () => validateInTwoSteps(ctx, document, partial));
      return () => withInternalErrorHook(onInternalError, later);
    },
    complete: (document, position, partial, context) => complete(ctx, document, position, partial, context),
    hover: (document, position, partial) => hover(ctx, document, position, partial),
    codeActions: (document, range, context, partial, options) =>
      codeActions(ctx, document, range, context, partial, { deferFixAll: options?.deferFixAll, fixAll: serviceFixAll }),
    resolveCodeAction: (document, action, partial) => resolveCodeAction(document, action, partial, serviceFixAll),
    fixAll: (document, partial) => fixAll(ctx, document, partial),
    fixAllReport: (document, partial) => fixAllReport(ctx, document, partial),
    documentSymbols: (document) => documentSymbols(ctx, document),
    foldingRanges: (document) => foldingRanges(ctx, document),
    codeLenses: authoring.codeLenses,
    newProfile: authoring.newProfile,
    deploymentScript: authoring.deploymentScript,
    serverPolicyFromSuite: authoring.serverPolicyFromSuite,
    suiteFromServerPolicy: authoring.suiteFromServerPolicy,
  };
  // Every synchronous request runs with this service's hook receiving its internal errors.
  for (const key of SYNCHRONOUS_REQUESTS) {
    const request = service[key] as (...args: unknown[]) => unknown;
    (service as unknown as Record<string, unknown>)[key] = (...args: unknown[]): unknown =>
      withInternalErrorHook(onInternalError, () => request.apply(service, args));
  }
  return service;
}

/** The service's synchronous requests (the others wrap their synchronous part themselves). */
const SYNCHRONOUS_REQUESTS = [
  'isProfileXml',
  'kind',
  'validate',
  'complete',
  'hover',
  'codeActions',
  'resolveCodeAction',
  'fixAll',
  'fixAllReport',
  'documentSymbols',
  'foldingRanges',
  'codeLenses',
  'newProfile',
] as const satisfies readonly (keyof LanguageService)[];

export { schemaIndex };
export { changedSpan };
