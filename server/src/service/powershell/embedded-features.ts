import type { CompletionList } from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';

/** Completion inside an embedded ProfileXML string, mapped to script offsets; undefined outside one. */
export function embeddedComplete(_doc: PowerShellDocument, _offset: number, _settings: Settings): CompletionList | undefined {
  return undefined;
}

/** Hover inside an embedded ProfileXML string; undefined outside one. */
export function embeddedHover(_doc: PowerShellDocument, _offset: number, _settings: Settings): { markdown: string; span: Span } | null | undefined {
  return undefined;
}
