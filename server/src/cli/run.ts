import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import packageJson from '../../../package.json';
import { encodeText, replaceFileContent } from '../host/textFile';
import { describeError } from '../host/errorReport';
import { nodeWasmSource } from '../host/wasm';
import { createLanguageService, type LanguageService } from '../service/languageService';
import { GrammarUnavailableError } from '../service/powershell/grammar';
import { resolveSettings } from '../service/settings';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { collectInputs, type Input } from './files';
import { visibleControls } from './visibleText';
import { analysisSkipReason } from '../service/powershell/analysisBudget';
import { formatAzureDevOps, formatGitHub, formatJson, formatSarif, formatText, shieldFromCiCommands, type FileResult } from './format';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

const TOOL_NAME = 'profilexml-lint';

const FAIL_SEVERITY: Record<CliOptions['failOn'], DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};
const VERSION = (packageJson as { version: string }).version;

/**
 * The command line (docs/architecture.md, "The command line"); resolves to the exit code. Every file given (or found in the
 * folders given) is indexed first, so that the checks across files (ipsec-policy-mismatch, …)
 * compare the files of one run with each other; then files are fixed (--fix), then validated.
 */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Messages name files and quote arguments: neither may reach a CI runner as a command.
  const io: CliIo = { stdout: given.stdout, stderr: (text) => given.stderr(shieldFromCiCommands(text, 'text')) };
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${TOOL_NAME}: ${visibleControls(error.message)}\n\n${USAGE}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
  if (options.help) {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  if (options.version) {
    io.stdout(`${VERSION}\n`);
    return EXIT_OK;
  }

  const settings = resolveSettings(options.settings);
  // A bug of ours met on one file costs that answer, is reported, and fails the run (exit 2);
  // the other files are still checked and reported.
  let internalErrors = 0;
  /** One line on stderr for a failure met on a file (the run then exits 2; the other files go on). */
  const reportFailure = (what: string, error: unknown): void => {
    internalErrors++;
    // The grammar stopping on a script is this run's limit, not a bug: said in plain words.
    const line = error instanceof GrammarUnavailableError ? `could not check ${what}: ${error.message}` : `internal error in ${what}: ${describeError(error)}`;
    io.stderr(`${TOOL_NAME}: ${visibleControls(line)}\n`);
  };
  const service = createLanguageService({ wasm: nodeWasmSource(), onInternalError: reportFailure });
  const collected = collectInputs(options.paths, { followSymlinks: options.followSymlinks });
  let unreadable = collected.failures.length > 0;
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
  const documents = collected.inputs.map((input, index) => TextDocument.create(documentUri(input, index), languageIdOf(input), 1, input.file.text));
  for (const document of documents) {
    // After the grammar stopped on a script, the next one waits for a fresh instance.
    if (document.languageId === 'powershell' && !(await grammarReady(service, reportFailure))) continue;
    service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version);
    // Between two files, the parse trees the service is done with are freed.
    await Promise.resolve();
  }
  await service.workspace.ready();

  let fixedCount = 0;
  if (options.fix) {
    // Ctrl+C or a CI timeout ends the run between two files, never between writing a file's
    // replacement and putting it in place (a signal handler runs only when this code yields).
    const stop = stopOnSignals();
    try {
      for (const [index, input] of collected.inputs.entries()) {
        if (stop.requested) break;
        let outcome: ReturnType<typeof fixFile>;
        try {
          if (input.kind === 'powershell' && !(await grammarReady(service, reportFailure))) continue;
          outcome = fixFile(service, input, documents[index], settings);
        } catch (error) {
          // This file stays as it was; the others are still fixed.
          reportFailure(`fixing ${input.path}`, error);
          continue;
        }
        if (outcome.error) {
          io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: not fixed: ${outcome.error}`)}\n`);
          unreadable = true;
        } else if (outcome.leftAlone) {
          io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: not fixed: ${outcome.leftAlone}`)}\n`);
        } else if (outcome.fixed !== undefined) {
          fixedCount++;
          const fixed = TextDocument.create(documents[index].uri, documents[index].languageId, 2, outcome.fixed);
          documents[index] = fixed;
          service.workspace.setFile(fixed.uri, fixed.languageId, outcome.fixed, fixed.version);
        }
        await new Promise<void>((resolveYield) => setImmediate(resolveYield));
      }
    } finally {
      stop.dispose();
    }
    if (stop.requested) {
      io.stderr(`${TOOL_NAME}: stopped by ${stop.requested}; ${fixedCount} file${fixedCount === 1 ? '' : 's'} fixed before it, none half-written\n`);
      return stop.requested === 'SIGINT' ? 130 : 143;
    }
  }

  const found: FileResult[] = [];
  for (const [index, input] of collected.inputs.entries()) {
    let diagnostics: FileResult['diagnostics'] = [];
    try {
      if (input.kind !== 'powershell' || (await grammarReady(service, reportFailure))) diagnostics = service.validate(documents[index], settings);
    } catch (error) {
      // This file's report is lost, not the others': they are still checked and printed.
      reportFailure(`checking ${input.path}`, error);
    }
    found.push({ path: input.path, diagnostics });
    await Promise.resolve();
  }
  // --quiet shortens the report only; --fail-on still sees every finding.
  const reported = options.quiet ? found.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error) })) : found;

  io.stdout(formatted(options, reported, fixedCount));

  if (unreadable || internalErrors > 0) return EXIT_USAGE;
  // LSP severities count up from Error (1) to Hint (4): failing from a level means at or below its number.
  const failsFrom = FAIL_SEVERITY[options.failOn];
  return found.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= failsFrom)) ? EXIT_ERRORS : EXIT_OK;
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

