/**
 * A tolerant XML tree with exact source offsets. It is built for editor features: it never
 * throws, recovers from unclosed and mismatched tags, and keeps every comment, so that checks,
 * completion, hover and edits all work from one parse. Well-formedness itself is judged by
 * `wellFormed.ts` (xmldom); this tree only needs to be faithful to the text.
 */

import type { Span } from '../core/findings';

export type { Span };

export interface XmlAttribute {
  name: string;
  nameSpan: Span;
  /** Decoded value; empty string when the value is missing. */
  value: string;
  /** Span of the value inside its quotes (or of the bare value). */
  valueSpan?: Span;
}

export interface XmlElement {
  kind: 'element';
  /** Qualified name as written (may carry a prefix). */
  name: string;
  /** Name without prefix. */
  localName: string;
  /** Offset of `<`. */
  start: number;
  /** Offset after the end tag (or after the start tag when self-closing or unclosed). */
  end: number;
  readonly nameSpan: Span;
  /** Offset after the `>` of the start tag (equals `end` when self-closing). */
  startTagEnd: number;
  selfClosing: boolean;
  /** The end tag, when present and matching. */
  readonly endTag?: Span;
  /** False when the element was never closed (document truncated or a tag mismatch). */
  closed: boolean;
  attributes: XmlAttribute[];
  children: XmlNode[];
  parent?: XmlElement;
}

export interface XmlText {
  kind: 'text' | 'cdata';
  start: number;
  end: number;
  /** Decoded text (entities resolved for text, raw for CDATA). */
  value: string;
  parent?: XmlElement;
}

export interface XmlComment {
  kind: 'comment';
  start: number;
  end: number;
  /** Text between `<!--` and `-->`. */
  value: string;
  parent?: XmlElement;
}

export interface XmlOther {
  kind: 'pi' | 'doctype';
  start: number;
  end: number;
  value: string;
  parent?: XmlElement;
}

export type XmlNode = XmlElement | XmlText | XmlComment | XmlOther;

export interface XmlDocument {
  text: string;
  /** Top-level nodes: declaration, comments, the root element, stray content. */
  children: XmlNode[];
  /** The first top-level element. */
  root?: XmlElement;
  /** Every comment of the tree, at any depth, in document order. */
  comments: XmlComment[];
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Resolves predefined and numeric character references; unknown ones stay as written. */
export function decodeEntities(raw: string): string {
  if (raw.indexOf('&') < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z][\w.-]*);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return PREDEFINED[ref] ?? whole;
  });
}

/** Is this UTF-16 code unit matched by `\s` in a JavaScript regular expression? */
export function isJsWhitespace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** A character of an element name as the tolerant tree reads it: not blank, not one of < > / = " ' ! ? */
function isNameCode(c: number): boolean {
  return !(c === 60 || c === 62 || c === 47 || c === 61 || c === 34 || c === 39 || c === 33 || c === 63 || isJsWhitespace(c));
}

/** A character of an attribute name: not blank, not one of = < > / " ' */
function isAttributeNameCode(c: number): boolean {
  return !(c === 61 || c === 60 || c === 62 || c === 47 || c === 34 || c === 39 || isJsWhitespace(c));
}

/**
 * Indentation between tags (a line break and blanks) is most of the text nodes of a formatted
 * profile. Those values are shared strings rather than one copy per node: a large profile's
 * tree stays smaller, and the parse allocates less.
 */
const INDENT_CACHE = new Map<string, string>();

function indentationValue(text: string, start: number, end: number): string | undefined {
  const length = end - start;
  if (length > 40) return undefined;
  let p = start;
  if (text.charCodeAt(p) === 13) p++;
  if (text.charCodeAt(p) !== 10) return undefined;
  p++;
  const blank = text.charCodeAt(p);
  if (p < end && blank !== 32 && blank !== 9) return undefined;
  for (let i = p + 1; i < end; i++) if (text.charCodeAt(i) !== blank) return undefined;
  // Key: the line break, the blank and how many of them (no slice needed to look it up).
  const key = `${p - start}${blank === 9 ? 't' : 's'}${end - p}`;
  let value = INDENT_CACHE.get(key);
  if (value === undefined) {
    value = text.slice(start, end);
    INDENT_CACHE.set(key, value);
  }
  return value;
}

