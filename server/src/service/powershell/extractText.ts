import type { Span } from '../xml/xmlTree';
import type { PsValue } from './model';

/**
 * Character-level helpers shared by the extractor: PowerShell's quoting, escaping and
 * bracket rules, applied directly to the script text. They never throw and always make
 * progress; an unclosed construct runs to the end of the text, as PowerShell reads it.
 */

/** PowerShell accepts the typographic dashes and quotes that word processors put into pasted scripts. */
export const isDash = (c: string | undefined): boolean => c === '-' || c === '\u2013' || c === '\u2014' || c === '\u2015';
export const isSingleQuote = (c: string | undefined): boolean =>
  c === "'" || c === '\u2018' || c === '\u2019' || c === '\u201a' || c === '\u201b';
export const isDoubleQuote = (c: string | undefined): boolean => c === '"' || c === '\u201c' || c === '\u201d' || c === '\u201e';

/** Blanks inside a line (not line breaks). */
export function isBlank(c: string | undefined): boolean {
  if (c === undefined) return false;
  return (
    c === ' ' ||
    c === '\t' ||
    c === '\f' ||
    c === '\v' ||
    c === '\u00a0' ||
    c === '\ufeff' ||
    (c >= '\u2000' && c <= '\u200a') ||
    c === '\u202f' ||
    c === '\u205f' ||
    c === '\u3000'
  );
}

export const isNewline = (c: string | undefined): boolean => c === '\n' || c === '\r';

/** Characters of a variable name (`$name`, `@name`) and of a parameter name start. */
export function isNameChar(c: string | undefined): boolean {
  if (c === undefined) return false;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '?') return true;
  return c > '\u007f' && /\p{L}|\p{N}/u.test(c);
}

export function isLetter(c: string | undefined): boolean {
  if (c === undefined) return false;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_') return true;
  return c > '\u007f' && /\p{L}/u.test(c);
}

