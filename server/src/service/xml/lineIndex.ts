import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rowAt } from '../rows';

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
 * A LineIndex over an editor's document, whose line table the document keeps up to date edit by
 * edit: no scan of the text (createLineIndex's answers are the same; see its comment).
 */
export function documentLineIndex(document: TextDocument): LineIndex {
  const positionAt = (offset: number): { line: number; character: number } => {
    // Between the \r and \n of a CRLF the document answers the position before the \r; this
    // index's answer is the one after it (see createLineIndex).
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
