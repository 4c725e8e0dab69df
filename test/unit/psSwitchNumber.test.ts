/**
 * `-Switch:0` — a binder defect PowerShell's own binder revealed (npm run test:pwsh): the VPN
 * cmdlets are CDXML, i.e. script functions, and a script function's [switch] refuses a number;
 * compiled cmdlets (New-ItemProperty, Restart-Service) and PowerShell's own -WhatIf, -Confirm,
 * -Verbose and -Debug accept 0 and 1.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { powerShellReady } from '../helpers/service';
import { psApplyFix, psFindings } from '../fixtures/powershell/harness';

before(async () => {
  await powerShellReady;
});

describe('ps-invalid-value: a number given to a switch', () => {
  it('reports -Switch:0 on a CDXML cmdlet, and fixes it to $false', () => {
    const text = "Add-VpnConnection -Name 'Contoso' -ServerAddress vpn.contoso.com -SplitTunneling:0\n";
    const [f, ...rest] = psFindings(text, 'ps-invalid-value');
    assert.equal(rest.length, 0);
    assert.equal(f.text, '0');
    assert.match(f.message, /-SplitTunneling of Add-VpnConnection takes \$true or \$false/);
    assert.equal(psApplyFix(text, 'ps-invalid-value'), text.replace('-SplitTunneling:0', '-SplitTunneling:$false'));
    assert.equal(
      psApplyFix("Set-VpnConnection -Name 'Contoso' -AllUserConnection:1\n", 'ps-invalid-value'),
      "Set-VpnConnection -Name 'Contoso' -AllUserConnection:$true\n",
    );
    // A Boolean parameter (Set-VpnConnection -SplitTunneling is [bool]) takes numbers in script functions too.
    assert.deepEqual(psFindings("Set-VpnConnection -Name 'Contoso' -SplitTunneling:0\n", 'ps-invalid-value'), []);
  });

  it("accepts it on a compiled cmdlet and for PowerShell's own switches", () => {
    assert.deepEqual(
      psFindings("New-ItemProperty -Path 'HKLM:\\SOFTWARE\\Contoso' -Name X -PropertyType DWord -Value 1 -Force:1\n", 'ps-invalid-value'),
      [],
    );
    assert.deepEqual(
      psFindings("Add-VpnConnection -Name 'Contoso' -ServerAddress vpn.contoso.com -WhatIf:0 -Verbose:1\n", 'ps-invalid-value'),
      [],
    );
    assert.deepEqual(
      psFindings("Add-VpnConnection -Name 'Contoso' -ServerAddress vpn.contoso.com -SplitTunneling:$false\n", 'ps-invalid-value'),
      [],
    );
  });
});
