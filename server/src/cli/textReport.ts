import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import {
  displayPath,
  fixSummary,
  plainMessage,
  plainText,
  problemsLine,
  severityCounts,
  severityWord,
  type FileResult,
  type ReportOptions,
} from './format';
import { PLAIN, type Painter } from './terminal';

/**
 * The report for people (`--format text`, the default): the findings grouped under their file,
 * in aligned columns `line:col  severity  message  rule-id`, long messages wrapped in their
 * column; after --fix, the fixes written to each file first. Every value from a file is made
 * visible (visibleText.ts) before it is measured, wrapped or coloured, and the escape sequences
 * of colour and links are only put around our own words.
 */

export interface TextStyle {
  paint: Painter;
  /** Columns a line may take (messages are wrapped to fit; nothing else is cut). */
  width: number;
  /** The page documenting a rule, linked from its id when links are on. */
  ruleUrl?: (ruleId: string) => string | undefined;
}

export const PLAIN_STYLE: TextStyle = { paint: PLAIN, width: 100 };

/** A message column narrower than this is not worth wrapping into: lines run longer instead. */
const MIN_MESSAGE_WIDTH = 32;

interface Row {
  position: string;
  kind: string;
  paintKind: (text: string) => string;
  text: string;
  rule: string;
}

export function formatText(results: readonly FileResult[], options: ReportOptions, style: TextStyle = PLAIN_STYLE): string {
  const { paint } = style;
  const groups = results.map((r) => ({ path: r.path, rows: rowsOf(r, options, paint) })).filter((g) => g.rows.length > 0);
  const all = groups.flatMap((g) => g.rows);
  // One set of column widths for the whole report, so that the columns line up from file to file.
  const positionWidth = Math.max(0, ...all.map((r) => r.position.length));
  const kindWidth = Math.max(0, ...all.map((r) => r.kind.length));
  const ruleWidth = Math.max(0, ...all.map((r) => r.rule.length));
  const indent = 2 + positionWidth + 2 + kindWidth + 2;
  // The first line of a message stops before the rule id; the lines after it have the width
  // up to the end of the line (the rule column is empty there). On a narrow terminal the rule id
  // ends the message instead of standing in a column of its own.
  const restWidth = Math.max(MIN_MESSAGE_WIDTH, style.width - indent);
  const messageWidth = style.width - indent - 2 - ruleWidth;
  const ruleColumn = messageWidth >= MIN_MESSAGE_WIDTH;
  const wrapped = new Map(
    all.map((row) => [row, ruleColumn ? wrap(row.text, messageWidth, restWidth) : wrap(`${row.text}  ${row.rule}`, restWidth)]),
  );
  // The rule ids stand right after the longest first line, not at the far end of a short report.
  const firstWidth = Math.max(0, ...[...wrapped.values()].map(([first]) => first.length));

  const lines: string[] = [];
  for (const group of groups) {
    lines.push(paint.underline(displayPath(group.path)));
    for (const row of group.rows) {
      const rule = paint.link(style.ruleUrl?.(row.rule), paint.dim(row.rule));
      const message = [...wrapped.get(row)!];
      // Without the column, the rule id is the last word of the message's last line.
      if (!ruleColumn) message[message.length - 1] = `${message[message.length - 1].slice(0, -row.rule.length)}${rule}`;
      const [first, ...rest] = message;
      const head = `  ${paint.dim(row.position.padStart(positionWidth))}  ${row.paintKind(row.kind.padEnd(kindWidth))}  `;
      lines.push(ruleColumn ? `${head}${first.padEnd(firstWidth)}  ${rule}` : `${head}${first}`);
      for (const line of rest) lines.push(`${' '.repeat(indent)}${line}`);
    }
    lines.push('');
  }
  lines.push(...summary(results, options, paint));
  // A report that is only the blank line after the last file ends there.
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function rowsOf(r: FileResult, options: ReportOptions, paint: Painter): Row[] {
  const rows: Row[] = [];
  if (options.fixMode && options.listFixes) {
    for (const f of r.fixes ?? []) {
      rows.push({
        position: `${f.position.line + 1}:${f.position.character + 1}`,
        kind: options.fixMode,
        paintKind: paint.green,
        text: plainText(f.title),
        rule: f.code,
      });
    }
  }
  for (const d of r.diagnostics) {
    rows.push({
      position: `${d.range.start.line + 1}:${d.range.start.character + 1}`,
      kind: severityWord(d.severity),
      paintKind: severityPaint(d, paint),
      text: plainMessage(d),
      rule: String(d.code),
    });
  }
  return rows;
}

function severityPaint(d: Diagnostic, paint: Painter): (text: string) => string {
  switch (d.severity) {
    case DiagnosticSeverity.Error:
      return (t) => paint.bold(paint.red(t));
    case DiagnosticSeverity.Information:
      return paint.blue;
    case DiagnosticSeverity.Hint:
      return paint.dim;
    default:
      return paint.yellow;
  }
}

function summary(results: readonly FileResult[], options: ReportOptions, paint: Painter): string[] {
  const lines: string[] = [];
  const problems = problemsLine(results);
  if (problems) {
    const count = severityCounts(results);
    lines.push(count.error ? paint.bold(paint.red(problems)) : count.warning ? paint.bold(paint.yellow(problems)) : paint.bold(problems));
  }
  const fix = fixSummary(results, options);
  if (fix) lines.push(paint.green(fix));
  return lines;
}

/**
 * Words to lines of at most `firstWidth` (the first) and `width` (the others) characters; a word
 * longer than that (a long value, an address) gets a line of its own rather than being cut.
 * Always at least one line.
 */
export function wrap(text: string, firstWidth: number, width = firstWidth): string[] {
  const lines: string[] = [];
  let line = '';
  // Lines break at a space before a word; further spaces stay with the word before them, so
  // that a quoted value keeps its spacing.
  for (const word of text.split(/ (?=[^ ])/)) {
    if (line && line.length + 1 + word.length > (lines.length ? width : firstWidth)) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines;
}