function localNameOf(name: string): string {
  const colon = name.indexOf(':');
  return colon >= 0 ? name.slice(colon + 1) : name;
}

/** Parses `text` into a tree. Linear in the text length; never throws. */
export function parseXmlTree(text: string): XmlDocument {
  const doc: XmlDocument = { text, children: [], root: undefined, comments: [] };
  const stack: ElementNode[] = [];
  const length = text.length;
  let pos = 0;
  // One string per distinct element name, shared by every element that has it.
  const names = new Map<string, string>();
  const nameOf = (start: number, end: number): string => {
    const raw = text.slice(start, end);
    const known = names.get(raw);
    if (known !== undefined) return known;
    names.set(raw, raw);
    return raw;
  };

  const append = (node: XmlNode): void => {
    const parent = stack[stack.length - 1];
    if (parent) {
      node.parent = parent;
      parent.children.push(node);
    } else {
      doc.children.push(node);
      if (node.kind === 'element' && !doc.root) doc.root = node;
    }
  };

  /** Closes every open element from the top of the stack down to `index`, leaving them unclosed. */
  const abandonAbove = (index: number, at: number): void => {
    while (stack.length > index + 1) {
      const open = stack.pop()!;
      trimChildren(open);
      open.closed = false;
      open.end = Math.max(open.startTagEnd, lastChildEnd(open, at));
    }
  };

  while (pos < length) {
    const lt = text.indexOf('<', pos);
    const textEnd = lt < 0 ? length : lt;
    if (textEnd > pos) {
      const value = indentationValue(text, pos, textEnd) ?? decodeEntities(text.slice(pos, textEnd));
      append({ kind: 'text', start: pos, end: textEnd, value, parent: undefined });
      pos = textEnd;
      if (lt < 0) break;
    }
    // pos is at '<'
    if (text.startsWith('<!--', pos)) {
      const close = text.indexOf('-->', pos + 4);
      const end = close < 0 ? length : close + 3;
      const comment: XmlComment = {
        kind: 'comment',
        start: pos,
        end,
        value: text.slice(pos + 4, close < 0 ? length : close),
        parent: undefined,
      };
      append(comment);
      doc.comments.push(comment);
      pos = end;
      continue;
    }
    if (text.startsWith('<![CDATA[', pos)) {
      const close = text.indexOf(']]>', pos + 9);
      const end = close < 0 ? length : close + 3;
      append({ kind: 'cdata', start: pos, end, value: text.slice(pos + 9, close < 0 ? length : close), parent: undefined });
      pos = end;
      continue;
    }
    if (text.startsWith('<?', pos)) {
      const close = text.indexOf('?>', pos + 2);
      const end = close < 0 ? length : close + 2;
      append({ kind: 'pi', start: pos, end, value: text.slice(pos + 2, close < 0 ? length : close), parent: undefined });
      pos = end;
      continue;
    }
    if (text.startsWith('<!', pos)) {
      const end = scanDoctypeEnd(text, pos);
      append({ kind: 'doctype', start: pos, end, value: text.slice(pos, end), parent: undefined });
      pos = end;
      continue;
    }
    if (text[pos + 1] === '/') {
      // End tag.
      let p = pos + 2;
      while (p < length && isNameCode(text.charCodeAt(p))) p++;
      const name = text.slice(pos + 2, p);
      const gt = findTagEnd(text, p);
      // A half-typed end tag stops at the next '<' so the rest of the document stays in the tree.
      const nextLt = text.indexOf('<', p);
      const end = gt >= 0 ? gt + 1 : nextLt >= 0 ? nextLt : length;
      let match = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i].name === name) {
          match = i;
          break;
        }
      }
      if (match >= 0) {
        abandonAbove(match, pos);
        const element = stack.pop()!;
        trimChildren(element);
        element.endTagStart = pos;
        element.end = end;
        element.closed = true;
      }
      // An end tag that matches nothing open is ignored here; xmldom reports it.
      pos = end;
      continue;
    }
    // Start tag (or a lone '<' while typing).
    let p = pos + 1;
    while (p < length && isNameCode(text.charCodeAt(p))) p++;
    if (p === pos + 1) {
      append({ kind: 'text', start: pos, end: pos + 1, value: '<', parent: undefined });
      pos = pos + 1;
      continue;
    }
    const name = nameOf(pos + 1, p);
    const element = new ElementNode(name, localNameOf(name), pos, p);
    const tagEnd = scanAttributes(text, p, element);
    append(element);
    if (tagEnd.kind === 'selfClosing') {
      element.selfClosing = true;
      element.closed = true;
      element.startTagEnd = element.end = tagEnd.end;
      pos = tagEnd.end;
    } else if (tagEnd.kind === 'open') {
      element.startTagEnd = element.end = tagEnd.end;
      stack.push(element);
      pos = tagEnd.end;
    } else {
      // The start tag never ends (typing): it runs to the next '<' or the end of the text.
      element.startTagEnd = element.end = tagEnd.end;
      pos = tagEnd.end;
    }
  }
  abandonAbove(-1, length);
  return doc;
}

