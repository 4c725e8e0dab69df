import type { Point } from 'web-tree-sitter';

/**
 * Rows that end at `\n` only, as tree-sitter counts them and as suppression comments name the
 * next line. xml/lineIndex.ts also breaks at a lone `\r` (as the editor does), which would give
 * tree-sitter wrong points for an edit.
 */
export function rowStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** The zero-based row of an offset: the last of the ascending row starts at or before it (from rowStarts: the number of `\n` before it). */
export function rowAt(rows: readonly number[], offset: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (rows[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The tree-sitter point of an offset: its row and its column in UTF-16 code units. */
export function pointAt(rows: readonly number[], offset: number): Point {
  const row = rowAt(rows, offset);
  return { row, column: offset - rows[row] };
}
