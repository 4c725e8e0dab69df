import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeWasmSource } from '../../server/src/host/wasm';
import { createLanguageService } from '../../server/src/service/languageService';
import { GrammarUnavailableError } from '../../server/src/service/powershell/grammar';

// When the grammar's WebAssembly instance aborts (it ran out of memory, or tree-sitter failed an
// assertion), that instance is dead for good. The parser loads a fresh copy and carries on: the
// script that caused it fails with a clear error, the next ones are analysed. The memory limit is
// set low here so that a script of a few hundred kilobytes reaches it (the real limit is 2 GB).

const script = (uri: string, text: string): TextDocument => TextDocument.create(uri, 'powershell', 1, text);

describe('the PowerShell grammar after an abort', () => {
  it('fails the script that exhausted it, then analyses the next scripts with a fresh instance', async () => {
    const service = createLanguageService({ wasm: { ...nodeWasmSource(), memoryLimitBytes: 48 * 1024 * 1024 } });
    await service.preparePowerShell();
    const small = script('file:///small.ps1', 'Add-VpnConnection -Name x -ServerAddress vpn.example.com -TunnelType Pptp\n');
    assert.deepEqual(
      service.validate(small).map((d) => d.code),
      ['ps-weak-crypto'],
    );

    // 35,000 statements: about 40 MB of parse tree, more than the 48 MB instance has left.
    const big = script('file:///big.ps1', `Set-VpnConnection -Name x -SplitTunneling $true\n${'$x = 1\n'.repeat(35_000)}`);
    assert.throws(
      () => service.validate(big),
      (error: unknown) => error instanceof GrammarUnavailableError && /stopped/.test(error.message),
    );

    await service.preparePowerShell(); // the fresh instance
    const again = script('file:///again.ps1', 'Set-VpnServerConfiguration -CustomPolicy -DHGroup Group2\n');
    assert.ok(
      service.validate(again).some((d) => d.code === 'ps-weak-crypto'),
      'a script after the abort is analysed',
    );
    assert.deepEqual(
      service.validate(small).map((d) => d.code),
      ['ps-weak-crypto'],
      'and one analysed before it, again (its old parse went with the instance)',
    );
    assert.ok(service.complete(again, { line: 0, character: 27 }).items.length > 0, 'completion works on the fresh instance');
  });
});
