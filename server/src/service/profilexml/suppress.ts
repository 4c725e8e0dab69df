import { indentAt } from './edits';
import type { Finding, OffsetEdit } from './rules/ruleTypes';

/**
 * Inserts a suppression comment on its own line above the finding: `<!-- profilexml-disable-next-line id -->`
 * in XML, `# aovpn-disable-next-line id` in PowerShell.
 */
export function suppressionEdit(text: string, finding: Finding, language: 'xml' | 'powershell'): OffsetEdit {
  const lf = text.indexOf('\n');
  const eol = lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  const indent = indentAt(text, finding.span.start);
  const comment = language === 'xml' ? `<!-- profilexml-disable-next-line ${finding.ruleId} -->` : `# aovpn-disable-next-line ${finding.ruleId}`;
  return { start: lineStart, end: lineStart, newText: `${indent}${comment}${eol}` };
}
