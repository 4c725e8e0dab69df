import type { CompletionItem } from 'vscode-languageserver-types';
import snippetsJson from '../../../../snippets/powershell.json';
import { snippetEntries, snippetItem, type SnippetEntry } from '../snippets';
import type { PowerShellDocument } from './document';
import { documentLineIndex } from '../core/positions';

/**
 * The PowerShell snippets (snippets/powershell.json: RRAS baseline, client baseline, MDM bridge
 * deployment …) are whole statements: offered where a statement starts (a word alone on its line,
 * outside strings and comments, not continuing the line before), never among a command's
 * parameters or values.
 */

export const SCRIPT_SNIPPETS: readonly SnippetEntry[] = snippetEntries(snippetsJson, 'snippets/powershell.json');

/** Snippet items at `offset`, or none when no statement can start there. */
export function scriptSnippetItems(doc: PowerShellDocument, offset: number): CompletionItem[] {
  const text = doc.text;
  let start = offset;
  while (start > 0 && /[\w-]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  if (!/^[ \t]*$/.test(text.slice(lineStart, start))) return [];
  if (continuesPreviousLine(text, lineStart)) return [];
  // Inside a string (a here-string holds whole lines) or a comment, a word is text, not a statement.
  const inside = (span: { start: number; end: number }): boolean => span.start < start && start < span.end;
  if (doc.script.strings.some((s) => inside(s.span)) || doc.script.comments.some(inside)) return [];
  if (unterminatedBefore(doc, start)) return [];
  const indentUnit = /^( +|\t)\S/m.exec(text)?.[1] ?? '    ';
  const lines = documentLineIndex(text);
  const range = { start: lines.positionAt(start), end: lines.positionAt(end) };
  return SCRIPT_SNIPPETS.map((entry) => snippetItem(entry, { range, indentUnit, sortText: `~${entry.prefix}`, language: 'powershell' }));
}

/** The line before ends with a backtick or a pipe: this line continues its command. */
function continuesPreviousLine(text: string, lineStart: number): boolean {
  let i = lineStart - 1;
  if (text[i] === '\n' && text[i - 1] === '\r') i--;
  i--;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  return i >= 0 && (text[i] === '`' || text[i] === '|');
}

/**
 * A string or comment left open before the word (the parse tree then ends it early or not at
 * all): an odd number of here-string headers without a footer, or a `<#` without `#>`.
 */
function unterminatedBefore(doc: PowerShellDocument, start: number): boolean {
  const before = doc.text.slice(0, start);
  const opened = (before.match(/@['"][ \t]*\r?\n/g) ?? []).length;
  const closed = (before.match(/(?:^|\n)['"]@/g) ?? []).length;
  if (opened > closed) return true;
  return before.lastIndexOf('<#') > before.lastIndexOf('#>');
}
