import { createLineIndex, type LineIndex as SharedLineIndex } from '../xml/lineIndex';

/**
 * Line/character ↔ offset exactly as TextDocument answers, for positions mapped between a
 * script and its embedded ProfileXML: the shared line index, except that an offset between the
 * \r and \n of a line break is the end of its line.
 */
export type LineIndex = Pick<SharedLineIndex, 'positionAt' | 'offsetAt'>;

export function lineIndex(text: string): LineIndex {
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
