import type { Tree } from 'web-tree-sitter';
import { analysisSkipReason } from './analysisBudget';
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
  /** Why the script was not parsed (analysisBudget.ts): it then has an empty model and an empty tree. */
  skipped?: string;
  /** The parser instance that made `tree` (grammar.ts): trees of an aborted instance are gone. */
  generation: number;
}

/** Parses a script; `previous`, an earlier version of the same document, makes the parse incremental. */
export function parsePowerShellDocument(parser: PowerShellParser, text: string, previous?: PowerShellDocument): PowerShellDocument {
  const lf = text.indexOf('\n');
  const eol = lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
  const skipped = analysisSkipReason(text);
  if (skipped) {
    const tree = parser.parse('');
    return {
      text,
      script: { text, tree, commands: [], assignments: [], strings: [], comments: [] },
      eol,
      tree,
      skipped,
      generation: parser.generation,
    };
  }
  // A skipped version has no tree of its text to build on.
  const tree = parser.parse(text, previous?.skipped ? undefined : previous);
  return { text, script: extractScript(tree, text, parser), eol, tree, generation: parser.generation };
}