/**
 * A growing array keeps spare room (16 slots after the first push); most elements have one or
 * three children. Once an element is complete its list is copied to its exact size, which
 * makes a kept tree about a fifth smaller.
 */
function trimChildren(element: XmlElement): void {
  if (element.children.length > 0 && element.children.length < 16) element.children = element.children.slice();
}

function lastChildEnd(element: XmlElement, fallback: number): number {
  const last = element.children[element.children.length - 1];
  return last ? last.end : Math.min(fallback, element.startTagEnd);
}

/** Finds the `>` that ends a tag, skipping quoted attribute values. Returns -1 when absent. */
function findTagEnd(text: string, from: number): number {
  let quote = '';
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '>') {
      return i;
    } else if (c === '<') {
      return -1;
    }
  }
  return -1;
}

type TagEnd = { kind: 'open' | 'selfClosing' | 'unterminated'; end: number };

/**
 * The tree's elements. The name and end-tag spans are derived from offsets (the name is exactly
 * the text after `<`; a matched end tag runs to the element's end), not stored: two objects
 * less per element, which in a profile with thousands of routes is a good part of what the
 * garbage collector has to copy.
 */
class ElementNode implements XmlElement {
  readonly kind = 'element' as const;
  end: number;
  startTagEnd: number;
  selfClosing = false;
  /** Offset of the matching end tag's `<`, or -1; the end tag runs to `end`. */
  endTagStart = -1;
  closed = false;
  attributes: XmlAttribute[] = NO_ATTRIBUTES;
  children: XmlNode[] = [];
  parent: XmlElement | undefined = undefined;

  constructor(
    readonly name: string,
    readonly localName: string,
    readonly start: number,
    nameEnd: number,
  ) {
    this.end = nameEnd;
    this.startTagEnd = nameEnd;
  }

  get nameSpan(): Span {
    return { start: this.start + 1, end: this.start + 1 + this.name.length };
  }

  get endTag(): Span | undefined {
    return this.endTagStart < 0 ? undefined : { start: this.endTagStart, end: this.end };
  }
}

/**
 * Shared by every element without attributes (nearly all of a profile's): one array less per
 * element in large profiles. Frozen, so that a push by mistake fails loudly instead of giving
 * every element the attribute.
 */
const NO_ATTRIBUTES: XmlAttribute[] = Object.freeze([]) as unknown as XmlAttribute[];

