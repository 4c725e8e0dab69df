/**
 * PowerShell binding rules (binding.ts): what their tables (test/ruleTables/psParameters.ts)
 * cannot say — which code actions a finding offers besides its fixes.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { powerShellReady, script, service } from '../helpers/service';

describe('the "Disable … for this line" action of parameter findings', () => {
  before(() => powerShellReady);
  it('"Disable … for this line" is not offered on a backtick continuation line (the comment line would cut the command in two)', () => {
    const text =
      "Set-VpnConnectionIPsecConfiguration -ConnectionName 'Always On VPN' `\n\t-AuthenticationTransformKonstants GCMAES128 -Force\n";
    const d = script(text);
    const diagnostic = service.validate(d).find((x) => x.code === 'ps-unknown-parameter')!;
    assert.equal(diagnostic.range.start.line, 1);
    const titles = service.codeActions(d, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] }).map((a) => a.title);
    assert.ok(titles.includes('Change to -AuthenticationTransformConstants'));
    assert.ok(!titles.includes('Disable ps-unknown-parameter for this line'), titles.join(' | '));
    // On the command's first line it is offered as before.
    const oneLine = "Set-VpnConnectionIPsecConfiguration -ConnectionName 'x' -AuthenticationTransformKonstants GCMAES128 -Force\n";
    const d1 = script(oneLine);
    const first = service.validate(d1).find((x) => x.code === 'ps-unknown-parameter')!;
    assert.ok(
      service
        .codeActions(d1, first.range, { diagnostics: [first], only: ['quickfix'] })
        .some((a) => a.title === 'Disable ps-unknown-parameter for this line'),
    );
  });
});
