import type { CompletionList } from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';
import { completeCmdlet, type ScriptTrigger } from './cmdletComplete';
import { hoverCmdlet } from './cmdletHover';
import { reportInternalError } from '../core/internalErrors';

/** Completion of VPN cmdlet parameters and values. */
export function cmdletComplete(doc: PowerShellDocument, offset: number, _settings: Settings, trigger?: ScriptTrigger): CompletionList {
  try {
    return completeCmdlet(doc, offset, trigger);
  } catch (error) {
    // Completion runs on every keystroke of half-written text: a surprise costs the list, and is reported.
    reportInternalError('completion (PowerShell)', error);
    return { isIncomplete: false, items: [] };
  }
}

/** Hover for VPN cmdlets, parameters and values. */
export function cmdletHover(doc: PowerShellDocument, offset: number, _settings: Settings): { markdown: string; span: Span } | null {
  try {
    return hoverCmdlet(doc, offset);
  } catch (error) {
    reportInternalError('hover (PowerShell)', error);
    return null;
  }
}
