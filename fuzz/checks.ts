import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Position, Range, TextEdit } from 'vscode-languageserver-types';
import type { LanguageService } from '../server/src/service/languageService';
import type { Settings } from '../server/src/service/settings';
import type { Rng } from './rng';

/**
 * What every fuzz input goes through, shared by the fuzzer (fuzz/worker.ts) and the regression
 * test (test/unit/fuzzRegressions.test.ts): every request of the language service on the
 * document, with the invariants an editor relies on.
 *
 * - no exception escapes any request;
 * - every range handed to the editor lies inside the document (line < lineCount, character ≤
 *   the line's length, start ≤ end) — diagnostics, related information, code action and
 *   fix-all edits, hover ranges, completion edits, symbols, folding ranges;
 * - the edits of one action do not overlap (the editor refuses them otherwise);
 * - completion edits are on one line and contain the cursor (LSP's rule for textEdit);
 * - a symbol's selectionRange lies inside its range;
 * - every request finishes within the time limit (fuzz/main.ts also kills a worker that hangs).
 */
/**
 * `output`: the CLI printed something a CI runner would execute (see ciCommandProblems in main.ts).
 * `incremental`: a script's next version, re-parsed on its previous parse, got other diagnostics than a fresh parse of the same text.
 */
export type FailureKind = 'crash' | 'timeout' | 'range' | 'edit' | 'output' | 'incremental';

export interface Failure {
  kind: FailureKind;
  /** Which document: the input as XML ('xml'), or as a script ('ps'). */
  doc: 'xml' | 'ps';
  /** The request, with its offset where it has one: `complete@120`. */
  call: string;
  message: string;
  stack?: string;
}

export interface DocumentResult {
  failures: Failure[];
  ms: number;
  /** The slowest request and its time. */
  slowest: { call: string; ms: number };
  /** Offsets completion and hover were asked at. */
  offsets: number[];
  diagnostics: number;
}

export interface CheckOptions {
  /** Time budget of every single request (ms): a request that takes longer is a timeout. */
  timeLimitMs: number;
  /** Ask codeActions without `only` (quick fixes and the fix-all source action) rather than for quick fixes only. */
  allActionKinds?: boolean;
  /** Put the input into the workspace index first, as a neighbour file (default: one input in ten). */
  neighbour?: boolean;
  /** Random offsets (besides 0, end and a few inside tags/strings) for completion and hover. */
  randomOffsets?: number;
  /** Offsets that must be asked as well (a saved failure's). */
  extraOffsets?: readonly number[];
  /** At most this many distinct diagnostic ranges get their own codeActions request (all when fewer). */
  maxActionRanges?: number;
  settings?: Partial<Settings>;
}

let version = 0;

/** Time spent per request kind (complete, hover, codeActions, …) over the process's life, for the summary. */
export const requestTimes = new Map<string, { count: number; ms: number }>();
const requestKind = (call: string): string => call.replace(/@\d+$/, '').replace(/\(all\)$/, '(document)');

export function randomSettings(rng: Rng): Partial<Settings> | undefined {
  const r = rng.int(6);
  if (r <= 2) return undefined;
  if (r === 3) return { deployment: 'intune' };
  if (r === 4)
    return {
      targetWindows: rng.pick(['win10-1709', 'win10-1511', '10.0.19041', 'win11-24h2', '10.0.99999']),
      deployment: rng.pick(['powershell', 'any']),
    };
  return { rules: { 'weak-crypto': 'error', 'non-canonical-value': 'off', 'ps-weak-crypto': 'hint' } as Settings['rules'] };
}

