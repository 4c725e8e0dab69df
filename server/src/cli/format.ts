import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ruleDocUrl } from '../service/languageService';
import { RULES, type Severity } from '../service/settings';
import { visibleControls } from './visibleText';

export interface FileResult {
  /** The path as given on the command line or found under a folder given there. */
  path: string;
  diagnostics: Diagnostic[];
  /** With --fix: the fixes written to the file (none when it was left alone); with --fix-dry-run: the fixes --fix would write. */
  fixes?: AppliedFixEntry[];
}

/** One fix applied to a file (or, with --fix-dry-run, to be applied). */
export interface AppliedFixEntry {
  /** The rule whose finding it fixed. */
  code: string;
  /** The fix's title, as the light bulb shows it ("Remove L2tpPsk"). */
  title: string;
  /** Zero-based, in the file as it is on disk after the run: fixed by --fix, untouched by --fix-dry-run. */
  position: { line: number; character: number };
}

/** How the fixes of a run are reported: `fixed` after --fix, `would fix` with --fix-dry-run. */
export type FixMode = 'fixed' | 'would fix';

export interface ReportOptions {
  /** Set when the run fixed files (or previewed the fixes). */
  fixMode?: FixMode;
  /** List each fix (--quiet lists none; the summary still counts them). */
  listFixes: boolean;
}

export interface ToolInfo {
  name: string;
  version: string;
  informationUri: string;
}

/** Diagnostic messages may be markup in newer LSP versions; the CLI prints plain text. */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

export function severityWord(severity: DiagnosticSeverity | undefined): Severity {
  switch (severity) {
    case DiagnosticSeverity.Error:
      return 'error';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'warning';
  }
}

/**
 * The JSON report (docs/architecture.md, "The command line"): one entry per file read,
 * `{ file, diagnostics }`, zero-based LSP positions. After --fix each entry also has `fixes`
 * (what was written to it): an added member, so readers of the other two are not affected.
 */
