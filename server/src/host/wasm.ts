import { existsSync, readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import type { TreeSitterBinding, WasmSource } from '../service/powershell/grammar';

/**
 * Finds the WebAssembly files next to the bundle (dist/, where the build copies them) or,
 * when running from source in tests, in node_modules.
 */
export function nodeWasmSource(bundleDir: string = __dirname): WasmSource {
  // Without this, V8 keeps optimising the grammar's WebAssembly in the background and a process
  // that loaded it waits about 4 s at exit; parsing is as fast on the baseline tier (measured).
  setFlagsFromString('--liftoff-only');
  const find = (file: string, pkg: string): string => {
    const beside = path.join(bundleDir, file);
    if (existsSync(beside)) return beside;
    return require.resolve(`${pkg}/${file}`);
  };
  return {
    runtime: async () => readFileSync(find('web-tree-sitter.wasm', 'web-tree-sitter')),
    grammar: async () => readFileSync(find('tree-sitter-powershell.wasm', 'tree-sitter-powershell')),
    // The CommonJS build lies beside the runtime's wasm file: in dist/ (the build copies it), or in the package.
    freshBinding: async () =>
      freshTreeSitter(path.join(path.dirname(find('web-tree-sitter.wasm', 'web-tree-sitter')), 'web-tree-sitter.cjs')),
  };
}

/**
 * A new copy of web-tree-sitter's JavaScript, loaded past the module cache, so that it makes its
 * own WebAssembly instance: the way to start over after an instance aborted (its module keeps
 * the dead instance for good).
 */
function freshTreeSitter(file: string): TreeSitterBinding {
  delete require.cache[file];
  // A CommonJS module is loaded at run time here on purpose (a second copy); its shape is web-tree-sitter's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a second, fresh copy of the module is the point
  return require(file) as TreeSitterBinding;
}
