import { applyEdits } from './profilexml/edits';
import type { Fix, OffsetEdit } from './core/findings';
import type { RatedFinding } from './profilexml/validate';

const MAX_FIX_PASSES = 10;
/** Characters fix-all may add beyond doubling the text (the largest fix, a whole CryptographySuite or EAP block, is far below). */
const MAX_FIX_ALL_GROWTH = 64 * 1024;

/** One fix that fix-all applied: which rule's finding, the fix's title, and where, in the text before any fix. */
export interface AppliedFix {
  ruleId: string;
  title: string;
  /**
   * Offset in the original text of the finding the fix answered. A fix of a later pass (one that
   * only appeared once others were applied) is placed where its finding's text came from, or at
   * the start of the earlier change that produced that text.
   */
  offset: number;
  /** The same place in the fixed text: the start of the fix's own change when the finding's text was replaced. */
  fixedOffset: number;
}

export interface FixPassesResult {
  text: string;
  /** In the order they were applied: pass by pass, in text order within a pass. Empty when the text did not change. */
  applied: AppliedFix[];
}

/** Applies preferred fixes pass after pass (new fixes may appear once others are applied), and says which. */
export function applyFixPasses(text: string, findingsOf: (text: string) => RatedFinding[]): FixPassesResult {
  let current = text;
  /** Each applied fix with its pass and the offset of its finding in the text that pass started from. */
  const applied: { ruleId: string; title: string; pass: number; at: number }[] = [];
  /** The edits of each pass so far, in the coordinates of the text that pass started from. */
  const passes: OffsetEdit[][] = [];
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const findings = findingsOf(current);
    // One fix per finding; fixes whose edits overlap an earlier one wait for the next pass.
    const candidates = findings.flatMap((finding) => {
      const fix = finding.fixes?.find((x) => x.preferred);
      return fix ? [{ finding, fix }] : [];
    });
    const taken: { finding: RatedFinding; fix: Fix }[] = [];
    for (const candidate of candidates.sort((a, b) => firstStart(a.fix) - firstStart(b.fix))) {
      if (taken.some((t) => overlaps(t.fix, candidate.fix))) continue;
      taken.push(candidate);
    }
    const edits = taken.flatMap((t) => t.fix.edits);
    if (edits.length === 0) break;
    // Fixes are small; a text that keeps growing means fixes feed on each other (a fix copying
    // text that the next pass copies again). Then nothing is applied: no edit beats a runaway one.
    const growth = edits.reduce((n, e) => n + e.newText.length - (e.end - e.start), 0);
    if (current.length + growth > text.length * 2 + MAX_FIX_ALL_GROWTH) return { text, applied: [] };
    const next = applyEdits(current, edits);
    if (next === current) break;
    for (const { finding, fix } of taken) applied.push({ ruleId: finding.ruleId, title: fix.title, pass, at: finding.span.start });
    passes.push(edits);
    current = next;
  }
  // Fixes that undid each other leave nothing to report.
  if (current === text) return { text, applied: [] };
  return {
    text: current,
    applied: applied.map(({ ruleId, title, pass, at }) => ({
      ruleId,
      title,
      offset: toOriginal(at, passes.slice(0, pass)),
      fixedOffset: toFixed(at, passes.slice(pass)),
    })),
  };
}

function firstStart(fix: Fix): number {
  return Math.min(...fix.edits.map((e) => e.start));
}

function overlaps(a: Fix, b: Fix): boolean {
  return a.edits.some((x) => b.edits.some((y) => x.start < y.end + 1 && y.start < x.end + 1));
}

/** Maps an offset of the text before `passes` to the text after the last of them. */
function toFixed(offset: number, passes: readonly OffsetEdit[][]): number {
  let result = offset;
  for (const edits of passes) result = afterEdits(result, edits);
  return result;
}

/** Maps an offset of the text before one pass's edits to the text after them. */
function afterEdits(offset: number, edits: readonly OffsetEdit[]): number {
  let delta = 0;
  for (const edit of sortedApplicable(edits)) {
    if (offset < edit.start) break;
    // In (or at the start of) replaced text: where its replacement begins.
    if (offset === edit.start || offset < edit.end) return edit.start + delta;
    delta += edit.newText.length - (edit.end - edit.start);
  }
  return offset + delta;
}

/** Maps an offset of the text after `passes` back to the text before the first of them. */
function toOriginal(offset: number, passes: readonly OffsetEdit[][]): number {
  let result = offset;
  for (let i = passes.length - 1; i >= 0; i--) result = beforeEdits(result, passes[i]);
  return result;
}

/** Maps an offset of the text after one pass's (non-overlapping) edits back to the text before them. */
function beforeEdits(offset: number, edits: readonly OffsetEdit[]): number {
  let delta = 0;
  for (const edit of sortedApplicable(edits)) {
    const start = edit.start + delta;
    const end = start + edit.newText.length;
    if (offset < start) break;
    // Inside text an edit wrote: the place of that edit.
    if (offset < end) return edit.start;
    delta += edit.newText.length - (edit.end - edit.start);
  }
  return offset - delta;
}

/** A pass's edits in text order, without those applyEdits drops (an edit starting inside the previous one). */
function sortedApplicable(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  let pos = 0;
  for (const edit of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    if (edit.start < pos) continue;
    out.push(edit);
    pos = edit.end;
  }
  return out;
}