/** Lengths of the document's lines as TextDocument counts them (\r\n, \r and \n end a line). */
export function lineLengths(text: string): number[] {
  const out: number[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 || c === 10) {
      out.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  out.push(text.length - start);
  return out;
}

function positionProblem(p: Position | undefined, lines: number[]): string | undefined {
  if (!p || typeof p !== 'object') return `position is ${JSON.stringify(p)}`;
  const { line, character } = p;
  if (!Number.isInteger(line) || !Number.isInteger(character)) return `position ${JSON.stringify(p)} is not integral`;
  if (line < 0 || line >= lines.length) return `line ${line} outside 0..${lines.length - 1}`;
  if (character < 0 || character > lines[line]) return `character ${character} outside line ${line} (length ${lines[line]})`;
  return undefined;
}

export function rangeProblem(r: Range | undefined, lines: number[]): string | undefined {
  if (!r || typeof r !== 'object') return `range is ${JSON.stringify(r)}`;
  const problem = positionProblem(r.start, lines) ?? positionProblem(r.end, lines);
  if (problem) return `${problem} in ${show(r)}`;
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character))
    return `start after end in ${show(r)}`;
  return undefined;
}

const show = (r: Range): string => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

const contains = (outer: Range, inner: Range): boolean => !before(inner.start, outer.start) && !before(outer.end, inner.end);
const before = (a: Position, b: Position): boolean => a.line < b.line || (a.line === b.line && a.character < b.character);