/** After `'`/`’`: the index after the closing quote (a doubled quote is an escaped quote). */
export function skipSingleQuoted(text: string, p: number): number {
  let i = p + 1;
  const n = text.length;
  while (i < n) {
    if (isSingleQuote(text[i])) {
      if (isSingleQuote(text[i + 1])) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
}

/** After `"`/`“`: the index after the closing quote; backtick escapes, `""` and `$( … )` are honoured. */
export function skipDoubleQuoted(text: string, p: number): number {
  let i = p + 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '`') {
      i += 2;
      continue;
    }
    if (isDoubleQuote(c)) {
      if (isDoubleQuote(text[i + 1])) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    if (c === '$' && text[i + 1] === '(') {
      i = skipBalanced(text, i + 1);
      continue;
    }
    i++;
  }
  return n;
}

/** Whether `@'` / `@"` at p opens a here-string: only blanks may follow on the header line. */
export function isHereStringStart(text: string, p: number): boolean {
  if (text[p] !== '@' || !(isSingleQuote(text[p + 1]) || isDoubleQuote(text[p + 1]))) return false;
  let i = p + 2;
  while (isBlank(text[i])) i++;
  return i >= text.length || isNewline(text[i]);
}

/** After a here-string header at p: the index after the footer (`'@` / `"@` at the start of a line). */
export function skipHereString(text: string, p: number): number {
  const single = isSingleQuote(text[p + 1]);
  const n = text.length;
  let i = text.indexOf('\n', p);
  while (i >= 0 && i < n) {
    const c = text[i + 1];
    if ((single ? isSingleQuote(c) : isDoubleQuote(c)) && text[i + 2] === '@') return i + 3;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/** Whether a `#` at p starts a comment (it must begin a token). */
function startsComment(text: string, p: number): boolean {
  if (p === 0) return true;
  const prev = text[p - 1];
  return (
    isBlank(prev) ||
    isNewline(prev) ||
    prev === ';' ||
    prev === '(' ||
    prev === ')' ||
    prev === '{' ||
    prev === '}' ||
    prev === '|' ||
    prev === ',' ||
    prev === '='
  );
}

/** Index of the end of the line that holds p (the position of its `\r`/`\n`, or the text length). */
export function lineEnd(text: string, p: number): number {
  let i = p;
  while (i < text.length && !isNewline(text[i])) i++;
  return i;
}

/** After `<#` at p: the index after `#>`. */
export function skipBlockComment(text: string, p: number): number {
  const end = text.indexOf('#>', p + 2);
  return end < 0 ? text.length : end + 2;
}

/**
 * After an opening `(` or `{` at p: the index after its matching closer, skipping strings,
 * here-strings, comments and escapes. Brackets of the other kind are matched too, so that
 * `( { ) } )` does not end early; a stray closer of the wrong kind is ignored.
 */
export function skipBalanced(text: string, p: number): number {
  const stack: string[] = [text[p] === '{' ? '}' : ')'];
  let i = p + 1;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '`') i += 2;
    else if (isSingleQuote(c)) i = skipSingleQuoted(text, i);
    else if (isDoubleQuote(c)) i = skipDoubleQuoted(text, i);
    else if (c === '@' && isHereStringStart(text, i)) i = skipHereString(text, i);
    else if (c === '#' && startsComment(text, i)) i = lineEnd(text, i);
    else if (c === '<' && text[i + 1] === '#') i = skipBlockComment(text, i);
    else if (c === '(' || c === '{') {
      stack.push(c === '{' ? '}' : ')');
      i++;
    } else if (c === ')' || c === '}') {
      const at = stack.lastIndexOf(c);
      i++;
      if (at >= 0) {
        stack.length = at;
        if (stack.length === 0) return i;
      }
    } else i++;
  }
  return n;
}

// ---------------------------------------------------------------------------------------
// Values decoded from text

const NUMBER = /^[+-]?(?:0x[0-9a-f]+|0b[01]+|(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)(?:ul|lu|uy|us|un|[lduysn])?(?:kb|mb|gb|tb|pb)?$/i;

export const isNumberText = (t: string): boolean => NUMBER.test(t);

const SCOPES = new Set(['global', 'local', 'script', 'private', 'using', 'workflow']);

/**
 * The name of a variable as written after `$` or `@` (or inside `${ }`), without a scope
 * prefix (`script:x` → `x`). Drive-qualified names such as `env:TEMP` keep their prefix.
 */
export function variableName(raw: string): string {
  const colon = raw.indexOf(':');
  if (colon > 0 && SCOPES.has(raw.slice(0, colon).toLowerCase())) return raw.slice(colon + 1);
  return raw;
}

/** `$name`, `$scope:name`, `${any}`, `$_`, `$$`, `$^`, `$?` — the whole text, nothing else. */
const VARIABLE = /^\$(?:\{([^}]*)\}|([\p{L}\p{N}_?]+(?::[\p{L}\p{N}_?]+)?)|([$^]))$/u;

/** The raw name of a variable token (`$script:x` → `script:x`, `${my var}` → `my var`), or undefined. */
export function variableToken(t: string): string | undefined {
  const m = VARIABLE.exec(t);
  if (!m) return undefined;
  return m[1] ?? m[2] ?? m[3];
}

/** A `$…` variable as a value: $true/$false are booleans, $null is null, the rest variables. */
export function variableValue(t: string, span: Span): PsValue | undefined {
  const raw = variableToken(t);
  if (raw === undefined) return undefined;
  const name = variableName(raw);
  const lower = name.toLowerCase();
  if (lower === 'true' || lower === 'false') return { kind: 'boolean', text: t, value: lower, span };
  if (lower === 'null') return { kind: 'null', text: t, span };
  return { kind: 'variable', text: t, variable: name, span };
}

/** Whether double-quoted content expands something: `$name`, `${…}`, `$( … )` not escaped by a backtick. */
export function hasExpansion(content: string): boolean {
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '`') {
      i++;
      continue;
    }
    if (c === '$') {
      const d = content[i + 1];
      if (d === '(' || d === '{' || d === '$' || d === '^' || isNameChar(d)) return true;
    }
  }
  return false;
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** Resolves backtick escapes (`` `n ``, `` `t ``, `` `" ``, `` `$ ``, ``` `` ```, `` `u{…} ``); `""` → `"` outside here-strings. */
export function unescapeDouble(content: string, here: boolean): string {
  let out = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '`' && i + 1 < content.length) {
      const d = content[i + 1];
      if (d === 'u' && content[i + 2] === '{') {
        const close = content.indexOf('}', i + 3);
        const code = close > 0 ? Number.parseInt(content.slice(i + 3, close), 16) : Number.NaN;
        if (Number.isFinite(code) && code >= 0 && code <= 0x10ffff) {
          out += String.fromCodePoint(code);
          i = close;
          continue;
        }
      }
      out += ESCAPES[d] ?? d;
      i++;
      continue;
    }
    if (!here && isDoubleQuote(c) && isDoubleQuote(content[i + 1])) {
      out += c;
      i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** `''` → `'` (also with typographic quotes). */
export function unescapeSingle(content: string): string {
  let out = '';
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    out += c;
    if (isSingleQuote(c) && isSingleQuote(content[i + 1])) i++;
  }
  return out;
}

/** The content span of a string literal (between the quotes; for here-strings the lines between header and footer). */
export function stringContentSpan(text: string, span: Span): Span {
  const first = text[span.start];
  if (first === '@') {
    const headerEnd = text.indexOf('\n', span.start);
    if (headerEnd < 0 || headerEnd >= span.end) return { start: Math.min(span.start + 2, span.end), end: span.end };
    const start = headerEnd + 1;
    const closed =
      span.end - span.start >= 4 && text[span.end - 1] === '@' && (isSingleQuote(text[span.end - 2]) || isDoubleQuote(text[span.end - 2]));
    let end = closed ? span.end - 2 : span.end;
    if (closed) {
      if (text[end - 1] === '\n') end--;
      if (text[end - 1] === '\r') end--;
    }
    return { start, end: Math.max(start, end) };
  }
  const closed =
    span.end - span.start >= 2 && (isSingleQuote(first) ? isSingleQuote(text[span.end - 1]) : isDoubleQuote(text[span.end - 1]));
  return { start: Math.min(span.start + 1, span.end), end: closed ? span.end - 1 : span.end };
}

/** A quoted string or here-string as a value (kind 'string' or 'expandable'). */
export function stringValue(text: string, span: Span): PsValue {
  const t = text.slice(span.start, span.end);
  const content = stringContentSpan(text, span);
  const raw = text.slice(content.start, content.end);
  const here = t[0] === '@';
  const single = isSingleQuote(here ? t[1] : t[0]);
  if (single) return { kind: 'string', text: t, value: here ? raw : unescapeSingle(raw), span };
  if (hasExpansion(raw)) return { kind: 'expandable', text: t, value: raw, span };
  return { kind: 'string', text: t, value: unescapeDouble(raw, here), span };
}

/**
 * A command-mode token that is not quoted and not a structure: a number (as written, `1KB`
 * included), a bareword with its escapes resolved and embedded quotes removed, or an
 * expandable bareword (`$env:TEMP\x`, `vpn.$domain`: value is the raw text).
 */
export function barewordValue(t: string, span: Span): PsValue {
  if (isNumberText(t)) return { kind: 'number', text: t, value: t, span };
  if (t[0] === '[' || t[0] === '(' || t[0] === '{') return { kind: 'expression', text: t, span };
  let value = '';
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '`' && i + 1 < t.length) {
      value += t[++i];
      continue;
    }
    if (c === '$' && (t[i + 1] === '(' || t[i + 1] === '{' || isNameChar(t[i + 1]))) return { kind: 'expandable', text: t, value: t, span };
    if (isSingleQuote(c)) {
      const end = skipSingleQuoted(t, i);
      value += unescapeSingle(t.slice(i + 1, isSingleQuote(t[end - 1]) && end - 1 > i ? end - 1 : end));
      i = end - 1;
      continue;
    }
    if (isDoubleQuote(c)) {
      const end = skipDoubleQuoted(t, i);
      const inner = t.slice(i + 1, isDoubleQuote(t[end - 1]) && end - 1 > i ? end - 1 : end);
      if (hasExpansion(inner)) return { kind: 'expandable', text: t, value: t, span };
      value += unescapeDouble(inner, false);
      i = end - 1;
      continue;
    }
    value += c;
  }
  return { kind: 'bareword', text: t, value, span };
}
