/**
 * Unified diffs (`diff -u`, `git diff`) of a file's text before and after `--fix`, for
 * `--fix-dry-run`. Lines are compared with their line endings and shown without them; the
 * formatter makes their content visible (visibleText.ts), since it is the file's text.
 */

export type DiffLineKind = 'context' | 'remove' | 'add';

export type DiffLine = { kind: DiffLineKind; text: string } | { kind: 'no-newline' };

export interface Hunk {
  /** `@@ -a,b +c,d @@` */
  header: string;
  lines: DiffLine[];
}

/** Lines of unchanged text shown around each change, as diff and git do by default. */
export const DIFF_CONTEXT = 3;

/**
 * Beyond this many changed lines the middle of the file is shown as removed and added whole
 * (the line-by-line comparison needs memory growing with the square of the changes; fixes
 * change a few lines).
 */
const MAX_EDIT_DISTANCE = 2000;

type Op = { kind: DiffLineKind; line: string };

export function unifiedHunks(before: string, after: string, context = DIFF_CONTEXT): Hunk[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  // Fixes are local: compare only between the common first and last lines.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const middleA = a.slice(head, a.length - tail);
  const middleB = b.slice(head, b.length - tail);
  const middle = shortestEdit(middleA, middleB, MAX_EDIT_DISTANCE) ?? [
    ...middleA.map((line): Op => ({ kind: 'remove', line })),
    ...middleB.map((line): Op => ({ kind: 'add', line })),
  ];
  const ops: Op[] = [
    ...a.slice(0, head).map((line): Op => ({ kind: 'context', line })),
    ...middle,
    ...a.slice(a.length - tail).map((line): Op => ({ kind: 'context', line })),
  ];
  return hunks(ops, context);
}

/** Lines with their endings (`\n` or `\r\n`); the last one may have none. */
function splitLines(text: string): string[] {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g);
  return lines ?? [];
}

/** Groups the operations into hunks with `context` unchanged lines around each change. */
function hunks(ops: readonly Op[], context: number): Hunk[] {
  const out: Hunk[] = [];
  // Positions (in ops) of changes; a hunk spans from context before the first to context after the last of a group.
  const changed = ops.flatMap((op, i) => (op.kind === 'context' ? [] : [i]));
  let g = 0;
  while (g < changed.length) {
    let last = g;
    // Changes with at most two contexts of unchanged lines between them share a hunk.
    while (last + 1 < changed.length && changed[last + 1] - changed[last] - 1 <= 2 * context) last++;
    const from = Math.max(0, changed[g] - context);
    const to = Math.min(ops.length, changed[last] + context + 1);
    let oldLine = 0;
    let newLine = 0;
    for (let i = 0; i < from; i++) {
      if (ops[i].kind !== 'add') oldLine++;
      if (ops[i].kind !== 'remove') newLine++;
    }
    let oldCount = 0;
    let newCount = 0;
    const lines: DiffLine[] = [];
    for (let i = from; i < to; i++) {
      const op = ops[i];
      if (op.kind !== 'add') oldCount++;
      if (op.kind !== 'remove') newCount++;
      lines.push({ kind: op.kind, text: op.line.replace(/\r?\n$/, '') });
      if (!op.line.endsWith('\n')) lines.push({ kind: 'no-newline' });
    }
    out.push({ header: `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@`, lines });
    g = last + 1;
  }
  return out;
}

/** `start,count` one-based; an empty range names the line before it, and a count of 1 is left out (as diff writes them). */
function range(linesBefore: number, count: number): string {
  if (count === 0) return `${linesBefore},0`;
  return count === 1 ? `${linesBefore + 1}` : `${linesBefore + 1},${count}`;
}

/**
 * Myers' O((N+M)·D) shortest edit script between two line lists; undefined when more than
 * `maxD` lines differ.
 */
function shortestEdit(a: readonly string[], b: readonly string[], maxD: number): Op[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  /** trace[d]: the furthest x on each diagonal k in [-d, d] after d changes. */
  const trace: Int32Array[] = [];
  for (let d = 0; d <= Math.min(max, maxD); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
    }
    trace.push(v.slice(offset - d, offset + d + 1));
    if (v[offset + n - m] >= n && Math.abs(n - m) <= d && (n - m + d) % 2 === 0) return backtrack(a, b, trace);
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: readonly Int32Array[]): Op[] {
  const ops: Op[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1];
    const at = (k: number): number => previous[k + d - 1];
    const k = x - y;
    const fromK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const fromX = at(fromK);
    const down = fromK === k + 1;
    // The diagonal (equal lines) after the change, then the change itself: a line added
    // (a move down, from x = fromX) or removed (a move right, to x = fromX + 1).
    const snakeStart = down ? fromX : fromX + 1;
    while (x > snakeStart) {
      ops.push({ kind: 'context', line: a[x - 1] });
      x--;
      y--;
    }
    if (down) {
      ops.push({ kind: 'add', line: b[y - 1] });
      y--;
    } else {
      ops.push({ kind: 'remove', line: a[x - 1] });
      x--;
    }
  }
  while (x > 0 && y > 0) {
    ops.push({ kind: 'context', line: a[x - 1] });
    x--;
    y--;
  }
  return ops.reverse();
}
