// The README says that no telemetry is collected and that nothing is sent anywhere. This keeps it
// true for our own sources (client, language server, CLI): no telemetry API, no network module,
// and one fetch only, the web worker loading the PowerShell grammar from the extension's files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { typeScriptFilesUnder } from '../helpers/files';

const ROOT = path.resolve(__dirname, '..', '..');

const FILES = [...typeScriptFilesUnder(path.join(ROOT, 'client', 'src')), ...typeScriptFilesUnder(path.join(ROOT, 'server', 'src'))];

/** Comments say what the code does not do; only code counts. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function hits(pattern: RegExp): string[] {
  return FILES.flatMap((file) =>
    code(readFileSync(file, 'utf8'))
      .split('\n')
      .filter((line) => pattern.test(line))
      .map((line) => `${path.relative(ROOT, file)}: ${line.trim()}`),
  );
}

describe('no telemetry, no network', () => {
  it('finds the sources it checks', () => {
    assert.ok(FILES.some((f) => f.endsWith(path.join('client', 'src', 'extension.ts'))));
    assert.ok(FILES.some((f) => f.endsWith(path.join('server', 'src', 'cli.ts'))));
  });

  it('uses no telemetry API (VS Code telemetry loggers, LSP telemetry events)', () => {
    assert.deepEqual(hits(/telemetry/i), []);
  });

  it('loads no network module and opens no connection', () => {
    assert.deepEqual(
      hits(
        /\b(?:from|require\()\s*['"](?:node:)?(?:http|https|http2|net|tls|dgram|dns)['"]|XMLHttpRequest|WebSocket|sendBeacon|EventSource/,
      ),
      [],
    );
  });

  it('fetches only the PowerShell grammar, relative to the web worker', () => {
    // Calls only: the worker's own typing of fetch (`fetch(input: string): …`) is a declaration.
    const fetches = hits(/\bfetch\(/).filter((line) => !/fetch\(\w+: string\)/.test(line));
    assert.deepEqual(fetches, ['server/src/browserServer.ts: const response = await scope.fetch(url);']);
    const worker = readFileSync(path.join(ROOT, 'server', 'src', 'browserServer.ts'), 'utf8');
    assert.match(worker, /const url = new URL\(file, wasmBase\)/, 'the fetched URL is no longer resolved against the worker');
    assert.match(worker, /WASM_FILES = \{ runtime: '\.\.\/web-tree-sitter\.wasm', grammar: '\.\.\/tree-sitter-powershell\.wasm' \}/);
  });
});
