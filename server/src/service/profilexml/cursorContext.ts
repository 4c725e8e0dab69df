import { lastNodeStartingBefore, type Span, type XmlDocument, type XmlElement, type XmlNode } from '../xml/xmlTree';
import type { SchemaIndex } from './schema';
import type { ElementDef } from './schemaTypes';
import { isProfileRootName } from './rootName';

/**
 * "Where am I?" for completion while the document is broken, which is its normal state while
 * typing: unclosed tags, half-typed names, missing end tags. The tolerant tree gives the
 * element structure; a local scan of the text around the offset tells whether the cursor is in
 * a tag name, an end tag, text content, a comment or somewhere nothing can be offered.
 */
export type CursorContext =
  | { kind: 'none' }
  | {
      /** In the name of a start tag (`<|`, `<Nat|`, `<Nat|ive>`). */
      kind: 'startTag';
      /** Offset of the `<`. */
      lt: number;
      /** The name written so far, including name characters after the cursor. */
      nameSpan: Span;
      /** The element whose content the tag is in (undefined at the top level). */
      parent?: XmlElement;
      /** The element the tree built for the tag being typed, if any. */
      typed?: XmlElement;
      /** The start tag already ends with `>` (the name is being edited, not typed). */
      tagClosed: boolean;
    }
  | {
      /** In the name of an end tag (`</|`, `</Nat|`). */
      kind: 'endTag';
      lt: number;
      nameSpan: Span;
      /** The element an end tag here would close. */
      open?: XmlElement;
      tagClosed: boolean;
    }
  | {
      /** In text content. */
      kind: 'content';
      /** The element whose content this is (undefined at the top level). */
      element?: XmlElement;
      /** The word around the cursor (no whitespace, `<` or `>`), empty at a blank. */
      wordSpan: Span;
      /** Text from the start of the content (or the previous tag) to the cursor. */
      before: string;
    };

/** Characters of an XML name as the tolerant tree reads them. */
const NAME_CHAR = /[^\s<>/="'!?]/;

export function cursorContext(tree: XmlDocument, offset: number): CursorContext {
  const text = tree.text;
  const at = Math.max(0, Math.min(offset, text.length));
  if (insideLexicalNode(tree.children, text, at)) return { kind: 'none' };

  const lt = text.lastIndexOf('<', at - 1);
  // lastIndexOf clamps a negative start to 0, hence the `lt < at` check.
  if (lt >= 0 && lt < at && !text.slice(lt + 1, at).includes('>')) {
    return tagContext(tree, text, lt, at);
  }
  return contentContext(tree, text, at);
}

function tagContext(tree: XmlDocument, text: string, lt: number, at: number): CursorContext {
  const segment = text.slice(lt + 1, at);
  if (segment.startsWith('!') || segment.startsWith('?')) return { kind: 'none' };
  const isEnd = segment.startsWith('/');
  const nameStart = lt + (isEnd ? 2 : 1);
  for (let i = nameStart; i < at; i++) if (!NAME_CHAR.test(text[i])) return { kind: 'none' }; // in attributes
  let nameEnd = at;
  while (nameEnd < text.length && NAME_CHAR.test(text[nameEnd])) nameEnd++;
  const nameSpan = { start: nameStart, end: nameEnd };
  const tagClosed = tagEndsAfter(text, nameEnd);
  if (isEnd) {
    return { kind: 'endTag', lt, nameSpan, open: adjustByIndent(text, lt, enclosingAt(tree, text, lt), false), tagClosed };
  }
  const parent = adjustByIndent(text, lt, enclosingAt(tree, text, lt), true);
  return { kind: 'startTag', lt, nameSpan, parent, typed: elementStartingAt(tree.children, lt), tagClosed };
}

function contentContext(tree: XmlDocument, text: string, at: number): CursorContext {
  let start = at;
  while (start > 0 && !/[\s<>]/.test(text[start - 1])) start--;
  let end = at;
  while (end < text.length && !/[\s<>]/.test(text[end])) end++;
  const element = adjustByIndent(text, start, enclosingAt(tree, text, at), true);
  const contentStart = element ? element.startTagEnd : 0;
  const gt = text.lastIndexOf('>', at - 1);
  const before = text.slice(Math.max(contentStart, gt + 1), at);
  return { kind: 'content', element, wordSpan: { start, end }, before };
}

/**
 * Is `at` inside a comment, CDATA section, processing instruction or DOCTYPE? Only the last
 * sibling starting before `at` can hold it (an earlier one ends before that one starts).
 */
function insideLexicalNode(nodes: XmlNode[], text: string, at: number): boolean {
  // A loop down the tree, not recursion: hostile documents nest elements 10,000 deep.
  let level = nodes;
  for (;;) {
    const index = lastNodeStartingBefore(level, at);
    if (index < 0) return false;
    const node = level[index];
    if (node.kind === 'element') {
      if (at > node.end) return false;
      level = node.children;
      continue;
    }
    if (node.kind === 'text') return false;
    return at < node.end || (at === node.end && !terminated(node, text));
  }
}

function terminated(node: XmlNode, text: string): boolean {
  const body = text.slice(node.start, node.end);
  switch (node.kind) {
    case 'comment':
      return body.length >= 7 && body.endsWith('-->');
    case 'cdata':
      return body.length >= 12 && body.endsWith(']]>');
    case 'pi':
      return body.length >= 4 && body.endsWith('?>');
    default:
      return body.endsWith('>');
  }
}

/** Does the tag whose name ends at `from` end with `>` before the next `<`? */
function tagEndsAfter(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '>') return true;
    if (text[i] === '<') return false;
  }
  return false;
}

