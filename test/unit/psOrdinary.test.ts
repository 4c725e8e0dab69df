/**
 * Ordinary PowerShell gets nothing: only VPN cmdlets and the AOVPN registry values are
 * analysed. A realistic admin script (param block, functions, loops, splatting for non-VPN
 * cmdlets, registry reads and writes of unrelated keys, REST calls, HTML / JSON here-strings,
 * service restarts, a plain-text password for a non-VPN cmdlet) must give no diagnostic at all.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { powerShellReady, script, service } from '../helpers/service';
import { lint } from '../fixtures/powershell/harness';

before(() => powerShellReady);

const FIXTURE = join(__dirname, '..', 'fixtures', 'powershell', 'ordinary-admin.ps1');

describe('ordinary PowerShell', () => {
  it('an admin script of a few hundred lines gives no diagnostic', () => {
    const text = readFileSync(FIXTURE, 'utf8');
    assert.ok(text.split('\n').length > 300);
    assert.deepEqual(lint(text), []);
  });

  it('the same script with CRLF line ends gives no diagnostic', () => {
    const text = readFileSync(FIXTURE, 'utf8').replace(/\r?\n/g, '\r\n');
    assert.deepEqual(lint(text), []);
  });

  it('gives no completion and no hover in ordinary commands', () => {
    const text = 'Get-ChildItem -Path C:\\ -Recurse -\nRestart-Service -Name Spooler\n';
    const d = script(text);
    assert.deepEqual(service.complete(d, d.positionAt(text.indexOf('-\n') + 1)).items, []);
    assert.equal(service.hover(d, d.positionAt(text.indexOf('Restart') + 3)), null);
  });
});
