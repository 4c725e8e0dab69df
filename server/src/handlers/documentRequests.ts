// The common path of every request on an open document (completion, hover, code actions,
// symbols, folding, lenses): params checked, document open, settings and grammar ready, not
// cancelled, failures logged and answered with the empty result.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentUriOf } from '../lspParams';
import type { Settings } from '../service/settings';
import type { HandlerContext } from './context';
import { indexed, scriptSupportReady, yieldToEventLoop } from './readiness';
import type { SettingsStore } from './settings';

export interface RequestOptions {
  /** Settings are fetched first (and passed to the body). */
  settings?: boolean;
  /** Waits for the workspace index (answers compare with other files). */
  workspace?: boolean;
}

/** Makes the handlers of requests on documents; `onDocument(...)` is one handler. */
export interface DocumentRequests {
  /**
   * A request on an open document: the params' shape is checked first (InvalidParams), a document
   * that is not open gets `fallback`, settings and grammar are made ready, then the request is
   * answered unless it was cancelled meanwhile (RequestCancelled) or the document was closed.
   */
  onDocument<P, R>(
    method: string,
    fallback: R,
    options: RequestOptions,
    parse: (params: Record<string, unknown>) => P,
    body: (document: TextDocument, params: P, settings: Partial<Settings>) => R,
  ): (params: unknown, token: CancellationToken) => Promise<R>;
}

export function documentRequests(ctx: HandlerContext, settings: SettingsStore): DocumentRequests {
  const { documents } = ctx;
  return {
    onDocument(method, fallback, options, parse, body) {
      return async (params, token) => {
        const uri = documentUriOf(method, params);
        const parsed = parse(params as Record<string, unknown>);
        if (!documents.get(uri)) return fallback;
        const documentSettings = options.settings ? await settings.settingsFor(uri) : {};
        const document = documents.get(uri);
        if (!document || !(await scriptSupportReady(ctx, document))) return fallback;
        if (options.workspace) await indexed(ctx);
        // Let the messages that arrived meanwhile in (a cancellation, an edit, a close).
        await yieldToEventLoop();
        if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, `${method} was cancelled`);
        const current = documents.get(uri);
        if (!current) return fallback;
        return ctx.log.guard(method, () => body(current, parsed, documentSettings), fallback, uri);
      };
    },
  };
}

/** For requests whose params need nothing beyond the document. */
export const noParams = (): undefined => undefined;
