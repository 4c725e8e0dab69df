import { textOf, valueSpan, type Span, type XmlElement } from '../xml/xmlTree';

/**
 * Splits an element's text value into list entries with exact source spans, so a finding can
 * point at the one bad entry inside `a,b,c` rather than at the whole value. Entity references
 * (`&amp;`) map to the characters they stand for. When the value is not a single run of text
 * (CDATA, comments inside, several text nodes) entries are still returned, each spanning the
 * whole value: conservative, never wrong.
 */

export interface ListEntry {
  /** Decoded entry text, trimmed. */
  value: string;
  /** Where the trimmed entry sits in the document (for an empty entry: its separator). */
  span: Span;
  /** The entry exactly as written in the document (raw, trimmed). */
  raw: string;
  /** False when the span is the whole value because the entry could not be located exactly. */
  exact: boolean;
}

interface MappedValue {
  /** Decoded text of the value span. */
  value: string;
  /** Raw start offset of the decoded code unit at `index`. */
  startOf(index: number): number;
  /** Raw end offset of the decoded code unit at `index`. */
  endOf(index: number): number;
  /** The value span itself. */
  span: Span;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const ENTITY = /&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/y;

/** Decodes the raw text between `start` and `end`, keeping each decoded character's source span. */
function mapRaw(text: string, start: number, end: number): MappedValue {
  let amp = start;
  while (amp < end && text.charCodeAt(amp) !== 38) amp++;
  if (amp === end) {
    // No reference: each decoded code unit is the raw one at the same distance from the start.
    return { value: text.slice(start, end), startOf: (i) => start + i, endOf: (i) => start + i + 1, span: { start, end } };
  }
  let value = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let p = start;
  while (p < end) {
    let decoded: string | undefined;
    let next = p + 1;
    if (text[p] === '&') {
      ENTITY.lastIndex = p;
      const m = ENTITY.exec(text);
      if (m && p + m[0].length <= end) {
        const ref = m[1];
        if (ref[0] === '#') {
          const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
          if (code > 0 && code <= 0x10ffff) decoded = String.fromCodePoint(code);
        } else {
          decoded = PREDEFINED[ref];
        }
        if (decoded !== undefined) next = p + m[0].length;
      }
    }
    const chunk = decoded ?? text[p];
    for (let i = 0; i < chunk.length; i++) {
      starts.push(p);
      ends.push(next);
    }
    value += chunk;
    p = next;
  }
  return { value, startOf: (i) => starts[i], endOf: (i) => ends[i], span: { start, end } };
}

/** The element's value as one mappable run of text, or undefined when it is not one. */
function mappedValue(element: XmlElement, text: string): MappedValue | undefined {
  if (element.children.some((c) => c.kind !== 'text')) return undefined;
  const span = valueSpan(element, text);
  return mapRaw(text, span.start, span.end);
}

/**
 * Entries of a list value separated by `separator`. Whitespace around entries is tolerated
 * (field profiles write `a, b`). An empty value gives no entries.
 */
export function listEntries(element: XmlElement, text: string, separator: string): ListEntry[] {
  const mapped = mappedValue(element, text);
  if (!mapped) {
    const whole = valueSpan(element, text);
    const raw = text.slice(whole.start, whole.end);
    const value = textOf(element).trim();
    if (value === '') return [];
    return value.split(separator).map((part) => ({ value: part.trim(), span: whole, raw, exact: false }));
  }
  if (mapped.value.trim() === '') return [];
  const out: ListEntry[] = [];
  const toSpan = (from: number, to: number): Span => ({ start: mapped.startOf(from), end: mapped.endOf(to - 1) });
  let from = 0;
  for (;;) {
    const sep = mapped.value.indexOf(separator, from);
    const to = sep < 0 ? mapped.value.length : sep;
    let s = from;
    let e = to;
    while (s < e && /\s/.test(mapped.value[s])) s++;
    while (e > s && /\s/.test(mapped.value[e - 1])) e--;
    let span: Span;
    if (s < e) {
      span = toSpan(s, e);
    } else if (sep >= 0) {
      span = toSpan(sep, sep + separator.length);
    } else {
      // An empty last entry: point at the separator before it.
      span = toSpan(from - separator.length, from);
    }
    out.push({ value: mapped.value.slice(s, e), span, raw: text.slice(span.start, span.end), exact: true });
    if (sep < 0) break;
    from = sep + separator.length;
  }
  return out;
}

/** The element's whole trimmed value as one entry (for single-valued formats). */
export function singleEntry(element: XmlElement, text: string): ListEntry | undefined {
  const value = textOf(element).trim();
  if (value === '') return undefined;
  const span = valueSpan(element, text);
  return { value, span, raw: text.slice(span.start, span.end), exact: element.children.every((c) => c.kind === 'text') };
}
