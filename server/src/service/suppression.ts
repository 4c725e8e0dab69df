import type { Span } from './xml/xmlTree';

/**
 * Suppression comments, shared by ProfileXML (`<!-- profilexml-disable-next-line id -->`) and
 * PowerShell (`# aovpn-disable-next-line id`): "-next-line" silences the line after the
 * comment, the plain form the whole file; no ids means every rule.
 */
export interface Suppression {
  /** Zero-based line the comment applies to, or -1 for the whole file. */
  line: number;
  /** Empty = every rule. */
  ids: string[];
}

/** `pattern` must capture "-next-line" as group 1 and the rule ids as group 2. */
export function readSuppressions(text: string, comments: readonly { body: string; end: number }[], pattern: RegExp): Suppression[] {
  const out: Suppression[] = [];
  for (const comment of comments) {
    const m = pattern.exec(comment.body);
    if (m) out.push({ line: m[1] ? lineOf(text, comment.end) + 1 : -1, ids: (m[2] ?? '').split(/[\s,]+/).filter(Boolean) });
  }
  return out;
}

export function isSuppressed(text: string, ruleId: string, span: Span, suppressions: readonly Suppression[]): boolean {
  if (suppressions.length === 0) return false;
  const line = lineOf(text, span.start);
  return suppressions.some((s) => (s.line === -1 || s.line === line) && (s.ids.length === 0 || s.ids.includes(ruleId)));
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
