// The outline and folding of profiles (scripts get none from this service).
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver-types';
import { findDocumentSymbols, getFoldingRanges } from '../profilexml/symbols';
import type { FeatureContext } from './context';
import { documentKind } from './documentKind';

export function documentSymbols(ctx: FeatureContext, document: TextDocument): DocumentSymbol[] {
  return documentKind(document) === 'profilexml' ? findDocumentSymbols(ctx.documents.parse(document), document, ctx.schema) : [];
}

export function foldingRanges(ctx: FeatureContext, document: TextDocument): FoldingRange[] {
  return documentKind(document) === 'profilexml' ? getFoldingRanges(ctx.documents.parse(document), document) : [];
}
