import { Language, Parser, type Tree } from 'web-tree-sitter';

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
  parse(text: string): Tree;
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
      parse(text: string): Tree {
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
