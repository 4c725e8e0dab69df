import type { Span } from '../xml/xmlTree';
import {
  isBlank,
  isDash,
  isDoubleQuote,
  isHereStringStart,
  isLetter,
  isNameChar,
  isNewline,
  isSingleQuote,
  skipBalanced,
  skipBlockComment,
  skipDoubleQuoted,
  skipHereString,
  skipSingleQuoted,
} from './extractText';

/**
 * PowerShell's command (argument) mode, read from the text: the elements that follow a
 * command name up to the end of the command (line end without a backtick continuation, `;`,
 * `|`, `&&`, `||`, a comment, or the closer of the enclosing block).
 *
 * Why not the grammar's `command_elements`: tree-sitter-powershell 0.26 splits parameter
 * names that contain digits (`-Ikev2Ports` becomes `-Ikev` plus a new command `2Ports`) and
 * loses everything up to the next line on a bareword list with a blank after the comma
 * (`-UserAuthProtocolAccepted Certificate, EAP`), and a `--` (end of parameters) loses the
 * statement after it (`-Name -- x; Next-Command`: PowerShell's parser, test/pwsh). The tree is still used for structured
 * values (`@{ … }`, `@( … )`) and for statement structure.
 */

export type ScannedElement =
  | { type: 'parameter'; span: Span; name: string; colon: boolean; items?: Span[] }
  | { type: 'argument'; span: Span; items: Span[] }
  | { type: 'splat'; span: Span; name: string };

export interface ScannedCommand {
  elements: ScannedElement[];
  /** End of the last element (or of the name when there is none). */
  end: number;
  /** Items whose inside may hold other commands or strings: quoted strings, `( )`, `{ }`, `$( )`, `@( )`, `@{ }`, variables. */
  nested: Span[];
  /** Offsets of the commas that separate list items (mask candidates, see commands.ts). */
  commas: number[];
  /** Offsets of digits inside parameter names. */
  paramDigits: number[];
  /** Offsets of the two dashes of `--` (end of parameters), which the grammar mis-reads too (mask candidates). */
  endOfParameters: number[];
  /**
   * A list that goes on after a line break (`-Name a, 'b',⏎ c`): PowerShell reads on, the grammar
   * ends the command. The offset of the last character before the line break: a backtick there
   * (a mask of the same length) is a line continuation the grammar knows.
   */
  listBreaks: number[];
}

/** `>`, `>>`, `2>`, `2>&1`, `*>>` … (and `<`, which PowerShell reserves). */
const REDIRECT = /(?:[1-6*]?>>?(?:&[12])?|<)/y;

/** Characters that end a bareword (besides blanks and line breaks). */
function endsBareword(c: string): boolean {
  return c === ';' || c === ',' || c === '|' || c === '&' || c === '(' || c === ')' || c === '{' || c === '}' || c === '>' || c === '<';
}

/** Characters that end a parameter name. */
function endsParameter(c: string | undefined): boolean {
  return (
    c === undefined ||
    isBlank(c) ||
    isNewline(c) ||
    c === ':' ||
    endsBareword(c) ||
    isSingleQuote(c) ||
    isDoubleQuote(c) ||
    c === '`' ||
    c === '#'
  );
}

export class ArgumentScanner {
  private readonly n: number;

  constructor(private readonly text: string) {
    this.n = text.length;
  }

  /** Blanks, backtick line continuations and inline `<# #>` comments. */
  private skipBlanks(p: number): number {
    const t = this.text;
    let i = p;
    for (;;) {
      const c = t[i];
      if (isBlank(c)) i++;
      else if (c === '`' && t[i + 1] === '\n') i += 2;
      else if (c === '`' && t[i + 1] === '\r') i += t[i + 2] === '\n' ? 3 : 2;
      else if (c === '<' && t[i + 1] === '#') i = skipBlockComment(t, i);
      else return i;
    }
  }

  /** Blanks and line breaks (after a list comma PowerShell reads on into the next line). */
  private skipBlanksAndBreaks(p: number): number {
    let i = p;
    for (;;) {
      i = this.skipBlanks(i);
      if (isNewline(this.text[i])) i++;
      else return i;
    }
  }

