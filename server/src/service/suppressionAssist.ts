import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type Range,
} from 'vscode-languageserver-types';
import { RULES, type RuleMeta } from './settings';
import { SUPPRESSION_HEAD, suppressionIds } from './suppression';
import { closest } from './textDistance';
import type { Span } from './xml/xmlTree';

/**
 * Help inside suppression comments (`<!-- profilexml-disable-next-line id -->`,
 * `# aovpn-disable-next-line id`): completion of the rule ids, and hover on an id saying what
 * the rule is. A mistyped id silences nothing, so picking it from a list matters.
 */

export type SuppressionLanguage = 'profilexml' | 'powershell';

/** The id list of a suppression comment around `offset`: the word under the cursor and the ids already written. */
interface IdListAt {
  word: Span;
  written: string[];
}

/**
 * Where the cursor stands in a suppression comment's id list, or undefined elsewhere. XML comments
 * are found in the text (the one being typed is not closed yet); script comments come from the
 * parser (`comments`), so that a `#` inside a string does not count.
 */
function idListAt(text: string, offset: number, language: SuppressionLanguage, comments: readonly Span[]): IdListAt | undefined {
  let body: string;
  if (language === 'profilexml') {
    const open = text.lastIndexOf('<!--', offset - 1);
    if (open < 0 || offset < open + 4) return undefined;
    const close = text.indexOf('-->', open + 4);
    if (close >= 0 && close < offset) return undefined;
    body = text.slice(open + 4, offset);
  } else {
    const comment = comments.find((c) => c.start < offset && offset <= c.end);
    if (!comment) return undefined;
    body = text.slice(comment.start, offset);
  }
  const head = SUPPRESSION_HEAD[language].exec(body);
  if (!head) return undefined;
  const typed = /[\w-]*$/.exec(body)![0];
  let end = offset;
  while (end < text.length && /[\w-]/.test(text[end])) end++;
  const written = suppressionIds(head[2].slice(0, head[2].length - typed.length));
  return { word: { start: offset - typed.length, end }, written };
}

/** Rules whose findings such a comment can silence: scripts also hold ProfileXML, profiles hold no PowerShell. */
function rulesFor(language: SuppressionLanguage): RuleMeta[] {
  return RULES.filter((r) => !r.notARule && (language === 'powershell' || r.language !== 'powershell'));
}

function ruleMarkdown(rule: RuleMeta): string {
  const fix = rule.fix ? `\n\nQuick fix: ${rule.fix}.` : '';
  return `**${rule.id}** — ${rule.title}\n\nReported when ${rule.description}. Default severity: ${rule.severity}.${fix}`;
}

/** Completion of rule ids in a suppression comment, or undefined when the cursor is not in one. */
export function completeSuppressionIds(
  text: string,
  offset: number,
  language: SuppressionLanguage,
  comments: readonly Span[],
  toRange: (span: Span) => Range,
): CompletionList | undefined {
  const at = idListAt(text, offset, language, comments);
  if (!at) return undefined;
  const range = toRange(at.word);
  const items = rulesFor(language)
    .filter((rule) => !at.written.includes(rule.id))
    .map((rule): CompletionItem => ({
      label: rule.id,
      kind: CompletionItemKind.Value,
      detail: rule.title,
      documentation: { kind: MarkupKind.Markdown, value: ruleMarkdown(rule) },
      textEdit: { range, newText: rule.id },
      insertTextFormat: InsertTextFormat.PlainText,
    }));
  return { isIncomplete: false, items };
}

/** Hover on a rule id in a suppression comment, or undefined elsewhere. */
export function hoverSuppressionId(
  text: string,
  offset: number,
  language: SuppressionLanguage,
  comments: readonly Span[],
): { markdown: string; span: Span } | undefined {
  const at = idListAt(text, offset, language, comments);
  if (!at || at.word.end <= at.word.start) return undefined;
  const id = text.slice(at.word.start, at.word.end);
  const rule = RULES.find((r) => r.id === id);
  if (!rule) {
    const meant = closest(
      id,
      rulesFor(language).map((r) => r.id),
    );
    const suggestion = meant ? ` Did you mean \`${meant}\`?` : '';
    return { markdown: `**${id}** is not a rule id: this comment silences nothing under that name.${suggestion}`, span: at.word };
  }
  return { markdown: ruleMarkdown(rule), span: at.word };
}
