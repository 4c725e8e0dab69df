import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionList, Position } from 'vscode-languageserver-types';
import { completePowerShell } from '../powershell/features';
import { doComplete } from '../profilexml/complete';
import { resolveSettings, type Settings } from '../settings';
import { completeSuppressionIds } from '../suppressionAssist';
import type { FeatureContext } from './context';
import { toRange } from './diagnostics';
import { documentKind } from './documentKind';

/** Completion in a profile or a script; rule ids inside suppression comments of either. */
export function complete(
  ctx: FeatureContext,
  document: TextDocument,
  position: Position,
  partial: Partial<Settings> | undefined,
  context: { triggerCharacter?: string } | undefined,
): CompletionList {
  const offset = document.offsetAt(position);
  const trigger = context?.triggerCharacter;
  const scriptTrigger = trigger === '-' || trigger === ' ' ? trigger : undefined;
  if (documentKind(document) === 'powershell') {
    const script = ctx.documents.parseScript(document);
    const settings = resolveSettings(partial);
    // A space typed in a suppression comment separates rule ids: no list pops up for it.
    if (scriptTrigger === ' ') return completePowerShell(script, offset, settings, scriptTrigger);
    return (
      completeSuppressionIds(script.text, offset, 'powershell', script.script.comments, (span) =>
        toRange(document, span.start, span.end),
      ) ?? completePowerShell(script, offset, settings, scriptTrigger)
    );
  }
  // In XML a dash or a space is text: a client that sends them to every language gets nothing.
  if (scriptTrigger) return { isIncomplete: false, items: [] };
  const parsed = ctx.documents.completionDocument(document, offset);
  return (
    completeSuppressionIds(parsed.text, offset, 'profilexml', [], (span) => toRange(document, span.start, span.end)) ??
    doComplete(parsed, offset, resolveSettings(partial), ctx.schema)
  );
}