  private endsCommand(i: number): boolean {
    const c = this.text[i];
    return i >= this.n || isNewline(c) || c === ';' || c === '|' || c === '&' || c === ')' || c === '}' || c === '#';
  }

  /** Scans the elements after a command name ending at `start`. */
  scan(start: number): ScannedCommand {
    const t = this.text;
    const out: ScannedCommand = { elements: [], end: start, nested: [], commas: [], paramDigits: [], endOfParameters: [], listBreaks: [] };
    let p = start;
    let parametersEnded = false;
    for (let guard = 0; guard < 100000; guard++) {
      p = this.skipBlanks(p);
      if (this.endsCommand(p)) break;
      const c = t[p];
      REDIRECT.lastIndex = p;
      const r = c === '>' || c === '<' || ((c === '*' || (c >= '1' && c <= '6')) && t[p + 1] === '>') ? REDIRECT.exec(t) : null;
      if (r) {
        p += r[0].length;
        if (!r[0].includes('&')) {
          // The file name belongs to the redirection, not to the command.
          p = this.skipBlanks(p);
          if (!this.endsCommand(p)) p = this.primary(p, out).end;
        }
        continue;
      }
      if (c === '-' && t[p + 1] === '-' && t[p + 2] === '%') break; // --% stop-parsing: the rest of the line is verbatim
      if (!parametersEnded && c === '-' && t[p + 1] === '-' && (p + 2 >= this.n || isBlank(t[p + 2]) || isNewline(t[p + 2]))) {
        parametersEnded = true;
        out.endOfParameters.push(p, p + 1);
        p += 2;
        continue;
      }
      if (!parametersEnded && isDash(c) && (isLetter(t[p + 1]) || t[p + 1] === '?')) {
        let q = p + 1;
        while (!endsParameter(t[q])) {
          if (t[q] >= '0' && t[q] <= '9') out.paramDigits.push(q);
          q++;
        }
        const name = t.slice(p + 1, q);
        const span = { start: p, end: q };
        if (t[q] === ':') {
          const v = this.skipBlanks(q + 1);
          if (!this.endsCommand(v)) {
            const list = this.list(v, out);
            out.elements.push({ type: 'parameter', span, name, colon: true, items: list });
            p = list[list.length - 1].end;
            out.end = p;
            continue;
          }
          out.elements.push({ type: 'parameter', span, name, colon: true });
          p = q + 1;
          out.end = p;
          continue;
        }
        out.elements.push({ type: 'parameter', span, name, colon: false });
        p = q;
        out.end = p;
        continue;
      }
      if (c === '@' && isNameChar(t[p + 1])) {
        let q = p + 1;
        while (isNameChar(t[q]) || (t[q] === ':' && isNameChar(t[q + 1]))) q++;
        out.elements.push({ type: 'splat', span: { start: p, end: q }, name: t.slice(p + 1, q) });
        p = q;
        out.end = p;
        continue;
      }
      const items = this.list(p, out);
      const span = { start: items[0].start, end: items[items.length - 1].end };
      out.elements.push({ type: 'argument', span, items });
      p = span.end;
      out.end = p;
    }
    return out;
  }

  /** One argument: a primary, or several separated by commas (an array). */
  private list(p: number, out: ScannedCommand): Span[] {
    const items: Span[] = [];
    let at = p;
    for (let guard = 0; guard < 100000; guard++) {
      const item = this.primary(at, out);
      items.push(item);
      const after = this.skipBlanks(item.end);
      if (this.text[after] !== ',') break;
      const next = this.skipBlanksAndBreaks(after + 1);
      if (this.endsCommand(next) || this.text[next] === ',') break;
      out.commas.push(after);
      const lineBreak = this.singleLineBreakAfter(after + 1, next);
      if (lineBreak !== undefined) out.listBreaks.push(lineBreak - 1);
      at = next;
    }
    return items;
  }

