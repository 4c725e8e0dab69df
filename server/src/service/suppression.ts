import type { ProfileDocument } from './profilexml/document';
import type { PowerShellDocument } from './powershell/document';
import { rowAt, rowOf, rowStarts } from './core/positions';
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
    if (m) out.push({ line: m[1] ? rowOf(text, comment.end) + 1 : -1, ids: suppressionIds(m[2] ?? '') });
  }
  return out;
}

export function isSuppressed(text: string, ruleId: string, span: Span, suppressions: readonly Suppression[]): boolean {
  if (suppressions.length === 0) return false;
  const line = rowOf(text, span.start);
  return suppressions.some((s) => (s.line === -1 || s.line === line) && (s.ids.length === 0 || s.ids.includes(ruleId)));
}

/**
 * `isSuppressed` for many findings of one text: the same rule, with the line
 * of each finding (its count of `\n` before it) found by binary search in a table built once,
 * instead of a scan from the start of the text per finding (quadratic on a large profile with
 * many findings and a suppression comment). Checked against isSuppressed by a unit test.
 */
export function suppressionTest(text: string, suppressions: readonly Suppression[]): (ruleId: string, span: Span) => boolean {
  if (suppressions.length === 0) return () => false;
  let rows: number[] | undefined;
  return (ruleId, span) => {
    const line = rowAt((rows ??= rowStarts(text)), span.start);
    return suppressions.some((s) => (s.line === -1 || s.line === line) && (s.ids.length === 0 || s.ids.includes(ruleId)));
  };
}

export type SuppressionTest = (ruleId: string, span: Span) => boolean;

/** The keyword at the start of a suppression comment's body (group 1: "-next-line"). */
const XML_KEYWORD = String.raw`^\s*profilexml-disable(-next-line)?`;
const PS_KEYWORD = String.raw`^#\s*aovpn-disable(-next-line)?`;
/** A whole suppression comment body (group 2: the rule ids). */
const XML_SUPPRESSION = new RegExp(String.raw`${XML_KEYWORD}(?:\s+([\w\s,-]*?))?\s*$`);
const PS_SUPPRESSION = new RegExp(String.raw`${PS_KEYWORD}(?:\s+([\w\s,-]*?))?\s*$`);
/** The body up to a cursor in its id list (group 2: the ids so far), for completion and hover. */
export const SUPPRESSION_HEAD = {
  profilexml: new RegExp(String.raw`${XML_KEYWORD}\s+([\w\s,-]*)$`),
  powershell: new RegExp(String.raw`${PS_KEYWORD}\s+([\w\s,-]*)$`),
} as const;

/** The rule ids of a suppression comment's id list. */
export function suppressionIds(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

/** `<!-- profilexml-disable-next-line id -->` comments of a profile (the parser lists every comment, at any depth). */
export function xmlSuppressionsOf(doc: ProfileDocument): SuppressionTest {
  const comments = doc.tree.comments.map((node) => ({ body: node.value, end: node.end }));
  return suppressionTest(doc.text, readSuppressions(doc.text, comments, XML_SUPPRESSION));
}

/**
 * The rules silenced at a place, as data (for facts kept in the workspace index): `'all'`, or the
 * ids named by the comments that apply there (none: an empty list).
 */
export type SuppressedIds = 'all' | readonly string[];

/** For each span of a profile, the rules its `<!-- profilexml-disable… -->` comments silence there. */
export function xmlSuppressedIdsOf(doc: ProfileDocument): (span: Span) => SuppressedIds {
  const comments = doc.tree.comments.map((node) => ({ body: node.value, end: node.end }));
  const suppressions = readSuppressions(doc.text, comments, XML_SUPPRESSION);
  if (suppressions.length === 0) return () => [];
  const rows = rowStarts(doc.text);
  return (span) => {
    const row = rowAt(rows, span.start);
    const applying = suppressions.filter((s) => s.line === -1 || s.line === row);
    return applying.some((s) => s.ids.length === 0) ? 'all' : [...new Set(applying.flatMap((s) => s.ids))];
  };
}

/** Whether suppressed ids (possibly none given) silence a rule. */
export function silences(suppressed: SuppressedIds | undefined, ruleId: string): boolean {
  return suppressed === 'all' || (suppressed?.includes(ruleId) ?? false);
}

/** The rules silenced by either of two places' comments. */
export function eitherSuppressed(a: SuppressedIds | undefined, b: SuppressedIds | undefined): SuppressedIds | undefined {
  if (a === 'all' || b === 'all') return 'all';
  if (!a || !b) return a ?? b;
  return [...new Set([...a, ...b])];
}

/** `# aovpn-disable-next-line id` comments of a script. */
export function psSuppressionsOf(doc: PowerShellDocument): SuppressionTest {
  const comments = doc.script.comments.map((c) => ({ body: doc.text.slice(c.start, c.end), end: c.end }));
  return suppressionTest(doc.text, readSuppressions(doc.text, comments, PS_SUPPRESSION));
}
