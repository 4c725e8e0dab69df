import { positionsOf, type FileFacts } from './facts';
import type { Span } from '../core/findings';

/**
 * How messages of the rules across files name places: a file by its name, a list of places kept
 * readable, "server.ps1, line 4".
 */

/** The file name of a URI, for messages (`server.ps1`). */
export function fileLabel(uri: string): string {
  const path = uri.replace(/[?#].*$/, '');
  const last = path.split('/').pop() || path;
  try {
    return decodeURIComponent(last);
  } catch (error) {
    // A name with a stray % is shown as written.
    if (error instanceof URIError) return last;
    throw error;
  }
}

/** Places named in a message at most; the related information lists them all. */
const PLACES_IN_MESSAGE = 3;

/**
 * "a; b; c" — or, for a long list, the first few and how many more, so that a finding in a
 * workspace of dozens of profiles stays readable (the related information keeps every place).
 */
export function listPlaces<T>(items: readonly T[], describe: (item: T) => string): string {
  // Only the places shown are described: a profile copied forty times has dozens of counterparts.
  if (items.length <= PLACES_IN_MESSAGE + 1) return items.map(describe).join('; ');
  return `${items.slice(0, PLACES_IN_MESSAGE).map(describe).join('; ')}; and ${items.length - PLACES_IN_MESSAGE} more`;
}

/** "server.ps1, line 4" (or "line 4 of this file"). */
export function whereIs(ctx: { self: { uri: string } }, file: FileFacts, span: Span): string {
  const line = positionsOf(file).positionAt(span.start).line + 1;
  return file.uri === ctx.self.uri ? `line ${line} of this file` : `${fileLabel(file.uri)}, line ${line}`;
}