function scanAttributes(text: string, from: number, element: XmlElement): TagEnd {
  const length = text.length;
  let p = from;
  // The next '<' is looked up once and reused while it lies ahead: searching again for every
  // attribute of one long tag would be quadratic (hostile tags carry 150,000 attributes).
  let nextLessThan = -2;
  while (p < length) {
    const c = text[p];
    if (c === '>') return { kind: 'open', end: p + 1 };
    if (c === '/' && text[p + 1] === '>') return { kind: 'selfClosing', end: p + 2 };
    if (c === '<') return { kind: 'unterminated', end: p };
    if (isJsWhitespace(text.charCodeAt(p)) || c === '/') {
      p++;
      continue;
    }
    const nameStart = p;
    while (p < length && isAttributeNameCode(text.charCodeAt(p))) p++;
    if (p === nameStart) {
      p++; // a stray quote or '=': skip it
      continue;
    }
    const attribute: XmlAttribute = { name: text.slice(nameStart, p), nameSpan: { start: nameStart, end: p }, value: '' };
    if (element.attributes === NO_ATTRIBUTES) element.attributes = [];
    element.attributes.push(attribute);
    let q = p;
    while (q < length && isJsWhitespace(text.charCodeAt(q))) q++;
    if (text[q] !== '=') continue;
    q++;
    while (q < length && isJsWhitespace(text.charCodeAt(q))) q++;
    const quote = text[q];
    if (quote === '"' || quote === "'") {
      const close = text.indexOf(quote, q + 1);
      if (nextLessThan !== -1 && nextLessThan <= q) nextLessThan = text.indexOf('<', q + 1);
      const lt = nextLessThan;
      const valueEnd = close < 0 || (lt >= 0 && lt < close) ? (lt < 0 ? length : lt) : close;
      attribute.valueSpan = { start: q + 1, end: valueEnd };
      attribute.value = decodeEntities(text.slice(q + 1, valueEnd));
      p = valueEnd === close ? close + 1 : valueEnd;
    } else {
      const valueStart = q;
      while (q < length && text.charCodeAt(q) !== 62 && !isJsWhitespace(text.charCodeAt(q)) && !(text[q] === '/' && text[q + 1] === '>'))
        q++;
      attribute.valueSpan = { start: valueStart, end: q };
      attribute.value = decodeEntities(text.slice(valueStart, q));
      p = q;
    }
  }
  return { kind: 'unterminated', end: length };
}

/** The end of a `<!…>` declaration (after its `>`), or the end of the text when it is never closed. */
function scanDoctypeEnd(text: string, from: number): number {
  const end = findDoctypeEnd(text, from);
  return end < 0 ? text.length : end;
}

/**
 * The offset after the `>` that closes the `<!DOCTYPE …>` (or other `<!…>` declaration) starting
 * at `from`, or -1 when it is never closed. An internal subset in brackets is skipped without
 * being interpreted: quoted literals, and comments and processing instructions inside the
 * brackets, may hold `>`, `[`, `]` and quotes of their own.
 */
export function findDoctypeEnd(text: string, from: number): number {
  let depth = 0;
  let quote = 0;
  const length = text.length;
  for (let i = from + 2; i < length; i++) {
    const c = text.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 34 || c === 39) {
      quote = c;
    } else if (c === 60 && depth > 0 && text.startsWith('<!--', i)) {
      const close = text.indexOf('-->', i + 4);
      if (close < 0) return -1;
      i = close + 2;
    } else if (c === 60 && depth > 0 && text.charCodeAt(i + 1) === 63) {
      const close = text.indexOf('?>', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === 91) {
      depth++;
    } else if (c === 93) {
      depth = Math.max(0, depth - 1);
    } else if (c === 62 && depth === 0) {
      return i + 1;
    }
  }
  return -1;
}

// ---- helpers over the tree -------------------------------------------------------------

export function childElements(element: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of element.children) if (child.kind === 'element') out.push(child);
  return out;
}

export function firstChild(element: XmlElement | undefined, localName: string): XmlElement | undefined {
  if (!element) return undefined;
  for (const child of element.children) if (child.kind === 'element' && child.localName === localName) return child;
  return undefined;
}

export function childrenNamed(element: XmlElement | undefined, localName: string): XmlElement[] {
  if (!element) return [];
  const out: XmlElement[] = [];
  for (const child of element.children) if (child.kind === 'element' && child.localName === localName) out.push(child);
  return out;
}

