import type { CompletionList } from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';
import { embeddedComplete, embeddedHover } from './embedded-features';
import { cmdletComplete, cmdletHover } from './cmdlet-features';

/** Completion in a script: inside an embedded profile the ProfileXML service answers, elsewhere the cmdlet model. */
export function completePowerShell(doc: PowerShellDocument, offset: number, settings: Settings): CompletionList {
  return embeddedComplete(doc, offset, settings) ?? cmdletComplete(doc, offset, settings);
}

export function hoverPowerShell(doc: PowerShellDocument, offset: number, settings: Settings): { markdown: string; span: Span } | null {
  return embeddedHover(doc, offset, settings) ?? cmdletHover(doc, offset, settings);
}
