import { parseXmlTree, type XmlDocument, type XmlElement } from '../xml/xmlTree';
import { createLineIndex, type LineIndex } from '../xml/lineIndex';
import { checkWellFormed, type WellFormednessError } from '../xml/wellFormed';
import { scanProlog } from '../xml/prolog';
import { readProfileFacts, type ProfileFacts } from './facts';
import { isProfileRootName, ROOT_NAME } from './rootName';

/**
 * One parse of a ProfileXML text, shared by every feature (never re-parsed per feature).
 * Only the tree is built up front; the other parts are computed on first use and then kept,
 * so that completion and hover on a just-edited document do not pay for the well-formedness
 * check, the facts or the line table they never read.
 */
export interface ProfileDocument {
  text: string;
  tree: XmlDocument;
  /**
   * The root element when the document is ProfileXML: `VPNProfile`, or a near miss of it that
   * wrong-root-element reports (the other rules still read the profile under it).
   */
  root?: XmlElement;
  /** Empty when well-formed. */
  wellFormedness: WellFormednessError[];
  facts: ProfileFacts;
  /** Line ending the document uses (edits keep it). */
  eol: string;
  /** One level of indentation as the document writes it. */
  indentUnit: string;
  /** Offsets ↔ LSP positions of this text. */
  readonly lines: LineIndex;
}

export { ROOT_NAME };

/**
 * Cheap content sniff: is the first element of this text `VPNProfile`, or a near miss of it
 * (`VpnProfile`, `VPNProfiles`) that must be reported rather than skipped? What may come before
 * it (declaration, comments, a DOCTYPE with an internal subset) is skipped by `scanProlog`.
 */
export function looksLikeProfileXml(text: string): boolean {
  const name = scanProlog(text).rootName;
  return name !== undefined && isProfileRootName(name);
}

export function parseProfileDocument(text: string): ProfileDocument {
  const tree = parseXmlTree(text);
  const root = tree.root && isProfileRootName(tree.root.name) ? tree.root : undefined;
  let wellFormedness: WellFormednessError[] | undefined;
  let facts: ProfileFacts | undefined;
  let eol: string | undefined;
  let indentUnit: string | undefined;
  let lines: LineIndex | undefined;
  return {
    text,
    tree,
    root,
    get wellFormedness() {
      return (wellFormedness ??= checkWellFormed(text));
    },
    get facts() {
      return (facts ??= readProfileFacts(root, text));
    },
    get eol() {
      return (eol ??= detectEol(text));
    },
    get indentUnit() {
      return (indentUnit ??= detectIndentUnit(text));
    },
    get lines() {
      return (lines ??= createLineIndex(text));
    },
  };
}

export function detectEol(text: string): string {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

/** The most common indentation step between a line and the next deeper one. */
export function detectIndentUnit(text: string): string {
  const counts = new Map<string, number>();
  let previous = '';
  // Lines as split(/\r?\n/) gives them, scanned in place (no array of a million lines).
  for (let start = 0; start <= text.length; ) {
    const lf = text.indexOf('\n', start);
    const next = lf < 0 ? text.length + 1 : lf + 1;
    const end = lf < 0 ? text.length : lf > start && text.charCodeAt(lf - 1) === 13 ? lf - 1 : lf;
    let p = start;
    while (p < end && (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9)) p++;
    const first = p < end ? text.charCodeAt(p) : -1;
    // Blank lines (only whitespace in String.prototype.trim's sense) do not count.
    const blank = first === -1 || ((first <= 32 || first === 0xa0 || first >= 0x1680) && !text.slice(start, end).trim());
    if (!blank) {
      const indent = text.slice(start, p);
      if (indent.length > previous.length && indent.startsWith(previous)) {
        const step = indent.slice(previous.length);
        if (/^(\t|( {1,8}))$/.test(step)) counts.set(step, (counts.get(step) ?? 0) + 1);
      }
      previous = indent;
    }
    start = next;
  }
  let best = '  ';
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount) [best, bestCount] = [step, count];
  return best;
}
