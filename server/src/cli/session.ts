// One run of the command line, from the files named to the indexed workspace: the language
// service with its internal-error hook, the inputs read and their documents, and what the
// phases after it (fixing, checking, reporting) share.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver-types';
import { describeError } from '../host/errorReport';
import { nodeWasmSource } from '../host/wasm';
import { createLanguageService, type LanguageService } from '../service/languageService';
import { analysisSkipReason } from '../service/powershell/analysisBudget';
import { GrammarUnavailableError } from '../service/powershell/grammar';
import { resolveSettings, type Settings } from '../service/settings';
import type { CliOptions } from './args';
import { collectInputs, type Input } from './files';
import type { AppliedFixEntry } from './format';
import type { Environment, StreamInfo } from './terminal';
import { visibleControls } from './visibleText';

export const TOOL_NAME = 'profilexml-lint';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * What the two streams are (terminals or pipes) and the environment (NO_COLOR, FORCE_COLOR,
   * FORCE_HYPERLINK, the terminal's name). Without it both are pipes: no colour, no links.
   */
  terminal?: { stdout: StreamInfo; stderr: StreamInfo; env: Environment };
}

/** The second step of a validation begun while indexing, or what made the first step fail. */
export type BegunValidation = { finish: () => Diagnostic[] } | { failed: unknown };

export interface CliSession {
  readonly io: CliIo;
  readonly options: CliOptions;
  readonly settings: Settings;
  readonly service: LanguageService;
  readonly inputs: readonly Input[];
  /** The inputs' documents, by index; --fix replaces a fixed file's. */
  readonly documents: TextDocument[];
  /** The fixes written to (or, dry, to be written to) each input, by index. */
  readonly fixes: AppliedFixEntry[][];
  /**
   * Without --fix or --fix-dry-run, each input's validation begun while it was indexed (its own
   * rules on the parse indexing made; LanguageService.validateInTwoSteps), by index: the check
   * finishes it, and each file is parsed once. An entry is the error the first step met, or
   * undefined where the check validates from the start (a script the grammar could not take).
   */
  readonly begunValidations?: (BegunValidation | undefined)[];
  /** A file could not be read or written: the run exits 2. */
  unreadable: boolean;
  /** Internal errors met so far (the run then exits 2). */
  readonly internalErrors: number;
  /** One line on stderr for a failure met on a file (the run then exits 2; the other files go on). */
  reportFailure(what: string, error: unknown): void;
}

/**
 * Reads the inputs and indexes them all, so that the checks across files (ipsec-policy-mismatch,
 * …) compare the files of one run with each other.
 */
export async function openSession(options: CliOptions, io: CliIo): Promise<CliSession> {
  // A bug of ours met on one file costs that answer, is reported, and fails the run (exit 2);
  // the other files are still checked and reported.
  let internalErrors = 0;
  const reportFailure = (what: string, error: unknown): void => {
    internalErrors++;
    // The grammar stopping on a script is this run's limit, not a bug: said in plain words.
    const line =
      error instanceof GrammarUnavailableError
        ? `could not check ${what}: ${error.message}`
        : `internal error in ${what}: ${describeError(error)}`;
    io.stderr(`${TOOL_NAME}: ${visibleControls(line)}\n`);
  };
  const service = createLanguageService({ wasm: nodeWasmSource(), onInternalError: reportFailure });
  const collected = collectInputs(options.paths, { followSymlinks: options.followSymlinks });
  // Each failure and note is one line that names a file: control characters in the name stay visible.
  for (const failure of collected.failures) io.stderr(`${TOOL_NAME}: ${visibleControls(failure)}\n`);
  if (!options.quiet) for (const note of collected.notes) io.stderr(`${TOOL_NAME}: ${visibleControls(note)}\n`);

  // A script too large to analyse is still read (its findings are none), and the run says why.
  if (!options.quiet) {
    for (const input of collected.inputs) {
      const reason = input.kind === 'powershell' ? analysisSkipReason(input.file.text) : undefined;
      if (reason) io.stderr(`${TOOL_NAME}: ${visibleControls(input.path)}: not analysed: ${reason}\n`);
    }
  }
  // The PowerShell grammar (WebAssembly) is only loaded when a script is among the inputs.
  if (collected.inputs.some((input) => input.kind === 'powershell')) await service.preparePowerShell();
  const documents = collected.inputs.map((input, index) =>
    TextDocument.create(documentUri(input, index), languageIdOf(input), 1, input.file.text),
  );
  const settings = resolveSettings(options.settings);
  // Fixing changes documents after indexing: those runs validate each file from the start.
  const begunValidations = options.fix || options.fixDryRun ? undefined : documents.map((): BegunValidation | undefined => undefined);
  for (const [index, document] of documents.entries()) {
    // After the grammar stopped on a script, the next one waits for a fresh instance.
    if (document.languageId === 'powershell' && !(await grammarReady(service, reportFailure))) continue;
    service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version);
    if (begunValidations) begunValidations[index] = beginValidation(service, document, settings);
    // Between two files, the parse trees the service is done with are freed.
    await Promise.resolve();
  }
  await service.workspace.ready();

  return {
    io,
    options,
    settings,
    service,
    inputs: collected.inputs,
    documents,
    ...(begunValidations ? { begunValidations } : {}),
    fixes: collected.inputs.map(() => []),
    unreadable: collected.failures.length > 0,
    get internalErrors() {
      return internalErrors;
    },
    reportFailure,
  };
}

/** The first step of the document's validation, while the parse indexing it made is still cached. */
function beginValidation(service: LanguageService, document: TextDocument, settings: Settings): BegunValidation {
  try {
    return { finish: service.validateInTwoSteps(document, settings) };
  } catch (error) {
    // Reported by the check, as a failure of the second step would be: that file's report is lost, not the others'.
    return { failed: error };
  }
}

/** Waits for a usable PowerShell grammar (a fresh instance after an abort); false when there is none. */
export async function grammarReady(service: LanguageService, reportFailure: (what: string, error: unknown) => void): Promise<boolean> {
  try {
    await service.preparePowerShell();
    return true;
  } catch (error) {
    reportFailure('loading the PowerShell grammar again', error);
    return false;
  }
}

/** A file: URI of the input (messages about other files name them by their file name). */
function documentUri(input: Input, index: number): string {
  try {
    return pathToFileURL(resolve(input.path)).href;
  } catch (error) {
    // A path no file: URL can carry (Node refuses some characters): the input keeps a plain name.
    if (!(error instanceof TypeError)) throw error;
    return `untitled:cli-input-${index}${input.kind === 'powershell' ? '.ps1' : '.xml'}`;
  }
}

function languageIdOf(input: Input): string {
  return input.kind === 'powershell' ? 'powershell' : 'xml';
}
