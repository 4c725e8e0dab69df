/**
 * Internal errors: a bug of ours met while answering a request (a rule, completion or hover
 * throwing on a document it did not expect). A feature degrades instead of failing the request
 * (completion offers nothing, a command's findings are left out), but the error is never
 * swallowed: it goes to the hook of the service whose call met it. The language server logs it
 * (without document text), the CLI reports it and fails the run, and the tests and the fuzzer
 * let it throw, so that a bug anywhere fails them.
 */
export type InternalErrorHook = (where: string, error: unknown) => void;

let current: InternalErrorHook | undefined;

/** Hands an internal error to the hook of the service call in progress; without one it throws. */
export function reportInternalError(where: string, error: unknown): void {
  if (!current) throw error;
  current(where, error);
}

/** Runs `run` (synchronous: one service call) with `hook` receiving its internal errors. */
export function withInternalErrorHook<T>(hook: InternalErrorHook, run: () => T): T {
  const previous = current;
  current = hook;
  try {
    return run();
  } finally {
    current = previous;
  }
}

/** The hook of a service created without one: internal errors throw, as in tests. */
export const THROW_INTERNAL_ERRORS: InternalErrorHook = (_where, error) => {
  throw error;
};
