// The service's view of documents: parses cached per document version (ProfileXML always, scripts
// once the PowerShell grammar is loaded) and the facts across files extracted once per parse.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseProfileDocument, type ProfileDocument } from '../profilexml/document';
import { parsePowerShellDocument, type PowerShellDocument } from '../powershell/document';
import { loadPowerShellParser, type PowerShellParser, type WasmSource } from '../powershell/grammar';
import { ParseCache } from '../parseCache';
import { cursorLocalDocument, type CompletionDocument } from '../profilexml/cursorLocal';
import { editorLineIndex } from '../core/positions';
import { emptyBody, makeFacts, type FileFacts } from '../workspace/facts';
import { profileFileFacts } from '../workspace/profileFacts';
import { scriptFacts } from '../workspace/scriptFacts';
import { documentKind, kindOf } from './documentKind';

/**
 * Parses kept per kind: the documents open in editors and the ones requests jump between. A
 * workspace's other files are indexed by their facts, not their trees (see workspace/index.ts).
 */
const PARSE_CACHE_PROFILES = 24;
const PARSE_CACHE_SCRIPTS = 12;
/** Script parse trees take about a kilobyte per token: keep those of about 2 MB of scripts at most. */
const PARSE_CACHE_SCRIPT_CHARACTERS = 512 * 1024;

export interface ServiceDocuments {
  parse(document: TextDocument): ProfileDocument;
  /** For completion: a version not parsed yet, right after a keystroke in a large profile, gives the tree around the cursor (cursorLocal.ts). */
  completionDocument(document: TextDocument, offset: number): CompletionDocument;
  /** Throws until preparePowerShell() has resolved. */
  parseScript(document: TextDocument): PowerShellDocument;
  /** Loads the PowerShell grammar (once per process); after an abort, waits for the fresh instance. */
  preparePowerShell(): Promise<void>;
  /** The grammar's parser once loaded. */
  readonly powerShellParser: PowerShellParser | undefined;
  scriptFactsOf(uri: string, version: number, parsed: PowerShellDocument): FileFacts;
  profileFactsOf(uri: string, version: number, parsed: ProfileDocument): FileFacts;
  /** Facts of a file; undefined for a script while the grammar is not loaded. */
  factsAt(uri: string, languageId: string, text: string, version: number): FileFacts | undefined;
  /** Facts of a document's current text (as validation computes them); undefined for a script before the grammar is loaded. */
  documentFacts(document: TextDocument): FileFacts | undefined;
  /** Drops the document's cached parses: a batch that is done with a file does not keep its tree while the next files are parsed. */
  forget(uri: string): void;
}

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

export function createServiceDocuments(wasm: WasmSource | undefined): ServiceDocuments {
  let psParser: PowerShellParser | undefined;
  const psCache = new ParseCache<PowerShellDocument>(PARSE_CACHE_SCRIPTS, PARSE_CACHE_SCRIPT_CHARACTERS, (parsed) =>
    retireScriptParse(parsed, () => psParser?.generation),
  );
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
  const parseAt = (uri: string, version: number, text: string): ProfileDocument =>
    cache.get(uri, version, text, (t) => parseProfileDocument(t));
  const parse = (document: TextDocument): ProfileDocument => parseAt(document.uri, document.version, document.getText());
  const completionDocument = (document: TextDocument, offset: number): CompletionDocument => {
    const latest = cache.latest(document.uri);
    const text = document.getText();
    if (latest && (latest.version !== document.version || latest.text !== text)) {
      const local = cursorLocalDocument(latest.parsed, text, offset, editorLineIndex(document));
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
    if (!wasm) throw new Error('this language service was created without a PowerShell grammar source');
    psParser = await loadPowerShellParser(wasm);
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

  return {
    parse,
    completionDocument,
    parseScript,
    preparePowerShell,
    get powerShellParser() {
      return psParser;
    },
    scriptFactsOf,
    profileFactsOf,
    factsAt,
    documentFacts,
    forget: (uri) => {
      cache.delete(uri);
      psCache.delete(uri);
    },
  };
}
