// Bundles the client, the language server and the CLI with esbuild (see docs/architecture.md, "Build outputs").
import { build } from 'esbuild';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { writeRuleIds } from './generateRuleIds.mjs';

const require = createRequire(import.meta.url);

const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
  // The ESM build of web-tree-sitter needs import.meta.url, which a CommonJS bundle lacks.
  alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' },
};

// The RuleId type follows schemas/rules.json (checked in; a unit test fails when it is stale).
if (writeRuleIds()) console.log('wrote server/src/service/core/ruleIds.ts from schemas/rules.json');
mkdirSync('dist', { recursive: true });
await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
]);
chmodSync('dist/cli.js', 0o755);

// The web extension (package.json "browser"): the client for VS Code for the Web and the language
// server as a web worker. No Node built-ins in either (the build fails if one sneaks in).
// (web-tree-sitter's CommonJS build, aliased above, tests for Node at run time; in a worker it takes the web branch.)
const browser = { ...common, platform: 'browser', target: 'es2022' };
mkdirSync('dist/browser', { recursive: true });
await Promise.all([
  build({
    ...browser,
    entryPoints: ['client/src/browserExtension.ts'],
    outfile: 'dist/browser/extension.js',
    format: 'cjs',
    external: ['vscode'],
  }),
  build({ ...browser, entryPoints: ['server/src/browserServer.ts'], outfile: 'dist/browser/server.js', format: 'iife' }),
]);
// The PowerShell parser is WebAssembly, loaded at run time from beside the bundles.
copyFileSync(require.resolve('web-tree-sitter/web-tree-sitter.wasm'), 'dist/web-tree-sitter.wasm');
// A second copy of web-tree-sitter, loaded only to start over after its WebAssembly instance aborted (host/wasm.ts).
copyFileSync(require.resolve('web-tree-sitter'), 'dist/web-tree-sitter.cjs');
copyFileSync(require.resolve('tree-sitter-powershell/tree-sitter-powershell.wasm'), 'dist/tree-sitter-powershell.wasm');
// (The web worker, dist/browser/server.js, fetches the same two files from ../.)
console.log(
  `built dist/extension.js, dist/server.js, dist/cli.js, dist/browser/extension.js, dist/browser/server.js${production ? ' (production)' : ''}`,
);
