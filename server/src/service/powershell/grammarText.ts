/**
 * The text tree-sitter-powershell is given. PowerShell reads the typographic quotes and dashes
 * that word processors put into pasted scripts (‘ ’ ‚ ‛ as ', “ ” „ as ", – — ― as -) exactly as
 * their ASCII forms, everywhere: inside strings, in operators, in parameter names. The grammar
 * knows only the ASCII forms and mis-reads such a script (PowerShell's parser, test/pwsh, showed
 * `$x = ‘…’` read as a command and `@{ Name = ‘a b’ }` losing its string). Each character is
 * replaced by its ASCII form: one UTF-16 unit for one, no line break touched, so every offset,
 * row and column of the tree stays valid for the original text, which the extraction reads.
 */
const TYPOGRAPHIC = /[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u2013\u2014\u2015]/g;

function asciiOf(c: string): string {
  if (c === '\u201C' || c === '\u201D' || c === '\u201E') return '"';
  if (c === '\u2013' || c === '\u2014' || c === '\u2015') return '-';
  return "'";
}

export function grammarText(text: string): string {
  return text.replace(TYPOGRAPHIC, asciiOf);
}