/** Concatenated decoded text and CDATA of the element's direct children. */
export function textOf(element: XmlElement): string {
  let value = '';
  for (const child of element.children) if (child.kind === 'text' || child.kind === 'cdata') value += child.value;
  return value;
}

export function hasElementChildren(element: XmlElement): boolean {
  return element.children.some((c) => c.kind === 'element');
}

/**
 * The span of the element's trimmed text content, for value diagnostics and value edits.
 * When the element is empty it is the empty span just after the start tag.
 */
export function valueSpan(element: XmlElement, text: string): Span {
  const contentStart = element.startTagEnd;
  const contentEnd = element.endTag ? element.endTag.start : element.end;
  if (element.selfClosing || contentEnd <= contentStart) return { start: contentStart, end: contentStart };
  let s = contentStart;
  let e = contentEnd;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  if (s === e) return { start: contentStart, end: contentStart };
  return { start: s, end: e };
}

/** Path of local names from the root to `element`, e.g. ["VPNProfile", "NativeProfile"]. */
export function pathOf(element: XmlElement): string[] {
  const path: string[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) path.push(e.localName);
  path.reverse();
  return path;
}

/** The innermost node whose span contains `offset` (start inclusive, end exclusive). */
export function nodeAt(doc: XmlDocument, offset: number): XmlNode | undefined {
  let nodes = doc.children;
  let found: XmlNode | undefined;
  for (;;) {
    const hit: XmlNode | undefined = nodes.find((n) => n.start <= offset && offset < n.end);
    if (!hit) return found;
    found = hit;
    if (hit.kind !== 'element') return found;
    nodes = hit.children;
  }
}

/**
 * Visits every element in document order. The order of a subtree is kept after the first walk
 * (the tree never changes once parsed), so the rule families that each walk the whole profile
 * share one traversal.
 */
export function walkElements(root: XmlElement | undefined, visit: (element: XmlElement) => void): void {
  if (!root) return;
  let order = preorders.get(root);
  if (!order) {
    order = [];
    const stack: XmlElement[] = [root];
    while (stack.length) {
      const element = stack.pop()!;
      order.push(element);
      for (let i = element.children.length - 1; i >= 0; i--) {
        const child = element.children[i];
        if (child.kind === 'element') stack.push(child);
      }
    }
    preorders.set(root, order);
  }
  for (let i = 0; i < order.length; i++) visit(order[i]);
}

const preorders = new WeakMap<XmlElement, XmlElement[]>();

// ---- positional lookups -------------------------------------------------------------------
// Siblings never overlap and come in text order (each node ends at or before the next one
// starts), so the nodes around an offset are found by binary search instead of a scan.

/** Index of the last node whose start is before `offset` (at or before it when `inclusive`), or -1. */
export function lastNodeStartingBefore(nodes: readonly XmlNode[], offset: number, inclusive = false): number {
  let low = 0;
  let high = nodes.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = nodes[mid].start;
    if (start < offset || (inclusive && start === offset)) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/**
 * Visits, in document order (an element before its descendants), exactly the elements under
 * and including `root` whose span [start, end] contains `offset` (both ends inclusive). Stops
 * when `visit` returns true. The same visits as `walkElements` filtered by that containment,
 * without touching the rest of the tree.
 */
export function walkElementsAt(root: XmlElement | undefined, offset: number, visit: (element: XmlElement) => boolean | void): boolean {
  if (!root || offset < root.start || offset > root.end) return false;
  // An explicit stack in document order, not recursion: hostile documents nest 10,000 deep.
  const stack: XmlElement[] = [root];
  while (stack.length > 0) {
    const element = stack.pop()!;
    if (visit(element)) return true;
    const children = element.children;
    // First child that ends at or after the offset; ends are ascending like starts.
    let low = 0;
    let high = children.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (children[mid].end < offset) low = mid + 1;
      else high = mid;
    }
    let last = low;
    while (last < children.length && children[last].start <= offset) last++;
    // Pushed in reverse, so the first containing child is visited first.
    for (let i = last - 1; i >= low; i--) {
      const child = children[i];
      if (child.kind === 'element') stack.push(child);
    }
  }
  return false;
}
