import { changedSpan } from '../changedSpan';
import type { LineIndex } from '../core/positions';
import { lastNodeStartingBefore, parseXmlTree, type XmlDocument, type XmlElement, type XmlNode } from '../xml/xmlTree';
import { detectIndentUnit, type ProfileDocument } from './document';
import { isProfileRootName } from './rootName';

/** What completion reads of a parsed profile (complete.ts). */
export type CompletionDocument = Pick<ProfileDocument, 'text' | 'tree' | 'lines' | 'indentUnit'>;

/** Below this size a full parse is cheap enough for completion on every keystroke. */
export const CURSOR_LOCAL_MIN_CHARS = 64 * 1024;

/**
 * Completion right after a keystroke in a large profile, without parsing the whole new version.
 *
 * A profile is a long list of small blocks under the root (routes, traffic filters, NRPT rules).
 * When the edit since `previous` lies inside the content of one of them, call it C, and the
 * cursor is in C too, completion needs the tree only along C's chain (C, the root) and C's
 * subtree: the parse of every other block is the same as before and completion never reads it.
 * So the new text is parsed with every other block masked (same offsets, markup replaced by a
 * filler that the tolerant parser reads as plain text, line breaks on C's own line kept so that
 * the indentation heuristics of cursorContext.ts see the same columns), which costs a scan of
 * the filler instead of building thousands of elements.
 *
 * The parser reads text in one pass, and C starts where the previous parse put a child of the
 * root with an unchanged prefix, so it reaches C in the same state as a full parse. It can still
 * look ahead past C (an unterminated comment or quote, a tag that never ends): the masked text
 * is therefore parsed twice, once with plain filler after C and once with every kind of
 * terminator right after C. When C's subtree differs between the two, or C no longer ends with
 * its end tag where the edit moved it, the lookahead left C and `undefined` is returned: the
 * caller parses the whole text, as it would without this path.
 */
export function cursorLocalDocument(
  previous: ProfileDocument,
  text: string,
  offset: number,
  lines: LineIndex,
  minChars = CURSOR_LOCAL_MIN_CHARS,
): CompletionDocument | undefined {
  if (text.length < minChars) return undefined;
  const root = previous.tree.root;
  if (!root || !isProfileRootName(root.name) || root.selfClosing) return undefined;
  const edit = changedSpan(previous.text, text);
  const delta = edit.endAfter - edit.endBefore;
  const block = blockHolding(root, edit.start, edit.endBefore);
  if (!block?.endTag) return undefined;
  const contentEnd = block.endTag.start + delta;
  if (offset < block.startTagEnd || offset > contentEnd) return undefined;
  const end = block.end + delta;
  // Where the root's own end tag (or the text) continues after the blocks, in the new text.
  const tail = root.endTag ? root.endTag.start + delta : text.length;
  if (tail < end) return undefined;

  const head = text.slice(0, root.startTagEnd) + maskBefore(text.slice(root.startTagEnd, block.start));
  const middle = text.slice(block.start, end);
  const after = text.slice(tail);
  const plain = parseXmlTree(head + middle + 'x'.repeat(tail - end) + after);
  // (Longer than the text after the block: only the block's offsets are compared.)
  const fenced = parseXmlTree(head + middle + LOOKAHEAD_TERMINATORS + 'x'.repeat(tail - end) + after);
  const local = onlyBlock(plain, block.start, contentEnd, end);
  const check = onlyBlock(fenced, block.start, contentEnd, end);
  if (!local || !check || !sameShape(local, check)) return undefined;
  let indentUnit: string | undefined;
  return {
    text,
    tree: plain,
    lines,
    get indentUnit() {
      return (indentUnit ??= detectIndentUnit(text));
    },
  };
}

/**
 * Every way a lookahead of the parser can end: quotes, comment, CDATA and PI ends, tag ends, a
 * `<` (followed by a blank, so that it is read as text, not as a start tag).
 */
const LOOKAHEAD_TERMINATORS = `"'-->]]>?>/>< `;

/** The root's child element whose content holds the whole edit (`start`..`endBefore` of the previous text). */
function blockHolding(root: XmlElement, start: number, endBefore: number): XmlElement | undefined {
  const index = lastNodeStartingBefore(root.children, start);
  const node = index >= 0 ? root.children[index] : undefined;
  if (!node || node.kind !== 'element' || !node.closed || node.selfClosing || !node.endTag) return undefined;
  return node.startTagEnd <= start && endBefore <= node.endTag.start ? node : undefined;
}

/**
 * The text between the root's start tag and the block, masked: lines before the block's line
 * become one run of filler (nothing reads them), the block's own line keeps its blanks and masks
 * the rest, so that "only blanks precede it on its line" holds exactly when it did.
 */
function maskBefore(s: string): string {
  const lf = s.lastIndexOf('\n');
  const ownLine = s.slice(lf + 1).replace(/[^ \t\r\n]/g, 'x');
  return lf < 0 ? ownLine : `${'x'.repeat(lf)}\n${ownLine}`;
}

/** The block in the masked parse, when it is the root's only element child and ends where expected. */
function onlyBlock(tree: XmlDocument, start: number, contentEnd: number, end: number): XmlElement | undefined {
  const root = tree.root;
  if (!root) return undefined;
  let found: XmlElement | undefined;
  for (const child of root.children) {
    if (child.kind === 'text') continue;
    if (found || child.kind !== 'element') return undefined;
    found = child;
  }
  if (!found || found.start !== start || !found.closed || found.endTag?.start !== contentEnd || found.end !== end) return undefined;
  return found;
}

/** Same nodes at the same offsets, recursively (the block is small). */
function sameShape(a: XmlNode, b: XmlNode): boolean {
  if (a.kind !== b.kind || a.start !== b.start || a.end !== b.end) return false;
  if (a.kind !== 'element' || b.kind !== 'element') return true;
  if (a.startTagEnd !== b.startTagEnd || a.closed !== b.closed || a.name !== b.name || a.children.length !== b.children.length)
    return false;
  if (a.attributes.length !== b.attributes.length) return false;
  for (let i = 0; i < a.children.length; i++) if (!sameShape(a.children[i], b.children[i])) return false;
  return true;
}
