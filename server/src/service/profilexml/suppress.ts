import { indentAt } from './edits';
import type { Span } from '../xml/xmlTree';
import type { Finding, OffsetEdit } from '../core/findings';

/**
 * Inserts a suppression comment on its own line above the finding: `<!-- profilexml-disable-next-line id -->`
 * in XML, `# aovpn-disable-next-line id` in PowerShell.
 */
export function suppressionEdit(text: string, finding: Finding, language: 'xml'): OffsetEdit;
export function suppressionEdit(text: string, finding: Finding, language: 'xml' | 'powershell'): OffsetEdit | undefined;
export function suppressionEdit(text: string, finding: Finding, language: 'xml' | 'powershell'): OffsetEdit | undefined {
  const lf = text.indexOf('\n');
  const eol = lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  // A line that continues the command above it (` at the end of that line): a comment line
  // between the two would end the command there and leave the rest a command of its own.
  if (
    language === 'powershell' &&
    lineStart > 0 &&
    /`[ \t]*\r?$/.test(text.slice(text.lastIndexOf('\n', lineStart - 2) + 1, lineStart - 1))
  )
    return undefined;
  const indent = indentAt(text, finding.span.start);
  const comment =
    language === 'xml' ? `<!-- profilexml-disable-next-line ${finding.ruleId} -->` : `# aovpn-disable-next-line ${finding.ruleId}`;
  return { start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}` };
}

/**
 * The part of a finding's span whose line a `-next-line` comment names: without the blanks and
 * comments it starts with. A value written on a line of its own (`<A>\n  value</A>`) is
 * suppressed by a comment on the line above it, inside the element, and value spans (trimmed of
 * blanks only) would otherwise start at that very comment.
 */
export function suppressionAnchor(text: string, span: Span): Span {
  let start = span.start;
  for (;;) {
    while (start < span.end && /\s/.test(text[start])) start++;
    if (!text.startsWith('<!--', start)) break;
    const close = text.indexOf('-->', start + 4);
    if (close < 0 || close + 3 > span.end) break;
    start = close + 3;
  }
  return start < span.end ? { start, end: span.end } : span;
}
