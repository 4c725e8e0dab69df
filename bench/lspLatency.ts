// What a user waits for in the editor, measured over the built server's stdio as VS Code drives it:
// - a keystroke (textDocument/didChange, a one-character incremental edit) until the server
//   publishes the diagnostics of that version. The server waits CHANGE_DEBOUNCE_MS after an edit
//   before validating (a burst of keystrokes is validated once); that pause is the server's
//   choice, not work, so it is subtracted and reported beside the figure;
// - completion right after a keystroke: "<" typed on an empty line, didChange and the completion
//   request sent together as VS Code does; the answer needs the new version. The line is in the
//   last traffic filter, whose optional children leave something to offer in every input.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CHANGE_DEBOUNCE_MS } from '../server/src/handlers/validation';
import { BenchServer } from './lsp';
import { summarize, type Stats } from './stats';

export { CHANGE_DEBOUNCE_MS };

export interface KeystrokeResult {
  /** Wall time from didChange to the publication, less the debounce. */
  work: Stats;
  /** The same, as measured (debounce included). */
  wall: Stats;
}

const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Alternately types and deletes a space right after `anchor` (the occurrence nearest the middle
 * of the text), waiting each time for the diagnostics of the new version.
 */
export async function keystrokeToDiagnostics(
  text: string,
  languageId: string,
  anchor: string,
  samples: number,
  warmup = 3,
  server = new BenchServer(),
): Promise<KeystrokeResult> {
  try {
    await server.initialize();
    const uri = `file:///bench/keystroke.${languageId === 'xml' ? 'xml' : 'ps1'}`;
    let doc = TextDocument.create(uri, languageId, 1, text);
    await server.open(uri, text, languageId);
    const middle = text.indexOf(anchor, Math.floor(text.length / 2));
    const index = middle >= 0 ? middle : text.lastIndexOf(anchor);
    if (index < 0) throw new Error(`bench input lacks ${anchor}`);
    const offset = index + anchor.length;
    let inserted = false;
    const walls: number[] = [];
    for (let i = -warmup; i < samples; i++) {
      const position = doc.positionAt(offset);
      const range = inserted ? { start: position, end: doc.positionAt(offset + 1) } : { start: position, end: position };
      const typed = inserted ? '' : ' ';
      doc = TextDocument.update(doc, [{ range, text: typed }], doc.version + 1);
      inserted = !inserted;
      const published = server.whenPublished(uri, doc.version);
      const t = performance.now();
      server.change(uri, doc.version, range, typed);
      await published;
      if (i >= 0) walls.push(performance.now() - t);
      // The next keystroke after a short think, as a typist's would come.
      await pause(5);
    }
    return { wall: summarize(walls), work: summarize(walls.map((w) => w - CHANGE_DEBOUNCE_MS)) };
  } finally {
    await server.stop();
  }
}

/**
 * "<" typed on an empty line before the last `</TrafficFilter>` and completion asked at once, then the
 * "<" deleted and that version's diagnostics awaited (untimed) so that the next sample starts on
 * a quiet server.
 */
/** `server`: another build can be given, to compare before and after a change. */
export async function completionAfterKeystroke(
  text: string,
  samples: number,
  warmup = 2,
  server = new BenchServer(),
): Promise<{ stats: Stats; items: number }> {
  const close = text.lastIndexOf('</TrafficFilter>');
  if (close < 0) throw new Error('bench input lacks </TrafficFilter>');
  // The empty line an editor has after Enter: the keystroke measured is the "<" typed on it.
  const prepared = `${text.slice(0, close)}  \n  ${text.slice(close)}`;
  // The end of the empty line's indentation.
  const offset = close + 2;
  try {
    await server.initialize();
    const uri = 'file:///bench/completion.xml';
    let doc = TextDocument.create(uri, 'xml', 1, prepared);
    await server.open(uri, prepared);
    const times: number[] = [];
    let items = 0;
    for (let i = -warmup; i < samples; i++) {
      const at = doc.positionAt(offset);
      doc = TextDocument.update(doc, [{ range: { start: at, end: at }, text: '<' }], doc.version + 1);
      const t = performance.now();
      server.change(uri, doc.version, { start: at, end: at }, '<');
      const answer = await server.complete(uri, doc.positionAt(offset + 1));
      if (i >= 0) times.push(performance.now() - t);
      items = Array.isArray(answer) ? answer.length : (answer?.items.length ?? 0);
      if (items === 0) throw new Error('completion after "<" offered nothing: the bench would time a failure');
      const end = doc.positionAt(offset + 1);
      doc = TextDocument.update(doc, [{ range: { start: at, end }, text: '' }], doc.version + 1);
      const settled = server.whenPublished(uri, doc.version);
      server.change(uri, doc.version, { start: at, end }, '');
      await settled;
    }
    return { stats: summarize(times), items };
  } finally {
    await server.stop();
  }
}
