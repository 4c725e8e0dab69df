// --fix and --fix-dry-run: every preferred fix applied to each input, written back (or shown as a
// diff), and the list of fixes for people.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { encodeText, replaceFileContent, replacementRefusal } from '../host/textFile';
import type { AppliedFix } from '../service/fixPasses';
import type { LanguageService } from '../service/languageService';
import type { Settings } from '../service/settings';
import { formatFileDiff } from './diffReport';
import type { Input } from './files';
import { formatCompact, shieldFromCiCommands, type AppliedFixEntry, type ReportOptions } from './format';
import { maskSecrets, SECRET_MASK, secretSpans } from './secrets';
import { grammarReady, TOOL_NAME, type CliSession } from './session';
import { formatText, type TextStyle } from './textReport';
import { visibleControls } from './visibleText';

/** How the run reports: the report's options and the style of each stream. */
export interface Presentation {
  report: ReportOptions;
  stdout: TextStyle;
  stderr: TextStyle;
}

/** Termination signals noted instead of obeyed at once, while files are being replaced. */
export interface StopRequest {
  readonly requested: NodeJS.Signals | undefined;
  dispose(): void;
}

/** The fixes alone, for people, in the layout of the chosen format (text unless compact). */
export function fixListing(session: CliSession, report: ReportOptions, style: TextStyle): string {
  const onlyFixes = session.inputs.map((input, index) => ({ path: input.path, diagnostics: [], fixes: session.fixes[index] }));
  return session.options.format === 'compact' ? formatCompact(onlyFixes, report) : formatText(onlyFixes, report, style);
}

/**
 * --fix: each file fixed and written in turn, the index given the fixed text (later files are
 * checked against it). Stops between two files when a stop is requested; returns how many files
 * were fixed.
 */
export async function fixFiles(session: CliSession, stop: StopRequest): Promise<number> {
  const { io, service, inputs, documents } = session;
  let fixedCount = 0;
  for (const [index, input] of inputs.entries()) {
    if (stop.requested) break;
    let outcome: FixOutcome;
    try {
      if (input.kind === 'powershell' && !(await grammarReady(service, session.reportFailure))) continue;
      outcome = fixFile(service, input, documents[index], session.settings, { write: true });
    } catch (error) {
      // This file stays as it was; the others are still fixed.
      session.reportFailure(`fixing ${input.path}`, error);
      continue;
    }
    if (outcome.error) {
      io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: not fixed: ${outcome.error}`)}\n`);
      session.unreadable = true;
    } else if (outcome.leftAlone) {
      io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: not fixed: ${outcome.leftAlone}`)}\n`);
    } else if (outcome.fixed !== undefined) {
      fixedCount++;
      const fixed = TextDocument.create(documents[index].uri, documents[index].languageId, 2, outcome.fixed);
      documents[index] = fixed;
      session.fixes[index] = entries(outcome.applied, (a) => fixed.positionAt(a.fixedOffset));
      service.workspace.setFile(fixed.uri, fixed.languageId, outcome.fixed, fixed.version);
    }
    await new Promise<void>((resolveYield) => setImmediate(resolveYield));
  }
  return fixedCount;
}

/**
 * --fix-dry-run: each file's diff on stdout, as --fix would write it (later files see earlier
 * ones fixed, as with --fix), the list of fixes on stderr; then the index is given the files as
 * they are again, since the verdict is about them.
 */
export async function previewFixes(session: CliSession, presentation: Presentation): Promise<void> {
  const { io, service, inputs, documents, options } = session;
  const previewed: number[] = [];
  for (const [index, input] of inputs.entries()) {
    let outcome: FixOutcome;
    try {
      if (input.kind === 'powershell' && !(await grammarReady(service, session.reportFailure))) continue;
      outcome = fixFile(service, input, documents[index], session.settings, { write: false });
    } catch (error) {
      session.reportFailure(`fixing ${input.path}`, error);
      continue;
    }
    if (outcome.error) {
      io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: --fix could not fix it: ${outcome.error}`)}\n`);
      session.unreadable = true;
    } else if (outcome.leftAlone) {
      io.stderr(`${TOOL_NAME}: ${visibleControls(`${input.path}: --fix would leave it alone: ${outcome.leftAlone}`)}\n`);
    } else if (outcome.fixed !== undefined) {
      const document = documents[index];
      session.fixes[index] = entries(outcome.applied, (a) => document.positionAt(a.offset));
      // The diff prints lines of the file: its secrets are masked in both texts, as everywhere in the output.
      const fixedDocument = TextDocument.create(document.uri, document.languageId, document.version + 1, outcome.fixed);
      const before = maskSecrets(document.getText(), secretSpans(service, document, session.settings));
      const after = maskSecrets(outcome.fixed, secretSpans(service, fixedDocument, session.settings));
      const diff = formatFileDiff(input.path, before, after, presentation.stdout.paint);
      io.stdout(shieldFromCiCommands(diff, 'text'));
      if (diff.includes(SECRET_MASK) && !options.quiet)
        io.stderr(
          `${TOOL_NAME}: ${visibleControls(`${input.path}: the diff shows secrets (keys, passwords) as ${SECRET_MASK}; where they appear it cannot be applied as it is (--fix writes the real lines)`)}\n`,
        );
      service.workspace.setFile(document.uri, document.languageId, outcome.fixed, document.version + 1);
      previewed.push(index);
    }
  }
  for (const index of previewed) {
    const document = documents[index];
    service.workspace.setFile(document.uri, document.languageId, document.getText(), document.version + 2);
  }
  if (!options.quiet) io.stderr(fixListing(session, presentation.report, presentation.stderr));
}

/**
 * The report's entries for the fixes applied to one file, placed by `at`, in the order of the
 * file (fixes at one place in the order they were applied: a spelling made canonical, then
 * made stronger).
 */
function entries(applied: readonly AppliedFix[], at: (fix: AppliedFix) => { line: number; character: number }): AppliedFixEntry[] {
  return applied
    .map((a) => ({ code: a.ruleId, title: a.title, position: at(a) }))
    .sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

interface FixOutcome {
  fixed?: string;
  applied: AppliedFix[];
  error?: string;
  leftAlone?: string;
}

/**
 * Applies every preferred fix and writes the file back in its own encoding, BOM and line endings
 * (the edits keep the document's EOL), so bytes outside the fixed spans stay identical.
 * `leftAlone` says why a file was deliberately not replaced (read-only, hard links, changed
 * meanwhile). Without `write` nothing is written: the outcome is what --fix would do, as far as
 * it can be known beforehand (a change made meanwhile only shows when writing).
 */
function fixFile(service: LanguageService, input: Input, document: TextDocument, settings: Settings, mode: { write: boolean }): FixOutcome {
  const report = service.fixAllReport(document, settings);
  const fixed = report.text;
  if (fixed === input.file.text) return { applied: [] };
  if (!input.file.roundTrips)
    return { applied: [], leftAlone: 'its bytes do not survive decoding and encoding unchanged, so it is left as it is' };
  let outcome;
  try {
    outcome = mode.write
      ? replaceFileContent(input.file.path, encodeText(input.file.text, input.file), encodeText(fixed, input.file))
      : dryOutcome(input.file.path);
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

/** Termination signals noted instead of obeyed at once, while files are being replaced. */
export function stopOnSignals(): StopRequest {
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