/**
 * Applies every preferred fix and writes the file back in its own encoding, BOM and line endings
 * (the edits keep the document's EOL), so bytes outside the fixed spans stay identical.
 * `leftAlone` says why a file was deliberately not replaced (read-only, hard links, changed meanwhile).
 */
function fixFile(service: LanguageService, input: Input, document: TextDocument, settings: ReturnType<typeof resolveSettings>): { fixed?: string; error?: string; leftAlone?: string } {
  const edits = service.fixAll(document, settings);
  if (edits.length === 0) return {};
  const fixed = TextDocument.applyEdits(document, edits);
  if (fixed === input.file.text) return {};
  if (!input.file.roundTrips) return { leftAlone: 'its bytes do not survive decoding and encoding unchanged, so it is left as it is' };
  let outcome;
  try {
    outcome = replaceFileContent(input.file.path, encodeText(input.file.text, input.file), encodeText(fixed, input.file));
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException)?.code !== 'string') throw error;
    return { error: `cannot write: ${(error as Error).message}` };
  }
  return outcome.replaced ? { fixed } : { leftAlone: outcome.reason };
}

/** Waits for a usable PowerShell grammar (a fresh instance after an abort); false when there is none. */
async function grammarReady(service: LanguageService, reportFailure: (what: string, error: unknown) => void): Promise<boolean> {
  try {
    await service.preparePowerShell();
    return true;
  } catch (error) {
    reportFailure('loading the PowerShell grammar again', error);
    return false;
  }
}

/** Termination signals noted instead of obeyed at once, while files are being replaced. */
function stopOnSignals(): { requested: NodeJS.Signals | undefined; dispose(): void } {
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  const state = {
    requested: undefined as NodeJS.Signals | undefined,
    dispose: (): void => {
      for (const signal of signals) process.off(signal, handler);
    },
  };
  const handler = (signal: NodeJS.Signals): void => {
    state.requested ??= signal;
  };
  for (const signal of signals) process.on(signal, handler);
  return state;
}

/** The report in the chosen format; text, JSON and SARIF are shielded from CI runners' command parsing. */
function formatted(options: CliOptions, results: readonly FileResult[], fixedCount: number): string {
  switch (options.format) {
    case 'json':
      return shieldFromCiCommands(formatJson(results), 'json');
    case 'sarif':
      return shieldFromCiCommands(formatSarif(results, { name: TOOL_NAME, version: VERSION, informationUri: 'https://github.com/aovpn-tools/aovpn-profilexml' }), 'json');
    case 'github':
      return formatGitHub(results, fixedCount, process.cwd());
    case 'azure-devops':
      return formatAzureDevOps(results, fixedCount);
    default:
      return shieldFromCiCommands(formatText(results, fixedCount), 'text');
  }
}
