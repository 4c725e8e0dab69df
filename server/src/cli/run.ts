import { DiagnosticSeverity } from 'vscode-languageserver-types';
import packageJson from '../../../package.json';
import { ruleMeta } from '../service/settings';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { fixFiles, fixListing, previewFixes, stopOnSignals, type Presentation, type StopRequest } from './fixes';
import {
  formatAzureDevOps,
  formatCompact,
  formatGitHub,
  formatJson,
  formatSarif,
  shieldFromCiCommands,
  type FileResult,
  type ReportOptions,
} from './format';
import { openSession, grammarReady, TOOL_NAME, type CliIo, type CliSession } from './session';
import { colourEnabled, hyperlinksEnabled, outputWidth, painter, type Environment, type StreamInfo } from './terminal';
import { formatText, type TextStyle } from './textReport';
import { visibleControls } from './visibleText';

export type { CliIo } from './session';

export const EXIT_OK = 0;
export const EXIT_ERRORS = 1;
export const EXIT_USAGE = 2;

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
  const options = commandLine(argv, io);
  if (typeof options === 'number') return options;
  const session = await openSession(options, io);
  const fixMode: ReportOptions['fixMode'] = options.fix ? 'fixed' : options.fixDryRun ? 'would fix' : undefined;
  const presentation: Presentation = {
    report: { fixMode, listFixes: !options.quiet },
    stdout: textStyle(given.terminal?.stdout, given.terminal?.env),
    stderr: textStyle(given.terminal?.stderr, given.terminal?.env),
  };
  // With --fix, Ctrl+C or a CI timeout ends the run between two files, never between writing a
  // file's replacement and putting it in place (a signal handler runs only when this code
  // yields); and until the report is out, a stop still tells what was written.
  const stop = options.fix ? stopOnSignals() : undefined;
  try {
    return await fixCheckAndReport(session, presentation, stop);
  } finally {
    stop?.dispose();
  }
}

/** The options, or the exit code when the command line asks for no run (usage error, --help, --version). */
function commandLine(argv: readonly string[], io: CliIo): CliOptions | number {
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
  return options;
}

/** --fix or --fix-dry-run if asked, then every file checked, the report printed; resolves to the exit code. */
async function fixCheckAndReport(session: CliSession, presentation: Presentation, stop: StopRequest | undefined): Promise<number> {
  const { io, options } = session;
  let fixedCount = 0;
  const stopped = (): number => {
    if (fixedCount > 0 && !options.quiet) io.stderr(fixListing(session, presentation.report, presentation.stderr));
    io.stderr(
      `${TOOL_NAME}: stopped by ${stop?.requested}; ${fixedCount} file${fixedCount === 1 ? '' : 's'} fixed before it, none half-written\n`,
    );
    return stop?.requested === 'SIGINT' ? 130 : 143;
  };
  if (stop) {
    fixedCount = await fixFiles(session, stop);
    if (stop.requested) return stopped();
  } else if (options.fixDryRun) {
    await previewFixes(session, presentation);
  }
  const found = await checkFiles(session, stop);
  if (!found) return stopped();
  return report(session, presentation, found);
}

/** Every input validated (after --fix, as fixed); undefined when a stop came first. */
async function checkFiles(session: CliSession, stop: StopRequest | undefined): Promise<FileResult[] | undefined> {
  const { service, options } = session;
  const found: FileResult[] = [];
  for (const [index, input] of session.inputs.entries()) {
    let diagnostics: FileResult['diagnostics'] = [];
    const begun = session.begunValidations?.[index];
    try {
      if (begun) diagnostics = 'failed' in begun ? failedBefore(begun.failed) : begun.finish();
      else if (input.kind !== 'powershell' || (await grammarReady(service, session.reportFailure)))
        diagnostics = service.validate(session.documents[index], session.settings);
    } catch (error) {
      // This file's report is lost, not the others': they are still checked and printed.
      session.reportFailure(`checking ${input.path}`, error);
    }
    found.push({ path: input.path, diagnostics, ...(options.fix ? { fixes: session.fixes[index] } : {}) });
    // After --fix, a stop is heard between two files here too: what was written is then told on stderr.
    if (stop) {
      await new Promise<void>((resolveYield) => setImmediate(resolveYield));
      if (stop.requested) return undefined;
    } else {
      await Promise.resolve();
    }
  }
  return found;
}

/** Rethrows the error the first step of a validation met, to be reported as the check's. */
function failedBefore(error: unknown): never {
  throw error;
}

/** Prints the report; resolves to the exit code. */
function report(session: CliSession, presentation: Presentation, found: readonly FileResult[]): number {
  const { io, options } = session;
  // --quiet shortens the report only; --fail-on still sees every finding.
  const reported = options.quiet
    ? found.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error) }))
    : found;

  // The dry run's output is the diff (and the list of fixes on stderr); the verdict is the exit code.
  if (!options.fixDryRun) {
    io.stdout(formatted(options, reported, presentation.report, presentation.stdout, session.internalErrors === 0));
    // JSON and SARIF are for programs: people who ran --fix read what was written on stderr.
    if (options.fix && !options.quiet && (options.format === 'json' || options.format === 'sarif'))
      io.stderr(fixListing(session, presentation.report, presentation.stderr));
  }

  if (session.unreadable || session.internalErrors > 0) return EXIT_USAGE;
  // LSP severities count up from Error (1) to Hint (4): failing from a level means at or below its number.
  const failsFrom = FAIL_SEVERITY[options.failOn];
  return found.some((r) => r.diagnostics.some((d) => (d.severity ?? DiagnosticSeverity.Error) <= failsFrom)) ? EXIT_ERRORS : EXIT_OK;
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

/** The report in the chosen format; text, JSON and SARIF are shielded from CI runners' command parsing. */
function formatted(
  options: CliOptions,
  results: readonly FileResult[],
  report: ReportOptions,
  style: TextStyle,
  executionSuccessful: boolean,
): string {
  switch (options.format) {
    case 'json':
      return shieldFromCiCommands(formatJson(results, report), 'json');
    case 'sarif':
      return shieldFromCiCommands(
        formatSarif(results, { name: TOOL_NAME, version: VERSION, informationUri: PROJECT_URL }, report, executionSuccessful),
        'json',
      );
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
