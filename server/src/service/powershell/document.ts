import type { Tree } from 'web-tree-sitter';
import { extractScript } from './commands';
import type { PowerShellParser } from './grammar';
import type { PsScript } from './model';

/** One parse of a script, shared by every feature on it. */
export interface PowerShellDocument {
  text: string;
  script: PsScript;
  eol: string;
  /** The parse of `text` itself (script.tree may be a re-parse with grammar repairs): the base of the next, incremental parse. */
  tree: Tree;
}

/** Parses a script; `previous`, an earlier version of the same document, makes the parse incremental. */
export function parsePowerShellDocument(parser: PowerShellParser, text: string, previous?: PowerShellDocument): PowerShellDocument {
  const tree = parser.parse(text, previous);
  const lf = text.indexOf('\n');
  return { text, script: extractScript(tree, text), eol: lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n', tree };
}
