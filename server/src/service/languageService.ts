import type { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DiagnosticSeverity,
  type CodeAction,
  type CodeActionContext,
  type CodeLens,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type FoldingRange,
  type Hover,
  type Position,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-types';
import { doComplete } from './profilexml/complete';
import { cursorLocalDocument, type CompletionDocument } from './profilexml/cursorLocal';
import { documentLineIndex } from './xml/lineIndex';
import { looksLikeProfileXml, parseProfileDocument, type ProfileDocument } from './profilexml/document';
import { findDocumentSymbols, getFoldingRanges } from './profilexml/symbols';
import { doHover } from './profilexml/hover';
import type { Fix, OffsetEdit } from './profilexml/rules/ruleTypes';
import { applyFixPasses, type FixPassesResult } from './fixPasses';
import { schemaIndex } from './profilexml/schema';
import { collectFindings, type RatedFinding } from './profilexml/validate';
import { resolveSettings, ruleMeta, type RuleMeta, type Settings } from './settings';
import { suppressionEdit } from './profilexml/suppress';
import { parsePowerShellDocument, type PowerShellDocument } from './powershell/document';
import { completePowerShell, hoverPowerShell } from './powershell/features';
import { changedSpan } from './changedSpan';
import { firstSourceUrl } from './sources';
import { completeSuppressionIds, hoverSuppressionId } from './suppressionAssist';
import type { Span } from './xml/xmlTree';
import { loadPowerShellParser, type PowerShellParser, type WasmSource } from './powershell/grammar';
import { collectPowerShellFindings } from './powershell/validate';
import { embeddedSuppressionEdit } from './powershell/embedded';
import { ParseCache } from './parseCache';
import { emptyBody, makeFacts, type FileFacts } from './workspace/facts';
import { createWorkspaceIndex, type WorkspaceIndex } from './workspace/index';
import { profileFileFacts } from './workspace/profile-facts';
import { scriptFacts } from './workspace/script-facts';
import { psSuppressionsOf } from './workspace/suppress';
import { collectWorkspaceFindings, type WorkspaceRatedFinding } from './workspace/validate';
import { THROW_INTERNAL_ERRORS, withInternalErrorHook, type InternalErrorHook } from './internalErrors';
import type { NewProfileAnswers } from './authoring/newProfile';
import {
  codeLenses as authoringLenses,
  deploymentScriptRequest,
  newProfileRequest,
  serverPolicyRequest,
  suiteRequest,
  type AuthoringHost,
  type AuthoringResult,
} from './authoring/requests';

export const DIAGNOSTIC_SOURCE = 'profilexml';
export const POWERSHELL_SOURCE = 'aovpn-powershell';

export type DocumentKind = 'profilexml' | 'powershell' | 'none';

/** Scripts by language id or extension; ProfileXML by content (root element VPNProfile). */
export function documentKind(document: TextDocument): DocumentKind {
  return kindOf(document.uri, document.languageId, document.getText());
}

/** documentKind for a file that is not (yet) a TextDocument: the workspace index's files. */
export function kindOf(uri: string, languageId: string, text: string): DocumentKind {
  if (languageId === 'powershell' || /\.(ps1|psm1)$/i.test(uri.replace(/[?#].*$/, ''))) return 'powershell';
  return looksLikeProfileXml(text) ? 'profilexml' : 'none';
}

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
   * Completion at the position. `context.triggerCharacter` is the character whose typing asked
   * (LSP CompletionContext): `-` and space only mean something in scripts (a parameter, its value).
   */
  complete(document: TextDocument, position: Position, settings?: Partial<Settings>, context?: { triggerCharacter?: string }): CompletionList;
  hover(document: TextDocument, position: Position, settings?: Partial<Settings>): Hover | null;
  /**
   * Quick fixes at the range, and the document's fix-all. With `deferFixAll`, a request that did
   * not ask for fix-all by kind (the light bulb asks for everything) gets the fix-all action
   * without its edits, to be filled in by `resolveCodeAction` if the user picks it: computing it
   * costs several validations, too much for every cursor move in a large profile.
   */
  codeActions(document: TextDocument, range: Range, context: CodeActionContext, settings?: Partial<Settings>, options?: { deferFixAll?: boolean }): CodeAction[];
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

const SEVERITY: Record<RatedFinding['severity'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * Parses kept per kind: the documents open in editors and the ones requests jump between. A
 * workspace's other files are indexed by their facts, not their trees (see workspace/index.ts).
 */
const PARSE_CACHE_PROFILES = 24;
const PARSE_CACHE_SCRIPTS = 12;
/** Script parse trees take about a kilobyte per token: keep those of about 2 MB of scripts at most. */
const PARSE_CACHE_SCRIPT_CHARACTERS = 512 * 1024;

/**
 * Frees the WebAssembly memory of a script parse that left the cache. tree-sitter's trees live
 * outside the JavaScript heap, so the garbage collector does not see their weight and frees them
 * late (measured: four 400 KB scripts in one run grew the process to 1.5 GB). The service is
 * synchronous and hands no parse out of a call, so once the current call has returned nobody
 * uses the tree: it is deleted then (a microtask), never while a rule may still read it.
 */
function retireScriptParse(parsed: PowerShellDocument, liveGeneration: () => number | undefined): void {
  queueMicrotask(() => {
    // A tree of an instance that aborted went with it (grammar.ts): nothing to free.
    if (parsed.generation !== liveGeneration()) return;
    if (parsed.script.tree !== parsed.tree) parsed.script.tree.delete();
    parsed.tree.delete();
  });
}

export function createLanguageService(options: LanguageServiceOptions = {}): LanguageService {
  const schema = schemaIndex();
  let psParser: PowerShellParser | undefined;
  const psCache = new ParseCache<PowerShellDocument>(PARSE_CACHE_SCRIPTS, PARSE_CACHE_SCRIPT_CHARACTERS, (parsed) => retireScriptParse(parsed, () => psParser?.generation));
  let cachedGeneration = 0;
  const parseScriptAt = (uri: string, version: number, text: string): PowerShellDocument => {
    const parser = psParser;
    if (!parser) throw new Error('PowerShell support is not loaded: await preparePowerShell() before asking about scripts');
    // After the grammar's instance aborted and a fresh one took over, no cached parse is usable.
    if (parser.generation !== cachedGeneration) {
      psCache.clear();
      cachedGeneration = parser.generation;
    }
    return psCache.get(uri, version, text, (t, previous) => parsePowerShellDocument(parser, t, previous));
  };
  const parseScript = (document: TextDocument): PowerShellDocument => parseScriptAt(document.uri, document.version, document.getText());
  const cache = new ParseCache<ProfileDocument>(PARSE_CACHE_PROFILES);
  const parseAt = (uri: string, version: number, text: string): ProfileDocument => cache.get(uri, version, text, (t) => parseProfileDocument(t));
  const parse = (document: TextDocument): ProfileDocument => parseAt(document.uri, document.version, document.getText());
  /** A version not parsed yet, right after a keystroke in a large profile: the tree around the cursor (cursorLocal.ts). */
  const completionDocument = (document: TextDocument, offset: number): CompletionDocument => {
    const latest = cache.latest(document.uri);
    const text = document.getText();
    if (latest && (latest.version !== document.version || latest.text !== text)) {
      const local = cursorLocalDocument(latest.parsed, text, offset, documentLineIndex(document));
      if (local) return local;
    }
    return parse(document);
  };

  const preparePowerShell = async (): Promise<void> => {
    if (psParser) {
      // After an abort, a fresh instance may still be loading (grammar.ts).
      await psParser.ready();
      return;
    }
    if (!options.wasm) throw new Error('this language service was created without a PowerShell grammar source');
    psParser = await loadPowerShellParser(options.wasm);
  };

  // ---- the workspace: facts across files, one extraction per parse ----
  const factsCache = new WeakMap<ProfileDocument | PowerShellDocument, FileFacts>();
  const scriptFactsOf = (uri: string, version: number, parsed: PowerShellDocument): FileFacts => {
    let facts = factsCache.get(parsed);
    if (!facts) factsCache.set(parsed, (facts = makeFacts(uri, 'powershell', version, parsed.text, scriptFacts(parsed))));
    return facts;
  };
  const profileFactsOf = (uri: string, version: number, parsed: ProfileDocument): FileFacts => {
    let facts = factsCache.get(parsed);
    if (!facts) factsCache.set(parsed, (facts = makeFacts(uri, 'profilexml', version, parsed.text, profileFileFacts(parsed))));
    return facts;
  };
  /** Facts of a file; undefined for a script while the grammar is not loaded. */
  const factsAt = (uri: string, languageId: string, text: string, version: number): FileFacts | undefined => {
    switch (kindOf(uri, languageId, text)) {
      case 'powershell':
        return psParser ? scriptFactsOf(uri, version, parseScriptAt(uri, version, text)) : undefined;
      case 'profilexml':
        return profileFactsOf(uri, version, parseAt(uri, version, text));
      default:
        return makeFacts(uri, 'none', version, text, emptyBody());
    }
  };
  const onInternalError = options.onInternalError ?? THROW_INTERNAL_ERRORS;
  const workspace = createWorkspaceIndex({
    extract: factsAt,
    loadGrammar: () => (options.wasm ? preparePowerShell() : undefined),
    report: onInternalError,
  });
  /** The document's own findings across files: its current text against the indexed files. */
  const workspaceFindings = (self: FileFacts, settings: Settings, script?: PowerShellDocument): WorkspaceRatedFinding[] =>
    collectWorkspaceFindings(self, workspace.summary(), settings, script ? psSuppressionsOf(script) : undefined);

  const toRange = (document: TextDocument, start: number, end: number): Range => ({ start: document.positionAt(start), end: document.positionAt(end) });

  const toDiagnostic = (document: TextDocument, finding: RatedFinding): Diagnostic => {
    const meta = ruleMeta(finding.ruleId);
    const diagnostic: Diagnostic = {
      range: toRange(document, finding.span.start, finding.span.end),
      severity: SEVERITY[finding.severity],
      code: finding.ruleId,
      source: finding.source ?? DIAGNOSTIC_SOURCE,
      message: finding.message,
    };
    const href = meta && ruleDocUrl(meta);
    if (href) diagnostic.codeDescription = { href };
    const related = [
      ...(finding.related ?? []).map((r) => ({ location: { uri: document.uri, range: toRange(document, r.span.start, r.span.end) }, message: r.message })),
      ...((finding as WorkspaceRatedFinding).relatedLocations ?? []).map((r) => ({ location: { uri: r.uri, range: r.range }, message: r.message })),
    ];
    if (related.length) diagnostic.relatedInformation = related;
    return diagnostic;
  };

  /** The document's findings, its own and those across files, in text order (on equal spans the cross-file one first: its fix wins in fix-all). */
  // Findings per parse, settings and state of the other files: the code actions VS Code asks for
  // after every edit and cursor move reuse the validation's findings instead of running every rule again.
  let workspaceGeneration = 0;
  workspace.onDidChange(() => workspaceGeneration++);
  const findingsCache = new WeakMap<ProfileDocument | PowerShellDocument, { settings: string; generation: number; findings: RatedFinding[] }>();
  const cachedFindings = (parsed: ProfileDocument | PowerShellDocument, settings: Settings, compute: () => RatedFinding[]): RatedFinding[] => {
    const key = JSON.stringify(settings);
    const hit = findingsCache.get(parsed);
    if (hit && hit.settings === key && hit.generation === workspaceGeneration) return hit.findings;
    const findings = compute();
    findingsCache.set(parsed, { settings: key, generation: workspaceGeneration, findings });
    return findings;
  };
  const findingsFor = (document: TextDocument, settings: Settings): RatedFinding[] => {
    switch (documentKind(document)) {
      case 'profilexml': {
        const parsed = parse(document);
        return cachedFindings(parsed, settings, () =>
          merge(workspaceFindings(profileFactsOf(document.uri, document.version, parsed), settings), collectFindings(parsed, settings, schema)),
        );
      }
      case 'powershell': {
        const parsed = parseScript(document);
        return cachedFindings(parsed, settings, () =>
          merge(workspaceFindings(scriptFactsOf(document.uri, document.version, parsed), settings, parsed), collectPowerShellFindings(parsed, settings)),
        );
      }
      default:
        return [];
    }
  };

  /**
   * Findings of other texts of the same document (fix-all passes), across files included. The
   * document's own text is the first pass: its findings usually come from the validation's cache.
   */
  const findingsOfText = (document: TextDocument, settings: Settings): ((text: string) => RatedFinding[]) => {
    const { uri, version } = document;
    const current = document.getText();
    const ofOtherText = ((): ((text: string) => RatedFinding[]) => {
      if (documentKind(document) === 'powershell') {
        const parser = psParser!;
        // Each pass changes little: parse it incrementally on the previous pass's parse.
        let previous: PowerShellDocument = parseScript(document);
        return (text) => {
          const parsed = parsePowerShellDocument(parser, text, previous);
          previous = parsed;
          const self = makeFacts(uri, 'powershell', version, text, scriptFacts(parsed));
          return merge(workspaceFindings(self, settings, parsed), collectPowerShellFindings(parsed, settings));
        };
      }
      return (text) => {
        const parsed = parseProfileDocument(text);
        const self = makeFacts(uri, 'profilexml', version, text, profileFileFacts(parsed));
        return merge(workspaceFindings(self, settings), collectFindings(parsed, settings, schema));
      };
    })();
    return (text) => (text === current ? findingsFor(document, settings) : ofOtherText(text));
  };

  /** Where a "disable for this line" comment goes: XML comment in profiles, `#` comment in scripts, either for embedded profiles. */
  const suppressionFor = (document: TextDocument, finding: RatedFinding): OffsetEdit | undefined => {
    if (documentKind(document) !== 'powershell') return suppressionEdit(document.getText(), finding, 'xml');
    const parsed = parseScript(document);
    if (finding.source === 'profilexml') return embeddedSuppressionEdit(parsed, finding);
    // A line that begins inside a multi-line string: a comment put there would be string content.
    const lineStart = parsed.text.lastIndexOf('\n', finding.span.start - 1) + 1;
    if (parsed.script.strings.some((s) => s.span.start < lineStart && lineStart < s.span.end)) return undefined;
    return suppressionEdit(parsed.text, finding, 'powershell');
  };

  /** Facts of a document's current text (as validation computes them); undefined for a script before the grammar is loaded. */
  const documentFacts = (document: TextDocument): FileFacts | undefined => {
    switch (documentKind(document)) {
      case 'profilexml':
        return profileFactsOf(document.uri, document.version, parse(document));
      case 'powershell':
        return psParser ? scriptFactsOf(document.uri, document.version, parseScript(document)) : undefined;
      default:
        return undefined;
    }
  };
  const authoringHost: AuthoringHost = {
    kind: documentKind,
    profileOf: parse,
    scriptOf: parseScript,
    factsOf: documentFacts,
    files: () => workspace.files(),
    validate: (document, settings) => service.validate(document, settings),
  };
  /** Scripts need the grammar before any authoring request. */
  const readyFor = async (document: TextDocument): Promise<void> => {
    if (documentKind(document) === 'powershell') await preparePowerShell();
  };

  const toTextEdits = (document: TextDocument, fix: Fix): TextEdit[] => fix.edits.map((e) => ({ range: toRange(document, e.start, e.end), newText: e.newText }));

  const service: LanguageService = {
    isProfileXml: (document) => looksLikeProfileXml(document.getText()),
    kind: documentKind,
    get powerShellReady() {
      return !!psParser;
    },
    preparePowerShell,
    workspace,

    validate(document, partial) {
      const settings = resolveSettings(partial);
      return findingsFor(document, settings).map((f) => toDiagnostic(document, f));
    },

    complete(document, position, partial, context) {
      const offset = document.offsetAt(position);
      const trigger = context?.triggerCharacter;
      const scriptTrigger = trigger === '-' || trigger === ' ' ? trigger : undefined;
      if (documentKind(document) === 'powershell') {
        const script = parseScript(document);
        const settings = resolveSettings(partial);
        // A space typed in a suppression comment separates rule ids: no list pops up for it.
        if (scriptTrigger === ' ') return completePowerShell(script, offset, settings, scriptTrigger);
        return completeSuppressionIds(script.text, offset, 'powershell', script.script.comments, (span) => toRange(document, span.start, span.end)) ?? completePowerShell(script, offset, settings, scriptTrigger);
      }
      // In XML a dash or a space is text: a client that sends them to every language gets nothing.
      if (scriptTrigger) return { isIncomplete: false, items: [] };
      const parsed = completionDocument(document, offset);
      return completeSuppressionIds(parsed.text, offset, 'profilexml', [], (span) => toRange(document, span.start, span.end)) ?? doComplete(parsed, offset, resolveSettings(partial), schema);
    },

    hover(document, position, partial) {
      const kind = documentKind(document);
      if (kind === 'none') return null;
      const offset = document.offsetAt(position);
      let result: { markdown: string; span: Span } | null | undefined;
      if (kind === 'powershell') {
        const script = parseScript(document);
        result = hoverSuppressionId(script.text, offset, 'powershell', script.script.comments) ?? hoverPowerShell(script, offset, resolveSettings(partial));
      } else {
        const parsed = parse(document);
        result = hoverSuppressionId(parsed.text, offset, 'profilexml', []) ?? doHover(parsed, offset, resolveSettings(partial), schema);
      }
      return result ? { contents: { kind: 'markdown', value: result.markdown }, range: toRange(document, result.span.start, result.span.end) } : null;
    },

    codeActions(document, range, context, partial, options) {
      const settings = resolveSettings(partial);
      const findings = findingsFor(document, settings);
      const actions: CodeAction[] = [];
      const wantsQuickFix = !context.only || context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty);
      const asksForFixAll = !!context.only?.some((k) => k === CodeActionKind.SourceFixAll || k === CodeActionKind.Source);
      const wantsFixAll = !context.only || asksForFixAll;
      if (wantsQuickFix) {
        const start = document.offsetAt(range.start);
        const end = document.offsetAt(range.end);
        for (const finding of findings) {
          if (finding.span.end < start || finding.span.start > end) continue;
          const diagnostic = toDiagnostic(document, finding);
          for (const fix of finding.fixes ?? []) {
            actions.push({
              title: fix.title,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              isPreferred: !!fix.preferred,
              edit: { changes: { [document.uri]: toTextEdits(document, fix) } },
            });
          }
          const edit = finding.ruleId === 'xml-not-well-formed' ? undefined : suppressionFor(document, finding);
          if (edit) {
            actions.push({
              title: `Disable ${finding.ruleId} for this line`,
              kind: CodeActionKind.QuickFix,
              diagnostics: [diagnostic],
              edit: { changes: { [document.uri]: [{ range: toRange(document, edit.start, edit.end), newText: edit.newText }] } },
            });
          }
        }
      }
      if (wantsFixAll && findings.some((f) => f.fixes?.some((x) => x.preferred))) {
        if (options?.deferFixAll && !asksForFixAll) {
          const data: DeferredFixAll = { aovpnFixAll: { uri: document.uri, version: document.version } };
          actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.SourceFixAll, data });
        } else {
          const edits = this.fixAll(document, partial);
          if (edits.length) actions.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.SourceFixAll, edit: { changes: { [document.uri]: edits } } });
        }
      }
      return actions;
    },

    resolveCodeAction(document, action, partial) {
      if (action.edit || !isDeferredFixAll(action.data) || action.data.aovpnFixAll.uri !== document.uri) return action;
      // Computed on the document as it is now: edits for the version the action was offered on would land in the wrong place.
      return { ...action, edit: { changes: { [document.uri]: this.fixAll(document, partial) } } };
    },

    fixAll(document, partial) {
      const settings = resolveSettings(partial);
      const original = document.getText();
      if (documentKind(document) === 'none') return [];
      const fixed = fixAllText(original, findingsOfText(document, settings));
      if (fixed === original) return [];
      return [minimalEdit(document, original, fixed)];
    },

    fixAllReport(document, partial) {
      const original = document.getText();
      if (documentKind(document) === 'none') return { text: original, applied: [] };
      return applyFixPasses(original, findingsOfText(document, resolveSettings(partial)));
    },

    documentSymbols: (document) => (documentKind(document) === 'profilexml' ? findDocumentSymbols(parse(document), document, schema) : []),
    foldingRanges: (document) => (documentKind(document) === 'profilexml' ? getFoldingRanges(parse(document), document) : []),

    codeLenses: (document) => authoringLenses(authoringHost, document),
    newProfile: (answers, partial) => newProfileRequest(authoringHost, answers, partial ?? {}),
    async deploymentScript(document, options) {
      await readyFor(document);
      return withInternalErrorHook(onInternalError, () => deploymentScriptRequest(authoringHost, document, options));
    },
    async serverPolicyFromSuite(document, position) {
      await readyFor(document);
      return withInternalErrorHook(onInternalError, () => serverPolicyRequest(authoringHost, document, position));
    },
    async suiteFromServerPolicy(document, position) {
      await readyFor(document);
      return withInternalErrorHook(onInternalError, () => suiteRequest(authoringHost, document, position));
    },
  };
  // Every synchronous request runs with this service's hook receiving its internal errors.
  for (const key of SYNCHRONOUS_REQUESTS) {
    const request = service[key] as (...args: unknown[]) => unknown;
    (service as unknown as Record<string, unknown>)[key] = (...args: unknown[]): unknown => withInternalErrorHook(onInternalError, () => request.apply(service, args));
  }
  return service;
}

/** The service's synchronous requests (the others wrap their synchronous part themselves). */
const SYNCHRONOUS_REQUESTS = ['isProfileXml', 'kind', 'validate', 'complete', 'hover', 'codeActions', 'resolveCodeAction', 'fixAll', 'fixAllReport', 'documentSymbols', 'foldingRanges', 'codeLenses', 'newProfile'] as const satisfies readonly (keyof LanguageService)[];

const FIX_ALL_TITLE = 'Fix all auto-fixable ProfileXML problems';

/** What a deferred fix-all action carries until it is resolved. */
interface DeferredFixAll {
  aovpnFixAll: { uri: string; version: number };
}

function isDeferredFixAll(data: unknown): data is DeferredFixAll {
  if (typeof data !== 'object' || data === null) return false;
  const inner = (data as { aovpnFixAll?: unknown }).aovpnFixAll;
  return typeof inner === 'object' && inner !== null && typeof (inner as { uri?: unknown }).uri === 'string';
}

/** Findings in text order; on equal spans the first list's come first (its fixes win in fix-all). */
function merge(first: readonly RatedFinding[], second: readonly RatedFinding[]): RatedFinding[] {
  return [...first, ...second].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** Applies preferred fixes pass after pass (new fixes may appear once others are applied). */
export function fixAllText(text: string, findingsOf: (text: string) => RatedFinding[]): string {
  return applyFixPasses(text, findingsOf).text;
}

/** One edit covering only what changed between two texts. */
function minimalEdit(document: TextDocument, before: string, after: string): TextEdit {
  const { start, endBefore, endAfter } = changedSpan(before, after);
  return { range: { start: document.positionAt(start), end: document.positionAt(endBefore) }, newText: after.slice(start, endAfter) };
}

/** The address of a rule's first source that has one (schemas/sources.json): the link of the rule id. */
export function ruleDocUrl(meta: RuleMeta): string | undefined {
  return firstSourceUrl(meta.sources);
}

export { schemaIndex };
export { changedSpan };
