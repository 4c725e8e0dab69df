import { indentAt } from './edits';
import type { ProfileDocument } from './document';
import type { Finding, OffsetEdit } from './rules/ruleTypes';

/** Inserts `<!-- profilexml-disable-next-line id -->` on its own line above the finding. */
export function suppressionEdit(doc: ProfileDocument, finding: Finding): OffsetEdit {
  const { text, eol } = doc;
  const lineStart = text.lastIndexOf('\n', finding.span.start - 1) + 1;
  const indent = indentAt(text, finding.span.start);
  return { start: lineStart, end: lineStart, newText: `${indent}<!-- profilexml-disable-next-line ${finding.ruleId} -->${eol}` };
}
