import { parseXmlTree, type Span, type XmlDocument, type XmlElement } from '../xml/xmlTree';
import { createLineIndex, type LineIndex } from '../core/positions';
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
  /** Where the text came from when another document holds it (a PowerShell string); undefined for a file of its own. */
  origin?: ProfileOrigin;
  /**
   * The span overlaps text known only at run time (for example a `$variable` that PowerShell
   * expands in a double-quoted string); an empty span counts when it touches such text. No rule
   * judges that text: what Windows receives there is not written in the document.
   */
  isRunTime(span: Span): boolean;
  /**
   * The element's own content (its text between the tags, not its child elements' text) holds
   * run-time text. A rule that judges what an element holds or lacks (a missing child, no EAP
   * configuration) leaves such an element alone: the missing part may arrive at run time.
   */
  holdsRunTime(element: XmlElement): boolean;
}

/** How the host wrote a string holding ProfileXML; PowerShell expands variables only in the double-quoted kinds. */
export type HostQuoting = 'single' | 'double' | 'single-here' | 'double-here';

/**
 * A ProfileXML text that lives inside another document (today a PowerShell string; every host
 * yields a virtual text of the profile): the host and its quoting, and the parts of the text the
 * host fills in at run time.
 */
export interface ProfileOrigin {
  host: 'powershell';
  quoting: HostQuoting;
  /**
   * Spans of this text that the host replaces at run time, sorted and disjoint: expansions,
   * format items, tokens the script replaces itself (`.Replace('{server}', $Server)`).
   */
  runTime: readonly Span[];
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

export function parseProfileDocument(text: string, origin?: ProfileOrigin): ProfileDocument {
  const tree = parseXmlTree(text);
  const runTime = origin?.runTime ?? [];
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
    origin,
    isRunTime: (span) => runTime.length > 0 && overlapsAny(runTime, span),
    holdsRunTime: (element) =>
      runTime.length > 0 &&
      element.children.some((c) => (c.kind === 'text' || c.kind === 'cdata') && overlapsAny(runTime, { start: c.start, end: c.end })),
  };
}

/** `spans` sorted and disjoint; an empty `span` counts when it sits inside one or at its edge. */
function overlapsAny(spans: readonly Span[], span: Span): boolean {
  const empty = span.start === span.end;
  // Binary search for the first run-time span that could hold span.start (ends after it, or at it for an empty span).
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].end < span.start || (!empty && spans[mid].end === span.start)) lo = mid + 1;
    else hi = mid;
  }
  const s = spans[lo];
  if (!s) return false;
  return empty ? s.start <= span.start : s.start < span.end && span.start < s.end;
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
  for (let start = 0; start <= text.length;) {
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
