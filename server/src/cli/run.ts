import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import packageJson from '../../../package.json';
import { encodeText, replaceFileContent, replacementRefusal } from '../host/textFile';
import { describeError } from '../host/errorReport';
import { nodeWasmSource } from '../host/wasm';
import type { AppliedFix } from '../service/fixPasses';
import { createLanguageService, type LanguageService } from '../service/languageService';
import { GrammarUnavailableError } from '../service/powershell/grammar';
import { resolveSettings, ruleMeta } from '../service/settings';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { collectInputs, type Input } from './files';
import { visibleControls } from './visibleText';
import { analysisSkipReason } from '../service/powershell/analysisBudget';
import { formatFileDiff } from './diffReport';
import { maskSecrets, SECRET_MASK, secretSpans } from './secrets';
import { formatAzureDevOps, formatCompact, formatGitHub, formatJson, formatSarif, shieldFromCiCommands, type AppliedFixEntry, type FileResult, type ReportOptions } from './format';
import { colourEnabled, hyperlinksEnabled, outputWidth, painter, type Environment, type StreamInfo } from './terminal';
import { formatText, type TextStyle } from './textReport';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * What the two streams are (terminals or pipes) and the environment (NO_COLOR, FORCE_COLOR,
   * FORCE_HYPERLINK, the terminal's name). Without it both are pipes: no colour, no links.
   */
  terminal?: { stdout: StreamInfo; stderr: StreamInfo; env: Environment };
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
/** The project's home; its docs/rules.md has a section per rule, which the text report links rule ids to. */
const PROJECT_URL = projectUrl(packageJson as { repository?: string | { url?: string } });

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

  const stdoutStyle = textStyle(given.terminal?.stdout, given.terminal?.env);
  const stderrStyle = textStyle(given.terminal?.stderr, given.terminal?.env);
  /** The fixes written to (or, dry, to be written to) each input, by index. */
  const fixes: AppliedFixEntry[][] = collected.inputs.map(() => []);
  const fixMode: ReportOptions['fixMode'] = options.fix ? 'fixed' : options.fixDryRun ? 'would fix' : undefined;
  const reportOptions: ReportOptions = { fixMode, listFixes: !options.quiet };
  /** The fixes alone, for people, in the layout of the chosen format (text unless compact). */
  const fixListing = (style: TextStyle): string => {
    const onlyFixes = collected.inputs.map((input, index) => ({ path: input.path, diagnostics: [], fixes: fixes[index] }));
    return options.format === 'compact' ? formatCompact(onlyFixes, reportOptions) : formatText(onlyFixes, reportOptions, style);
  };

  // With --fix, Ctrl+C or a CI timeout ends the run between two files, never between writing a
  // file's replacement and putting it in place (a signal handler runs only when this code
  // yields); and until the report is out, a stop still tells what was written.
  const stop = options.fix ? stopOnSignals() : undefined;
  let fixedCount = 0;
  const stopped = (): number => {
    if (fixedCount > 0 && !options.quiet) io.stderr(fixListing(stderrStyle));
    io.stderr(`${TOOL_NAME}: stopped by ${stop?.requested}; ${fixedCount} file${fixedCount === 1 ? '' : 's'} fixed before it, none half-written\n`);
    return stop?.requested === 'SIGINT' ? 130 : 143;
  };
  try {
    if (stop) {
      for (const [index, input] of collected.inputs.entries()) {
        if (stop.requested) break;
        let outcome: ReturnType<typeof fixFile>;
        try {
          if (input.kind === 'powershell' && !(await grammarReady(service, reportFailure))) continue;
          outcome = fixFile(service, input, documents[index], settings, { write: true });
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
          fixes[index] = entries(outcome.applied, (a) => fixed.positionAt(a.fixedOffset));
          service.workspace.setFile(fixed.uri, fixed.languageId, outcome.fixed, fixed.version);
        }
        await new Promise<void>((resolveYield) => setImmediate(resolveYield));
      }
      if (stop.requested) return stopped();
    } else if (options.fixDryRun) {
      await previewFixes();
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
      found.push({ path: input.path, diagnostics, ...(options.fix ? { fixes: fixes[index] } : {}) });
      // After --fix, a stop is heard between two files here too: what was written is then told on stderr.
      if (stop) {
        await new Promise<void>((resolveYield) => setImmediate(resolveYield));
        if (stop.requested) return stopped();
      } else {
        await Promise.resolve();
      }
    }
    // --quiet shortens the report only; --fail-on still sees every finding.
    const reported = options.quiet ? found.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error) })) : found;

    // The dry run's output is the diff (and the list of fixes on stderr); the verdict is the exit code.
    if (!options.fixDryRun) {
      io.stdout(formatted(options, reported, reportOptions, stdoutStyle, internalErrors === 0));
      // JSON and SARIF are for programs: people who ran --fix read what was written on stderr.
      if (options.fix && !options.quiet && (options.format === 'json' || options.format === 'sarif')) io.stderr(fixListing(stderrStyle));
    }

    if (unreadable || internalErrors > 0) return EXIT_USAGE;
    // LSP severities count up from Error (1) to Hint (4): failing from a level means at or below its number.
    const failsFrom = FAIL_SEVERITY[options.failOn];
    return found.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= failsFrom)) ? EXIT_ERRORS : EXIT_OK;
  } finally {
    stop?.dispose();
  }

  /**
   * --fix-dry-run: each file's diff on stdout, as --fix would write it (later files see earlier
   * ones fixed, as with --fix), the list of fixes on stderr; then the index is given the files as
   * they are again, since the verdict is about them.
   */
  async function previewFixes(): Promise<void> {
    const previewed: number[] = [];
    for (const [index, input] of collected.inputs.entries()) {
      let outcome: ReturnType<typeof fixFile>;
      try {
        if (input.kind === 'powershell' && !(await grammarReady(service, reportFailure))) continue;
        outcome = fixFile(service, input, documents[index], settings, { write: false });
      } catch (error) {
        reportFailure(`fixing ${input.path}`, error);
        continue;
      }
      if (outcome.error) {
        io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: --fix could not fix it: ${outcome.error}`)}\n`);
        unreadable = true;
      } else if (outcome.leftAlone) {
        io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: --fix would leave it alone: ${outcome.leftAlone}`)}\n`);
      } else if (outcome.fixed !== undefined) {
        const document = documents[index];
        fixes[index] = entries(outcome.applied, (a) => document.positionAt(a.offset));
        // The diff prints lines of the file: its secrets are masked in both texts, as everywhere in the output.
        const fixedDocument = TextDocument.create(document.uri, document.languageId, document.version + 1, outcome.fixed);
        const before = maskSecrets(document.getText(), secretSpans(service, document, settings));
        const after = maskSecrets(outcome.fixed, secretSpans(service, fixedDocument, settings));
        const diff = formatFileDiff(input.path, before, after, stdoutStyle.paint);
        io.stdout(shieldFromCiCommands(diff, 'text'));
        if (diff.includes(SECRET_MASK) && !options.quiet) io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: the diff shows secrets (keys, passwords) as ${SECRET_MASK}; where they appear it cannot be applied as it is (--fix writes the real lines)`)}\n`);
        service.workspace.setFile(document.uri, document.languageId, outcome.fixed, document.version + 1);
        previewed.push(index);
      }
    }
    for (const index of previewed) {
      const document = documents[index];
      service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version + 2);
    }
    if (!options.quiet) io.stderr(fixListing(stderrStyle));
  }
}

