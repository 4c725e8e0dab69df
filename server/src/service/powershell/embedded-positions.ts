import type { Position } from 'vscode-languageserver-types';

/**
 * Line/character ↔ offset for a text, with the line breaks TextDocument recognises (\n, \r\n,
 * \r), so that positions computed here agree with the editor's document.
 */
export interface LineIndex {
  positionAt(offset: number): Position;
  offsetAt(position: Position): number;
}

export function lineIndex(text: string): LineIndex {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10) {
      starts.push(i + 1);
    }
  }
  return {
    positionAt(offset) {
      let at = Math.max(0, Math.min(offset, text.length));
      // Between the \r and \n of a line break is still the end of the line (as TextDocument has it).
      if (at > 0 && text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) at--;
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= at) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: at - starts[lo] };
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
  };
}
