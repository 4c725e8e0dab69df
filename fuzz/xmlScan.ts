/**
 * A deliberately independent, tolerant element scanner for the mutators (the fuzzer must not
 * depend on the parser it is testing): start/end tags matched with a stack, comments, CDATA,
 * processing instructions and DOCTYPE skipped. Unmatched tags are ignored.
 */
export interface ScannedElement {
  name: string;
  /** Offset of `<` of the start tag. */
  start: number;
  /** Offset just after the start tag's `>`. */
  startTagEnd: number;
  /** Offset of `<` of the end tag (= startTagEnd for a self-closing element); -1 when never closed. */
  innerEnd: number;
  /** Offset just after the end tag (or the self-closing tag); -1 when never closed. */
  end: number;
  parent: number;
  depth: number;
}

const TAG =
  /<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)|<![^>]*>?|<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

export function scanElements(text: string): ScannedElement[] {
  const out: ScannedElement[] = [];
  const stack: { name: string; start: number; startTagEnd: number; index: number }[] = [];
  TAG.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TAG.exec(text))) {
    if (m[0].length === 0) {
      TAG.lastIndex++;
      continue;
    }
    const name = m[2];
    if (!name) continue;
    const start = m.index;
    const end = m.index + m[0].length;
    if (m[1]) {
      // End tag: pop to the matching start tag, if any.
      let k = stack.length - 1;
      while (k >= 0 && stack[k].name !== name) k--;
      if (k < 0) continue;
      const open = stack[k];
      stack.length = k;
      out[open.index].innerEnd = start;
      out[open.index].end = end;
      continue;
    }
    const parent = stack.length ? stack[stack.length - 1].index : -1;
    const element: ScannedElement = { name, start, startTagEnd: end, innerEnd: -1, end: -1, parent, depth: stack.length };
    out.push(element);
    if (m[4]) {
      element.innerEnd = end;
      element.end = end;
    } else {
      stack.push({ name, start, startTagEnd: end, index: out.length - 1 });
    }
  }
  // Unmatched start tags keep end = -1 (their indices stay valid as `parent` values).
  return out;
}

/** Every offset where a tag starts or ends: the element boundaries a truncation can stop at. */
export function tagBoundaries(text: string): number[] {
  const set = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 60 /* < */) set.add(i);
    else if (c === 62 /* > */) set.add(i + 1);
  }
  return [...set].sort((a, b) => a - b);
}