/** The start tag ended with `>` and opened content (not self-closing, not unterminated). */
export function opensContent(element: XmlElement, text: string): boolean {
  return !element.selfClosing && text[element.startTagEnd - 1] === '>';
}

function contentEnd(element: XmlElement): number {
  return element.endTag ? element.endTag.start : element.end;
}

/** The innermost element whose content contains `at` (bounds inclusive). */
export function enclosingAt(tree: XmlDocument, text: string, at: number): XmlElement | undefined {
  let nodes = tree.children;
  let found: XmlElement | undefined;
  for (;;) {
    // Only the last sibling starting before `at` can contain it.
    const index = lastNodeStartingBefore(nodes, at);
    const node = index >= 0 ? nodes[index] : undefined;
    if (!node || node.kind !== 'element' || !(opensContent(node, text) && node.startTagEnd <= at && at <= contentEnd(node))) return found;
    found = node;
    nodes = node.children;
  }
}

function elementStartingAt(nodes: XmlNode[], at: number): XmlElement | undefined {
  // A loop down the tree, not recursion: hostile documents nest elements 10,000 deep.
  let level = nodes;
  for (;;) {
    // The last sibling starting at or before `at` is the only candidate.
    const index = lastNodeStartingBefore(level, at, true);
    const node = index >= 0 ? level[index] : undefined;
    if (!node || node.kind !== 'element') return undefined;
    if (node.start === at) return node;
    if (at >= Math.max(node.end, node.startTagEnd)) return undefined;
    level = node.children;
  }
}

/**
 * Missing end tags: the tree nests everything after an unclosed element inside it, but the
 * indentation usually says what was meant. When the cursor (or the tag being typed) starts its
 * line at or left of an unclosed element's start tag, it belongs to an outer element.
 * `sibling` is true for start tags and content (same column = sibling), false for end tags
 * (same column = the end tag of that element).
 */
function adjustByIndent(text: string, at: number, element: XmlElement | undefined, sibling: boolean): XmlElement | undefined {
  const column = leadingColumn(text, at);
  if (column === undefined) return element;
  let current = element;
  while (current && !current.endTag && current.parent) {
    const own = leadingColumn(text, current.start);
    if (own === undefined) break;
    if (sibling ? column <= own : column < own) current = current.parent;
    else break;
  }
  return current;
}

/** Column of `at` when only blanks precede it on its line; undefined otherwise. */
function leadingColumn(text: string, at: number): number | undefined {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const prefix = text.slice(lineStart, at);
  if (!/^[ \t]*$/.test(prefix)) return undefined;
  return prefix.replace(/\t/g, '    ').length;
}

/** The schema definitions along an element's chain, or undefined when any step is unknown or opaque. */
export function definitionChain(element: XmlElement, schema: SchemaIndex): ElementDef[] | undefined {
  const chain: XmlElement[] = [];
  for (let e: XmlElement | undefined = element; e; e = e.parent) chain.push(e);
  chain.reverse();
  if (!isProfileRootName(chain[0].name)) return undefined;
  const defs: ElementDef[] = [schema.root];
  for (let i = 1; i < chain.length; i++) {
    const parent = defs[defs.length - 1];
    if (parent.type === 'any') return undefined;
    const def = parent.children?.find((c) => c.name === chain[i].localName);
    if (!def) return undefined;
    defs.push(def);
  }
  return defs;
}
