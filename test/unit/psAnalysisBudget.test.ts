import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analysisSkipReason, MAX_TOKENS, tokensOutsideStrings } from '../../server/src/service/powershell/analysisBudget';

describe('PowerShell analysis budget', () => {
  it('counts tokens outside strings, here-strings and comments (each of those is one)', () => {
    assert.equal(tokensOutsideStrings('$x = 1'), 3);
    assert.equal(tokensOutsideStrings("Add-VpnConnection -Name 'a b c d' -Force"), 4);
    assert.equal(tokensOutsideStrings(`$p = @'\n${'word '.repeat(1000)}\n'@\n`), 4);
    assert.equal(tokensOutsideStrings('# a comment with many words\n<# block with words #>\n'), 4);
    assert.equal(tokensOutsideStrings('"a $b c"'), 1);
  });

  it('stops counting once past the limit', () => {
    assert.equal(tokensOutsideStrings('1\n'.repeat(1000), 10), 11);
  });

  it('always analyses a small script, whatever it holds (completion while typing)', () => {
    assert.equal(analysisSkipReason('1\n'.repeat(1000)), undefined);
  });

  it('skips a large script that mentions nothing it would check, and a large one over the token budget', () => {
    assert.match(analysisSkipReason('1\n'.repeat(200_000)) ?? '', /mentions no VPN cmdlet/);
    assert.match(
      analysisSkipReason(`Set-VpnConnection -Name x\n${'$x = 1\n'.repeat(MAX_TOKENS / 3)}`) ?? '',
      /more than 150,000 PowerShell tokens/,
    );
  });

  it('analyses a large script whose size is strings, or whose VPN word is a registry value', () => {
    assert.equal(analysisSkipReason(`$b = '${'A'.repeat(3_000_000)}'\nAdd-VpnConnection -Name x`), undefined);
    assert.equal(
      analysisSkipReason(`$b = '${'A'.repeat(3_000_000)}'\nNew-ItemProperty -Name EnableServerFragmentation -Value 1`),
      undefined,
    );
  });
});
