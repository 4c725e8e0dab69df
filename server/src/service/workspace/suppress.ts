import type { ProfileDocument } from '../profilexml/document';
import type { PowerShellDocument } from '../powershell/document';
import { isSuppressed, readSuppressions } from '../suppression';
import type { Span, XmlDocument } from '../xml/xmlTree';

/**
 * The suppression comments of the single-file checks, read the same way for findings across
 * files: `<!-- profilexml-disable-next-line id -->` in ProfileXML (also inside a profile embedded
 * in a script), `# aovpn-disable-next-line id` in scripts.
 */
export type SuppressionTest = (ruleId: string, span: Span) => boolean;

const XML_SUPPRESSION = /^\s*profilexml-disable(-next-line)?(?:\s+([\w\s,-]*?))?\s*$/;
const PS_SUPPRESSION = /^#\s*aovpn-disable(-next-line)?(?:\s+([\w\s,-]*?))?\s*$/;

export function xmlSuppressionsOf(doc: ProfileDocument): SuppressionTest {
  const suppressions = readSuppressions(doc.text, xmlComments(doc.tree), XML_SUPPRESSION);
  return (ruleId, span) => isSuppressed(doc.text, ruleId, span, suppressions);
}

export function psSuppressionsOf(doc: PowerShellDocument): SuppressionTest {
  const comments = doc.script.comments.map((c) => ({ body: doc.text.slice(c.start, c.end), end: c.end }));
  const suppressions = readSuppressions(doc.text, comments, PS_SUPPRESSION);
  return (ruleId, span) => isSuppressed(doc.text, ruleId, span, suppressions);
}

function xmlComments(tree: XmlDocument): { body: string; end: number }[] {
  const out: { body: string; end: number }[] = [];
  // Document order with an explicit stack, not recursion: 10,000 nested elements are deeper than the call stack.
  const stack: XmlDocument['children'][number][] = [...tree.children].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (node.kind === 'comment') out.push({ body: node.value, end: node.end });
    else if (node.kind === 'element') for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
  return out;
}
