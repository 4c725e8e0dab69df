// The findings of a document: its own rules' and those across files, cached per parse, settings
// and state of the other files.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { parseProfileDocument, type ProfileDocument } from '../profilexml/document';
import type { SchemaIndex } from '../profilexml/schema';
import { collectFindings, type RatedFinding } from '../profilexml/validate';
import { parsePowerShellDocument, type PowerShellDocument } from '../powershell/document';
import { collectPowerShellFindings } from '../powershell/validate';
import type { Settings } from '../settings';
import { makeFacts, type FileFacts } from '../workspace/facts';
import type { WorkspaceIndex } from '../workspace/index';
import { profileFileFacts } from '../workspace/profileFacts';
import { scriptFacts } from '../workspace/scriptFacts';
import { psSuppressionsOf } from '../suppression';
import { collectWorkspaceFindings, type WorkspaceRatedFinding } from '../workspace/validate';
import { documentKind } from './documentKind';
import type { ServiceDocuments } from './documents';

export interface Findings {
  /** The document's findings, its own and those across files, in text order (on equal spans the cross-file one first: its fix wins in fix-all). */
  findingsFor(document: TextDocument, settings: Settings): RatedFinding[];
  /**
   * Findings of other texts of the same document (fix-all passes), across files included. The
   * document's own text is the first pass: its findings usually come from the validation's cache.
   */
  findingsOfText(document: TextDocument, settings: Settings): (text: string) => RatedFinding[];
  /**
   * The findings of findingsFor in two steps, for a run that indexes every file before it validates
   * any (the CLI): the document's own rules run now, on the parse that indexing it has just made
   * (still in the parse cache), and the function returned adds the findings across files later,
   * against the index as it is then. Each file is parsed once, and its parse is dropped after the
   * first step (a batch does not come back to a file: the cache would only keep trees alive).
   */
  inTwoSteps(document: TextDocument, settings: Settings): () => RatedFinding[];
}

export function createFindings(documents: ServiceDocuments, workspace: WorkspaceIndex, schema: SchemaIndex): Findings {
  /** The document's own findings across files: its current text against the indexed files. */
  const workspaceFindings = (self: FileFacts, settings: Settings, script?: PowerShellDocument): WorkspaceRatedFinding[] =>
    collectWorkspaceFindings(self, workspace.summary(), settings, script ? psSuppressionsOf(script) : undefined);

  // Findings per parse, settings and state of the other files: the code actions VS Code asks for
  // after every edit and cursor move reuse the validation's findings instead of running every rule again.
  let workspaceGeneration = 0;
  workspace.onDidChange(() => workspaceGeneration++);
  const findingsCache = new WeakMap<
    ProfileDocument | PowerShellDocument,
    { settings: string; generation: number; findings: RatedFinding[] }
  >();
  const cachedFindings = (
    parsed: ProfileDocument | PowerShellDocument,
    settings: Settings,
    compute: () => RatedFinding[],
  ): RatedFinding[] => {
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
        const parsed = documents.parse(document);
        return cachedFindings(parsed, settings, () =>
          merge(
            workspaceFindings(documents.profileFactsOf(document.uri, document.version, parsed), settings),
            collectFindings(parsed, settings, schema),
          ),
        );
      }
      case 'powershell': {
        const parsed = documents.parseScript(document);
        return cachedFindings(parsed, settings, () =>
          merge(
            workspaceFindings(documents.scriptFactsOf(document.uri, document.version, parsed), settings, parsed),
            collectPowerShellFindings(parsed, settings),
          ),
        );
      }
      default:
        return [];
    }
  };

  const findingsOfText = (document: TextDocument, settings: Settings): ((text: string) => RatedFinding[]) => {
    const { uri, version } = document;
    const current = document.getText();
    const ofOtherText = ((): ((text: string) => RatedFinding[]) => {
      if (documentKind(document) === 'powershell') {
        const parser = documents.powerShellParser!;
        // Each pass changes little: parse it incrementally on the previous pass's parse.
        let previous: PowerShellDocument = documents.parseScript(document);
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

  const inTwoSteps = (document: TextDocument, settings: Settings): (() => RatedFinding[]) => {
    const { uri, version } = document;
    switch (documentKind(document)) {
      case 'profilexml': {
        const parsed = documents.parse(document);
        const self = documents.profileFactsOf(uri, version, parsed);
        const own = collectFindings(parsed, settings, schema);
        documents.forget(uri);
        return () => merge(workspaceFindings(self, settings), own);
      }
      case 'powershell': {
        const parsed = documents.parseScript(document);
        const self = documents.scriptFactsOf(uri, version, parsed);
        const own = collectPowerShellFindings(parsed, settings);
        // The suppression comments as data: the parse itself is not kept for the second step.
        const suppressed = psSuppressionsOf(parsed);
        documents.forget(uri);
        return () => merge(collectWorkspaceFindings(self, workspace.summary(), settings, suppressed), own);
      }
      default:
        return () => [];
    }
  };

  return { findingsFor, findingsOfText, inTwoSteps };
}

/** Findings in text order; on equal spans the first list's come first (its fixes win in fix-all). */
function merge(first: readonly RatedFinding[], second: readonly RatedFinding[]): RatedFinding[] {
  return [...first, ...second].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
