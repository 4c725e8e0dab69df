import type { CompletionList } from 'vscode-languageserver-types';
import type { Settings } from '../settings';
import type { Span } from '../xml/xmlTree';
import type { PowerShellDocument } from './document';
import { embeddedComplete, embeddedHover } from './embeddedFeatures';
import { cmdletComplete, cmdletHover } from './cmdletFeatures';
import type { ScriptTrigger } from './cmdletComplete';
import { scriptSnippetItems } from './snippets';

/**
 * Completion in a script: inside an embedded profile the ProfileXML service answers, elsewhere
 * the cmdlet model, and where a statement starts the snippets. A typed space asks only for the
 * values of the parameter before it; a typed `-` for parameter names (or what an embedded
 * profile offers), never snippets. In a here-string that holds no profile both are text.
 */
export function completePowerShell(doc: PowerShellDocument, offset: number, settings: Settings, trigger?: ScriptTrigger): CompletionList {
  const empty: CompletionList = { isIncomplete: false, items: [] };
  if (trigger === ' ') return inHereString(doc, offset) ? empty : cmdletComplete(doc, offset, settings, trigger);
  const embedded = embeddedComplete(doc, offset, settings);
  if (embedded) return embedded;
  if (trigger === '-') return inHereString(doc, offset) ? empty : cmdletComplete(doc, offset, settings, trigger);
  const cmdlet = cmdletComplete(doc, offset, settings);
  if (cmdlet.items.length > 0) return cmdlet;
  return { isIncomplete: false, items: scriptSnippetItems(doc, offset) };
}

function inHereString(doc: PowerShellDocument, offset: number): boolean {
  return doc.script.strings.some((s) => s.quoting.endsWith('-here') && s.contentSpan.start <= offset && offset <= s.contentSpan.end);
}

export function hoverPowerShell(doc: PowerShellDocument, offset: number, settings: Settings): { markdown: string; span: Span } | null {
  return embeddedHover(doc, offset, settings) ?? cmdletHover(doc, offset, settings);
}
