/**
 * Security rules for VPN cmdlets (the PowerShell rules of docs/rules.md; Richard Hicks' articles on
 * IKEv2 security configuration and protocol recommendations): ps-weak-crypto, ps-cleartext-secret, ps-revert-to-default,
 * ps-confirm-prompt.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { powerShellReady, service } from '../helpers/service';
import { psLint, psApplyFix, psFindings, psFixAll, psFixes } from '../fixtures/powershell/harness';

before(() => powerShellReady);

const RESTART = 'Restart-Service RemoteAccess -PassThru\n';

describe('ps-weak-crypto', () => {
  it('reports weak IPsec algorithms on Set-VpnServerConfiguration, at each value', () => {
    const text = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA196 -CipherTransformConstants DES3 -DHGroup Group2 -EncryptionMethod DES3 -IntegrityCheckMethod SHA1 -PfsGroup PFS2048\n${RESTART}`;
    const found = psFindings(text, 'ps-weak-crypto');
    assert.deepEqual(
      found.map((f) => f.text),
      ['SHA196', 'DES3', 'Group2', 'DES3', 'SHA1'],
    );
    const dh = found[2];
    assert.equal(dh.source, 'aovpn-powershell');
    assert.equal(dh.severity, 2);
    assert.match(dh.message, /Group2 for -DHGroup \(Set-VpnServerConfiguration\) is weak/);
    assert.match(dh.message, /Use Group14/);
    assert.match(dh.message, /13868/);
  });

  it('fix: the baseline value in PowerShell spelling; fix-all yields the baseline', () => {
    const text = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA196 -CipherTransformConstants DES3 -DHGroup Group2 -EncryptionMethod DES3 -IntegrityCheckMethod SHA1 -PfsGroup PFS2048\n${RESTART}`;
    assert.equal(psApplyFix(text, 'ps-weak-crypto', undefined, 2), text.replace('Group2', 'Group14'));
    const fixed = psFixAll(text);
    assert.equal(
      fixed,
      `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\n${RESTART}`,
    );
    assert.deepEqual(psLint(fixed), []);
  });

  it('reports weak values on the client cmdlet and follows a GCM cipher for the ESP integrity fix', () => {
    const text =
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -AuthenticationTransformConstants SHA196 -CipherTransformConstants GCMAES256 -DHGroup Group14 -EncryptionMethod AES256 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n';
    const [f] = psFindings(text, 'ps-weak-crypto');
    assert.equal(f.text, 'SHA196');
    const fixed = psApplyFix(text, 'ps-weak-crypto');
    assert.equal(fixed, text.replace('SHA196', 'GCMAES256'));
    assert.deepEqual(psLint(fixed), []);
  });

  it('does not flag AES256 (a choice of speed, not a weakness), GCM integrity with no separate ESP transform, or group 24 hints', () => {
    const text = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants None -CipherTransformConstants GCMAES128 -DHGroup ECP256 -EncryptionMethod AES256 -IntegrityCheckMethod SHA384 -PfsGroup ECP256\n${RESTART}`;
    assert.deepEqual(psFindings(text, 'ps-weak-crypto'), []);
    const group24 = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group24 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS24\n${RESTART}`;
    assert.deepEqual(psFindings(group24, 'ps-weak-crypto'), []);
  });

  it('flags ESP without integrity when the cipher is not GCM', () => {
    const text =
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -AuthenticationTransformConstants None -CipherTransformConstants AES256 -DHGroup ECP384 -EncryptionMethod AES256 -IntegrityCheckMethod SHA384 -PfsGroup ECP384 -Force\n';
    const found = psFindings(text, 'ps-weak-crypto');
    assert.deepEqual(
      found.map((f) => f.text),
      ['None'],
    );
    assert.equal(found[0].range, '0:90-0:94');
  });

  it('reports -PfsGroup None on the server and the client cmdlet, as weak-crypto does for <PfsGroup>None (Hicks, "Always On VPN IKEv2 Security Configuration": PFS2048 baseline)', () => {
    const server = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup None\n${RESTART}`;
    const [f, ...rest] = psFindings(server, 'ps-weak-crypto');
    assert.equal(rest.length, 0);
    assert.equal(f.text, 'None');
    assert.equal(f.range, `0:${server.indexOf('None')}-0:${server.indexOf('None') + 4}`);
    assert.equal(f.severity, 2);
    assert.match(f.message, /None for -PfsGroup \(Set-VpnServerConfiguration\) is weak: No perfect forward secrecy/);
    assert.match(f.message, /Use PFS2048/);
    assert.doesNotMatch(f.message, /seed|Not a ProfileXML value/);
    assert.equal(psApplyFix(server, 'ps-weak-crypto'), server.replace('-PfsGroup None', '-PfsGroup PFS2048'));
    assert.deepEqual(psLint(psApplyFix(server, 'ps-weak-crypto')), []);
    // The old command name, an abbreviation and a quoted value: still the same parameter and value.
    const old =
      "Set-VpnServerIPsecConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PFS 'none'\n" +
      RESTART;
    assert.equal(psApplyFix(old, 'ps-weak-crypto'), old.replace("'none'", "'PFS2048'"));
    const client =
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -AuthenticationTransformConstants GCMAES256 -CipherTransformConstants GCMAES256 -DHGroup ECP384 -EncryptionMethod GCMAES256 -IntegrityCheckMethod SHA384 -PfsGroup None -Force\n';
    assert.deepEqual(
      psFindings(client, 'ps-weak-crypto').map((x) => x.text),
      ['None'],
    );
    assert.equal(psApplyFix(client, 'ps-weak-crypto'), client.replace('-PfsGroup None', '-PfsGroup PFS2048'));
  });

  it('does not report a strong PFS group, nor PFSMM (the main-mode group)', () => {
    for (const pfs of ['PFS2048', 'ECP256', 'ECP384', 'PFSMM']) {
      const text = `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup ${pfs}\n${RESTART}`;
      assert.deepEqual(psFindings(text, 'ps-weak-crypto'), [], pfs);
    }
  });

  it('reports -TunnelType Pptp and L2tp with Ikev2 as the fix', () => {
    const text =
      'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType Pptp\nSet-VpnConnection -Name VPN -TunnelType L2tp\n';
    const found = psFindings(text, 'ps-weak-crypto');
    assert.deepEqual(
      found.map((f) => f.text),
      ['Pptp', 'L2tp'],
    );
    assert.match(found[0].message, /obsolete/);
    assert.match(found[1].message, /legacy/);
    const fixed = psApplyFix(text, 'ps-weak-crypto');
    assert.equal(fixed, text.replace('Pptp', 'Ikev2'));
    assert.deepEqual(
      psFindings(fixed, 'ps-weak-crypto').map((f) => f.text),
      ['L2tp'],
    );
  });

  it('reports password-only authentication methods (no automatic fix) and encryption that is not required', () => {
    const text =
      'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType Sstp -AuthenticationMethod MSChapv2 -EncryptionLevel Optional\n';
    const found = psFindings(text, 'ps-weak-crypto');
    assert.deepEqual(
      found.map((f) => f.text),
      ['MSChapv2', 'Optional'],
    );
    assert.match(found[0].message, /password/i);
    assert.deepEqual(psFixes(text, 'ps-weak-crypto', 0), []);
    const fixed = psApplyFix(text, 'ps-weak-crypto', undefined, 1);
    assert.equal(fixed, text.replace('Optional', 'Required'));
    assert.deepEqual(
      psFindings(fixed, 'ps-weak-crypto').map((f) => f.text),
      ['MSChapv2'],
    );
    const server = `Set-VpnServerConfiguration -EncryptionType OptionalEncryption\n${RESTART}`;
    const fixedServer = psApplyFix(server, 'ps-weak-crypto');
    assert.equal(fixedServer, `Set-VpnServerConfiguration -EncryptionType RequireEncryption\n${RESTART}`);
    assert.deepEqual(psLint(fixedServer), []);
  });

  it('can be silenced for one line with a suppression comment', () => {
    const text = `# aovpn-disable-next-line ps-weak-crypto\nSet-VpnServerConfiguration -EncryptionType OptionalEncryption\n${RESTART}`;
    assert.deepEqual(psFindings(text, 'ps-weak-crypto'), []);
  });

  it('accepts the baseline and EAP / certificate methods', () => {
    const text =
      'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType Ikev2 -AuthenticationMethod Eap -EncryptionLevel Required -EapConfigXmlStream $eap\n' +
      'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n';
    assert.deepEqual(psLint(text), []);
  });
});

describe('ps-cleartext-secret', () => {
  it('reports a literal pre-shared key without echoing it', () => {
    const text = "Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType L2tp -L2tpPsk 'Sup3rS3cret!' -Force\n";
    const [f, ...rest] = psFindings(text, 'ps-cleartext-secret');
    assert.equal(rest.length, 0);
    assert.equal(f.text, "'Sup3rS3cret!'");
    assert.equal(f.source, 'aovpn-powershell');
    assert.match(f.message, /-L2tpPsk of Add-VpnConnection/);
    assert.match(f.message, /clear text/);
    assert.doesNotMatch(f.message, /Sup3rS3cret/);
    assert.deepEqual(psFixes(text, 'ps-cleartext-secret'), []);
  });

  it('follows a variable to its literal, and ConvertTo-SecureString -AsPlainText', () => {
    const text =
      "$secret = 'RadiusKey123'\n" +
      'Set-VpnAuthType -Type ExternalRadius -RadiusServer nps.example.net -SharedSecret $secret\n' +
      "$password = ConvertTo-SecureString 'P@ssw0rd' -AsPlainText -Force\n" +
      "$cred = New-Object System.Management.Automation.PSCredential('admin', $password)\n" +
      ".\\Enable-SstpOffload.ps1 -CertificateHash $hash -Credential (New-Object PSCredential 'admin', (ConvertTo-SecureString 'Inline1' -AsPlainText -Force))\n" +
      'Set-VpnConnectionUsernamePassword -connectionname VPN -username user -password "Pa55"\n';
    const found = psFindings(text, 'ps-cleartext-secret');
    assert.deepEqual(
      found.map((f) => f.text),
      ["'RadiusKey123'", "'Inline1'", '"Pa55"'],
    );
    assert.match(found[0].message, /through \$secret/);
    assert.match(found[1].message, /ConvertTo-SecureString -AsPlainText/);
    for (const f of found) assert.doesNotMatch(f.message, /RadiusKey|Inline1|Pa55/);
  });

  it('leaves secrets read at run time alone', () => {
    const text =
      "$psk = Read-Host -Prompt 'PSK'\n" +
      'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType L2tp -L2tpPsk $psk -Force\n' +
      'Set-VpnAuthType -Type ExternalRadius -RadiusServer nps.example.net -SharedSecret $env:RADIUS_SECRET\n';
    assert.deepEqual(psFindings(text, 'ps-cleartext-secret'), []);
  });
});

describe('ps-revert-to-default', () => {
  it('informs that -RevertToDefault restores the weak defaults, at the parameter', () => {
    const text = 'Set-VpnServerConfiguration -RevertToDefault\nRestart-Service RemoteAccess -PassThru\n';
    const [f] = psFindings(text, 'ps-revert-to-default');
    assert.equal(f.text, '-RevertToDefault');
    assert.equal(f.severity, 3);
    assert.equal(f.source, 'aovpn-powershell');
    assert.match(f.message, /3DES, SHA-1, DH group 2/);
    assert.match(f.message, /every client/);
    const client = psFindings('Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -Force\n', 'ps-revert-to-default');
    assert.match(client[0].message, /the server/);
  });

  it('is silent for a custom policy and for -RevertToDefault:$false', () => {
    assert.deepEqual(
      psFindings('Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault:$false -Force\n', 'ps-revert-to-default'),
      [],
    );
    assert.deepEqual(
      psFindings(
        `Set-VpnServerConfiguration -CustomPolicy -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 -DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048\n${RESTART}`,
        'ps-revert-to-default',
      ),
      [],
    );
  });
});

describe('ps-confirm-prompt', () => {
  it('warns about a prompting cmdlet without -Force, at the command name', () => {
    const text = "Remove-VpnConnection -Name 'Always On VPN' -AllUserConnection\n";
    const [f] = psFindings(text, 'ps-confirm-prompt');
    assert.equal(f.text, 'Remove-VpnConnection');
    assert.equal(f.severity, 2);
    assert.match(f.message, /asks for confirmation/);
    assert.match(f.message, /unattended/);
  });

  it('fix: appends -Force; the finding is gone', () => {
    const text = "Remove-VpnConnection -Name 'Always On VPN' -AllUserConnection | Out-Null\n";
    const fixed = psApplyFix(text, 'ps-confirm-prompt');
    assert.equal(fixed, "Remove-VpnConnection -Name 'Always On VPN' -AllUserConnection -Force | Out-Null\n");
    assert.deepEqual(psLint(fixed), []);
  });

  it('fix: -Force:$false becomes -Force', () => {
    const text = 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -Force:$false\n';
    const fixed = psApplyFix(text, 'ps-confirm-prompt');
    assert.equal(fixed, 'Set-VpnConnectionIPsecConfiguration -ConnectionName VPN -RevertToDefault -Force\n');
    assert.deepEqual(psFindings(fixed, 'ps-confirm-prompt'), []);
  });

  it('Add-VpnConnection prompts only about a pre-shared key', () => {
    const withPsk = 'Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType L2tp -L2tpPsk $psk\n';
    assert.equal(psFindings(withPsk, 'ps-confirm-prompt').length, 1);
    assert.deepEqual(psFindings('Add-VpnConnection -Name VPN -ServerAddress vpn.example.net -TunnelType Ikev2\n', 'ps-confirm-prompt'), []);
  });

  it('is silent with -Force, -Confirm:$false, -WhatIf, a splatted Force, and for cmdlets that do not prompt', () => {
    const text =
      'Remove-VpnConnection -Name VPN -Force\n' +
      'Remove-VpnConnection -Name VPN -Confirm:$false\n' +
      'Remove-VpnConnection -Name VPN -WhatIf\n' +
      "$r = @{ Name = 'VPN'; Force = $true }\nRemove-VpnConnection @r\n" +
      'Remove-VpnConnection @unknown\n' +
      "Add-VpnConnectionRoute -ConnectionName VPN -DestinationPrefix '10.0.0.0/8'\n";
    assert.deepEqual(psFindings(text, 'ps-confirm-prompt'), []);
  });
});

// Regression found by the safe-edit property test (test/corpus/fixRoundtrip.test.ts).
describe('ps-confirm-prompt: no -Force written into an unclosed construct', () => {
  it('offers no "Add -Force" when the command ends inside an unclosed hashtable', () => {
    const text = "Remove-VpnConnection -Name 'Contoso VPN' -Foo @{ a = 1\n";
    assert.equal(psFindings(text, 'ps-confirm-prompt').length, 1);
    assert.deepEqual(psFixes(text, 'ps-confirm-prompt'), []);
  });
  it('offers no "Add -Force" when -Force is written but not bound (fix-all appended one more on every pass)', () => {
    const text =
      "Set-VpnConnectionIPsecConfiguration -ConnectionName 'x' -AuthenticationTransformConstants SHA256128 -CipherTransformConstants AES128 a{DHGroup Group14 -EncryptionMethod AES128 -IntegrityCheckMethod SHA256 -PfsGroup PFS2048 -Force\n";
    assert.equal(psFindings(text, 'ps-confirm-prompt').length, 1);
    assert.deepEqual(psFixes(text, 'ps-confirm-prompt'), []);
  });
});

describe('disable-for-this-line on a line that begins inside a string', () => {
  it('is not offered there (the comment would become string content), but is offered on ordinary lines', () => {
    const offered = (text: string): string[] => {
      const d = TextDocument.create('file:///suppress-in-string.ps1', 'powershell', 1, text);
      const found = service.validate(d).find((x) => x.code === 'ps-weak-crypto');
      assert.ok(found, text);
      return service.codeActions(d, found.range, { diagnostics: [found], only: ['quickfix'] }).map((a) => a.title);
    };
    const inString = 'Add-VpnConnection -Name "Corp\nVPN" -ServerAddress vpn.example.com -TunnelType Pptp -Force\n';
    assert.ok(!offered(inString).includes('Disable ps-weak-crypto for this line'));
    assert.ok(offered(inString).includes('Change to Ikev2'), 'the real fix is still offered');
    const ordinary = 'Add-VpnConnection -Name "Corp VPN" -ServerAddress vpn.example.com -TunnelType Pptp -Force\n';
    assert.ok(offered(ordinary).includes('Disable ps-weak-crypto for this line'));
  });
});
