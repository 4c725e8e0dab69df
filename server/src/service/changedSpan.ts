/**
 * The part of `before` that differs from `after` (`start`..`endBefore`, replaced by
 * `after.slice(start, endAfter)`), with ends that LSP positions can address: never between
 * the \r and \n of a CRLF.
 */
export function changedSpan(before: string, after: string): { start: number; endBefore: number; endAfter: number } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endBefore = before.length;
  let endAfter = after.length;
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
