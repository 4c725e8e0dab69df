import { Edit, Language, Parser, type Tree } from 'web-tree-sitter';
import { changedSpan } from '../changedSpan';
import { pointAt, rowStarts } from '../rows';

/**
 * Where the two WebAssembly files come from. The service never reads files itself: the Node
 * host reads them from dist/ (or node_modules in tests), a web host would fetch them.
 */
export interface WasmSource {
  /** web-tree-sitter's runtime (`web-tree-sitter.wasm`). */
  runtime(): Promise<Uint8Array>;
  /** The PowerShell grammar (`tree-sitter-powershell.wasm`). */
  grammar(): Promise<Uint8Array>;
}

export interface PowerShellParser {
  /**
   * Parses `text`. Given the parse of an earlier text of the same document, tree-sitter re-parses
   * incrementally: only what the change touches is parsed again, the rest of the tree is reused
   * (the result is the same tree a fresh parse gives; test/unit/ps-incremental.test.ts).
   */
  parse(text: string, previous?: { text: string; tree: Tree }): Tree;
}

let loading: Promise<PowerShellParser> | undefined;

/**
 * Loads the grammar once per process, on first use: only when a script is opened, so that
 * ProfileXML users never pay for it.
 */
export function loadPowerShellParser(source: WasmSource): Promise<PowerShellParser> {
  loading ??= (async () => {
    const [runtime, grammar] = await Promise.all([source.runtime(), source.grammar()]);
    await Parser.init({ wasmBinary: runtime });
    const language = await Language.load(grammar);
    const parser = new Parser();
    parser.setLanguage(language);
    return {
      parse(text, previous) {
        // Error recovery is where reuse can change the outcome (measured: a comment's span one
        // character off): reuse only error-free trees, and parse afresh when the result has errors.
        if (previous && !previous.tree.rootNode.hasError) {
          const old = editedCopy(previous.tree, previous.text, text);
          try {
            const tree = parser.parse(text, old);
            if (tree && !tree.rootNode.hasError) return tree;
            tree?.delete();
          } finally {
            old.delete();
          }
        }
        const tree = parser.parse(text);
        if (!tree) throw new Error('the PowerShell parser returned no tree');
        return tree;
      },
    };
  })();
  loading.catch(() => {
    loading = undefined; // a failed load may be retried
  });
  return loading;
}

/** A copy of `tree` (a parse of `before`) told about the one span in which `after` differs. */
function editedCopy(tree: Tree, before: string, after: string): Tree {
  const { start, endBefore, endAfter } = changedSpan(before, after);
  const rowsBefore = rowStarts(before);
  const copy = tree.copy();
  copy.edit(
    new Edit({
      startIndex: start,
      oldEndIndex: endBefore,
      newEndIndex: endAfter,
      startPosition: pointAt(rowsBefore, start),
      oldEndPosition: pointAt(rowsBefore, endBefore),
      newEndPosition: pointAt(rowStarts(after), endAfter),
    }),
  );
  return copy;
}
