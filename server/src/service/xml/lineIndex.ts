/**
 * Offsets ↔ LSP positions for one text, with the line breaks TextDocument recognises (`\n`,
 * `\r\n`, a lone `\r`). Built once per text (linear), then each lookup is a binary search, so
 * features that compute many positions on a large document stay proportional to what they
 * return rather than to the document's length.
 */
export interface LineIndex {
  /** Zero-based line of an offset (clamped to the text). */
  lineAt(offset: number): number;
  positionAt(offset: number): { line: number; character: number };
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
  const lineAt = (offset: number): number => {
    const at = Math.max(0, Math.min(offset, text.length));
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return {
    lineAt,
    positionAt(offset) {
      const at = Math.max(0, Math.min(offset, text.length));
      const line = lineAt(at);
      return { line, character: at - starts[line] };
    },
    lineStart: (line) => starts[Math.max(0, Math.min(line, starts.length - 1))],
    lineCount: starts.length,
  };
}