/** Offsets worth asking completion and hover at: 0, the end, and places inside tags, values and strings. */
export function interestingOffsets(text: string, rng: Rng, random: number): number[] {
  const set = new Set<number>([0, text.length]);
  const sample = (re: RegExp, delta: number): void => {
    const hits: number[] = [];
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let guard = 0;
    while ((m = re.exec(text)) && guard++ < 5000) hits.push(m.index);
    if (hits.length) set.add(Math.min(text.length, rng.pick(hits) + delta));
  };
  sample(/</g, 1); // just after '<'
  sample(/<[A-Za-z]/g, 3); // inside an element name
  sample(/>[^<\s]/g, 1); // start of a text value
  sample(/<\//g, 2); // inside an end tag
  sample(/="/g, 2); // inside an attribute value
  sample(/\s-[A-Za-z]/g, 2); // a PowerShell parameter name
  sample(/['"]/g, 1); // inside a string
  for (let i = 0; i < random; i++) set.add(rng.int(text.length + 1));
  return [...set].sort((a, b) => a - b);
}

function editsProblem(edits: readonly TextEdit[] | undefined, lines: number[], what: string, document: TextDocument): Failure | undefined {
  if (!edits) return undefined;
  for (const e of edits) {
    const problem = rangeProblem(e.range, lines);
    if (problem) return { kind: 'range', doc: 'xml', call: what, message: `edit range: ${problem}` };
    if (typeof e.newText !== 'string')
      return { kind: 'edit', doc: 'xml', call: what, message: `edit without newText: ${JSON.stringify(e)}` };
  }
  try {
    TextDocument.applyEdits(document, edits as TextEdit[]);
  } catch (error) {
    return { kind: 'edit', doc: 'xml', call: what, message: `edits cannot be applied: ${(error as Error).message}` };
  }
  return undefined;
}

/**
 * Runs every request of the service on one document and returns what broke. Never throws for
 * a failure of the service: failures are returned.
 */
export function checkDocument(
  service: LanguageService,
  text: string,
  which: 'xml' | 'ps',
  rng: Rng,
  options: CheckOptions,
): DocumentResult {
  const languageId = which === 'ps' ? 'powershell' : 'xml';
  const uri = which === 'ps' ? 'file:///fuzz/input.ps1' : 'file:///fuzz/input.xml';
  const document = TextDocument.create(uri, languageId, ++version, text);
  const lines = lineLengths(text);
  const failures: Failure[] = [];
  const settings = options.settings;
  let total = 0;
  let slowest = { call: '', ms: 0 };
  const fail = (f: Omit<Failure, 'doc'>): void => {
    if (failures.length < 20) failures.push({ ...f, doc: which });
  };
  // After a request kind timed out once on this document, its other requests are skipped: the
  // problem is reported, and a 10,000-level input must not keep a worker busy for minutes.
  const timedOut = new Set<string>();
  const call = <T>(name: string, fn: () => T): T | undefined => {
    if (timedOut.has(requestKind(name))) return undefined;
    const t0 = performance.now();
    try {
      return fn();
    } catch (error) {
      const e = error as Error;
      fail({ kind: 'crash', call: name, message: e?.message ?? String(error), stack: e?.stack });
      return undefined;
    } finally {
      const ms = performance.now() - t0;
      total += ms;
      if (ms > options.timeLimitMs) {
        timedOut.add(requestKind(name));
        fail({ kind: 'timeout', call: name, message: `${name} took ${Math.round(ms)} ms (limit ${options.timeLimitMs} ms per request)` });
      }
      const kind = `${which}:${requestKind(name)}`;
      const entry = requestTimes.get(kind) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += ms;
      requestTimes.set(kind, entry);
      if (ms > slowest.ms) slowest = { call: name, ms };
    }
  };
  const checkRange = (r: Range | undefined, name: string, what: string): void => {
    const problem = rangeProblem(r, lines);
    if (problem) fail({ kind: 'range', call: name, message: `${what}: ${problem}` });
  };
  const checkEdits = (edits: readonly TextEdit[] | undefined, name: string): void => {
    const f = editsProblem(edits, lines, name, document);
    if (f) fail({ kind: f.kind, call: f.call, message: f.message });
  };
  const checkDiagnostic = (d: Diagnostic, name: string): void => {
    checkRange(d.range, name, `diagnostic ${String(d.code)}`);
    for (const r of d.relatedInformation ?? [])
      if (r.location.uri === uri) checkRange(r.location.range, name, `related information of ${String(d.code)}`);
  };

  // validate
  const diagnostics = call('validate', () => service.validate(document, settings)) ?? [];
  for (const d of diagnostics) checkDiagnostic(d, 'validate');

  // complete and hover
  const offsets = interestingOffsets(text, rng, options.randomOffsets ?? 2);
  for (const extra of options.extraOffsets ?? []) if (extra >= 0 && extra <= text.length && !offsets.includes(extra)) offsets.push(extra);
  for (const offset of offsets) {
    const position = document.positionAt(offset);
    const list = call(`complete@${offset}`, () => service.complete(document, position, settings));
    for (const item of (list?.items ?? []) as CompletionItem[]) {
      const edit = item.textEdit;
      if (edit) {
        const ranges = 'range' in edit ? [edit.range] : [edit.insert, edit.replace];
        for (const r of ranges) {
          const problem = rangeProblem(r, lines);
          if (problem) fail({ kind: 'range', call: `complete@${offset}`, message: `completion "${item.label}" edit: ${problem}` });
          else if (r.start.line !== r.end.line || !contains(r, { start: position, end: position }))
            fail({
              kind: 'range',
              call: `complete@${offset}`,
              message: `completion "${item.label}" edit ${show(r)} is not one line containing the cursor ${position.line}:${position.character}`,
            });
        }
      }
      for (const e of item.additionalTextEdits ?? [])
        checkRange(e.range, `complete@${offset}`, `completion "${item.label}" additional edit`);
    }
    const hover = call(`hover@${offset}`, () => service.hover(document, position, settings));
    if (hover?.range) checkRange(hover.range, `hover@${offset}`, 'hover range');
  }

  // code actions: once for the whole document (quick fixes of every diagnostic and fix-all),
  // then for each diagnostic's own range as the editor asks for them.
  const checkActions = (actions: CodeAction[] | undefined, name: string): void => {
    for (const action of actions ?? []) {
      for (const d of action.diagnostics ?? []) checkDiagnostic(d, name);
      const changes = action.edit?.changes ?? {};
      for (const [target, edits] of Object.entries(changes)) {
        if (target === uri) checkEdits(edits, `${name} "${action.title}"`);
      }
      for (const change of action.edit?.documentChanges ?? []) {
        if ('textDocument' in change && change.textDocument.uri === uri)
          checkEdits(change.edits as TextEdit[], `${name} "${action.title}"`);
      }
    }
  };
  const whole: Range = { start: { line: 0, character: 0 }, end: document.positionAt(text.length) };
  const allContext = options.allActionKinds ? { diagnostics } : { diagnostics, only: ['quickfix'] };
  checkActions(
    call('codeActions(all)', () => service.codeActions(document, whole, allContext, settings)),
    'codeActions(all)',
  );
  const seen = new Set<string>();
  let ranges = diagnostics.filter((d) => {
    const key = JSON.stringify(d.range);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const cap = options.maxActionRanges ?? Infinity;
  if (ranges.length > cap) {
    const keep = new Set<number>([0, ranges.length - 1]);
    while (keep.size < cap) keep.add(rng.int(ranges.length));
    ranges = ranges.filter((_, i) => keep.has(i));
  }
  for (const d of ranges) {
    const at = `codeActions@${document.offsetAt(d.range.start)}`;
    const context = { diagnostics: diagnostics.filter((x) => JSON.stringify(x.range) === JSON.stringify(d.range)), only: ['quickfix'] };
    checkActions(
      call(at, () => service.codeActions(document, d.range, context, settings)),
      at,
    );
  }

  // fix-all
  const fixes = call('fixAll', () => service.fixAll(document, settings));
  checkEdits(fixes, 'fixAll');

  // symbols and folding
  const symbols = call('documentSymbols', () => service.documentSymbols(document));
  const walk = (list: DocumentSymbol[] | undefined, depth: number): void => {
    for (const s of list ?? []) {
      checkRange(s.range, 'documentSymbols', `symbol "${s.name}" range`);
      checkRange(s.selectionRange, 'documentSymbols', `symbol "${s.name}" selectionRange`);
      if (!rangeProblem(s.range, lines) && !rangeProblem(s.selectionRange, lines) && !contains(s.range, s.selectionRange))
        fail({
          kind: 'range',
          call: 'documentSymbols',
          message: `symbol "${s.name}" selectionRange ${show(s.selectionRange)} outside its range ${show(s.range)}`,
        });
      if (depth < 20_000) walk(s.children, depth + 1);
    }
  };
  walk(symbols, 0);
  const folds = call('foldingRanges', () => service.foldingRanges(document));
  for (const f of folds ?? []) {
    if (
      !Number.isInteger(f.startLine) ||
      !Number.isInteger(f.endLine) ||
      f.startLine < 0 ||
      f.startLine > f.endLine ||
      f.endLine >= lines.length
    )
      fail({ kind: 'range', call: 'foldingRanges', message: `folding range ${f.startLine}-${f.endLine} outside 0..${lines.length - 1}` });
  }

  // Scripts: the next version (one character typed or deleted) is re-parsed on this one's parse;
  // its diagnostics must be those of the same text seen fresh.
  if (which === 'ps') {
    const at = rng.int(text.length + 1);
    const edited =
      rng.int(3) === 0 && at < text.length ? text.slice(0, at) + text.slice(at + 1) : text.slice(0, at) + rng.pick(TYPED) + text.slice(at);
    const next = call('validate (next version)', () => service.validate(TextDocument.create(uri, languageId, ++version, edited), settings));
    const freshUri = `file:///fuzz/fresh-${version}.ps1`;
    const fresh = call('validate (same text, new document)', () =>
      service.validate(TextDocument.create(freshUri, languageId, 1, edited), settings),
    );
    if (next && fresh) {
      const seen = (list: Diagnostic[], self: string): string =>
        JSON.stringify(
          list.map((d) => [d.code, d.range, typeof d.message === 'string' ? d.message.split(self).join('<self>') : d.message]),
        );
      if (seen(next, uri) !== seen(fresh, freshUri))
        fail({
          kind: 'incremental',
          call: 'validate (next version)',
          message: `one character at ${at} changed: incremental ${seen(next, uri).slice(0, 300)} vs fresh ${seen(fresh, freshUri).slice(0, 300)}`,
        });
    }
  }

  return { failures, ms: total, slowest, offsets, diagnostics: diagnostics.length };
}

/** What the next version types at a random place. */
const TYPED = ['a', ' ', '\n', "'", '"', '$', '-', '#', '{', '}', '`', '0'];

export interface InputResult {
  failures: Failure[];
  ms: number;
  slowest: { call: string; ms: number; doc: 'xml' | 'ps' };
  /** Offsets asked per document, to replay a failure exactly. */
  offsets: { xml: number[]; ps: number[] };
  /** The settings the requests used. */
  settings?: Partial<Settings>;
}

/**
 * One fuzz input: its text as a ProfileXML document ('xml') and as a script ('ps') — for an XML
 * input the script is the profile wrapped in PowerShell, for a script input the XML document is
 * the script's own text. Now and then the text is also put into the workspace index first, so
 * that the cross-file rules compare the document with a fuzzed neighbour.
 */
export function checkInput(
  service: LanguageService,
  input: { xmlText: string; scriptText: string; kind: 'xml' | 'ps' },
  rng: Rng,
  options: CheckOptions,
  extraOffsets: { xml?: readonly number[]; ps?: readonly number[] } = {},
): InputResult {
  const failures: Failure[] = [];
  const settings = options.settings ?? randomSettings(rng);
  // Big inputs get fewer requests: each one re-validates the whole text.
  const big = Math.max(input.xmlText.length, input.scriptText.length) > 20_000;
  options = {
    ...options,
    allActionKinds: options.allActionKinds ?? rng.bool(0.25),
    randomOffsets: big ? Math.min(1, options.randomOffsets ?? 2) : options.randomOffsets,
    maxActionRanges: big ? Math.min(3, options.maxActionRanges ?? Infinity) : options.maxActionRanges,
  };
  let neighbour: string | undefined;
  if (options.neighbour ?? rng.bool(0.1)) {
    const asScript = rng.bool();
    neighbour = asScript ? 'file:///fuzz/workspace/neighbour.ps1' : 'file:///fuzz/workspace/neighbour.xml';
    const text = asScript ? input.scriptText : input.xmlText;
    const t0 = performance.now();
    try {
      service.workspace.setFile(neighbour, asScript ? 'powershell' : 'xml', text, ++version);
    } catch (error) {
      const e = error as Error;
      failures.push({
        kind: 'crash',
        doc: asScript ? 'ps' : 'xml',
        call: 'workspace.setFile',
        message: e?.message ?? String(error),
        stack: e?.stack,
      });
    }
    if (performance.now() - t0 > options.timeLimitMs)
      failures.push({
        kind: 'timeout',
        doc: asScript ? 'ps' : 'xml',
        call: 'workspace.setFile',
        message: `indexing took ${Math.round(performance.now() - t0)} ms`,
      });
  }
  try {
    const xml = checkDocument(service, input.xmlText, 'xml', rng, { ...options, settings, extraOffsets: extraOffsets.xml });
    const ps = checkDocument(service, input.scriptText, 'ps', rng, { ...options, settings, extraOffsets: extraOffsets.ps });
    failures.push(...xml.failures, ...ps.failures);
    const slowest = xml.slowest.ms >= ps.slowest.ms ? { ...xml.slowest, doc: 'xml' as const } : { ...ps.slowest, doc: 'ps' as const };
    const ms = xml.ms + ps.ms;
    return { failures, ms, slowest, offsets: { xml: xml.offsets, ps: ps.offsets }, settings };
  } finally {
    if (neighbour) {
      try {
        service.workspace.removeFile(neighbour);
      } catch (error) {
        const e = error as Error;
        failures.push({ kind: 'crash', doc: 'xml', call: 'workspace.removeFile', message: e?.message ?? String(error), stack: e?.stack });
      }
    }
  }
}
