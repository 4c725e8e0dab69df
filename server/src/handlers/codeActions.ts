// Code actions: quick fixes and fix-all; the fix-all's edits are computed when it is picked
// (codeAction/resolve) where the client resolves edits on demand.
import {
  CodeActionKind,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type CodeAction,
  type CodeActionOptions,
} from 'vscode-languageserver';
import { clampedRange, contextShape, rangeShape } from '../lspParams';
import type { HandlerContext } from './context';
import type { DocumentRequests } from './documentRequests';
import { yieldToEventLoop } from './readiness';
import type { SettingsStore } from './settings';

export function codeActionCapability(ctx: HandlerContext): CodeActionOptions {
  return { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll], resolveProvider: ctx.client.codeActionEditResolved };
}

export function handleCodeActions(ctx: HandlerContext, requests: DocumentRequests, settings: SettingsStore): void {
  const { connection, service, documents } = ctx;
  connection.onCodeAction(
    requests.onDocument(
      'code actions',
      [],
      { settings: true },
      (p) => ({ range: rangeShape('code actions', p.range), context: contextShape('code actions', p.context) }),
      (d, p, s) => service.codeActions(d, clampedRange(d, p.range), p.context, s, { deferFixAll: ctx.client.codeActionEditResolved }),
    ),
  );
  connection.onCodeActionResolve(async (params: unknown, token: CancellationToken): Promise<CodeAction> => {
    if (!params || typeof params !== 'object' || typeof (params as { title?: unknown }).title !== 'string') {
      throw new ResponseError(ErrorCodes.InvalidParams, 'codeAction/resolve: expected a code action');
    }
    const action = params as CodeAction;
    // Only the deferred fix-all comes back here; it names its document in `data`.
    const data = action.data as { aovpnFixAll?: { uri?: unknown } } | undefined;
    const uri = data?.aovpnFixAll?.uri;
    if (typeof uri !== 'string' || !documents.get(uri)) return action;
    const documentSettings = await settings.settingsFor(uri);
    await yieldToEventLoop();
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'codeAction/resolve was cancelled');
    const document = documents.get(uri);
    if (!document) return action;
    return ctx.log.guard('resolving a code action', () => service.resolveCodeAction(document, action, documentSettings), action, uri);
  });
}
