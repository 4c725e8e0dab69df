import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Hover, Position } from 'vscode-languageserver-types';
import { hoverPowerShell } from '../powershell/features';
import { doHover } from '../profilexml/hover';
import { resolveSettings, type Settings } from '../settings';
import { hoverSuppressionId } from '../suppressionAssist';
import type { Span } from '../xml/xmlTree';
import type { FeatureContext } from './context';
import { toRange } from './diagnostics';
import { documentKind } from './documentKind';

/** Hover in a profile or a script; rule ids inside suppression comments of either. */
export function hover(
  ctx: FeatureContext,
  document: TextDocument,
  position: Position,
  partial: Partial<Settings> | undefined,
): Hover | null {
  const kind = documentKind(document);
  if (kind === 'none') return null;
  const offset = document.offsetAt(position);
  let result: { markdown: string; span: Span } | null | undefined;
  if (kind === 'powershell') {
    const script = ctx.documents.parseScript(document);
    result =
      hoverSuppressionId(script.text, offset, 'powershell', script.script.comments) ??
      hoverPowerShell(script, offset, resolveSettings(partial));
  } else {
    const parsed = ctx.documents.parse(document);
    result = hoverSuppressionId(parsed.text, offset, 'profilexml', []) ?? doHover(parsed, offset, resolveSettings(partial), ctx.schema);
  }
  return result
    ? { contents: { kind: 'markdown', value: result.markdown }, range: toRange(document, result.span.start, result.span.end) }
    : null;
}
