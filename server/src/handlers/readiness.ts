// Waiting before an answer: for the workspace index (bounded), the PowerShell grammar and one
// turn of the event loop.
import { RAL } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { HandlerContext } from './context';

/** How long a validation waits for the workspace index (then it goes ahead; the index re-validates when done). */
export const INDEXING_WAIT_MS = 3000;

/** Resolves when the workspace files are indexed, or after INDEXING_WAIT_MS (never rejects). */
export function indexed(ctx: HandlerContext): Promise<void> {
  return settled(ctx.host.indexing?.() ?? Promise.resolve(), INDEXING_WAIT_MS);
}

/** Loads the PowerShell grammar the first time a script needs it; false when it cannot be loaded. */
export async function scriptSupportReady(ctx: HandlerContext, document: TextDocument): Promise<boolean> {
  // Also when loaded: after the grammar's instance aborted, a fresh one may still be on its way.
  if (ctx.service.kind(document) !== 'powershell') return true;
  try {
    await ctx.service.preparePowerShell();
    return true;
  } catch (error) {
    // Loading reads the grammar's files, never a document: its message (a file, a URL, HTTP status) is kept.
    ctx.log.logError('loading the PowerShell grammar', error, document.uri, { message: true });
    return false;
  }
}

/** Waits for a promise, but no longer than `ms` (never rejects). */
export function settled(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    promise.then(
      () => {
        clearTimeout(timer);
        resolve();
      },
      () => {
        clearTimeout(timer);
        resolve();
      },
    );
  });
}

/** One turn of the event loop: messages already received (a $/cancelRequest) are read first. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => void RAL().timer.setImmediate(resolve));
}