export function formatJson(results: readonly FileResult[], options: ReportOptions = { listFixes: true }): string {
  const entries = results.map((r) => ({
    file: r.path,
    diagnostics: r.diagnostics.map((d) => ({
      code: String(d.code),
      severity: severityWord(d.severity),
      message: messageText(d),
      range: {
        start: { line: d.range.start.line, character: d.range.start.character },
        end: { line: d.range.end.line, character: d.range.end.character },
      },
    })),
    ...(options.fixMode === 'fixed'
      ? {
          fixes: (r.fixes ?? []).map((f) => ({
            code: f.code,
            title: f.title,
            position: { line: f.position.line, character: f.position.character },
          })),
        }
      : {}),
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/**
 * One line per finding, for programs and problem matchers: `path:line:col: severity: message [rule-id]`
 * (one-based), fixes as `path:line:col: fixed: title [rule-id]`, then the summary. No colour, no
 * wrapping; the message's line breaks become spaces.
 */
export function formatCompact(results: readonly FileResult[], options: ReportOptions): string {
  const lines: string[] = [];
  for (const r of results) {
    if (options.fixMode && options.listFixes) for (const f of r.fixes ?? []) lines.push(compactFixLine(r.path, f, options.fixMode));
    for (const d of r.diagnostics) lines.push(compactLine(r.path, d));
  }
  const tail = summaryLines(results, options);
  if (lines.length && tail.length) lines.push('');
  lines.push(...tail);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

export function compactLine(path: string, d: Diagnostic): string {
  return `${displayPath(path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severityWord(d.severity)}: ${plainMessage(d)} [${String(d.code)}]`;
}

export function compactFixLine(path: string, f: AppliedFixEntry, mode: FixMode): string {
  return `${displayPath(path)}:${f.position.line + 1}:${f.position.character + 1}: ${mode}: ${plainText(f.title)} [${f.code}]`;
}

/** One line for people: the message's own line breaks become spaces, control characters in quoted values visible escapes. */
export function plainMessage(d: Diagnostic): string {
  return plainText(messageText(d));
}

export function plainText(text: string): string {
  return visibleControls(text.replace(/[ \t]*\r?\n[ \t]*/g, ' '));
}

/**
 * A path for a line of text output: control characters visible, and a relative path that
 * starts with a blank or a colon written as `./…` (the same file), so that no line of the
 * report can begin like a CI runner's command (`::error …`).
 */
export function displayPath(path: string): string {
  const shown = visibleControls(path);
  return /^[\s:]/.test(shown) ? `./${shown}` : shown;
}

/**
 * "3 problems (1 error, 2 warnings, 0 infos)" when there are any, then "Fixed 4 problems in 2
 * files." after --fix (or "--fix would fix …; nothing was written." for --fix-dry-run).
 */
export function summaryLines(results: readonly FileResult[], options: ReportOptions): string[] {
  return [problemsLine(results), fixSummary(results, options)].filter((line): line is string => line !== undefined);
}

/** "3 problems (1 error, 2 warnings, 0 infos)", hints only when there are some; undefined when there are none. */
export function problemsLine(results: readonly FileResult[]): string | undefined {
  const count = severityCounts(results);
  const total = count.error + count.warning + count.information + count.hint;
  if (total === 0) return undefined;
  const hints = count.hint ? `, ${plural(count.hint, 'hint')}` : '';
  return `${plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${plural(count.information, 'info')}${hints})`;
}

export function severityCounts(results: readonly FileResult[]): Record<Severity, number> {
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) for (const d of r.diagnostics) count[severityWord(d.severity)]++;
  return count;
}

/** The line that counts the fixes, when there are any. */
export function fixSummary(results: readonly FileResult[], options: ReportOptions): string | undefined {
  if (!options.fixMode) return undefined;
  const files = results.filter((r) => r.fixes?.length);
  const fixes = files.reduce((n, r) => n + (r.fixes?.length ?? 0), 0);
  if (fixes === 0) return undefined;
  const what = `${plural(fixes, 'problem')} in ${plural(files.length, 'file')}`;
  return options.fixMode === 'fixed' ? `Fixed ${what}.` : `--fix would fix ${what}; nothing was written.`;
}

/**
 * GitHub Actions workflow commands: each finding becomes an annotation on its file and line in
 * the run and on the pull request (`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`).
 * Information and hints become notices.
 */
export function formatGitHub(results: readonly FileResult[], options: ReportOptions, cwd: string): string {
  // Workflow-command escaping: % and line breaks everywhere, plus : and , inside properties.
  const data = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string): string => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  // The fixes are what happened to the files, not findings: plain log lines, not annotations.
  const lines: string[] = fixLines(results, options);
  for (const r of results) {
    for (const d of r.diagnostics) {
      const severity = severityWord(d.severity);
      const command = severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'notice';
      const where = [
        `file=${property(visibleControls(repositoryPath(r.path, cwd)))}`,
        `line=${d.range.start.line + 1}`,
        `col=${d.range.start.character + 1}`,
        `endLine=${d.range.end.line + 1}`,
        `endColumn=${d.range.end.character + 1}`,
        `title=${property(String(d.code))}`,
      ].join(',');
      lines.push(`::${command} ${where}::${data(visibleControls(messageText(d)))}`);
    }
  }
  lines.push(...summaryLines(results, options));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** The fixes as compact lines, shielded: plain text among a CI format's commands. */
function fixLines(results: readonly FileResult[], options: ReportOptions): string[] {
  const { fixMode } = options;
  if (!fixMode || !options.listFixes) return [];
  return results.flatMap((r) => (r.fixes ?? []).map((f) => shieldFromCiCommands(compactFixLine(r.path, f, fixMode), 'text')));
}

/**
 * GitHub attaches an annotation to a file by its path in the repository: an absolute path
 * below the working directory (the checkout) is made relative, with forward slashes.
 */
function repositoryPath(path: string, cwd: string): string {
  if (!isAbsolute(path)) return path.replace(/\\/g, '/');
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside.replace(/\\/g, '/') : path;
}

/**
 * Azure Pipelines logging commands: errors and warnings become issues of the build with their
 * file, line and column (`##vso[task.logissue type=…;sourcepath=…;linenumber=…;columnnumber=…;code=…]message`).
 * Azure has no issue type below warning: information and hints are printed as plain log lines.
 */
export function formatAzureDevOps(results: readonly FileResult[], options: ReportOptions): string {
  // The agent's escaping: %, line breaks everywhere (% as %AZP25), plus ; and ] inside properties.
  const data = (s: string): string => s.replace(/%/g, '%AZP25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const property = (s: string): string => data(s).replace(/;/g, '%3B').replace(/]/g, '%5D');
  const lines: string[] = fixLines(results, options);
  for (const r of results) {
    for (const d of r.diagnostics) {
      const severity = severityWord(d.severity);
      if (severity === 'error' || severity === 'warning') {
        const properties = [
          `type=${severity}`,
          `sourcepath=${property(visibleControls(r.path))}`,
          `linenumber=${d.range.start.line + 1}`,
          `columnnumber=${d.range.start.character + 1}`,
          `code=${property(String(d.code))}`,
        ];
        // The agent acts on the first command of a line only; the quoted value is still broken up, in case the message is echoed again.
        lines.push(`##vso[task.logissue ${properties.join(';')};]${data(shieldFromCiCommands(visibleControls(messageText(d)), 'text'))}`);
      } else {
        // Plain text must not start a logging command of its own.
        lines.push(shieldFromCiCommands(compactLine(r.path, d), 'text'));
      }
    }
  }
  lines.push(...summaryLines(results, options));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/**
 * CI runners read commands from a job's output: Azure Pipelines acts on `##vso[…]` (and `##[…]`)
 * anywhere in a line, GitHub Actions on `::command` at the start of one. Messages quote values
 * from the files checked, which a pull request controls, so output must never carry such a
 * sequence by accident: in JSON the `#` becomes its `\u0023` escape (the parsed value is
 * unchanged), in plain text a space breaks the sequence.
 */
export function shieldFromCiCommands(output: string, kind: 'json' | 'text'): string {
  const azure = /##(vso)?\[/g;
  if (kind === 'json') return output.replace(azure, (m) => m.replace(/#/g, '\\u0023'));
  // GitHub's runner trims a line before it looks for `::`, so a leading blank is no shield: the
  // first colon becomes a visible escape instead (every line we write starts with our own text,
  // so this only ever meets a value that tried).
  return output.replace(azure, (m) => m.replace('[', ' [')).replace(/^(\s*):(?=:)/gm, '$1\\u003a');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type SarifLevel = 'error' | 'warning' | 'note';

function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** SARIF 2.1.0 for code-scanning uploads; regions are one-based, end column exclusive. */
export function formatSarif(
  results: readonly FileResult[],
  tool: ToolInfo,
  options: ReportOptions = { listFixes: true },
  executionSuccessful = true,
): string {
  const rules = RULES.filter((r) => !r.notARule).map((r) => {
    const helpUri = ruleDocUrl(r);
    const description = `Reported when ${r.description.replace(/`/g, '')}.`;
    return {
      id: r.id,
      shortDescription: { text: r.title },
      fullDescription: { text: description },
      ...(helpUri ? { helpUri } : {}),
      help: { text: r.fix ? `${description} Fix: ${r.fix.replace(/`/g, '')}.` : description },
      defaultConfiguration: { level: sarifLevel(r.severity) },
      // SARIF wants unique tags; PowerShell rules are of the language and the family "powershell".
      properties: { tags: [...new Set([r.language, r.family])] },
    };
  });
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((r) =>
    r.diagnostics.map((d) => {
      const id = String(d.code);
      const index = ruleIndex.get(id);
      return {
        ruleId: id,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: sarifLevel(severityWord(d.severity)),
        message: { text: messageText(d) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: artifactUri(r.path) },
              region: {
                startLine: d.range.start.line + 1,
                startColumn: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
              },
            },
          },
        ],
      };
    }),
  );
  // After --fix, what was written is told as notifications of the run (SARIF's place for what a
  // tool did, apart from its results), each tied to its rule and to the place in the fixed file.
  const notifications =
    options.fixMode === 'fixed'
      ? results.flatMap((r) =>
          (r.fixes ?? []).map((f) => {
            const index = ruleIndex.get(f.code);
            return {
              level: 'note',
              message: { text: `Fixed: ${f.title}` },
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: artifactUri(r.path) },
                    region: { startLine: f.position.line + 1, startColumn: f.position.character + 1 },
                  },
                },
              ],
              associatedRule: { id: f.code, ...(index === undefined ? {} : { index }) },
            };
          }),
        )
      : [];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules },
        },
        ...(options.fixMode === 'fixed' ? { invocations: [{ executionSuccessful, toolExecutionNotifications: notifications }] } : {}),
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * Relative paths stay relative (code scanning resolves them against the checkout). Only the
 * platform's separators separate: on Linux a backslash is part of a file name and is encoded.
 */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(sep === '\\' ? /[\\/]+/ : /\/+/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
