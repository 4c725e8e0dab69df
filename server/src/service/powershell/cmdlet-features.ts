import type { CompletionList } from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';

/** Completion of VPN cmdlet parameters and values. */
export function cmdletComplete(_doc: PowerShellDocument, _offset: number, _settings: Settings): CompletionList {
  return { isIncomplete: false, items: [] };
}

/** Hover for VPN cmdlets, parameters and values. */
export function cmdletHover(_doc: PowerShellDocument, _offset: number, _settings: Settings): { markdown: string; span: Span } | null {
  return null;
}