  /** The line break between p and next when only blanks and that one line break lie between them. */
  private singleLineBreakAfter(p: number, next: number): number | undefined {
    const t = this.text;
    let i = p;
    while (i < next && isBlank(t[i])) i++;
    if (i >= next || !isNewline(t[i])) return undefined;
    const at = i;
    i += t[i] === '\r' && t[i + 1] === '\n' ? 2 : 1;
    while (i < next && isBlank(t[i])) i++;
    return i === next ? at : undefined;
  }

  /** One primary starting at p; always at least one character long. */
  private primary(p: number, out: ScannedCommand): Span {
    const t = this.text;
    const c = t[p];
    let q = p;
    let tail = false;
    if (isSingleQuote(c)) q = skipSingleQuoted(t, p);
    else if (isDoubleQuote(c)) q = skipDoubleQuoted(t, p);
    else if (c === '@' && isHereStringStart(t, p)) q = skipHereString(t, p);
    else if (c === '@' && (t[p + 1] === '(' || t[p + 1] === '{')) q = skipBalanced(t, p + 1);
    else if (c === '(' || c === '{') q = skipBalanced(t, p);
    else if (c === '$') {
      q = this.variableEnd(p);
      tail = true;
    } else tail = true;
    if (q > p && !tail) {
      // An unclosed `(`, `{` or string runs to the end of the text; its trailing blank lines are not part of it.
      while (q > p + 1 && (isBlank(t[q - 1]) || isNewline(t[q - 1]))) q--;
      out.nested.push({ start: p, end: q });
      return { start: p, end: q };
    }
    const structured = q > p;
    q = this.bareword(q);
    if (q <= p) q = p + 1;
    if (structured) out.nested.push({ start: p, end: q });
    return { start: p, end: q };
  }

  /** After `$` at p: the end of a variable with its member accesses, indexes and calls. */
  private variableEnd(p: number): number {
    const t = this.text;
    let q = p + 1;
    if (t[q] === '(') return skipBalanced(t, q);
    if (t[q] === '{') {
      const close = t.indexOf('}', q);
      q = close < 0 ? this.n : close + 1;
    } else if (t[q] === '$' || t[q] === '^') q++;
    else while (isNameChar(t[q]) || (t[q] === ':' && isNameChar(t[q + 1]))) q++;
    for (;;) {
      if ((t[q] === '.' && isLetter(t[q + 1])) || (t[q] === ':' && t[q + 1] === ':' && isLetter(t[q + 2]))) {
        q += t[q] === '.' ? 1 : 2;
        while (isNameChar(t[q])) q++;
        if (t[q] === '(') q = skipBalanced(t, q);
      } else if (t[q] === '[') {
        const close = this.skipIndex(q);
        if (close <= q) break;
        q = close;
      } else break;
    }
    return q;
  }

  /** After `[` at p: the index after its matching `]` on the same logical expression. */
  private skipIndex(p: number): number {
    const t = this.text;
    let depth = 0;
    let i = p;
    while (i < this.n) {
      const c = t[i];
      if (c === '[') depth++;
      else if (c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      } else if (isSingleQuote(c)) {
        i = skipSingleQuoted(t, i);
        continue;
      } else if (isDoubleQuote(c)) {
        i = skipDoubleQuoted(t, i);
        continue;
      } else if (c === '(') {
        i = skipBalanced(t, i);
        continue;
      } else if (isNewline(c)) return p;
      i++;
    }
    return p;
  }

  /** A generic token from p: up to a blank, a line break or a separator; embedded quotes and `$( )` are kept inside. */
  private bareword(p: number): number {
    const t = this.text;
    let q = p;
    while (q < this.n) {
      const c = t[q];
      if (isBlank(c) || isNewline(c) || endsBareword(c)) break;
      if (c === '`') {
        if (isNewline(t[q + 1]) || q + 1 >= this.n) break;
        q += 2;
      } else if (isSingleQuote(c)) q = skipSingleQuoted(t, q);
      else if (isDoubleQuote(c)) q = skipDoubleQuoted(t, q);
      else if (c === '$' && t[q + 1] === '(') q = skipBalanced(t, q + 1);
      else q++;
    }
    return q;
  }
}
