import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { ruleDocUrl } from '../service/languageService';
import { RULES, type Severity } from '../service/settings';

export interface FileResult {
  /** The path as given on the command line or found under a folder given there. */
  path: string;
  diagnostics: Diagnostic[];
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

/** DESIGN.md's JSON: one entry per file read, zero-based LSP positions, nothing else. */
export function formatJson(results: readonly FileResult[]): string {
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
  }));
  return `${JSON.stringify(entries, null, 2)}\n`;
}

/** ESLint-like: `path:line:col  severity  message  [rule-id]`, one-based, then a summary. */
export function formatText(results: readonly FileResult[], fixedCount: number): string {
  const lines: string[] = [];
  const count: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const r of results) {
    for (const d of r.diagnostics) {
      const severity = severityWord(d.severity);
      count[severity]++;
      const message = messageText(d).replace(/\s*\r?\n\s*/g, ' ');
      lines.push(`${r.path}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${severity}  ${message}  [${String(d.code)}]`);
    }
  }
  const total = count.error + count.warning + count.information + count.hint;
  if (total > 0) {
    if (lines.length) lines.push('');
    const hints = count.hint ? `, ${plural(count.hint, 'hint')}` : '';
    lines.push(`${plural(total, 'problem')} (${plural(count.error, 'error')}, ${plural(count.warning, 'warning')}, ${plural(count.information, 'info')}${hints})`);
  }
  if (fixedCount > 0) lines.push(`Fixed ${plural(fixedCount, 'file')}.`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type SarifLevel = 'error' | 'warning' | 'note';

function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** SARIF 2.1.0 for code-scanning uploads; regions are one-based, end column exclusive. */
export function formatSarif(results: readonly FileResult[], tool: ToolInfo): string {
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
      properties: { tags: [r.language, r.family] },
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
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, informationUri: tool.informationUri, rules } },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Relative paths stay relative (code scanning resolves them against the checkout). */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path
    .split(/[\\/]+/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}
