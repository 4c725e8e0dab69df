import type { OffsetEdit } from '../core/findings';
import type { Span } from '../xml/xmlTree';
import type { PsStringQuoting } from './model';

/**
 * The text a PowerShell string literal hands to its consumer (the "virtual" text), and the exact
 * correspondence between offsets in that text and offsets in the script. Embedded ProfileXML is
 * checked, completed and hovered on the virtual text; every span and edit is then mapped back
 * here, with edits re-escaped for the literal's quoting.
 *
 * Decoding follows PowerShell's tokenizer:
 * - `'…'`: a doubled single quote is one quote (PowerShell treats ‘ ’ ‚ ‛ as single quotes too).
 * - `"…"`: backtick escapes (`` `n `` `` `t `` `` `$ `` `` `" `` … `` `u{hex} ``) are decoded, a
 *   doubled double quote is one quote; `$name` / `${…}` / `$( … )` stay as their literal text.
 * - `@'…'@`: verbatim.
 * - `@"…"@`: backtick escapes decoded, quotes literal, expansions kept as text.
 * Expansions keep their length in the virtual text (so offsets inside them map 1:1) but any
 * character XML would read as markup (`< > & " '`) is replaced by `_`: the runtime value is
 * unknown, and code such as `$($x -replace '<','')` must not break the XML around it.
 */

const SINGLE_QUOTES = "'\u2018\u2019\u201A\u201B";
const DOUBLE_QUOTES = '"\u201C\u201D\u201E';

export function isSingleQuote(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && SINGLE_QUOTES.includes(c);
}

export function isDoubleQuote(c: string | undefined): boolean {
  return c !== undefined && c.length === 1 && DOUBLE_QUOTES.includes(c);
}

/** A run of the literal: verbatim (same length on both sides) or one atomic escape sequence. */
export interface Segment {
  vStart: number;
  vEnd: number;
  sStart: number;
  sEnd: number;
  /** An escape sequence (`''`, `` `n ``, `""` …): never split, spans covering part of it cover all of it. */
  atomic: boolean;
}

/** What the mapping needs to know about one string literal. */
export interface LiteralSource {
  quoting: PsStringQuoting;
  /** Script span of the content between the delimiters. */
  contentSpan: Span;
  /** Script spans of `$name`, `${…}` and `$( … )` expansions (double-quoted kinds only). */
  expansions?: readonly Span[];
}

export interface VirtualText {
  /** The decoded content: what PowerShell would hand to the bridge (expansions as literal text). */
  text: string;
  quoting: PsStringQuoting;
  contentSpan: Span;
  segments: readonly Segment[];
  /** Expansion spans in virtual offsets. */
  expansions: readonly Span[];
}

