import type { Point } from 'web-tree-sitter';

/**
 * Row starts as tree-sitter counts them: at `\n` only. xml/lineIndex.ts also breaks at a lone `\r`
 * (as the editor does), which would give tree-sitter wrong points for an edit.
 */
export function rowStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The tree-sitter point of an offset: its row in `rows` (from rowStarts) and its column in UTF-16 code units. */
export function pointAt(rows: readonly number[], offset: number): Point {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { row: lo, column: offset - rows[lo] };
}
