// Hover, document symbols, folding ranges and code lenses: one service call each.
import { clamped, positionShape } from '../lspParams';
import type { HandlerContext } from './context';
import { noParams, type DocumentRequests } from './documentRequests';

export function handleDocumentFeatures(ctx: HandlerContext, requests: DocumentRequests): void {
  const { connection, service } = ctx;
  const { onDocument } = requests;
  const position = (method: string) => (p: Record<string, unknown>) => positionShape(method, p.position);
  connection.onHover(onDocument('hover', null, { settings: true }, position('hover'), (d, p, s) => service.hover(d, clamped(d, p), s)));
  connection.onDocumentSymbol(onDocument('document symbols', [], {}, noParams, (d) => service.documentSymbols(d)));
  connection.onFoldingRanges(onDocument('folding ranges', [], {}, noParams, (d) => service.foldingRanges(d)));
  connection.onCodeLens(onDocument('code lenses', [], { workspace: true }, noParams, (d) => service.codeLenses(d)));
}
