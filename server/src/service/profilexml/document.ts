import { parseXmlTree, type XmlDocument, type XmlElement } from '../xml/xmlTree';
import { checkWellFormed, type WellFormednessError } from '../xml/wellFormed';
import { readProfileFacts, type ProfileFacts } from './facts';

/** One parse of a ProfileXML text, shared by every feature (never re-parsed per feature). */
export interface ProfileDocument {
  text: string;
  tree: XmlDocument;
  /** The `VPNProfile` root element, when the document is ProfileXML. */
  root?: XmlElement;
  /** Empty when well-formed. */
  wellFormedness: WellFormednessError[];
  facts: ProfileFacts;
  /** Line ending the document uses (edits keep it). */
  eol: string;
  /** One level of indentation as the document writes it. */
  indentUnit: string;
}

export const ROOT_NAME = 'VPNProfile';

/** Cheap content sniff: is the first element of this text `VPNProfile`? */
export function looksLikeProfileXml(text: string): boolean {
  const m = /^(?:\uFEFF)?(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*<([\w.:-]+)/.exec(text);
  return !!m && m[1].replace(/^.*:/, '') === ROOT_NAME;
}

export function parseProfileDocument(text: string): ProfileDocument {
  const tree = parseXmlTree(text);
  const root = tree.root && tree.root.localName === ROOT_NAME ? tree.root : undefined;
  return {
    text,
    tree,
    root,
    wellFormedness: checkWellFormed(text),
    facts: readProfileFacts(root, text),
    eol: detectEol(text),
    indentUnit: detectIndentUnit(text),
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
  for (const line of text.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (indent.length > previous.length && indent.startsWith(previous)) {
      const step = indent.slice(previous.length);
      if (/^(\t|( {1,8}))$/.test(step)) counts.set(step, (counts.get(step) ?? 0) + 1);
    }
    previous = indent;
  }
  let best = '  ';
  let bestCount = 0;
  for (const [step, count] of counts) if (count > bestCount) [best, bestCount] = [step, count];
  return best;
}