const BACKTICK_LETTERS: Record<string, string> = {
  '0': '\0',
  a: '\u0007',
  b: '\b',
  e: '\u001b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Builds the virtual text of a literal from the script text. */
export function buildVirtualText(script: string, source: LiteralSource): VirtualText {
  const { quoting, contentSpan } = source;
  const expansions = mergeSpans((source.expansions ?? []).filter((e) => e.start >= contentSpan.start && e.end <= contentSpan.end));
  const segments: Segment[] = [];
  const virtualExpansions: Span[] = [];
  let text = '';
  let runStart = -1; // script offset where the current verbatim run began
  let runVStart = 0;

  const flush = (sEnd: number): void => {
    if (runStart >= 0 && sEnd > runStart) segments.push({ vStart: runVStart, vEnd: text.length, sStart: runStart, sEnd, atomic: false });
    runStart = -1;
  };
  const verbatim = (s: number, chars: string): void => {
    if (runStart < 0) {
      runStart = s;
      runVStart = text.length;
    }
    text += chars;
  };
  const atomic = (sStart: number, sEnd: number, value: string): void => {
    flush(sStart);
    const vStart = text.length;
    text += value;
    segments.push({ vStart, vEnd: text.length, sStart, sEnd, atomic: true });
  };

  const decodesBackticks = quoting === 'double' || quoting === 'double-here';
  let expansionIndex = 0;
  let s = contentSpan.start;
  while (s < contentSpan.end) {
    const expansion = expansions[expansionIndex];
    if (decodesBackticks && expansion && s === expansion.start) {
      const vStart = text.length;
      verbatim(s, script.slice(expansion.start, expansion.end).replace(/[<>&"'\u2018-\u201B\u201C-\u201E]/g, '_'));
      virtualExpansions.push({ start: vStart, end: text.length });
      s = expansion.end;
      expansionIndex++;
      continue;
    }
    const c = script[s];
    const next = s + 1 < contentSpan.end ? script[s + 1] : undefined;
    if (quoting === 'single' && isSingleQuote(c) && isSingleQuote(next)) {
      atomic(s, s + 2, next!);
      s += 2;
    } else if (quoting === 'double' && isDoubleQuote(c) && isDoubleQuote(next)) {
      atomic(s, s + 2, next!);
      s += 2;
    } else if (decodesBackticks && c === '`' && next !== undefined) {
      const unicode = next === 'u' ? /^u\{([0-9a-fA-F]{1,6})\}/.exec(script.slice(s + 1, Math.min(contentSpan.end, s + 10))) : null;
      const codePoint = unicode ? parseInt(unicode[1], 16) : -1;
      if (unicode && codePoint <= 0x10ffff) {
        atomic(s, s + 1 + unicode[0].length, String.fromCodePoint(codePoint));
        s += 1 + unicode[0].length;
      } else {
        atomic(s, s + 2, BACKTICK_LETTERS[next] ?? next);
        s += 2;
      }
    } else {
      verbatim(s, c);
      s++;
    }
  }
  flush(contentSpan.end);
  return { text, quoting, contentSpan, segments, expansions: virtualExpansions };
}

function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start < last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** The segment holding virtual offset `v` (the one starting there, or the last one ending there). */
function segmentAtVirtual(virtual: VirtualText, v: number): Segment | undefined {
  const segs = virtual.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const seg = segs[mid];
    if (v < seg.vStart) hi = mid - 1;
    else if (v >= seg.vEnd) lo = mid + 1;
    else return seg;
  }
  return segs[segs.length - 1];
}

/**
 * Script offset of a virtual offset. Inside an atomic escape (only possible for `` `u{…} ``
 * producing a surrogate pair) `bias` picks the escape's start or end.
 */
export function toScriptOffset(virtual: VirtualText, v: number, bias: 'start' | 'end' = 'start'): number {
  const at = Math.max(0, Math.min(v, virtual.text.length));
  const seg = segmentAtVirtual(virtual, at);
  if (!seg) return virtual.contentSpan.start;
  if (at >= seg.vEnd) return seg.sEnd;
  if (at <= seg.vStart) return seg.sStart;
  if (!seg.atomic) return seg.sStart + (at - seg.vStart);
  return bias === 'start' ? seg.sStart : seg.sEnd;
}

/** True when `v` falls strictly inside an atomic escape. */
function splitsEscape(virtual: VirtualText, v: number): boolean {
  const seg = segmentAtVirtual(virtual, v);
  return !!seg && seg.atomic && v > seg.vStart && v < seg.vEnd;
}

/**
 * Virtual offset of a script offset, or undefined outside the content span. An offset inside
 * an escape sequence maps to the start of the decoded character when it is at the sequence's
 * start, to its end otherwise.
 */
export function toVirtualOffset(virtual: VirtualText, s: number): number | undefined {
  const { contentSpan } = virtual;
  if (s < contentSpan.start || s > contentSpan.end) return undefined;
  for (const seg of virtual.segments) {
    if (s < seg.sStart || s >= seg.sEnd) continue;
    if (!seg.atomic) return seg.vStart + (s - seg.sStart);
    return s === seg.sStart ? seg.vStart : seg.vEnd;
  }
  return virtual.text.length;
}

/** A virtual span in script offsets; a span covering part of an escape covers the whole escape. */
export function toScriptSpan(virtual: VirtualText, span: Span): Span {
  const start = toScriptOffset(virtual, span.start, 'start');
  const end = span.end === span.start ? start : toScriptOffset(virtual, span.end, 'end');
  return { start, end: Math.max(start, end) };
}

/** The span overlaps (or, when empty, sits inside or at the edge of) an expansion. */
export function touchesExpansion(virtual: VirtualText, span: Span): boolean {
  return virtual.expansions.some((e) =>
    span.start === span.end ? span.start >= e.start && span.start <= e.end : span.start < e.end && e.start < span.end,
  );
}

// ---- edits -----------------------------------------------------------------------------------

/**
 * Re-escapes text for insertion into a literal of this quoting: `'` doubled in single-quoted
 * strings; `` ` `` and `$` (and `"` outside here-strings) get a backtick in double-quoted ones.
 * `newlineEscapes` writes CR/LF/tab as `` `r `n `t `` (for double-quoted strings that already do);
 * `doubledQuotes` writes `"` as `""` in double-quoted strings (for those that already do).
 */
export function escapeForLiteral(quoting: PsStringQuoting, text: string, newlineEscapes = false, doubledQuotes = false): string {
  switch (quoting) {
    case 'single':
      return text.replace(/['\u2018-\u201B]/g, (q) => q + q);
    case 'double': {
      const out = text.replace(/[`$"\u201C-\u201E]/g, (c) => (doubledQuotes && c !== '`' && c !== '$' ? c + c : '`' + c));
      return newlineEscapes ? out.replace(/\r/g, '`r').replace(/\n/g, '`n').replace(/\t/g, '`t') : out;
    }
    case 'double-here':
      return text.replace(/[`$]/g, (c) => '`' + c);
    case 'single-here':
      return text;
  }
}

/**
 * Snippet-aware variant for completion items: snippet syntax (`$1`, `${1:…}`, `$0`, escaped
 * `\$ \} \\`) is kept, the literal text around it is escaped for the string.
 */
export function escapeSnippetForLiteral(quoting: PsStringQuoting, snippet: string, newlineEscapes = false): string {
  let out = '';
  let i = 0;
  while (i < snippet.length) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length) {
      const escaped = escapeForLiteral(quoting, snippet[i + 1], newlineEscapes);
      // `\$` in a snippet is a literal dollar: the backtick PowerShell needs goes in front of the escape.
      out += escaped.length > 1 && escaped.endsWith(snippet[i + 1]) ? escaped.slice(0, -1) + '\\' + snippet[i + 1] : '\\' + escaped;
      i += 2;
      continue;
    }
    const syntax = c === '$' ? /^\$(\d+|\{\d+[:|}]?|[A-Z_a-z]\w*|\{[A-Z_a-z]\w*[:}]?)/.exec(snippet.slice(i)) : null;
    if (syntax) {
      out += syntax[0];
      i += syntax[0].length;
      continue;
    }
    out += escapeForLiteral(quoting, c, newlineEscapes);
    i++;
  }
  return out;
}

/** Double-quoted content that writes line breaks as `` `n `` gets the same style for inserted text. */
export function usesNewlineEscapes(script: string, virtual: VirtualText): boolean {
  if (virtual.quoting !== 'double') return false;
  const raw = script.slice(virtual.contentSpan.start, virtual.contentSpan.end);
  return /`[nr]/.test(raw) && !/[\r\n]/.test(raw);
}

/**
 * Double-quoted content that escapes its quotes by doubling them (`""`), never with a backtick:
 * inserted and moved text gets the same style, so that a fix that moves a comment holding
 * `""x""` writes it back byte for byte.
 */
export function usesDoubledQuotes(script: string, virtual: VirtualText): boolean {
  if (virtual.quoting !== 'double') return false;
  let doubled = false;
  for (const seg of virtual.segments) {
    if (!seg.atomic || seg.sEnd - seg.sStart !== 2) continue;
    const first = script[seg.sStart];
    if (first === '`' && isDoubleQuote(script[seg.sStart + 1])) return false;
    if (isDoubleQuote(first) && isDoubleQuote(script[seg.sStart + 1])) doubled = true;
  }
  return doubled;
}

/**
 * An edit of the virtual text as an edit of the script, re-escaped for the literal's quoting;
 * undefined when it cannot be written safely: it touches an expansion, splits an escape, would
 * glue a literal `$` to a name (creating an expansion), or would end a here-string early.
 */
export function toScriptEdit(
  script: string,
  virtual: VirtualText,
  edit: OffsetEdit,
  options: { snippet?: boolean } = {},
): OffsetEdit | undefined {
  if (edit.start < 0 || edit.end > virtual.text.length || edit.end < edit.start) return undefined;
  if (virtual.expansions.some((e) => edit.start <= e.end && edit.end >= e.start)) return undefined;
  if (splitsEscape(virtual, edit.start) || splitsEscape(virtual, edit.end)) return undefined;
  const start = toScriptOffset(virtual, edit.start, 'start');
  const end = edit.end === edit.start ? start : toScriptOffset(virtual, edit.end, 'end');
  const newlineEscapes = usesNewlineEscapes(script, virtual);
  const newText = options.snippet
    ? escapeSnippetForLiteral(virtual.quoting, edit.newText, newlineEscapes)
    : escapeForLiteral(virtual.quoting, edit.newText, newlineEscapes, usesDoubledQuotes(script, virtual));
  const { contentSpan } = virtual;
  const before = script.slice(contentSpan.start, start);
  const after = script.slice(end, contentSpan.end);
  if (virtual.quoting === 'double' || virtual.quoting === 'double-here') {
    // A literal `$` left in the script (followed by nothing PowerShell expands) must stay literal.
    const joined = newText + after;
    if (/(^|[^`])\$$/.test(before) && /^[\w{(:?^$]/.test(joined)) return undefined;
  }
  if (virtual.quoting === 'single-here' || virtual.quoting === 'double-here') {
    const terminator = virtual.quoting === 'single-here' ? "'@" : '"@';
    const lineStart = before.lastIndexOf('\n') + 1;
    const afterNl = after.indexOf('\n');
    const region = before.slice(lineStart) + newText + (afterNl < 0 ? after : after.slice(0, afterNl));
    // Here-string content starts on a line of its own: every line of the region starts a line.
    if (region.split('\n').some((line) => startsWithTerminator(line, terminator))) return undefined;
  }
  return { start, end, newText };
}

/** A here-string line that PowerShell (or an editor that is lenient about indentation) would read as the footer. */
function startsWithTerminator(line: string, terminator: string): boolean {
  const trimmed = line.replace(/^[ \t]+/, '');
  if (!trimmed.startsWith(terminator[0]) || trimmed[1] !== '@') return false;
  return terminator[0] === "'" ? isSingleQuote(trimmed[0]) : isDoubleQuote(trimmed[0]);
}