/**
 * The report's entries for the fixes applied to one file, placed by `at`, in the order of the
 * file (fixes at one place in the order they were applied: a spelling made canonical, then
 * made stronger).
 */
function entries(applied: readonly AppliedFix[], at: (fix: AppliedFix) => { line: number; character: number }): AppliedFixEntry[] {
  return applied.map((a) => ({ code: a.ruleId, title: a.title, position: at(a) })).sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

/** Colour, links and width for a stream. */
function textStyle(stream: StreamInfo | undefined, env: Environment | undefined): TextStyle {
  const info = stream ?? { isTTY: false };
  const environment = env ?? {};
  return {
    paint: painter({ colour: colourEnabled(info, environment), links: hyperlinksEnabled(info, environment) }),
    width: outputWidth(info, environment),
    ruleUrl: ruleDocsUrl,
  };
}

/** The GitHub repository package.json names (`repository`), else the project's address on GitHub. */
function projectUrl(manifest: { repository?: string | { url?: string } }): string {
  const declared = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
  const url = declared?.replace(/^git\+/, '').replace(/\.git$/, '');
  return url && /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/.test(url) ? url : 'https://github.com/aovpn-tools/aovpn-profilexml';
}

/** The rule's section in docs/rules.md on the project's site (GitHub makes each heading an anchor). */
export function ruleDocsUrl(ruleId: string): string | undefined {
  const meta = ruleMeta(ruleId);
  return meta && !meta.notARule ? `${PROJECT_URL}/blob/main/docs/rules.md#${encodeURIComponent(ruleId)}` : undefined;
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
 * `leftAlone` says why a file was deliberately not replaced (read-only, hard links, changed
 * meanwhile). Without `write` nothing is written: the outcome is what --fix would do, as far as
 * it can be known beforehand (a change made meanwhile only shows when writing).
 */
function fixFile(
  service: LanguageService,
  input: Input,
  document: TextDocument,
  settings: ReturnType<typeof resolveSettings>,
  mode: { write: boolean },
): { fixed?: string; applied: AppliedFix[]; error?: string; leftAlone?: string } {
  const report = service.fixAllReport(document, settings);
  const fixed = report.text;
  if (fixed === input.file.text) return { applied: [] };
  if (!input.file.roundTrips) return { applied: [], leftAlone: 'its bytes do not survive decoding and encoding unchanged, so it is left as it is' };
  let outcome;
  try {
    outcome = mode.write ? replaceFileContent(input.file.path, encodeText(input.file.text, input.file), encodeText(fixed, input.file)) : dryOutcome(input.file.path);
  } catch (error) {
    if (typeof (error as NodeJS.ErrnoException)?.code !== 'string') throw error;
    return { applied: [], error: `cannot write: ${(error as Error).message}` };
  }
  return outcome.replaced ? { fixed, applied: report.applied } : { applied: [], leftAlone: outcome.reason };
}

/** What replaceFileContent would answer, without writing. */
function dryOutcome(path: string): { replaced: true } | { replaced: false; reason: string } {
  const refusal = replacementRefusal(path);
  return refusal ? { replaced: false, reason: refusal } : { replaced: true };
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
function formatted(options: CliOptions, results: readonly FileResult[], report: ReportOptions, style: TextStyle, executionSuccessful: boolean): string {
  switch (options.format) {
    case 'json':
      return shieldFromCiCommands(formatJson(results, report), 'json');
    case 'sarif':
      return shieldFromCiCommands(formatSarif(results, { name: TOOL_NAME, version: VERSION, informationUri: PROJECT_URL }, report, executionSuccessful), 'json');
    case 'github':
      return formatGitHub(results, report, process.cwd());
    case 'azure-devops':
      return formatAzureDevOps(results, report);
    case 'compact':
      return shieldFromCiCommands(formatCompact(results, report), 'text');
    default:
      return shieldFromCiCommands(formatText(results, report, style), 'text');
  }
}
