import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Point } from 'web-tree-sitter';

/**
 * Offsets, rows and positions: the one place that counts lines. Two ways of counting exist on
 * purpose: rows end at `\n` only (tree-sitter points, suppression comments), lines also at a lone
 * `\r` (LSP positions, as TextDocument counts them).
 */

// ---- rows (`\n` only) --------------------------------------------------------------------------

/**
 * Rows that end at `\n` only, as tree-sitter counts them and as suppression comments name the
 * next line. createLineIndex below also breaks at a lone `\r` (as the editor does), which would give
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

/** The zero-based row of one offset (the number of `\n` before it), for a single lookup without a row table. */
export function rowOf(text: string, offset: number): number {
  let row = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) row++;
  return row;
}

/** The tree-sitter point of an offset: its row and its column in UTF-16 code units. */
export function pointAt(rows: readonly number[], offset: number): Point {
  const row = rowAt(rows, offset);
  return { row, column: offset - rows[row] };
}

// ---- lines (`\n`, `\r\n`, a lone `\r`) --------------------------------------------------------

/**
 * Offsets ↔ LSP positions for one text, with the line breaks TextDocument recognises (`\n`,
 * `\r\n`, a lone `\r`) and its clamping, so that positions computed here agree with the
 * editor's document (an offset between the \r and \n of a CRLF, which no editor position
 * names, stays after the \r; see powershell/embedded-positions.ts for TextDocument's answer). Built once per text (linear), then each lookup is a binary search, so
 * features that compute many positions on a large document stay proportional to what they
 * return rather than to the document's length.
 */
export interface LineIndex {
  /** Zero-based line of an offset (clamped to the text). */
  lineAt(offset: number): number;
  positionAt(offset: number): { line: number; character: number };
  /** The offset of a position; a line past the last is the end, a character past the line its end. */
  offsetAt(position: { line: number; character: number }): number;
  /** Offset where a zero-based line starts (clamped). */
  lineStart(line: number): number;
  readonly lineCount: number;
}

export function createLineIndex(text: string): LineIndex {
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  const lineAt = (offset: number): number => rowAt(starts, Math.max(0, Math.min(offset, text.length)));
  return {
    lineAt,
    positionAt(offset) {
      const at = Math.max(0, Math.min(offset, text.length));
      const line = lineAt(at);
      return { line, character: at - starts[line] };
    },
    offsetAt(position) {
      if (position.line < 0) return 0;
      if (position.line >= starts.length) return text.length;
      const lineStart = starts[position.line];
      const nextStart = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
      // A character past the line's end clamps to the end of the line (before its line break).
      let lineEnd = nextStart;
      if (position.line + 1 < starts.length) {
        lineEnd--;
        if (lineEnd > lineStart && text.charCodeAt(lineEnd) === 10 && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      }
      return Math.max(lineStart, Math.min(lineStart + Math.max(0, position.character), lineEnd));
    },
    lineStart: (line) => starts[Math.max(0, Math.min(line, starts.length - 1))],
    lineCount: starts.length,
  };
}

/**
 * Line/character ↔ offset exactly as TextDocument answers, for positions mapped between a
 * script and its embedded ProfileXML (and for the facts of the workspace): the line index above,
 * except that an offset between the \r and \n of a line break is the end of its line.
 */
export type DocumentLineIndex = Pick<LineIndex, 'positionAt' | 'offsetAt'>;

export function documentLineIndex(text: string): DocumentLineIndex {
  const index = createLineIndex(text);
  return {
    positionAt(offset) {
      let at = Math.max(0, Math.min(offset, text.length));
      if (at > 0 && text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) at--;
      return index.positionAt(at);
    },
    offsetAt: (position) => index.offsetAt(position),
  };
}

/**
 * A LineIndex over an editor's document, whose line table the document keeps up to date edit by
 * edit: no scan of the text. Its answers are createLineIndex's (an offset between the \r and \n
 * of a CRLF stays after the \r, where TextDocument answers before it).
 */
export function editorLineIndex(document: TextDocument): LineIndex {
  const positionAt = (offset: number): { line: number; character: number } => {
    const text = document.getText();
    const at = Math.max(0, Math.min(offset, text.length));
    if (at > 0 && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at) === 10) {
      const before = document.positionAt(at - 1);
      return { line: before.line, character: before.character + 1 };
    }
    return document.positionAt(at);
  };
  return {
    lineAt: (offset) => positionAt(offset).line,
    positionAt,
    offsetAt: (position) => document.offsetAt(position),
    lineStart: (line) => document.offsetAt({ line: Math.max(0, Math.min(line, document.lineCount - 1)), character: 0 }),
    get lineCount() {
      return document.lineCount;
    },
  };
}

/** The LSP position of one offset, for a single lookup (several lookups on one text: createLineIndex). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  return createLineIndex(text).positionAt(offset);
}

/**
 * The offset of a one-based line and column counted in `\n` rows (as xmldom's locator reports
 * parser errors); a line past the end is the end of the text.
 */
export function offsetOfLineColumn(text: string, line: number, column: number): number {
  if (line < 1) return Math.min(text.length, Math.max(0, column - 1));
  const rows = rowStarts(text);
  if (line > rows.length) return text.length;
  return Math.min(text.length, rows[line - 1] + Math.max(0, column - 1));
}
