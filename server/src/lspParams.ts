/**
 * The shapes of LSP params the server accepts, checked before any work: a malformed request
 * gets InvalidParams naming what is wrong (never an internal error), and positions beyond the
 * document are clamped to it rather than refused.
 */
import { ErrorCodes, ResponseError, type CodeActionContext, type Position, type Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

function invalidParams(method: string, what: string): ResponseError<void> {
  return new ResponseError(ErrorCodes.InvalidParams, `${method}: ${what}`);
}

export function documentUriOf(method: string, params: unknown): string {
  const textDocument = params && typeof params === 'object' ? (params as { textDocument?: unknown }).textDocument : undefined;
  const uri = textDocument && typeof textDocument === 'object' ? (textDocument as { uri?: unknown }).uri : undefined;
  if (typeof uri !== 'string') throw invalidParams(method, 'textDocument.uri must be a string');
  return uri;
}

/** What is wrong with a didOpen's params (undefined when nothing). */
export function openProblem(params: unknown): string | undefined {
  const td = (params as { textDocument?: unknown } | null)?.textDocument as Record<string, unknown> | null | undefined;
  if (!td || typeof td !== 'object') return 'textDocument must be an object';
  if (typeof td.uri !== 'string') return 'textDocument.uri must be a string';
  if (typeof td.languageId !== 'string') return 'textDocument.languageId must be a string';
  if (typeof td.version !== 'number' || !Number.isInteger(td.version)) return 'textDocument.version must be a whole number';
  if (typeof td.text !== 'string') return 'textDocument.text must be a string';
  return undefined;
}

/** What is wrong with a didChange's params (undefined when nothing). Ranges may lie beyond the end (they are clamped). */
export function changeProblem(params: unknown): string | undefined {
  const p = params as { textDocument?: unknown; contentChanges?: unknown } | null;
  const td = p?.textDocument as Record<string, unknown> | null | undefined;
  if (!td || typeof td !== 'object') return 'textDocument must be an object';
  if (typeof td.uri !== 'string') return 'textDocument.uri must be a string';
  if (typeof td.version !== 'number' || !Number.isInteger(td.version)) return 'textDocument.version must be a whole number';
  if (!Array.isArray(p?.contentChanges)) return 'contentChanges must be an array';
  for (const change of p.contentChanges as unknown[]) {
    const c = change as { text?: unknown; range?: unknown } | null;
    if (!c || typeof c !== 'object' || typeof c.text !== 'string') return 'every content change needs its text';
    if (c.range === undefined) continue;
    const r = c.range as { start?: unknown; end?: unknown } | null;
    const whole = (q: unknown): boolean =>
      !!q && typeof q === 'object' && isUinteger((q as Position).line) && isUinteger((q as Position).character);
    if (!r || typeof r !== 'object' || !whole(r.start) || !whole(r.end))
      return 'a content change range must be { start, end } with whole numbers from 0';
  }
  return undefined;
}

/** LSP `uinteger`: a whole number from 0 (huge ones are clamped to the document, not refused). */
function isUinteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export function positionShape(method: string, value: unknown, name = 'position'): Position {
  const p = value as Partial<Position> | null | undefined;
  if (!p || typeof p !== 'object' || !isUinteger(p.line) || !isUinteger(p.character)) {
    throw invalidParams(method, `${name} must be { line, character } with whole numbers from 0`);
  }
  return { line: p.line, character: p.character };
}

export function rangeShape(method: string, value: unknown): Range {
  const r = value as Partial<Range> | null | undefined;
  if (!r || typeof r !== 'object') throw invalidParams(method, 'range must be { start, end }');
  return { start: positionShape(method, r.start, 'range.start'), end: positionShape(method, r.end, 'range.end') };
}

/** The service reads `only` (and finds the diagnostics itself): the diagnostics need only be a list. */
export function contextShape(method: string, value: unknown): CodeActionContext {
  const c = value as Partial<CodeActionContext> | null | undefined;
  if (!c || typeof c !== 'object') throw invalidParams(method, 'context must be an object');
  if (!Array.isArray(c.diagnostics)) throw invalidParams(method, 'context.diagnostics must be an array');
  if (c.only !== undefined && !(Array.isArray(c.only) && c.only.every((k) => typeof k === 'string')))
    throw invalidParams(method, 'context.only must be an array of strings');
  return { diagnostics: [], only: c.only, triggerKind: c.triggerKind };
}

/** A position inside the document: a line beyond the last is its end, a character beyond the line is the line's end. */
export function clamped(document: TextDocument, position: Position): Position {
  return document.positionAt(document.offsetAt(position));
}

/** Both ends inside the document, start first. */
export function clampedRange(document: TextDocument, range: Range): Range {
  const start = clamped(document, range.start);
  const end = clamped(document, range.end);
  return document.offsetAt(start) <= document.offsetAt(end) ? { start, end } : { start: end, end: start };
}
