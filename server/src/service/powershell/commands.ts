import type { Tree } from 'web-tree-sitter';
import type { PsScript } from './model';

/** Extracts commands, assignments, strings and comments from a parsed script. */
export function extractScript(tree: Tree, text: string): PsScript {
  return { text, tree, commands: [], assignments: [], strings: [], comments: [] };
}
