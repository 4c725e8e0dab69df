/**
 * Writing values into generated PowerShell without letting them break out of their place.
 *
 * PowerShell treats four characters as single quotes, not only `'`: U+2018, U+2019, U+201A and
 * U+201B close a single-quoted string too (a document pasted from Word holds them). Inside a
 * single-quoted string each of them is written twice; nothing else is special there (`$`, a
 * backtick, `"` and `&` are plain text).
 */
const SINGLE_QUOTE_CHARS = "'\u2018\u2019\u201A\u201B";
const SINGLE_QUOTE = /['\u2018\u2019\u201A\u201B]/g;

/** `value` as a single-quoted PowerShell string literal. */
export function psSingleQuoted(value: string): string {
  return `'${value.replace(SINGLE_QUOTE, (q) => q + q)}'`;
}

/** Text for a `#` comment: line breaks and other control characters become spaces. */
export function psCommentText(value: string): string {
  return value.replace(/[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g, ' ').trim();
}

export interface HereString {
  /** `@'` … `'@`, with `eol` line breaks. */
  literal: string;
  /**
   * Set when a line of the content starts with a single quote followed by `@`, which would end
   * the here-string early: such lines carry this marker in front, and the script must remove it
   * at run time (`-replace '(?m)^<marker>', ''`) to get the content back unchanged.
   */
  marker?: string;
}

/**
 * `content` as a verbatim (single-quoted) here-string. Nothing inside is expanded, so the text
 * needs no escaping, except for one thing: a line starting with `'@` (or a typographic single
 * quote and `@`) closes the here-string. Those lines get a marker in front that the script
 * removes again (see HereString.marker). Line breaks are written as `eol`.
 */
export function psVerbatimHereString(content: string, eol: string): HereString {
  const lines = content.split(/\r\n|\r|\n/);
  const closes = (line: string): boolean => line.length >= 2 && SINGLE_QUOTE_CHARS.includes(line[0]) && line[1] === '@';
  let marker: string | undefined;
  if (lines.some(closes)) {
    // Letters and underscores only: nothing a regular expression or XML reads specially.
    marker = 'AOVPN_LINE_START_';
    for (let n = 2; content.includes(marker); n++) marker = `AOVPN_LINE_START_${n}_`;
    const m = marker;
    for (let i = 0; i < lines.length; i++) if (closes(lines[i])) lines[i] = m + lines[i];
  }
  return { literal: ["@'", ...lines, "'@"].join(eol), marker };
}
