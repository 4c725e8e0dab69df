// How failures are written to logs (the language servers' output, the CLI's stderr) without the
// text of the documents. Pure: used by the Node server, the web worker and the CLI.

/** Errors the JavaScript engine raises; their messages name code (properties, operators), but may quote a value, so they are scrubbed. */
const ENGINE_ERRORS = new Set(['TypeError', 'RangeError', 'ReferenceError', 'CompileError', 'LinkError', 'RuntimeError']);

/** Longest message kept (a scrubbed message is a hint; the frames say where). */
const MAX_MESSAGE = 200;

export interface ErrorDescriptionOptions {
  /**
   * Keep the (scrubbed) message whatever the error: for failures that cannot involve document
   * text (loading the grammar names a file or URL). By default only engine errors keep theirs:
   * any other message may have been built from the document (`xmldom`, JSON, our own errors).
   */
  message?: boolean;
}

/**
 * A failure for a log: the error's class, its message only when it cannot carry document text
 * (engine errors, scrubbed), and the code location (stack frames, which name files of the
 * extension, not of the user).
 */
export function describeError(error: unknown, options: ErrorDescriptionOptions = {}): string {
  if (!(error instanceof Error)) return `(thrown ${error === null ? 'null' : typeof error})`;
  const name = typeof error.name === 'string' && /^[\w.$]{1,60}$/.test(error.name) ? error.name : 'Error';
  const message = typeof error.message === 'string' ? error.message : '';
  const keep = options.message || ENGINE_ERRORS.has(name);
  const detail = keep && message ? `: ${scrubMessage(message)}` : '';
  const frames = stackFrames(error, message);
  return `${name}${detail}${frames ? `\n${frames}` : ''}`;
}

/**
 * The frames of a stack (`    at f (file:line:col)`), taken after the message: a message with
 * line breaks that looks like frames is not mistaken for them.
 */
function stackFrames(error: Error, message: string): string {
  let stack = typeof error.stack === 'string' ? error.stack : '';
  const head = message ? stack.indexOf(message) : -1;
  if (head >= 0) stack = stack.slice(head + message.length);
  return stack
    .split('\n')
    .filter((line) => /^\s+at [^\n]{1,500}$/.test(line))
    .slice(0, 20)
    .join('\n');
}

/**
 * An engine message without the values it may quote: V8 and Node quote them ('…', "…", (…)),
 * name them after "in" (`Cannot use 'in' operator to search for 'x' in <value>`) or after
 * "Received" (Node's argument errors). What stays is the shape: "Cannot read properties of
 * undefined (reading '…')". First line only, bounded.
 */
export function scrubMessage(message: string): string {
  let out = message.split(/\r?\n/, 1)[0];
  out = out.replace(/\. Received [\s\S]*$/, '. Received …');
  out = out.replace(/(Cannot use 'in' operator to search for '[^']*' in )[\s\S]*$/, '$1…');
  // A quote without its closing partner runs to the end: all of that may be the value.
  out = out.replace(/'[^']*(?:'|$)|"[^"]*(?:"|$)|`[^`]*(?:`|$)/g, (quoted) => {
    const q = quoted[0];
    return quoted.length > 1 && quoted.endsWith(q) ? `${q}…${q}` : `${q}…`;
  });
  return out.length > MAX_MESSAGE ? `${out.slice(0, MAX_MESSAGE)}…` : out;
}

/**
 * Messages of the JSON-RPC library that quote what it received: a message it cannot dispatch is
 * dumped whole (it may be a didOpen with a document's text), a handler's failure quotes the
 * exception. The dump is cut and the exception scrubbed; other messages pass unchanged.
 */
export function redactLibraryLog(message: string): string {
  const dump =
    /^(Received (?:message which is neither a response nor a notification message|response message without id: Error is)):?\s*[\s\S]*$/.exec(
      message,
    );
  if (dump) return `${dump[1]} (content not logged).`;
  const failed = /^([\s\S]{0,200}? failed with message: )([\s\S]*)$/.exec(message);
  if (failed) return `${failed[1]}${scrubMessage(failed[2])}`;
  const queue = /^(Processing message queue failed: )([\s\S]*)$/.exec(message);
  if (queue) return `${queue[1]}${scrubMessage(queue[2])}`;
  return message;
}
