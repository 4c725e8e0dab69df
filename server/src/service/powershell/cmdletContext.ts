import type { Span } from '../xml/xmlTree';

/**
 * Where the cursor is in a command line that is usually half typed (`Set-VpnServerConfiguration -DH`,
 * `-DHGroup ` with nothing after it): read from the text of the current logical line (backtick
 * continuations joined), not from the parse tree, which cannot be trusted in broken text.
 */

export interface ScanToken {
  text: string;
  span: Span;
  kind: 'word' | 'string' | 'parameter' | 'comma' | 'other';
}

export interface CommandLineContext {
  /** The command name of the command the cursor is in. */
  head: ScanToken;
  /** Tokens of that command before the word at the cursor. */
  before: ScanToken[];
  /** Tokens of that command after the cursor, to the end of the logical line. */
  after: ScanToken[];
  /** The word at the cursor (may be empty: span.start === span.end === offset). */
  word: ScanToken;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\u00a0';
const isNewline = (c: string | undefined): boolean => c === '\n' || c === '\r';
const DASH = /^[-\u2013\u2014\u2015]/;
const SEPARATORS = new Set(['|', ';', '{', '}', '(', ')', '=']);

/** Start of the logical line holding `offset`: earlier physical lines ending in a backtick belong to it. */
function logicalLineStart(text: string, offset: number): number {
  let start = text.lastIndexOf('\n', offset - 1) + 1;
  while (start > 0) {
    let end = start - 1; // the '\n'
    if (end > 0 && text[end - 1] === '\r') end--;
    let i = end;
    while (i > 0 && isSpace(text[i - 1])) i--;
    if (text[i - 1] !== '`') break;
    start = text.lastIndexOf('\n', i - 2) + 1;
  }
  return start;
}

function logicalLineEnd(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    while (i < text.length && !isNewline(text[i])) i++;
    let j = i;
    while (j > offset && isSpace(text[j - 1])) j--;
    if (i >= text.length || text[j - 1] !== '`') return i;
    i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
  }
}

/** Splits a piece of command text into tokens (quoted strings kept whole, comments dropped). */
export function tokenize(text: string, from: number, to: number): ScanToken[] {
  const out: ScanToken[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (isSpace(c) || isNewline(c)) {
      i++;
      continue;
    }
    if (c === '`' && (isNewline(text[i + 1]) || i + 1 >= to)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < to && !isNewline(text[i])) i++;
      continue;
    }
    const start = i;
    if (c === "'" || c === '"') {
      i++;
      while (i < to) {
        if (c === '"' && text[i] === '`') i += 2;
        else if (text[i] === c && text[i + 1] === c) i += 2;
        else if (text[i] === c) {
          i++;
          break;
        } else i++;
      }
      out.push({ text: text.slice(start, Math.min(i, to)), span: { start, end: Math.min(i, to) }, kind: 'string' });
      continue;
    }
    if (c === ',') {
      out.push({ text: ',', span: { start, end: i + 1 }, kind: 'comma' });
      i++;
      continue;
    }
    if (SEPARATORS.has(c) || (c === '$' && text[i + 1] === '(') || (c === '@' && (text[i + 1] === '(' || text[i + 1] === '{'))) {
      const len = c === '$' || c === '@' ? 2 : 1;
      out.push({ text: text.slice(i, i + len), span: { start, end: i + len }, kind: 'other' });
      i += len;
      continue;
    }
    while (
      i < to &&
      !isSpace(text[i]) &&
      !isNewline(text[i]) &&
      text[i] !== ',' &&
      !SEPARATORS.has(text[i]) &&
      text[i] !== "'" &&
      text[i] !== '"'
    ) {
      if (text[i] === ':' && DASH.test(text[start])) {
        i++;
        break; // -Name: ends the parameter token; the value follows
      }
      i++;
    }
    const word = text.slice(start, i);
    const parameter = DASH.test(word) && /^[-\u2013\u2014\u2015][\p{L}_?]/u.test(word + 'x') && !/^-\d/.test(word);
    out.push({ text: word, span: { start, end: i }, kind: parameter ? 'parameter' : 'word' });
  }
  return out;
}

/**
 * The command the cursor is in and the word being typed, or undefined when the cursor is not in
 * the arguments of a command (inside a string, a comment, or an expression).
 */
export function commandLineAt(text: string, offset: number): CommandLineContext | undefined {
  const start = logicalLineStart(text, offset);
  const end = logicalLineEnd(text, offset);
  const tokens = tokenize(text, start, end);
  // The word at the cursor: a token that touches the offset from the left (or holds it).
  let wordIndex = tokens.findIndex((t) => t.span.start < offset && offset <= t.span.end);
  if (wordIndex >= 0 && (tokens[wordIndex].kind === 'other' || tokens[wordIndex].kind === 'comma')) wordIndex = -1;
  // Right after `-Name:` the value starts.
  if (
    wordIndex >= 0 &&
    tokens[wordIndex].kind === 'parameter' &&
    tokens[wordIndex].text.endsWith(':') &&
    offset === tokens[wordIndex].span.end
  )
    wordIndex = -1;
  const word: ScanToken =
    wordIndex >= 0
      ? { ...tokens[wordIndex], text: text.slice(tokens[wordIndex].span.start, offset), span: { ...tokens[wordIndex].span } }
      : { text: '', span: { start: offset, end: offset }, kind: 'word' };
  const beforeAll = tokens.filter((t, i) => (wordIndex >= 0 ? i < wordIndex : t.span.end <= offset));
  const afterAll = tokens.filter((t, i) => (wordIndex >= 0 ? i > wordIndex : t.span.start >= offset));
  // The tokens of the innermost open command: a separator starts a new command at its level,
  // an opening bracket a nested level, a closing one returns to the outer command (the closed
  // group is one argument of it).
  const levels: ScanToken[][] = [[]];
  for (const t of beforeAll) {
    const current = levels[levels.length - 1];
    if (t.kind !== 'other') current.push(t);
    else if (t.text === '(' || t.text === '{' || t.text === '$(' || t.text === '@(' || t.text === '@{') levels.push([]);
    else if (t.text === ')' || t.text === '}') {
      if (levels.length > 1) levels.pop();
      const outer = levels[levels.length - 1];
      outer.push({ text: t.text, span: t.span, kind: 'word' }); // stands for the whole group
    } else current.length = 0; // | ; =
  }
  const own = levels[levels.length - 1];
  const head = own[0];
  if (!head || head.kind !== 'word') return undefined;
  const after: ScanToken[] = [];
  for (const t of afterAll) {
    if (t.kind === 'other') break;
    after.push(t);
  }
  return { head, before: own.slice(1), after, word };
}
