import { extractScript } from './commands';
import type { PowerShellParser } from './grammar';
import type { PsScript } from './model';

/** One parse of a script, shared by every feature on it. */
export interface PowerShellDocument {
  text: string;
  script: PsScript;
  eol: string;
}

export function parsePowerShellDocument(parser: PowerShellParser, text: string): PowerShellDocument {
  const tree = parser.parse(text);
  const lf = text.indexOf('\n');
  return { text, script: extractScript(tree, text), eol: lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n' };
}
