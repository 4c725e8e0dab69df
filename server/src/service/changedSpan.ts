/**
 * The part of `before` that differs from `after` (`start`..`endBefore`, replaced by
 * `after.slice(start, endAfter)`), with ends that LSP positions can address: never between
 * the \r and \n of a CRLF.
 */
const CHUNK = 4096;

export function changedSpan(before: string, after: string): { start: number; endBefore: number; endAfter: number } {
  // Equal chunks are skipped with native string comparison first (a keystroke in a 2 MB
  // document leaves megabytes on both sides to compare), then the ends are found by character.
  const common = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= common && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < common && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (
    endBefore - CHUNK >= start &&
    endAfter - CHUNK >= start &&
    before.slice(endBefore - CHUNK, endBefore) === after.slice(endAfter - CHUNK, endAfter)
  ) {
    endBefore -= CHUNK;
    endAfter -= CHUNK;
  }
  while (endBefore > start && endAfter > start && before[endBefore - 1] === after[endAfter - 1]) {
    endBefore--;
    endAfter--;
  }
  if (start > 0 && before[start - 1] === '\r' && (before[start] === '\n' || after[start] === '\n')) start--;
  if (endBefore < before.length && before[endBefore] === '\n' && before[endBefore - 1] === '\r' && endBefore > start) {
    endBefore++;
    endAfter++;
  }
  return { start, endBefore, endAfter };
}
