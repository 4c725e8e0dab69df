// Completion: its trigger characters, registered per language when the client allows it.
import { CompletionRequest, type CompletionOptions } from 'vscode-languageserver';
import { clamped, positionShape } from '../lspParams';
import type { HandlerContext } from './context';
import type { DocumentRequests } from './documentRequests';

/** Characters that open completion in ProfileXML: a tag, an end tag, the end of a start tag (its value). */
export const XML_TRIGGER_CHARACTERS = ['<', '/', '>'] as const;
/**
 * In scripts also `-` (parameter names) and a space (the values of the parameter before it). In
 * XML they are text: typing them there must not ask, or VS Code would keep an open suggestion
 * list after a space. Hence one registration per language where the client allows it.
 */
export const SCRIPT_TRIGGER_CHARACTERS = [...XML_TRIGGER_CHARACTERS, '-', ' '] as const;

/** The static capability, for clients that cannot register per language (never both: items would come twice). */
export function completionCapability(ctx: HandlerContext): { completionProvider?: CompletionOptions } {
  return ctx.client.completionPerLanguage
    ? {}
    : { completionProvider: { triggerCharacters: [...SCRIPT_TRIGGER_CHARACTERS], resolveProvider: false } };
}

/** After `initialized`: one registration per language, with its own trigger characters. */
export function registerCompletionPerLanguage(ctx: HandlerContext): void {
  if (!ctx.client.completionPerLanguage) return;
  for (const [language, triggerCharacters] of [
    ['xml', XML_TRIGGER_CHARACTERS],
    ['powershell', SCRIPT_TRIGGER_CHARACTERS],
  ] as const) {
    void ctx.connection.client
      .register(CompletionRequest.type, {
        documentSelector: [{ language }],
        triggerCharacters: [...triggerCharacters],
        resolveProvider: false,
      })
      .catch((error: unknown) => ctx.log.logError(`register completion for ${language}`, error));
  }
}

export function handleCompletion(ctx: HandlerContext, requests: DocumentRequests): void {
  ctx.connection.onCompletion(
    requests.onDocument(
      'completion',
      null,
      { settings: true },
      (p) => ({ position: positionShape('completion', p.position), triggerCharacter: triggerCharacterOf(p.context) }),
      (d, p, s) => ctx.service.complete(d, clamped(d, p.position), s, { triggerCharacter: p.triggerCharacter }),
    ),
  );
}

/** The character that triggered a completion request (CompletionContext), when the client says so. */
function triggerCharacterOf(context: unknown): string | undefined {
  const character = context && typeof context === 'object' ? (context as { triggerCharacter?: unknown }).triggerCharacter : undefined;
  return typeof character === 'string' ? character : undefined;
}
